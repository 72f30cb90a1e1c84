"""The group table of the headless document (a mixin of HeadlessDoc).

A group entry is immutable; membership lives in each object's attributes (their group list).
"""
import uuid
from typing import Any, Iterable, List, Optional

from .convert import as_list, copy_attributes
from .ids import new_id


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


class GroupsMixin(object):
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
        self._set_group_entry(index, Group(index, name, new_id()))
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
        for oid in as_list(ids):
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
        for oid in as_list(ids):
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

