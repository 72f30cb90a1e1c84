"""Selection-aware families: the document holds objects, some are selected, and the script works
on the selection (SELECTED_IDS / rs.SelectedObjects()) instead of asking the user to pick.
The prompt carries the plugin's context block for that document (built in execute.py)."""
import math

from .core import family, num, pick
from .families import COLORS, HEAD, LAYER_NAMES, _box_code

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


# ------------------------------------------------------------------ filtering, measuring and transforming the selection
def _lines(rng, n=None):
    """Selected lines along Y at distinct lengths: (setup, lengths)."""
    lengths = rng.sample(range(1, 13), n or rng.randint(2, 6))
    return HEAD + "".join("rs.AddLine((0, %d, 0), (%d, %d, 0))\n" % (2 * k, L, 2 * k) for k, L in enumerate(lengths)), lengths


def _boxes(rng):
    """Selected unit-footprint boxes on the ground: (setup, n, heights, bbox)."""
    n = rng.randint(1, 4)
    hs = [pick(rng, [1, 2, 3]) for _ in range(n)]
    body = "".join(_box_code(3 * k, 0, 0, 2, 2, h) + "\n" for k, h in enumerate(hs))
    return HEAD + body, n, hs, [[0, 0, 0], [3 * (n - 1) + 2, 2, max(hs)]]


@family("sel-keep-type", "selection", 30, selection=True)
def sel_keep_type(rng):
    kinds = rng.sample([("points", 1, "rs.AddPoint(%d, 5, 0)"), ("curves", 4, "rs.AddCircle((%d, 0, 0), 1)"),
                        ("meshes", 32, "rs.AddMesh([(%d,9,0),(%d.5,9,0),(%d,10,0)], [(0,1,2)])")], 2)
    counts, body = {}, ""
    for name, t, call in kinds:
        counts[t] = rng.randint(1, 4)
        body += "".join((call % ((3 * k,) * call.count("%d"))) + "\n" for k in range(counts[t]))
    name, t, _ = kinds[0]
    req = pick(rng, ["From what I selected, keep only the {p} selected.", "filter the selection to {p}",
                     "Deselect everything in the selection that isn't one of the {p}."]).format(p=name)
    test = {1: "rs.IsPoint", 4: "rs.IsCurve", 32: "rs.IsMesh"}[t]
    code = HEAD + "keep = [i for i in {s} if {f}(i)]\nrs.UnselectAllObjects()\nrs.SelectObjects(keep)\n".format(
        s=pick(rng, SEL), f=test)
    return {"request": req, "code": code, "setup": HEAD + body, "expect": {"count": {}, "selected_types": {t: counts[t]}}}


@family("sel-delete-short", "selection", 30, selection=True)
def sel_delete_short(rng):
    setup, lengths = _lines(rng)
    limit = pick(rng, [3, 4, 5, 6, 8]) + 0.5
    short = [L for L in lengths if L < limit]
    if not short or len(short) == len(lengths):
        limit, short = sorted(lengths)[1] - 0.5, sorted(lengths)[:1]
    req = pick(rng, ["Delete the selected curves that are shorter than {L}.", "remove selected lines under {L} long",
                     "Of these curves, erase every one with a length below {L}."]).format(L=limit)
    code = HEAD + "for c in {s}:\n    if rs.IsCurve(c) and rs.CurveLength(c) < {L}:\n        rs.DeleteObject(c)\n".format(
        s=pick(rng, SEL), L=limit)
    return {"request": req, "code": code, "setup": setup,
            "expect": {"count": {}, "deleted": len(short), "remaining_types": {4: len(lengths) - len(short)}}}


@family("sel-circles-by-radius", "selection", 30, selection=True)
def sel_circles_radius(rng):
    radii = rng.sample([0.5, 1, 1.5, 2, 2.5, 3, 4, 5], rng.randint(3, 6))
    setup = HEAD + "".join("rs.AddCircle((%d, 0, 0), %s)\n" % (12 * k, num(r)) for k, r in enumerate(radii))
    limit = sorted(radii)[rng.randint(1, len(radii) - 1)] - 0.25
    big = rng.random() < 0.6
    keep = [r for r in radii if (r > limit) == big]
    req = pick(rng, ["Keep only the circles with a radius {w} {L} selected.", "deselect circles {o} radius {L}",
                     "Narrow the selection down to circles whose radius is {w} {L}."]).format(
        w="over" if big else "under", o="under" if big else "over", L=num(limit))
    code = HEAD + "keep = [c for c in {s} if rs.IsCircle(c) and rs.CircleRadius(c) {op} {L}]\n" \
                  "rs.UnselectAllObjects()\nrs.SelectObjects(keep)\n".format(s=pick(rng, SEL), op=">" if big else "<", L=num(limit))
    return {"request": req, "code": code, "setup": setup, "expect": {"count": {}, "selected_types": {4: len(keep)} if keep else {}}}


@family("sel-longest", "selection", 24, selection=True)
def sel_longest(rng):
    setup, lengths = _lines(rng)
    which = pick(rng, ["longest", "shortest"])
    req = pick(rng, ["Find the {w} of the selected curves, select only it and print its length.",
                     "{w} curve in the selection: select it, print length", "Which selected line is the {w}? Leave just that one selected and print how long it is."]).format(w=which)
    code = HEAD + "curves = [c for c in {s} if rs.IsCurve(c)]\nbest = {f}(curves, key=rs.CurveLength)\n" \
                  "rs.UnselectAllObjects()\nrs.SelectObject(best)\nprint(rs.CurveLength(best))\n".format(
                      s=pick(rng, SEL), f="max" if which == "longest" else "min")
    return {"request": req, "code": code, "setup": setup,
            "expect": {"count": {}, "selected_types": {4: 1}, "prints": [max(lengths) if which == "longest" else min(lengths)]}}


@family("sel-curve-report", "measure-print", 24, selection=True)
def sel_curve_report(rng):
    setup, lengths = _lines(rng)
    req = pick(rng, ["Print the length, closed state and degree of each selected curve.", "curve info for the selection: length, closed?, degree",
                     "For every curve I selected, report how long it is, if it is closed and what degree it has."])
    code = HEAD + "for c in {s}:\n    if rs.IsCurve(c):\n        print(rs.CurveLength(c), rs.IsCurveClosed(c), rs.CurveDegree(c))\n".format(s=pick(rng, SEL))
    return {"request": req, "code": code, "setup": setup, "expect": {"count": {}, "prints": lengths}}


@family("sel-two-point-distance", "measure-print", 24, selection=True)
def sel_distance(rng):
    a = (rng.randint(-9, 9), rng.randint(-9, 9), rng.randint(0, 6))
    b = (a[0] + rng.randint(1, 9), a[1] + rng.randint(-9, 9), rng.randint(0, 6))
    setup = HEAD + "rs.AddPoint%s\nrs.AddPoint%s\n" % (a, b)
    req = pick(rng, ["How far apart are the two points I selected? Print it.", "distance between selected points",
                     "Measure the gap between these two point objects and print it."])
    code = HEAD + "a, b = [rs.PointCoordinates(i) for i in {s}][:2]\nprint(rs.Distance(a, b))\n".format(s=pick(rng, SEL))
    return {"request": req, "code": code, "setup": setup, "expect": {"count": {}, "prints": [math.dist(a, b)]}}


@family("sel-points-to-plane", "points-vectors", 24, selection=True)
def sel_flatten(rng):
    pts = [(3 * k, rng.randint(-5, 5), rng.randint(1, 8)) for k in range(rng.randint(2, 6))]
    z = pick(rng, [0, 0, 2, 5])
    setup = HEAD + "".join("rs.AddPoint%s\n" % (p,) for p in pts)
    req = pick(rng, ["Move the selected points straight down/up so they all lie at z = {z}.", "set Z of selection to {z}",
                     "Project these points vertically onto the plane z={z}, keeping x and y."]).format(z=z)
    code = HEAD + "for i in {s}:\n    x, y, _ = rs.PointCoordinates(i)\n    rs.PointCoordinates(i, (x, y, {z}))\n".format(
        s=pick(rng, SEL), z=z)
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    return {"request": req, "code": code, "setup": setup,
            "expect": {"count": {}, "bbox_selected": [[min(xs), min(ys), z], [max(xs), max(ys), z]]}}


@family("sel-bbox-as-box", "selection", 24, selection=True)
def sel_bbox_box(rng):
    setup, n, hs, bb = _boxes(rng)
    req = pick(rng, ["Add a box object that matches the bounding box of the selection.", "bounding box of selection as a solid",
                     "Wrap the selected objects in their bounding box (make it a box)."])
    code = HEAD + "corners = rs.BoundingBox({s})\nrs.AddBox(corners)\n".format(s=pick(rng, SEL))
    return {"request": req, "code": code, "setup": setup, "expect": {"count": {"solid": 1}, "bbox": bb}}


@family("sel-mirror-copy", "transforms", 30, selection=True)
def sel_mirror(rng):
    setup, kind, n, bb = _scene(rng)
    if bb is None:
        setup, kind, n, bb = HEAD + "rs.AddPoint(2, 1, 0)\nrs.AddPoint(5, 3, 0)\n", "points", 2, [[2, 1, 0], [5, 3, 0]]
    plane = pick(rng, ["YZ", "XZ"])
    req = pick(rng, ["Mirror a copy of the selected {k} across the world {p} plane.", "mirror selection over {p}, keep originals",
                     "Reflect these {k} in the {p} plane through the origin, as copies."]).format(k=kind, p=plane)
    end = "(0, 1, 0)" if plane == "YZ" else "(1, 0, 0)"
    code = HEAD + "rs.MirrorObjects({s}, (0, 0, 0), {e}, copy=True)\n".format(s=pick(rng, SEL), e=end)
    ax = 0 if plane == "YZ" else 1
    lo, hi = list(bb[0]), list(bb[1])
    lo[ax], hi[ax] = -bb[1][ax], -bb[0][ax]
    return {"request": req, "code": code, "setup": setup, "expect": {"count": {TYPE[kind]: n}, "bbox": [lo, hi], "bbox_selected": bb}}


@family("sel-rotate-about-centre", "transforms", 30, selection=True)
def sel_rotate_centre(rng):
    setup, n, hs, bb = _boxes(rng)
    while n < 2:  # one box has a square footprint, which a quarter turn about its centre leaves unchanged
        setup, n, hs, bb = _boxes(rng)
    a = pick(rng, [90, -90, 270])
    req = pick(rng, ["Rotate the selection {a}° about the centre of its bounding box (Z axis).", "spin selected boxes {a} deg around their own middle",
                     "Turn these boxes {a} degrees in plan about the centre of the group."]).format(a=a)
    code = HEAD + "ids = {s}\nbb = rs.BoundingBox(ids)\ncentre = ((bb[0][0] + bb[6][0]) / 2.0, (bb[0][1] + bb[6][1]) / 2.0, 0)\n" \
                  "rs.RotateObjects(ids, centre, {a})\n".format(s=pick(rng, SEL), a=a)
    cx, cy = (bb[0][0] + bb[1][0]) / 2.0, (bb[0][1] + bb[1][1]) / 2.0
    hx, hy = (bb[1][0] - bb[0][0]) / 2.0, (bb[1][1] - bb[0][1]) / 2.0
    hx, hy = hy, hx
    return {"request": req, "code": code, "setup": setup,
            "expect": {"count": {}, "bbox_selected": [[cx - hx, cy - hy, 0], [cx + hx, cy + hy, bb[1][2]]]}}


@family("sel-stretch-axis", "transforms", 30, selection=True)
def sel_stretch(rng):
    setup, n, hs, bb = _boxes(rng)
    f = pick(rng, [0.5, 2, 3, 1.5])
    axis = pick(rng, ["height", "x"])
    req = pick(rng, {"height": ["Scale the selected boxes to {f} times their height, bottom stays at z=0.", "stretch selection {f}x in z from the ground",
                                "Make these boxes {f} times as tall without changing their footprint."],
                     "x": ["Stretch the selection {f} times along X from x = 0.", "scale selection in x only by {f}",
                           "Make the selected boxes {f} times as long in the X direction, anchored at the origin."]}[axis]).format(f=num(f))
    factors = "(1, 1, {f})" if axis == "height" else "({f}, 1, 1)"
    code = HEAD + ("rs.ScaleObjects({s}, (0, 0, 0), " + factors + ")\n").format(s=pick(rng, SEL), f=num(f))
    hi = list(bb[1])
    hi[2 if axis == "height" else 0] *= f
    return {"request": req, "code": code, "setup": setup, "expect": {"count": {}, "bbox_selected": [bb[0], hi]}}


@family("sel-move-to-point", "transforms", 30, selection=True)
def sel_move_to(rng):
    setup, n, hs, bb = _boxes(rng)
    anchor = pick(rng, ["centre", "corner"])
    # the boxes' lowest corner is the origin already
    target = pick(rng, [(0, 0, 0), (0, 0, 0), (10, 5, 0), (-4, 2, 0)] if anchor == "centre" else [(10, 5, 0), (-4, 2, 0), (3, -6, 1)])
    req = pick(rng, {"centre": ["Move the selection so the centre of its bounding box lands on {t}.", "center selection on {t}",
                                "Shift these objects so they are centred on the point {t}."],
                     "corner": ["Move the selected objects so their lowest corner sits at {t}.", "move selection min corner to {t}",
                                "Translate the selection so the bounding box's minimum point is at {t}."]}[anchor]).format(t=target)
    if anchor == "centre":
        code = HEAD + "ids = {s}\nbb = rs.BoundingBox(ids)\nc = [(bb[0][k] + bb[6][k]) / 2.0 for k in range(3)]\n" \
                      "rs.MoveObjects(ids, ({x} - c[0], {y} - c[1], {z} - c[2]))\n"
        shift = [target[k] - (bb[0][k] + bb[1][k]) / 2.0 for k in range(3)]
    else:
        code = HEAD + "ids = {s}\nlow = rs.BoundingBox(ids)[0]\nrs.MoveObjects(ids, ({x} - low[0], {y} - low[1], {z} - low[2]))\n"
        shift = [target[k] - bb[0][k] for k in range(3)]
    code = code.format(s=pick(rng, SEL), x=target[0], y=target[1], z=target[2])
    return {"request": req, "code": code, "setup": setup,
            "expect": {"count": {}, "bbox_selected": [[bb[0][k] + shift[k] for k in range(3)], [bb[1][k] + shift[k] for k in range(3)]]}}


@family("sel-polar-copies", "transforms", 30, selection=True)
def sel_polar(rng):
    setup, kind, n, bb = _scene(rng)
    k = pick(rng, [3, 4, 6, 8, 12])
    req = pick(rng, ["Make a polar array of the selection: {k} items in total around the origin.",
                     "polar array selected {o} x{k} about 0,0,0", "Copy these {o} around the world origin so there are {k} evenly rotated instances, original included."]).format(k=k, o=kind)
    code = HEAD + "ids = {s}\nfor i in range(1, {k}):\n    rs.RotateObjects(ids, (0, 0, 0), 360.0 * i / {k}, copy=True)\n".format(
        s=pick(rng, SEL), k=k)
    exp = {"count": {TYPE[kind]: n * (k - 1)}}
    if bb:
        exp["bbox_selected"] = bb
    return {"request": req, "code": code, "setup": setup, "expect": exp}


@family("sel-linear-copies", "transforms", 30, selection=True)
def sel_linear(rng):
    setup, kind, n, bb = _scene(rng)
    k, d = rng.randint(2, 6), pick(rng, [2, 5, 10, 20])
    axis = pick(rng, ["X", "Y"])
    req = pick(rng, ["Copy the selected {o} {k} times, {d} apart along {a}.", "array selection {k} copies, spacing {d} in {a}",
                     "Repeat these {o} {k} more times with a step of {d} in the {a} direction."]).format(o=kind, k=k, d=d, a=axis)
    vec = "(i * {d}, 0, 0)" if axis == "X" else "(0, i * {d}, 0)"
    code = HEAD + ("ids = {s}\nfor i in range(1, {m}):\n    rs.CopyObjects(ids, " + vec + ")\n").format(s=pick(rng, SEL), m=k + 1, d=d)
    exp = {"count": {TYPE[kind]: n * k}}
    if bb:
        ax = 0 if axis == "X" else 1
        lo, hi = list(bb[0]), list(bb[1])
        lo[ax], hi[ax] = bb[0][ax] + d, bb[1][ax] + k * d
        exp["bbox"] = [lo, hi]
    return {"request": req, "code": code, "setup": setup, "expect": exp}


@family("sel-extrude-up", "surfaces-solids", 30, selection=True)
def sel_extrude(rng):
    n, h = rng.randint(1, 4), pick(rng, [1, 2.5, 3, 5, 10])
    shape = pick(rng, ["circle", "rectangle"])
    if shape == "circle":
        setup = HEAD + "".join("rs.AddCircle((%d, 0, 0), 1)\n" % (4 * k) for k in range(n))
        lo, hi = [-1, -1, 0], [4 * (n - 1) + 1, 1, h]
    else:
        setup = HEAD + "".join("rs.AddRectangle(rs.MovePlane(rs.WorldXYPlane(), (%d, 0, 0)), 2, 3)\n" % (4 * k) for k in range(n))
        lo, hi = [0, 0, 0], [4 * (n - 1) + 2, 3, h]
    req = pick(rng, ["Extrude the selected curves {h} units straight up.", "extrude selection +z {h}",
                     "Pull these {s}s up vertically by {h} into surfaces."]).format(h=num(h), s=shape)
    code = HEAD + "for c in {s}:\n    rs.ExtrudeCurveStraight(c, (0, 0, 0), (0, 0, {h}))\n".format(s=pick(rng, SEL), h=num(h))
    return {"request": req, "code": code, "setup": setup, "expect": {"count": {"solid": n}, "bbox": [lo, hi]}}


@family("sel-divide-points", "curves", 30, selection=True)
def sel_divide(rng):
    setup, lengths = _lines(rng, rng.randint(1, 3))
    k = rng.randint(2, 10)
    req = pick(rng, ["Divide each selected curve into {k} equal parts and add points at the divisions.",
                     "put points dividing the selection into {k} segments", "Split these curves into {k} even pieces, marking the split points."]).format(k=k)
    code = HEAD + pick(rng, ["for c in {s}:\n    rs.AddPoints(rs.DivideCurve(c, {k}))\n",
                             "for c in {s}:\n    rs.DivideCurve(c, {k}, create_points=True)\n"]).format(s=pick(rng, SEL), k=k)
    return {"request": req, "code": code, "setup": setup,
            "expect": {"count": {1: len(lengths) * (k + 1)}, "bbox": [[0, 0, 0], [max(lengths), 2 * (len(lengths) - 1), 0]]}}


@family("sel-name-left-to-right", "layers-attributes", 24, selection=True)
def sel_name_order(rng):
    n = rng.randint(2, 6)
    xs = rng.sample(range(0, 40, 4), n)
    setup = HEAD + "".join("rs.AddCircle((%d, %d, 0), 1)\n" % (x, rng.randint(0, 5)) for x in xs)
    stem = pick(rng, ["Bay", "Column", "Unit", "Pier", "Lot"])
    req = pick(rng, ["Number the selected objects {s}_1, {s}_2, ... from left to right.", "name selection {s}_n sorted by x",
                     "Give these objects the names {s}_1 to {s}_{n} in order of their X position."]).format(s=stem, n=n)
    code = HEAD + "ids = sorted({s}, key=lambda i: rs.BoundingBox(i)[0][0])\nfor k, obj in enumerate(ids):\n" \
                  "    rs.ObjectName(obj, \"{t}_%d\" % (k + 1))\n".format(s=pick(rng, SEL), t=stem)
    return {"request": req, "code": code, "setup": setup,
            "expect": {"count": {}, "names_by_x": ["%s_%d" % (stem, k + 1) for k in range(n)]}}


@family("sel-volume-print", "measure-print", 24, selection=True)
def sel_volume(rng):
    setup, n, hs, bb = _boxes(rng)
    req = pick(rng, ["Print the total volume of the selected solids.", "volume of selection?",
                     "How much volume do these boxes enclose together? Print it."])
    code = HEAD + "total = 0\nfor obj in {s}:\n    total += rs.SurfaceVolume(obj)[0]\nprint(total)\n".format(s=pick(rng, SEL))
    return {"request": req, "code": code, "setup": setup, "expect": {"count": {}, "prints": [4 * sum(hs)]}}


def _meshes(rng):
    n = rng.randint(2, 4)
    sizes = [pick(rng, [1, 2, 3]) for _ in range(n)]
    setup = HEAD + "".join("rs.AddMesh([(%d,0,0),(%d,0,0),(%d,%d,0),(%d,%d,0)], [(0,1,2,3)])\n" % (5 * k, 5 * k + s, 5 * k + s, s, 5 * k, s)
                           for k, s in enumerate(sizes))
    return setup, sizes


@family("sel-mesh-join", "meshes", 24, selection=True)
def sel_mesh_join(rng):
    setup, sizes = _meshes(rng)
    req = pick(rng, ["Join the selected meshes into a single mesh, removing the pieces.", "join selected meshes",
                     "Combine these mesh objects into one and delete the originals."])
    code = HEAD + "rs.JoinMeshes({s}, delete_input=True)\n".format(s=pick(rng, SEL))
    return {"request": req, "code": code, "setup": setup,
            "expect": {"count": {32: 1}, "deleted": len(sizes), "bbox": [[0, 0, 0], [5 * (len(sizes) - 1) + sizes[-1], max(sizes), 0]]}}


@family("sel-mesh-area-print", "measure-print", 24, selection=True)
def sel_mesh_area(rng):
    setup, sizes = _meshes(rng)
    req = pick(rng, ["Print the combined surface area of the selected meshes.", "mesh area of selection",
                     "What area do these meshes cover in total? Print the number."])
    code = HEAD + "print(rs.MeshArea({s})[1])\n".format(s=pick(rng, SEL))
    return {"request": req, "code": code, "setup": setup, "expect": {"count": {}, "prints": [sum(s * s for s in sizes)]}}
