"""The headless Rhino document: the single source of document state.

`HeadlessDoc` keeps an object table (id -> DocObject, insertion order), a layer table, a group
table, selection, units/tolerances, notes and document strings, and an undo journal.

Two faces:
- a small snake_case core API for the headless rhinoscriptsyntax modules (`add`, `find`,
  `replace`, `set_attributes`, `delete`, `select`, `add_layer`, ...), see README.md;
- a RhinoCommon-style facade for scripts that use `sc.doc` (`Objects`, `Layers`, `Groups`,
  `ModelAbsoluteTolerance`, `Views.Redraw()`...), built in `Rhino.DocObjects.Tables`.

Copy-on-write: a stored DocObject, layer or group is never changed in place. Every change swaps
in a new value and gives the journal a step that swaps the old one back, so records are free to
open and a rollback restores exactly what was there (same ids, order, attributes, tables).
Trusted code may read `find(id).geometry` but must change it only through `replace`; code that
hands geometry to scripts gives out a duplicate (`geometry_copy`), as RhinoCommon does.
"""
import os
import tempfile
import uuid
from typing import Any, Dict, Iterable, List, Optional, Tuple

import rhino3dm

from .errors import NeedsUserInputError
from .journal import Journal

NIL = uuid.UUID(int=0)

# ObjectAttributes / Layer properties that are plain read-write values (copied and compared).
_ATTR_FIELDS = ("ActiveSpace", "CastsShadows", "ColorSource", "DisplayOrder", "LayerIndex",
                "LinetypeIndex", "LinetypeSource", "MaterialIndex", "MaterialSource", "Mode", "Name",
                "ObjectColor", "ObjectDecoration", "PlotColor", "PlotColorSource", "PlotWeight",
                "PlotWeightSource", "ReceivesShadows", "Url", "ViewportId", "Visible", "WireDensity")
_LAYER_FIELDS = ("Name", "Id", "ParentLayerId", "Color", "Visible", "Locked", "Expanded", "IgesLevel",
                 "LinetypeIndex", "PlotColor", "PlotWeight", "RenderMaterialIndex")


class DocumentFileError(Exception):
    """A .3dm file could not be read or written (missing, not a 3dm file, unwritable)."""


# --------------------------------------------------------------------------------------------
# value helpers
# --------------------------------------------------------------------------------------------
def to_uuid(value: Any) -> Optional[uuid.UUID]:
    """uuid.UUID from a UUID, a string, a System.Guid-like object, or None when it is not an id."""
    if isinstance(value, uuid.UUID):
        return value
    if value is None:
        return None
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
    for name in _ATTR_FIELDS:
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
    return (a.Id, tuple([getattr(a, n) for n in _ATTR_FIELDS]), tuple(sorted(a.GetUserStrings())),
            tuple(sorted(a.GetGroupList() or ())))


def copy_layer(src: rhino3dm.Layer) -> rhino3dm.Layer:
    dst = rhino3dm.Layer()
    for name in _LAYER_FIELDS:
        setattr(dst, name, getattr(src, name))
    for key, value in src.GetUserStrings():
        dst.SetUserString(key, value)
    return dst


def layer_key(layer: rhino3dm.Layer) -> tuple:
    return tuple([getattr(layer, n) for n in _LAYER_FIELDS]) + (tuple(sorted(layer.GetUserStrings())),)


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


# --------------------------------------------------------------------------------------------
# table entries
# --------------------------------------------------------------------------------------------
class DocObject(object):
    """One object of the document. Read-only by contract: change it through the document."""

    __slots__ = ("id", "geometry", "attributes", "selected", "serial")

    def __init__(self, id: uuid.UUID, geometry: Any, attributes: rhino3dm.ObjectAttributes,
                 selected: bool, serial: int):
        self.id = id
        self.geometry = geometry
        self.attributes = attributes
        self.selected = selected
        self.serial = serial  # table position: rollback puts a deleted object back where it was

    @property
    def name(self) -> str:
        return self.attributes.Name or ""

    @property
    def layer_index(self) -> int:
        return self.attributes.LayerIndex

    @property
    def visible(self) -> bool:
        return bool(self.attributes.Visible) and self.attributes.Mode != rhino3dm.ObjectMode.Hidden

    @property
    def locked(self) -> bool:
        return self.attributes.Mode == rhino3dm.ObjectMode.Locked

    @property
    def kind(self) -> str:
        return kind(self.geometry)

    def _with(self, **changes) -> "DocObject":
        values = dict(geometry=self.geometry, attributes=self.attributes, selected=self.selected)
        values.update(changes)
        return DocObject(self.id, values["geometry"], values["attributes"], values["selected"], self.serial)

    def __repr__(self):
        return "<DocObject %s %s %r>" % (self.kind, self.id, self.name)


class Group(object):
    """A group table entry (immutable; membership lives in each object's attributes)."""

    __slots__ = ("index", "name", "id", "deleted")

    def __init__(self, index: int, name: str, id: uuid.UUID, deleted: bool = False):
        self.index = index
        self.name = name
        self.id = id
        self.deleted = deleted

    # RhinoCommon spellings
    @property
    def Name(self) -> str:
        return self.name

    @property
    def Id(self) -> uuid.UUID:
        return self.id

    @property
    def Index(self) -> int:
        return self.index

    @property
    def IsDeleted(self) -> bool:
        return self.deleted

    def __repr__(self):
        return "<Group %d %r%s>" % (self.index, self.name, " deleted" if self.deleted else "")


# --------------------------------------------------------------------------------------------
# the document
# --------------------------------------------------------------------------------------------
class HeadlessDoc(object):
    """A Rhino document stand-in over rhino3dm. See the module docstring and README.md."""

    def __init__(self, unit_system: Any = "Millimeters", tolerance: float = 0.001,
                 angle_tolerance: float = 1.0, name: str = ""):
        self.journal = Journal()
        self._objects = {}  # type: Dict[uuid.UUID, DocObject]
        self._serial = 0
        self._layers = []  # type: List[rhino3dm.Layer]
        self._layer_deleted = []  # type: List[bool]
        self._layer_by_id = {}  # type: Dict[uuid.UUID, int]
        self._groups = []  # type: List[Group]
        self._current_layer = 0
        self._units = _unit(unit_system)
        self._tolerance = float(tolerance)
        self._angle_tolerance = float(angle_tolerance)
        self._relative_tolerance = 0.01  # openNURBS' default
        self._notes = ""
        self._strings = {}  # type: Dict[str, str]
        self.name = name
        self.path = ""  # the .3dm this document was loaded from or last saved to
        self.answers = []  # type: List[Any]  # scripted answers for rs.Get*, consumed in order
        self.redraw_enabled = True
        self.modified_flag = False
        self._facade = {}  # type: Dict[str, Any]
        self._add_layer_entry(_new_layer("Default", (0, 0, 0, 255)))
        self.modified_flag = False

    # ---- journal ------------------------------------------------------------------------------
    def begin_record(self, description: str = "") -> int:
        """Open an undo record; every change until end_record()/rollback() belongs to it."""
        return self.journal.begin(description)

    def end_record(self) -> int:
        return self.journal.end().serial

    def rollback(self) -> None:
        """Undo everything since begin_record(): the document is identical to before."""
        self.journal.rollback()
        self._restore_order()

    def undo(self) -> bool:
        """Undo the newest completed record. False when there is nothing to undo."""
        done = self.journal.undo() is not None
        self._restore_order()
        return done

    @property
    def record_open(self) -> bool:
        return self.journal.open is not None

    def changes(self) -> Tuple[List[uuid.UUID], List[uuid.UUID], List[uuid.UUID]]:
        """(created, deleted, modified) object ids of the open record, else of the last one."""
        record = self.journal.last()
        return record.changes() if record else ([], [], [])

    def _log(self, step) -> None:
        self.journal.log(step)
        self.modified_flag = True

    def _restore_order(self) -> None:
        items = list(self._objects.values())
        if any(items[i].serial > items[i + 1].serial for i in range(len(items) - 1)):
            self._objects = {o.id: o for o in sorted(items, key=lambda o: o.serial)}

    def _put(self, obj: DocObject) -> None:
        """Store `obj` under its id and journal the old value (or its absence)."""
        old = self._objects.get(obj.id)
        self._objects[obj.id] = obj
        oid = obj.id

        def undo():
            if old is None:
                self._objects.pop(oid, None)
            else:
                self._objects[oid] = old
        self._log(undo)

    # ---- objects ------------------------------------------------------------------------------
    def add(self, geometry: Any, attributes: Optional[rhino3dm.ObjectAttributes] = None,
            copy: bool = True) -> uuid.UUID:
        """Add a rhino3dm geometry object; returns its new id. `copy=False` hands the object over."""
        if not isinstance(geometry, rhino3dm.GeometryBase):
            raise TypeError("expected rhino3dm geometry, got %s" % type(geometry).__name__)
        if copy:
            geometry = geometry.Duplicate()
        attrs = copy_attributes(attributes) if attributes is not None else rhino3dm.ObjectAttributes()
        if attributes is None or not self._layer_ok(attrs.LayerIndex):
            attrs.LayerIndex = self._current_layer
        oid = attrs.Id
        if oid == NIL or oid in self._objects:
            oid = uuid.uuid4()
            attrs.Id = oid
        self._serial += 1
        self._put(DocObject(oid, geometry, attrs, False, self._serial))
        self.journal.object_added(oid)
        return oid

    def find(self, oid: Any) -> Optional[DocObject]:
        """The live DocObject (read-only by contract) or None."""
        key = to_uuid(oid)
        return self._objects.get(key) if key is not None else None

    def geometry_copy(self, oid: Any) -> Optional[Any]:
        """A duplicate of the object's geometry, safe to hand to script code."""
        obj = self.find(oid)
        return obj.geometry.Duplicate() if obj else None

    def attributes_copy(self, oid: Any) -> Optional[rhino3dm.ObjectAttributes]:
        obj = self.find(oid)
        return copy_attributes(obj.attributes) if obj else None

    def replace(self, oid: Any, geometry: Any, copy: bool = True) -> bool:
        """Replace an object's geometry (same id, attributes, place). False when the id is unknown."""
        obj = self.find(oid)
        if obj is None:
            return False
        if not isinstance(geometry, rhino3dm.GeometryBase):
            raise TypeError("expected rhino3dm geometry, got %s" % type(geometry).__name__)
        self._put(obj._with(geometry=geometry.Duplicate() if copy else geometry))
        self.journal.object_modified(obj.id)
        return True

    def set_attributes(self, oid: Any, attributes: rhino3dm.ObjectAttributes) -> bool:
        """Replace an object's attributes (its id stays). False for an unknown id or layer."""
        obj = self.find(oid)
        if obj is None:
            return False
        return self._store_attributes(obj, copy_attributes(attributes))

    def _store_attributes(self, obj: DocObject, attrs: rhino3dm.ObjectAttributes) -> bool:
        """Store attributes the document owns already (a fresh copy); unchanged ones are no change."""
        if not self._layer_ok(attrs.LayerIndex):
            return False
        attrs.Id = obj.id
        if attributes_key(attrs) == attributes_key(obj.attributes):
            return True
        self._put(obj._with(attributes=attrs))
        self.journal.object_modified(obj.id)
        return True

    def update_attributes(self, oid: Any, user_strings: Optional[Dict[str, Optional[str]]] = None,
                          **values: Any) -> bool:
        """Change some attribute values, e.g. update_attributes(id, Name="a", LayerIndex=2,
        ObjectColor=(255, 0, 0), user_strings={"key": "value", "gone": None})."""
        obj = self.find(oid)
        if obj is None:
            return False
        drop = [k for k, v in (user_strings or {}).items() if v is None]
        attrs = copy_attributes(obj.attributes, drop_user_strings=drop)
        for name, value in values.items():
            if name not in _ATTR_FIELDS:
                raise AttributeError("ObjectAttributes has no settable value %r" % name)
            if name in ("ObjectColor", "PlotColor"):
                value = to_color(value)
            setattr(attrs, name, value)
        for key, value in (user_strings or {}).items():
            if value is not None:
                attrs.SetUserString(key, str(value))
        return self._store_attributes(obj, attrs)

    def delete(self, oid: Any) -> bool:
        obj = self.find(oid)
        if obj is None:
            return False
        del self._objects[obj.id]

        def undo():
            self._objects[obj.id] = obj  # _restore_order puts it back in place
        self._log(undo)
        self.journal.object_deleted(obj.id)
        return True

    def objects(self, include_hidden: bool = True, include_locked: bool = True) -> List[DocObject]:
        """Objects in table order."""
        out = list(self._objects.values())
        if not include_hidden:
            out = [o for o in out if o.visible and self._layer_visible(o.layer_index)]
        if not include_locked:
            out = [o for o in out if not o.locked and not self._layer_locked(o.layer_index)]
        return out

    def object_ids(self, include_hidden: bool = True) -> List[uuid.UUID]:
        return [o.id for o in self.objects(include_hidden)]

    @property
    def object_count(self) -> int:
        return len(self._objects)

    def __len__(self) -> int:
        return len(self._objects)

    def __contains__(self, oid: Any) -> bool:
        return self.find(oid) is not None

    # ---- selection ----------------------------------------------------------------------------
    def select(self, ids: Iterable[Any], on: bool = True) -> int:
        """Select (or unselect) objects; hidden or locked objects cannot be selected.
        Returns how many of `ids` are now in the asked state."""
        count = 0
        for oid in _as_list(ids):
            obj = self.find(oid)
            if obj is None:
                continue
            if on and (not obj.visible or obj.locked or not self._layer_visible(obj.layer_index)
                       or self._layer_locked(obj.layer_index)):
                continue
            if obj.selected != on:
                self._put(obj._with(selected=on))
            count += 1
        return count

    def selected_ids(self) -> List[uuid.UUID]:
        return [o.id for o in self._objects.values() if o.selected]

    def unselect_all(self) -> int:
        return self.select(self.selected_ids(), on=False)

    # ---- layers -------------------------------------------------------------------------------
    def _add_layer_entry(self, layer: rhino3dm.Layer) -> int:
        index = len(self._layers)
        self._layers.append(layer)
        self._layer_deleted.append(False)
        self._layer_by_id[layer.Id] = index

        def undo():
            self._layers.pop()
            self._layer_deleted.pop()
            self._layer_by_id.pop(layer.Id, None)
        self._log(undo)
        return index

    def _set_layer_entry(self, index: int, layer: rhino3dm.Layer, deleted: bool) -> None:
        old, old_deleted = self._layers[index], self._layer_deleted[index]
        self._layers[index] = layer
        self._layer_deleted[index] = deleted

        def undo():
            self._layers[index] = old
            self._layer_deleted[index] = old_deleted
        self._log(undo)

    def _layer_ok(self, index: int) -> bool:
        return 0 <= index < len(self._layers) and not self._layer_deleted[index]

    def _layer_visible(self, index: int) -> bool:
        while self._layer_ok(index):
            if not self._layers[index].Visible:
                return False
            index = self._layer_by_id.get(self._layers[index].ParentLayerId, -1)
        return True

    def _layer_locked(self, index: int) -> bool:
        while self._layer_ok(index):
            if self._layers[index].Locked:
                return True
            index = self._layer_by_id.get(self._layers[index].ParentLayerId, -1)
        return False

    def layer(self, index: int) -> Optional[rhino3dm.Layer]:
        """The live Layer (read-only by contract; change it with modify_layer) or None."""
        return self._layers[index] if self._layer_ok(index) else None

    def layer_indices(self) -> List[int]:
        return [i for i in range(len(self._layers)) if not self._layer_deleted[i]]

    def layers(self) -> List[rhino3dm.Layer]:
        return [self._layers[i] for i in self.layer_indices()]

    @property
    def layer_table_count(self) -> int:
        """Entries in the layer table, deleted ones included (RhinoCommon's Layers.Count)."""
        return len(self._layers)

    def layer_parent(self, index: int) -> int:
        if not self._layer_ok(index):
            return -1
        return self._layer_by_id.get(self._layers[index].ParentLayerId, -1)

    def layer_children(self, index: int) -> List[int]:
        lid = self._layers[index].Id if self._layer_ok(index) else None
        return [i for i in self.layer_indices() if self._layers[i].ParentLayerId == lid]

    def layer_full_path(self, index: int) -> str:
        if not self._layer_ok(index):
            return ""
        names = []
        seen = set()
        while index >= 0 and index not in seen:
            seen.add(index)
            names.append(self._layers[index].Name)
            index = self._layer_by_id.get(self._layers[index].ParentLayerId, -1)
        return "::".join(reversed(names))

    def layer_index_of(self, layer_id: Any) -> int:
        index = self._layer_by_id.get(to_uuid(layer_id), -1)
        return index if self._layer_ok(index) else -1

    def layer_object_count(self, index: int) -> int:
        return sum(1 for o in self._objects.values() if o.attributes.LayerIndex == index)

    def find_layer(self, name: Any) -> int:
        """Index of a layer by full path ("A::B"), else by unique-enough name; -1 when none."""
        if isinstance(name, int) and not isinstance(name, bool):
            return name if self._layer_ok(name) else -1
        lid = to_uuid(name)
        if lid is not None:
            return self.layer_index_of(lid)
        text = str(name).strip()
        if not text:
            return -1
        lowered = text.lower()
        paths = [(i, self.layer_full_path(i)) for i in self.layer_indices()]
        for i, path in paths:
            if path == text:
                return i
        for i, path in paths:
            if path.lower() == lowered:
                return i
        if "::" not in text:
            for i in self.layer_indices():
                if self._layers[i].Name.lower() == lowered:
                    return i
        return -1

    def add_layer(self, name: Optional[str] = None, color: Any = None, visible: bool = True,
                  locked: bool = False, parent: Any = None) -> int:
        """Add a layer (a full path "A::B" adds the missing levels); an existing path is reused.
        Returns the index of the last level. Colour and state apply to levels this call creates."""
        parent_index = -1
        if parent is not None:
            parent_index = self.find_layer(parent)
            if parent_index < 0:
                raise ValueError("parent layer %r does not exist" % (parent,))
        parts = [p.strip() for p in str(name).split("::")] if name else [""]
        if any(not p for p in parts[:-1]) or (name and not parts[-1]):
            raise ValueError("bad layer name %r" % (name,))
        rgba = to_color(color) or (0, 0, 0, 255)
        index = parent_index
        for part in parts:
            existing = self._child_named(index, part) if part else -1
            if existing >= 0:
                index = existing
                continue
            layer = _new_layer(part or self._default_layer_name(), rgba)
            layer.Visible = bool(visible)
            layer.Locked = bool(locked)
            if index >= 0:
                layer.ParentLayerId = self._layers[index].Id
            index = self._add_layer_entry(layer)
        return index

    def _child_named(self, parent_index: int, name: str) -> int:
        parent_id = self._layers[parent_index].Id if parent_index >= 0 else NIL
        for i in self.layer_indices():
            layer = self._layers[i]
            if layer.ParentLayerId == parent_id and layer.Name.lower() == name.lower():
                return i
        return -1

    def _default_layer_name(self) -> str:
        names = {l.Name.lower() for l in self.layers()}
        n = 1
        while "layer %02d" % n in names:
            n += 1
        return "Layer %02d" % n

    def modify_layer(self, index: int, **values: Any) -> bool:
        """Change layer values: Name, Color, Visible, Locked, ParentLayerId, PlotColor, PlotWeight,
        LinetypeIndex, RenderMaterialIndex, Expanded, IgesLevel; user_strings={key: value|None}."""
        if not self._layer_ok(index):
            return False
        old = self._layers[index]
        layer = copy_layer(old)
        strings = values.pop("user_strings", None) or {}
        for key, value in values.items():
            if key not in _LAYER_FIELDS or key == "Id":
                raise AttributeError("Layer has no settable value %r" % key)
            if key in ("Color", "PlotColor"):
                value = to_color(value)
            if key == "ParentLayerId":
                value = to_uuid(value) or NIL
                if value != NIL and self._is_descendant(self._layer_by_id.get(value, -1), index):
                    raise ValueError("a layer cannot be its own ancestor")
            setattr(layer, key, value)
        if "Name" in values:
            name = str(values["Name"]).strip()
            if not name or "::" in name:
                raise ValueError("bad layer name %r" % (values["Name"],))
            parent = self._layer_by_id.get(layer.ParentLayerId, -1)
            clash = self._child_named(parent, name)
            if clash >= 0 and clash != index:
                raise ValueError("a layer named %r already exists there" % name)
        for key, value in strings.items():
            if value is None:
                layer = _without_user_string(layer, key)
            else:
                layer.SetUserString(key, str(value))
        if layer_key(layer) != layer_key(old):
            self._set_layer_entry(index, layer, False)
        return True

    def _is_descendant(self, index: int, ancestor: int) -> bool:
        seen = set()
        while index >= 0 and index not in seen:
            if index == ancestor:
                return True
            seen.add(index)
            index = self._layer_by_id.get(self._layers[index].ParentLayerId, -1)
        return False

    def rename_layer(self, index: int, new_name: str) -> bool:
        return self.modify_layer(index, Name=new_name)

    def delete_layer(self, index: int, purge: bool = False) -> bool:
        """Delete a layer and its sublayers. Refused (False) for the current layer or an ancestor
        of it, the last layer, or a layer tree holding objects unless `purge` deletes them too."""
        if not self._layer_ok(index) or len(self.layer_indices()) <= 1:
            return False
        tree = [i for i in self.layer_indices() if self._is_descendant(i, index)]
        if self._current_layer in tree:
            return False
        members = [o.id for o in self._objects.values() if o.attributes.LayerIndex in tree]
        if members and not purge:
            return False
        for oid in members:
            self.delete(oid)
        for i in tree:
            self._set_layer_entry(i, self._layers[i], True)
        return True

    @property
    def current_layer(self) -> int:
        return self._current_layer

    @current_layer.setter
    def current_layer(self, index: int) -> None:
        if not self._layer_ok(index):
            raise ValueError("no layer with index %r" % (index,))
        self._set_value("_current_layer", index)

    # ---- groups -------------------------------------------------------------------------------
    def _set_group_entry(self, index: int, group: Optional[Group]) -> None:
        if index == len(self._groups):
            self._groups.append(group)
            self._log(lambda: self._groups.pop())
            return
        old = self._groups[index]
        self._groups[index] = group

        def undo():
            self._groups[index] = old
        self._log(undo)

    def _group_ok(self, index: int) -> bool:
        return 0 <= index < len(self._groups) and not self._groups[index].deleted

    def add_group(self, name: Optional[str] = None) -> int:
        """Add a group; returns its index, or -1 when the name is taken."""
        if name is not None and str(name).strip():
            name = str(name).strip()
            if self.find_group(name) >= 0:
                return -1
        else:
            taken = {g.name.lower() for g in self.groups()}
            n = 1
            while "group%02d" % n in taken:
                n += 1
            name = "Group%02d" % n
        index = len(self._groups)
        self._set_group_entry(index, Group(index, name, uuid.uuid4()))
        return index

    def find_group(self, name: Any) -> int:
        if isinstance(name, int) and not isinstance(name, bool):
            return name if self._group_ok(name) else -1
        text = str(name).strip().lower()
        for g in self.groups():
            if g.name.lower() == text:
                return g.index
        return -1

    def group(self, index: int) -> Optional[Group]:
        return self._groups[index] if self._group_ok(index) else None

    def groups(self) -> List[Group]:
        return [g for g in self._groups if not g.deleted]

    @property
    def group_table_count(self) -> int:
        return len(self._groups)

    def group_members(self, index: int) -> List[uuid.UUID]:
        return [o.id for o in self._objects.values() if index in (o.attributes.GetGroupList() or ())]

    def object_groups(self, oid: Any) -> List[int]:
        obj = self.find(oid)
        return list(obj.attributes.GetGroupList() or ()) if obj else []

    def add_to_group(self, ids: Iterable[Any], index: int) -> int:
        """Put objects in a group; returns how many are members afterwards."""
        if not self._group_ok(index):
            return 0
        count = 0
        for oid in _as_list(ids):
            obj = self.find(oid)
            if obj is None:
                continue
            if index not in (obj.attributes.GetGroupList() or ()):
                attrs = copy_attributes(obj.attributes)
                attrs.AddToGroup(index)
                self._store_attributes(obj, attrs)
            count += 1
        return count

    def remove_from_group(self, ids: Iterable[Any], index: int) -> int:
        count = 0
        for oid in _as_list(ids):
            obj = self.find(oid)
            if obj is not None and index in (obj.attributes.GetGroupList() or ()):
                self._store_attributes(obj, copy_attributes(obj.attributes, drop_groups=[index]))
                count += 1
        return count

    def delete_group(self, index: int) -> bool:
        """Delete a group; its members stay but leave the group."""
        if not self._group_ok(index):
            return False
        self.remove_from_group(self.group_members(index), index)
        g = self._groups[index]
        self._set_group_entry(index, Group(index, g.name, g.id, True))
        return True

    def rename_group(self, index: int, name: str) -> bool:
        name = str(name).strip()
        if not self._group_ok(index) or not name:
            return False
        other = self.find_group(name)
        if other >= 0 and other != index:
            return False
        g = self._groups[index]
        self._set_group_entry(index, Group(index, name, g.id))
        return True

    # ---- document values ----------------------------------------------------------------------
    def _set_value(self, attr: str, value: Any) -> None:
        old = getattr(self, attr)
        if old == value:
            return
        setattr(self, attr, value)
        self._log(lambda: setattr(self, attr, old))

    @property
    def unit_system(self) -> rhino3dm.UnitSystem:
        return self._units

    @unit_system.setter
    def unit_system(self, value: Any) -> None:
        self._set_value("_units", _unit(value))

    @property
    def units_name(self) -> str:
        return self._units.name

    @property
    def tolerance(self) -> float:
        return self._tolerance

    @tolerance.setter
    def tolerance(self, value: float) -> None:
        if not float(value) > 0:
            raise ValueError("tolerance must be positive")
        self._set_value("_tolerance", float(value))

    @property
    def angle_tolerance(self) -> float:
        """Degrees."""
        return self._angle_tolerance

    @angle_tolerance.setter
    def angle_tolerance(self, value: float) -> None:
        if not float(value) > 0:
            raise ValueError("angle tolerance must be positive")
        self._set_value("_angle_tolerance", float(value))

    @property
    def relative_tolerance(self) -> float:
        return self._relative_tolerance

    @relative_tolerance.setter
    def relative_tolerance(self, value: float) -> None:
        self._set_value("_relative_tolerance", float(value))

    @property
    def notes(self) -> str:
        return self._notes

    @notes.setter
    def notes(self, value: str) -> None:
        self._set_value("_notes", str(value or ""))

    @property
    def strings(self) -> Dict[str, str]:
        """Document user text (a copy; change it with set_string)."""
        return dict(self._strings)

    def set_string(self, key: str, value: Optional[str]) -> None:
        """Set document user text; None deletes the key."""
        new = dict(self._strings)
        if value is None:
            new.pop(key, None)
        else:
            new[str(key)] = str(value)
        if new != self._strings:
            self._set_value("_strings", new)

    def get_string(self, key: str) -> Optional[str]:
        return self._strings.get(key)

    # ---- scripted answers -----------------------------------------------------------------------
    def next_answer(self, function: str) -> Any:
        """The next scripted answer for an interactive rs.Get* call, or NeedsUserInputError."""
        if not self.answers:
            raise NeedsUserInputError(function)
        return self.answers.pop(0)

    # ---- comparison ---------------------------------------------------------------------------
    def snapshot(self) -> Dict[str, Any]:
        """A canonical, comparable description of the whole document (equal iff identical)."""
        return {
            "settings": (self._units.name, self._tolerance, self._angle_tolerance,
                         self._relative_tolerance, self._current_layer),
            "notes": self._notes,
            "strings": tuple(sorted(self._strings.items())),
            "layers": tuple((layer_key(l), d) for l, d in zip(self._layers, self._layer_deleted)),
            "groups": tuple((g.name, str(g.id), g.deleted) for g in self._groups),
            "objects": tuple((str(o.id), type(o.geometry).__name__, geometry_key(o.geometry),
                              attributes_key(o.attributes), o.selected) for o in self._objects.values()),
        }

    # ---- files --------------------------------------------------------------------------------
    @classmethod
    def load(cls, path: str) -> "HeadlessDoc":
        """Read a .3dm file. DocumentFileError for a missing, unreadable or non-3dm file."""
        if not os.path.isfile(path):
            raise DocumentFileError("%s: no such file" % path)
        try:
            with open(path, "rb") as fh:
                head = fh.read(32)
        except OSError as e:
            raise DocumentFileError("%s: cannot read (%s)" % (path, e.strerror or e))
        if not head.startswith(b"3D Geometry File Format"):
            raise DocumentFileError("%s: not a Rhino .3dm file" % path)
        model = rhino3dm.File3dm.Read(path)
        if model is None:
            raise DocumentFileError("%s: damaged or unsupported .3dm file" % path)
        doc = cls.from_file3dm(model)
        doc.path = os.path.abspath(path)
        doc.name = os.path.basename(path)
        try:
            doc._notes = rhino3dm.File3dm.ReadNotes(path) or ""
        except Exception:  # notes are optional; a file without them is fine
            doc._notes = ""
        return doc

    @classmethod
    def from_file3dm(cls, model: rhino3dm.File3dm) -> "HeadlessDoc":
        settings = model.Settings
        doc = cls(unit_system=settings.ModelUnitSystem, tolerance=settings.ModelAbsoluteTolerance or 0.001,
                  angle_tolerance=settings.ModelAngleToleranceDegrees or 1.0)
        doc._relative_tolerance = settings.ModelRelativeTolerance or 0.01
        if len(model.Layers):
            doc._layers, doc._layer_deleted, doc._layer_by_id = [], [], {}
            for layer in model.Layers:
                copy = copy_layer(layer)
                if copy.Id == NIL or copy.Id in doc._layer_by_id:
                    copy.Id = uuid.uuid4()
                doc._add_layer_entry(copy)
        for g in model.Groups:
            doc._groups.append(Group(len(doc._groups), g.Name or "Group%02d" % (len(doc._groups) + 1),
                                     g.Id if g.Id != NIL else uuid.uuid4()))
        for obj in model.Objects:
            geometry = obj.Geometry
            if geometry is None:
                continue
            attrs = copy_attributes(obj.Attributes)
            if not doc._layer_ok(attrs.LayerIndex):
                attrs.LayerIndex = 0
            doc.add(geometry, attrs, copy=False)
        doc.modified_flag = False
        return doc

    def to_file3dm(self) -> rhino3dm.File3dm:
        model = rhino3dm.File3dm()
        s = model.Settings
        s.ModelUnitSystem = self._units
        s.ModelAbsoluteTolerance = self._tolerance
        s.ModelAngleToleranceDegrees = self._angle_tolerance
        s.ModelRelativeTolerance = self._relative_tolerance
        layer_map = {}  # our index -> file index (deleted layers are left out)
        for i in self.layer_indices():
            layer_map[i] = len(layer_map)
            model.Layers.Add(copy_layer(self._layers[i]))
        group_map = {}
        for g in self.groups():
            group_map[g.index] = len(group_map)
            entry = rhino3dm.Group()
            entry.Name = g.name
            entry.Id = g.id
            model.Groups.Add(entry)
        for obj in self._objects.values():
            attrs = copy_attributes(obj.attributes, drop_groups=obj.attributes.GetGroupList() or ())
            attrs.LayerIndex = layer_map.get(obj.attributes.LayerIndex, 0)
            for g in obj.attributes.GetGroupList() or ():
                if g in group_map:
                    attrs.AddToGroup(group_map[g])
            model.Objects.Add(obj.geometry, attrs)
        return model

    def save(self, path: str, version: int = 8) -> None:
        """Write a .3dm atomically (temp file beside it, then os.replace): never a half-written file."""
        path = os.path.abspath(path)
        folder = os.path.dirname(path)
        if not os.path.isdir(folder):
            raise DocumentFileError("%s: folder does not exist" % folder)
        model = self.to_file3dm()
        try:
            fd, tmp = tempfile.mkstemp(prefix=".%s." % os.path.basename(path), suffix=".tmp", dir=folder)
        except OSError as e:
            raise DocumentFileError("%s: cannot write (%s)" % (path, e.strerror or e))
        os.close(fd)
        try:
            if not model.Write(tmp, version):
                raise DocumentFileError("%s: openNURBS could not write the file" % path)
            os.replace(tmp, path)
        except OSError as e:
            raise DocumentFileError("%s: cannot write (%s)" % (path, e.strerror or e))
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
        self.path = path
        self.modified_flag = False

    # ---- RhinoCommon facade (sc.doc.Objects, .Layers, ...) --------------------------------------
    def _table(self, name: str) -> Any:
        table = self._facade.get(name)
        if table is None:
            from .Rhino.DocObjects import Tables
            table = getattr(Tables, name)(self)
            self._facade[name] = table
        return table

    @property
    def Objects(self):
        return self._table("ObjectTable")

    @property
    def Layers(self):
        return self._table("LayerTable")

    @property
    def Groups(self):
        return self._table("GroupTable")

    @property
    def Views(self):
        return self._table("ViewTable")

    @property
    def Strings(self):
        return self._table("StringTable")

    @property
    def ModelUnitSystem(self):
        return self._units

    @ModelUnitSystem.setter
    def ModelUnitSystem(self, value):
        self.unit_system = value

    @property
    def ModelAbsoluteTolerance(self) -> float:
        return self._tolerance

    @ModelAbsoluteTolerance.setter
    def ModelAbsoluteTolerance(self, value: float) -> None:
        self.tolerance = value

    @property
    def ModelAngleToleranceDegrees(self) -> float:
        return self._angle_tolerance

    @ModelAngleToleranceDegrees.setter
    def ModelAngleToleranceDegrees(self, value: float) -> None:
        self.angle_tolerance = value

    @property
    def ModelAngleToleranceRadians(self) -> float:
        import math
        return math.radians(self._angle_tolerance)

    @ModelAngleToleranceRadians.setter
    def ModelAngleToleranceRadians(self, value: float) -> None:
        import math
        self.angle_tolerance = math.degrees(value)

    @property
    def ModelRelativeTolerance(self) -> float:
        return self._relative_tolerance

    @property
    def Name(self) -> str:
        return self.name

    @property
    def Path(self) -> str:
        return self.path

    @property
    def Notes(self) -> str:
        return self._notes

    @Notes.setter
    def Notes(self, value: str) -> None:
        self.notes = value

    @property
    def Modified(self) -> bool:
        return self.modified_flag

    @property
    def UndoRecordingEnabled(self) -> bool:
        return True

    def BeginUndoRecord(self, description: str = "") -> int:
        """Scripts run inside the host's record already; nested records are folded into it."""
        return self.journal.open.serial if self.journal.open else 0

    def EndUndoRecord(self, serial: int = 0) -> bool:
        return True

    def __repr__(self):
        return "<HeadlessDoc %r: %d objects, %d layers>" % (self.name, len(self._objects), len(self.layer_indices()))


# --------------------------------------------------------------------------------------------
def _new_layer(name: str, rgba: Tuple[int, int, int, int]) -> rhino3dm.Layer:
    layer = rhino3dm.Layer()
    layer.Name = name
    layer.Color = rgba
    layer.Id = uuid.uuid4()
    return layer


def _without_user_string(layer: rhino3dm.Layer, key: str) -> rhino3dm.Layer:
    copy = rhino3dm.Layer()
    for name in _LAYER_FIELDS:
        setattr(copy, name, getattr(layer, name))
    for k, v in layer.GetUserStrings():
        if k != key:
            copy.SetUserString(k, v)
    return copy


def _unit(value: Any) -> rhino3dm.UnitSystem:
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
    return _unit(str(name))


def _as_list(ids: Any) -> List[Any]:
    if ids is None:
        return []
    if isinstance(ids, (str, uuid.UUID)) or not hasattr(ids, "__iter__"):
        return [ids]
    return list(ids)
