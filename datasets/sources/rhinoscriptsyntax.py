"""Pairs from the official rhinoscriptsyntax docstring examples (`rhinoscriptsyntax.json`).

Each example becomes up to three pairs, one per phrasing of the function's description the way
users ask ("How do I get the area centroid of a closed curve?"). Examples are normalised (CRLF,
tabs) and must compile as Python 3. Object pickers become preselection-compatible
(`preselect=True`) and the pair carries a document in which a matching object is selected, so
the prompt shows the same context block the plugin sends. Simple value pickers (GetPoint,
GetReal, GetInteger, GetString) are replaced by the value a user would type; any other picker
drops the example. Examples that call functions rhinoscriptsyntax does not have are dropped and
returned as negative cases for the checker's tests.
"""
import ast
import json
import re
from pathlib import Path
from typing import Dict, List, Optional, Tuple

from ..records import Candidate, normalize_code

FILE = "rhinoscriptsyntax.json"

# rs code that makes one object of a kind, for examples whose picker asks for it
KIND_SETUP = {
    "curve": "rs.AddCurve([(0, 0, 0), (3, 4, 0), (6, 2, 0), (10, 5, 0)])",
    "line": "rs.AddLine((0, 0, 0), (10, 0, 0))",
    "circle": "rs.AddCircle((0, 0, 0), 5)",
    "arc": "rs.AddArc3Pt((0, 0, 0), (10, 0, 0), (5, 5, 0))",
    "polyline": "rs.AddPolyline([(0, 0, 0), (10, 0, 0), (10, 10, 0), (0, 10, 0), (0, 0, 0)])",
    "closed": "rs.AddCircle((0, 0, 0), 5)",
    "surface": "rs.AddPlaneSurface(rs.WorldXYPlane(), 10, 10)",
    "polysurface": "rs.AddBox([(0,0,0),(10,0,0),(10,10,0),(0,10,0),(0,0,10),(10,0,10),(10,10,10),(0,10,10)])",
    "mesh": ("rs.AddMesh([(0,0,0),(5,0,0),(5,5,0),(0,5,0),(0,0,5),(5,0,5),(5,5,5),(0,5,5)], "
             "[(0,3,2,1),(4,5,6,7),(0,1,5,4),(1,2,6,5),(2,3,7,6),(3,0,4,7)])"),
    "point": "rs.AddPoint(1, 2, 3)",
    "pointcloud": "rs.AddPointCloud([(0, 0, 0), (1, 1, 1), (2, 0, 1)])",
    "textdot": "rs.AddTextDot(\"dot\", (5, 5, 5))",
}
OBJECT_PICKERS = {"GetObject", "GetObjects", "GetObjectEx", "GetObjectsEx", "GetCurveObject",
                  "GetSurfaceObject", "GetPointCoordinates"}
VALUE_PICKERS = {"GetPoint": "(5.0, 5.0, 0.0)", "GetReal": "5.0", "GetInteger": "3", "GetString": "\"Example\""}
_VERBS = {"returns": "get", "return": "get", "verifies": "check if", "verify": "check if",
          "determines": "find out", "retrieves": "get", "calculates": "calculate", "queries": "get"}


def load_functions(sources: Path) -> List[dict]:
    with open(sources / FILE, encoding="utf-8") as fh:
        data = json.load(fh)
    if not isinstance(data, list) or not data or "functions" not in data[0]:
        raise ValueError("%s: expected a list of modules with 'functions'" % FILE)
    return [f for module in data for f in module["functions"]]


def _base(verb: str) -> str:
    v = verb.lower()
    if v in _VERBS:
        return _VERBS[v]
    if v.endswith("ies"):
        return v[:-3] + "y"
    if v.endswith(("ches", "shes", "sses", "xes")):
        return v[:-2]
    if v.endswith("s") and not v.endswith("ss"):
        return v[:-1]
    return v


def phrasings(name: str, description: str) -> List[str]:
    """User-style requests from the first sentence of a function's description."""
    text = " ".join((description or "").replace("\r\n", " ").split())
    first = re.split(r"(?<=[a-z0-9)])\.\s", text + " ")[0].strip().rstrip(".")
    words = first.split()
    if len(words) < 3:
        return ["How do I use rs.%s?" % name]
    verb, rest = words[0], " ".join(words[1:])
    if words[1].lower() == "or" and len(words) > 3:  # "Returns or modifies the color ..."
        verb, rest = "%s or %s" % (_base(words[0]), _base(words[2])), " ".join(words[3:])
        base = verb
    else:
        base = _base(verb)
    rest = re.sub(r"\s+", " ", rest).strip()
    return ["How do I %s %s?" % (base, rest),
            "%s %s." % (base[:1].upper() + base[1:], rest),
            "Write a script to %s %s with rhinoscriptsyntax." % (base, rest)]


def _insert_preselect(code: str, calls: List[ast.Call]) -> Optional[str]:
    lines = code.split("\n")
    for call in sorted(calls, key=lambda c: (c.end_lineno, c.end_col_offset), reverse=True):
        if any(k.arg == "preselect" for k in call.keywords):
            continue
        names = {"GetObject": 3, "GetObjects": 3, "GetObjectEx": 3, "GetObjectsEx": 3,
                 "GetCurveObject": 1, "GetSurfaceObject": 1, "GetPointCoordinates": 1}
        if len(call.args) > names[call.func.attr]:
            return None  # preselect already passed by position
        row = lines[call.end_lineno - 1]
        at = call.end_col_offset - 1
        if row[at] != ")":
            return None
        sep = ", " if (call.args or call.keywords) else ""
        lines[call.end_lineno - 1] = row[:at] + sep + "preselect=True" + row[at:]
    return "\n".join(lines)


def _replace_values(code: str, calls: List[ast.Call]) -> str:
    lines = code.split("\n")
    for call in sorted(calls, key=lambda c: (c.lineno, c.col_offset), reverse=True):
        if call.lineno != call.end_lineno:
            raise ValueError("multi-line picker")
        row = lines[call.lineno - 1]
        lines[call.lineno - 1] = row[:call.col_offset] + VALUE_PICKERS[call.func.attr] + row[call.end_col_offset:]
    return "\n".join(lines)


def convert(function: dict, official: set, interactive: set) -> Tuple[Optional[Tuple[str, Optional[str]]], str]:
    """((code, kind-of-selected-object or None), "") or (None, drop reason)."""
    from rhino_headless.official_examples import _object_kind  # the example harness's own reading

    raw = function.get("ExampleString") or "\n".join(function.get("Example") or [])
    if not raw.strip():
        return None, "no-example"
    code = normalize_code(raw)
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return None, "not-python3"
    rs_calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)
                and isinstance(n.func.value, ast.Name) and n.func.value.id == "rs"]
    unknown = sorted(set(c.func.attr for c in rs_calls if c.func.attr not in official))
    if unknown:
        return None, "unknown-function"
    pickers = [c for c in rs_calls if c.func.attr in OBJECT_PICKERS]
    values = [c for c in rs_calls if c.func.attr in VALUE_PICKERS]
    other = [c for c in rs_calls if c.func.attr in interactive
             and c.func.attr not in OBJECT_PICKERS and c.func.attr not in VALUE_PICKERS]
    if other:
        return None, "interactive-picker"
    kinds = set(_object_kind(c, function["Name"], function["ModuleName"]) for c in pickers)
    if len(kinds) > 1 or "none" in kinds or any(k not in KIND_SETUP for k in kinds):
        return None, "interactive-picker"
    try:
        code = _replace_values(code, values)
        tree = ast.parse(code)
        pickers = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)
                   and n.func.attr in OBJECT_PICKERS]
        fixed = _insert_preselect(code, pickers)
    except (ValueError, SyntaxError, IndexError):
        return None, "interactive-picker"
    if fixed is None:
        return None, "interactive-picker"
    return (normalize_code(fixed), kinds.pop() if kinds else None), ""


def read(sources: Path, official: set) -> Tuple[List[Candidate], Dict[str, int], List[dict]]:
    """(candidates, dropped-by-reason, negative cases)."""
    cands, dropped, negatives = [], {}, []
    functions = load_functions(sources)
    interactive = set(f["Name"] for f in functions if f["ModuleName"] == "userinterface")
    for f in functions:
        got, why = convert(f, official, interactive)
        if got is None:
            dropped[why] = dropped.get(why, 0) + 1
            if why == "unknown-function":
                negatives.append({"function": f["Name"], "code": normalize_code(f.get("ExampleString") or "")})
            continue
        code, kind = got
        setup = ("import rhinoscriptsyntax as rs\n" + KIND_SETUP[kind] + "\n") if kind else None
        for k, request in enumerate(phrasings(f["Name"], f.get("Description", ""))):
            cands.append(Candidate(
                request=request, code=code, source="rhinoscriptsyntax", family="rs-example:" + f["Name"],
                category="rs-" + f["ModuleName"], kind="selection" if kind else "instruction",
                setup=setup, select=bool(kind), must_execute=False))
    return cands, dropped, negatives
