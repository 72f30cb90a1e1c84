"""The turn: prompt → stream → extract → check → run → repair, as events a UI can render.

    session = Session(host, ChatClient(url), SessionOptions(attempts=3))
    result = session.ask("draw a circle of radius 5", on_event=print)

States of one turn (docs/turn.md has the picture):
    generate (token*) → code → checking → [problems → retrying → generate]
                      → running → result → [retrying → generate] → done
Any state → cancelled when `session.cancel()` is called (or the cancel event is set).

Guarantees:
- a script the checker rejects is never run; the problems go back to the model;
- every run happens on the host in one undo record; the host rolls back a failed run, so a
  failed, cancelled or abandoned turn leaves the document as it was, and a successful turn is
  exactly one undoable change;
- repairs go out at a low temperature; the temperature rises (and the model is asked for a
  different approach) only when the same error repeats; a third identical error stops early;
  with `redraws`, a repair that repeats an earlier attempt's script is drawn again, hotter;
- every request carries the real rhinoscriptsyntax names, which the RhinoCoder server holds the
  model to after `rs.`; a reply stuck repeating one line is stopped and kept to one copy;
- bad input (empty prompt, server down, no code, wrong language, an enormous reply) ends the
  turn with a clear `summary`, never a traceback.

Standard library only; Python 3.9.
"""
import re
import threading
import time
from dataclasses import asdict, dataclass, field
from typing import Any, Callable, Dict, Iterator, List, Optional

from rhino_plugin.core import api_index
from rhino_plugin.core import prompt as prompts
from rhino_plugin.core.chat import ChatCancelled, ChatError
from rhino_plugin.core.extract import Extraction, add_missing_imports, cut_loop, extract_code
from rhino_plugin.core.host import RollbackError, RunResult

# -- events ------------------------------------------------------------------------------------


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
class SessionOptions:
    attempts: int = 3
    temperature: float = 0.0  # the first attempt: greedy (see README, "greedy first attempt")
    repair_temperature: float = 0.2  # every repair
    escalate_step: float = 0.3  # added to the repair temperature when the same error repeats
    max_temperature: float = 1.0
    max_tokens: int = 1024
    run_timeout: float = 30.0  # seconds a script may run
    max_reply_chars: int = 24000  # an enormous reply is cut here and judged on what arrived
    # Stop generating once the reply holds a complete fenced script: the prompt asks for one
    # block and no prose, so what follows is never run and only costs time.
    stop_after_code: bool = True
    check: bool = True
    allow_unsafe: bool = False
    add_missing_imports: bool = True  # `rs.` without `import rhinoscriptsyntax as rs` gets the import
    # Send the rhinoscriptsyntax names with each request: the RhinoCoder server then lets the model
    # spell only real functions after `rs.` (model_server/name_constraint.py); other local
    # OpenAI-compatible servers ignore the field.
    constrain_names: bool = True
    # Stop generating when the reply repeats one line, or a block of up to 3, this many times in a
    # row, indentation aside (0: never), and keep one copy: a looping small model would otherwise
    # fill max_tokens (~70 s on a CPU) with it (extract.cut_loop).
    loop_lines: int = 4
    # A repair that returns a script already tried would only fail the same way: it can be drawn
    # again this many times, each escalate_step hotter and asked for a different approach, before
    # it runs. Off by default: on the embedded 135M model (40 benchmark tasks) 97 redraws doubled
    # the generation time and 48 of 52 repairs still came back as the previous script.
    redraws: int = 0
    # A request that asks for geometry ("make a sphere ...") whose script ran but created, changed
    # and deleted nothing has not done the job (a Qwen2.5-Coder-1.5B script built rg.Sphere and
    # never added it): judge the attempt failed and ask for the geometry to be added.
    require_changes: bool = True
    # Serving shows one solved example (prompts.SERVING_EXAMPLES) that training rows do not have.
    prompt: prompts.PromptOptions = field(default_factory=prompts.serving_options)


NOTHING_ADDED = {
    "code": "nothing-added", "line": None, "name": None,
    "message": "The script ran but added nothing to the document (no object was created, changed "
               "or deleted), and the request asks for geometry.",
    "suggestion": "Add the geometry to the document with rs.Add... (rs.AddSphere, rs.AddLine, ...) or "
                  "sc.doc.Objects.Add...; building a Rhino.Geometry object alone does not add it.",
}
_MAKE = re.compile(r"\b(add|make|draw|create|place|put|build|generate|construct|copy|duplicate|array|"
                   r"extrude|loft|revolve|sweep|offset|mirror|divide|project|split|join|explode)\b", re.I)
_GEOMETRY = re.compile(r"\b(points?|lines?|circles?|arcs?|curves?|polylines?|polygons?|rectangles?|"
                       r"ellipses?|spheres?|box(es)?|cubes?|cylinders?|cones?|tor(us|i)|surfaces?|"
                       r"srfs?|meshe?s?|solids?|breps?|polysurfaces?|helix|helices|spirals?|"
                       r"text|dots?|grid|pipes?|planes?|copies)\b", re.I)


def asks_for_geometry(request: str) -> bool:
    """Does the request ask to make or change geometry (a verb of making and a geometry noun)?"""
    return bool(_MAKE.search(request or "")) and bool(_GEOMETRY.search(request or ""))


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


def _problem_dict(p: Any) -> Dict[str, Any]:
    if isinstance(p, dict):
        return dict(p)
    if hasattr(p, "to_dict"):
        return p.to_dict()
    return {"code": getattr(p, "code", "problem"), "line": getattr(p, "line", None),
            "name": getattr(p, "name", None), "message": getattr(p, "message", str(p)),
            "suggestion": getattr(p, "suggestion", None)}


def _default_checker(code: str, allow_unsafe: bool) -> List[Any]:
    from rhino_plugin.core import checks  # the core-static checker: names, arguments, safety
    return list(checks.check(code, allow_unsafe=allow_unsafe))


def _script_key(code: str) -> str:
    """A script up to blank lines and trailing spaces: two replies with the same key run the same."""
    return "\n".join(line.rstrip() for line in code.strip().splitlines() if line.strip())


def _error_key(result: RunResult) -> str:
    err = result.error
    if err is None:
        return ""
    return "%s|%s|%s" % (err.type, err.line, (err.message or "")[:200])


def _describe_failure(result: RunResult) -> str:
    err = result.error
    if err is None:
        return "the script failed"
    where = " (line %d)" % err.line if err.line else ""
    return "%s: %s%s" % (err.type, err.message, where)


class _Cancelled(Exception):
    def __init__(self, stage: str):
        self.stage = stage


# -- the session ----------------------------------------------------------------------------------


class Session:
    """One conversation on one host: keeps history for follow-ups; one turn at a time."""

    def __init__(self, host: Any, client: Any, options: Optional[SessionOptions] = None,
                 checker: Optional[Callable[[str, bool], List[Any]]] = None):
        self.host = host
        self.client = client
        self.options = options or SessionOptions()
        self.checker = checker or _default_checker
        self.history = []  # type: List[Dict[str, str]]
        self.last_request = None  # type: Optional[str]
        self._cancel = threading.Event()
        self._undo_drops_history = False  # the newest undo record belongs to an ask() in the history

    # public API
    def cancel(self) -> None:
        """Stop the running turn (thread-safe): the stream is closed, the run is stopped and rolled back.

        A cancel that arrives just before a turn starts stops that turn; each turn ends with a fresh flag."""
        self._cancel.set()

    def clear(self) -> None:
        self.history = []

    def undo(self) -> bool:
        """Undo the newest successful turn (or /run) on the host; an undone turn leaves the history too."""
        done = bool(self.host.undo_last())
        if done and self._undo_drops_history and len(self.history) >= 2:
            del self.history[-2:]
        self._undo_drops_history = False
        return done

    def ask(self, request: str, on_event: Optional[EventCallback] = None) -> TurnResult:
        """Run one turn to the end, calling `on_event` for every event."""
        return self._drive(self.turn(request), on_event)

    def run_code(self, code: str, on_event: Optional[EventCallback] = None) -> TurnResult:
        """Check and run a user's own script (the REPL's /run): same events, no model."""
        return self._drive(self._run_only(code), on_event)

    @staticmethod
    def _drive(events: Iterator[Event], on_event: Optional[EventCallback]) -> TurnResult:
        while True:
            try:
                event = next(events)
            except StopIteration as stop:
                return stop.value
            if on_event is not None:
                on_event(event)

    # the state machine, as a generator of events that returns the TurnResult
    def turn(self, request: str) -> Iterator[Event]:
        started = time.monotonic()
        turn = TurnResult(ok=False, summary="", request=(request or "").strip())

        def emit(event: Event) -> Event:
            turn.events.append(event)
            return event

        def finish(ok: bool, summary: str, error: Optional[str] = None) -> TurnResult:
            turn.ok, turn.summary, turn.error = ok, summary, error
            turn.seconds = time.monotonic() - started
            self._cancel = threading.Event()  # a cancel ends one turn only
            return turn

        if not turn.request:
            yield emit(DoneEvent(False, 0, "Empty request: type what the script should do.", error="empty-prompt"))
            return finish(False, "Empty request: type what the script should do.", "empty-prompt")
        self.last_request = turn.request
        try:
            ctx = self.host.context()
        except Exception as exc:  # a host bug must not lose the user's turn without a message
            summary = "Could not read the document: %s: %s" % (type(exc).__name__, exc)
            yield emit(DoneEvent(False, 0, summary, error="context"))
            return finish(False, summary, "context")
        messages = prompts.build_messages(turn.request, ctx, self.history, self.options.prompt)
        opts = self.options
        temperature = opts.temperature
        last_key = None  # type: Optional[str]
        repeats = 0
        tried = {}  # type: Dict[str, int]  # script (normalised) -> the first attempt that tried it
        repair = None  # type: Optional[Dict[str, Any]]  # the arguments of the last repair message
        for number in range(1, max(1, opts.attempts) + 1):
            attempt = Attempt(number, temperature)
            turn.attempts.append(attempt)
            t0 = time.monotonic()
            try:
                redraws = 0
                while True:
                    # 1. generate
                    attempt.reply, too_long, cut_off = yield from self._generate(messages, temperature, attempt,
                                                                                 number, emit)
                    self._raise_if_cancelled("generating")
                    # 2. extract
                    extraction = extract_code(attempt.reply)
                    attempt.extraction = extraction.to_dict()
                    code = extraction.code
                    added = []  # type: List[str]
                    if code is not None and opts.add_missing_imports:
                        code, added = add_missing_imports(code)
                    earlier = tried.get(_script_key(code)) if code is not None else None
                    if earlier is None or redraws >= opts.redraws or repair is None:
                        break
                    # the same script as an earlier attempt: it would fail the same way; draw again
                    redraws += 1
                    attempt.redraws = redraws
                    temperature = attempt.temperature = min(opts.max_temperature, temperature + opts.escalate_step)
                    messages[-1] = {"role": "user", "content": prompts.repair_message(escalate=True, **repair)}
                    yield emit(RetryingEvent(number, "the reply repeats the script of attempt %d" % earlier,
                                             temperature, True, redraw=True))
                if code is not None:
                    tried.setdefault(_script_key(code), number)
                # history keeps the script that ran (short, and the form the model is asked for)
                messages.append(prompts.assistant_message(code) if code is not None
                                else {"role": "assistant", "content": attempt.reply[:2000]})
                failure = None  # type: Any
                if extraction.code is None:
                    kind = "too-long" if too_long else ("wrong-language" if extraction.kind == "wrong-language"
                                                        else "no-code")
                    message = ("The reply was cut at %d characters and has no complete script." % opts.max_reply_chars
                               if too_long else extraction.message)
                    attempt.problems = [{"code": kind, "line": None, "name": None, "message": message,
                                         "suggestion": None}]
                    yield emit(ProblemsEvent(number, attempt.problems))
                    failure = Extraction(None, kind, message)
                    key = "extract|" + kind
                else:
                    attempt.code = turn.code = code
                    yield emit(CodeEvent(code, number, extraction.kind, extraction.truncated, added))
                    # 3. check
                    problems = []  # type: List[Any]
                    if opts.check:
                        yield emit(CheckingEvent(number))
                        problems = self.checker(code, opts.allow_unsafe)
                        self._raise_if_cancelled("checking")
                    if problems:
                        attempt.problems = [_problem_dict(p) for p in problems]
                        yield emit(ProblemsEvent(number, attempt.problems))
                        failure = problems
                        key = "check|" + "|".join("%s:%s" % (p.get("code"), p.get("name")) for p in attempt.problems)
                    else:
                        # 4. run (the host opens one undo record and rolls a failure back)
                        yield emit(RunningEvent(number))
                        result = self.host.run(code, timeout=opts.run_timeout, cancel=self._cancel.is_set)
                        attempt.result = turn.result = result
                        yield emit(ResultEvent(number, result.to_dict()))
                        if result.error is not None and result.error.type == "Cancelled" or \
                                (not result.ok and self._cancel.is_set()):
                            raise _Cancelled("running")
                        nothing = result.ok and opts.require_changes and asks_for_geometry(turn.request) \
                            and not (result.created or result.modified or result.deleted)
                        if nothing:
                            attempt.problems = [dict(NOTHING_ADDED)]
                            yield emit(ProblemsEvent(number, attempt.problems))
                            failure = [NOTHING_ADDED]
                            key = "run|nothing-added"
                        elif result.ok:
                            attempt.seconds = time.monotonic() - t0
                            self.history.append({"role": "user", "content": turn.request})
                            self.history.append(prompts.assistant_message(code))
                            self._undo_drops_history = True
                            summary = "Done in %d attempt%s: %s." % (number, "" if number == 1 else "s",
                                                                      self._changes(result))
                            yield emit(DoneEvent(True, number, summary, list(result.created)))
                            return finish(True, summary)
                        elif result.error is not None and result.error.type == "NeedsRhinoError":
                            # not a bug in the script: this host cannot run it; a "fix" would only dodge the API
                            attempt.seconds = time.monotonic() - t0
                            summary = ("The script needs Rhino itself (%s); nothing was changed here. Run it "
                                       "inside Rhino 8." % result.error.message)
                            yield emit(DoneEvent(False, number, summary, error="needs-rhino"))
                            return finish(False, summary, "needs-rhino")
                        else:
                            failure = result
                            key = "run|" + _error_key(result)
                attempt.seconds = time.monotonic() - t0
                # 5. repair
                if key == last_key:
                    repeats += 1
                else:
                    repeats = 0
                last_key = key
                if repeats >= 2:
                    summary = "Stopped after %d attempts: the same problem %d times in a row (%s)." % (
                        number, repeats + 1, self._failure_text(attempt))
                    yield emit(DoneEvent(False, number, summary, error="repeated-error"))
                    return finish(False, summary, "repeated-error")
                if number >= opts.attempts:
                    break
                self._raise_if_cancelled("between-attempts")
                escalated = repeats >= 1
                temperature = min(opts.max_temperature, opts.repair_temperature + opts.escalate_step * repeats)
                repair = {"code": attempt.code or "", "failure": failure, "attempt": number, "cut_off": cut_off,
                          "loop_line": attempt.loop_line}
                messages.append({"role": "user", "content": prompts.repair_message(escalate=escalated, **repair)})
                yield emit(RetryingEvent(number + 1, self._failure_text(attempt), temperature, escalated))
            except _Cancelled as stop:
                attempt.seconds = time.monotonic() - t0
                turn.cancelled = True
                yield emit(CancelledEvent(number, stop.stage))
                return finish(False, "Cancelled while %s; the document is unchanged." % stop.stage.replace("-", " "),
                              "cancelled")
            except ChatCancelled:
                attempt.seconds = time.monotonic() - t0
                turn.cancelled = True
                yield emit(CancelledEvent(number, "generating"))
                return finish(False, "Cancelled while generating; the document is unchanged.", "cancelled")
            except ChatError as exc:
                attempt.seconds = time.monotonic() - t0
                summary = "Model server problem: %s" % exc
                yield emit(DoneEvent(False, number, summary, error="server"))
                return finish(False, summary, "server")
            except RollbackError as exc:  # the host could not undo the failure: no retry on top of it
                attempt.seconds = time.monotonic() - t0
                summary = "The failed attempt could not be rolled back: %s" % exc
                yield emit(DoneEvent(False, number, summary, error="rollback"))
                return finish(False, summary, "rollback")
            except Exception as exc:  # a bug in a checker or host: end the turn with a message, not a crash
                attempt.seconds = time.monotonic() - t0
                summary = "Internal error (%s: %s); the turn was stopped." % (type(exc).__name__, exc)
                yield emit(DoneEvent(False, number, summary, error="internal"))
                return finish(False, summary, "internal")
        last = turn.attempts[-1]
        summary = "Gave up after %d attempt%s; the document is unchanged. Last problem: %s" % (
            len(turn.attempts), "" if len(turn.attempts) == 1 else "s", self._failure_text(last))
        yield emit(DoneEvent(False, len(turn.attempts), summary, error="gave-up"))
        return finish(False, summary, "gave-up")

    def _generate(self, messages, temperature, attempt, number, emit):
        """Stream one reply (TokenEvents); returns (reply, too_long, cut_off). Stops at the closing
        fence, at max_reply_chars, or when the reply keeps repeating one line."""
        opts = self.options
        reply_parts = []  # type: List[str]
        size = 0
        too_long = False
        attempt.loop_line = None
        extra = {"names": {"rs": api_index.load().rs_public_names()}} if opts.constrain_names else {}
        stream = self.client.stream(messages, temperature=temperature, max_tokens=opts.max_tokens,
                                    cancel=self._cancel, **extra)
        try:
            for piece in stream:
                if size + len(piece) > opts.max_reply_chars:
                    reply_parts.append(piece[:opts.max_reply_chars - size])
                    too_long = True
                    break
                reply_parts.append(piece)
                size += len(piece)
                yield emit(TokenEvent(piece, number))
                if opts.loop_lines and "\n" in piece:
                    loop = cut_loop("".join(reply_parts), opts.loop_lines)
                    if loop is not None:
                        reply_parts, attempt.loop_line = [loop[0]], loop[1]
                        break
                if opts.stop_after_code and "`" in piece:
                    done_block = extract_code("".join(reply_parts))
                    if done_block.kind in ("fenced", "fenced-untagged") and not done_block.truncated:
                        break
        finally:
            close = getattr(stream, "close", None)
            if close is not None:
                close()
        cut_off = too_long or getattr(stream, "finish_reason", None) == "length"
        return "".join(reply_parts), too_long, cut_off

    def _run_only(self, code: str) -> Iterator[Event]:
        started = time.monotonic()
        turn = TurnResult(ok=False, summary="", request="/run", code=code)
        attempt = Attempt(1, 0.0, code=code)
        turn.attempts.append(attempt)

        def emit(event: Event) -> Event:
            turn.events.append(event)
            return event

        yield emit(CodeEvent(code, 1, "user"))
        if self.options.check:
            yield emit(CheckingEvent(1))
            problems = [_problem_dict(p) for p in self.checker(code, self.options.allow_unsafe)]
            if problems:
                attempt.problems = problems
                yield emit(ProblemsEvent(1, problems))
                turn.summary = "Not run: %s" % self._failure_text(attempt)
                turn.error = "checks"
                yield emit(DoneEvent(False, 1, turn.summary, error="checks"))
                turn.seconds = time.monotonic() - started
                self._cancel = threading.Event()
                return turn
        yield emit(RunningEvent(1))
        result = self.host.run(code, timeout=self.options.run_timeout, cancel=self._cancel.is_set)
        attempt.result = turn.result = result
        yield emit(ResultEvent(1, result.to_dict()))
        turn.ok = result.ok
        if result.ok:
            self._undo_drops_history = False
        turn.summary = ("Ran: %s." % self._changes(result)) if result.ok else \
            "Failed, the document is unchanged: %s" % _describe_failure(result)
        turn.error = None if result.ok else "run"
        yield emit(DoneEvent(result.ok, 1, turn.summary, list(result.created), error=turn.error))
        turn.seconds = time.monotonic() - started
        self._cancel = threading.Event()
        return turn

    # small pieces
    def _raise_if_cancelled(self, stage: str) -> None:
        if self._cancel.is_set():
            raise _Cancelled(stage)

    @staticmethod
    def _changes(result: RunResult) -> str:
        parts = []
        for label, ids in (("created", result.created), ("modified", result.modified), ("deleted", result.deleted)):
            if ids:
                parts.append("%s %d object%s" % (label, len(ids), "" if len(ids) == 1 else "s"))
        return ", ".join(parts) if parts else "no objects changed"

    @staticmethod
    def _failure_text(attempt: Attempt) -> str:
        if attempt.problems:
            p = attempt.problems[0]
            where = "line %s: " % p.get("line") if p.get("line") else ""
            more = " (+%d more)" % (len(attempt.problems) - 1) if len(attempt.problems) > 1 else ""
            return where + str(p.get("message")) + more
        if attempt.result is not None:
            return _describe_failure(attempt.result)
        return "no script"
