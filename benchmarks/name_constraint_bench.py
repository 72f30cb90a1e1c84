"""What constraining `rs.` names costs: decode tokens/s with the 944 public rs names on vs off.

    .venv/bin/python benchmarks/name_constraint_bench.py [--model default] [--max-tokens 160] [--repeats 3]

The requests are benchmark task prompts as the plugin sends them (system prompt, document context,
API grounding), greedy, through the server's Engine with a cold prompt cache each time; on and
off interleaved so machine load hits both alike. Prints a Markdown table: median tokens/s per
side, the ratio, and how many replies the constraint changed (it changes a reply only where the
model was about to write a name that does not exist).
"""
import argparse
import re
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from model_server.fast_blas import active_blas, ensure_fast_blas  # noqa: E402

ensure_fast_blas()

from model_server.engine import GenerationParams  # noqa: E402
from model_server.mlx_engine import MLXEngine as Engine  # noqa: E402
from model_server.provider import load_model  # noqa: E402
from rhino_plugin.core import prompt as prompts  # noqa: E402
from rhino_plugin.core.api_index import load as load_index  # noqa: E402
from training.evaluate import prepare  # noqa: E402
from training.tasks import load_tasks  # noqa: E402

RS_CALL = re.compile(r"(?<![\w.])rs\.(\w+)")


def requests(n):
    tasks = [t for t in load_tasks() if not t.needs_kernel][:n]
    out = []
    for task in tasks:
        host, _ = prepare(task)   # the task's setup and selection, as the benchmark runs it
        out.append(prompts.build_messages(task.prompt, host.context(), [], prompts.PromptOptions()))
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--model", default="default")
    ap.add_argument("--max-tokens", type=int, default=160)
    ap.add_argument("--requests", type=int, default=8)
    ap.add_argument("--repeats", type=int, default=2)
    args = ap.parse_args(argv)
    loaded = load_model(args.model, progress=False)
    engine = Engine(loaded.model, loaded.tokenizer, name=loaded.name, adapter=loaded.adapter,
                    cache_entries=0).start()
    names = {"rs": load_index().rs_public_names()}
    real = set(names["rs"])
    speed = {"off": [], "on": []}
    changed, invented = 0, {"off": 0, "on": 0}
    try:
        for r in range(args.repeats):
            for messages in requests(args.requests):
                prompt = engine.encode_chat(messages)
                texts = {}
                for side in ("off", "on") if r % 2 == 0 else ("on", "off"):
                    params = GenerationParams(prompt=prompt, max_tokens=args.max_tokens, temperature=0.0,
                                              names=names if side == "on" else None)
                    events = list(engine.generate(params))
                    done = events[-1][1]
                    texts[side] = "".join(v for k, v in events if k == "text")
                    if done.tokens_per_second:
                        speed[side].append(done.tokens_per_second)
                    if r == 0:
                        invented[side] += bool(set(RS_CALL.findall(texts[side])) - real)
                if r == 0:
                    changed += texts["on"] != texts["off"]
    finally:
        engine.stop()
    off, on = statistics.median(speed["off"]), statistics.median(speed["on"])
    print("model `%s` adapter `%s`, BLAS %s, %d requests x %d repeats, greedy, %d tokens at most\n"
          % (loaded.name, loaded.adapter, active_blas(), args.requests, args.repeats, args.max_tokens))
    print("| names | median tokens/s | replies with an invented rs name |")
    print("|---|---|---|")
    print("| free | %.1f | %d of %d |" % (off, invented["off"], args.requests))
    print("| constrained | %.1f | %d of %d |" % (on, invented["on"], args.requests))
    print("\nconstrained / free: **%.3fx**; the constraint changed %d of %d replies" % (on / off, changed,
                                                                                       args.requests))
    return 0


if __name__ == "__main__":
    sys.exit(main())
