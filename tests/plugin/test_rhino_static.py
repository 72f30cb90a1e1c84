"""Static verification of the Rhino-side modules (Rhino cannot run here).

1. Every Rhino-side module parses as Python 3.9.
2. Every `Rhino.*` name they use exists in RhinoCommon 8 (the API index the checker uses, built
   from rhino-stubs-typed 8.20): aliases from `import Rhino`, `import Rhino.X as y` and
   `from Rhino.X import Y` are resolved; events count through their `add_X` accessor. The only
   exceptions are listed in NOT_RHINOCOMMON with the reason, and must really be absent.
3. The view holds no logic the view-model could hold. The measurable rule: in panel_view.py and
   form_fallback.py no condition (if/while/ternary/and-or/comparison) mentions the model's state
   (any attribute PanelModel sets in __init__, or a state constant), no function is longer than
   MAX_VIEW_FUNCTION_LINES lines, and the view imports nothing from rhino_plugin.core.
4. The ScriptEditor project is consistent: commands listed, the exec command hidden and named as
   hosts/rhino.py calls it, the C# host carries a [Guid], the library staging copies what Rhino needs.
"""
import ast
import glob
import json
import os
import re
import subprocess
import sys

import pytest

from rhino_plugin.core.api_index import load

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PKG = os.path.join(ROOT, "rhino_plugin")
PROJECT = os.path.join(PKG, "project")
RHINO_SIDE = sorted([os.path.join(PKG, p) for p in ("hosts/rhino.py", "hosts/bridge_rhino.py", "ui/panel_view.py",
                                                     "ui/form_fallback.py")]
                    + glob.glob(os.path.join(PROJECT, "Commands", "*.py")))
VIEW_FILES = [os.path.join(PKG, "ui", "panel_view.py"), os.path.join(PKG, "ui", "form_fallback.py")]
MAX_VIEW_FUNCTION_LINES = 25
# Names used on purpose that RhinoCommon does not define: they live in Rhino.UI.dll (Rhino's Eto
# helpers), for which rhino-stubs-typed ships no stubs.
NOT_RHINOCOMMON = {"Rhino.UI.RhinoEtoApp": "Rhino.UI.dll Eto helper (MainWindowForDocument), not RhinoCommon"}


def rel(path):
    return os.path.relpath(path, ROOT)


def parse(path):
    with open(path, encoding="utf-8") as f:
        return ast.parse(f.read(), filename=path, feature_version=(3, 9))


# -- 1. Python 3.9 --------------------------------------------------------------------------------------


def test_rhino_side_files_found():
    names = {os.path.basename(p) for p in RHINO_SIDE}
    assert {"rhino.py", "panel_view.py", "form_fallback.py", "RhinoCoder.py", "RhinoCoderExec.py",
            "RhinoCoderBridge.py"} <= names


@pytest.mark.parametrize("path", RHINO_SIDE, ids=rel)
def test_parses_as_python_39(path):
    parse(path)


# -- 2. Rhino names ---------------------------------------------------------------------------------------


def rhino_names(tree):
    """(dotted Rhino name, line) for every import and attribute chain rooted at a Rhino alias."""
    aliases = {}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for a in node.names:
                if a.name.split(".")[0] == "Rhino":
                    found.append((a.name, node.lineno))
                    aliases[a.asname or "Rhino"] = a.name if a.asname else "Rhino"
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "Rhino":
            for a in node.names:
                found.append((node.module + "." + a.name, node.lineno))
                aliases[a.asname or a.name] = node.module + "." + a.name
    for node in ast.walk(tree):  # `G = Rhino.Geometry` style local aliases
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            dotted = _dotted(node.value, aliases)
            if dotted:
                aliases[node.targets[0].id] = dotted
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and not isinstance(getattr(node, "_parent", None), ast.Attribute):
            parts = []
            cur = node
            while isinstance(cur, ast.Attribute):
                parts.append(cur.attr)
                cur = cur.value
            if isinstance(cur, ast.Name) and cur.id in aliases:
                found.append((aliases[cur.id] + "." + ".".join(reversed(parts)), node.lineno))
    return found


def _dotted(expr, aliases):
    parts = []
    while isinstance(expr, ast.Attribute):
        parts.append(expr.attr)
        expr = expr.value
    if isinstance(expr, ast.Name) and expr.id in aliases:
        return ".".join([aliases[expr.id]] + list(reversed(parts)))
    return None


def _mark_parents(tree):
    for node in ast.walk(tree):
        for child in ast.iter_child_nodes(node):
            child._parent = node
    return tree


def missing_rhino_names(source):
    """The Rhino names in `source` that RhinoCommon 8 lacks: [(name, line, first missing part)]."""
    index = load()
    tree = _mark_parents(ast.parse(source, feature_version=(3, 9)))
    out = []
    for name, line in rhino_names(tree):
        if any(name == n or name.startswith(n + ".") for n in NOT_RHINOCOMMON):
            continue
        r = index.resolve_rhino(name)
        if r["exists"]:
            continue
        if r["owner_kind"] == "class" and "add_" + r["missing"] in index.class_members(r["known"]):
            continue  # an event: `X += handler` goes through add_X
        out.append((name, line, r["missing"]))
    return out


@pytest.mark.parametrize("path", RHINO_SIDE, ids=rel)
def test_every_rhino_name_exists_in_rhinocommon_8(path):
    with open(path, encoding="utf-8") as f:
        missing = missing_rhino_names(f.read())
    assert missing == [], "%s uses names RhinoCommon 8 lacks: %s" % (rel(path), missing)


def test_name_check_catches_typos_and_resolves_aliases():
    source = ("import Rhino\nimport Rhino.Geometry as rg\nfrom Rhino.UI import Panels, Panelz\n"
              "from Rhino.Commands import Command\n"
              "Rhino.RhinoApp.RunScriptt('x', False)\nrg.Point3d(0, 0, 0)\nrg.Pointt3d\nPanels.OpenPanel\n"
              "Command.InCommand()\nRhino.RhinoApp.EscapeKeyPressed += None\nRhino.RhinoDoc.NoSuchEvent += None\n"
              "def f():\n    G = Rhino.Geometry\n    return G.Brep, G.Breep\n")
    missing = {name for name, _, _ in missing_rhino_names(source)}
    assert missing == {"Rhino.UI.Panelz", "Rhino.RhinoApp.RunScriptt", "Rhino.Geometry.Pointt3d",
                       "Rhino.RhinoDoc.NoSuchEvent", "Rhino.Geometry.Breep"}


def test_exceptions_are_really_outside_rhinocommon_and_used():
    index = load()
    used = set()
    for path in RHINO_SIDE:
        used.update(name for name, _ in rhino_names(_mark_parents(parse(path))))
    for name in NOT_RHINOCOMMON:
        assert not index.resolve_rhino(name)["exists"], "%s is in RhinoCommon now: drop the exception" % name
        assert any(u == name or u.startswith(name + ".") for u in used), "%s is no longer used" % name


# -- 3. the view holds no logic ----------------------------------------------------------------------------


def model_state_names():
    """Attributes PanelModel sets in __init__ plus its state constants and properties."""
    tree = parse(os.path.join(PKG, "ui", "panel_model.py"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef) and node.name == "PanelModel":
            for item in node.body:
                if isinstance(item, ast.FunctionDef) and item.name == "__init__":
                    for sub in ast.walk(item):
                        if isinstance(sub, ast.Attribute) and isinstance(sub.ctx, ast.Store) \
                                and isinstance(sub.value, ast.Name) and sub.value.id == "self":
                            names.add(sub.attr.lstrip("_"))
                elif isinstance(item, ast.FunctionDef) and any(
                        isinstance(d, ast.Name) and d.id == "property" for d in item.decorator_list):
                    names.add(item.name)
        if isinstance(node, ast.Assign) and node.col_offset == 0:
            for target in node.targets:
                for t in ast.walk(target):
                    if isinstance(t, ast.Name) and t.id.isupper():
                        names.add(t.id)
    return names - {"post", "clock"}


def view_logic_problems(source, state_names):
    tree = ast.parse(source, feature_version=(3, 9))
    problems = []

    def mentions_state(expr):
        for n in ast.walk(expr):
            if isinstance(n, ast.Attribute) and n.attr.lstrip("_") in state_names:
                return True
            if isinstance(n, ast.Name) and n.id in state_names:
                return True
        return False

    for node in ast.walk(tree):
        tests = []
        if isinstance(node, (ast.If, ast.While, ast.IfExp)):
            tests.append(node.test)
        if isinstance(node, (ast.BoolOp, ast.Compare)):
            tests.append(node)
        if isinstance(node, ast.comprehension):
            tests.extend(node.ifs)
        for t in tests:
            text = "line %d: a condition on the model's state" % t.lineno
            if mentions_state(t) and text not in problems:
                problems.append(text)
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            length = node.end_lineno - node.lineno + 1
            if length > MAX_VIEW_FUNCTION_LINES:
                problems.append("line %d: %s is %d lines (max %d)" % (node.lineno, node.name, length,
                                                                      MAX_VIEW_FUNCTION_LINES))
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("rhino_plugin.core"):
            problems.append("line %d: the view imports %s; only the view-model may" % (node.lineno, node.module))
    return problems


@pytest.mark.parametrize("path", VIEW_FILES, ids=rel)
def test_view_holds_no_logic(path):
    with open(path, encoding="utf-8") as f:
        assert view_logic_problems(f.read(), model_state_names()) == []


def test_view_rule_catches_logic():
    names = model_state_names()
    assert {"state", "busy", "undoable", "last_code", "settings", "DONE", "BUSY"} <= names
    bad = ("def refresh(self):\n    if self.model.state == DONE:\n        self.run.Enabled = True\n"
           "    self.stop.Enabled = self.model.busy and not self.model.undoable\n"
           "from rhino_plugin.core.session import Session\n"
           "def long():\n" + "    x = 1\n" * 30)
    problems = view_logic_problems(bad, names)
    assert len(problems) == 4 and any("long is 31 lines" in p for p in problems)


# -- 4. the ScriptEditor project ---------------------------------------------------------------------------


def test_project_lists_every_command_and_hides_exec():
    with open(os.path.join(PROJECT, "RhinoCoder.rhproj"), encoding="utf-8") as f:
        project = json.load(f)
    codes = {c["title"]: c for c in project["codes"]}
    on_disk = {os.path.splitext(os.path.basename(p))[0] for p in glob.glob(os.path.join(PROJECT, "Commands", "*.py"))}
    assert set(codes) == on_disk == {"RhinoCoder", "RhinoCoderExec", "RhinoCoderBridge"}
    assert len({c["id"] for c in project["codes"]} | {project["id"]}) == 4
    for c in project["codes"]:
        assert os.path.exists(os.path.join(PROJECT, c["uri"])) and c["language"]["version"].startswith("3.9")
    assert codes["RhinoCoderExec"].get("kind") == "hidden" and "kind" not in codes["RhinoCoder"]
    bases = [lib["library"]["base"] for lib in project["libraries"]]
    assert "Libraries/rhino_plugin/" in bases and "Libraries/RhinoCoderShim/" in bases
    assert project["identity"]["name"] == "RhinoCoder" and project["settings"]["buildTarget"]["slug"] == "rh8"
    rhino_py = open(os.path.join(PKG, "hosts", "rhino.py"), encoding="utf-8").read()
    assert 'EXEC_COMMAND = "_RhinoCoderExec"' in rhino_py  # the command the host queues is the hidden one
    exec_py = open(os.path.join(PROJECT, "Commands", "RhinoCoderExec.py"), encoding="utf-8").read()
    assert "execute_pending(" in exec_py
    for path in glob.glob(os.path.join(PROJECT, "Commands", "*.py")):
        with open(path, encoding="utf-8") as f:
            assert f.readline().strip() == "#! python3", "%s: the language header must be line 1" % rel(path)


def test_csharp_panel_host_has_guid_and_rhino_constructor():
    with open(os.path.join(PROJECT, "Libraries", "RhinoCoderShim", "PanelHost.cs"), encoding="utf-8") as f:
        cs = f.read()
    guid = re.search(r'\[Guid\("([0-9A-Fa-f-]{36})"\)\]\s*public class PanelHost : Panel', cs)
    assert guid and re.match(r"^[0-9A-F]{8}-([0-9A-F]{4}-){3}[0-9A-F]{12}$", guid.group(1), re.I)
    assert "namespace RhinoCoderShim" in cs and re.search(r"public PanelHost\(uint \w+\)", cs)
    assert "public static Func<uint, Control> ContentFactory" in cs
    view = open(os.path.join(PKG, "ui", "panel_view.py"), encoding="utf-8").read()
    assert "from RhinoCoderShim import PanelHost" in view and "PanelHost.ContentFactory = " in view


def test_staged_library_has_what_rhino_needs_and_imports_with_stdlib_only(tmp_path):
    sys.path.insert(0, PROJECT)
    try:
        import stage_library
    finally:
        sys.path.remove(PROJECT)
    dest = stage_library.stage(str(tmp_path / "lib" / "rhino_plugin"))
    staged = {os.path.relpath(os.path.join(r, f), dest).replace(os.sep, "/") for r, _, fs in os.walk(dest) for f in fs}
    assert {"__init__.py", "core/runner.py", "core/session.py", "core/data/__init__.py", "core/data/api_index_json.py",
            "core/data/examples_json.py", "hosts/rhino.py", "hosts/bridge.py", "ui/panel_model.py",
            "ui/panel_view.py", "ui/form_fallback.py"} <= staged
    assert all(p.endswith(".py") for p in staged)  # Python sources only: what a ScriptEditor library carries
    assert not any(p.startswith(("cli/", "project/")) or p == "hosts/headless.py" or "__pycache__" in p
                   for p in staged)
    code = ("import sys; sys.path.insert(0, %r)\n"
            "import rhino_plugin.ui.panel_model, rhino_plugin.hosts.bridge, rhino_plugin.core.checks\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('rhino3dm', 'numpy', 'mlx')))\n"
            % str(tmp_path / "lib"))
    proc = subprocess.run([sys.executable, "-I", "-S", "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"


def test_staged_library_loads_its_data_through_the_import_system(tmp_path):
    """Issue 20 item 5: the API index and the example library load from the staged library the
    way the published plugin loads them (the package on sys.path, nothing else), from modules."""
    sys.path.insert(0, PROJECT)
    try:
        import stage_library
    finally:
        sys.path.remove(PROJECT)
    lib = str(tmp_path / "lib")
    stage_library.stage(os.path.join(lib, "rhino_plugin"))
    code = ("import sys; sys.path.insert(0, %r)\n"
            "from rhino_plugin.core import api_index, data, examples\n"
            "index, library = api_index.load(), examples.load()\n"
            "print(len(index.rs_names()), len(library.examples), index.rhino_name_exists('Rhino.RhinoDoc.Undo'))\n"
            "print(sys.modules['rhino_plugin.core.data.api_index_json'].__file__)\n"
            "print(sys.modules['rhino_plugin.core.data.examples_json'].__file__)\n" % lib)
    proc = subprocess.run([sys.executable, "-I", "-S", "-c", code], capture_output=True, text=True, timeout=60,
                          cwd=str(tmp_path))
    assert proc.returncode == 0, proc.stderr
    counts, index_file, examples_file = proc.stdout.splitlines()
    names, entries, undo = counts.split()
    assert int(names) == 899 and int(entries) > 1000 and undo == "True"
    assert index_file.startswith(lib) and examples_file.startswith(lib)


# -- pythonnet pitfalls ------------------------------------------------------------------------------------


def eto_keyword_calls(source):
    """Calls into Eto/System/Rhino types with keyword arguments: pythonnet 3 has no C#-style property
    initializers (pythonnet issue #2038), so `forms.Label(Text="x")` fails inside Rhino."""
    tree = ast.parse(source, feature_version=(3, 9))
    roots = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots.update((a.asname or a.name).split(".")[0] for a in node.names
                         if a.name.split(".")[0] in ("Eto", "System", "Rhino"))
        elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in ("Eto", "System", "Rhino"):
            roots.update(a.asname or a.name for a in node.names)
    bad = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and node.keywords:
            f = node.func
            while isinstance(f, ast.Attribute):
                f = f.value
            if isinstance(f, ast.Name) and f.id in roots:
                bad.append(node.lineno)
    return bad


@pytest.mark.parametrize("path", RHINO_SIDE, ids=rel)
def test_no_keyword_initializers_on_dotnet_types(path):
    with open(path, encoding="utf-8") as f:
        assert eto_keyword_calls(f.read()) == []


def test_keyword_initializer_rule_catches_them():
    assert eto_keyword_calls("import Eto.Forms as forms\nforms.Label(Text='x')\nforms.Label()\n") == [2]


def test_checklist_script_passes_the_checks():
    """The in-Rhino checklist's script (rhino_plugin/project/checklist/every_table.py, served by
    tests/support/checklist_server.py) must reach the run: the static checks find nothing in it,
    failing variant included."""
    from rhino_plugin.core.checks import check
    from tests.support import checklist_server

    for variant in ("ok", "fail"):
        code = checklist_server.reply(variant).split("```python\n", 1)[1].rsplit("```", 1)[0]
        assert [(p.code, p.message) for p in check(code)] == [], variant
