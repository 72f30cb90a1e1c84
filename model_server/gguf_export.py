"""Write MLX models and LoRA adapters as GGUF files that llama.cpp loads (the `gguf` package).

    export_model(MLX_FOLDER, OUT.gguf)                    # a qwen2 or llama model, float32
    export_adapter(ADAPTER_FOLDER, BASE_MLX_FOLDER, OUT.gguf)   # an mlx_lm LoRA adapter

The adapter file is what `rhinocoder-server --engine llamacpp --adapter OUT.gguf`, llama.cpp's
`--lora`, Ollama's `ADAPTER` and LM Studio load beside the base GGUF.

Conventions (llama.cpp's `convert_hf_to_gguf.py` / `convert_lora_to_gguf.py`, read for facts):
- tensors use llama.cpp's names (`blk.N.attn_q.weight` ...); numpy arrays are written in HF
  layout (out_features, in_features) and the writer records ggml's reversed dimensions.
- llama.cpp permutes the Q/K rows of *llama* models for its RoPE layout (qwen2: no permutation),
  so a llama model's q/k weights, and the B matrix of a llama q/k LoRA, are permuted here.
- a LoRA adapter: `general.type = adapter`, `adapter.type = lora`, `adapter.lora.alpha`; tensors
  `<name>.weight.lora_a` (rank, in) and `<name>.weight.lora_b` (out, rank), applied as
  W + alpha / rank * B @ A. mlx_lm computes x @ W^T + scale * (x @ a) @ b with a (in, rank) and
  b (rank, out), so A = a^T, B = b^T and alpha = scale * rank.
"""
import json
import re
from pathlib import Path
from contextlib import contextmanager
from typing import Any, Dict, Iterator, Union

from model_server.files import atomic_path

LAYER_NAMES = {"input_layernorm": "attn_norm", "post_attention_layernorm": "ffn_norm",
               "self_attn.q_proj": "attn_q", "self_attn.k_proj": "attn_k",
               "self_attn.v_proj": "attn_v", "self_attn.o_proj": "attn_output",
               "mlp.gate_proj": "ffn_gate", "mlp.up_proj": "ffn_up", "mlp.down_proj": "ffn_down"}
TOP_NAMES = {"model.embed_tokens.weight": "token_embd.weight", "model.norm.weight": "output_norm.weight",
             "lm_head.weight": "output.weight"}


class ExportError(ValueError):
    """The model or adapter cannot be written as GGUF; the message says why."""


def gguf_name(hf_name: str) -> str:
    if hf_name in TOP_NAMES:
        return TOP_NAMES[hf_name]
    m = re.match(r"model\.layers\.(\d+)\.(.+)\.(weight|bias)$", hf_name)
    if m is None or m.group(2) not in LAYER_NAMES:
        raise ExportError("no GGUF name for tensor {!r}".format(hf_name))
    return "blk.{}.{}.{}".format(m.group(1), LAYER_NAMES[m.group(2)], m.group(3))


def _permute(w, n_head: int):
    """llama.cpp's Q/K row order for llama models (HF halves -> interleaved pairs)."""
    rows = w.shape[0]
    return w.reshape(n_head, 2, rows // n_head // 2, *w.shape[1:]).swapaxes(1, 2).reshape(w.shape)


def _load_config(folder: Path) -> Dict[str, Any]:
    try:
        return json.loads((folder / "config.json").read_text())
    except (OSError, ValueError) as exc:
        raise ExportError("{} has no readable config.json: {}".format(folder, exc)) from exc


def _weights(folder: Path) -> Dict[str, Any]:
    import numpy as np
    from safetensors.numpy import load_file

    files = sorted(folder.glob("model*.safetensors"))
    if not files:
        raise ExportError("{} has no model*.safetensors".format(folder))
    out: Dict[str, Any] = {}
    for f in files:
        for k, v in load_file(str(f)).items():
            out[k] = np.asarray(v, dtype=np.float32)
    return out


@contextmanager
def _gguf_file(out: Path, arch: str) -> Iterator[Any]:
    """A GGUFWriter on a temp file beside `out`; written out and renamed onto `out` only when the
    block ends without an exception (a failed export leaves nothing)."""
    import gguf

    out.parent.mkdir(parents=True, exist_ok=True)
    with atomic_path(str(out)) as tmp:
        w = gguf.GGUFWriter(tmp, arch)
        yield w
        w.write_header_to_file()
        w.write_kv_data_to_file()
        w.write_tensors_to_file()
        w.close()


def export_model(folder: Union[str, Path], out: Union[str, Path]) -> Path:
    """A float32 GGUF of an mlx_lm qwen2/llama folder (unquantized weights), tokenizer included."""
    import gguf
    import numpy as np

    folder, out = Path(folder), Path(out)
    cfg = _load_config(folder)
    arch = cfg.get("model_type")
    if arch not in ("qwen2", "llama"):
        raise ExportError("model_type {!r}: export supports qwen2 and llama".format(arch))
    if cfg.get("quantization"):
        raise ExportError("{} is quantized; export a float folder".format(folder))
    weights = _weights(folder)
    with _gguf_file(out, arch) as w:
        w.add_name(folder.name)
        w.add_block_count(int(cfg["num_hidden_layers"]))
        w.add_context_length(int(cfg.get("max_position_embeddings", 4096)))
        w.add_embedding_length(int(cfg["hidden_size"]))
        w.add_feed_forward_length(int(cfg["intermediate_size"]))
        n_head = int(cfg["num_attention_heads"])
        n_kv = int(cfg.get("num_key_value_heads", n_head))
        w.add_head_count(n_head)
        w.add_head_count_kv(n_kv)
        w.add_rope_freq_base(float(cfg.get("rope_theta", 10000.0)))
        w.add_layer_norm_rms_eps(float(cfg.get("rms_norm_eps", 1e-6)))
        w.add_file_type(gguf.LlamaFileType.ALL_F32)
        _add_tokenizer(w, folder, arch)
        for name in sorted(weights):
            arr = weights[name]
            if cfg.get("tie_word_embeddings") and name == "lm_head.weight":
                continue
            if arch == "llama" and name.endswith(("q_proj.weight", "k_proj.weight")):
                arr = _permute(arr, n_head if "q_proj" in name else n_kv)
            w.add_tensor(gguf_name(name), np.ascontiguousarray(arr, dtype=np.float32))
    return out


def _add_tokenizer(w, folder: Path, arch: str) -> None:
    """Byte-level BPE vocabulary, merges, token types, specials and chat template."""
    try:
        tok = json.loads((folder / "tokenizer.json").read_text())
        tcfg = json.loads((folder / "tokenizer_config.json").read_text())
    except (OSError, ValueError) as exc:
        raise ExportError("{} needs tokenizer.json and tokenizer_config.json: {}".format(folder, exc)) from exc
    model = tok.get("model") or {}
    if model.get("type") != "BPE":
        raise ExportError("only byte-level BPE tokenizers can be exported")
    vocab = dict(model["vocab"])
    for added in tok.get("added_tokens") or []:
        vocab[added["content"]] = added["id"]
    size = max(vocab.values()) + 1
    tokens = ["[PAD{}]".format(i) for i in range(size)]
    types = [5] * size                                    # UNUSED until seen
    for t, i in vocab.items():
        tokens[i] = t
        types[i] = 1                                      # NORMAL
    for added in tok.get("added_tokens") or []:
        types[added["id"]] = 3 if added.get("special") else 4
    merges = [m if isinstance(m, str) else " ".join(m) for m in model.get("merges") or []]
    w.add_tokenizer_model("gpt2")
    w.add_tokenizer_pre("qwen2" if arch == "qwen2" else "smollm")
    w.add_token_list(tokens)
    w.add_token_types(types)
    w.add_token_merges(merges)
    ids = {t: i for i, t in enumerate(tokens)}
    if tcfg.get("eos_token") in ids:
        w.add_eos_token_id(ids[tcfg["eos_token"]])
    if tcfg.get("pad_token") in ids:
        w.add_pad_token_id(ids[tcfg["pad_token"]])
    if tcfg.get("bos_token") in ids:
        w.add_bos_token_id(ids[tcfg["bos_token"]])
    w.add_add_bos_token(bool(tcfg.get("add_bos_token", False)))
    if tcfg.get("chat_template"):
        w.add_chat_template(tcfg["chat_template"])


def export_adapter(adapter: Union[str, Path], base: Union[str, Path], out: Union[str, Path]) -> Path:
    """An mlx_lm LoRA adapter folder as a GGUF LoRA adapter for llama.cpp.

    `base` is the base model's MLX folder (for its architecture and head counts)."""
    import numpy as np
    from safetensors.numpy import load_file

    adapter, base, out = Path(adapter), Path(base), Path(out)
    try:
        acfg = json.loads((adapter / "adapter_config.json").read_text())
        tensors = load_file(str(adapter / "adapters.safetensors"))
    except (OSError, ValueError) as exc:
        raise ExportError("{} is not an mlx_lm adapter folder: {}".format(adapter, exc)) from exc
    if acfg.get("fine_tune_type", "lora") != "lora":
        raise ExportError("fine_tune_type {!r}: only LoRA adapters export".format(acfg.get("fine_tune_type")))
    cfg = _load_config(base)
    arch = cfg.get("model_type")
    if arch not in ("qwen2", "llama"):
        raise ExportError("base model_type {!r}: export supports qwen2 and llama".format(arch))
    params = acfg.get("lora_parameters") or {}
    scale = float(params.get("scale", 20.0))
    rank = int(params.get("rank", 8))
    n_head = int(cfg["num_attention_heads"])
    n_kv = int(cfg.get("num_key_value_heads", n_head))
    pairs: Dict[str, Dict[str, Any]] = {}
    for key, value in tensors.items():
        m = re.match(r"(?:model\.)?(layers\.\d+\..+)\.(lora_a|lora_b)$", key)
        if m is None:
            raise ExportError("unexpected adapter tensor {!r}".format(key))
        pairs.setdefault("model." + m.group(1) + ".weight", {})[m.group(2)] = np.asarray(value, np.float32)
    if not pairs:
        raise ExportError("{} holds no LoRA tensors".format(adapter))
    hidden = int(cfg["hidden_size"])
    with _gguf_file(out, arch) as w:
        w.add_string("general.type", "adapter")
        w.add_string("adapter.type", "lora")
        w.add_float32("adapter.lora.alpha", scale * rank)
        w.add_name("RhinoCoder LoRA for " + base.name)
        for name in sorted(pairs):
            ab = pairs[name]
            if set(ab) != {"lora_a", "lora_b"}:
                raise ExportError("{}: lora_a and lora_b must come in pairs".format(name))
            a = ab["lora_a"].T                     # (rank, in)
            b = ab["lora_b"].T                     # (out, rank)
            if a.shape[0] != rank or b.shape[1] != rank:
                raise ExportError("{}: rank {} in the tensors, {} in adapter_config.json".format(
                    name, a.shape[0], rank))
            if "embed" in name or (a.shape[1] != hidden and not name.endswith("down_proj.weight")):
                raise ExportError("{}: input width {} does not fit the base model (hidden {}): "
                                  "an adapter made for another base model?".format(name, a.shape[1], hidden))
            if arch == "llama" and name.endswith(("q_proj.weight", "k_proj.weight")):
                b = _permute(b, n_head if "q_proj" in name else n_kv)
            target = gguf_name(name)
            w.add_tensor(target + ".lora_a", np.ascontiguousarray(a, dtype=np.float32))
            w.add_tensor(target + ".lora_b", np.ascontiguousarray(b, dtype=np.float32))
    return out
