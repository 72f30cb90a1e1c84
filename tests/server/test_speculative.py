"""Prompt-lookup speculative decoding: greedy output identical to mlx_lm's generate_step.

Tiny random model (fast) and the embedded SmolLM2 (real_model), several prompts each, plus the
cache contract (after close the KV cache holds exactly prompt + yielded tokens), cancel, a
partly cached prompt, logits processors, and sampling (drafts kept only where they equal the
sample, so the distribution matches plain sampling).
"""
import collections

import pytest

from model_server.speculative import NgramLookup, SpecStats, generate_tokens, speculative_generate_step


def plain(model, prompt, n, cache=None, **kw):
    import mlx.core as mx
    from mlx_lm.generate import generate_step

    out = []
    for tok, _ in generate_step(mx.array(prompt), model, max_tokens=n, prompt_cache=cache, **kw):
        out.append(int(tok))
    return out


def spec(model, prompt, n, cache=None, stats=None, **kw):
    gen = speculative_generate_step(prompt, model, prompt_cache=cache, stats=stats, max_tokens=n, **kw)
    out = []
    for tok, logprobs, _ in gen:
        out.append(tok)
        if len(out) == n:
            break
    gen.close()
    return out


@pytest.fixture(scope="module")
def tiny(tiny_model_dir):
    from mlx_lm import load

    return load(tiny_model_dir)


def tiny_prompts(tok):
    script = ("import rhinoscriptsyntax as rs\nfor i in range(10):\n    pt = rs.AddPoint(i, 0, 0)\n"
              "    rs.ObjectLayer(pt, 'Points')\nprint('done')\n")
    chat = tok.apply_chat_template(
        [{"role": "user", "content": "Fix this script:\n" + script + "NameError: name 'rs' is not defined"}],
        add_generation_prompt=True)
    return [chat, tok.encode(script * 3), tok.encode("def f(x):\n    return x + 1\n" * 4 + "def g("),
            tok.encode("hello")]


def test_lookup_drafts_from_latest_longest_match():
    look = NgramLookup([1, 2, 3, 4, 9, 2, 3, 5, 6, 7, 2, 3], ngram=(1, 3))
    assert look.draft(3) == [5, 6, 7]          # tail (2, 3): latest earlier occurrence is at 5..6
    look.extend([5])
    assert look.draft(2) == [6, 7]             # tail (2, 3, 5) seen once before
    assert look.draft(0) == []
    assert NgramLookup([1, 2, 3], ngram=(1, 3)).draft(4) == []   # no earlier occurrence
    assert NgramLookup([7, 8, 7], ngram=(1, 2)).draft(5) == [8, 7]


def test_tiny_greedy_identical(tiny):
    model, tok = tiny
    total = SpecStats()
    for prompt in tiny_prompts(tok):
        stats = SpecStats()
        assert spec(model, prompt, 60, stats=stats) == plain(model, prompt, 60), tok.decode(prompt)
        for field in ("steps", "drafted", "accepted", "generated"):
            setattr(total, field, getattr(total, field) + getattr(stats, field))
    assert total.generated == 60 * 4
    assert total.drafted > 0 and total.accepted > 0  # drafts were proposed and some held
    assert total.steps < total.generated             # fewer forward passes than tokens


def test_tiny_fixed_draft_length_identical(tiny):
    model, tok = tiny
    for prompt in tiny_prompts(tok)[:2]:
        for k in (1, 4, 16):
            assert spec(model, prompt, 40, num_draft=k, adaptive=False) == plain(model, prompt, 40)


def test_logits_processors_identical(tiny):
    from mlx_lm.sample_utils import make_logits_processors

    model, tok = tiny
    procs = make_logits_processors(repetition_penalty=1.5, repetition_context_size=8)
    for prompt in tiny_prompts(tok)[:3]:
        want = plain(model, prompt, 40, logits_processors=procs)
        assert spec(model, prompt, 40, logits_processors=procs) == want
        assert want != plain(model, prompt, 40)  # the processor really changes the output


def test_cache_holds_prompt_plus_yielded(tiny):
    import mlx.core as mx
    from mlx_lm.models.cache import make_prompt_cache

    model, tok = tiny
    prompt = tiny_prompts(tok)[1]
    for stop_after in (1, 7, 23, 41):
        cache = make_prompt_cache(model)
        stats = SpecStats()
        out = spec(model, prompt, stop_after, cache=cache, stats=stats)
        held = cache[0].offset
        # Everything yielded is in the cache, except possibly the very last token.
        assert len(prompt) + len(out) - 1 <= held <= len(prompt) + len(out)
        seq = (prompt + out)[:held]
        nxt = (prompt + out + [5])[held]
        cont = model(mx.array([[nxt]]), cache=cache)[0, -1]
        fresh = model(mx.array([seq + [nxt]]))[0, -1]
        assert mx.allclose(cont, fresh, atol=1e-4), stop_after  # no stale draft KV left behind


def test_partly_cached_prompt_with_history(tiny):
    import mlx.core as mx
    from mlx_lm.models.cache import make_prompt_cache

    model, tok = tiny
    prompt = tiny_prompts(tok)[0]
    cut = len(prompt) - 5
    cache = make_prompt_cache(model)
    mx.eval(model(mx.array([prompt[:cut]]), cache=cache))
    got = spec(model, prompt[cut:], 50, cache=cache, history=prompt)
    assert got == plain(model, prompt, 50)


def test_cancel_stops_before_next_forward(tiny):
    model, tok = tiny
    calls, out = [], []

    def cancel():
        calls.append(len(out))
        return len(out) >= 5

    stats = SpecStats()
    for token, _, _ in speculative_generate_step(tiny_prompts(tok)[1], model, cancel=cancel, stats=stats):
        out.append(token)
        if len(out) > 200:
            break
    assert 5 <= len(out) < 5 + 12   # at most the batch that was in flight
    assert calls[-1] >= 5 and calls[-2] < 5   # ended at the first poll that saw the cancel
    assert stats.generated == len(out)        # no forward pass ran after it


def test_generate_tokens_wrapper(tiny):
    model, tok = tiny
    prompt = tiny_prompts(tok)[2]
    progress = []
    got = list(generate_tokens(model, prompt, max_tokens=17, progress=lambda d, t: progress.append((d, t))))
    assert got == plain(model, prompt, 17) and all(isinstance(t, int) for t in got)
    assert progress[0] == (0, len(prompt)) and progress[-1] == (len(prompt), len(prompt))


def test_sampling_keeps_the_distribution(tiny):
    # Continue the tiny model's own looping greedy text at a low temperature, so drafts (copied
    # from the loop) are likely and often accepted; the sampled 3-token sequences must still
    # follow the exact distribution computed from the model with one full forward pass each.
    import math

    import mlx.core as mx
    from mlx_lm.sample_utils import make_sampler

    model, tok = tiny
    base = tiny_prompts(tok)[1]
    prompt = base + plain(model, base, 30)
    temp, n = 0.02, 300
    sampler = make_sampler(temp=temp)
    counts, stats = collections.Counter(), SpecStats()
    for seed in range(n):
        mx.random.seed(1000 + seed)
        counts[tuple(spec(model, prompt, 3, sampler=sampler, stats=stats))] += 1

    def exact(seq):
        logits = model(mx.array([prompt + list(seq)]))[0, len(prompt) - 1:-1] / temp
        logp = logits - mx.logsumexp(logits, axis=-1, keepdims=True)
        return math.exp(sum(logp[i, t].item() for i, t in enumerate(seq)))

    probs = {seq: exact(seq) for seq in counts}
    tvd = 0.5 * (sum(abs(c / n - probs[s]) for s, c in counts.items()) + (1 - sum(probs.values())))
    assert stats.accepted > n // 2                        # drafts really were accepted
    assert max(counts.values()) < 0.9 * n                 # and the output is really random
    assert tvd < 0.1, (tvd, counts.most_common(4), sorted(probs.values())[-4:])


REAL_PROMPTS = [
    [{"role": "user", "content": "What is the capital of France?"}],
    [{"role": "system", "content": "You fix rhinoscriptsyntax scripts. Reply with the complete fixed script."},
     {"role": "user", "content": "Make 5 points on a line."},
     {"role": "assistant", "content": "```python\nimport rhinoscriptsyntax as rs\n\npoints = []\n"
                                      "for i in range(5):\n    points.append(rs.AddPoint(i * 2.0, 0, 0))\n"
                                      "rs.AddPolyline(points)\nprint(len(points), 'points')\n```"},
     {"role": "user", "content": "Traceback (most recent call last):\n  File \"<script>\", line 6\n"
                                 "    rs.AddPolyline(points)\nTypeError: expected point coordinates, got GUIDs\n"
                                 "Reply with the complete fixed script."}],
]


@pytest.mark.real_model
def test_smollm2_greedy_identical():
    from mlx_lm import load

    from model_server.resolve import resolve_model

    model, tok = load(str(resolve_model("smollm2-135m", adapter="none", progress=False).path))
    total = SpecStats()
    for messages in REAL_PROMPTS:
        prompt = tok.apply_chat_template(messages, add_generation_prompt=True)
        stats = SpecStats()
        assert spec(model, prompt, 64, stats=stats) == plain(model, prompt, 64)
        total.drafted += stats.drafted
        total.accepted += stats.accepted
    assert total.accepted > 0
