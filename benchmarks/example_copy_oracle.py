"""What copying the shown example verbatim would score: the benchmark with no model at all.

    .venv/bin/python benchmarks/example_copy_oracle.py [--tasks FILE] [--list]

For each scored task, the example the served prompt shows (`prompt.shown_examples`) is run as the
answer, as it is and as serving rewrites it to the task's numbers (`examples.adapt`). A model that
only copies scores this; pass@1 above it is the model's own work, and a task the copy passes but
the model fails is one where the model spoilt a right example. `--list` prints each task's outcome.
"""
import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from rhino_plugin.core import examples  # noqa: E402
from rhino_plugin.core.prompt import serving_options, shown_examples  # noqa: E402
from training.evaluate import SetupError, prepare, score_code  # noqa: E402
from training.tasks import DEFAULT_TASKS, load_tasks  # noqa: E402


def _passes(task, code):
    try:
        host, selected = prepare(task)
    except SetupError:
        return False
    return bool(score_code(host, task, code, selected).passed)


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    ap.add_argument("--tasks", default=str(DEFAULT_TASKS))
    ap.add_argument("--list", action="store_true", help="one line per task")
    args = ap.parse_args(argv)
    library = examples.load()
    n = shown = adapted = plain_pass = adapted_pass = 0
    for task in load_tasks(args.tasks):
        if task.needs_kernel:
            continue
        n += 1
        selected = task.select != "none"
        as_is = shown_examples(library, task.prompt, selected, serving_options(adapt_examples=False))
        if not as_is:
            continue
        shown += 1
        ex, rewritten = as_is[0], shown_examples(library, task.prompt, selected, serving_options())[0]
        changed = rewritten["code"] != ex["code"]
        a = _passes(task, ex["code"])
        b = _passes(task, rewritten["code"]) if changed else a
        adapted += changed
        plain_pass += a
        adapted_pass += b
        if args.list:
            print("%-28s %-8s %-8s %s" % (task.id, "pass" if a else "-", ("pass" if b else "-") if changed else "",
                                          ex["request"][:60]))
    print("%d scored tasks, %d shown an example, %d of those rewritten to the task's numbers" % (n, shown, adapted))
    print("copy the example verbatim: pass@1 %.1f %% (%d)" % (100.0 * plain_pass / max(1, n), plain_pass))
    print("copy the adapted example:  pass@1 %.1f %% (%d)" % (100.0 * adapted_pass / max(1, n), adapted_pass))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
