"""Pairs from RhinoCommon: the Python examples (`rhinocommon_api_examples.json`) and member Q&A
(`rhinocommon_api_info.json`).

Examples are Python 2 in the source; `print` statements are converted to Python 3 and the rest
must compile. Member Q&A is generated only where the answer is a runnable use: a known instance
of a common value type is built and the member is read or called and printed, and the pair is
kept only when that script runs (never a bare constructor line).
"""
import ast
import json
import re
from pathlib import Path
from typing import Dict, List, Tuple

from ..records import Candidate, normalize_code

EXAMPLES = "rhinocommon_api_examples.json"
INFO = "rhinocommon_api_info.json"

# a known instance per type, as a user would write it
INSTANCES = {
    "Point3d": ("pt", "rg.Point3d(1.0, 2.0, 3.0)"),
    "Vector3d": ("v", "rg.Vector3d(3.0, 4.0, 0.0)"),
    "Plane": ("plane", "rg.Plane(rg.Point3d(1, 2, 0), rg.Vector3d(0, 0, 1))"),
    "Circle": ("circle", "rg.Circle(rg.Plane.WorldXY, 5.0)"),
    "Arc": ("arc", "rg.Arc(rg.Point3d(0, 0, 0), rg.Point3d(5, 5, 0), rg.Point3d(10, 0, 0))"),
    "Line": ("line", "rg.Line(rg.Point3d(0, 0, 0), rg.Point3d(10, 5, 0))"),
    "BoundingBox": ("bbox", "rg.BoundingBox(rg.Point3d(0, 0, 0), rg.Point3d(4, 5, 6))"),
    "Interval": ("interval", "rg.Interval(2.0, 8.0)"),
    "Polyline": ("polyline", "rg.Polyline([rg.Point3d(0, 0, 0), rg.Point3d(4, 0, 0), rg.Point3d(4, 3, 0)])"),
    "Sphere": ("sphere", "rg.Sphere(rg.Point3d(0, 0, 0), 2.0)"),
    "Transform": ("xform", "rg.Transform.Translation(rg.Vector3d(1, 2, 3))"),
    "Box": ("box", "rg.Box(rg.BoundingBox(rg.Point3d(0, 0, 0), rg.Point3d(2, 3, 4)))"),
}
_NOUN = {"Point3d": "a point", "Vector3d": "a vector", "Plane": "a plane", "Circle": "a circle", "Arc": "an arc",
         "Line": "a line", "BoundingBox": "a bounding box", "Interval": "an interval", "Polyline": "a polyline",
         "Sphere": "a sphere", "Transform": "a transform", "Box": "a box"}


def _py3(code: str):
    """Convert print statements to Python 3; None when the result still does not compile."""
    code = normalize_code(code)
    try:
        ast.parse(code)
        return code
    except SyntaxError:
        pass
    try:
        from lib2to3 import refactor  # stdlib through 3.12; only the print fixer is used
    except ImportError:
        return None
    try:
        tool = refactor.RefactoringTool(["lib2to3.fixes.fix_print", "lib2to3.fixes.fix_except",
                                         "lib2to3.fixes.fix_ne"])
        code = str(tool.refactor_string(code, "example"))
        ast.parse(code)
        return normalize_code(code)
    except Exception:
        return None


def _words(name: str) -> str:
    name = name[:-3] if name.endswith(".py") else name
    name = re.sub(r"^(ex_|Ex)", "", name)
    parts = re.findall(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|\d+", name.replace("_", " "))
    return " ".join(p.lower() for p in parts) or name


def read_examples(sources: Path) -> Tuple[List[Candidate], Dict[str, int]]:
    with open(sources / EXAMPLES, encoding="utf-8") as fh:
        data = json.load(fh)
    cands, dropped = [], {}
    for ex in data:
        if not ex.get("name", "").endswith(".py"):
            continue
        code = _py3(ex.get("code") or "")
        if code is None:
            dropped["not-python3"] = dropped.get("not-python3", 0) + 1
            continue
        if "ghenv" in code or "ghdoc" in code or "Grasshopper" in code:
            dropped["grasshopper"] = dropped.get("grasshopper", 0) + 1
            continue
        members = [".".join([m[0], m[1].split()[-1].split("(")[0]]) for m in ex.get("members", [])][:2]
        topic = _words(ex["name"])
        requests = ["Write a RhinoCommon Python script: %s." % topic]
        if members:
            requests.append("Show me how to use %s in a Rhino Python script." % " and ".join(members))
        for r in requests:
            cands.append(Candidate(request=r, code=code, source="rhinocommon", family="rc-example:" + ex["name"],
                                   category="rhinocommon", must_execute=False))
    return cands, dropped


def _ask(summary: str, noun: str) -> str:
    s = " ".join(summary.split()).rstrip(".")
    s = re.sub(r"^(Gets or sets|Gets|Returns|Computes|Determines|Evaluates|Creates|Finds|Checks)\b",
               lambda m: {"Gets or sets": "get", "Gets": "get", "Returns": "get", "Computes": "compute",
                          "Determines": "determine", "Evaluates": "evaluate", "Creates": "create",
                          "Finds": "find", "Checks": "check"}[m.group(1)], s)
    if s[:1].isupper():
        s = s[:1].lower() + s[1:]
    return "With RhinoCommon, how do I %s for %s? Print the result." % (s, noun)


def read_members(sources: Path) -> Tuple[List[Candidate], Dict[str, int]]:
    with open(sources / INFO, encoding="utf-8") as fh:
        data = json.load(fh)
    cands, dropped = [], {}
    for t in data:
        if t.get("namespace") != "Rhino.Geometry" or t.get("name") not in INSTANCES:
            continue
        var, ctor = INSTANCES[t["name"]]
        for kind in ("properties", "methods"):
            for m in t.get(kind, []) or []:
                sig, summary = m.get("signature", ""), m.get("summary") or ""
                if not summary or sig.startswith("static") or "out " in sig or "ref " in sig:
                    continue
                head = sig.split("(")[0].split()
                if len(head) < 2:
                    continue
                name = head[-1]
                if kind == "methods":
                    if "(" not in sig or sig.split("(", 1)[1].strip() != ")" or head[0] == "void":
                        continue  # only no-argument methods with a result
                    use = "%s.%s()" % (var, name)
                else:
                    use = "%s.%s" % (var, name)
                code = "import Rhino.Geometry as rg\n%s = %s\nprint(%s)\n" % (var, ctor, use)
                cands.append(Candidate(request=_ask(summary, _NOUN[t["name"]]), code=code, source="rhinocommon",
                                       family="rc-member:%s" % t["name"], category="rhinocommon",
                                       must_execute=True))
    return cands, dropped
