"""How faithfully the Python side rebuilds a catalogue GGUF, measured against llama.cpp itself.

    .venv/bin/python benchmarks/gguf_parity.py --model qwen2.5-coder-0.5b --strings 2000 --tokens 200

1. Tokenizer: `gguf_tokenizer` (vocabulary, merges and pre-tokenizer from the GGUF's metadata)
   against llama.cpp's own tokenizer on the same file. llama.cpp's Python API hands back no prompt
   ids, so each string goes to llama.cpp as text and its prompt token count is compared with ours;
   on a sample, the greedy continuation from the text equals the one from our ids.
2. Weights: the MLX model converted from the GGUF (float32, dequantized by the `gguf` package,
   `model_server.gguf.convert_qwen2_gguf`) against llama.cpp running the quantized file: greedy
   continuations of several prompts, reported as the count of leading tokens that agree (not
   exact by design: llama.cpp computes in the quantized format).
"""
import argparse
import json
import os
import random
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

PROMPTS = [
    "Add a point at 1,2,3 and a circle of radius 5 at the origin",
    "Write a rhinoscriptsyntax script that makes a 4 by 4 grid of spheres of radius 1 spaced 3 apart.",
    "Select all curves on layer Walls, join them, and print how many closed curves result.",
    "Explain what rs.OffsetCurve returns and write an example that offsets a selected curve by 2.",
]
SYSTEM = ("You write Rhino 8 Python scripts using rhinoscriptsyntax (import rhinoscriptsyntax as rs). "
          "Reply with one ```python code block only.")


def strings(n: int, seed: int = 0):
    rng = random.Random(seed)
    pieces = ["import rhinoscriptsyntax as rs\n", "rs.AddPoint(1, 2, 3)", "    ", "\t", "\n\n", "\r\n",
              "caf\u00e9 ", "\u00fcber ", "\u4e16\u754c", "\U0001f600", "<|im_start|>", "<|im_end|>",
              "it's ", "they're ", "1234567890", "3.14159", " x_1 = y**2 # c", "'''doc'''", "{}[]()",
              "   spaced   out   ", "\u0645\u0631\u062d\u0628\u0627", "\u3053\u3093\u306b\u3061\u306f", "-->", "=="]
    alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 \t\n_.,;:()[]{}'\"#=+-*/\\"
    out = []
    while len(out) < n:
        if rng.random() < 0.5:
            out.append("".join(rng.choice(pieces) for _ in range(rng.randint(1, 8))))
        else:
            out.append("".join(rng.choice(alphabet) for _ in range(rng.randint(1, 80))))
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--model", default="qwen2.5-coder-0.5b", help="catalogue name")
    ap.add_argument("--strings", type=int, default=2000)
    ap.add_argument("--tokens", type=int, default=200)
    ap.add_argument("--skip-mlx", action="store_true", help="only the tokenizer part")
    args = ap.parse_args(argv)

    from model_server import catalogue
    from model_server.gguf_tokenizer import load_gguf_tokenizer
    from model_server.llamacpp_engine import import_xllamacpp

    gguf_path = str(catalogue.ensure_gguf(args.model))
    tok = load_gguf_tokenizer(gguf_path)
    xlc = import_xllamacpp()
    p = xlc.CommonParams()
    p.model.path = gguf_path
    p.n_ctx = 4096
    p.cpuparams.n_threads = 2
    p.cpuparams_batch.n_threads = 2
    p.cache_prompt = False
    srv = xlc.Server(p)

    texts = strings(args.strings)
    started = time.time()
    mismatched = []
    for s in texts:
        r = srv.handle_completions({"prompt": s, "max_tokens": 1, "temperature": 0})
        if r["usage"]["prompt_tokens"] != len(tok.encode(s)):
            mismatched.append(s)
    sample = texts[:50]
    diverged = 0
    for s in sample:
        a = srv.handle_completions({"prompt": s, "max_tokens": 6, "temperature": 0})
        b = srv.handle_completions({"prompt": tok.encode(s), "max_tokens": 6, "temperature": 0})
        diverged += a["choices"][0]["text"] != b["choices"][0]["text"]
    print(json.dumps({"model": args.model, "strings": len(texts), "count_mismatches": len(mismatched),
                      "greedy_sample": len(sample), "greedy_diverged": diverged,
                      "seconds": round(time.time() - started, 1)}), flush=True)
    for s in mismatched[:5]:
        print("  mismatch:", repr(s))

    llama_out = []
    for q in PROMPTS:
        ids = tok.encode_chat([{"role": "system", "content": SYSTEM}, {"role": "user", "content": q}])
        r = srv.handle_completions({"prompt": ids, "max_tokens": args.tokens, "temperature": 0,
                                    "return_tokens": True, "logit_bias": [[t, -100] for t in tok.eos_token_ids]})
        choice = r["choices"][0]
        llama_out.append((ids, choice.get("tokens"), choice["text"]))
    del srv
    if args.skip_mlx:
        return 0

    from model_server.fast_blas import ensure_fast_blas

    ensure_fast_blas()
    import mlx.core as mx
    from mlx_lm import load
    from mlx_lm.generate import generate_step
    from mlx_lm.sample_utils import make_logits_processors

    from model_server.resolve import resolve_model

    folder = resolve_model(args.model, adapter="none").path
    model, _ = load(str(folder))
    procs = make_logits_processors(logit_bias={t: -100.0 for t in tok.eos_token_ids})
    for q, (ids, their_ids, their_text) in zip(PROMPTS, llama_out):
        t0 = time.time()
        ours = [int(t) for t, _ in generate_step(mx.array(ids), model, max_tokens=args.tokens,
                                                  logits_processors=procs)]
        text = tok.decode(ours)
        chars = 0
        while chars < min(len(text), len(their_text)) and text[chars] == their_text[chars]:
            chars += 1
        # tokens agreeing: llama.cpp's own ids when it returns them, else the tokens of our text
        # up to the first differing character
        agree = len(tok.encode(text[:chars])) if their_ids is None else next(
            (i for i, (a, b) in enumerate(zip(ours, their_ids)) if a != b), min(len(ours), len(their_ids)))
        print(json.dumps({"prompt": q[:50], "tokens": len(ours), "leading_tokens_agreeing": agree,
                          "leading_chars_agreeing": chars, "of_chars": len(text),
                          "llama_returned_ids": their_ids is not None,
                          "mlx_seconds": round(time.time() - t0, 1)}), flush=True)
        if chars < len(text):
            print("   diverge at: mlx {!r} / llama.cpp {!r}".format(text[chars:chars + 40],
                                                                 their_text[chars:chars + 40]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
