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

Limits, so that no client can hold the bridge open or make it hold much memory:
- Every connection must say hello with the right token first, within `auth_timeout` seconds of
  connecting (a deadline, not a silence: dripping bytes does not extend it), in a line of at most
  MAX_HELLO_LINE bytes. A wrong token, a line that is not a hello, too long, or not JSON, is
  answered and the connection closed; a connection that says nothing in time is closed.
- After hello a request line may be MAX_LINE bytes. A line that is not a JSON object (deeply nested
  JSON included), an unknown op or bad arguments gets an
  `{"ok": false, "error": {"type": "bad-request", "message": ...}}` reply and the connection stays.
- An authenticated connection that sends nothing for `idle_timeout` seconds while no script of
  its own runs is closed; the client (BridgeHost) reconnects on its next call.
- At most `max_connections` connections at once (authenticated or not); one more is answered
  `{"ok": false, "error": {"type": "busy", ...}}` and closed. Closed connections are dropped
  from the server's list.
- A reply never exceeds MAX_LINE bytes: a run result that would (a script that printed 100 MB) is
  cut, stdout first, with a note in the text saying how much was cut; the run's outcome is kept.

Standard library only; Python 3.9; binds 127.0.0.1 only.
"""
import hmac
import json
import os
import secrets
import socket
import threading
import time
from typing import Any, Callable, Dict, Optional, Tuple

from rhino_plugin.core.files import write_atomic
from rhino_plugin.core.host import CancelCheck, RunResult, ScriptError

LOOPBACK = "127.0.0.1"
MAX_LINE = 8 * 1024 * 1024  # one request or reply after hello; a script is far smaller
MAX_HELLO_LINE = 4096  # one line before hello (a hello is under 100 bytes)
DEFAULT_PORT = 54321
AUTH_TIMEOUT = 5.0  # seconds a new connection has to say hello
IDLE_TIMEOUT = 300.0  # seconds an authenticated connection may stay silent (no script running)
MAX_CONNECTIONS = 8  # open connections at once
CUT_NOTE = "\n[... %d characters cut by the RhinoCoder bridge: a reply is at most %d bytes ...]\n"


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
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    write_atomic(path, json.dumps({"port": port, "token": token, "pid": os.getpid()}), perm=0o600)


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


def _cut(text: str, keep: int, limit: int) -> str:
    """`text` with its middle replaced by a note, keeping about `keep` characters (head and tail)."""
    keep = max(0, keep)
    head = keep // 2
    tail = keep - head
    return text[:head] + CUT_NOTE % (len(text) - keep, limit) + (text[len(text) - tail:] if tail else "")


def encode_reply(obj: Dict[str, Any], limit: int = MAX_LINE) -> bytes:
    """One reply line of at most `limit` bytes. A run result that is too big loses text from the
    middle of its stdout, then of its traceback and message, then ids beyond the first 1000 of its
    created/deleted/modified lists (`result["cut"]` says how long each was); anything else that is
    too big becomes an error reply."""
    data = (json.dumps(obj) + "\n").encode("utf-8")
    if len(data) <= limit:
        return data
    result = obj.get("result")
    if obj.get("ok") and isinstance(result, dict) and "stdout" in result:
        result = dict(result)
        error = dict(result["error"]) if isinstance(result.get("error"), dict) else None
        result["error"] = error
        fields = [(result, "stdout")] + ([(error, "traceback"), (error, "message")] if error else [])
        original = {key: str(owner.get(key) or "") for owner, key in fields}
        kept = dict((key, len(text)) for key, text in original.items())
        cut = {}  # type: Dict[str, int]
        for _ in range(16):
            excess = len(data) - limit
            if excess <= 0:
                break
            # the text that encodes biggest gives up enough characters for the excess, if it can;
            # else the id lists are cut to their first 1000; else texts are cut to the note
            size, owner, key = max(((len(json.dumps(owner.get(key) or "")), owner, key) for owner, key in fields),
                                   key=lambda t: t[0])
            lists = [name for name in ("created", "deleted", "modified") if len(result.get(name) or []) > 1000]
            if size > excess + 4 * len(CUT_NOTE) or (not lists and size > 4 * len(CUT_NOTE)):
                ratio = size / max(1, len(owner.get(key) or ""))  # encoded bytes per character (escapes: up to 6)
                kept[key] = max(0, kept[key] - int((excess + 2 * len(CUT_NOTE)) / ratio) - 1)
                owner[key] = _cut(original[key], kept[key], limit)
                cut[key] = len(original[key])
            elif lists:
                for name in lists:
                    cut[name] = len(result[name])
                    result[name] = list(result[name][:1000])
            else:
                break
            result["cut"] = cut
            data = (json.dumps(dict(obj, result=result)) + "\n").encode("utf-8")
        if len(data) <= limit:
            return data
    return (json.dumps({"id": obj.get("id"), "ok": False, "error": {
        "type": "too-large", "message": "the reply is larger than %d bytes" % limit}}) + "\n").encode("utf-8")


# -- server ---------------------------------------------------------------------------------------------


def _close_gently(sock: socket.socket, drain: float) -> None:
    """Close after a last reply: end our side, read what the client still sends for up to `drain`
    seconds (closing with unread input resets the connection, and the client may lose the reply),
    then close."""
    try:
        sock.shutdown(socket.SHUT_WR)
        if drain > 0:
            sock.settimeout(drain)
            deadline = time.monotonic() + drain
            while time.monotonic() < deadline and sock.recv(65536):
                pass
    except OSError:  # socket.timeout included
        pass
    finally:
        try:
            sock.close()
        except OSError:
            pass


class _TooLong(Exception):
    """A line longer than the limit of the moment."""


class _Connection(object):
    """One client: requests read on this thread; a run goes to its own thread so cancel can arrive."""

    def __init__(self, server: "BridgeServer", sock: socket.socket):
        self.server = server
        self.sock = sock
        self.buffer = bytearray()  # received bytes not yet framed into a line
        self.write_lock = threading.Lock()
        self.authed = False
        self.cancelled = threading.Event()
        self.run_thread = None  # type: Optional[threading.Thread]

    def send(self, obj: Dict[str, Any]) -> None:
        data = encode_reply(obj)
        with self.write_lock:
            try:
                self.sock.sendall(data)
            except OSError:
                pass  # the client went away; the reader loop ends

    def error(self, rid: Any, kind: str, message: str) -> None:
        self.send({"id": rid, "ok": False, "error": {"type": kind, "message": message}})

    def running(self) -> bool:
        return self.run_thread is not None and self.run_thread.is_alive()

    def read_line(self, limit: int, deadline: Optional[float] = None) -> Optional[bytes]:
        """The next line (without its newline), None at end of stream; raises _TooLong when more
        than `limit` bytes come without a newline, socket.timeout when the socket's timeout passes
        with nothing received or, given a `deadline` (time.monotonic()), when that passes."""
        start = 0
        while True:
            end = self.buffer.find(b"\n", start)
            if end >= 0:
                line = bytes(self.buffer[:end])
                del self.buffer[:end + 1]
                if len(line) > limit:
                    raise _TooLong()
                return line
            if len(self.buffer) > limit:
                raise _TooLong()
            start = len(self.buffer)
            if deadline is not None:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise socket.timeout("deadline")
                self.sock.settimeout(left)
            chunk = self.sock.recv(65536)
            if not chunk:
                return None
            self.buffer.extend(chunk)

    def serve(self) -> None:
        deadline = time.monotonic() + self.server.auth_timeout  # hello by then, however bytes trickle
        try:
            while not self.server.stopping:
                if self.authed:
                    limit, until = MAX_LINE, None
                    self.sock.settimeout(self.server.idle_timeout)
                else:
                    limit, until = MAX_HELLO_LINE, deadline
                try:
                    line = self.read_line(limit, until)
                except socket.timeout:
                    if self.authed and self.running():
                        continue  # quiet while its script runs: not idle
                    return  # no hello in time, or idle: close (the client reconnects)
                except _TooLong:
                    self.error(None, "bad-request", "request longer than %d bytes%s"
                               % (limit, "" if self.authed else " before hello"))
                    return  # the rest of that line cannot be framed: close
                if line is None:
                    return
                if not line.strip():
                    continue
                if not self.handle(line):
                    return
        except OSError:
            return
        finally:
            self.cancelled.set()
            _close_gently(self.sock, 0.0 if self.server.stopping else 0.2)
            self.server.forget(self)

    def handle(self, line: bytes) -> bool:
        """Answer one line; False closes the connection (every bad line before hello does)."""
        try:
            request = json.loads(line.decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as exc:
            self.error(None, "bad-request", "not a JSON line: %s" % exc)
            return self.authed
        except RecursionError:  # "[[[[...]]]]": json's recursive decoder gives up; the connection stays
            self.error(None, "bad-request", "the JSON is nested too deeply")
            return self.authed
        if not isinstance(request, dict):
            self.error(None, "bad-request", "a request is a JSON object")
            return self.authed
        rid, op = request.get("id"), request.get("op")
        if not self.authed:
            token = request.get("token")
            if op != "hello" or not isinstance(token, str) or not hmac.compare_digest(
                    token.encode("utf-8", "surrogatepass"), self.server.token.encode("utf-8")):
                self.error(rid, "auth", "wrong or missing token (read it from %s)" % self.server.token_file)
                return False
            self.authed = True
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
    """Serves `host` on 127.0.0.1; one thread per client connection, at most `max_connections`."""

    def __init__(self, host: Any, port: int = 0, token: Optional[str] = None, token_file: Optional[str] = None,
                 auth_timeout: float = AUTH_TIMEOUT, idle_timeout: float = IDLE_TIMEOUT,
                 max_connections: int = MAX_CONNECTIONS):
        self.host = host
        self.port = port
        self.auth_timeout = auth_timeout
        self.idle_timeout = idle_timeout
        self.max_connections = max_connections
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
                full = len(self._connections) >= self.max_connections
                if not full:
                    self._connections.append(conn)
            if full:
                self._refuse(client)
                continue
            threading.Thread(target=conn.serve, name="RhinoCoder-bridge-conn", daemon=True).start()

    def _refuse(self, client: socket.socket) -> None:
        """Answer a connection over the cap and close it (never blocking the accept loop long)."""
        try:
            client.settimeout(1.0)
            client.sendall(encode_reply({"id": None, "ok": False, "error": {
                "type": "busy", "message": "the bridge has %d connections open, its limit: close another "
                                           "client first" % self.max_connections}}))
        except OSError:
            pass
        _close_gently(client, 0.1)

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
        self.connect_timeout = connect_timeout
        self._lock = threading.RLock()  # _call may reconnect, which says hello through _call
        self._next_id = 0
        self._connect()

    def _connect(self) -> None:
        try:
            self._sock = socket.create_connection((self.host, self.port), timeout=self.connect_timeout)
        except OSError as exc:
            raise BridgeError("cannot reach the Rhino bridge at %s:%d (%s); run RhinoCoderBridge in Rhino"
                              % (self.host, self.port, exc.strerror or exc))
        self._sock.settimeout(0.1)  # short reads, so a waiting run still sees cancel
        self._buffer = bytearray()
        self._scanned = 0  # bytes of _buffer known to hold no newline
        hello = self._call("hello", None, reconnect=False, token=self.token)
        self.remote_name = str(hello.get("host", "host")) if isinstance(hello, dict) else "host"

    def _closed_by_bridge(self) -> bool:
        """True when the bridge has closed this connection (after IDLE_TIMEOUT of silence, or on
        its way down) and nothing it sent is left to read: a look at the socket, no wait."""
        if self._buffer:
            return False
        try:
            self._sock.setblocking(False)
            return self._sock.recv(1, socket.MSG_PEEK) == b""
        except (BlockingIOError, InterruptedError):
            return False  # open, nothing to read
        except OSError:
            return True  # reset
        finally:
            try:
                self._sock.settimeout(0.1)
            except OSError:
                pass

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
        while True:
            end = self._buffer.find(b"\n", self._scanned)
            if end >= 0:
                line = bytes(self._buffer[:end])
                del self._buffer[:end + 1]
                self._scanned = 0
                return line
            self._scanned = len(self._buffer)
            if len(self._buffer) > MAX_LINE:  # the bridge cuts its replies to fit: not ours
                raise BridgeError("the Rhino bridge sent an oversized reply")
            try:
                chunk = self._sock.recv(65536)
            except socket.timeout:
                return None
            except OSError as exc:
                raise BridgeError("the Rhino bridge connection failed (%s)" % exc)
            if not chunk:
                raise BridgeError("the Rhino bridge closed the connection")
            self._buffer.extend(chunk)

    def _call(self, op: str, args: Optional[Dict[str, Any]] = None, cancel: Optional[Callable[[], bool]] = None,
              wait: Optional[float] = None, reconnect: bool = True, **extra: Any) -> Any:
        with self._lock:
            if reconnect and self._closed_by_bridge():
                # The bridge closed an idle connection before this request was sent: nothing of it
                # ran, so connecting again and sending it is safe.
                self.close()
                self._connect()
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
