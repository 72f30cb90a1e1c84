"""The family registry and the generic family checker.

A family is a function `gen(rng) -> dict` returning `request`, `code` and `expect` (what the
document must show after the script ran), plus optional `setup` and `select` for selection-aware
families. Every instance is executed on a fresh headless document and kept only when it runs
and `expect` holds. A family whose checker rejects every instance is reported by the build.

`expect` keys (all optional):
    count: {rs object type code: n}  objects created, by type (1 point, 4 curve, 8 surface,
           16 polysurface, 32 mesh, 2 point cloud, 8192 text dot; "solid" = 8|16|extrusion)
    bbox: [[x0, y0, z0], [x1, y1, z1]]  bounding box of everything created
    prints: [numbers]  numbers that must appear in stdout
    layers: [full paths that must exist];  on_layer: layer every created object is on
    deleted: n;  selected_changed: {"layer": name} | {"color": [r, g, b]} | ...
    selected_types: {type: n}  what is selected after the script (exactly)
    remaining_types: {type: n}  every object left in the document, by type (exactly)
    hidden_on / locked_on: {layer: bool}  every object on the layer is hidden (locked) or not
    hidden_count: n;  type_on_layer: [type, layer, n]  all n objects of the type are on the layer
    layers_hidden / layers_locked: [layer names]  layers turned off / locked
    group_sizes: {group name: n};  layer_colors: {layer: [r, g, b]};  layers_absent: [names]
    through: [points]  the one created curve passes through every point
    names_by_x: [names]  the setup objects, left to right, carry these names
"""
import random
import re
from typing import Any, Callable, Dict, List

from ..execute import checker
from ..records import Candidate

FAMILIES = {}  # type: Dict[str, Dict[str, Any]]
SOLID = (8, 16, 1073741824)
TOL = 1e-4


def family(name: str, category: str, instances: int = 24, selection: bool = False):
    def wrap(fn: Callable[[random.Random], Dict[str, Any]]):
        FAMILIES[name] = {"gen": fn, "category": category, "instances": instances, "selection": selection}
        return fn
    return wrap


def _types(rs, ids, want):
    got = {}
    for i in ids:
        t = rs.ObjectType(i)
        key = "solid" if t in SOLID and t not in want else t
        got[key] = got.get(key, 0) + 1
    return got


def _want(counts):
    return dict((("solid" if k == "solid" else int(k)), v) for k, v in counts.items())


def _rgb(c):
    return (c.R, c.G, c.B) if hasattr(c, "R") else tuple(c[:3])


@checker("generic")
def generic(rs, result, expect):
    created = list(result.created)
    if "count" in expect:
        # "solid": a surface, polysurface or extrusion, whichever Rhino makes for the call
        want = _want(expect["count"])
        got = _types(rs, created, want)
        assert got == want, "created %s, expected %s" % (got, want)
    for key, ids in (("selected_types", lambda: rs.SelectedObjects() or []),
                     ("remaining_types", lambda: (rs.AllObjects() or []) + (rs.HiddenObjects() or []))):
        if key in expect:
            want = _want(expect[key])
            got = _types(rs, set(ids()), want)
            assert got == want, "%s %s, expected %s" % (key.split("_")[0], got, want)
    for key, test in (("hidden_on", rs.IsObjectHidden), ("locked_on", rs.IsObjectLocked)):
        for layer, state in sorted((expect.get(key) or {}).items()):
            for i in rs.ObjectsByLayer(layer) or []:
                assert bool(test(i)) == state, "an object on %s is %s%s" % (layer, "" if test(i) else "not ", key[:-3])
    if "hidden_count" in expect:
        assert len(rs.HiddenObjects() or []) == expect["hidden_count"], "%d hidden" % len(rs.HiddenObjects() or [])
    if "type_on_layer" in expect:
        kind, layer, n = expect["type_on_layer"]
        on = [i for i in rs.ObjectsByType(kind) or [] if rs.ObjectLayer(i) == layer]
        assert len(on) == n == len(rs.ObjectsByType(kind)), "%d of type %s on %s" % (len(on), kind, layer)
    for layer in expect.get("layers_hidden") or []:
        assert not rs.LayerVisible(layer), "layer %s still on" % layer
    for layer in expect.get("layers_locked") or []:
        assert rs.LayerLocked(layer), "layer %s not locked" % layer
    for name, n in sorted((expect.get("group_sizes") or {}).items()):
        assert rs.IsGroup(name) and len(rs.ObjectsByGroup(name) or []) == n, "group %s" % name
    for layer, rgb in sorted((expect.get("layer_colors") or {}).items()):
        assert _rgb(rs.LayerColor(layer)) == tuple(rgb), "layer %s colour %s" % (layer, _rgb(rs.LayerColor(layer)))
    for layer in expect.get("layers_absent") or []:
        assert not rs.IsLayer(layer), "layer %s still there" % layer
    if expect.get("through"):
        curve = [i for i in created if rs.IsCurve(i)][0]
        for p in expect["through"]:
            q = rs.EvaluateCurve(curve, rs.CurveClosestPoint(curve, p))
            assert rs.Distance(p, q) < 1e-6, "the curve misses %s" % (p,)
    if expect.get("names_by_x"):
        ids = sorted((i for i in expect.get("selected") or []), key=lambda i: rs.BoundingBox(i)[0][0])
        names = [rs.ObjectName(i) for i in ids]
        assert names == expect["names_by_x"], "names %s" % names
    if "bbox" in expect and created:
        bb = rs.BoundingBox(created)
        lo, hi = expect["bbox"]
        tol = expect.get("bbox_tol", TOL)  # rotated spheres: Rhino's boxes are not tight either
        for k in range(3):
            assert abs(bb[0][k] - lo[k]) < max(tol, 1e-6 * abs(lo[k])), "min corner %s != %s" % (list(bb[0]), lo)
            assert abs(bb[6][k] - hi[k]) < max(tol, 1e-6 * abs(hi[k])), "max corner %s != %s" % (list(bb[6]), hi)
    if "length" in expect:
        total = sum(rs.CurveLength(i) for i in created if rs.IsCurve(i))
        assert abs(total - expect["length"]) < max(1e-4, 1e-6 * expect["length"]), "curve length %s != %s" % (
            total, expect["length"])
    for axis, key in ((0, "bbox_x"), (2, "bbox_z")):
        if key in expect and created:
            bb = rs.BoundingBox(created)
            lo, hi = expect[key]
            assert abs(bb[0][axis] - lo) < 1e-3 and abs(bb[6][axis] - hi) < 1e-3, "%s %s..%s != %s..%s" % (
                key, bb[0][axis], bb[6][axis], lo, hi)
    if "layer_total" in expect:
        assert len(rs.LayerNames()) == expect["layer_total"], "%d layers, expected %d" % (
            len(rs.LayerNames()), expect["layer_total"])
    if "units" in expect:
        assert rs.UnitSystem() == expect["units"], "unit system %s" % rs.UnitSystem()
    if "prints" in expect:
        nums = [float(x) for x in re.findall(r"-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?", result.stdout)]
        for want in expect["prints"]:
            assert any(abs(x - want) <= max(1e-3, 1e-4 * abs(want)) for x in nums), \
                "%s not printed in %r" % (want, result.stdout[:200])
    for path in expect.get("layers", []):
        assert rs.IsLayer(path), "layer %s missing" % path
    if "on_layer" in expect:
        for i in created:
            assert rs.ObjectLayer(i) == expect["on_layer"], "object on %s" % rs.ObjectLayer(i)
    if "deleted" in expect:
        assert len(result.deleted) == expect["deleted"], "deleted %d" % len(result.deleted)
    sel = [i for i in (expect.get("selected") or [])]
    for key, want in (expect.get("selected_changed") or {}).items():
        for i in sel:
            if key == "layer":
                assert rs.ObjectLayer(i) == want, "selected object on %s" % rs.ObjectLayer(i)
            elif key == "color":
                assert _rgb(rs.ObjectColor(i)) == tuple(want), "colour %s" % (_rgb(rs.ObjectColor(i)),)
            elif key == "name":
                assert rs.ObjectName(i) == want, "name %s" % rs.ObjectName(i)
            elif key == "user_text":
                k, v = want
                assert rs.GetUserText(i, k) == v, "user text %s" % rs.GetUserText(i, k)
            elif key == "locked":
                assert rs.IsObjectLocked(i) == want
            elif key == "hidden":
                assert rs.IsObjectHidden(i) == want
            elif key == "exists":
                assert rs.IsObject(i) == want
    if "bbox_selected" in expect:
        ids = [i for i in sel if rs.IsObject(i)]
        bb = rs.BoundingBox(ids)
        lo, hi = expect["bbox_selected"]
        for k in range(3):
            assert abs(bb[0][k] - lo[k]) < 1e-4 and abs(bb[6][k] - hi[k]) < 1e-4, "selection box %s..%s" % (
                list(bb[0]), list(bb[6]))
    if expect.get("group_count") is not None:
        assert len(rs.GroupNames() or []) == expect["group_count"], "groups %s" % rs.GroupNames()
    if expect.get("doc_text"):
        k, v = expect["doc_text"]
        assert rs.GetDocumentUserText(k) == v


def candidates(seed: int) -> List[Candidate]:
    from . import document, families, selection  # noqa: F401  (register the families)

    out = []
    for name in sorted(FAMILIES):
        fam = FAMILIES[name]
        rng = random.Random("%s:%d" % (name, seed))
        for _ in range(fam["instances"]):
            inst = fam["gen"](rng)
            out.append(Candidate(
                request=inst["request"], code=inst["code"], source="synthetic", family="syn:" + name,
                category=fam["category"], kind="selection" if fam["selection"] else "instruction",
                setup=inst.get("setup"), select=bool(inst.get("setup")) and fam["selection"],
                check="generic", params=inst.get("expect", {}), must_execute=True))
    return out


def pick(rng: random.Random, options: List[str]) -> str:
    return options[rng.randrange(len(options))]


def num(x: float) -> str:
    """A number as a person would type it: 2, 2.5, 0.25."""
    return ("%.4f" % x).rstrip("0").rstrip(".") if isinstance(x, float) else str(x)
