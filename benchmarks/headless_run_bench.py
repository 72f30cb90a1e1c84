"""Headless run speed: a typical 20-line rhinoscriptsyntax script through HeadlessHost.run.

    .venv/bin/python benchmarks/headless_run_bench.py [--repeats 50] [--objects 500]

Goal (issue 2): a typical 20-line script runs headless in under 50 ms. Also prints the per-run
overhead (undo record, sandbox import table, runner, rollback) as a ratio against exec() of the
same code with the stand-in modules bound directly, and how rollback time grows with document size
(it should not: records hold one step per change, the document is never copied).
"""
import argparse
import contextlib
import io
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import rhino3dm as r  # noqa: E402

from rhino_headless import sandbox, scriptcontext  # noqa: E402
from rhino_headless.document import HeadlessDoc  # noqa: E402
from rhino_plugin.hosts.headless import HeadlessHost  # noqa: E402

TYPICAL = '''\
import rhinoscriptsyntax as rs
import math

layer = rs.AddLayer("Facade", (200, 80, 40))
rs.CurrentLayer(layer)
base = rs.AddCircle((0, 0, 0), 10.0)
length = rs.CurveLength(base)
points = []
for i in range(12):
    a = 2 * math.pi * i / 12
    points.append(rs.AddPoint((10 * math.cos(a), 10 * math.sin(a), 0)))
rail = rs.AddPolyline([(0, 0, 0), (5, 5, 0), (10, 0, 3), (15, 5, 3)])
ids = points + [rail]
rs.MoveObjects(ids, (0, 0, 2))
group = rs.AddGroup("ring")
rs.AddObjectsToGroup(ids, group)
rs.ObjectName(rail, "rail")
box = rs.BoundingBox(ids)
print(len(ids), round(length, 3), len(box))
'''

FAILING = TYPICAL + "raise ValueError('fail at the end')\n"


def doc_with(n):
    doc = HeadlessDoc()
    for i in range(n):
        doc.add(r.Point(r.Point3d(i, 0, 0)))
    return doc


def timed(fn, repeats):
    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times) * 1000.0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeats", type=int, default=50)
    ap.add_argument("--objects", type=int, default=500)
    args = ap.parse_args()

    host = HeadlessHost(doc_with(args.objects))
    first = host.run(TYPICAL)
    if not first.ok:
        sys.exit("the typical script failed: %s: %s" % (first.error.type, first.error.message))

    def run_and_undo():
        res = host.run(TYPICAL)
        assert res.ok
        host.undo_last()

    host_ms = timed(run_and_undo, args.repeats)

    bare_doc = doc_with(args.objects)

    def bare():  # the same work with no record, no runner, no rollback (objects pile up)
        doc = bare_doc
        with scriptcontext.use_doc(doc):
            ns = {"__builtins__": __builtins__}
            mods = sandbox.modules_for(doc)
            ns["rs"] = mods["rhinoscriptsyntax"]
            exec(compile(TYPICAL.replace("import rhinoscriptsyntax as rs\n", ""), "<bare>", "exec"), ns)

    with contextlib.redirect_stdout(io.StringIO()):
        bare_ms = timed(bare, args.repeats)
    fail_small = HeadlessHost(doc_with(10))
    fail_big = HeadlessHost(doc_with(args.objects * 10))
    small_ms = timed(lambda: fail_small.run(FAILING), args.repeats)
    big_ms = timed(lambda: fail_big.run(FAILING), args.repeats)

    print("| measure | value |")
    print("|---|---|")
    print("| typical 20-line rs script, run + undo (median) | %.1f ms (goal < 50 ms) |" % host_ms)
    print("| same code exec'd bare (no record/runner/rollback) | %.1f ms |" % bare_ms)
    print("| host overhead ratio (host / bare) | %.2f |" % (host_ms / bare_ms))
    print("| failing script + rollback, 10 objects | %.1f ms |" % small_ms)
    print("| failing script + rollback, %d objects | %.1f ms |" % (args.objects * 10, big_ms))
    print("| rollback size ratio (%dx objects) | %.2f |" % (args.objects, big_ms / small_ms))


if __name__ == "__main__":
    main()
