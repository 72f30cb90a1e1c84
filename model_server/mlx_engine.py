"""The MLX engine: mlx_lm in-process, on the worker thread that owns MLX (see engine.py).

Sampling goes through mlx_lm's samplers and logits processors; `prompt_cache.py` reuses the KV
cache of the longest common prompt prefix; `speculative.py` adds prompt-lookup drafting;
`name_constraint.py` masks names after `rs.`. Cancel is polled before every decode step and
during prefill.
"""
import logging
import time
from collections import OrderedDict
from typing import Any, Dict, Iterator, List, Optional

from model_server.fast_blas import ensure_fast_blas

ensure_fast_blas()

import mlx.core as mx  # noqa: E402
from mlx_lm.generate import generate_step  # noqa: E402
from mlx_lm.models.cache import make_prompt_cache  # noqa: E402
from mlx_lm.sample_utils import make_logits_processors, make_sampler  # noqa: E402

from model_server.engine import Engine, Finished, GenerationParams, Job  # noqa: E402
from model_server.metrics import Metrics  # noqa: E402
from model_server.prompt_cache import PromptCacheStore  # noqa: E402
from model_server.stops import StopMatcher  # noqa: E402

log = logging.getLogger("rhinocoder.server")


class _Abort(Exception):
    """Raised from the prefill progress callback when the job was cancelled."""


class MLXEngine(Engine):
    kind = "mlx"
    thread_name = "mlx-worker"

    def __init__(self, model, tokenizer, *, name: str = "model", adapter: Optional[str] = None,
                 max_queue: int = 8, cache_entries: int = 4, prefill_step: int = 512,
                 speculative: bool = False, metrics: Optional[Metrics] = None):
        super().__init__(name=name, adapter=adapter, max_queue=max_queue, speculative=speculative,
                         metrics=metrics)
        self.model = model
        self.tokenizer = tokenizer
        self.prefill_step = prefill_step
        self.cache = PromptCacheStore(model, max_entries=cache_entries)
        self._constraints: "OrderedDict[Any, Any]" = OrderedDict()   # names -> NameConstraint (worker thread only)

    def encode_chat(self, messages: List[Dict[str, str]]) -> List[int]:
        """Prompt tokens for OpenAI-style messages, through the model's chat template."""
        tok = self.tokenizer
        if getattr(tok, "chat_template", None) or getattr(tok, "has_chat_template", False):
            return list(tok.apply_chat_template(messages, add_generation_prompt=True,
                                                tokenize=True))
        text = "".join("{}: {}\n".format(m["role"], m["content"]) for m in messages)
        return list(tok.encode(text + "assistant: "))

    @property
    def vocab_size(self) -> Optional[int]:
        try:
            return int(self.model.args.vocab_size)
        except (AttributeError, TypeError, ValueError):
            return None

    @property
    def context_length(self) -> Optional[int]:
        try:
            return int(self.model.args.max_position_embeddings)
        except (AttributeError, TypeError, ValueError):
            return None

    @property
    def cache_entries(self) -> int:
        return len(self.cache)

    def _thread_context(self):
        # MLX streams are per thread: this thread uses its own default stream.
        return mx.default_stream(mx.default_device())

    def _warmup(self, stream) -> None:
        prompt = list(self.tokenizer.encode("hello"))[:4] or [0]
        for temperature in (0.0, 0.7):
            job = Job(GenerationParams(prompt=prompt * 2, max_tokens=2, temperature=temperature,
                                       top_p=0.9), sink=lambda event: None)
            try:
                self._run(job, stream, record=False)
            except Exception:
                log.warning("warm-up generation failed", exc_info=True)

    def _tokens(self, job: Job, rest: List[int], cache: List[Any],
                stream) -> Iterator[int]:
        """Token ids from the model for the uncached part of the prompt."""
        p = job.params

        def progress(done: int, total: int) -> None:
            if job.cancelled:
                raise _Abort()

        sampler = make_sampler(p.temperature, top_p=p.top_p if 0.0 < p.top_p < 1.0 else 0.0)
        processors = make_logits_processors(logit_bias=p.logit_bias) if p.logit_bias else None
        if p.names:
            processors = (processors or []) + [self._name_constraint(p.names)]
        use_spec = self.speculative if p.speculative is None else p.speculative
        if use_spec:
            from model_server import speculative
            job.spec_stats = speculative.SpecStats()
            gen = speculative.generate_tokens(
                self.model, rest, prompt_cache=cache, history=p.prompt,
                max_tokens=p.max_tokens, sampler=sampler, logits_processors=processors,
                stream=stream, progress=progress, cancel=lambda: job.cancelled,
                prefill_step_size=self.prefill_step, stats=job.spec_stats)
            try:
                for token in gen:
                    yield int(token)
            finally:
                gen.close()
            return
        gen = generate_step(mx.array(rest), self.model, stream, max_tokens=p.max_tokens,
                            sampler=sampler, logits_processors=processors,
                            prompt_cache=cache, prefill_step_size=self.prefill_step,
                            prompt_progress_callback=progress)
        try:
            for token, _ in gen:
                yield int(token)
        finally:
            gen.close()

    def _run(self, job: Job, stream, record: bool = True) -> None:
        p = job.params
        start = time.perf_counter()
        queued = start - job.submitted
        if p.seed is not None:
            mx.random.seed(p.seed)
        cache, cached = self.cache.fetch(p.prompt) if record else (make_prompt_cache(self.model), 0)
        eos = set(self.tokenizer.eos_token_ids)
        detok = self.tokenizer.detokenizer
        detok.reset()
        stops = StopMatcher(p.stop)
        generated: List[int] = []
        seen = list(p.prompt)                 # every token the cache may hold, in order
        first_at: Optional[float] = None
        finish = "length"
        stop_hit = False
        steps_after_cancel = 0

        def emit_text(piece: str) -> bool:
            out, hit = stops.feed(piece)
            if out:
                self._emit(job, ("text", out))
            return hit

        tokens = self._tokens(job, p.prompt[cached:], cache, stream)
        try:
            for token in tokens:
                if first_at is None:
                    first_at = time.perf_counter()
                if record:
                    self.tokens_generated += 1
                seen.append(token)
                if job.cancelled:
                    steps_after_cancel += 1
                    finish = "cancelled"
                    break
                if token in eos:
                    finish = "stop"
                    break
                generated.append(token)
                detok.add_token(token)
                if emit_text(detok.last_segment):
                    finish, stop_hit = "stop", True
                    break
        except _Abort:
            finish = "cancelled"
        finally:
            tokens.close()
        if finish != "cancelled" and not stop_hit:
            # End of text: release what the detokenizer and the stop matcher still hold.
            detok.finalize()
            if emit_text(detok.last_segment):
                finish = "stop"
            else:
                tail = stops.flush()
                if tail:
                    self._emit(job, ("text", tail))
        end = time.perf_counter()
        if not record:
            return
        self._keep_cache(seen, cache)
        decode_seconds = end - first_at if first_at is not None else 0.0
        tps = (len(generated) - 1) / decode_seconds if len(generated) > 1 and decode_seconds > 0 \
            else None
        done = Finished(finish, len(p.prompt), len(generated), cached,
                        None if first_at is None else first_at - start, tps, queued,
                        steps_after_cancel,
                        job.spec_stats.to_dict() if job.spec_stats is not None else None)
        self._finish(job, done)

    def _name_constraint(self, names: Dict[str, List[str]]):
        """The processor for this set of names; the last few sets are kept (their masks are cached)."""
        from model_server.name_constraint import NameConstraint, vocabulary_of

        key = tuple(sorted((prefix, frozenset(n)) for prefix, n in names.items()))
        hit = self._constraints.pop(key, None)
        if hit is None:
            hit = NameConstraint(vocabulary_of(self.tokenizer), names)
        self._constraints[key] = hit
        while len(self._constraints) > 4:
            self._constraints.popitem(last=False)
        return hit

    def _keep_cache(self, seen: List[int], cache: List[Any]) -> None:
        """Store the cache under exactly the tokens it holds."""
        try:
            held = cache[0].offset
        except (AttributeError, IndexError):
            return
        if held <= 0 or held > len(seen):
            return                             # unknown contents: don't risk a wrong reuse
        self.cache.insert(seen[:held], cache)
