"""rhinoscriptsyntax.plane, headless."""
import math

import rhino3dm as _r

from ..Rhino import Geometry as _rg
from ..geomath.planes import fit_plane as _fit_plane
from .utility import coerce3dpoint, coerce3dvector, coerce3dpointlist, coerceplane, coercexform, coercecurve


def DistanceToPlane(plane, point):
    """Signed distance from the plane to the point (positive on the normal side)."""
    plane = coerceplane(plane, True)
    point = coerce3dpoint(point, True)
    return plane.DistanceTo(point)


def EvaluatePlane(plane, parameter):
    plane = coerceplane(plane, True)
    return plane.PointAt(parameter[0], parameter[1])


def IntersectPlanes(plane1, plane2, plane3):
    plane1 = coerceplane(plane1, True)
    plane2 = coerceplane(plane2, True)
    plane3 = coerceplane(plane3, True)
    rc, point = _rg.Intersect.Intersection.PlanePlanePlane(plane1, plane2, plane3)
    if rc:
        return _rg.Point3d(point)
    return None


def MovePlane(plane, origin):
    plane = _rg.Plane(coerceplane(plane, True))
    plane.Origin = coerce3dpoint(origin, True)
    return plane


def PlaneClosestPoint(plane, point, return_point=True):
    """The closest point on the plane, or its (u, v) parameters when return_point is False."""
    plane = coerceplane(plane, True)
    point = coerce3dpoint(point, True)
    if return_point:
        return plane.ClosestPoint(point)
    rc, s, t = plane.ClosestParameter(point)
    if rc:
        return s, t
    return None


def PlaneCurveIntersection(plane, curve, tolerance=None):
    """List of 11-tuples as the real function builds them from intersection events
    (type 1 = point; overlaps are not detected headless):
    (1, point on curve, same, point on plane, same, t, u, t, t, u, v)."""
    plane = coerceplane(plane, True)
    curve = coercecurve(curve, -1, True)
    if tolerance is None:
        from .. import scriptcontext
        tolerance = scriptcontext.doc.tolerance
    events = _rg.Intersect.Intersection.CurvePlane(curve, plane, tolerance)
    if not events:
        return None
    rc = []
    for e in events:
        rc.append((1, e.PointA, e.PointA2, e.PointB, e.PointB2, e.ParameterA, e.ParameterB,
                   e.OverlapA[0], e.OverlapA[1], e.OverlapB[0], e.OverlapB[1]))
    return rc


def PlaneEquation(plane):
    """(A, B, C, D) of Ax + By + Cz + D = 0."""
    plane = coerceplane(plane, True)
    rc = plane.GetPlaneEquation()
    return rc[0], rc[1], rc[2], rc[3]


def PlaneFitFromPoints(points):
    points = coerce3dpointlist(points, True)
    return _fit_plane(points)


def PlaneFromFrame(origin, x_axis, y_axis):
    origin = coerce3dpoint(origin, True)
    x_axis = coerce3dvector(x_axis, True)
    y_axis = coerce3dvector(y_axis, True)
    return _rg.Plane(origin, x_axis, y_axis)


def PlaneFromNormal(origin, normal, xaxis=None):
    origin = coerce3dpoint(origin, True)
    normal = coerce3dvector(normal, True)
    rc = _rg.Plane(origin, normal)
    if xaxis:
        xaxis = _rg.Vector3d(coerce3dvector(xaxis, True))
        xaxis.Unitize()
        yaxis = _rg.Vector3d.CrossProduct(rc.Normal, xaxis)
        rc = _rg.Plane(origin, xaxis, yaxis)
    return rc


def PlaneFromPoints(origin, x, y):
    """Plane through three points (origin, a point on the x axis, a point in the plane);
    None when they are collinear."""
    origin = coerce3dpoint(origin, True)
    x = coerce3dpoint(x, True)
    y = coerce3dpoint(y, True)
    xv, yv = x - origin, y - origin
    n = _rg.Vector3d.CrossProduct(xv, yv)
    if n.Length <= 1e-12 * max(1.0, xv.Length * yv.Length):
        return None
    plane = _rg.Plane(origin, x, y)
    if not plane.IsValid:
        return None
    return plane


def PlanePlaneIntersection(plane1, plane2):
    plane1 = coerceplane(plane1, True)
    plane2 = coerceplane(plane2, True)
    rc, line = _rg.Intersect.Intersection.PlanePlane(plane1, plane2)
    if rc:
        return _rg.Point3d(line.From), _rg.Point3d(line.To)  # two points, as the real function
    return None


def PlaneSphereIntersection(plane, sphere_plane, sphere_radius):
    """(0, point) for a touching point, (1, circle plane, radius) for a circle, None if apart."""
    plane = coerceplane(plane, True)
    sphere_plane = coerceplane(sphere_plane, True)
    sphere = _rg.Sphere(sphere_plane, sphere_radius)
    rc, circle = _rg.Intersect.Intersection.PlaneSphere(plane, sphere)
    if rc == _r.PlaneSphereIntersection.Point:
        return 0, _rg.Point3d(circle.Center)
    if rc == _r.PlaneSphereIntersection.Circle:
        return 1, _rg.Plane(circle.Plane), circle.Radius
    return None


def PlaneTransform(plane, xform):
    plane = _rg.Plane(coerceplane(plane, True))
    xform = coercexform(xform, True)
    if plane.Transform(xform):
        return plane
    return None


def RotatePlane(plane, angle_degrees, axis):
    """Copy of the plane rotated about `axis` through its origin."""
    plane = _rg.Plane(coerceplane(plane, True))
    axis = coerce3dvector(axis, True)
    if plane.Rotate(math.radians(angle_degrees), axis):
        return plane
    return None


def WorldXYPlane():
    return _rg.Plane.WorldXY


def WorldYZPlane():
    return _rg.Plane.WorldYZ


def WorldZXPlane():
    return _rg.Plane.WorldZX
