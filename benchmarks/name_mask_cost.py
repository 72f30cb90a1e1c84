"""What the MLX names constraint costs with a large vocabulary (issue 18): the vocabulary table
(built once per tokenizer, at load) and one mask per (prefix, partial name), cached.

    .venv/bin/python benchmarks/name_mask_cost.py [--model qwen2.5-coder-0.5b]

Needs the model's MLX folder (the catalogue converts it on first use).
"""
import argparse
import time

import mlx.core as mx
from mlx_lm.tokenizer_utils import load as load_tokenizer

from model_server.name_constraint import NameConstraint, vocabulary_of
from model_server.resolve import resolve_model
from rhino_plugin.core import api_index


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--model", default="qwen2.5-coder-0.5b")
    args = p.parse_args()
    tokenizer = load_tokenizer(resolve_model(args.model, adapter="none").path)
    t = time.perf_counter()
    vocab = vocabulary_of(tokenizer)
    table = time.perf_counter() - t
    names = api_index.load().rs_public_names()
    constraint = NameConstraint(vocab, {"rs": names})
    size = len(vocab.pieces)
    print("vocabulary %d tokens: table %.2f s; %d names" % (size, table, len(names)))
    for partial in (None, "", "Add", "AddP", "Obj", "Curve", "Sur"):
        t = time.perf_counter()
        mask = constraint._masks("rs", partial, size)
        if mask is not None:
            mx.eval(mask)
        kept = "all" if mask is None else str(int(mask.sum().item()))
        print("mask after rs%s: %.1f ms, %s tokens kept" % (
            "" if partial is None else "." + partial, 1000 * (time.perf_counter() - t), kept))
    t = time.perf_counter()
    constraint._masks("rs", "Add", size)
    print("the same mask again (cached): %.3f ms" % (1000 * (time.perf_counter() - t)))


if __name__ == "__main__":
    main()
