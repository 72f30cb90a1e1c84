"""Model provider: resolve a `--model` spec, load weights + tokenizer (+ LoRA adapter) once.

The engine receives what this returns; nothing else in the server loads models.
"""
import logging
import time
from dataclasses import dataclass
from typing import Any, Optional

from model_server.fast_blas import ensure_fast_blas

ensure_fast_blas()

from model_server.resolve import ModelNotFoundError, resolve_model  # noqa: E402

log = logging.getLogger("rhinocoder.server")

__all__ = ["LoadedModel", "load_model", "ModelNotFoundError"]


@dataclass
class LoadedModel:
    model: Any
    tokenizer: Any               # mlx_lm TokenizerWrapper
    name: str                    # the id /v1/models reports
    path: str
    adapter: Optional[str]
    seconds: float               # load time


def load_model(spec: str = "default", adapter: Optional[str] = None,
               progress: bool = True) -> LoadedModel:
    """Resolve and load. Raises ModelNotFoundError with a readable message when it can't."""
    started = time.perf_counter()
    resolved = resolve_model(spec, adapter, progress=progress)
    from mlx_lm import load

    adapter_path = str(resolved.adapter) if resolved.adapter else None
    try:
        model, tokenizer = load(str(resolved.path), adapter_path=adapter_path)
    except (OSError, ValueError) as exc:
        raise ModelNotFoundError("could not load {}: {}".format(resolved.path, exc)) from exc
    # Materialise every weight here: adapter weights load lazily, and a lazy array made on this
    # thread cannot be evaluated on the engine's worker thread ("no Stream(cpu, 0) in current thread").
    import mlx.core as mx

    mx.eval(model.parameters())
    seconds = time.perf_counter() - started
    log.info("loaded %s from %s%s in %.1f s", resolved.name, resolved.path,
             " with adapter " + adapter_path if adapter_path else "", seconds)
    return LoadedModel(model, tokenizer, resolved.name, str(resolved.path), adapter_path, seconds)
