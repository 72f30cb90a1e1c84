"""What a turn reports: the events a UI renders as they happen, and the turn's result.

Plain records (standard library only; Python 3.9); `session.py` makes them, the panel, the CLI
and the benchmark read them. Each has `to_dict()` for JSON.
"""
from dataclasses import asdict, dataclass, field
from typing import Any, Callable, Dict, List, Optional

from rhino_plugin.core.host import RunResult

@dataclass
class Event:
    kind = "event"

    def to_dict(self) -> Dict[str, Any]:
        d = asdict(self)
        d["kind"] = self.kind
        return d


@dataclass
class TokenEvent(Event):
    kind = "token"
    text: str
    attempt: int


@dataclass
class CodeEvent(Event):
    kind = "code"
    code: str
    attempt: int
    source: str = "fenced"  # how it was found: fenced | fenced-untagged | bare | user
    truncated: bool = False
    added_imports: List[str] = field(default_factory=list)  # imports the session put in front


@dataclass
class CheckingEvent(Event):
    kind = "checking"
    attempt: int


@dataclass
class ProblemsEvent(Event):
    kind = "problems"
    attempt: int
    problems: List[Dict[str, Any]]  # checker problems, or one "no-code" / "wrong-language" / "too-long"


@dataclass
class RunningEvent(Event):
    kind = "running"
    attempt: int


@dataclass
class ResultEvent(Event):
    kind = "result"
    attempt: int
    result: Dict[str, Any]  # RunResult.to_dict()


@dataclass
class RetryingEvent(Event):
    kind = "retrying"
    attempt: int  # the attempt about to start
    reason: str
    temperature: float
    escalated: bool = False
    redraw: bool = False  # the same attempt drawn again: its reply repeated an earlier script


@dataclass
class DoneEvent(Event):
    kind = "done"
    ok: bool
    attempts: int
    summary: str
    created: List[str] = field(default_factory=list)
    error: Optional[str] = None  # empty-prompt|server|context|gave-up|repeated-error|needs-rhino|internal|None


@dataclass
class CancelledEvent(Event):
    kind = "cancelled"
    attempt: int
    stage: str  # generating | checking | running | between-attempts


EventCallback = Callable[[Event], None]


# -- options and results -------------------------------------------------------------------------


@dataclass
class Attempt:
    number: int
    temperature: float
    reply: str = ""
    code: Optional[str] = None
    extraction: Optional[Dict[str, Any]] = None
    problems: List[Dict[str, Any]] = field(default_factory=list)
    result: Optional[RunResult] = None
    seconds: float = 0.0
    loop_line: Optional[str] = None  # generation stopped: the reply kept repeating this line
    redraws: int = 0  # replies discarded because they repeated an earlier attempt's script

    def to_dict(self) -> Dict[str, Any]:
        return {"number": self.number, "temperature": self.temperature, "reply": self.reply, "code": self.code,
                "extraction": self.extraction, "problems": self.problems, "loop_line": self.loop_line,
                "redraws": self.redraws,
                "result": self.result.to_dict() if self.result else None, "seconds": round(self.seconds, 3)}


@dataclass
class TurnResult:
    ok: bool
    summary: str
    request: str = ""
    code: Optional[str] = None  # the script that ran successfully (or the last one tried)
    result: Optional[RunResult] = None
    attempts: List[Attempt] = field(default_factory=list)
    cancelled: bool = False
    error: Optional[str] = None
    events: List[Event] = field(default_factory=list)
    seconds: float = 0.0

    def to_dict(self, events: bool = True) -> Dict[str, Any]:
        d = {"ok": self.ok, "summary": self.summary, "request": self.request, "code": self.code,
             "result": self.result.to_dict() if self.result else None,
             "attempts": [a.to_dict() for a in self.attempts], "cancelled": self.cancelled, "error": self.error,
             "seconds": round(self.seconds, 3)}  # type: Dict[str, Any]
        if events:
            d["events"] = [e.to_dict() for e in self.events if e.kind != "token"]
        return d
