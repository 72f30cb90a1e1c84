"""How long `import rhino_plugin.core` (and the checker's first use) takes in a fresh interpreter.

    .venv/bin/python benchmarks/import_time.py [--runs 15]

Target: `import rhino_plugin.core` under 100 ms. Each measurement is a new interpreter, so
nothing is cached in memory; the interpreter's own start-up is measured separately and
subtracted. Prints medians in milliseconds.
"""
import argparse
import os
import statistics
import subprocess
import sys

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TARGET_MS = 100.0

# Each snippet prints the seconds its statement took, measured inside the child.
SNIPPETS = {
    "import rhino_plugin.core": "import rhino_plugin.core",
    "import rhino_plugin.core.runner": "import rhino_plugin.core.runner",
    "import rhino_plugin.core.checks": "import rhino_plugin.core.checks",
    "import rhino_plugin.core.session": "import rhino_plugin.core.session",
    "checks: import + load index + first check": (
        "from rhino_plugin.core.checks import check; check('import rhinoscriptsyntax as rs\\nrs.AddPoint(0,0,0)\\n')"),
}
CHILD = "import sys, time\nsys.path.insert(0, %r)\nt = time.perf_counter()\n%s\nprint(time.perf_counter() - t)\n"


def measure(statement: str, runs: int):
    times = []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-I", "-c", CHILD % (REPO, statement)],
                             capture_output=True, text=True, check=True)
        times.append(float(out.stdout.strip().splitlines()[-1]) * 1000.0)
    return statistics.median(times), min(times)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args(argv)
    print("python %s, %d fresh interpreters per line" % (sys.version.split()[0], args.runs))
    core_ms = None
    for label, statement in SNIPPETS.items():
        median, best = measure(statement, args.runs)
        if label == "import rhino_plugin.core":
            core_ms = median
        print("%-45s median %7.1f ms   best %7.1f ms" % (label, median, best))
    print("import rhino_plugin.core: %.1f ms = %.2fx of the %.0f ms target" % (core_ms, core_ms / TARGET_MS, TARGET_MS))
    return 0 if core_ms < TARGET_MS else 1


if __name__ == "__main__":
    sys.exit(main())
