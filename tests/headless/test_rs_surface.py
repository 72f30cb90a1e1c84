"""rs surface functions on a real headless document, checked against analytic values."""
import math

import pytest

import rhino_headless.rhinoscriptsyntax as rs
from rhino_headless import scriptcontext as sc
from rhino_headless.document import HeadlessDoc
from rhino_headless.errors import NeedsRhinoError

BOX = [(0, 0, 0), (2, 0, 0), (2, 3, 0), (0, 3, 0), (0, 0, 4), (2, 0, 4), (2, 3, 4), (0, 3, 4)]


@pytest.fixture
def doc():
    d = HeadlessDoc()
    with sc.use_doc(d):
        yield d


def close(p, q, tol=1e-9):
    return all(abs(a - b) <= tol for a, b in zip(p, q))


def test_unit_box_is_a_closed_polysurface_with_volume_one(doc):
    b = rs.AddBox([(0, 0, 0), (1, 0, 0), (1, 1, 0), (0, 1, 0), (0, 0, 1), (1, 0, 1), (1, 1, 1), (0, 1, 1)])
    assert rs.IsPolysurface(b) and rs.IsPolysurfaceClosed(b) and rs.IsBrep(b) and not rs.IsSurface(b)
    assert rs.SurfaceVolume(b)[0] == pytest.approx(1.0)


def test_box_mass_properties_and_bounding_box(doc):
    b = rs.AddBox(BOX)
    assert rs.SurfaceVolume(b)[0] == pytest.approx(24.0)
    assert rs.SurfaceArea(b)[0] == pytest.approx(52.0)
    assert close(rs.SurfaceVolumeCentroid(b)[0], (1, 1.5, 2))
    assert close(rs.SurfaceAreaCentroid(b)[0], (1, 1.5, 2))
    assert close(rs.BoundingBox(b)[6], (2, 3, 4))
    assert len(rs.ExplodePolysurfaces(b)) == 6 and len(rs.DuplicateEdgeCurves(b)) == 12
    point, uv, (kind, index), normal = rs.BrepClosestPoint(b, (5, 1, 1))
    assert close(point, (2, 1, 1)) and kind == 3 and close(normal, (1, 0, 0))


def test_rotated_and_mirrored_boxes(doc):
    s = math.sqrt(0.5)
    rot = [(0, 0, 0), (s, s, 0), (0, 2 * s, 0), (-s, s, 0), (0, 0, 2), (s, s, 2), (0, 2 * s, 2), (-s, s, 2)]
    assert rs.SurfaceVolume(rs.AddBox(rot))[0] == pytest.approx(2.0)
    mirrored = [BOX[i] for i in (0, 3, 2, 1, 4, 7, 6, 5)]  # left-handed corner order
    b = rs.AddBox(mirrored)
    assert rs.SurfaceVolume(b)[0] == pytest.approx(24.0)
    with pytest.raises(NeedsRhinoError):
        rs.AddBox([(0, 0, 0), (1, 0, 0), (1, 1, 0), (0, 1, 0), (0, 0, 1), (2, 0, 1), (1, 1, 1), (0, 1, 1)])


def test_sphere(doc):
    s = rs.AddSphere((1, 2, 3), 2)
    assert rs.IsSphere(s) and rs.IsSurface(s) and rs.IsPolysurfaceClosed(s)
    assert rs.SurfaceArea(s)[0] == pytest.approx(16 * math.pi, rel=1e-10)
    assert rs.SurfaceVolume(s)[0] == pytest.approx(32 / 3 * math.pi, rel=1e-10)
    assert close(rs.SurfaceVolumeCentroid(s)[0], (1, 2, 3))
    u, v = rs.SurfaceClosestPoint(s, (5, 2, 3))
    assert close(rs.EvaluateSurface(s, u, v), (3, 2, 3), 1e-8)
    assert close(rs.SurfaceNormal(s, (u, v)), (1, 0, 0), 1e-8)


def test_cylinder_cone_torus(doc):
    c = rs.AddCylinder((0, 0, 0), 3, 1)
    assert rs.IsPolysurfaceClosed(c)
    assert rs.SurfaceVolume(c)[0] == pytest.approx(3 * math.pi, rel=1e-10)
    assert rs.SurfaceArea(c)[0] == pytest.approx(8 * math.pi, rel=1e-10)
    open_c = rs.AddCylinder((0, 0, 0), (0, 0, 5), 1, cap=False)
    assert rs.IsCylinder(open_c) and rs.IsSurface(open_c) and not rs.IsPolysurfaceClosed(open_c)
    assert rs.SurfaceArea(open_c)[0] == pytest.approx(10 * math.pi, rel=1e-10)
    assert rs.SurfaceVolume(open_c) is None
    k = rs.AddCone((0, 0, 0), 4, 3)
    assert rs.SurfaceVolume(k)[0] == pytest.approx(12 * math.pi, rel=1e-10)
    assert close(rs.SurfaceVolumeCentroid(k)[0], (0, 0, 1))  # h/4 above the base
    assert close(rs.BoundingBox(k)[6], (3, 3, 4), 1e-6)
    t = rs.AddTorus((0, 0, 0), 5, 1)
    assert rs.IsTorus(t)
    assert rs.SurfaceArea(t)[0] == pytest.approx(20 * math.pi ** 2, rel=1e-10)
    assert rs.SurfaceVolume(t)[0] == pytest.approx(10 * math.pi ** 2, rel=1e-10)


def test_plane_surface(doc):
    p = rs.AddPlaneSurface((0, 0, 0), 4, 3)
    assert rs.IsPlaneSurface(p) and rs.IsSurfacePlanar(p) and not rs.IsSurfaceTrimmed(p)
    assert rs.SurfaceArea(p)[0] == pytest.approx(12.0)
    assert close(rs.SurfaceAreaCentroid(p)[0], (2, 1.5, 0))
    assert rs.SurfaceDomain(p, 0) == [0.0, 4.0] and rs.SurfaceDomain(p, 1) == [0.0, 3.0]
    assert close(rs.SurfaceNormal(p, (1, 1)), (0, 0, 1))
    assert close(rs.SurfaceClosestPoint(p, (1, 2, 5)), (1, 2))
    assert rs.FlipSurface(p, True) is False and rs.FlipSurface(p) is True
    assert close(rs.SurfaceNormal(p, (1, 1)), (0, 0, -1))
    border = rs.DuplicateSurfaceBorder(p)
    assert len(border) == 1 and rs.CurveLength(border[0]) == pytest.approx(14.0)


def test_point_grids_and_nurbs_surfaces(doc):
    q = rs.AddSrfPt([(0, 0, 0), (2, 0, 0), (2, 2, 1), (0, 2, 0)])
    assert rs.SurfaceDegree(q) == (1, 1) and rs.SurfacePointCount(q) == (2, 2)
    assert not rs.IsPlaneSurface(q) and not rs.IsSurfacePlanar(q)
    grid = [(i, j, (i * j) % 3) for i in range(4) for j in range(5)]
    g = rs.AddSrfControlPtGrid((4, 5), grid)
    assert rs.SurfaceDegree(g) == (3, 3) and rs.SurfacePointCount(g) == (4, 5)
    assert close(rs.SurfacePoints(g)[7], grid[7])
    ig = rs.AddSrfPtGrid((4, 5), grid)
    for p in grid:
        u, v = rs.SurfaceClosestPoint(ig, p)
        assert close(rs.EvaluateSurface(ig, u, v), p, 1e-7)
    flat = rs.AddNurbsSurface((2, 2), [(0, 0, 0), (0, 3, 0), (4, 0, 0), (4, 3, 0)], [0, 1], [0, 1], (1, 1))
    assert rs.SurfaceArea(flat)[0] == pytest.approx(12.0)
    assert rs.SurfaceKnots(flat) == ([0, 1], [0, 1])


def test_extrusions_and_revolutions(doc):
    line = rs.AddLine((0, 0, 0), (1, 0, 0))
    assert rs.SurfaceArea(rs.ExtrudeCurveStraight(line, (0, 0, 0), (0, 0, 2)))[0] == pytest.approx(2.0)
    circle = rs.AddCircle((0, 0, 0), 1)
    cone = rs.ExtrudeCurvePoint(circle, (0, 0, 1))
    assert rs.SurfaceArea(cone)[0] == pytest.approx(math.pi * math.sqrt(2), rel=1e-10)
    rev = rs.AddRevSrf(rs.AddLine((1, 0, 0), (1, 0, 2)), ((0, 0, 0), (0, 0, 1)))
    assert rs.SurfaceArea(rev)[0] == pytest.approx(4 * math.pi, rel=1e-10)
    half = rs.AddRevSrf(rs.AddLine((1, 0, 0), (1, 0, 2)), ((0, 0, 0), (0, 0, 1)), 0, 180)
    assert rs.SurfaceArea(half)[0] == pytest.approx(2 * math.pi, rel=1e-10)


def test_kernel_functions_raise_needs_rhino(doc):
    a, b = rs.AddBox(BOX), rs.AddSphere((0, 0, 0), 1)
    for call in (lambda: rs.BooleanUnion([a, b]), lambda: rs.AddLoftSrf([a, b]),
                 lambda: rs.OffsetSurface(b, 1)):
        with pytest.raises(NeedsRhinoError):
            call()


def test_not_a_surface(doc):
    p = rs.AddPoint(0, 0, 0)
    assert not rs.IsSurface(p) and not rs.IsBrep(p) and not rs.IsPolysurface(p)
    with pytest.raises(ValueError):
        rs.SurfaceArea(p)


def test_planar_srf_isocurves_loft_degree(doc):
    circle = rs.AddCircle((0, 0, 0), 2)
    srf = rs.AddPlanarSrf([circle])
    assert len(srf) == 1 and rs.IsSurfaceTrimmed(srf[0])
    assert rs.SurfaceArea(srf[0])[0] == pytest.approx(4 * math.pi, rel=1e-10)
    assert close(rs.SurfaceAreaCentroid(srf[0])[0], (0, 0, 0))
    inner = rs.AddCircle((0, 0, 0), 1)
    with pytest.raises(NeedsRhinoError):
        rs.AddPlanarSrf([circle, inner])
    p = rs.AddPlaneSurface((0, 0, 0), 4, 3)
    assert sorted(rs.CurveLength(i) for i in rs.ExtractIsoCurve(p, (1, 1), 2)) == [3.0, 4.0]
    a, b = rs.AddLine((0, 0, 0), (1, 0, 0)), rs.AddLine((0, 0, 1), (1, 0, 2))
    loft = rs.AddLoftSrf([a, b], loft_type=2)
    assert rs.SurfaceArea(loft)[0] == pytest.approx(1.5)
    with pytest.raises(NeedsRhinoError):
        rs.AddLoftSrf([a, b])
    q = rs.AddSrfPt([(0, 0, 0), (2, 0, 0), (2, 2, 1), (0, 2, 0)])
    before = rs.SurfaceArea(q)[0]
    assert rs.ChangeSurfaceDegree(q, (3, 2)) and rs.SurfaceDegree(q) == (3, 2)
    assert rs.SurfaceArea(q)[0] == pytest.approx(before, rel=1e-10)
    box = rs.AddBox(BOX)
    assert len(rs.ExtractSurface(box, [0, 1], True)) == 2


def test_point_in_closed_surfaces(doc):
    s = rs.AddSphere((1, 2, 3), 2)
    assert rs.IsPointInSurface(s, (1, 2, 3)) and rs.IsPointInSurface(s, (1, 2, 4.99))
    assert not rs.IsPointInSurface(s, (1, 2, 5.01)) and not rs.IsPointInSurface(s, (4, 2, 3))
    assert rs.IsPointInSurface(s, (1, 2, 5)) and not rs.IsPointInSurface(s, (1, 2, 5), strictly_in=True)
    c = rs.AddCylinder((0, 0, 0), 3, 1)
    inside = [(0, 0, 1), (0.99, 0, 2.99), (0.9999, 0, 1.5)]
    outside = [(1.01, 0, 1), (0, 0, 3.001), (1.001, 0, 3.001), (0.5, 0.5, -0.0001)]
    assert all(rs.IsPointInSurface(c, p) for p in inside)
    assert not any(rs.IsPointInSurface(c, p) for p in outside)
    b = rs.AddBox(BOX)
    assert rs.IsPointInSurface(b, (1.999, 2.999, 3.999)) and not rs.IsPointInSurface(b, (2.001, 3, 4))
    assert not rs.IsPointInSurface(rs.AddPlaneSurface((0, 0, 0), 1, 1), (0.5, 0.5, 0.1))
