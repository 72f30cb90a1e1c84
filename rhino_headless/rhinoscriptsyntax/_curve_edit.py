"""rhinoscriptsyntax.curve, continued: area, division, editing (reverse, seam, split, trim, close,
explode, join) and curve/plane and curve/curve intersections. Its functions are exported as
rs.curve's (curve.PARTS); the module is private so `import rhinoscriptsyntax.curve` stays the one
public module, as in Rhino."""
import math

import numpy as np
import rhino3dm as _r

from rhino_headless.errors import NeedsRhinoError
from rhino_headless.geomath import curves as _gc
from ._curve_access import (_curve, _p3, _out, _polyline_points, _interval, _plane_of_curve)
from .geometry import (_add, _coerce_plane, _coerce_points, _delete, _guid, _object, _plane_arrays,
                       _point, _replace, _tolerance, _vector, _xyz)


# ---- area -----------------------------------------------------------------------------------

def CurveArea(curve_id):
    crv = _curve(curve_id)
    rc = _gc.area_centroid(crv, _tolerance())
    if rc is None:
        return None
    area = rc[0]
    return area, 1e-9 * max(area, 1.0)


def CurveAreaCentroid(curve_id):
    crv = _curve(curve_id)
    rc = _gc.area_centroid(crv, _tolerance())
    if rc is None:
        return None
    return _point(*rc[1]), _vector(1e-9, 1e-9, 1e-9)


def PointInPlanarClosedCurve(point, curve, plane=None, tolerance=None):
    """0 outside, 1 inside, 2 on the curve (Rhino's codes)."""
    crv = _curve(curve)
    if not crv.IsClosed:
        raise ValueError("curve must be closed")
    tol = _tolerance() if tolerance is None else float(tolerance)
    p = _p3(point)
    ok, t = _gc.closest_point(crv, p)
    if ok and crv.PointAt(t).DistanceTo(p) <= tol:
        return 2
    if plane is not None:
        o, x, y, z = _plane_arrays(_coerce_plane(plane, True))
    else:
        frame = _plane_of_curve(crv)
        if frame is None:
            raise ValueError("curve is not planar")
        o, x, y, z = frame
    bs = _gc.breaks(crv)
    pts = []
    for a, b in zip(bs[:-1], bs[1:]):
        pts.extend(_xyz(crv.PointAt(a + (b - a) * k / 64.0)) for k in range(64))
    uv = np.array([[(q - o) @ x, (q - o) @ y] for q in pts])
    q = np.array([(_xyz(p) - o) @ x, (_xyz(p) - o) @ y])
    inside = False
    for i in range(len(uv)):
        (x0, y0), (x1, y1) = uv[i], uv[(i + 1) % len(uv)]
        if (y0 > q[1]) != (y1 > q[1]):
            xc = x0 + (q[1] - y0) * (x1 - x0) / (y1 - y0)
            if xc > q[0]:
                inside = not inside
    return 1 if inside else 0


def LineFitFromPoints(points):
    pts = np.array([_xyz(p) for p in _coerce_points(points, True)])
    c = pts.mean(axis=0)
    _, _, vt = np.linalg.svd(pts - c)
    d = vt[0]
    s = (pts - c) @ d
    from rhino_headless.Rhino import Geometry as rg
    line_cls = getattr(rg, "Line", _r.Line)
    return line_cls(_r.Point3d(*(c + s.min() * d)), _r.Point3d(*(c + s.max() * d)))


# ---- division -------------------------------------------------------------------------------

def _division_result(crv, params, create_points, return_points):
    if params is None:
        return None
    pts = [_out(crv.PointAt(t)) for t in params]
    if create_points:
        for p in pts:
            _add(_r.Point(_r.Point3d(p.X, p.Y, p.Z)))
    return pts if return_points else list(params)


def DivideCurve(curve_id, segments, create_points=False, return_points=True):
    crv = _curve(curve_id)
    params = _gc.divide_by_count(crv, int(segments), True)
    return _division_result(crv, params, create_points, return_points)


def DivideCurveLength(curve_id, length, create_points=False, return_points=True):
    crv = _curve(curve_id)
    params = _gc.divide_by_length(crv, float(length), True)
    return _division_result(crv, params, create_points, return_points)


# ---- editing --------------------------------------------------------------------------------

def ReverseCurve(curve_id):
    crv = _curve(curve_id).Duplicate()
    if not crv.Reverse():
        return False
    return _replace(_guid(curve_id), crv)


def CurveSeam(curve_id, parameter):
    crv = _curve(curve_id)
    if not crv.IsClosed:
        return False
    d = crv.Domain
    t = float(parameter)
    if not (d.T0 <= t <= d.T1):
        return False
    new = crv.Duplicate()
    if not new.ChangeClosedCurveSeam(t):
        return False
    return _replace(_guid(curve_id), new)


def SplitCurve(curve_id, parameter, delete_input=True):
    crv = _curve(curve_id)
    params = sorted(float(t) for t in (parameter if isinstance(parameter, (list, tuple)) else [parameter]))
    pieces, rest = [], crv
    for t in params:
        d = rest.Domain
        if not (d.T0 < t < d.T1):
            continue
        parts = rest.Split(t)
        if not parts or len(parts) != 2 or parts[0] is None:
            return None
        pieces.append(parts[0])
        rest = parts[1]
    pieces.append(rest)
    if len(pieces) < 2:
        return None
    attrs = _object(curve_id).attributes
    ids = [_add_like(p, attrs) for p in pieces]
    if delete_input:
        _delete(_guid(curve_id))
    return ids


def _add_like(geometry, attributes=None):
    """Add keeping the source object's attributes (layer, colour) as Rhino's split/trim do."""
    from rhino_headless import scriptcontext as sc
    if attributes is None:
        return _add(geometry)
    from rhino_headless.document import copy_attributes
    attrs = copy_attributes(attributes)
    attrs.Id = __import__("uuid").UUID(int=0)
    return sc.doc.add(geometry, attrs, copy=False)


def TrimCurve(curve_id, interval, delete_input=True):
    crv = _curve(curve_id)
    t0, t1 = _interval(interval)
    sub = crv.Trim(t0, t1)
    if sub is None:
        return None
    rc = _add_like(sub, _object(curve_id).attributes)
    if delete_input:
        _delete(_guid(curve_id))
    return rc


def CloseCurve(curve_id, tolerance=-1.0):
    crv = _curve(curve_id)
    if crv.IsClosed:
        return _guid(curve_id)
    tol = _tolerance() * 2.1 if tolerance is None or tolerance < 0 else float(tolerance)
    if crv.PointAtStart.DistanceTo(crv.PointAtEnd) > tol:
        return None
    new = crv.Duplicate()
    if not new.SetEndPoint(crv.PointAtStart):
        return None
    return _add_like(new, _object(curve_id).attributes)


def ExplodeCurves(curve_ids, delete_input=False):
    ids = curve_ids if isinstance(curve_ids, (list, tuple)) else [curve_ids]
    rc = []
    for cid in ids:
        crv = _curve(cid)
        if isinstance(crv, _r.PolyCurve):
            pieces = [crv.SegmentCurve(i).Duplicate() for i in range(crv.SegmentCount)]
        else:
            pts = _polyline_points(crv)
            if pts is None or len(pts) < 3:
                continue
            pieces = [_r.LineCurve(a, b) for a, b in zip(pts[:-1], pts[1:])]
        attrs = _object(cid).attributes
        rc.extend(_add_like(p, attrs) for p in pieces)
        if delete_input:
            _delete(_guid(cid))
    return rc


def JoinCurves(object_ids, delete_input=False, tolerance=None):
    """Joins curves end to end into polycurves (reversing pieces as needed), as Rhino does for
    curves that touch at their ends; curves that do not touch stay separate."""
    ids = [_guid(i) for i in object_ids]
    if len(ids) < 2:
        raise ValueError("object_ids must contain at least 2 items")
    tol = _tolerance() * 2.1 if tolerance is None else float(tolerance)
    curves = [_curve(i).Duplicate() for i in ids]
    unused = list(range(len(curves)))
    chains = []
    while unused:
        chain = [curves[unused.pop(0)]]
        grown = True
        while grown:
            grown = False
            for k in list(unused):
                c = curves[k]
                start, end = chain[0].PointAtStart, chain[-1].PointAtEnd
                if end.DistanceTo(c.PointAtStart) <= tol:
                    chain.append(c)
                elif end.DistanceTo(c.PointAtEnd) <= tol:
                    c.Reverse()
                    chain.append(c)
                elif start.DistanceTo(c.PointAtEnd) <= tol:
                    chain.insert(0, c)
                elif start.DistanceTo(c.PointAtStart) <= tol:
                    c.Reverse()
                    chain.insert(0, c)
                else:
                    continue
                unused.remove(k)
                grown = True
        chains.append(chain)
    rc = []
    for chain in chains:
        if len(chain) == 1:
            joined = chain[0]
        else:
            joined = _join_chain(chain, tol)
        rc.append(_add(joined))
    if delete_input:
        for i in ids:
            _delete(i)
    return rc


def _join_chain(chain, tol):
    """One curve from touching pieces: a polyline when all are straight, else a polycurve."""
    pts_lists = [_polyline_points(c) for c in chain]
    if all(p is not None for p in pts_lists):
        pts = list(pts_lists[0])
        for p in pts_lists[1:]:
            pts.extend(p[1:])
        if pts[0].DistanceTo(pts[-1]) <= tol:
            pts[-1] = pts[0]
        return _r.PolylineCurve(pts)
    pc = _r.PolyCurve()
    for c in chain:
        if pc.SegmentCount:
            c.SetStartPoint(pc.PointAtEnd)
        pc.Append(c)
    if pc.PointAtStart.DistanceTo(pc.PointAtEnd) <= tol and not pc.IsClosed:
        pc.SetEndPoint(pc.PointAtStart)
    return pc


def DivideCurveEquidistant(curve_id, distance, create_points=False, return_points=True):
    """Points a straight-line `distance` apart along the curve, each the first crossing of a
    sphere around the previous one (Rhino's DivideEquidistant)."""
    crv = _curve(curve_id)
    d = float(distance)
    if d <= 0:
        return None
    bs = _gc.breaks(crv)
    ts = np.concatenate([np.linspace(a, b, 64, endpoint=False) for a, b in zip(bs[:-1], bs[1:])] +
                        [np.array([bs[-1]])])
    params = [float(ts[0])]
    current = _xyz(crv.PointAt(params[0]))
    k = 1
    while k < len(ts):
        f = lambda t: float(np.linalg.norm(_xyz(crv.PointAt(float(t))) - current)) - d
        if f(ts[k]) >= 0:
            lo, hi = max(params[-1], float(ts[k - 1])), float(ts[k])
            for _ in range(100):
                mid = 0.5 * (lo + hi)
                if f(mid) >= 0:
                    hi = mid
                else:
                    lo = mid
            params.append(hi)
            current = _xyz(crv.PointAt(hi))
            continue  # the next crossing may lie in the same sample interval
        k += 1
    if len(params) < 2:
        return None
    return _division_result(crv, params, create_points, return_points)


def CurveContourPoints(curve_id, start_point, end_point, interval=None):
    """Points where planes perpendicular to start->end, `interval` apart, cross the curve."""
    crv = _curve(curve_id)
    a, b = _xyz(_p3(start_point)), _xyz(_p3(end_point))
    axis = b - a
    length = float(np.linalg.norm(axis))
    if length <= 0:
        raise ValueError("start_point and end_point must differ")
    z = axis / length
    if interval is None:
        bb = crv.GetBoundingBox()
        interval = bb.Min.DistanceTo(bb.Max) / 50.0
    step = float(interval)
    if step <= 0:
        raise ValueError("interval must be positive")
    x = np.cross(z, [1.0, 0, 0] if abs(z[0]) < 0.9 else [0, 1.0, 0])
    x /= np.linalg.norm(x)
    rc = []
    n = int(math.floor(length / step + 1e-9))
    for i in range(n + 1):
        o = a + z * (i * step)
        plane = _r.Plane(_r.Point3d(*o), _r.Vector3d(*x), _r.Vector3d(*np.cross(z, x)))
        rc.extend(_out(crv.PointAt(t)) for t in _gc.plane_intersections(crv, plane, 1e-12))
    return rc


def CurveCurveIntersection(curveA, curveB=None, tolerance=-1):
    """Point intersections of two curves: crossings of the curves' fine polylines refined by
    Newton steps on both parameters. Overlaps and self-intersections need Rhino."""
    if curveB is None:
        raise NeedsRhinoError("rs.CurveCurveIntersection", "Rhino's self-intersection test")
    ca, cb = _curve(curveA), _curve(curveB)
    tol = _tolerance() if tolerance is None or tolerance <= 0 else float(tolerance)

    def samples(c):
        bs = _gc.breaks(c)
        ts = np.concatenate([np.linspace(p, q, 48, endpoint=False) for p, q in zip(bs[:-1], bs[1:])] +
                            [np.array([bs[-1]])])
        return ts, np.array([_xyz(c.PointAt(float(t))) for t in ts])

    ta, pa = samples(ca)
    tb, pb = samples(cb)
    seg = max(np.max(np.linalg.norm(np.diff(pa, axis=0), axis=1)),
              np.max(np.linalg.norm(np.diff(pb, axis=0), axis=1)))
    close = np.linalg.norm(pa[:, None, :] - pb[None, :, :], axis=2) <= seg + tol
    found = []
    for i, j in zip(*np.nonzero(close)):
        s, t = float(ta[i]), float(tb[j])
        for _ in range(50):
            P, dP = [(_xyz(v)) for v in ca.DerivativeAt(s, 1)[:2]]
            Q, dQ = [(_xyz(v)) for v in cb.DerivativeAt(t, 1)[:2]]
            r = P - Q
            J = np.stack([dP, -dQ], axis=1)
            try:
                step = np.linalg.lstsq(J, -r, rcond=None)[0]
            except np.linalg.LinAlgError:
                break
            s = min(max(s + step[0], ca.Domain.T0), ca.Domain.T1)
            t = min(max(t + step[1], cb.Domain.T0), cb.Domain.T1)
            if np.linalg.norm(step) < 1e-14:
                break
        P, Q = _xyz(ca.PointAt(s)), _xyz(cb.PointAt(t))
        if np.linalg.norm(P - Q) <= tol and not any(abs(s - f[0]) <= 1e-9 * max(1, abs(s)) or
                                                     np.linalg.norm(P - f[2]) <= tol for f in found):
            found.append((s, t, P, Q))
    if not found:
        return None
    # many hits packed closer than the sampling: the curves overlap
    if len(found) > 2 and _overlapping(ca, cb, found, tol):
        raise NeedsRhinoError("rs.CurveCurveIntersection", "Rhino's overlap detection")
    found.sort(key=lambda f: f[0])
    return [(1, _point(*P), _point(*P), _point(*Q), _point(*Q), float(s), float(s), float(t), float(t))
            for s, t, P, Q in found]


def _overlapping(ca, cb, found, tol):
    s0, s1 = found[0][0], found[-1][0]
    mid = 0.5 * (s0 + s1)
    ok, t = _gc.closest_point(cb, ca.PointAt(mid))
    return ok and ca.PointAt(mid).DistanceTo(cb.PointAt(t)) <= tol
