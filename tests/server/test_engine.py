"""Engine tests on the tiny model, on both engines: prefix cache reuse, cancellation, queue, seeds, stops."""
import queue
import threading

import pytest

from model_server.stops import StopMatcher

BAN_EOS = {2: -100.0}


def chat(engine, text, system="You write Rhino scripts."):
    return engine.encode_chat([{"role": "system", "content": system},
                               {"role": "user", "content": text}])


def run(engine, **kwargs):
    from model_server.engine import GenerationParams

    events = list(engine.generate(GenerationParams(**kwargs), timeout=60))
    kind, done = events[-1]
    assert kind == "done", events[-1]
    return "".join(v for k, v in events if k == "text"), done


def reference_tokens(loaded, prompt, n):
    """Greedy tokens from mlx_lm itself on a fresh cache (no engine, no prompt cache)."""
    import mlx.core as mx
    from mlx_lm.generate import generate_step
    from mlx_lm.sample_utils import make_logits_processors

    procs = make_logits_processors(logit_bias=BAN_EOS)
    out = []
    for token, _ in generate_step(mx.array(prompt), loaded.model, max_tokens=n,
                                  logits_processors=procs):
        out.append(int(token))
    return out


def detok(loaded, tokens):
    return loaded.tokenizer.decode(tokens)


# ---- stop sequences (pure) -----------------------------------------------------------------

def test_stop_matcher_holds_partial_and_finds_spanning_stop():
    m = StopMatcher(["```", "END"])
    assert m.feed("print(1)\n`") == ("print(1)\n", False)      # "`" could start "```"
    assert m.feed("`") == ("", False)
    assert m.feed("`tail") == ("", True)                         # stop spans three pieces
    m = StopMatcher(["END"])
    assert m.feed("E") == ("", False)
    assert m.feed("x") == ("Ex", False)                           # false alarm released
    assert m.feed("EN") == ("", False)
    assert m.flush() == "EN"                                      # end of text releases it


def test_stop_matcher_picks_earliest_stop():
    m = StopMatcher(["bb", "a"])
    assert m.feed("xxbba") == ("xx", True)


# ---- generation ----------------------------------------------------------------------------

def test_greedy_matches_mlx_lm_and_reuses_prefix(engine, tiny_loaded):
    first = chat(engine, "Draw a circle of radius 5 at the origin.")
    second = chat(engine, "Loft the two selected curves.")
    common = next(i for i, (a, b) in enumerate(zip(first, second)) if a != b)
    assert common > 5                                          # the shared system prompt

    text1, done1 = run(engine, prompt=first, max_tokens=24, logit_bias=BAN_EOS)
    text2, done2 = run(engine, prompt=second, max_tokens=24, logit_bias=BAN_EOS)
    assert done2.cached_tokens == common                       # the shared prefix was reused
    assert done1.completion_tokens == done2.completion_tokens == 24
    assert done1.finish_reason == "length"
    # Reused KV cache gives the same tokens as a cold run through mlx_lm.
    assert text1 == detok(tiny_loaded, reference_tokens(tiny_loaded, first, 24))
    assert text2 == detok(tiny_loaded, reference_tokens(tiny_loaded, second, 24))

    # The first entry survived the second request untouched: repeat it, reuse all but one token.
    again, done3 = run(engine, prompt=first, max_tokens=24, logit_bias=BAN_EOS)
    assert done3.cached_tokens == len(first) - 1
    assert again == text1


def test_continuation_reuses_prompt_and_answer(engine):
    """A follow-up turn that contains the previous answer reuses prompt + generated tokens."""
    messages = [{"role": "user", "content": "Make a box."}]
    prompt = engine.encode_chat(messages)
    answer, _ = run(engine, prompt=prompt, max_tokens=16, logit_bias=BAN_EOS)
    answer_tokens = engine.tokenizer.encode(answer, add_special_tokens=False)
    follow = prompt + answer_tokens + engine.tokenizer.encode("<|im_end|>\n<|im_start|>user\nmore",
                                                              add_special_tokens=False)
    _, done = run(engine, prompt=follow, max_tokens=4)
    assert done.cached_tokens >= len(prompt)


def test_seed_and_temperature_zero_are_reproducible(engine):
    prompt = chat(engine, "Random please.")
    a, _ = run(engine, prompt=prompt, max_tokens=20, temperature=1.0, seed=7, logit_bias=BAN_EOS)
    b, _ = run(engine, prompt=prompt, max_tokens=20, temperature=1.0, seed=7, logit_bias=BAN_EOS)
    c, _ = run(engine, prompt=prompt, max_tokens=20, temperature=1.0, seed=8, logit_bias=BAN_EOS)
    g1, _ = run(engine, prompt=prompt, max_tokens=20, temperature=0.0, logit_bias=BAN_EOS)
    g2, _ = run(engine, prompt=prompt, max_tokens=20, temperature=0.0, logit_bias=BAN_EOS)
    assert a == b
    assert a != c                                  # a random model at T=1: seeds differ
    assert g1 == g2


def test_stop_sequence_spanning_tokens(engine):
    from model_server.engine import GenerationParams

    prompt = chat(engine, "Write a loop.")
    events = list(engine.generate(GenerationParams(prompt=prompt, max_tokens=40,
                                                   logit_bias=BAN_EOS)))
    pieces = [v for k, v in events if k == "text"]
    full = "".join(pieces)
    # A stop made of the end of one piece and the start of the next.
    k = next(i for i in range(3, len(pieces) - 1)
             if len(pieces[i]) >= 2 and len(pieces[i + 1]) >= 2)
    stop = pieces[k][-2:] + pieces[k + 1][:2]
    cut = full.index(stop)
    text, done = run(engine, prompt=prompt, max_tokens=40, logit_bias=BAN_EOS, stop=[stop])
    assert text == full[:cut]
    assert done.finish_reason == "stop"
    assert stop not in text


def test_eos_ends_with_stop(engine, tiny_loaded):
    # Force <|im_end|> as the very likely next token: finish_reason "stop", nothing emitted after.
    prompt = chat(engine, "Say nothing.")
    text, done = run(engine, prompt=prompt, max_tokens=30, logit_bias={2: 100.0})
    assert done.finish_reason == "stop"
    assert text == "" and done.completion_tokens == 0


# ---- cancellation and queue ----------------------------------------------------------------

def test_cancel_stops_within_one_step_and_frees_worker(engine):
    from model_server.engine import GenerationParams

    events: "queue.Queue" = queue.Queue()
    prompt = chat(engine, "Go on forever.")
    job = engine.submit(GenerationParams(prompt=prompt, max_tokens=50_000, logit_bias=BAN_EOS),
                        events.put)
    for _ in range(20):                                    # let it decode a little
        assert events.get(timeout=30)[0] == "text"
    before = engine.tokens_generated
    job.cancel()
    assert engine.wait_idle(30)
    while True:
        kind, value = events.get(timeout=5)
        if kind == "done":
            break
    assert value.finish_reason == "cancelled"
    assert value.steps_after_cancel <= 1                   # the in-flight step, nothing more
    assert value.completion_tokens < 50_000
    # Steps decoded between cancel() and the worker being free (decode steps, not seconds).
    assert engine.tokens_generated - before <= 2
    text, done = run(engine, prompt=prompt, max_tokens=3)  # the worker serves the next job
    assert done.completion_tokens + (done.finish_reason == "stop") >= 1


def test_queue_full_raises_with_retry_after(tiny_loaded):
    from tests.server.live import make_engine
    from model_server.engine import GenerationParams, QueueFull

    eng = make_engine(tiny_loaded, max_queue=1)
    try:
        prompt = eng.encode_chat([{"role": "user", "content": "long"}])
        started = threading.Event()

        def first_sink(event):
            started.set()
        long_job = eng.submit(GenerationParams(prompt=prompt, max_tokens=50_000,
                                               logit_bias=BAN_EOS), first_sink)
        assert started.wait(30) and eng.busy
        waiting = eng.submit(GenerationParams(prompt=prompt, max_tokens=2), lambda e: None)
        assert eng.queue_depth == 1
        with pytest.raises(QueueFull) as info:
            eng.submit(GenerationParams(prompt=prompt, max_tokens=2), lambda e: None)
        assert info.value.retry_after >= 1
        long_job.cancel()
        assert eng.wait_idle(30)
        assert not waiting.cancelled
    finally:
        eng.stop()


def test_cancelled_while_queued_never_runs(tiny_loaded):
    from tests.server.live import make_engine
    from model_server.engine import GenerationParams

    eng = make_engine(tiny_loaded, max_queue=2)
    try:
        prompt = eng.encode_chat([{"role": "user", "content": "x"}])
        first = eng.submit(GenerationParams(prompt=prompt, max_tokens=50_000,
                                            logit_bias=BAN_EOS), lambda e: None)
        got: "queue.Queue" = queue.Queue()
        second = eng.submit(GenerationParams(prompt=prompt, max_tokens=100), got.put)
        second.cancel()
        first.cancel()
        kind, done = got.get(timeout=30)
        assert kind == "done" and done.finish_reason == "cancelled"
        assert done.completion_tokens == 0 and done.ttft is None
    finally:
        eng.stop()


def test_speculative_matches_plain_greedy(engine, any_loaded):
    script = "import rhinoscriptsyntax as rs\nfor i in range(10):\n    rs.AddPoint(i, 0, 0)\n"
    prompt = chat(engine, "Fix this script:\n" + script + "Traceback: NameError: name 'rs'")
    if engine.kind == "llamacpp":
        # llama.cpp sets n-gram drafting up when the model loads: a second engine with it on
        from tests.server.live import make_engine

        plain, done_plain = run(engine, prompt=prompt, max_tokens=60, logit_bias=BAN_EOS)
        drafting = make_engine(any_loaded, max_queue=2, speculative=True)
        try:
            spec, done_spec = run(drafting, prompt=prompt, max_tokens=60, logit_bias=BAN_EOS)
            off, _ = run(drafting, prompt=prompt, max_tokens=60, logit_bias=BAN_EOS, speculative=False)
        finally:
            drafting.stop()
        assert spec == plain == off
        assert done_spec.completion_tokens == done_plain.completion_tokens == 60
        return
    plain, done_plain = run(engine, prompt=prompt, max_tokens=60, logit_bias=BAN_EOS,
                            speculative=False)
    spec, done_spec = run(engine, prompt=prompt, max_tokens=60, logit_bias=BAN_EOS,
                          speculative=True)
    assert spec == plain
    assert done_spec.completion_tokens == done_plain.completion_tokens == 60
    assert done_plain.speculative is None
    stats = done_spec.speculative
    assert stats["generated"] == 60 and stats["steps"] <= 60
    assert stats["drafted"] >= stats["accepted"] >= 0
    # the engine stores the cache of a speculative run under the right tokens: reuse still exact
    again, done_again = run(engine, prompt=prompt, max_tokens=60, logit_bias=BAN_EOS,
                            speculative=False)
    assert again == plain and done_again.cached_tokens == len(prompt) - 1


def test_prompt_cache_store_lru_and_prefix_entries(tiny_loaded):
    import mlx.core as mx

    from model_server.prompt_cache import PromptCacheStore

    store = PromptCacheStore(tiny_loaded.model, max_entries=2)

    def filled(tokens):
        cache, cached = store.fetch(tokens)
        tiny_loaded.model(mx.array([tokens[cached:]]), cache=cache)
        store.insert(tokens, cache)
        return cached

    assert filled([5, 6, 7, 8]) == 0
    assert filled([5, 6, 7, 8, 9, 10]) == 4          # extends the first entry...
    assert len(store) == 1                            # ...which it then replaces
    assert filled([5, 6, 1, 2]) == 2                  # shares two tokens
    assert filled([3, 3, 3]) == 0 and len(store) == 2  # LRU: [5,6,7,8,9,10] evicted
    cache, cached = store.fetch([5, 6, 7, 8, 9, 10, 11])
    assert cached == 2                                # only [5, 6, 1, 2] is left to share with
    assert cache[0].offset == 2


# ---- end-of-text tokens (issue 21) ---------------------------------------------------------

def test_every_end_of_text_token_stops_and_no_special_token_is_text(engine):
    """The tiny tokenizer's eos is <|im_end|> (2); <|endoftext|> (0) is another end marker (Qwen's
    generation_config lists both; the GGUF's eot) and must stop too. MLX wrote it into the reply as
    text, 5 times over; <|im_start|> (1) was text as well (llama.cpp renders control tokens as
    nothing)."""
    prompt = chat(engine, "hi")
    for token in (0, 2):
        text, done = run(engine, prompt=prompt, max_tokens=5, logit_bias={token: 100.0})
        assert (text, done.finish_reason, done.completion_tokens) == ("", "stop", 0), token
    text, done = run(engine, prompt=prompt, max_tokens=5, logit_bias={1: 100.0})
    assert "<|" not in text and done.finish_reason == "length"


def test_end_tokens_of_a_qwen_like_tokenizer():
    from model_server.mlx_engine import end_token_ids, special_tokens

    class Added:
        def __init__(self, content, special=True):
            self.content, self.special = content, special

    class Inner:
        added_tokens_decoder = {151643: Added("<|endoftext|>"), 151644: Added("<|im_start|>"),
                                151645: Added("<|im_end|>"), 151662: Added("<|fim_pad|>"),
                                151657: Added("<tool_call>", special=False)}
        all_special_ids = [151645, 151643]

        def convert_ids_to_tokens(self, i):
            return self.added_tokens_decoder[i].content

    class Wrapper:
        _tokenizer = Inner()
        eos_token_ids = {151645}              # a config that lists only <|im_end|>

    assert end_token_ids(Wrapper()) == {151643, 151645, 151662}
    assert set(special_tokens(Wrapper())) - end_token_ids(Wrapper()) == {151644}
