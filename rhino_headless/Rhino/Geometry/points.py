"""Point3d, Point3f, Point2d, Vector3d, Vector3f, Vector2d with RhinoCommon behaviour.

Pure-Python float math: a single point never goes through numpy.
"""
import math

import rhino3dm as _r

from .native import ShimType, static, CallableFloat, add_members, replace_member

_ZERO_TOL = 2.3283064365386963e-10  # RhinoMath.ZeroTolerance
_UNSET = -1.23432101234321e+308      # RhinoMath.UnsetValue


def _xyz(obj):
    """(x, y, z) of a point, vector or 2-3 number sequence; None if it is none of these."""
    if isinstance(obj, (_r.Point3d, _r.Vector3d, _r.Point3f, _r.Vector3f)):
        return obj.X, obj.Y, obj.Z
    if isinstance(obj, (_r.Point2d, _r.Vector2d)):
        return obj.X, obj.Y, 0.0
    return None


def _is_number(x):
    return isinstance(x, (int, float)) and not isinstance(x, bool)


# ---------------------------------------------------------------------------- shim classes

class Point3d(_r.Point3d, metaclass=ShimType):
    """Rhino.Geometry.Point3d: Point3d(x, y, z), Point3d(point_or_vector)."""
    _native = _r.Point3d

    def __init__(self, *args):
        if len(args) == 3:
            _r.Point3d.__init__(self, float(args[0]), float(args[1]), float(args[2]))
        elif len(args) == 0:
            _r.Point3d.__init__(self, 0.0, 0.0, 0.0)
        elif len(args) == 1:
            xyz = _xyz(args[0])
            if xyz is None and isinstance(args[0], _r.Point4d):
                w = args[0].W or 1.0
                xyz = (args[0].X / w, args[0].Y / w, args[0].Z / w)
            if xyz is None:
                raise TypeError("Point3d() takes x, y, z or a point/vector, not %r" % (args[0],))
            _r.Point3d.__init__(self, *xyz)
        else:
            raise TypeError("Point3d() takes 0, 1 or 3 arguments (%d given)" % len(args))

    Origin = static(lambda: Point3d(0.0, 0.0, 0.0))
    Unset = static(lambda: Point3d(_UNSET, _UNSET, _UNSET))

    @staticmethod
    def Add(a, b):
        return a + b

    @staticmethod
    def Subtract(a, b):
        return a - b

    @staticmethod
    def Multiply(a, b):
        return a * b if _is_number(b) else b * a

    @staticmethod
    def Divide(a, t):
        return a / t

    @staticmethod
    def FromPoint3f(p):
        return Point3d(p.X, p.Y, p.Z)

    @staticmethod
    def CullDuplicates(points, tolerance):
        """Points with no earlier point within tolerance, in input order."""
        kept = []
        for p in points:
            if all(p.DistanceTo(q) > tolerance for q in kept):
                kept.append(Point3d(p.X, p.Y, p.Z))
        return kept

    @staticmethod
    def SortAndCullPointList(points, tolerance):
        """Points in a reasonable polyline order: nearest-neighbour walk, duplicates removed."""
        pts = Point3d.CullDuplicates(points, tolerance)
        if not pts:
            return pts
        rest = pts[1:]
        order = [pts[0]]
        while rest:
            last = order[-1]
            i = min(range(len(rest)), key=lambda k: last.DistanceTo(rest[k]))
            order.append(rest.pop(i))
        return order


class Vector3d(_r.Vector3d, metaclass=ShimType):
    """Rhino.Geometry.Vector3d: Vector3d(x, y, z), Vector3d(point_or_vector)."""
    _native = _r.Vector3d

    def __init__(self, *args):
        if len(args) == 3:
            _r.Vector3d.__init__(self, float(args[0]), float(args[1]), float(args[2]))
        elif len(args) == 0:
            _r.Vector3d.__init__(self, 0.0, 0.0, 0.0)
        elif len(args) == 1:
            xyz = _xyz(args[0])
            if xyz is None:
                raise TypeError("Vector3d() takes x, y, z or a point/vector, not %r" % (args[0],))
            _r.Vector3d.__init__(self, *xyz)
        else:
            raise TypeError("Vector3d() takes 0, 1 or 3 arguments (%d given)" % len(args))

    XAxis = static(lambda: Vector3d(1.0, 0.0, 0.0))
    YAxis = static(lambda: Vector3d(0.0, 1.0, 0.0))
    ZAxis = static(lambda: Vector3d(0.0, 0.0, 1.0))
    Zero = static(lambda: Vector3d(0.0, 0.0, 0.0))
    Unset = static(lambda: Vector3d(_UNSET, _UNSET, _UNSET))

    @staticmethod
    def CrossProduct(a, b):
        return Vector3d(a.Y * b.Z - a.Z * b.Y, a.Z * b.X - a.X * b.Z, a.X * b.Y - a.Y * b.X)

    @staticmethod
    def Multiply(a, b):
        return a * b if _is_number(b) or not _is_number(a) else b * a

    @staticmethod
    def Add(a, b):
        return a + b

    @staticmethod
    def Subtract(a, b):
        return a - b

    @staticmethod
    def Negate(a):
        return -a

    @staticmethod
    def Divide(a, t):
        return a / t

    @staticmethod
    def VectorAngle(a, b, plane_or_normal=None):
        """Angle in radians in [0, pi]; with a plane or normal, signed into [0, 2*pi)."""
        la, lb = _length(a), _length(b)
        if la <= _ZERO_TOL or lb <= _ZERO_TOL:
            return _UNSET
        if plane_or_normal is None:
            return _angle(a, b)
        normal = plane_or_normal.ZAxis if isinstance(plane_or_normal, _r.Plane) else plane_or_normal
        if isinstance(plane_or_normal, _r.Plane):
            # project into the plane first (RhinoCommon does)
            pa = Vector3d(_dot(a, plane_or_normal.XAxis), _dot(a, plane_or_normal.YAxis), 0.0)
            pb = Vector3d(_dot(b, plane_or_normal.XAxis), _dot(b, plane_or_normal.YAxis), 0.0)
            ang = math.atan2(pb.Y, pb.X) - math.atan2(pa.Y, pa.X)
            return ang % (2.0 * math.pi)
        ang = _angle(a, b)
        if _dot(Vector3d.CrossProduct(a, b), normal) < 0.0:
            ang = 2.0 * math.pi - ang
        return ang


class Point3f(_r.Point3f, metaclass=ShimType):
    _native = _r.Point3f

    def __init__(self, x=0.0, y=0.0, z=0.0):
        _r.Point3f.__init__(self, float(x), float(y), float(z))

    Origin = static(lambda: Point3f(0.0, 0.0, 0.0))


class Vector3f(_r.Vector3f, metaclass=ShimType):
    _native = _r.Vector3f

    def __init__(self, x=0.0, y=0.0, z=0.0):
        _r.Vector3f.__init__(self, float(x), float(y), float(z))


class Point2d(_r.Point2d, metaclass=ShimType):
    _native = _r.Point2d

    def __init__(self, *args):
        if len(args) == 1:
            args = (args[0].X, args[0].Y)
        x, y = args if args else (0.0, 0.0)
        _r.Point2d.__init__(self, float(x), float(y))

    Origin = static(lambda: Point2d(0.0, 0.0))


class Vector2d(_r.Vector2d, metaclass=ShimType):
    _native = _r.Vector2d

    def __init__(self, x=0.0, y=0.0):
        _r.Vector2d.__init__(self, float(x), float(y))


# ---------------------------------------------------------------------------- shared math

def _dot(a, b):
    return a.X * b.X + a.Y * b.Y + a.Z * b.Z


def _length(v):
    return math.sqrt(v.X * v.X + v.Y * v.Y + v.Z * v.Z)


def _angle(a, b):
    """Angle between two non-zero vectors, stable near 0 and pi."""
    la, lb = _length(a), _length(b)
    ux, uy, uz = a.X / la, a.Y / la, a.Z / la
    vx, vy, vz = b.X / lb, b.Y / lb, b.Z / lb
    d = ux * vx + uy * vy + uz * vz
    if -0.8 < d < 0.8:
        return math.acos(d)
    if d < 0.0:
        return math.pi - 2.0 * math.asin(math.sqrt((ux + vx) ** 2 + (uy + vy) ** 2 + (uz + vz) ** 2) * 0.5)
    return 2.0 * math.asin(math.sqrt((ux - vx) ** 2 + (uy - vy) ** 2 + (uz - vz) ** 2) * 0.5)


# ---------------------------------------------------------------------------- members for points

def _p_getitem(self, i):
    if i == 0 or i == -3:
        return self.X
    if i == 1 or i == -2:
        return self.Y
    if i == 2 or i == -1:
        return self.Z
    raise IndexError("Point index out of range: %r" % (i,))


def _p_setitem(self, i, value):
    if i in (0, -3):
        self.X = value
    elif i in (1, -2):
        self.Y = value
    elif i in (2, -1):
        self.Z = value
    else:
        raise IndexError("Point index out of range: %r" % (i,))


def _p_iter(self):
    yield self.X
    yield self.Y
    yield self.Z


def _p_len(self):
    return 3


def _p_sub(self, other):
    if isinstance(other, (_r.Point3d, _r.Point3f)):
        return Vector3d(self.X - other.X, self.Y - other.Y, self.Z - other.Z)
    if isinstance(other, (_r.Vector3d, _r.Vector3f)):
        return Point3d(self.X - other.X, self.Y - other.Y, self.Z - other.Z)
    return NotImplemented


def _p_add(self, other):
    xyz = _xyz(other)
    if xyz is None:
        return NotImplemented
    return Point3d(self.X + xyz[0], self.Y + xyz[1], self.Z + xyz[2])


def _p_mul(self, t):
    if _is_number(t):
        return Point3d(self.X * t, self.Y * t, self.Z * t)
    return NotImplemented


def _p_div(self, t):
    if _is_number(t):
        return Point3d(self.X / t, self.Y / t, self.Z / t)
    return NotImplemented


def _p_neg(self):
    return Point3d(-self.X, -self.Y, -self.Z)


def _p_eq(self, other):
    xyz = _xyz(other)
    if xyz is None or isinstance(other, (_r.Vector3d, _r.Vector3f)):
        return False
    return self.X == xyz[0] and self.Y == xyz[1] and self.Z == xyz[2]


def _p_hash(self):
    return hash((self.X, self.Y, self.Z))


def _p_is_valid(self):
    return all(math.isfinite(c) and c != _UNSET for c in (self.X, self.Y, self.Z))


def _p_epsilon_equals(self, other, epsilon):
    return (abs(self.X - other.X) <= epsilon and abs(self.Y - other.Y) <= epsilon
            and abs(self.Z - other.Z) <= epsilon)


def _p_compare_to(self, other):
    a, b = (self.X, self.Y, self.Z), (other.X, other.Y, other.Z)
    return (a > b) - (a < b)


def _p_distance_to(self, other):
    return math.sqrt((self.X - other.X) ** 2 + (self.Y - other.Y) ** 2 + (self.Z - other.Z) ** 2)


def _p_distance_sq(self, other):
    return (self.X - other.X) ** 2 + (self.Y - other.Y) ** 2 + (self.Z - other.Z) ** 2


def _p_transform(self, xform):
    """In place, as RhinoCommon does (returns self so rhino3dm-style `q = p.Transform(x)` works)."""
    x, y, z = self.X, self.Y, self.Z
    w = xform.M30 * x + xform.M31 * y + xform.M32 * z + xform.M33
    w = 1.0 / w if w else 1.0
    self.X = (xform.M00 * x + xform.M01 * y + xform.M02 * z + xform.M03) * w
    self.Y = (xform.M10 * x + xform.M11 * y + xform.M12 * z + xform.M13) * w
    self.Z = (xform.M20 * x + xform.M21 * y + xform.M22 * z + xform.M23) * w
    return self


add_members(_r.Point3d, __getitem__=_p_getitem, __setitem__=_p_setitem, __iter__=_p_iter,
            __len__=_p_len, __sub__=_p_sub, __truediv__=_p_div, __neg__=_p_neg,
            __rmul__=_p_mul, IsValid=property(_p_is_valid), EpsilonEquals=_p_epsilon_equals,
            CompareTo=_p_compare_to, DistanceToSquared=_p_distance_sq)
# our add/mul return the shim type; same results as rhino3dm's, also for tuples
Point3d.__add__ = _p_add
Point3d.__radd__ = _p_add
Point3d.__mul__ = _p_mul
Point3d.__eq__ = _p_eq
Point3d.__ne__ = lambda self, other: not _p_eq(self, other)
Point3d.__hash__ = _p_hash
Point3d.DistanceTo = _p_distance_to
Point3d.Transform = _p_transform

for _cls in (_r.Point3f, _r.Point2d, _r.Vector3f, _r.Vector2d):
    add_members(_cls, __iter__=(lambda self: iter((self.X, self.Y, self.Z)))
                if hasattr(_cls, "Z") else (lambda self: iter((self.X, self.Y))))
    add_members(_cls, __getitem__=lambda self, i: tuple(iter(self))[i],
                __len__=lambda self: len(tuple(iter(self))))
add_members(_r.Point2d, __sub__=lambda self, o: Vector2d(self.X - o.X, self.Y - o.Y))


# ---------------------------------------------------------------------------- members for vectors

def _v_add(self, other):
    if isinstance(other, (_r.Vector3d, _r.Vector3f)):
        return Vector3d(self.X + other.X, self.Y + other.Y, self.Z + other.Z)
    if isinstance(other, (_r.Point3d, _r.Point3f)):
        return Point3d(self.X + other.X, self.Y + other.Y, self.Z + other.Z)
    return NotImplemented


def _v_sub(self, other):
    if isinstance(other, (_r.Vector3d, _r.Vector3f)):
        return Vector3d(self.X - other.X, self.Y - other.Y, self.Z - other.Z)
    return NotImplemented


def _v_mul(self, other):
    if _is_number(other):
        return Vector3d(self.X * other, self.Y * other, self.Z * other)
    if isinstance(other, (_r.Vector3d, _r.Vector3f)):
        return self.X * other.X + self.Y * other.Y + self.Z * other.Z
    return NotImplemented


def _v_div(self, t):
    if _is_number(t):
        return Vector3d(self.X / t, self.Y / t, self.Z / t)
    return NotImplemented


def _v_neg(self):
    return Vector3d(-self.X, -self.Y, -self.Z)


def _v_eq(self, other):
    if not isinstance(other, (_r.Vector3d, _r.Vector3f)):
        return False
    return self.X == other.X and self.Y == other.Y and self.Z == other.Z


def _v_length(self):
    return CallableFloat(math.sqrt(self.X * self.X + self.Y * self.Y + self.Z * self.Z))


def _v_unitize(self):
    """Scale to length 1 in place; False (unchanged) for a zero vector."""
    d = math.sqrt(self.X * self.X + self.Y * self.Y + self.Z * self.Z)
    if d <= 0.0 or not math.isfinite(d):
        return False
    self.X, self.Y, self.Z = self.X / d, self.Y / d, self.Z / d
    return True


def _v_reverse(self):
    self.X, self.Y, self.Z = -self.X, -self.Y, -self.Z
    return True


def _v_rotate(self, angle_radians, axis):
    """Rotate in place about an axis through the origin (Rodrigues); False for a zero axis."""
    la = _length(axis)
    if la <= _ZERO_TOL:
        return False
    kx, ky, kz = axis.X / la, axis.Y / la, axis.Z / la
    c, s = math.cos(angle_radians), math.sin(angle_radians)
    x, y, z = self.X, self.Y, self.Z
    d = (kx * x + ky * y + kz * z) * (1.0 - c)
    self.X = x * c + (ky * z - kz * y) * s + kx * d
    self.Y = y * c + (kz * x - kx * z) * s + ky * d
    self.Z = z * c + (kx * y - ky * x) * s + kz * d
    return True


def _v_is_parallel(self, other, angle_tolerance=math.pi / 180.0):
    """1 parallel, -1 antiparallel, 0 neither (RhinoCommon's convention)."""
    la, lb = _length(self), _length(other)
    if la <= _ZERO_TOL or lb <= _ZERO_TOL:
        return 0
    cos_tol = math.cos(angle_tolerance)
    d = _dot(self, other) / (la * lb)
    if d >= cos_tol:
        return 1
    if d <= -cos_tol:
        return -1
    return 0


def _v_is_perpendicular(self, other, angle_tolerance=math.pi / 180.0):
    la, lb = _length(self), _length(other)
    if la <= _ZERO_TOL or lb <= _ZERO_TOL:
        return False
    return abs(_dot(self, other) / (la * lb)) <= math.sin(angle_tolerance)


def _v_perpendicular_to(self, other):
    """Set self to a vector perpendicular to `other` (openNURBS' choice of axis)."""
    x, y, z = other.X, other.Y, other.Z
    ax, ay, az = abs(x), abs(y), abs(z)
    if ay <= ax and ay <= az:
        self.X, self.Y, self.Z = -z, 0.0, x  # y smallest: perpendicular in XZ
    elif ax <= ay and ax <= az:
        self.X, self.Y, self.Z = 0.0, -z, y
    else:
        self.X, self.Y, self.Z = -y, x, 0.0
    return _length(self) > 0.0


def _v_transform(self, xform):
    """In place (RhinoCommon); a vector ignores the translation part."""
    x, y, z = self.X, self.Y, self.Z
    self.X = xform.M00 * x + xform.M01 * y + xform.M02 * z
    self.Y = xform.M10 * x + xform.M11 * y + xform.M12 * z
    self.Z = xform.M20 * x + xform.M21 * y + xform.M22 * z
    return self


add_members(_r.Vector3d, __getitem__=_p_getitem, __setitem__=_p_setitem, __iter__=_p_iter,
            __len__=_p_len, __add__=_v_add, __radd__=_v_add, __sub__=_v_sub, __mul__=_v_mul,
            __rmul__=_v_mul, __truediv__=_v_div, __neg__=_v_neg, __eq__=_v_eq,
            __ne__=lambda self, o: not _v_eq(self, o),
            __hash__=lambda self: hash((self.X, self.Y, self.Z, "v")),
            Reverse=_v_reverse, Rotate=_v_rotate, IsPerpendicularTo=_v_is_perpendicular,
            PerpendicularTo=_v_perpendicular_to, EpsilonEquals=_p_epsilon_equals,
            CompareTo=_p_compare_to, IsValid=property(_p_is_valid),
            SquareLength=property(lambda self: _dot(self, self)),
            IsUnitVector=property(lambda self: abs(_length(self) - 1.0) <= 1.0e-8),
            IsZero=property(lambda self: self.X == 0.0 and self.Y == 0.0 and self.Z == 0.0),
            IsTiny=lambda self, tolerance=1.0e-12: (abs(self.X) <= tolerance and abs(self.Y) <= tolerance
                                                    and abs(self.Z) <= tolerance),
            MaximumCoordinate=property(lambda self: max(abs(self.X), abs(self.Y), abs(self.Z))))
# backward compatible replacements: v.Length works as property and as call; Unitize returns bool
replace_member(_r.Vector3d, "Length", property(_v_length))
replace_member(_r.Vector3d, "Unitize", _v_unitize)
replace_member(_r.Vector3d, "IsParallelTo", _v_is_parallel)
Vector3d.Transform = _v_transform


def _are_points_coplanar(points, tolerance):
    from ...geomath.planes import coplanar
    return coplanar(list(points), tolerance)


Point3d.ArePointsCoplanar = staticmethod(_are_points_coplanar)
# equal values hash equal across the shim and rhino3dm's own points (sets, dict keys)
replace_member(_r.Point3d, "__hash__", _p_hash)
