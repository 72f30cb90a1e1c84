"""Bad input gets a 4xx in OpenAI's error format with a reason, never a 5xx; keys; queue full."""
import json
import random
import threading
import time

import httpx
import pytest

from tests.server.live import live_server, make_engine

GOOD = {"messages": [{"role": "user", "content": "hi"}], "max_tokens": 2, "temperature": 0}


def post(url, payload=None, raw=None, headers=None, timeout=60):
    if raw is not None:
        return httpx.post(url + "/v1/chat/completions", content=raw, timeout=timeout,
                          headers={"content-type": "application/json", **(headers or {})})
    return httpx.post(url + "/v1/chat/completions", json=payload, headers=headers,
                      timeout=timeout)


def assert_openai_error(r, status, *words, param=None):
    assert r.status_code == status, r.text
    err = r.json()["error"]
    assert set(err) == {"message", "type", "param", "code"}
    for word in words:
        assert word in err["message"], err["message"]
    if param is not None:
        assert err["param"] == param
    return err


def with_(**changes):
    data = json.loads(json.dumps(GOOD))
    data.update(changes)
    return data


@pytest.mark.parametrize("raw, words", [
    (b'{"messages": [', ["not valid JSON"]),
    (b'', ["missing"]),
    (b'[1, 2]', ["valid dictionary"]),
    (b'\xff\xfe', ["JSON"]),
])
def test_malformed_json(server, raw, words):
    assert_openai_error(post(server, raw=raw), 400, *words)


@pytest.mark.parametrize("payload, param", [
    (with_(messages=[]), "messages"),
    (with_(messages="hello"), "messages"),
    (with_(messages=[{"role": "user"}]), "messages.0.content"),
    (with_(messages=[{"role": "wizard", "content": "x"}]), "messages.0.role"),
    (with_(messages=[{"role": "user", "content": 5}]), None),
    (with_(temperature="hot"), "temperature"),
    (with_(temperature=3.5), "temperature"),
    (with_(top_p=0), "top_p"),
    (with_(max_tokens=0), "max_tokens"),
    (with_(max_tokens=2.5), "max_tokens"),
    (with_(stop=["a", "b", "c", "d", "e"]), "stop"),
    (with_(stop=[""]), "stop"),
    (with_(seed="x"), "seed"),
    (with_(seed=-1), "seed"),                  # was a 500 (issue 21)
    (with_(seed=2 ** 64), "seed"),
    (with_(n=2), "n"),
    (with_(logit_bias={"abc": 1}), "logit_bias"),
    (with_(logit_bias={"5": 500}), "logit_bias"),
    (with_(stream_options={"include_usage": "maybe"}), "stream_options.include_usage"),
])
def test_wrong_types_and_ranges(server, payload, param):
    err = assert_openai_error(post(server, payload), 400)
    if param is not None:
        assert err["param"] is not None and err["param"].startswith(param), err


def test_server_limits(server):
    # the `server` fixture: max_messages 8, max_content_chars 2000, max_tokens_limit 100000,
    # max_body_bytes 50000
    assert_openai_error(post(server, with_(max_tokens=100_001)), 400, "max_tokens", "100000",
                        param="max_tokens")
    assert_openai_error(post(server, with_(messages=[{"role": "user", "content": "x"}] * 9)),
                        400, "too many messages", param="messages")
    assert_openai_error(post(server, with_(messages=[{"role": "user", "content": "x" * 2001}])),
                        400, "too long", param="messages[0].content")
    assert_openai_error(post(server, with_(logit_bias={"999999": 1})), 400, "vocabulary",
                        param="logit_bias")
    big = json.dumps(with_(messages=[{"role": "user", "content": "y" * 60_000}])).encode()
    assert_openai_error(post(server, raw=big), 413, "larger than 50000 bytes")


def test_body_cap_without_content_length(server):
    def chunks():
        for _ in range(30):
            yield b" " * 4000               # 120 kB of whitespace, streamed (chunked)
    r = httpx.post(server + "/v1/chat/completions", content=chunks(), timeout=60,
                   headers={"content-type": "application/json"})
    assert_openai_error(r, 413)


def test_unknown_route_and_method(server):
    assert_openai_error(httpx.get(server + "/v1/nothing"), 404, "Not Found")
    assert_openai_error(httpx.get(server + "/v1/chat/completions"), 405)


def test_fuzzed_bodies_never_5xx(server):
    rng = random.Random(3)
    values = [None, 0, -1, 1.5, 10 ** 30, "", "x", [], {}, [{}], True, {"role": "user"},
              [{"role": "user", "content": None}], [{"role": "user", "content": [{"type": "text"}]}]]
    keys = ["messages", "temperature", "top_p", "max_tokens", "stop", "seed", "stream",
            "logit_bias", "stream_options", "n", "model", "max_completion_tokens"]
    for _ in range(40):
        payload = with_()
        for key in rng.sample(keys, 3):
            payload[key] = rng.choice(values)
        payload["stream"] = False
        r = post(server, payload)
        assert r.status_code < 500, (payload, r.text)
        if r.status_code != 200:
            assert "error" in r.json()


def test_content_parts_are_accepted(server):
    r = post(server, with_(messages=[{"role": "user", "content": [{"type": "text", "text": "hi"}]}]))
    assert r.status_code == 200, r.text


def test_api_key(tiny_loaded):
    from model_server.app import Settings

    eng = make_engine(tiny_loaded, max_queue=2)
    try:
        with live_server(eng, Settings(api_key="s3cret")) as url:
            assert_openai_error(post(url, GOOD), 401, "API key")
            assert_openai_error(post(url, GOOD, headers={"Authorization": "Bearer wrong"}), 401)
            assert_openai_error(post(url, GOOD, headers={"Authorization": "s3cret"}), 401)
            assert_openai_error(httpx.get(url + "/v1/models"), 401)
            assert_openai_error(httpx.get(url + "/metrics"), 401)
            r = post(url, GOOD, headers={"Authorization": "Bearer s3cret"})
            assert r.status_code == 200, r.text
            assert httpx.get(url + "/health").status_code == 200        # liveness stays open
            # no CORS headers unless origins are configured
            r = httpx.options(url + "/v1/chat/completions",
                              headers={"Origin": "http://evil.example",
                                       "Access-Control-Request-Method": "POST"})
            assert "access-control-allow-origin" not in r.headers
    finally:
        eng.stop()


def test_queue_full_gives_429_with_retry_after(tiny_loaded):
    from model_server.app import Settings
    from model_server.schemas import Limits

    eng = make_engine(tiny_loaded, max_queue=1)
    try:
        with live_server(eng, Settings(limits=Limits(max_tokens_limit=100_000))) as url:
            long_body = with_(max_tokens=90_000, logit_bias={"2": -100}, stream=True)
            with httpx.stream("POST", url + "/v1/chat/completions", json=long_body,
                              timeout=60) as running:
                lines = running.iter_lines()           # keep it: dropping it closes the stream
                next(lines)
                deadline = time.monotonic() + 30
                while not eng.busy:                    # the worker takes it up
                    assert time.monotonic() < deadline
                    time.sleep(0.005)
                queued = {}

                def wait_in_queue():
                    queued["r"] = post(url, GOOD)
                t = threading.Thread(target=wait_in_queue)
                t.start()
                deadline = time.monotonic() + 30
                while eng.queue_depth < 1:
                    assert time.monotonic() < deadline
                    time.sleep(0.005)
                r = post(url, GOOD)
                err = assert_openai_error(r, 429, "queue is full")
                assert err["code"] == "queue_full"
                assert int(r.headers["Retry-After"]) >= 1
                assert httpx.get(url + "/health").json()["queue_depth"] == 1
            # closing the stream cancels the long job; the queued request then runs
            t.join(60)
            assert queued["r"].status_code == 200
            assert 'rhinocoder_requests_total{status="429"} 1' in httpx.get(url + "/metrics").text
    finally:
        eng.stop()
