"""The HTTP layer: OpenAI-compatible routes over an `Engine`. It parses, checks and formats only.

`create_app(engine, settings)` returns a FastAPI app. Routes: `POST /v1/chat/completions`
(JSON or SSE), `GET /v1/models`, `GET /health`, `GET /metrics`, and FastAPI's `/openapi.json`
and `/docs`. Every error is OpenAI's error JSON; bad input is a 4xx with a reason, never a 5xx.
"""
import asyncio
import hmac
import json
import logging
import threading
import time
import uuid
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, PlainTextResponse
from sse_starlette.sse import EventSourceResponse
from starlette.background import BackgroundTask
from starlette.exceptions import HTTPException as StarletteHTTPException

from model_server.engine import Engine, Finished, GenerationParams, QueueFull
from model_server.schemas import ChatCompletionRequest, LimitError, Limits, check_limits

log = logging.getLogger("rhinocoder.server")

# Poll interval for a non-streaming client that went away while its answer was generated.
DISCONNECT_POLL_S = 0.05
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1")


@dataclass
class Settings:
    api_key: Optional[str] = None
    max_body_bytes: int = 2_000_000
    limits: Limits = field(default_factory=Limits)
    cors_origins: List[str] = field(default_factory=list)   # empty: CORS off
    # Host names a request may address (the Host header, port aside); None: any. Loopback by
    # default, so a web page cannot reach a local server through DNS rebinding.
    allowed_hosts: Optional[List[str]] = field(default_factory=lambda: list(LOOPBACK_NAMES))
    ping_seconds: float = 15.0                                # SSE keep-alive comments


def error_body(message: str, type_: str = "invalid_request_error", param: Optional[str] = None,
               code: Optional[str] = None) -> Dict[str, Any]:
    return {"error": {"message": message, "type": type_, "param": param, "code": code}}


def error_response(status: int, message: str, type_: str = "invalid_request_error",
                   param: Optional[str] = None, code: Optional[str] = None,
                   headers: Optional[Dict[str, str]] = None) -> JSONResponse:
    return JSONResponse(error_body(message, type_, param, code), status_code=status,
                        headers=headers)


class Guard:
    """ASGI middleware: request counting, API key, body-size cap (before any route runs)."""

    def __init__(self, app, settings: Settings, metrics):
        self.app = app
        self.settings = settings
        self.metrics = metrics

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        status_seen = {}

        async def counting_send(message):
            if message["type"] == "http.response.start":
                status_seen["status"] = message["status"]
                self.metrics.count_request(message["status"])
            await send(message)

        path = scope.get("path", "")
        if self.settings.allowed_hosts is not None and not self._host_allowed(scope):
            response = error_response(421, "this server answers requests addressed to {} only (the "
                                      "Host header names another host; start it with --host to "
                                      "serve that name)".format(", ".join(self.settings.allowed_hosts)),
                                      code="host_not_allowed")
            return await response(scope, receive, counting_send)
        if self.settings.api_key and (path.startswith("/v1") or path == "/metrics"):
            if not self._authorized(scope):
                response = error_response(401, "missing or wrong API key (send "
                                          "'Authorization: Bearer KEY')", code="invalid_api_key",
                                          headers={"WWW-Authenticate": "Bearer"})
                return await response(scope, receive, counting_send)
        if scope.get("method") in ("POST", "PUT", "PATCH"):
            body = await self._read_body(scope, receive)
            if body is None:
                limit = self.settings.max_body_bytes
                response = error_response(413, "request body is larger than {} bytes".format(limit),
                                          code="body_too_large")
                return await response(scope, receive, counting_send)
            receive = self._replay(body, receive)
        try:
            await self.app(scope, receive, counting_send)
        except Exception as exc:          # a bug of ours: log it, answer in OpenAI's format
            log.exception("unexpected error")
            if "status" in status_seen:
                raise                      # the response already started; nothing to replace
            response = error_response(500, "internal error: {}".format(type(exc).__name__),
                                      type_="server_error")
            await response(scope, receive, counting_send)

    def _host_allowed(self, scope) -> bool:
        headers = dict(scope.get("headers") or [])
        host = headers.get(b"host", b"").decode("latin-1").strip().lower()
        if host.startswith("["):                       # [::1]:8080
            name = host[1:host.find("]")] if "]" in host else host
        else:
            name = host.rsplit(":", 1)[0] if host.count(":") == 1 else host
        return name in self.settings.allowed_hosts

    def _authorized(self, scope) -> bool:
        headers = dict(scope.get("headers") or [])
        value = headers.get(b"authorization", b"").decode("latin-1")
        scheme, _, token = value.partition(" ")
        if scheme.lower() != "bearer":
            return False
        return hmac.compare_digest(token.strip().encode("utf-8"),
                                   self.settings.api_key.encode("utf-8"))

    async def _read_body(self, scope, receive) -> Optional[bytes]:
        limit = self.settings.max_body_bytes
        headers = dict(scope.get("headers") or [])
        declared = headers.get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            return None
        chunks, size = [], 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                break
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > limit:
                return None
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        return b"".join(chunks)

    @staticmethod
    def _replay(body: bytes, receive):
        sent = {"done": False}

        async def replay():
            if not sent["done"]:
                sent["done"] = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()          # later calls: wait for http.disconnect
        return replay


def _validation_message(exc: RequestValidationError):
    errors = exc.errors()
    if not errors:
        return "invalid request", None
    first = errors[0]
    if first.get("type") == "json_invalid":
        return "request body is not valid JSON: {}".format(
            first.get("ctx", {}).get("error", first.get("msg"))), None
    loc = [str(part) for part in first.get("loc", ()) if part != "body"]
    param = ".".join(loc) or None
    if first.get("type") == "missing" and not loc:
        return "request body is missing: send a JSON object with messages", None
    message = "{}: {}".format(param, first.get("msg")) if param else str(first.get("msg"))
    return message, param


def create_app(engine: Engine, settings: Optional[Settings] = None) -> FastAPI:
    settings = settings or Settings()
    app = FastAPI(title="RhinoCoder model server",
                  description="OpenAI-compatible chat completions over a local model (MLX or llama.cpp).",
                  version="0.1.0")
    app.state.engine = engine
    app.state.settings = settings
    started = time.time()

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError):
        message, param = _validation_message(exc)
        return error_response(400, message, param=param)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException):
        return error_response(exc.status_code, str(exc.detail),
                              code="not_found" if exc.status_code == 404 else None)

    @app.get("/health")
    async def health():
        return {
            "status": "ok",
            "model": engine.name,
            "engine": engine.kind,
            "adapter": _no_path(engine.adapter),
            "queue_depth": engine.queue_depth,
            "busy": engine.busy,
            "uptime_s": round(time.time() - started, 3),
            "blas": _active_blas() if engine.kind == "mlx" else None,
            "speculative": bool(engine.speculative),
        }

    @app.get("/v1/models")
    async def models():
        return {"object": "list", "data": [{
            "id": engine.name, "object": "model", "created": int(engine.started_at),
            "owned_by": "rhinocoder"}]}

    @app.get("/metrics", response_class=PlainTextResponse)
    async def metrics():
        text = engine.metrics.render({
            "queue_depth": engine.queue_depth,
            "busy": 1 if engine.busy else 0,
            "prompt_cache_entries": engine.cache_entries,
            "uptime_seconds": round(time.time() - started, 3),
        })
        return PlainTextResponse(text, media_type="text/plain; version=0.0.4; charset=utf-8")

    @app.post("/v1/chat/completions", responses={
        200: {"description": "A chat.completion object, or with `stream: true` a text/event-stream "
                             "of chat.completion.chunk objects ending in `data: [DONE]`",
              "content": {"text/event-stream": {}}},
        400: {"description": "Malformed or out-of-bounds request (OpenAI error JSON, `param` names the field)"},
        401: {"description": "Missing or wrong API key"},
        413: {"description": "Body larger than --max-body-bytes"},
        421: {"description": "Host header names a host this server does not serve"},
        429: {"description": "Queue full; Retry-After says when to retry"},
        499: {"description": "The client closed the request (non-streaming)"}})
    async def chat_completions(req: ChatCompletionRequest, request: Request):
        try:
            max_tokens = check_limits(req, settings.limits)
        except LimitError as exc:
            return error_response(400, str(exc), param=exc.param)
        try:
            prompt = engine.encode_chat(req.chat())
        except Exception as exc:           # a template that rejects this conversation
            return error_response(400, "the chat template rejected these messages: {}"
                                  .format(exc), param="messages")
        if len(prompt) > settings.limits.max_prompt_tokens:
            return error_response(400, "prompt is {} tokens (limit {})".format(
                len(prompt), settings.limits.max_prompt_tokens), param="messages")
        context = engine.context_length
        if context:
            if len(prompt) >= context:
                return error_response(400, "prompt is {} tokens but the loaded model's context holds "
                                      "{}: shorten the messages".format(len(prompt), context),
                                      param="messages")
            max_tokens = min(max_tokens, context - len(prompt))
        vocab = engine.vocab_size
        bias = None
        if req.logit_bias:
            bias = {int(k): float(v) for k, v in req.logit_bias.items()}
            if vocab and max(bias) >= vocab:
                return error_response(400, "logit_bias token id {} is outside the vocabulary "
                                      "({} tokens)".format(max(bias), vocab), param="logit_bias")
        params = GenerationParams(prompt=prompt, max_tokens=max_tokens,
                                  temperature=req.temperature, top_p=req.top_p,
                                  stop=req.stop_list(), seed=req.seed, logit_bias=bias,
                                  names=req.names or None, speculative=req.speculative)
        bridge = _Bridge(asyncio.get_running_loop())
        events = bridge.events
        try:
            job = engine.submit(params, bridge.sink)
        except QueueFull as exc:
            return error_response(429, str(exc), type_="rate_limit_error", code="queue_full",
                                  headers={"Retry-After": str(exc.retry_after)})
        ident = "chatcmpl-" + uuid.uuid4().hex[:24]
        created = int(time.time())
        model = engine.name
        if req.stream:
            include_usage = bool(req.stream_options and req.stream_options.include_usage)
            return EventSourceResponse(
                _sse(job, events, ident, created, model, include_usage),
                ping=settings.ping_seconds, sep="\n",
                headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
                # A client gone before the stream started never runs the generator's finally.
                background=BackgroundTask(job.cancel))
        return await _complete(job, events, request, ident, created, model)

    if settings.cors_origins:
        from fastapi.middleware.cors import CORSMiddleware
        app.add_middleware(CORSMiddleware, allow_origins=settings.cors_origins,
                           allow_methods=["GET", "POST"], allow_headers=["*"])
    app.add_middleware(Guard, settings=settings, metrics=engine.metrics)
    return app


class _Bridge:
    """Worker-thread events into an asyncio.Queue, waking the loop once per batch, not per token."""

    def __init__(self, loop):
        self.loop = loop
        self.events: "asyncio.Queue" = asyncio.Queue()
        self._pending: List[Any] = []
        self._lock = threading.Lock()

    def sink(self, event) -> None:         # called on the worker thread
        with self._lock:
            self._pending.append(event)
            wake = len(self._pending) == 1
        if wake:
            try:
                self.loop.call_soon_threadsafe(self._drain)
            except RuntimeError:           # the event loop is closed: server shutting down
                pass

    def _drain(self) -> None:
        with self._lock:
            batch, self._pending = self._pending, []
        for event in batch:
            self.events.put_nowait(event)


def _no_path(path: Optional[str]) -> Optional[str]:
    """A file or folder named without the local path above it (no file paths in /health)."""
    if not path:
        return None
    parts = str(path).replace("\\", "/").rstrip("/").split("/")
    return "/".join(parts[-2:])


def _active_blas() -> str:
    from model_server.fast_blas import active_blas
    return active_blas()


def _usage(done: Finished) -> Dict[str, Any]:
    return {"prompt_tokens": done.prompt_tokens, "completion_tokens": done.completion_tokens,
            "total_tokens": done.prompt_tokens + done.completion_tokens,
            "prompt_tokens_details": {"cached_tokens": done.cached_tokens}}


def _chunk(ident: str, created: int, model: str, delta: Dict[str, Any],
           finish_reason: Optional[str], usage: Optional[Dict[str, Any]] = None,
           choices: bool = True) -> str:
    body: Dict[str, Any] = {"id": ident, "object": "chat.completion.chunk", "created": created,
                            "model": model, "system_fingerprint": "rhinocoder",
                            "choices": [{"index": 0, "delta": delta, "logprobs": None,
                                         "finish_reason": finish_reason}] if choices else []}
    if usage is not None:
        body["usage"] = usage
    return json.dumps(body, ensure_ascii=False)


async def _sse(job, events, ident, created, model, include_usage):
    """SSE events for one job; cancelling this generator (client gone) cancels the job."""
    try:
        yield {"data": _chunk(ident, created, model, {"role": "assistant", "content": ""}, None)}
        pending = None
        while True:
            if pending is not None:
                (kind, value), pending = pending, None
            else:
                kind, value = await events.get()
            if kind == "text":
                # Coalesce text that piled up while the previous chunk was being sent.
                while not events.empty():
                    event = events.get_nowait()
                    if event[0] != "text":
                        pending = event
                        break
                    value += event[1]
                yield {"data": _chunk(ident, created, model, {"content": value}, None)}
            elif kind == "error":
                yield {"data": json.dumps(error_body("generation failed: " + value,
                                                     "server_error"))}
                break
            else:
                reason = "length" if value.finish_reason == "length" else "stop"
                yield {"data": _chunk(ident, created, model, {}, reason)}
                if include_usage:
                    yield {"data": _chunk(ident, created, model, {}, None, _usage(value),
                                          choices=False)}
                break
        yield {"data": "[DONE]"}
    finally:
        job.cancel()


async def _complete(job, events, request: Request, ident, created, model):
    """Collect a whole answer; stop the job if the client disconnects while waiting."""
    parts: List[str] = []
    loop = asyncio.get_running_loop()
    next_check = loop.time() + DISCONNECT_POLL_S
    try:
        while True:
            try:
                kind, value = await asyncio.wait_for(events.get(), DISCONNECT_POLL_S)
            except asyncio.TimeoutError:
                kind, value = "", None
            if loop.time() >= next_check:          # tokens may arrive faster than the poll
                next_check = loop.time() + DISCONNECT_POLL_S
                if await request.is_disconnected():
                    job.cancel()
                    return error_response(499, "client closed the request",
                                          code="client_closed")
            if kind == "text":
                parts.append(value)
            elif kind == "error":
                return error_response(500, "generation failed: " + value, type_="server_error")
            elif kind == "done":
                reason = "length" if value.finish_reason == "length" else "stop"
                return JSONResponse({
                    "id": ident, "object": "chat.completion", "created": created, "model": model,
                    "system_fingerprint": "rhinocoder",
                    "choices": [{"index": 0, "message": {"role": "assistant",
                                                         "content": "".join(parts)},
                                 "logprobs": None, "finish_reason": reason}],
                    "usage": _usage(value)})
    finally:
        job.cancel()
