"""Benchmark metrics, report files (JSON, Markdown, PNG) and side-by-side comparison.

Metrics follow docs/evaluation.md and are never blended: exec@1, pass@1, pass@k (within the
repair loop's attempts), unknown-API rate and unsafe rate of first scripts, mean lines and
characters of first scripts, seconds per task. Tasks skipped headless (needs_kernel) and
benchmark defects (setup failed) are counted apart and excluded from the rates.
"""
import json
import os
from typing import Any, Dict, List

from rhino_plugin.core.files import open_atomic, write_atomic

from .evaluate import TaskResult

METRICS = ("exec@1", "pass@1", "pass@k", "unknown_api_rate", "unsafe_rate",
           "mean_lines", "mean_chars", "seconds_per_task")
RATES = ("exec@1", "pass@1", "pass@k", "unknown_api_rate", "unsafe_rate")


def _metrics(results: List[TaskResult]) -> Dict[str, float]:
    scored = [r for r in results if r.status in ("pass", "fail")]
    n = len(scored)
    if not n:
        empty = dict.fromkeys(METRICS, 0.0)
        empty["n"] = 0
        return empty
    firsts = [r.attempts[0] if r.attempts else None for r in scored]
    codes = [a.code if a else "" for a in firsts]

    def share(pred):
        return sum(1 for a in firsts if a is not None and pred(a)) / float(n)

    return {
        "n": n,
        "exec@1": share(lambda a: a.ok),
        "pass@1": share(lambda a: a.passed),
        "pass@k": sum(1 for r in scored if r.status == "pass") / float(n),
        "unknown_api_rate": share(lambda a: any(p.get("code") == "unknown-name" for p in a.problems)),
        "unsafe_rate": share(lambda a: any(p.get("code") == "unsafe" for p in a.problems)),
        "mean_lines": sum(len([l for l in c.splitlines() if l.strip()]) for c in codes) / float(n),
        "mean_chars": sum(len(c) for c in codes) / float(n),
        "seconds_per_task": sum(r.seconds for r in scored) / float(n),
    }


def summarize(results: List[TaskResult], meta: Dict[str, Any]) -> Dict[str, Any]:
    categories = sorted(set(r.category for r in results))
    # overhead over the tasks run in this invocation (a resumed run's wall time covers only those)
    wall = float(meta.get("wall_seconds") or 0.0)
    gen = float(meta.get("run_generation_seconds") or 0.0)
    # and over every task in the report, from its own records (task time vs time in the stream)
    task_s = sum(r.seconds for r in results if r.status in ("pass", "fail"))
    task_gen = sum(r.gen_seconds for r in results if r.status in ("pass", "fail"))
    return {
        "meta": dict(meta, harness_overhead=(wall - gen) / gen if gen > 0 and wall > 0 else None,
                     task_overhead=(task_s - task_gen) / task_gen if task_gen > 0 else None,
                     task_seconds=task_s, task_generation_seconds=task_gen),
        "counts": {
            "tasks": len(results),
            "scored": sum(1 for r in results if r.status in ("pass", "fail")),
            "skipped_needs_kernel": sum(1 for r in results if r.status == "skipped"),
            "defects": sum(1 for r in results if r.status == "defect"),
        },
        "overall": _metrics(results),
        "by_category": dict((c, _metrics([r for r in results if r.category == c])) for c in categories),
        "defects": [{"id": r.id, "message": r.message} for r in results if r.status == "defect"],
        "failures": [{"id": r.id, "message": r.message} for r in results if r.status == "fail"][:200],
    }


def _fmt(metric: str, value) -> str:
    if value is None:
        return "-"
    if metric in RATES:
        return "%.1f %%" % (100.0 * value)
    return "%.2f" % value


def markdown(summary: Dict[str, Any]) -> str:
    meta, counts = summary["meta"], summary["counts"]
    lines = ["# Benchmark report", "",
             "model: `%s`  adapter: `%s`  attempts: %s  tasks: %s%s" % (
                 meta.get("model"), meta.get("adapter"), meta.get("attempts"), meta.get("tasks_file"),
                 {True: "  names: constrained to rhinoscriptsyntax", False: "  names: free"}.get(
                     meta.get("constrain_names"), "")), "",
             "%(tasks)d tasks: %(scored)d scored, %(skipped_needs_kernel)d need Rhino's kernel (skipped "
             "headless), %(defects)d benchmark defects." % counts, ""]
    if meta.get("harness_overhead") is not None:
        lines += ["Wall time %.1f s, generation %.1f s: the harness adds %.1f %% to generation time." % (
            meta.get("wall_seconds", 0), meta.get("run_generation_seconds", 0), 100 * meta["harness_overhead"]), ""]
    if meta.get("task_overhead") is not None:
        lines += ["Over all scored tasks: %.1f s per task in all, %.1f s of it generating: the harness (setup, "
                  "checks, runs, rollback) adds %.2f %% to generation time." % (
                      meta["task_seconds"] / max(1, counts["scored"]),
                      meta["task_generation_seconds"] / max(1, counts["scored"]), 100 * meta["task_overhead"]), ""]
    lines += ["| metric | overall |", "|---|---|"]
    lines += ["| %s | %s |" % (m, _fmt(m, summary["overall"].get(m))) for m in METRICS]
    cats = summary["by_category"]
    lines += ["", "| category | n | exec@1 | pass@1 | pass@k | unknown API |", "|---|---|---|---|---|---|"]
    for c, m in cats.items():
        lines.append("| %s | %d | %s | %s | %s | %s |" % (
            c, m["n"], _fmt("exec@1", m["exec@1"]), _fmt("pass@1", m["pass@1"]),
            _fmt("pass@k", m["pass@k"]), _fmt("unknown_api_rate", m["unknown_api_rate"])))
    if summary["defects"]:
        lines += ["", "## Benchmark defects", ""] + ["- `%(id)s`: %(message)s" % d for d in summary["defects"]]
    return "\n".join(lines) + "\n"


def chart(summary: Dict[str, Any], path: str, title: str = "") -> None:
    """Bar chart of exec@1 / pass@1 / pass@k per category (PNG)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    cats = list(summary["by_category"].keys()) + ["overall"]
    rows = [summary["by_category"][c] for c in cats[:-1]] + [summary["overall"]]
    fig, ax = plt.subplots(figsize=(max(6, 1.1 * len(cats)), 4), dpi=110)
    width = 0.27
    for k, metric in enumerate(("exec@1", "pass@1", "pass@k")):
        xs = [i + (k - 1) * width for i in range(len(cats))]
        ax.bar(xs, [100 * r.get(metric, 0) for r in rows], width, label=metric)
    ax.set_xticks(range(len(cats)))
    ax.set_xticklabels(cats, rotation=30, ha="right", fontsize=8)
    ax.set_ylabel("% of tasks")
    ax.set_ylim(0, 100)
    meta = summary["meta"]
    ax.set_title(title or "RhinoCoder benchmark: %s" % (meta.get("label") or meta.get("model")))
    ax.legend(fontsize=8)
    fig.tight_layout()
    try:
        with open_atomic(path, "wb") as fh:
            fig.savefig(fh, format="png")
    finally:
        plt.close(fig)


def write_report(out_dir: str, results: List[TaskResult], meta: Dict[str, Any]) -> Dict[str, Any]:
    summary = summarize(results, meta)
    write_atomic(os.path.join(out_dir, "report.json"), json.dumps(summary, indent=2, sort_keys=True).encode("utf-8"))
    write_atomic(os.path.join(out_dir, "report.md"), markdown(summary).encode("utf-8"))
    chart(summary, os.path.join(out_dir, "report.png"))
    return summary


def read_results(path: str):
    """The per-task records of a run (results.jsonl) by task id, and how many lines were unreadable
    (a line cut short by a crash)."""
    out, bad = {}, 0
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            try:
                r = TaskResult.from_dict(json.loads(line))
            except (ValueError, TypeError):
                bad += 1
                continue
            out[r.id] = r
    return out, bad


def load_results(path: str) -> List[TaskResult]:
    return list(read_results(path)[0].values())


def on_common_tasks(a_results: List[TaskResult], b_results: List[TaskResult], a_meta, b_meta):
    """Both runs' summaries recomputed on the tasks both ran, so a comparison is like for like."""
    common = set(r.id for r in a_results) & set(r.id for r in b_results)
    a = summarize([r for r in a_results if r.id in common], a_meta)
    b = summarize([r for r in b_results if r.id in common], b_meta)
    return a, b, len(common)


def compare(a: Dict[str, Any], b: Dict[str, Any], names=("A", "B"), note: str = "") -> str:
    """Two reports side by side, overall and per category (Markdown)."""
    na = a["meta"].get("label") or a["meta"].get("model") or names[0]
    nb = b["meta"].get("label") or b["meta"].get("model") or names[1]
    lines = [note, ""] if note else []
    lines += ["| metric | %s | %s | Δ |" % (na, nb), "|---|---|---|---|",
              "| scored tasks | %d | %d | |" % (a["overall"].get("n", 0), b["overall"].get("n", 0))]
    for m in METRICS:
        va, vb = a["overall"].get(m), b["overall"].get(m)
        delta = "-" if va is None or vb is None else (
            "%+.1f pts" % (100 * (vb - va)) if m in RATES else "%+.2f" % (vb - va))
        lines.append("| %s | %s | %s | %s |" % (m, _fmt(m, va), _fmt(m, vb), delta))
    lines += ["", "| category | n | pass@1 %s | pass@1 %s | pass@k %s | pass@k %s | unknown API %s | unknown API %s |"
              % (na, nb, na, nb, na, nb), "|---|---|---|---|---|---|---|---|"]
    for c in sorted(set(a["by_category"]) | set(b["by_category"])):
        ca, cb = a["by_category"].get(c, {}), b["by_category"].get(c, {})
        n = "%d" % ca.get("n", 0) if ca.get("n") == cb.get("n") else "%s / %s" % (ca.get("n", 0), cb.get("n", 0))
        lines.append("| %s | %s | %s | %s | %s | %s | %s | %s |" % (
            c, n, _fmt("pass@1", ca.get("pass@1")), _fmt("pass@1", cb.get("pass@1")),
            _fmt("pass@k", ca.get("pass@k")), _fmt("pass@k", cb.get("pass@k")),
            _fmt("unknown_api_rate", ca.get("unknown_api_rate")), _fmt("unknown_api_rate", cb.get("unknown_api_rate"))))
    return "\n".join(lines) + "\n"
