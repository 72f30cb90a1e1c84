"""How long the plugin's data sets take to load, as shipped now and as shipped before (issue 20 item 5).

    .venv/bin/python benchmarks/data_load.py [--runs 9]

The API index and the example library are Python modules holding JSON text
(rhino_plugin/core/data/__init__.py); they used to be gzipped JSON files next to the code. Each
form is timed in fresh interpreters, interleaved, from nothing to both documents parsed (the
indexes built on them are the same for every form):

- gzip (before): gzip.open + json.loads of `<name>.json.gz`, written here from the same data;
- module: import `<name>_json` + json.loads(TEXT), compiled each time (no bytecode cache, as
  with PYTHONDONTWRITEBYTECODE or a read-only library folder);
- module + .pyc: the same once Python has cached the bytecode (every later Rhino session).

Medians in milliseconds.
"""
import argparse
import gzip
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from rhino_plugin.core import data  # noqa: E402

NAMES = ("api_index", "examples")
GZIP = """import gzip, json, time
t = time.perf_counter()
for name in {names!r}:
    with gzip.open(name + ".json.gz", "rb") as handle:
        json.loads(handle.read().decode("utf-8"))
print((time.perf_counter() - t) * 1000)
"""
MODULE = """import importlib, json, sys, time
sys.path.insert(0, ".")
t = time.perf_counter()
for name in {names!r}:
    json.loads(importlib.import_module(name + "_json").TEXT)
print((time.perf_counter() - t) * 1000)
"""


def _run(folder, code, bytecode):
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if not bytecode:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
        shutil.rmtree(os.path.join(folder, "__pycache__"), ignore_errors=True)
    out = subprocess.run([sys.executable, "-c", code], cwd=folder, env=env, capture_output=True, text=True,
                         check=True)
    return float(out.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    sizes = {}
    with tempfile.TemporaryDirectory() as folder:
        for name in NAMES:
            value = data.load(name)
            text = json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
            with open(os.path.join(folder, name + ".json.gz"), "wb") as handle:
                handle.write(gzip.compress(text, compresslevel=9, mtime=0))
            shutil.copy(data.module_path(name), folder)
            sizes[name] = (os.path.getsize(os.path.join(folder, name + ".json.gz")),
                           os.path.getsize(data.module_path(name)))
        gz, module = GZIP.format(names=NAMES), MODULE.format(names=NAMES)
        _run(folder, module, True)  # leaves the .pyc files for the cached runs
        times = {"gzip (before)": [], "module": [], "module + .pyc": []}
        for _ in range(args.runs):
            times["gzip (before)"].append(_run(folder, gz, False))
            times["module"].append(_run(folder, module, False))
            _run(folder, module, True)
            times["module + .pyc"].append(_run(folder, module, True))
    for name, (gz_size, py_size) in sizes.items():
        print("%-10s %8d bytes gzipped JSON, %8d bytes data module" % (name, gz_size, py_size))
    for form, values in times.items():
        print("%-14s both parsed in %6.1f ms (median of %d)" % (form, statistics.median(values), len(values)))


if __name__ == "__main__":
    main()
