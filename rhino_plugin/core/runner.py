"""Run one script in a fresh namespace: captured stdout, filtered traceback, deadline, cancel.

Standard library only, Python 3.9. The same runner serves Rhino (host modules are the real
`rhinoscriptsyntax`, `Rhino`, ...) and the headless document (its stand-ins), so the caller
passes the modules the script may import in `modules`; they are resolved by an `__import__`
that lives only in the script's own builtins, so `sys.modules` is never touched.

Limits (documented in README.md):
- A run happens on the calling thread. stdout is redirected process-wide for the run, but
  writes from other threads go to the original stream; two runs at once in one process would
  restore each other's stream, so hosts run one script at a time.
- The deadline is raised in the script's thread between bytecodes (see _Watchdog), so a single
  long call into native code (a huge boolean in Rhino, time.sleep) is stopped only when it
  returns. The exception may surface inside host code the script called; it derives from
  BaseException, so host code's `except Exception` does not swallow it, and hosts roll the
  attempt back anyway. It is raised again every REFIRE seconds while the run goes on, but a
  loop that runs entirely inside a bare `try: ... except: pass` swallows every one of them and
  cannot be stopped (Python has no uncatchable exception).
- The cancel hook is called on the run thread about every 50 ms; while a hook is given a
  no-op trace function is installed, which costs one Python call per function call.
"""
import builtins
import io
import linecache
import sys
import threading
import time
import traceback
import types
from dataclasses import dataclass
from typing import Any, Callable, Dict, List, Optional

from rhino_plugin.hosts.base import ScriptError

# Seconds between calls of the cancel hook (it may pump Rhino's message loop).
CANCEL_EVERY = 0.05
# Seconds between repeated deadline exceptions while a script keeps running after the first.
REFIRE = 0.5


@dataclass
class RunOutcome:
    ok: bool
    stdout: str = ""
    error: Optional[ScriptError] = None
    seconds: float = 0.0


class _Stop(BaseException):
    """Raised inside the script by the tracer; BaseException so `except Exception` can't eat it."""

    def __init__(self, kind: str, message: str):
        super().__init__(message)
        self.kind = kind
        self.message = message


class _ThreadStdout(object):
    """sys.stdout stand-in: the running thread's writes go to the buffer, others pass through."""

    def __init__(self, original, buffer: io.StringIO, thread_id: int):
        self._original = original
        self._buffer = buffer
        self._thread_id = thread_id

    def _target(self):
        if threading.get_ident() == self._thread_id or self._original is None:
            return self._buffer
        return self._original

    def write(self, text):
        return self._target().write(text)

    def writelines(self, lines):
        for line in lines:
            self.write(line)

    def flush(self):
        target = self._target()
        if target is not None:
            target.flush()

    def isatty(self):
        return False

    def __getattr__(self, name):  # encoding, errors, ... from the original stream
        return getattr(self._original or self._buffer, name)


def _make_import(modules: Dict[str, Any]):
    """An __import__ that serves `modules` first and falls back to the real import."""
    real_import = builtins.__import__
    tops = set(name.split(".")[0] for name in modules)

    def resolve(dotted: str):
        if dotted in modules:
            return modules[dotted]
        parent, _, child = dotted.rpartition(".")
        if not parent:
            return None
        owner = resolve(parent)
        return getattr(owner, child, None) if owner is not None else None

    def script_import(name, globals=None, locals=None, fromlist=(), level=0):
        top = name.split(".")[0]
        if level or top not in tops:
            return real_import(name, globals, locals, fromlist, level)
        target = resolve(name)
        if target is None:
            raise ModuleNotFoundError("No module named %r" % name, name=name)
        if fromlist:
            return target
        # `import A.B.C` binds A, and `import A.B as x` walks attributes from A: make sure the
        # walk works even when a submodule is only given as an explicit dotted key.
        parts = name.split(".")
        root = resolve(top)
        node = root
        for part in parts[1:]:
            if getattr(node, part, None) is None:
                return _proxy_chain(parts, resolve)
            node = getattr(node, part)
        return root

    return script_import


def _proxy_chain(parts: List[str], resolve) -> types.ModuleType:
    """Module copies along A.B.C whose attributes reach each dotted key (originals untouched)."""
    proxies = []
    for i in range(len(parts)):
        original = resolve(".".join(parts[: i + 1]))
        proxy = types.ModuleType(getattr(original, "__name__", parts[i]))
        proxy.__dict__.update(getattr(original, "__dict__", {}))
        proxies.append(proxy)
    for i in range(len(parts) - 1):
        setattr(proxies[i], parts[i + 1], proxies[i + 1])
    return proxies[0]


def _namespace(filename: str, modules: Dict[str, Any], extra: Optional[Dict[str, Any]]) -> Dict[str, Any]:
    script_builtins = dict(builtins.__dict__)
    script_builtins["__import__"] = _make_import(modules)
    namespace = {"__name__": "__main__", "__file__": filename, "__doc__": None, "__package__": None}
    if extra:
        namespace.update(extra)
    namespace["__builtins__"] = script_builtins
    return namespace


def _script_frames(tb, filename: str) -> List[traceback.FrameSummary]:
    return [frame for frame in traceback.extract_tb(tb) if frame.filename == filename]


def _error_from(exc: BaseException, filename: str) -> ScriptError:
    """A ScriptError whose traceback shows only the script's frames and the failing line."""
    if isinstance(exc, _Stop):
        kind, message = exc.kind, exc.message
    elif isinstance(exc, KeyboardInterrupt):
        kind, message = "Cancelled", "the run was interrupted"
    else:
        kind, message = type(exc).__name__, str(exc)
    frames = _script_frames(exc.__traceback__, filename)
    if isinstance(exc, SyntaxError) and exc.filename == filename and not frames:
        # Raised by compile(): the location is on the exception, not in a frame.
        text = "".join(traceback.format_exception_only(type(exc), exc))
        source = (exc.text or "").strip() or None
        return ScriptError(type=kind, message=exc.msg or message, line=exc.lineno, traceback=text,
                           source_line=source)
    lines = ["Traceback (most recent call last):\n"] + traceback.format_list(frames)
    if isinstance(exc, (_Stop, KeyboardInterrupt)):
        lines.append("%s: %s\n" % (kind, message))
    else:
        lines.extend(traceback.format_exception_only(type(exc), exc))
    line = frames[-1].lineno if frames else None
    source = ((frames[-1].line or "").strip() or None) if frames else None
    return ScriptError(type=kind, message=message, line=line, traceback="".join(lines), source_line=source)


class _Deadline(_Stop):
    """The deadline, raised in the script's thread by the watchdog (a class: CPython instantiates it)."""

    timeout = 0.0  # set on a per-run subclass

    def __init__(self):
        _Stop.__init__(self, "TimeoutError", "the script ran longer than its %g s time limit and was "
                                             "stopped (an endless loop?)" % self.timeout)


def _async_raiser():
    """PyThreadState_SetAsyncExc through ctypes (standard library), or None where unavailable."""
    try:
        import ctypes
        set_async_exc = ctypes.pythonapi.PyThreadState_SetAsyncExc
    except (ImportError, AttributeError, OSError):
        return None

    def raise_in(thread_id, exc_class):
        return set_async_exc(ctypes.c_ulong(thread_id), ctypes.py_object(exc_class))

    return raise_in


def _checkpoint() -> None:
    pass


class _Watchdog(object):
    """Enforces the deadline and polls the cancel hook for one run, from a timer thread.

    Deadline: at the deadline the timer raises a _Deadline in the run thread with
    PyThreadState_SetAsyncExc; CPython delivers it between bytecodes, even in
    `while True: pass`, at no cost per line. It fires again every REFIRE seconds while the run
    goes on, so a bare `except:` inside a loop swallows it only until it lands outside the try.
    Without ctypes it falls back to the cancel mechanism below.

    Cancel: the run thread gets a trace function that ignores every frame (so CPython delivers
    trace events; costs one Python call per function call, only when there is a cancel hook).
    Every CANCEL_EVERY seconds the timer arms the innermost script frame with a one-shot opcode
    tracer, which runs on the script's own thread, calls the hook and raises or disarms itself.
    """

    def __init__(self, filename: str, deadline: float, timeout: float,
                 cancel: Optional[Callable[[], bool]]):
        self.filename = filename
        self.deadline = deadline
        self.cancel = cancel
        self.thread_id = threading.get_ident()
        self.done = threading.Event()
        self.lock = threading.Lock()
        self.raise_in = _async_raiser()
        self.deadline_class = type("_Deadline", (_Deadline,), {"timeout": timeout})
        self.traced = cancel is not None or self.raise_in is None
        self.timer = threading.Thread(target=self._watch, name="rhinocoder-run-watchdog", daemon=True)

    def start(self) -> None:
        if self.traced:
            sys.settrace(self.on_call)
        self.timer.start()

    def stop(self) -> None:
        """Idempotent. After it returns nothing more is raised in the run thread."""
        with self.lock:
            self.done.set()  # the timer fires only under the lock and only before this
        try:
            # A deadline fired just before is pending in this thread: take it here. A call and
            # a loop both pass the interpreter's checkpoints where pending exceptions are raised.
            # (Clearing it with SetAsyncExc(id, NULL) instead leaves CPython's eval breaker set.)
            _checkpoint()
            for _ in (1, 2):
                pass
        except _Deadline:
            pass
        if self.timer.is_alive() and self.timer is not threading.current_thread():
            self.timer.join()

    @staticmethod
    def on_call(frame, event, arg):  # keeps tracing alive on the run thread; traces nothing
        return None

    def _watch(self) -> None:
        while not self.done.is_set():
            wait = self.deadline - time.monotonic()
            if self.cancel is not None:
                wait = min(wait, CANCEL_EVERY)
            if wait > 0 and self.done.wait(wait):
                return
            late = time.monotonic() >= self.deadline
            if late and self.raise_in is not None:
                with self.lock:
                    if not self.done.is_set():
                        self.raise_in(self.thread_id, self.deadline_class)
                self.done.wait(REFIRE)
            elif self.traced:
                self._arm()
                if late:
                    self.done.wait(CANCEL_EVERY)

    def _arm(self) -> None:
        frame = sys._current_frames().get(self.thread_id)
        while frame is not None and frame.f_code.co_filename != self.filename:
            frame = frame.f_back
        if frame is not None:
            frame.f_trace = self._poll
            frame.f_trace_opcodes = True

    def _poll(self, frame, event, arg):
        frame.f_trace_opcodes = False
        frame.f_trace = None
        if time.monotonic() >= self.deadline:
            raise self.deadline_class()
        if self.cancel is not None and self.cancel():
            raise _Stop("Cancelled", "the run was cancelled at line %d" % frame.f_lineno)
        return None


def _execute(compiled, namespace: Dict[str, Any], watchdog: _Watchdog) -> Optional[BaseException]:
    """exec under the watchdog; returns what the script raised (None when it finished)."""
    try:
        try:
            watchdog.start()
            exec(compiled, namespace)
        finally:
            watchdog.stop()
    except BaseException as exc:  # the script's own errors, deadline, cancel, Ctrl+C
        return exc
    return None


def run_script(code: str, *, filename: str = "<script>", modules: Optional[Dict[str, Any]] = None,
               globals: Optional[Dict[str, Any]] = None, timeout: float = 30.0,
               cancel: Optional[Callable[[], bool]] = None) -> RunOutcome:
    """Execute `code` as `__main__` in a fresh namespace; never raises for a script's own errors."""
    started = time.monotonic()
    buffer = io.StringIO()
    try:
        compiled = compile(code, filename, "exec", dont_inherit=True)
    except (SyntaxError, ValueError) as exc:  # ValueError: source contains null bytes
        if not isinstance(exc, SyntaxError):
            exc = SyntaxError(str(exc), (filename, 1, 0, ""))
        return RunOutcome(ok=False, stdout="", error=_error_from(exc, filename),
                          seconds=time.monotonic() - started)

    namespace = _namespace(filename, modules or {}, globals)
    lines = code.splitlines(True)
    previous_cache = linecache.cache.get(filename)
    linecache.cache[filename] = (len(code), None, lines, filename)
    previous_trace = sys.gettrace()
    previous_stdout = sys.stdout
    sys.stdout = _ThreadStdout(previous_stdout, buffer, threading.get_ident())
    watchdog = _Watchdog(filename, started + timeout, timeout, cancel)
    error = None  # type: Optional[ScriptError]
    try:
        caught = _execute(compiled, namespace, watchdog)
        watchdog.stop()  # again, in case a late deadline interrupted the first stop
        sys.settrace(previous_trace)
        if isinstance(caught, SystemExit):
            # sys.exit() ends the script, never the host; exit(0)/exit() count as success.
            if caught.code not in (None, 0):
                error = _error_from(caught, filename)
                error.message = "the script called sys.exit(%r)" % (caught.code,)
        elif caught is not None:
            error = _error_from(caught, filename)  # while linecache still has the source
    finally:
        sys.settrace(previous_trace)
        sys.stdout = previous_stdout
        if previous_cache is None:
            linecache.cache.pop(filename, None)
        else:
            linecache.cache[filename] = previous_cache
    return RunOutcome(ok=error is None, stdout=buffer.getvalue(), error=error,
                      seconds=time.monotonic() - started)
