"""Headless stand-in for `Rhino.Geometry`: RhinoCommon value types over rhino3dm.

Shim classes subclass the rhino3dm types (they pass straight into rhino3dm APIs); importing
this package also gives rhino3dm's own classes the RhinoCommon members they lack (indexing and
arithmetic on points and vectors, `v.Length` as a property, `xf * pt`, curve lengths, ...).
See rhino_headless/README.md, "Rhino.Geometry shim".
"""
import rhino3dm as _r

from ...errors import NeedsRhinoError
from .points import Point3d, Point3f, Point2d, Vector3d, Vector3f, Vector2d  # noqa: F401
from .transform import Transform  # noqa: F401
from .plane import Plane  # noqa: F401
from .shapes import (Line, Circle, Arc, Ellipse, Polyline, Interval, BoundingBox, Box,  # noqa: F401
                     Sphere, Cylinder, Cone, Rectangle3d)
from .curves import Curve, NurbsCurve, LineCurve, PolylineCurve, ArcCurve, PolyCurve, BezierCurve  # noqa: F401
from .mass import AreaMassProperties, VolumeMassProperties, LengthMassProperties  # noqa: F401
from .solids import Brep, Mesh, Surface, NurbsSurface, RevSurface, Torus  # noqa: F401
from .nurbs import ControlPoint  # noqa: F401
from . import Intersect  # noqa: F401

__all__ = ["Point3d", "Point3f", "Point2d", "Vector3d", "Vector3f", "Vector2d", "Transform", "Plane", "Line",
           "Circle", "Arc", "Ellipse", "Polyline", "Interval", "BoundingBox", "Box", "Sphere", "Cylinder",
           "Cone", "Rectangle3d", "Brep", "Mesh", "Surface", "NurbsSurface", "RevSurface", "Torus",
           "ControlPoint", "Curve", "NurbsCurve", "LineCurve", "PolylineCurve", "ArcCurve", "PolyCurve",
           "BezierCurve", "AreaMassProperties", "VolumeMassProperties", "LengthMassProperties", "Intersect"]

# rhino3dm classes RhinoCommon scripts use as they are
Point4d = _r.Point4d
Point2f = _r.Point2f
GeometryBase = _r.GeometryBase
BrepFace = _r.BrepFace
BrepEdge = _r.BrepEdge
PlaneSurface = _r.PlaneSurface
SurfaceProxy = _r.SurfaceProxy
Extrusion = _r.Extrusion
SubD = _r.SubD
PointCloud = _r.PointCloud
PointCloudItem = _r.PointCloudItem
Point = _r.Point
TextDot = _r.TextDot
Hatch = _r.Hatch
InstanceReferenceGeometry = _r.InstanceReference
MeshingParameters = _r.MeshingParameters
CurveKnotStyle = _r.CurveKnotStyle
CurveOrientation = _r.CurveOrientation
CurveOffsetCornerStyle = _r.CurveOffsetCornerStyle
CurveExtensionStyle = _r.CurveExtensionStyle
CurveEvaluationSide = _r.CurveEvaluationSide
LoftType = _r.LoftType
BlendContinuity = _r.BlendContinuity
PointContainment = _r.PointContainment
RegionContainment = _r.RegionContainment
ComponentIndex = _r.ComponentIndex
ComponentIndexType = _r.ComponentIndexType
TransformSimilarityType = _r.TransformSimilarityType
TransformRigidType = _r.TransformRigidType
Collections = None  # filled below

# RhinoCommon 8's Rhino.Geometry names this shim does not define: rhino3dm's class of the same name
# stands in where it has one; any other use raises NeedsRhinoError (unknown names stay AttributeError)
_RHINOCOMMON_ONLY = (
    "AngularDimension", "AnnotationBase", "AnnotationType", "Arrowhead", "Attenuation", "BezierSurface",
    "BlendType", "BrepEdgeFilletDistance", "BrepLoop", "BrepLoopType", "BrepRegion", "BrepRegionFaceSide",
    "BrepSolidOrientation", "BrepTrim", "BrepTrimType", "BrepVertex", "Centermark", "ClippingPlaneSurface",
    "ComponentStatus", "ConcaveCornerOption", "Concavity", "ConicSectionType", "Continuity",
    "ConvexCornerOption", "CurveBooleanRegions", "CurveEnd", "CurveOffsetEndStyle", "CurveProxy",
    "CurveSimplifyOptions", "Density", "DetailView", "DevelopableSrf", "Dimension", "DistancingMode",
    "EdgeAdjacency", "ExtraordinaryVertexProcessOption", "ExtrudeCornerType", "FilletSurfaceSplitType",
    "ForceArrow", "ForceText", "HermiteSurface", "HiddenLineDrawing", "HiddenLineDrawingObject",
    "HiddenLineDrawingObjectCurve", "HiddenLineDrawingParameters", "HiddenLineDrawingPoint",
    "HiddenLineDrawingSegment", "InstanceDefinitionGeometry", "InteriorCreaseOption", "Interpolator",
    "IsoStatus", "KnotStyle", "Leader", "Light", "LightStyle", "LinearDimension", "Matrix", "MaximumCounts",
    "MeasuredDirection", "MeshBooleanOptions", "MeshCheckParameters", "MeshDisplacementInfo", "MeshExtruder",
    "MeshExtruderFaceDirectionMode", "MeshExtruderParameterMode", "MeshFace", "MeshNgon", "MeshPart",
    "MeshPipeCapStyle", "MeshPoint", "MeshRefinements", "MeshThicknessMeasurement", "MeshType",
    "MeshUnwrapMethod", "MeshUnwrapper", "MeshingParameterStyle", "MeshingParameterTextureRange",
    "MorphControl", "Morphs", "NurbsCurveEndConditionType", "NurbsSurfaceType", "OrdinateDimension",
    "Particle", "ParticleSystem", "PipeCapMode", "Point3dGrid", "PointFaceRelation", "PreserveEnd",
    "QuadRemeshParameters", "QuadRemeshSymmetryAxis", "Quaternion", "RTree", "RadialDimension", "RailType",
    "Ray3d", "ReduceMeshParameters", "RefitTrimKnotMode", "RefitTrimSectionMode", "RibbonOffsetParameters",
    "RibbonOffsetSurfaceMethod", "ShrinkDisableSide", "ShrinkWrapParameters", "ShutLiningCurveInfo",
    "SideFill", "Silhouette", "SilhouetteType", "SmoothingCoordinateSystem", "SpaceMorph",
    "SquishDeformation", "SquishFlatteningAlgorithm", "SquishParameters", "Squisher", "SubDChainType",
    "SubDComponent", "SubDComponentLocation", "SubDCreationOptions", "SubDDisplayParameters", "SubDEdge",
    "SubDEdgeTag", "SubDEdgeType", "SubDEndCapStyle", "SubDFace", "SubDFriendlyKnotType",
    "SubDFromSurfaceMethods", "SubDHashType", "SubDPatchStyle", "SubDSurfaceInterpolator",
    "SubDToBrepOptions", "SubDVertex", "SubDVertexFacetType", "SubDVertexTag", "SumSurface",
    "SurfaceCurvature", "SurfaceFilletBase", "SweepBlend", "SweepFrame", "SweepMiter", "SweepOneRail",
    "SweepRebuild", "SweepTwoRail", "TextEntity", "TextJustification", "TextRunType",
    "TextureCoordinateOption", "Triangle3d", "Unroller", "Vector2f", "Visibility")

for _name in _RHINOCOMMON_ONLY:
    if hasattr(_r, _name):
        globals()[_name] = getattr(_r, _name)
del _name


class PlaneFitResult(object):
    """Result codes of Plane.FitPlaneToPoints."""
    Success = 0
    Inconsistent = 1
    Failure = -1


class _KernelOnlyClass(object):
    """Placeholder for a RhinoCommon class the headless document cannot provide."""

    def __init__(self, name):
        self._name = name

    def __call__(self, *args, **kwargs):
        raise NeedsRhinoError("Rhino.Geometry." + self._name)

    def __getattr__(self, member):
        if member.startswith("__"):
            raise AttributeError(member)
        raise NeedsRhinoError("Rhino.Geometry.%s.%s" % (self._name, member))


def __getattr__(name):
    """RhinoCommon names without a headless stand-in raise NeedsRhinoError on use; names
    RhinoCommon does not have stay AttributeErrors (a script bug, not a headless limit)."""
    if name in _RHINOCOMMON_ONLY:
        return _KernelOnlyClass(name)
    raise AttributeError("module 'Rhino.Geometry' has no attribute '%s'" % name)


class _Collections(object):
    """Rhino.Geometry.Collections: only the point list is constructible from scripts."""
    Point3dList = _r.Point3dList


Collections = _Collections
