"""rs geometry functions (points, clouds, dots, bounding boxes) on a real headless document."""
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


def test_points(doc):
    a = rs.AddPoint(1, 2, 3)
    b = rs.AddPoint((4, 5, 6))
    c = rs.AddPoint("7,8,9")
    assert all(rs.IsPoint(x) for x in (a, b, c))
    assert close(rs.PointCoordinates(c), (7, 8, 9))
    p = rs.PointCoordinates(a)
    assert p[0] == 1 and p.Z == 3
    assert close(rs.PointCoordinates(a, (0, 0, 1)), (1, 2, 3))
    assert close(rs.PointCoordinates(a), (0, 0, 1))
    ids = rs.AddPoints([(0, 0, 0), (1, 1, 1)])
    assert len(ids) == 2 and len(doc) == 5
    with pytest.raises(TypeError):
        rs.AddPoint("nowhere")


def test_point_clouds(doc):
    pc = rs.AddPointCloud([(0, 0, 0), (1, 1, 1), (2, 2, 2)], [(255, 0, 0), (0, 255, 0), (0, 0, 255)])
    assert rs.IsPointCloud(pc) and rs.PointCloudCount(pc) == 3 and rs.PointCloudHasPointColors(pc)
    assert close(rs.PointCloudPoints(pc)[2], (2, 2, 2))
    flat = rs.AddPointCloud([0, 0, 0, 1, 0, 0])
    assert rs.PointCloudCount(flat) == 2 and not rs.PointCloudHasPointColors(flat)
    assert rs.PointCloudKNeighbors(pc, [(0.9, 1, 1)]) == [1]
    assert rs.PointCloudKNeighbors(pc, [(0.1, 0, 0)], 2) == [[0, 1]]
    assert rs.PointCloudClosestPoints(pc, [(0, 0, 0)], 1.8) == [[0, 1]]
    rs.PointCloudPointColors(pc, None)
    assert not rs.PointCloudHasPointColors(pc)


def test_text_dots(doc):
    d = rs.AddTextDot(42, (1, 1, 1))
    assert rs.IsTextDot(d) and rs.TextDotText(d) == "42"
    assert rs.TextDotText(d, "hi") == "42" and rs.TextDotText(d) == "hi"
    rs.TextDotPoint(d, (3, 3, 3))
    assert close(rs.TextDotPoint(d), (3, 3, 3))
    rs.TextDotHeight(d, 20)
    assert rs.TextDotHeight(d) == 20


def test_bounding_boxes(doc):
    pts = [rs.AddPoint(0, 0, 0), rs.AddPoint(2, 3, 4)]
    box = rs.BoundingBox(pts)
    assert len(box) == 8 and close(box[0], (0, 0, 0)) and close(box[6], (2, 3, 4))
    assert close(box[1], (2, 0, 0)) and close(box[3], (0, 3, 0)) and close(box[4], (0, 0, 4))
    # a NURBS curve's box is tight (rhino3dm's own box is the control polygon's)
    crv = rs.AddCurve([(0, 0, 0), (1, 5, 0), (2, -5, 0), (3, 0, 0)])
    t = (6 - math.sqrt(12)) / 12  # y(t) = 15 t (1 - t) (1 - 2t) peaks here
    assert rs.BoundingBox(crv)[6][1] == pytest.approx(15 * t * (1 - t) * (1 - 2 * t), abs=1e-9)
    circle = rs.AddCircle((0, 0, 0), 1)
    assert close(rs.BoundingBox(circle)[6], (1, 1, 0), 1e-9)
    # plane-aligned: a rotated square is 1 x 1 in its own plane
    s = math.sqrt(0.5)
    sq = rs.AddPolyline([(0, 0, 0), (s, s, 0), (0, 2 * s, 0), (-s, s, 0), (0, 0, 0)])
    plane = rhino3dm.Plane(rhino3dm.Point3d(0, 0, 0), rhino3dm.Vector3d(s, s, 0), rhino3dm.Vector3d(-s, s, 0))
    local = rs.BoundingBox(sq, plane, in_world_coords=False)
    assert close(local[0], (0, 0, 0), 1e-9) and close(local[6], (1, 1, 0), 1e-9)
    world = rs.BoundingBox(sq, plane)
    assert close(world[2], (0, 2 * s, 0), 1e-9)
    assert rs.BoundingBox([]) is None


def test_compare_geometry_and_area(doc):
    a = rs.AddCircle((0, 0, 0), 1)
    b = rs.AddCircle((0, 0, 0), 1)
    c = rs.AddCircle((0, 0, 0), 2)
    assert rs.CompareGeometry(a, b) and not rs.CompareGeometry(a, c)
    assert rs.Area(c) == pytest.approx(4 * math.pi)
    assert rs.Area(rs.AddSphere((0, 0, 0), 1)) == pytest.approx(4 * math.pi)


def test_text_needs_rhino(doc):
    with pytest.raises(NeedsRhinoError):
        rs.AddText("hello", (0, 0, 0))
    assert not rs.IsText(rs.AddPoint(0, 0, 0))


def test_bounding_box_in_a_standard_view(doc):
    p = rs.AddPoint(1, 2, 3)
    front = rs.BoundingBox(p, "Front", in_world_coords=False)
    assert close(front[0], (1, 3, -2))  # Front's cplane: x = world x, y = world z, z = -world y
    assert close(rs.BoundingBox(p, "Top")[0], (1, 2, 3))
    with pytest.raises(NeedsRhinoError):
        rs.BoundingBox(p, "My named view")
