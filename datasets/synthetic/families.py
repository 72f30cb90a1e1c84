"""Parameterised task families (instruction → rhinoscriptsyntax script → expected document).

Phrasings vary in words, not only numbers (the dataset's near-duplicate key ignores digits), and
each instance states what the document must show, checked after the script runs.
"""
import math

from .core import family, num, pick

LAYER_NAMES = ["Walls", "Floors", "Roof", "Columns", "Glazing", "Site", "Landscape", "Structure", "Facade",
               "Furniture", "Annotations", "Grid", "Stairs", "Doors", "Windows", "Slabs", "Beams", "Trees",
               "Parking", "Context", "Mullions", "Panels", "Ceiling", "Railings", "Paths", "Water"]
COLORS = {"red": (255, 0, 0), "green": (0, 255, 0), "blue": (0, 0, 255), "yellow": (255, 255, 0),
          "orange": (255, 165, 0), "magenta": (255, 0, 255), "cyan": (0, 255, 255), "black": (0, 0, 0),
          "white": (255, 255, 255), "grey": (128, 128, 128), "purple": (128, 0, 128), "brown": (139, 69, 19)}
SPACINGS = [0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 10.0]
UNITS = ["", " units", " mm", " m", " ft"]
HEAD = "import rhinoscriptsyntax as rs\n"


def _u(rng):
    return pick(rng, UNITS)


# ------------------------------------------------------------------ points and vectors
@family("grid-points", "points-vectors", 30)
def grid_points(rng):
    nx, ny, s = rng.randint(2, 9), rng.randint(2, 9), pick(rng, SPACINGS)
    z = pick(rng, [0, 0, 0, 1.5, 3, 10])
    req = pick(rng, ["Make a {nx} by {ny} grid of points spaced {s}{u} apart",
                     "point grid {nx}x{ny}, spacing {s}{u}",
                     "Create a rectangular array of points: {nx} along X, {ny} along Y, {s}{u} between them",
                     "I need a {nx} x {ny} field of points with {s}{u} spacing",
                     "Generate points on a {nx}x{ny} grid, step {s}{u}"]).format(nx=nx, ny=ny, s=num(s), u=_u(rng))
    req += "" if z == 0 else pick(rng, [" at height {z}.", ", all at z={z}.", " on the plane z = {z}."]).format(z=num(z))
    var = pick(rng, ["i, j", "ix, iy", "col, row"]).split(", ")
    code = HEAD + "pts = [({a} * {s}, {b} * {s}, {z}) for {a} in range({nx}) for {b} in range({ny})]\nrs.AddPoints(pts)\n".format(
        a=var[0], b=var[1], nx=nx, ny=ny, s=num(s), z=num(z))
    return {"request": req, "code": code,
            "expect": {"count": {1: nx * ny}, "bbox": [[0, 0, z], [(nx - 1) * s, (ny - 1) * s, z]]}}


@family("circle-points", "points-vectors")
def circle_points(rng):
    n, r = rng.randint(3, 36), pick(rng, [1, 2, 2.5, 4, 5, 8, 10, 12])
    cx, cy = pick(rng, [0, 0, 5, -3, 10]), pick(rng, [0, 0, 5, 2, -4])
    req = pick(rng, ["Place {n} points evenly around a circle of radius {r} centred at ({cx}, {cy}, 0).",
                     "{n} points on a ring, radius {r}, centre {cx},{cy}",
                     "Distribute {n} points equally on a circle (r={r}) around the point {cx},{cy}.",
                     "Put {n} evenly spaced points on a circular path with radius {r} about ({cx},{cy})."]).format(
        n=n, r=num(r), cx=cx, cy=cy)
    code = HEAD + "import math\n\ncenter = ({cx}, {cy}, 0)\nfor k in range({n}):\n    a = 2 * math.pi * k / {n}\n" \
                  "    rs.AddPoint(center[0] + {r} * math.cos(a), center[1] + {r} * math.sin(a), 0)\n".format(
                      cx=cx, cy=cy, n=n, r=num(r))
    xs = [cx + r * math.cos(2 * math.pi * k / n) for k in range(n)]
    ys = [cy + r * math.sin(2 * math.pi * k / n) for k in range(n)]
    return {"request": req, "code": code,
            "expect": {"count": {1: n}, "bbox": [[min(xs), min(ys), 0], [max(xs), max(ys), 0]]}}


@family("line-points", "points-vectors")
def line_points(rng):
    n = rng.randint(3, 20)
    a = (pick(rng, [0, 1, -2]), pick(rng, [0, 3, -1]), 0)
    b = (pick(rng, [10, 20, 8, 15]), pick(rng, [0, 5, 10, -6]), pick(rng, [0, 0, 4]))
    req = pick(rng, ["Put {n} points evenly from {a} to {b}, ends included.",
                     "{n} equally spaced points between {a} and {b}",
                     "Add {n} points along the segment {a}-{b}, including both endpoints."]).format(
        n=n, a=a, b=b)
    code = HEAD + "a = {a}\nb = {b}\nfor k in range({n}):\n    t = k / {m}.0\n" \
                  "    rs.AddPoint([a[i] + (b[i] - a[i]) * t for i in range(3)])\n".format(a=a, b=b, n=n, m=n - 1)
    lo = [min(a[i], b[i]) for i in range(3)]
    hi = [max(a[i], b[i]) for i in range(3)]
    return {"request": req, "code": code, "expect": {"count": {1: n}, "bbox": [lo, hi]}}


@family("helix-points", "points-vectors")
def helix_points(rng):
    n, r, pitch, turns = rng.randint(20, 80), pick(rng, [1, 2, 3, 5]), pick(rng, [1, 2, 2.5, 4]), rng.randint(1, 5)
    req = pick(rng, ["Generate {n} points on a helix: radius {r}, pitch {p}, {t} turns, axis Z.",
                     "helix of points, r={r}, rise {p} per turn, {t} turns, {n} points",
                     "Make {n} points spiralling up around the Z axis, radius {r}, {t} full turns, {p} units per turn."]
               ).format(n=n, r=num(r), p=num(pitch), t=turns)
    code = HEAD + "import math\n\nn = {n}\nfor k in range(n):\n    t = {t} * k / float(n - 1)\n" \
                  "    a = 2 * math.pi * t\n    rs.AddPoint({r} * math.cos(a), {r} * math.sin(a), {p} * t)\n".format(
                      n=n, t=turns, r=num(r), p=num(pitch))
    return {"request": req, "code": code, "expect": {"count": {1: n}, "bbox_z": [0, pitch * turns]}}


@family("point-cloud-grid", "points-vectors")
def point_cloud_grid(rng):
    nx, ny, s = rng.randint(3, 20), rng.randint(3, 20), pick(rng, SPACINGS)
    req = pick(rng, ["One point cloud object, please, with {nx} x {ny} points on a lattice of pitch {s}.",
                     "point cloud, {nx}x{ny} grid, spacing {s}",
                     "Make one point cloud object holding a {nx} by {ny} lattice (step {s})."]).format(nx=nx, ny=ny, s=num(s))
    code = HEAD + "pts = [(i * {s}, j * {s}, 0) for i in range({nx}) for j in range({ny})]\nrs.AddPointCloud(pts)\n".format(
        s=num(s), nx=nx, ny=ny)
    return {"request": req, "code": code,
            "expect": {"count": {2: 1}, "bbox": [[0, 0, 0], [(nx - 1) * s, (ny - 1) * s, 0]]}}


@family("text-dot-labels", "points-vectors")
def text_dot_labels(rng):
    n = rng.randint(2, 8)
    prefix = pick(rng, ["P", "Pt", "Node", "A", "Col", "Grid "])
    s = pick(rng, SPACINGS)
    req = pick(rng, ["Add {n} text dots along X, {s} apart, labelled {p}1 to {p}{n}.",
                     "Label {n} positions on the x axis with dots '{p}1'...'{p}{n}', spacing {s}",
                     "Make numbered text dots {p}1..{p}{n} every {s} units along X."]).format(n=n, s=num(s), p=prefix)
    code = HEAD + "for k in range({n}):\n    rs.AddTextDot(\"{p}%d\" % (k + 1), (k * {s}, 0, 0))\n".format(n=n, p=prefix, s=num(s))
    return {"request": req, "code": code, "expect": {"count": {8192: n}}}


@family("vector-math-print", "points-vectors")
def vector_math(rng):
    a = (rng.randint(-5, 5), rng.randint(-5, 5), rng.randint(-5, 5))
    b = (rng.randint(-5, 5), rng.randint(-5, 5), rng.randint(1, 5))
    op = pick(rng, ["cross", "dot", "add", "length"])
    if op == "cross":
        req = pick(rng, ["Print the cross product of {a} and {b}.", "cross product {a} x {b}?"]).format(a=a, b=b)
        code = HEAD + "v = rs.VectorCrossProduct({a}, {b})\nprint(v[0], v[1], v[2])\n".format(a=a, b=b)
        want = [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]]
    elif op == "dot":
        req = pick(rng, ["What is the dot product of {a} and {b}? Print it.", "dot product of vectors {a}, {b}"]).format(a=a, b=b)
        code = HEAD + "print(rs.VectorDotProduct({a}, {b}))\n".format(a=a, b=b)
        want = [sum(x * y for x, y in zip(a, b))]
    elif op == "add":
        req = pick(rng, ["Add the vectors {a} and {b} and print the result.", "sum of vectors {a} + {b}"]).format(a=a, b=b)
        code = HEAD + "v = rs.VectorAdd({a}, {b})\nprint(v[0], v[1], v[2])\n".format(a=a, b=b)
        want = [x + y for x, y in zip(a, b)]
    else:
        req = pick(rng, ["How long is the vector {b}? Print its length.", "length of vector {b}"]).format(b=b)
        code = HEAD + "print(rs.VectorLength({b}))\n".format(b=b)
        want = [math.sqrt(sum(x * x for x in b))]
    return {"request": req, "code": code, "expect": {"prints": want, "count": {}}}


@family("midpoint-point", "points-vectors")
def midpoint(rng):
    a = (rng.randint(-10, 10), rng.randint(-10, 10), rng.randint(0, 10))
    b = (rng.randint(-10, 10), rng.randint(-10, 10), rng.randint(0, 10))
    req = pick(rng, ["Mark the midpoint of the segment {a}-{b} with a point.", "midpoint of {a} and {b} as a point object",
                     "Put a point in the middle between {a} and {b}."]).format(a=a, b=b)
    code = HEAD + "a = {a}\nb = {b}\nrs.AddPoint((a[0] + b[0]) / 2.0, (a[1] + b[1]) / 2.0, (a[2] + b[2]) / 2.0)\n".format(a=a, b=b)
    m = [(a[i] + b[i]) / 2.0 for i in range(3)]
    return {"request": req, "code": code, "expect": {"count": {1: 1}, "bbox": [m, m]}}


# ------------------------------------------------------------------ curves
@family("concentric-circles", "curves")
def concentric(rng):
    n, step = rng.randint(2, 10), pick(rng, [0.5, 1, 2, 2.5, 5])
    c = (pick(rng, [0, 0, 10, -5]), pick(rng, [0, 0, 3, 8]), 0)
    req = pick(rng, ["Draw {n} concentric circles at {c}, radii {s}, {s2}, ... growing by {s}.",
                     "{n} concentric rings around {c}, step {s}",
                     "Make a set of {n} circles sharing the centre {c}, radius increasing by {s} each."]).format(
        n=n, c=c, s=num(step), s2=num(2 * step))
    code = HEAD + "for k in range(1, {m}):\n    rs.AddCircle({c}, k * {s})\n".format(m=n + 1, c=c, s=num(step))
    R = n * step
    return {"request": req, "code": code,
            "expect": {"count": {4: n}, "bbox": [[c[0] - R, c[1] - R, 0], [c[0] + R, c[1] + R, 0]]}}


@family("regular-polygon", "curves")
def polygon(rng):
    n, r = rng.randint(3, 12), pick(rng, [1, 2, 5, 10, 20])
    names = {3: "triangle", 4: "square", 5: "pentagon", 6: "hexagon", 8: "octagon"}
    shape = names.get(n, "%d-sided polygon" % n)
    req = pick(rng, ["Closed regular {shape} polyline around the origin, vertices {r} from the centre.",
                     "regular {shape}, radius {r}, centred on 0,0",
                     "Make a closed {shape} (regular) inscribed in a circle of radius {r}."]).format(shape=shape, r=num(r))
    code = HEAD + "import math\n\npts = [({r} * math.cos(2 * math.pi * k / {n}), {r} * math.sin(2 * math.pi * k / {n}), 0) " \
                  "for k in range({n})]\nrs.AddPolyline(pts + [pts[0]])\n".format(r=num(r), n=n)
    xs = [r * math.cos(2 * math.pi * k / n) for k in range(n)]
    ys = [r * math.sin(2 * math.pi * k / n) for k in range(n)]
    return {"request": req, "code": code, "expect": {"count": {4: 1}, "length": 2 * n * r * math.sin(math.pi / n),
            "bbox": [[min(xs), min(ys), 0], [max(xs), max(ys), 0]]}}


@family("rectangle", "curves")
def rectangle(rng):
    w, h = pick(rng, [2, 3, 4, 5, 8, 10, 12]), pick(rng, [1, 2, 3, 6, 7])
    x0, y0 = pick(rng, [0, 0, 5, -2]), pick(rng, [0, 0, 3, -4])
    req = pick(rng, ["Draw a closed rectangle {w} wide and {h} tall with its lower-left corner at ({x}, {y}).",
                     "rectangle {w}x{h} from corner {x},{y}",
                     "Make a {w} by {h} rectangular outline starting at {x},{y},0."]).format(w=w, h=h, x=x0, y=y0)
    if rng.random() < 0.5:
        code = HEAD + "x, y = {x}, {y}\nw, h = {w}, {h}\nrs.AddPolyline([(x, y, 0), (x + w, y, 0), (x + w, y + h, 0), (x, y + h, 0), (x, y, 0)])\n".format(
            x=x0, y=y0, w=w, h=h)
    else:
        code = HEAD + "plane = rs.MovePlane(rs.WorldXYPlane(), ({x}, {y}, 0))\nrs.AddRectangle(plane, {w}, {h})\n".format(
            x=x0, y=y0, w=w, h=h)
    return {"request": req, "code": code, "expect": {"count": {4: 1}, "bbox": [[x0, y0, 0], [x0 + w, y0 + h, 0]]}}


@family("star-polyline", "curves")
def star(rng):
    n, ro, ri = rng.randint(4, 10), pick(rng, [5, 8, 10]), pick(rng, [2, 3, 4])
    req = pick(rng, ["Draw a {n}-pointed star as a closed polyline: outer radius {ro}, inner radius {ri}.",
                     "star shape with {n} points, radii {ro} and {ri}",
                     "Make a closed star outline ({n} spikes, tips at r={ro}, notches at r={ri})."]).format(n=n, ro=ro, ri=ri)
    code = HEAD + "import math\n\npts = []\nfor k in range({m}):\n    r = {ro} if k % 2 == 0 else {ri}\n" \
                  "    a = math.pi * k / {n}\n    pts.append((r * math.cos(a), r * math.sin(a), 0))\n" \
                  "pts.append(pts[0])\nrs.AddPolyline(pts)\n".format(m=2 * n, ro=ro, ri=ri, n=n)
    side = math.sqrt(ro * ro + ri * ri - 2 * ro * ri * math.cos(math.pi / n))
    return {"request": req, "code": code, "expect": {"count": {4: 1}, "length": 2 * n * side}}


@family("spiral-polyline", "curves")
def spiral(rng):
    turns, r, seg = rng.randint(1, 6), pick(rng, [3, 5, 9, 12]), pick(rng, [60, 100, 120, 200])
    req = pick(rng, ["Draw a flat Archimedean spiral polyline: {t} turns, radius growing to {r}, {s} segments.",
                     "archimedean spiral, {t} turns, outer radius {r}",
                     "Make a 2D spiral from the origin out to radius {r} over {t} revolutions ({s} segments)."]).format(
        t=turns, r=r, s=seg)
    code = HEAD + "import math\n\nn = {s}\npts = []\nfor k in range(n + 1):\n    t = float(k) / n\n" \
                  "    a = {t} * 2 * math.pi * t\n    pts.append(({r} * t * math.cos(a), {r} * t * math.sin(a), 0))\n" \
                  "rs.AddPolyline(pts)\n".format(s=seg, t=turns, r=r)
    pts = [(r * k / seg * math.cos(turns * 2 * math.pi * k / seg), r * k / seg * math.sin(turns * 2 * math.pi * k / seg))
           for k in range(seg + 1)]
    return {"request": req, "code": code, "expect": {"count": {4: 1}, "length": sum(math.dist(a, b) for a, b in zip(pts, pts[1:]))}}


@family("sine-curve", "curves")
def sine_curve(rng):
    amp, length, waves = pick(rng, [1, 2, 3, 0.5]), pick(rng, [10, 20, 30]), rng.randint(1, 4)
    n = pick(rng, [9, 13, 17, 21])
    req = pick(rng, ["Draw a smooth sine wave curve along X: length {L}, amplitude {a}, {w} full waves.",
                     "sine curve, {w} periods over {L} units, amplitude {a}",
                     "Interpolate a curve through points of y = {a}*sin(x) spanning {w} waves over a length of {L}."]).format(
        L=length, a=num(amp), w=waves)
    code = HEAD + "import math\n\npts = []\nfor k in range({n}):\n    x = {L} * k / {m}.0\n" \
                  "    pts.append((x, {a} * math.sin(2 * math.pi * {w} * x / {L}), 0))\nrs.AddInterpCurve(pts)\n".format(
                      n=n, L=length, m=n - 1, a=num(amp), w=waves)
    return {"request": req, "code": code, "expect": {"count": {4: 1}, "bbox_x": [0, length]}}


@family("arc-3pt", "curves")
def arc3(rng):
    r = pick(rng, [2, 3, 4, 5, 10])
    req = pick(rng, ["Create a 180-degree arc, radius {r}, bulging towards +Y, with its ends on the X axis at -{r} and {r}.",
                     "semicircle arc r={r} above the x axis",
                     "Make an arc through three points: ({r},0,0), (0,{r},0) and (-{r},0,0)."]).format(r=r)
    code = HEAD + "rs.AddArc3Pt(({r}, 0, 0), (-{r}, 0, 0), (0, {r}, 0))\n".format(r=r)
    return {"request": req, "code": code, "expect": {"count": {4: 1}, "bbox": [[-r, 0, 0], [r, r, 0]]}}


@family("ellipse", "curves")
def ellipse(rng):
    a, b = pick(rng, [4, 5, 6, 8, 10]), pick(rng, [1, 2, 3])
    req = pick(rng, ["Draw an ellipse at the origin with half-axes {a} along X and {b} along Y.",
                     "ellipse, radii {a} and {b}, world XY",
                     "Make an elliptical curve {A} wide and {B} tall centred at 0,0."]).format(a=a, b=b, A=2 * a, B=2 * b)
    code = HEAD + "rs.AddEllipse(rs.WorldXYPlane(), {a}, {b})\n".format(a=a, b=b)
    return {"request": req, "code": code, "expect": {"count": {4: 1}, "bbox": [[-a, -b, 0], [a, b, 0]]}}


@family("line-fan", "curves")
def line_fan(rng):
    n, L = rng.randint(3, 24), pick(rng, [2, 5, 10])
    req = pick(rng, ["Draw {n} lines of length {L} radiating from the origin, evenly spread.",
                     "fan of {n} radial lines, length {L}",
                     "Make a sunburst: {n} lines from 0,0,0 outward, each {L} long, equal angles."]).format(n=n, L=L)
    code = HEAD + "import math\n\nfor k in range({n}):\n    a = 2 * math.pi * k / {n}\n" \
                  "    rs.AddLine((0, 0, 0), ({L} * math.cos(a), {L} * math.sin(a), 0))\n".format(n=n, L=L)
    xs = [L * math.cos(2 * math.pi * k / n) for k in range(n)] + [0]
    ys = [L * math.sin(2 * math.pi * k / n) for k in range(n)] + [0]
    return {"request": req, "code": code, "expect": {"count": {4: n}, "length": n * L,
            "bbox": [[min(xs), min(ys), 0], [max(xs), max(ys), 0]]}}


@family("zigzag", "curves")
def zigzag(rng):
    n, w, h = rng.randint(3, 15), pick(rng, [1, 2, 3]), pick(rng, [1, 2, 4])
    req = pick(rng, ["Draw a zigzag polyline with {n} segments, each step {w} along X and alternating {h} in Y.",
                     "zig-zag line, {n} segments, width {w}, height {h}",
                     "Make a sawtooth-like zigzag: {n} straight segments, {w} across and {h} up/down."]).format(n=n, w=w, h=h)
    code = HEAD + "pts = [(k * {w}, {h} if k % 2 else 0, 0) for k in range({m})]\nrs.AddPolyline(pts)\n".format(w=w, h=h, m=n + 1)
    return {"request": req, "code": code, "expect": {"count": {4: 1}, "bbox": [[0, 0, 0], [n * w, h, 0]]}}


@family("control-point-curve", "curves")
def control_curve(rng):
    n = rng.randint(4, 8)
    pts = [(k * 2, rng.randint(-3, 3), 0) for k in range(n)]
    deg = pick(rng, [2, 3, 3])
    req = pick(rng, ["Create a degree {d} NURBS curve with control points {p}.",
                     "nurbs curve degree {d} through control points {p}",
                     "Make a smooth control-point curve (degree {d}) from {p}."]).format(d=deg, p=pts)
    code = HEAD + "points = {p}\nrs.AddCurve(points, {d})\n".format(p=pts, d=deg)
    return {"request": req, "code": code, "expect": {"count": {4: 1}, "bbox_x": [0, (n - 1) * 2]}}


# ------------------------------------------------------------------ surfaces and solids
def _box_code(x, y, z, w, d, h):
    return "rs.AddBox([({x}, {y}, {z}), ({x1}, {y}, {z}), ({x1}, {y1}, {z}), ({x}, {y1}, {z}), ({x}, {y}, {z1}), " \
           "({x1}, {y}, {z1}), ({x1}, {y1}, {z1}), ({x}, {y1}, {z1})])".format(
               x=num(x), y=num(y), z=num(z), x1=num(x + w), y1=num(y + d), z1=num(z + h))


@family("box", "surfaces-solids", 30)
def box(rng):
    w, d, h = pick(rng, [1, 2, 3, 4, 5, 10]), pick(rng, [1, 2, 3, 6]), pick(rng, [1, 2, 2.5, 3, 8])
    x, y = pick(rng, [0, 0, 5, -3]), pick(rng, [0, 0, 2, 7])
    req = pick(rng, ["Make a {w} x {d} x {h} box with a corner at ({x}, {y}, 0).",
                     "box {w}x{d}x{h} at {x},{y}",
                     "Add a solid block {w} long, {d} deep and {h} high sitting on the ground at {x},{y}.",
                     "Create a cuboid: width {w}, depth {d}, height {h}, starting at ({x},{y},0)."]).format(
        w=w, d=d, h=num(h), x=x, y=y)
    return {"request": req, "code": HEAD + _box_code(x, y, 0, w, d, h) + "\n",
            "expect": {"count": {"solid": 1}, "bbox": [[x, y, 0], [x + w, y + d, h]]}}


@family("box-grid", "surfaces-solids")
def box_grid(rng):
    nx, ny, s, gap = rng.randint(2, 6), rng.randint(2, 6), pick(rng, [1, 2]), pick(rng, [0.5, 1])
    req = pick(rng, ["Make a {nx} by {ny} grid of cubes, size {s}, with {g} gap between them.",
                     "array of {s}-unit cubes, {nx}x{ny}, gap {g}",
                     "Lay out {nx} rows... no, {nx} columns and {ny} rows of cubes (side {s}) separated by {g}."]).format(
        nx=nx, ny=ny, s=s, g=num(gap))
    code = HEAD + "size, gap = {s}, {g}\nfor i in range({nx}):\n    for j in range({ny}):\n        x, y = i * (size + gap), j * (size + gap)\n" \
                  "        rs.AddBox([(x, y, 0), (x + size, y, 0), (x + size, y + size, 0), (x, y + size, 0),\n" \
                  "                   (x, y, size), (x + size, y, size), (x + size, y + size, size), (x, y + size, size)])\n".format(
                      s=s, g=num(gap), nx=nx, ny=ny)
    return {"request": req, "code": code, "expect": {"count": {"solid": nx * ny},
            "bbox": [[0, 0, 0], [(nx - 1) * (s + gap) + s, (ny - 1) * (s + gap) + s, s]]}}


@family("box-tower", "surfaces-solids")
def box_tower(rng):
    n, s = rng.randint(2, 12), pick(rng, [1, 2, 3])
    req = pick(rng, ["Stack {n} cubes of size {s} on top of each other from the origin.",
                     "tower of {n} stacked {s}-unit cubes",
                     "Build a column of {n} cubes (edge {s}) piled up along Z."]).format(n=n, s=s)
    code = HEAD + "s = {s}\nfor k in range({n}):\n    z = k * s\n    rs.AddBox([(0, 0, z), (s, 0, z), (s, s, z), (0, s, z), (0, 0, z + s), (s, 0, z + s), (s, s, z + s), (0, s, z + s)])\n".format(s=s, n=n)
    return {"request": req, "code": code, "expect": {"count": {"solid": n}, "bbox": [[0, 0, 0], [s, s, n * s]]}}


@family("sphere-row", "surfaces-solids")
def sphere_row(rng):
    n, r, s = rng.randint(2, 10), pick(rng, [0.5, 1, 1.5, 2]), pick(rng, [3, 4, 5, 6])
    req = pick(rng, ["Place {n} spheres of radius {r} in a row along X, {s} apart.",
                     "row of {n} spheres, r {r}, spacing {s}",
                     "Make {n} balls (radius {r}) lined up on the x axis every {s} units."]).format(n=n, r=num(r), s=s)
    code = HEAD + "for k in range({n}):\n    rs.AddSphere((k * {s}, 0, 0), {r})\n".format(n=n, s=s, r=num(r))
    return {"request": req, "code": code, "expect": {"count": {"solid": n}, "bbox": [[-r, -r, -r], [(n - 1) * s + r, r, r]]}}


@family("attractor-spheres", "surfaces-solids", 20)
def attractor(rng):
    n, s = rng.randint(3, 8), pick(rng, [2, 3])
    ax, ay = rng.randint(0, n * s), rng.randint(0, n * s)
    req = pick(rng, ["Grid of {n}x{n} spheres spaced {s}; radius shrinks with distance from ({ax},{ay},0): r = max(0.1, 1 - d/20).",
                     "attractor point at {ax},{ay}: {n} by {n} spheres, spacing {s}, smaller further away (r=max(0.1,1-d/20))"]).format(
        n=n, s=s, ax=ax, ay=ay)
    code = HEAD + "attractor = ({ax}, {ay}, 0)\nfor i in range({n}):\n    for j in range({n}):\n        p = (i * {s}, j * {s}, 0)\n" \
                  "        d = rs.Distance(p, attractor)\n        rs.AddSphere(p, max(0.1, 1 - d / 20.0))\n".format(ax=ax, ay=ay, n=n, s=s)
    return {"request": req, "code": code, "expect": {"count": {"solid": n * n}}}


@family("cylinder-columns", "surfaces-solids")
def columns(rng):
    n, r, h, s = rng.randint(2, 8), pick(rng, [0.2, 0.3, 0.5]), pick(rng, [3, 4, 6]), pick(rng, [3, 5, 6])
    req = pick(rng, ["Make a row of {n} capped cylindrical columns: radius {r}, height {h}, {s} apart along X.",
                     "{n} columns, r={r}, h={h}, spacing {s}",
                     "Add {n} round columns (cylinders, radius {r}, {h} tall) every {s} units on the x axis."]).format(
        n=n, r=num(r), h=h, s=s)
    code = HEAD + "for k in range({n}):\n    base = rs.MovePlane(rs.WorldXYPlane(), (k * {s}, 0, 0))\n    rs.AddCylinder(base, {h}, {r}, cap=True)\n".format(
        n=n, s=s, h=h, r=num(r))
    return {"request": req, "code": code, "expect": {"count": {"solid": n}, "bbox": [[-r, -r, 0], [(n - 1) * s + r, r, h]]}}


@family("cone", "surfaces-solids")
def cone(rng):
    r, h = pick(rng, [1, 2, 3, 4, 5]), pick(rng, [2, 5, 8, 10])
    req = pick(rng, ["Make a cone with base radius {r} on the XY plane at the origin and apex {h} units up.",
                     "cone r={r} h={h}", "Add a cone, {h} tall, base radius {r}, standing on the origin."]).format(r=r, h=h)
    code = HEAD + "rs.AddCone((0, 0, {h}), -{h}, {r})\n".format(h=h, r=r)
    return {"request": req, "code": code, "expect": {"count": {"solid": 1}, "bbox": [[-r, -r, 0], [r, r, h]]}}


@family("facade-panels", "surfaces-solids", 24)
def facade(rng):
    cols, rows, w, h, gap = rng.randint(2, 8), rng.randint(2, 5), pick(rng, [1, 1.2, 1.5]), pick(rng, [2, 2.5, 3]), pick(rng, [0.05, 0.1, 0.2])
    req = pick(rng, ["Make a facade of flat panels on the XZ plane: {c} columns x {r} rows, panels {w} x {h}, gap {g}.",
                     "panelised facade, {c}x{r} panels, {w} wide {h} high, joints {g}",
                     "Cover a wall (XZ plane) with {c} by {r} rectangular panels, {w} by {h}, spaced by {g}."]).format(
        c=cols, r=rows, w=num(w), h=num(h), g=num(gap))
    code = HEAD + "w, h, gap = {w}, {h}, {g}\nfor i in range({c}):\n    for j in range({r}):\n" \
                  "        plane = rs.PlaneFromFrame((i * (w + gap), 0, j * (h + gap)), (1, 0, 0), (0, 0, 1))\n" \
                  "        rs.AddPlaneSurface(plane, w, h)\n".format(
                      w=num(w), h=num(h), g=num(gap), c=cols, r=rows)
    return {"request": req, "code": code, "expect": {"count": {8: cols * rows},
            "bbox": [[0, 0, 0], [(cols - 1) * (w + gap) + w, 0, (rows - 1) * (h + gap) + h]]}}


@family("plane-surface", "surfaces-solids")
def plane_surface(rng):
    w, h, z = pick(rng, [2, 5, 10, 20]), pick(rng, [2, 4, 10]), pick(rng, [0, 0, 3, 6])
    req = pick(rng, ["Create a flat rectangular surface {w} by {h} at height {z}.",
                     "plane surface {w}x{h}, z={z}", "Make a horizontal {w} x {h} floor slab surface at z {z}."]).format(w=w, h=h, z=z)
    code = HEAD + "plane = rs.MovePlane(rs.WorldXYPlane(), (0, 0, {z}))\nrs.AddPlaneSurface(plane, {w}, {h})\n".format(z=z, w=w, h=h)
    return {"request": req, "code": code, "expect": {"count": {8: 1}, "bbox": [[0, 0, z], [w, h, z]]}}


@family("extruded-tower", "surfaces-solids")
def extrude_tower(rng):
    r, h = pick(rng, [2, 3, 5]), pick(rng, [10, 20, 30])
    req = pick(rng, ["Extrude a circle of radius {r} straight up {h} units to make a tower.",
                     "cylindrical tower by extruding a circle r={r}, height {h}",
                     "Draw a circle (r {r}) and extrude it {h} up."]).format(r=r, h=h)
    code = HEAD + "c = rs.AddCircle((0, 0, 0), {r})\nrs.ExtrudeCurveStraight(c, (0, 0, 0), (0, 0, {h}))\n".format(r=r, h=h)
    return {"request": req, "code": code, "expect": {"count": {4: 1, "solid": 1}, "bbox": [[-r, -r, 0], [r, r, h]]}}


# ------------------------------------------------------------------ meshes
def _grid_mesh_code(nx, ny, s, zexpr="0"):
    return ("verts = []\nfor j in range({ny1}):\n    for i in range({nx1}):\n        x, y = i * {s}, j * {s}\n"
            "        verts.append((x, y, {z}))\nfaces = []\nfor j in range({ny}):\n    for i in range({nx}):\n"
            "        a = j * {nx1} + i\n        faces.append((a, a + 1, a + {nx2}, a + {nx1}))\nrs.AddMesh(verts, faces)\n").format(
        nx=nx, ny=ny, nx1=nx + 1, ny1=ny + 1, nx2=nx + 2, s=num(s), z=zexpr)


@family("mesh-grid", "meshes")
def mesh_grid(rng):
    nx, ny, s = rng.randint(1, 12), rng.randint(1, 12), pick(rng, SPACINGS)
    req = pick(rng, ["I want a planar quad mesh: {nx} cells in X, {ny} in Y, every cell {s} wide, corner on the origin.",
                     "quad mesh, {nx} x {ny} cells of {s}", "Make a quad mesh grid ({nx} by {ny} cells of size {s})."]).format(
        nx=nx, ny=ny, s=num(s))
    code = HEAD + "import math\n\n" * 0 + _grid_mesh_code(nx, ny, s)
    return {"request": req, "code": code, "expect": {"count": {32: 1}, "bbox": [[0, 0, 0], [nx * s, ny * s, 0]]}}


@family("mesh-heightfield", "meshes")
def mesh_height(rng):
    n, size = rng.randint(4, 20), pick(rng, [5, 10, 20])
    fn = pick(rng, ["math.sin(x) * math.cos(y)", "0.1 * (x * x - y * y)", "math.sin(x + y)", "0.5 * math.cos(x)"])
    req = pick(rng, ["Mesh the function z = {f} with {n} by {n} quads across a square of side {s}.",
                     "heightfield mesh, {n} by {n}, size {s}, z={f}",
                     "Create a terrain-like mesh surface ({n}x{n} quads on {s}x{s}) with height z = {f}."]).format(n=n, s=size, f=fn)
    code = HEAD + "import math\n\n" + _grid_mesh_code(n, n, size / float(n), fn.replace("x", "X").replace("y", "Y")
                                                         .replace("X", "x").replace("Y", "y"))
    return {"request": req, "code": code, "expect": {"count": {32: 1}, "bbox_x": [0, size]}}


@family("mesh-box", "meshes")
def mesh_box(rng):
    a, b, c = pick(rng, [1, 2, 3]), pick(rng, [1, 2, 4]), pick(rng, [1, 3, 5])
    req = pick(rng, ["Make a closed box mesh {a} x {b} x {c} with six quad faces at the origin.",
                     "box mesh {a}x{b}x{c}", "Create a closed mesh cuboid ({a} by {b} by {c}), corner at 0,0,0."]).format(a=a, b=b, c=c)
    code = HEAD + "v = [(0, 0, 0), ({a}, 0, 0), ({a}, {b}, 0), (0, {b}, 0), (0, 0, {c}), ({a}, 0, {c}), ({a}, {b}, {c}), (0, {b}, {c})]\n" \
                  "f = [(0, 3, 2, 1), (4, 5, 6, 7), (0, 1, 5, 4), (1, 2, 6, 5), (2, 3, 7, 6), (3, 0, 4, 7)]\nrs.AddMesh(v, f)\n".format(a=a, b=b, c=c)
    return {"request": req, "code": code, "expect": {"count": {32: 1}, "bbox": [[0, 0, 0], [a, b, c]]}}


@family("mesh-pyramid", "meshes")
def mesh_pyramid(rng):
    s, h = pick(rng, [2, 4, 6]), pick(rng, [2, 3, 5])
    req = pick(rng, ["Make a closed square pyramid mesh: base {s} x {s} on the origin, apex {h} high.",
                     "pyramid mesh base {s} height {h}", "Create a mesh pyramid with a {s}-unit square base and height {h}."]).format(s=s, h=h)
    code = HEAD + "v = [(0, 0, 0), ({s}, 0, 0), ({s}, {s}, 0), (0, {s}, 0), ({m}, {m}, {h})]\n" \
                  "f = [(0, 3, 2, 1), (0, 1, 4), (1, 2, 4), (2, 3, 4), (3, 0, 4)]\nrs.AddMesh(v, f)\n".format(s=s, m=num(s / 2.0), h=h)
    return {"request": req, "code": code, "expect": {"count": {32: 1}, "bbox": [[0, 0, 0], [s, s, h]]}}


@family("mesh-volume-print", "meshes")
def mesh_volume(rng):
    a, b, c = rng.randint(1, 5), rng.randint(1, 5), rng.randint(1, 5)
    req = pick(rng, ["Make a closed {a}x{b}x{c} box mesh and print its volume.",
                     "box mesh {a} by {b} by {c}, then print volume and area",
                     "Create a cuboid mesh ({a}, {b}, {c}) and report its volume."]).format(a=a, b=b, c=c)
    code = HEAD + "v = [(0, 0, 0), ({a}, 0, 0), ({a}, {b}, 0), (0, {b}, 0), (0, 0, {c}), ({a}, 0, {c}), ({a}, {b}, {c}), (0, {b}, {c})]\n" \
                  "f = [(0, 3, 2, 1), (4, 5, 6, 7), (0, 1, 5, 4), (1, 2, 6, 5), (2, 3, 7, 6), (3, 0, 4, 7)]\n" \
                  "m = rs.AddMesh(v, f)\nprint(\"volume:\", rs.MeshVolume(m)[1])\n".format(a=a, b=b, c=c)
    return {"request": req, "code": code, "expect": {"count": {32: 1}, "prints": [a * b * c]}}


# ------------------------------------------------------------------ transforms
@family("linear-array-boxes", "transforms")
def linear_array(rng):
    n, s, axis = rng.randint(2, 10), pick(rng, [2, 3, 4, 5]), pick(rng, ["X", "Y", "Z"])
    vec = {"X": "({d}, 0, 0)", "Y": "(0, {d}, 0)", "Z": "(0, 0, {d})"}[axis]
    req = pick(rng, ["Make a unit cube at the origin and copy it {n} times along {a}, {s} apart.",
                     "cube plus {n} copies along the {a} axis every {s}",
                     "Linear array: a 1x1x1 box repeated {n} more times in {a} with spacing {s}."]).format(n=n, a=axis, s=s)
    code = HEAD + _box_code(0, 0, 0, 1, 1, 1).replace("rs.AddBox", "box = rs.AddBox") + "\nfor k in range(1, {m}):\n    rs.CopyObject(box, {v})\n".format(
        m=n + 1, v=vec.format(d="k * %s" % s))
    ext = [1, 1, 1]
    ext["XYZ".index(axis)] = n * s + 1
    return {"request": req, "code": code, "expect": {"count": {"solid": n + 1}, "bbox": [[0, 0, 0], ext]}}


@family("polar-array", "transforms")
def polar_array(rng):
    n, r = rng.randint(3, 16), pick(rng, [3, 5, 8])
    req = pick(rng, ["Make a polar array of {n} spheres (radius 0.5) around the origin at distance {r}.",
                     "{n} spheres arrayed in a circle, radius {r}",
                     "Copy a small sphere {n} times around the Z axis on a radius of {r}, evenly."]).format(n=n, r=r)
    code = HEAD + "s = rs.AddSphere(({r}, 0, 0), 0.5)\nfor k in range(1, {n}):\n    rs.RotateObject(s, (0, 0, 0), 360.0 * k / {n}, copy=True)\n".format(r=r, n=n)
    xs = [r * math.cos(2 * math.pi * k / n) for k in range(n)]
    ys = [r * math.sin(2 * math.pi * k / n) for k in range(n)]
    return {"request": req, "code": code, "expect": {"count": {"solid": n},
            "bbox": [[min(xs) - 0.5, min(ys) - 0.5, -0.5], [max(xs) + 0.5, max(ys) + 0.5, 0.5]], "bbox_tol": 0.25}}


@family("twisted-tower", "transforms")
def twisted_tower(rng):
    n, w, h, twist = rng.randint(3, 15), pick(rng, [4, 6, 8]), pick(rng, [1, 2, 3]), pick(rng, [3, 5, 10, 15])
    req = pick(rng, ["Build a twisting tower: {n} floor slabs {w}x{w}x0.3, {h} apart, each rotated {t} degrees more than the one below.",
                     "twisted tower, {n} slabs, {t} deg twist per floor, floor height {h}",
                     "Stack {n} square slabs (side {w}) every {h} units and rotate each by {t}° around the tower axis cumulatively."]).format(
        n=n, w=w, h=h, t=twist)
    code = HEAD + "w = {w}\nfor k in range({n}):\n    z = k * {h}\n" \
                  "    slab = rs.AddBox([(-w / 2.0, -w / 2.0, z), (w / 2.0, -w / 2.0, z), (w / 2.0, w / 2.0, z), (-w / 2.0, w / 2.0, z),\n" \
                  "                      (-w / 2.0, -w / 2.0, z + 0.3), (w / 2.0, -w / 2.0, z + 0.3), (w / 2.0, w / 2.0, z + 0.3), (-w / 2.0, w / 2.0, z + 0.3)])\n" \
                  "    rs.RotateObject(slab, (0, 0, z), k * {t})\n".format(w=w, n=n, h=h, t=twist)
    return {"request": req, "code": code, "expect": {"count": {"solid": n}, "bbox_z": [0, (n - 1) * h + 0.3]}}


@family("stair", "transforms")
def stair(rng):
    n, run, rise, width = rng.randint(3, 16), pick(rng, [0.25, 0.28, 0.3, 1]), pick(rng, [0.15, 0.17, 0.2]), pick(rng, [1, 1.2, 2, 3])
    req = pick(rng, ["Build a straight stair of {n} steps from boxes: tread {r} deep, {w} wide, rise {h}.",
                     "stair, {n} treads, going {r}, riser {h}, width {w}",
                     "Make a flight of {n} steps (boxes) each {r} deep and {h} high, {w} wide, climbing along X."]).format(
        n=n, r=num(run), w=num(width), h=num(rise))
    code = HEAD + "run, rise, width = {r}, {h}, {w}\nfor k in range({n}):\n    x, z = k * run, k * rise\n" \
                  "    rs.AddBox([(x, 0, z), (x + run, 0, z), (x + run, width, z), (x, width, z),\n" \
                  "               (x, 0, z + rise), (x + run, 0, z + rise), (x + run, width, z + rise), (x, width, z + rise)])\n".format(
                      r=num(run), h=num(rise), w=num(width), n=n)
    return {"request": req, "code": code, "expect": {"count": {"solid": n}, "bbox": [[0, 0, 0], [n * run, width, n * rise]]}}


@family("spiral-stair", "transforms")
def spiral_stair(rng):
    n, step, rise = rng.randint(6, 24), pick(rng, [15, 20, 22.5, 30]), pick(rng, [0.18, 0.2])
    req = pick(rng, ["Build a spiral stair: {n} treads (boxes 2 x 0.5 x 0.05) around the Z axis, {s} degrees apart, rising {h} each.",
                     "spiral staircase, {n} steps, {s} deg per step, rise {h}",
                     "Make {n} step boxes rotating {s}° per step about the origin and climbing {h} each."]).format(n=n, s=num(step), h=num(rise))
    code = HEAD + "for k in range({n}):\n    z = k * {h}\n" \
                  "    step = rs.AddBox([(0, -0.25, z), (2, -0.25, z), (2, 0.25, z), (0, 0.25, z), (0, -0.25, z + 0.05), (2, -0.25, z + 0.05), (2, 0.25, z + 0.05), (0, 0.25, z + 0.05)])\n" \
                  "    rs.RotateObject(step, (0, 0, 0), k * {s})\n".format(n=n, h=num(rise), s=num(step))
    return {"request": req, "code": code, "expect": {"count": {"solid": n}}}


@family("scale-series", "transforms")
def scale_series(rng):
    n, f = rng.randint(2, 8), pick(rng, [0.5, 0.8, 0.9, 1.5])
    req = pick(rng, ["Draw a circle of radius 10 and {n} copies, each scaled by {f} from the origin relative to the previous one.",
                     "circle r10 then {n} nested copies scaled by {f}",
                     "Make a radius-10 circle and repeatedly copy-scale it {n} times by a factor {f} about 0,0,0."]).format(n=n, f=num(f))
    code = HEAD + "c = rs.AddCircle((0, 0, 0), 10)\nfor k in range({n}):\n    c = rs.ScaleObject(c, (0, 0, 0), ({f}, {f}, {f}), copy=True)\n".format(n=n, f=num(f))
    return {"request": req, "code": code, "expect": {"count": {4: n + 1}}}


@family("mirror-copy", "transforms")
def mirror_copy(rng):
    x = pick(rng, [2, 3, 5])
    plane = pick(rng, ["YZ", "XZ"])
    req = pick(rng, ["Make a 1x1x1 box at ({x},0,0) and mirror a copy across the {p} plane.",
                     "box at x={x}, mirrored copy over the {p} plane",
                     "Add a unit cube at {x},0,0 and a mirror image of it across the world {p} plane."]).format(x=x, p=plane)
    end = "(0, 1, 0)" if plane == "YZ" else "(1, 0, 0)"
    code = HEAD + _box_code(x, 0, 0, 1, 1, 1).replace("rs.AddBox", "box = rs.AddBox") + "\nrs.MirrorObject(box, (0, 0, 0), {e}, copy=True)\n".format(e=end)
    bb = [[-x - 1, 0, 0], [x + 1, 1, 1]] if plane == "YZ" else [[x, -1, 0], [x + 1, 1, 1]]
    return {"request": req, "code": code, "expect": {"count": {"solid": 2}, "bbox": bb}}


# ------------------------------------------------------------------ layers and attributes
@family("layers-numbered", "layers-attributes")
def layers_numbered(rng):
    n, stem = rng.randint(2, 12), pick(rng, ["Floor", "L", "Storey", "Zone", "Phase", "Option", "Block"])
    sep = pick(rng, ["_", " ", "-"])
    req = pick(rng, ["I need {n} numbered layers, {s}{p}01 up to {s}{p}{n:02d}.", "create {n} layers named {s}{p}01...{s}{p}{n:02d}",
                     "Add one layer per {low}: {s}{p}01 through {s}{p}{n:02d}."]).format(s=stem, p=sep, n=n, low=stem.lower())
    code = HEAD + "for k in range(1, {m}):\n    rs.AddLayer(\"{s}{p}%02d\" % k)\n".format(m=n + 1, s=stem, p=sep)
    return {"request": req, "code": code, "expect": {"count": {}, "layers": ["%s%s%02d" % (stem, sep, k) for k in range(1, n + 1)],
                                                     "layer_total": n + 1}}


@family("nested-layers", "layers-attributes")
def nested_layers(rng):
    parent = pick(rng, ["Building", "Site", "Model", "Tower A", "Pavilion", "Existing", "Proposed"])
    kids = rng.sample(LAYER_NAMES, rng.randint(2, 5))
    req = pick(rng, ["Set up a layer {p} with sublayers {k} underneath it.", "layer {p} > children {k}",
                     "Create parent layer '{p}' and child layers {k}."]).format(p=parent, k=", ".join(kids))
    code = HEAD + "rs.AddLayer(\"{p}\")\nfor name in {k}:\n    rs.AddLayer(name, parent=\"{p}\")\n".format(p=parent, k=kids)
    return {"request": req, "code": code, "expect": {"count": {}, "layers": [parent] + ["%s::%s" % (parent, k) for k in kids]}}


@family("layer-colors", "layers-attributes")
def layer_colors(rng):
    names = rng.sample(LAYER_NAMES, rng.randint(1, 4))
    cols = [pick(rng, sorted(COLORS)) for _ in names]
    req = pick(rng, ["Create layers {pairs}.", "make layers with colours: {pairs}", "Add these coloured layers: {pairs}."]).format(
        pairs=", ".join("%s (%s)" % (n, c) for n, c in zip(names, cols)))
    code = HEAD + "layers = {d}\nfor name, color in layers:\n    rs.AddLayer(name, color)\n".format(
        d=[(n, COLORS[c]) for n, c in zip(names, cols)])
    return {"request": req, "code": code, "expect": {"count": {}, "layers": names}}


@family("objects-on-layer", "layers-attributes")
def objects_on_layer(rng):
    layer, n = pick(rng, LAYER_NAMES), rng.randint(1, 6)
    color = pick(rng, sorted(COLORS))
    req = pick(rng, ["Make a {c} layer called {l}, set it current and draw {n} circles of radius 1 along X on it.",
                     "on a new {c} layer {l}: {n} unit circles, 3 apart",
                     "Create layer {l} ({c}), make it the current layer, then add {n} circles (r=1) spaced 3 along x."]).format(
        c=color, l=layer, n=n)
    code = HEAD + "rs.AddLayer(\"{l}\", {col})\nrs.CurrentLayer(\"{l}\")\nfor k in range({n}):\n    rs.AddCircle((3 * k, 0, 0), 1)\n".format(
        l=layer, col=COLORS[color], n=n)
    return {"request": req, "code": code, "expect": {"count": {4: n}, "layers": [layer], "on_layer": layer}}


@family("named-objects", "layers-attributes")
def named_objects(rng):
    n, stem = rng.randint(2, 8), pick(rng, ["Column", "Panel", "Pile", "Post", "Tree", "Lamp", "Node"])
    req = pick(rng, ["Place {n} points along X, 2 apart, named {s}_1 to {s}_{n}.",
                     "{n} named points ({s}_1..{s}_{n}) every 2 units on x",
                     "Add {n} points spaced 2 along the x axis and give them names {s}_1, {s}_2, ..."]).format(n=n, s=stem)
    code = HEAD + "for k in range({n}):\n    p = rs.AddPoint(2 * k, 0, 0)\n    rs.ObjectName(p, \"{s}_%d\" % (k + 1))\n".format(n=n, s=stem)
    return {"request": req, "code": code, "expect": {"count": {1: n}}}


@family("gradient-points", "layers-attributes")
def gradient_points(rng):
    n = rng.randint(3, 12)
    a, b = rng.sample(sorted(COLORS), 2)
    req = pick(rng, ["Add {n} points along X and colour them in a gradient from {a} to {b}.",
                     "{n} points, colour gradient {a} -> {b}", "Make a row of {n} points whose colours blend from {a} to {b}."]).format(n=n, a=a, b=b)
    code = HEAD + "start, end = {ca}, {cb}\nn = {n}\nfor k in range(n):\n    t = k / float(n - 1)\n" \
                  "    color = [int(round(start[i] + (end[i] - start[i]) * t)) for i in range(3)]\n" \
                  "    p = rs.AddPoint(k, 0, 0)\n    rs.ObjectColor(p, color)\n".format(ca=COLORS[a], cb=COLORS[b], n=n)
    return {"request": req, "code": code, "expect": {"count": {1: n}}}


@family("user-text-tags", "layers-attributes")
def user_text(rng):
    key, val = pick(rng, [("material", "concrete"), ("material", "steel"), ("phase", "2"), ("status", "existing"),
                          ("fire_rating", "60"), ("type", "A"), ("level", "03")])
    n = rng.randint(1, 5)
    req = pick(rng, ["Make {n} boxes along X and tag each with user text {k} = {v}.",
                     "{n} unit cubes, user text '{k}' set to '{v}'", "Add {n} cubes spaced 2 apart with the attribute {k}: {v}."]).format(
        n=n, k=key, v=val)
    code = HEAD + "for k in range({n}):\n    x = 2 * k\n    b = " + _box_code(0, 0, 0, 1, 1, 1).replace("(0,", "(x + 0,").replace("(1,", "(x + 1,") + \
        "\n    rs.SetUserText(b, \"{k}\", \"{v}\")\n"
    code = code.format(n=n, k=key, v=val)
    return {"request": req, "code": code, "expect": {"count": {"solid": n}}}


@family("layer-visibility", "layers-attributes")
def layer_visibility(rng):
    a, b = rng.sample(LAYER_NAMES, 2)
    req = pick(rng, ["Create layers {a} and {b}, hide {a} and lock {b}.", "new layers {a} (hidden) and {b} (locked)",
                     "Add a hidden layer {a} and a locked layer {b}."]).format(a=a, b=b)
    code = HEAD + "rs.AddLayer(\"{a}\")\nrs.AddLayer(\"{b}\")\nrs.LayerVisible(\"{a}\", False)\nrs.LayerLocked(\"{b}\", True)\n".format(a=a, b=b)
    return {"request": req, "code": code, "expect": {"count": {}, "layers": [a, b]}}


# ------------------------------------------------------------------ documents and groups
@family("group-rows", "document-groups")
def group_rows(rng):
    rows, cols = rng.randint(2, 5), rng.randint(2, 6)
    stem = pick(rng, ["Row", "Bay", "Line", "Strip"])
    req = pick(rng, ["Make {r} rows of {c} circles (radius 0.5, spacing 2) and put each row in a group {s}_1...",
                     "{r}x{c} circles, one group per row named {s}_n",
                     "Draw a {c}-by-{r} array of small circles and group every row separately ({s}_1, {s}_2...)."]).format(r=rows, c=cols, s=stem)
    code = HEAD + "rows = [[rs.AddCircle((2 * i, 2 * j, 0), 0.5) for i in range({c})] for j in range({r})]\n" \
                  "for j, ids in enumerate(rows):\n    rs.AddObjectsToGroup(ids, rs.AddGroup(\"{s}_%d\" % (j + 1)))\n".format(r=rows, c=cols, s=stem)
    return {"request": req, "code": code, "expect": {"count": {4: rows * cols}, "group_count": rows,
            "bbox": [[-0.5, -0.5, 0], [2 * (cols - 1) + 0.5, 2 * (rows - 1) + 0.5, 0]]}}


@family("doc-user-text", "document-groups")
def doc_text(rng):
    key, val = pick(rng, [("project", "P-2026-%02d"), ("client", "ACME %d"), ("revision", "R%d"), ("author", "Team %d")])
    val = val % rng.randint(1, 40)
    req = pick(rng, ["Store '{v}' in the document user text under '{k}'.", "document text {k} = {v}",
                     "Save the {k} '{v}' as document-level user text."]).format(k=key, v=val)
    code = HEAD + "rs.SetDocumentUserText(\"{k}\", \"{v}\")\nprint(rs.GetDocumentUserText(\"{k}\"))\n".format(k=key, v=val)
    return {"request": req, "code": code, "expect": {"count": {}, "doc_text": [key, val]}}


@family("units-tolerance", "document-groups")
def units(rng):
    name, code_ = pick(rng, [("millimeters", 2), ("centimeters", 3), ("meters", 4), ("inches", 8), ("feet", 9)])
    tol = pick(rng, [0.001, 0.01, 0.0001])
    req = pick(rng, ["Set the model units to {n} and the absolute tolerance to {t}.", "units {n}, tolerance {t}",
                     "Switch the document to {n} (don't scale) with tolerance {t}, then print both."]).format(n=name, t=tol)
    code = HEAD + "rs.UnitSystem({c}, False)\nrs.UnitAbsoluteTolerance({t})\nprint(rs.UnitSystemName(), rs.UnitAbsoluteTolerance())\n".format(c=code_, t=tol)
    return {"request": req, "code": code, "expect": {"count": {}, "prints": [tol], "units": code_}}


# ------------------------------------------------------------------ measure and print
@family("print-circle-measures", "measure-print")
def circle_measures(rng):
    r = pick(rng, [1, 2, 2.5, 3, 4, 5, 7.5, 10])
    what = pick(rng, ["length", "area"])
    req = pick(rng, ["Draw a circle of radius {r} and print its {w}.", "circle r={r}: print the {w}",
                     "Make a {r}-radius circle and tell me its {w}."]).format(r=num(r), w=what)
    fn = "rs.CurveLength(c)" if what == "length" else "rs.CurveArea(c)[0]"
    code = HEAD + "c = rs.AddCircle((0, 0, 0), {r})\nprint({f})\n".format(r=num(r), f=fn)
    want = 2 * math.pi * r if what == "length" else math.pi * r * r
    return {"request": req, "code": code, "expect": {"count": {4: 1}, "prints": [want]}}


@family("print-polygon-perimeter", "measure-print")
def polygon_perimeter(rng):
    pts = [(0, 0, 0), (rng.randint(2, 9), 0, 0), (rng.randint(2, 9), rng.randint(2, 9), 0), (0, rng.randint(2, 9), 0)]
    req = pick(rng, ["Draw a closed polyline through {p} and print its perimeter and area.",
                     "closed polygon {p}: perimeter + area?", "Make the quadrilateral {p} (closed) and report its length and enclosed area."]).format(p=pts)
    code = HEAD + "pts = {p}\nc = rs.AddPolyline(pts + [pts[0]])\nprint(\"perimeter\", rs.CurveLength(c))\nprint(\"area\", rs.CurveArea(c)[0])\n".format(p=pts)
    per = sum(math.dist(pts[i], pts[(i + 1) % 4]) for i in range(4))
    area = 0.5 * abs(sum(pts[i][0] * pts[(i + 1) % 4][1] - pts[(i + 1) % 4][0] * pts[i][1] for i in range(4)))
    return {"request": req, "code": code, "expect": {"count": {4: 1}, "prints": [per, area]}}


@family("print-distance", "measure-print")
def print_distance(rng):
    a = (rng.randint(-9, 9), rng.randint(-9, 9), rng.randint(-9, 9))
    b = (rng.randint(-9, 9), rng.randint(-9, 9), rng.randint(-9, 9))
    req = pick(rng, ["Print the distance between {a} and {b}.", "distance {a} to {b}?", "How far apart are the points {a} and {b}?"]).format(a=a, b=b)
    code = HEAD + "print(rs.Distance({a}, {b}))\n".format(a=a, b=b)
    return {"request": req, "code": code, "expect": {"count": {}, "prints": [math.dist(a, b)]}}


@family("print-box-volume", "measure-print")
def print_box_volume(rng):
    w, d, h = rng.randint(1, 9), rng.randint(1, 9), rng.randint(1, 9)
    req = pick(rng, ["Make a {w}x{d}x{h} box and print its volume.", "box {w} {d} {h} -> volume?",
                     "Create a block {w} by {d} by {h} and print how many cubic units it holds."]).format(w=w, d=d, h=h)
    code = HEAD + _box_code(0, 0, 0, w, d, h).replace("rs.AddBox", "b = rs.AddBox") + "\nprint(rs.SurfaceVolume(b)[0])\n"
    return {"request": req, "code": code, "expect": {"count": {"solid": 1}, "prints": [w * d * h]}}


@family("print-curve-division", "measure-print")
def print_division(rng):
    L, n = pick(rng, [6, 10, 12, 20]), rng.randint(2, 8)
    req = pick(rng, ["Draw a line {L} long on X, divide it into {n} parts and print the division points.",
                     "line length {L}, {n} segments: print the points", "Divide a {L}-unit line into {n} equal pieces and list the points."]).format(L=L, n=n)
    code = HEAD + "line = rs.AddLine((0, 0, 0), ({L}, 0, 0))\nfor p in rs.DivideCurve(line, {n}):\n    print(p[0], p[1], p[2])\n".format(L=L, n=n)
    return {"request": req, "code": code, "expect": {"count": {4: 1}, "prints": [L * k / float(n) for k in range(n + 1)]}}


# ------------------------------------------------------------------ single primitives, stated plainly
def _pt(rng, lo=-10, hi=10):
    return (rng.randint(lo, hi), rng.randint(lo, hi), pick(rng, [0, 0, rng.randint(0, 8)]))


def _bbox(pts):
    return [[min(p[i] for p in pts) for i in range(3)], [max(p[i] for p in pts) for i in range(3)]]


@family("line", "curves", 30)
def line(rng):
    a, b = _pt(rng), _pt(rng)
    while a == b:
        b = _pt(rng)
    req = pick(rng, ["Add a line between {a} and {b}.", "line {a} -> {b}", "Draw a straight segment starting at {a} and ending at {b}.",
                     "Connect the points {a} and {b} with a line."]).format(a=a, b=b)
    code = HEAD + "rs.AddLine({a}, {b})\n".format(a=a, b=b)
    return {"request": req, "code": code, "expect": {"count": {4: 1}, "length": math.dist(a, b), "bbox": _bbox([a, b])}}


@family("open-polyline", "curves")
def open_polyline(rng):
    pts = [(2 * k, rng.randint(-4, 4), 0) for k in range(rng.randint(3, 6))]
    req = pick(rng, ["Draw an open polyline through {p}.", "polyline {p}", "Make a polyline with vertices {p} (not closed)."]).format(p=pts)
    code = HEAD + "rs.AddPolyline({p})\n".format(p=pts)
    return {"request": req, "code": code,
            "expect": {"count": {4: 1}, "length": sum(math.dist(a, b) for a, b in zip(pts, pts[1:])), "bbox": _bbox(pts)}}


@family("interp-curve", "curves", 30)
def interp_curve(rng):
    pts = [(3 * k, rng.randint(-4, 4), 0) for k in range(rng.randint(3, 6))]
    req = pick(rng, ["Interpolate a curve through the points {p}.", "smooth curve passing through {p}",
                     "I need a curve that goes through each of {p}, not just near them.", "fit an interpolated curve to {p}"]).format(p=pts)
    code = HEAD + "rs.AddInterpCurve({p})\n".format(p=pts)
    return {"request": req, "code": code, "expect": {"count": {4: 1}, "bbox_x": [0, 3 * (len(pts) - 1)], "through": pts}}


@family("circle", "curves", 30)
def circle(rng):
    c = _pt(rng)
    r = pick(rng, [0.5, 1, 2, 2.5, 3, 5, 7.5, 10, 12])
    how = pick(rng, ["radius", "diameter"])
    size = r if how == "radius" else 2 * r
    req = pick(rng, ["Add a circle with {h} {s} centred at {c}.", "circle at {c}, {h} {s}",
                     "Draw a flat circle (world XY) of {h} {s} around the point {c}."]).format(h=how, s=num(size), c=c)
    code = HEAD + ("rs.AddCircle({c}, {r})\n" if how == "radius" else "rs.AddCircle({c}, {d} / 2.0)\n").format(c=c, r=num(r), d=num(size))
    return {"request": req, "code": code, "expect": {"count": {4: 1}, "length": 2 * math.pi * r,
                                                     "bbox": [[c[0] - r, c[1] - r, c[2]], [c[0] + r, c[1] + r, c[2]]]}}


@family("corner-surface", "surfaces-solids", 24)
def corner_surface(rng):
    w, d = pick(rng, [4, 5, 8, 10]), pick(rng, [3, 5, 6, 10])
    z = [pick(rng, [0, 0, 2, 4]) for _ in range(4)]
    pts = [(0, 0, z[0]), (w, 0, z[1]), (w, d, z[2]), (0, d, z[3])]
    req = pick(rng, ["Make a surface through the four corner points {p}.", "4-point surface {p}",
                     "Create a bilinear surface patch with corners {p}."]).format(p=pts)
    code = HEAD + "rs.AddSrfPt({p})\n".format(p=pts)
    return {"request": req, "code": code, "expect": {"count": {8: 1}, "bbox": _bbox(pts)}}


@family("cylinder", "surfaces-solids", 24)
def cylinder(rng):
    r, h = pick(rng, [0.5, 1, 2, 3, 4]), pick(rng, [2, 5, 8, 10, 15])
    c = (pick(rng, [0, 0, 5, -3]), pick(rng, [0, 0, 2, 6]), 0)
    req = pick(rng, ["Add a closed cylinder of radius {r} and height {h} standing on {c}.", "cylinder r={r} h={h} at {c}",
                     "Make a capped vertical cylinder, {h} tall, radius {r}, base centre {c}."]).format(r=num(r), h=h, c=c)
    code = HEAD + "rs.AddCylinder({c}, {h}, {r})\n".format(c=c, h=h, r=num(r))
    return {"request": req, "code": code,
            "expect": {"count": {"solid": 1}, "bbox": [[c[0] - r, c[1] - r, 0], [c[0] + r, c[1] + r, h]]}}


@family("sphere-grid", "surfaces-solids", 24)
def sphere_grid(rng):
    nx, ny, s, r = rng.randint(2, 5), rng.randint(1, 4), pick(rng, [1, 2, 3, 5]), pick(rng, [0.25, 0.5, 1])
    r = min(r, s / 2.0)
    req = pick(rng, ["Place spheres of radius {r} on a {nx} x {ny} grid with spacing {s}.", "sphere grid {nx}x{ny}, step {s}, r {r}",
                     "Put a ball (r={r}) at each point of a {nx} by {ny} grid, {s} apart, starting at the origin."]).format(
        r=num(r), nx=nx, ny=ny, s=s)
    code = HEAD + "for i in range({nx}):\n    for j in range({ny}):\n        rs.AddSphere((i * {s}, j * {s}, 0), {r})\n".format(
        nx=nx, ny=ny, s=s, r=num(r))
    return {"request": req, "code": code, "expect": {"count": {"solid": nx * ny}, "bbox_tol": 1e-3,
            "bbox": [[-r, -r, -r], [(nx - 1) * s + r, (ny - 1) * s + r, r]]}}


@family("mesh-explicit", "meshes", 30)
def mesh_explicit(rng):
    s, h = pick(rng, [1, 2, 3, 4, 5]), pick(rng, [2, 3, 4])
    shape = pick(rng, ["quad", "triangle", "tetrahedron", "two quads"])
    verts, faces = {
        "quad": ([(0, 0, 0), (s, 0, 0), (s, s, 0), (0, s, 0)], [(0, 1, 2, 3)]),
        "triangle": ([(0, 0, 0), (s, 0, 0), (0, s, 0)], [(0, 1, 2)]),
        "tetrahedron": ([(0, 0, 0), (s, 0, 0), (0, s, 0), (0, 0, h)], [(0, 2, 1), (0, 1, 3), (1, 2, 3), (2, 0, 3)]),
        "two quads": ([(0, 0, 0), (s, 0, 0), (2 * s, 0, 0), (0, s, 0), (s, s, 0), (2 * s, s, 0)], [(0, 1, 4, 3), (1, 2, 5, 4)])}[shape]
    req = pick(rng, ["Build a mesh from the vertices {v} with the faces {f}.", "mesh ({sh}): vertices {v}",
                     "Make a {sh} mesh with vertices {v}."]).format(v=verts, f=faces, sh=shape)
    code = HEAD + "vertices = {v}\nfaces = {f}\nrs.AddMesh(vertices, faces)\n".format(v=verts, f=faces)
    return {"request": req, "code": code, "expect": {"count": {32: 1}, "bbox": _bbox(verts)}}


@family("random-points-seeded", "points-vectors", 24)
def random_points(rng):
    import random

    n, size, seed = rng.randint(5, 60), pick(rng, [1, 5, 10, 20]), rng.randint(0, 99)
    flat = rng.random() < 0.4
    req = pick(rng, ["Scatter {n} random points in a {s} x {s}{z} region at the origin; seed the generator with {k}.",
                     "{n} random points, seed {k}, inside a {s}-unit {w}", "Make {n} reproducible random points (seed {k}) within a {w} of size {s} from 0,0,0."]).format(
        n=n, s=size, k=seed, z="" if flat else " x %d" % size, w="square" if flat else "cube")
    zexpr = "0" if flat else "random.uniform(0, {s})".format(s=size)
    code = HEAD + "import random\n\nrandom.seed({k})\nfor _ in range({n}):\n" \
                  "    rs.AddPoint(random.uniform(0, {s}), random.uniform(0, {s}), {z})\n".format(k=seed, n=n, s=size, z=zexpr)
    gen, pts = random.Random(seed), []
    for _ in range(n):
        x, y = gen.uniform(0, size), gen.uniform(0, size)
        pts.append((x, y, 0 if flat else gen.uniform(0, size)))
    return {"request": req, "code": code, "expect": {"count": {1: n}, "bbox": _bbox(pts)}}
