"""Numerical geometry rhino3dm lacks: curve length, division, closest point, planar areas,
interpolation (curves.py), plane fitting (planes.py); surfaces.py and meshes.py beside them."""
