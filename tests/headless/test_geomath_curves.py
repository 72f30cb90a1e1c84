"""geomath.curves against analytic values, on real rhino3dm curves."""
import math

import pytest
import rhino3dm as r

from rhino_headless.geomath import curves as gc

TIGHT = 1e-11


def circle(radius=2.0, center=(0.0, 0.0, 0.0)):
    return r.NurbsCurve.CreateFromCircle(r.Circle(r.Point3d(*center), radius))


def ellipse(a, b):
    crv = r.NurbsCurve.CreateFromCircle(r.Circle(1.0))
    crv.Transform(r.Transform.Scale(r.Plane.WorldXY(), a, b, 1.0))
    return crv


def ellipse_perimeter(a, b):
    """Exact perimeter by the arithmetic-geometric mean (Gauss-Kummer):
    P = 2 pi / M(a, b) * ((a^2 + b^2) / 2 - sum_n 2^(n-1) c_n^2)."""
    an, bn = a, b
    s = (a * a + b * b) / 2.0
    k = 1
    while True:
        cn = (an - bn) / 2.0
        an, bn = (an + bn) / 2.0, math.sqrt(an * bn)
        s -= 2 ** (k - 1) * cn * cn
        k += 1
        if cn < 1e-17 * a:
            return 2.0 * math.pi * s / an


def polyline(points, closed=False):
    pts = [r.Point3d(*p) for p in points]
    if closed:
        pts.append(pts[0])
    return r.PolylineCurve(pts)


def degree1_nurbs(points, closed=True):
    """The same polygon as a degree-1 NurbsCurve, to exercise the general (non-polyline) path."""
    pts = [r.Point3d(*p) for p in points] + ([r.Point3d(*points[0])] if closed else [])
    return r.NurbsCurve.Create(False, 1, pts)


# ---------------------------------------------------------------------------- length

def test_circle_arc_line_lengths():
    assert gc.length(circle(2.0)) == pytest.approx(4 * math.pi, abs=TIGHT)
    arc = r.NurbsCurve.CreateFromArc(r.Arc(r.Point3d(0, 0, 0), 3.0, 2.0))  # angle 2 rad
    assert gc.length(arc) == pytest.approx(6.0, abs=TIGHT)
    arc_curve = r.ArcCurve.CreateFromArc(r.Arc(r.Point3d(0, 0, 0), 3.0, 2.0))
    assert gc.length(arc_curve) == pytest.approx(6.0, abs=TIGHT)
    assert gc.length(r.LineCurve(r.Point3d(1, 1, 1), r.Point3d(4, 5, 13))) == pytest.approx(13.0, abs=TIGHT)
    assert gc.length(polyline([(0, 0, 0), (3, 0, 0), (3, 4, 0)])) == pytest.approx(7.0, abs=TIGHT)


def test_ellipse_length_matches_agm():
    for a, b in ((3.0, 1.0), (5.0, 4.0), (10.0, 0.5)):
        assert gc.length(ellipse(a, b)) == pytest.approx(ellipse_perimeter(a, b), rel=1e-11)


def test_cubic_length_matches_dense_polyline_limit():
    crv = r.NurbsCurve.Create(False, 3, [r.Point3d(0, 0, 0), r.Point3d(1, 3, 0), r.Point3d(4, -1, 2),
                                         r.Point3d(6, 2, 1), r.Point3d(7, 0, 0)])
    d = crv.Domain
    n = 20000
    pts = [crv.PointAt(d.T0 + (d.T1 - d.T0) * i / n) for i in range(n + 1)]
    chords = sum(a.DistanceTo(b) for a, b in zip(pts[:-1], pts[1:]))
    # chord sums converge from below as O(1/n^2): ~1e-8 relative at this n
    assert 0.0 <= gc.length(crv) - chords < 1e-6 * chords


def test_subdomain_length():
    c = circle(1.0)
    d = c.Domain
    half = gc.length(c, (d.T0, d.T0 + (d.T1 - d.T0) / 2))
    assert half == pytest.approx(math.pi, abs=TIGHT)
    line = r.LineCurve(r.Point3d(0, 0, 0), r.Point3d(10, 0, 0))
    ld = line.Domain
    assert gc.length(line, (ld.T0, ld.T0 + 0.3 * (ld.T1 - ld.T0))) == pytest.approx(3.0, abs=TIGHT)


def test_polycurve_length():
    pc = r.PolyCurve()
    pc.Append(r.LineCurve(r.Point3d(0, 0, 0), r.Point3d(2, 0, 0)))
    pc.Append(r.ArcCurve.CreateFromArc(r.Arc(r.Point3d(2, 0, 0), r.Point3d(3, 1, 0), r.Point3d(4, 0, 0))))
    assert gc.length(pc) == pytest.approx(2.0 + math.pi, abs=TIGHT)


# ---------------------------------------------------------------------------- length parameter, division

def test_length_parameter_and_point_at_length():
    c = circle(2.0)
    ok, t = gc.length_parameter(c, math.pi)  # a quarter turn
    assert ok and c.PointAt(t).DistanceTo(r.Point3d(0, 2, 0)) < TIGHT
    assert gc.length_parameter(c, -1.0) == (False, 0.0)
    e = ellipse(3.0, 1.0)
    total = gc.length(e)
    ok, t = gc.length_parameter(e, total / 4)
    assert ok and e.PointAt(t).DistanceTo(r.Point3d(0, 1, 0)) < 1e-10  # symmetric quarter
    assert gc.point_at_length(polyline([(0, 0, 0), (3, 0, 0), (3, 4, 0)]), 5.0).DistanceTo(
        r.Point3d(3, 2, 0)) < TIGHT


@pytest.mark.parametrize("count", [3, 5, 7, 12])
def test_divide_circle_into_equal_points(count):
    c = circle(2.0)
    params = gc.divide_by_count(c, count, True)
    assert len(params) == count  # closed curve: the end is the start
    pts = [c.PointAt(t) for t in params]
    chord = 2 * 2.0 * math.sin(math.pi / count)
    for i in range(count):
        assert pts[i].DistanceTo(pts[(i + 1) % count]) == pytest.approx(chord, abs=TIGHT)
    assert len(gc.divide_by_count(c, count, False)) == count - 1


def test_divide_open_curve_counts_and_lengths():
    e = r.NurbsCurve.Create(False, 3, [r.Point3d(0, 0, 0), r.Point3d(2, 4, 0), r.Point3d(5, -2, 0),
                                       r.Point3d(8, 1, 0)])
    params = gc.divide_by_count(e, 6, True)
    assert len(params) == 7 and params[0] == e.Domain.T0 and params[-1] == e.Domain.T1
    pieces = [gc.length(e, (a, b)) for a, b in zip(params[:-1], params[1:])]
    assert max(pieces) - min(pieces) < 1e-10
    assert len(gc.divide_by_count(e, 6, False)) == 5
    assert gc.divide_by_count(e, 0) is None


def test_divide_by_length():
    line = r.LineCurve(r.Point3d(0, 0, 0), r.Point3d(10, 0, 0))
    xs = [line.PointAt(t).X for t in gc.divide_by_length(line, 2.5)]
    assert xs == pytest.approx([0.0, 2.5, 5.0, 7.5, 10.0], abs=TIGHT)  # end lands on a multiple
    xs = [line.PointAt(t).X for t in gc.divide_by_length(line, 3.0)]
    assert xs == pytest.approx([0.0, 3.0, 6.0, 9.0], abs=TIGHT)
    rev = [line.PointAt(t).X for t in gc.divide_by_length(line, 3.0, reverse=True)]
    assert rev == pytest.approx([10.0, 7.0, 4.0, 1.0], abs=TIGHT)
    assert gc.divide_by_length(line, 11.0) is None
    c = circle(1.0)
    params = gc.divide_by_length(c, math.pi / 2)
    assert len(params) == 4  # closed: the end point is the start point


# ---------------------------------------------------------------------------- closest point

def test_closest_point_circle_and_polyline():
    c = circle(2.0, (1.0, 1.0, 0.0))
    ok, t = gc.closest_point(c, r.Point3d(1.0 + 3.0, 1.0 + 4.0, 7.0))
    expected = r.Point3d(1.0 + 2.0 * 0.6, 1.0 + 2.0 * 0.8, 0.0)
    assert ok and c.PointAt(t).DistanceTo(expected) < TIGHT
    pl = polyline([(0, 0, 0), (4, 0, 0), (4, 4, 0)])
    ok, t = gc.closest_point(pl, r.Point3d(6, 1, 0))
    assert ok and pl.PointAt(t).DistanceTo(r.Point3d(4, 1, 0)) < TIGHT
    assert gc.closest_point(pl, r.Point3d(6, 1, 0), max_distance=1.0) == (False, 0.0)


def test_closest_point_is_a_true_minimum_on_a_cubic():
    crv = r.NurbsCurve.Create(False, 3, [r.Point3d(0, 0, 0), r.Point3d(1, 3, 0), r.Point3d(4, -1, 2),
                                         r.Point3d(6, 2, 1), r.Point3d(7, 0, 0)])
    test = r.Point3d(3, 2, 3)
    ok, t = gc.closest_point(crv, test)
    best = crv.PointAt(t).DistanceTo(test)
    d = crv.Domain
    brute = min(crv.PointAt(d.T0 + (d.T1 - d.T0) * i / 5000).DistanceTo(test) for i in range(5001))
    assert ok and best <= brute + 1e-12
    p, d1 = crv.DerivativeAt(t, 1)
    assert abs((p.X - test.X) * d1.X + (p.Y - test.Y) * d1.Y + (p.Z - test.Z) * d1.Z) < 1e-9  # perpendicular


# ---------------------------------------------------------------------------- planar area and centroid

def test_circle_and_ellipse_area():
    area, centroid, _ = gc.area_centroid(circle(2.0, (3.0, -1.0, 5.0)))
    assert area == pytest.approx(4 * math.pi, abs=1e-11)
    assert r.Point3d(*centroid).DistanceTo(r.Point3d(3, -1, 5)) < TIGHT
    area, _, _ = gc.area_centroid(ellipse(3.0, 1.0))
    assert area == pytest.approx(3 * math.pi, abs=1e-11)


def test_rectangle_centroid_polyline_and_nurbs():
    rect = [(1, 1, 0), (5, 1, 0), (5, 3, 0), (1, 3, 0)]
    for crv in (polyline(rect, closed=True), degree1_nurbs(rect)):
        area, centroid, _ = gc.area_centroid(crv)
        assert area == pytest.approx(8.0, abs=TIGHT)
        assert r.Point3d(*centroid).DistanceTo(r.Point3d(3, 2, 0)) < TIGHT


def test_l_shape_centroid_in_a_tilted_plane():
    # L made of a 2x1 and a 1x1 square: area 3, centroid (5/6, 5/6) in its own plane
    ell = [(0, 0), (2, 0), (2, 1), (1, 1), (1, 2), (0, 2)]
    plane = r.Plane(r.Point3d(1, 2, 3), r.Vector3d(1, 0, 0), r.Vector3d(0, 0.6, 0.8))
    pts = [plane.PointAt(x, y) for x, y in ell]
    for crv in (polyline([(p.X, p.Y, p.Z) for p in pts], closed=True),
                degree1_nurbs([(p.X, p.Y, p.Z) for p in pts])):
        area, centroid, _ = gc.area_centroid(crv)
        assert area == pytest.approx(3.0, abs=1e-11)
        assert r.Point3d(*centroid).DistanceTo(plane.PointAt(5.0 / 6.0, 5.0 / 6.0)) < 1e-11


def test_area_rejects_open_and_non_planar():
    assert gc.area_centroid(polyline([(0, 0, 0), (1, 0, 0), (1, 1, 0)])) is None
    assert gc.area_centroid(polyline([(0, 0, 0), (1, 0, 0), (1, 1, 1), (0, 1, 0)], closed=True)) is None


# ---------------------------------------------------------------------------- plane intersection

def test_curve_plane_intersections():
    c = circle(2.0)
    plane = r.Plane(r.Point3d(1, 0, 0), r.Vector3d(1, 0, 0))  # x = 1
    hits = sorted(c.PointAt(t).Y for t in gc.plane_intersections(c, plane))
    assert hits == pytest.approx([-math.sqrt(3), math.sqrt(3)], abs=1e-9)
    assert gc.plane_intersections(c, r.Plane(r.Point3d(5, 0, 0), r.Vector3d(1, 0, 0))) == []


# ---------------------------------------------------------------------------- interpolation

@pytest.mark.parametrize("style", [gc.UNIFORM, gc.CHORD, gc.SQRT_CHORD])
def test_interpolation_passes_through_points(style):
    pts = [(0, 0, 0), (1, 2, 0), (3, 1, 0), (4, 4, 1), (6, 0, 1), (7, 2, 3)]
    crv = gc.interpolate(pts, 3, style)
    assert crv.IsValid and crv.Degree == 3 and len(crv.Points) == len(pts)
    params = gc.interpolation_parameters(pts, style)
    for p, t in zip(pts, params):
        assert crv.PointAt(t).DistanceTo(r.Point3d(*p)) < 1e-12


def test_interpolation_of_points_on_a_line_is_the_line_and_degree_clamps():
    crv = gc.interpolate([(0, 0, 0), (1, 1, 1), (2, 2, 2)], 3, gc.CHORD)
    assert crv.Degree == 2  # fewer points than degree + 1
    d = crv.Domain
    for i in range(11):
        p = crv.PointAt(d.T0 + (d.T1 - d.T0) * i / 10)
        assert abs(p.X - p.Y) < 1e-12 and abs(p.Y - p.Z) < 1e-12
    assert gc.interpolate([(0, 0, 0)], 3) is None
    assert gc.interpolate([(0, 0, 0), (0, 0, 0), (1, 0, 0)], 3, gc.CHORD) is None


def test_trimmed_polyline_has_uneven_vertex_parameters():
    pc = polyline([(0, 0, 0), (1, 0, 0), (1, 1, 0), (0, 1, 0)]).Trim(0.5, 3.0)  # vertices at 0.5, 1, 2, 3
    assert gc.length(pc) == pytest.approx(2.5, abs=TIGHT)
    ok, t = gc.length_parameter(pc, 1.25)  # half way along the second edge
    assert ok and pc.PointAt(t).DistanceTo(r.Point3d(1, 0.75, 0)) < TIGHT
    ok, t = gc.closest_point(pc, r.Point3d(2, 0.25, 0))
    assert ok and pc.PointAt(t).DistanceTo(r.Point3d(1, 0.25, 0)) < TIGHT
    pts = [pc.PointAt(t) for t in gc.divide_by_count(pc, 5)]
    assert all(abs(a.DistanceTo(b) - 0.5) < TIGHT for a, b in zip(pts[:2], pts[1:3]))  # on straight parts


# ---------------------------------------------------------------------------- containment

def test_containment_circle_far_and_very_near():
    c = circle(2.0, (1.0, 1.0, 0.0))
    assert gc.containment(c, r.Point3d(1, 1, 0)) == gc.INSIDE
    assert gc.containment(c, r.Point3d(9, 1, 0)) == gc.OUTSIDE
    assert gc.containment(c, r.Point3d(3, 1, 0)) == gc.ON_CURVE
    # 1e-5 from the curve: closer than the sampling polygon strays, decided by the tangent side
    for angle in (0.1, 1.3, 2.9, 4.4, 6.2):
        cx, cy = 1 + 2 * math.cos(angle), 1 + 2 * math.sin(angle)
        ux, uy = math.cos(angle), math.sin(angle)
        assert gc.containment(c, r.Point3d(cx - 1e-5 * ux, cy - 1e-5 * uy, 0), tolerance=1e-9) == gc.INSIDE
        assert gc.containment(c, r.Point3d(cx + 1e-5 * ux, cy + 1e-5 * uy, 0), tolerance=1e-9) == gc.OUTSIDE
    assert gc.containment(polyline([(0, 0, 0), (1, 0, 0), (1, 1, 0)]), r.Point3d(0, 0, 0)) is None


def test_containment_l_shape_in_tilted_plane_and_clockwise():
    ell = [(0, 0), (2, 0), (2, 1), (1, 1), (1, 2), (0, 2)]
    plane = r.Plane(r.Point3d(1, 2, 3), r.Vector3d(1, 0, 0), r.Vector3d(0, 0.6, 0.8))
    for pts in (ell, ell[::-1]):  # counter-clockwise and clockwise
        crv = degree1_nurbs([(p.X, p.Y, p.Z) for p in (plane.PointAt(x, y) for x, y in pts)])
        assert gc.containment(crv, plane.PointAt(0.5, 1.5)) == gc.INSIDE
        assert gc.containment(crv, plane.PointAt(1.5, 1.5)) == gc.OUTSIDE  # the notch
        assert gc.containment(crv, plane.PointAt(1.5, 1.0)) == gc.ON_CURVE
        assert gc.containment(crv, plane.PointAt(1.0 - 1e-7, 1.5), tolerance=1e-9) == gc.INSIDE
