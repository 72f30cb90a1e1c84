"""Run one script in a fresh namespace: captured output, filtered traceback, deadline, cancel.

Standard library only, Python 3.9. The same runner serves Rhino (host modules are the real
`rhinoscriptsyntax`, `Rhino`, ...) and the headless document (its stand-ins), so the caller
passes the modules the script may import in `modules`; they are resolved by an `__import__`
that lives only in the script's own builtins, so `sys.modules` is never touched.

Over 500 lines on purpose: the tracer, the compiled-in handler guard, the wrapped sleep/exit/
thread entry points and the output cap all share one run's state (deadline, stop, thread id);
the audit-hook policy lives apart in runtime_safety.py.

How a run always comes back (details in README.md, "Runner limits"):
- Deadline and cancel stop the script only through the trace function the runner installs on
  the run thread, and only in the script's own frames (code whose filename is the script's):
  never by an asynchronous exception, so nothing is ever raised inside the host's callbacks
  (Rhino's UI callbacks run on the same thread while the cancel hook pumps its message loop).
  Once the run must stop, every opcode of every script frame raises `_Stop` (a BaseException).
  CPython switches tracing off when a trace function raises, through an audited
  `sys.settrace(None)`: the safety layer refuses it and raises a fresh stop instead
  (`_Run.interrupt`), so the tracer stays on. The script's frames are armed again by the
  watchdog every REARM_EVERY, by a guard call the runner compiles in at the first line of every
  `except` and `finally` body of the script (it raises the stop again at once), when a
  swallowed stop is freed (`__del__`), and in the runner's own sleeps. So
  `while True: try: ... except: pass` ends.
- The script's `time.sleep` and `threading.Event().wait` sleep in short slices and stop at the
  deadline or on cancel (the cancel hook is polled from them too).
- `sys.exit()`, `exit()`, `quit()`, `raise SystemExit` and `os._exit()` end the script with a
  `SystemExit` error; the process goes on (`exit()` does not close stdin as site's does).
- The runtime safety layer (`runtime_safety.py`, a PEP 578 audit hook scoped to the run's
  thread) refuses processes, network, ctypes, file writes, threads, dynamic code, ... .
- stdout and stderr of the run thread go to one buffer capped at OUTPUT_LIMIT bytes (UTF-8);
  the rest is counted, not kept, and a note says how much was dropped.

Limits:
- What cannot be stopped: a single long call into native code (a huge boolean in Rhino,
  `System.Threading.Thread.Sleep`, `sum(range(10**12))`, a lock or queue that is never released,
  the host's own Python code such as the headless `rs.Sleep`): the stop comes when it returns
  to the script. A host function that never returns is never stopped.
- A stop swallowed by host code (or a `with` block's `__exit__`) leaves that frame untraced for
  up to REARM_EVERY, until the watchdog arms it again.
- Tracing costs one Python call per Python function call on the run thread (all runs now,
  not only those with a cancel hook); frames of the script are traced per opcode only once the
  run must stop.
- CPython 3.10 skips the GIL switch before a `try`, so there a `while True: try:` loop never
  lets the watchdog thread run and is not stopped (3.9, 3.11, 3.12, 3.13 are tested).
- A run happens on the calling thread. stdout/stderr are swapped process-wide for the run,
  but writes from other threads go to the original streams; two runs at once in one process
  would restore each other's stream, so hosts run one script at a time.
"""
import ast
import builtins
import io
import linecache
import os
import sys
import threading
import time
import traceback
import types
from dataclasses import dataclass
from typing import Any, Callable, Dict, List, Optional, Tuple

from rhino_plugin.core import runtime_safety
from rhino_plugin.core.host import ScriptError

# Seconds between calls of the cancel hook (it may pump Rhino's message loop).
CANCEL_EVERY = 0.05
# Seconds between re-arming the script's frames once the run must stop.
REARM_EVERY = 0.05
# Longest single sleep inside the script's time.sleep / Event.wait.
SLEEP_SLICE = 0.05
# Bytes (UTF-8) of stdout + stderr kept per run; the rest is counted and dropped.
OUTPUT_LIMIT = 1000000
# Name of the guard the runner compiles in at the first line of every except/finally body.
GUARD_NAME = "__rhinocoder_guard__"

# CPython 3.9 and 3.10 lose an exception raised by a trace function on a line event when the same
# instruction also has an opcode event (maybe_call_line_trace overwrites the error), so there the
# tracers raise only on opcode events. 3.12 does not deliver opcode events to a frame whose loop
# was already running when they were switched on, so from 3.11 they raise on line events too.
_RAISE_ON_LINE = sys.version_info >= (3, 11)  # 3.10: see README, "Runner limits"

_real_sleep = time.sleep
_real_wait = threading.Event.wait


@dataclass
class RunOutcome:
    ok: bool
    stdout: str = ""
    error: Optional[ScriptError] = None
    seconds: float = 0.0


class _Stop(BaseException):
    """Raised inside the script to end it; BaseException so `except Exception` can't eat it."""

    def __init__(self, run: "_Run"):
        kind, message = run.stop or ("Cancelled", "the run was stopped")
        super().__init__(message)
        self.kind = kind
        self.message = message
        self.run = run  # type: Optional[_Run]

    def __del__(self):
        # Freed while the run goes on: a bare `except:` (or a `with` block) swallowed it, and the
        # tracer that raised it was switched off by CPython. Switch it on again (on this thread).
        run = self.run
        if run is not None and run.active:
            try:
                run.retrace()
            except BaseException:  # never raise from __del__
                pass


class _ScriptExit(SystemExit):
    """exit() / quit() in the script: like site's, without closing sys.stdin."""

    def __init__(self, how: str, code: Any = None):
        SystemExit.__init__(self, code)
        self.how = how


class _CappedOutput(object):
    """A text sink that keeps the first `limit` bytes (UTF-8) and counts the rest."""

    def __init__(self, limit: int):
        self.limit = limit
        self.size = 0
        self.dropped = 0
        self.kept = io.StringIO()

    def write(self, text: str) -> int:
        if not isinstance(text, str):
            raise TypeError("write() argument must be str, not %s" % type(text).__name__)
        ascii_only = text.isascii()
        size = len(text) if ascii_only else len(text.encode("utf-8", "surrogatepass"))
        room = self.limit - self.size
        if size <= room:
            self.kept.write(text)
            self.size += size
        elif room > 0:
            part = text[:room] if ascii_only else \
                text.encode("utf-8", "surrogatepass")[:room].decode("utf-8", "ignore")
            kept = len(part) if ascii_only else len(part.encode("utf-8", "surrogatepass"))
            self.kept.write(part)
            self.size += kept
            self.dropped += size - kept
        else:
            self.dropped += size
        return len(text)

    def getvalue(self) -> str:
        text = self.kept.getvalue()
        if self.dropped:
            text += ("" if not text or text.endswith("\n") else "\n") + \
                "[output truncated: %d bytes more]\n" % self.dropped
        return text


class _ThreadStream(object):
    """sys.stdout/stderr stand-in: the run thread's writes go to the capture, others pass through."""

    def __init__(self, original, capture: _CappedOutput, thread_id: int):
        self._original = original
        self._capture = capture
        self._thread_id = thread_id

    def _target(self):
        if threading.get_ident() == self._thread_id or self._original is None:
            return self._capture
        return self._original

    def write(self, text):
        return self._target().write(text)

    def writelines(self, lines):
        for line in lines:
            self.write(line)

    def flush(self):
        target = self._target()
        if target is not self._capture and target is not None:
            target.flush()

    def isatty(self):
        return False

    def __getattr__(self, name):  # encoding, errors, ... from the original stream
        return getattr(self._original or io.StringIO(), name)


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


def _copy_module(module: types.ModuleType) -> types.ModuleType:
    copy = types.ModuleType(module.__name__, module.__doc__)
    copy.__dict__.update(module.__dict__)
    return copy


def _process_exit(status=0, *args):
    """The script's os._exit: ends the script, never the process."""
    raise runtime_safety.ProcessExit(status)


def _exit_builtin(how: str):
    def leave(code=None):
        raise _ScriptExit(how, code)

    leave.__name__ = how
    return leave


def _namespace(filename: str, modules: Dict[str, Any], extra: Optional[Dict[str, Any]],
               guard: Callable[[], None]) -> Dict[str, Any]:
    script_builtins = dict(builtins.__dict__)
    script_builtins["__import__"] = _make_import(modules)
    script_builtins["exit"] = _exit_builtin("exit")
    script_builtins["quit"] = _exit_builtin("quit")
    script_builtins[GUARD_NAME] = guard
    namespace = {"__name__": "__main__", "__file__": filename, "__doc__": None, "__package__": None}
    if extra:
        namespace.update(extra)
    namespace["__builtins__"] = script_builtins
    return namespace


class _GuardHandlers(ast.NodeTransformer):
    """Puts `__rhinocoder_guard__()` first in every except handler and finally block."""

    @staticmethod
    def _guard(first: ast.stmt) -> ast.stmt:
        call = ast.Expr(value=ast.Call(func=ast.Name(id=GUARD_NAME, ctx=ast.Load()), args=[], keywords=[]))
        return ast.copy_location(call, first)

    def visit_ExceptHandler(self, node):
        self.generic_visit(node)
        node.body.insert(0, self._guard(node.body[0]))
        return node

    def visit_Try(self, node):
        self.generic_visit(node)
        if node.finalbody:
            node.finalbody.insert(0, self._guard(node.finalbody[0]))
        return node

    visit_TryStar = visit_Try  # Python 3.11+


def _compile(code: str, filename: str):
    """The script's code object, with the guard in its handlers; raises SyntaxError/ValueError."""
    compiled = compile(code, filename, "exec", dont_inherit=True)  # the errors, with their source text
    if "except" not in code and "finally" not in code:
        return compiled
    tree = compile(code, filename, "exec", ast.PyCF_ONLY_AST, dont_inherit=True)
    tree = ast.fix_missing_locations(_GuardHandlers().visit(tree))
    return compile(tree, filename, "exec", dont_inherit=True)


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


def _exit_error(exc: SystemExit, filename: str) -> ScriptError:
    how = getattr(exc, "how", None)
    code = "" if exc.code is None else repr(exc.code)
    called = "%s(%s)" % (how, code) if how else "sys.exit(%s) (or raise SystemExit)" % code
    error = _error_from(exc, filename)
    error.type = "SystemExit"
    error.message = ("the script called %s; a script must not exit (Rhino keeps running): let it end "
                     "normally, or raise an exception to report a failure" % called)
    return error


def _refusal_error(refused: runtime_safety.UnsafeOperationError, line: Optional[int],
                   filename: str) -> ScriptError:
    """The error for a refusal the script swallowed (the run would otherwise look fine)."""
    source = (linecache.getline(filename, line).strip() or None) if line else None
    frame = '  File "%s", line %s, in <module>\n' % (filename, line) if line else ""
    text = "Traceback (most recent call last):\n%s%s%s: %s\n" % (
        frame, "    %s\n" % source if source else "", type(refused).__name__, refused)
    return ScriptError(type=type(refused).__name__, message=str(refused), line=line, traceback=text,
                       source_line=source)


class _Run(object):
    """One run's deadline, cancel polling, tracer, sleeps and safety scope.

    The run thread gets `on_call` as its trace function: it ignores every frame until the run
    must stop, then hands script frames `stop_trace`. A watchdog thread wakes at the deadline
    (and every CANCEL_EVERY when there is a cancel hook): at the deadline it sets `stop` and arms
    every script frame on the run thread's stack with `stop_trace` (again every REARM_EVERY);
    for cancel it arms the innermost script frame with the one-shot `poll_trace`, which calls
    the hook on the run thread (see _RAISE_ON_LINE for which events raise).
    """

    def __init__(self, filename: str, timeout: float, cancel: Optional[Callable[[], bool]], started: float):
        self.filename = filename
        self.timeout = timeout
        self.deadline = started + timeout
        self.cancel = cancel
        self.thread_id = threading.get_ident()
        self.scope = runtime_safety.Scope(filename, self.thread_id)
        self.scope.interrupt = self.interrupt
        self.stop = None  # type: Optional[Tuple[str, str]]  # (kind, message) once the script must end
        self.active = False
        self.raising = False  # a tracer is raising the stop (see interrupt)
        self.last_poll = started
        self.previous_trace = None  # type: Any
        self.done = threading.Event()
        self.on_call, self.stop_trace, self.poll_trace = self._tracers()
        self.watchdog = threading.Thread(target=self._watch, name="rhinocoder-run-watchdog", daemon=True)

    # -- the tracers (closures: the global one runs on every Python call of the run thread) ----------
    def _tracers(self):
        run, filename = self, self.filename

        def stop_trace(frame, event, arg):
            if event == "opcode" or (event == "line" and _RAISE_ON_LINE):
                if run.stop is not None and run.active and not run.scope.quiet and frame.f_lineno is not None:
                    run.raising = True
                    raise _Stop(run)
            if event == "line" and not frame.f_trace_opcodes:
                frame.f_trace_opcodes = True  # this instruction's opcode event comes next
            return stop_trace

        def on_call(frame, event, arg):
            if run.stop is not None and frame.f_code.co_filename == filename:
                frame.f_trace_opcodes = True
                return stop_trace
            return None

        def poll_trace(frame, event, arg):  # one-shot, armed by the watchdog to poll the cancel hook
            if event != "opcode" and not (event == "line" and _RAISE_ON_LINE):
                frame.f_trace_opcodes = True
                return poll_trace
            if run.stop is None:
                frame.f_trace_opcodes = False
                frame.f_trace = None
                if not run.active or run.scope.quiet:
                    return None
                run.poll_cancel(frame.f_lineno)
                if run.stop is None:
                    return None
            if run.active and not run.scope.quiet:
                run.raising = True
                raise _Stop(run)
            return None

        return on_call, stop_trace, poll_trace

    # -- life cycle (run thread) ------------------------------------------------------------------------
    def begin(self) -> None:
        self.watchdog.start()  # before the scope opens: the safety layer refuses threads inside it
        self.previous_trace = sys.gettrace()
        self.scope.__enter__()
        self.scope.quiet += 1
        try:
            sys.settrace(self.on_call)
        finally:
            self.scope.quiet -= 1
        self.active = True

    def end(self) -> None:
        """Idempotent. After it returns nothing more is raised in the run thread."""
        if self.active:
            self.active = False
            self.scope.__exit__(None, None, None)
            sys.settrace(self.previous_trace)
        self.done.set()
        if self.watchdog.is_alive() and self.watchdog is not threading.current_thread():
            self.watchdog.join()

    def timed_out(self) -> Tuple[str, str]:
        return ("TimeoutError", "the script ran longer than its %g s time limit and was stopped "
                                "(an endless loop?)" % self.timeout)

    def poll_cancel(self, line: Optional[int]) -> None:
        """Ask the cancel hook (on the run thread, with the safety layer and tracer quiet)."""
        if self.cancel is None:
            return
        where = " at line %d" % line if line else ""
        self.scope.quiet += 1
        try:
            cancelled = self.cancel()
        except KeyboardInterrupt:  # Ctrl+C while the host pumped its messages
            cancelled, where = True, where + " (interrupted)"
        except BaseException as exc:  # a broken cancel hook stops the run rather than escape a tracer
            cancelled, where = True, where + " (the cancel check raised %s: %s)" % (type(exc).__name__, exc)
        finally:
            self.scope.quiet -= 1
        if cancelled and self.stop is None:
            self.stop = ("Cancelled", "the run was cancelled%s" % where)

    def interrupt(self) -> Optional[BaseException]:
        """The safety layer's `sys.settrace` event while a tracer raises the stop: CPython is about
        to switch tracing off. Raising a fresh stop there refuses that, so the tracer stays on."""
        if self.raising and self.active and self.stop is not None:
            self.raising = False
            return _Stop(self)
        return None

    def retrace(self) -> None:
        """On the run thread: this run's tracer on again, and every script frame armed once stopping."""
        if not self.active or threading.get_ident() != self.thread_id:
            return
        self.scope.quiet += 1
        try:
            if sys.gettrace() is not self.on_call:
                sys.settrace(self.on_call)
            if self.stop is not None:
                frame = sys._getframe(1)
                while frame is not None:
                    if frame.f_code.co_filename == self.filename:
                        frame.f_trace = self.stop_trace
                        frame.f_trace_opcodes = True
                    frame = frame.f_back
        finally:
            self.scope.quiet -= 1

    def guard(self) -> None:
        """Compiled in at the first line of the script's except/finally bodies."""
        if self.active and threading.get_ident() == self.thread_id and not self.scope.quiet:
            if sys.gettrace() is not self.on_call or self.stop is not None:
                self.retrace()
            if self.stop is not None:
                raise _Stop(self)

    def check(self) -> None:
        """From the script's sleeps and waits (run thread): poll cancel, raise the stop once due."""
        if not self.active or threading.get_ident() != self.thread_id or self.scope.quiet:
            return
        now = time.monotonic()
        if self.stop is None and now >= self.deadline:
            self.stop = self.timed_out()
        if self.stop is None and self.cancel is not None and now - self.last_poll >= CANCEL_EVERY:
            self.last_poll = now
            self.poll_cancel(self._script_line())
        if self.stop is not None:
            self.retrace()
            raise _Stop(self)

    def _script_line(self) -> Optional[int]:
        self.scope.quiet += 1
        try:
            frame = sys._getframe(1)
        finally:
            self.scope.quiet -= 1
        while frame is not None and frame.f_code.co_filename != self.filename:
            frame = frame.f_back
        return frame.f_lineno if frame is not None else None

    # -- the watchdog thread --------------------------------------------------------------------------------
    def _watch(self) -> None:
        while not self.done.is_set():
            now = time.monotonic()
            if self.stop is None and now >= self.deadline:
                self.stop = self.timed_out()
            if self.stop is not None:
                self._arm(self.stop_trace, every_frame=True)
                self.done.wait(REARM_EVERY)
            elif self.cancel is not None:
                self._arm(self.poll_trace, every_frame=False)
                self.done.wait(max(0.0, min(CANCEL_EVERY, self.deadline - now)))
            else:
                self.done.wait(max(0.0, self.deadline - now))

    def _arm(self, tracer, every_frame: bool) -> None:
        frame = sys._current_frames().get(self.thread_id)
        while frame is not None and not self.done.is_set():
            if frame.f_code.co_filename == self.filename:
                frame.f_trace = tracer
                frame.f_trace_opcodes = True
                if not every_frame:
                    return
            frame = frame.f_back

    # -- what the script imports as time, os, threading ------------------------------------------------
    def sleep(self, seconds) -> None:
        """time.sleep in slices of SLEEP_SLICE that stop at the deadline or on cancel."""
        if isinstance(seconds, (str, bytes)) or not hasattr(seconds, "__float__"):
            raise TypeError("'%s' object cannot be interpreted as an integer" % type(seconds).__name__)
        seconds = float(seconds)
        if seconds != seconds:
            raise ValueError("Invalid value NaN (not a number)")
        if seconds < 0:
            raise ValueError("sleep length must be non-negative")
        end = time.monotonic() + seconds
        while True:
            self.check()
            left = end - time.monotonic()
            if left <= 0:
                if seconds == 0:
                    _real_sleep(0)
                return
            _real_sleep(min(left, SLEEP_SLICE))

    def script_modules(self) -> Dict[str, types.ModuleType]:
        run = self

        class Event(threading.Event):
            """threading.Event whose wait() stops at the deadline or on cancel."""

            def wait(self, timeout=None):
                end = None if timeout is None else time.monotonic() + max(0.0, timeout)
                while True:
                    left = SLEEP_SLICE if end is None else min(SLEEP_SLICE, end - time.monotonic())
                    if _real_wait(self, max(0.0, left)):
                        return True
                    run.check()
                    if end is not None and time.monotonic() >= end:
                        return False

        Event.__module__ = "threading"
        time_module = _copy_module(time)
        time_module.sleep = self.sleep
        os_module = _copy_module(os)
        os_module._exit = _process_exit
        threading_module = _copy_module(threading)
        threading_module.Event = Event
        return {"time": time_module, "os": os_module, "threading": threading_module}


def _execute(compiled, namespace: Dict[str, Any], run: _Run) -> Optional[BaseException]:
    """exec under the run's tracer and safety scope; returns what the script raised (None when done)."""
    try:
        try:
            run.begin()
            exec(compiled, namespace)
        finally:
            run.end()
    except BaseException as exc:  # the script's own errors, stop, exits, Ctrl+C
        return exc
    return None


def run_script(code: str, *, filename: str = "<script>", modules: Optional[Dict[str, Any]] = None,
               globals: Optional[Dict[str, Any]] = None, timeout: float = 30.0,
               cancel: Optional[Callable[[], bool]] = None) -> RunOutcome:
    """Execute `code` as `__main__` in a fresh namespace; never raises for a script's own errors."""
    started = time.monotonic()
    output = _CappedOutput(OUTPUT_LIMIT)
    try:
        compiled = _compile(code, filename)
    except (SyntaxError, ValueError) as exc:  # ValueError: source contains null bytes
        if not isinstance(exc, SyntaxError):
            exc = SyntaxError(str(exc), (filename, 1, 0, ""))
        return RunOutcome(ok=False, stdout="", error=_error_from(exc, filename),
                          seconds=time.monotonic() - started)

    run = _Run(filename, timeout, cancel, started)
    served = run.script_modules()
    served.update(modules or {})
    namespace = _namespace(filename, served, globals, run.guard)
    lines = code.splitlines(True)
    previous_cache = linecache.cache.get(filename)
    linecache.cache[filename] = (len(code), None, lines, filename)
    previous_stdout, previous_stderr = sys.stdout, sys.stderr
    thread_id = threading.get_ident()
    sys.stdout = _ThreadStream(previous_stdout, output, thread_id)
    sys.stderr = _ThreadStream(previous_stderr, output, thread_id)
    error = None  # type: Optional[ScriptError]
    try:
        caught = _execute(compiled, namespace, run)
        run.end()  # again, in case a late stop interrupted the first end
        if isinstance(caught, SystemExit):  # sys.exit, exit, quit, raise SystemExit, os._exit
            error = _exit_error(caught, filename)
        elif caught is not None:
            error = _error_from(caught, filename)  # while linecache still has the source
        elif run.scope.refusals:  # refused, swallowed by the script, and still a failure
            refused, line = run.scope.refusals[0]
            error = _refusal_error(refused, line, filename)
    finally:
        run.end()
        sys.stdout, sys.stderr = previous_stdout, previous_stderr
        if previous_cache is None:
            linecache.cache.pop(filename, None)
        else:
            linecache.cache[filename] = previous_cache
    return RunOutcome(ok=error is None, stdout=output.getvalue(), error=error,
                      seconds=time.monotonic() - started)
