"""Headless stand-in for the `Rhino` namespace of RhinoCommon (the parts scripts use most)."""
from . import Geometry  # noqa: F401
