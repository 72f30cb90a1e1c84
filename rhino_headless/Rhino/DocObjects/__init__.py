"""Headless stand-in for `Rhino.DocObjects`."""
