"""ControlPoint and the RhinoCommon members of NURBS control-point lists.

rhino3dm stores and returns control points as homogeneous Point4d (w*x, w*y, w*z, w);
RhinoCommon's ControlPoint is a Euclidean location plus a weight. Points read from a list
(`crv.Points[i]`) are rhino3dm Point4d values, which get `.Location` and `.Weight` here.
"""
import rhino3dm as _r

from .native import add_members
from .points import Point3d


class ControlPoint(object):
    """ControlPoint(point), ControlPoint(point, weight), ControlPoint(x, y, z[, weight]),
    ControlPoint(Point4d homogeneous)."""

    def __init__(self, *args):
        if len(args) == 1 and isinstance(args[0], _r.Point4d):
            p = args[0]
            w = p.W if p.W else 1.0
            self.Location, self.Weight = Point3d(p.X / w, p.Y / w, p.Z / w), float(p.W)
        elif len(args) in (1, 2):
            p = args[0]
            self.Location = Point3d(p.X, p.Y, p.Z) if hasattr(p, "X") else Point3d(*p)
            self.Weight = float(args[1]) if len(args) == 2 else 1.0
        elif len(args) in (3, 4):
            self.Location = Point3d(args[0], args[1], args[2])
            self.Weight = float(args[3]) if len(args) == 4 else 1.0
        else:
            raise TypeError("ControlPoint(point[, weight]) or ControlPoint(x, y, z[, weight])")

    @property
    def X(self):
        return self.Location.X

    @property
    def Y(self):
        return self.Location.Y

    @property
    def Z(self):
        return self.Location.Z

    def _homogeneous(self):
        w = self.Weight
        p = self.Location
        return _r.Point4d(p.X * w, p.Y * w, p.Z * w, w)

    def __repr__(self):
        return "ControlPoint(%s, w=%g)" % (self.Location, self.Weight)


def _to_point4d(args):
    """Point4d (homogeneous) from (ControlPoint) | (point[, weight]) | (x, y, z[, weight])."""
    if len(args) == 1 and isinstance(args[0], ControlPoint):
        return args[0]._homogeneous()
    if len(args) == 1 and isinstance(args[0], _r.Point4d):
        return args[0]
    return ControlPoint(*args)._homogeneous()


def _curve_set_point(self, index, *args):
    self[index] = _to_point4d(args)
    return True


def _curve_get_point(self, index):
    """(True, Euclidean Point3d) as RhinoCommon's out-parameter form returns it."""
    return True, self[index].Location


def _curve_set_weight(self, index, weight):
    loc = self[index].Location
    self[index] = ControlPoint(loc, weight)._homogeneous()
    return True


def _surface_set_point(self, u, v, *args):
    self[(u, v)] = _to_point4d(args)
    return True


def _location(p):
    w = p.W if p.W else 1.0
    return Point3d(p.X / w, p.Y / w, p.Z / w)


add_members(_r.Point4d, Location=property(_location), Weight=property(lambda p: p.W))
add_members(_r.NurbsCurvePointList, SetPoint=_curve_set_point,
            GetPoint=_curve_get_point, SetWeight=_curve_set_weight,
            GetWeight=lambda self, index: self[index].W)
add_members(_r.NurbsSurfacePointList, SetPoint=_surface_set_point, SetControlPoint=_surface_set_point,
            SetWeight=lambda self, u, v, w: _surface_set_point(self, u, v, self[(u, v)].Location, w),
            GetWeight=lambda self, u, v: self[(u, v)].W)
