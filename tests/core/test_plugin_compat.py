"""rhino_plugin must run on Rhino 8's CPython 3.9 with the standard library alone.

Checks every file of the package: 3.9 grammar, no 3.10+ stdlib APIs (vermin), no `X | Y`
annotations, module-level imports limited to the standard library and rhino_plugin itself
(plus Rhino's own modules in Rhino-only files), and a real import + run with every third-party
package out of reach (a Python 3.9 interpreter when one is installed, with -I -S).
"""
import ast
import glob
import json
import os
import shutil
import subprocess
import sys

import pytest

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PACKAGE = os.path.join(REPO, "rhino_plugin")
FILES = sorted(glob.glob(os.path.join(PACKAGE, "**", "*.py"), recursive=True))
# Files that run only inside Rhino and may import Rhino's own modules.
RHINO_ONLY_FILES = {"hosts/rhino.py", "hosts/bridge_rhino.py"}
RHINO_ONLY_DIRS = ("ui/", "project/")  # project/: ScriptEditor command scripts
RHINO_MODULES = {"Rhino", "System", "Eto", "scriptcontext", "rhinoscriptsyntax", "clr", "RhinoCodePlatform",
                 "RhinoCoderShim"}  # RhinoCoderShim: the project's C# panel-host library
# Adapters that may import third-party packages, but only lazily inside functions.
LAZY_THIRD_PARTY = ("hosts/headless.py", "cli/")
STDLIB = set(sys.stdlib_module_names) | {"__future__"}


def rel(path):
    return os.path.relpath(path, PACKAGE).replace(os.sep, "/")


def rhino_only(name):
    return name in RHINO_ONLY_FILES or name.startswith(RHINO_ONLY_DIRS)


def lazy_allowed(name):
    return name == LAZY_THIRD_PARTY[0] or name.startswith(LAZY_THIRD_PARTY[1])


def imports(tree):
    """(top-level module name, line, at module level?) for every absolute import."""
    found = []

    def walk(node, in_function):
        for child in ast.iter_child_nodes(node):
            inside = in_function or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
            if isinstance(child, ast.Import):
                found.extend((a.name.split(".")[0], child.lineno, not in_function) for a in child.names)
            elif isinstance(child, ast.ImportFrom) and not child.level and child.module:
                found.append((child.module.split(".")[0], child.lineno, not in_function))
            walk(child, inside)

    walk(tree, False)
    return found


def test_package_has_files():
    assert len(FILES) >= 10
    assert any(f.endswith(os.path.join("core", "runner.py")) for f in FILES)


@pytest.mark.parametrize("path", FILES, ids=rel)
def test_parses_as_python_39(path):
    with open(path, encoding="utf-8") as handle:
        source = handle.read()
    tree = ast.parse(source, filename=path, feature_version=(3, 9))
    for node in ast.walk(tree):
        assert not (hasattr(ast, "Match") and isinstance(node, ast.Match)), "match statement in %s" % rel(path)
        annotations = []
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            args = node.args
            annotations += [a.annotation for a in args.posonlyargs + args.args + args.kwonlyargs if a.annotation]
            annotations += [a.annotation for a in (args.vararg, args.kwarg) if a is not None and a.annotation]
            annotations.append(node.returns)
        elif isinstance(node, ast.AnnAssign):
            annotations.append(node.annotation)
        for annotation in annotations:
            for sub in ast.walk(annotation) if annotation is not None else ():
                assert not (isinstance(sub, ast.BinOp) and isinstance(sub.op, ast.BitOr)), \
                    "%s:%d: `X | Y` annotation fails at run time on 3.9; use Optional/Union" % (rel(path), sub.lineno)


@pytest.mark.parametrize("path", FILES, ids=rel)
def test_imports_only_stdlib_at_module_level(path):
    name = rel(path)
    with open(path, encoding="utf-8") as handle:
        tree = ast.parse(handle.read(), filename=path)
    for module, line, module_level in imports(tree):
        if module in STDLIB or module == "rhino_plugin":
            continue
        if rhino_only(name) and module in RHINO_MODULES:
            continue
        if lazy_allowed(name) and not module_level:
            continue
        pytest.fail("%s:%d imports %r%s; rhino_plugin needs only the standard library on Rhino's CPython 3.9"
                    % (name, line, module, " at module level" if module_level else ""))


def vermin(target):
    # vermin is in the `test` extra; it knows which stdlib APIs appeared in which version.
    runner = "import sys\nfrom vermin import main\nsys.exit(main())"
    return subprocess.run([sys.executable, "-c", runner, "-t=3.9-", "--no-tips", "--violations",
                           "--eval-annotations", "--no-parse-comments", target],
                          capture_output=True, text=True, timeout=300)


def test_no_310_stdlib_apis_vermin():
    proc = vermin(PACKAGE)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_vermin_catches_310_apis(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("import itertools\nprint(list(itertools.pairwise([1, 2, 3])))\n'x'.removeprefix('a')\n")
    proc = vermin(str(tmp_path))
    assert proc.returncode != 0
    assert "pairwise" in proc.stdout


def python39():
    """A real CPython 3.9 if the machine has one (pyenv or PATH), else None."""
    candidates = sorted(glob.glob(os.path.expanduser("~/.pyenv/versions/3.9*/bin/python3.9")))
    candidates.append(shutil.which("python3.9"))
    for candidate in candidates:
        if candidate and os.path.exists(candidate) and "/shims/" not in candidate:
            return candidate
    return None


# Runs in a child interpreter started with -I -S (no site-packages at all), so rhino3dm, mlx,
# numpy, ... cannot be imported; a meta-path finder additionally refuses every non-stdlib name.
CHILD = r"""
import importlib, json, pkgutil, sys
sys.path.insert(0, REPO)
STDLIB = set(getattr(sys, "stdlib_module_names", ())) or None

class Blocker:
    def find_spec(self, name, path=None, target=None):
        top = name.split(".")[0]
        if top in ("rhino_plugin", "__main__") or (STDLIB is None or top in STDLIB):
            return None
        raise ImportError("blocked third-party import: " + name)

sys.meta_path.insert(0, Blocker())
imported = []
import rhino_plugin
for info in pkgutil.walk_packages(rhino_plugin.__path__, "rhino_plugin."):
    rel = info.name[len("rhino_plugin."):].replace(".", "/")
    if rel.startswith(SKIP_PREFIXES) or rel + ".py" in SKIP_FILES:
        continue
    importlib.import_module(info.name)
    imported.append(info.name)

from rhino_plugin.core.runner import run_script
from rhino_plugin.core.checks import check
out = run_script("print(sum(range(5)))\n1/0\n")
stopped = run_script("while True: pass\n", timeout=0.2).error.type
polls = []
cancelled = run_script("while True:\n    pass\n", cancel=lambda: polls.append(1) or len(polls) > 2).error.type
after = run_script("print('after')\n", cancel=lambda: False).stdout
problems = check("import rhinoscriptsyntax as rs\nrs.Viewsize()\n")
third = sorted(m for m in sys.modules if m.split(".")[0] in ("rhino3dm", "mlx", "numpy", "rhino_headless"))
print(json.dumps({"version": list(sys.version_info[:2]), "imported": imported, "stdout": out.stdout,
                  "error": out.error.type, "line": out.error.line,
                  "stopped": stopped, "cancelled": cancelled, "after": after, "problems": [p.name for p in problems],
                  "third_party": third}))
"""


@pytest.mark.parametrize("which", ["python3.9", "current"])
def test_imports_and_runs_without_third_party_packages(which):
    exe = python39() if which == "python3.9" else sys.executable
    if exe is None:
        exe = sys.executable  # no 3.9 on this machine: same isolation on the current interpreter
    code = ("REPO = %r\nSKIP_PREFIXES = %r\nSKIP_FILES = %r\n" % (REPO, RHINO_ONLY_DIRS, sorted(RHINO_ONLY_FILES))
            + CHILD)
    proc = subprocess.run([exe, "-I", "-S", "-c", code], capture_output=True, text=True, timeout=120, cwd="/")
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    if which == "python3.9" and exe != sys.executable:
        assert result["version"] == [3, 9]
    assert "rhino_plugin.core.runner" in result["imported"]
    assert "rhino_plugin.core.checks" in result["imported"]
    assert "rhino_plugin.hosts.headless" in result["imported"]
    assert result["stdout"] == "10\n" and result["error"] == "ZeroDivisionError" and result["line"] == 2
    assert result["problems"] == ["rs.Viewsize"]
    assert (result["stopped"], result["cancelled"], result["after"]) == ("TimeoutError", "Cancelled", "after\n")
    assert result["third_party"] == []
