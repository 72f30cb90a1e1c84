"""rs transformation: Xform* matrices and object transforms over the headless document."""

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


def test_rotation2_about_z_maps_x_to_y():
    xf = rs.XformRotation2(90.0, (0, 0, 1), (0, 0, 0))
    assert isinstance(xf, rg.Transform)
    assert close(rs.PointTransform((1, 0, 0), xf), (0, 1, 0), 1e-15)
    about = rs.XformRotation2(180.0, (0, 0, 1), (1, 1, 0))
    assert close(about * rg.Point3d(2, 1, 0), (0, 1, 0), 1e-14)
    assert rs.XformRotation2(90.0, (0, 0, 0), (0, 0, 0)) is None


def test_rotation_variants():
    r1 = rs.XformRotation1(rs.WorldXYPlane(), rs.PlaneFromFrame((1, 0, 0), (0, 1, 0), (-1, 0, 0)))
    assert close(r1 * rg.Point3d(1, 0, 0), (1, 1, 0))
    r3 = rs.XformRotation3((1, 0, 0), (0, 0, 1), (0, 0, 0))
    assert close(r3 * rg.Point3d(2, 0, 0), (0, 0, 2), 1e-15)
    r4 = rs.XformRotation4((1, 0, 0), (0, 1, 0), (0, 0, 1), (0, 1, 0), (-1, 0, 0), (0, 0, 1))
    assert close(r4 * rg.Point3d(1, 2, 3), (-2, 1, 3))


def test_translation_scale_mirror_projection_shear():
    assert close(rs.XformTranslation((1, 2, 3)) * rg.Point3d(1, 1, 1), (2, 3, 4))
    assert close(rs.XformScale(2.0) * rg.Point3d(1, 2, 3), (2, 4, 6))
    assert close(rs.XformScale((1, 2, 3), (1, 1, 1)) * rg.Point3d(2, 2, 2), (2, 3, 4))
    assert close(rs.XformMirror((0, 0, 0), (0, 1, 0)) * rg.Point3d(1, 2, 3), (1, -2, 3))
    proj = rs.XformPlanarProjection(rs.MovePlane(rs.WorldXYPlane(), (0, 0, 5)))
    assert close(proj * rg.Point3d(1, 2, 3), (1, 2, 5))
    shear = rs.XformShear(rs.WorldXYPlane(), (1, 0, 0), (1, 1, 0), (0, 0, 1))
    assert close(shear * rg.Point3d(0, 1, 0), (1, 1, 0))


def test_matrix_algebra():
    a = rs.XformTranslation((1, 0, 0))
    b = rs.XformRotation2(90.0, (0, 0, 1), (0, 0, 0))
    ab = rs.XformMultiply(a, b)  # b first, then a
    assert close(ab * rg.Point3d(1, 0, 0), (1, 1, 0), 1e-15)
    inv = rs.XformInverse(ab)
    assert close(rs.XformMultiply(ab, inv) * rg.Point3d(3, 4, 5), (3, 4, 5), 1e-14)
    assert rs.XformInverse(rs.XformZero()) is None
    assert rs.XformDeterminant(rs.XformScale(2.0)) == pytest.approx(8.0)
    assert rs.IsXformIdentity(rs.XformIdentity()) and not rs.IsXformIdentity(a)
    assert rs.IsXformZero(rs.XformZero()) and not rs.IsXformZero(a)
    assert rs.IsXformSimilarity(b) and not rs.IsXformSimilarity(rs.XformScale((1, 2, 1)))
    assert rs.XformCompare(a, a) == 0 and rs.XformCompare(a, b) in (-1, 1)
    assert rs.XformCompare(a, b) == -rs.XformCompare(b, a)
    diag = rs.XformDiagonal(3.0)
    assert diag[0, 0] == 3.0 and diag[1, 1] == 3.0 and diag[0, 1] == 0.0
    nested = rs.coercexform([[1, 0, 0, 5], [0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]])
    assert close(rs.XformMultiply(nested, a) * rg.Point3d(0, 0, 0), (6, 0, 0))


def test_change_basis_and_cplane_conversions():
    plane = rs.PlaneFromFrame((1, 2, 3), (0, 1, 0), (-1, 0, 0))
    world = rs.WorldXYPlane()
    to_local = rs.XformChangeBasis(world, plane)
    p = rg.Point3d(2, 5, 4)
    local = rs.XformWorldToCPlane(p, plane)
    assert close(to_local * p, local, 1e-14)
    assert close(rs.XformCPlaneToWorld(local, plane), p, 1e-14)
    back = rs.XformChangeBasis(plane, world)
    assert close(back * local, p, 1e-14)
    cb2 = rs.XformChangeBasis2((1, 0, 0), (0, 1, 0), (0, 0, 1), (0, 2, 0), (-2, 0, 0), (0, 0, 1))
    assert close(cb2 * rg.Point3d(2, 4, 1), (2, -1, 1))
    with pytest.raises(NeedsRhinoError):
        rs.XformWorldToScreen((0, 0, 0))


# ---------------------------------------------------------------------------- object transforms

def location(doc, oid):
    return tuple(doc.find(oid).geometry.Location)


def test_copy_objects_leaves_originals_and_returns_new_ids(doc):
    a = rs.AddPoint((1, 2, 3))
    line = rs.AddLine((0, 0, 0), (1, 0, 0))
    rs.ObjectName(a, "keep")
    before = doc.snapshot()
    copies = rs.CopyObjects([a, line], (10, 0, 0))
    assert len(copies) == 2 and not set(copies) & {a, line}
    assert location(doc, a) == (1.0, 2.0, 3.0) and location(doc, copies[0]) == (11.0, 2.0, 3.0)
    assert rs.ObjectName(copies[0]) == "keep"  # attributes travel with the copy
    assert rs.CurveStartPoint(copies[1]) == rg.Point3d(10, 0, 0)
    assert len(doc) == 4 and before != doc.snapshot()
    assert rs.CopyObject(a) not in (a, None) and location(doc, a) == (1.0, 2.0, 3.0)


def test_move_rotate_scale_mirror_in_place(doc):
    a = rs.AddPoint((1, 0, 0))
    assert rs.MoveObject(a, (0, 0, 5)) == a and location(doc, a) == (1.0, 0.0, 5.0)
    assert rs.RotateObject(a, (0, 0, 0), 90.0) == a
    assert close(location(doc, a), (0, 1, 5), 1e-15)
    assert rs.ScaleObject(a, (0, 0, 0), (2, 3, 4)) == a
    assert close(location(doc, a), (0, 3, 20), 1e-14)
    assert rs.MirrorObject(a, (0, 0, 0), (1, 0, 0)) == a  # mirror across the x axis line
    assert close(location(doc, a), (0, -3, 20), 1e-14)
    copy = rs.RotateObject(a, (0, 0, 0), 180.0, (0, 0, 1), copy=True)
    assert copy != a and close(location(doc, copy), (0, 3, 20), 1e-14)
    assert close(location(doc, a), (0, -3, 20), 1e-14)
    assert len(doc) == 2


def test_transform_objects_with_matrix_and_nurbs_fallback(doc):
    circle = rs.AddCircle((0, 0, 0), 1.0)
    ids = rs.TransformObjects([circle], rs.XformScale((2, 1, 1)))
    assert ids == [circle]
    bbox = doc.find(circle).geometry.GetBoundingBox()
    assert close(bbox.Min, (-2, -1, 0)) and close(bbox.Max, (2, 1, 0))  # an ellipse now
    assert rs.CurveLength(circle) == pytest.approx(9.688448220547675, rel=1e-10)
    sphere = doc.add(rhino3dm.Brep.CreateFromSphere(rhino3dm.Sphere(rhino3dm.Point3d(0, 0, 0), 1.0)))
    rs.ScaleObject(sphere, (0, 0, 0), (1, 1, 3))
    bbox = doc.find(sphere).geometry.GetBoundingBox()
    assert bbox.Max.Z == pytest.approx(3.0, rel=1e-9)
    assert rs.TransformObject("00000000-0000-0000-0000-000000000001", rs.XformIdentity()) is None


def test_shear_and_orient(doc):
    a = rs.AddPoint((2, 1, 3))
    rs.ShearObject(a, (0, 0, 0), (0, 1, 0), 45.0)
    assert close(location(doc, a), (1, 1, 3), 1e-14)
    b = rs.AddPoint((2, 1, 3))
    rs.OrientObject(b, [(0, 0, 0), (1, 0, 0)], [(5, 5, 0), (5, 7, 0)])  # move, rotate 90; no scale
    assert close(location(doc, b), (4, 7, 3), 1e-13)                     # (McNeel: "2 = scale object")
    d = rs.AddPoint((2, 1, 3))
    rs.OrientObject(d, [(0, 0, 0), (1, 0, 0)], [(5, 5, 0), (5, 7, 0)], 2)  # ... and scale by 2
    assert close(location(doc, d), (3, 9, 6), 1e-13)
    c = rs.AddPoint((1, 0, 0))
    new = rs.OrientObject(c, [(0, 0, 0), (1, 0, 0), (0, 1, 0)], [(0, 0, 1), (0, 1, 1), (-1, 0, 1)], 1)
    assert new != c and close(location(doc, new), (0, 1, 1), 1e-14) and location(doc, c) == (1.0, 0.0, 0.0)


def test_failed_script_transform_rolls_back(doc):
    a = rs.AddPoint((1, 2, 3))
    before = doc.snapshot()
    doc.begin_record("attempt")
    rs.MoveObjects([a], (1, 1, 1))
    rs.CopyObjects([a], (5, 0, 0))
    doc.rollback()
    assert doc.snapshot() == before
