"""rhinoscriptsyntax.line, headless."""
import rhino3dm as _r

from ..Rhino import Geometry as _rg
from .utility import coerce3dpoint, coerceline, coerceplane, coercexform


def LineClosestPoint(line, testpoint):
    """Closest point on the infinite line through the two points."""
    line = coerceline(line, True)
    testpoint = coerce3dpoint(testpoint, True)
    return line.ClosestPoint(testpoint, False)


def LineCylinderIntersection(line, cylinder_plane, cylinder_height, cylinder_radius):
    line = coerceline(line, True)
    cylinder_plane = coerceplane(cylinder_plane, True)
    if not cylinder_radius > 0:
        raise ValueError("unable to create valid circle with given plane and radius")
    if not cylinder_height > 0:
        raise ValueError("unable to create valid cylinder with given circle and height")
    cylinder = _rg.Cylinder(_rg.Circle(cylinder_plane, cylinder_radius), cylinder_height)
    rc, pt1, pt2 = _rg.Intersect.Intersection.LineCylinder(line, cylinder)
    if rc == getattr(_r.LineCylinderIntersection, "None"):
        return []
    if rc == _r.LineCylinderIntersection.Single:
        return [_rg.Point3d(pt1)]
    return [_rg.Point3d(pt1), _rg.Point3d(pt2)]


def LineIsFartherThan(line, distance, point_or_line):
    """True when every point of the (finite) line is farther than `distance` from the other."""
    return LineMinDistanceTo(line, point_or_line) > distance


def LineLineIntersection(lineA, lineB):
    """(point on lineA, point on lineB) closest to each other (infinite lines); None if parallel."""
    lineA = coerceline(lineA, True)
    lineB = coerceline(lineB, True)
    rc, a, b = _rg.Intersect.Intersection.LineLine(lineA, lineB)
    if not rc:
        return None
    return lineA.PointAt(a), lineB.PointAt(b)


def _other(point_or_line):
    """A line if it reads as one, else a point (the real functions try a line first)."""
    line = coerceline(point_or_line)
    return line if line is not None else coerce3dpoint(point_or_line, True)


def LineMaxDistanceTo(line, point_or_line):
    line = coerceline(line, True)
    return line.MaximumDistanceTo(_other(point_or_line))


def LineMinDistanceTo(line, point_or_line):
    line = coerceline(line, True)
    return line.MinimumDistanceTo(_other(point_or_line))


def LinePlane(line):
    """A plane containing the line, origin at its start; parallel to a world plane if possible
    (openNURBS' ON_Line::InPlane rule). None for a zero-length line."""
    line = coerceline(line, True)
    v = line.To - line.From
    tol = 0.0
    tiny_x, tiny_y, tiny_z = abs(v.X) <= tol, abs(v.Y) <= tol, abs(v.Z) <= tol
    if tiny_x and tiny_y and tiny_z:
        return None
    if tiny_z:
        x, y = _rg.Vector3d.XAxis, _rg.Vector3d.YAxis
    elif tiny_x:
        x, y = _rg.Vector3d.YAxis, _rg.Vector3d.ZAxis
    elif tiny_y:
        x, y = _rg.Vector3d.ZAxis, _rg.Vector3d.XAxis
    else:
        x = _rg.Vector3d(v)
        x.Unitize()
        y = _rg.Vector3d(0, 0, 0)
        y.PerpendicularTo(x)
        y.Unitize()
    return _rg.Plane(_rg.Point3d(line.From), x, y)


def LinePlaneIntersection(line, plane):
    """Point where the infinite line meets the plane; None when parallel."""
    plane = coerceplane(plane, True)
    line_points = coerceline(line, True)
    rc, t = _rg.Intersect.Intersection.LinePlane(line_points, plane)
    if not rc:
        return None
    return line_points.PointAt(t)


def LineSphereIntersection(line, sphere_center, sphere_radius):
    line = coerceline(line, True)
    sphere_center = coerce3dpoint(sphere_center, True)
    sphere = _rg.Sphere(sphere_center, sphere_radius)
    rc, pt1, pt2 = _rg.Intersect.Intersection.LineSphere(line, sphere)
    if rc == getattr(_r.LineSphereIntersection, "None"):
        return []
    if rc == _r.LineSphereIntersection.Single:
        return [_rg.Point3d(pt1)]
    return [_rg.Point3d(pt1), _rg.Point3d(pt2)]


def LineTransform(line, xform):
    """A transformed copy of the line."""
    line = coerceline(line, True)
    xform = coercexform(xform, True)
    return _rg.Line(xform * line.From, xform * line.To)
