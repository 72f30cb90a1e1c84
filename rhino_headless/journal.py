"""The undo journal of the headless document.

A record holds "undo steps": small callables that put back one thing the document changed
(an object, a layer, a setting). The document never copies itself to make a record; each
mutation swaps in a new value and hands the journal a closure that swaps the old one back,
so opening a record costs nothing and rolling back costs one step per change.

Besides the steps, a record tracks which object ids the attempt created, deleted and modified,
as the Host reports them: an object added and deleted again in the same record is in neither.
"""
from typing import Callable, Dict, List, Optional, Tuple  # noqa: F401
import uuid

Step = Callable[[], None]


class JournalError(RuntimeError):
    """Wrong use of the journal (nested record, end or rollback without one)."""


class Record:
    __slots__ = ("serial", "description", "steps", "created", "deleted", "modified")

    def __init__(self, serial: int, description: str):
        self.serial = serial
        self.description = description
        self.steps = []  # type: List[Step]
        # insertion-ordered sets (dict keys) so reports are stable
        self.created = {}  # type: Dict[uuid.UUID, None]
        self.deleted = {}  # type: Dict[uuid.UUID, None]
        self.modified = {}  # type: Dict[uuid.UUID, None]

    def changes(self) -> Tuple[List[uuid.UUID], List[uuid.UUID], List[uuid.UUID]]:
        return list(self.created), list(self.deleted), list(self.modified)


class Journal:
    """Open record plus a bounded stack of completed ones (newest last)."""

    def __init__(self, keep: int = 100):
        self.keep = keep
        self.open = None  # type: Optional[Record]
        self.done = []  # type: List[Record]
        self._serial = 0
        self.replaying = False  # True while steps run: changes made then are not journaled

    @property
    def recording(self) -> bool:
        return self.open is not None and not self.replaying

    def begin(self, description: str) -> int:
        if self.open is not None:
            raise JournalError("an undo record is already open (%r)" % self.open.description)
        self._serial += 1
        self.open = Record(self._serial, description)
        return self._serial

    def end(self) -> Record:
        if self.open is None:
            raise JournalError("no undo record is open")
        record, self.open = self.open, None
        self.done.append(record)
        del self.done[:-self.keep]
        return record

    def rollback(self) -> Record:
        """Undo everything in the open record and close it (it does not go on the undo stack)."""
        if self.open is None:
            raise JournalError("no undo record is open")
        record, self.open = self.open, None
        self._replay(record)
        return record

    def undo(self) -> Optional[Record]:
        """Undo the newest completed record; None when there is none."""
        if self.open is not None:
            raise JournalError("cannot undo while a record is open")
        if not self.done:
            return None
        record = self.done.pop()
        self._replay(record)
        return record

    def _replay(self, record: Record) -> None:
        self.replaying = True
        try:
            for step in reversed(record.steps):
                step()
        finally:
            self.replaying = False

    # called by the document for every change -------------------------------------------------
    def log(self, step: Step) -> None:
        if self.recording:
            self.open.steps.append(step)

    def object_added(self, oid: uuid.UUID) -> None:
        r = self.open
        if r is None or self.replaying:
            return
        if oid in r.deleted:  # deleted and put back in the same record: a modification at most
            del r.deleted[oid]
            r.modified[oid] = None
        else:
            r.created[oid] = None

    def object_deleted(self, oid: uuid.UUID) -> None:
        r = self.open
        if r is None or self.replaying:
            return
        if oid in r.created:
            del r.created[oid]
        else:
            r.modified.pop(oid, None)
            r.deleted[oid] = None

    def object_modified(self, oid: uuid.UUID) -> None:
        r = self.open
        if r is None or self.replaying:
            return
        if oid not in r.created and oid not in r.deleted:
            r.modified[oid] = None

    def last(self) -> Optional[Record]:
        """The open record, else the newest completed one."""
        if self.open is not None:
            return self.open
        return self.done[-1] if self.done else None
