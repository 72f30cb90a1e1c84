"""rhinoscriptsyntax.curve, headless.

Construction and evaluation map onto rhino3dm; lengths, division, closest points and planar
areas come from `geomath.curves`. Kernel operations (offset, fillet, boolean, curve overlaps,
brep intersections, projection...) raise NeedsRhinoError, listed in NEEDS_RHINO.
"""
import math

import numpy as np
import rhino3dm as _r

from rhino_headless.errors import NeedsRhinoError
from rhino_headless.geomath import curves as _gc
from .geometry import (_add, _coerce_plane, _coerce_points, _geometry, _guid, _plane_arrays,
                       _plane_from, _point, _replace, _tolerance, _vector, _xyz)
from ._curve_access import (_curve, _p3, _v3, _out, _vout, _native_plane, _plane_out, _circle,
                            _arc_of, _circle_of, _polyline_points, _nurbs, _interval,
                            _plane_of_curve)

_KERNEL = "Rhino's geometry kernel"
NEEDS_RHINO = {name: _KERNEL for name in (
    "AddBlendCurve", "AddFilletCurve", "AddInterpCrvOnSrf", "AddInterpCrvOnSrfUV", "AddSpiral",
    "AddTweenCurves", "ConvertCurveToPolyline", "CurveBooleanDifference", "CurveBooleanIntersection",
    "CurveBooleanUnion", "CurveBrepIntersect", "CurveClosestObject", 
    "CurveDeviation", "CurveDiscontinuity", "CurveFilletPoints",
    "CurveSurfaceIntersection", "ExtendCurve", "ExtendCurveLength",
    "ExtendCurvePoint", "FairCurve", "FitCurve", "MeanCurve", "MeshPolyline", "OffsetCurve",
    "OffsetCurveOnSurface", "PlanarClosedCurveContainment", "PlanarCurveCollision",
    "ProjectCurveToMesh", "ProjectCurveToSurface", "RebuildCurve", "RemoveCurveKnot",
    "SimplifyCurve", "CurveArrows", "MakeCurveNonPeriodic")}
NEEDS_RHINO["CurveArrows"] = "Rhino's display attributes (curve arrows)"


# ---- construction ---------------------------------------------------------------------------

def AddLine(start, end):
    a, b = _p3(start), _p3(end)
    if a.DistanceTo(b) <= 0.0:
        raise Exception("unable to add line to document")
    return _add(_r.LineCurve(a, b))


def AddPolyline(points, replace_id=None):
    pts = [_p3(p) for p in _coerce_points(points, True)]
    if len(pts) < 2:
        raise ValueError("a polyline needs at least two points")
    crv = _r.PolylineCurve(pts)
    if replace_id is not None:
        if _replace(_guid(replace_id), crv):
            return _guid(replace_id)
        raise ValueError("unable to replace %s" % (replace_id,))
    return _add(crv)


def AddCircle(plane_or_center, radius):
    plane = _coerce_plane(plane_or_center, True)
    return _add(_r.ArcCurve.CreateFromCircle(_circle(plane, radius)))


def _circumcircle(a, b, c):
    a, b, c = _xyz(a), _xyz(b), _xyz(c)
    ab, ac = b - a, c - a
    n = np.cross(ab, ac)
    nn = n @ n
    if nn <= 1e-24:
        return None
    center = a + (np.cross(n, ab) * (ac @ ac) + np.cross(ac, n) * (ab @ ab)) / (2 * nn)
    x = a - center
    x /= np.linalg.norm(x)
    y = np.cross(n / math.sqrt(nn), x)
    return center, x, y, float(np.linalg.norm(a - center))


def AddCircle3Pt(first, second, third):
    cc = _circumcircle(_p3(first), _p3(second), _p3(third))
    if cc is None:
        raise Exception("unable to add circle to document")
    center, x, y, radius = cc
    return _add(_r.ArcCurve.CreateFromCircle(_circle(_plane_from(center, x, y), radius)))


def AddArc(plane, radius, angle_degrees):
    plane = _coerce_plane(plane, True)
    arc = _r.Arc(_circle(plane, radius), math.radians(angle_degrees))
    return _add(_r.ArcCurve.CreateFromArc(arc))


def AddArc3Pt(start, end, point_on_arc):
    if _circumcircle(_p3(start), _p3(point_on_arc), _p3(end)) is None:
        return None  # collinear points make no arc
    arc = _r.Arc(_p3(start), _p3(point_on_arc), _p3(end))
    return _add(_r.ArcCurve.CreateFromArc(arc))


def AddArcPtTanPt(start, direction, end):
    # built here: rhino3dm's Arc(point, tangent, point) constructor misplaces the centre
    a, b = _xyz(_p3(start)), _xyz(_p3(end))
    t = _xyz(_v3(direction))
    t = t / np.linalg.norm(t)
    d = b - a
    u = d - t * (d @ t)
    if np.linalg.norm(u) <= 1e-12 * max(1.0, np.linalg.norm(d)):
        return None  # the end lies on the tangent line: no arc
    u /= np.linalg.norm(u)
    radius = (d @ d) / (2 * (d @ u))
    center = a + radius * u
    x = (a - center) / radius
    rel = b - center
    angle = math.atan2(rel @ t, rel @ x) % (2 * math.pi)
    arc = _r.Arc(_circle(_plane_from(center, x, t), radius), angle)
    return _add(_r.ArcCurve.CreateFromArc(arc))


def _ellipse_curve(plane, rx, ry):
    crv = _r.NurbsCurve.CreateFromCircle(_r.Circle(1.0))
    crv.Transform(_r.Transform.Scale(_r.Plane.WorldXY(), float(rx), float(ry), 1.0))
    crv.Transform(_r.Transform.PlaneToPlane(_r.Plane.WorldXY(), _native_plane(plane)))
    return crv


def AddEllipse(plane, radiusX, radiusY):
    plane = _coerce_plane(plane, True)
    return _add(_ellipse_curve(plane, radiusX, radiusY))


def AddEllipse3Pt(center, second, third):
    c, s, t = _xyz(_p3(center)), _xyz(_p3(second)), _xyz(_p3(third))
    x, y = s - c, t - c
    rx, ry = float(np.linalg.norm(x)), float(np.linalg.norm(y))
    plane = _plane_from(c, x / rx, y / ry)
    return _add(_ellipse_curve(plane, rx, ry))


def AddCurve(points, degree=3):
    pts = [_p3(p) for p in _coerce_points(points, True)]
    crv = _r.Curve.CreateControlPointCurve(pts, int(degree))
    if crv is None:
        raise Exception("unable to add curve to document")
    return _add(crv)


def AddInterpCurve(points, degree=3, knotstyle=0, start_tangent=None, end_tangent=None):
    pts = [_xyz(p) for p in _coerce_points(points, True)]
    if start_tangent is not None or end_tangent is not None:
        raise NeedsRhinoError("rs.AddInterpCurve", "Rhino's interpolation with end tangents")
    style = {0: _gc.UNIFORM, 1: _gc.CHORD, 2: _gc.SQRT_CHORD}.get(int(knotstyle) % 3, _gc.UNIFORM)
    crv = _gc.interpolate(pts, int(degree), style)
    if crv is None:
        raise Exception("unable to add curve to document")
    return _add(crv)


def AddNurbsCurve(points, knots, degree, weights=None):
    pts = [_p3(p) for p in _coerce_points(points, True)]
    n = len(pts)
    rational = weights is not None
    crv = _r.NurbsCurve(3, rational, int(degree) + 1, n)
    if len(knots) != n + int(degree) - 1:
        raise ValueError("a degree %d curve with %d points needs %d knots, got %d"
                         % (degree, n, n + degree - 1, len(knots)))
    for i, p in enumerate(pts):
        w = float(weights[i]) if rational else 1.0
        crv.Points[i] = _r.Point4d(p.X * w, p.Y * w, p.Z * w, w)
    for i, k in enumerate(knots):
        crv.Knots[i] = float(k)
    if not crv.IsValid:
        raise Exception("unable to add curve to document")
    return _add(crv)


def AddRectangle(plane, width, height):
    plane = _coerce_plane(plane, True)
    o, x, y, _ = _plane_arrays(plane)
    corners = [o, o + width * x, o + width * x + height * y, o + height * y, o]
    return _add(_r.PolylineCurve([_r.Point3d(*c) for c in corners]))


def AddSubCrv(curve_id, param0, param1):
    crv = _curve(curve_id)
    sub = crv.Trim(float(param0), float(param1))
    if sub is None:
        return None
    return _add(sub)


# ---- domain, evaluation ---------------------------------------------------------------------

def CurveDomain(curve_id, segment_index=-1):
    d = _curve(curve_id, segment_index).Domain
    return [d.T0, d.T1]


def EvaluateCurve(curve_id, t, segment_index=-1):
    return _out(_curve(curve_id, segment_index).PointAt(float(t)))


def CurveStartPoint(curve_id, segment_index=-1, point=None):
    crv = _curve(curve_id, segment_index)
    rc = _out(crv.PointAtStart)
    if point is not None:
        new = crv.Duplicate()
        if new.SetStartPoint(_p3(point)):
            _replace(_guid(curve_id), new)
    return rc


def CurveEndPoint(curve_id, segment_index=-1):
    return _out(_curve(curve_id, segment_index).PointAtEnd)


def CurveMidPoint(curve_id, segment_index=-1):
    crv = _curve(curve_id, segment_index)
    ok, t = _gc.length_parameter(crv, 0.5 * _gc.length(crv))
    return _out(crv.PointAt(t)) if ok else None


def CurveLength(curve_id, segment_index=-1, sub_domain=None):
    crv = _curve(curve_id, segment_index)
    if sub_domain is not None:
        return _gc.length(crv, _interval(sub_domain))
    return _gc.length(crv)


def CurveTangent(curve_id, parameter, segment_index=-1):
    crv = _curve(curve_id, segment_index)
    return _vout(crv.TangentAt(float(parameter)))


def CurveCurvature(curve_id, parameter):
    crv = _curve(curve_id)
    t = float(parameter)
    point = crv.PointAt(t)
    tangent = crv.TangentAt(t)
    k = crv.CurvatureAt(t)
    kk = math.sqrt(k.X ** 2 + k.Y ** 2 + k.Z ** 2)
    if kk <= 1e-12:
        return None  # Rhino: no centre of curvature on a straight stretch
    radius = 1.0 / kk
    center = _xyz(point) + _xyz(k) * radius * radius
    return _out(point), _vout(tangent), _point(*center), radius, _vout(k)


def CurveRadius(curve_id, test_point, segment_index=-1):
    crv = _curve(curve_id, segment_index)
    ok, t = _gc.closest_point(crv, _p3(test_point))
    if not ok:
        return None
    k = crv.CurvatureAt(t)
    kk = math.sqrt(k.X ** 2 + k.Y ** 2 + k.Z ** 2)
    return 1.0 / kk if kk > 1e-12 else None


def CurveFrame(curve_id, parameter, segment_index=-1):
    crv = _curve(curve_id, segment_index)
    rc = crv.FrameAt(float(parameter))
    plane = rc[1] if isinstance(rc, tuple) else rc
    if plane is None or (isinstance(rc, tuple) and not rc[0]):
        return None
    return _plane_out(plane)


def CurvePerpFrame(curve_id, parameter):
    crv = _curve(curve_id)
    t = float(parameter)
    p = _xyz(crv.PointAt(t))
    z = _xyz(crv.TangentAt(t))
    k = _xyz(crv.CurvatureAt(t))
    if np.linalg.norm(k) > 1e-12:
        x = k / np.linalg.norm(k)
    else:
        helper = np.array([0, 0, 1.0]) if abs(z[2]) < 0.9 else np.array([1.0, 0, 0])
        x = np.cross(helper, z)
        x /= np.linalg.norm(x)
    y = np.cross(z, x)
    return _plane_from(p, x, y)


def CurveNormal(curve_id, segment_index=-1):
    crv = _curve(curve_id, segment_index)
    frame = _plane_of_curve(crv)
    if frame is None:
        return None
    return _vector(*frame[3])


def CurvePlane(curve_id, segment_index=-1):
    crv = _curve(curve_id, segment_index)
    c = _circle_of(crv) if crv.IsClosed else None
    if c is not None:
        return _plane_out(c.Plane)
    frame = _plane_of_curve(crv)
    if frame is None:
        return None
    o, x, y, _ = frame
    return _plane_from(_xyz(crv.PointAtStart) if not crv.IsClosed else o, x, y)


def CurveParameter(curve_id, parameter):
    d = _curve(curve_id).Domain
    return d.T0 + float(parameter) * (d.T1 - d.T0)


def CurveNormalizedParameter(curve_id, parameter):
    d = _curve(curve_id).Domain
    return (float(parameter) - d.T0) / (d.T1 - d.T0)


def CurveClosestPoint(curve_id, test_point, segment_index=-1):
    crv = _curve(curve_id, segment_index)
    ok, t = _gc.closest_point(crv, _p3(test_point))
    return t if ok else None


def CurveArcLengthPoint(curve_id, length, from_start=True):
    crv = _curve(curve_id)
    total = _gc.length(crv)
    s = float(length) if from_start else total - float(length)
    ok, t = _gc.length_parameter(crv, s)
    return _out(crv.PointAt(t)) if ok else None


# ---- control points, knots, degree ---------------------------------------------------------

def CurveDegree(curve_id, segment_index=-1):
    return _curve(curve_id, segment_index).Degree


def CurveDim(curve_id, segment_index=-1):
    return _curve(curve_id, segment_index).Dimension


def CurvePoints(curve_id, segment_index=-1):
    nc = _nurbs(_curve(curve_id, segment_index))
    if nc is None:
        return None
    out = []
    for i in range(len(nc.Points)):
        p = nc.Points[i]
        w = p.W or 1.0
        out.append(_point(p.X / w, p.Y / w, p.Z / w))
    return out


def CurvePointCount(curve_id, segment_index=-1):
    nc = _nurbs(_curve(curve_id, segment_index))
    return len(nc.Points) if nc is not None else None


def CurveKnots(curve_id, segment_index=-1):
    nc = _nurbs(_curve(curve_id, segment_index))
    return [float(k) for k in nc.Knots] if nc is not None else None


def CurveKnotCount(curve_id, segment_index=-1):
    nc = _nurbs(_curve(curve_id, segment_index))
    return len(nc.Knots) if nc is not None else None


def CurveWeights(curve_id, segment_index=-1):
    nc = _nurbs(_curve(curve_id, segment_index))
    return [float(nc.Points[i].W) for i in range(len(nc.Points))] if nc is not None else None


def CurveEditPoints(curve_id, return_parameters=False, segment_index=-1):
    crv = _curve(curve_id, segment_index)
    nc = _nurbs(crv)
    n = len(nc.Points)
    if nc.IsPeriodic:
        n -= nc.Degree
    params = [nc.GrevilleParameter(i) for i in range(n)]
    if return_parameters:
        return params
    return [_out(nc.PointAt(t)) for t in params]


def ChangeCurveDegree(object_id, degree):
    crv = _curve(object_id)
    nc = _nurbs(crv).Duplicate()
    degree = int(degree)
    if degree < 1 or degree == nc.Degree:
        return degree == nc.Degree
    if degree < nc.Degree:
        raise NeedsRhinoError("rs.ChangeCurveDegree", "Rhino's degree reduction (a fit)")
    if not nc.IncreaseDegree(degree):
        return False
    return _replace(_guid(object_id), nc)


def InsertCurveKnot(curve_id, parameter, symmetrical=False):
    crv = _curve(curve_id)
    nc = _nurbs(crv).Duplicate()
    t = float(parameter)
    d = nc.Domain
    if not (d.T0 < t < d.T1):
        return False
    params = [t]
    if symmetrical:
        params.append(d.T0 + d.T1 - t)
    for k in params:
        if not nc.Knots.InsertKnot(k, 1):
            return False
    return _replace(_guid(curve_id), nc)


# ---- queries --------------------------------------------------------------------------------

def IsCurve(object_id):
    return isinstance(_geometry(object_id), _r.Curve)


def _is(object_id, segment_index, test):
    crv = _curve(object_id, segment_index, raise_on_error=False)
    return bool(test(crv)) if crv is not None else False


def IsCurveClosed(object_id):
    crv = _curve(object_id, raise_on_error=False)
    return None if crv is None else bool(crv.IsClosed)


def IsCurveClosable(curve_id, tolerance=None):
    crv = _curve(curve_id)
    tol = _tolerance() * 2.1 if tolerance is None else float(tolerance)
    if crv.IsClosed:
        return False
    return bool(crv.IsClosable(tol))


def IsCurveLinear(object_id, segment_index=-1):
    return _is(object_id, segment_index, lambda c: c.IsLinear())


def IsCurvePlanar(curve_id, segment_index=-1):
    return _is(curve_id, segment_index, lambda c: c.IsPlanar())


def IsCurvePeriodic(curve_id, segment_index=-1):
    return _is(curve_id, segment_index, lambda c: c.IsPeriodic)


def IsCurveRational(curve_id, segment_index=-1):
    return _is(curve_id, segment_index,
               lambda c: isinstance(c, _r.NurbsCurve) and c.IsRational)


def IsCurveInPlane(object_id, plane=None):
    crv = _curve(object_id)
    plane = _coerce_plane(plane if plane is not None else (0, 0, 0), True)
    o, x, y, z = _plane_arrays(plane)
    tol = _tolerance()
    bs = _gc.breaks(crv)
    for a, b in zip(bs[:-1], bs[1:]):
        for k in range(9):
            if abs((_xyz(crv.PointAt(a + (b - a) * k / 8.0)) - o) @ z) > tol:
                return False
    return True


def IsLine(object_id, segment_index=-1):
    def test(c):
        if isinstance(c, _r.LineCurve):
            return True
        pts = _polyline_points(c)
        return pts is not None and len(pts) == 2
    return _is(object_id, segment_index, test)


def IsPolyline(object_id, segment_index=-1):
    return _is(object_id, segment_index, lambda c: isinstance(c, _r.PolylineCurve) or
               (not isinstance(c, _r.LineCurve) and c.IsPolyline() and
                len(_polyline_points(c) or []) > 2))


def IsPolyCurve(object_id, segment_index=-1):
    return _is(object_id, segment_index, lambda c: isinstance(c, _r.PolyCurve))


def IsCircle(curve_id, tolerance=None):
    crv = _curve(curve_id, raise_on_error=False)
    return crv is not None and bool(crv.IsCircle())


def IsArc(curve_id, segment_index=-1):
    return _is(curve_id, segment_index, lambda c: c.IsArc() and not c.IsClosed)


def IsEllipse(object_id, segment_index=-1):
    return _is(object_id, segment_index, lambda c: c.IsEllipse() or _ellipse_fit(c) is not None)


def IsPointOnCurve(object_id, point, segment_index=-1):
    crv = _curve(object_id, segment_index)
    p = _p3(point)
    ok, t = _gc.closest_point(crv, p)
    return bool(ok and crv.PointAt(t).DistanceTo(p) <= _tolerance())


def CurveDirectionsMatch(curve_id_0, curve_id_1):
    a, b = _curve(curve_id_0), _curve(curve_id_1)
    # RhinoCommon's test: tangents at the closest points of the second curve's start/middle/end
    ta = _xyz(a.TangentAtStart) + _xyz(a.TangentAtEnd) + _xyz(a.TangentAt(0.5 * (a.Domain.T0 + a.Domain.T1)))
    tb = _xyz(b.TangentAtStart) + _xyz(b.TangentAtEnd) + _xyz(b.TangentAt(0.5 * (b.Domain.T0 + b.Domain.T1)))
    if np.linalg.norm(ta) > 1e-9 and np.linalg.norm(tb) > 1e-9:
        return bool(ta @ tb > 0)
    # closed symmetric curves: compare orientation about their normals
    return bool(ClosedCurveOrientation(curve_id_0) == ClosedCurveOrientation(curve_id_1))


def ClosedCurveOrientation(curve_id, direction=(0, 0, 1)):
    crv = _curve(curve_id)
    if not crv.IsClosed:
        return 0
    d = _xyz(_v3(direction))
    bs = _gc.breaks(crv)
    pts = []
    for a, b in zip(bs[:-1], bs[1:]):
        pts.extend(_xyz(crv.PointAt(a + (b - a) * k / 16.0)) for k in range(16))
    pts = np.array(pts)
    c = pts.mean(axis=0)
    n = sum(np.cross(pts[i] - c, pts[(i + 1) % len(pts)] - c) for i in range(len(pts)))
    s = float(n @ d)
    return 1 if s > 0 else (-1 if s < 0 else 0)


# ---- circles, arcs, ellipses, polylines -----------------------------------------------------

def _need(value, what, curve_id):
    if value is None:
        raise ValueError("%s is not %s" % (curve_id, what))
    return value


def CircleCenterPoint(curve_id, segment_index=-1, return_plane=False):
    c = _need(_circle_of(_curve(curve_id, segment_index)), "a circle", curve_id)
    center = _out(c.Center)
    return (center, _plane_out(c.Plane)) if return_plane else center


def CircleRadius(curve_id, segment_index=-1):
    return _need(_circle_of(_curve(curve_id, segment_index)), "a circle", curve_id).Radius


def CircleCircumference(curve_id, segment_index=-1):
    c = _need(_circle_of(_curve(curve_id, segment_index)), "a circle", curve_id)
    return 2 * math.pi * c.Radius


def ArcAngle(curve_id, segment_index=-1):
    return _need(_arc_of(_curve(curve_id, segment_index)), "an arc", curve_id).AngleDegrees


def ArcRadius(curve_id, segment_index=-1):
    return _need(_arc_of(_curve(curve_id, segment_index)), "an arc", curve_id).Radius


def ArcCenterPoint(curve_id, segment_index=-1):
    return _out(_need(_arc_of(_curve(curve_id, segment_index)), "an arc", curve_id).Center)


def ArcMidPoint(curve_id, segment_index=-1):
    return _out(_need(_arc_of(_curve(curve_id, segment_index)), "an arc", curve_id).MidPoint)


def _ellipse_fit(crv, tolerance=None):
    """(centre, major semi-axis, minor semi-axis) arrays when the curve is (part of) an ellipse:
    a conic fitted to samples in the curve's plane, checked against every sample."""
    if isinstance(crv, (_r.LineCurve, _r.PolylineCurve)):
        return None
    frame = _plane_of_curve(crv)
    if frame is None:
        return None
    o, x, y, _ = frame
    bs = _gc.breaks(crv)
    ts = np.concatenate([np.linspace(a, b, 24, endpoint=False) for a, b in zip(bs[:-1], bs[1:])])
    pts = np.array([_xyz(crv.PointAt(float(t))) for t in ts])
    scale = float(np.max(np.linalg.norm(pts - o, axis=1))) or 1.0
    u, v = (pts - o) @ x / scale, (pts - o) @ y / scale
    M = np.stack([u * u, u * v, v * v, u, v, np.ones_like(u)], axis=1)
    coef = np.linalg.svd(M)[2][-1]
    A, B, C, D, E, F = coef
    if B * B - 4 * A * C >= 0:
        return None
    Q = np.array([[A, B / 2], [B / 2, C]])
    c = np.linalg.solve(Q, -0.5 * np.array([D, E]))
    k = -(F + 0.5 * (D * c[0] + E * c[1]))
    w, vecs = np.linalg.eigh(Q / k)
    if np.any(w <= 0):
        return None
    radii = 1.0 / np.sqrt(w) * scale  # ascending eigenvalues: major axis first
    center = o + scale * (c[0] * x + c[1] * y)
    major = radii[0] * (vecs[0, 0] * x + vecs[1, 0] * y)
    minor = radii[1] * (vecs[0, 1] * x + vecs[1, 1] * y)
    # every sample must lie on the fitted ellipse
    tol = _tolerance() if tolerance is None else tolerance
    rel = pts - center
    a2, b2 = major @ major, minor @ minor
    val = (rel @ major) ** 2 / a2 ** 2 + (rel @ minor) ** 2 / b2 ** 2
    if np.max(np.abs(np.sqrt(val) - 1.0)) * math.sqrt(a2) > tol:
        return None
    return center, major, minor


def _ellipse_axes(curve_id):
    rc = _ellipse_fit(_curve(curve_id))
    if rc is None:
        raise ValueError("%s is not an ellipse" % (curve_id,))
    return rc


def EllipseCenterPoint(curve_id):
    center, _, _ = _ellipse_axes(curve_id)
    return _point(*center)


def EllipseQuadPoints(curve_id):
    c, a, b = _ellipse_axes(curve_id)
    return [_point(*(c + a)), _point(*(c - a)), _point(*(c + b)), _point(*(c - b))]


def PolylineVertices(curve_id, segment_index=-1):
    crv = _curve(curve_id, segment_index)
    pts = _polyline_points(crv)
    if pts is None:
        raise ValueError("%s is not a polyline" % (curve_id,))
    return [_out(p) for p in pts]


def PolyCurveCount(curve_id, segment_index=-1):
    crv = _curve(curve_id, segment_index)
    if isinstance(crv, _r.PolyCurve):
        return crv.SegmentCount
    raise ValueError("curve_id does not reference a polycurve")


# area, division, editing and intersections live in _curve_edit (exported as this module's)
PARTS = ("_curve_edit",)
from ._curve_edit import (CurveArea, CurveAreaCentroid, PointInPlanarClosedCurve,
                          LineFitFromPoints, DivideCurve, DivideCurveLength, ReverseCurve,
                          CurveSeam, SplitCurve, TrimCurve, CloseCurve, ExplodeCurves, JoinCurves,
                          DivideCurveEquidistant, CurveContourPoints, CurveCurveIntersection)  # noqa: E402
