"""The MLX engine: mlx_lm in-process, on the worker thread that owns MLX (see engine.py).

Sampling goes through mlx_lm's samplers and logits processors; `prompt_cache.py` reuses the KV
cache of the longest common prompt prefix; `speculative.py` adds prompt-lookup drafting;
`name_constraint.py` masks names after `rs.`. Cancel is polled before every decode step and
between prefill chunks, whose size follows the measured speed so that each takes about
PREFILL_CHUNK_SECONDS (a cancelled job frees the worker within about that time, not after a
fixed 512 tokens that take 5-20 s on a loaded CPU).
"""
import logging
import time
from collections import OrderedDict
from typing import Any, Dict, Iterator, List, Optional, Set

from model_server.fast_blas import ensure_fast_blas

ensure_fast_blas()

import mlx.core as mx  # noqa: E402
from mlx_lm.generate import generate_step  # noqa: E402
from mlx_lm.models.cache import make_prompt_cache  # noqa: E402
from mlx_lm.sample_utils import make_logits_processors, make_sampler  # noqa: E402

from model_server.engine import Engine, Finished, GenerationParams, Job  # noqa: E402
from model_server.metrics import Metrics  # noqa: E402
from model_server.prompt_cache import DEFAULT_CACHE_MIB, PromptCacheStore  # noqa: E402
from model_server.stops import StopMatcher  # noqa: E402

log = logging.getLogger("rhinocoder.server")


PREFILL_CHUNK_SECONDS = 0.2     # target time of one prefill chunk (cancel is checked between)
PREFILL_FIRST_CHUNK = 16        # tokens in the first chunk, before the speed is known
PREFILL_MIN_CHUNK = 8


# End-of-text and end-of-turn markers of common vocabularies (the texts llama.cpp treats as end
# of generation, FIM file separators included): any of them that the tokenizer has as a special
# token stops generation, whether or not the model's config lists it as eos.
END_TEXTS = frozenset([
    "<|endoftext|>", "<|im_end|>", "<|eot_id|>", "<|eom_id|>", "<|end|>", "<|end_of_text|>",
    "<end_of_turn>", "</s>", "<|return|>", "<EOT>", "<\uff5cend\u2581of\u2581sentence\uff5c>",
    "<|fim_pad|>", "<|repo_name|>", "<|file_sep|>"])


def special_tokens(tokenizer) -> Dict[int, str]:
    """{id: text} of the tokenizer's special tokens (added tokens marked special, eos, pad...)."""
    inner = getattr(tokenizer, "_tokenizer", tokenizer)
    out: Dict[int, str] = {}
    try:
        for i, added in (getattr(inner, "added_tokens_decoder", None) or {}).items():
            if getattr(added, "special", False):
                out[int(i)] = str(getattr(added, "content", added))
        for i in getattr(inner, "all_special_ids", None) or []:
            out.setdefault(int(i), str(inner.convert_ids_to_tokens(int(i))))
    except Exception:                       # a tokenizer without these tables: eos ids only
        log.debug("no special-token table", exc_info=True)
    return out


def end_token_ids(tokenizer) -> Set[int]:
    """Every token that ends generation: the tokenizer's eos ids (config and generation_config
    included, as mlx_lm loads them) and every special token whose text is an end marker."""
    ends = set(int(i) for i in (getattr(tokenizer, "eos_token_ids", None) or ()))
    ends.update(i for i, text in special_tokens(tokenizer).items() if text in END_TEXTS)
    return ends


class _Abort(Exception):
    """Raised from the prefill progress callback when the job was cancelled."""


class MLXEngine(Engine):
    kind = "mlx"
    thread_name = "mlx-worker"

    def __init__(self, model, tokenizer, *, name: str = "model", adapter: Optional[str] = None,
                 max_queue: int = 8, cache_entries: int = 4, cache_mib: float = DEFAULT_CACHE_MIB,
                 prefill_step: int = 512,
                 speculative: bool = False, metrics: Optional[Metrics] = None):
        super().__init__(name=name, adapter=adapter, max_queue=max_queue, speculative=speculative,
                         metrics=metrics)
        self.model = model
        self.tokenizer = tokenizer
        self.prefill_step = prefill_step
        self.cache = PromptCacheStore(model, max_entries=cache_entries,
                                      max_bytes=int(cache_mib * 1024 * 1024))
        # Special tokens never reach the reply as text: end markers stop, the rest (<|im_start|>,
        # FIM markers...) are skipped, as llama.cpp and skip_special_tokens do.
        self.end_ids = end_token_ids(tokenizer)
        self.hidden_ids = set(special_tokens(tokenizer)) - self.end_ids
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
        # The names constraint's vocabulary table (1.5 s for Qwen's 152k tokens on 2 cores) is
        # built here, at load, instead of on the first request that sends names (every plugin turn).
        from model_server.name_constraint import vocabulary_of

        vocabulary_of(self.tokenizer)
        prompt = list(self.tokenizer.encode("hello"))[:4] or [0]
        for temperature in (0.0, 0.7):
            job = Job(GenerationParams(prompt=prompt * 2, max_tokens=2, temperature=temperature,
                                       top_p=0.9), sink=lambda event: None)
            try:
                self._run(job, stream, record=False)
            except Exception:
                log.warning("warm-up generation failed", exc_info=True)

    def _prefill(self, job: Job, rest: List[int], cache: List[Any], stream) -> List[int]:
        """Run all but the last token of `rest` into `cache` in timed chunks, checking cancel
        between them (raises _Abort); returns the tokens left for the generator (the last one).

        Chunk sizes follow the speed just measured so that one chunk takes about
        PREFILL_CHUNK_SECONDS, between PREFILL_MIN_CHUNK and `prefill_step` tokens: a fast
        machine gets full-size chunks, a slow or loaded one smaller chunks."""
        done, todo = 0, len(rest) - 1
        size = min(PREFILL_FIRST_CHUNK, self.prefill_step)
        with mx.stream(stream):
            while done < todo:
                if job.cancelled:
                    raise _Abort()
                n = min(size, todo - done)
                started = time.perf_counter()
                self.model(mx.array(rest[done:done + n])[None], cache=cache)
                mx.eval([c.state for c in cache])
                seconds = time.perf_counter() - started
                done += n
                rate = n / max(seconds, 1e-4)
                size = int(min(self.prefill_step, max(PREFILL_MIN_CHUNK, rate * PREFILL_CHUNK_SECONDS)))
        if job.cancelled:
            raise _Abort()
        return rest[done:]

    def _tokens(self, job: Job, rest: List[int], cache: List[Any],
                stream) -> Iterator[int]:
        """Token ids from the model for the uncached part of the prompt."""
        p = job.params
        rest = self._prefill(job, rest, cache, stream)

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
        eos, hidden = self.end_ids, self.hidden_ids
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
                if token in hidden:
                    continue
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
