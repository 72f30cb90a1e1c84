"""Values of the headless document: ids, colours, units, and how attributes and layers are
copied and compared. Pure functions over rhino3dm values; no document state here."""
import uuid
from typing import Any, Iterable, List, Optional, Tuple

import rhino3dm

from .ids import new_id

NIL = uuid.UUID(int=0)

# ObjectAttributes / Layer properties that are plain read-write values (copied and compared).
ATTR_FIELDS = ("ActiveSpace", "CastsShadows", "ColorSource", "DisplayOrder", "LayerIndex",
               "LinetypeIndex", "LinetypeSource", "MaterialIndex", "MaterialSource", "Mode", "Name",
               "ObjectColor", "ObjectDecoration", "PlotColor", "PlotColorSource", "PlotWeight",
               "PlotWeightSource", "ReceivesShadows", "Url", "ViewportId", "Visible", "WireDensity")
LAYER_FIELDS = ("Name", "Id", "ParentLayerId", "Color", "Visible", "Locked", "Expanded", "IgesLevel",
                "LinetypeIndex", "PlotColor", "PlotWeight", "RenderMaterialIndex")


def to_uuid(value: Any) -> Optional[uuid.UUID]:
    """uuid.UUID from a UUID, a string, an object with an id (DocObject, RhinoObject, ObjRef),
    or None when it is not an id."""
    if isinstance(value, uuid.UUID):
        return value
    if value is None:
        return None
    if not isinstance(value, str):
        for attr in ("id", "Id", "ObjectId"):
            inner = getattr(value, attr, None)
            if isinstance(inner, uuid.UUID):
                return inner
    try:
        return uuid.UUID(str(value).strip().strip("{}"))
    except (ValueError, AttributeError, TypeError):
        return None


def to_color(value: Any) -> Optional[Tuple[int, int, int, int]]:
    """(r, g, b, a) from a 3/4-tuple, an object with R/G/B(/A) (System.Drawing.Color) or an int 0xBBGGRR."""
    if value is None:
        return None
    if hasattr(value, "R") and hasattr(value, "G") and hasattr(value, "B"):
        return (int(value.R), int(value.G), int(value.B), int(getattr(value, "A", 255)))
    if isinstance(value, int):  # Rhino's packed COLORREF: 0x00BBGGRR
        return (value & 255, (value >> 8) & 255, (value >> 16) & 255, 255)
    items = [int(v) for v in value]
    if len(items) == 3:
        items.append(255)
    if len(items) != 4 or any(not 0 <= v <= 255 for v in items):
        raise ValueError("a colour needs 3 or 4 values in 0..255, got %r" % (value,))
    return tuple(items)  # type: ignore


def copy_attributes(src: rhino3dm.ObjectAttributes, drop_user_strings: Iterable[str] = (),
                    drop_groups: Iterable[int] = ()) -> rhino3dm.ObjectAttributes:
    """A new ObjectAttributes with every value, user string and group of `src` (minus the dropped)."""
    dst = rhino3dm.ObjectAttributes()
    for name in ATTR_FIELDS:
        setattr(dst, name, getattr(src, name))
    dst.Id = src.Id
    skip = set(drop_user_strings)
    for key, value in src.GetUserStrings():
        if key not in skip:
            dst.SetUserString(key, value)
    drop = set(drop_groups)
    for g in src.GetGroupList() or ():
        if g not in drop:
            dst.AddToGroup(g)
    return dst


def attributes_key(a: rhino3dm.ObjectAttributes) -> tuple:
    """A comparable description of attributes (values, sorted user strings, sorted groups).
    Values stay as they are (rhino3dm enums compare by value): this runs on every attribute change."""
    return (a.Id, tuple([getattr(a, n) for n in ATTR_FIELDS]), tuple(sorted(a.GetUserStrings())),
            tuple(sorted(a.GetGroupList() or ())))


def copy_layer(src: rhino3dm.Layer) -> rhino3dm.Layer:
    dst = rhino3dm.Layer()
    for name in LAYER_FIELDS:
        setattr(dst, name, getattr(src, name))
    for key, value in src.GetUserStrings():
        dst.SetUserString(key, value)
    return dst


def layer_key(layer: rhino3dm.Layer) -> tuple:
    return tuple([getattr(layer, n) for n in LAYER_FIELDS]) + (tuple(sorted(layer.GetUserStrings())),)


def geometry_key(geometry: Any) -> str:
    """openNURBS' own binary encoding of a geometry object: equal data, equal key."""
    return geometry.Encode()["data"]


def kind(geometry: Any) -> str:
    """Coarse object type: point, pointcloud, curve, surface, brep, extrusion, mesh, textdot, ..."""
    if isinstance(geometry, rhino3dm.Point):
        return "point"
    if isinstance(geometry, rhino3dm.PointCloud):
        return "pointcloud"
    if isinstance(geometry, rhino3dm.Curve):
        return "curve"
    if isinstance(geometry, rhino3dm.Extrusion):
        return "extrusion"
    if isinstance(geometry, rhino3dm.Brep):
        return "brep"
    if isinstance(geometry, rhino3dm.Surface):
        return "surface"
    if isinstance(geometry, rhino3dm.Mesh):
        return "mesh"
    if isinstance(geometry, rhino3dm.TextDot):
        return "textdot"
    if isinstance(geometry, rhino3dm.SubD):
        return "subd"
    if isinstance(geometry, rhino3dm.Hatch):
        return "hatch"
    if isinstance(geometry, rhino3dm.AnnotationBase):
        return "annotation"
    if isinstance(geometry, rhino3dm.InstanceReference):
        return "instance"
    if isinstance(geometry, rhino3dm.Light):
        return "light"
    return "other"



def new_layer(name: str, rgba: Tuple[int, int, int, int]) -> rhino3dm.Layer:
    layer = rhino3dm.Layer()
    layer.Name = name
    layer.Color = rgba
    layer.Id = new_id()
    return layer


def without_user_string(layer: rhino3dm.Layer, key: str) -> rhino3dm.Layer:
    copy = rhino3dm.Layer()
    for name in LAYER_FIELDS:
        setattr(copy, name, getattr(layer, name))
    for k, v in layer.GetUserStrings():
        if k != key:
            copy.SetUserString(k, v)
    return copy


def to_unit_system(value: Any) -> rhino3dm.UnitSystem:
    if isinstance(value, rhino3dm.UnitSystem):
        return value
    if isinstance(value, str):
        for name, member in rhino3dm.UnitSystem.__members__.items():
            if name.lower() == value.strip().lower():
                return member
        raise ValueError("unknown unit system %r" % value)
    if isinstance(value, int):
        for member in rhino3dm.UnitSystem.__members__.values():
            if int(member.value) == value:
                return member
        raise ValueError("unknown unit system number %r" % value)
    name = getattr(value, "name", None) or str(value).split(".")[-1]
    return to_unit_system(str(name))


def as_list(ids: Any) -> List[Any]:
    if ids is None:
        return []
    if isinstance(ids, (str, uuid.UUID)) or not hasattr(ids, "__iter__"):
        return [ids]
    return list(ids)

