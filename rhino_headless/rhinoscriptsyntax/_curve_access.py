"""Private part of rhinoscriptsyntax.curve: finding an object's curve (or one segment of it) and
converting points, vectors, planes, circles, arcs and ellipses between rs values and rhino3dm."""
import numpy as np
import rhino3dm as _r

from rhino_headless.geomath import curves as _gc
from .geometry import (_coerce_point, _coerce_vector, _geometry, _plane_arrays, _plane_from,
                       _point, _tolerance, _vector, _xyz)

# ---- private helpers ------------------------------------------------------------------------

def _curve(curve_id, segment_index=-1, raise_on_error=True):
    """The curve of an id (or a curve passed in); a polycurve segment when segment_index >= 0."""
    geom = _geometry(curve_id)
    if isinstance(geom, _r.BrepEdge):
        geom = geom.ToNurbsCurve()
    if not isinstance(geom, _r.Curve):
        if raise_on_error:
            raise ValueError("unable to convert %s into Curve geometry" % (curve_id,))
        return None
    if segment_index is not None and segment_index >= 0:
        if isinstance(geom, _r.PolyCurve) and segment_index < geom.SegmentCount:
            return geom.SegmentCurve(segment_index)
        if raise_on_error:
            raise ValueError("segment %s of %s does not exist" % (segment_index, curve_id))
        return None
    return geom


def _p3(p):
    """rhino3dm.Point3d from anything point-like."""
    q = _coerce_point(p, True)
    return _r.Point3d(q.X, q.Y, q.Z)


def _v3(v):
    q = _coerce_vector(v, True)
    return _r.Vector3d(q.X, q.Y, q.Z)


def _out(p):
    return _point(p.X, p.Y, p.Z)


def _vout(v):
    return _vector(v.X, v.Y, v.Z)


def _native_plane(plane):
    o, x, y, _ = _plane_arrays(plane)
    return _r.Plane(_r.Point3d(*o), _r.Vector3d(*x), _r.Vector3d(*y))


def _plane_out(plane):
    o, x, y, _ = _plane_arrays(plane)
    return _plane_from(o, x, y)


def _circle(plane, radius):
    c = _r.Circle(float(radius))
    c.Plane = _native_plane(plane)
    return c


def _arc_of(curve):
    ok = curve.TryGetArc() if hasattr(curve, "TryGetArc") else None
    if isinstance(curve, _r.ArcCurve):
        return curve.Arc
    if isinstance(ok, tuple):
        return ok[1] if ok[0] else None
    return ok


def _circle_of(curve):
    rc = curve.TryGetCircle()
    if isinstance(rc, tuple):
        return rc[1] if rc[0] else None
    return rc


def _ellipse_of(curve):
    rc = curve.TryGetEllipse()
    if isinstance(rc, tuple):
        return rc[1] if rc[0] else None
    return rc


def _polyline_points(curve):
    if isinstance(curve, _r.PolylineCurve):
        return [curve.Point(i) for i in range(curve.PointCount)]
    if isinstance(curve, _r.LineCurve):
        return [curve.PointAtStart, curve.PointAtEnd]
    rc = curve.TryGetPolyline()
    pl = rc[1] if isinstance(rc, tuple) and rc[0] else (rc if isinstance(rc, _r.Polyline) else None)
    if pl is None:
        return None
    return [pl[i] for i in range(pl.Count)]


def _nurbs(curve):
    return curve if isinstance(curve, _r.NurbsCurve) else curve.ToNurbsCurve()


def _interval(value):
    """(t0, t1) from a 2-sequence or an Interval."""
    if isinstance(value, _r.Interval):
        return value.T0, value.T1
    return float(value[0]), float(value[1])


def _plane_of_curve(curve, tolerance=None):
    """(origin, x, y, z) of a planar curve's plane (Newell normal of samples), or None."""
    tol = _tolerance() if tolerance is None else tolerance
    bs = _gc.breaks(curve)
    pts = []
    for a, b in zip(bs[:-1], bs[1:]):
        pts.extend(_xyz(curve.PointAt(a + (b - a) * k / 8.0)) for k in range(8))
    pts.append(_xyz(curve.PointAtEnd))
    pts = np.array(pts)
    c = pts.mean(axis=0)
    _, s, vt = np.linalg.svd(pts - c)
    z = vt[2]
    if np.max(np.abs((pts - c) @ z)) > tol:
        return None
    if s[1] <= 1e-12 * max(1.0, s[0]):  # a line: any plane through it
        x = vt[0]
        helper = np.array([0, 0, 1.0]) if abs(x[2]) < 0.9 else np.array([1.0, 0, 0])
        z = np.cross(x, helper)
        z /= np.linalg.norm(z)
    # orient like Rhino: a closed curve runs counter-clockwise around its plane normal
    if curve.IsClosed:
        n = np.zeros(3)
        for i in range(len(pts) - 1):
            n += np.cross(pts[i] - c, pts[i + 1] - c)
        if n @ z < 0:
            z = -z
    elif z @ np.array([0, 0, 1.0]) < 0:
        z = -z
    x = vt[0] - z * (vt[0] @ z)
    x /= np.linalg.norm(x)
    return c, x, np.cross(z, x), z
