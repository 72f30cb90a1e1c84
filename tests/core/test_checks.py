"""Static checks: flagged and clean snippets, and the official examples as a false-positive guard."""
import json
import os
import re

import pytest

from rhino_plugin.core.api_index import load
from rhino_plugin.core.checks import RULES, Problem, check
from rhino_datasets.api_index import sources_dir

SOURCES = sources_dir(None)
# Official examples that call functions that do not exist (each must be flagged).
KNOWN_BAD = {"XformRotation", "NamedCplanes", "ViewCplane", "Viewsize", "TestDotPoint", "renameview",
             "IsRunngingOnWindows"}
# Official examples the safety gate refuses on purpose, and the rule each breaks: they exit Rhino,
# write files, or reach objects by reflection (COM ProgID + Activator, plug-in objects).
KNOWN_UNSAFE = {"Exit": "exit", "SaveToolbarCollection": "file-write", "SaveToolbarCollectionAs": "file-write",
                "DisplayOleAlerts": "reflection", "GetPlugInObject": "reflection",
                "Screencaptureview.py": "file-write"}  # bitmap.Save(file_name)


def assert_known_unsafe(name, problems):
    """The example's only problems are the safety rule it is known to break."""
    assert problems and set((p.code, p.message.rsplit("(rule ", 1)[-1]) for p in problems) == {
        ("unsafe", "%r)" % KNOWN_UNSAFE[name])}, (name, problems)


def codes(problems):
    return [(p.code, p.line, p.name) for p in problems]


def test_clean_script_has_no_problems():
    code = ("import rhinoscriptsyntax as rs\nimport scriptcontext as sc\nimport Rhino\n"
            "import Rhino.Geometry as rg\nfrom Rhino.Geometry import Point3d\nimport math, os\n\n"
            "ids = rs.SelectedObjects()\nfor i, obj in enumerate(ids or []):\n"
            "    if rs.IsCurve(obj):\n        length = rs.CurveLength(obj)\n"
            "        rs.AddPoint(rs.CurveMidPoint(obj))\n        rs.ObjectLayer(obj, layer='Curves')\n"
            "pt = rg.Point3d(1, 2, 3) + rg.Vector3d.ZAxis\nprint(pt.DistanceTo(Point3d.Origin), pt.X)\n"
            "sc.doc.Objects.AddPoint(pt)\nsc.doc.Views.Redraw()\n"
            "Rhino.RhinoApp.WriteLine(str(math.pi))\nrs.ObjectsByType(rs.filter.curve)\n"
            "with open('data.csv') as f:\n    rows = f.read()\nprint(os.environ.get('HOME'), os.path.join('a', 'b'))\n"
            "args = (1, 2)\nrs.AddPoint(*args)\nrs.coercecurve(ids[0])\nrs.AddLine(start=(0, 0, 0), end=(1, 0, 0))\n")
    assert check(code) == []


def test_syntax_error_reports_line():
    problems = check("import rhinoscriptsyntax as rs\nx = (1,\n\nrs.AddPoint(0,0,0\n")
    assert len(problems) == 1
    assert problems[0].code == "syntax" and problems[0].line >= 2
    assert "SyntaxError" in problems[0].message
    assert check("print 'hi'\n")[0].code == "syntax"


def test_unknown_rs_name_with_case_insensitive_suggestion_first():
    problems = check("import rhinoscriptsyntax as rs\nrs.Viewsize()\nrs.AddCirle((0,0,0), 1)\n")
    assert codes(problems) == [("unknown-name", 2, "rs.Viewsize"), ("unknown-name", 3, "rs.AddCirle")]
    assert problems[0].suggestion.startswith("did you mean rs.ViewSize?")
    assert "rs.AddCircle" in problems[1].suggestion


def test_rs_aliases_are_resolved():
    assert codes(check("import rhinoscriptsyntax\nrhinoscriptsyntax.AddPointz(1)\n")) == [
        ("unknown-name", 2, "rhinoscriptsyntax.AddPointz")]
    assert codes(check("import rhinoscriptsyntax as r\nr.AddPointz(1)\n")) == [("unknown-name", 2, "r.AddPointz")]
    problems = check("from rhinoscriptsyntax import AddPoint as ap, Addpoint\nap()\n")
    assert [p.code for p in problems] == ["unknown-name", "bad-arguments"]
    assert problems[0].suggestion.startswith("did you mean rs.AddPoint?")
    # a name called rs that is not the module is not checked
    assert check("import something as rs\nrs.Whatever()\n") == []


def test_unknown_rhino_names_through_aliases():
    code = ("import Rhino\nimport Rhino.Geometry as rg\nfrom Rhino.Geometry import Point3D\n"
            "a = rg.Point3D(0, 0, 0)\nb = rg.Point3d.Orign\nc = Rhino.Geometry.Vectr3d.XAxis\n"
            "import Rhino.Geomtry\np = rg.Point3d(0, 0, 0)\nprint(p.Anything.Goes)\n")
    problems = check(code)
    assert codes(problems) == [("unknown-name", 3, "Rhino.Geometry.Point3D"), ("unknown-name", 4, "rg.Point3D"),
                               ("unknown-name", 5, "rg.Point3d.Orign"),
                               ("unknown-name", 6, "Rhino.Geometry.Vectr3d.XAxis"),
                               ("unknown-name", 7, "Rhino.Geomtry")]
    assert problems[1].suggestion == "did you mean Rhino.Geometry.Point3d?"
    assert problems[2].suggestion == "did you mean Rhino.Geometry.Point3d.Origin?"
    assert problems[4].suggestion == "did you mean Rhino.Geometry?"


def test_rhino_members_events_enums_and_inherited_are_known():
    code = ("import Rhino\nfrom Rhino.Geometry import Brep, Point3d\nRhino.RhinoDoc.SelectObjects += None\n"
            "Rhino.DocObjects.ObjectType.Curve\nBrep.GetBoundingBox\nPoint3d.Overloads\nPoint3d.__doc__\n"
            "Rhino.Geometry.Intersect.Intersection.CurveCurve\n")
    assert check(code) == []


def test_scriptcontext_names():
    problems = check("import scriptcontext as sc\nsc.doc.Objects.AddPoint(p)\nsc.Doc\nsc.sticky['a'] = 1\n"
                     "from scriptcontext import doc, escape_tst\n")
    assert codes(problems) == [("unknown-name", 3, "scriptcontext.Doc"), ("unknown-name", 5, "scriptcontext.escape_tst")]
    assert problems[0].suggestion == "did you mean sc.doc?"


def test_argument_counts_and_keywords():
    code = ("import rhinoscriptsyntax as rs\nrs.AddPoint(1, 2, 3, 4)\nrs.AddLayer(nam='x')\nrs.AddLine()\n"
            "rs.AddLayer('a', name='b')\nrs.AddLine(*pts)\nrs.AddLayer(**opts)\nrs.AddPoint(1, 2, 3)\n"
            "rs.AddLayer('a', (255, 0, 0), True, False, None)\n")
    problems = check(code)
    assert codes(problems) == [("bad-arguments", 2, "rs.AddPoint"), ("bad-arguments", 3, "rs.AddLayer"),
                               ("bad-arguments", 4, "rs.AddLine"), ("bad-arguments", 5, "rs.AddLayer")]
    assert "at most 3 positional arguments (4 given)" in problems[0].message
    assert "did you mean name=...?" in problems[1].suggestion
    assert "'start', 'end'" in problems[2].message
    assert "two values for argument 'name'" in problems[3].message
    assert all(p.suggestion and "rs.Add" in p.suggestion for p in problems)


def test_var_positional_signature_is_respected():
    index = load()
    with_var = [n for n, f in index.rs_functions().items() if any(p["kind"] == "var_positional" for p in f["params"])]
    if with_var:  # the json has none today; the rule is still exercised by a synthetic index below
        assert check("import rhinoscriptsyntax as rs\nrs.%s(%s)\n" % (with_var[0], ", ".join(["1"] * 20))) == []

    class Synthetic(object):
        def __getattr__(self, name):
            return getattr(index, name)

        def rs_function(self, name):
            if name == "Many":
                return {"signature": "Many(a, *rest)", "params": [
                    {"name": "a", "kind": "positional", "required": True, "default": None},
                    {"name": "rest", "kind": "var_positional", "required": False, "default": None}]}
            return index.rs_function(name)

        def rs_public_names(self):
            return index.rs_public_names() + ["Many"]

    assert check("import rhinoscriptsyntax as rs\nrs.Many(1, 2, 3, 4)\n", index=Synthetic()) == []
    assert [p.code for p in check("import rhinoscriptsyntax as rs\nrs.Many()\n", index=Synthetic())] == ["bad-arguments"]


UNSAFE_SNIPPETS = [
    ("import subprocess\n", "process", "subprocess"),
    ("from subprocess import run\n", "process", "subprocess"),
    ("import os\nos.system('ls')\n", "process", "os.system"),
    ("import os as o\no.popen('ls')\n", "process", "os.popen"),
    ("import os\nos.execv('/bin/ls', [])\n", "process", "os.execv"),
    ("import os\nos.spawnl(0, 'x')\n", "process", "os.spawnl"),
    ("import pty\n", "process", "pty"),
    ("from os import system\n", "process", "os.system"),
    ("import os\nos.remove('f')\n", "file-write", "os.remove"),
    ("import os\nos.unlink('f')\n", "file-write", "os.unlink"),
    ("import os\nos.rmdir('d')\n", "file-write", "os.rmdir"),
    ("import shutil\nshutil.rmtree('d')\n", "file-write", "shutil.rmtree"),
    ("import shutil\nshutil.move('a', 'b')\n", "file-write", "shutil.move"),
    ("open('f', 'w')\n", "file-write", "open"),
    ("open('f', mode='a')\n", "file-write", "open"),
    ("open('f', 'r+')\n", "file-write", "open"),
    ("open('f', 'xb')\n", "file-write", "open"),
    ("open('f', some_mode)\n", "file-write", "open"),
    ("import io\nio.open('f', 'w')\n", "file-write", "io.open"),
    ("from pathlib import Path\nPath('f').write_text('x')\n", "file-write", ".write_text"),
    ("from pathlib import Path\nPath('f').unlink()\n", "file-write", ".unlink"),
    ("from pathlib import Path\nPath('f').open('w')\n", "file-write", "open"),
    ("import socket\n", "network", "socket"),
    ("import urllib.request\n", "network", "urllib.request"),
    ("import urllib\nurllib.request.urlopen('http://x')\n", "network", "urllib.request.urlopen"),
    ("import http.client\n", "network", "http.client"),
    ("import requests\n", "network", "requests"),
    ("import ftplib\n", "network", "ftplib"),
    ("import smtplib\n", "network", "smtplib"),
    ("eval('1')\n", "dynamic-code", "eval"),
    ("exec('x = 1')\n", "dynamic-code", "exec"),
    ("compile('x', 'f', 'exec')\n", "dynamic-code", "compile"),
    ("__import__('os')\n", "dynamic-code", "__import__"),
    ("import importlib\n", "dynamic-code", "importlib"),
    ("import ctypes\n", "ctypes", "ctypes"),
    ("import os\nos.environ['A'] = '1'\n", "environ", "os.environ"),
    ("import os\ndel os.environ['A']\n", "environ", "os.environ"),
    ("import os\nos.putenv('A', '1')\n", "environ", "os.putenv"),
    ("import os\nos.environ.update(A='1')\n", "environ", "os.environ.update"),
    ("import os\nos.environ.setdefault('A', '1')\n", "environ", "os.environ.setdefault"),
    ("import os\nos.environ.pop('A')\n", "environ", "os.environ.pop"),
    ("import System\nSystem.Diagnostics.Process.Start('x')\n", "process", "System.Diagnostics.Process.Start"),
    ("from System.Diagnostics import Process\n", "process", "System.Diagnostics.Process"),
    ("import System\nSystem.IO.File.Delete('x')\n", "file-write", "System.IO.File.Delete"),
    ("import System\nSystem.IO.File.WriteAllText('x', 'y')\n", "file-write", "System.IO.File.WriteAllText"),
    ("import System.Net\n", "network", "System.Net"),
    ("import System\nSystem.Net.WebClient()\n", "network", "System.Net.WebClient"),
]


@pytest.mark.parametrize("code,rule,name", UNSAFE_SNIPPETS)
def test_safety_gate_flags(code, rule, name):
    problems = [p for p in check(code) if p.code == "unsafe"]
    assert problems, code
    assert problems[0].name == name
    assert ("rule %r" % rule) in problems[0].message
    assert problems[0].suggestion
    assert check(code, allow_unsafe=True) == []
    assert check(code, allow=[rule]) == []
    other = [r for r in RULES if r != rule]
    assert [p for p in check(code, allow=other) if p.code == "unsafe"]


@pytest.mark.parametrize("code", [
    "open('f')\n", "open('f', 'rb')\n", "import os\nprint(os.environ.get('A'), os.environ['HOME'])\n",
    "import os\nos.path.exists('x')\nos.listdir('.')\n", "import urllib.parse\n", "import math, json, random\n",
    "def eval(x):\n    return x\neval(1)\n", "import System\nSystem.IO.File.ReadAllText('x')\nSystem.Guid.NewGuid()\n",
    "import tempfile\n", "text = 'a'.replace('a', 'b')\n",
])
def test_safety_gate_clean(code):
    assert check(code) == []


def test_deeply_nested_code_is_a_problem_not_a_crash():
    problems = check("x = " + "(" * 5000 + "1" + ")" * 5000 + "\n")
    assert [p.code for p in problems] == ["syntax"]
    deep = "x = 1" + " + 1" * 20000 + "\n"  # parses, but deep for a recursive visitor
    assert all(p.code == "syntax" for p in check(deep))


def test_problem_to_dict():
    problem = check("import rhinoscriptsyntax as rs\nrs.Viewsize()\n")[0]
    assert isinstance(problem, Problem)
    assert problem.to_dict() == {"code": "unknown-name", "line": 2, "name": "rs.Viewsize",
                                 "message": problem.message, "suggestion": problem.suggestion}


def _examples():
    with open(os.path.join(SOURCES, "rhinoscriptsyntax.json"), encoding="utf-8") as handle:
        modules = json.load(handle)
    return [(f["Name"], (f.get("ExampleString") or "").replace("\r\n", "\n"))
            for m in modules for f in m["functions"] if (f.get("ExampleString") or "").strip()]


def test_official_examples_no_false_positives_and_known_bad_flagged():
    index = load()
    real = set(index.rs_names()) | set(f["module"] for f in index.rs_functions().values())  # rs.mesh, ...
    clean_checked, flagged_known, unsafe_seen = 0, set(), set()
    for name, code in _examples():
        problems = check(code, index=index)
        called = set(re.findall(r"\brs\.(\w+)", code))
        fake = set(n for n in called - real - {"filter"} if not n.startswith("coerce"))  # coerce*: public helpers
        if any(p.code == "syntax" for p in problems):
            continue  # Python 2 examples (print statements): not a checker question
        if fake:
            flagged = set(p.name.split(".", 1)[1] for p in problems if p.code == "unknown-name")
            assert fake <= flagged, (name, fake, problems)
            flagged_known |= fake & KNOWN_BAD
            continue
        bad_args = [p for p in problems if p.code == "bad-arguments"]
        if name == "BlockObjectCount":  # the official example really omits the required block name
            assert [p.name for p in bad_args] == ["rs.BlockObjectCount"]
            continue
        if name in KNOWN_UNSAFE:
            assert_known_unsafe(name, problems)
            unsafe_seen.add(name)
            continue
        assert problems == [], (name, problems)
        clean_checked += 1
    assert clean_checked > 700
    assert flagged_known == KNOWN_BAD
    assert unsafe_seen == set(n for n in KNOWN_UNSAFE if not n.endswith(".py"))


def test_rhinocommon_python_examples_have_no_false_positives():
    path = os.path.join(SOURCES, "rhinocommon_api_examples.json")
    with open(path, encoding="utf-8") as handle:
        examples = [e for e in json.load(handle) if e["name"].endswith(".py")]
    checked = 0
    for example in examples:
        problems = check(example["code"])
        if any(p.code == "syntax" for p in problems):
            continue  # Python 2 era examples
        if example["name"] in KNOWN_UNSAFE:
            assert_known_unsafe(example["name"], problems)
            continue
        assert problems == [], (example["name"], problems)
        checked += 1
    assert checked > 40


# ---- rhinocoder check (the CLI contract) ------------------------------------------------------
import subprocess  # noqa: E402
import sys  # noqa: E402

CLI = ("import sys\nfrom rhino_plugin.cli import main\ncode = main(sys.argv[1:])\n"
       "assert 'rhino3dm' not in sys.modules and 'mlx' not in sys.modules\nsys.exit(code)\n")


def rhinocoder(*argv, stdin=None):
    return subprocess.run([sys.executable, "-c", CLI] + list(argv), capture_output=True, text=True,
                          input=stdin, timeout=60)


def test_cli_json_problems_and_exit_codes(tmp_path):
    script = tmp_path / "bad.py"
    script.write_text("import rhinoscriptsyntax as rs\nrs.Viewsize()\nimport os\nos.system('x')\n", encoding="utf-8")
    proc = rhinocoder("check", str(script), "--json")
    assert proc.returncode == 1, proc.stderr
    out = json.loads(proc.stdout)
    assert out["ok"] is False
    assert [(p["code"], p["line"], p["name"]) for p in out["problems"]] == [
        ("unknown-name", 2, "rs.Viewsize"), ("unsafe", 4, "os.system")]
    assert set(out["problems"][0]) == {"code", "line", "name", "message", "suggestion"}
    allowed = json.loads(rhinocoder("check", str(script), "--json", "--allow-unsafe").stdout)
    assert [p["code"] for p in allowed["problems"]] == ["unknown-name"]
    allowed = json.loads(rhinocoder("check", "--allow", "network", "--allow", "process", str(script), "--json").stdout)
    assert [p["code"] for p in allowed["problems"]] == ["unknown-name"]
    proc = rhinocoder("check", str(script))
    assert proc.returncode == 1
    assert "bad.py:2: unknown-name" in proc.stdout and "rs.ViewSize" in proc.stdout


def test_cli_clean_script_and_stdin(tmp_path):
    script = tmp_path / "ok.py"
    script.write_text("import rhinoscriptsyntax as rs\nrs.AddPoint(0, 0, 0)\n", encoding="utf-8")
    proc = rhinocoder("check", str(script), "--json")
    assert proc.returncode == 0 and json.loads(proc.stdout) == {"ok": True, "problems": []}
    proc = rhinocoder("check", "-", "--json", stdin="print(1)\n")
    assert proc.returncode == 0 and json.loads(proc.stdout)["ok"] is True


@pytest.mark.parametrize("content,expected", [
    (None, "cannot read script"), (b"\xff\xfe\x00", "not UTF-8"), (b"  \n\n", "is empty")])
def test_cli_bad_input_is_one_line_exit_2(tmp_path, content, expected):
    script = tmp_path / "in.py"
    if content is not None:
        script.write_bytes(content)
    proc = rhinocoder("check", str(script), "--json")
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert expected in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1
    assert "Traceback" not in proc.stderr


def test_cli_syntax_error_is_a_problem_not_bad_input(tmp_path):
    script = tmp_path / "syn.py"
    script.write_text("def f(:\n    pass\n", encoding="utf-8")
    proc = rhinocoder("check", str(script), "--json")
    assert proc.returncode == 1
    assert json.loads(proc.stdout)["problems"][0]["code"] == "syntax"
