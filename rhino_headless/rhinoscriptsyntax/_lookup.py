"""Shared look-ups of the document-side rs modules: the current document, ids, objects, colours.

Mirrors the coercion rules of the real rhinoscriptsyntax (ids as uuid.UUID, str or anything with
an `Id`; a missing object raises ValueError where the real function passes raise_if_missing=True).
"""
import uuid
from typing import Any, List, Optional

from .. import scriptcontext as sc
from ..document import DocObject, HeadlessDoc, to_color, to_uuid


def doc() -> HeadlessDoc:
    return sc.doc


def guid(value: Any, raise_if_missing: bool = False) -> Optional[uuid.UUID]:
    """uuid.UUID from a UUID, a string, or an object with `Id` (RhinoObject, ObjRef)."""
    if isinstance(value, DocObject):
        return value.id
    oid = to_uuid(value)
    if oid is None and value is not None and hasattr(value, "Id"):
        oid = to_uuid(getattr(value, "Id"))
    if oid is None and hasattr(value, "ObjectId"):
        oid = to_uuid(getattr(value, "ObjectId"))
    if oid is None and raise_if_missing:
        raise ValueError("Could not convert %s to a Guid" % (value,))
    return oid


def guids(values: Any) -> List[uuid.UUID]:
    """A list of ids from one id or an iterable of ids (real rs accepts both almost everywhere)."""
    one = guid(values)
    if one is not None:
        return [one]
    if values is None:
        return []
    return [guid(v, True) for v in values]


def rhino_object(value: Any, raise_if_missing: bool = False) -> Optional[DocObject]:
    """The document object for an id, or ValueError("<id> does not exist in ObjectTable")."""
    oid = guid(value, raise_if_missing)
    obj = doc().find(oid) if oid is not None else None
    if obj is None and raise_if_missing:
        raise ValueError("%s does not exist in ObjectTable" % (value,))
    return obj


def system_color(value: Any) -> Any:
    """A System.Drawing.Color for (r, g, b[, a]), as the real functions return."""
    rgba = to_color(value)
    if rgba is None:
        return None
    try:
        from ..System.Drawing import Color
        return Color.FromArgb(rgba[3], rgba[0], rgba[1], rgba[2])
    except (ImportError, AttributeError):
        return rgba


def color_in(value: Any):
    """(r, g, b, a) from what a script passes: tuple/list, System.Drawing.Color, int; ValueError if bad."""
    if isinstance(value, str):
        raise ValueError("could not convert %r to a colour" % (value,))
    try:
        rgba = to_color(value)
    except (TypeError, ValueError):
        raise ValueError("could not convert %r to a colour" % (value,))
    if rgba is None:
        raise ValueError("could not convert %r to a colour" % (value,))
    return rgba


def layer_index(layer: Any, raise_if_missing: bool = True) -> int:
    """Index of a layer given by full path, name or id; ValueError when there is none."""
    index = doc().find_layer(layer) if layer is not None else -1
    if index < 0 and raise_if_missing:
        raise ValueError("could not find layer %r" % (layer,))
    return index
