"""Rhino.Geometry.Plane with RhinoCommon's constructors, statics and queries."""
import rhino3dm as _r

from .native import ShimType, static, add_members
from .points import Point3d, Vector3d, _dot, _length


class Plane(_r.Plane, metaclass=ShimType):
    """Plane(), Plane(other), Plane(origin, normal), Plane(origin, x_axis, y_axis),
    Plane(origin, x_point, y_point), Plane(a, b, c, d)."""
    _native = _r.Plane

    def __init__(self, *args):
        n = len(args)
        if n == 0:
            _r.Plane.__init__(self)
        elif n == 1 and isinstance(args[0], _r.Plane):
            o, x, y = args[0].Origin, args[0].XAxis, args[0].YAxis
            _r.Plane.__init__(self, o, x, y)
        elif n == 2:
            _r.Plane.__init__(self, _point(args[0]), _vector(args[1]))
        elif n == 3:
            origin = _point(args[0])
            if isinstance(args[1], _r.Vector3d):
                _r.Plane.__init__(self, origin, _vector(args[1]), _vector(args[2]))
            else:
                _r.Plane.__init__(self, origin, _point(args[1]), _point(args[2]))
        elif n == 4:
            _r.Plane.__init__(self, *[float(a) for a in args])
        else:
            raise TypeError("Plane() takes 0 to 4 arguments (%d given)" % n)

    WorldXY = static(lambda: Plane(Point3d(0, 0, 0), Vector3d(1, 0, 0), Vector3d(0, 1, 0)))
    WorldYZ = static(lambda: Plane(Point3d(0, 0, 0), Vector3d(0, 1, 0), Vector3d(0, 0, 1)))
    WorldZX = static(lambda: Plane(Point3d(0, 0, 0), Vector3d(0, 0, 1), Vector3d(1, 0, 0)))
    Unset = static(lambda: _unset_plane())

    @staticmethod
    def FitPlaneToPoints(points):
        """(PlaneFitResult-like int 0 success / -1 failure, plane): least-squares plane."""
        from ...geomath.planes import fit_plane
        plane = fit_plane(points)
        return (0, plane) if plane is not None else (-1, Plane.Unset)


def _unset_plane():
    p = Plane()
    u = -1.23432101234321e+308
    p.Origin = Point3d(u, u, u)
    return p


def _point(p):
    if isinstance(p, _r.Point3d):
        return p
    return Point3d(*p) if len(p) == 3 else Point3d(p[0], p[1], 0.0)


def _vector(v):
    if isinstance(v, _r.Vector3d):
        return v
    if isinstance(v, _r.Point3d):
        return Vector3d(v.X, v.Y, v.Z)
    return Vector3d(*v)


# ---------------------------------------------------------------------------- members on rhino3dm

def _closest_point(self, point):
    o, z = self.Origin, self.ZAxis
    d = (point.X - o.X) * z.X + (point.Y - o.Y) * z.Y + (point.Z - o.Z) * z.Z
    return Point3d(point.X - d * z.X, point.Y - d * z.Y, point.Z - d * z.Z)


def _distance_to(self, point):
    """Signed distance, positive on the normal side."""
    o, z = self.Origin, self.ZAxis
    return (point.X - o.X) * z.X + (point.Y - o.Y) * z.Y + (point.Z - o.Z) * z.Z


def _closest_parameter(self, point):
    o = self.Origin
    v = Vector3d(point.X - o.X, point.Y - o.Y, point.Z - o.Z)
    return True, _dot(v, self.XAxis), _dot(v, self.YAxis)


def _remap(self, point):
    o = self.Origin
    v = Vector3d(point.X - o.X, point.Y - o.Y, point.Z - o.Z)
    return True, Point3d(_dot(v, self.XAxis), _dot(v, self.YAxis), _dot(v, self.ZAxis))


def _point_at(self, u, v, w=0.0):
    o, x, y, z = self.Origin, self.XAxis, self.YAxis, self.ZAxis
    return Point3d(o.X + u * x.X + v * y.X + w * z.X, o.Y + u * x.Y + v * y.Y + w * z.Y,
                   o.Z + u * x.Z + v * y.Z + w * z.Z)


def _set_frame(self, origin, x, y):
    """Write a frame back (re-orthonormalised by rhino3dm's constructor)."""
    fresh = _r.Plane(origin, x, y)
    self.Origin, self.XAxis, self.YAxis, self.ZAxis = fresh.Origin, fresh.XAxis, fresh.YAxis, fresh.ZAxis


def _transform(self, xform):
    """In place, returns True (RhinoCommon)."""
    o = Point3d(self.Origin).Transform(xform)
    x = _point_at(self, 1, 0).Transform(xform) - o
    y = _point_at(self, 0, 1).Transform(xform) - o
    if _length(x) == 0.0 or _length(y) == 0.0:
        return False
    _set_frame(self, o, x, y)
    return True


def _rotate(self, angle, axis, center=None):
    """In place about `axis` through `center` (default origin of the plane); True on success."""
    from .transform import Transform
    if center is None:
        center = self.Origin
    return _transform(self, Transform.Rotation(angle, axis, center))


def _translate(self, delta):
    o = self.Origin
    self.Origin = Point3d(o.X + delta.X, o.Y + delta.Y, o.Z + delta.Z)
    return True


def _flip(self):
    x, y = Vector3d(self.XAxis), Vector3d(self.YAxis)
    self.XAxis, self.YAxis, self.ZAxis = y, x, -Vector3d(self.ZAxis)


def _equation(self):
    z, o = self.ZAxis, self.Origin
    return [z.X, z.Y, z.Z, -(z.X * o.X + z.Y * o.Y + z.Z * o.Z)]


def _plane_eq(self, other):
    return (isinstance(other, _r.Plane) and self.Origin == other.Origin and self.XAxis == other.XAxis
            and self.YAxis == other.YAxis and self.ZAxis == other.ZAxis)


def _plane_str(self):
    return "Origin=%s XAxis=%s, YAxis=%s, ZAxis=%s" % (self.Origin, self.XAxis, self.YAxis, self.ZAxis)


def _plane_getitem(self, i):
    """rhinoscriptsyntax lets scripts index a plane: [origin, x axis, y axis, z axis]."""
    return (self.Origin, self.XAxis, self.YAxis, self.ZAxis)[i]


def _is_valid(self):
    o, x, y, z = self.Origin, self.XAxis, self.YAxis, self.ZAxis
    if not Point3d(o).IsValid:
        return False
    return (abs(_length(x) - 1.0) < 1e-8 and abs(_length(y) - 1.0) < 1e-8
            and abs(_dot(x, y)) < 1e-8 and abs(_length(z) - 1.0) < 1e-8)


add_members(_r.Plane, Normal=property(lambda self: Vector3d(self.ZAxis)),
            ClosestPoint=_closest_point, DistanceTo=_distance_to, ClosestParameter=_closest_parameter,
            RemapToPlaneSpace=_remap, Transform=_transform, Translate=_translate, Flip=_flip,
            GetPlaneEquation=_equation, __eq__=_plane_eq, __ne__=lambda s, o: not _plane_eq(s, o),
            __str__=_plane_str, __repr__=_plane_str, __getitem__=_plane_getitem, __len__=lambda self: 4,
            IsValid=property(_is_valid), Clone=lambda self: Plane(self),
            ValueAt=lambda self, p: _distance_to(self, p))
# RhinoCommon's PointAt(u, v[, w]) and in-place Rotate; our shim Plane uses them
Plane.PointAt = _point_at
Plane.Rotate = _rotate
