"""rhinoscriptsyntax.pointvector, headless: point and vector math on Rhino.Geometry shim values."""
import math

import rhino3dm as _r

from ..errors import NeedsRhinoError
from ..Rhino import Geometry as _rg
from ..geomath.planes import coplanar as _coplanar
from .utility import (coerce3dpoint, coerce3dvector, coerce3dpointlist, coercexform, coerceguid,
                      coercegeometry, coerceplane)

_ZERO_TOLERANCE = 2.3283064365386963e-10

# declared here, raised by the package's auto-stubs (official signature, "rs.<Name>")
NEEDS_RHINO = {
    "ProjectPointToMesh": "Rhino's mesh ray intersection",
    "ProjectPointToSurface": "Rhino's brep ray intersection",
    "PullPoints": "Rhino's closest point on surfaces and meshes",
}


def IsVectorParallelTo(vector1, vector2):
    """1 parallel, -1 anti-parallel, 0 not parallel (1 degree tolerance)."""
    return coerce3dvector(vector1, True).IsParallelTo(coerce3dvector(vector2, True))


def IsVectorPerpendicularTo(vector1, vector2):
    return coerce3dvector(vector1, True).IsPerpendicularTo(coerce3dvector(vector2, True))


def IsVectorTiny(vector):
    return coerce3dvector(vector, True).IsTiny(1.0e-12)


def IsVectorZero(vector):
    return coerce3dvector(vector, True).IsZero


def PointAdd(point1, point2):
    point1 = coerce3dpoint(point1, True)
    point2 = coerce3dpoint(point2, True)
    return point1 + point2


def PointArrayClosestPoint(points, test_point):
    """Index of the point closest to test_point."""
    points = coerce3dpointlist(points, True)
    test_point = coerce3dpoint(test_point, True)
    if not points:
        return None
    return min(range(len(points)), key=lambda i: points[i].DistanceToSquared(test_point))


def PointArrayTransform(points, xform):
    points = coerce3dpointlist(points, True)
    xform = coercexform(xform, True)
    return [xform * point for point in points]


def PointClosestObject(point, object_ids):
    """[id, closest point] over points, point clouds and curves; None if no object qualifies."""
    object_ids = _ids(object_ids)
    point = coerce3dpoint(point, True)
    closest = None
    for oid in object_ids:
        geom = coercegeometry(oid, True)
        if isinstance(geom, _r.Point):
            candidate = _rg.Point3d(geom.Location)
        elif isinstance(geom, _r.PointCloud):
            pts = [_rg.Point3d(geom[i].Location) for i in range(len(geom))]
            if not pts:
                continue
            candidate = min(pts, key=lambda p: p.DistanceToSquared(point))
        elif isinstance(geom, _r.Curve):
            ok, t = geom.ClosestPoint(point)
            if not ok:
                continue
            candidate = _rg.Point3d(geom.PointAt(t))
        else:
            candidate = _closest_on_faces(geom, point)
        distance = point.DistanceTo(candidate)
        if closest is None or distance < closest[0]:
            closest = (distance, oid, candidate)
    if closest is None:
        return None
    return closest[1], closest[2]


def _closest_on_faces(geom, point):
    """Closest point on a surface or on a brep whose faces are untrimmed (geomath.surfaces);
    trimmed faces and meshes need Rhino's closest point."""
    from ..geomath import surfaces
    if isinstance(geom, _r.Extrusion):
        geom = geom.ToBrep(True)
    if isinstance(geom, _r.Surface):
        faces = [geom]
    elif isinstance(geom, _r.Brep):
        faces = [geom.Faces[i] for i in range(len(geom.Faces))]
        if not all(surfaces.face_is_untrimmed(f, geom.Edges) for f in faces):
            raise NeedsRhinoError("rs.PointClosestObject", "Rhino's closest point on trimmed faces")
    else:
        raise NeedsRhinoError("rs.PointClosestObject", "Rhino's closest point on %s" % type(geom).__name__)
    best = None
    for face in faces:
        nurbs = surfaces.Nurbs.from_rhino(face)
        u, v = surfaces.closest_parameter(nurbs, (point.X, point.Y, point.Z))
        q = _rg.Point3d(*[float(c) for c in nurbs.point_at(u, v)])
        if best is None or q.DistanceTo(point) < best.DistanceTo(point):
            best = q
    return best


def _ids(object_ids):
    single = coerceguid(object_ids, False)
    if single is not None:
        return [single]
    return [coerceguid(i, True) for i in object_ids]


def PointCompare(point1, point2, tolerance=None):
    point1 = coerce3dpoint(point1, True)
    point2 = coerce3dpoint(point2, True)
    if tolerance is None:
        tolerance = _ZERO_TOLERANCE
    return (point2 - point1).IsTiny(tolerance)


def PointDivide(point, divide):
    return coerce3dpoint(point, True) / divide


def PointsAreCoplanar(points, tolerance=1.0e-12):
    points = coerce3dpointlist(points, True)
    return _coplanar(points, tolerance)


def PointScale(point, scale):
    return coerce3dpoint(point, True) * scale


def PointSubtract(point1, point2):
    """point1 - point2 as a Point3d (not a vector), as the real function returns."""
    point1 = coerce3dpoint(point1, True)
    point2 = coerce3dpoint(point2, True)
    v = point1 - point2
    return _rg.Point3d(v.X, v.Y, v.Z)


def PointTransform(point, xform):
    return coercexform(xform, True) * coerce3dpoint(point, True)





def VectorAdd(vector1, vector2):
    return coerce3dvector(vector1, True) + coerce3dvector(vector2, True)


def VectorAngle(vector1, vector2):
    """Angle in degrees; None when either vector is zero."""
    v1 = _rg.Vector3d(coerce3dvector(vector1, True))
    v2 = _rg.Vector3d(coerce3dvector(vector2, True))
    if not v1.Unitize() or not v2.Unitize():
        return None
    dot = max(-1.0, min(1.0, v1 * v2))
    return math.degrees(math.acos(dot))


def VectorCompare(vector1, vector2):
    return coerce3dvector(vector1, True).CompareTo(coerce3dvector(vector2, True))


def VectorCreate(to_point, from_point):
    to_point = coerce3dpoint(to_point, True)
    from_point = coerce3dpoint(from_point, True)
    return to_point - from_point


def VectorCrossProduct(vector1, vector2):
    return _rg.Vector3d.CrossProduct(coerce3dvector(vector1, True), coerce3dvector(vector2, True))


def VectorDivide(vector, divide):
    return coerce3dvector(vector, True) / divide


def VectorDotProduct(vector1, vector2):
    return coerce3dvector(vector1, True) * coerce3dvector(vector2, True)


def VectorLength(vector):
    return float(coerce3dvector(vector, True).Length)


def VectorMultiply(vector1, vector2):
    return VectorDotProduct(vector1, vector2)


def VectorReverse(vector):
    v = _rg.Vector3d(coerce3dvector(vector, True))
    v.Reverse()
    return v


def VectorRotate(vector, angle_degrees, axis):
    v = _rg.Vector3d(coerce3dvector(vector, True))
    axis = coerce3dvector(axis, True)
    if v.Rotate(math.radians(angle_degrees), axis):
        return v
    return None


def VectorScale(vector, scale):
    return coerce3dvector(vector, True) * scale


def VectorSubtract(vector1, vector2):
    return coerce3dvector(vector1, True) - coerce3dvector(vector2, True)


def VectorTransform(vector, xform):
    return coercexform(xform, True) * coerce3dvector(vector, True)


def VectorUnitize(vector):
    v = _rg.Vector3d(coerce3dvector(vector, True))
    if not v.Unitize():
        return None
    return v


def PointArrayBoundingBox(points, view_or_plane=None, in_world_coords=True):
    """Eight corners of the points' bounding box: world-aligned, or aligned with a plane
    (corners in world coordinates unless in_world_coords is False). Views need Rhino."""
    points = coerce3dpointlist(points, True)
    if not points:
        return None
    plane = None
    if view_or_plane is not None:
        plane = coerceplane(view_or_plane)
        if plane is None:
            raise NeedsRhinoError("PointArrayBoundingBox(view)", "Rhino's views")
    if plane is None:
        return _rg.BoundingBox(points).GetCorners()
    local = [plane.RemapToPlaneSpace(p)[1] for p in points]
    corners = _rg.BoundingBox(local).GetCorners()
    if in_world_coords:
        return [plane.PointAt(c.X, c.Y, c.Z) for c in corners]
    return corners
