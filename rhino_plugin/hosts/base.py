"""The Host protocol: where a turn's script runs.

One protocol serves the Rhino panel (`hosts/rhino.py`), the CLI, the dataset validator and the
benchmark (`hosts/headless.py`) and a live Rhino over loopback (`hosts/bridge.py`), so the code
path the tests exercise is the code path users run.

Standard library only; Python 3.9 syntax.
"""
from dataclasses import asdict, dataclass, field
from typing import Any, Callable, Dict, List, Optional

try:  # Python 3.8+ has Protocol in typing
    from typing import Protocol
except ImportError:  # pragma: no cover
    Protocol = object  # type: ignore


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
    """

    name: str

    def context(self) -> Dict[str, Any]:
        ...

    def run(self, code: str, timeout: float = 30.0, cancel: Optional[CancelCheck] = None) -> RunResult:
        ...

    def undo_last(self) -> bool:
        ...
