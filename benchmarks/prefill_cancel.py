"""Cancel during a long prefill: seconds from the client closing its stream until the worker is
free, and until a one-token request that follows has its answer (llama.cpp finishes the prompt
batch it runs before it takes the next task).

    python benchmarks/prefill_cancel.py --model qwen2.5-coder-0.5b --engine llamacpp --batch 512
    python benchmarks/prefill_cancel.py --model PATH_TO_TINY_MLX_FOLDER --engine mlx --tokens 3500

The prompt is `--tokens` tokens of code-like text; the stream is closed `--after` seconds after
the worker took it (inside the prefill: the script checks that no token came before).
"""
import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def words(n):
    return " ".join("rs.AddPoint(%d, %d, 0)" % (i, i * 3) for i in range(n))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", required=True)
    ap.add_argument("--engine", default="llamacpp", choices=["mlx", "llamacpp"])
    ap.add_argument("--batch", type=int, default=None, help="llama.cpp prompt batch")
    ap.add_argument("--threads", type=int, default=None)
    ap.add_argument("--tokens", type=int, default=3000, help="prompt tokens (about)")
    ap.add_argument("--after", type=float, default=1.0, help="seconds into the prefill to close")
    ap.add_argument("--trials", type=int, default=3)
    args = ap.parse_args(argv)

    import httpx

    from model_server.app import Settings
    from model_server.engine import make_engine
    from model_server.provider import load_model
    from model_server.schemas import Limits
    from tests.server.live import live_server

    loaded = load_model(args.model, engine=args.engine)
    extra = {"batch": args.batch, "threads": args.threads} if args.engine == "llamacpp" else {}
    engine = make_engine(args.engine, loaded, max_queue=2, cache_entries=0, **extra).start()
    engine.wait_ready(300)
    # find a text of about --tokens prompt tokens
    def count(n):
        return len(engine.encode_chat([{"role": "user", "content": words(n)}]))

    lo, hi = 1, 2
    while count(hi) < args.tokens:
        lo, hi = hi, hi * 2
    while hi - lo > 1:                                   # the most words within --tokens
        mid = (lo + hi) // 2
        lo, hi = (mid, hi) if count(mid) <= args.tokens else (lo, mid)
    content = words(lo)
    prompt_tokens = len(engine.encode_chat([{"role": "user", "content": content}]))
    settings = Settings(limits=Limits(max_content_chars=1_000_000, max_total_chars=1_000_000))
    frees, nexts = [], []
    try:
        with live_server(engine, settings) as url, httpx.Client(timeout=600) as client:
            small = {"messages": [{"role": "user", "content": "hi"}], "max_tokens": 1, "temperature": 0}
            t = time.perf_counter()
            client.post(url + "/v1/chat/completions", json=small)
            alone = time.perf_counter() - t
            for trial in range(args.trials):
                body = {"messages": [{"role": "user", "content": content + " #%d" % trial}],
                        "stream": True, "max_tokens": 8, "temperature": 0}
                with client.stream("POST", url + "/v1/chat/completions", json=body) as r:
                    lines = r.iter_lines()
                    next(lines)                              # the role chunk: sent before prefill
                    deadline = time.monotonic() + 60
                    while not engine.busy and time.monotonic() < deadline:
                        time.sleep(0.002)
                    time.sleep(args.after)
                    generated = engine.tokens_generated
                    closed = time.perf_counter()
                # leaving the block closed the stream
                engine.wait_idle(600)
                free = time.perf_counter() - closed
                done = engine.last_finished
                in_prefill = engine.tokens_generated == generated and done.completion_tokens == 0
                client.post(url + "/v1/chat/completions", json=small)
                follow = time.perf_counter() - closed
                frees.append(free)
                nexts.append(follow - alone)
                print("trial %d: %s, worker free %.3f s, next answer after %.3f s (alone %.3f s)%s"
                      % (trial, done.finish_reason, free, follow, alone,
                         "" if in_prefill else "  [a token came first: not inside prefill]"), flush=True)
    finally:
        engine.stop()
    print("%s %s, %d prompt tokens%s: worker free %s s; next answer delayed %s s" % (
        args.engine, args.model, prompt_tokens,
        ", batch %d" % engine.batch if args.engine == "llamacpp" else "",
        " ".join("%.3f" % f for f in frees), " ".join("%.3f" % x for x in nexts)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
