"""The Host protocol: where a turn's script runs.

One protocol serves the Rhino panel (`hosts/rhino.py`), the CLI, the dataset validator and the
benchmark (`hosts/headless.py`) and a live Rhino over loopback (`hosts/bridge.py`), so the code
path the tests exercise is the code path users run.

It lives in core because core uses it (the runner returns its ScriptError, the session drives
a Host); the hosts implement it, so the arrows point one way: hosts -> core.

Standard library only; Python 3.9 syntax.
"""
import time
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, Iterable, List, Optional

try:  # Python 3.8+ has Protocol in typing
    from typing import Protocol
except ImportError:  # pragma: no cover
    Protocol = object  # type: ignore


class RollbackError(Exception):
    """A host could not put the document back after a failed attempt; the message says what is
    left and what the user can do (the session ends the turn with it instead of retrying)."""


@dataclass
class ScriptError:
    """A failed script, in the form the model and the user see it."""

    type: str  # exception class name, e.g. "NameError", "TimeoutError", "NeedsRhinoError"
    message: str
    line: Optional[int] = None  # 1-based line in the script, None when unknown
    traceback: str = ""  # filtered to the script's own frames, with the failing line's source
    source_line: Optional[str] = None  # text of the failing line, stripped

    def to_dict(self) -> Dict[str, Any]:
        return {"type": self.type, "message": self.message, "line": self.line, "traceback": self.traceback}


@dataclass
class RunResult:
    """What one attempt did. `to_dict()` is the `rhinocoder run --json` contract."""

    ok: bool
    stdout: str = ""
    error: Optional[ScriptError] = None
    created: List[str] = field(default_factory=list)  # object ids as strings
    deleted: List[str] = field(default_factory=list)
    modified: List[str] = field(default_factory=list)
    object_count: int = 0
    seconds: float = 0.0

    def to_dict(self) -> Dict[str, Any]:
        return {
            "ok": self.ok,
            "stdout": self.stdout,
            "error": self.error.to_dict() if self.error else None,
            "created": list(self.created),
            "deleted": list(self.deleted),
            "modified": list(self.modified),
            "object_count": self.object_count,
        }


CancelCheck = Callable[[], bool]  # returns True when the user asked to stop

DETAILED_SELECTION = 25  # selected objects described one by one (bbox, facts)
TYPED_SELECTION = 200  # the next ones counted by their exact type name (Closed Polysurface needs IsSolid)...
SELECTION_BUDGET = 0.02  # ...for at most this many seconds; any later one is counted by a cheap kind


def summarise_selection(selected: Iterable[Any], describe: Callable[[Any], Dict[str, Any]],
                        type_name: Callable[[Any], str], quick_type: Callable[[Any], str],
                        detailed: int = DETAILED_SELECTION, typed: Optional[int] = TYPED_SELECTION,
                        budget: Optional[float] = SELECTION_BUDGET) -> Dict[str, Any]:
    """The `selection` part of Host.context() from the selected objects alone, bounded: the first
    `detailed` described, the next `typed` counted by `type_name` within `budget` seconds, the rest
    counted by `quick_type` (which reads no geometry). Only `count` grows with the selection.
    `typed=None, budget=None`: every object gets its exact type (deterministic, for datasets)."""
    objects = []  # type: List[Dict[str, Any]]
    summary = {}  # type: Dict[str, int]
    count = 0
    deadline = None if budget is None else time.monotonic() + budget
    for obj in selected:
        count += 1
        if count <= detailed:
            objects.append(describe(obj))
            continue
        exact = (typed is None or count <= detailed + typed) and (deadline is None or time.monotonic() < deadline)
        name = type_name(obj) if exact else quick_type(obj)
        summary[name] = summary.get(name, 0) + 1
    return {"count": count, "objects": objects, "summary": summary}


class Host(Protocol):
    """What the turn loop needs from a place that runs scripts.

    `context()` returns plain data (dicts, lists, str, float) only:
        {"units": "Millimeters", "tolerance": 0.001, "angle_tolerance": 1.0,
         "selection": {"count": int, "objects": [ {"id", "type", "layer", "name", "bbox", ...facts} ],
                       "summary": {type: count for objects beyond the detailed cap}},
         "layers": [ {"path", "color", "visible", "locked", "objects"} ],
         "counts": {type: count}, "object_count": int}

    `run(code)` executes the script in a fresh namespace inside one undo record; on an exception
    (or timeout, or cancel) the attempt is rolled back so the document is exactly as before.
    `undo_last()` undoes the newest successful run if it is still the newest undo record.
    A host may also offer `selection()`: the `selection` part of context() alone, bounded
    (`summarise_selection`), which the panel calls after every selection change.
    """

    name: str

    def context(self) -> Dict[str, Any]:
        ...

    def run(self, code: str, timeout: float = 30.0, cancel: Optional[CancelCheck] = None) -> RunResult:
        ...

    def undo_last(self) -> bool:
        ...
