"""The panel's view-model: every behaviour of the RhinoCoder panel, with no Eto and no Rhino.

The Eto view (`panel_view.py`) only shows what this object says and forwards clicks to it, so
the whole panel is tested with pytest against the real model server and the headless host.

    model = PanelModel(host, folder, doc_key="C:/jobs/tower.3dm", post=ui_post)
    model.subscribe(view.refresh)      # refresh(change) with change in CHANGES
    model.set_input("loft the selected curves"); model.send()

States: idle → generating → checking → [ready (auto-run off: waiting for Run)] → running →
[retrying → generating ...] → done | error | cancelled. `buttons()` says which buttons are on.

Threading: a turn runs on one worker thread; events update the model under a lock and listeners
are called through `post` (the view passes Eto's AsyncInvoke); streamed tokens reach listeners at
most every `token_interval` seconds of `clock` (both injectable).

Standard library only; Python 3.9.
"""
import os
import threading
import time
from dataclasses import asdict, dataclass, field
from typing import Any, Callable, Dict, List, Optional

from rhino_plugin.core import prompt as prompts
from rhino_plugin.core.chat import ChatClient
from rhino_plugin.core.session import Session, SessionOptions
from rhino_plugin.core.host import RunResult, ScriptError
from rhino_plugin.ui import panel_store as store

IDLE, GENERATING, CHECKING, READY, RUNNING, RETRYING, DONE, CANCELLED, ERROR = (
    "idle", "generating", "checking", "ready", "running", "retrying", "done", "cancelled", "error")
BUSY = (GENERATING, CHECKING, READY, RUNNING, RETRYING)
NO_SELECTION = {"count": 0, "objects": [], "summary": {}}
CHANGES = ("state", "messages", "tokens", "context", "settings", "notice", "input")  # "input": the model cleared it
TOKEN_INTERVAL = 0.05  # seconds between streamed-text updates


@dataclass
class AttemptStatus:
    number: int
    state: str = GENERATING  # generating | checking | ready | running | ok | failed | problems | cancelled
    error: Optional[str] = None  # what went wrong; the reason the next attempt was started

    def to_dict(self) -> Dict[str, Any]:
        return asdict(self)


@dataclass
class Message:
    role: str  # user | assistant | notice
    text: str = ""
    code: Optional[str] = None
    attempts: List[AttemptStatus] = field(default_factory=list)
    summary: Optional[str] = None
    ok: Optional[bool] = None

    def to_dict(self) -> Dict[str, Any]:
        d = asdict(self)
        d["attempts"] = [a.to_dict() for a in self.attempts]
        return d

    @classmethod
    def from_dict(cls, d: Dict[str, Any]) -> "Message":
        attempts = [AttemptStatus(int(a.get("number", 0)), str(a.get("state", "")), a.get("error"))
                    for a in d.get("attempts") or [] if isinstance(a, dict)]
        return cls(str(d.get("role")), str(d.get("text") or ""), d.get("code"), attempts, d.get("summary"), d.get("ok"))


class _PanelHost(object):
    """The real host, seen through the panel's settings: selection left out when switched off, and
    (auto-run off) each run waits for the Run button or Stop."""

    def __init__(self, model: "PanelModel"):
        self.model = model
        self.name = getattr(model.host, "name", "host")

    def context(self) -> Dict[str, Any]:
        return self.model.context()

    def run(self, code: str, timeout: float = 30.0, cancel: Optional[Callable[[], bool]] = None) -> RunResult:
        if not self.model.settings.auto_run and not self.model._wait_for_run(cancel):
            return RunResult(ok=False, error=ScriptError("Cancelled", "stopped before running"))
        return self.model.host.run(code, timeout=timeout, cancel=cancel)

    def undo_last(self) -> bool:
        return bool(self.model.host.undo_last())


class PanelModel(object):
    def __init__(self, host: Any, folder: Optional[str] = None, doc_key: Optional[str] = None,
                 post: Optional[Callable[[Callable[[], None]], None]] = None,
                 clock: Callable[[], float] = time.monotonic, token_interval: float = TOKEN_INTERVAL,
                 client_factory: Optional[Callable[[store.Settings], Any]] = None):
        self.host = host
        self.folder = folder or store.default_dir()
        self.doc_key = doc_key
        self.post = post or (lambda fn: fn())
        self.clock = clock
        self.token_interval = token_interval
        self.client_factory = client_factory or _client_for
        self.settings_path = os.path.join(self.folder, "settings.json")
        self.conversation_file = store.conversation_path(self.folder, doc_key)
        self.state = IDLE
        self.messages = []  # type: List[Message]
        self.input_text = ""
        self.notice = ""  # the latest warning or refusal, shown under the conversation
        self.chip = ""
        self._facts = None  # type: Optional[Dict[str, Any]]  # the context the chip shows, kept for refresh_selection
        self.last_code = None  # type: Optional[str]
        self.undoable = False  # the newest turn succeeded and has not been undone
        self._lock = threading.RLock()
        self._listeners = []  # type: List[Callable[[str], None]]
        self._pending_tokens = []  # type: List[str]
        self._last_flush = None  # type: Optional[float]
        self._worker = None  # type: Optional[threading.Thread]
        self._run_gate = threading.Event()
        self._stop_gate = threading.Event()
        self.settings, warnings = store.load_settings(self.settings_path)
        self.session = Session(_PanelHost(self), self.client_factory(self.settings), self._options())
        self._restore()
        if warnings:
            self.notice = "; ".join(warnings)

    # -- listeners ---------------------------------------------------------------------------------
    def subscribe(self, listener: Callable[[str], None]) -> None:
        self._listeners.append(listener)

    def unsubscribe(self, listener: Callable[[str], None]) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    def _notify(self, change: str) -> None:
        for listener in list(self._listeners):
            self.post(lambda listener=listener: listener(change))

    # -- what the view shows ----------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return self.state in BUSY

    def buttons(self) -> Dict[str, bool]:
        with self._lock:
            busy = self.busy
            can_rerun = not busy and self.last_code is not None
            return {"send": not busy and bool(self.input_text.strip()),
                    "stop": busy,
                    "run": self.state == READY or can_rerun,
                    "undo": not busy and self.undoable and self._host_can_undo(),
                    "new": not busy,
                    "settings": not busy,
                    "copy": self.last_code is not None}

    def status_text(self) -> str:
        with self._lock:
            if self.state == READY:
                return "Code ready: press Run (auto-run is off)."
            if self.state in (GENERATING, RETRYING):
                last = self._current_attempt()
                return "Writing attempt %d..." % (last.number if last else 1)
            return {CHECKING: "Checking the script...", RUNNING: "Running in Rhino...", DONE: "Done.",
                    ERROR: "Failed; the document is unchanged.", CANCELLED: "Stopped; the document is unchanged.",
                    IDLE: ""}.get(self.state, "")

    def transcript(self) -> str:
        """The conversation as the panel shows it: requests, replies, per-attempt status, summaries."""
        with self._lock:
            lines = []  # type: List[str]
            for m in self.messages:
                if m.role == "user":
                    lines.append("You: " + m.text)
                elif m.role == "notice":
                    lines.append("(" + m.text + ")")
                else:
                    if m.text and m.code is None:
                        lines.append(m.text)
                    for a in m.attempts:
                        lines.append("  attempt %d: %s%s" % (a.number, a.state, " - " + a.error if a.error else ""))
                    if m.summary:
                        lines.append(("OK: " if m.ok else "") + m.summary)
                lines.append("")
            return "\n".join(lines).rstrip() + ("\n" if lines else "")

    def code_text(self) -> str:
        """The script of the newest reply (what Copy copies), or the text still streaming."""
        with self._lock:
            reply = self.messages[-1] if self.messages and self.messages[-1].role == "assistant" else None
            if reply is not None and reply.code is None and self.busy:
                return reply.text
            return self.last_code or ""

    def context(self) -> Dict[str, Any]:
        """The host's context, with the selection left out when the setting says so."""
        ctx = dict(self.host.context())
        if not self.settings.include_selection:
            ctx["selection"] = dict(NO_SELECTION)
        return ctx

    def refresh_context(self) -> str:
        """Recompute the chip: exactly the context block the next request will carry."""
        try:
            ctx = self.context()
            text = prompts.context_block(ctx, self.session.options.prompt)
        except Exception as exc:  # a host that cannot describe itself must not break the panel
            ctx, text = None, "Document facts unavailable: %s" % exc
        with self._lock:
            self._facts = ctx
            self.chip = text
        self._notify("context")
        return text

    def refresh_selection(self) -> str:
        """After a selection change: only the chip's selection part is recomputed, through the host's
        bounded `selection()` (core/host.py summarise_selection), and not at all while the setting
        leaves the selection out. The document-wide facts stay as refresh_context() last found them
        (after every turn, on Undo, on a document switch); a host without selection() is asked for
        everything."""
        with self._lock:
            facts = self._facts
        if facts is None or not hasattr(self.host, "selection"):
            return self.refresh_context()
        if not self.settings.include_selection:
            return self.chip
        try:
            ctx = dict(facts, selection=self.host.selection())
            text = prompts.context_block(ctx, self.session.options.prompt)
        except Exception as exc:
            ctx, text = None, "Document facts unavailable: %s" % exc
        with self._lock:
            self._facts = ctx
            self.chip = text
        self._notify("context")
        return text

    # -- input and the turn ---------------------------------------------------------------------------
    def set_input(self, text: str) -> None:
        with self._lock:
            self.input_text = text or ""
        self._notify("state")

    def send(self, text: Optional[str] = None) -> bool:
        """Start a turn on a worker thread; False (with a notice) when it cannot start now."""
        request = (self.input_text if text is None else text).strip()
        with self._lock:
            if self.busy:
                return self._say("A turn is already running; press Stop first.")
            if not request:
                return self._say("Type what the script should do.")
            reason = _busy_reason(self.host)
            if reason:
                return self._say(reason)
            self.messages.append(Message("user", request))
            self.messages.append(Message("assistant"))
            self.input_text = ""
            self.notice = ""
            self._start_turn(GENERATING)
        self._notify("input")
        self._notify("messages")
        self._notify("state")
        self._spawn(lambda: self.session.ask(request, on_event=self.handle_event))
        return True

    def run(self) -> bool:
        """Run button: release a waiting attempt (auto-run off), or run the last script again."""
        with self._lock:
            if self.state == READY:
                self._run_gate.set()
                return True
            if self.busy or self.last_code is None:
                return self._say("Nothing to run.")
            code = self.last_code
            self.messages.append(Message("assistant", code=code))
            self._start_turn(RUNNING, gated=False)
        self._notify("messages")
        self._notify("state")
        self._spawn(lambda: self.session.run_code(code, on_event=self.handle_event))
        return True

    def stop(self) -> None:
        """Stop: closes the stream or stops the script; the host rolls the attempt back."""
        with self._lock:
            if not self.busy:
                return
            self._stop_gate.set()
        self.session.cancel()

    def wait(self, timeout: Optional[float] = None) -> bool:
        """Block until the running turn is over (tests and the command-line `RhinoCoder "prompt"`)."""
        worker = self._worker
        if worker is not None:
            worker.join(timeout)
            return not worker.is_alive()
        return True

    def undo(self) -> bool:
        """Undo last turn, only while it is still the newest undo record (the host decides)."""
        with self._lock:
            if self.busy or not self.undoable:
                return self._say("Nothing to undo.")
            done = self.session.undo()
            self.undoable = False
            if done:
                self.messages.append(Message("notice", "Undid the last turn."))
            else:
                self.notice = "Can't undo: the document changed after the last turn (use Rhino's Undo)."
        self._notify("messages")
        self._notify("state")
        self._save()
        self.refresh_context()
        return done

    def new_conversation(self) -> bool:
        with self._lock:
            if self.busy:
                return self._say("Stop the running turn first.")
            self.messages = []
            self.session.clear()
            self.last_code = None
            self.undoable = False
            self.notice = ""
            self.state = IDLE
        self._save()
        self._notify("messages")
        self._notify("state")
        return True

    # -- settings -------------------------------------------------------------------------------------
    def update_settings(self, **changes: Any) -> Dict[str, str]:
        """Check and apply; {} when saved, else {key: reason} and nothing changes."""
        with self._lock:
            if self.busy:
                return {"settings": "settings can change only between turns"}
            settings, errors = store.apply_settings(self.settings, changes)
            if errors:
                self.notice = "; ".join("%s: %s" % (k, v) for k, v in sorted(errors.items()))
            else:
                self.settings = settings
                self.session.client = self.client_factory(settings)
                self.session.options = self._options()
                store.save_settings(self.settings_path, settings)
        self._notify("settings" if not errors else "notice")
        if not errors and "include_selection" in changes:
            self.refresh_context()
        return errors

    # -- events from the session (worker thread) ----------------------------------------------------
    def handle_event(self, event: Any) -> None:
        kind = event.kind
        if kind == "token":
            self._on_token(event.text)
            return
        self._flush_tokens()
        with self._lock:
            reply = self._reply()
            number = getattr(event, "attempt", None)
            attempt = self._attempt(number) if number else AttemptStatus(0)
            if kind == "code":
                reply.code = self.last_code = event.code
            elif kind == "checking":
                self.state = attempt.state = CHECKING
            elif kind == "problems":
                attempt.state = "problems"
                attempt.error = "; ".join(_problem_text(p) for p in event.problems)
            elif kind == "running":
                self.state = attempt.state = READY if not self.settings.auto_run and not self._ungated else RUNNING
            elif kind == "result":
                ok = bool(event.result.get("ok"))
                attempt.state = "ok" if ok else "failed"
                error = event.result.get("error")
                attempt.error = None if ok else "%s: %s" % (error["type"], error["message"]) if error else "failed"
            elif kind == "retrying":
                self.state = RETRYING
                self._attempt(event.attempt).state = GENERATING
                reply.text = ""  # the reply view shows the attempt being written
            elif kind == "cancelled":
                self.state = CANCELLED
                attempt.state = "cancelled"
                reply.summary, reply.ok = "Stopped; the document is unchanged.", False
            elif kind == "done":
                self.state = DONE if event.ok else ERROR
                reply.summary, reply.ok = event.summary, bool(event.ok)
                self.undoable = bool(event.ok)
        self._notify("messages")
        self._notify("state")
        if kind in ("done", "cancelled"):
            self._save()

    def mark_running(self) -> None:
        """Called when the user pressed Run on a waiting attempt: the gate opened."""
        with self._lock:
            if self.state == READY:
                self.state = RUNNING
        self._notify("state")

    # -- internals ------------------------------------------------------------------------------------
    def _on_token(self, text: str) -> None:
        with self._lock:
            self._pending_tokens.append(text)
            now = self.clock()
            due = self._last_flush is None or now - self._last_flush >= self.token_interval
        if due:
            self._flush_tokens()

    def _flush_tokens(self) -> None:
        with self._lock:
            if not self._pending_tokens:
                return
            self._reply().text += "".join(self._pending_tokens)
            self._pending_tokens = []
            self._last_flush = self.clock()
        self._notify("tokens")

    def _start_turn(self, state: str, gated: bool = True) -> None:
        self.state = state
        self.undoable = False
        self._ungated = not gated
        self._run_gate.clear()
        self._stop_gate.clear()
        self._pending_tokens = []
        self._last_flush = None

    def _wait_for_run(self, cancel: Optional[Callable[[], bool]]) -> bool:
        if self._ungated:
            return True
        while not self._run_gate.wait(0.05):
            if self._stop_gate.is_set() or (cancel is not None and cancel()):
                return False
        self._run_gate.clear()
        self.mark_running()
        return True

    def _spawn(self, job: Callable[[], Any]) -> None:
        def work() -> None:
            try:
                job()
            except Exception as exc:  # the session never raises for user errors; this is a bug of ours
                with self._lock:
                    self.state = ERROR
                    self.notice = "Internal error: %s: %s" % (type(exc).__name__, exc)
                self._notify("notice")
                self._notify("state")
            self.refresh_context()
        self._worker = threading.Thread(target=work, name="RhinoCoder-turn", daemon=True)
        self._worker.start()

    def _reply(self) -> Message:
        if not self.messages or self.messages[-1].role != "assistant":
            self.messages.append(Message("assistant"))
        return self.messages[-1]

    def _current_attempt(self) -> Optional[AttemptStatus]:
        reply = self.messages[-1] if self.messages and self.messages[-1].role == "assistant" else None
        return reply.attempts[-1] if reply and reply.attempts else None

    def _attempt(self, number: int) -> AttemptStatus:
        reply = self._reply()
        for a in reply.attempts:
            if a.number == number:
                return a
        status = AttemptStatus(number)
        reply.attempts.append(status)
        return status

    def _host_can_undo(self) -> bool:
        can = getattr(self.host, "can_undo_last", None)
        if can is None:
            return True  # the host decides when asked (undo_last returns False)
        try:
            return bool(can())
        except Exception:
            return False

    def _say(self, text: str) -> bool:
        self.notice = text
        self._notify("notice")
        return False

    def _options(self) -> SessionOptions:
        return SessionOptions(attempts=self.settings.attempts)

    def _save(self) -> None:
        if self.conversation_file is None:
            return
        with self._lock:
            messages = [m.to_dict() for m in self.messages]
            history = [dict(m) for m in self.session.history]
            code = self.last_code
        try:
            store.save_conversation(self.conversation_file, self.doc_key, messages, history, code)
        except OSError as exc:
            self._say("Could not save the conversation: %s" % exc)

    def _restore(self) -> None:
        self._ungated = False
        if self.conversation_file is None:
            return
        data, warning = store.load_conversation(self.conversation_file)
        if warning:
            self.notice = warning
        if data:
            self.messages = [Message.from_dict(m) for m in data["messages"]]
            self.session.history = [{"role": str(m["role"]), "content": str(m.get("content", ""))}
                                    for m in data.get("history", [])]
            self.last_code = data.get("last_code")


def _client_for(settings: store.Settings) -> ChatClient:
    return ChatClient(settings.server_url, model=settings.model or None, api_key=settings.api_key or None)


def _busy_reason(host: Any) -> Optional[str]:
    busy = getattr(host, "busy_reason", None)
    return busy() if busy is not None else None


def _problem_text(p: Dict[str, Any]) -> str:
    where = "line %s: " % p.get("line") if p.get("line") else ""
    return where + str(p.get("message"))


__all__ = ["AttemptStatus", "BUSY", "Message", "PanelModel"]
