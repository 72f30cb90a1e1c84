"""Prompt-lookup speculative decoding: drafts copied from the prompt, verified in one pass.

A repair reply ("here is the fixed script") repeats most of the previous script, which sits in
the prompt. Each step takes the last n tokens of prompt + output, finds their latest earlier
occurrence, and proposes the k tokens that followed it as a draft. One forward pass over
[last token, draft...] gives the model's own choice at every draft position; the longest prefix
of the draft that equals those choices is accepted, plus the model's token after it. The KV
entries of rejected draft tokens are trimmed from the cache (mlx_lm's trimmable KVCache).

Output rule: every emitted token is the model's own choice given the emitted prefix.
- Greedy (no sampler, or temperature 0): output equals plain decoding token for token, up to
  float rounding in the batched verify pass (no difference seen in the tests).
- Sampling: each draft position is sampled with the caller's sampler and a draft token is kept
  only when it equals that sample. Every output token is then a genuine sample from the model
  given its prefix, so the distribution is exactly that of plain sampling; the random stream is
  consumed differently, so a seed gives a different (equally valid) text than without speculation.

    for token, logprobs, was_draft in speculative_generate_step(prompt, model, prompt_cache=cache):
        ...   # the caller handles max_tokens, eos and stop strings, like mlx_lm's generate_step
"""
from dataclasses import dataclass
from typing import Any, Callable, Dict, Iterator, List, Optional, Sequence, Tuple

from model_server.fast_blas import ensure_fast_blas

ensure_fast_blas()

import mlx.core as mx  # noqa: E402
from mlx_lm.generate import generation_stream  # noqa: E402
from mlx_lm.models.cache import can_trim_prompt_cache, make_prompt_cache, trim_prompt_cache  # noqa: E402

DEFAULT_NUM_DRAFT = 10
DEFAULT_NGRAM = (1, 3)  # shortest, longest n-gram matched


@dataclass
class SpecStats:
    """Acceptance statistics of one generation (filled in while it runs)."""
    steps: int = 0          # verify forward passes
    drafted: int = 0        # draft tokens proposed
    accepted: int = 0       # draft tokens accepted
    generated: int = 0      # tokens yielded

    @property
    def acceptance_rate(self) -> float:
        return self.accepted / self.drafted if self.drafted else 0.0

    @property
    def tokens_per_step(self) -> float:
        return self.generated / self.steps if self.steps else 0.0

    def to_dict(self) -> Dict[str, float]:
        return {"steps": self.steps, "drafted": self.drafted, "accepted": self.accepted,
                "generated": self.generated, "acceptance_rate": round(self.acceptance_rate, 4),
                "tokens_per_step": round(self.tokens_per_step, 3)}


class NgramLookup:
    """Incremental index of n-grams over a growing token list; drafts continue the latest match."""

    def __init__(self, tokens: Sequence[int], ngram: Tuple[int, int] = DEFAULT_NGRAM):
        self.min_n, self.max_n = ngram
        self.tokens: List[int] = []
        # n -> {ngram: latest end position, previous-latest end position}
        self._ends: Dict[int, Dict[Tuple[int, ...], Tuple[int, int]]] = {
            n: {} for n in range(self.min_n, self.max_n + 1)}
        self.extend(tokens)

    def extend(self, tokens: Sequence[int]) -> None:
        for t in tokens:
            self.tokens.append(int(t))
            end = len(self.tokens)
            for n, table in self._ends.items():
                if end >= n:
                    key = tuple(self.tokens[end - n:end])
                    prev = table.get(key)
                    table[key] = (end, prev[0] if prev else -1)

    def draft(self, k: int) -> List[int]:
        """Up to k tokens that followed the latest earlier occurrence of the longest matching tail."""
        end = len(self.tokens)
        if k <= 0:
            return []
        for n in range(min(self.max_n, end), self.min_n - 1, -1):
            hit = self._ends[n].get(tuple(self.tokens[end - n:end]))
            if hit is None:
                continue
            start = hit[0] if hit[0] < end else hit[1]  # the tail itself is the latest: skip it
            if start > 0:
                return self.tokens[start:start + k]
        return []


def speculative_generate_step(
    prompt: Sequence[int],
    model: Any,
    *,
    prompt_cache: Optional[List[Any]] = None,
    history: Optional[Sequence[int]] = None,
    sampler: Optional[Callable[[mx.array], mx.array]] = None,
    logits_processors: Optional[List[Callable[[mx.array, mx.array], mx.array]]] = None,
    max_tokens: int = -1,
    num_draft: int = DEFAULT_NUM_DRAFT,
    ngram: Tuple[int, int] = DEFAULT_NGRAM,
    cancel: Optional[Callable[[], bool]] = None,
    progress: Optional[Callable[[int, int], None]] = None,
    prefill_step_size: int = 2048,
    want_logprobs: bool = True,
    stats: Optional[SpecStats] = None,
    stream: Any = None,
    adaptive: bool = True,
) -> Iterator[Tuple[int, Optional[mx.array], bool]]:
    """Yield (token, logprobs or None, was_draft) like mlx_lm's generate_step, with drafts.

    prompt: the tokens to feed (the part not already in `prompt_cache`); history: the full token
    sequence for draft lookup (defaults to prompt; a history ending in prompt is used as is, else
    prompt is appended). max_tokens only bounds drafting (-1: unbounded; the caller stops).
    cancel() is polled before every forward pass; progress(done, total) during prefill.
    On exit the cache holds exactly the prompt plus the yielded tokens, as with generate_step.
    """
    prompt = [int(t) for t in prompt]
    if not prompt:
        raise ValueError("speculative decoding needs at least one prompt token")
    cache = prompt_cache if prompt_cache is not None else make_prompt_cache(model)
    if not can_trim_prompt_cache(cache):
        raise ValueError("speculative decoding needs a trimmable KV cache")
    stats = stats if stats is not None else SpecStats()
    context = list(history) if history is not None else []
    if context[len(context) - len(prompt):] != prompt:
        context += prompt
    lookup = NgramLookup(context, ngram)
    k = num_draft  # current draft length
    min_draft = 1 if adaptive else num_draft
    seen_tokens = list(prompt)  # what logits processors see, as in generate_step: prompt + output
    cancelled = cancel or (lambda: False)
    stream = stream if stream is not None else generation_stream

    def verify(last: int, draft: List[int]):
        """Forward [last] + draft; the model's choice and logprobs at each of the len+1 positions."""
        logits = model(mx.array([[last] + draft], dtype=mx.uint32), cache=cache)[0]
        if logits_processors:
            base = mx.array(seen_tokens, dtype=mx.uint32)
            rows = []
            for i in range(len(draft) + 1):
                seen = mx.concatenate([base, mx.array(draft[:i], dtype=mx.uint32)]) if i else base
                row = logits[i:i + 1]
                for proc in logits_processors:
                    row = proc(seen, row)
                rows.append(row)
            logits = mx.concatenate(rows, axis=0)
        logprobs = logits - mx.logsumexp(logits, axis=-1, keepdims=True)
        choice = sampler(logprobs) if sampler is not None else mx.argmax(logprobs, axis=-1)
        return choice, logprobs

    fed = 0        # generated/draft tokens whose KV is in the cache beyond the prompt
    yielded = 0
    with mx.stream(stream):
        # Prefill all but the last prompt token, like generate_step (same cache contents).
        total, done_tokens = len(prompt), 0
        if progress:
            progress(0, total)
        while total - done_tokens > 1:
            if cancelled():
                return
            n = min(prefill_step_size, total - done_tokens - 1)
            model(mx.array([prompt[done_tokens:done_tokens + n]], dtype=mx.uint32), cache=cache)
            mx.eval([c.state for c in cache])
            done_tokens += n
            if progress:
                progress(done_tokens, total)
        last = prompt[-1]
        fed = -1  # the last prompt token is not in the cache yet
        try:
            while True:
                if cancelled():
                    return
                budget = k if max_tokens < 0 else min(k, max_tokens - yielded - 1)
                draft = lookup.draft(budget)
                choice, logprobs = verify(last, draft)
                fed += 1 + len(draft)
                choice = choice.tolist()
                n = 0
                while n < len(draft) and draft[n] == choice[n]:
                    n += 1
                if len(draft) > n:
                    trim_prompt_cache(cache, len(draft) - n)
                    fed -= len(draft) - n
                if draft:  # adapt: grow while drafts hold, shrink to what held when they fail
                    k = min(num_draft, 2 * k) if n == len(draft) else max(min_draft, n + 1)
                stats.steps += 1
                stats.drafted += len(draft)
                stats.accepted += n
                out = choice[:n + 1]
                lookup.extend(out)
                seen_tokens.extend(out)
                if progress and stats.steps == 1:
                    progress(total, total)
                for i, token in enumerate(out):
                    yielded += 1
                    stats.generated += 1
                    yield token, (logprobs[i] if want_logprobs else None), i < n
                last = out[-1]
        finally:
            # Keep exactly prompt + yielded tokens: drop KV of anything fed but not handed out.
            extra = fed - yielded
            if extra > 0:
                trim_prompt_cache(cache, extra)


def generate_tokens(model: Any, prompt: Sequence[int], *, prompt_cache: Optional[List[Any]] = None,
                    history: Optional[Sequence[int]] = None, max_tokens: int = -1,
                    sampler=None, logits_processors=None, stream=None, progress=None,
                    cancel=None, stats: Optional[SpecStats] = None, **options) -> Iterator[int]:
    """Token ids only: the engine's drop-in for `for token, _ in generate_step(...)`."""
    gen = speculative_generate_step(prompt, model, prompt_cache=prompt_cache, history=history,
                                    sampler=sampler, logits_processors=logits_processors,
                                    max_tokens=max_tokens, cancel=cancel, progress=progress,
                                    want_logprobs=False, stats=stats, stream=stream, **options)
    try:
        for count, (token, _, _) in enumerate(gen, 1):
            yield token
            if count == max_tokens:
                return
    finally:
        gen.close()
