"""Surface math rhino3dm lacks: NURBS derivatives, area, centroids, volumes, closest point.

rhino3dm evaluates points and normals but has no derivatives, mass properties or closest point.
Here a surface is read once into `Nurbs` (homogeneous control points and padded knot vectors)
and evaluated with numpy (de Boor basis functions with derivatives, Piegl & Tiller A2.3);
integrals use Gauss-Legendre quadrature per knot span, so smooth spans integrate to near machine
precision. Planar faces use Green's theorem on their boundary edges, so trimmed planar faces
(cylinder caps, planar surfaces with holes) are exact too. Non-planar faces must be untrimmed.
"""
import math
from typing import List, Optional, Sequence, Tuple

import numpy as np

GAUSS_ORDER = 10


class Nurbs(object):
    """A NURBS surface as arrays: cv[i, j] = (w*x, w*y, w*z, w)."""

    def __init__(self, cv: np.ndarray, knots_u: np.ndarray, knots_v: np.ndarray,
                 degree_u: int, degree_v: int):
        self.cv = cv
        self.ku = knots_u  # full length n + p + 1
        self.kv = knots_v
        self.pu = degree_u
        self.pv = degree_v

    @classmethod
    def from_rhino(cls, surface) -> "Nurbs":
        ns = surface if hasattr(surface, "KnotsU") else surface.ToNurbsSurface()
        if ns is None:
            raise ValueError("surface has no NURBS form")
        pts = ns.Points
        nu, nv = pts.CountU, pts.CountV
        cv = np.empty((nu, nv, 4))
        for i in range(nu):
            for j in range(nv):
                p = pts[i, j]
                cv[i, j] = (p.X, p.Y, p.Z, p.W)
        return cls(cv, _pad(list(ns.KnotsU)), _pad(list(ns.KnotsV)), ns.OrderU - 1, ns.OrderV - 1)

    @property
    def domain(self) -> Tuple[Tuple[float, float], Tuple[float, float]]:
        nu, nv = self.cv.shape[:2]
        return ((self.ku[self.pu], self.ku[nu]), (self.kv[self.pv], self.kv[nv]))

    def spans(self, direction: int) -> List[Tuple[float, float]]:
        k, p, n = (self.ku, self.pu, self.cv.shape[0]) if direction == 0 else \
            (self.kv, self.pv, self.cv.shape[1])
        breaks = sorted(set(float(x) for x in k[p:n + 1]))
        return [(a, b) for a, b in zip(breaks[:-1], breaks[1:]) if b > a]

    def derivatives(self, us: np.ndarray, vs: np.ndarray):
        """Points, dS/du, dS/dv on the grid us × vs: three arrays of shape (len(us), len(vs), 3)."""
        nu, nv = self.cv.shape[:2]
        A = np.zeros((len(us), len(vs), 3, 4))  # 0: value, 1: d/du, 2: d/dv
        bu = [_basis(self.ku, self.pu, nu, u) for u in us]
        bv = [_basis(self.kv, self.pv, nv, v) for v in vs]
        # one tensor contraction per pair of knot spans
        groups_u, groups_v = {}, {}
        for a, (su, _) in enumerate(bu):
            groups_u.setdefault(su, []).append(a)
        for b, (sv, _) in enumerate(bv):
            groups_v.setdefault(sv, []).append(b)
        for su, ia in groups_u.items():
            Nu = np.array([bu[a][1] for a in ia])  # (k, 2, p + 1)
            block_u = self.cv[su - self.pu:su + 1]
            for sv, ib in groups_v.items():
                Nv = np.array([bv[b][1] for b in ib])
                block = block_u[:, sv - self.pv:sv + 1]
                sel = np.ix_(ia, ib)
                A[sel + (0,)] = np.einsum("ai,bj,ijk->abk", Nu[:, 0], Nv[:, 0], block)
                A[sel + (1,)] = np.einsum("ai,bj,ijk->abk", Nu[:, 1], Nv[:, 0], block)
                A[sel + (2,)] = np.einsum("ai,bj,ijk->abk", Nu[:, 0], Nv[:, 1], block)
        w = A[..., 3]
        S = A[:, :, 0, :3] / w[:, :, 0, None]
        Su = (A[:, :, 1, :3] - w[:, :, 1, None] * S) / w[:, :, 0, None]
        Sv = (A[:, :, 2, :3] - w[:, :, 2, None] * S) / w[:, :, 0, None]
        return S, Su, Sv

    def point_at(self, u: float, v: float) -> np.ndarray:
        return self.derivatives(np.array([u]), np.array([v]))[0][0, 0]


def _pad(knots: Sequence[float]) -> np.ndarray:
    # Rhino stores n + p - 1 knots; the two superfluous end knots are never read by the basis
    k = [float(x) for x in knots]
    return np.array([k[0]] + k + [k[-1]])


def _basis(knots: np.ndarray, p: int, n: int, t: float):
    """(span, [N, dN/dt]) for the p + 1 non-zero basis functions at t."""
    lo, hi = knots[p], knots[n]
    t = min(max(t, lo), hi)
    if t >= knots[n]:
        span = n - 1
        while span > p and knots[span] >= knots[span + 1]:
            span -= 1
    else:
        span = int(np.searchsorted(knots, t, side="right") - 1)
        span = min(max(span, p), n - 1)
    # triangular table of basis functions (P&T A2.2) keeping degree p-1 for the derivative
    left = np.zeros(p + 1)
    right = np.zeros(p + 1)
    ndu = np.zeros((p + 1, p + 1))
    ndu[0, 0] = 1.0
    for j in range(1, p + 1):
        left[j] = t - knots[span + 1 - j]
        right[j] = knots[span + j] - t
        saved = 0.0
        for r in range(j):
            ndu[j, r] = right[r + 1] + left[j - r]
            temp = ndu[r, j - 1] / ndu[j, r] if ndu[j, r] != 0 else 0.0
            ndu[r, j] = saved + right[r + 1] * temp
            saved = left[j - r] * temp
        ndu[j, j] = saved
    N = ndu[:, p].copy()
    dN = np.zeros(p + 1)
    if p > 0:
        # N'_{i,p} = p (N_{i,p-1} / (u_{i+p} - u_i) - N_{i+1,p-1} / (u_{i+p+1} - u_{i+1}))
        lower = np.zeros(p + 2)
        lower[1:p + 1] = ndu[:p, p - 1]  # N_{span-p+1 .. span, p-1}
        for r in range(p + 1):
            i = span - p + r
            a = knots[i + p] - knots[i]
            b = knots[i + p + 1] - knots[i + 1]
            dN[r] = p * ((lower[r] / a if a != 0 else 0.0) - (lower[r + 1] / b if b != 0 else 0.0))
    return span, np.array([N, dN])


_LEGGAUSS = {}


def _gauss(a: float, b: float, order: int = GAUSS_ORDER):
    if order not in _LEGGAUSS:
        _LEGGAUSS[order] = np.polynomial.legendre.leggauss(order)
    x, w = _LEGGAUSS[order]
    return 0.5 * (b - a) * x + 0.5 * (a + b), 0.5 * (b - a) * w


def _quadrature(srf: Nurbs, order: int = GAUSS_ORDER):
    """Yields (S, Su, Sv, weights) per span pair."""
    for (u0, u1) in srf.spans(0):
        us, wu = _gauss(u0, u1, order)
        for (v0, v1) in srf.spans(1):
            vs, wv = _gauss(v0, v1, order)
            S, Su, Sv = srf.derivatives(us, vs)
            yield S, Su, Sv, np.outer(wu, wv)


def area_moments(srf: Nurbs) -> Tuple[float, np.ndarray]:
    """(area, first moment ∫x dA) of the untrimmed surface."""
    total, first = 0.0, np.zeros(3)
    for S, Su, Sv, W in _quadrature(srf):
        dA = np.linalg.norm(np.cross(Su, Sv), axis=2) * W
        total += float(dA.sum())
        first += np.einsum("ij,ijk->k", dA, S)
    return total, first


def flux_moments(srf: Nurbs, flip: bool = False) -> Tuple[float, np.ndarray]:
    """(∫ x·n dA / 3, ½ ∫ x_k² n_k dA): the face's share of a closed solid's volume and first moment."""
    vol, first = 0.0, np.zeros(3)
    for S, Su, Sv, W in _quadrature(srf):
        nA = np.cross(Su, Sv) * W[:, :, None]
        if flip:
            nA = -nA
        vol += float(np.einsum("ijk,ijk->", S, nA)) / 3.0
        first += 0.5 * np.einsum("ijk,ijk->k", S * S, nA)
    return vol, first


def closest_parameter(srf: Nurbs, point: Sequence[float], grid: int = 24,
                      iterations: int = 40) -> Tuple[float, float]:
    """(u, v) of the surface point nearest to `point`: grid search, then Gauss-Newton steps."""
    P = np.asarray(point, dtype=float)
    (u0, u1), (v0, v1) = srf.domain
    us = _span_samples(srf.spans(0), grid)
    vs = _span_samples(srf.spans(1), grid)
    S, _, _ = srf.derivatives(us, vs)
    d = np.linalg.norm(S - P, axis=2)
    i, j = np.unravel_index(int(np.argmin(d)), d.shape)
    u, v = float(us[i]), float(vs[j])
    for _ in range(iterations):
        S, Su, Sv = [a[0, 0] for a in srf.derivatives(np.array([u]), np.array([v]))]
        r = P - S
        J = np.array([[Su @ Su, Su @ Sv], [Su @ Sv, Sv @ Sv]])
        g = np.array([Su @ r, Sv @ r])
        try:
            du, dv = np.linalg.solve(J + 1e-14 * np.eye(2), g)
        except np.linalg.LinAlgError:
            break
        nu = min(max(u + du, u0), u1)
        nv = min(max(v + dv, v0), v1)
        if abs(nu - u) <= 1e-13 * (1 + abs(u)) and abs(nv - v) <= 1e-13 * (1 + abs(v)):
            u, v = nu, nv
            break
        u, v = nu, nv
    return u, v


def _span_samples(spans, per_span_total: int) -> np.ndarray:
    k = max(2, per_span_total // max(1, len(spans)) + 1)
    pts = [np.linspace(a, b, k) for a, b in spans]
    return np.unique(np.concatenate(pts))


# ---- planar regions bounded by curves (Green's theorem) -----------------------------------

def curve_samples(curve, order: int = GAUSS_ORDER):
    """Gauss points along a rhino3dm curve: (points (k,3), derivatives (k,3), weights (k,))."""
    nc = curve.ToNurbsCurve()
    dom = curve.Domain
    t0, t1 = dom.T0, dom.T1
    breaks = [t0, t1]
    if nc is not None:
        nd = nc.Domain
        ks = [float(k) for k in nc.Knots]
        # map NURBS-form knots back to curve parameters (same for most curves; proxies may shift)
        scale = (t1 - t0) / (nd.T1 - nd.T0) if nd.T1 != nd.T0 else 1.0
        breaks += [t0 + (k - nd.T0) * scale for k in ks]
    breaks = sorted(set(b for b in breaks if t0 <= b <= t1))
    P, D, W = [], [], []
    for a, b in zip(breaks[:-1], breaks[1:]):
        if b - a <= 1e-14 * max(1.0, abs(a)):
            continue
        ts, ws = _gauss(a, b, order)
        for t, w in zip(ts, ws):
            p, d = curve.DerivativeAt(float(t), 1)[:2]
            P.append((p.X, p.Y, p.Z))
            D.append((d.X, d.Y, d.Z))
            W.append(w)
    return np.array(P).reshape(-1, 3), np.array(D).reshape(-1, 3), np.array(W)


def curve_length(curve) -> float:
    _, D, W = curve_samples(curve)
    return float((np.linalg.norm(D, axis=1) * W).sum())


def loop_moments(curves, origin, x_axis, y_axis) -> np.ndarray:
    """Signed moments of the region one closed loop bounds, in plane coordinates (s, t):
    [∫1, ∫s, ∫t, ∫s², ∫st, ∫t²] dA by Green's theorem; positive when the loop runs
    counter-clockwise about x × y. `curves` are (curve, reversed) pairs in loop order."""
    o, ex, ey = (np.asarray(a, dtype=float) for a in (origin, x_axis, y_axis))
    m = np.zeros(6)
    for curve, reversed_ in curves:
        P, D, W = curve_samples(curve)
        if len(W) == 0:
            continue
        if reversed_:
            D = -D  # same points, opposite traversal: the integrals change sign
        s, t = (P - o) @ ex, (P - o) @ ey
        ds, dt = D @ ex * W, D @ ey * W
        # ∮ f dt with f = ∫ g ds  gives ∫∫ g dA
        m += [np.sum(s * dt), np.sum(s * s / 2 * dt), np.sum(s * t * dt),
              np.sum(s ** 3 / 3 * dt), np.sum(s * s / 2 * t * dt), np.sum(s * t * t * dt)]
    return m


def region_properties(outer, inners, origin, x_axis, y_axis) -> np.ndarray:
    """Moments of a planar region: |outer| minus each |inner| (loops in any orientation)."""
    m = loop_moments(outer, origin, x_axis, y_axis)
    m = m * np.sign(m[0]) if m[0] != 0 else m
    for inner in inners:
        mi = loop_moments(inner, origin, x_axis, y_axis)
        m = m - (mi * np.sign(mi[0]) if mi[0] != 0 else mi)
    return m


def region_area_centroid(moments: np.ndarray, origin, x_axis, y_axis) -> Tuple[float, np.ndarray]:
    a = float(moments[0])
    if a <= 0:
        raise ValueError("the region has no area")
    s, t = moments[1] / a, moments[2] / a
    return a, np.asarray(origin, float) + s * np.asarray(x_axis, float) + t * np.asarray(y_axis, float)


def region_flux(moments: np.ndarray, origin, x_axis, y_axis, normal) -> Tuple[float, np.ndarray]:
    """A planar region's share of a closed solid's volume and first moment (see flux_moments)."""
    o, ex, ey, n = (np.asarray(a, dtype=float) for a in (origin, x_axis, y_axis, normal))
    a, ms, mt, mss, mst, mtt = moments
    vol = float(o @ n) * a / 3.0
    # ∫ x_k² dA with x = o + s ex + t ey
    sq = (o * o * a + 2 * o * ex * ms + 2 * o * ey * mt + ex * ex * mss + 2 * ex * ey * mst
          + ey * ey * mtt)
    return vol, 0.5 * sq * n


def plane_frame(normal) -> Tuple[np.ndarray, np.ndarray]:
    """Two unit axes completing `normal` to a right-handed frame."""
    n = np.asarray(normal, dtype=float)
    n = n / np.linalg.norm(n)
    helper = np.array([1.0, 0, 0]) if abs(n[0]) < 0.9 else np.array([0, 1.0, 0])
    x = np.cross(helper, n)
    x /= np.linalg.norm(x)
    return x, np.cross(n, x)


def face_is_untrimmed(face, brep_edges, tolerance: float = 1e-6) -> bool:
    """A face with one loop whose edges are as long as its surface's domain boundary.

    rhino3dm exposes no 2-D trim curves, so this compares lengths: trimming changes them."""
    if len(face.Loops) != 1:
        return False
    edges = _loop_edges(face, face.OuterLoop, brep_edges)
    loop_len = sum(curve_length(c) for c, _ in edges)
    u, v = face.Domain(0), face.Domain(1)
    border = 0.0
    for direction, c in ((0, v.T0), (0, v.T1), (1, u.T0), (1, u.T1)):
        iso = face.IsoCurve(direction, c)
        if iso is not None:
            border += curve_length(iso)
    return abs(loop_len - border) <= max(tolerance, 1e-6 * border)


def _loop_edges(face, loop, brep_edges):
    """(edge curve, reversed) pairs of a loop."""
    out = []
    for trim in loop.Trims:
        if trim.EdgeIndex < 0:
            continue  # singular trim (sphere pole): no edge
        out.append((brep_edges[trim.EdgeIndex], bool(trim.IsReversed)))
    return out


def face_loops(face, brep_edges) -> Tuple[list, List[list]]:
    """(outer, inners) loops of a face as (edge curve, reversed) pairs."""
    outer, inners = None, []
    for loop in face.Loops:
        edges = _loop_edges(face, loop, brep_edges)
        if str(loop.LoopType).endswith("Outer"):
            outer = edges
        else:
            inners.append(edges)
    return outer, inners


def face_plane(face) -> Optional[Tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]]:
    """(origin, x, y, outward normal) of a planar face, or None when it is not planar."""
    if not face.IsPlanar():
        return None
    u, v = face.Domain(0), face.Domain(1)
    um, vm = 0.5 * (u.T0 + u.T1), 0.5 * (v.T0 + v.T1)
    p = face.PointAt(um, vm)
    n = face.NormalAt(um, vm)
    n = np.array([n.X, n.Y, n.Z])
    if face.OrientationIsReversed:
        n = -n
    x, y = plane_frame(n)
    return np.array([p.X, p.Y, p.Z]), x, y, n / np.linalg.norm(n)


# ---- whole breps ---------------------------------------------------------------------------

class TrimmedFaceError(ValueError):
    """A non-planar trimmed face: its trim curves are not readable through rhino3dm."""


def face_area_moments(face, brep_edges) -> Tuple[float, np.ndarray]:
    """(area, ∫x dA) of one brep face, trims included for planar faces."""
    frame = face_plane(face)
    if frame is not None:
        o, x, y, _ = frame
        outer, inners = face_loops(face, brep_edges)
        m = region_properties(outer, inners, o, x, y)
        return float(m[0]), m[0] * o + m[1] * x + m[2] * y
    if not face_is_untrimmed(face, brep_edges):
        raise TrimmedFaceError("trimmed non-planar face")
    return area_moments(Nurbs.from_rhino(face))


def face_flux(face, brep_edges) -> Tuple[float, np.ndarray]:
    frame = face_plane(face)
    if frame is not None:
        o, x, y, n = frame
        outer, inners = face_loops(face, brep_edges)
        return region_flux(region_properties(outer, inners, o, x, y), o, x, y, n)
    if not face_is_untrimmed(face, brep_edges):
        raise TrimmedFaceError("trimmed non-planar face")
    return flux_moments(Nurbs.from_rhino(face), flip=bool(face.OrientationIsReversed))


def brep_area_centroid(brep) -> Tuple[float, np.ndarray]:
    """(area, centroid) of all faces of a brep."""
    total, first = 0.0, np.zeros(3)
    for face in brep.Faces:
        a, m = face_area_moments(face, brep.Edges)
        total += a
        first += m
    if total <= 0:
        raise ValueError("the surface has no area")
    return total, first / total


def brep_volume_centroid(brep) -> Tuple[float, np.ndarray]:
    """(volume, centroid) of a closed brep by the divergence theorem over its faces."""
    vol, first = 0.0, np.zeros(3)
    for face in brep.Faces:
        v, m = face_flux(face, brep.Edges)
        vol += v
        first += m
    if abs(vol) <= 1e-300:
        raise ValueError("the solid has no volume")
    return float(abs(vol)), first / vol


# ---- point containment (solid angle) -------------------------------------------------------

def _loop_angle_integral(edges, q, x, y, h):
    """∮ (1/|h| - 1/sqrt(ρ² + h²)) dθ around one loop, θ and ρ measured about q in the plane,
    and the loop's signed area (to orient it)."""
    total, area = 0.0, 0.0
    ah = abs(h)
    for curve, reversed_ in edges:
        P, D, W = curve_samples(curve)
        if len(W) == 0:
            continue
        if reversed_:
            D = -D
        u, v = (P - q) @ x, (P - q) @ y
        du, dv = D @ x * W, D @ y * W
        rho2 = u * u + v * v
        cross = u * dv - v * du
        area += 0.5 * float(np.sum(cross))
        # (1/|h| - 1/sqrt(ρ²+h²)) / ρ² written without cancellation: 1 / (|h| s (|h| + s)), s = sqrt(ρ²+h²)
        s = np.sqrt(rho2 + h * h)
        total += float(np.sum(cross / (ah * s * (ah + s))))
    return total, area


def planar_face_solid_angle(face, brep_edges, p) -> float:
    o, x, y, n = face_plane(face)
    h = float((np.asarray(p, float) - o) @ n)
    if abs(h) <= 1e-14:
        return 0.0  # in the face's plane and (checked by the caller) not on the face
    q = np.asarray(p, float) - h * n
    outer, inners = face_loops(face, brep_edges)
    integral = 0.0
    for k, loop in enumerate([outer] + inners):
        value, area = _loop_angle_integral(loop, q, x, y, h)
        sign = 1.0 if area >= 0 else -1.0
        integral += sign * value if k == 0 else -sign * value
    # dΩ = (x - p)·n / |x - p|³ dA and (x - p)·n = -h on the whole face
    return -h * integral


def curved_face_solid_angle(srf: Nurbs, p, flip: bool) -> float:
    """Solid angle of an untrimmed face seen from p: Gauss quadrature on cells split
    adaptively (quadtree) where they come closer to p than their own size."""
    p = np.asarray(p, dtype=float)
    total = 0.0
    stack = [(u0, u1, v0, v1, 0) for (u0, u1) in srf.spans(0) for (v0, v1) in srf.spans(1)]
    while stack:
        u0, u1, v0, v1, depth = stack.pop()
        S, _, _ = srf.derivatives(np.array([u0, 0.5 * (u0 + u1), u1]), np.array([v0, 0.5 * (v0 + v1), v1]))
        size = max(np.linalg.norm(S[0, 0] - S[2, 2]), np.linalg.norm(S[0, 2] - S[2, 0]),
                   np.linalg.norm(S[0, 0] - S[2, 0]) + np.linalg.norm(S[0, 0] - S[0, 2]))
        if depth < 10 and float(np.min(np.linalg.norm(S - p, axis=2))) < 1.5 * size:
            um, vm = 0.5 * (u0 + u1), 0.5 * (v0 + v1)
            stack += [(u0, um, v0, vm, depth + 1), (um, u1, v0, vm, depth + 1),
                      (u0, um, vm, v1, depth + 1), (um, u1, vm, v1, depth + 1)]
            continue
        us, wu = _gauss(u0, u1, 8)
        vs, wv = _gauss(v0, v1, 8)
        S, Su, Sv = srf.derivatives(us, vs)
        nA = np.cross(Su, Sv) * np.outer(wu, wv)[:, :, None]
        r = S - p
        total += float(np.sum(np.einsum("ijk,ijk->ij", r, nA) / np.linalg.norm(r, axis=2) ** 3))
    return -total if flip else total


def closest_on_face(face, brep_edges, p):
    """(distance, closest point, the face's oriented normal there) for planar faces (trims
    included) and untrimmed curved faces."""
    p = np.asarray(p, dtype=float)
    frame = face_plane(face)
    if frame is not None:
        o, x, y, n = frame
        h = float((p - o) @ n)
        q = p - h * n
        outer, inners = face_loops(face, brep_edges)
        inside = _winding(outer, q, x, y) != 0 and all(_winding(i, q, x, y) == 0 for i in inners)
        if inside:
            return abs(h), q, n
        best, best_q = np.inf, None
        from . import curves as _gc
        for loop in [outer] + inners:
            for curve, _ in loop:
                ok, t = _gc.closest_point(curve, _r3(p))
                if ok:
                    c = curve.PointAt(t)
                    c = np.array([c.X, c.Y, c.Z])
                    if np.linalg.norm(c - p) < best:
                        best, best_q = float(np.linalg.norm(c - p)), c
        return best, best_q, n
    if not face_is_untrimmed(face, brep_edges):
        raise TrimmedFaceError("trimmed non-planar face")
    srf = Nurbs.from_rhino(face)
    u, v = closest_parameter(srf, p)
    S = srf.point_at(u, v)
    # the normal a hair inside the domain: defined at poles and seams too
    (u0, u1), (v0, v1) = srf.domain
    un = min(max(u, u0 + 1e-7 * (u1 - u0)), u1 - 1e-7 * (u1 - u0))
    vn = min(max(v, v0 + 1e-7 * (v1 - v0)), v1 - 1e-7 * (v1 - v0))
    _, Su, Sv = [a[0, 0] for a in srf.derivatives(np.array([un]), np.array([vn]))]
    n = np.cross(Su, Sv)
    if face.OrientationIsReversed:
        n = -n
    return float(np.linalg.norm(S - p)), S, n / np.linalg.norm(n)


def _winding(loop, q, x, y) -> int:
    angle = 0.0
    for curve, reversed_ in loop:
        P, D, W = curve_samples(curve)
        if reversed_:
            D = -D
        u, v = (P - q) @ x, (P - q) @ y
        du, dv = D @ x * W, D @ y * W
        rho2 = u * u + v * v
        rho2[rho2 == 0] = np.inf
        angle += float(np.sum((u * dv - v * du) / rho2))
    return int(round(angle / (2 * math.pi)))


def _r3(p):
    import rhino3dm
    return rhino3dm.Point3d(float(p[0]), float(p[1]), float(p[2]))


def brep_contains(brep, point, tolerance: float, strictly_in: bool) -> bool:
    """Is the point inside a closed brep? Within tolerance of the surface counts unless
    strictly_in. When the nearest point lies inside a face, the side of that face decides
    (exact: p - q is along the normal there); otherwise the faces' total solid angle does
    (±4π inside, 0 outside)."""
    if not brep.IsSolid:
        return False
    p = np.asarray(point, dtype=float)
    nearest = [closest_on_face(f, brep.Edges, p) for f in brep.Faces]
    d, q, normal = min(nearest, key=lambda dn: dn[0])
    if d <= tolerance:
        return not strictly_in
    # the solid's orientation: a flipped brep has inward normals (negative signed volume)
    signed = sum(face_flux(f, brep.Edges)[0] for f in brep.Faces)
    outward = 1.0 if signed >= 0 else -1.0
    if not _on_crease(brep, q, d):
        return bool(outward * float((p - q) @ normal) < 0)
    omega = 0.0
    for face in brep.Faces:
        if face_plane(face) is not None:
            omega += planar_face_solid_angle(face, brep.Edges, p)
        else:
            omega += curved_face_solid_angle(Nurbs.from_rhino(face), p, bool(face.OrientationIsReversed))
    return abs(omega) > 2 * math.pi


def _on_crease(brep, q, scale) -> bool:
    """Does q lie on an edge between two different faces (where one face's normal cannot tell
    the side)? Seams and poles of a single face are smooth."""
    faces_of = {}
    for fi, face in enumerate(brep.Faces):
        for loop in face.Loops:
            for trim in loop.Trims:
                if trim.EdgeIndex >= 0:
                    faces_of.setdefault(trim.EdgeIndex, set()).add(fi)
    from . import curves as _gc
    tol = 1e-7 * max(1.0, scale)
    for ei, fs in faces_of.items():
        if len(fs) < 2:
            continue
        edge = brep.Edges[ei]
        ok, t = _gc.closest_point(edge, _r3(q))
        if ok:
            c = edge.PointAt(t)
            if np.linalg.norm(np.array([c.X, c.Y, c.Z]) - q) <= tol:
                return True
    return False
