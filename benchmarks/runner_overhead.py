"""What the runner's deadline/cancel machinery costs compared with a bare exec().

    .venv/bin/python benchmarks/runner_overhead.py [--repeat 5]

Prints, for a tight loop, a loop of Python function calls and a tiny script, the time under
`run_script` divided by a plain `exec` of the same code (best of --repeat), and the fixed
cost of one run. The deadline costs nothing per line (a watchdog thread raises it in the
script's thread); with a cancel hook, the no-op trace function that lets the watchdog poll
the hook on the script's thread costs one Python call per function call.
"""
import argparse
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from rhino_plugin.core.runner import run_script  # noqa: E402

CASES = {
    "tight loop (3M additions)": "s = 0\nfor i in range(3000000):\n    s += i\n",
    "function calls (300k)": "def f(x):\n    return x + 1\ns = 0\nfor i in range(300000):\n    s = f(s)\n",
    "stdlib calls (100k math.hypot)": "import math\nt = 0.0\nfor i in range(100000):\n    t += math.hypot(i, 1.0)\n",
}


def best(fn, repeat):
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    print("python %s" % sys.version.split()[0])
    for label, code in CASES.items():
        compiled = compile(code, "<bare>", "exec")
        bare = best(lambda: exec(compiled, {"__name__": "__main__"}), args.repeat)
        ran = best(lambda: run_script(code), args.repeat)
        polled = best(lambda: run_script(code, cancel=lambda: False), args.repeat)
        print("%-32s bare %6.1f ms | run_script %6.1f ms = %.2fx | with cancel hook %6.1f ms = %.2fx"
              % (label, bare * 1e3, ran * 1e3, ran / bare, polled * 1e3, polled / bare))
    fixed = best(lambda: [run_script("x = 1\n") for _ in range(200)], args.repeat) / 200
    print("fixed cost of one run (1-line script): %.0f us" % (fixed * 1e6))
    return 0


if __name__ == "__main__":
    sys.exit(main())
