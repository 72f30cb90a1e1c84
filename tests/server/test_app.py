"""HTTP tests against a real uvicorn server on 127.0.0.1 with the tiny MLX model behind it."""
import json
import time

import httpx
import pytest

BAN_EOS = {"2": -100.0}


def body(text="Draw a line.", **extra):
    data = {"model": "anything", "messages": [{"role": "system", "content": "You write Rhino scripts."},
                                               {"role": "user", "content": text}],
            "temperature": 0, "max_tokens": 12, "logit_bias": BAN_EOS}
    data.update(extra)
    return data


def sse_events(response):
    """The `data:` payloads of an SSE response, in order."""
    out = []
    for line in response.iter_lines():
        if line.startswith("data: "):
            out.append(line[len("data: "):])
    return out


def metric(url, name):
    text = httpx.get(url + "/metrics").text
    for line in text.splitlines():
        if line.startswith(name + " ") or line.startswith(name + "{"):
            return float(line.rsplit(" ", 1)[1])
    raise AssertionError("{} not in /metrics".format(name))


def test_non_stream_shape(server, engine):
    r = httpx.post(server + "/v1/chat/completions", json=body(), timeout=60)
    assert r.status_code == 200, r.text
    data = r.json()
    assert data["object"] == "chat.completion"
    assert data["id"].startswith("chatcmpl-")
    assert isinstance(data["created"], int) and data["model"] == engine.name
    (choice,) = data["choices"]
    assert choice["index"] == 0 and choice["finish_reason"] == "length"
    assert choice["message"]["role"] == "assistant"
    assert isinstance(choice["message"]["content"], str) and choice["message"]["content"]
    usage = data["usage"]
    prompt = engine.encode_chat([m for m in body()["messages"]])
    assert usage["prompt_tokens"] == len(prompt)
    assert usage["completion_tokens"] == 12
    assert usage["total_tokens"] == len(prompt) + 12


def test_stream_shape_and_same_text_as_non_stream(server):
    plain = httpx.post(server + "/v1/chat/completions", json=body("Make a sphere."), timeout=60)
    with httpx.stream("POST", server + "/v1/chat/completions", timeout=60,
                      json=body("Make a sphere.", stream=True,
                                stream_options={"include_usage": True})) as r:
        assert r.status_code == 200
        assert r.headers["content-type"].startswith("text/event-stream")
        payloads = sse_events(r)
    assert payloads[-1] == "[DONE]"
    chunks = [json.loads(p) for p in payloads[:-1]]
    assert len({c["id"] for c in chunks}) == 1
    assert all(c["object"] == "chat.completion.chunk" for c in chunks)
    assert chunks[0]["choices"][0]["delta"]["role"] == "assistant"
    finals = [c for c in chunks if c["choices"] and c["choices"][0]["finish_reason"]]
    assert [c["choices"][0]["finish_reason"] for c in finals] == ["length"]
    usage_chunk = chunks[-1]
    assert usage_chunk["choices"] == [] and usage_chunk["usage"]["completion_tokens"] == 12
    text = "".join(c["choices"][0]["delta"].get("content", "") for c in chunks if c["choices"])
    assert text == plain.json()["choices"][0]["message"]["content"]


def test_stream_without_usage_has_no_usage_chunk(server):
    with httpx.stream("POST", server + "/v1/chat/completions", timeout=60,
                      json=body(stream=True, max_tokens=3)) as r:
        chunks = [json.loads(p) for p in sse_events(r)[:-1]]
    assert all("usage" not in c for c in chunks)


def test_stop_sequence_over_http(server):
    full = httpx.post(server + "/v1/chat/completions", json=body("Loop.", max_tokens=30),
                      timeout=60).json()["choices"][0]["message"]["content"]
    stop = full[8:11]
    cut = full.index(stop)
    r = httpx.post(server + "/v1/chat/completions", json=body("Loop.", max_tokens=30, stop=stop),
                   timeout=60).json()
    assert r["choices"][0]["message"]["content"] == full[:cut]
    assert r["choices"][0]["finish_reason"] == "stop"


def test_seed_reproducible_over_http(server):
    def sample(seed):
        r = httpx.post(server + "/v1/chat/completions", timeout=60,
                       json=body("Surprise me.", temperature=1.0, seed=seed, max_tokens=16))
        return r.json()["choices"][0]["message"]["content"]
    assert sample(11) == sample(11)
    assert sample(11) != sample(12)


def test_repeated_prefix_counts_cache_hit(server):
    hits = metric(server, "rhinocoder_prompt_cache_hits_total")
    reused = metric(server, "rhinocoder_prompt_cache_tokens_total")
    first = httpx.post(server + "/v1/chat/completions", json=body("Cache me."), timeout=60)
    second = httpx.post(server + "/v1/chat/completions", json=body("Cache me too."), timeout=60)
    assert second.json()["usage"]["prompt_tokens_details"]["cached_tokens"] > 5
    assert metric(server, "rhinocoder_prompt_cache_hits_total") >= hits + 1
    assert metric(server, "rhinocoder_prompt_cache_tokens_total") >= \
        reused + second.json()["usage"]["prompt_tokens_details"]["cached_tokens"]
    assert first.status_code == 200


def test_models_health_metrics_openapi(server, engine):
    models = httpx.get(server + "/v1/models").json()
    assert models["object"] == "list" and models["data"][0]["id"] == engine.name
    health = httpx.get(server + "/health").json()
    assert health["status"] == "ok" and health["model"] == engine.name
    assert health["queue_depth"] == 0 and health["uptime_s"] > 0
    assert "blas" in health and health["speculative"] is False
    assert health["engine"] == engine.kind and "/" not in str(health.get("blas_path", ""))
    from model_server.app import _no_path
    assert _no_path("/home/ann/models/adapters/default/adapter.gguf") == "default/adapter.gguf"
    text = httpx.get(server + "/metrics").text
    for name in ("rhinocoder_requests_total{status=\"200\"}", "rhinocoder_prompt_tokens_total",
                 "rhinocoder_generated_tokens_total", "rhinocoder_time_to_first_token_seconds_bucket",
                 "rhinocoder_generation_tokens_per_second_count", "rhinocoder_prompt_cache_hits_total",
                 "# TYPE rhinocoder_time_to_first_token_seconds histogram"):
        assert name in text
    schema = httpx.get(server + "/openapi.json").json()
    assert "/v1/chat/completions" in schema["paths"]


def _wait_generating(engine, timeout=30):
    deadline = time.monotonic() + timeout
    while not engine.busy:
        assert time.monotonic() < deadline
        time.sleep(0.005)


def test_stream_disconnect_cancels_and_frees_worker(server, engine):
    cancelled = metric(server, "rhinocoder_cancelled_total")
    with httpx.stream("POST", server + "/v1/chat/completions", timeout=60,
                      json=body("Never stop.", stream=True, max_tokens=90_000)) as r:
        lines = r.iter_lines()
        seen = 0
        for line in lines:
            seen += line.startswith("data: ")
            if seen >= 10:
                break
        closed_at_tokens = engine.tokens_generated
        closed_at = time.perf_counter()
    # leaving the block closes the connection
    assert engine.wait_idle(30)
    freed_s = time.perf_counter() - closed_at
    steps = engine.tokens_generated - closed_at_tokens
    done = engine.last_finished
    assert done.finish_reason == "cancelled"
    assert done.steps_after_cancel <= 1                 # the worker stops one step after the flag
    assert done.completion_tokens < 90_000
    per_step = 1.0 / done.tokens_per_second if done.tokens_per_second else 0.001
    print("disconnect: worker free after {} decode steps, {:.1f} ms ({:.0f} steps' time)"
          .format(steps, freed_s * 1000, freed_s / per_step))
    # Noticing a closed socket takes the event loop a moment; bound it in decode steps.
    assert steps <= 200
    assert metric(server, "rhinocoder_cancelled_total") == cancelled + 1
    r = httpx.post(server + "/v1/chat/completions", json=body(max_tokens=2), timeout=60)
    assert r.status_code == 200


def test_non_stream_disconnect_cancels(server, engine):
    cancelled = metric(server, "rhinocoder_cancelled_total")
    with pytest.raises(httpx.ReadTimeout):
        httpx.post(server + "/v1/chat/completions", json=body("Long.", max_tokens=90_000),
                   timeout=httpx.Timeout(60, read=0.5))
    before = engine.tokens_generated
    assert engine.wait_idle(30)
    assert engine.last_finished.finish_reason == "cancelled"
    assert engine.tokens_generated - before <= 1000     # poll interval 50 ms, not 90k tokens
    assert metric(server, "rhinocoder_cancelled_total") == cancelled + 1


def test_speculative_request_field_same_text(server):
    prompt = "Repeat: rs.AddPoint(1, 2, 3)\nrs.AddPoint(1, 2, 3)\nrs.AddPoint(1, 2, 3)"
    off = httpx.post(server + "/v1/chat/completions", timeout=60,
                     json=body(prompt, max_tokens=40, speculative=False)).json()
    on = httpx.post(server + "/v1/chat/completions", timeout=60,
                    json=body(prompt, max_tokens=40, speculative=True)).json()
    assert on["choices"][0]["message"]["content"] == off["choices"][0]["message"]["content"]
    assert on["usage"]["completion_tokens"] == off["usage"]["completion_tokens"] == 40
    text = httpx.get(server + "/metrics").text
    assert "rhinocoder_speculative_draft_tokens_total" in text


def test_stream_abandoned_while_queued_never_runs(server, engine):
    generated = engine.tokens_generated
    with httpx.Client(timeout=60) as client:
        with client.stream("POST", server + "/v1/chat/completions",
                           json=body("Busy.", stream=True, max_tokens=90_000)) as running:
            lines = running.iter_lines()
            next(lines)
            deadline = time.monotonic() + 30     # decoding (not just prefilling): under load a
            while engine.tokens_generated <= generated:  # busy flag alone can precede the first token
                assert time.monotonic() < deadline
                time.sleep(0.005)
            with client.stream("POST", server + "/v1/chat/completions",
                               json=body("Queued.", stream=True, max_tokens=50)) as queued:
                next(queued.iter_lines())             # headers + role chunk: it is queued
                deadline = time.monotonic() + 30
                while engine.queue_depth < 1:
                    assert time.monotonic() < deadline
                    time.sleep(0.005)
            # the queued client left; now the running one leaves too
    assert engine.wait_idle(30)
    done = engine.last_finished                       # the queued job, finished after the other
    assert done.finish_reason == "cancelled"
    assert done.completion_tokens == 0 and done.ttft is None   # it never reached the model
    assert engine.tokens_generated > generated


def test_internal_error_is_openai_json_and_counted(tiny_loaded):
    """A failure inside our code (here: the chat template raising) never leaks a traceback."""
    from model_server.app import create_app
    from tests.server.live import live_server, make_engine

    eng = make_engine(tiny_loaded, max_queue=1)
    try:
        def broken(messages):
            raise KeyError("boom")
        eng.encode_chat = broken
        app = create_app(eng)

        @app.get("/crash")
        async def crash():
            raise RuntimeError("bug")

        with live_server(eng, app=app) as url:
            r = httpx.get(url + "/crash")
            assert r.status_code == 500
            assert r.json()["error"]["type"] == "server_error" and "Traceback" not in r.text
            r = httpx.post(url + "/v1/chat/completions", json=body(), timeout=30)
            assert r.status_code == 400 and "chat template" in r.json()["error"]["message"]
            assert 'rhinocoder_requests_total{status="500"} 1' in httpx.get(url + "/metrics").text
    finally:
        eng.stop()


def test_a_foreign_host_header_is_refused(server):
    """DNS rebinding: a page at evil.example resolving to 127.0.0.1 sends Host: evil.example."""
    r = httpx.post(server + "/v1/chat/completions", json=body(), headers={"Host": "evil.example:8080"})
    assert r.status_code == 421 and r.json()["error"]["code"] == "host_not_allowed"
    assert httpx.get(server + "/health", headers={"Host": "localhost:1234"}).status_code == 200
    schema = httpx.get(server + "/openapi.json").json()["paths"]["/v1/chat/completions"]["post"]
    assert {"400", "401", "413", "429"} <= set(schema["responses"])
    assert "text/event-stream" in schema["responses"]["200"]["content"]
