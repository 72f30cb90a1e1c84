"""Hosts: where a script runs (Rhino, the headless document, a live Rhino over the bridge)."""
