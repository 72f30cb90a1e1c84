"""The llama.cpp engine: a GGUF as shipped, in-process through `xllamacpp` (llama.cpp's server
compiled as a Python extension; prebuilt wheels for Linux x86_64, Windows x64, macOS arm64).

Same contract as every engine (engine.py): the HTTP layer tokenizes with `encode_chat` (the
GGUF's own tokenizer and chat template, `gguf_tokenizer.py`), the worker thread sends the token
ids to llama.cpp's completion handler with `stream` on, and turns each streamed piece into a
`("text", ...)` event through the same `StopMatcher` the MLX engine uses, so stop sequences and
the hold-back of partial stops behave alike. llama.cpp ends at every end-of-generation token
of the vocabulary (`<|im_end|>` and `<|endoftext|>` for Qwen).

- Cancel: the stream callback returns True once `Job.cancel()` was called, which makes
  llama.cpp cancel the task; checked at every streamed token and, during prefill, at every
  prompt batch (`return_progress`: llama.cpp streams a `prompt_progress` chunk per batch of
  `batch` tokens). A batch cannot be interrupted through this API, so a cancel during prefill
  takes effect after at most one batch: `batch` trades that delay against prefill speed.
- Prefix reuse: one slot with `cache_prompt`, plus llama.cpp's host-memory prompt cache
  bounded in MiB (`cache_ram_mib`); `cached_tokens` comes from llama.cpp's `timings.cache_n`.
- Seeds, temperature, top_p and logit_bias map to llama.cpp's sampling fields.
- `names`: a GBNF grammar (`name_grammar.py`) that lets `rs.` be followed only by a listed name.
- LoRA: a GGUF LoRA adapter file loaded with the model (`--adapter FILE.gguf`).
- Speculative: llama.cpp's n-gram (prompt lookup, `ngram_simple`) drafting when the engine is
  created with `speculative=True`; a request's `"speculative": false` turns it off for that
  request. llama.cpp does not report draft statistics through this API.
"""
import logging
import time
from collections import OrderedDict
from typing import Any, Dict, List, Optional

from model_server.engine import Engine, Finished, Job
from model_server.metrics import Metrics
from model_server.stops import StopMatcher

log = logging.getLogger("rhinocoder.server")

DEFAULT_CONTEXT = 8192
DEFAULT_BATCH = 512          # prompt tokens per llama.cpp batch (n_batch = n_ubatch)


class EngineUnavailable(RuntimeError):
    """The engine's library is missing or cannot load this model; the message names the fix."""


def import_xllamacpp():
    try:
        import xllamacpp
    except ImportError as exc:
        raise EngineUnavailable(
            "the llama.cpp engine needs the xllamacpp package: pip install 'rhinocoder[llamacpp]' "
            "(or pip install xllamacpp), or choose --engine mlx") from exc
    return xllamacpp


class LlamaCppEngine(Engine):
    kind = "llamacpp"
    thread_name = "llamacpp-worker"

    def __init__(self, model_path: str, tokenizer, *, name: str = "model",
                 adapter: Optional[str] = None, max_queue: int = 8, cache_entries: int = 4,
                 speculative: bool = False, metrics: Optional[Metrics] = None,
                 context: Optional[int] = None, threads: Optional[int] = None,
                 cache_ram_mib: int = 256, batch: Optional[int] = None):
        super().__init__(name=name, adapter=adapter, max_queue=max_queue, speculative=speculative,
                         metrics=metrics)
        xlc = import_xllamacpp()
        self.model_path = str(model_path)
        self.tokenizer = tokenizer
        trained = int(getattr(tokenizer, "context_length", 0) or 0)
        self._context = int(context or min(DEFAULT_CONTEXT, trained or DEFAULT_CONTEXT))
        if trained and self._context > trained:
            raise EngineUnavailable("--context {} is more than the model was trained for ({}); "
                                    "use at most {}".format(self._context, trained, trained))
        self._cache_entries = cache_entries
        self._grammars: "OrderedDict[Any, str]" = OrderedDict()
        p = xlc.CommonParams()
        p.model.path = self.model_path
        p.n_ctx = self._context
        p.n_parallel = 1
        self.batch = int(batch or DEFAULT_BATCH)
        p.n_batch = self.batch
        p.n_ubatch = self.batch
        n_threads = threads or _default_threads()
        p.cpuparams.n_threads = n_threads
        p.cpuparams_batch.n_threads = n_threads
        p.cache_prompt = cache_entries > 0
        p.cache_ram_mib = cache_ram_mib if cache_entries > 0 else 0
        p.warmup = True
        if adapter:
            p.lora_adapters = [xlc.CommonAdapterLoraInfo(str(adapter), 1.0)]
        if speculative:
            p.speculative.types = [xlc.common_speculative_type.COMMON_SPECULATIVE_TYPE_NGRAM_SIMPLE]
        started = time.perf_counter()
        try:
            self._server = xlc.Server(p)
        except Exception as exc:             # llama.cpp could not load the file or the adapter
            raise EngineUnavailable("llama.cpp could not load {}{}: {} (is it a GGUF of a supported "
                                    "architecture{}?)".format(
                                        self.model_path, " with adapter " + str(adapter) if adapter else "",
                                        exc, ", and an adapter made for this base model" if adapter else "")
                                    ) from exc
        self.load_seconds = time.perf_counter() - started

    # ---- what the HTTP side asks ------------------------------------------------------------

    def encode_chat(self, messages: List[Dict[str, str]]) -> List[int]:
        return self.tokenizer.encode_chat(messages)

    @property
    def vocab_size(self) -> Optional[int]:
        return int(self.tokenizer.vocab_size)

    @property
    def context_length(self) -> Optional[int]:
        return self._context

    @property
    def cache_entries(self) -> int:
        return 1 if self._cache_entries > 0 else 0

    # ---- the worker -------------------------------------------------------------------------

    def _warmup(self, context: Any) -> None:
        prompt = self.tokenizer.encode("hello")[:4] or [0]
        from model_server.engine import GenerationParams
        job = Job(GenerationParams(prompt=prompt * 2, max_tokens=2, temperature=0.0),
                  sink=lambda event: None)
        try:
            self._run(job, context, record=False)
        except Exception:
            log.warning("warm-up generation failed", exc_info=True)

    def _body(self, job: Job) -> Dict[str, Any]:
        p = job.params
        body: Dict[str, Any] = {
            "prompt": list(p.prompt),
            "max_tokens": int(p.max_tokens),
            "temperature": float(p.temperature),
            "top_p": float(p.top_p) if 0.0 < p.top_p <= 1.0 else 1.0,
            "top_k": 0,
            "min_p": 0.0,
            "stream": True,
            "cache_prompt": self._cache_entries > 0,
            "n_probs": 0,
            "return_progress": True,        # a chunk per prompt batch: cancel is seen in prefill
        }
        if p.seed is not None:
            body["seed"] = int(p.seed) & 0xFFFFFFFF
        if p.logit_bias:
            body["logit_bias"] = [[int(k), float(v)] for k, v in p.logit_bias.items()]
        if p.names:
            body["grammar"] = self._grammar(p.names)
        if self.speculative and p.speculative is False:
            body["speculative.n_max"] = 0          # drafting is set up at load; off for this request
        return body

    def _grammar(self, names: Dict[str, List[str]]) -> str:
        from model_server.name_grammar import names_grammar

        key = tuple(sorted((prefix, frozenset(n)) for prefix, n in names.items()))
        hit = self._grammars.pop(key, None)
        if hit is None:
            hit = names_grammar(names)
        self._grammars[key] = hit
        while len(self._grammars) > 4:
            self._grammars.popitem(last=False)
        return hit

    def _run(self, job: Job, context: Any, record: bool = True) -> None:
        p = job.params
        start = time.perf_counter()
        queued = start - job.submitted
        stops = StopMatcher(p.stop)
        state: Dict[str, Any] = {"first_at": None, "finish": "length", "stop_hit": False,
                                 "pieces": 0, "after_cancel": 0, "usage": None, "timings": None,
                                 "error": None}

        def on_chunk(chunk: Any) -> bool:
            if not isinstance(chunk, dict):
                return False
            if "error" in chunk or ("code" in chunk and "message" in chunk and "choices" not in chunk):
                err = chunk.get("error", chunk)
                state["error"] = err.get("message", str(err)) if isinstance(err, dict) else str(err)
                return True
            if "prompt_progress" in chunk:       # a prompt batch is done: no token yet
                return job.cancelled
            if chunk.get("usage"):
                state["usage"] = chunk["usage"]
            if chunk.get("timings"):
                state["timings"] = chunk["timings"]
            for choice in chunk.get("choices") or []:
                text = choice.get("text") or ""
                if state["first_at"] is None:
                    state["first_at"] = time.perf_counter()
                if record and not choice.get("finish_reason"):
                    self.tokens_generated += 1         # one streamed piece per decoded token
                if job.cancelled:
                    state["after_cancel"] += 1
                    state["finish"] = "cancelled"
                    return True
                if text:
                    state["pieces"] += 1
                    out, hit = stops.feed(text)
                    if out:
                        self._emit(job, ("text", out))
                    if hit:
                        state["finish"], state["stop_hit"] = "stop", True
                        return True
                reason = choice.get("finish_reason")
                if reason:
                    state["finish"] = "stop" if reason == "stop" else "length"
                    state["eos"] = reason == "stop"
            return job.cancelled

        if job.cancelled:
            state["finish"] = "cancelled"
        else:
            self._server.handle_completions(self._body(job), on_chunk)
        if job.cancelled and not state["stop_hit"]:
            state["finish"] = "cancelled"
        if state["error"] is not None and state["finish"] != "cancelled":
            if record:
                self._emit(job, ("error", state["error"]))
            return
        if state["finish"] != "cancelled" and not state["stop_hit"]:
            tail = stops.flush()
            if tail:
                self._emit(job, ("text", tail))
        end = time.perf_counter()
        if not record:
            return
        usage = state["usage"] or {}
        timings = state["timings"] or {}
        completion = int(usage.get("completion_tokens") or timings.get("predicted_n") or state["pieces"])
        if state["stop_hit"] or state["finish"] == "cancelled":
            completion = max(1, state["pieces"]) if state["first_at"] else 0
        elif state.get("eos"):
            completion = max(0, completion - 1)    # llama.cpp counts the end token; MLX does not
        cached = int(timings.get("cache_n") or
                     ((usage.get("prompt_tokens_details") or {}).get("cached_tokens") or 0))
        first_at = state["first_at"]
        decode_seconds = end - first_at if first_at is not None else 0.0
        tps = timings.get("predicted_per_second") if timings else None
        if tps is None and completion > 1 and decode_seconds > 0:
            tps = (completion - 1) / decode_seconds
        done = Finished(state["finish"], len(p.prompt), completion, cached,
                        None if first_at is None else first_at - start, tps, queued,
                        state["after_cancel"], None)
        self._finish(job, done)


def _default_threads() -> int:
    import os
    try:
        n = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        n = os.cpu_count() or 2
    return max(1, n)
