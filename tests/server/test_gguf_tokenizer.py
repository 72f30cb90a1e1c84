"""The GGUF tokenizer rebuilt in Python agrees with llama.cpp's own tokenizer on the same file.

llama.cpp's API here does not hand back prompt token ids, so each string goes to llama.cpp as text
and as our ids: the prompt token counts must be equal, and (on a subset) so must the greedy
continuation, which differs as soon as one id differs on this random model."""
import random

import pytest

from model_server.gguf_tokenizer import load_gguf_tokenizer


def strings(n: int, seed: int = 0):
    fixed = [
        "import rhinoscriptsyntax as rs\nrs.AddPoint(1, 2, 3)\n",
        "def f(x):\n\treturn x ** 2  # squared\n\n\n",
        "    indented    with   runs of spaces   ",
        "Caf\u00e9 na\u00efve r\u00e9sum\u00e9 \u00fcber Stra\u00dfe",
        "\u4f60\u597d\u4e16\u754c \u3053\u3093\u306b\u3061\u306f \ud55c\uad6d\uc5b4",
        "emoji \U0001f600\U0001f680 and \u2764\ufe0f",
        "<|im_start|>user\nhi<|im_end|>\n<|im_start|>assistant\n",
        "numbers 1234567890 3.14159 1e-5 0x1F",
        "it's they're we've I'm you'll he'd",
        "\r\n\r\nwindows\r\nlines\n\n\n   \n",
        "",
    ]
    rng = random.Random(seed)
    alphabet = ("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 \t\n_.,;:()[]{}'\"#=+-*/\\"
                "\u00e9\u00fc\u00df\u4e16\u754c\U0001f600")
    out = list(fixed)
    while len(out) < n:
        out.append("".join(rng.choice(alphabet) for _ in range(rng.randint(1, 60))))
    return out


@pytest.fixture(scope="module")
def llama_and_tok(tiny_gguf):
    from model_server.llamacpp_engine import import_xllamacpp

    xlc = import_xllamacpp()
    p = xlc.CommonParams()
    p.model.path = tiny_gguf
    p.n_ctx = 1024
    p.cpuparams.n_threads = 1
    p.cache_prompt = False
    srv = xlc.Server(p)
    yield srv, load_gguf_tokenizer(tiny_gguf, use_cache=False)
    del srv


def test_token_counts_equal_llamacpp_on_varied_strings(llama_and_tok):
    srv, tok = llama_and_tok
    bad = []
    for s in strings(400):
        if not s:
            continue
        r = srv.handle_completions({"prompt": s, "max_tokens": 1, "temperature": 0})
        if r["usage"]["prompt_tokens"] != len(tok.encode(s)):
            bad.append((s, r["usage"]["prompt_tokens"], len(tok.encode(s))))
    assert bad == []


def test_greedy_from_text_equals_greedy_from_our_ids(llama_and_tok):
    srv, tok = llama_and_tok
    for s in strings(40, seed=1)[:40]:
        if not s:
            continue
        a = srv.handle_completions({"prompt": s, "max_tokens": 8, "temperature": 0,
                                    "logit_bias": [[2, -100]]})
        b = srv.handle_completions({"prompt": tok.encode(s), "max_tokens": 8, "temperature": 0,
                                    "logit_bias": [[2, -100]]})
        assert a["choices"][0]["text"] == b["choices"][0]["text"], s


def test_chat_template_is_the_ggufs(tiny_gguf):
    tok = load_gguf_tokenizer(tiny_gguf)
    text = tok.render_chat([{"role": "user", "content": "hi"}])
    assert text == ("<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n"
                    "<|im_start|>user\nhi<|im_end|>\n<|im_start|>assistant\n")
    assert tok.decode(tok.encode(text)) == text
    assert tok.eos_token_ids and tok.encode("<|im_end|>") == [tok.eos_token_ids[0]]


def test_the_cache_beside_the_gguf_is_used_and_refreshed(tiny_gguf, tmp_path):
    import shutil

    copy = tmp_path / "m.gguf"
    shutil.copy(tiny_gguf, copy)
    first = load_gguf_tokenizer(copy)
    assert (tmp_path / "m.gguf.tokenizer.json").is_file() and (tmp_path / "m.gguf.meta.json").is_file()
    again = load_gguf_tokenizer(copy)
    assert again.encode("rs.AddPoint(1)") == first.encode("rs.AddPoint(1)")


def test_a_truncated_gguf_is_one_clear_error(tiny_gguf, tmp_path):
    from model_server.gguf_tokenizer import GGUFTokenizerError

    broken = tmp_path / "cut.gguf"
    broken.write_bytes(open(tiny_gguf, "rb").read()[:5000])
    with pytest.raises(GGUFTokenizerError, match="not a readable GGUF"):
        load_gguf_tokenizer(broken)
