"""Curve numerics rhino3dm lacks, on any rhino3dm curve.

Lengths use adaptive Gauss-Legendre quadrature over the curve's smooth pieces (NURBS knot
spans, polycurve segments); lines, polylines and arcs take exact fast paths. Every parameter
returned is in the curve's own domain.
"""
import math

import rhino3dm as _r

# 10-point Gauss-Legendre nodes and weights on [-1, 1]
_GL_X = (-0.9739065285171717, -0.8650633666889845, -0.6794095682990244, -0.4333953941292472,
         -0.14887433898163122, 0.14887433898163122, 0.4333953941292472, 0.6794095682990244,
         0.8650633666889845, 0.9739065285171717)
_GL_W = (0.06667134430868814, 0.1494513491505804, 0.219086362515982, 0.2692667193099965,
         0.2955242247147528, 0.2955242247147528, 0.2692667193099965, 0.219086362515982,
         0.1494513491505804, 0.06667134430868814)

REL_TOL = 1e-12
_MAX_DEPTH = 30


# ---------------------------------------------------------------------------- structure

def breaks(curve):
    """Sorted parameters splitting the curve into smooth pieces (domain ends included)."""
    dom = curve.Domain
    t0, t1 = dom.T0, dom.T1
    pts = {t0, t1}
    if isinstance(curve, _r.PolyCurve):
        for i in range(curve.SegmentCount):
            d = curve.SegmentDomain(i)
            pts.update((d.T0, d.T1))
            seg = curve.SegmentCurve(i)
            sd = seg.Domain
            for s in breaks(seg)[1:-1]:
                # map the segment's own parameter linearly into the polycurve's sub-domain
                pts.add(d.T0 + (s - sd.T0) / (sd.T1 - sd.T0) * (d.T1 - d.T0))
    elif isinstance(curve, _r.NurbsCurve):
        knots = curve.Knots
        pts.update(knots[i] for i in range(len(knots)) if t0 < knots[i] < t1)
    elif isinstance(curve, _r.PolylineCurve):
        pts.update(_polyline(curve)[1])
    elif not isinstance(curve, (_r.LineCurve, _r.ArcCurve)):
        nc = curve.ToNurbsCurve()
        if nc is not None and nc.Domain.T0 == t0 and nc.Domain.T1 == t1:
            knots = nc.Knots
            pts.update(knots[i] for i in range(len(knots)) if t0 < knots[i] < t1)
    return sorted(pts)


def _polyline(curve):
    """(vertices, their parameters) when the curve is a LineCurve or PolylineCurve (the exact
    fast path), else (None, None). A polyline's vertex parameters need not be evenly spaced
    (after a trim they are not): they are the knots of its degree-1 NURBS form."""
    if isinstance(curve, _r.LineCurve):
        d = curve.Domain
        return [curve.PointAtStart, curve.PointAtEnd], [d.T0, d.T1]
    if isinstance(curve, _r.PolylineCurve):
        pts = [curve.Point(i) for i in range(curve.PointCount)]
        knots = curve.ToNurbsCurve().Knots
        params = [knots[i] for i in range(len(knots))]
        if len(params) != len(pts):
            d = curve.Domain
            params = [d.T0 + (d.T1 - d.T0) * i / (len(pts) - 1) for i in range(len(pts))]
        return pts, params
    return None, None


def _polyline_points(curve):
    return _polyline(curve)[0]


def _is_linear_in_length(curve):
    """Lines and arcs: arc length is a linear function of the parameter."""
    return isinstance(curve, (_r.LineCurve, _r.ArcCurve))


class Evaluator(object):
    """Point and first derivative of a curve at many parameters at once.

    A NurbsCurve is read once into numpy arrays (homogeneous control points, full knot vector)
    and evaluated with vectorised Cox-de Boor, about ten times cheaper per parameter than
    rhino3dm's DerivativeAt; other curves go through DerivativeAt."""

    def __init__(self, curve):
        self.curve = curve
        self._np = None
        if isinstance(curve, _r.NurbsCurve):
            import numpy as np
            pts = curve.Points
            cv = np.array([[p.X, p.Y, p.Z, p.W] for p in (pts[i] for i in range(len(pts)))], dtype=float)
            k = curve.Knots
            knots = [k[i] for i in range(len(k))]
            self._np = np
            self._cv = cv
            self._p = curve.Degree
            self._U = np.array([knots[0]] + knots + [knots[-1]], dtype=float)
            self._n = len(cv)

    def derivs(self, ts):
        """(points, first derivatives) as lists of (x, y, z) tuples."""
        if self._np is None:
            pts, ders = [], []
            for t in ts:
                p, d = self.curve.DerivativeAt(t, 1)
                pts.append((p.X, p.Y, p.Z))
                ders.append((d.X, d.Y, d.Z))
            return pts, ders
        c, d = self._derivs_np(ts)
        return [tuple(r) for r in c.tolist()], [tuple(r) for r in d.tolist()]

    def speeds(self, ts):
        if self._np is None:
            out = []
            for t in ts:
                d = self.curve.DerivativeAt(t, 1)[1]
                out.append(math.sqrt(d.X * d.X + d.Y * d.Y + d.Z * d.Z))
            return out
        _, d = self._derivs_np(ts)
        return self._np.sqrt((d * d).sum(axis=1)).tolist()

    def _derivs_np(self, ts):
        np = self._np
        U, p, n, cv = self._U, self._p, self._n, self._cv
        t = np.asarray(ts, dtype=float)
        span = np.clip(np.searchsorted(U, t, side="right") - 1, p, n - 1)
        m = len(t)
        # basis functions of degree p (and p - 1 for the derivative), Piegl & Tiller A2.2
        N = np.zeros((m, p + 1))
        N[:, 0] = 1.0
        left = np.zeros((m, p + 1))
        right = np.zeros((m, p + 1))
        lower = None
        for j in range(1, p + 1):
            if j == p:
                lower = N[:, :p].copy()
            left[:, j] = t - U[span + 1 - j]
            right[:, j] = U[span + j] - t
            saved = np.zeros(m)
            for r in range(j):
                den = right[:, r + 1] + left[:, j - r]
                tmp = np.divide(N[:, r], den, out=np.zeros(m), where=den != 0)
                N[:, r] = saved + right[:, r + 1] * tmp
                saved = left[:, j - r] * tmp
            N[:, j] = saved
        idx = span[:, None] - p + np.arange(p + 1)[None, :]
        P = cv[idx]  # (m, p + 1, 4)
        A = np.einsum("mi,mik->mk", N, P)
        if p == 0:
            dA = np.zeros_like(A)
        else:
            # derivative: p * sum (N_{i,p-1} / (u_{i+p} - u_i)) * (P_i - P_{i-1})
            dA = np.zeros_like(A)
            for i in range(p):
                k = span - p + 1 + i
                den = U[k + p] - U[k]
                coef = np.divide(p * lower[:, i], den, out=np.zeros(m), where=den != 0)
                dA += coef[:, None] * (cv[k] - cv[k - 1])
        w = A[:, 3:4]
        C = A[:, :3] / w
        D = (dA[:, :3] - dA[:, 3:4] * C) / w
        return C, D


def _speed(ev, t):
    return ev.speeds([t])[0]


def _gl(ev, a, b):
    h = 0.5 * (b - a)
    m = 0.5 * (a + b)
    return h * sum(w * s for w, s in zip(_GL_W, ev.speeds([m + h * x for x in _GL_X])))


def _gl_many(ev, intervals):
    """Gauss-Legendre lengths of several intervals with one batched evaluation."""
    ts = [0.5 * (a + b) + 0.5 * (b - a) * x for a, b in intervals for x in _GL_X]
    sp = ev.speeds(ts)
    out = []
    for k, (a, b) in enumerate(intervals):
        out.append(0.5 * (b - a) * sum(w * s for w, s in zip(_GL_W, sp[10 * k:10 * k + 10])))
    return out


class LengthTable(object):
    """Arc-length bookkeeping: leaves (t0, t1, length) where quadrature converged, cumulative."""

    def __init__(self, curve, tol=REL_TOL):
        self.curve = curve
        self.ev = ev = Evaluator(curve)
        self.leaves = []
        bs = breaks(curve)
        spans = [(a, b) for a, b in zip(bs[:-1], bs[1:]) if b > a]
        # breadth-first adaptive Gauss-Legendre: a span is done when its two halves add up to
        # the whole; every level is one batched evaluation
        pending = [(a, b, whole, 0) for (a, b), whole in zip(spans, _gl_many(ev, spans))]
        while pending:
            halves = []
            for a, b, _, _ in pending:
                m = 0.5 * (a + b)
                halves.extend(((a, m), (m, b)))
            values = _gl_many(ev, halves)
            nxt = []
            for k, (a, b, whole, depth) in enumerate(pending):
                m = 0.5 * (a + b)
                left, right = values[2 * k], values[2 * k + 1]
                if depth >= _MAX_DEPTH or abs(left + right - whole) <= tol * max(abs(left + right), 1e-300):
                    self.leaves.extend(((a, m, left), (m, b, right)))
                else:
                    nxt.extend(((a, m, left, depth + 1), (m, b, right, depth + 1)))
            pending = nxt
        self.leaves.sort()
        self.cumulative = [0.0]
        for _, _, length in self.leaves:
            self.cumulative.append(self.cumulative[-1] + length)

    @property
    def length(self):
        return self.cumulative[-1]

    def length_at(self, t):
        """Arc length from the start to parameter t."""
        for i, (a, b, length) in enumerate(self.leaves):
            if t <= b:
                return self.cumulative[i] + (_gl(self.ev, a, t) if t > a else 0.0)
        return self.length

    def parameter_at(self, s):
        """Parameter at arc length s from the start (clamped to the domain)."""
        return self.parameters_at([s])[0]

    def parameters_at(self, lengths):
        """Parameters at several arc lengths: safeguarded Newton on each leaf's length
        function, all targets iterated in lock-step so each step is one batched evaluation."""
        import bisect
        d = self.curve.Domain
        out = [None] * len(lengths)
        work = []  # [index, a, target, lo, hi, t]
        for k, s in enumerate(lengths):
            if s <= 0.0:
                out[k] = d.T0
                continue
            if s >= self.length:
                out[k] = d.T1
                continue
            i = min(max(0, bisect.bisect_right(self.cumulative, s) - 1), len(self.leaves) - 1)
            a, b, length = self.leaves[i]
            target = s - self.cumulative[i]
            work.append([k, a, target, a, b, a + (b - a) * (target / length if length > 0 else 0.0)])
        tol = 1e-14 * max(1.0, self.length)
        for _ in range(50):
            if not work:
                break
            ts = []
            for _, a, _, _, _, t in work:
                h, m = 0.5 * (t - a), 0.5 * (a + t)
                ts.extend(m + h * x for x in _GL_X)
            ts.extend(item[5] for item in work)
            sp = self.ev.speeds(ts)
            n = len(work)
            still = []
            for j, item in enumerate(work):
                k, a, target, lo, hi, t = item
                f = 0.5 * (t - a) * sum(w * v for w, v in zip(_GL_W, sp[10 * j:10 * j + 10])) - target
                if abs(f) <= tol:
                    out[k] = t
                    continue
                if f > 0:
                    hi = t
                else:
                    lo = t
                speed = sp[10 * n + j]
                nt = t - f / speed if speed > 0 else 0.5 * (lo + hi)
                if not lo < nt < hi:
                    nt = 0.5 * (lo + hi)
                if abs(nt - t) <= 1e-16 * max(1.0, abs(t)):
                    out[k] = nt
                    continue
                still.append([k, a, target, lo, hi, nt])
            work = still
        for k, _, _, _, _, t in work:
            out[k] = t
        return out


# ---------------------------------------------------------------------------- public functions

def length(curve, subdomain=None):
    """Arc length of the curve (or of a sub-domain (t0, t1) of it)."""
    pts = _polyline_points(curve)
    if subdomain is None:
        if pts is not None:
            return sum(a.DistanceTo(b) for a, b in zip(pts[:-1], pts[1:]))
        if isinstance(curve, _r.ArcCurve):
            return curve.Radius * curve.AngleRadians
        return LengthTable(curve).length
    t0, t1 = subdomain
    if t1 < t0:
        t0, t1 = t1, t0
    if _is_linear_in_length(curve):
        d = curve.Domain
        return length(curve) * (t1 - t0) / (d.T1 - d.T0)
    table = LengthTable(curve)
    return table.length_at(t1) - table.length_at(t0)


def length_parameter(curve, s, table=None):
    """(True, t) with arc length s from the start, or (False, 0.0) when s is outside [0, length]."""
    total = length(curve) if table is None else table.length
    tol = 1e-10 * max(1.0, total)
    if s < -tol or s > total + tol:
        return False, 0.0
    s = min(max(s, 0.0), total)
    return True, _param_at_length(curve, s, total, table)


def _param_at_length(curve, s, total, table=None):
    d = curve.Domain
    if _is_linear_in_length(curve):
        return d.T0 + (d.T1 - d.T0) * (s / total if total > 0 else 0.0)
    pts, ts = _polyline(curve)
    if pts is not None:
        acc = 0.0
        n = len(pts) - 1
        for i in range(n):
            seg = pts[i].DistanceTo(pts[i + 1])
            if acc + seg >= s or i == n - 1:
                f = min(max((s - acc) / seg if seg > 0 else 0.0, 0.0), 1.0)
                return ts[i] + (ts[i + 1] - ts[i]) * f
            acc += seg
    table = table or LengthTable(curve)
    return table.parameter_at(s)


def _params_at_lengths(curve, lengths, total, table=None):
    if table is not None:
        return table.parameters_at(lengths)
    return [_param_at_length(curve, s, total) for s in lengths]


def point_at_length(curve, s):
    ok, t = length_parameter(curve, s)
    return curve.PointAt(t) if ok else None


def divide_by_count(curve, count, include_ends=True):
    """Parameters splitting the curve into `count` equal-length pieces (RhinoCommon's rules:
    a closed curve has no separate end point). None when count < 1."""
    if count < 1:
        return None
    table = None if (_is_linear_in_length(curve) or _polyline_points(curve) is not None) else LengthTable(curve)
    total = table.length if table is not None else length(curve)
    params = _params_at_lengths(curve, [total * k / count for k in range(count + 1)], total, table)
    params[0], params[-1] = curve.Domain.T0, curve.Domain.T1
    if curve.IsClosed:
        params = params[:-1]
        return params if include_ends else params[1:]
    return params if include_ends else params[1:-1]


def divide_by_length(curve, segment_length, include_ends=True, reverse=False):
    """Parameters at multiples of `segment_length` from the start (or the end when reverse).
    The far end is included only when it falls on a multiple. None when the curve is shorter."""
    if segment_length <= 0.0:
        return None
    table = None if (_is_linear_in_length(curve) or _polyline_points(curve) is not None) else LengthTable(curve)
    total = table.length if table is not None else length(curve)
    if total < segment_length * (1.0 - 1e-12):
        return None
    n = int(math.floor(total / segment_length + 1e-9))
    lengths = [k * segment_length for k in range(n + 1)]
    if reverse:
        lengths = [total - s for s in lengths]
    params = _params_at_lengths(curve, [min(max(s, 0.0), total) for s in lengths], total, table)
    if not include_ends:
        params = [t for t in params if t not in (curve.Domain.T0, curve.Domain.T1)]
    if curve.IsClosed and len(params) > 1 and abs(lengths[-1] - (0.0 if reverse else total)) <= 1e-9 * total:
        params = params[:-1]
    return params


def closest_point(curve, point, max_distance=0.0):
    """(True, t) of the closest point on the curve, or (False, 0.0) when farther than
    max_distance (0 = no limit). Dense sampling over each smooth piece, then Newton."""
    px, py, pz = point.X, point.Y, point.Z
    pts, ts = _polyline(curve)
    d = curve.Domain
    if pts is not None:
        best = None
        n = len(pts) - 1
        for i in range(n):
            a, b = pts[i], pts[i + 1]
            ex, ey, ez = b.X - a.X, b.Y - a.Y, b.Z - a.Z
            ee = ex * ex + ey * ey + ez * ez
            f = ((px - a.X) * ex + (py - a.Y) * ey + (pz - a.Z) * ez) / ee if ee > 0 else 0.0
            f = min(max(f, 0.0), 1.0)
            dist = (a.X + f * ex - px) ** 2 + (a.Y + f * ey - py) ** 2 + (a.Z + f * ez - pz) ** 2
            if best is None or dist < best[0]:
                best = (dist, ts[i] + (ts[i + 1] - ts[i]) * f)
        dist, t = best
        dist = math.sqrt(dist)
    else:
        bs = breaks(curve)
        samples = [(a + (b - a) * k / 16.0, a, b) for a, b in zip(bs[:-1], bs[1:]) for k in range(17)]
        if isinstance(curve, _r.NurbsCurve):
            pts = Evaluator(curve).derivs([t for t, _, _ in samples])[0]
        else:
            pts = [(q.X, q.Y, q.Z) for q in (curve.PointAt(t) for t, _, _ in samples)]
        candidates = [((q[0] - px) ** 2 + (q[1] - py) ** 2 + (q[2] - pz) ** 2, t, a, b)
                      for q, (t, a, b) in zip(pts, samples)]
        candidates.sort()
        best_t, best_d = None, None
        for _, t, a, b in candidates[:3]:
            lo, hi = a - (b - a) / 16.0, b + (b - a) / 16.0
            lo, hi = max(lo, d.T0), min(hi, d.T1)
            t = _newton_closest(curve, px, py, pz, t, lo, hi)
            q = curve.PointAt(t)
            dd = math.sqrt((q.X - px) ** 2 + (q.Y - py) ** 2 + (q.Z - pz) ** 2)
            if best_d is None or dd < best_d:
                best_t, best_d = t, dd
        t, dist = best_t, best_d
    if max_distance > 0.0 and dist > max_distance:
        return False, 0.0
    return True, t


def _newton_closest(curve, px, py, pz, t, lo, hi):
    for _ in range(30):
        p, d1, d2 = curve.DerivativeAt(t, 2)
        rx, ry, rz = p.X - px, p.Y - py, p.Z - pz
        g = rx * d1.X + ry * d1.Y + rz * d1.Z
        gp = d1.X * d1.X + d1.Y * d1.Y + d1.Z * d1.Z + rx * d2.X + ry * d2.Y + rz * d2.Z
        if gp <= 0.0:
            break
        nt = min(max(t - g / gp, lo), hi)
        if abs(nt - t) <= 1e-15 * max(1.0, abs(t)):
            return nt
        t = nt
    return t


# ---------------------------------------------------------------------------- planar area

def _newell_plane(points):
    """(origin, x, y, z) of the best plane of a closed polygon (Newell's normal)."""
    n = len(points)
    nx = ny = nz = 0.0
    for i in range(n):
        a, b = points[i], points[(i + 1) % n]
        nx += (a.Y - b.Y) * (a.Z + b.Z)
        ny += (a.Z - b.Z) * (a.X + b.X)
        nz += (a.X - b.X) * (a.Y + b.Y)
    ln = math.sqrt(nx * nx + ny * ny + nz * nz)
    if ln == 0.0:
        return None
    z = (nx / ln, ny / ln, nz / ln)
    o = (sum(p.X for p in points) / n, sum(p.Y for p in points) / n, sum(p.Z for p in points) / n)
    # x axis: perpendicular to z (openNURBS-style choice), y = z cross x
    ax, ay, az = abs(z[0]), abs(z[1]), abs(z[2])
    if ay <= ax and ay <= az:
        x = (-z[2], 0.0, z[0])
    elif ax <= ay and ax <= az:
        x = (0.0, -z[2], z[1])
    else:
        x = (-z[1], z[0], 0.0)
    lx = math.sqrt(sum(c * c for c in x))
    x = tuple(c / lx for c in x)
    y = (z[1] * x[2] - z[2] * x[1], z[2] * x[0] - z[0] * x[2], z[0] * x[1] - z[1] * x[0])
    return o, x, y, z


def area_centroid(curve, tolerance=1e-6):
    """(area, centroid (x, y, z), plane (origin, x, y, z)) of a planar closed curve, by Green's
    theorem in the curve's own plane; None when the curve is open or not planar."""
    if not curve.IsClosed:
        return None
    pts = _polyline_points(curve)
    if pts is not None:
        samples = pts[:-1] if pts[0].DistanceTo(pts[-1]) == 0.0 else pts
    else:
        samples = []
        bs = breaks(curve)
        for a, b in zip(bs[:-1], bs[1:]):
            samples.extend(curve.PointAt(a + (b - a) * k / 8.0) for k in range(8))
    frame = _newell_plane(samples)
    if frame is None:
        return None
    (ox, oy, oz), X, Y, Z = frame
    scale = max(1.0, max(abs(p.X - ox) + abs(p.Y - oy) + abs(p.Z - oz) for p in samples))
    for p in samples:
        if abs((p.X - ox) * Z[0] + (p.Y - oy) * Z[1] + (p.Z - oz) * Z[2]) > max(tolerance, 1e-9 * scale):
            return None

    def uv(p):
        dx, dy, dz = p.X - ox, p.Y - oy, p.Z - oz
        return dx * X[0] + dy * X[1] + dz * X[2], dx * Y[0] + dy * Y[1] + dz * Y[2]

    a2 = cx = cy = 0.0
    if pts is not None:
        ring = [uv(p) for p in samples]
        for i in range(len(ring)):
            (x0, y0), (x1, y1) = ring[i], ring[(i + 1) % len(ring)]
            c = x0 * y1 - x1 * y0
            a2 += c
            cx += (x0 + x1) * c
            cy += (y0 + y1) * c
        area = 0.5 * a2
        cx, cy = cx / (6.0 * area), cy / (6.0 * area)
    else:
        # A = 1/2 ∮ (x dy - y dx);  Cx = 1/(2A) ∮ x^2 dy;  Cy = -1/(2A) ∮ y^2 dx
        A = Mx = My = 0.0
        table = LengthTable(curve)
        weights, ts = [], []
        for a, b, _ in table.leaves:
            h, m = 0.5 * (b - a), 0.5 * (a + b)
            ts.extend(m + h * xg for xg in _GL_X)
            weights.extend(h * w for w in _GL_W)
        pts, ders = table.ev.derivs(ts)
        for hw, p, d1 in zip(weights, pts, ders):
            dx, dy, dz = p[0] - ox, p[1] - oy, p[2] - oz
            u = dx * X[0] + dy * X[1] + dz * X[2]
            v = dx * Y[0] + dy * Y[1] + dz * Y[2]
            du = d1[0] * X[0] + d1[1] * X[1] + d1[2] * X[2]
            dv = d1[0] * Y[0] + d1[1] * Y[1] + d1[2] * Y[2]
            A += hw * 0.5 * (u * dv - v * du)
            Mx += hw * 0.5 * u * u * dv
            My -= hw * 0.5 * v * v * du
        area = A
        cx, cy = Mx / area, My / area
    centroid = (ox + cx * X[0] + cy * Y[0], oy + cx * X[1] + cy * Y[1], oz + cx * X[2] + cy * Y[2])
    return abs(area), centroid, frame


# ---------------------------------------------------------------------------- plane intersection

def plane_intersections(curve, plane, tolerance=1e-9):
    """Parameters where the curve crosses or touches the plane, sorted (sign changes of the signed
    distance over dense samples, refined by bisection+secant)."""
    o, z = plane.Origin, plane.ZAxis

    def f(t):
        p = curve.PointAt(t)
        return (p.X - o.X) * z.X + (p.Y - o.Y) * z.Y + (p.Z - o.Z) * z.Z

    ts = []
    bs = breaks(curve)
    for a, b in zip(bs[:-1], bs[1:]):
        ts.extend(a + (b - a) * k / 16.0 for k in range(16))
    ts.append(bs[-1])
    vals = [f(t) for t in ts]
    out = []
    for i in range(len(ts)):
        if abs(vals[i]) <= tolerance:
            out.append(ts[i])
        elif i + 1 < len(ts) and vals[i] * vals[i + 1] < 0.0 and abs(vals[i + 1]) > tolerance:
            lo, hi, flo = ts[i], ts[i + 1], vals[i]
            for _ in range(100):
                mid = 0.5 * (lo + hi)
                fm = f(mid)
                if abs(fm) <= tolerance * 1e-3 or hi - lo <= 1e-15 * max(1.0, abs(mid)):
                    break
                if (fm < 0) == (flo < 0):
                    lo, flo = mid, fm
                else:
                    hi = mid
            out.append(mid)
    if curve.IsClosed and len(out) > 1 and abs(out[-1] - curve.Domain.T1) < 1e-12 and abs(out[0] - curve.Domain.T0) < 1e-12:
        out.pop()
    return out


# ---------------------------------------------------------------------------- interpolation

def _basis(span, u, p, knots):
    """Non-zero B-spline basis values N[span-p..span] at u (Piegl & Tiller A2.2)."""
    n = [1.0] + [0.0] * p
    left, right = [0.0] * (p + 1), [0.0] * (p + 1)
    for j in range(1, p + 1):
        left[j] = u - knots[span + 1 - j]
        right[j] = knots[span + j] - u
        saved = 0.0
        for r in range(j):
            tmp = n[r] / (right[r + 1] + left[j - r])
            n[r] = saved + right[r + 1] * tmp
            saved = left[j - r] * tmp
        n[j] = saved
    return n


def _find_span(nctl, p, u, knots):
    if u >= knots[nctl]:
        return nctl - 1
    lo, hi = p, nctl
    mid = (lo + hi) // 2
    while u < knots[mid] or u >= knots[mid + 1]:
        if u < knots[mid]:
            hi = mid
        else:
            lo = mid
        mid = (lo + hi) // 2
    return mid


UNIFORM, CHORD, SQRT_CHORD = 0, 1, 2


def interpolation_parameters(points, knot_style=UNIFORM):
    """Parameters for the data points: uniform 0..n-1, or (sqrt-)chord length."""
    n = len(points)
    if knot_style == UNIFORM:
        return [float(i) for i in range(n)]
    ts = [0.0]
    for a, b in zip(points[:-1], points[1:]):
        d = math.sqrt((a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2 + (a[2] - b[2]) ** 2)
        ts.append(ts[-1] + (math.sqrt(d) if knot_style == SQRT_CHORD else d))
    return ts


def interpolate(points, degree=3, knot_style=UNIFORM):
    """Global interpolation (Piegl & Tiller 9.2.1): a non-rational NurbsCurve of `degree` through
    every point, knots by averaging; None for fewer than 2 points or repeated points."""
    pts = [(float(p[0]), float(p[1]), float(p[2])) for p in points]
    n = len(pts)
    if n < 2:
        return None
    p = max(1, min(degree, n - 1))
    ts = interpolation_parameters(pts, knot_style)
    if any(b <= a for a, b in zip(ts[:-1], ts[1:])):
        return None
    full = [ts[0]] * (p + 1)
    for j in range(1, n - p):
        full.append(sum(ts[j:j + p]) / p)
    full += [ts[-1]] * (p + 1)
    # collocation matrix (banded; dense solve is fine for script-sized inputs)
    rows = []
    for u in ts:
        span = _find_span(n, p, u, full)
        row = [0.0] * n
        for k, v in enumerate(_basis(span, u, p, full)):
            row[span - p + k] = v
        rows.append(row)
    ctrl = _solve(rows, pts)
    crv = _r.NurbsCurve(3, False, p + 1, n)
    for i, c in enumerate(ctrl):
        crv.Points[i] = _r.Point4d(c[0], c[1], c[2], 1.0)
    knots = full[1:-1]  # openNURBS stores no superfluous end knots
    for i, k in enumerate(knots):
        crv.Knots[i] = k
    return crv


def _solve(a, b):
    """Solve a x = b (b: list of 3-tuples) by Gaussian elimination with partial pivoting."""
    n = len(a)
    m = [list(a[i]) + list(b[i]) for i in range(n)]
    for col in range(n):
        piv = max(range(col, n), key=lambda r: abs(m[r][col]))
        m[col], m[piv] = m[piv], m[col]
        pv = m[col][col]
        for r in range(col + 1, n):
            f = m[r][col] / pv
            if f:
                m[r] = [x - f * y for x, y in zip(m[r], m[col])]
    x = [None] * n
    for i in range(n - 1, -1, -1):
        s = [m[i][n + k] - sum(m[i][j] * x[j][k] for j in range(i + 1, n)) for k in range(3)]
        x[i] = [v / m[i][i] for v in s]
    return x


# ---------------------------------------------------------------------------- containment

OUTSIDE, INSIDE, ON_CURVE = 0, 1, 2


def containment(curve, point, frame=None, tolerance=1e-6):
    """OUTSIDE, INSIDE or ON_CURVE (within tolerance) for a closed planar curve, in `frame`
    (origin, x, y, z as 3-tuples; default: the curve's own plane). None for an open curve.

    Far from the curve: even-odd rule against a dense polygon of the curve. Close to it (where
    the polygon could be on the wrong side): the side of the tangent at the closest point, which
    is exact on smooth parts."""
    if not curve.IsClosed:
        return None
    ok, t = closest_point(curve, point)
    c = curve.PointAt(t)
    dist = math.sqrt((c.X - point.X) ** 2 + (c.Y - point.Y) ** 2 + (c.Z - point.Z) ** 2)
    if dist <= tolerance:
        return ON_CURVE
    bs = breaks(curve)
    params = []
    for a, b in zip(bs[:-1], bs[1:]):
        params.extend(a + (b - a) * k / 32.0 for k in range(32))
    samples = [curve.PointAt(s) for s in params]
    if frame is None:
        frame = _newell_plane(samples)
        if frame is None:
            return None
    (ox, oy, oz), X, Y, Z = frame

    def uv(p):
        dx, dy, dz = p.X - ox, p.Y - oy, p.Z - oz
        return dx * X[0] + dy * X[1] + dz * X[2], dx * Y[0] + dy * Y[1] + dz * Y[2]

    ring = [uv(p) for p in samples]
    qx, qy = uv(point)
    # how far the polygon strays from the curve: chord midpoints against the curve's midpoints
    ends = params + [bs[-1]]
    stray = 0.0
    for i in range(len(params)):
        m = curve.PointAt(0.5 * (ends[i] + ends[i + 1]))
        a, b = samples[i], samples[(i + 1) % len(samples)]
        stray = max(stray, math.sqrt((m.X - (a.X + b.X) / 2) ** 2 + (m.Y - (a.Y + b.Y) / 2) ** 2
                                     + (m.Z - (a.Z + b.Z) / 2) ** 2))
    if dist <= 4.0 * stray + 1e-12 and _smooth_at(curve, t, bs):
        tangent = curve.TangentAt(t)
        cu, cv = uv(c)
        tu = tangent.X * X[0] + tangent.Y * X[1] + tangent.Z * X[2]
        tv = tangent.X * Y[0] + tangent.Y * Y[1] + tangent.Z * Y[2]
        left = tu * (qy - cv) - tv * (qx - cu) > 0.0
        area = 0.0
        for i in range(len(ring)):
            (x0, y0), (x1, y1) = ring[i], ring[(i + 1) % len(ring)]
            area += x0 * y1 - x1 * y0
        return INSIDE if left == (area > 0.0) else OUTSIDE
    inside = False
    n = len(ring)
    for i in range(n):
        (x0, y0), (x1, y1) = ring[i], ring[(i + 1) % n]
        if (y0 > qy) != (y1 > qy):
            if x0 + (qy - y0) * (x1 - x0) / (y1 - y0) > qx:
                inside = not inside
    return INSIDE if inside else OUTSIDE


def _smooth_at(curve, t, bs):
    """False when t is at a kink (a break where the tangents on both sides differ)."""
    d = curve.Domain
    span = d.T1 - d.T0
    if all(abs(t - k) > 1e-9 * span for k in bs):
        return True
    eps = 1e-7 * span
    before = t - eps if t - eps >= d.T0 else d.T1 - eps
    after = t + eps if t + eps <= d.T1 else d.T0 + eps
    a, b = curve.TangentAt(before), curve.TangentAt(after)
    return a.X * b.X + a.Y * b.Y + a.Z * b.Z > 1.0 - 1e-6
