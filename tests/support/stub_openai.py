"""A scripted OpenAI-compatible HTTP server on 127.0.0.1 for driving exact turn sequences.

Each POST /v1/chat/completions takes the next item of `replies`:
- a str: the reply text, streamed as real SSE chunks (or one JSON body when stream=false);
- a Reply(...): the same with options (chunk size, delay, an error mid-stream, an HTTP status,
  a stream that never finishes, a server that ignores stream=true).
Every request body is kept in `requests` so tests can assert on messages and temperatures.

    with StubOpenAI(["```python\\nx = 1\\n```"]) as stub:
        ChatClient(stub.url) ...
"""
import json
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Dict, List, Optional, Union


@dataclass
class Reply:
    text: str = ""
    chunk: int = 7  # characters per SSE chunk
    delay: float = 0.0  # seconds between chunks
    status: int = 200  # non-200: answer with an OpenAI error body instead
    error_after: Optional[int] = None  # send an in-stream error object after this many chunks
    hang_after: Optional[int] = None  # stop sending (keep the connection open) after this many chunks
    no_done: bool = False  # close the stream without [DONE] and without finish_reason
    ignore_stream: bool = False  # answer one JSON body even when stream=true
    comments: bool = True  # interleave ": keep-alive" comment lines
    multiline: bool = False  # split each data payload over two `data:` lines
    raw: Optional[str] = None  # send exactly this SSE body instead of chunks of `text`


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args: Any) -> None:  # keep test output clean
        pass

    def _json(self, status: int, obj: Dict[str, Any]) -> None:
        raw = json.dumps(obj).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(raw)))
        self.end_headers()
        self.wfile.write(raw)

    def do_GET(self) -> None:
        if self.path == "/health":
            self._json(200, {"status": "ok"})
        elif self.path == "/v1/models":
            self._json(200, {"object": "list", "data": [{"id": "stub-model", "object": "model"}]})
        else:
            self._json(404, {"error": {"message": "no route %s" % self.path}})

    def do_POST(self) -> None:
        stub = self.server.stub  # type: ignore[attr-defined]
        length = int(self.headers.get("Content-Length") or 0)
        body = json.loads(self.rfile.read(length) or b"{}")
        stub.requests.append({"body": body, "headers": dict(self.headers)})
        if self.path != "/v1/chat/completions":
            self._json(404, {"error": {"message": "no route %s" % self.path}})
            return
        reply = stub.next_reply()
        if reply.status != 200:
            self._json(reply.status, {"error": {"message": reply.text or "scripted failure", "type": "stub"}})
            return
        if not body.get("stream") or reply.ignore_stream:
            self._json(200, {"id": "stub", "object": "chat.completion", "model": "stub-model",
                             "choices": [{"index": 0, "finish_reason": "stop",
                                          "message": {"role": "assistant", "content": reply.text}}]})
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-cache")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        if reply.raw is not None:
            self._send(reply.raw)
            return
        pieces = [reply.text[i:i + reply.chunk] for i in range(0, len(reply.text), reply.chunk)] or [""]
        try:
            self._send(": stub stream\n\n" if reply.comments else "")
            for n, piece in enumerate(pieces):
                if reply.error_after is not None and n == reply.error_after:
                    self._send("data: %s\n\n" % json.dumps({"error": {"message": "scripted stream error"}}))
                    return
                if reply.hang_after is not None and n == reply.hang_after:
                    stub.hanging.set()
                    while not stub.stopping.wait(0.05):
                        pass
                    return
                data = json.dumps({"id": "stub", "object": "chat.completion.chunk", "model": "stub-model",
                                   "choices": [{"index": 0, "delta": {"content": piece}, "finish_reason": None}]})
                if reply.multiline:  # JSON allows a newline between tokens; SSE joins data lines with \n
                    head, _, tail = data.partition(",")
                    self._send("data: %s,\ndata: %s\n\n" % (head, tail))
                else:
                    self._send("data: %s\n\n" % data)
                if reply.comments and n % 3 == 0:
                    self._send(": keep-alive\n\n")
                if reply.delay:
                    time.sleep(reply.delay)
            if reply.no_done:
                return
            end = {"id": "stub", "object": "chat.completion.chunk", "model": "stub-model",
                   "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]}
            self._send("data: %s\n\ndata: [DONE]\n\n" % json.dumps(end))
        except (BrokenPipeError, ConnectionResetError):
            stub.disconnects += 1

    def _send(self, text: str) -> None:
        if text:
            self.wfile.write(text.encode())
            self.wfile.flush()


class StubOpenAI:
    """Start with `with StubOpenAI(replies) as stub:`; `stub.url` is the base URL."""

    def __init__(self, replies: List[Union[str, Reply]]):
        self.replies = [r if isinstance(r, Reply) else Reply(r) for r in replies]
        self.requests = []  # type: List[Dict[str, Any]]
        self.disconnects = 0
        self.hanging = threading.Event()
        self.stopping = threading.Event()
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self._server.daemon_threads = True
        self._server.stub = self  # type: ignore[attr-defined]
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return "http://127.0.0.1:%d" % self._server.server_address[1]

    def next_reply(self) -> Reply:
        with self._lock:
            if not self.replies:
                return Reply("no more scripted replies", status=500)
            return self.replies.pop(0)

    def bodies(self) -> List[Dict[str, Any]]:
        return [r["body"] for r in self.requests]

    def start(self) -> "StubOpenAI":
        self._thread.start()
        return self

    def stop(self) -> None:
        self.stopping.set()
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> "StubOpenAI":
        return self.start()

    def __exit__(self, *exc: Any) -> None:
        self.stop()
