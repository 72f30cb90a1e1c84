"""The streaming chat client against a scripted OpenAI-compatible server on loopback."""
import socket
import threading
import time

import pytest

from rhino_plugin.core.chat import ChatCancelled, ChatClient, ChatError, SSEParser, normalize_base_url
from tests.support.stub_openai import Reply, StubOpenAI

MSGS = [{"role": "user", "content": "draw a circle"}]
TEXT = "```python\nimport rhinoscriptsyntax as rs\nrs.AddCircle((0, 0, 0), 5)\n```"


def test_sse_parser_comments_multiline_events_crlf():
    p = SSEParser()
    assert p.feed(": a comment\r\n") == []
    assert p.feed("data: {\"a\":\r\n") == []
    assert p.feed("data:1}\n") == []
    assert p.feed("\r\n") == [{"event": "message", "data": "{\"a\":\n1}"}]
    p.feed("event: error")
    p.feed("data: boom")
    assert p.feed("") == [{"event": "error", "data": "boom"}]
    assert p.feed("") == []  # blank line with nothing pending
    p.feed("data: tail")
    assert p.flush() == [{"event": "message", "data": "tail"}]


def test_normalize_base_url():
    assert normalize_base_url("127.0.0.1:8080") == "http://127.0.0.1:8080/v1"
    assert normalize_base_url("http://localhost:9000/") == "http://localhost:9000/v1"
    assert normalize_base_url("https://api.example.com/v1/") == "https://api.example.com/v1"
    with pytest.raises(ChatError):
        normalize_base_url("ftp://x")


@pytest.mark.parametrize("reply", [Reply(TEXT), Reply(TEXT, chunk=1, multiline=True), Reply(TEXT, comments=False)])
def test_stream_yields_the_reply(reply):
    with StubOpenAI([reply]) as stub:
        stream = ChatClient(stub.url, model="m", api_key="sekret").stream(MSGS, temperature=0.3, max_tokens=64)
        pieces = list(stream)
    assert "".join(pieces) == TEXT and stream.text == TEXT
    assert len(pieces) > 1 and stream.finish_reason == "stop"
    body = stub.bodies()[0]
    assert body["stream"] is True and body["model"] == "m" and body["messages"] == MSGS
    assert body["temperature"] == 0.3 and body["max_tokens"] == 64
    assert stub.requests[0]["headers"]["Authorization"] == "Bearer sekret"


def test_error_object_inside_the_stream():
    with StubOpenAI([Reply(TEXT, error_after=2)]) as stub:
        stream = ChatClient(stub.url).stream(MSGS)
        with pytest.raises(ChatError) as info:
            list(stream)
    assert "scripted stream error" in str(info.value) and info.value.kind == "stream"
    assert stream.text == TEXT[:14]  # what arrived before the error is kept


def test_http_error_body_becomes_a_clear_message():
    with StubOpenAI([Reply("model is still loading", status=503)]) as stub:
        with pytest.raises(ChatError) as info:
            list(ChatClient(stub.url).stream(MSGS))
    assert info.value.status == 503 and info.value.kind == "http"
    assert "model is still loading" in str(info.value) and "503" in str(info.value)


def _closed_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def test_server_down_is_a_fast_clear_error():
    client = ChatClient("http://127.0.0.1:%d" % _closed_port())
    t = time.monotonic()
    with pytest.raises(ChatError) as info:
        list(client.stream(MSGS))
    assert time.monotonic() - t < 3
    assert info.value.kind == "unreachable" and "cannot reach the model server" in str(info.value)
    assert client.health() is False


def test_cancel_while_the_read_blocks():
    cancel = threading.Event()
    with StubOpenAI([Reply(TEXT, hang_after=2)]) as stub:
        stream = ChatClient(stub.url, read_timeout=30).stream(MSGS, cancel=cancel)
        t = None
        with pytest.raises(ChatCancelled):
            for _ in stream:
                if len(stream.pieces) == 2:  # the next read blocks: the server hangs after two chunks
                    threading.Timer(0.3, cancel.set).start()
                    t = time.monotonic()
        assert time.monotonic() - t < 3
    assert stream.cancelled and stream.text == TEXT[:14]


def test_cancel_with_a_callable_between_chunks():
    seen = []
    with StubOpenAI([Reply(TEXT, chunk=2, delay=0.01)]) as stub:
        stream = ChatClient(stub.url).stream(MSGS, cancel=lambda: len(seen) >= 3)
        with pytest.raises(ChatCancelled):
            for piece in stream:
                seen.append(piece)
    assert len(seen) == 3


def test_read_timeout():
    with StubOpenAI([Reply(TEXT, hang_after=1)]) as stub:
        with pytest.raises(ChatError) as info:
            list(ChatClient(stub.url, read_timeout=0.5).stream(MSGS))
    assert info.value.kind == "timeout"


def test_stream_closed_early_is_an_error():
    with StubOpenAI([Reply(TEXT, no_done=True)]) as stub:
        with pytest.raises(ChatError) as info:
            list(ChatClient(stub.url).stream(MSGS))
    assert "before it finished" in str(info.value)


def test_server_that_ignores_stream_and_complete():
    with StubOpenAI([Reply(TEXT, ignore_stream=True), TEXT]) as stub:
        client = ChatClient(stub.url)
        assert "".join(client.stream(MSGS)) == TEXT
        assert client.complete(MSGS, temperature=0.0) == TEXT
        assert stub.bodies()[1]["stream"] is False
        assert client.models() == ["stub-model"]
        assert client.health() is True


@pytest.mark.parametrize("raw, kind, words", [
    ("event: error\ndata: engine overloaded\n\n", "stream", "engine overloaded"),
    ("event: error\ndata: {\"error\": {\"message\": \"queue full\"}}\n\n", "stream", "queue full"),
    ("data: {not json\n\n", "bad-reply", "not JSON"),
])
def test_bad_and_error_events(raw, kind, words):
    with StubOpenAI([Reply(raw=raw)]) as stub:
        with pytest.raises(ChatError) as info:
            list(ChatClient(stub.url).stream(MSGS))
    assert info.value.kind == kind and words in str(info.value)


def test_final_event_without_trailing_blank_line_and_usage():
    chunk = '{"choices": [{"delta": {"content": "hi"}, "finish_reason": "stop"}], "usage": {"completion_tokens": 1}}'
    with StubOpenAI([Reply(raw="data: %s\n\ndata: [DONE]" % chunk)]) as stub:
        stream = ChatClient(stub.url).stream(MSGS)
        assert list(stream) == ["hi"]
    assert stream.finish_reason == "stop" and stream.usage == {"completion_tokens": 1}


# -- integration: the real rhinocoder-server on the tiny model ------------------------------------

@pytest.fixture(scope="module")
def real_server(tiny_model_dir):
    from rhino_plugin.core.server_launcher import start_server
    handle = start_server(tiny_model_dir, startup_timeout=300)
    yield handle
    handle.stop()


def _metric(url, name):
    import urllib.request
    text = urllib.request.build_opener(urllib.request.ProxyHandler({})).open(url + "/metrics", timeout=5).read()
    for line in text.decode().splitlines():
        if line.startswith("rhinocoder_" + name + " "):
            return float(line.split()[1])
    raise AssertionError("no metric " + name)


def test_real_server_stream_complete_models_health(real_server):
    client = ChatClient(real_server.url, read_timeout=120)
    stream = client.stream(MSGS, temperature=0.0, max_tokens=12, seed=1)
    pieces = list(stream)
    assert pieces and stream.text == "".join(pieces)
    assert stream.finish_reason in ("stop", "length")
    text = client.complete(MSGS, temperature=0.0, max_tokens=12, seed=1)
    assert isinstance(text, str) and text == stream.text  # greedy: the same text either way
    assert len(client.models()) == 1 and client.health() is True


def test_real_server_stops_generating_when_the_client_cancels(real_server):
    before = _metric(real_server.url, "cancelled_total")
    seen = []
    client = ChatClient(real_server.url, read_timeout=120)
    stream = client.stream(MSGS, temperature=1.0, max_tokens=4000, seed=7, cancel=lambda: len(seen) >= 3)
    with pytest.raises(ChatCancelled):
        for piece in stream:
            seen.append(piece)
    deadline = time.monotonic() + 20
    while _metric(real_server.url, "cancelled_total") <= before and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _metric(real_server.url, "cancelled_total") == before + 1  # the server saw the disconnect
    assert ChatClient(real_server.url).health() is True


def test_real_server_bad_request_is_a_clear_4xx(real_server):
    with pytest.raises(ChatError) as info:
        list(ChatClient(real_server.url).stream([{"role": "nobody", "content": "x"}]))
    assert info.value.kind == "http" and 400 <= info.value.status < 500
