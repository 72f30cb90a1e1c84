"""Issue 21: a cancel during a long prefill frees the worker within 0.5 s (MLX), or after the
prompt batch that runs (llama.cpp cannot stop inside one): cancel is checked inside prefill."""
import queue
import threading
import time

from model_server.engine import GenerationParams


class SlowModel(object):
    """The tiny MLX model, made to cost `per_token` seconds per prompt token it processes (a
    stand-in for a big model on a busy CPU: 512 tokens took 5-20 s there)."""

    def __init__(self, model, per_token):
        self._model = model
        self.per_token = per_token
        self.prefilled = 0
        self.started = threading.Event()

    def __call__(self, inputs, cache=None, **kwargs):
        n = int(inputs.shape[-1])
        if n > 1:
            self.started.set()
            time.sleep(self.per_token * n)
            self.prefilled += n
        return self._model(inputs, cache=cache, **kwargs)

    def __getattr__(self, name):
        return getattr(self._model, name)


def long_prompt(n):
    return [3 + (i * 37) % 1500 for i in range(n)]


def collect(engine, params):
    events = queue.Queue()
    job = engine.submit(params, events.put)
    return job, events


def wait_done(events, timeout=30):
    while True:
        kind, value = events.get(timeout=timeout)
        if kind in ("done", "error"):
            return kind, value


def test_mlx_cancel_during_prefill_frees_the_worker_within_half_a_second(tiny_loaded):
    from model_server.mlx_engine import MLXEngine

    slow = SlowModel(tiny_loaded.model, per_token=0.004)     # 512 tokens: 2 s
    engine = MLXEngine(slow, tiny_loaded.tokenizer, cache_entries=0).start(warmup=False)
    try:
        assert engine.wait_ready(30)
        job, events = collect(engine, GenerationParams(prompt=long_prompt(3000), max_tokens=4))
        assert slow.started.wait(30)
        time.sleep(0.3)                                        # well inside the prefill (12 s)
        job.cancel()
        cancelled_at = time.perf_counter()
        kind, done = wait_done(events)
        freed = time.perf_counter() - cancelled_at
        assert engine.wait_idle(5)
        print("MLX: cancel during prefill -> worker free in %.3f s (%d of 3000 prompt tokens run)"
              % (freed, slow.prefilled))
        assert kind == "done" and done.finish_reason == "cancelled" and done.completion_tokens == 0
        assert freed < 0.5, freed                              # was 1.7 s here: 512-token chunks
        assert slow.prefilled < 1000
    finally:
        engine.stop()


def test_mlx_timed_prefill_chunks_give_the_same_tokens(tiny_loaded, monkeypatch):
    """Chunks of 8 tokens (the smallest) give the same greedy text as one 512-token chunk."""
    from model_server import mlx_engine
    from tests.server.test_engine import BAN_EOS

    prompt = long_prompt(300)

    def greedy():
        slow = SlowModel(tiny_loaded.model, per_token=0.0)
        calls = []
        engine = mlx_engine.MLXEngine(_Counting(slow, calls), tiny_loaded.tokenizer,
                                      cache_entries=0).start(warmup=False)
        try:
            events = list(engine.generate(GenerationParams(prompt=prompt, max_tokens=12,
                                                           logit_bias=BAN_EOS)))
        finally:
            engine.stop()
        return "".join(v for k, v in events if k == "text"), [c for c in calls if c > 1]

    whole, chunks = greedy()
    assert chunks[0] == mlx_engine.PREFILL_FIRST_CHUNK and sum(chunks) == 299   # then sized by speed
    monkeypatch.setattr(mlx_engine, "PREFILL_CHUNK_SECONDS", 1e-9)
    monkeypatch.setattr(mlx_engine, "PREFILL_FIRST_CHUNK", 8)
    small, chunks = greedy()
    assert set(chunks) == {8} | ({299 % 8} if 299 % 8 else set()) and sum(chunks) == 299
    assert small == whole and whole


class _Counting(object):
    def __init__(self, model, calls):
        self._model, self._calls = model, calls

    def __call__(self, inputs, cache=None, **kwargs):
        self._calls.append(int(inputs.shape[-1]))
        return self._model(inputs, cache=cache, **kwargs)

    def __getattr__(self, name):
        return getattr(self._model, name)


def test_llamacpp_cancel_is_seen_at_every_prompt_batch(tiny_gguf_loaded):
    """llama.cpp streams a prompt_progress chunk per batch when asked (return_progress); the
    callback returns True there once the job is cancelled, and llama.cpp stops. Before, nothing
    came back before the first token, so a cancel during prefill waited for the whole prompt.
    Progress chunks are not tokens (no time to first token, no completion tokens)."""
    from model_server.llamacpp_engine import LlamaCppEngine

    engine = LlamaCppEngine(tiny_gguf_loaded.model, tiny_gguf_loaded.tokenizer, cache_entries=0,
                            batch=64, threads=1).start(warmup=False)
    real = engine._server
    seen, answers = [], []

    class Spy(object):
        def handle_completions(self, body, callback):
            def wrapped(chunk):
                if isinstance(chunk, dict) and "prompt_progress" in chunk:
                    seen.append(chunk["prompt_progress"])
                    if len(seen) == 3:
                        engine._active.cancel()        # the client goes away in mid-prefill
                answer = callback(chunk)
                answers.append(answer)
                return answer
            return real.handle_completions(body, wrapped)

    engine._server = Spy()
    try:
        assert engine.wait_ready(30)
        job, events = collect(engine, GenerationParams(prompt=long_prompt(3000), max_tokens=4))
        kind, done = wait_done(events)
        assert kind == "done" and done.finish_reason == "cancelled"
        assert done.ttft is None and done.completion_tokens == 0
        assert len(seen) == 3 and answers[-1] is True          # stopped at that batch
        assert seen[-1]["processed"] < seen[-1]["total"] == 3000
        # progress chunks are not tokens: a normal request counts the same as without them
        job, events = collect(engine, GenerationParams(prompt=long_prompt(300), max_tokens=3,
                                                       logit_bias={2: -100.0, 0: -100.0}))
        kind, done = wait_done(events)
        assert done.finish_reason == "length" and done.completion_tokens == 3
        assert len(seen) > 3
    finally:
        engine.stop()


def test_http_disconnect_during_a_long_prefill_frees_the_worker(tiny_loaded):
    """Through the real app: a client closes its stream while its 2,800-token prompt is being
    prefilled (11 s of prefill on the slowed tiny model); the worker is free within 0.5 s."""
    import httpx

    from model_server.app import Settings
    from model_server.mlx_engine import MLXEngine
    from tests.server.live import live_server

    slow = SlowModel(tiny_loaded.model, per_token=0.004)
    engine = MLXEngine(slow, tiny_loaded.tokenizer, cache_entries=0).start(warmup=False)
    content = " ".join("rs.AddPoint(%d, %d, 0)" % (i, i) for i in range(150))
    try:
        assert len(engine.encode_chat([{"role": "user", "content": content}])) > 2500
        with live_server(engine, Settings()) as url, httpx.Client(timeout=60) as client:
            body = {"messages": [{"role": "user", "content": content}], "stream": True, "max_tokens": 8}
            with client.stream("POST", url + "/v1/chat/completions", json=body) as r:
                assert r.status_code == 200
                lines = r.iter_lines()                     # kept: dropping it closes the stream
                next(lines)                                # the role chunk, sent before prefill
                assert slow.started.wait(30)
                time.sleep(0.5)
                assert engine.busy
                closed = time.perf_counter()
            assert engine.wait_idle(30)
            freed = time.perf_counter() - closed
        done = engine.last_finished
        print("HTTP: stream closed during prefill -> worker free in %.3f s (%d prompt tokens run)"
              % (freed, slow.prefilled))
        assert done.finish_reason == "cancelled" and done.completion_tokens == 0
        assert freed < 0.5 and slow.prefilled > 100, (freed, slow.prefilled)
    finally:
        engine.stop()
