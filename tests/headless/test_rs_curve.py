"""rs curve functions on a real headless document, checked against analytic values."""
import math

import pytest
import rhino3dm

import rhino_headless.rhinoscriptsyntax as rs
from rhino_headless import scriptcontext as sc
from rhino_headless.document import HeadlessDoc
from rhino_headless.errors import NeedsRhinoError


@pytest.fixture
def doc():
    d = HeadlessDoc()
    with sc.use_doc(d):
        yield d


def close(p, q, tol=1e-9):
    return all(abs(a - b) <= tol for a, b in zip(p, q))


def test_circle_length_area_centroid_and_division(doc):
    c = rs.AddCircle((1, 2, 0), 2)
    assert rs.IsCurve(c) and rs.IsCircle(c) and rs.IsCurveClosed(c) and rs.IsCurvePlanar(c)
    assert rs.CurveLength(c) == pytest.approx(4 * math.pi, rel=1e-12)
    area, err = rs.CurveArea(c)
    assert area == pytest.approx(4 * math.pi, rel=1e-10) and err < 1e-6
    centroid, _ = rs.CurveAreaCentroid(c)
    assert close(centroid, (1, 2, 0))
    pts = rs.DivideCurve(c, 4)
    assert len(pts) == 4
    angles = sorted(round(math.degrees(math.atan2(p[1] - 2, p[0] - 1))) % 360 for p in pts)
    assert angles == [0, 90, 180, 270]
    params = rs.DivideCurve(c, 4, return_points=False)
    assert params[1] - params[0] == pytest.approx(math.pi, rel=1e-9)  # arc length parameterised
    assert rs.CircleRadius(c) == 2 and close(rs.CircleCenterPoint(c), (1, 2, 0))
    assert rs.CircleCircumference(c) == pytest.approx(4 * math.pi)


def test_divide_curve_can_create_points(doc):
    line = rs.AddLine((0, 0, 0), (10, 0, 0))
    before = len(doc)
    pts = rs.DivideCurve(line, 5, create_points=True)
    assert len(pts) == 6 and len(doc) == before + 6
    assert close(pts[3], (6, 0, 0))
    assert [round(p[0], 9) for p in rs.DivideCurveLength(line, 2.5)] == [0, 2.5, 5, 7.5, 10]


def test_line_queries_and_closest_point(doc):
    line = rs.AddLine((0, 0, 0), (3, 4, 0))
    assert rs.IsLine(line) and rs.IsCurveLinear(line) and not rs.IsPolyline(line)
    assert rs.CurveLength(line) == pytest.approx(5.0)
    assert rs.CurveDomain(line) == [0.0, 5.0]  # openNURBS: a line curve is parameterised by length
    assert close(rs.EvaluateCurve(line, 2.5), (1.5, 2, 0))
    assert close(rs.CurveStartPoint(line), (0, 0, 0)) and close(rs.CurveEndPoint(line), (3, 4, 0))
    t = rs.CurveClosestPoint(line, (3, 0, 0))
    assert t == pytest.approx(9 / 5)
    assert rs.CurveLength(line, sub_domain=[0, 1]) == pytest.approx(1.0)
    assert close(rs.CurveMidPoint(line), (1.5, 2, 0))
    assert close(rs.CurveTangent(line, 0.2), (0.6, 0.8, 0))
    assert rs.IsPointOnCurve(line, (1.5, 2, 0)) and not rs.IsPointOnCurve(line, (1.5, 2.1, 0))


def test_polyline_area_vertices_and_containment(doc):
    pl = rs.AddPolyline([(0, 0, 0), (4, 0, 0), (4, 3, 0), (0, 3, 0), (0, 0, 0)])
    assert rs.IsPolyline(pl) and rs.IsCurveClosed(pl)
    assert rs.CurveArea(pl)[0] == pytest.approx(12.0)
    assert close(rs.CurveAreaCentroid(pl)[0], (2, 1.5, 0))
    assert len(rs.PolylineVertices(pl)) == 5
    assert rs.PointInPlanarClosedCurve((1, 1, 0), pl) == 1
    assert rs.PointInPlanarClosedCurve((5, 1, 0), pl) == 0
    assert rs.PointInPlanarClosedCurve((4, 1, 0), pl) == 2
    rect = rs.AddRectangle(rs.WorldXYPlane() if hasattr(rs, "WorldXYPlane") and
                           not getattr(rs.WorldXYPlane, "__needs_rhino__", None) else (0, 0, 0), 4, 3)
    assert rs.CurveLength(rect) == pytest.approx(14.0)
    assert rs.CurveArea(rect)[0] == pytest.approx(12.0)


def test_arcs(doc):
    arc = rs.AddArc((0, 0, 0), 3, 90)
    assert rs.IsArc(arc) and not rs.IsCircle(arc)
    assert rs.ArcAngle(arc) == pytest.approx(90) and rs.ArcRadius(arc) == pytest.approx(3)
    assert rs.CurveLength(arc) == pytest.approx(1.5 * math.pi)
    assert close(rs.ArcMidPoint(arc), (3 / math.sqrt(2), 3 / math.sqrt(2), 0))
    a3 = rs.AddArc3Pt((0, 0, 0), (2, 0, 0), (1, 1, 0))
    assert close(rs.ArcCenterPoint(a3), (1, 0, 0)) and rs.ArcRadius(a3) == pytest.approx(1)
    assert rs.AddArc3Pt((0, 0, 0), (2, 0, 0), (1, 0, 0)) is None
    ptp = rs.AddArcPtTanPt((0, 0, 0), (0, 1, 0), (2, 0, 0))
    assert close(rs.ArcCenterPoint(ptp), (1, 0, 0))
    assert close(rs.CurveTangent(ptp, rs.CurveDomain(ptp)[0]), (0, 1, 0))
    assert close(rs.CurveEndPoint(ptp), (2, 0, 0))
    c3 = rs.AddCircle3Pt((1, 0, 0), (0, 1, 0), (-1, 0, 0))
    assert close(rs.CircleCenterPoint(c3), (0, 0, 0)) and rs.CircleRadius(c3) == pytest.approx(1)


def test_ellipse(doc):
    e = rs.AddEllipse((0, 0, 0), 4, 2)
    assert rs.IsEllipse(e) and not rs.IsCircle(e)
    assert close(rs.EllipseCenterPoint(e), (0, 0, 0), 1e-7)
    quads = rs.EllipseQuadPoints(e)
    assert sorted(round(abs(p[0]) + abs(p[1]), 6) for p in quads) == [2, 2, 4, 4]
    assert rs.CurveArea(e)[0] == pytest.approx(8 * math.pi, rel=1e-9)
    e3 = rs.AddEllipse3Pt((1, 1, 0), (4, 1, 0), (1, 2, 0))
    assert rs.CurveArea(e3)[0] == pytest.approx(3 * math.pi, rel=1e-9)


def test_nurbs_and_interpolated_curves(doc):
    cv = rs.AddCurve([(0, 0, 0), (1, 2, 0), (3, -1, 0), (4, 0, 0)])
    assert rs.CurveDegree(cv) == 3 and rs.CurvePointCount(cv) == 4
    assert rs.CurveKnots(cv) == [0, 0, 0, 1, 1, 1] and rs.CurveWeights(cv) == [1, 1, 1, 1]
    assert close(rs.CurvePoints(cv)[1], (1, 2, 0))
    pts = [(0, 0, 0), (1, 2, 0), (3, -1, 0), (4, 0, 0), (6, 1, 1)]
    ic = rs.AddInterpCurve(pts)
    for p in pts:
        t = rs.CurveClosestPoint(ic, p)
        assert close(rs.EvaluateCurve(ic, t), p, 1e-8)
    nc = rs.AddNurbsCurve([(0, 0, 0), (1, 1, 0), (2, 0, 0)], [0, 0, 1, 1], 2, [1, math.sqrt(0.5), 1])
    assert rs.IsCurveRational(nc) and rs.IsArc(nc)
    with pytest.raises(ValueError):
        rs.AddNurbsCurve([(0, 0, 0), (1, 1, 0), (2, 0, 0)], [0, 1], 2)


def test_frames_curvature_and_planes(doc):
    c = rs.AddCircle((0, 0, 0), 2)
    point, tangent, center, radius, kvec = rs.CurveCurvature(c, 0)
    assert close(center, (0, 0, 0)) and radius == pytest.approx(2)
    frame = rs.CurvePerpFrame(c, 0)
    assert close(frame.ZAxis, (0, 1, 0))
    assert close(rs.CurveNormal(c), (0, 0, 1))
    assert close(rs.CurvePlane(c).Origin, (0, 0, 0))
    line = rs.AddLine((0, 0, 0), (1, 0, 0))
    assert rs.CurveCurvature(line, 0.5) is None
    assert rs.CurveParameter(line, 0.25) == 0.25 and rs.CurveNormalizedParameter(line, 0.5) == 0.5 and rs.CurveNormalizedParameter(c, 2 * math.pi) == pytest.approx(0.5)
    assert close(rs.CurveArcLengthPoint(c, math.pi), (0, 2, 0))


def test_edits_are_journaled_and_undoable(doc):
    line = rs.AddLine((0, 0, 0), (1, 0, 0))
    doc.begin_record("reverse")
    assert rs.ReverseCurve(line)
    assert close(rs.CurveStartPoint(line), (1, 0, 0))
    doc.rollback()
    assert close(rs.CurveStartPoint(line), (0, 0, 0))
    parts = rs.SplitCurve(line, [0.25, 0.5])  # the unit line's domain is [0, 1]
    assert len(parts) == 3 and not rs.IsCurve(line)
    assert sum(rs.CurveLength(p) for p in parts) == pytest.approx(1.0)
    piece = rs.TrimCurve(parts[2], (0.6, 0.8))
    assert rs.CurveLength(piece) == pytest.approx(0.2)


def test_join_and_explode(doc):
    a = rs.AddLine((0, 0, 0), (1, 0, 0))
    b = rs.AddLine((1, 1, 0), (1, 0, 0))  # reversed piece
    c = rs.AddArc3Pt((1, 1, 0), (0, 1, 0), (0.5, 1.2, 0))
    joined = rs.JoinCurves([a, b, c], delete_input=True)
    assert len(joined) == 1 and not rs.IsCurve(a)
    j = joined[0]
    assert rs.CurveLength(j) == pytest.approx(2 + rs.CurveLength(c) if rs.IsCurve(c) else 2 + 1.1, rel=0.2)
    pl = rs.AddPolyline([(0, 0, 0), (1, 0, 0), (1, 1, 0)])
    assert len(rs.ExplodeCurves(pl)) == 2
    far = rs.AddLine((5, 5, 0), (6, 5, 0))
    assert len(rs.JoinCurves([pl, far])) == 2


def test_kernel_functions_raise_needs_rhino(doc):
    c = rs.AddCircle((0, 0, 0), 1)
    for call in (lambda: rs.OffsetCurve(c, (0, 0, 0), 1), lambda: rs.CurveBooleanUnion([c]),
                 lambda: rs.AddFilletCurve(c, c)):
        with pytest.raises(NeedsRhinoError):
            call()


def test_bad_ids_give_clear_errors(doc):
    with pytest.raises(ValueError):
        rs.CurveLength("00000000-0000-0000-0000-000000000001")
    assert rs.IsCurve("not an id") is False
    p = rs.AddPoint(1, 2, 3)
    assert not rs.IsCurve(p)
    with pytest.raises(ValueError):
        rs.CurveDomain(p)


def test_equidistant_division_contours_and_intersections(doc):
    c = rs.AddCircle((0, 0, 0), 2)
    pts = rs.DivideCurveEquidistant(c, 2.0)  # chord 2 on radius 2: a hexagon
    assert len(pts) == 6
    assert all(abs(math.dist(a, b) - 2.0) < 1e-9 for a, b in zip(pts[:-1], pts[1:]))
    contours = rs.CurveContourPoints(c, (-2, 0, 0), (2, 0, 0), 1)
    assert sorted(round(p[0], 9) for p in contours) == [-2, -1, -1, 0, 0, 1, 1, 2]
    line = rs.AddLine((-3, 0, 0), (3, 0, 0))
    hits = rs.CurveCurveIntersection(c, line)
    assert len(hits) == 2 and all(h[0] == 1 for h in hits)
    assert sorted(round(h[1][0], 9) for h in hits) == [-2, 2]
    assert rs.CurveCurveIntersection(line, rs.AddLine((0, 1, 0), (1, 1, 0))) is None
    with pytest.raises(NeedsRhinoError):
        rs.CurveCurveIntersection(c)
