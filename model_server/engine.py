"""The generation engine: exactly one worker thread owns MLX, fed by a bounded queue.

The HTTP layer tokenizes a chat, wraps it in `GenerationParams` and calls `submit()` with a sink
(a callable). The worker runs jobs one at a time and calls the sink from its own thread with
events: `("text", str)` for each piece of new text and finally `("done", Finished)` or
`("error", str)`. `Job.cancel()` (the client went away) is polled before every decode step and
during prefill, so a cancelled job stops within one step and frees the worker.
"""
import logging
import math
import queue
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, Iterator, List, Optional, Sequence, Tuple

from model_server.fast_blas import ensure_fast_blas

ensure_fast_blas()

import mlx.core as mx  # noqa: E402
from mlx_lm.generate import generate_step  # noqa: E402
from mlx_lm.models.cache import make_prompt_cache  # noqa: E402
from mlx_lm.sample_utils import make_logits_processors, make_sampler  # noqa: E402

from model_server.metrics import Metrics  # noqa: E402
from model_server.prompt_cache import PromptCacheStore  # noqa: E402
from model_server.stops import StopMatcher  # noqa: E402

log = logging.getLogger("rhinocoder.server")

Event = Tuple[str, Any]
Sink = Callable[[Event], None]


@dataclass
class GenerationParams:
    prompt: List[int]
    max_tokens: int = 256
    temperature: float = 0.0
    top_p: float = 1.0
    stop: Sequence[str] = ()
    seed: Optional[int] = None
    logit_bias: Optional[Dict[int, float]] = None
    names: Optional[Dict[str, List[str]]] = None   # constrained names after these prefixes (name_constraint)
    speculative: Optional[bool] = None       # None: the engine's default


@dataclass
class Finished:
    finish_reason: str                       # "stop" | "length" | "cancelled"
    prompt_tokens: int
    completion_tokens: int
    cached_tokens: int
    ttft: Optional[float]                    # seconds from start of work to the first token
    tokens_per_second: Optional[float]
    queued_seconds: float
    steps_after_cancel: int = 0              # decode steps run after cancel() was seen
    speculative: Optional[Dict[str, float]] = None   # draft statistics when it was on


class QueueFull(Exception):
    def __init__(self, retry_after: int):
        super().__init__("the server is busy: the request queue is full")
        self.retry_after = retry_after


class _Abort(Exception):
    """Raised from the prefill progress callback when the job was cancelled."""


@dataclass
class Job:
    params: GenerationParams
    sink: Sink
    submitted: float = field(default_factory=time.perf_counter)
    _cancel: threading.Event = field(default_factory=threading.Event)
    spec_stats: Any = None                   # speculative.SpecStats when drafting was on

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()


class Engine:
    def __init__(self, model, tokenizer, *, name: str = "model", adapter: Optional[str] = None,
                 max_queue: int = 8, cache_entries: int = 4, prefill_step: int = 512,
                 speculative: bool = False, metrics: Optional[Metrics] = None):
        self.model = model
        self.tokenizer = tokenizer
        self.name = name
        self.adapter = adapter
        self.speculative = speculative
        self.prefill_step = prefill_step
        self.metrics = metrics or Metrics()
        self.cache = PromptCacheStore(model, max_entries=cache_entries)
        self._queue: "queue.Queue[Optional[Job]]" = queue.Queue(maxsize=max_queue)
        self._active: Optional[Job] = None
        self._idle = threading.Condition()
        self._recent_seconds: List[float] = []
        self._thread: Optional[threading.Thread] = None
        self._parked = threading.Event()
        self._ready = threading.Event()          # set once the warm-up is done
        self.started_at = time.time()
        self.tokens_generated = 0            # all tokens ever decoded (read by tests, benches)
        self.last_finished: Optional[Finished] = None
        self._constraints: "OrderedDict[Any, Any]" = OrderedDict()   # names -> NameConstraint (worker thread only)

    # ---- lifecycle -------------------------------------------------------------------------

    def start(self, warmup: bool = True) -> "Engine":
        """Start the worker; `warmup` first compiles the samplers so no client pays for it."""
        if self._thread is None:
            self._thread = threading.Thread(target=self._work, args=(warmup,),
                                            name="mlx-worker", daemon=True)
            self._thread.start()
        return self

    def wait_ready(self, timeout: float) -> bool:
        """True once the worker has warmed up and takes jobs."""
        return self._ready.wait(timeout)

    def stop(self, timeout: float = 10.0) -> None:
        """Cancel what runs, finish what waits as cancelled, and park the worker (see _work)."""
        if self._thread is None:
            return
        if self._active is not None:
            self._active.cancel()
        while True:
            try:
                job = self._queue.get_nowait()
            except queue.Empty:
                break
            if job is not None:
                job.cancel()
                self._finish_unstarted(job)
        self._queue.put(None)
        self._parked.wait(timeout)
        self._thread = None

    # ---- the HTTP side ---------------------------------------------------------------------

    def encode_chat(self, messages: List[Dict[str, str]]) -> List[int]:
        """Prompt tokens for OpenAI-style messages, through the model's chat template."""
        tok = self.tokenizer
        if getattr(tok, "chat_template", None) or getattr(tok, "has_chat_template", False):
            return list(tok.apply_chat_template(messages, add_generation_prompt=True,
                                                tokenize=True))
        text = "".join("{}: {}\n".format(m["role"], m["content"]) for m in messages)
        return list(tok.encode(text + "assistant: "))

    def submit(self, params: GenerationParams, sink: Sink) -> Job:
        job = Job(params=params, sink=sink)
        try:
            self._queue.put_nowait(job)
        except queue.Full:
            raise QueueFull(self.retry_after()) from None
        return job

    def retry_after(self) -> int:
        """Seconds a client should wait before retrying when the queue is full."""
        recent = self._recent_seconds[-8:]
        per_job = sum(recent) / len(recent) if recent else 1.0
        return max(1, min(60, int(math.ceil(per_job * (self.queue_depth + 1)))))

    @property
    def queue_depth(self) -> int:
        return self._queue.qsize()

    @property
    def busy(self) -> bool:
        return self._active is not None

    def wait_idle(self, timeout: float) -> bool:
        """True once nothing runs and nothing waits (tests and benchmarks use it)."""
        deadline = time.monotonic() + timeout
        with self._idle:
            while self._active is not None or self._queue.qsize() > 0:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._idle.wait(left)
        return True

    def generate(self, params: GenerationParams, timeout: float = 600.0) -> Iterator[Event]:
        """Submit and yield the events in this thread (for scripts, tests and the benchmark)."""
        events: "queue.Queue[Event]" = queue.Queue()
        job = self.submit(params, events.put)
        try:
            while True:
                event = events.get(timeout=timeout)
                yield event
                if event[0] in ("done", "error"):
                    return
        finally:
            job.cancel()

    # ---- the worker ------------------------------------------------------------------------

    def _work(self, warmup: bool) -> None:
        # MLX streams are per thread: this thread uses its own default stream.
        stream = mx.default_stream(mx.default_device())
        if warmup:
            self._warmup(stream)
        self._ready.set()
        while True:
            job = self._queue.get()
            if job is None:
                # Park instead of returning: a thread that used MLX (with OpenBLAS) and then
                # exits makes the process abort at exit (ml-explore/mlx#3126). A parked daemon
                # thread holds nothing and dies with the process.
                self._parked.set()
                threading.Event().wait()
            with self._idle:
                self._active = job
            started = time.perf_counter()
            try:
                if job.cancelled:
                    self._finish_unstarted(job)
                else:
                    self._run(job, stream)
            except Exception as exc:                  # a bug or an MLX failure: tell the client
                log.exception("generation failed")
                self._emit(job, ("error", "{}: {}".format(type(exc).__name__, exc)))
            finally:
                self._recent_seconds = (self._recent_seconds + [time.perf_counter() - started])[-8:]
                with self._idle:
                    self._active = None
                    self._idle.notify_all()

    def _warmup(self, stream) -> None:
        prompt = list(self.tokenizer.encode("hello"))[:4] or [0]
        for temperature in (0.0, 0.7):
            job = Job(GenerationParams(prompt=prompt * 2, max_tokens=2, temperature=temperature,
                                       top_p=0.9), sink=lambda event: None)
            try:
                self._run(job, stream, record=False)
            except Exception:
                log.warning("warm-up generation failed", exc_info=True)

    def _finish_unstarted(self, job: Job) -> None:
        done = Finished("cancelled", len(job.params.prompt), 0, 0, None, None,
                        time.perf_counter() - job.submitted)
        self.metrics.record_generation(done.prompt_tokens, 0, 0, None, None, True)
        self.last_finished = done
        self._emit(job, ("done", done))

    @staticmethod
    def _emit(job: Job, event: Event) -> None:
        try:
            job.sink(event)
        except Exception:                          # the client's side is gone; keep working
            log.debug("sink failed", exc_info=True)

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
        self.metrics.record_generation(done.prompt_tokens, done.completion_tokens, cached,
                                       done.ttft, tps, finish == "cancelled")
        if job.spec_stats is not None:
            self.metrics.record_drafts(job.spec_stats.drafted, job.spec_stats.accepted)
        self.last_finished = done
        self._emit(job, ("done", done))

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
