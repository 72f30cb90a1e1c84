"""Convert a llama-architecture GGUF (e.g. SmolLM2-135M-Instruct.Q4_1.gguf) into an mlx_lm folder.

    python -m model_server.gguf IN.gguf OUT_DIR [--dtype float32|float16|bfloat16|q]

Only mlx and tokenizers are needed (no torch, no gguf package). `mx.load` reads the GGUF with
its metadata; Q4_0/Q4_1/Q8_0 tensors arrive as MLX affine-quantized (uint32 + scales + biases,
group size 32). `--dtype q` keeps them quantized; any float dtype dequantizes (in float32).
llama.cpp permutes the Q/K rows for its interleaved RoPE; they are un-permuted here so the folder
is a standard HF-layout llama checkpoint. The output appears atomically (temp dir + rename).
"""
import argparse
import json
import os
import re
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any, Dict, Optional, Tuple, Union

from model_server.fast_blas import ensure_fast_blas
from model_server.files import replace_folder

DTYPES = ("float32", "float16", "bfloat16", "q")
GROUP_SIZE = 32  # GGUF Q4_0 / Q4_1 / Q8_0 block width

NAME_MAP = [
    (r"^token_embd\.", "model.embed_tokens."),
    (r"^output_norm\.", "model.norm."),
    (r"^output\.", "lm_head."),
    (r"^blk\.(\d+)\.attn_norm\.", r"model.layers.\1.input_layernorm."),
    (r"^blk\.(\d+)\.ffn_norm\.", r"model.layers.\1.post_attention_layernorm."),
    (r"^blk\.(\d+)\.attn_q\.", r"model.layers.\1.self_attn.q_proj."),
    (r"^blk\.(\d+)\.attn_k\.", r"model.layers.\1.self_attn.k_proj."),
    (r"^blk\.(\d+)\.attn_v\.", r"model.layers.\1.self_attn.v_proj."),
    (r"^blk\.(\d+)\.attn_output\.", r"model.layers.\1.self_attn.o_proj."),
    (r"^blk\.(\d+)\.ffn_gate\.", r"model.layers.\1.mlp.gate_proj."),
    (r"^blk\.(\d+)\.ffn_up\.", r"model.layers.\1.mlp.up_proj."),
    (r"^blk\.(\d+)\.ffn_down\.", r"model.layers.\1.mlp.down_proj."),
]
# llama.cpp pre-tokenizer names that mean "split digits one by one, then the GPT-2 byte-level regex"
DIGIT_SPLIT_PRE = ("smollm", "starcoder", "refact")
PLAIN_GPT2_PRE = ("gpt2", "gpt-2", "default")


class GGUFError(ValueError):
    """The GGUF file cannot be converted (unreadable, unsupported architecture or tokenizer)."""


def map_name(gguf_name: str) -> str:
    for pattern, repl in NAME_MAP:
        if re.match(pattern, gguf_name):
            return re.sub(pattern, repl, gguf_name)
    raise GGUFError("unmapped GGUF tensor {!r}".format(gguf_name))


def permute(w, n_head: int):
    """llama.cpp's Q/K row permutation (HF halves -> interleaved pairs), rows only."""
    rows = w.shape[0]
    return w.reshape(n_head, 2, rows // n_head // 2, *w.shape[1:]).swapaxes(1, 2).reshape(w.shape)


def unpermute(w, n_head: int):
    """Inverse of `permute`: GGUF per-head row order (d/2, 2) back to HF order (2, d/2)."""
    rows = w.shape[0]
    return w.reshape(n_head, rows // n_head // 2, 2, *w.shape[1:]).swapaxes(1, 2).reshape(w.shape)


def scalar(meta: Dict[str, Any], key: str, default=None):
    value = meta.get(key, default)
    if hasattr(value, "item") and getattr(value, "ndim", 1) == 0:
        value = value.item()
    return value


def read_gguf(path: Union[str, Path]) -> Tuple[Dict[str, Any], Dict[str, Any]]:
    """(tensors, metadata) of a GGUF file, or GGUFError with the reason."""
    ensure_fast_blas()
    import mlx.core as mx

    path = Path(path)
    if not path.is_file():
        raise GGUFError("GGUF file not found: {}".format(path))
    try:
        return mx.load(str(path), return_metadata=True)
    except Exception as exc:  # mlx raises RuntimeError/ValueError for unsupported quant types
        raise GGUFError("cannot read {} with mlx (supported: F32, F16, Q4_0, Q4_1, Q8_0): {}"
                        .format(path.name, exc)) from exc


def convert_weights(tensors: Dict[str, Any], n_head: int, n_kv: int, dtype: str,
                    progress: bool = False) -> Tuple[Dict[str, Any], Dict[str, Dict[str, int]]]:
    """Rename, un-permute Q/K and (unless dtype == "q") dequantize. Returns (weights, quant bits)."""
    import mlx.core as mx
    from tqdm import tqdm

    modules: Dict[str, Dict[str, Any]] = {}
    for name, value in tensors.items():
        prefix, leaf = map_name(name).rsplit(".", 1)
        modules.setdefault(prefix, {})[leaf] = value
    out, quant = {}, {}
    for prefix in tqdm(sorted(modules), desc="converting", unit="module", disable=not progress,
                       file=sys.stderr):
        parts = modules[prefix]
        if "scales" in parts:
            if "biases" not in parts:
                raise GGUFError("{}: quantized tensor without biases".format(prefix))
            bits = parts["weight"].shape[1] * 32 // (parts["scales"].shape[1] * GROUP_SIZE)
            if dtype != "q":
                # Cast scales/biases to float32 first, else MLX dequantizes (and rounds) in fp16.
                w = mx.dequantize(parts["weight"], parts["scales"].astype(mx.float32),
                                  parts["biases"].astype(mx.float32), group_size=GROUP_SIZE, bits=bits)
                parts = {"weight": w.astype(getattr(mx, dtype))}
            else:
                quant[prefix] = {"group_size": GROUP_SIZE, "bits": bits}
        elif dtype != "q":
            parts = {k: v.astype(getattr(mx, dtype)) if mx.issubdtype(v.dtype, mx.floating) else v
                     for k, v in parts.items()}
        if prefix.endswith(("self_attn.q_proj", "self_attn.k_proj")):
            heads = n_head if prefix.endswith("q_proj") else n_kv
            parts = {k: unpermute(v, heads) for k, v in parts.items()}  # weight, scales, biases
        mx.eval(list(parts.values()))  # per module, so the progress bar tracks real work
        for leaf, value in parts.items():
            out["{}.{}".format(prefix, leaf)] = value
    return out, quant


def llama_config(meta: Dict[str, Any], weights: Dict[str, Any], dtype: str,
                 quant: Optional[Dict[str, Dict[str, int]]] = None) -> Dict[str, Any]:
    arch = meta.get("general.architecture")
    if arch != "llama":
        raise GGUFError("general.architecture={!r}: only 'llama' GGUFs are supported".format(arch))

    def g(key, default=None):
        value = scalar(meta, "llama." + key, default)
        if value is None:
            raise GGUFError("GGUF metadata lacks llama.{}".format(key))
        return value

    n_head, n_kv = int(g("attention.head_count")), int(g("attention.head_count_kv", g("attention.head_count")))
    hidden = int(g("embedding_length"))
    config = {
        "model_type": "llama",
        "architectures": ["LlamaForCausalLM"],
        "hidden_size": hidden,
        "intermediate_size": int(g("feed_forward_length")),
        "num_hidden_layers": int(g("block_count")),
        "num_attention_heads": n_head,
        "num_key_value_heads": n_kv,
        "head_dim": int(g("rope.dimension_count", hidden // n_head)),
        # float32 metadata (1e-5 reads as 9.99999974e-06): keep the intended decimal value
        "rms_norm_eps": float("{:.6g}".format(g("attention.layer_norm_rms_epsilon"))),
        "rope_theta": float(g("rope.freq_base", 10000.0)),
        "rope_traditional": False,
        "max_position_embeddings": int(g("context_length", 2048)),
        "vocab_size": len(meta["tokenizer.ggml.tokens"]) if "tokenizer.ggml.tokens" in meta
        else int(weights["model.embed_tokens.weight"].shape[0]),
        "tie_word_embeddings": "lm_head.weight" not in weights,
        "attention_bias": False,
        "mlp_bias": False,
        "hidden_act": "silu",
        "bos_token_id": scalar(meta, "tokenizer.ggml.bos_token_id"),
        "eos_token_id": scalar(meta, "tokenizer.ggml.eos_token_id"),
        "pad_token_id": scalar(meta, "tokenizer.ggml.padding_token_id"),
        "torch_dtype": "float16" if dtype == "q" else dtype,
    }
    if dtype == "q" and quant:
        # Per-module bits keep mixed files unambiguous (Q8_0 embeddings in a Q4_1 file).
        config["quantization"] = {"group_size": GROUP_SIZE, "bits": 4, "mode": "affine", **quant}
        config["quantization_config"] = config["quantization"]
    return config


def build_tokenizer(meta: Dict[str, Any], out: Path):
    """tokenizer.json + tokenizer_config.json rebuilt from the GGUF vocab and merges."""
    from tokenizers import AddedToken, Tokenizer, decoders, models, pre_tokenizers, processors

    kind = meta.get("tokenizer.ggml.model")
    if kind != "gpt2":
        raise GGUFError("tokenizer.ggml.model={!r}: only byte-level BPE ('gpt2') is supported".format(kind))
    tokens = list(meta["tokenizer.ggml.tokens"])
    types = meta["tokenizer.ggml.token_type"].tolist() if "tokenizer.ggml.token_type" in meta \
        else [1] * len(tokens)
    merges = [tuple(m.split(" ", 1)) for m in meta.get("tokenizer.ggml.merges", [])]
    tok = Tokenizer(models.BPE(vocab={t: i for i, t in enumerate(tokens)}, merges=merges,
                               fuse_unk=False, byte_fallback=False))
    pre = meta.get("tokenizer.ggml.pre", "default")
    byte_level = pre_tokenizers.ByteLevel(add_prefix_space=False, trim_offsets=True, use_regex=True)
    if pre in DIGIT_SPLIT_PRE:
        tok.pre_tokenizer = pre_tokenizers.Sequence([pre_tokenizers.Digits(individual_digits=True), byte_level])
    elif pre in PLAIN_GPT2_PRE:
        tok.pre_tokenizer = byte_level
    else:
        raise GGUFError("tokenizer.ggml.pre={!r}: pre-tokenizer not supported yet".format(pre))
    tok.decoder = decoders.ByteLevel()
    tok.post_processor = processors.ByteLevel(trim_offsets=False)
    # token_type 3 = CONTROL in llama.cpp: those are the special tokens
    specials = [AddedToken(t, special=True, normalized=False) for t, ty in zip(tokens, types) if ty == 3]
    tok.add_special_tokens(specials)
    tok.save(str(out / "tokenizer.json"))

    def token(key):
        i = scalar(meta, key)
        return None if i is None else tokens[int(i)]

    cfg = {
        # transformers 5 uses tokenizer.json as-is for "TokenizersBackend"; a concrete class
        # (GPT2Tokenizer, LlamaTokenizer) would rebuild the pre-tokenizer and drop digit splitting.
        "tokenizer_class": "TokenizersBackend",
        "bos_token": token("tokenizer.ggml.bos_token_id"),
        "eos_token": token("tokenizer.ggml.eos_token_id"),
        "pad_token": token("tokenizer.ggml.padding_token_id"),
        "unk_token": token("tokenizer.ggml.unknown_token_id"),
        "add_bos_token": bool(scalar(meta, "tokenizer.ggml.add_bos_token", False)),
        "add_prefix_space": False,
        "clean_up_tokenization_spaces": False,
        "model_max_length": int(scalar(meta, "llama.context_length", 2048)),
        "additional_special_tokens": [s.content for s in specials],
    }
    if "tokenizer.chat_template" in meta:
        cfg["chat_template"] = meta["tokenizer.chat_template"]
    (out / "tokenizer_config.json").write_text(json.dumps(cfg, indent=2))
    return tok


def convert_gguf(gguf_path: Union[str, Path], out_dir: Union[str, Path], dtype: str = "float32",
                 progress: bool = True, overwrite: bool = False) -> Path:
    """Write an mlx_lm model folder at out_dir; it appears all at once or not at all."""
    ensure_fast_blas()
    import mlx.core as mx

    if dtype not in DTYPES:
        raise GGUFError("dtype must be one of {}, not {!r}".format(", ".join(DTYPES), dtype))
    out = Path(out_dir)
    if out.exists() and not overwrite:
        raise FileExistsError("{} exists (pass overwrite=True to replace it)".format(out))
    tensors, meta = read_gguf(gguf_path)
    config = llama_config(meta, {map_name(k): v for k, v in tensors.items()}, dtype)
    weights, quant = convert_weights(tensors, config["num_attention_heads"],
                                     config["num_key_value_heads"], dtype, progress)
    config = llama_config(meta, weights, dtype, quant)

    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".{}.tmp-".format(out.name), dir=str(out.parent)))
    try:
        mx.save_safetensors(str(tmp / "model.safetensors"), weights, metadata={"format": "mlx"})
        (tmp / "config.json").write_text(json.dumps(config, indent=2))
        (tmp / "generation_config.json").write_text(json.dumps(
            {"bos_token_id": config["bos_token_id"], "eos_token_id": config["eos_token_id"]}))
        build_tokenizer(meta, tmp)
        (tmp / "README.md").write_text(
            "Converted offline from GGUF {} ({}, license {}) by model_server.gguf, dtype={}\n".format(
                Path(gguf_path).name, meta.get("general.name", "?"), meta.get("general.license", "?"), dtype))
        _swap_in(tmp, out, overwrite)
    finally:
        if tmp.exists():
            shutil.rmtree(str(tmp), ignore_errors=True)
    return out


QWEN2_LAYER_MAP = {"attn_norm": "input_layernorm", "ffn_norm": "post_attention_layernorm",
                   "attn_q": "self_attn.q_proj", "attn_k": "self_attn.k_proj",
                   "attn_v": "self_attn.v_proj", "attn_output": "self_attn.o_proj",
                   "ffn_gate": "mlp.gate_proj", "ffn_up": "mlp.up_proj", "ffn_down": "mlp.down_proj"}


def convert_qwen2_gguf(gguf_path: Union[str, Path], out_dir: Union[str, Path], progress: bool = True,
                       overwrite: bool = False) -> Path:
    """A qwen2 GGUF (any quant the `gguf` package decodes: K-quants, Q4_0/Q5_0/Q8_0, F16...) as a
    float32 mlx_lm folder. Weights are dequantized by `gguf.quants.dequantize` (no hand-written
    block decoders); qwen2 keeps HF's Q/K row order (llama.cpp permutes only llama), has q/k/v
    biases, and ties the output to the token embedding when there is no `output.weight`. The
    tokenizer and chat template come from the GGUF's own metadata (gguf_tokenizer)."""
    import numpy as np
    from tqdm import tqdm

    try:
        from gguf.quants import dequantize
    except ImportError as exc:
        raise GGUFError("converting a qwen2 GGUF needs the gguf package: pip install gguf") from exc
    from model_server.gguf_tokenizer import GGUFTokenizerError, build_tokenizer, open_gguf, read_metadata

    out = Path(out_dir)
    if out.exists() and not overwrite:
        raise FileExistsError("{} exists (pass overwrite=True to replace it)".format(out))
    try:
        reader = open_gguf(gguf_path)               # one parse of the header, shared below
        meta = read_metadata(gguf_path, reader)
    except GGUFTokenizerError as exc:
        raise GGUFError(str(exc)) from exc
    if meta["architecture"] != "qwen2":
        raise GGUFError("general.architecture={!r}: this converter is for qwen2".format(meta["architecture"]))

    def field(key, default=None):
        f = reader.fields.get("qwen2." + key)
        return default if f is None else f.contents()

    weights = {}
    for t in tqdm(reader.tensors, desc="dequantizing", unit="tensor", disable=not progress,
                  file=sys.stderr):
        if t.name == "token_embd.weight":
            name = "model.embed_tokens.weight"
        elif t.name == "output_norm.weight":
            name = "model.norm.weight"
        elif t.name == "output.weight":
            name = "lm_head.weight"
        else:
            m = re.match(r"blk\.(\d+)\.(\w+)\.(weight|bias)$", t.name)
            if m is None or m.group(2) not in QWEN2_LAYER_MAP:
                raise GGUFError("unmapped qwen2 GGUF tensor {!r}".format(t.name))
            name = "model.layers.{}.{}.{}".format(m.group(1), QWEN2_LAYER_MAP[m.group(2)], m.group(3))
        shape = [int(x) for x in reversed(list(t.shape))]
        weights[name] = np.asarray(dequantize(t.data, t.tensor_type), dtype=np.float32).reshape(shape)
    n_head = int(field("attention.head_count"))
    hidden = int(field("embedding_length"))
    config = {
        "model_type": "qwen2", "architectures": ["Qwen2ForCausalLM"],
        "hidden_size": hidden, "intermediate_size": int(field("feed_forward_length")),
        "num_hidden_layers": int(field("block_count")), "num_attention_heads": n_head,
        "num_key_value_heads": int(field("attention.head_count_kv", n_head)),
        "rms_norm_eps": float("{:.6g}".format(float(field("attention.layer_norm_rms_epsilon")))),
        "rope_theta": float(field("rope.freq_base", 1000000.0)),
        "max_position_embeddings": int(field("context_length", 32768)),
        "vocab_size": int(weights["model.embed_tokens.weight"].shape[0]),
        "tie_word_embeddings": "lm_head.weight" not in weights,
        "hidden_act": "silu", "torch_dtype": "float32",
        "bos_token_id": meta.get("bos_token_id"), "eos_token_id": meta.get("eos_token_id"),
    }
    tok = build_tokenizer(meta["tokens"], meta["merges"], meta["types"], meta["pre"])
    tokens = meta["tokens"]
    tok_cfg = {
        "tokenizer_class": "TokenizersBackend",
        "eos_token": tokens[meta["eos_token_id"]] if meta.get("eos_token_id") is not None else None,
        "pad_token": "<|endoftext|>" if "<|endoftext|>" in tokens else None,
        "bos_token": None, "add_bos_token": False, "add_prefix_space": False,
        "clean_up_tokenization_spaces": False, "model_max_length": config["max_position_embeddings"],
        "chat_template": meta.get("chat_template"),
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".{}.tmp-".format(out.name), dir=str(out.parent)))
    try:
        from safetensors.numpy import save_file
        save_file(weights, str(tmp / "model.safetensors"), metadata={"format": "mlx"})
        (tmp / "config.json").write_text(json.dumps(config, indent=2))
        (tmp / "generation_config.json").write_text(json.dumps(
            {"bos_token_id": config["bos_token_id"],
             "eos_token_id": meta.get("eog_token_ids") or config["eos_token_id"]}))
        tok.save(str(tmp / "tokenizer.json"))
        (tmp / "tokenizer_config.json").write_text(json.dumps(tok_cfg, indent=2))
        (tmp / "README.md").write_text(
            "Converted offline from GGUF {} ({}) by model_server.gguf.convert_qwen2_gguf, float32\n".format(
                Path(gguf_path).name, meta.get("name", "?")))
        _swap_in(tmp, out, overwrite)
    finally:
        if tmp.exists():
            shutil.rmtree(str(tmp), ignore_errors=True)
    return out


def ensure_mlx_from_gguf(gguf_path: Union[str, Path], name: str, progress: bool = True) -> Path:
    """The cached float32 MLX folder of a catalogue GGUF, converted once (locked, atomic)."""
    from model_server.default_model import cache_root, file_lock, is_complete

    target = cache_root() / "models" / "{}-f32".format(name)
    if is_complete(target):
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    with file_lock(target.parent / ".{}.lock".format(target.name)):
        if is_complete(target):
            return target
        for stale in target.parent.glob(".{}.tmp-*".format(target.name)):
            shutil.rmtree(str(stale), ignore_errors=True)
        if target.exists():
            shutil.rmtree(str(target), ignore_errors=True)
        if progress:
            print("[rhinocoder] converting {} to float32 MLX (once) ...".format(name), file=sys.stderr)
        convert_qwen2_gguf(gguf_path, target, progress=progress)
    return target


def _swap_in(tmp: Path, out: Path, overwrite: bool) -> None:
    if out.exists() and overwrite:
        replace_folder(str(tmp), str(out))  # the old folder aside, the new one in, the old one deleted
    else:
        os.rename(str(tmp), str(out))  # fails if another process finished first


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m model_server.gguf", description=__doc__.split("\n\n")[0])
    ap.add_argument("gguf", help="input .gguf file (llama architecture)")
    ap.add_argument("out", help="output folder (must not exist unless --overwrite)")
    ap.add_argument("--dtype", default="float32", choices=DTYPES,
                    help="float dtype to dequantize to, or q to keep the GGUF quantization")
    ap.add_argument("--overwrite", action="store_true")
    args = ap.parse_args(argv)
    try:
        out = convert_gguf(args.gguf, args.out, args.dtype, overwrite=args.overwrite)
    except (GGUFError, FileExistsError) as exc:
        print("error: {}".format(exc), file=sys.stderr)
        return 2
    print("wrote {}".format(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
