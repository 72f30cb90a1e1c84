"""Selection-aware families: the document holds objects, some are selected, and the script works
on the selection (SELECTED_IDS / rs.SelectedObjects()) instead of asking the user to pick.
The prompt carries the plugin's context block for that document (built in execute.py)."""
import math

from .core import family, num, pick
from .families import COLORS, HEAD, LAYER_NAMES

SEL = ["rs.SelectedObjects()", "SELECTED_IDS"]
TYPE = {"points": 1, "circles": 4, "lines": 4, "curves": 4, "boxes": "solid"}


def _scene(rng):
    """(setup code, kind, count, bbox of the selection) — a few objects of one kind, all selected."""
    kind = pick(rng, ["points", "circles", "lines", "boxes", "curves"])
    n = rng.randint(1, 6)
    xs = [3 * k for k in range(n)]
    if kind == "points":
        body = "".join("rs.AddPoint(%d, %d, 0)\n" % (x, k % 3) for k, x in enumerate(xs))
        bb = [[0, 0, 0], [xs[-1], min(n - 1, 2), 0]]
    elif kind == "circles":
        body = "".join("rs.AddCircle((%d, 0, 0), 1)\n" % x for x in xs)
        bb = [[-1, -1, 0], [xs[-1] + 1, 1, 0]]
    elif kind == "lines":
        body = "".join("rs.AddLine((%d, 0, 0), (%d, 4, 0))\n" % (x, x + 1) for x in xs)
        bb = [[0, 0, 0], [xs[-1] + 1, 4, 0]]
    elif kind == "boxes":
        body = "".join("rs.AddBox([(%d,0,0),(%d,0,0),(%d,1,0),(%d,1,0),(%d,0,1),(%d,0,1),(%d,1,1),(%d,1,1)])\n"
                       % (x, x + 1, x + 1, x, x, x + 1, x + 1, x) for x in xs)
        bb = [[0, 0, 0], [xs[-1] + 1, 1, 1]]
    else:
        body = "".join("rs.AddCurve([(%d, 0, 0), (%d, 2, 0), (%d, 0, 0), (%d, 2, 0)])\n" % (x, x + 1, x + 2, x + 3) for x in xs)
        bb = None
    return HEAD + body, kind, n, bb


@family("sel-move", "selection", 40, selection=True)
def sel_move(rng):
    setup, kind, n, bb = _scene(rng)
    v = (pick(rng, [0, 2, 5, -3, 10]), pick(rng, [0, 1, 4, -2]), pick(rng, [0, 0, 3]))
    req = pick(rng, ["Move the selected {k} by {v}.", "shift the selection {v}", "Translate what I selected by ({a}, {b}, {c}).",
                     "Move these {k} {a} in x, {b} in y and {c} in z."]).format(k=kind, v=v, a=v[0], b=v[1], c=v[2])
    code = HEAD + "rs.MoveObjects({s}, {v})\n".format(s=pick(rng, SEL), v=v)
    exp = {"count": {}}
    if bb:
        exp["bbox_selected"] = [[bb[0][i] + v[i] for i in range(3)], [bb[1][i] + v[i] for i in range(3)]]
    return {"request": req, "code": code, "setup": setup, "expect": exp}


@family("sel-copy-up", "selection", 40, selection=True)
def sel_copy(rng):
    setup, kind, n, bb = _scene(rng)
    h = pick(rng, [1, 2, 3, 5, 10])
    axis = pick(rng, ["up", "along X", "along Y"])
    vec = {"up": (0, 0, h), "along X": (h, 0, 0), "along Y": (0, h, 0)}[axis]
    req = pick(rng, ["Copy the selected {k} {h} units {a}.", "duplicate selection {a} by {h}",
                     "Make copies of these {k}, offset {h} {a}, keep the originals."]).format(k=kind, h=h, a=axis)
    code = HEAD + "rs.CopyObjects({s}, {v})\n".format(s=pick(rng, SEL), v=vec)
    exp = {"count": {TYPE[kind]: n}}
    if bb:
        exp["bbox_selected"] = bb
        exp["bbox"] = [[bb[0][i] + vec[i] for i in range(3)], [bb[1][i] + vec[i] for i in range(3)]]
    return {"request": req, "code": code, "setup": setup, "expect": exp}


@family("sel-color", "selection", 40, selection=True)
def sel_color(rng):
    setup, kind, n, bb = _scene(rng)
    c = pick(rng, sorted(COLORS))
    req = pick(rng, ["Colour the selected {k} {c}.", "make selection {c}", "Set the display colour of these {k} to {c}."]).format(k=kind, c=c)
    code = HEAD + "rs.ObjectColor({s}, {rgb})\n".format(s=pick(rng, SEL), rgb=COLORS[c])
    return {"request": req, "code": code, "setup": setup, "expect": {"count": {}, "selected_changed": {"color": list(COLORS[c])}}}


@family("sel-layer", "selection", 40, selection=True)
def sel_layer(rng):
    setup, kind, n, bb = _scene(rng)
    layer = pick(rng, LAYER_NAMES)
    req = pick(rng, ["Put the selected {k} on a new layer {l}.", "move selection to layer {l} (create it)",
                     "Create a layer called {l} and move these {k} onto it."]).format(k=kind, l=layer)
    code = HEAD + "layer = \"{l}\"\nif not rs.IsLayer(layer):\n    rs.AddLayer(layer)\nrs.ObjectLayer({s}, layer)\n".format(l=layer, s=pick(rng, SEL))
    return {"request": req, "code": code, "setup": setup, "expect": {"count": {}, "layers": [layer], "selected_changed": {"layer": layer}}}


@family("sel-name", "selection", 30, selection=True)
def sel_name(rng):
    setup, kind, n, bb = _scene(rng)
    name = pick(rng, ["Keep", "Existing", "Demolish", "NewBuild", "Option A", "Reference"])
    req = pick(rng, ["Name all selected {k} '{m}'.", "set object name {m} on the selection", "Give these {k} the name {m}."]).format(k=kind, m=name)
    code = HEAD + "for obj in {s}:\n    rs.ObjectName(obj, \"{m}\")\n".format(s=pick(rng, SEL), m=name)
    return {"request": req, "code": code, "setup": setup, "expect": {"count": {}, "selected_changed": {"name": name}}}


@family("sel-user-text", "selection", 30, selection=True)
def sel_user_text(rng):
    setup, kind, n, bb = _scene(rng)
    k, v = pick(rng, [("material", "timber"), ("status", "approved"), ("phase", "1"), ("load", "high"), ("zone", "B")])
    req = pick(rng, ["Tag the selected {o} with user text {k}={v}.", "user text '{k}' = '{v}' on selection",
                     "Add the key {k} with value {v} to every selected object."]).format(o=kind, k=k, v=v)
    code = HEAD + "for obj in {s}:\n    rs.SetUserText(obj, \"{k}\", \"{v}\")\n".format(s=pick(rng, SEL), k=k, v=v)
    return {"request": req, "code": code, "setup": setup, "expect": {"count": {}, "selected_changed": {"user_text": [k, v]}}}


@family("sel-lock-hide", "selection", 30, selection=True)
def sel_lock_hide(rng):
    setup, kind, n, bb = _scene(rng)
    what = pick(rng, ["lock", "hide"])
    req = pick(rng, ["{W} the selected {k}.", "{w} selection", "Please {w} these {k}."]).format(W=what.title(), w=what, k=kind)
    fn = "rs.LockObjects" if what == "lock" else "rs.HideObjects"
    code = HEAD + "{f}({s})\n".format(f=fn, s=pick(rng, SEL))
    return {"request": req, "code": code, "setup": setup,
            "expect": {"count": {}, "selected_changed": {"locked" if what == "lock" else "hidden": True}}}


@family("sel-delete", "selection", 30, selection=True)
def sel_delete(rng):
    setup, kind, n, bb = _scene(rng)
    req = pick(rng, ["Delete the selected {k}.", "remove selection", "Get rid of these {k}."]).format(k=kind)
    code = HEAD + "rs.DeleteObjects({s})\n".format(s=pick(rng, SEL))
    return {"request": req, "code": code, "setup": setup, "expect": {"count": {}, "deleted": n, "selected_changed": {"exists": False}}}


@family("sel-rotate", "selection", 30, selection=True)
def sel_rotate(rng):
    setup, kind, n, bb = _scene(rng)
    a = pick(rng, [15, 30, 45, 90, 180, -90])
    req = pick(rng, ["Rotate the selected {k} {a} degrees about the origin.", "rotate selection {a} deg around 0,0,0",
                     "Turn these {k} by {a}° around the world origin (Z axis)."]).format(k=kind, a=a)
    code = HEAD + "rs.RotateObjects({s}, (0, 0, 0), {a})\n".format(s=pick(rng, SEL), a=a)
    return {"request": req, "code": code, "setup": setup, "expect": {"count": {}}}


@family("sel-scale", "selection", 30, selection=True)
def sel_scale(rng):
    setup, kind, n, bb = _scene(rng)
    f = pick(rng, [0.5, 2, 3, 1.5])
    req = pick(rng, ["Scale the selected {k} by {f} from the origin.", "scale selection x{f} about 0,0,0",
                     "Make these {k} {f} times bigger, scaling from the world origin."]).format(k=kind, f=num(f))
    code = HEAD + "rs.ScaleObjects({s}, (0, 0, 0), ({f}, {f}, {f}))\n".format(s=pick(rng, SEL), f=num(f))
    exp = {"count": {}}
    if bb:
        exp["bbox_selected"] = [[c * f for c in bb[0]], [c * f for c in bb[1]]]
    return {"request": req, "code": code, "setup": setup, "expect": exp}


@family("sel-bbox-print", "selection", 30, selection=True)
def sel_bbox(rng):
    setup, kind, n, bb = _scene(rng)
    if bb is None:
        setup, kind, n, bb = HEAD + "rs.AddPoint(0, 0, 0)\nrs.AddPoint(4, 5, 6)\n", "points", 2, [[0, 0, 0], [4, 5, 6]]
    req = pick(rng, ["What are the X, Y and Z extents of what I selected? Print them.",
                     "how big is the selection? print its bounding box size", "Report the overall dimensions of these {k}."]).format(k=kind)
    code = HEAD + "bb = rs.BoundingBox({s})\nprint(bb[6][0] - bb[0][0], bb[6][1] - bb[0][1], bb[6][2] - bb[0][2])\n".format(s=pick(rng, SEL))
    size = [bb[1][i] - bb[0][i] for i in range(3)]
    return {"request": req, "code": code, "setup": setup, "expect": {"count": {}, "prints": size}}


@family("sel-count-print", "selection", 30, selection=True)
def sel_count(rng):
    setup, kind, n, bb = _scene(rng)
    req = pick(rng, ["How many objects are selected? Print the count.", "count selection", "Print how many {k} I have selected."]).format(k=kind)
    code = HEAD + "print(len({s}))\n".format(s=pick(rng, SEL))
    return {"request": req, "code": code, "setup": setup, "expect": {"count": {}, "prints": [n]}}


@family("sel-circle-centers", "selection", 30, selection=True)
def sel_centers(rng):
    n = rng.randint(1, 6)
    rs_ = [pick(rng, [0.5, 1, 2, 3]) for _ in range(n)]
    setup = HEAD + "".join("rs.AddCircle((%d, %d, 0), %s)\n" % (4 * k, k, num(r)) for k, r in enumerate(rs_))
    req = pick(rng, ["Drop a point object on every selected circle's centre.", "mark circle centres of the selection with points",
                     "Add points at the centre points of these circles."])
    code = HEAD + "for c in {s}:\n    if rs.IsCircle(c):\n        rs.AddPoint(rs.CircleCenterPoint(c))\n".format(s=pick(rng, SEL))
    return {"request": req, "code": code, "setup": setup,
            "expect": {"count": {1: n}, "bbox": [[0, 0, 0], [4 * (n - 1), n - 1, 0]]}}


@family("sel-lengths-print", "selection", 30, selection=True)
def sel_lengths(rng):
    n = rng.randint(1, 5)
    ls = [rng.randint(1, 9) for _ in range(n)]
    setup = HEAD + "".join("rs.AddLine((0, %d, 0), (%d, %d, 0))\n" % (k, L, k) for k, L in enumerate(ls))
    req = pick(rng, ["Print the total length of the selected curves.", "sum of lengths of selection?",
                     "What's the combined length of these lines? Print it."])
    code = HEAD + "total = sum(rs.CurveLength(c) for c in {s} if rs.IsCurve(c))\nprint(total)\n".format(s=pick(rng, SEL))
    return {"request": req, "code": code, "setup": setup, "expect": {"count": {}, "prints": [sum(ls)]}}


@family("sel-connect-points", "selection", 30, selection=True)
def sel_connect(rng):
    n = rng.randint(2, 7)
    pts = [(rng.randint(0, 20), rng.randint(0, 20), 0) for _ in range(n)]
    pts = sorted(set(pts), key=lambda p: (p[0], p[1]))
    if len(set(p[0] for p in pts)) < len(pts):
        pts = [(3 * k, p[1], 0) for k, p in enumerate(pts)]
    if len(pts) < 2:
        pts = [(0, 0, 0), (5, 5, 0)]
    setup = HEAD + "".join("rs.AddPoint%s\n" % (p,) for p in reversed(pts))
    req = pick(rng, ["Connect the selected points with a polyline ordered by X.", "polyline through selection, left to right",
                     "Join these points with straight segments in order of their x coordinate."])
    code = HEAD + "pts = [rs.PointCoordinates(i) for i in {s} if rs.IsPoint(i)]\npts.sort(key=lambda p: p[0])\nrs.AddPolyline(pts)\n".format(
        s=pick(rng, SEL))
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    return {"request": req, "code": code, "setup": setup,
            "expect": {"count": {4: 1}, "bbox": [[min(xs), min(ys), 0], [max(xs), max(ys), 0]]}}


@family("sel-group", "selection", 30, selection=True)
def sel_group(rng):
    setup, kind, n, bb = _scene(rng)
    name = pick(rng, ["Furniture", "Block A", "Cluster", "Set 1", "Trees", "Façade bay"])
    req = pick(rng, ["Group the selected {k} as '{g}'.", "make a group {g} from the selection", "Put these {k} into a new group called {g}."]).format(k=kind, g=name)
    code = HEAD + "g = rs.AddGroup(\"{g}\")\nrs.AddObjectsToGroup({s}, g)\n".format(g=name, s=pick(rng, SEL))
    return {"request": req, "code": code, "setup": setup, "expect": {"count": {}, "group_count": 1}}
