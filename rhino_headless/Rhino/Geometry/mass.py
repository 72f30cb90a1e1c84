"""Area, volume and length mass properties: planar closed curves here (Green's theorem), breps,
surfaces and meshes through geomath.surfaces / geomath.meshes. What those cannot do exactly
(trimmed curved faces) raises NeedsRhinoError."""
import rhino3dm as _r

from ...errors import NeedsRhinoError
from ...geomath import curves as _gc
from .native import add_members
from .points import Point3d


def _mesh_arrays(mesh):
    from ...geomath import meshes
    verts = [(p.X, p.Y, p.Z) for p in mesh.Vertices]
    faces = [mesh.Faces[i] for i in range(len(mesh.Faces))]
    return meshes.as_arrays(verts, faces)


def _as_brep(geometry):
    if isinstance(geometry, _r.Brep):
        return geometry
    if isinstance(geometry, _r.Extrusion):
        return geometry.ToBrep(True)
    if isinstance(geometry, _r.Surface):
        return _r.Brep.CreateFromSurface(geometry)
    return None


def _kernel(what, exc=None):
    return NeedsRhinoError(what, "Rhino's mass properties (%s)" % exc if exc else "Rhino's mass properties")


class AreaMassProperties(object):
    """Area and Centroid. Compute() returns None for open or non-planar curves, as RhinoCommon
    does; breps, surfaces and meshes use geomath; trimmed curved faces raise NeedsRhinoError."""

    def __init__(self, area, centroid):
        self.Area = float(area)
        self.Centroid = Point3d(*[float(c) for c in centroid])
        self.AreaError = abs(self.Area) * 1e-12
        self.CentroidError = Point3d(0.0, 0.0, 0.0)

    @staticmethod
    def Compute(geometry, *args):
        if isinstance(geometry, (list, tuple)):
            raise NeedsRhinoError("AreaMassProperties.Compute(list)")
        if isinstance(geometry, _r.Curve):
            result = _gc.area_centroid(geometry)
            if result is None:
                return None
            area, centroid, _ = result
            return AreaMassProperties(area, centroid)
        if isinstance(geometry, _r.Mesh):
            from ...geomath import meshes
            centroid, area = meshes.area_centroid(*_mesh_arrays(geometry))
            return AreaMassProperties(area, centroid)
        brep = _as_brep(geometry)
        if brep is None:
            raise NeedsRhinoError("AreaMassProperties.Compute(%s)" % type(geometry).__name__)
        from ...geomath import surfaces
        try:
            area, centroid = surfaces.brep_area_centroid(brep)
        except surfaces.TrimmedFaceError as e:
            raise _kernel("AreaMassProperties.Compute", e)
        return AreaMassProperties(area, centroid)


class VolumeMassProperties(object):
    """Volume and Centroid of a closed brep, extrusion or mesh."""

    def __init__(self, volume, centroid):
        self.Volume = float(volume)
        self.Centroid = Point3d(*[float(c) for c in centroid])
        self.VolumeError = abs(self.Volume) * 1e-12

    @staticmethod
    def Compute(geometry, *args):
        if isinstance(geometry, _r.Mesh):
            if not geometry.IsClosed:
                return None
            from ...geomath import meshes
            centroid, volume = meshes.volume_centroid(*_mesh_arrays(geometry))
            return VolumeMassProperties(abs(volume), centroid)
        brep = _as_brep(geometry)
        if brep is None:
            raise NeedsRhinoError("VolumeMassProperties.Compute(%s)" % type(geometry).__name__)
        if not brep.IsSolid:
            return None
        from ...geomath import surfaces
        try:
            volume, centroid = surfaces.brep_volume_centroid(brep)
        except surfaces.TrimmedFaceError as e:
            raise _kernel("VolumeMassProperties.Compute", e)
        return VolumeMassProperties(volume, centroid)


class LengthMassProperties(object):
    """Length and centroid of a curve (the centroid by arc-length-weighted quadrature)."""

    def __init__(self, length, centroid):
        self.Length = length
        self.Centroid = Point3d(*centroid)

    @staticmethod
    def Compute(curve, *args):
        if not isinstance(curve, _r.Curve):
            raise NeedsRhinoError("LengthMassProperties.Compute(%s)" % type(curve).__name__)
        table = _gc.LengthTable(curve)
        sx = sy = sz = 0.0
        for a, b, _ in table.leaves:
            h, m = 0.5 * (b - a), 0.5 * (a + b)
            for x, w in zip(_gc._GL_X, _gc._GL_W):
                p, d = curve.DerivativeAt(m + h * x, 1)
                s = h * w * (d.X * d.X + d.Y * d.Y + d.Z * d.Z) ** 0.5
                sx, sy, sz = sx + s * p.X, sy + s * p.Y, sz + s * p.Z
        total = table.length
        if total == 0.0:
            return None
        return LengthMassProperties(total, (sx / total, sy / total, sz / total))


def _brep_area(self, *args):
    return AreaMassProperties.Compute(self).Area


def _brep_volume(self, *args):
    vmp = VolumeMassProperties.Compute(self)
    return vmp.Volume if vmp is not None else 0.0


# RhinoCommon has these on Brep only (not on Extrusion or Surface)
add_members(_r.Brep, GetArea=_brep_area, GetVolume=_brep_volume)
