"""rs plane and line functions with real values."""
import math

import pytest

import rhino_headless.Rhino.Geometry as rg
import rhino_headless.rhinoscriptsyntax as rs
from rhino_headless import scriptcontext as sc
from rhino_headless.document import HeadlessDoc


@pytest.fixture
def doc():
    d = HeadlessDoc()
    with sc.use_doc(d):
        yield d


def close(p, q, tol=1e-12):
    return all(abs(a - b) <= tol for a, b in zip(p, q))


def test_world_planes_are_fresh_shim_planes():
    xy = rs.WorldXYPlane()
    assert isinstance(xy, rg.Plane) and close(xy.ZAxis, (0, 0, 1))
    xy.Origin = rg.Point3d(5, 5, 5)
    assert close(rs.WorldXYPlane().Origin, (0, 0, 0))
    assert close(rs.WorldYZPlane().ZAxis, (1, 0, 0)) and close(rs.WorldZXPlane().ZAxis, (0, 1, 0))
    origin, x, y, z = rs.WorldXYPlane()  # rhinoscriptsyntax-style unpacking
    assert close(x, (1, 0, 0)) and close(z, (0, 0, 1))


def test_plane_from_points_frame_normal():
    p = rs.PlaneFromPoints((1, 1, 0), (3, 1, 0), (1, 4, 0))
    assert close(p.Origin, (1, 1, 0)) and close(p.XAxis, (1, 0, 0)) and close(p.ZAxis, (0, 0, 1))
    assert rs.PlaneFromPoints((0, 0, 0), (1, 0, 0), (2, 0, 0)) is None  # collinear
    f = rs.PlaneFromFrame((0, 0, 0), (0, 2, 0), (0, 0, 3))
    assert close(f.ZAxis, (1, 0, 0))
    n = rs.PlaneFromNormal((1, 2, 3), (0, 0, 5), (0, 1, 0))
    assert close(n.XAxis, (0, 1, 0)) and close(n.YAxis, (-1, 0, 0)) and close(n.Origin, (1, 2, 3))
    n2 = rs.PlaneFromNormal((0, 0, 0), (1, 1, 1))
    assert close(n2.ZAxis, [1 / math.sqrt(3)] * 3, 1e-15) and abs(n2.XAxis * n2.ZAxis) < 1e-15


def test_move_rotate_transform_plane():
    base = rs.WorldXYPlane()
    moved = rs.MovePlane(base, (1, 2, 3))
    assert close(moved.Origin, (1, 2, 3)) and close(base.Origin, (0, 0, 0))  # a copy
    rot = rs.RotatePlane(base, 90.0, (0, 0, 1))
    assert close(rot.XAxis, (0, 1, 0), 1e-15) and close(rot.YAxis, (-1, 0, 0), 1e-15)
    tilted = rs.RotatePlane(base, 90.0, (1, 0, 0))
    assert close(tilted.ZAxis, (0, -1, 0), 1e-15)
    xf = rs.XformTranslation((0, 0, 7))
    assert close(rs.PlaneTransform(base, xf).Origin, (0, 0, 7))


def test_plane_queries():
    plane = rs.PlaneFromNormal((0, 0, 2), (0, 0, 1))
    assert rs.DistanceToPlane(plane, (5, 5, 7)) == pytest.approx(5.0)
    assert rs.DistanceToPlane(plane, (5, 5, 0)) == pytest.approx(-2.0)
    assert close(rs.PlaneClosestPoint(plane, (5, 6, 7)), (5, 6, 2))
    u, v = rs.PlaneClosestPoint(rs.WorldXYPlane(), (5, 6, 7), False)
    assert (u, v) == (5.0, 6.0)
    assert close(rs.EvaluatePlane(rs.WorldXYPlane(), (2, 3)), (2, 3, 0))
    a, b, c, d = rs.PlaneEquation(plane)
    assert (a, b, c, d) == (0.0, 0.0, 1.0, -2.0)


def test_plane_intersections(doc):
    assert close(rs.IntersectPlanes(rs.WorldXYPlane(), rs.WorldYZPlane(), rs.WorldZXPlane()), (0, 0, 0))
    start, end = rs.PlanePlaneIntersection(rs.WorldXYPlane(), rs.PlaneFromNormal((0, 0, 0), (1, 1, 0)))
    d = end - start
    assert abs(d.Z) < 1e-15 and abs(d.X + d.Y) < 1e-12
    assert rs.PlanePlaneIntersection(rs.WorldXYPlane(), rs.MovePlane(rs.WorldXYPlane(), (0, 0, 1))) is None
    kind, circle_plane, radius = rs.PlaneSphereIntersection(rs.MovePlane(rs.WorldXYPlane(), (0, 0, 3)),
                                                            rs.WorldXYPlane(), 5.0)
    assert kind == 1 and radius == pytest.approx(4.0) and close(circle_plane.Origin, (0, 0, 3))
    assert rs.PlaneSphereIntersection(rs.MovePlane(rs.WorldXYPlane(), (0, 0, 9)), rs.WorldXYPlane(), 5.0) is None
    crv = rs.AddCircle(rs.WorldXYPlane(), 2.0)
    hits = rs.PlaneCurveIntersection(rs.WorldYZPlane(), crv)
    assert len(hits) == 2 and all(h[0] == 1 and len(h) == 11 for h in hits)
    assert sorted(round(h[1].Y, 9) for h in hits) == [-2.0, 2.0]
    for h in hits:  # the curve parameter and the plane's (u, v) of the same point
        assert close(rs.EvaluateCurve(crv, h[5]), h[1], 1e-9)
        assert close(rs.EvaluatePlane(rs.WorldYZPlane(), (h[9], h[10])), h[3], 1e-9)


def test_plane_fit_from_points():
    pts = [(0, 0, 1), (4, 0, 1), (4, 3, 1), (0, 3, 1), (2, 1, 1)]
    plane = rs.PlaneFitFromPoints(pts)
    assert abs(abs(plane.ZAxis.Z) - 1.0) < 1e-12 and plane.Origin.Z == pytest.approx(1.0)
    assert rs.PlaneFitFromPoints([(0, 0, 0), (1, 1, 1), (2, 2, 2)]) is None


# ---------------------------------------------------------------------------- line module

def test_line_functions():
    line = ((0, 0, 0), (10, 0, 0))
    assert close(rs.LineClosestPoint(line, (15, 3, 0)), (15, 0, 0))  # infinite line
    assert rs.LineMinDistanceTo(line, (15, 3, 0)) == pytest.approx(math.hypot(5, 3))
    assert rs.LineMaxDistanceTo(line, (5, 0, 0)) == pytest.approx(5.0)
    assert rs.LineIsFartherThan(line, 2.0, (5, 3, 0)) and not rs.LineIsFartherThan(line, 4.0, (5, 3, 0))
    assert rs.LineMinDistanceTo(line, ((5, 2, -1), (5, 2, 1))) == pytest.approx(2.0)
    a, b = rs.LineLineIntersection(line, ((3, -1, 2), (3, 1, 2)))
    assert close(a, (3, 0, 0)) and close(b, (3, 0, 2))
    assert close(rs.LinePlaneIntersection(((1, 1, -1), (1, 1, 1)), rs.WorldXYPlane()), (1, 1, 0))
    assert rs.LinePlaneIntersection(((0, 0, 1), (1, 0, 1)), rs.WorldXYPlane()) is None
    hits = rs.LineSphereIntersection(((-5, 0, 0), (5, 0, 0)), (0, 0, 0), 2.0)
    assert sorted(p.X for p in hits) == pytest.approx([-2.0, 2.0])
    assert rs.LineSphereIntersection(((-5, 9, 0), (5, 9, 0)), (0, 0, 0), 2.0) == []
    hits = rs.LineCylinderIntersection(((-5, 0, 1), (5, 0, 1)), rs.WorldXYPlane(), 3.0, 2.0)
    assert sorted(round(p.X, 9) for p in hits) == [-2.0, 2.0]
    assert rs.LineCylinderIntersection(((-5, 9, 1), (5, 9, 1)), rs.WorldXYPlane(), 3.0, 2.0) == []
    with pytest.raises(ValueError):
        rs.LineCylinderIntersection(line, rs.WorldXYPlane(), 0.0, 2.0)
    moved = rs.LineTransform(line, rs.XformTranslation((0, 0, 1)))
    assert close(moved.From, (0, 0, 1)) and close(moved.To, (10, 0, 1))
    plane = rs.LinePlane(((1, 1, 1), (4, 5, 1)))
    assert close(plane.Origin, (1, 1, 1)) and close(plane.ZAxis, (0, 0, 1))  # parallel to world XY


def test_line_accepts_line_curve_ids(doc):
    lid = rs.AddLine((0, 0, 0), (0, 10, 0))
    assert close(rs.LineClosestPoint(lid, (3, 4, 0)), (0, 4, 0))
