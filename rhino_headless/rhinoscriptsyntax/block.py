"""rhinoscriptsyntax.block, headless.

Block instances loaded from a .3dm file answer what their own geometry knows (type, transform,
insertion point). The headless document keeps no block definition table, so defining, inserting,
naming and counting blocks need Rhino.
"""
import rhino3dm

from ._lookup import rhino_object

_TABLE = "Rhino's block definition table"
NEEDS_RHINO = {name: _TABLE for name in (
    "AddBlock", "BlockContainerCount", "BlockContainers", "BlockCount", "BlockDescription",
    "BlockInstanceCount", "BlockInstanceName", "BlockInstances", "BlockNames", "BlockObjectCount",
    "BlockObjects", "BlockPath", "BlockStatus", "DeleteBlock", "ExplodeBlockInstance", "InsertBlock",
    "InsertBlock2", "IsBlock", "IsBlockEmbedded", "IsBlockInUse", "IsBlockReference", "RenameBlock")}


def _instance(object_id):
    obj = rhino_object(object_id, True)
    if not isinstance(obj.geometry, rhino3dm.InstanceReference):
        raise ValueError("%s is not a block instance" % (object_id,))
    return obj.geometry


def IsBlockInstance(object_id):
    obj = rhino_object(object_id)
    return obj is not None and isinstance(obj.geometry, rhino3dm.InstanceReference)


def BlockInstanceXform(object_id):
    """The instance's transformation (block definition space to world)."""
    xform = _instance(object_id).Xform
    try:
        from ..Rhino.Geometry import Transform
        out = Transform(1.0)
        for i in range(4):
            for j in range(4):
                name = "M%d%d" % (i, j)
                setattr(out, name, getattr(xform, name))
        return out
    except ImportError:
        return xform


def BlockInstanceInsertPoint(object_id):
    """Where the block's base point lands: the transformed origin."""
    x = _instance(object_id).Xform
    from ..Rhino.Geometry import Point3d
    w = x.M33 or 1.0  # affine: the last row is (0, 0, 0, 1)
    return Point3d(x.M03 / w, x.M13 / w, x.M23 / w)
