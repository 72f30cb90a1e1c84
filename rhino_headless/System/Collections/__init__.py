"""Headless `System.Collections`."""
from . import Generic  # noqa: F401
