"""Line, Circle, Arc, Ellipse, Polyline, Interval, BoundingBox, Box, Sphere, Cylinder, Cone."""
import math

import rhino3dm as _r

from ...errors import NeedsRhinoError
from .native import ShimType, static, add_members
from .points import Point3d, Vector3d, _dot, _length
from .plane import Plane
from .transform import Transform


def _pt(p):
    return p if isinstance(p, _r.Point3d) else Point3d(*p)


# ---------------------------------------------------------------------------- Line

class Line(_r.Line, metaclass=ShimType):
    """Line(from, to), Line(from, direction), Line(from, direction, length), Line(x0, y0, z0, x1, y1, z1)."""
    _native = _r.Line

    def __init__(self, *args):
        n = len(args)
        if n == 6:
            a, b = Point3d(*args[:3]), Point3d(*args[3:])
        elif n == 2 and isinstance(args[1], _r.Vector3d):
            a = _pt(args[0])
            b = a + args[1]
        elif n == 3:
            a = _pt(args[0])
            d = Vector3d(args[1])
            d.Unitize()
            b = a + d * float(args[2])
        elif n == 2:
            a, b = _pt(args[0]), _pt(args[1])
        elif n == 1 and isinstance(args[0], _r.Line):
            a, b = args[0].From, args[0].To
        elif n == 0:
            a, b = Point3d(), Point3d()
        else:
            raise TypeError("Line(): no overload takes these %d arguments" % n)
        _r.Line.__init__(self, a, b)

    Unset = static(lambda: Line(Point3d.Unset, Point3d.Unset))


def _line_closest_parameter(self, point):
    a, b = self.From, self.To
    d = Vector3d(b.X - a.X, b.Y - a.Y, b.Z - a.Z)
    dd = _dot(d, d)
    if dd == 0.0:
        return 0.0
    return ((point.X - a.X) * d.X + (point.Y - a.Y) * d.Y + (point.Z - a.Z) * d.Z) / dd


def _line_point_at(self, t):
    a, b = self.From, self.To
    return Point3d(a.X + t * (b.X - a.X), a.Y + t * (b.Y - a.Y), a.Z + t * (b.Z - a.Z))


def _line_closest_point(self, point, limit_to_finite_segment=False):
    t = _line_closest_parameter(self, point)
    if limit_to_finite_segment:
        t = min(1.0, max(0.0, t))
    return _line_point_at(self, t)


def _line_distance_to(self, point, limit_to_finite_segment=False):
    return _line_closest_point(self, point, limit_to_finite_segment).DistanceTo(point)


def _segment_segment(l0, l1):
    """Minimum distance between two finite segments (sampled-free closed form with clamping)."""
    p, q = l0.From, l1.From
    d1, d2 = l0.To - l0.From, l1.To - l1.From
    r = p - q
    a, e, f = _dot(d1, d1), _dot(d2, d2), _dot(d2, r)
    if a <= 1e-300 and e <= 1e-300:
        return p.DistanceTo(q)
    if a <= 1e-300:
        s, t = 0.0, min(1.0, max(0.0, f / e))
    else:
        c = _dot(d1, r)
        if e <= 1e-300:
            t, s = 0.0, min(1.0, max(0.0, -c / a))
        else:
            b = _dot(d1, d2)
            den = a * e - b * b
            s = min(1.0, max(0.0, (b * f - c * e) / den)) if den > 1e-300 else 0.0
            t = (b * s + f) / e
            if t < 0.0:
                t, s = 0.0, min(1.0, max(0.0, -c / a))
            elif t > 1.0:
                t, s = 1.0, min(1.0, max(0.0, (b - c) / a))
    return (p + d1 * s).DistanceTo(q + d2 * t)


def _line_min_distance(self, other):
    if isinstance(other, _r.Line):
        return _segment_segment(self, other)
    return _line_distance_to(self, other, True)


def _line_max_distance(self, other):
    if isinstance(other, _r.Line):
        return max(_line_max_distance(self, other.From), _line_max_distance(self, other.To),
                   _line_max_distance(other, self.From), _line_max_distance(other, self.To))
    return max(other.DistanceTo(self.From), other.DistanceTo(self.To))


def _line_flip(self):
    a, b = Point3d(self.From), Point3d(self.To)
    self.From, self.To = b, a


def _line_extend(self, start_length, end_length):
    d = self.Direction
    if _length(d) == 0.0:
        return False
    d = Vector3d(d)
    d.Unitize()
    a, b = Point3d(self.From), Point3d(self.To)
    self.From, self.To = a - d * start_length, b + d * end_length
    return True


def _line_eq(self, other):
    return isinstance(other, _r.Line) and self.From == other.From and self.To == other.To


add_members(_r.Line, ClosestParameter=_line_closest_parameter, ClosestPoint=_line_closest_point,
            DistanceTo=_line_distance_to, MinimumDistanceTo=_line_min_distance,
            MaximumDistanceTo=_line_max_distance, Flip=_line_flip, Extend=_line_extend,
            __getitem__=lambda self, i: (self.From, self.To)[i], __len__=lambda self: 2,
            __eq__=_line_eq, __ne__=lambda s, o: not _line_eq(s, o),
            __hash__=lambda s: hash((s.From.X, s.From.Y, s.From.Z, s.To.X, s.To.Y, s.To.Z)),
            __repr__=lambda s: "Line(%s, %s)" % (s.From, s.To), __str__=lambda s: "%s,%s" % (s.From, s.To),
            ToNurbsCurve=lambda s: _r.NurbsCurve.CreateFromLine(s),
            BoundingBox=property(lambda s: BoundingBox([s.From, s.To])))
Line.PointAt = _line_point_at
Line.Length = property(lambda s: s.From.DistanceTo(s.To))


# ---------------------------------------------------------------------------- Circle / Arc / Ellipse

class Circle(_r.Circle, metaclass=ShimType):
    """Circle(radius), Circle(center, r), Circle(plane, r), Circle(plane, center, r), Circle(p1, p2, p3)."""
    _native = _r.Circle

    def __init__(self, *args):
        n = len(args)
        if n == 1 and isinstance(args[0], (int, float)):
            _r.Circle.__init__(self, float(args[0]))
        elif n == 1 and isinstance(args[0], _r.Arc):
            _r.Circle.__init__(self, args[0].Radius)
            self.Plane = args[0].Plane
        elif n == 1 and isinstance(args[0], _r.Circle):
            _r.Circle.__init__(self, args[0].Radius)
            self.Plane = args[0].Plane
        elif n == 2 and isinstance(args[0], _r.Plane):
            _r.Circle.__init__(self, float(args[1]))
            self.Plane = args[0]
        elif n == 2:
            _r.Circle.__init__(self, _pt(args[0]), float(args[1]))
        elif n == 3 and isinstance(args[0], _r.Plane):
            plane = Plane(args[0])
            plane.Origin = _pt(args[1])
            _r.Circle.__init__(self, float(args[2]))
            self.Plane = plane
        elif n == 3:
            plane, radius = _circle_through(_pt(args[0]), _pt(args[1]), _pt(args[2]))
            _r.Circle.__init__(self, radius)
            self.Plane = plane
        else:
            raise TypeError("Circle(): no overload takes these %d arguments" % n)


def _circle_through(a, b, c):
    """Plane (origin at the centre, x axis towards a) and radius of the circle through 3 points."""
    ab, ac = b - a, c - a
    n = Vector3d.CrossProduct(ab, ac)
    nn = _dot(n, n)
    if nn <= 1e-24 * max(1.0, _dot(ab, ab) * _dot(ac, ac)):
        raise ValueError("Circle through 3 points: the points are collinear")
    # centre = a + (|ac|^2 (n x ab) + |ab|^2 (ac x n)) / (2 |n|^2)
    t1 = Vector3d.CrossProduct(n, ab) * _dot(ac, ac)
    t2 = Vector3d.CrossProduct(ac, n) * _dot(ab, ab)
    center = a + (t1 + t2) / (2.0 * nn)
    x = a - center
    y = Vector3d.CrossProduct(n, x)
    return Plane(center, x, y), center.DistanceTo(a)




class Arc(_r.Arc, metaclass=ShimType):
    """Arc(circle, angle), Arc(circle, angle_interval), Arc(center, r, angle), Arc(plane, r, angle),
    Arc(plane, center, r, angle), Arc(start, interior, end), Arc(start, tangent, end)."""
    _native = _r.Arc

    def __init__(self, *args):
        n = len(args)
        if n == 3 and isinstance(args[0], _r.Plane):
            _r.Arc.__init__(self, Circle(args[0], float(args[1])), float(args[2]))
        elif n == 4 and isinstance(args[0], _r.Plane):
            _r.Arc.__init__(self, Circle(args[0], args[1], float(args[2])), float(args[3]))
        elif n == 2 and isinstance(args[1], _r.Interval):
            circle = Circle(args[0])
            plane = Plane(circle.Plane)
            plane.Rotate(args[1].T0, plane.ZAxis)
            _r.Arc.__init__(self, Circle(plane, circle.Radius), args[1].T1 - args[1].T0)
        elif n == 2:
            _r.Arc.__init__(self, args[0], float(args[1]))
        elif n == 3 and isinstance(args[0], _r.Point3d) and isinstance(args[1], (int, float)):
            _r.Arc.__init__(self, args[0], float(args[1]), float(args[2]))
        elif n == 3:
            _r.Arc.__init__(self, _pt(args[0]), args[1] if isinstance(args[1], _r.Vector3d) else _pt(args[1]),
                            _pt(args[2]))
        elif n == 1 and isinstance(args[0], _r.Arc):
            _r.Arc.__init__(self, Circle(args[0]), args[0].AngleRadians)
        else:
            raise TypeError("Arc(): no overload takes these %d arguments" % n)


add_members(_r.Arc, Angle=property(lambda s: s.AngleRadians))


class Ellipse(object):
    """Rhino.Geometry.Ellipse (rhino3dm has no constructor): Ellipse(plane, r1, r2) or
    Ellipse(center, second, third) where second/third are the ends of the two radii."""

    def __init__(self, *args):
        if len(args) == 3 and isinstance(args[0], _r.Plane):
            self.Plane, self.Radius1, self.Radius2 = Plane(args[0]), float(args[1]), float(args[2])
        elif len(args) == 3:
            c, s, t = _pt(args[0]), _pt(args[1]), _pt(args[2])
            self.Plane = Plane(c, s - c, t - c)
            self.Radius1, self.Radius2 = c.DistanceTo(s), abs(_dot(t - c, self.Plane.YAxis))
        else:
            raise TypeError("Ellipse(plane, radius1, radius2) or Ellipse(center, second, third)")

    @property
    def Center(self):
        return Point3d(self.Plane.Origin)

    @property
    def IsValid(self):
        return self.Radius1 > 0.0 and self.Radius2 > 0.0

    def ToNurbsCurve(self):
        """Exact rational NURBS: a unit circle scaled by (r1, r2) in the ellipse's plane."""
        crv = _r.NurbsCurve.CreateFromCircle(Circle(self.Plane, 1.0))
        crv.Transform(Transform.Scale(self.Plane, self.Radius1, self.Radius2, 1.0))
        return crv

    def __repr__(self):
        return "Ellipse(%s, %g, %g)" % (self.Plane.Origin, self.Radius1, self.Radius2)


# ---------------------------------------------------------------------------- Polyline

class Polyline(_r.Polyline, metaclass=ShimType):
    """Polyline(), Polyline(capacity), Polyline(points)."""
    _native = _r.Polyline

    def __init__(self, points=None):
        if points is None:
            _r.Polyline.__init__(self)
        elif isinstance(points, int):
            _r.Polyline.__init__(self, points)
        else:
            _r.Polyline.__init__(self, [_pt(p) for p in points])


def _polyline_iter(self):
    for i in range(self.Count):
        yield self[i]


add_members(_r.Polyline, __iter__=_polyline_iter, First=property(lambda s: s[0]),
            Last=property(lambda s: s[s.Count - 1]),
            ToArray=lambda s: [Point3d(p) for p in _polyline_iter(s)],
            CenterPoint=lambda s: _centroid(list(_polyline_iter(s))))


def _centroid(points):
    pts = points[:-1] if len(points) > 1 and points[0] == points[-1] else points
    n = float(len(pts)) or 1.0
    return Point3d(sum(p.X for p in pts) / n, sum(p.Y for p in pts) / n, sum(p.Z for p in pts) / n)


# ---------------------------------------------------------------------------- Interval

class Interval(_r.Interval, metaclass=ShimType):
    _native = _r.Interval

    def __init__(self, t0=0.0, t1=0.0):
        if isinstance(t0, _r.Interval):
            t0, t1 = t0.T0, t0.T1
        _r.Interval.__init__(self, float(t0), float(t1))

    Unset = static(lambda: Interval(-1.23432101234321e+308, -1.23432101234321e+308))

    @staticmethod
    def FromUnion(a, b):
        return Interval(min(a.Min, b.Min), max(a.Max, b.Max))


def _iv_swap(self):
    self.T0, self.T1 = self.T1, self.T0


def _iv_includes(self, t, strict=False):
    lo, hi = min(self.T0, self.T1), max(self.T0, self.T1)
    return lo < t < hi if strict else lo <= t <= hi


def _iv_eq(self, other):
    return isinstance(other, _r.Interval) and self.T0 == other.T0 and self.T1 == other.T1


add_members(_r.Interval, Min=property(lambda s: min(s.T0, s.T1)), Max=property(lambda s: max(s.T0, s.T1)),
            Mid=property(lambda s: 0.5 * (s.T0 + s.T1)), Length=property(lambda s: s.T1 - s.T0),
            IsIncreasing=property(lambda s: s.T0 < s.T1), IsDecreasing=property(lambda s: s.T0 > s.T1),
            IsSingleton=property(lambda s: s.T0 == s.T1), IsValid=property(lambda s: math.isfinite(s.T0)
                                                                            and math.isfinite(s.T1)),
            ParameterAt=lambda s, x: s.T0 + x * (s.T1 - s.T0),
            NormalizedParameterAt=lambda s, t: (t - s.T0) / (s.T1 - s.T0) if s.T1 != s.T0 else 0.0,
            Swap=_iv_swap, Reverse=lambda s: _iv_swap(s) or s.__setattr__("T0", -s.T0) or
            s.__setattr__("T1", -s.T1), IncludesParameter=_iv_includes, Grow=lambda s, t: _iv_grow(s, t),
            MakeIncreasing=lambda s: (_iv_swap(s) or True) if s.T0 > s.T1 else s.T0 < s.T1,
            __getitem__=lambda s, i: (s.T0, s.T1)[i], __len__=lambda s: 2,
            __iter__=lambda s: iter((s.T0, s.T1)), __eq__=_iv_eq, __ne__=lambda s, o: not _iv_eq(s, o),
            __hash__=lambda s: hash((s.T0, s.T1)), __str__=lambda s: "%s,%s" % (_g(s.T0), _g(s.T1)))


def _iv_grow(self, t):
    if t < self.Min:
        self.T0, self.T1 = (t, self.T1) if self.T0 <= self.T1 else (self.T0, t)
    elif t > self.Max:
        self.T0, self.T1 = (self.T0, t) if self.T0 <= self.T1 else (t, self.T1)


def _g(x):
    return ("%.17g" % x) if x != int(x) else str(int(x))


# ---------------------------------------------------------------------------- BoundingBox / Box

class BoundingBox(_r.BoundingBox, metaclass=ShimType):
    """BoundingBox(min, max), BoundingBox(x0, y0, z0, x1, y1, z1), BoundingBox(points)."""
    _native = _r.BoundingBox

    def __init__(self, *args):
        if len(args) == 1:
            pts = [_pt(p) for p in args[0]]
            if not pts:
                _r.BoundingBox.__init__(self, 1.0, 1.0, 1.0, -1.0, -1.0, -1.0)  # empty
                return
            _r.BoundingBox.__init__(self, min(p.X for p in pts), min(p.Y for p in pts), min(p.Z for p in pts),
                                    max(p.X for p in pts), max(p.Y for p in pts), max(p.Z for p in pts))
        elif len(args) == 2:
            _r.BoundingBox.__init__(self, _pt(args[0]), _pt(args[1]))
        else:
            _r.BoundingBox.__init__(self, *[float(a) for a in args])

    Empty = static(lambda: BoundingBox(1.0, 1.0, 1.0, -1.0, -1.0, -1.0))
    Unset = static(lambda: BoundingBox(1.0, 1.0, 1.0, -1.0, -1.0, -1.0))

    @staticmethod
    def Union(a, b):
        return BoundingBox([a.Min, a.Max, b.Min, b.Max])


def _bbox_corners(self):
    """The 8 corners in RhinoCommon's order (bottom counter-clockwise from Min, then top)."""
    a, b = self.Min, self.Max
    return [Point3d(a.X, a.Y, a.Z), Point3d(b.X, a.Y, a.Z), Point3d(b.X, b.Y, a.Z), Point3d(a.X, b.Y, a.Z),
            Point3d(a.X, a.Y, b.Z), Point3d(b.X, a.Y, b.Z), Point3d(b.X, b.Y, b.Z), Point3d(a.X, b.Y, b.Z)]


add_members(_r.BoundingBox, GetCorners=_bbox_corners,
            Corner=lambda s, minx, miny, minz: Point3d(s.Min.X if minx else s.Max.X, s.Min.Y if miny else s.Max.Y,
                                                       s.Min.Z if minz else s.Max.Z),
            PointAt=lambda s, tx, ty, tz: Point3d(s.Min.X + tx * (s.Max.X - s.Min.X),
                                                  s.Min.Y + ty * (s.Max.Y - s.Min.Y),
                                                  s.Min.Z + tz * (s.Max.Z - s.Min.Z)),
            __str__=lambda s: "%s - %s" % (s.Min, s.Max))


class Box(object):
    """Rhino.Geometry.Box: a plane and three intervals. Box(bbox), Box(plane, bbox),
    Box(plane, x, y, z intervals), Box(plane, points)."""

    def __init__(self, *args):
        if len(args) == 1:
            bb = args[0]
            self.Plane = Plane.WorldXY
            self.X, self.Y, self.Z = (Interval(bb.Min.X, bb.Max.X), Interval(bb.Min.Y, bb.Max.Y),
                                      Interval(bb.Min.Z, bb.Max.Z))
        elif len(args) == 2:
            self.Plane = Plane(args[0])
            if isinstance(args[1], _r.BoundingBox):
                bb = args[1]
            else:
                bb = BoundingBox([self.Plane.RemapToPlaneSpace(_pt(p))[1] for p in args[1]])
            self.X, self.Y, self.Z = (Interval(bb.Min.X, bb.Max.X), Interval(bb.Min.Y, bb.Max.Y),
                                      Interval(bb.Min.Z, bb.Max.Z))
        elif len(args) == 4:
            self.Plane = Plane(args[0])
            self.X, self.Y, self.Z = Interval(args[1]), Interval(args[2]), Interval(args[3])
        else:
            raise TypeError("Box(bbox) / Box(plane, bbox) / Box(plane, x, y, z) / Box(plane, points)")

    @property
    def IsValid(self):
        return self.X.Length > 0 and self.Y.Length > 0 and self.Z.Length > 0

    def PointAt(self, x, y, z):
        """Point at normalised parameters (0..1 along each interval)."""
        return self.Plane.PointAt(self.X.ParameterAt(x), self.Y.ParameterAt(y), self.Z.ParameterAt(z))

    @property
    def Center(self):
        return self.PointAt(0.5, 0.5, 0.5)

    @property
    def Volume(self):
        return abs(self.X.Length * self.Y.Length * self.Z.Length)

    @property
    def Area(self):
        a, b, c = abs(self.X.Length), abs(self.Y.Length), abs(self.Z.Length)
        return 2.0 * (a * b + b * c + a * c)

    def GetCorners(self):
        return [self.Plane.PointAt(self.X[i], self.Y[j], self.Z[k])
                for k in (0, 1) for (i, j) in ((0, 0), (1, 0), (1, 1), (0, 1))]

    @property
    def BoundingBox(self):
        return BoundingBox(self.GetCorners())

    def Transform(self, xform):
        corners = [Point3d(c).Transform(xform) for c in self.GetCorners()]
        o, x, y, z = corners[0], corners[1] - corners[0], corners[3] - corners[0], corners[4] - corners[0]
        self.Plane = Plane(o, x, y)
        self.X, self.Y, self.Z = Interval(0, x.Length), Interval(0, y.Length), Interval(0, abs(_dot(z, self.Plane.ZAxis)))
        return True

    def ToBrep(self):
        """Axis-aligned brep box in plane space, moved onto the plane."""
        local = _r.BoundingBox(self.X.Min, self.Y.Min, self.Z.Min, self.X.Max, self.Y.Max, self.Z.Max)
        brep = _r.Brep.CreateFromBoundingBox(local)
        brep.Transform(Transform.PlaneToPlane(Plane.WorldXY, self.Plane))
        return brep

    def ToExtrusion(self):
        raise NeedsRhinoError("Box.ToExtrusion")

    def __repr__(self):
        return "Box(%s, %s, %s)" % (self.X, self.Y, self.Z)


# ---------------------------------------------------------------------------- Sphere / Cylinder / Cone

class Sphere(_r.Sphere, metaclass=ShimType):
    """Sphere(center, r) or Sphere(plane, r)."""
    _native = _r.Sphere

    def __init__(self, center, radius):
        if isinstance(center, _r.Plane):
            center = center.Origin
        _r.Sphere.__init__(self, _pt(center), float(radius))


add_members(_r.Sphere, EquatorialPlane=property(lambda s: Plane(s.Center, Vector3d(0, 0, 1))),
            BoundingBox=property(lambda s: BoundingBox(s.Center.X - s.Radius, s.Center.Y - s.Radius,
                                                       s.Center.Z - s.Radius, s.Center.X + s.Radius,
                                                       s.Center.Y + s.Radius, s.Center.Z + s.Radius)))


class Cylinder(_r.Cylinder, metaclass=ShimType):
    """Cylinder(base_circle) or Cylinder(base_circle, height)."""
    _native = _r.Cylinder

    def __init__(self, circle, height=None):
        if height is None:
            _r.Cylinder.__init__(self, circle)
        else:
            _r.Cylinder.__init__(self, circle, float(height))


class Cone(object):
    """Rhino.Geometry.Cone (rhino3dm has no constructor): Cone(plane, height, radius).
    As in openNURBS the apex is at plane.Origin and the base circle `height` along plane.ZAxis."""

    def __init__(self, plane, height, radius):
        self.Plane, self.Height, self.Radius = Plane(plane), float(height), float(radius)

    @property
    def ApexPoint(self):
        return Point3d(self.Plane.Origin)

    @property
    def BasePoint(self):
        return self.Plane.PointAt(0.0, 0.0, self.Height)

    @property
    def Axis(self):
        return Vector3d(self.Plane.ZAxis)

    @property
    def IsValid(self):
        return self.Height != 0.0 and self.Radius > 0.0

    @property
    def AngleInRadians(self):
        return math.atan(self.Radius / abs(self.Height))

    @property
    def AngleInDegrees(self):
        return math.degrees(self.AngleInRadians)

    def ToNurbsSurface(self):
        """Ruled surface between the base circle and a collapsed copy of it at the apex."""
        base_plane = Plane(self.Plane)
        base_plane.Origin = self.BasePoint
        base = _r.NurbsCurve.CreateFromCircle(Circle(base_plane, self.Radius))
        apex = _r.NurbsCurve.CreateFromCircle(Circle(base_plane, self.Radius))
        a = self.ApexPoint
        for i in range(len(apex.Points)):
            w = apex.Points[i].W
            apex.Points[i] = _r.Point4d(a.X * w, a.Y * w, a.Z * w, w)
        return _r.NurbsSurface.CreateRuledSurface(apex, base)

    def ToBrep(self, cap_bottom=False):
        if cap_bottom:
            raise NeedsRhinoError("Cone.ToBrep(capBottom=True)", "Rhino's brep capping")
        return _r.Brep.CreateFromSurface(self.ToNurbsSurface())


# ---------------------------------------------------------------------------- Rectangle3d

class Rectangle3d(object):
    """Rhino.Geometry.Rectangle3d: Rectangle3d(plane, width, height),
    Rectangle3d(plane, x_interval, y_interval), Rectangle3d(plane, corner_a, corner_b)."""

    def __init__(self, plane, a, b):
        self.Plane = Plane(plane)
        if isinstance(a, _r.Interval):
            self.X, self.Y = Interval(a), Interval(b)
        elif isinstance(a, (int, float)):
            self.X, self.Y = Interval(0.0, float(a)), Interval(0.0, float(b))
        else:
            _, pa = self.Plane.RemapToPlaneSpace(_pt(a))
            _, pb = self.Plane.RemapToPlaneSpace(_pt(b))
            self.X, self.Y = Interval(pa.X, pb.X), Interval(pa.Y, pb.Y)

    @property
    def Width(self):
        return abs(self.X.Length)

    @property
    def Height(self):
        return abs(self.Y.Length)

    @property
    def Area(self):
        return self.Width * self.Height

    @property
    def Circumference(self):
        return 2.0 * (self.Width + self.Height)

    @property
    def Center(self):
        return self.Plane.PointAt(self.X.Mid, self.Y.Mid)

    @property
    def IsValid(self):
        return self.Width > 0.0 and self.Height > 0.0

    def Corner(self, index):
        """Corners counter-clockwise from (X.T0, Y.T0)."""
        u, v = ((self.X.T0, self.Y.T0), (self.X.T1, self.Y.T0), (self.X.T1, self.Y.T1),
                (self.X.T0, self.Y.T1))[index]
        return self.Plane.PointAt(u, v)

    def PointAt(self, x, y=None):
        if y is None:
            # a parameter along the perimeter: 0..1 first edge, 1..2 second, ...
            i = int(min(max(x, 0.0), 3.999999999999))
            f = x - i
            a, b = self.Corner(i), self.Corner((i + 1) % 4)
            return a + (b - a) * f
        return self.Plane.PointAt(x, y)

    def ToPolyline(self):
        return Polyline([self.Corner(i) for i in (0, 1, 2, 3, 0)])

    def ToNurbsCurve(self):
        return self.ToPolyline().ToNurbsCurve()

    def Transform(self, xform):
        corners = [Point3d(self.Corner(i)).Transform(xform) for i in (0, 1, 3)]
        self.Plane = Plane(corners[0], corners[1] - corners[0], corners[2] - corners[0])
        self.X = Interval(0.0, corners[0].DistanceTo(corners[1]))
        self.Y = Interval(0.0, corners[0].DistanceTo(corners[2]))
        return True

    @property
    def BoundingBox(self):
        return BoundingBox([self.Corner(i) for i in range(4)])

    def __repr__(self):
        return "Rectangle3d(%s x %s)" % (self.Width, self.Height)


# .NET object members scripts call on any value: ToString() and Equals()
for _cls in (_r.Point3d, _r.Point3f, _r.Point2d, _r.Vector3d, _r.Vector3f, _r.Vector2d, _r.Plane, _r.Line,
             _r.Interval, _r.BoundingBox, _r.Transform, _r.Circle, _r.Arc, _r.Sphere, _r.Polyline):
    add_members(_cls, ToString=lambda self: str(self), Equals=lambda self, other: self == other)
