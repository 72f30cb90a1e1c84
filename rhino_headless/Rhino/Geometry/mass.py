"""AreaMassProperties for planar closed curves (Green's theorem); other mass properties need Rhino."""
import rhino3dm as _r

from ...errors import NeedsRhinoError
from ...geomath import curves as _gc
from .points import Point3d


class AreaMassProperties(object):
    """Area and Centroid of a planar closed curve. Compute() returns None for open or non-planar
    curves, as RhinoCommon does; breps, surfaces and meshes raise NeedsRhinoError here."""

    def __init__(self, area, centroid):
        self.Area = area
        self.Centroid = Point3d(*centroid)
        self.AreaError = abs(area) * 1e-12
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
        raise NeedsRhinoError("AreaMassProperties.Compute(%s)" % type(geometry).__name__)


class VolumeMassProperties(object):
    @staticmethod
    def Compute(*args, **kwargs):
        raise NeedsRhinoError("VolumeMassProperties.Compute")


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
