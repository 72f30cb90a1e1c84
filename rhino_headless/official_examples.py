"""Run McNeel's official rhinoscriptsyntax examples on the headless document.

Each example gets a fresh document holding one fixture object of each common kind, and scripted
answers built from the example itself: for every picker call, in source order, an object of the
kind the call's filter (or its prompt, or the documented function) asks for, a point, a number,
a string... Results are classified:
  pass         ran unchanged;
  needs_rhino  stopped on NeedsRhinoError or NeedsUserInputError (a deliberate limit);
  fail         any other error;
  broken       the example itself is wrong (does not parse, misspells the import, or calls a
               function rhinoscriptsyntax does not have) and failed, as it would in Rhino.
"Runnable" examples are those whose called rs functions are all official and implemented.
The host is injected (`make_host(doc)` -> object with `run(code, timeout=...)`), so this module
stays on the rhino_headless side of the imports.
"""
import ast
import os
import re
import tempfile
import time
from typing import Any, Callable, Dict, List, Optional, Tuple

import rhino3dm

from . import coverage
from .document import HeadlessDoc

NEEDS = ("NeedsRhinoError", "NeedsUserInputError")

# the rs.filter codes, for evaluating `filter=rs.filter.curve | rs.filter.surface`
FILTERS = {"allobjects": 0, "point": 1, "pointcloud": 2, "curve": 4, "surface": 8, "polysurface": 16,
           "mesh": 32, "light": 256, "annotation": 512, "instance": 4096, "textdot": 8192, "grip": 16384,
           "detail": 32768, "hatch": 65536, "morph": 131072, "subd": 262144, "extrusion": 1073741824}

# fixture kinds, in the order a filter code or a word picks them
_FILTER_KIND = [(4, "curve"), (8, "surface"), (16, "polysurface"), (32, "mesh"), (1, "point"),
                (2, "pointcloud"), (8192, "textdot"), (1073741824, "polysurface"), (256, "light"),
                (4096, "instance")]
_WORDS = [("polysurface", "polysurface"), ("brep", "polysurface"), ("solid", "polysurface"),
          ("box", "polysurface"), ("extrusion", "polysurface"), ("surface", "surface"), ("srf", "surface"),
          ("mesh", "mesh"), ("point cloud", "pointcloud"), ("pointcloud", "pointcloud"), ("cloud", "pointcloud"),
          ("text dot", "textdot"), ("textdot", "textdot"), ("dot", "textdot"), ("light", "light"),
          ("block", "instance"), ("instance", "instance"), ("circle", "circle"),
          ("arc", "arc"), ("polyline", "polyline"), ("line", "line"), ("curve", "curve"), ("crv", "curve"),
          ("point", "point"), ("pt", "point")]
POINTS = [[5.0, 5.0, 0.0], [5.0, 5.0, 10.0], [10.0, 0.0, 0.0], [0.0, 10.0, 0.0]]
_MODULE_KIND = {"curve": "curve", "surface": "surface", "mesh": "mesh", "geometry": "point", "block": "instance"}
_GET_OBJECT = {"GetObject", "GetObjects", "GetObjectEx", "GetObjectsEx", "GetCurveObject",
               "GetSurfaceObject", "GetPointCoordinates"}


# ---------------------------------------------------------------- fixtures

def fixture_doc() -> Tuple[HeadlessDoc, Dict[str, List[str]]]:
    """A document with one object of each common kind; {kind: [id, ...]}."""
    P = rhino3dm.Point3d
    doc = HeadlessDoc.from_file3dm(_file_with_block_and_material())
    ids = {"instance": [str(o.id) for o in doc.objects()]}  # type: Dict[str, List[str]]

    def add(kind, geometry, *also):
        oid = str(doc.add(geometry, copy=False))
        for k in (kind,) + also:
            ids.setdefault(k, []).append(oid)

    pts = [P(0, 0, 0), P(3, 4, 0), P(6, 2, 0), P(10, 5, 0)]
    add("curve", rhino3dm.NurbsCurve.Create(False, 3, pts))
    add("line", rhino3dm.LineCurve(P(0, 0, 0), P(10, 0, 0)), "curve")
    add("circle", rhino3dm.ArcCurve.CreateFromCircle(rhino3dm.Circle(P(0, 0, 0), 5.0)), "curve", "closed")
    add("arc", rhino3dm.ArcCurve.CreateFromArc(rhino3dm.Arc(P(0, 0, 0), P(5, 5, 0), P(10, 0, 0))), "curve")
    square = [P(0, 0, 0), P(10, 0, 0), P(10, 10, 0), P(0, 10, 0), P(0, 0, 0)]
    add("polyline", rhino3dm.PolylineCurve(square), "curve", "closed")
    plane = rhino3dm.NurbsSurface.CreateFromPlane(rhino3dm.Plane.WorldXY(), rhino3dm.Interval(0, 10),
                                                  rhino3dm.Interval(0, 10), 1, 1, 2, 2) \
        if hasattr(rhino3dm.NurbsSurface, "CreateFromPlane") else None
    if plane is None:
        plane = rhino3dm.PlaneSurface(rhino3dm.Plane.WorldXY(), rhino3dm.Interval(0, 10), rhino3dm.Interval(0, 10))
    add("surface", rhino3dm.Brep.CreateFromSurface(plane))
    box = rhino3dm.Box(rhino3dm.BoundingBox(P(20, 0, 0), P(30, 10, 10)))
    add("polysurface", rhino3dm.Brep.CreateFromBox(box))
    add("mesh", _box_mesh(P))
    add("point", rhino3dm.Point(P(1, 2, 3)))
    add("pointcloud", rhino3dm.PointCloud([P(0, 0, 0), P(1, 1, 1), P(2, 0, 1)]))
    add("textdot", rhino3dm.TextDot("dot", P(5, 5, 5)))
    spot = rhino3dm.Light()
    spot.LightStyle = rhino3dm.LightStyle.WorldSpot
    spot.Location, spot.Direction = P(0, 0, 10), rhino3dm.Vector3d(0, 0, -10)
    spot.SpotAngleRadians = 0.5
    add("light", spot)
    # a layer and a group, as a user's document has
    doc.add_layer("Layer 01", (255, 0, 0))
    doc.add_to_group(ids["line"] + ids["circle"], doc.add_group("Group01"))
    return doc, ids


def _file_with_block_and_material() -> rhino3dm.File3dm:
    """A model holding a render material and a block "Block01" (a line) with one instance."""
    model = rhino3dm.File3dm()
    material = rhino3dm.Material()
    material.Name = "Material01"
    model.Materials.Add(material)
    line = rhino3dm.LineCurve(rhino3dm.Point3d(0, 0, 0), rhino3dm.Point3d(1, 0, 0))
    model.InstanceDefinitions.Add("Block01", "a block", "", "", rhino3dm.Point3d(0, 0, 0), (line,),
                                  (rhino3dm.ObjectAttributes(),))
    ref = rhino3dm.InstanceReference(model.InstanceDefinitions[0].Id, rhino3dm.Transform.Translation(40, 0, 0))
    model.Objects.AddInstanceObject(ref)
    return model


def _box_mesh(P):
    mesh = rhino3dm.Mesh()
    for x, y, z in [(0, 0, 20), (5, 0, 20), (5, 5, 20), (0, 5, 20), (0, 0, 25), (5, 0, 25), (5, 5, 25), (0, 5, 25)]:
        mesh.Vertices.Add(x, y, z)
    for f in [(0, 3, 2, 1), (4, 5, 6, 7), (0, 1, 5, 4), (1, 2, 6, 5), (2, 3, 7, 6), (3, 0, 4, 7)]:
        mesh.Faces.AddFace(*f)
    mesh.Normals.ComputeNormals()
    return mesh


# ---------------------------------------------------------------- reading an example

def rs_calls(code: str) -> List[ast.Call]:
    """The example's `rs.Name(...)` calls in source order."""
    tree = ast.parse(code)
    calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)
             and isinstance(n.func.value, ast.Name) and n.func.value.id == "rs"]
    return sorted(calls, key=lambda n: (n.lineno, n.col_offset))


def rs_names(code: str) -> List[str]:
    """Every `rs.X` attribute the example uses (X is a function name, or `filter`)."""
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return sorted(set(re.findall(r"\brs\.(\w+)", code)))
    return sorted({n.attr for n in ast.walk(tree) if isinstance(n, ast.Attribute)
                   and isinstance(n.value, ast.Name) and n.value.id == "rs"})


def _assignments(code: str) -> Dict[str, ast.AST]:
    """The example's simple `name = value` assignments (first one wins)."""
    out = {}
    for node in ast.walk(ast.parse(code)):
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            out.setdefault(node.targets[0].id, node.value)
    return out


def _arg(call: ast.Call, position: int, keyword: str) -> Optional[ast.AST]:
    node = None
    for kw in call.keywords:
        if kw.arg == keyword:
            node = kw.value
    if node is None and len(call.args) > position:
        node = call.args[position]
    return node


def _resolved(call: ast.Call, assigned: Dict[str, ast.AST]) -> ast.Call:
    """The call with arguments that name an assigned variable replaced by its value."""
    def value(node):
        return assigned.get(node.id, node) if isinstance(node, ast.Name) else node
    out = ast.Call(func=call.func, args=[value(a) for a in call.args],
                   keywords=[ast.keyword(arg=k.arg, value=value(k.value)) for k in call.keywords])
    return ast.copy_location(out, call)


def _filter_value(node: Optional[ast.AST]) -> int:
    if node is None:
        return 0
    if isinstance(node, ast.Constant) and isinstance(node.value, int):
        return node.value
    if isinstance(node, ast.Attribute):
        return FILTERS.get(node.attr, 0)
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.BitOr, ast.Add)):
        return _filter_value(node.left) | _filter_value(node.right)
    return 0


def _text(node: Optional[ast.AST]) -> str:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else ""


def _kind_from_words(text: str) -> Optional[str]:
    words = re.sub(r"([a-z])([A-Z])", r"\1 \2", text).lower()
    for word, kind in _WORDS:
        if re.search(r"\b%s" % re.escape(word), words):
            return kind
    return None


def _object_kind(call: ast.Call, function: str, module: str) -> str:
    name = call.func.attr
    if name == "GetCurveObject":
        return _kind_from_words(function) if _kind_from_words(function) in ("circle", "arc", "line", "polyline") \
            else "curve"
    if name == "GetSurfaceObject":
        return "surface"
    if name == "GetPointCoordinates":
        return "point"
    code = _filter_value(_arg(call, 1, "filter"))
    if code and not any(code & bit for bit, _ in _FILTER_KIND):
        return "none"  # lights, annotations, blocks, grips, details: no fixture
    hinted = _kind_from_words(function) or _MODULE_KIND.get(module)
    if code:
        for bit, kind in _FILTER_KIND:
            if code & bit:
                # a curve filter with a function about circles/arcs/lines picks that curve
                if kind == "curve" and hinted in ("circle", "arc", "line", "polyline"):
                    return hinted
                return kind
    return _kind_from_words(_text(_arg(call, 0, "message"))) or hinted or "curve"


def _literal(node: Optional[ast.AST]) -> Any:
    try:
        return ast.literal_eval(node) if node is not None else None
    except (ValueError, SyntaxError, TypeError):
        return None


def _string_answer(call: ast.Call) -> str:
    strings = _literal(_arg(call, 2, "strings"))
    if strings:
        return list(strings)[0]
    default = _literal(_arg(call, 1, "defaultString"))
    if isinstance(default, str) and default:
        return default
    message = _text(_arg(call, 0, "message")).lower()
    for word, answer in (("layer", "Default"), ("view", "Top"), ("group", "Group01"), ("block", "Block01"),
                         ("name", "Name01")):
        if word in message:
            return answer
    return "Default"


def _number_answer(call: ast.Call, integer: bool) -> Any:
    default = _literal(_arg(call, 1, "number"))
    low = _literal(_arg(call, 2, "minimum"))
    if isinstance(default, (int, float)) and not isinstance(default, bool):
        value = default
    elif isinstance(low, (int, float)):
        value = max(low, 2)
    else:
        value = 2
    return int(value) if integer else float(value)


def _items(node: Optional[ast.AST], layers: List[str], assigned: Dict[str, ast.AST]) -> List[Any]:
    """The items a list box shows: a literal list, or the document's layers for rs.LayerNames()."""
    value = _literal(node)
    if isinstance(value, (list, tuple)) and value:
        return [v[0] if isinstance(v, (list, tuple)) else v for v in value]
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "LayerNames":
        return list(layers)
    if isinstance(node, ast.ListComp) and isinstance(node.generators[0].iter, ast.Name):
        return _items(assigned.get(node.generators[0].iter.id), layers, assigned)
    return []


def build_answers(code: str, function: str, module: str, ids: Dict[str, List[str]],
                  layers: Optional[List[str]] = None) -> List[Any]:
    """Scripted answers for the example's picker calls, in source order."""
    layers = layers or ["Default"]
    answers = []  # type: List[Any]
    surface_point = [5.0, 5.0, 0.0]
    assigned = _assignments(code)
    picked = []  # type: List[str]  # the ids the last object picker was answered with
    for call in rs_calls(code):
        call = _resolved(call, assigned)
        name = call.func.attr
        if name in _GET_OBJECT:
            kind = _object_kind(call, function, module)
            pool = ids.get(kind)
            if not pool:  # no fixture of that kind (lights, blocks, ...): the picker gets no answer
                break
            many = name in ("GetObjects", "GetObjectsEx", "GetPointCoordinates")
            answers.append(list(pool) if many else pool[0])
            picked = list(pool) if many else [pool[0]]
        elif name in ("GetObjectGrip", "GetObjectGrips"):  # grips of the object picked before
            owner = picked[0] if picked else ids["curve"][0]
            answers.append([owner, 0] if name == "GetObjectGrip" else [[owner, 0], [owner, 1]])
        elif name == "OpenFileNames":
            answers.append([os.path.join(tempfile.gettempdir(), "rhinocoder-example-%d.txt" % i) for i in (1, 2)])
        elif name == "PropertyListBox":  # one value per item: the objects picked before
            answers.append(["Name%02d" % (i + 1) for i in range(len(picked) or 1)])
        elif name == "GetPoint":  # successive points differ, so lines and axes have length
            answers.append(POINTS[sum(1 for a in answers if a in POINTS) % len(POINTS)])
        elif name in ("GetPointOnSurface", "GetCursorPos"):
            answers.append(surface_point)
        elif name in ("GetPointOnCurve", "GetPointOnMesh"):
            answers.append([0.0, 0.0, 0.0] if name == "GetPointOnCurve" else [0.0, 0.0, 20.0])
        elif name in ("GetPoints", "GetPolyline"):
            answers.append([[0, 0, 0], [10, 0, 0], [10, 10, 0], [0, 10, 0]])
        elif name in ("GetLine",):
            answers.append([[0, 0, 0], [10, 0, 0]])
        elif name in ("GetRectangle",):
            answers.append([[0, 0, 0], [10, 5, 0]])
        elif name in ("GetBox",):
            answers.append([[0, 0, 0], [10, 5, 3]])
        elif name in ("GetReal", "RealBox"):
            answers.append(_number_answer(call, False))
        elif name in ("GetInteger",):
            answers.append(_number_answer(call, True))
        elif name in ("GetAngle",):
            answers.append(45.0)
        elif name in ("GetDistance",):
            answers.append(5.0)
        elif name in ("GetString", "StringBox", "EditBox"):
            answers.append(_string_answer(call) if name == "GetString" else "Default")
        elif name == "GetBoolean":
            items = _literal(_arg(call, 1, "items"))
            answers.append([True] * len(items) if items else [True])
        elif name == "GetColor":
            answers.append([255, 0, 0])
        elif name in ("ListBox", "ComboListBox", "MultiListBox", "CheckListBox"):
            items = _items(_arg(call, 0, "items"), layers, assigned)
            if not items:
                break
            if name == "CheckListBox":
                answers.append([True] * len(items))
            else:
                answers.append(items[0] if name != "MultiListBox" else [items[0]])
        elif name == "MessageBox":
            buttons = _literal(_arg(call, 1, "buttons")) if _arg(call, 1, "buttons") is not None else 0
            kind = _filter_value(_arg(call, 1, "buttons")) & 0xF if not isinstance(buttons, int) else buttons & 0xF
            if kind:
                answers.append({1: 1, 2: 3, 3: 6, 4: 6, 5: 4}.get(kind, 1))
        elif name == "BrowseForFolder":
            answers.append(tempfile.gettempdir())
        elif name in ("OpenFileName", "SaveFileName"):
            answers.append(os.path.join(tempfile.gettempdir(), "rhinocoder-example-%s.txt" % name.lower()))
        elif name == "GetLinetype":
            answers.append("Continuous")
        elif name in ("GetMeshFaces", "GetMeshVertices"):
            answers.append([0, 1])
        elif name == "GetLayer":
            answers.append("Default")
        elif name == "GetLayers":
            answers.append(["Default"])
        elif name == "PopupMenu":
            answers.append(0)
    return answers


# ---------------------------------------------------------------- running and classifying

def classify(result: Any) -> str:
    if result.ok:
        return "pass"
    return "needs_rhino" if result.error is not None and result.error.type in NEEDS else "fail"


def broken(code: str) -> Optional[str]:
    """Why the official example itself is wrong (it fails in Rhino too), or None."""
    try:
        compile(code, "<example>", "exec")
    except SyntaxError as e:
        return "SyntaxError: %s" % e.msg
    for line in code.splitlines():
        m = re.match(r"\s*import\s+(\w+)\s+as\s+rs\b", line)
        if m and m.group(1) != "rhinoscriptsyntax":
            return "imports %s" % m.group(1)
    from . import rhinoscriptsyntax as rs
    unknown = [n for n in rs_names(code) if n != "filter" and n not in coverage.official_functions()
               and not hasattr(rs, n)]  # real rs has a few functions the documentation lacks
    if unknown:
        return "calls rs.%s, which is not an rhinoscriptsyntax function" % ", rs.".join(unknown)
    return None


def run_example(make_host: Callable[[Any], Any], function: str, code: str, timeout: float = 5.0) -> Dict[str, Any]:
    info = coverage.official_functions().get(function, {})
    doc, ids = fixture_doc()
    try:
        answers = build_answers(code, function, info.get("module", ""), ids,
                                [doc.layer_full_path(i) for i in doc.layer_indices()])
    except SyntaxError:
        answers = []
    doc.answers = answers
    start = time.perf_counter()
    result = make_host(doc).run(code, timeout=timeout)
    seconds = time.perf_counter() - start
    status = classify(result)
    why = broken(code)
    if why and status == "fail":
        status = "broken"
    err = result.error
    return {"function": function, "status": status, "broken": why, "seconds": round(seconds, 4),
            "error": None if err is None else {"type": err.type, "message": err.message, "line": err.line}}


def runnable(code: str) -> Tuple[bool, List[str]]:
    """(all called functions official and implemented, names that are not official functions)."""
    from . import rhinoscriptsyntax as rs
    official = coverage.official_functions()
    names = [n for n in rs_names(code) if n != "filter"]
    unknown = [n for n in names if n not in official]
    ok = not unknown and all(coverage.status_of(getattr(rs, n, None)) == "implemented" for n in names)
    return ok, unknown


def run_all(make_host: Callable[[Any], Any], timeout: float = 5.0) -> Dict[str, Any]:
    """Run every official example; per-example results and counts."""
    results = []
    for function, code in coverage.example_cases():
        r = run_example(make_host, function, code, timeout)
        r["runnable"], r["unknown"] = runnable(code)
        results.append(r)
    return {"results": results, "counts": counts(results)}


def counts(results: List[Dict[str, Any]]) -> Dict[str, Any]:
    c = {"total": len(results)}
    for status in ("pass", "needs_rhino", "fail", "broken"):
        c[status] = sum(1 for r in results if r["status"] == status)
    run = [r for r in results if r["runnable"]]
    c["runnable"] = len(run)
    c["runnable_pass"] = sum(1 for r in run if r["status"] == "pass")
    c["runnable_pct"] = 100.0 * c["runnable_pass"] / len(run) if run else 0.0
    return c
