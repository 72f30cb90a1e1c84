"""Turn a `--model` spec into a local model folder (+ adapter) the engine can load.

    resolve_model("default")                  # the catalogue's default model (catalogue.json)
    resolve_model("smollm2-135m")             # a catalogue name: SmolLM2 (+ committed adapter)
    resolve_model("/path/to/mlx-folder")      # config.json + model*.safetensors
    resolve_model("mlx-community/SomeModel")  # Hugging Face id: local HF cache, else download

Failures raise `ModelNotFoundError` with a message that says how to get the model; an
unreachable or offline hub fails within a few seconds instead of hanging.
"""
import os
import re
import socket
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Optional, Union
from urllib.parse import urlparse

from model_server import catalogue, default_model

HUB_ID = re.compile(r"^[A-Za-z0-9][\w.-]*/[\w.-]+$")
PROBE_TIMEOUT_S = 3.0
NO_ADAPTER = ("none", "off", "")


class ModelNotFoundError(RuntimeError):
    """The model (or adapter) named by the user cannot be found or fetched; the message says why."""


@dataclass(frozen=True)
class ResolvedModel:
    path: Path                      # local mlx_lm model folder
    name: str                       # what the server reports as the model id
    adapter: Optional[Path] = None  # LoRA adapter folder, or None
    source: str = "local"           # "default" | "local" | "hub"


def resolve_model(spec: str, adapter: Optional[Union[str, Path]] = None, progress: bool = True) -> ResolvedModel:
    """Resolve spec ("default", a local folder or a hub id). adapter: None = automatic
    (the committed one for "default"), "none" = no adapter, or an adapter folder."""
    spec = (spec or "default").strip()
    if catalogue.is_catalogue_name(spec):
        name = catalogue.entry(spec)["name"]
        if name == default_model.CATALOGUE_NAME:
            try:
                path = default_model.ensure_default_model(progress=progress)
            except default_model.DefaultModelError as exc:
                raise ModelNotFoundError(str(exc)) from exc
            auto = default_model.default_adapter()
            return ResolvedModel(path, default_model.DEFAULT_NAME, _adapter(adapter, auto), "default")
        from model_server.gguf import GGUFError, ensure_mlx_from_gguf
        try:
            gguf_file = catalogue.ensure_gguf(name, progress=progress)
            path = ensure_mlx_from_gguf(gguf_file, name, progress=progress)
        except (catalogue.CatalogueError, GGUFError) as exc:
            raise ModelNotFoundError(str(exc)) from exc
        return ResolvedModel(path, name, _adapter(adapter, None), "default")

    local = Path(spec).expanduser()
    if local.exists():
        check_model_folder(local)
        return ResolvedModel(local.resolve(), local.resolve().name, _adapter(adapter, None), "local")
    if _looks_like_path(spec) or not HUB_ID.match(spec):
        raise ModelNotFoundError(
            "no model folder at {} (expected a folder with config.json and model*.safetensors, "
            "a catalogue name ({}), or a Hugging Face id like mlx-community/Qwen2.5-Coder-7B-Instruct-4bit)".format(
                spec, ", ".join(["default"] + catalogue.names())))
    path = _from_hub(spec)
    check_model_folder(path)
    return ResolvedModel(path, spec, _adapter(adapter, None), "hub")


def check_model_folder(folder: Path) -> None:
    if not folder.is_dir():
        raise ModelNotFoundError("{} is not a folder; --model wants an MLX model folder".format(folder))
    missing = []
    if not (folder / "config.json").is_file():
        missing.append("config.json")
    if not any(folder.glob("model*.safetensors")):
        missing.append("model*.safetensors")
    if missing:
        raise ModelNotFoundError(
            "{} is not an MLX model folder: missing {}. Convert a Hugging Face model with "
            "`mlx_lm.convert --hf-path ... --mlx-path {}` or a GGUF with "
            "`python -m model_server.gguf FILE.gguf {}`".format(folder, " and ".join(missing), folder, folder))


def check_adapter_folder(folder: Path) -> None:
    if not (folder / "adapters.safetensors").is_file() or not (folder / "adapter_config.json").is_file():
        raise ModelNotFoundError(
            "{} is not an adapter folder (needs adapters.safetensors and adapter_config.json, "
            "as written by mlx_lm lora)".format(folder))


def _adapter(requested: Optional[Union[str, Path]], automatic: Optional[Path]) -> Optional[Path]:
    if requested is None:
        return automatic
    if str(requested).strip().lower() in NO_ADAPTER:
        return None
    folder = Path(requested).expanduser()
    check_adapter_folder(folder)
    return folder.resolve()


def _looks_like_path(spec: str) -> bool:
    return (spec.startswith((".", "/", "~")) or "\\" in spec or os.path.isabs(spec)
            or spec.count("/") > 1 or spec.endswith("/"))


def hub_offline() -> bool:
    return os.environ.get("HF_HUB_OFFLINE", "").strip().lower() in ("1", "true", "yes", "on")


def hub_reachable(timeout: float = PROBE_TIMEOUT_S) -> bool:
    """A TCP connect to the hub endpoint, bounded in time (DNS included) by a helper thread."""
    url = urlparse(os.environ.get("HF_ENDPOINT", "https://huggingface.co"))
    host, port = url.hostname or "huggingface.co", url.port or (443 if url.scheme == "https" else 80)
    result = []

    def probe():
        try:
            socket.create_connection((host, port), timeout=timeout).close()
            result.append(True)
        except OSError:
            result.append(False)

    thread = threading.Thread(target=probe, daemon=True)
    thread.start()
    thread.join(timeout)
    return bool(result and result[0])


def _from_hub(repo_id: str) -> Path:
    from model_server.fast_blas import ensure_fast_blas

    ensure_fast_blas()  # mlx_lm.utils imports mlx.core
    from huggingface_hub import snapshot_download
    from mlx_lm.utils import DEFAULT_ALLOW_PATTERNS

    how = ("download it on a connected machine (`hf download {0}`), copy the folder here and pass "
           "--model PATH, or use --model default".format(repo_id))
    try:  # the local HF cache first: works offline
        return Path(snapshot_download(repo_id, local_files_only=True, allow_patterns=DEFAULT_ALLOW_PATTERNS))
    except Exception:
        pass
    if hub_offline():
        raise ModelNotFoundError("{} is not in the local Hugging Face cache and HF_HUB_OFFLINE=1; {}"
                                 .format(repo_id, how))
    if not hub_reachable():
        raise ModelNotFoundError("{} is not cached and the Hugging Face hub is unreachable (no network?); {}"
                                 .format(repo_id, how))
    try:
        return Path(snapshot_download(repo_id, allow_patterns=DEFAULT_ALLOW_PATTERNS))
    except Exception as exc:  # repo missing, gated, network dropped
        raise ModelNotFoundError("could not download {} from the Hugging Face hub ({}: {}); {}"
                                 .format(repo_id, type(exc).__name__, str(exc).splitlines()[0] if str(exc) else "",
                                         how)) from exc


@dataclass(frozen=True)
class ResolvedGGUF:
    path: Path                      # the GGUF file llama.cpp loads as shipped
    name: str
    adapter: Optional[Path] = None  # a GGUF LoRA adapter file, or None


def resolve_gguf(spec: str, adapter: Optional[Union[str, Path]] = None,
                 progress: bool = True) -> ResolvedGGUF:
    """What the llama.cpp engine loads for `spec`: a catalogue name or a .gguf file."""
    spec = (spec or "default").strip()
    if catalogue.is_catalogue_name(spec):
        name = catalogue.entry(spec)["name"]
        try:
            path = catalogue.ensure_gguf(name, progress=progress)
        except catalogue.CatalogueError as exc:
            raise ModelNotFoundError(str(exc)) from exc
        auto = None
        if name == default_model.CATALOGUE_NAME:      # the committed adapter, exported to GGUF
            auto = default_model.default_gguf_adapter()
        if adapter is None and auto is not None:
            return ResolvedGGUF(path, name, auto)
        return ResolvedGGUF(path, name, _gguf_adapter(adapter))
    local = Path(spec).expanduser()
    if local.is_file():
        return ResolvedGGUF(local.resolve(), local.name, _gguf_adapter(adapter))
    if local.is_dir():
        raise ModelNotFoundError(
            "{} is a folder; the llama.cpp engine loads a .gguf file (or use --engine mlx for an MLX "
            "folder)".format(spec))
    raise ModelNotFoundError("no model {!r}: give a catalogue name ({}) or a .gguf file".format(
        spec, ", ".join(["default"] + catalogue.names())))


def _gguf_adapter(requested: Optional[Union[str, Path]]) -> Optional[Path]:
    if requested is None or str(requested).strip().lower() in NO_ADAPTER:
        return None
    path = Path(requested).expanduser()
    if path.is_dir():
        raise ModelNotFoundError(
            "{} is an MLX adapter folder; llama.cpp needs a GGUF LoRA adapter file: write one with "
            "`rhinocoder-train export {} --out ADAPTER.gguf`".format(requested, requested))
    if not path.is_file():
        raise ModelNotFoundError("no adapter file at {}".format(requested))
    return path.resolve()
