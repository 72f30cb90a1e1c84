"""geomath.surfaces against analytic values on real rhino3dm breps and NURBS surfaces."""
import math

import numpy as np
import pytest
import rhino3dm as r

from rhino_headless.geomath import surfaces as S


def sphere(r_=2.0, c=(1, 2, 3)):
    return r.Brep.CreateFromSphere(r.Sphere(r.Point3d(*c), r_))


def cylinder(radius=1.0, height=3.0, cap=True):
    return r.Brep.CreateFromCylinder(r.Cylinder(r.Circle(r.Point3d(0, 0, 0), radius), height), cap, cap)


def box(x=1.0, y=2.0, z=3.0):
    return r.Brep.CreateFromBox(r.Box(r.BoundingBox(r.Point3d(0, 0, 0), r.Point3d(x, y, z))))


def test_sphere_area_volume_centroid():
    a, c = S.brep_area_centroid(sphere())
    assert a == pytest.approx(4 * math.pi * 4, rel=1e-9)
    assert np.allclose(c, [1, 2, 3])
    v, c = S.brep_volume_centroid(sphere())
    assert v == pytest.approx(4 / 3 * math.pi * 8, rel=1e-9)
    assert np.allclose(c, [1, 2, 3])


def test_capped_cylinder_uses_trimmed_planar_caps():
    a, c = S.brep_area_centroid(cylinder())
    assert a == pytest.approx(2 * math.pi * 3 + 2 * math.pi, rel=1e-9)
    assert np.allclose(c, [0, 0, 1.5])
    v, c = S.brep_volume_centroid(cylinder())
    assert v == pytest.approx(3 * math.pi, rel=1e-9)
    assert np.allclose(c, [0, 0, 1.5])
    a, _ = S.brep_area_centroid(cylinder(cap=False))
    assert a == pytest.approx(2 * math.pi * 3, rel=1e-9)


def test_box_and_flipped_box():
    b = box()
    assert S.brep_area_centroid(b)[0] == pytest.approx(22.0)
    v, c = S.brep_volume_centroid(b)
    assert v == pytest.approx(6.0) and np.allclose(c, [0.5, 1, 1.5])
    b.Flip()
    v, c = S.brep_volume_centroid(b)
    assert v == pytest.approx(6.0) and np.allclose(c, [0.5, 1, 1.5])


def revolve(profile):
    axis = r.Line(r.Point3d(0, 0, 0), r.Point3d(0, 0, 1))
    return r.RevSurface.Create(profile, axis, 0, 2 * math.pi)


def test_capped_cone_from_revolved_line():
    # rhino3dm cannot construct a Cone; a revolved line is the same surface
    brep = r.Brep.CreateFromRevSurface(revolve(r.LineCurve(r.Point3d(0, 0, 4), r.Point3d(3, 0, 0))),
                                       True, True)
    a, c = S.brep_area_centroid(brep)
    assert a == pytest.approx(math.pi * 3 * 5 + math.pi * 9, rel=1e-9)
    v, c = S.brep_volume_centroid(brep)
    assert v == pytest.approx(math.pi * 9 * 4 / 3, rel=1e-9)
    assert np.allclose(c, [0, 0, 1.0])  # a solid cone's centroid is at h/4


def test_torus_area_and_volume():
    circle = r.NurbsCurve.CreateFromCircle(r.Circle(r.Point3d(5, 0, 0), 1))
    circle.Rotate(math.pi / 2, r.Vector3d(1, 0, 0), r.Point3d(5, 0, 0))
    brep = r.Brep.CreateFromRevSurface(revolve(circle), False, False)
    assert S.brep_area_centroid(brep)[0] == pytest.approx(4 * math.pi ** 2 * 5, rel=1e-9)
    assert S.brep_volume_centroid(brep)[0] == pytest.approx(2 * math.pi ** 2 * 5, rel=1e-9)


def test_bilinear_nurbs_surface_area_and_closest_point():
    ns = r.NurbsSurface.CreateRuledSurface(r.LineCurve(r.Point3d(0, 0, 0), r.Point3d(4, 0, 0)),
                                           r.LineCurve(r.Point3d(0, 3, 0), r.Point3d(4, 3, 0)))
    n = S.Nurbs.from_rhino(ns)
    a, m = S.area_moments(n)
    assert a == pytest.approx(12.0) and np.allclose(m / a, [2, 1.5, 0])
    u, v = S.closest_parameter(n, (1, 1, 5))
    assert np.allclose(n.point_at(u, v), [1, 1, 0])


def test_derivatives_match_rhino_points_and_finite_differences():
    ns = r.NurbsSurface.CreateFromSphere(r.Sphere(r.Point3d(0, 0, 0), 2))
    n = S.Nurbs.from_rhino(ns)
    u, v, h = 1.1, 0.3, 1e-6
    P, Su, Sv = [x[0, 0] for x in n.derivatives(np.array([u]), np.array([v]))]
    q = ns.PointAt(u, v)
    assert np.allclose(P, [q.X, q.Y, q.Z])
    fd_u = (n.point_at(u + h, v) - n.point_at(u - h, v)) / (2 * h)
    fd_v = (n.point_at(u, v + h) - n.point_at(u, v - h)) / (2 * h)
    assert np.allclose(Su, fd_u, atol=1e-6) and np.allclose(Sv, fd_v, atol=1e-6)


def test_planar_region_with_hole_by_green():
    outer = r.PolylineCurve([r.Point3d(0, 0, 0), r.Point3d(4, 0, 0), r.Point3d(4, 4, 0),
                             r.Point3d(0, 4, 0), r.Point3d(0, 0, 0)])
    hole = r.NurbsCurve.CreateFromCircle(r.Circle(r.Point3d(1, 1, 0), 0.5))
    o, x, y = (0, 0, 0), (1, 0, 0), (0, 1, 0)
    m = S.region_properties([(outer, False)], [[(hole, False)]], o, x, y)
    area = 16 - math.pi * 0.25
    a, c = S.region_area_centroid(m, o, x, y)
    assert a == pytest.approx(area, rel=1e-10)
    cx = (16 * 2 - math.pi * 0.25 * 1) / area
    assert np.allclose(c, [cx, cx, 0])


def test_trimmed_detection_and_curve_length():
    b = cylinder()
    assert S.face_is_untrimmed(b.Faces[0], b.Edges)
    assert S.curve_length(r.NurbsCurve.CreateFromCircle(r.Circle(3.0))) == pytest.approx(6 * math.pi, rel=1e-12)


def test_brep_contains_by_nearest_face_side_and_solid_angle():
    b = box()
    assert S.brep_contains(b, (0.5, 1, 1.5), 1e-8, False)
    assert not S.brep_contains(b, (1.001, 2.001, 3.001), 1e-8, False)  # nearest point is a corner
    b.Flip()  # inward normals: the answer must not change
    assert S.brep_contains(b, (0.5, 1, 1.5), 1e-8, False) and not S.brep_contains(b, (5, 1, 1), 1e-8, False)
    # the solid angle of a closed surface is 4π from inside and 0 from outside
    n = S.Nurbs.from_rhino(sphere().Faces[0])
    assert S.curved_face_solid_angle(n, (1, 2, 3), False) == pytest.approx(4 * math.pi, rel=1e-9)
    assert S.curved_face_solid_angle(n, (1, 2, 6), False) == pytest.approx(0.0, abs=1e-9)
    cyl = cylinder()
    cap = cyl.Faces[1]
    # a unit disc seen from 1 above its centre: 2π(1 - 1/√2)
    assert abs(S.planar_face_solid_angle(cap, cyl.Edges, (0, 0, -1))) == pytest.approx(
        2 * math.pi * (1 - 1 / math.sqrt(2)), rel=1e-9)
