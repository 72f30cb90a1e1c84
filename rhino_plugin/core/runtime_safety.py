"""The runtime safety layer: what a script may not do while it runs, refused as it happens.

Standard library only, Python 3.9. The static gate (`checks.py`, `safety.py`) rejects unsafe scripts before
they run; this is the second layer, for what the gate cannot see (names built at run time,
modules reached through other modules). `runner.run_script` opens a `Scope` for each run.

- One PEP 578 audit hook (`sys.addaudithook`) per process, installed at the first run; audit
  hooks cannot be removed, so it does nothing unless a run is active on the thread raising the
  event (`threading.get_ident()`): Rhino's and the host's own code on other threads, and all
  code outside runs, is untouched. While the runner calls the host back on the run thread
  (the cancel hook, which pumps Rhino's message loop) the scope is quiet.
- Refused on the run thread, from any code the script reaches (`EVERYWHERE`): starting
  processes, network, ctypes, writing, moving or deleting files (`open` for writing included;
  reading is allowed), changing the environment or the working folder, writing the Windows
  registry, `input()`, replacing the trace/profile function, adding audit hooks, starting threads.
- Refused only when the script's own code makes the call (`FROM_SCRIPT`): compiling or running
  code built at run time (`compile`, `exec`, `eval`, code objects, marshal) and reaching frames,
  tracebacks' frames, code objects and the garbage collector's object lists. Library code the
  script calls may still do these (namedtuple and dataclasses compile code, `inspect` walks
  frames); events raised by the import system are refused silently (bytecode caches).
- A refusal raises `UnsafeOperationError` (a PermissionError, so the import system's own
  `except OSError` fallbacks keep working) with the rule in its message, and is recorded: a
  script that swallows it still fails with it (`Scope.refusals`).
- Two process-wide wrappers, installed with the hook, cover what has no audit event in 3.9:
  `os._exit` (raises `ProcessExit`, a SystemExit) and the thread-start function behind
  `threading.Thread.start` (refused). Outside a run they call the originals unchanged.

Limits: .NET inside Rhino (System.IO, System.Diagnostics, System.Net, reflection) raises no
Python audit events: that door is the static gate's. A script that reaches the runner's own
objects (`__globals__`, `__closure__`, module objects in `sys.modules`) can switch the scope off;
the gate rejects such walks. `posix._exit` / `nt._exit`, and thread-start functions some module
bound to its own name before the wrappers were installed, are not covered.
"""
import os
import sys
import threading
from typing import Any, Optional, Tuple

# rule id -> what to do instead (ids match the static gate's, safety_rules.RULES, where they overlap)
ADVICE = {
    "process": "do the work with rhinoscriptsyntax or RhinoCommon inside the script instead of another program",
    "file-write": "leave files alone: create geometry in the document, or let the user export it",
    "network": "scripts run offline; put the data in the script",
    "dynamic-code": "write the code directly instead of building it at run time",
    "ctypes": "use rhinoscriptsyntax or RhinoCommon instead of native calls",
    "environ": "read os.environ if needed, but do not change it (or the working folder)",
    "registry": "leave the Windows registry alone",
    "input": "ask the user with rs.GetString / rs.GetReal / rs.GetObject instead of input()",
    "tracing": "do not replace the trace or profile function: the runner uses it to stop the script",
    "audit-hook": "do not add audit hooks",
    "introspection": "do not reach frames, code objects or the garbage collector's object lists",
    "threads": "do the work in the script itself, one step after another: a thread cannot be stopped and "
               "would outlive the run",
}

_WRITE_FLAGS = 0
for _name in ("O_WRONLY", "O_RDWR", "O_APPEND", "O_CREAT", "O_TRUNC", "O_EXCL"):
    _WRITE_FLAGS |= getattr(os, _name, 0)

# Events refused wherever on the run thread they come from: exact names, then the part before
# the first dot ("socket.connect" -> "socket").
EVERYWHERE = {
    "subprocess.Popen": "process", "os.system": "process", "os.exec": "process", "os.spawn": "process",
    "os.posix_spawn": "process", "os.fork": "process", "os.forkpty": "process", "os.kill": "process",
    "os.killpg": "process", "os.startfile": "process", "_winapi.CreateProcess": "process",
    "os.remove": "file-write", "os.rename": "file-write", "os.rmdir": "file-write", "os.mkdir": "file-write",
    "os.chmod": "file-write", "os.chown": "file-write", "os.chflags": "file-write", "os.lchflags": "file-write",
    "os.link": "file-write", "os.symlink": "file-write", "os.truncate": "file-write", "os.utime": "file-write",
    "os.setxattr": "file-write", "os.removexattr": "file-write",
    "os.putenv": "environ", "os.unsetenv": "environ", "os.chdir": "environ",
    "os.add_dll_directory": "ctypes",
    "urllib.Request": "network", "http.client.connect": "network", "http.client.send": "network",
    "webbrowser.open": "network",
    "builtins.input": "input",
    "sys.settrace": "tracing", "sys.setprofile": "tracing",
    "sys.addaudithook": "audit-hook",
    "socket.gethostname": None, "socket.sethostname": "environ",  # reading the host name is fine
    "winreg.CreateKey": "registry", "winreg.DeleteKey": "registry", "winreg.DeleteValue": "registry",
    "winreg.SetValue": "registry", "winreg.SaveKey": "registry", "winreg.LoadKey": "registry",
    "winreg.ConnectRegistry": "registry", "winreg.DisableReflectionKey": "registry",
    "winreg.EnableReflectionKey": "registry",  # reading the registry is fine (platform, mimetypes do)
}  # type: Dict[str, Optional[str]]
EVERYWHERE_PREFIX = {
    "socket": "network", "ftplib": "network", "smtplib": "network", "imaplib": "network", "poplib": "network",
    "nntplib": "network", "telnetlib": "network",
    "ctypes": "ctypes", "shutil": "file-write", "tempfile": "file-write",
}
# Events refused only when the script's own code raises them (the frame calling the audited function
# has the script's filename).
FROM_SCRIPT = {
    "compile": "dynamic-code", "exec": "dynamic-code", "code.__new__": "dynamic-code",
    "marshal.loads": "dynamic-code", "marshal.load": "dynamic-code",
    "sys._getframe": "introspection", "sys._current_frames": "introspection",
    "object.__getattr__": "introspection",  # tb_frame, gi_frame, gi_code, __code__, ...
    "gc.get_objects": "introspection", "gc.get_referrers": "introspection", "gc.get_referents": "introspection",
}
IMPORT_SYSTEM = "<frozen importlib"  # its frames' filenames; its cache writes are refused quietly


class UnsafeOperationError(PermissionError):
    """An operation the runtime safety layer refused while a script ran."""

    def __init__(self, rule: str, what: str):
        self.rule = rule
        self.what = what
        message = "%s was refused (runtime safety rule %s): %s" % (what, rule, ADVICE.get(rule, ""))
        PermissionError.__init__(self, message)

    def __str__(self):
        return self.args[0]


class ProcessExit(SystemExit):
    """os._exit() from a script: the script ends with an error, the process goes on."""

    how = "os._exit"


class Scope(object):
    """One run's view of the safety layer (the runner opens and closes it)."""

    def __init__(self, filename: str, thread_id: Optional[int] = None):
        self.filename = filename
        self.thread_id = threading.get_ident() if thread_id is None else thread_id
        self.quiet = 0  # > 0 while the runner itself, or the host it calls back, works on the run thread
        self.refusals = []  # type: List[Tuple[UnsafeOperationError, Optional[int]]]  # (error, script line)
        # Called on a `sys.settrace` event before it is refused; may return the exception to raise
        # instead. When a trace function raises, CPython switches tracing off through the same
        # audited call: refusing it keeps the runner's tracer on (runner._Run.interrupt).
        self.interrupt = None  # type: Optional[Callable[[], Optional[BaseException]]]
        self._previous = None  # type: Optional[Scope]

    def __enter__(self) -> "Scope":
        install()
        self._previous = _ACTIVE.get(self.thread_id)
        _ACTIVE[self.thread_id] = self
        return self

    def __exit__(self, *exc) -> None:
        if self._previous is not None:
            _ACTIVE[self.thread_id] = self._previous
        else:
            _ACTIVE.pop(self.thread_id, None)

    def refuse(self, rule: str, what: str, caller: Any = None, record: bool = True) -> None:
        """Raise UnsafeOperationError; remember it with the script line it came from."""
        error = UnsafeOperationError(rule, what)
        if record:
            self.quiet += 1  # frame attributes raise audit events of their own
            try:
                self.refusals.append((error, self._script_line(caller)))
            finally:
                self.quiet -= 1
        raise error

    def _script_line(self, frame: Any) -> Optional[int]:
        while frame is not None:
            if frame.f_code.co_filename == self.filename:
                return frame.f_lineno
            frame = frame.f_back
        return None


_ACTIVE = {}  # type: Dict[int, Scope]  # run thread id -> its scope
_INSTALLED = []  # type: List[bool]
_LOCK = threading.Lock()


def active() -> Optional[Scope]:
    """The scope of the run on this thread, unless the runner has it quiet."""
    if not _ACTIVE:
        return None
    scope = _ACTIVE.get(threading.get_ident())
    return scope if scope is not None and not scope.quiet else None


def _describe(event: str, args: Tuple[Any, ...]) -> str:
    """`event(arg, arg)` for the message; only plain values are shown (no script code runs here)."""
    shown = []
    for arg in args[:2]:
        if type(arg) in (str, bytes, int, float, bool, type(None)):
            text = repr(arg)
            shown.append(text if len(text) <= 80 else text[:77] + "...")
        else:
            shown.append("<%s>" % type(arg).__name__)
    return "%s(%s)" % (event, ", ".join(shown))


def _near_recursion_limit(scope: Scope) -> bool:
    scope.quiet += 1
    try:
        frame, depth, limit = sys._getframe(1), 0, sys.getrecursionlimit() - 60
        while frame is not None and depth < limit:
            frame, depth = frame.f_back, depth + 1
        return depth >= limit
    finally:
        scope.quiet -= 1


def _audit(event: str, args: Tuple[Any, ...]) -> None:
    if not _ACTIVE:  # the cost outside runs: one dict truth test per audit event
        return
    scope = _ACTIVE.get(threading.get_ident())
    if scope is None or scope.quiet:
        return
    if event in EVERYWHERE:
        rule = EVERYWHERE[event]
        scoped = False
    elif event == "open":
        mode = args[1] if len(args) > 1 else None
        flags = args[2] if len(args) > 2 else 0
        writes = (isinstance(mode, str) and any(c in mode for c in "wax+")) or \
            (isinstance(flags, int) and bool(flags & _WRITE_FLAGS))
        rule, scoped = ("file-write" if writes else None), False
    elif event in FROM_SCRIPT:
        rule, scoped = FROM_SCRIPT[event], True
    else:
        rule, scoped = EVERYWHERE_PREFIX.get(event.partition(".")[0]), False
    if rule is None:
        return
    if rule == "tracing":
        replacement = scope.interrupt() if scope.interrupt is not None else None
        if replacement is not None:
            raise replacement
        if _near_recursion_limit(scope):  # CPython switching off a tracer that hit RecursionError
            return
    scope.quiet += 1  # sys._getframe and frame attributes raise audit events of their own
    try:
        try:
            caller = sys._getframe(1)  # the Python frame that called the audited function
        except ValueError:  # raised from C with no Python frame below
            caller = None
        filename = caller.f_code.co_filename if caller is not None else ""
    finally:
        scope.quiet -= 1
    if scoped and filename != scope.filename:
        return
    scope.refuse(rule, _describe(event, args), caller, record=not filename.startswith(IMPORT_SYSTEM))


def _guard_thread_start(original):
    def start_new_thread(*args, **kwargs):
        scope = active()
        if scope is not None:
            scope.quiet += 1
            try:
                caller = sys._getframe(1)
            finally:
                scope.quiet -= 1
            scope.refuse("threads", "starting a thread", caller)
        return original(*args, **kwargs)

    start_new_thread.__wrapped__ = original
    return start_new_thread


def _guard_exit(original):
    def _exit(status=0, *args, **kwargs):
        if active() is not None:
            raise ProcessExit(status)
        return original(status, *args, **kwargs)

    _exit.__wrapped__ = original
    return _exit


def install() -> None:
    """The audit hook and the two wrappers, once per process (they cannot be taken back)."""
    if _INSTALLED:
        return
    with _LOCK:
        if _INSTALLED:
            return
        import _thread
        for module, names in ((threading, ("_start_new_thread", "_start_joinable_thread")),
                              (_thread, ("start_new_thread", "start_new", "start_joinable_thread"))):
            for name in names:
                original = getattr(module, name, None)
                if original is not None and not hasattr(original, "__wrapped__"):
                    setattr(module, name, _guard_thread_start(original))
        if not hasattr(os._exit, "__wrapped__"):
            os._exit = _guard_exit(os._exit)
        sys.addaudithook(_audit)
        _INSTALLED.append(True)


__all__ = ["ADVICE", "ProcessExit", "Scope", "UnsafeOperationError", "active", "install"]
