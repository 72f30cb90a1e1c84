"""ensure_fast_blas in fresh interpreters: numerics stay right, OpenBLAS is named when present."""
import json
import os
import subprocess
import sys

import pytest

from model_server.fast_blas import candidates

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
HAVE_OPENBLAS = any(os.path.exists(p) for p in candidates())

PROBE = r"""
import json, sys
from model_server import fast_blas
pre = sys.argv[1] == "mlx-first"
if pre:
    import mlx.core
first = fast_blas.ensure_fast_blas()
second = fast_blas.ensure_fast_blas()
import numpy as np
import mlx.core as mx
rng = np.random.default_rng(0)
a = rng.standard_normal((512, 512)).astype(np.float32)
b = rng.standard_normal((512, 512)).astype(np.float32)
got = np.array(mx.matmul(mx.array(a), mx.array(b)))
ref = a.astype(np.float64) @ b.astype(np.float64)
maps = open("/proc/self/maps").read() if sys.platform.startswith("linux") else ""
print(json.dumps({"first": first, "second": second, "active": fast_blas.active_blas(),
                  "why": fast_blas.why(), "err": float(np.abs(got - ref).max()),
                  "mapped": "libopenblas" in maps}))
"""


def probe(mode="normal", **env):
    full = dict(os.environ, **env)
    full.pop("LD_PRELOAD", None)
    out = subprocess.run([sys.executable, "-c", PROBE, mode], cwd=ROOT, env=full,
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_matmul_right_and_openblas_named():
    r = probe()
    assert r["err"] < 1e-2  # fp32 512-long dot products of N(0,1) entries vs float64
    assert r["first"] == r["second"]  # idempotent
    if HAVE_OPENBLAS:
        assert r["first"] and os.path.exists(r["first"])
        assert r["active"] == "openblas ({})".format(r["first"])
        assert r["mapped"]
    else:
        assert r["first"] is None and r["active"] == "bundled reference BLAS (slow)"


def test_refuses_after_mlx_imported():
    r = probe("mlx-first")
    assert r["first"] is None
    assert "imported before" in r["why"]
    assert r["active"] == "bundled reference BLAS (slow)"
    assert r["err"] < 1e-2


def test_disabled_by_env():
    r = probe(MLX_OPENBLAS="off")
    assert r["first"] is None and "disabled" in r["why"]
    assert r["active"] == "bundled reference BLAS (slow)"
    assert not r["mapped"]


@pytest.mark.skipif(not HAVE_OPENBLAS, reason="no system OpenBLAS to fall back to")
def test_missing_env_path_falls_back_to_system():
    r = probe(MLX_OPENBLAS="/nonexistent/libopenblas.so.0")
    assert r["first"] and r["first"] != "/nonexistent/libopenblas.so.0"
    assert r["active"].startswith("openblas (")


def test_env_path_is_tried_first(tmp_path):
    if not HAVE_OPENBLAS:
        pytest.skip("no OpenBLAS to point at")
    real = next(p for p in candidates() if os.path.exists(p))
    link = tmp_path / "libopenblas.so.0"
    link.symlink_to(real)
    r = probe(MLX_OPENBLAS=str(link))
    assert r["first"] == str(link)


def test_tiny_model_fixture_loads(tiny_model_dir):
    # The shared fixture builds a loadable folder with a ChatML template and eos <|im_end|>.
    from mlx_lm import load

    model, tok = load(tiny_model_dir)
    ids = tok.apply_chat_template([{"role": "user", "content": "hi"}], add_generation_prompt=True)
    assert tok.decode(ids).endswith("<|im_start|>assistant\n")
    assert tok.eos_token_ids == {tok.convert_tokens_to_ids("<|im_end|>")}
