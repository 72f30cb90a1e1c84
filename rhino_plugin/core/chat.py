"""OpenAI-compatible chat client over urllib: streaming (SSE), timeouts, cancel, API key.

Works against `rhinocoder-server` and any OpenAI-compatible endpoint (vLLM, LM Studio, ...).
The opener has `ProxyHandler({})`: a system proxy must never capture 127.0.0.1 traffic.

    client = ChatClient("http://127.0.0.1:8080")
    stream = client.stream(messages, temperature=0.2, cancel=event)
    for piece in stream:            # text deltas as they arrive
        ...
    stream.text, stream.finish_reason

Standard library only; Python 3.9.
"""
import http.client
import json
import socket
import threading
import urllib.error
import urllib.parse
import urllib.request
from typing import Any, Callable, Dict, Iterator, List, Optional, Union

DEFAULT_URL = "http://127.0.0.1:8080"
CancelLike = Union[threading.Event, Callable[[], bool], None]


class ChatError(Exception):
    """A clear, user-facing failure talking to the model server.

    kind: "unreachable" | "http" | "stream" | "timeout" | "cancelled" | "bad-reply"
    """

    def __init__(self, message: str, kind: str = "stream", status: Optional[int] = None):
        super().__init__(message)
        self.kind = kind
        self.status = status


class ChatCancelled(ChatError):
    def __init__(self, message: str = "generation cancelled"):
        super().__init__(message, kind="cancelled")


def normalize_base_url(url: str) -> str:
    """'127.0.0.1:8080', 'http://host:8080' and 'http://host:8080/v1/' all become 'http://host:8080/v1'."""
    url = (url or DEFAULT_URL).strip()
    if "://" not in url:
        url = "http://" + url
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ChatError("not an http(s) URL: %r" % url, kind="unreachable")
    path = parts.path.rstrip("/")
    if not path:
        path = "/v1"
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, path, "", ""))


class SSEParser:
    """Server-sent events, line by line: comments, multi-line data, event names, CRLF.

    `feed(line)` returns the finished events (dicts with "event" and "data") a blank line closes.
    """

    def __init__(self) -> None:
        self._data = []  # type: List[str]
        self._event = ""

    def feed(self, line: str) -> List[Dict[str, str]]:
        line = line.rstrip("\r\n")
        if not line:
            return self.flush()
        if line.startswith(":"):
            return []
        field, _, value = line.partition(":")
        if value.startswith(" "):
            value = value[1:]
        if field == "data":
            self._data.append(value)
        elif field == "event":
            self._event = value
        return []

    def flush(self) -> List[Dict[str, str]]:
        if not self._data:
            self._event = ""
            return []
        out = [{"event": self._event or "message", "data": "\n".join(self._data)}]
        self._data, self._event = [], ""
        return out


def _error_text(obj: Any) -> str:
    """The message inside an OpenAI / FastAPI error body."""
    if isinstance(obj, dict):
        err = obj.get("error", obj.get("detail", obj.get("message")))
        if isinstance(err, dict):
            return str(err.get("message") or err.get("msg") or err)
        if isinstance(err, list) and err and isinstance(err[0], dict):  # FastAPI validation errors
            return "; ".join(str(e.get("msg", e)) for e in err)
        if err is not None:
            return str(err)
    return str(obj)


class _Timed(object):
    """Connects within `timeout` (the connect timeout), then reads with `read_timeout`."""

    read_timeout = None  # type: Optional[float]
    opened = None  # type: Optional[List[Any]]

    def connect(self) -> None:
        super().connect()  # type: ignore
        if self.read_timeout is not None:
            self.sock.settimeout(self.read_timeout)  # type: ignore
        if self.opened is not None:
            self.opened.append(self.sock)  # type: ignore


class _TimedConnection(_Timed, http.client.HTTPConnection):
    pass


class _TimedHTTPSConnection(_Timed, http.client.HTTPSConnection):
    pass


def _factory(cls, read_timeout, opened):
    def make(host, **kw):
        conn = cls(host, **kw)
        conn.read_timeout = read_timeout
        conn.opened = opened
        return conn
    return make


class _HTTPHandler(urllib.request.HTTPHandler):
    def __init__(self, read_timeout, opened):
        super().__init__()
        self._make = _factory(_TimedConnection, read_timeout, opened)

    def http_open(self, req):
        return self.do_open(self._make, req)


class _HTTPSHandler(urllib.request.HTTPSHandler):
    def __init__(self, read_timeout, opened):
        super().__init__()
        self._make = _factory(_TimedHTTPSConnection, read_timeout, opened)

    def https_open(self, req):
        return self.do_open(self._make, req, context=self._context)


def _is_cancelled(cancel: CancelLike) -> bool:
    if cancel is None:
        return False
    if isinstance(cancel, threading.Event):
        return cancel.is_set()
    return bool(cancel())


class ChatStream:
    """One streaming completion: iterate for text deltas; then read `text`, `finish_reason`."""

    def __init__(self, client: "ChatClient", body: Dict[str, Any], cancel: CancelLike):
        self._client = client
        self._body = body
        self._cancel = cancel
        self._response = None  # type: Any
        self._sockets = []  # type: List[Any]
        self._done = threading.Event()
        self.pieces = []  # type: List[str]
        self.finish_reason = None  # type: Optional[str]
        self.usage = None  # type: Optional[Dict[str, Any]]
        self.model = None  # type: Optional[str]
        self.cancelled = False

    @property
    def text(self) -> str:
        return "".join(self.pieces)

    def close(self) -> None:
        """Stop reading; the server sees the disconnect and stops generating.

        Call it from the reading thread; other threads cancel through `cancel`."""
        self._interrupt()
        if self._response is not None:
            try:
                self._response.close()
            except Exception:  # closing a half-read response can raise anything; we are done with it
                pass

    def _interrupt(self) -> None:
        # Shutting the socket down wakes a blocked read in the reading thread (it sees EOF).
        self._done.set()
        for sock in self._sockets:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def _watch(self) -> None:
        # Cancel must work while the read blocks: shut the socket down from this thread.
        while not self._done.is_set():
            if _is_cancelled(self._cancel):
                self.cancelled = True
                self._interrupt()
                return
            if isinstance(self._cancel, threading.Event):
                self._cancel.wait(0.05)
            else:
                self._done.wait(0.05)

    def __iter__(self) -> Iterator[str]:
        if _is_cancelled(self._cancel):
            self.cancelled = True
            raise ChatCancelled()
        self._response = self._client._open("/chat/completions", self._body, self._sockets)
        watcher = None
        if self._cancel is not None:
            watcher = threading.Thread(target=self._watch, name="chat-cancel", daemon=True)
            watcher.start()
        try:
            ctype = self._response.headers.get("Content-Type", "")
            if "text/event-stream" not in ctype:  # server ignored stream=true: one JSON answer
                text = self._client._read_json_reply(self._response, self)
                if text:
                    self.pieces.append(text)
                    yield text
                return
            for piece in self._events():
                self.pieces.append(piece)
                yield piece
                if _is_cancelled(self._cancel):
                    self.cancelled = True
                    break
        except (OSError, ValueError, AttributeError, http.client.HTTPException) as exc:
            if self.cancelled or _is_cancelled(self._cancel):
                self.cancelled = True
            elif isinstance(exc, AttributeError):  # only a cancel's shutdown excuses this one
                raise
            elif isinstance(exc, socket.timeout):
                raise ChatError("the model server sent nothing for %.0f s (read timeout)"
                                % self._client.read_timeout, kind="timeout")
            else:
                raise ChatError("the connection to the model server broke: %s" % exc, kind="stream")
        finally:
            self.close()
        if self.cancelled:
            raise ChatCancelled()

    def _events(self) -> Iterator[str]:
        parser = SSEParser()
        saw_done = False
        for raw in self._response:
            for event in parser.feed(raw.decode("utf-8", "replace")):
                if event["data"].strip() == "[DONE]":
                    saw_done = True
                    return
                yield from self._handle(event)
        for event in parser.flush():
            if event["data"].strip() == "[DONE]":
                saw_done = True
                break
            yield from self._handle(event)
        if not saw_done and self.finish_reason is None and not self.cancelled:
            raise ChatError("the model server closed the stream before it finished", kind="stream")

    def _handle(self, event: Dict[str, str]) -> Iterator[str]:
        try:
            obj = json.loads(event["data"])
        except ValueError:
            if event["event"] == "error":
                raise ChatError("the model server reported an error: %s" % event["data"][:300], kind="stream")
            raise ChatError("the model server sent data that is not JSON: %r" % event["data"][:200], kind="bad-reply")
        if event["event"] == "error" or (isinstance(obj, dict) and "error" in obj):
            raise ChatError("the model server reported an error: %s" % _error_text(obj), kind="stream")
        if not isinstance(obj, dict):
            return
        self.model = obj.get("model", self.model)
        if obj.get("usage"):
            self.usage = obj["usage"]
        for choice in obj.get("choices") or []:
            delta = choice.get("delta") or choice.get("message") or {}
            piece = delta.get("content")
            if piece:
                yield piece
            if choice.get("finish_reason"):
                self.finish_reason = choice["finish_reason"]


class ChatClient:
    """A small OpenAI-compatible chat client: `stream()`, `complete()`, `models()`, `health()`."""

    def __init__(self, base_url: str = DEFAULT_URL, model: Optional[str] = None, api_key: Optional[str] = None,
                 connect_timeout: float = 5.0, read_timeout: float = 120.0):
        self.base_url = normalize_base_url(base_url)
        self.model = model
        self.api_key = api_key
        self.connect_timeout = connect_timeout
        self.read_timeout = read_timeout

    # -- requests -------------------------------------------------------------------------------
    def _body(self, messages: List[Dict[str, str]], stream: bool, **params: Any) -> Dict[str, Any]:
        body = {"model": self.model or "default", "messages": messages, "stream": stream}  # type: Dict[str, Any]
        for key, value in params.items():
            if value is not None:
                body[key] = value
        return body

    def stream(self, messages: List[Dict[str, str]], temperature: Optional[float] = None,
               max_tokens: Optional[int] = None, cancel: CancelLike = None, **params: Any) -> ChatStream:
        """A lazy streaming completion; the request is sent when iteration starts."""
        body = self._body(messages, True, temperature=temperature, max_tokens=max_tokens, **params)
        return ChatStream(self, body, cancel)

    def complete(self, messages: List[Dict[str, str]], temperature: Optional[float] = None,
                 max_tokens: Optional[int] = None, **params: Any) -> str:
        """Non-streaming completion: the whole reply text."""
        body = self._body(messages, False, temperature=temperature, max_tokens=max_tokens, **params)
        response = self._open("/chat/completions", body, [])
        try:
            return self._read_json_reply(response, None)
        finally:
            response.close()

    def models(self) -> List[str]:
        response = self._open("/models", None, [])
        try:
            obj = self._load(response.read())
        finally:
            response.close()
        return [m.get("id", "") for m in obj.get("data", []) if isinstance(m, dict)]

    def health(self) -> bool:
        """True when the server answers 200 on /health (or, for other servers, /v1/models)."""
        parts = urllib.parse.urlsplit(self.base_url)
        root = urllib.parse.urlunsplit((parts.scheme, parts.netloc, "", "", ""))
        for url in (root + "/health", self.base_url + "/models"):
            try:
                with self._opener([]).open(urllib.request.Request(url), timeout=self.connect_timeout) as r:
                    if r.status == 200:
                        return True
            except (OSError, http.client.HTTPException):
                continue
        return False

    # -- plumbing -------------------------------------------------------------------------------
    def _opener(self, sockets: List[Any]):
        return urllib.request.build_opener(urllib.request.ProxyHandler({}),
                                           _HTTPHandler(self.read_timeout, sockets),
                                           _HTTPSHandler(self.read_timeout, sockets))

    def _open(self, path: str, body: Optional[Dict[str, Any]], sockets: List[Any]):
        url = self.base_url + path
        headers = {"Accept": "text/event-stream, application/json"}
        data = None
        if body is not None:
            data = json.dumps(body).encode("utf-8")
            headers["Content-Type"] = "application/json"
        if self.api_key:
            headers["Authorization"] = "Bearer " + self.api_key
        req = urllib.request.Request(url, data=data, headers=headers, method="POST" if data else "GET")
        try:
            return self._opener(sockets).open(req, timeout=self.connect_timeout)
        except urllib.error.HTTPError as exc:
            detail = ""
            try:
                raw = exc.read()
                try:
                    detail = _error_text(json.loads(raw))
                except ValueError:
                    detail = raw.decode("utf-8", "replace").strip()[:300]
            except OSError:
                pass
            finally:
                exc.close()
            raise ChatError("the model server at %s answered %d %s%s" % (
                self.base_url, exc.code, exc.reason, (": " + detail) if detail else ""), kind="http", status=exc.code)
        except urllib.error.URLError as exc:
            reason = exc.reason
            if isinstance(reason, socket.timeout):
                raise ChatError("no answer from the model server at %s within %.0f s" % (
                    self.base_url, self.connect_timeout), kind="timeout")
            raise ChatError("cannot reach the model server at %s (%s). Start one with `rhinocoder-server` "
                            "or pass --server URL." % (self.base_url, getattr(reason, "strerror", None) or reason),
                            kind="unreachable")
        except socket.timeout:
            raise ChatError("no answer from the model server at %s within %.0f s" % (
                self.base_url, self.read_timeout), kind="timeout")
        except (OSError, http.client.HTTPException) as exc:
            raise ChatError("cannot talk to the model server at %s: %s" % (self.base_url, exc), kind="unreachable")

    @staticmethod
    def _load(raw: bytes) -> Dict[str, Any]:
        try:
            obj = json.loads(raw.decode("utf-8", "replace"))
        except ValueError:
            raise ChatError("the model server sent a reply that is not JSON: %r" % raw[:200], kind="bad-reply")
        if not isinstance(obj, dict):
            raise ChatError("the model server sent an unexpected reply: %r" % raw[:200], kind="bad-reply")
        if "error" in obj:
            raise ChatError("the model server reported an error: %s" % _error_text(obj), kind="stream")
        return obj

    def _read_json_reply(self, response, stream: Optional[ChatStream]) -> str:
        try:
            obj = self._load(response.read())
        except socket.timeout:
            raise ChatError("the model server sent nothing for %.0f s (read timeout)" % self.read_timeout,
                            kind="timeout")
        choices = obj.get("choices") or []
        if not choices:
            raise ChatError("the model server's reply has no choices", kind="bad-reply")
        choice = choices[0]
        if stream is not None:
            stream.finish_reason = choice.get("finish_reason")
            stream.usage = obj.get("usage")
            stream.model = obj.get("model")
        message = choice.get("message") or {}
        return message.get("content") or choice.get("text") or ""
