"""`rhinocoder-train eval`: run a task file through a solver, resumably, with a progress bar.

Each finished task is appended to OUT/results.jsonl at once, so an interrupted run (Ctrl-C, a
model server that died) resumes where it stopped: `--resume` is the default, tasks already in
results.jsonl are not run again. A run whose server died reports it and exits 1; run the same
command again to continue.
"""
import hashlib
import json
import os
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Dict

from rhino_plugin.core.files import open_atomic
from rhino_plugin.core.prompt import SERVING_EXAMPLES
from rhino_plugin.core.session import SessionOptions

from .evaluate import TaskResult, evaluate_task, reference_solver
from .report import read_results, write_report
from .tasks import DEFAULT_TASKS, TaskFileError, load_tasks


class ServerDied(Exception):
    """The model server stopped answering during a run."""


def _load_done(path: str) -> Dict[str, TaskResult]:
    """Tasks already in results.jsonl. A line cut short by a crash is dropped from the file (written
    anew atomically), so that task runs again and the next record starts on a line of its own."""
    if not os.path.exists(path):
        return {}
    done, bad = read_results(path)
    if bad:
        with open_atomic(path, "w", encoding="utf-8") as fh:
            fh.writelines(json.dumps(r.to_dict()) + "\n" for r in done.values())
    return done


def seeded_order(tasks, seed=0):
    """A seeded interleaving, so that any prefix (--limit, or a run stopped early) is a fair sample
    of the categories rather than the first ones alphabetically."""
    return sorted(tasks, key=lambda t: hashlib.sha256(("%s:%s" % (seed, t.id)).encode()).hexdigest())


def parse_shard(text):
    """"K/N" -> (K, N) with 1 <= K <= N; raises ValueError with a reason."""
    try:
        k, n = (int(x) for x in text.split("/"))
    except ValueError:
        raise ValueError("--shard must look like K/N (for example 1/2), not %r" % text)
    if not 1 <= k <= n:
        raise ValueError("--shard %s: K must be between 1 and N" % text)
    return k, n


# What makes two runs one benchmark: resuming or merging across a difference would mix them.
SETTINGS = ("model", "adapter", "attempts", "max_tokens", "seed", "constrain_names", "redraws", "examples",
            "adapt_examples", "temperature", "example_functions_first")


def _settings(meta) -> Dict[str, object]:
    return dict((k, meta.get(k)) for k in SETTINGS)


def _write_settings(out_dir, meta) -> None:
    with open_atomic(os.path.join(out_dir, "settings.json"), "w", encoding="utf-8") as fh:
        json.dump(_settings(meta), fh, indent=2, sort_keys=True)


def _check_same_settings(out_dir, meta) -> None:
    """A resume continues only a run of the same settings (settings.json, or an older run's report)."""
    earlier = None
    for name, pick in (("settings.json", lambda d: d), ("report.json", lambda d: d.get("meta") or {})):
        path = os.path.join(out_dir, name)
        if os.path.exists(path):
            with open(path, encoding="utf-8") as fh:
                earlier = pick(json.load(fh))
            break
    if earlier is None:
        return
    diff = ["%s %r, now %r" % (k, earlier.get(k), meta.get(k)) for k in SETTINGS
            if k in earlier and earlier.get(k) != meta.get(k)]
    if diff:
        raise TaskFileError("%s holds a run with other settings (%s): pass --no-resume to start over, "
                            "or another --out" % (out_dir, "; ".join(diff)))


def run_eval(tasks_file, out_dir, solver, meta, limit=None, jobs=1, resume=True, progress=True, shard=None):
    tasks = seeded_order(load_tasks(tasks_file), meta.get("seed", 0))
    if limit:
        tasks = tasks[:limit]
    if shard:  # every N-th task of the seeded order, so each shard's prefix is a fair sample too
        k, n = shard
        tasks = tasks[k - 1::n]
    os.makedirs(out_dir, exist_ok=True)
    results_path = os.path.join(out_dir, "results.jsonl")
    done = _load_done(results_path) if resume else {}
    if done:
        _check_same_settings(out_dir, meta)
    if not resume and os.path.exists(results_path):
        os.unlink(results_path)
    _write_settings(out_dir, meta)
    todo = [t for t in tasks if t.id not in done]
    lock = threading.Lock()
    start = time.perf_counter()
    bar = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(total=len(tasks), initial=len(tasks) - len(todo), unit="task", desc="eval",
                   file=sys.stderr, dynamic_ncols=True)
    failure = []

    def one(task):
        if failure:
            return
        try:
            res = evaluate_task(task, solver)
        except ServerDied as exc:
            failure.append(str(exc))
            return
        with lock:
            done[task.id] = res
            with open(results_path, "a", encoding="utf-8") as fh:
                fh.write(json.dumps(res.to_dict()) + "\n")
            if bar is not None:
                passed = sum(1 for r in done.values() if r.status == "pass")
                scored = sum(1 for r in done.values() if r.status in ("pass", "fail"))
                bar.set_postfix_str("pass %d/%d" % (passed, scored))
                bar.update(1)

    try:
        if jobs > 1:
            with ThreadPoolExecutor(max_workers=jobs) as pool:
                list(pool.map(one, todo))
        else:
            for t in todo:
                one(t)
                if failure:
                    break
    finally:
        if bar is not None:
            bar.close()
    wall = time.perf_counter() - start
    ordered = [done[t.id] for t in tasks if t.id in done]
    ran_now = set(t.id for t in todo)
    meta = dict(meta, tasks_file=str(tasks_file), wall_seconds=wall,
                run_generation_seconds=sum(r.gen_seconds for r in ordered if r.id in ran_now))
    summary = write_report(out_dir, ordered, meta)
    return summary, failure[0] if failure else None


def merge(out_dir, run_dirs, tasks_file=None, seed=0):
    """One report from runs of the same tasks and settings (shards): records by task id, in the
    seeded order; the first run's settings, with the shards' own times summed."""
    metas, records = [], {}
    for d in run_dirs:
        path = os.path.join(d, "results.jsonl")
        if not os.path.exists(path):
            raise TaskFileError("%s has no results.jsonl" % d)
        with open(os.path.join(d, "report.json"), encoding="utf-8") as fh:
            metas.append(json.load(fh)["meta"])
        for r in read_results(path)[0].values():
            records.setdefault(r.id, r)
    keys = SETTINGS
    for m in metas[1:]:
        diff = [k for k in keys if m.get(k) != metas[0].get(k)]
        if diff:
            raise TaskFileError("runs differ in %s: not shards of one benchmark" % ", ".join(diff))
    tasks = seeded_order(load_tasks(tasks_file), seed)
    ordered = [records[t.id] for t in tasks if t.id in records]
    meta = dict((k, v) for k, v in metas[0].items() if k in keys + ("label", "tasks_file"))
    meta.update(merged_from=list(run_dirs),
                wall_seconds=sum(float(m.get("wall_seconds") or 0) for m in metas),
                run_generation_seconds=sum(float(m.get("run_generation_seconds") or 0) for m in metas))
    os.makedirs(out_dir, exist_ok=True)
    with open_atomic(os.path.join(out_dir, "results.jsonl"), "w", encoding="utf-8") as fh:
        for r in ordered:
            fh.write(json.dumps(r.to_dict()) + "\n")
    return write_report(out_dir, ordered, meta)


def merge_arguments(p):
    p.add_argument("runs", nargs="+", help="eval output folders (shards of one benchmark run)")
    p.add_argument("--tasks", default=str(DEFAULT_TASKS), help="the task file the runs used")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--out", required=True, help="folder for the merged results.jsonl and reports")


def merge_main(args) -> int:
    try:
        summary = merge(args.out, args.runs, args.tasks, args.seed)
    except (TaskFileError, OSError, ValueError, KeyError) as exc:
        print("rhinocoder-train eval-merge: %s" % exc, file=sys.stderr)
        return 2
    print("%d tasks from %d runs -> %s" % (summary["counts"]["tasks"], len(args.runs),
                                          os.path.join(args.out, "report.md")))
    return 0


def add_arguments(p):
    p.add_argument("--tasks", default=str(DEFAULT_TASKS), help="task file (JSONL); default: the project's")
    p.add_argument("--model", default="default",
                   help="'reference' (run each task's own reference), 'default', a local MLX folder or a hub id")
    p.add_argument("--adapter", default=None, help="LoRA adapter folder for --model")
    p.add_argument("--server", default=None, help="use a running OpenAI-compatible server at this URL")
    p.add_argument("--attempts", type=int, default=3, help="attempts per task in the repair loop")
    p.add_argument("--max-tokens", type=int, default=512, help="generated tokens per attempt at most")
    p.add_argument("--limit", type=int, default=None, help="only the first N tasks")
    p.add_argument("--shard", default=None, metavar="K/N",
                   help="run every N-th task from the K-th (one process per shard, each with its own --out; "
                        "then `rhinocoder-train eval-merge`)")
    p.add_argument("--jobs", type=int, default=1, help="tasks in flight at once")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--no-constrain-names", action="store_true",
                   help="let the model write any name after `rs.` (the default sends the real names, "
                        "which the RhinoCoder server enforces)")
    p.add_argument("--redraws", type=int, default=0,
                   help="draw a repair again up to N times when it repeats an earlier script (SessionOptions.redraws)")
    p.add_argument("--examples", type=int, default=SERVING_EXAMPLES,
                   help="solved training requests shown in the prompt, as serving does (default: %d; "
                        "0 measures the prompt the model was trained on)" % SERVING_EXAMPLES)
    p.add_argument("--temperature", type=float, default=SessionOptions.temperature,
                   help="sampling temperature of each task's first attempt (default: the plugin's, %.1f; "
                        "repairs keep theirs)" % SessionOptions.temperature)
    p.add_argument("--no-adapt-examples", action="store_true",
                   help="show the example with its own numbers (the default rewrites it to the request's "
                        "where the library marks it safe: examples.adapt)")
    p.add_argument("--example-functions-first", action="store_true",
                   help="list the shown example's rs functions first in the API block "
                        "(PromptOptions.example_functions_first; off when serving)")
    p.add_argument("--label", default=None, help="name of this run in reports")
    p.add_argument("--no-resume", action="store_true", help="start over instead of resuming OUT")
    p.add_argument("--out", required=True, help="output folder (results.jsonl, report.json/md/png)")


def main(args) -> int:
    try:
        shard = parse_shard(args.shard) if args.shard else None
    except ValueError as exc:
        print("rhinocoder-train eval: %s" % exc, file=sys.stderr)
        return 2
    try:
        if args.model == "reference":
            solver, meta, cleanup = reference_solver, {"model": "reference", "adapter": None, "attempts": 1}, None
        else:
            from .model_solver import make_model_solver

            solver, meta, cleanup = make_model_solver(args)
        meta["label"] = args.label or meta.get("model")
        meta["seed"] = args.seed
        try:
            if shard:
                meta["shard"] = args.shard
            summary, failure = run_eval(args.tasks, args.out, solver, meta, limit=args.limit,
                                        jobs=args.jobs, resume=not args.no_resume, shard=shard)
        finally:
            if cleanup:
                cleanup()
    except TaskFileError as exc:
        print("rhinocoder-train eval: %s" % exc, file=sys.stderr)
        return 2
    o = summary["overall"]
    print("%d scored: exec@1 %.1f %%, pass@1 %.1f %%, pass@k %.1f %%, unknown-API %.1f %% -> %s"
          % (o["n"], 100 * o["exec@1"], 100 * o["pass@1"], 100 * o["pass@k"],
             100 * o["unknown_api_rate"], os.path.join(args.out, "report.md")))
    if failure:
        print("rhinocoder-train eval: the model server stopped answering (%s); run the same command "
              "again to resume" % failure, file=sys.stderr)
        return 1
    return 0
