"""Shared test setup: offline hub, fast BLAS before MLX, shared fixtures."""
import os

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

# --- model-conversion helper: fast BLAS + tiny model fixture -------------------------------
import sys  # noqa: E402

import pytest  # noqa: E402

_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if _ROOT not in sys.path:  # so tests can `from tests.support.tiny_model import ...`
    sys.path.insert(0, _ROOT)

from model_server.fast_blas import ensure_fast_blas  # noqa: E402

ensure_fast_blas()  # before anything imports mlx.core


@pytest.fixture(scope="session")
def tiny_model_dir(pytestconfig):
    """Path (str) of a tiny random qwen2 MLX model, built once and cached by content."""
    from tests.support.tiny_model import cached_tiny_model

    return cached_tiny_model(pytestconfig.cache.mkdir("rhinocoder-tiny-model"))


@pytest.fixture(scope="session")
def tiny_gguf(tiny_model_dir):
    """The same tiny model written as a float32 GGUF for llama.cpp (model_server.gguf_export)."""
    from pathlib import Path

    from model_server.gguf_export import export_model

    out = Path(tiny_model_dir).parent / (Path(tiny_model_dir).name + ".gguf")
    if not out.is_file():
        export_model(tiny_model_dir, out)
    return str(out)
# --- end model-conversion helper ----------------------------------------------------------
