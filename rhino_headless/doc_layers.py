"""The layer table of the headless document (a mixin of HeadlessDoc).

Layers are rhino3dm.Layer values, never changed in place: a change stores a new copy and journals
the old one. Indices are stable; a deleted layer keeps its entry (flagged), as in Rhino.
"""
from typing import Any, List, Optional

import rhino3dm

from .convert import LAYER_FIELDS, NIL, copy_layer, layer_key, new_layer, to_color, to_uuid, without_user_string


class LayersMixin(object):
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
            layer = new_layer(part or self._default_layer_name(), rgba)
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
            if key not in LAYER_FIELDS or key == "Id":
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
                layer = without_user_string(layer, key)
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

