"""A loopback JSON-lines bridge: drive any Host (a live Rhino) from another process.

Server side (started in Rhino by the `RhinoCoderBridge` command, tested here on a HeadlessHost):

    server = BridgeServer(host).start()          # 127.0.0.1, a free port unless one is given
    # writes {"port", "token", "pid"} to token_path() with 0600 permissions

Client side (`rhinocoder chat --rhino 127.0.0.1:PORT`): `BridgeHost("127.0.0.1:PORT")` implements
the Host protocol (context, run, undo_last) by sending one JSON object per line:

    -> {"id": 1, "op": "hello", "token": "..."}        <- {"id": 1, "ok": true, "result": {"host": "rhino"}}
    -> {"id": 2, "op": "run", "args": {"code": "...", "timeout": 30}}
    <- {"id": 2, "ok": true, "result": {RunResult.to_dict() + error.source_line}}
    -> {"op": "cancel"}                               (stops the running script; no reply)

Every connection must say hello with the right token first, within `auth_timeout` seconds; a wrong
token is answered and the connection closed, and so is a connection that says nothing in time. A
line that is not a JSON object (deeply nested JSON included), an unknown op or bad arguments gets an
`{"ok": false, "error": {"type": "bad-request", "message": ...}}` reply and the connection stays.
Closed connections are dropped from the server's list.

Standard library only; Python 3.9; binds 127.0.0.1 only.
"""
import hmac
import json
import os
import secrets
import socket
import tempfile
import threading
import time
from typing import Any, Callable, Dict, Optional, Tuple

from rhino_plugin.hosts.base import CancelCheck, RunResult, ScriptError

LOOPBACK = "127.0.0.1"
MAX_LINE = 8 * 1024 * 1024  # one request; a script is far smaller
DEFAULT_PORT = 54321
AUTH_TIMEOUT = 5.0  # seconds a new connection has to say hello


class BridgeError(Exception):
    """The bridge could not be reached, refused us, or broke the protocol."""


def token_path() -> str:
    """Where the running bridge writes its port and token (override: RHINOCODER_BRIDGE_FILE)."""
    override = os.environ.get("RHINOCODER_BRIDGE_FILE")
    if override:
        return override
    appdata = os.environ.get("APPDATA")
    folder = os.path.join(appdata, "RhinoCoder") if appdata else os.path.join(os.path.expanduser("~"), ".rhinocoder")
    return os.path.join(folder, "bridge.json")


def write_token_file(path: str, port: int, token: str) -> None:
    """Atomically write {"port", "token", "pid"} readable by the owner only (0600)."""
    folder = os.path.dirname(os.path.abspath(path))
    os.makedirs(folder, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".bridge-", dir=folder)  # mkstemp creates it 0600
    try:
        os.chmod(tmp, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump({"port": port, "token": token, "pid": os.getpid()}, handle)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def read_token_file(path: str) -> Dict[str, Any]:
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except OSError as exc:
        raise BridgeError("no bridge token file at %s (run RhinoCoderBridge in Rhino first): %s"
                          % (path, exc.strerror or exc))
    except ValueError:
        raise BridgeError("the bridge token file %s is not valid JSON" % path)
    if not isinstance(data, dict) or not isinstance(data.get("token"), str):
        raise BridgeError("the bridge token file %s has no token" % path)
    return data


def parse_address(text: str) -> Tuple[str, int]:
    """'127.0.0.1:54321' or ':54321' or '54321' -> ("127.0.0.1", 54321); loopback only."""
    host, _, port = text.strip().rpartition(":")
    host = host or LOOPBACK
    if host == "localhost":
        host = LOOPBACK
    if host != LOOPBACK:
        raise BridgeError("the bridge listens on 127.0.0.1 only (got %r)" % host)
    try:
        number = int(port)
    except ValueError:
        raise BridgeError("bad bridge address %r: expected HOST:PORT" % text)
    if not 0 < number < 65536:
        raise BridgeError("bad bridge port %d" % number)
    return host, number


# -- wire form of results -----------------------------------------------------------------------------


def result_to_wire(result: RunResult) -> Dict[str, Any]:
    d = result.to_dict()
    d["seconds"] = result.seconds
    if result.error is not None:
        d["error"]["source_line"] = result.error.source_line
    return d


def result_from_wire(d: Dict[str, Any]) -> RunResult:
    err = d.get("error")
    error = None
    if isinstance(err, dict):
        error = ScriptError(str(err.get("type", "Error")), str(err.get("message", "")), err.get("line"),
                            str(err.get("traceback") or ""), err.get("source_line"))
    return RunResult(ok=bool(d.get("ok")), stdout=str(d.get("stdout") or ""), error=error,
                     created=list(d.get("created") or []), deleted=list(d.get("deleted") or []),
                     modified=list(d.get("modified") or []), object_count=int(d.get("object_count") or 0),
                     seconds=float(d.get("seconds") or 0.0))


# -- server ---------------------------------------------------------------------------------------------


class _Connection(object):
    """One client: requests read on this thread; a run goes to its own thread so cancel can arrive."""

    def __init__(self, server: "BridgeServer", sock: socket.socket):
        self.server = server
        self.sock = sock
        self.reader = sock.makefile("rb")
        self.write_lock = threading.Lock()
        self.authed = False
        self.cancelled = threading.Event()
        self.run_thread = None  # type: Optional[threading.Thread]

    def send(self, obj: Dict[str, Any]) -> None:
        data = (json.dumps(obj) + "\n").encode("utf-8")
        with self.write_lock:
            try:
                self.sock.sendall(data)
            except OSError:
                pass  # the client went away; the reader loop ends

    def error(self, rid: Any, kind: str, message: str) -> None:
        self.send({"id": rid, "ok": False, "error": {"type": kind, "message": message}})

    def serve(self) -> None:
        try:
            self.sock.settimeout(self.server.auth_timeout)  # until hello: a silent client is dropped
            while not self.server.stopping:
                line = self.reader.readline(MAX_LINE + 1)
                if not line:
                    return
                if len(line) > MAX_LINE:
                    self.error(None, "bad-request", "request longer than %d bytes" % MAX_LINE)
                    return  # the rest of that line cannot be framed: close
                if not line.strip():
                    continue
                if not self.handle(line):
                    return
        except OSError:  # socket.timeout included: no hello in time
            return
        finally:
            self.cancelled.set()
            for close in (lambda: self.sock.shutdown(socket.SHUT_RDWR), self.reader.close, self.sock.close):
                try:
                    close()
                except OSError:
                    pass
            self.server.forget(self)

    def handle(self, line: bytes) -> bool:
        """Answer one line; False closes the connection."""
        try:
            request = json.loads(line.decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as exc:
            self.error(None, "bad-request", "not a JSON line: %s" % exc)
            return True
        except RecursionError:  # "[[[[...]]]]": json's recursive decoder gives up; the connection stays
            self.error(None, "bad-request", "the JSON is nested too deeply")
            return True
        if not isinstance(request, dict):
            self.error(None, "bad-request", "a request is a JSON object")
            return True
        rid, op = request.get("id"), request.get("op")
        if not self.authed:
            token = request.get("token")
            if op != "hello" or not isinstance(token, str) or not hmac.compare_digest(
                    token.encode("utf-8"), self.server.token.encode("utf-8")):
                self.error(rid, "auth", "wrong or missing token (read it from %s)" % self.server.token_file)
                return False
            self.authed = True
            self.sock.settimeout(None)  # an authenticated client may wait as long as it likes
            self.send({"id": rid, "ok": True, "result": {"host": getattr(self.server.host, "name", "host")}})
            return True
        args = request.get("args") or {}
        if not isinstance(args, dict):
            self.error(rid, "bad-request", "args must be an object")
            return True
        if op == "cancel":
            self.cancelled.set()
            return True
        if op == "run":
            return self.start_run(rid, args)
        if op in ("context", "undo_last", "can_undo_last", "ping"):
            self.answer(rid, op)
            return True
        self.error(rid, "bad-request", "unknown op %r (hello, context, run, cancel, undo_last)" % (op,))
        return True

    def answer(self, rid: Any, op: str) -> None:
        host = self.server.host
        try:
            if op == "context":
                result = host.context()  # type: Any
            elif op == "undo_last":
                result = bool(host.undo_last())
            elif op == "can_undo_last":
                can = getattr(host, "can_undo_last", None)
                result = bool(can()) if can is not None else None
            else:
                result = "pong"
        except Exception as exc:  # the host's failure is the client's answer, not our crash
            self.error(rid, "host", "%s: %s" % (type(exc).__name__, exc))
            return
        self.send({"id": rid, "ok": True, "result": result})

    def start_run(self, rid: Any, args: Dict[str, Any]) -> bool:
        code = args.get("code")
        timeout = args.get("timeout", 30.0)
        if not isinstance(code, str):
            self.error(rid, "bad-request", "run needs args.code (a string)")
            return True
        if isinstance(timeout, bool) or not isinstance(timeout, (int, float)) or not 0 < timeout <= 3600:
            self.error(rid, "bad-request", "args.timeout must be seconds between 0 and 3600")
            return True
        if self.run_thread is not None and self.run_thread.is_alive():
            self.error(rid, "busy", "a script is already running on this connection")
            return True
        self.cancelled.clear()

        def work() -> None:
            try:
                result = self.server.host.run(code, timeout=float(timeout), cancel=self.cancelled.is_set)
            except Exception as exc:
                self.error(rid, "host", "%s: %s" % (type(exc).__name__, exc))
                return
            self.send({"id": rid, "ok": True, "result": result_to_wire(result)})

        self.run_thread = threading.Thread(target=work, name="RhinoCoder-bridge-run", daemon=True)
        self.run_thread.start()
        return True


class BridgeServer(object):
    """Serves `host` on 127.0.0.1; one thread per client connection."""

    def __init__(self, host: Any, port: int = 0, token: Optional[str] = None, token_file: Optional[str] = None,
                 auth_timeout: float = AUTH_TIMEOUT):
        self.host = host
        self.port = port
        self.auth_timeout = auth_timeout
        self.token = token or secrets.token_urlsafe(32)
        self.token_file = token_file or token_path()
        self.stopping = False
        self._sock = None  # type: Optional[socket.socket]
        self._thread = None  # type: Optional[threading.Thread]
        self._connections = []  # type: list  # open connections only (each removes itself when it closes)
        self._connections_lock = threading.Lock()

    @property
    def address(self) -> str:
        return "%s:%d" % (LOOPBACK, self.port)

    def start(self) -> "BridgeServer":
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.bind((LOOPBACK, self.port))
        sock.listen(4)
        sock.settimeout(0.2)
        self._sock = sock
        self.port = sock.getsockname()[1]
        write_token_file(self.token_file, self.port, self.token)
        self._thread = threading.Thread(target=self._accept, name="RhinoCoder-bridge", daemon=True)
        self._thread.start()
        return self

    def _accept(self) -> None:
        while not self.stopping:
            try:
                client, _ = self._sock.accept()
            except socket.timeout:
                continue
            except OSError:
                return
            conn = _Connection(self, client)
            with self._connections_lock:
                self._connections.append(conn)
            threading.Thread(target=conn.serve, name="RhinoCoder-bridge-conn", daemon=True).start()

    def forget(self, conn: "_Connection") -> None:
        """A connection closed: drop it, so a long-running bridge does not keep every client ever seen."""
        with self._connections_lock:
            if conn in self._connections:
                self._connections.remove(conn)

    def stop(self) -> None:
        """Close the listener and every connection; remove our token file."""
        self.stopping = True
        if self._sock is not None:
            self._sock.close()
        with self._connections_lock:
            open_now = list(self._connections)
        for conn in open_now:
            conn.cancelled.set()
            try:
                conn.sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        if self._thread is not None:
            self._thread.join(2)
        try:
            if read_token_file(self.token_file).get("token") == self.token:
                os.unlink(self.token_file)
        except (BridgeError, OSError):
            pass


# -- client ---------------------------------------------------------------------------------------------


class BridgeHost(object):
    """The Host protocol over the bridge: what `rhinocoder chat --rhino` uses."""

    name = "bridge"

    def __init__(self, address: str = "%s:%d" % (LOOPBACK, DEFAULT_PORT), token: Optional[str] = None,
                 token_file: Optional[str] = None, connect_timeout: float = 5.0, reply_timeout: float = 60.0):
        self.host, self.port = parse_address(address)
        self.token = token if token is not None else read_token_file(token_file or token_path())["token"]
        self.reply_timeout = reply_timeout
        self._lock = threading.Lock()
        self._next_id = 0
        try:
            self._sock = socket.create_connection((self.host, self.port), timeout=connect_timeout)
        except OSError as exc:
            raise BridgeError("cannot reach the Rhino bridge at %s:%d (%s); run RhinoCoderBridge in Rhino"
                              % (self.host, self.port, exc.strerror or exc))
        self._sock.settimeout(0.1)  # short reads, so a waiting run still sees cancel
        self._buffer = b""
        hello = self._call("hello", None, token=self.token)
        self.remote_name = str(hello.get("host", "host")) if isinstance(hello, dict) else "host"

    # Host protocol
    def context(self) -> Dict[str, Any]:
        return self._call("context")

    def run(self, code: str, timeout: float = 30.0, cancel: Optional[CancelCheck] = None) -> RunResult:
        return result_from_wire(self._call("run", {"code": code, "timeout": timeout}, cancel=cancel,
                                           wait=timeout + self.reply_timeout))

    def undo_last(self) -> bool:
        return bool(self._call("undo_last"))

    def can_undo_last(self) -> bool:
        answer = self._call("can_undo_last")
        return True if answer is None else bool(answer)  # None: the remote host decides on undo

    def close(self) -> None:
        try:
            self._sock.close()
        except OSError:
            pass

    # plumbing
    def _send(self, obj: Dict[str, Any]) -> None:
        try:
            self._sock.settimeout(30.0)
            self._sock.sendall((json.dumps(obj) + "\n").encode("utf-8"))
        except OSError as exc:
            raise BridgeError("the Rhino bridge closed the connection (%s)" % exc)
        finally:
            try:
                self._sock.settimeout(0.1)
            except OSError:
                pass

    def _line(self) -> Optional[bytes]:
        """One complete line, or None when none arrived within the socket's short timeout."""
        while b"\n" not in self._buffer:
            if len(self._buffer) > MAX_LINE:
                raise BridgeError("the Rhino bridge sent an oversized reply")
            try:
                chunk = self._sock.recv(65536)
            except socket.timeout:
                return None
            except OSError as exc:
                raise BridgeError("the Rhino bridge connection failed (%s)" % exc)
            if not chunk:
                raise BridgeError("the Rhino bridge closed the connection")
            self._buffer += chunk
        line, _, self._buffer = self._buffer.partition(b"\n")
        return line

    def _call(self, op: str, args: Optional[Dict[str, Any]] = None, cancel: Optional[Callable[[], bool]] = None,
              wait: Optional[float] = None, **extra: Any) -> Any:
        with self._lock:
            self._next_id += 1
            rid = self._next_id
            request = {"id": rid, "op": op}  # type: Dict[str, Any]
            if args is not None:
                request["args"] = args
            request.update(extra)
            self._send(request)
            deadline = time.monotonic() + (wait or self.reply_timeout)
            cancel_sent = False
            while True:
                if cancel is not None and not cancel_sent and cancel():
                    self._send({"op": "cancel"})
                    cancel_sent = True
                if time.monotonic() > deadline:
                    raise BridgeError("no answer from the Rhino bridge to %r" % op)
                line = self._line()
                if line is None:
                    continue
                try:
                    reply = json.loads(line.decode("utf-8"))
                except ValueError:
                    raise BridgeError("the Rhino bridge sent a line that is not JSON")
                if reply.get("id") not in (rid, None):
                    continue  # an answer to an earlier, abandoned request
                if not reply.get("ok"):
                    err = reply.get("error") or {}
                    raise BridgeError("%s: %s" % (err.get("type", "error"), err.get("message", "")))
                return reply.get("result")


__all__ = ["BridgeError", "BridgeHost", "BridgeServer", "parse_address", "read_token_file", "token_path",
           "write_token_file"]
