"""pass@1 of two benchmark runs split by whether the example library has an example for the task.

    .venv/bin/python benchmarks/example_split.py A/results.jsonl B/results.jsonl [--tasks FILE]

Shows where a change of `PromptOptions.examples` gains: on the tasks that get an example (the
nearest training request scores at least examples.MIN_SCORE) or on the rest.
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from rhino_plugin.core import examples  # noqa: E402
from training.tasks import DEFAULT_TASKS, load_tasks  # noqa: E402


def _records(path):
    with open(path, encoding="utf-8") as fh:
        return dict((r["id"], r) for r in (json.loads(line) for line in fh if line.strip()))


def _first(record, key):
    return bool(record["attempts"] and record["attempts"][0].get(key))


def main(argv):
    task_file = DEFAULT_TASKS
    if "--tasks" in argv:
        i = argv.index("--tasks")
        task_file, argv = argv[i + 1], argv[:i] + argv[i + 2:]
    if len(argv) != 2:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    library = examples.load()
    tasks = dict((t.id, t) for t in load_tasks(task_file))
    a, b = _records(argv[0]), _records(argv[1])
    groups = {True: [0, 0, 0, 0, 0], False: [0, 0, 0, 0, 0]}  # n, pass A, pass B, exec A, exec B
    for tid, rb in b.items():
        ra = a.get(tid)
        if ra is None or "skipped" in (ra["status"], rb["status"]) or tid not in tasks:
            continue
        task = tasks[tid]
        g = groups[bool(library.nearest(task.prompt, selection=task.select != "none"))]
        for i, v in enumerate((1, _first(ra, "passed"), _first(rb, "passed"), _first(ra, "ok"), _first(rb, "ok"))):
            g[i] += int(v)
    print("| tasks (scored) | n | pass@1 A | pass@1 B | exec@1 A | exec@1 B |\n|---|---|---|---|---|---|")
    for shown, label in ((True, "an example is shown"), (False, "no example clears %.1f" % examples.MIN_SCORE)):
        n = groups[shown][0]
        print("| %s | %d | %s |" % (label, n, " | ".join("%.1f %%" % (100.0 * v / max(1, n)) for v in
                                                         (groups[shown][1], groups[shown][2], groups[shown][3],
                                                          groups[shown][4]))))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
