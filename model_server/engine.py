"""The generation engine seam: one worker thread owns the model, fed by a bounded queue.

The HTTP layer tokenizes a chat with `encode_chat`, wraps it in `GenerationParams` and calls
`submit()` with a sink (a callable). The worker runs jobs one at a time and calls the sink from
its own thread with events: `("text", str)` for each piece of new text and finally
`("done", Finished)` or `("error", str)`. `Job.cancel()` (the client went away) is polled by the
engine as often as it can, so a cancelled job stops within one decode step and frees the worker.

This module holds what every engine shares (queue, 429, lifecycle, metrics, events) and imports
no model library. The engines: `mlx_engine.MLXEngine` (mlx_lm, in-process; Apple silicon's fast
path) and `llamacpp_engine.LlamaCppEngine` (llama.cpp through xllamacpp, in-process; the fast
path on Windows and Linux CPUs). `make_engine` picks one by name.
"""
import abc
import logging
import math
import queue
import threading
import time
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, Iterator, List, Optional, Sequence, Tuple

from model_server.metrics import Metrics

log = logging.getLogger("rhinocoder.server")

Event = Tuple[str, Any]
Sink = Callable[[Event], None]

ENGINES = ("mlx", "llamacpp")


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


class Engine(abc.ABC):
    """The shared half of an engine; subclasses implement the hooks at the end."""

    kind = "engine"
    thread_name = "engine-worker"

    def __init__(self, *, name: str = "model", adapter: Optional[str] = None, max_queue: int = 8,
                 speculative: bool = False, metrics: Optional[Metrics] = None):
        self.name = name
        self.adapter = adapter
        self.speculative = speculative
        self.metrics = metrics or Metrics()
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

    # ---- lifecycle -------------------------------------------------------------------------

    def start(self, warmup: bool = True) -> "Engine":
        """Start the worker; `warmup` first compiles the samplers so no client pays for it."""
        if self._thread is None:
            self._thread = threading.Thread(target=self._work, args=(warmup,),
                                            name=self.thread_name, daemon=True)
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
        context = self._thread_context()
        if warmup:
            self._warmup(context)
        self._ready.set()
        while True:
            job = self._queue.get()
            if job is None:
                # Park instead of returning: a thread that used MLX (with OpenBLAS) and then
                # exits makes the process abort at exit (ml-explore/mlx#3126). A parked daemon
                # thread holds nothing and dies with the process. Every engine parks alike.
                self._parked.set()
                threading.Event().wait()
            with self._idle:
                self._active = job
            started = time.perf_counter()
            try:
                if job.cancelled:
                    self._finish_unstarted(job)
                else:
                    self._run(job, context)
            except Exception as exc:                  # a bug or an engine failure: tell the client
                log.exception("generation failed")
                self._emit(job, ("error", "{}: {}".format(type(exc).__name__, exc)))
            finally:
                self._recent_seconds = (self._recent_seconds + [time.perf_counter() - started])[-8:]
                with self._idle:
                    self._active = None
                    self._idle.notify_all()

    def _finish_unstarted(self, job: Job) -> None:
        self._finish(job, Finished("cancelled", len(job.params.prompt), 0, 0, None, None,
                                   time.perf_counter() - job.submitted))

    def _finish(self, job: Job, done: Finished) -> None:
        """Record a finished job in the metrics and send its done event (every engine ends here)."""
        self.metrics.record_generation(done.prompt_tokens, done.completion_tokens, done.cached_tokens,
                                       done.ttft, done.tokens_per_second,
                                       done.finish_reason == "cancelled")
        if done.speculative is not None:
            self.metrics.record_drafts(done.speculative["drafted"], done.speculative["accepted"])
        self.last_finished = done
        self._emit(job, ("done", done))

    @staticmethod
    def _emit(job: Job, event: Event) -> None:
        try:
            job.sink(event)
        except Exception:                          # the client's side is gone; keep working
            log.debug("sink failed", exc_info=True)

    # ---- what each engine provides --------------------------------------------------------

    @abc.abstractmethod
    def encode_chat(self, messages: List[Dict[str, str]]) -> List[int]:
        """Prompt tokens for OpenAI-style messages, through the model's chat template."""

    @property
    def vocab_size(self) -> Optional[int]:
        return None

    @property
    def context_length(self) -> Optional[int]:
        """The most tokens prompt + completion may hold, when the engine knows it."""
        return None

    @property
    def cache_entries(self) -> int:
        """Prompt caches held for prefix reuse (for /metrics)."""
        return 0

    def _thread_context(self) -> Any:
        """Called once on the worker thread before any job; handed to _warmup and _run."""
        return None

    def _warmup(self, context: Any) -> None:
        """Run a tiny generation so the first client does not pay for compilation."""

    @abc.abstractmethod
    def _run(self, job: "Job", context: Any) -> None:
        """Generate for one job, emitting text events and finally one done event (`_finish`)."""


def make_engine(kind: str, loaded: Any, **kwargs: Any) -> Engine:
    """The engine of `kind` ("mlx" | "llamacpp") over what `provider.load_model` returned."""
    if kind == "mlx":
        from model_server.mlx_engine import MLXEngine
        kwargs.pop("batch", None)                 # llama.cpp's prompt batch; MLX times its chunks
        return MLXEngine(loaded.model, loaded.tokenizer, name=loaded.name, adapter=loaded.adapter,
                         **kwargs)
    if kind == "llamacpp":
        from model_server.llamacpp_engine import LlamaCppEngine
        kwargs.pop("prefill_step", None)
        if "cache_mib" in kwargs:                 # the same bound as MLX's prompt cache
            kwargs["cache_ram_mib"] = int(kwargs.pop("cache_mib"))
        return LlamaCppEngine(loaded.model, loaded.tokenizer, name=loaded.name,
                              adapter=loaded.adapter, **kwargs)
    raise ValueError("unknown engine {!r} (choose from {})".format(kind, ", ".join(ENGINES)))
