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
import uuid
from typing import Any, Dict, Iterable, List, Optional, Tuple

import rhino3dm

from .convert import (ATTR_FIELDS, NIL, as_list, attributes_key, copy_attributes, geometry_key, kind,  # noqa: F401
                      layer_key, new_layer, to_color, to_unit_system, to_uuid)
from .doc_facade import RhinoDocMixin
from .doc_files import DocumentFileError, FilesMixin  # noqa: F401  (re-exported)
from .doc_groups import Group, GroupsMixin  # noqa: F401  (re-exported)
from .doc_layers import LayersMixin
from .errors import NeedsUserInputError
from .ids import new_id
from .journal import Journal


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

# --------------------------------------------------------------------------------------------
# the document
# --------------------------------------------------------------------------------------------
class HeadlessDoc(LayersMixin, GroupsMixin, FilesMixin, RhinoDocMixin):
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
        self._units = to_unit_system(unit_system)
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
        self._carried = None  # tables of a loaded .3dm written back unchanged (doc_files.Carried)
        self._add_layer_entry(new_layer("Default", (0, 0, 0, 255)))
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
            oid = new_id()
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
            if name not in ATTR_FIELDS:
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
        for oid in as_list(ids):
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
        self._set_value("_units", to_unit_system(value))

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

    def __repr__(self):
        return "<HeadlessDoc %r: %d objects, %d layers>" % (self.name, len(self._objects), len(self.layer_indices()))


