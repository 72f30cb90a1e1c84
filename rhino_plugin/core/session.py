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

Standard library only; Python 3.9. A little over 500 lines: the turn's named steps share one
state object (`_TurnState`) and read best together; the events and results it makes live in
`events.py`.
"""
import re
import threading
import time
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, Iterator, List, Optional, Sequence

from rhino_plugin.core import api_index
from rhino_plugin.core import prompt as prompts
from rhino_plugin.core.chat import ChatCancelled, ChatError
from rhino_plugin.core.extract import Extraction, add_missing_imports, cut_loop, extract_code
from rhino_plugin.core.host import RollbackError, RunResult
from rhino_plugin.core.events import (  # noqa: F401  (the turn's records, re-exported)
    Attempt, CancelledEvent, CheckingEvent, CodeEvent, DoneEvent, Event, EventCallback, ProblemsEvent,
    ResultEvent, RetryingEvent, RunningEvent, TokenEvent, TurnResult)

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


class _TurnState:
    """What one turn carries from attempt to attempt."""

    def __init__(self, request: str, temperature: float):
        self.started = time.monotonic()
        self.turn = TurnResult(ok=False, summary="", request=request)
        self.messages = []  # type: List[Dict[str, str]]
        self.temperature = temperature  # of the next generation
        self.attempt_started = self.started
        self.last_key = None  # type: Optional[str]  # the last failure's key
        self.repeats = 0  # how many times in a row that failure came back
        self.tried = {}  # type: Dict[str, int]  # script (normalised) -> the first attempt that tried it
        self.repair = None  # type: Optional[Dict[str, Any]]  # the arguments of the last repair message

    def emit(self, event: Event) -> Event:
        self.turn.events.append(event)
        return event


@dataclass
class _Draft:
    """An attempt's reply, extracted: `code` is the script to run (imports added), None without one."""
    extraction: Extraction
    code: Optional[str]
    added: List[str]  # imports the session put in front
    too_long: bool  # cut at max_reply_chars
    cut_off: bool  # too long, or the server stopped at max_tokens


@dataclass
class _Failure:
    """Why an attempt failed: what the repair message shows, and a key that spots a repeat."""
    what: Any  # an Extraction, the checker's problems, [NOTHING_ADDED] or the RunResult
    key: str


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
        """One request: attempts (`_attempt`) until one succeeds, the turn stops, or they run out."""
        state = _TurnState((request or "").strip(), self.options.temperature)
        if not state.turn.request:
            return (yield from self._end(state, 0, "Empty request: type what the script should do.", "empty-prompt"))
        self.last_request = state.turn.request
        try:
            ctx = self.host.context()
        except Exception as exc:  # a host bug must not lose the user's turn without a message
            summary = "Could not read the document: %s: %s" % (type(exc).__name__, exc)
            return (yield from self._end(state, 0, summary, "context"))
        state.messages = prompts.build_messages(state.turn.request, ctx, self.history, self.options.prompt)
        for number in range(1, max(1, self.options.attempts) + 1):
            attempt = Attempt(number, state.temperature)
            state.turn.attempts.append(attempt)
            state.attempt_started = time.monotonic()
            try:
                ended = yield from self._attempt(state, attempt)
            except Exception as exc:
                attempt.seconds = time.monotonic() - state.attempt_started
                return (yield from self._stopped(state, attempt, exc))
            if ended is not None:
                return ended
        return (yield from self._give_up(state))

    def _attempt(self, state: _TurnState, attempt: Attempt) -> Iterator[Event]:
        """generate → extract → check → run → judge → repair message. Returns the TurnResult when
        the turn ends with this attempt, None to go on to the next one."""
        draft = yield from self._draw(state, attempt)
        self._remember(state, attempt, draft)
        outcome = yield from self._judge(state, attempt, draft)
        if isinstance(outcome, TurnResult):
            return outcome
        attempt.seconds = time.monotonic() - state.attempt_started
        return (yield from self._repair(state, attempt, outcome, draft.cut_off))

    def _draw(self, state: _TurnState, attempt: Attempt) -> Iterator[Event]:
        """Generate a reply and extract its script (a _Draft). With `redraws`, a repair whose script
        repeats an earlier attempt's is drawn again, hotter and asked for a different approach."""
        opts = self.options
        while True:
            attempt.reply, too_long, cut_off = yield from self._generate(state.messages, state.temperature, attempt,
                                                                         attempt.number, state.emit)
            self._raise_if_cancelled("generating")
            draft = self._extract(attempt, too_long, cut_off)
            earlier = state.tried.get(_script_key(draft.code)) if draft.code is not None else None
            if earlier is None or attempt.redraws >= opts.redraws or state.repair is None:
                return draft
            # the same script as an earlier attempt: it would fail the same way; draw again
            attempt.redraws += 1
            state.temperature = attempt.temperature = min(opts.max_temperature, state.temperature + opts.escalate_step)
            state.messages[-1] = {"role": "user", "content": prompts.repair_message(escalate=True, **state.repair)}
            yield state.emit(RetryingEvent(attempt.number, "the reply repeats the script of attempt %d" % earlier,
                                           state.temperature, True, redraw=True))

    def _extract(self, attempt: Attempt, too_long: bool, cut_off: bool) -> _Draft:
        """The script of the attempt's reply, with the imports it uses but lacks put in front."""
        extraction = extract_code(attempt.reply)
        attempt.extraction = extraction.to_dict()
        code = extraction.code
        added = []  # type: List[str]
        if code is not None and self.options.add_missing_imports:
            code, added = add_missing_imports(code)
        return _Draft(extraction, code, added, too_long, cut_off)

    @staticmethod
    def _remember(state: _TurnState, attempt: Attempt, draft: _Draft) -> None:
        """The draft joins the conversation (the script when there is one: short, and the form the
        model is asked for; else the reply's start) and the scripts tried (to spot a redraw)."""
        if draft.code is not None:
            state.tried.setdefault(_script_key(draft.code), attempt.number)
        state.messages.append(prompts.assistant_message(draft.code) if draft.code is not None
                              else {"role": "assistant", "content": attempt.reply[:2000]})

    def _judge(self, state: _TurnState, attempt: Attempt, draft: _Draft) -> Iterator[Event]:
        """The draft's fate: a _Failure to repair (no script, check problems, a failed or empty run),
        or the TurnResult when the turn ends here (success, or a script only Rhino can run)."""
        if draft.extraction.code is None:
            return (yield from self._no_script(state, attempt, draft))
        attempt.code = state.turn.code = draft.code
        yield state.emit(CodeEvent(draft.code, attempt.number, draft.extraction.kind, draft.extraction.truncated,
                                   draft.added))
        failure = yield from self._check(state, attempt, draft.code)
        if failure is not None:
            return failure
        result = yield from self._run(state, attempt, draft.code)
        return (yield from self._verdict(state, attempt, result))

    def _no_script(self, state: _TurnState, attempt: Attempt, draft: _Draft) -> Iterator[Event]:
        """A reply without a script (none, another language, or cut off too long): a problem to repair."""
        too_long, extraction = draft.too_long, draft.extraction
        kind = "too-long" if too_long else ("wrong-language" if extraction.kind == "wrong-language" else "no-code")
        message = ("The reply was cut at %d characters and has no complete script." % self.options.max_reply_chars
                   if too_long else extraction.message)
        attempt.problems = [{"code": kind, "line": None, "name": None, "message": message, "suggestion": None}]
        yield state.emit(ProblemsEvent(attempt.number, attempt.problems))
        return _Failure(Extraction(None, kind, message), "extract|" + kind)

    def _check(self, state: _TurnState, attempt: Attempt, code: str) -> Iterator[Event]:
        """The static checks (when on): a _Failure with their problems, None when there are none."""
        if not self.options.check:
            return None
        yield state.emit(CheckingEvent(attempt.number))
        problems = self.checker(code, self.options.allow_unsafe)
        self._raise_if_cancelled("checking")
        if not problems:
            return None
        attempt.problems = [_problem_dict(p) for p in problems]
        yield state.emit(ProblemsEvent(attempt.number, attempt.problems))
        return _Failure(problems, "check|" + "|".join("%s:%s" % (p.get("code"), p.get("name"))
                                                      for p in attempt.problems))

    def _run(self, state: _TurnState, attempt: Attempt, code: str) -> Iterator[Event]:
        """Run the script on the host (one undo record; the host rolls a failure back) and return the
        RunResult; a cancelled run stops the turn."""
        yield state.emit(RunningEvent(attempt.number))
        result = self.host.run(code, timeout=self.options.run_timeout, cancel=self._cancel.is_set)
        attempt.result = state.turn.result = result
        yield state.emit(ResultEvent(attempt.number, result.to_dict()))
        if result.error is not None and result.error.type == "Cancelled" or \
                (not result.ok and self._cancel.is_set()):
            raise _Cancelled("running")
        return result

    def _verdict(self, state: _TurnState, attempt: Attempt, result: RunResult) -> Iterator[Event]:
        """A run's result: the end of the turn (success, or needs Rhino) or a _Failure to repair (an
        error, or nothing added when the request asks for geometry)."""
        opts = self.options
        nothing = result.ok and opts.require_changes and asks_for_geometry(state.turn.request) \
            and not (result.created or result.modified or result.deleted)
        if nothing:
            attempt.problems = [dict(NOTHING_ADDED)]
            yield state.emit(ProblemsEvent(attempt.number, attempt.problems))
            return _Failure([NOTHING_ADDED], "run|nothing-added")
        if result.ok:
            return (yield from self._succeed(state, attempt, result))
        if result.error is not None and result.error.type == "NeedsRhinoError":
            # not a bug in the script: this host cannot run it; a "fix" would only dodge the API
            attempt.seconds = time.monotonic() - state.attempt_started
            summary = ("The script needs Rhino itself (%s); nothing was changed here. Run it "
                       "inside Rhino 8." % result.error.message)
            return (yield from self._end(state, attempt.number, summary, "needs-rhino"))
        return _Failure(result, "run|" + _error_key(result))

    def _succeed(self, state: _TurnState, attempt: Attempt, result: RunResult) -> Iterator[Event]:
        """The turn's success: the request and its script join the history (undone with the turn)."""
        number = attempt.number
        attempt.seconds = time.monotonic() - state.attempt_started
        self.history.append({"role": "user", "content": state.turn.request})
        self.history.append(prompts.assistant_message(attempt.code))
        self._undo_drops_history = True
        summary = "Done in %d attempt%s: %s." % (number, "" if number == 1 else "s", self._changes(result))
        return (yield from self._end(state, number, summary, ok=True, created=result.created))

    def _repair(self, state: _TurnState, attempt: Attempt, failure: _Failure, cut_off: bool) -> Iterator[Event]:
        """After a failed attempt: stop on the third identical failure in a row; after the last
        attempt, go on to give up (None); else the repair message for the next attempt, at the
        repair temperature, raised (escalated) when the failure repeats. Returns None to go on."""
        opts = self.options
        number = attempt.number
        state.repeats = state.repeats + 1 if failure.key == state.last_key else 0
        state.last_key = failure.key
        if state.repeats >= 2:
            summary = "Stopped after %d attempts: the same problem %d times in a row (%s)." % (
                number, state.repeats + 1, self._failure_text(attempt))
            return (yield from self._end(state, number, summary, "repeated-error"))
        if number >= opts.attempts:
            return None
        self._raise_if_cancelled("between-attempts")
        escalated = state.repeats >= 1
        state.temperature = min(opts.max_temperature, opts.repair_temperature + opts.escalate_step * state.repeats)
        state.repair = {"code": attempt.code or "", "failure": failure.what, "attempt": number, "cut_off": cut_off,
                        "loop_line": attempt.loop_line}
        state.messages.append({"role": "user", "content": prompts.repair_message(escalate=escalated, **state.repair)})
        yield state.emit(RetryingEvent(number + 1, self._failure_text(attempt), state.temperature, escalated))
        return None

    def _give_up(self, state: _TurnState) -> Iterator[Event]:
        """Every attempt failed: the turn ends with the last problem."""
        last, n = state.turn.attempts[-1], len(state.turn.attempts)
        summary = "Gave up after %d attempt%s; the document is unchanged. Last problem: %s" % (
            n, "" if n == 1 else "s", self._failure_text(last))
        return (yield from self._end(state, n, summary, "gave-up"))

    def _stopped(self, state: _TurnState, attempt: Attempt, exc: Exception) -> Iterator[Event]:
        """An exception ended the attempt, and with it the turn: a cancel, a model server problem, a
        failed rollback (no retry on top of it), or a bug in a checker or host (a message, not a crash)."""
        number = attempt.number
        if isinstance(exc, (_Cancelled, ChatCancelled)):
            stage = exc.stage if isinstance(exc, _Cancelled) else "generating"
            state.turn.cancelled = True
            yield state.emit(CancelledEvent(number, stage))
            return self._finish(state, False, "Cancelled while %s; the document is unchanged."
                                % stage.replace("-", " "), "cancelled")
        if isinstance(exc, ChatError):
            return (yield from self._end(state, number, "Model server problem: %s" % exc, "server"))
        if isinstance(exc, RollbackError):
            return (yield from self._end(state, number, "The failed attempt could not be rolled back: %s" % exc,
                                         "rollback"))
        summary = "Internal error (%s: %s); the turn was stopped." % (type(exc).__name__, exc)
        return (yield from self._end(state, number, summary, "internal"))

    def _end(self, state: _TurnState, attempts: int, summary: str, error: Optional[str] = None,
             ok: bool = False, created: Sequence[str] = ()) -> Iterator[Event]:
        """The DoneEvent, then the finished TurnResult."""
        yield state.emit(DoneEvent(ok, attempts, summary, list(created), error=error))
        return self._finish(state, ok, summary, error)

    def _finish(self, state: _TurnState, ok: bool, summary: str, error: Optional[str] = None) -> TurnResult:
        turn = state.turn
        turn.ok, turn.summary, turn.error = ok, summary, error
        turn.seconds = time.monotonic() - state.started
        self._cancel = threading.Event()  # a cancel ends one turn only
        return turn

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
