"""Find or start the local model server for `rhinocoder ask` / `chat`.

    with ensure_server(server=None, model=None, progress=print) as srv:
        ChatClient(srv.url) ...

- `server` given: use that URL as it is (never start anything).
- otherwise reuse a healthy server on the default URL (127.0.0.1:8080) when it serves the
  wanted model (any model when none is named, or "default"),
- otherwise start `rhinocoder-server --model M` on a free 127.0.0.1 port, wait for `/health`
  with progress messages (the first start converts the embedded model), and stop it on exit.
  On Linux the server also gets SIGTERM when the thread that started it dies (a killed CLI
  leaves no server behind), so call `start_server` from a thread that lives as long as it.

Standard library only; Python 3.9.
"""
import importlib.util
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from typing import Any, Callable, Dict, List, Optional

DEFAULT_URL = "http://127.0.0.1:8080"
Progress = Callable[[str], None]


class ServerStartError(Exception):
    """The model server could not be started; the message says why (with the server's last lines)."""


def health(url: str, timeout: float = 1.0) -> Optional[Dict[str, Any]]:
    """The /health JSON of a server root URL, or None when it does not answer 200."""
    root = url.rstrip("/")
    if root.endswith("/v1"):
        root = root[:-3]
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(root + "/health", timeout=timeout) as r:
            if r.status != 200:
                return None
            try:
                data = json.loads(r.read().decode("utf-8", "replace"))
            except ValueError:
                data = {}
            return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return None


def free_port() -> int:
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
    finally:
        s.close()


def server_command(model: str, port: int, adapter: Optional[str] = None) -> List[str]:
    """How to start the server: this interpreter's `model_server` package, else `rhinocoder-server`."""
    args = ["--model", model, "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"]
    if adapter:
        args += ["--adapter", adapter]
    if importlib.util.find_spec("model_server") is not None:
        return [sys.executable, "-m", "model_server.cli"] + args
    exe = shutil.which("rhinocoder-server")
    if exe:
        return [exe] + args
    raise ServerStartError("no model server to start: install rhinocoder[server] (which provides "
                           "`rhinocoder-server`) or pass --server URL of a running one")


def _die_with_parent() -> None:
    """Linux, in the child before exec: SIGTERM the server when the thread that started it dies,
    so a killed `rhinocoder ask` never leaves a model server behind."""
    try:
        import ctypes
        import signal
        ctypes.CDLL(None, use_errno=True).prctl(1, int(signal.SIGTERM))  # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _serves(info: Dict[str, Any], model: Optional[str], adapter: Optional[str] = None) -> bool:
    if adapter is not None:  # a specific adapter (or "none"): only a server started with it will do
        return False
    if model in (None, "", "default"):
        return True
    name = str(info.get("model") or "")
    return name == model or name == os.path.basename(os.path.normpath(model))


class ServerHandle:
    """A server URL; `owned` when this process started it (then `stop()` ends it)."""

    def __init__(self, url: str, process: Optional[subprocess.Popen] = None, log_path: Optional[str] = None):
        self.url = url
        self.process = process
        self.log_path = log_path

    @property
    def owned(self) -> bool:
        return self.process is not None

    def log_tail(self, lines: int = 15) -> str:
        if not self.log_path or not os.path.exists(self.log_path):
            return ""
        with open(self.log_path, "r", encoding="utf-8", errors="replace") as f:
            return "".join(f.readlines()[-lines:]).rstrip()

    def stop(self, grace: float = 10.0) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(grace)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)
        self.process = None
        if self.log_path and os.path.exists(self.log_path):
            try:
                os.remove(self.log_path)
            except OSError:
                pass
            self.log_path = None

    def __enter__(self) -> "ServerHandle":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.stop()


def start_server(model: str = "default", progress: Optional[Progress] = None, startup_timeout: float = 1800.0,
                 port: Optional[int] = None, poll: float = 0.5, adapter: Optional[str] = None) -> ServerHandle:
    """Start `rhinocoder-server` on a free loopback port and wait until /health answers."""
    say = progress or (lambda message: None)
    port = port or free_port()
    url = "http://127.0.0.1:%d" % port
    cmd = server_command(model, port, adapter)
    fd, log_path = tempfile.mkstemp(prefix="rhinocoder-server-", suffix=".log")
    env = dict(os.environ)
    env.setdefault("HF_HUB_OFFLINE", "1")
    extra = {"preexec_fn": _die_with_parent} if sys.platform.startswith("linux") else {}
    with os.fdopen(fd, "w") as log:
        process = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=env,
                                   **extra)
    handle = ServerHandle(url, process, log_path)
    say("Starting the model server (%s) on %s; the first start prepares the model and can take a few "
        "minutes..." % (model, url))
    started = time.monotonic()
    next_note = started + 10.0
    try:
        while True:
            if process.poll() is not None:
                tail = handle.log_tail()
                raise ServerStartError("the model server exited with code %s before it was ready%s" % (
                    process.returncode, (":\n" + tail) if tail else ""))
            if health(url, timeout=1.0) is not None:
                say("Model server ready after %.0f s." % (time.monotonic() - started))
                return handle
            now = time.monotonic()
            if now - started > startup_timeout:
                raise ServerStartError("the model server was not ready after %.0f s" % startup_timeout)
            if now >= next_note:
                say("... still starting (%.0f s)" % (now - started))
                next_note = now + 15.0
            time.sleep(poll)
    except BaseException:  # a timeout, an error or Ctrl-C: never leave the child running
        handle.stop()
        raise


def ensure_server(server: Optional[str] = None, model: Optional[str] = None, progress: Optional[Progress] = None,
                  default_url: str = DEFAULT_URL, startup_timeout: float = 1800.0,
                  adapter: Optional[str] = None) -> ServerHandle:
    """A usable server: the given URL, a running default one, or a freshly started one."""
    if server:
        return ServerHandle(server)
    info = health(default_url)
    if info is not None and _serves(info, model, adapter):
        if progress:
            progress("Using the model server at %s (%s)." % (default_url, info.get("model", "unknown model")))
        return ServerHandle(default_url)
    return start_server(model or "default", progress, startup_timeout, adapter=adapter)
