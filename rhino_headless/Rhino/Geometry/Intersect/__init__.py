"""Rhino.Geometry.Intersect: rhino3dm's analytic intersections with RhinoCommon's return shapes.

Everything else (curve-curve, breps, meshes) raises NeedsRhinoError naming the method.
"""
import rhino3dm as _r

from ....errors import NeedsRhinoError
from ....geomath import curves as _gc
from ..native import ShimType
from ..points import Point3d


# RhinoCommon 8's Intersection methods; those not defined below need Rhino's kernel
_RHINOCOMMON_METHODS = frozenset((
    "ArcArc", "BrepBrep", "BrepPlane", "BrepSurface", "CircleCircle", "CurveBrep", "CurveBrepFace",
    "CurveCurve", "CurveCurveValidate", "CurveLine", "CurvePlane", "CurveSelf", "CurveSurface",
    "CurveSurfaceValidate", "LineBox", "LineCircle", "LineCylinder", "LineLine", "LinePlane", "LineSphere",
    "MeshLine", "MeshLineSorted", "MeshMesh", "MeshMeshAccurate", "MeshMeshFast", "MeshMeshPredicate",
    "MeshPlane", "MeshPolyline", "MeshPolylineSorted", "MeshRay", "PlaneBoundingBox", "PlaneCircle",
    "PlanePlane", "PlanePlanePlane", "PlaneSphere", "ProjectPointsToBreps", "ProjectPointsToBrepsEx",
    "ProjectPointsToMeshes", "ProjectPointsToMeshesEx", "RayShoot", "SphereSphere", "SurfaceSurface"))


class _IntersectionType(ShimType):
    def __getattr__(cls, name):
        if name not in _RHINOCOMMON_METHODS:
            raise AttributeError("type object 'Intersection' has no attribute '%s'" % name)

        def needs_rhino(*args, **kwargs):
            raise NeedsRhinoError("Intersection." + name)
        needs_rhino.__name__ = name
        return needs_rhino


class Intersection(object, metaclass=_IntersectionType):
    """Static methods; each returns what RhinoCommon returns in Python (out params as a tuple)."""

    @staticmethod
    def LineLine(lineA, lineB, tolerance=None, finiteSegments=None):
        """(bool, a, b): parameters of the closest points on the two (infinite or finite) lines."""
        if tolerance is None:
            return _r.Intersection.LineLine(lineA, lineB)
        return _r.Intersection.LineLine(lineA, lineB, float(tolerance), bool(finiteSegments))

    @staticmethod
    def LinePlane(line, plane):
        """(bool, t)."""
        return _r.Intersection.LinePlane(line, plane)

    @staticmethod
    def PlanePlane(planeA, planeB):
        """(bool, line)."""
        return _r.Intersection.PlanePlane(planeA, planeB)

    @staticmethod
    def PlanePlanePlane(planeA, planeB, planeC):
        """(bool, point)."""
        return _r.Intersection.PlanePlanePlane(planeA, planeB, planeC)

    @staticmethod
    def PlaneSphere(plane, sphere):
        """(PlaneSphereIntersection, circle)."""
        return _r.Intersection.PlaneSphere(plane, sphere)

    @staticmethod
    def SphereSphere(sphereA, sphereB):
        return _r.Intersection.SphereSphere(sphereA, sphereB)

    @staticmethod
    def LineCircle(line, circle):
        """(LineCircleIntersection, t1, point1, t2, point2)."""
        return _r.Intersection.LineCircle(line, circle)

    @staticmethod
    def LineSphere(line, sphere):
        """(LineSphereIntersection, point1, point2)."""
        return _r.Intersection.LineSphere(line, sphere)

    @staticmethod
    def LineCylinder(line, cylinder):
        return _r.Intersection.LineCylinder(line, cylinder)

    @staticmethod
    def LineBox(line, box, tolerance=0.0):
        """(bool, interval) for a BoundingBox."""
        if hasattr(box, "BoundingBox") and not isinstance(box, _r.BoundingBox):
            raise NeedsRhinoError("Intersection.LineBox(Box)", "Rhino's oriented-box intersection")
        return _r.Intersection.LineBox(line, box, float(tolerance))

    @staticmethod
    def CurvePlane(curve, plane, tolerance):
        """List of point events (IntersectionEvent-like) where the curve meets the plane, or None."""
        ts = _gc.plane_intersections(curve, plane, max(float(tolerance), 1e-12))
        if not ts:
            return None
        events = []
        for t in ts:
            p = curve.PointAt(t)
            _, u, v = plane.ClosestParameter(p)
            events.append(CurveIntersectionEvent(t, p, plane.PointAt(u, v), u, v))
        return events


class CurveIntersectionEvent(object):
    """A point event of a curve-curve or curve-surface intersection, with RhinoCommon's fields:
    for a surface (or plane) B, ParameterB is u and OverlapB / SurfacePointParameter hold (u, v)."""
    IsPoint = True
    IsOverlap = False

    def __init__(self, t, point_a, point_b=None, u=0.0, v=0.0):
        from ..shapes import Interval
        self.ParameterA = t
        self.PointA = Point3d(point_a)
        self.PointA2 = Point3d(point_a)
        self.PointB = Point3d(point_b if point_b is not None else point_a)
        self.PointB2 = Point3d(self.PointB)
        self.ParameterB = u
        self.OverlapA = Interval(t, t)
        self.OverlapB = Interval(u, v)

    def SurfacePointParameter(self):
        return self.OverlapB.T0, self.OverlapB.T1


IntersectionEvent = CurveIntersectionEvent
LineCircleIntersection = _r.LineCircleIntersection
LineSphereIntersection = _r.LineSphereIntersection
LineCylinderIntersection = _r.LineCylinderIntersection
PlaneSphereIntersection = _r.PlaneSphereIntersection
SphereSphereIntersection = _r.SphereSphereIntersection
