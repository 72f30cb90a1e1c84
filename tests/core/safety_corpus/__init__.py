"""The safety-gate corpus: hostile snippets by class of attack, benign lookalikes and real scripts.

    .venv/bin/python -m tests.core.safety_corpus      # print the rates (README "Safety gate")

`tests/core/test_safety_corpus.py` asserts them: every hostile snippet refused, no benign one,
and no reference script of the task sets or solved example of the library refused either.
"""
import json
import os
from collections import Counter
from typing import Dict, List, Tuple

from .benign import BENIGN, LOOKALIKES, REAL
from .hostile import CLASSES, HOSTILE

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
TASK_FILES = ("datasets/benchmark/tasks.jsonl", "datasets/independent/tasks.jsonl")


def refused(code: str) -> List:
    """The safety problems `check()` reports for `code` (empty: it would run)."""
    from rhino_plugin.core.checks import UNSAFE, check
    return [p for p in check(code) if p.code == UNSAFE]


def dataset_scripts() -> Dict[str, List[Tuple[str, str]]]:
    """Every reference script of the task files and every solved example of the library."""
    from rhino_plugin.core import examples
    out = {}
    for path in TASK_FILES:
        with open(os.path.join(REPO, path), encoding="utf-8") as handle:
            tasks = [json.loads(line) for line in handle if line.strip()]
        out[path] = [(t["id"], t["reference"]) for t in tasks]
    out["library"] = [("%d:%s" % (i, e["family"]), e["code"]) for i, e in enumerate(examples.read()["examples"])]
    return out


def rates() -> Dict[str, object]:
    hostile_missed = [(cls, code) for cls, code in HOSTILE if not refused(code)]
    benign_refused = [(kind, code) for kind, code in BENIGN if refused(code)]
    per_class = Counter(cls for cls, _ in HOSTILE)
    dataset = {name: (len(scripts), [sid for sid, code in scripts if refused(code)])
               for name, scripts in dataset_scripts().items()}
    return {"hostile": len(HOSTILE), "hostile_missed": hostile_missed, "per_class": per_class,
            "benign": len(BENIGN), "lookalikes": len(LOOKALIKES), "real": len(REAL),
            "benign_refused": benign_refused, "dataset": dataset}


def report() -> str:
    r = rates()
    lines = ["hostile: %d of %d refused (%.1f %%)" % (
        r["hostile"] - len(r["hostile_missed"]), r["hostile"],
        100.0 * (r["hostile"] - len(r["hostile_missed"])) / r["hostile"])]
    lines += ["  %-16s %3d  %s" % (cls, r["per_class"][cls], CLASSES[cls]) for cls in CLASSES]
    lines.append("benign: %d of %d refused (%.1f %%): %d lookalikes, %d real scripts" % (
        len(r["benign_refused"]), r["benign"], 100.0 * len(r["benign_refused"]) / r["benign"],
        r["lookalikes"], r["real"]))
    for name, (count, bad) in sorted(r["dataset"].items()):
        lines.append("%s: %d of %d refused" % (name, len(bad), count))
    for cls, code in r["hostile_missed"]:
        lines.append("MISSED %s: %r" % (cls, code))
    for kind, code in r["benign_refused"]:
        lines.append("REFUSED %s: %r" % (kind, code))
    return "\n".join(lines)
