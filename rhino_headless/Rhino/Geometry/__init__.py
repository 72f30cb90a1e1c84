"""Headless stand-in for `Rhino.Geometry`: RhinoCommon value types over rhino3dm."""
