"""Make mlx-cpu use OpenBLAS instead of the reference BLAS bundled in the mlx-cpu wheel.

The Linux `mlx-cpu` wheel links `libmlx.so` against Netlib reference BLAS (about 6 GFLOPS for
fp32 matmul). Loading an OpenBLAS with RTLD_GLOBAL *before* `mlx.core` is imported makes the
dynamic linker bind libmlx's `cblas_sgemm` & co. to OpenBLAS instead (19-30x faster).

Every module that imports mlx calls `ensure_fast_blas()` first. It is idempotent, never raises,
and refuses (returns None, records why) when `mlx.core` is already imported, because binding
then happened already. Search order: `$MLX_OPENBLAS` (a path; "0"/"off"/"none" disables),
then Debian's libopenblas0 install paths for x86_64 and aarch64.
"""
import ctypes
import os
import sys
import threading
from typing import List, Optional

_DISABLE = {"0", "off", "none", "false", "no"}
_ARCH_DIRS = ["/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu"]
_FLAVOURS = ["openblas-pthread", "openblas-openmp", "openblas-serial", ""]

_lock = threading.Lock()
_state = {"done": False, "path": None, "reason": "not tried yet"}


def candidates() -> List[str]:
    """OpenBLAS libraries to try, in order."""
    found = []
    env = os.environ.get("MLX_OPENBLAS", "").strip()
    if env and env.lower() not in _DISABLE:
        found.append(env)
    for arch_dir in _ARCH_DIRS:
        for flavour in _FLAVOURS:
            found.append(os.path.join(arch_dir, flavour, "libopenblas.so.0"))
    return found


def _load(path: str) -> None:
    # libgfortran first when it sits next to an unpacked (non-system) OpenBLAS, so dlopen finds it.
    lib_dir = os.path.dirname(path)
    for d in (lib_dir, os.path.dirname(lib_dir)):
        gfortran = os.path.join(d, "libgfortran.so.5")
        if os.path.exists(gfortran):
            ctypes.CDLL(gfortran, mode=ctypes.RTLD_GLOBAL)
            break
    ctypes.CDLL(path, mode=ctypes.RTLD_GLOBAL)


def ensure_fast_blas() -> Optional[str]:
    """Load OpenBLAS globally before mlx.core; return its path, or None (see `why()`)."""
    with _lock:
        if _state["done"]:
            return _state["path"]
        if sys.platform == "darwin":
            _finish(None, "macOS: MLX uses Accelerate")
        elif os.environ.get("MLX_OPENBLAS", "").strip().lower() in _DISABLE:
            _finish(None, "disabled by MLX_OPENBLAS")
        elif "mlx.core" in sys.modules:
            # Too late: libmlx already bound its BLAS symbols. Not final, so a message stays clear.
            _state["reason"] = "mlx.core was imported before ensure_fast_blas()"
            return None
        else:
            errors = []
            for path in candidates():
                if not os.path.exists(path):
                    continue
                try:
                    _load(path)
                except OSError as exc:
                    errors.append("{}: {}".format(path, exc))
                    continue
                _finish(path, "loaded")
                break
            else:
                reason = "no OpenBLAS found (apt-get install libopenblas0-pthread, or set MLX_OPENBLAS)"
                if errors:
                    reason = "OpenBLAS failed to load: " + "; ".join(errors)
                _finish(None, reason)
        return _state["path"]


def _finish(path: Optional[str], reason: str) -> None:
    _state.update(done=True, path=path, reason=reason)


def why() -> str:
    """Why the last ensure_fast_blas() did or did not load OpenBLAS."""
    return _state["reason"]


def _preloaded_openblas() -> Optional[str]:
    """An OpenBLAS put in front of libmlx through LD_PRELOAD (the shell-level variant)."""
    for item in os.environ.get("LD_PRELOAD", "").replace(":", " ").split():
        if "openblas" in os.path.basename(item) and os.path.exists(item):
            return item
    return None


def active_blas() -> str:
    """The BLAS mlx uses (or will use) in this process, in words for /health and logs."""
    if sys.platform == "darwin":
        return "Accelerate"
    path = _state["path"] or _preloaded_openblas()
    if path:
        return "openblas ({})".format(path)
    return "bundled reference BLAS (slow)"


def _matmul_ms(size: int = 1024, repeats: int = 5) -> float:
    import time

    import mlx.core as mx

    a = mx.random.normal((size, size))
    b = mx.random.normal((size, size))
    mx.eval(a @ b)
    best = float("inf")
    for _ in range(repeats):
        t0 = time.perf_counter()
        mx.eval(a @ b)
        best = min(best, time.perf_counter() - t0)
    return best * 1000


if __name__ == "__main__":
    # `python -m model_server.fast_blas`: fp32 matmul speed with and without OpenBLAS (subprocesses).
    import json
    import subprocess

    if len(sys.argv) > 1 and sys.argv[1] == "--probe":
        ensure_fast_blas()
        print(json.dumps({"blas": active_blas(), "ms": _matmul_ms()}))
        sys.exit(0)
    rows = []
    for setting in ("off", ""):
        env = dict(os.environ, MLX_OPENBLAS=setting)
        env.pop("LD_PRELOAD", None)
        out = subprocess.run([sys.executable, "-m", "model_server.fast_blas", "--probe"], env=env,
                             capture_output=True, text=True, check=True)
        rows.append(json.loads(out.stdout.strip().splitlines()[-1]))
    for row in rows:
        print("{:>10.1f} ms  1024x1024 fp32 matmul  {}".format(row["ms"], row["blas"]))
    print("speed-up {:.1f}x".format(rows[0]["ms"] / rows[1]["ms"]))
