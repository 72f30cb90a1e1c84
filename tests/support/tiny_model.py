"""A tiny random qwen2 MLX model with a locally trained tokenizer, for tests (no hub, ~1 s).

`build_tiny_model(out_dir)` writes an mlx_lm-loadable folder: config.json, model.safetensors,
tokenizer.json (byte-level BPE trained on local Python sources), tokenizer_config.json with a
ChatML chat template and eos `<|im_end|>`, generation_config.json. Same arguments and same
Python installation give the same files (fixed seed, sorted corpus).
"""
import glob
import hashlib
import json
import os
import shutil
import sys
import sysconfig
import tempfile
from pathlib import Path
from typing import Iterator, Union

CHATML_TEMPLATE = (
    "{% for message in messages %}"
    "{% if loop.first and messages[0]['role'] != 'system' %}"
    "{{ '<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n' }}"
    "{% endif %}"
    "{{ '<|im_start|>' + message['role'] + '\n' + message['content'] + '<|im_end|>' + '\n' }}"
    "{% endfor %}"
    "{% if add_generation_prompt %}{{ '<|im_start|>assistant\n' }}{% endif %}"
)
# transformers 5 builds Qwen2Tokenizer for model_type "qwen2" and rebuilds this exact
# normalizer + pre-tokenizer from vocab/merges; training with the same pipeline keeps
# `tokenizers` and mlx_lm/transformers encodings identical.
QWEN2_PRETOKENIZE_REGEX = (
    r"""(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+"""
)
SPECIALS = ["<|endoftext|>", "<|im_start|>", "<|im_end|>"]  # ids 0, 1, 2

# A little Rhino flavour so `rs.`, `AddLine` etc. become real tokens.
RHINO_SNIPPET = '''import rhinoscriptsyntax as rs
import scriptcontext as sc
import Rhino
pts = [rs.AddPoint(i, 0, 0) for i in range(10)]
crv = rs.AddCurve([(0, 0, 0), (5, 5, 0), (10, 0, 0)])
line = rs.AddLine((0, 0, 0), (10, 0, 0))
ids = rs.GetObjects("Select curves", rs.filter.curve)
for obj in ids or []:
    length = rs.CurveLength(obj)
    rs.ObjectLayer(obj, "Default")
    print("length", length)
sc.doc.Views.Redraw()
'''


def python_corpus(max_files: int = 300) -> Iterator[str]:
    """Python source text from the local stdlib (always present, no network), in sorted order."""
    yield RHINO_SNIPPET * 20
    stdlib = sysconfig.get_paths()["stdlib"]
    for path in sorted(glob.glob(os.path.join(stdlib, "*.py")))[:max_files]:
        try:
            with open(path, encoding="utf-8") as fh:
                yield fh.read()
        except (UnicodeDecodeError, OSError):
            continue


def build_tokenizer(out: Path, vocab_size: int):
    from tokenizers import Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers, trainers

    tok = Tokenizer(models.BPE())
    tok.normalizer = normalizers.NFC()
    tok.pre_tokenizer = pre_tokenizers.Sequence([
        pre_tokenizers.Split(Regex(QWEN2_PRETOKENIZE_REGEX), behavior="isolated", invert=False),
        pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=False),
    ])
    tok.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(
        vocab_size=vocab_size,
        special_tokens=SPECIALS,
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
        show_progress=False,
    )
    tok.train_from_iterator(python_corpus(), trainer=trainer)
    tok.save(str(out / "tokenizer.json"))

    tok_cfg = {
        "tokenizer_class": "Qwen2Tokenizer",
        "model_max_length": 4096,
        "bos_token": None,
        "eos_token": "<|im_end|>",
        "pad_token": "<|endoftext|>",
        "unk_token": None,
        "add_bos_token": False,
        "add_prefix_space": False,
        "clean_up_tokenization_spaces": False,
        "chat_template": CHATML_TEMPLATE,
        "added_tokens_decoder": {
            str(tok.token_to_id(t)): {
                "content": t, "lstrip": False, "normalized": False,
                "rstrip": False, "single_word": False, "special": True,
            }
            for t in SPECIALS
        },
    }
    (out / "tokenizer_config.json").write_text(json.dumps(tok_cfg, indent=2))
    (out / "special_tokens_map.json").write_text(
        json.dumps({"eos_token": "<|im_end|>", "pad_token": "<|endoftext|>"}, indent=2))
    return tok


def random_weights(model, seed: int) -> None:
    """Seeded init from an explicit key (leaves mlx's global RNG alone); norms stay at one."""
    import mlx.core as mx
    from mlx.utils import tree_flatten, tree_unflatten

    key = mx.random.key(seed)
    new = []
    for name, p in tree_flatten(model.parameters()):
        if "norm" in name:
            new.append((name, p))
            continue
        key, sub = mx.random.split(key)
        scale = (1.0 / p.shape[-1]) ** 0.5
        new.append((name, mx.random.uniform(-scale, scale, p.shape, dtype=mx.float32, key=sub)))
    model.update(tree_unflatten(new))
    mx.eval(model.parameters())


def build_tiny_model(out_dir: Union[str, Path], vocab: int = 2048, hidden: int = 64,
                     layers: int = 2, heads: int = 4, kv_heads: int = 2, seed: int = 0) -> str:
    """Write a tiny random qwen2 model folder into out_dir and return its path."""
    from model_server.fast_blas import ensure_fast_blas

    ensure_fast_blas()
    from mlx_lm.models import qwen2
    from mlx_lm.utils import save_config, save_model

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    tok = build_tokenizer(out, vocab)
    eos_id = tok.token_to_id("<|im_end|>")
    config = {
        "model_type": "qwen2",
        "architectures": ["Qwen2ForCausalLM"],
        "hidden_size": hidden,
        "num_hidden_layers": layers,
        "intermediate_size": hidden * 2,
        "num_attention_heads": heads,
        "num_key_value_heads": kv_heads,
        "rms_norm_eps": 1e-6,
        "vocab_size": tok.get_vocab_size(),
        "max_position_embeddings": 4096,
        "rope_theta": 10000.0,
        "tie_word_embeddings": False,  # tied random weights just echo the last token
        "bos_token_id": None,
        "eos_token_id": eos_id,
        "torch_dtype": "float32",
    }
    model = qwen2.Model(qwen2.ModelArgs.from_dict(config))
    random_weights(model, seed)
    save_model(out, model)  # model.safetensors (+ index)
    save_config(config, out / "config.json")
    (out / "generation_config.json").write_text(json.dumps({"eos_token_id": eos_id}))
    return str(out)


def cache_key(**kwargs) -> str:
    """Content key: this file, the arguments, and the library/Python versions that shape the output."""
    import mlx_lm
    import tokenizers

    h = hashlib.sha256(Path(__file__).read_bytes())
    h.update(json.dumps(kwargs, sort_keys=True).encode())
    h.update("{} {} {}".format(sys.version, mlx_lm.__version__, tokenizers.__version__).encode())
    return h.hexdigest()[:16]


def cached_tiny_model(cache_root: Union[str, Path], **kwargs) -> str:
    """Build once per content key under cache_root; the finished folder appears by atomic rename."""
    root = Path(cache_root)
    root.mkdir(parents=True, exist_ok=True)
    target = root / "tiny-{}".format(cache_key(**kwargs))
    if (target / "config.json").exists() and (target / "model.safetensors").exists():
        return str(target)
    tmp = Path(tempfile.mkdtemp(prefix=".tiny-", dir=str(root)))
    try:
        build_tiny_model(tmp, **kwargs)
        try:
            os.rename(str(tmp), str(target))
        except OSError:
            if not (target / "model.safetensors").exists():  # lost a race to a complete build? fine
                raise
    finally:
        if tmp.exists():
            shutil.rmtree(str(tmp), ignore_errors=True)
    return str(target)
