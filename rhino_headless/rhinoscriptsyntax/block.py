"""rhinoscriptsyntax.block, headless.

Block definitions come only from a loaded .3dm file (the document carries them unchanged, see
`doc_files.Carried`): scripts can list and inspect them, query instances, insert new instances
and explode instances. Creating, deleting or renaming definitions needs Rhino, as does a fresh
document's (empty) table being changed.
"""
import math

import rhino3dm

from ._lookup import doc, rhino_object

_TABLE = "Rhino's block definition table"
NEEDS_RHINO = {name: _TABLE for name in ("AddBlock", "DeleteBlock", "RenameBlock")}


def _idefs():
    carried = doc().carried
    return list(carried.idefs) if carried is not None else []


def _idef_objects():
    carried = doc().carried
    return list(carried.idef_objects) if carried is not None else []


def _idef(block_name):
    text = str(block_name).strip().lower()
    for idef in _idefs():
        if idef.Name.lower() == text:
            return idef
    raise ValueError("%s does not exist in InstanceDefinitionsTable" % (block_name,))


def _instance(object_id):
    obj = rhino_object(object_id, True)
    if not isinstance(obj.geometry, rhino3dm.InstanceReference):
        raise ValueError("%s is not a block instance" % (object_id,))
    return obj.geometry


def _definition_geometry(idef):
    """(geometry, attributes) of the objects a definition holds."""
    ids = set(idef.GetObjectIds())
    return [(g, a) for g, a in _idef_objects() if a.Id in ids]


def _nested_users(idef):
    """Definitions that hold an instance of `idef`."""
    out = []
    for other in _idefs():
        if any(isinstance(g, rhino3dm.InstanceReference) and g.ParentIdefId == idef.Id
               for g, _ in _definition_geometry(other)):
            out.append(other)
    return out


# ---- the definition table ----------------------------------------------------------------

def BlockNames(sort=False):
    names = [idef.Name for idef in _idefs()]
    return sorted(names) if sort else names


def BlockCount():
    return len(_idefs())


def IsBlock(block_name):
    try:
        _idef(block_name)
        return True
    except ValueError:
        return False


def BlockDescription(block_name, description=None):
    idef = _idef(block_name)
    if description is not None:
        from ..errors import NeedsRhinoError
        raise NeedsRhinoError("rs.BlockDescription", _TABLE)
    return idef.Description


def BlockPath(block_name):
    """The file a linked block comes from ("" for an embedded block)."""
    return _idef(block_name).SourceArchive


def IsBlockReference(block_name):
    """Worksession reference files do not exist headless: a block of the document is not one."""
    _idef(block_name)
    return False


def IsBlockEmbedded(block_name):
    t = rhino3dm.InstanceDefinitionUpdateType
    return _idef(block_name).UpdateType in (t.Embedded, t.Static)


def BlockStatus(block_name):
    """-3 for a block that is not linked; the state of a linked file needs Rhino."""
    if IsBlockEmbedded(block_name):
        return -3
    from ..errors import NeedsRhinoError
    raise NeedsRhinoError("rs.BlockStatus", "Rhino's linked block files")


def BlockObjectCount(block_name):
    return len(_idef(block_name).GetObjectIds())


def BlockObjects(block_name):
    """Ids of the objects that make up the definition."""
    return list(_idef(block_name).GetObjectIds())


def BlockContainers(block_name):
    """Names of the definitions that use this block."""
    return [d.Name for d in _nested_users(_idef(block_name))]


def BlockContainerCount(block_name):
    return len(BlockContainers(block_name))


# ---- instances -----------------------------------------------------------------------------

def _instances(idef, where_to_look):
    """Top-level instance ids (where_to_look 0), plus nested ones (1), or nested only (2)."""
    top = [o.id for o in doc().objects()
           if isinstance(o.geometry, rhino3dm.InstanceReference) and o.geometry.ParentIdefId == idef.Id]
    nested = [a.Id for g, a in _idef_objects()
              if isinstance(g, rhino3dm.InstanceReference) and g.ParentIdefId == idef.Id]
    return {0: top, 1: top + nested, 2: nested}.get(int(where_to_look), top)


def BlockInstances(block_name, where_to_look=0):
    return _instances(_idef(block_name), where_to_look)


def BlockInstanceCount(block_name, where_to_look=0):
    return len(_instances(_idef(block_name), where_to_look))


def IsBlockInUse(block_name, where_to_look=0):
    return BlockInstanceCount(block_name, where_to_look) > 0


def IsBlockInstance(object_id):
    obj = rhino_object(object_id)
    return obj is not None and isinstance(obj.geometry, rhino3dm.InstanceReference)


def BlockInstanceName(object_id):
    parent = _instance(object_id).ParentIdefId
    for idef in _idefs():
        if idef.Id == parent:
            return idef.Name
    return None


def _transform_out(xform):
    try:
        from ..Rhino.Geometry import Transform
    except ImportError:
        return xform
    out = Transform(1.0)
    for i in range(4):
        for j in range(4):
            name = "M%d%d" % (i, j)
            setattr(out, name, getattr(xform, name))
    return out


def _transform_in(xform):
    out = rhino3dm.Transform(1.0)
    for i in range(4):
        for j in range(4):
            value = getattr(xform, "M%d%d" % (i, j)) if hasattr(xform, "M00") else xform[i][j]
            setattr(out, "M%d%d" % (i, j), float(value))
    return out


def BlockInstanceXform(object_id):
    """The instance's transformation (block definition space to world)."""
    return _transform_out(_instance(object_id).Xform)


def BlockInstanceInsertPoint(object_id):
    """Where the block's base point lands: the transformed origin."""
    x = _instance(object_id).Xform
    from ..Rhino.Geometry import Point3d
    w = x.M33 or 1.0  # affine: the last row is (0, 0, 0, 1)
    return Point3d(x.M03 / w, x.M13 / w, x.M23 / w)


def InsertBlock2(block_name, xform):
    """Insert an instance of a block with a transformation; returns its id."""
    idef = _idef(block_name)
    return doc().add(rhino3dm.InstanceReference(idef.Id, _transform_in(xform)), copy=False)


def InsertBlock(block_name, insertion_point, scale=(1, 1, 1), angle_degrees=0, rotation_normal=(0, 0, 1)):
    """Insert an instance: scaled, rotated about `rotation_normal`, then moved to the point."""
    p = [float(c) for c in (insertion_point if not hasattr(insertion_point, "X")
                            else (insertion_point.X, insertion_point.Y, insertion_point.Z))]
    origin = rhino3dm.Point3d(0, 0, 0)
    s = rhino3dm.Transform.Scale(rhino3dm.Plane.WorldXY(), float(scale[0]), float(scale[1]), float(scale[2]))
    n = [float(c) for c in (rotation_normal if not hasattr(rotation_normal, "X")
                            else (rotation_normal.X, rotation_normal.Y, rotation_normal.Z))]
    r = rhino3dm.Transform.Rotation(math.radians(angle_degrees), rhino3dm.Vector3d(*n), origin)
    t = rhino3dm.Transform.Translation(p[0], p[1], p[2])
    xform = rhino3dm.Transform.Multiply(t, rhino3dm.Transform.Multiply(r, s))
    return InsertBlock2(block_name, xform)


def ExplodeBlockInstance(object_id, explode_nested_instances=False):
    """Replace an instance by transformed copies of its definition's objects; returns their ids."""
    obj = rhino_object(object_id, True)
    ref = _instance(object_id)
    idef = next((d for d in _idefs() if d.Id == ref.ParentIdefId), None)
    if idef is None:
        raise ValueError("the block definition of %s is not in the document" % (object_id,))
    ids = []
    for geometry, attributes in _definition_geometry(idef):
        g = geometry.Duplicate()
        g.Transform(ref.Xform)
        attrs = rhino3dm.ObjectAttributes()
        attrs.LayerIndex = obj.attributes.LayerIndex
        new = doc().add(g, attrs, copy=False)
        if explode_nested_instances and isinstance(g, rhino3dm.InstanceReference):
            ids.extend(ExplodeBlockInstance(new, True))
        else:
            ids.append(new)
    doc().delete(obj.id)
    return ids
