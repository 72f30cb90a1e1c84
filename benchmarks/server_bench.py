"""Side-by-side speed of this server against the raw engine under it.

    .venv/bin/python benchmarks/server_bench.py --engine llamacpp --model default --max-tokens 100
    .venv/bin/python benchmarks/server_bench.py --engine mlx --model smollm2-135m --max-tokens 100

llama.cpp: `rhinocoder-server --engine llamacpp` against raw `xllamacpp` (the same GGUF, the same
token ids through its completion handler, in a worker process). MLX: `rhinocoder-server`,
`mlx_lm.server` and raw `mlx_lm.stream_generate`. The same run measures this machine's memory
bandwidth (two threads reading 1 GiB) and prints decode speed as a fraction of the bandwidth
limit (bandwidth / bytes of weights read per token, taken as the GGUF's size).

Same model, same prompts, same greedy settings, one run of this script; each contender runs in
its own process (so peak memory is its own): raw generation in a worker subprocess fed JSON
lines, the two servers as subprocesses on 127.0.0.1 driven over HTTP+SSE. Requests are
interleaved across contenders so load changes on a shared machine hit all alike. Measured:
- decode tokens/s: (tokens - 1) / (last token time - first token time), median over all runs;
- TTFT cold: a prompt that shares no prefix with anything before it (a fresh nonce first);
- TTFT shared prefix: a ~500-token system prompt seen before, a new user message each run;
- peak memory: the process's peak RSS (VmHWM, or ru_maxrss for the raw worker).
Prints a Markdown table with ratios against raw. OpenBLAS is loaded in every process.
"""
import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Dict, List, Optional

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

# A ~500-token system prompt like the plugin's: rules plus a slice of the API.
SYSTEM = (
    "You are RhinoCoder, a scripting assistant inside Rhino 8. Write one Python script that uses "
    "rhinoscriptsyntax (imported as rs) or RhinoCommon (import Rhino). Rules: return only code in "
    "one fenced block; never ask questions; use the selected objects when the user says 'these' "
    "or 'selected'; keep the document units; print a short summary at the end. "
    "Useful functions: rs.AddPoint(point) adds a point object. rs.AddLine(start, end) adds a "
    "line curve. rs.AddCircle(plane_or_center, radius) adds a circle. rs.AddArc(plane, radius, "
    "angle_degrees) adds an arc. rs.AddPolyline(points) adds a polyline. rs.AddCurve(points, "
    "degree=3) adds a control-point curve. rs.AddInterpCurve(points) adds an interpolated curve. "
    "rs.AddBox(corners) adds a box from eight corners. rs.AddSphere(center, radius) adds a "
    "sphere. rs.AddCylinder(base, height, radius) adds a cylinder. rs.AddLoftSrf(curves) lofts "
    "curves. rs.ExtrudeCurveStraight(curve, start, end) extrudes a curve. rs.OffsetCurve(curve, "
    "direction, distance) offsets a curve. rs.CurveLength(curve) returns the length. "
    "rs.DivideCurve(curve, segments) returns points along a curve. rs.GetObjects(message, "
    "filter) asks for objects; rs.filter.curve, rs.filter.surface and rs.filter.polysurface "
    "select kinds. rs.SelectedObjects() returns the selection. rs.ObjectLayer(id, layer) reads "
    "or sets a layer. rs.AddLayer(name, color) adds a layer. rs.ObjectColor(id, color) sets a "
    "color. rs.MoveObject(id, translation), rs.CopyObject(id, translation), rs.RotateObject(id, "
    "center, angle), rs.ScaleObject(id, origin, scale) and rs.MirrorObject(id, start, end) "
    "transform objects. rs.DeleteObject(id) deletes. rs.BoundingBox(ids) returns eight corners. "
    "rs.SurfaceArea(id) returns [area, error]. rs.EnableRedraw(False) speeds up many "
    "additions; call rs.EnableRedraw(True) at the end."
)
USER = [
    "Draw ten points along the x axis, one unit apart.",
    "Make a circle of radius 5 at the origin and extrude it 10 units up.",
    "Put every selected curve on a new layer called Edges.",
    "Create a 3 by 3 grid of spheres with radius 1 spaced 4 apart.",
    "Loft the selected curves and report the surface area.",
]
BAN_EOS_BIAS = -100.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def cold_messages(i: int) -> List[Dict[str, str]]:
    nonce = uuid.uuid4().hex[:8]
    return [{"role": "system", "content": "Session {}. You write short Rhino Python.".format(nonce)},
            {"role": "user", "content": USER[i % len(USER)]}]


def prefix_messages(i: int) -> List[Dict[str, str]]:
    return [{"role": "system", "content": SYSTEM}, {"role": "user", "content": USER[i % len(USER)]}]


def plan(runs: int) -> List[Dict]:
    """The request sequence every contender gets: warm-up, cold runs, prefix warm-up, prefix runs."""
    items = [{"kind": "warmup", "messages": cold_messages(0)}]
    items += [{"kind": "cold", "messages": cold_messages(i)} for i in range(runs)]
    items += [{"kind": "warmup", "messages": prefix_messages(len(USER) - 1)}]
    items += [{"kind": "prefix", "messages": prefix_messages(i)} for i in range(runs)]
    return items


def peak_rss_mb(pid: int) -> Optional[float]:
    try:
        with open("/proc/{}/status".format(pid)) as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024.0
    except OSError:
        return None
    return None


# ---- raw mlx_lm (worker subprocess) -----------------------------------------------------------

def raw_worker(model_path: str, max_tokens: int) -> None:
    """Serve generation requests as JSON lines on stdin/stdout (one message list per line)."""
    from model_server.fast_blas import ensure_fast_blas

    ensure_fast_blas()
    import resource

    from mlx_lm import load, stream_generate
    from mlx_lm.sample_utils import make_logits_processors, make_sampler

    model, tokenizer = load(model_path)
    eos = list(tokenizer.eos_token_ids)
    print(json.dumps({"ready": True}), flush=True)
    for line in sys.stdin:
        messages = json.loads(line)
        prompt = tokenizer.apply_chat_template(messages, add_generation_prompt=True)
        procs = make_logits_processors(logit_bias={t: BAN_EOS_BIAS for t in eos})
        start = time.perf_counter()
        first = last = None
        n = 0
        for response in stream_generate(model, tokenizer, prompt, max_tokens=max_tokens,
                                        sampler=make_sampler(0.0), logits_processors=procs):
            now = time.perf_counter()
            n = response.generation_tokens
            if first is None and response.text:
                first = now
            last = now
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
        print(json.dumps({"ttft": first - start, "tokens": n, "decode_s": last - first,
                          "peak_mb": peak}), flush=True)


class RawContender:
    """raw mlx_lm.stream_generate in its own process, driven one request at a time."""

    def __init__(self, model_path: str, max_tokens: int):
        self.proc = subprocess.Popen(
            [sys.executable, os.path.abspath(__file__), "--raw-worker", model_path,
             "--max-tokens", str(max_tokens)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=ROOT)
        assert json.loads(self.proc.stdout.readline())["ready"]
        self.peak_mb = None

    def run(self, messages) -> Dict:
        self.proc.stdin.write(json.dumps(messages) + "\n")
        self.proc.stdin.flush()
        out = json.loads(self.proc.stdout.readline())
        self.peak_mb = out.pop("peak_mb")
        return out

    def close(self) -> None:
        self.proc.stdin.close()
        self.proc.wait(30)


# ---- raw llama.cpp (xllamacpp in a worker subprocess) ------------------------------------------

def raw_llama_worker(gguf_path: str, max_tokens: int, threads: int) -> None:
    """Like raw_worker, through xllamacpp's completion handler with our prompt token ids."""
    import resource

    import xllamacpp as xlc

    from model_server.gguf_tokenizer import load_gguf_tokenizer

    tok = load_gguf_tokenizer(gguf_path)
    p = xlc.CommonParams()
    p.model.path = gguf_path
    p.n_ctx = 4096
    p.n_parallel = 1
    p.cpuparams.n_threads = threads
    p.cpuparams_batch.n_threads = threads
    p.cache_prompt = True
    srv = xlc.Server(p)
    bias = [[t, BAN_EOS_BIAS] for t in tok.eos_token_ids]
    print(json.dumps({"ready": True}), flush=True)
    for line in sys.stdin:
        messages = json.loads(line)
        prompt = tok.encode_chat(messages)
        stamps: List[float] = []
        start = time.perf_counter()

        def on_chunk(chunk):
            for choice in chunk.get("choices") or []:
                if choice.get("text"):
                    stamps.append(time.perf_counter())
            return False

        srv.handle_completions({"prompt": prompt, "max_tokens": max_tokens, "temperature": 0.0,
                                "stream": True, "cache_prompt": True, "logit_bias": bias}, on_chunk)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
        print(json.dumps({"ttft": stamps[0] - start, "tokens": len(stamps),
                          "decode_s": stamps[-1] - stamps[0], "peak_mb": peak}), flush=True)


class RawLlamaContender(RawContender):
    def __init__(self, gguf_path: str, max_tokens: int, threads: int):
        self.proc = subprocess.Popen(
            [sys.executable, os.path.abspath(__file__), "--raw-llama-worker", gguf_path,
             "--max-tokens", str(max_tokens), "--threads", str(threads)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
            cwd=ROOT)
        assert json.loads(self.proc.stdout.readline())["ready"]
        self.peak_mb = None


def memory_bandwidth_gbs(threads: int = 2, size_mib: int = 1024, repeats: int = 5) -> Dict[str, float]:
    """This machine's memory bandwidth in GB/s, best of `repeats`, 1 GiB split among `threads`
    threads (numpy releases the GIL): "read" is the better of two read-only reductions (float64
    sum, int64 bitwise or) and is the limit for decode, which streams every weight once and writes
    almost nothing; "copy" (bytes read + written, as STREAM counts) is printed for comparison."""
    import threading

    import numpy as np

    src = np.ones(size_mib * 2 ** 20 // 8, dtype=np.float64)
    dst = np.empty_like(src)
    kernels = {"read": [(lambda x, y: np.add.reduce(x), src.nbytes),
                        (lambda x, y: np.bitwise_or.reduce(x.view(np.int64)), src.nbytes)],
               "copy": [(lambda x, y: np.copyto(y, x), 2 * src.nbytes)]}
    best = {"read": 0.0, "copy": 0.0}
    for kind, fns in kernels.items():
        for fn, nbytes in fns:
            for _ in range(repeats):
                pairs = list(zip(np.array_split(src, threads), np.array_split(dst, threads)))
                workers = [threading.Thread(target=fn, args=pair) for pair in pairs]
                start = time.perf_counter()
                for w in workers:
                    w.start()
                for w in workers:
                    w.join()
                best[kind] = max(best[kind], nbytes / (time.perf_counter() - start) / 1e9)
    return best


# ---- servers over HTTP ----------------------------------------------------------------------

def stream_once(client, url: str, messages, max_tokens: int, eos_ids: List[int],
                extra: Optional[Dict] = None) -> Dict:
    payload = {"model": "default_model", "messages": messages, "stream": True,
               "temperature": 0, "max_tokens": max_tokens,
               "logit_bias": {str(t): BAN_EOS_BIAS for t in eos_ids},
               "stream_options": {"include_usage": True}}
    payload.update(extra or {})
    start = time.perf_counter()
    first = last = None
    chunks, usage = 0, None
    with client.stream("POST", url + "/v1/chat/completions", json=payload) as r:
        r.raise_for_status()
        for line in r.iter_lines():
            if not line.startswith("data: ") or line == "data: [DONE]":
                continue
            data = json.loads(line[6:])
            if data.get("usage"):
                usage = data["usage"]
            for choice in data.get("choices") or []:
                if (choice.get("delta") or {}).get("content"):
                    now = time.perf_counter()
                    first = first or now
                    last = now
                    chunks += 1
    tokens = usage["completion_tokens"] if usage else chunks
    return {"ttft": first - start, "tokens": tokens, "decode_s": last - first}


def wait_ready(url: str, proc: subprocess.Popen, timeout: float = 300) -> None:
    import httpx

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError("server exited with {}".format(proc.returncode))
        try:
            if httpx.get(url + "/health", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.25)
    raise RuntimeError("server did not become ready")


class ServerContender:
    """A server subprocess on 127.0.0.1, driven over HTTP + SSE with one persistent client."""

    def __init__(self, cmd: List[str], env: Dict[str, str], port: int, max_tokens: int,
                 eos_ids: List[int], extra: Optional[Dict] = None):
        import httpx

        self.extra = extra
        self.url = "http://127.0.0.1:{}".format(port)
        self.max_tokens, self.eos_ids = max_tokens, eos_ids
        self.log = tempfile.TemporaryFile()
        self.proc = subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=self.log,
                                     stderr=subprocess.STDOUT)
        # One client for the whole run: a new httpx client per request costs ~50 ms by itself.
        self.client = httpx.Client(timeout=600)
        try:
            wait_ready(self.url, self.proc)
        except Exception:
            self.close(show_log=True)
            raise

    @property
    def peak_mb(self) -> Optional[float]:
        return peak_rss_mb(self.proc.pid)

    def run(self, messages) -> Dict:
        return stream_once(self.client, self.url, messages, self.max_tokens, self.eos_ids,
                           self.extra)

    def close(self, show_log: bool = False) -> None:
        self.client.close()
        self.proc.terminate()
        try:
            self.proc.wait(15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        if show_log:
            self.log.seek(0)
            sys.stderr.write(self.log.read().decode("utf-8", "replace")[-3000:])
        self.log.close()


def run_interleaved(contenders: Dict, items: List[Dict]) -> Dict[str, Dict[str, float]]:
    """Every request goes to each contender in turn, so a load change on a shared machine hits all
    of them alike (prompts are the same; cold prompts get fresh nonces). Returns the summary rows
    and prints the spread behind each median."""
    results: Dict[str, List[Dict]] = {name: [] for name in contenders}
    for i, item in enumerate(items):
        for name, contender in contenders.items():
            result = contender.run(item["messages"])
            result["kind"] = item["kind"]
            results[name].append(result)
        print("request {}/{} ({}) done".format(i + 1, len(items), item["kind"]), flush=True)
    for name, rs in results.items():
        print("{}: tok/s {}".format(name, " ".join(
            "{:.1f}".format((r["tokens"] - 1) / r["decode_s"]) for r in rs
            if r["kind"] != "warmup" and r["decode_s"] > 0)))
    return {name: summarize(results[name], contender.peak_mb)
            for name, contender in contenders.items()}


# ---- summary --------------------------------------------------------------------------------

def summarize(results: List[Dict], peak_mb: Optional[float]) -> Dict[str, float]:
    res = [r for r in results if r["kind"] != "warmup"]
    tps = [(r["tokens"] - 1) / r["decode_s"] for r in res if r["decode_s"] > 0 and r["tokens"] > 1]
    return {
        "tps": statistics.median(tps),
        "ttft_cold": statistics.median(r["ttft"] for r in res if r["kind"] == "cold"),
        "ttft_prefix": statistics.median(r["ttft"] for r in res if r["kind"] == "prefix"),
        "peak_mb": peak_mb or float("nan"),
        "tokens": statistics.median(r["tokens"] for r in res),
    }


def table(rows: Dict[str, Dict[str, float]], base_name: str = "raw mlx_lm.stream_generate") -> str:
    base = rows[base_name]
    out = ["| contender | decode tok/s | × raw | TTFT cold (s) | × raw | "
           "TTFT shared prefix (s) | × raw | peak RSS (MB) |",
           "|---|---|---|---|---|---|---|---|"]
    for name, s in rows.items():
        out.append("| {} | {:.1f} | {:.2f} | {:.3f} | {:.2f} | {:.3f} | {:.2f} | {:.0f} |".format(
            name, s["tps"], s["tps"] / base["tps"], s["ttft_cold"],
            s["ttft_cold"] / base["ttft_cold"], s["ttft_prefix"],
            s["ttft_prefix"] / base["ttft_prefix"], s["peak_mb"]))
    return "\n".join(out)


def main(argv: Optional[List[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--model", default="default",
                    help="a catalogue name or a .gguf (llamacpp); 'default', an MLX folder or a hub id (mlx)")
    ap.add_argument("--engine", default="mlx", choices=["mlx", "llamacpp"])
    ap.add_argument("--threads", type=int, default=2, help="llama.cpp threads (both contenders)")
    ap.add_argument("--names", action="store_true",
                    help="llamacpp: also our server with the plugin's names constraint (grammar)")
    ap.add_argument("--max-tokens", type=int, default=100)
    ap.add_argument("--runs", type=int, default=3, help="measured runs per kind (cold, prefix)")
    ap.add_argument("--only", action="append", default=[],
                    choices=["ours", "mlx_lm.server"],
                    help="run only these servers (raw always runs: it is the baseline)")
    ap.add_argument("--raw-worker", metavar="MODEL_PATH", help=argparse.SUPPRESS)
    ap.add_argument("--raw-llama-worker", metavar="GGUF", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)

    if args.raw_worker:
        raw_worker(args.raw_worker, args.max_tokens)
        return 0
    if args.raw_llama_worker:
        raw_llama_worker(args.raw_llama_worker, args.max_tokens, args.threads)
        return 0
    if args.engine == "llamacpp":
        return main_llamacpp(args)

    from model_server.fast_blas import candidates
    from model_server.resolve import resolve_model

    resolved = resolve_model(args.model, "none")
    path = str(resolved.path)
    from mlx_lm.utils import load_tokenizer

    tok = load_tokenizer(Path(path))
    n_prefix = len(tok.apply_chat_template(prefix_messages(0), add_generation_prompt=True))
    eos_ids = sorted(tok.eos_token_ids)

    items = plan(args.runs)
    only = set(args.only) or {"ours", "mlx_lm.server"}
    env = dict(os.environ, HF_HUB_OFFLINE="1", TOKENIZERS_PARALLELISM="false")
    blas = next((c for c in candidates() if os.path.exists(c)), None)
    print("model {} ({}), prefix prompt {} tokens, {} new tokens, {} runs per kind, BLAS {}"
          .format(resolved.name, path, n_prefix, args.max_tokens, args.runs, blas or "bundled"),
          flush=True)

    contenders = {"raw mlx_lm.stream_generate": RawContender(path, args.max_tokens)}
    try:
        if "ours" in only:
            port = free_port()
            cmd = [sys.executable, "-m", "model_server.cli", "--model", path, "--adapter",
                   "none", "--port", str(port), "--log-level", "warning"]
            contenders["rhinocoder-server"] = ServerContender(cmd, env, port, args.max_tokens,
                                                              eos_ids)
        if "mlx_lm.server" in only:
            port = free_port()
            mlx_env = dict(env, HF_HUB_CACHE=tempfile.mkdtemp(prefix="hf-empty-"))
            if blas:
                mlx_env["LD_PRELOAD"] = blas
            cmd = [sys.executable, "-m", "mlx_lm", "server", "--model", path, "--host",
                   "127.0.0.1", "--port", str(port), "--log-level", "WARNING"]
            contenders["mlx_lm.server"] = ServerContender(cmd, mlx_env, port, args.max_tokens,
                                                          eos_ids)
        rows = run_interleaved(contenders, items)
    finally:
        for contender in contenders.values():
            contender.close()
    print()
    print(table(rows))
    return 0


def cancel_latency(url: str, trials: int = 3) -> List[float]:
    """Seconds from closing a stream mid-generation until /health says the worker is free."""
    import httpx

    out = []
    with httpx.Client(timeout=120) as client:
        for i in range(trials):
            payload = {"messages": prefix_messages(i), "stream": True, "max_tokens": 400,
                       "temperature": 0}
            with client.stream("POST", url + "/v1/chat/completions", json=payload) as r:
                seen = 0
                for line in r.iter_lines():
                    if line.startswith("data: ") and '"content"' in line:
                        seen += 1
                        if seen >= 5:
                            break
                closed = time.perf_counter()
            while client.get(url + "/health").json().get("busy"):
                time.sleep(0.005)
            out.append(time.perf_counter() - closed)
    return out


def main_llamacpp(args) -> int:
    from model_server.gguf_tokenizer import load_gguf_tokenizer
    from model_server.resolve import resolve_gguf

    resolved = resolve_gguf(args.model, "none")
    path = str(resolved.path)
    tok = load_gguf_tokenizer(path)
    n_prefix = len(tok.encode_chat(prefix_messages(0)))
    measured = memory_bandwidth_gbs(args.threads)
    bandwidth = measured["read"]
    size_gb = os.path.getsize(path) / 1e9
    print("model {} ({}, {:.2f} GB), prefix prompt {} tokens, {} new tokens, {} runs per kind, "
          "{} threads; memory bandwidth ({} threads) read {:.1f} GB/s, copy {:.1f} GB/s (read + "
          "write) -> decode limit {:.1f} tok/s (read bandwidth / weight bytes)"
          .format(resolved.name, path, size_gb, n_prefix, args.max_tokens, args.runs, args.threads,
                  args.threads, bandwidth, measured["copy"], bandwidth / size_gb), flush=True)
    items = plan(args.runs)
    env = dict(os.environ, HF_HUB_OFFLINE="1", TOKENIZERS_PARALLELISM="false")
    raw_name = "raw xllamacpp"
    contenders: Dict = {raw_name: RawLlamaContender(path, args.max_tokens, args.threads)}
    try:
        port = free_port()
        cmd = [sys.executable, "-m", "model_server.cli", "--model", path, "--engine", "llamacpp",
               "--adapter", "none", "--threads", str(args.threads), "--context", "4096",
               "--port", str(port), "--log-level", "warning"]
        contenders["rhinocoder-server (llamacpp)"] = ServerContender(
            cmd, env, port, args.max_tokens, sorted(tok.eos_token_ids))
        if args.names:
            # the same server again with the plugin's `names` field (a GBNF grammar in llama.cpp)
            from rhino_plugin.core.api_index import load as load_api

            names = {"names": {"rs": load_api().rs_public_names()}}
            port = free_port()
            cmd2 = [c if c != cmd[cmd.index("--port") + 1] else str(port) for c in cmd]
            contenders["rhinocoder-server (llamacpp) + names"] = ServerContender(
                cmd2, env, port, args.max_tokens, sorted(tok.eos_token_ids), names)
        rows = run_interleaved(contenders, items)
        ours = contenders["rhinocoder-server (llamacpp)"]
        cancels = cancel_latency(ours.url)
    finally:
        for contender in contenders.values():
            contender.close()
    print()
    print(table(rows, raw_name))
    print()
    print("cancel (client closes a stream after 5 chunks) -> worker free: {} s".format(
        " ".join("{:.3f}".format(c) for c in cancels)))
    limit = bandwidth / size_gb
    print()
    for name, row in rows.items():
        print("{}: decode {:.1f} tok/s = {:.0%} of the bandwidth limit ({:.1f} tok/s)".format(
            name, row["tps"], row["tps"] / limit, limit))
    return 0


if __name__ == "__main__":
    sys.exit(main())
