"""GGUF export: an MLX LoRA adapter written as a GGUF LoRA adapter changes llama.cpp's output
exactly as the adapter changes MLX's (tiny model, float32 on both sides: same greedy text), and
adapters that do not fit are refused with a reason."""
import json
from pathlib import Path

import numpy as np
import pytest

from model_server.engine import GenerationParams
from model_server.gguf_export import ExportError, export_adapter

KEYS = ["self_attn.q_proj", "self_attn.k_proj", "self_attn.v_proj", "self_attn.o_proj",
        "mlp.gate_proj", "mlp.up_proj", "mlp.down_proj"]


def random_adapter(folder: Path, base: str, rank: int = 4, scale: float = 8.0, seed: int = 1) -> Path:
    """An mlx_lm LoRA adapter folder with random (non-zero) A and B for every layer of `base`."""
    from safetensors.numpy import save_file

    cfg = json.loads((Path(base) / "config.json").read_text())
    hidden, inter = cfg["hidden_size"], cfg["intermediate_size"]
    head_dim = hidden // cfg["num_attention_heads"]
    kv = cfg["num_key_value_heads"] * head_dim
    shapes = {"self_attn.q_proj": (hidden, hidden), "self_attn.k_proj": (hidden, kv),
              "self_attn.v_proj": (hidden, kv), "self_attn.o_proj": (hidden, hidden),
              "mlp.gate_proj": (hidden, inter), "mlp.up_proj": (hidden, inter),
              "mlp.down_proj": (inter, hidden)}
    rng = np.random.default_rng(seed)
    tensors = {}
    for layer in range(cfg["num_hidden_layers"]):
        for key, (n_in, n_out) in shapes.items():
            name = "model.layers.{}.{}".format(layer, key)
            tensors[name + ".lora_a"] = rng.uniform(-0.3, 0.3, (n_in, rank)).astype(np.float32)
            tensors[name + ".lora_b"] = rng.uniform(-0.3, 0.3, (rank, n_out)).astype(np.float32)
    folder.mkdir(parents=True, exist_ok=True)
    save_file(tensors, str(folder / "adapters.safetensors"))
    (folder / "adapter_config.json").write_text(json.dumps({
        "fine_tune_type": "lora", "num_layers": cfg["num_hidden_layers"], "model": base,
        "lora_parameters": {"rank": rank, "scale": scale, "dropout": 0.0, "keys": KEYS}}))
    return folder


def greedy(engine, text, n=40):
    prompt = engine.encode_chat([{"role": "user", "content": text}])
    events = list(engine.generate(GenerationParams(prompt=prompt, max_tokens=n, temperature=0.0,
                                                   logit_bias={2: -100.0}), timeout=120))
    assert events[-1][0] == "done", events[-1]
    return "".join(v for k, v in events if k == "text")


def test_an_exported_adapter_changes_llamacpp_as_it_changes_mlx(tiny_model_dir, tiny_gguf, tmp_path):
    from model_server.provider import load_model
    from tests.server.live import make_engine

    adapter = random_adapter(tmp_path / "lora", tiny_model_dir)
    lora_gguf = export_adapter(adapter, tiny_model_dir, tmp_path / "lora.gguf")
    engines = {
        "mlx+lora": make_engine(load_model(tiny_model_dir, str(adapter), progress=False), max_queue=2),
        "llamacpp+lora": make_engine(load_model(tiny_gguf, str(lora_gguf), progress=False,
                                                engine="llamacpp"), max_queue=2),
        "llamacpp": make_engine(load_model(tiny_gguf, progress=False, engine="llamacpp"), max_queue=2),
    }
    try:
        for text in ("Draw a line.", "Add a point at 1,2,3 and a circle."):
            out = {name: greedy(e, text) for name, e in engines.items()}
            assert out["llamacpp+lora"] == out["mlx+lora"]
            assert out["llamacpp+lora"] != out["llamacpp"]      # the adapter really acts
    finally:
        for e in engines.values():
            e.stop()


def test_an_adapter_for_another_base_is_refused(tiny_model_dir, tmp_path):
    other = tmp_path / "wide"
    other.mkdir()
    cfg = json.loads((Path(tiny_model_dir) / "config.json").read_text())
    cfg["hidden_size"] = cfg["hidden_size"] * 2
    (other / "config.json").write_text(json.dumps(cfg))
    adapter = random_adapter(tmp_path / "lora", str(other))
    with pytest.raises(ExportError, match="another base model"):
        export_adapter(adapter, tiny_model_dir, tmp_path / "x.gguf")
    assert not (tmp_path / "x.gguf").exists()


def test_llamacpp_refuses_a_gguf_adapter_of_another_model(tiny_model_dir, tmp_path):
    """A GGUF LoRA whose shapes fit no tensor of the model: one clear error, not a crash."""
    from model_server.gguf_export import export_model
    from model_server.llamacpp_engine import EngineUnavailable, LlamaCppEngine
    from model_server.gguf_tokenizer import load_gguf_tokenizer

    wide = tmp_path / "wide"
    wide.mkdir()
    for name in ("tokenizer.json", "tokenizer_config.json"):
        (wide / name).write_bytes((Path(tiny_model_dir) / name).read_bytes())
    cfg = json.loads((Path(tiny_model_dir) / "config.json").read_text())
    cfg["hidden_size"], cfg["intermediate_size"] = 128, 256
    (wide / "config.json").write_text(json.dumps(cfg))
    adapter = export_adapter(random_adapter(tmp_path / "lora", str(wide)), str(wide), tmp_path / "w.gguf")
    tiny = export_model(tiny_model_dir, tmp_path / "tiny.gguf")
    with pytest.raises(EngineUnavailable, match="adapter made for this base model"):
        LlamaCppEngine(str(tiny), load_gguf_tokenizer(tiny), adapter=str(adapter))


def test_an_mlx_adapter_folder_given_to_llamacpp_names_the_export(tiny_gguf, tmp_path, tiny_model_dir):
    from model_server.resolve import ModelNotFoundError, resolve_gguf

    adapter = random_adapter(tmp_path / "lora", tiny_model_dir)
    with pytest.raises(ModelNotFoundError, match="rhinocoder-train export"):
        resolve_gguf(tiny_gguf, str(adapter))


def test_a_qwen2_gguf_converts_back_to_the_same_mlx_model(tiny_model_dir, tiny_gguf, tmp_path):
    """GGUF -> MLX for qwen2 (gguf.convert_qwen2_gguf, the path catalogue models take to MLX): the
    tiny model written as GGUF and converted back has the same weights and the same greedy text."""
    import numpy as np
    from safetensors.numpy import load_file

    from model_server.gguf import convert_qwen2_gguf
    from model_server.provider import load_model
    from tests.server.live import make_engine

    back = convert_qwen2_gguf(tiny_gguf, tmp_path / "back", progress=False)
    a = load_file(str(Path(tiny_model_dir) / "model.safetensors"))
    b = load_file(str(back / "model.safetensors"))
    assert sorted(a) == sorted(b)
    for k in a:
        assert np.array_equal(np.asarray(a[k], np.float32), b[k]), k
    engines = [make_engine(load_model(str(p), progress=False), max_queue=2) for p in (tiny_model_dir, back)]
    try:
        assert greedy(engines[0], "Draw a line.") == greedy(engines[1], "Draw a line.")
    finally:
        for e in engines:
            e.stop()
