"""rhinoscriptsyntax.transformation, headless: Xform* matrices, and the object transforms
(Move/Copy/Rotate/Scale/Mirror/Shear/Orient/TransformObject(s)) that the real module keeps in
object.py, over the HeadlessDoc core API.
"""
import math
import uuid

import rhino3dm as _r

from .. import scriptcontext
from ..errors import NeedsRhinoError
from ..Rhino import Geometry as _rg
from .utility import coerce3dpoint, coerce3dvector, coerceplane, coercexform, coerceguid

# declared here, raised by the package's auto-stubs (official signature, "rs.<Name>")
NEEDS_RHINO = {
    "XformScreenToWorld": "Rhino's views",
    "XformWorldToScreen": "Rhino's views",
}


def _cplane():
    """The active construction plane; headless there are no views, so world XY."""
    return _rg.Plane.WorldXY


# ---------------------------------------------------------------------------- matrices

def IsXformIdentity(xform):
    return coercexform(xform, True) == _rg.Transform.Identity


def IsXformSimilarity(xform):
    xform = coercexform(xform, True)
    return xform.SimilarityType != _r.TransformSimilarityType.NotSimilarity


def IsXformZero(xform):
    xform = coercexform(xform, True)
    return all(xform[i, j] == 0 for i in range(4) for j in range(4))


def XformChangeBasis(initial_plane, final_plane):
    """Maps coordinates relative to initial_plane to coordinates relative to final_plane."""
    initial_plane = coerceplane(initial_plane, True)
    final_plane = coerceplane(final_plane, True)
    xform = _rg.Transform.ChangeBasis(initial_plane, final_plane)
    return xform if xform.IsValid else None


def XformChangeBasis2(x0, y0, z0, x1, y1, z1):
    vs = [coerce3dvector(v, True) for v in (x0, y0, z0, x1, y1, z1)]
    xform = _rg.Transform.ChangeBasis(*vs)
    return xform if xform.IsValid else None


def XformCompare(xform1, xform2):
    """-1, 0 or 1 comparing the 16 entries row by row."""
    return coercexform(xform1, True).CompareTo(coercexform(xform2, True))


def XformCPlaneToWorld(point, plane):
    point = coerce3dpoint(point, True)
    plane = coerceplane(plane, True)
    return plane.Origin + point.X * plane.XAxis + point.Y * plane.YAxis + point.Z * plane.ZAxis


def XformDeterminant(xform):
    return float(coercexform(xform, True).Determinant)


def XformDiagonal(diagonal_value):
    """Diagonal matrix; the bottom-right entry is the same value (RhinoCommon's Transform(d))."""
    return _rg.Transform(diagonal_value)


def XformIdentity():
    return _rg.Transform.Identity


def XformInverse(xform):
    rc, inverse = _rg.Transform(coercexform(xform, True)).TryGetInverse()
    return inverse if rc else None


def XformMirror(mirror_plane_point, mirror_plane_normal):
    point = coerce3dpoint(mirror_plane_point, True)
    normal = coerce3dvector(mirror_plane_normal, True)
    return _rg.Transform.Mirror(point, normal)


def XformMultiply(xform1, xform2):
    """xform1 * xform2 (xform2 applies first)."""
    return coercexform(xform1, True) * coercexform(xform2, True)


def XformPlanarProjection(plane):
    return _rg.Transform.PlanarProjection(coerceplane(plane, True))


def XformRotation1(initial_plane, final_plane):
    initial_plane = coerceplane(initial_plane, True)
    final_plane = coerceplane(final_plane, True)
    xform = _rg.Transform.PlaneToPlane(initial_plane, final_plane)
    return xform if xform.IsValid else None


def XformRotation2(angle_degrees, rotation_axis, center_point):
    axis = coerce3dvector(rotation_axis, True)
    center = coerce3dpoint(center_point, True)
    if axis.IsZero:
        return None
    xform = _rg.Transform.Rotation(math.radians(angle_degrees), axis, center)
    return xform if xform.IsValid else None


def XformRotation3(start_direction, end_direction, center_point):
    start = coerce3dvector(start_direction, True)
    end = coerce3dvector(end_direction, True)
    center = coerce3dpoint(center_point, True)
    if start.IsZero or end.IsZero:
        return None
    xform = _rg.Transform.Rotation(start, end, center)
    return xform if xform.IsValid else None


def XformRotation4(x0, y0, z0, x1, y1, z1):
    vs = [coerce3dvector(v, True) for v in (x0, y0, z0, x1, y1, z1)]
    xform = _rg.Transform.Rotation(*vs)
    return xform if xform.IsValid else None


def XformScale(scale, point=None):
    """Scale by one number or (x, y, z) factors about `point` (world origin by default)."""
    factor = coerce3dpoint(scale)
    if factor is None:
        if isinstance(scale, (int, float)) and not isinstance(scale, bool):
            factor = (scale, scale, scale)
        else:
            return None
    point = coerce3dpoint(point, True) if point else _rg.Point3d.Origin
    plane = _rg.Plane(point, _rg.Vector3d.ZAxis)
    return _rg.Transform.Scale(plane, factor[0], factor[1], factor[2])



def XformShear(plane, x, y, z):
    plane = coerceplane(plane, True)
    x = coerce3dvector(x, True)
    y = coerce3dvector(y, True)
    z = coerce3dvector(z, True)
    return _rg.Transform.Shear(plane, x, y, z)


def XformTranslation(vector):
    return _rg.Transform.Translation(coerce3dvector(vector, True))


def XformWorldToCPlane(point, plane):
    point = coerce3dpoint(point, True)
    plane = coerceplane(plane, True)
    v = point - plane.Origin
    return _rg.Point3d(v * plane.XAxis, v * plane.YAxis, v * plane.ZAxis)



def XformZero():
    """All 16 entries zero."""
    return _rg.Transform()


# ---------------------------------------------------------------------------- object transforms

def _transformed(geometry, xform):
    """Transform a duplicate in place; shapes that cannot stay what they are under the transform
    (an arc under non-uniform scale, an extrusion under shear) become NURBS / breps, as in Rhino."""
    if xform.SimilarityType == _r.TransformSimilarityType.NotSimilarity:
        # rhino3dm keeps arcs, revolutions and extrusions in their own form even where the
        # result is no longer one (an arc scaled in x only): go to NURBS / brep first
        if isinstance(geometry, _r.Curve) and not isinstance(
                geometry, (_r.NurbsCurve, _r.LineCurve, _r.PolylineCurve)):
            geometry = geometry.ToNurbsCurve()
        elif isinstance(geometry, _r.Extrusion):
            geometry = geometry.ToBrep(True)
        elif isinstance(geometry, _r.Surface) and not isinstance(geometry, _r.NurbsSurface):
            geometry = geometry.ToNurbsSurface()
        elif isinstance(geometry, _r.Brep):
            geometry = _nurbs_brep(geometry)
        if geometry is None:
            return None
    if geometry.Transform(xform):
        return geometry
    if isinstance(geometry, _r.Curve):
        nurbs = geometry.ToNurbsCurve()
        if nurbs is not None and nurbs.Transform(xform):
            return nurbs
    if isinstance(geometry, _r.Extrusion):
        brep = geometry.ToBrep(True)
        if brep is not None and brep.Transform(xform):
            return brep
    if isinstance(geometry, _r.Surface):
        nurbs = geometry.ToNurbsSurface()
        if nurbs is not None and nurbs.Transform(xform):
            return nurbs
    return None


def _nurbs_brep(brep):
    """The brep itself when all its faces are NURBS or planar (both transform exactly); a single
    untrimmed face is rebuilt on its NURBS form; anything else needs Rhino to rebuild faces."""
    surfaces = [brep.Faces[i].UnderlyingSurface() for i in range(len(brep.Faces))]
    # rhino3dm hands faces' surfaces back as the base Surface class: a planar face (a box's)
    # stays exact under any affine map, whatever its class
    if all(isinstance(srf, (_r.NurbsSurface, _r.PlaneSurface)) or srf.IsPlanar() for srf in surfaces):
        return brep
    if len(surfaces) == 1:
        from ..geomath.surfaces import face_is_untrimmed
        if face_is_untrimmed(brep.Faces[0], brep.Edges):
            return _r.Brep.CreateFromSurface(surfaces[0].ToNurbsSurface())
    raise NeedsRhinoError("non-uniform transform of a polysurface with non-NURBS faces",
                          "Rhino's brep rebuilding")


def _transform_one(doc, oid, xform, copy):
    """New id (copy), the same id (in place), or None when the object is missing or the
    geometry cannot take the transform."""
    obj = doc.find(oid)
    if obj is None:
        return None
    geometry = _transformed(obj.geometry.Duplicate(), xform)
    if geometry is None:
        return None
    if not copy:
        doc.replace(oid, geometry, copy=False)
        return oid
    attrs = doc.attributes_copy(oid)
    attrs.Id = uuid.UUID(int=0)
    return doc.add(geometry, attrs, copy=False)


def _ids(object_ids):
    single = coerceguid(object_ids, False)
    if single is not None:
        return [single]
    return [coerceguid(i, True) for i in object_ids]


def TransformObjects(object_ids, matrix, copy=False):
    """Ids of the transformed objects (new ids when copy=True)."""
    xform = coercexform(matrix, True)
    doc = scriptcontext.doc
    rc = []
    for oid in _ids(object_ids):
        new_id = _transform_one(doc, oid, xform, copy)
        if new_id is not None:
            rc.append(new_id)
    return rc


def TransformObject(object_id, matrix, copy=False):
    rc = TransformObjects(object_id, matrix, copy)
    return rc[0] if rc else None


def MoveObjects(object_ids, translation):
    translation = coerce3dvector(translation, True)
    return TransformObjects(object_ids, _rg.Transform.Translation(translation))


def MoveObject(object_id, translation):
    rc = MoveObjects(object_id, translation)
    return rc[0] if rc else None


def CopyObjects(object_ids, translation=None):
    """New ids of copies (moved by `translation` when given); the originals stay unchanged."""
    if translation:
        xform = _rg.Transform.Translation(coerce3dvector(translation, True))
    else:
        xform = _rg.Transform.Identity
    return TransformObjects(object_ids, xform, True)


def CopyObject(object_id, translation=None):
    rc = CopyObjects(object_id, translation)
    return rc[0] if rc else None


def RotateObjects(object_ids, center_point, rotation_angle, axis=None, copy=False):
    """Rotate by degrees about `axis` (the construction plane's normal by default) through center."""
    center_point = coerce3dpoint(center_point, True)
    axis = coerce3dvector(axis, True) if axis else _cplane().ZAxis
    xform = _rg.Transform.Rotation(math.radians(rotation_angle), axis, center_point)
    return TransformObjects(object_ids, xform, copy)


def RotateObject(object_id, center_point, rotation_angle, axis=None, copy=False):
    rc = RotateObjects(object_id, center_point, rotation_angle, axis, copy)
    return rc[0] if rc else None


def ScaleObjects(object_ids, origin, scale, copy=False):
    """Scale by (x, y, z) factors (or one number) in the construction plane moved to origin."""
    origin = coerce3dpoint(origin, True)
    factors = coerce3dpoint(scale)
    if factors is None:
        factors = (float(scale),) * 3
    plane = _cplane()
    plane.Origin = origin
    xform = _rg.Transform.Scale(plane, factors[0], factors[1], factors[2])
    return TransformObjects(object_ids, xform, copy)


def ScaleObject(object_id, origin, scale, copy=False):
    rc = ScaleObjects(object_id, origin, scale, copy)
    return rc[0] if rc else None


def MirrorObjects(object_ids, start_point, end_point, copy=False):
    """Mirror across the plane through the line start-end, perpendicular to the construction plane."""
    start_point = coerce3dpoint(start_point, True)
    end_point = coerce3dpoint(end_point, True)
    vec = _rg.Vector3d.CrossProduct(end_point - start_point, _cplane().ZAxis)
    if vec.IsTiny(1e-12):
        return []
    xform = _rg.Transform.Mirror(start_point, vec)
    return TransformObjects(object_ids, xform, copy)


def MirrorObject(object_id, start_point, end_point, copy=False):
    rc = MirrorObjects(object_id, start_point, end_point, copy)
    return rc[0] if rc else None


def ShearObjects(object_ids, origin, reference_point, angle_degrees, copy=False):
    """Shear parallel to the direction origin -> reference_point by the angle (construction plane)."""
    origin = coerce3dpoint(origin, True)
    reference_point = coerce3dpoint(reference_point, True)
    if (origin - reference_point).IsTiny(1e-12):
        return None
    plane = _cplane()
    yaxis = reference_point - origin
    yaxis.Unitize()
    xaxis = _rg.Vector3d.CrossProduct(plane.ZAxis, yaxis)
    xaxis.Unitize()
    frame = _rg.Plane(origin, xaxis, yaxis)
    world = _rg.Plane.WorldXY
    cob = _rg.Transform.ChangeBasis(world, frame)
    shear2d = _rg.Transform.Identity
    shear2d[0, 1] = math.tan(math.radians(angle_degrees))
    cobinv = _rg.Transform.ChangeBasis(frame, world)
    return TransformObjects(object_ids, cobinv * shear2d * cob, copy)


def ShearObject(object_id, origin, reference_point, angle_degrees, copy=False):
    rc = ShearObjects(object_id, origin, reference_point, angle_degrees, copy)
    return rc[0] if rc else None


def OrientObject(object_id, reference, target, flags=0):
    """Two points (move, rotate, and scale only when flags & 2) or three points (plane to plane).
    flags & 1 copies. McNeel's documentation: "1 = copy object, 2 = scale object"; the default
    does not scale. Returns the id of the oriented object."""
    object_id = coerceguid(object_id, True)
    copy = bool(flags & 1)
    scale = bool(flags & 2)
    reference = [coerce3dpoint(p, True) for p in reference]
    target = [coerce3dpoint(p, True) for p in target]
    if len(reference) == 2 and len(target) == 2:
        v0, v1 = reference[1] - reference[0], target[1] - target[0]
        if v0.IsTiny(1e-12) or v1.IsTiny(1e-12):
            return None
        move = _rg.Transform.Translation(target[0] - reference[0])
        rotate = _rg.Transform.Rotation(v0, v1, target[0])
        xform = rotate * move
        if scale:
            xform = _rg.Transform.Scale(target[0], v1.Length / v0.Length) * xform
    elif len(reference) == 3 and len(target) == 3:
        plane0 = _rg.Plane(reference[0], reference[1], reference[2])
        plane1 = _rg.Plane(target[0], target[1], target[2])
        if not plane0.IsValid or not plane1.IsValid:
            return None
        xform = _rg.Transform.PlaneToPlane(plane0, plane1)
    else:
        return None
    return TransformObject(object_id, xform, copy)
