"""Model provider: resolve a `--model` spec for an engine and load it once.

    load_model("default", engine="llamacpp")   # the catalogue default's GGUF, as shipped
    load_model("smollm2-135m", engine="mlx")    # an MLX folder (+ the committed adapter)

`choose_engine` turns `--engine auto|mlx|llamacpp` into one engine and says why. The engine
receives what `load_model` returns; nothing else in the server loads models.
"""
import importlib.util
import logging
import time
from dataclasses import dataclass
from typing import Any, Optional, Tuple

from model_server.resolve import ModelNotFoundError

log = logging.getLogger("rhinocoder.server")

__all__ = ["LoadedModel", "load_model", "choose_engine", "ModelNotFoundError", "ENGINE_CHOICES"]

ENGINE_CHOICES = ("auto", "mlx", "llamacpp")


@dataclass
class LoadedModel:
    model: Any                   # mlx_lm model, or the GGUF path for llama.cpp
    tokenizer: Any               # mlx_lm TokenizerWrapper, or gguf_tokenizer.GGUFTokenizer
    name: str                    # the id /v1/models reports
    path: str
    adapter: Optional[str]
    seconds: float               # load time (llama.cpp loads the weights in the engine)
    engine: str = "mlx"


def choose_engine(requested: str, spec: str) -> Tuple[str, str]:
    """(engine, reason) for `--engine requested` and `--model spec`."""
    from model_server import catalogue

    if requested not in ENGINE_CHOICES:
        raise ModelNotFoundError("--engine must be one of {}, not {!r}".format(
            ", ".join(ENGINE_CHOICES), requested))
    if requested != "auto":
        return requested, "asked for"
    spec = (spec or "default").strip()
    if spec.lower().endswith(".gguf"):
        return "llamacpp", "a .gguf file runs on llama.cpp as shipped"
    if catalogue.is_catalogue_name(spec):
        engine = catalogue.recommended_engine(spec)
    else:
        return "mlx", "an MLX folder or hub id runs on MLX"
    if engine == "llamacpp" and importlib.util.find_spec("xllamacpp") is None \
            and importlib.util.find_spec("mlx") is not None:
        return "mlx", "llama.cpp (xllamacpp) is not installed; MLX is"
    where = "Apple silicon" if catalogue.platform_key() == "macos-arm64" else "this CPU"
    return engine, "the catalogue's choice on {}".format(where)


def load_model(spec: str = "default", adapter: Optional[str] = None, progress: bool = True,
               engine: str = "mlx") -> LoadedModel:
    """Resolve and load. Raises ModelNotFoundError with a readable message when it can't."""
    if engine == "llamacpp":
        return _load_gguf(spec, adapter, progress)
    if engine != "mlx":
        raise ModelNotFoundError("unknown engine {!r}".format(engine))
    if importlib.util.find_spec("mlx") is None:
        raise ModelNotFoundError("the MLX engine needs mlx and mlx-lm: pip install 'rhinocoder[mlx]' "
                                 "(no Windows wheels: use --engine llamacpp there)")
    from model_server.fast_blas import ensure_fast_blas

    ensure_fast_blas()
    from model_server.resolve import resolve_model

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


def _load_gguf(spec: str, adapter: Optional[str], progress: bool) -> LoadedModel:
    from model_server.gguf_tokenizer import GGUFTokenizerError, load_gguf_tokenizer
    from model_server.resolve import resolve_gguf

    started = time.perf_counter()
    resolved = resolve_gguf(spec, adapter, progress=progress)
    try:
        tokenizer = load_gguf_tokenizer(resolved.path)
    except GGUFTokenizerError as exc:
        raise ModelNotFoundError(str(exc)) from exc
    adapter_path = str(resolved.adapter) if resolved.adapter else None
    return LoadedModel(str(resolved.path), tokenizer, resolved.name, str(resolved.path),
                       adapter_path, time.perf_counter() - started, engine="llamacpp")
