"""What the runner's tracer and runtime safety layer cost compared with a bare exec().

    .venv/bin/python benchmarks/runner_overhead.py [--repeat 5] [--points 10000]

Prints, for a tight loop, a loop of Python function calls, stdlib calls and a headless script
that adds --points points with rs.AddPoint, the time under `run_script` divided by a plain
`exec` of the same code (best of --repeat), with a cancel hook too, and the fixed cost of one
run. The safety layer's own share is measured in a child interpreter where it is never
installed (no audit hook at all), so `with safety / without` is the hook's cost.

The tracer: `run_script` puts a trace function on the run thread for every run (the deadline
is enforced through it, never by an asynchronous exception), which costs one Python call per
Python function call; script lines are traced only once the run must stop.
"""
import argparse
import contextlib
import io
import json
import os
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)
from rhino_plugin.core import runtime_safety  # noqa: E402
from rhino_plugin.core.runner import run_script  # noqa: E402

CASES = {
    "tight loop (3M additions)": "s = 0\nfor i in range(3000000):\n    s += i\n",
    "function calls (300k)": "def f(x):\n    return x + 1\ns = 0\nfor i in range(300000):\n    s = f(s)\n",
    "stdlib calls (100k math.hypot)": "import math\nt = 0.0\nfor i in range(100000):\n    t += math.hypot(i, 1.0)\n",
}
POINTS = "import rhinoscriptsyntax as rs\nfor i in range({n}):\n    rs.AddPoint((i, 0.5 * i, 0))\n"


def best(fn, repeat):
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def measure(repeat: int, points: int):
    """{label: (bare s, run_script s, with cancel hook s)} and the fixed cost of a run (s)."""
    results = {}
    for label, code in CASES.items():
        compiled = compile(code, "<bare>", "exec")
        bare = best(lambda: exec(compiled, {"__name__": "__main__"}), repeat)
        ran = best(lambda: run_script(code), repeat)
        polled = best(lambda: run_script(code, cancel=lambda: False), repeat)
        results[label] = (bare, ran, polled)
    try:
        from rhino_headless import sandbox, scriptcontext
        from rhino_headless.document import HeadlessDoc
    except ImportError:  # the headless extra is not installed
        sandbox = None
    if sandbox is not None:
        code = POINTS.format(n=points)
        bare_code = compile(code.replace("import rhinoscriptsyntax as rs\n", ""), "<bare>", "exec")

        def bare():
            doc = HeadlessDoc()
            with scriptcontext.use_doc(doc):
                exec(bare_code, {"rs": sandbox.modules_for(doc)["rhinoscriptsyntax"]})

        def ran(cancel=None):
            doc = HeadlessDoc()
            with scriptcontext.use_doc(doc):
                out = run_script(code, modules=sandbox.modules_for(doc), timeout=600, cancel=cancel)
            assert out.ok, out.error

        results["headless %d rs.AddPoint" % points] = (
            best(bare, repeat), best(ran, repeat), best(lambda: ran(lambda: False), repeat))
    fixed = best(lambda: [run_script("x = 1\n") for _ in range(200)], repeat) / 200
    return results, fixed


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--points", type=int, default=10000)
    parser.add_argument("--no-safety", action="store_true", help=argparse.SUPPRESS)  # the child's mode
    args = parser.parse_args(argv)
    if args.no_safety:  # never install the audit hook or the wrappers; scopes register nothing
        runtime_safety.install = lambda: None
        runtime_safety.Scope.__enter__ = lambda self: self
        runtime_safety.Scope.__exit__ = lambda self, *exc: None
        with contextlib.redirect_stdout(io.StringIO()):
            results, fixed = measure(args.repeat, args.points)
        print(json.dumps({"results": results, "fixed": fixed}))
        return 0
    proc = subprocess.run([sys.executable, os.path.abspath(__file__), "--no-safety", "--repeat", str(args.repeat),
                           "--points", str(args.points)], capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit(proc.stderr)
    without = json.loads(proc.stdout.strip().splitlines()[-1])
    with contextlib.redirect_stdout(io.StringIO()):
        results, fixed = measure(args.repeat, args.points)
    print("python %s" % sys.version.split()[0])
    print("| case | bare exec | run_script | x bare | with cancel hook | x bare | safety layer (with / without) |")
    print("|---|---|---|---|---|---|---|")
    for label, (bare, ran, polled) in results.items():
        off = without["results"][label][1]
        print("| %s | %.1f ms | %.1f ms | %.2fx | %.1f ms | %.2fx | %.2fx |"
              % (label, bare * 1e3, ran * 1e3, ran / bare, polled * 1e3, polled / bare, ran / off))
    print("fixed cost of one run (1-line script): %.0f us (without the safety layer %.0f us)"
          % (fixed * 1e6, without["fixed"] * 1e6))
    return 0


if __name__ == "__main__":
    sys.exit(main())
