"""Synthetic task families written by the project (registered on import)."""
