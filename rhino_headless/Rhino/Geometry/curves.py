"""Curve classes as RhinoCommon presents them.

RhinoCommon members that rhino3dm curves lack are added to rhino3dm's `Curve` class itself
(GetLength, ClosestPoint, DivideByCount, LengthParameter, PointAtLength, ...), computed by
`rhino_headless.geomath.curves`; so they work on every curve, including the ones the document
and rhino3dm hand out. Members that need Rhino's kernel (Offset, Fillet, JoinCurves, ...) raise
NeedsRhinoError naming the member.
"""
import rhino3dm as _r

from ...errors import NeedsRhinoError
from ...geomath import curves as _gc
from .native import ShimType, add_members
from .points import Point3d, Vector3d
from .plane import Plane
from .shapes import Ellipse


class KernelClassType(ShimType):
    """Metaclass: a known kernel-only static member raises NeedsRhinoError, not AttributeError."""

    def __getattr__(cls, name):
        if name in cls.__dict__.get("_kernel_only", ()):
            return _kernel_only("%s.%s" % (cls.__name__, name))
        raise AttributeError("type object '%s' has no attribute '%s'" % (cls.__name__, name))


def _kernel_only(qualname):
    def needs_rhino(*args, **kwargs):
        raise NeedsRhinoError(qualname)
    needs_rhino.__name__ = qualname.rsplit(".", 1)[-1]
    needs_rhino.__doc__ = "%s needs Rhino's geometry kernel (raises NeedsRhinoError headless)." % qualname
    return needs_rhino


_CURVE_STATIC_KERNEL = (
    "JoinCurves", "CreateBooleanUnion", "CreateBooleanIntersection", "CreateBooleanDifference",
    "CreateBooleanRegions", "CreateFilletCurves", "CreateFillet", "CreateBlendCurve", "CreateTweenCurves",
    "CreateTweenCurvesWithMatching", "CreateTweenCurvesWithSampling", "CreateMeanCurve",
    "CreateConicCornerRectangle", "CreateArcBlend", "CreateCurve2View", "ProjectToBrep", "ProjectToMesh",
    "ProjectToPlane", "PullToBrepFace", "PlanarCurveCollision", "PlanarClosedCurveRelationship",
    "GetDistancesBetweenCurves", "CreateTextOutlines", "CreateSoftEditCurve", "CreatePeriodicCurve",
    "CreateMatchCurve", "CreateArcLineArcBlend")


class Curve(_r.Curve, metaclass=KernelClassType):
    """Rhino.Geometry.Curve: the static creators scripts use; instances come from rhino3dm."""
    _native = _r.Curve
    _kernel_only = _CURVE_STATIC_KERNEL

    @staticmethod
    def CreateControlPointCurve(points, degree=3):
        pts = [_point(p) for p in points]
        if len(pts) < 2:
            return None
        return _r.Curve.CreateControlPointCurve(pts, max(1, min(int(degree), len(pts) - 1)))

    @staticmethod
    def CreateInterpolatedCurve(points, degree, knotStyle=0, startTangent=None, endTangent=None):
        """Global interpolation through the points (knot styles 0 uniform, 1 chord, 2 sqrt chord)."""
        if startTangent is not None or endTangent is not None:
            unset = all(not v.IsValid or v.IsZero for v in (startTangent, endTangent) if v is not None)
            if not unset:
                raise NeedsRhinoError("Curve.CreateInterpolatedCurve(startTangent, endTangent)",
                                      "Rhino's interpolation with end tangents")
        style = int(getattr(knotStyle, "value", knotStyle))
        if style not in (0, 1, 2):
            raise NeedsRhinoError("Curve.CreateInterpolatedCurve(knotStyle=%d)" % style,
                                  "Rhino's periodic interpolation")
        return _gc.interpolate([_point(p) for p in points], int(degree), style)


class NurbsCurve(_r.NurbsCurve, metaclass=KernelClassType):
    """Rhino.Geometry.NurbsCurve: NurbsCurve(degree, count), NurbsCurve(dim, rational, order, count)."""
    _native = _r.NurbsCurve
    _kernel_only = _CURVE_STATIC_KERNEL + ("CreateSpiral", "CreateParabolaFromFocus",
                                           "CreateParabolaFromVertex", "CreateHSpline", "CreateSubDFriendly",
                                           "MakeCompatible")

    @staticmethod
    def Create(periodic, degree, points):
        return _r.NurbsCurve.Create(bool(periodic), int(degree), [_point(p) for p in points])

    @staticmethod
    def CreateFromEllipse(ellipse):
        if isinstance(ellipse, Ellipse):
            return ellipse.ToNurbsCurve()
        return _r.NurbsCurve.CreateFromEllipse(ellipse)

    CreateControlPointCurve = Curve.CreateControlPointCurve
    CreateInterpolatedCurve = Curve.CreateInterpolatedCurve


class LineCurve(_r.LineCurve, metaclass=ShimType):
    """LineCurve(line), LineCurve(from, to)."""
    _native = _r.LineCurve

    def __init__(self, *args):
        if len(args) == 1:
            a, b = args[0].From, args[0].To
        elif len(args) == 2:
            a, b = _point(args[0]), _point(args[1])
        else:
            a, b = Point3d(0, 0, 0), Point3d(0, 0, 0)
        _r.LineCurve.__init__(self, a, b)


class PolylineCurve(_r.PolylineCurve, metaclass=ShimType):
    """PolylineCurve(points)."""
    _native = _r.PolylineCurve

    def __init__(self, points=None):
        if points is None:
            _r.PolylineCurve.__init__(self)
        else:
            _r.PolylineCurve.__init__(self, [_point(p) for p in points])


class ArcCurve(_r.ArcCurve, metaclass=ShimType):
    """ArcCurve(arc) or ArcCurve(circle)."""
    _native = _r.ArcCurve

    def __init__(self, shape=None):
        if shape is None:
            _r.ArcCurve.__init__(self)
        elif isinstance(shape, _r.Circle):
            _r.ArcCurve.__init__(self, _r.ArcCurve.CreateFromCircle(shape))
        elif isinstance(shape, _r.Arc):
            _r.ArcCurve.__init__(self, _r.ArcCurve.CreateFromArc(shape))
        else:
            _r.ArcCurve.__init__(self, shape)


PolyCurve = _r.PolyCurve
BezierCurve = _r.BezierCurve


def _point(p):
    if isinstance(p, _r.Point3d):
        return p
    if isinstance(p, (_r.Point3f, _r.Vector3d)):
        return Point3d(p.X, p.Y, p.Z)
    if len(p) == 2:
        return Point3d(p[0], p[1], 0.0)
    return Point3d(p[0], p[1], p[2])


# ---------------------------------------------------------------------------- members on rhino3dm Curve

def _get_length(self, *args):
    """GetLength(), GetLength(tolerance), GetLength(subdomain), GetLength(tolerance, subdomain)."""
    sub = None
    for a in args:
        if isinstance(a, _r.Interval):
            sub = (a.T0, a.T1)
    return _gc.length(self, sub)


def _closest_point(self, point, max_distance=0.0):
    """(True, t) or (False, 0.0), as RhinoCommon's out-parameter form returns it in Python."""
    return _gc.closest_point(self, _point(point), max_distance)


def _divide_by_count(self, count, include_ends=True, *out):
    return _gc.divide_by_count(self, int(count), bool(include_ends))


def _divide_by_length(self, segment_length, include_ends=True, reverse=False, *out):
    if not isinstance(reverse, bool):
        reverse = False
    return _gc.divide_by_length(self, float(segment_length), bool(include_ends), reverse)


def _length_parameter(self, s, *args):
    return _gc.length_parameter(self, float(s))


def _normalized_length_parameter(self, s, *args):
    return _gc.length_parameter(self, float(s) * _gc.length(self))


def _normalized_length_parameters(self, ss, *args):
    total = _gc.length(self)
    table = _gc.LengthTable(self)
    out = []
    for s in ss:
        ok, t = _gc.length_parameter(self, float(s) * total, table)
        if not ok:
            return None
        out.append(t)
    return out


def _point_at_length(self, s):
    ok, t = _gc.length_parameter(self, float(s))
    return self.PointAt(t) if ok else Point3d.Unset


def _point_at_normalized_length(self, s):
    ok, t = _gc.length_parameter(self, float(s) * _gc.length(self))
    return self.PointAt(t) if ok else Point3d.Unset


def _try_get_plane(self, tolerance=1e-9):
    """(True, plane) when the curve is planar (lines have no unique plane: False)."""
    samples = []
    bs = _gc.breaks(self)
    for a, b in zip(bs[:-1], bs[1:]):
        samples.extend(self.PointAt(a + (b - a) * k / 8.0) for k in range(8))
    if not self.IsClosed:
        samples.append(self.PointAtEnd)
    frame = _gc._newell_plane(samples if self.IsClosed else samples + samples[-2:0:-1])
    if frame is None or not self.IsPlanar(max(tolerance, 1e-9)):
        return False, Plane.Unset
    o, x, y, _ = frame
    return True, Plane(Point3d(*o), Vector3d(*x), Vector3d(*y))


def _duplicate_segments(self):
    if isinstance(self, _r.PolyCurve):
        return [self.SegmentCurve(i).Duplicate() for i in range(self.SegmentCount)]
    if isinstance(self, _r.PolylineCurve):
        pts = [self.Point(i) for i in range(self.PointCount)]
        return [LineCurve(a, b) for a, b in zip(pts[:-1], pts[1:])]
    return []


def _contains(self, testPoint, plane=None, tolerance=None):
    """PointContainment Inside / Outside / Coincident for a closed planar curve (Unset when the
    curve is open or not planar); measured in `plane` when given."""
    frame = None
    if plane is not None:
        o, x, y, z = plane.Origin, plane.XAxis, plane.YAxis, plane.ZAxis
        frame = ((o.X, o.Y, o.Z), (x.X, x.Y, x.Z), (y.X, y.Y, y.Z), (z.X, z.Y, z.Z))
    tol = 1e-6 if tolerance is None or tolerance <= 0 else float(tolerance)
    rc = _gc.containment(self, _point(testPoint), frame, tol)
    return {None: _r.PointContainment.Unset, _gc.INSIDE: _r.PointContainment.Inside,
            _gc.OUTSIDE: _r.PointContainment.Outside, _gc.ON_CURVE: _r.PointContainment.Coincident}[rc]


def _is_short(self, tolerance):
    return _gc.length(self) <= tolerance


_CURVE_INSTANCE_KERNEL = (
    "Offset", "OffsetOnSurface", "OffsetNormalToSurface", "RibbonOffset", "Extend", "ExtendByArc",
    "ExtendByLine", "ExtendOnSurface", "Rebuild", "Simplify", "SimplifyEnd", "Fair", "Smooth", "Fit",
    "PullToMesh", "PullToBrepFace", "ToPolyline", "ToArcsAndLines", "DivideEquidistant",
    "DivideAsContour", "ClosestPoints", "GetLocalPerpPoint", "GetLocalTangentPoint", "GetPerpendicularFrames",
    "RemoveShortSegments", "MakeClosed", "ExtremeParameters", "InflectionPoints",
    "MaxCurvaturePoints", "GetConicSectionType", "HasNurbsForm")


def _install():
    members = dict(GetLength=_get_length, ClosestPoint=_closest_point, DivideByCount=_divide_by_count,
                   DivideByLength=_divide_by_length, LengthParameter=_length_parameter,
                   NormalizedLengthParameter=_normalized_length_parameter,
                   NormalizedLengthParameters=_normalized_length_parameters, PointAtLength=_point_at_length,
                   PointAtNormalizedLength=_point_at_normalized_length, TryGetPlane=_try_get_plane,
                   DuplicateSegments=_duplicate_segments, IsShort=_is_short, Contains=_contains)
    for name in _CURVE_INSTANCE_KERNEL:
        members[name] = _kernel_only("Curve." + name)
    add_members(_r.Curve, **members)
    # `.Count` (RhinoCommon) on every rhino3dm list that only has len()
    for name in dir(_r):
        cls = getattr(_r, name)
        if isinstance(cls, type) and "__len__" in cls.__dict__ and not hasattr(cls, "Count"):
            add_members(cls, Count=property(len))


_install()
