"""rs pointvector functions with real values: shim return types and the real conventions."""
import math

import pytest
import rhino3dm

import rhino_headless.Rhino.Geometry as rg
import rhino_headless.rhinoscriptsyntax as rs
from rhino_headless import scriptcontext as sc
from rhino_headless.document import HeadlessDoc
from rhino_headless.errors import NeedsRhinoError


@pytest.fixture
def doc():
    d = HeadlessDoc()
    with sc.use_doc(d):
        yield d


def close(p, q, tol=1e-12):
    return all(abs(a - b) <= tol for a, b in zip(p, q))


def test_vector_create_add_subtract_scale_return_shim_vectors():
    v = rs.VectorCreate((4, 6, 3), (1, 2, 3))
    assert isinstance(v, rg.Vector3d) and tuple(v) == (3.0, 4.0, 0.0) and v.Length == 5.0
    assert tuple(rs.VectorAdd(v, [1, 1, 1])) == (4.0, 5.0, 1.0)
    assert tuple(rs.VectorSubtract(v, (3, 4, 0))) == (0.0, 0.0, 0.0)
    assert tuple(rs.VectorScale(v, 2)) == (6.0, 8.0, 0.0)
    assert tuple(rs.VectorDivide(v, 2)) == (1.5, 2.0, 0.0)
    assert rs.VectorLength(v) == 5.0 and rs.VectorLength("3,4,12") == 13.0
    assert tuple(rs.VectorReverse(v)) == (-3.0, -4.0, -0.0) and tuple(v) == (3.0, 4.0, 0.0)  # copy


def test_vector_angle_dot_cross_unitize():
    assert rs.VectorAngle((1, 0, 0), (0, 1, 0)) == pytest.approx(90.0)
    assert rs.VectorAngle((1, 0, 0), (1, 1, 0)) == pytest.approx(45.0)
    assert rs.VectorAngle((1, 0, 0), (-2, 0, 0)) == pytest.approx(180.0)
    assert rs.VectorAngle((0, 0, 0), (1, 0, 0)) is None
    assert rs.VectorDotProduct((1, 2, 3), (4, 5, 6)) == 32.0 == rs.VectorMultiply((1, 2, 3), (4, 5, 6))
    assert tuple(rs.VectorCrossProduct((1, 0, 0), (0, 1, 0))) == (0.0, 0.0, 1.0)
    u = rs.VectorUnitize((0, 3, 4))
    assert close(u, (0, 0.6, 0.8)) and u.IsUnitVector
    assert rs.VectorUnitize((0, 0, 0)) is None


def test_vector_rotate_transform_compare_predicates():
    assert close(rs.VectorRotate((1, 0, 0), 90.0, (0, 0, 1)), (0, 1, 0), 1e-15)
    xf = rs.XformRotation2(90.0, (0, 0, 1), (5, 5, 5))  # vectors ignore the centre
    assert close(rs.VectorTransform((1, 0, 0), xf), (0, 1, 0), 1e-15)
    assert rs.VectorCompare((1, 2, 3), (1, 2, 4)) == -1 and rs.VectorCompare((1, 2, 3), (1, 2, 3)) == 0
    assert rs.IsVectorParallelTo((1, 0, 0), (3, 0, 0)) == 1
    assert rs.IsVectorParallelTo((1, 0, 0), (-3, 0, 0)) == -1
    assert rs.IsVectorParallelTo((1, 0, 0), (0, 1, 0)) == 0
    assert rs.IsVectorPerpendicularTo((1, 0, 0), (0, 0, 2)) and not rs.IsVectorPerpendicularTo((1, 0, 0), (1, 1, 0))
    assert rs.IsVectorTiny((1e-13, 0, 0)) and not rs.IsVectorTiny((1e-9, 0, 0))
    assert rs.IsVectorZero((0, 0, 0)) and not rs.IsVectorZero((0, 0, 1e-300))


def test_point_functions():
    p = rs.PointAdd((1, 2, 3), (1, 1, 1))
    assert isinstance(p, rg.Point3d) and tuple(p) == (2.0, 3.0, 4.0)
    d = rs.PointSubtract((1, 2, 3), (1, 1, 1))
    assert isinstance(d, rg.Point3d) and tuple(d) == (0.0, 1.0, 2.0)
    assert tuple(rs.PointScale((1, 2, 3), 2)) == (2.0, 4.0, 6.0)
    assert tuple(rs.PointDivide((2, 4, 6), 2)) == (1.0, 2.0, 3.0)
    assert rs.PointCompare((1, 2, 3), (1, 2, 3)) and not rs.PointCompare((1, 2, 3), (1, 2, 3.001))
    assert rs.PointCompare((1, 2, 3), (1, 2, 3.001), 0.01)
    xf = rs.XformTranslation((10, 0, 0))
    assert tuple(rs.PointTransform((1, 2, 3), xf)) == (11.0, 2.0, 3.0)
    assert [tuple(q) for q in rs.PointArrayTransform([(0, 0, 0), (1, 1, 1)], xf)] == [(10, 0, 0), (11, 1, 1)]
    assert rs.PointArrayClosestPoint([(0, 0, 0), (5, 5, 5), (1, 1, 0)], (1.2, 0.9, 0)) == 2


def test_points_are_coplanar():
    assert rs.PointsAreCoplanar([(0, 0, 0), (1, 0, 0), (1, 1, 0), (0, 1, 0), (3, 7, 0)])
    tilted = [(0, 0, 0), (1, 0, 1), (0, 1, 1), (1, 1, 2)]  # z = x + y
    assert rs.PointsAreCoplanar(tilted)
    assert not rs.PointsAreCoplanar([(0, 0, 0), (1, 0, 0), (0, 1, 0), (0, 0, 1)])
    assert rs.PointsAreCoplanar([(0, 0, 0), (1, 0, 0), (0, 1, 0), (0, 0, 1e-3)], 0.01)


def test_point_array_bounding_box_world_and_plane():
    corners = rs.PointArrayBoundingBox([(1, 5, 0), (3, -1, 2), (0, 0, 1)])
    assert len(corners) == 8 and tuple(corners[0]) == (0, -1, 0) and tuple(corners[6]) == (3, 5, 2)
    plane = rs.PlaneFromNormal((0, 0, 0), (0, 0, 1), (1, 1, 0))  # rotated 45 degrees
    pts = [(0, 0, 0), (1, 1, 0), (0, 2, 0), (-1, 1, 0)]  # a square in that frame
    box = rs.PointArrayBoundingBox(pts, plane)
    assert all(min(q.DistanceTo(rs.coerce3dpoint(p)) for q in box) < 1e-12 for p in pts)
    local = rs.PointArrayBoundingBox(pts, plane, False)
    assert close(local[6], (math.sqrt(2), math.sqrt(2), 0))


def test_point_closest_object_and_kernel_functions(doc):
    a = rs.AddPoint((10, 0, 0))
    line = rs.AddLine((0, 5, 0), (10, 5, 0))
    oid, pt = rs.PointClosestObject((4, 4, 0), [a, line])
    assert oid == line and close(pt, (4, 5, 0))
    oid, pt = rs.PointClosestObject((9, 1, 0), [a, line])
    assert oid == a and tuple(pt) == (10.0, 0.0, 0.0)
    sphere = doc.add(rhino3dm.Brep.CreateFromSphere(rhino3dm.Sphere(rhino3dm.Point3d(0, 0, 20), 2.0)))
    oid, pt = rs.PointClosestObject((0, 0, 30), [a, line, sphere])
    assert oid == sphere and close(pt, (0, 0, 22), 1e-9)
    assert isinstance(rs.PointClosestObject((0, 0, 30), [a]), tuple)
    with pytest.raises(NeedsRhinoError):
        rs.ProjectPointToSurface([(0, 0, 0)], [a], (0, 0, -1))
    with pytest.raises(NeedsRhinoError):
        rs.PullPoints(a, [(0, 0, 0)])
