"""A GGUF's own tokenizer and chat template, rebuilt from its metadata (no hub, no torch).

    tok = load_gguf_tokenizer("model.gguf")
    ids = tok.encode_chat([{"role": "user", "content": "hi"}])

Byte-level BPE (`tokenizer.ggml.model == "gpt2"`) from the vocabulary, merges and token types in
the GGUF, with the pre-tokenizer llama.cpp names in `tokenizer.ggml.pre`: Qwen2's regex, SmolLM's
digit split, or plain GPT-2. Control and user-defined tokens (types 3 and 4) are special, as
llama.cpp treats them when it parses special tokens. The chat template is the GGUF's
`tokenizer.chat_template`, rendered with Jinja2 in a sandbox the way transformers renders it.
Built with the `tokenizers` package and checked against llama.cpp's own tokenizer in the tests.

Reading 150k tokens through `gguf.GGUFReader` takes seconds, so the first load writes the
tokenizer and the facts it needs beside the GGUF (`<file>.tokenizer.json`, `<file>.meta.json`,
keyed by the GGUF's size and mtime); later loads read those.
"""
import json
from pathlib import Path
from typing import Any, Dict, List, Sequence, Union

from model_server.files import write_atomic

QWEN2_PRE = (r"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*"
             r"|\s*[\r\n]+|\s+(?!\S)|\s+")
DIGIT_SPLIT_PRE = ("smollm", "starcoder", "refact")
PLAIN_GPT2_PRE = ("gpt2", "gpt-2", "default")
QWEN2_LIKE_PRE = ("qwen2", "deepseek-r1-qwen")
SPECIAL_TYPES = (3, 4)          # llama.cpp: CONTROL, USER_DEFINED
META_VERSION = 1


class GGUFTokenizerError(ValueError):
    """The GGUF's tokenizer cannot be rebuilt; the message says why."""


def build_tokenizer(tokens: Sequence[str], merges: Sequence[str], types: Sequence[int], pre: str):
    """A `tokenizers.Tokenizer` equal to llama.cpp's for a byte-level BPE vocabulary."""
    from tokenizers import AddedToken, Regex, Tokenizer, decoders, models, pre_tokenizers

    tok = Tokenizer(models.BPE(vocab={t: i for i, t in enumerate(tokens)},
                               merges=[tuple(m.split(" ", 1)) for m in merges],
                               fuse_unk=False, byte_fallback=False))
    if pre in QWEN2_LIKE_PRE:
        tok.pre_tokenizer = pre_tokenizers.Sequence([
            pre_tokenizers.Split(Regex(QWEN2_PRE), behavior="isolated", invert=False),
            pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=False)])
    elif pre in DIGIT_SPLIT_PRE:
        tok.pre_tokenizer = pre_tokenizers.Sequence([
            pre_tokenizers.Digits(individual_digits=True),
            pre_tokenizers.ByteLevel(add_prefix_space=False, trim_offsets=True, use_regex=True)])
    elif pre in PLAIN_GPT2_PRE:
        tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False, trim_offsets=True,
                                                     use_regex=True)
    else:
        raise GGUFTokenizerError("tokenizer.ggml.pre={!r}: pre-tokenizer not supported yet "
                                 "(supported: {})".format(pre, ", ".join(
                                     QWEN2_LIKE_PRE + DIGIT_SPLIT_PRE + PLAIN_GPT2_PRE)))
    tok.decoder = decoders.ByteLevel()
    tok.add_special_tokens([AddedToken(t, special=True, normalized=False)
                            for t, ty in zip(tokens, types) if int(ty) in SPECIAL_TYPES])
    return tok


def _field(reader, key: str, default: Any = None) -> Any:
    f = reader.fields.get(key)
    if f is None:
        return default
    value = f.contents()
    return value


def open_gguf(path: Union[str, Path]):
    """A `gguf.GGUFReader` on `path` (slow: parses the whole header), or a clear error."""
    try:
        import gguf
    except ImportError as exc:
        raise GGUFTokenizerError("the gguf package is missing: pip install gguf") from exc
    try:
        return gguf.GGUFReader(str(path))
    except Exception as exc:                       # truncated or not a GGUF at all
        raise GGUFTokenizerError("{} is not a readable GGUF file: {}".format(path, exc)) from exc


def read_metadata(path: Union[str, Path], reader=None) -> Dict[str, Any]:
    """The tokenizer and model facts of a GGUF (`reader`: one already open on it)."""
    reader = reader if reader is not None else open_gguf(path)
    arch = _field(reader, "general.architecture")
    kind = _field(reader, "tokenizer.ggml.model")
    if kind != "gpt2":
        raise GGUFTokenizerError("tokenizer.ggml.model={!r}: only byte-level BPE ('gpt2') is "
                                 "supported".format(kind))
    tokens = list(_field(reader, "tokenizer.ggml.tokens", []))
    types = [int(t) for t in _field(reader, "tokenizer.ggml.token_type", [1] * len(tokens))]
    eos = _field(reader, "tokenizer.ggml.eos_token_id")
    eog = [int(eos)] if eos is not None else []
    for i, (t, ty) in enumerate(zip(tokens, types)):
        # llama.cpp also ends generation at these control tokens (llama-vocab.cpp's EOG set)
        if ty == 3 and t in ("<|endoftext|>", "<|im_end|>", "<|eot_id|>", "<|end|>", "<|eom_id|>",
                             "<end_of_turn>", "<|return|>") and i not in eog:
            eog.append(i)
    return {
        "version": META_VERSION,
        "architecture": arch,
        "name": _field(reader, "general.name"),
        "license": _field(reader, "general.license"),
        "context_length": int(_field(reader, "{}.context_length".format(arch), 2048)),
        "pre": _field(reader, "tokenizer.ggml.pre", "default"),
        "tokens": tokens,
        "types": types,
        "merges": list(_field(reader, "tokenizer.ggml.merges", [])),
        "eos_token_id": None if eos is None else int(eos),
        "eog_token_ids": eog,
        "bos_token_id": _field(reader, "tokenizer.ggml.bos_token_id"),
        "add_bos_token": bool(_field(reader, "tokenizer.ggml.add_bos_token", False)),
        "chat_template": _field(reader, "tokenizer.chat_template"),
    }


class GGUFTokenizer(object):
    """Encode, decode and chat-template like llama.cpp does for this GGUF."""

    def __init__(self, tokenizer, meta: Dict[str, Any]):
        self._tok = tokenizer
        self.meta = meta
        self.vocab_size = len(meta["tokens"]) if meta.get("tokens") else tokenizer.get_vocab_size()
        self.context_length = int(meta["context_length"])
        self.eos_token_ids = list(meta["eog_token_ids"])
        self.chat_template = meta.get("chat_template")
        self._template = None

    def encode(self, text: str, add_special_tokens: bool = True) -> List[int]:
        """Token ids; special-token text such as `<|im_start|>` becomes its one token.
        `add_special_tokens`: prepend BOS when the model asks for one (llama.cpp's add_bos)."""
        ids = self._tok.encode(text, add_special_tokens=False).ids
        bos = self.meta.get("bos_token_id")
        if add_special_tokens and self.meta.get("add_bos_token") and bos is not None:
            ids = [int(bos)] + ids
        return ids

    def decode(self, ids: Sequence[int]) -> str:
        return self._tok.decode(list(ids), skip_special_tokens=False)

    def render_chat(self, messages: List[Dict[str, str]], add_generation_prompt: bool = True) -> str:
        if not self.chat_template:
            text = "".join("{}: {}\n".format(m["role"], m["content"]) for m in messages)
            return text + ("assistant: " if add_generation_prompt else "")
        if self._template is None:
            self._template = _compile(self.chat_template)
        bos = self.meta.get("bos_token_id")
        eos = self.meta.get("eos_token_id")
        tokens = self.meta.get("tokens") or []
        return self._template.render(
            messages=messages, add_generation_prompt=add_generation_prompt, tools=None,
            bos_token=tokens[bos] if bos is not None and bos < len(tokens) else "",
            eos_token=tokens[eos] if eos is not None and eos < len(tokens) else "")

    def encode_chat(self, messages: List[Dict[str, str]]) -> List[int]:
        return self.encode(self.render_chat(messages))


def _compile(source: str):
    """A Jinja2 template in an immutable sandbox, with transformers' helpers."""
    from jinja2.exceptions import TemplateError
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    def raise_exception(message):
        raise TemplateError(message)

    def tojson(x, ensure_ascii=False, indent=None, separators=None, sort_keys=False):
        return json.dumps(x, ensure_ascii=ensure_ascii, indent=indent, separators=separators,
                          sort_keys=sort_keys)

    env = ImmutableSandboxedEnvironment(trim_blocks=True, lstrip_blocks=True,
                                        extensions=["jinja2.ext.loopcontrols"])
    env.filters["tojson"] = tojson
    env.globals["raise_exception"] = raise_exception
    return env.from_string(source)


def _cache_paths(gguf_path: Path):
    return (gguf_path.with_name(gguf_path.name + ".tokenizer.json"),
            gguf_path.with_name(gguf_path.name + ".meta.json"))


def load_gguf_tokenizer(path: Union[str, Path], use_cache: bool = True) -> GGUFTokenizer:
    """The tokenizer of a GGUF; cached beside it when the folder is writable."""
    from tokenizers import Tokenizer

    gguf_path = Path(path)
    try:
        st = gguf_path.stat()
    except OSError as exc:
        raise GGUFTokenizerError("GGUF file not found: {}".format(path)) from exc
    key = {"size": st.st_size, "mtime_ns": st.st_mtime_ns, "version": META_VERSION}
    tok_file, meta_file = _cache_paths(gguf_path)
    if use_cache and tok_file.is_file() and meta_file.is_file():
        try:
            cached = json.loads(meta_file.read_text(encoding="utf-8"))
            if cached.get("key") == key:
                return GGUFTokenizer(Tokenizer.from_file(str(tok_file)), cached["meta"])
        except (OSError, ValueError, KeyError, Exception):
            pass
    meta = read_metadata(gguf_path)
    tok = build_tokenizer(meta["tokens"], meta.pop("merges"), meta["types"], meta["pre"])
    small = dict(meta)
    small["vocab_size"] = len(meta["tokens"])
    small.pop("types")
    result = GGUFTokenizer(tok, meta)
    if use_cache:
        try:
            write_atomic(str(tok_file), tok.to_str())
            write_atomic(str(meta_file), json.dumps({"key": key, "meta": small}))
        except OSError:
            pass                                   # a read-only model folder: rebuild next time
    return result
