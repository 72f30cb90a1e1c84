"""Rhino.Geometry.Transform: a 4x4 matrix with `*`, `xf[i, j]` and RhinoCommon's constructors."""
import math

import rhino3dm as _r

from .native import ShimType, static, CallableFloat, add_members, replace_member
from .points import Point3d, Vector3d, _dot, _length

_NAMES = tuple(tuple("M%d%d" % (i, j) for j in range(4)) for i in range(4))


def _rows(xf):
    return [[getattr(xf, _NAMES[i][j]) for j in range(4)] for i in range(4)]


def _from_rows(rows):
    xf = Transform(0.0)
    for i in range(4):
        for j in range(4):
            setattr(xf, _NAMES[i][j], float(rows[i][j]))
    return xf


def _matmul(a, b):
    return [[sum(a[i][k] * b[k][j] for k in range(4)) for j in range(4)] for i in range(4)]


def _frame(plane):
    return plane.Origin, plane.XAxis, plane.YAxis, plane.ZAxis


class Transform(_r.Transform, metaclass=ShimType):
    """Transform() is all zeros (RhinoCommon's default struct); Transform(d) has d, d, d, 1 on
    the diagonal; Transform(other) copies."""
    _native = _r.Transform

    def __init__(self, value=None):
        if isinstance(value, _r.Transform):
            _r.Transform.__init__(self, value)
        elif value is None:
            _r.Transform.__init__(self, 0.0)
            self.M33 = 0.0
        else:
            _r.Transform.__init__(self, float(value))

    Identity = static(lambda: Transform(1.0))
    ZeroTransformation = static(lambda: _from_rows([[0.0] * 4, [0.0] * 4, [0.0] * 4, [0.0, 0.0, 0.0, 1.0]]))
    Unset = static(lambda: _from_rows([[-1.23432101234321e+308] * 4] * 4))

    @staticmethod
    def Translation(*args):
        """Translation(motion) or Translation(dx, dy, dz)."""
        if len(args) == 1:
            v = args[0]
            dx, dy, dz = v.X, v.Y, v.Z
        else:
            dx, dy, dz = args
        xf = Transform(1.0)
        xf.M03, xf.M13, xf.M23 = float(dx), float(dy), float(dz)
        return xf

    @staticmethod
    def Rotation(*args):
        """(angle, center) about Z; (angle, axis, center); (sin, cos, axis, center);
        (start_dir, end_dir, center); (x0, y0, z0, x1, y1, z1) frame to frame."""
        n = len(args)
        if n == 2:
            return _rotation(math.sin(args[0]), math.cos(args[0]), Vector3d(0, 0, 1), args[1])
        if n == 3 and isinstance(args[0], (int, float)):
            return _rotation(math.sin(args[0]), math.cos(args[0]), args[1], args[2])
        if n == 3:
            return Transform(_r.Transform.Rotation(args[0], args[1], args[2]))
        if n == 4:
            return _rotation(args[0], args[1], args[2], args[3])
        if n == 6:
            x0, y0, z0, x1, y1, z1 = args
            m0 = [[x0.X, y0.X, z0.X], [x0.Y, y0.Y, z0.Y], [x0.Z, y0.Z, z0.Z]]
            m1 = [[x1.X, y1.X, z1.X], [x1.Y, y1.Y, z1.Y], [x1.Z, y1.Z, z1.Z]]
            # m1 * m0^T maps the orthonormal frame 0 onto frame 1
            r3 = [[sum(m1[i][k] * m0[j][k] for k in range(3)) for j in range(3)] for i in range(3)]
            return _from_rows([r3[0] + [0.0], r3[1] + [0.0], r3[2] + [0.0], [0.0, 0.0, 0.0, 1.0]])
        raise TypeError("Transform.Rotation: no overload takes %d arguments" % n)

    @staticmethod
    def Scale(*args):
        """Scale(anchor, factor) or Scale(plane, fx, fy, fz)."""
        if len(args) == 2:
            return Transform(_r.Transform.Scale(args[0], float(args[1])))
        plane, fx, fy, fz = args
        return Transform(_r.Transform.Scale(plane, float(fx), float(fy), float(fz)))

    @staticmethod
    def Mirror(*args):
        """Mirror(point_on_plane, normal) or Mirror(plane)."""
        if len(args) == 1:
            return Transform(_r.Transform.Mirror(args[0]))
        return Transform(_r.Transform.Mirror(args[0], args[1]))

    @staticmethod
    def PlaneToPlane(plane0, plane1):
        return Transform(_r.Transform.PlaneToPlane(plane0, plane1))

    @staticmethod
    def ChangeBasis(*args):
        """ChangeBasis(plane0, plane1): coordinates relative to plane0 -> relative to plane1.
        ChangeBasis(x0, y0, z0, x1, y1, z1): same for two vector bases."""
        if len(args) == 2:
            o0, x0, y0, z0 = _frame(args[0])
            o1, x1, y1, z1 = _frame(args[1])
            a = [[x0.X, y0.X, z0.X, o0.X], [x0.Y, y0.Y, z0.Y, o0.Y], [x0.Z, y0.Z, z0.Z, o0.Z], [0, 0, 0, 1]]
            b = _invert([[x1.X, y1.X, z1.X, o1.X], [x1.Y, y1.Y, z1.Y, o1.Y], [x1.Z, y1.Z, z1.Z, o1.Z],
                         [0, 0, 0, 1]])
        elif len(args) == 6:
            x0, y0, z0, x1, y1, z1 = args
            a = [[x0.X, y0.X, z0.X, 0], [x0.Y, y0.Y, z0.Y, 0], [x0.Z, y0.Z, z0.Z, 0], [0, 0, 0, 1]]
            b = _invert([[x1.X, y1.X, z1.X, 0], [x1.Y, y1.Y, z1.Y, 0], [x1.Z, y1.Z, z1.Z, 0], [0, 0, 0, 1]])
        else:
            raise TypeError("Transform.ChangeBasis takes 2 planes or 6 vectors")
        if b is None:
            return Transform.Unset
        return _from_rows(_matmul(b, a))

    @staticmethod
    def PlanarProjection(plane):
        """Parallel projection onto a plane along its normal."""
        o, z = plane.Origin, plane.ZAxis
        n = [z.X, z.Y, z.Z]
        d = _dot(o, z)
        rows = [[(1.0 if i == j else 0.0) - n[i] * n[j] for j in range(3)] + [d * n[i]] for i in range(3)]
        return _from_rows(rows + [[0.0, 0.0, 0.0, 1.0]])

    @staticmethod
    def Shear(plane, x, y, z):
        return Transform(_r.Transform.Shear(plane, x, y, z))

    @staticmethod
    def Diagonal(d):
        if isinstance(d, (_r.Vector3d, _r.Point3d)):
            return _from_rows([[d.X, 0, 0, 0], [0, d.Y, 0, 0], [0, 0, d.Z, 0], [0, 0, 0, 1]])
        return _from_rows([[d, 0, 0, 0], [0, d, 0, 0], [0, 0, d, 0], [0, 0, 0, 1]])

    @staticmethod
    def Multiply(a, b):
        return _from_rows(_matmul(_rows(a), _rows(b)))

    def TryGetInverse(self):
        """(True, inverse) or (False, zero transform) as RhinoCommon returns it in Python."""
        inv = _invert(_rows(self))
        if inv is None:
            return False, Transform(0.0)
        return True, _from_rows(inv)

    def Clone(self):
        return Transform(self)


def _rotation(s, c, axis, center):
    la = _length(axis)
    if la == 0.0:
        return Transform.Unset
    kx, ky, kz = axis.X / la, axis.Y / la, axis.Z / la
    t = 1.0 - c
    r = [[t * kx * kx + c, t * kx * ky - s * kz, t * kx * kz + s * ky],
         [t * kx * ky + s * kz, t * ky * ky + c, t * ky * kz - s * kx],
         [t * kx * kz - s * ky, t * ky * kz + s * kx, t * kz * kz + c]]
    p = (center.X, center.Y, center.Z)
    rows = [r[i] + [p[i] - sum(r[i][k] * p[k] for k in range(3))] for i in range(3)]
    return _from_rows(rows + [[0.0, 0.0, 0.0, 1.0]])


def _invert(m):
    """Gauss-Jordan inverse of a 4x4 list matrix with partial pivoting; None when singular."""
    a = [list(map(float, row)) + [1.0 if i == j else 0.0 for j in range(4)] for i, row in enumerate(m)]
    scale = max(abs(v) for row in m for v in row) or 1.0
    for col in range(4):
        piv = max(range(col, 4), key=lambda r: abs(a[r][col]))
        if abs(a[piv][col]) <= 1e-14 * scale:
            return None
        a[col], a[piv] = a[piv], a[col]
        p = a[col][col]
        a[col] = [v / p for v in a[col]]
        for r in range(4):
            if r != col and a[r][col] != 0.0:
                f = a[r][col]
                a[r] = [vr - f * vc for vr, vc in zip(a[r], a[col])]
    return [row[4:] for row in a]


def _det(m):
    """Determinant of a 4x4 list matrix by elimination."""
    a = [list(map(float, row)) for row in m]
    det = 1.0
    for col in range(4):
        piv = max(range(col, 4), key=lambda r: abs(a[r][col]))
        if a[piv][col] == 0.0:
            return 0.0
        if piv != col:
            a[col], a[piv] = a[piv], a[col]
            det = -det
        det *= a[col][col]
        for r in range(col + 1, 4):
            f = a[r][col] / a[col][col]
            a[r] = [vr - f * vc for vr, vc in zip(a[r], a[col])]
    return det


# ---------------------------------------------------------------------------- members on rhino3dm

def _x_mul(self, other):
    if isinstance(other, _r.Transform):
        return Transform.Multiply(self, other)
    if isinstance(other, _r.Point3d):
        return Point3d(other.X, other.Y, other.Z).Transform(self)
    if isinstance(other, _r.Vector3d):
        return Vector3d(other.X, other.Y, other.Z).Transform(self)
    return NotImplemented


def _x_getitem(self, ij):
    i, j = ij
    return getattr(self, _NAMES[i][j])


def _x_setitem(self, ij, value):
    i, j = ij
    setattr(self, _NAMES[i][j], float(value))


def _x_eq(self, other):
    return isinstance(other, _r.Transform) and _rows(self) == _rows(other)


def _x_compare(self, other):
    a = [v for row in _rows(self) for v in row]
    b = [v for row in _rows(other) for v in row]
    return (a > b) - (a < b)


def _x_repr(self):
    return "Transform(%s)" % "; ".join(", ".join("%g" % v for v in row) for row in _rows(self))


add_members(_r.Transform, __mul__=_x_mul, __getitem__=_x_getitem, __setitem__=_x_setitem,
            __eq__=_x_eq, __ne__=lambda self, o: not _x_eq(self, o),
            __hash__=lambda self: hash(tuple(v for row in _rows(self) for v in row)),
            __repr__=_x_repr, __str__=_x_repr,
            CompareTo=_x_compare, Clone=lambda self: Transform(self))
# Determinant is a property in RhinoCommon, a method in rhino3dm: a callable float serves both
replace_member(_r.Transform, "Determinant", property(lambda self: CallableFloat(_det(_rows(self)))))
