"""The benchmark's task definitions, written by the project (never derived from training sources).

`python -m rhino_datasets.benchmark.author_tasks` regenerates `tasks.jsonl` beside this file;
a test keeps the two in sync. Format and metrics: docs/evaluation.md (the contract).

Checks run after the generated script with `rs`, `doc`, `created`, `deleted`, `selected`,
`stdout` in scope and raise AssertionError with a reason. They test outcomes (types, counts,
sizes, layers, attributes, printed numbers), never the text of the code.
"""
import json
import os
import textwrap

from rhino_plugin.core.files import open_atomic

TASKS = []
CATEGORIES = ("points-vectors", "curves", "surfaces-solids", "meshes", "transforms",
              "layers-attributes", "selection", "measure-print", "document-groups")


def task(id, category, family, prompt, reference, check, setup=None, select="none",
         needs_kernel=False):
    assert category in CATEGORIES, category
    TASKS.append({
        "id": id, "prompt": prompt, "category": category, "family": family,
        "setup": _code(setup) if setup else None,
        "select": select,
        "check": _code(check),
        "reference": _code(reference),
        "needs_kernel": needs_kernel,
    })


def _code(text):
    """Dedent a code block; a check may start with the unindented NUMS prelude."""
    if text.startswith(NUMS):
        return NUMS + textwrap.dedent(text[len(NUMS):]).strip() + "\n"
    return textwrap.dedent(text).strip() + "\n"


# Checks share a few one-line idioms; spelled out in each check so a check reads on its own.
NUMS = "import re\nnums = [float(x) for x in re.findall(r'-?\\d+(?:\\.\\d+)?(?:[eE][-+]?\\d+)?', stdout)]\n"


# --------------------------------------------------------------------------- points-vectors
for i, (nx, ny, step) in enumerate([(5, 5, 2.0), (3, 4, 10.0), (6, 2, 1.5)]):
    task("pv-grid-%d" % i, "points-vectors", "point-grid",
         ["Make a %d by %d grid of points spaced %g apart starting at the origin." % (nx, ny, step),
          "point grid %dx%d, spacing %g units" % (nx, ny, step),
          "I need a rectangular array of points: %d columns along X, %d rows along Y, %g between them, first one at 0,0,0."
          % (nx, ny, step)][i],
         """
         import rhinoscriptsyntax as rs
         for i in range(%d):
             for j in range(%d):
                 rs.AddPoint(i * %r, j * %r, 0)
         """ % (nx, ny, step, step),
         """
         pts = [rs.PointCoordinates(i) for i in created if rs.IsPoint(i)]
         assert len(pts) == %d, "expected %d points, got %%d" %% len(pts)
         xs = sorted(set(round(p[0], 6) for p in pts)); ys = sorted(set(round(p[1], 6) for p in pts))
         assert len(xs) == %d and len(ys) == %d, "grid is not %dx%d"
         assert abs(xs[1] - xs[0] - %r) < 1e-6 and abs(ys[1] - ys[0] - %r) < 1e-6, "wrong spacing"
         assert abs(min(xs)) < 1e-6 and abs(min(ys)) < 1e-6, "grid does not start at the origin"
         assert all(abs(p[2]) < 1e-9 for p in pts), "points must lie at z=0"
         """ % (nx * ny, nx * ny, nx, ny, nx, ny, step, step))

task("pv-midpoint", "points-vectors", "midpoint",
     "Add a point exactly halfway between (2, 4, 0) and (10, -6, 8).",
     """
     import rhinoscriptsyntax as rs
     a = (2, 4, 0); b = (10, -6, 8)
     rs.AddPoint((a[0] + b[0]) / 2.0, (a[1] + b[1]) / 2.0, (a[2] + b[2]) / 2.0)
     """,
     """
     pts = [rs.PointCoordinates(i) for i in created if rs.IsPoint(i)]
     assert len(pts) == 1, "expected one point"
     p = pts[0]
     assert abs(p[0] - 6) < 1e-6 and abs(p[1] + 1) < 1e-6 and abs(p[2] - 4) < 1e-6, "not the midpoint: %s" % p
     """)

task("pv-circle-of-points", "points-vectors", "points-on-circle",
     "Place 12 points evenly around a circle of radius 5 centred at the origin in the XY plane.",
     """
     import math
     import rhinoscriptsyntax as rs
     for k in range(12):
         a = 2 * math.pi * k / 12
         rs.AddPoint(5 * math.cos(a), 5 * math.sin(a), 0)
     """,
     """
     import math
     pts = [rs.PointCoordinates(i) for i in created if rs.IsPoint(i)]
     assert len(pts) == 12, "expected 12 points, got %d" % len(pts)
     for p in pts:
         assert abs(math.hypot(p[0], p[1]) - 5) < 1e-6 and abs(p[2]) < 1e-9, "point off the circle: %s" % p
     angles = sorted(math.atan2(p[1], p[0]) % (2 * math.pi) for p in pts)
     gaps = [b - a for a, b in zip(angles, angles[1:])]
     assert all(abs(g - math.pi / 6) < 1e-6 for g in gaps), "points are not evenly spaced"
     """)

task("pv-points-on-circle-z", "points-vectors", "points-on-circle",
     "8 points on a ring, radius 3, at height z=2, centre (1,1).",
     """
     import math
     import rhinoscriptsyntax as rs
     for k in range(8):
         a = 2 * math.pi * k / 8
         rs.AddPoint(1 + 3 * math.cos(a), 1 + 3 * math.sin(a), 2)
     """,
     """
     import math
     pts = [rs.PointCoordinates(i) for i in created if rs.IsPoint(i)]
     assert len(pts) == 8, "expected 8 points, got %d" % len(pts)
     for p in pts:
         assert abs(math.hypot(p[0] - 1, p[1] - 1) - 3) < 1e-6, "point not at radius 3 from (1,1)"
         assert abs(p[2] - 2) < 1e-9, "point not at z=2"
     """)

task("pv-cross-product", "points-vectors", "vector-math",
     "Print the cross product of the vectors (1,2,3) and (4,5,6).",
     """
     import rhinoscriptsyntax as rs
     v = rs.VectorCrossProduct((1, 2, 3), (4, 5, 6))
     print(v[0], v[1], v[2])
     """,
     NUMS + """
     assert len(nums) >= 3, "print the three components"
     assert [round(x, 6) for x in nums[-3:]] == [-3.0, 6.0, -3.0], "wrong cross product: %s" % nums[-3:]
     """)

task("pv-angle", "points-vectors", "vector-math",
     "What's the angle in degrees between vector (1,0,0) and (1,1,0)? Print it.",
     """
     import rhinoscriptsyntax as rs
     print(rs.VectorAngle((1, 0, 0), (1, 1, 0)))
     """,
     NUMS + """
     assert any(abs(x - 45.0) < 1e-4 for x in nums), "expected 45 degrees in the output: %r" % stdout
     assert not created, "a measurement should not add objects"
     """)

task("pv-unitize", "points-vectors", "vector-math",
     "Normalize the vector (3, 0, 4) and print its components.",
     """
     import rhinoscriptsyntax as rs
     v = rs.VectorUnitize((3, 0, 4))
     print(v[0], v[1], v[2])
     """,
     NUMS + """
     assert len(nums) >= 3, "print three components"
     x, y, z = nums[-3:]
     assert abs(x - 0.6) < 1e-6 and abs(y) < 1e-6 and abs(z - 0.8) < 1e-6, "wrong unit vector %s" % nums[-3:]
     """)

task("pv-distance", "points-vectors", "measure-points",
     "distance between 1,2,3 and 4,6,3?",
     """
     import rhinoscriptsyntax as rs
     print(rs.Distance((1, 2, 3), (4, 6, 3)))
     """,
     NUMS + """
     assert any(abs(x - 5.0) < 1e-6 for x in nums), "distance should be 5: %r" % stdout
     """)

task("pv-points-along-line", "points-vectors", "points-between",
     "Put 11 points evenly from (0,0,0) to (20,10,0), including both ends.",
     """
     import rhinoscriptsyntax as rs
     for k in range(11):
         t = k / 10.0
         rs.AddPoint(20 * t, 10 * t, 0)
     """,
     """
     pts = sorted((rs.PointCoordinates(i) for i in created if rs.IsPoint(i)), key=lambda p: p[0])
     assert len(pts) == 11, "expected 11 points, got %d" % len(pts)
     assert abs(pts[0][0]) < 1e-6 and abs(pts[-1][0] - 20) < 1e-6 and abs(pts[-1][1] - 10) < 1e-6, "ends wrong"
     for p in pts:
         assert abs(p[1] - p[0] / 2.0) < 1e-6, "point off the segment: %s" % p
     """)

task("pv-point-cloud", "points-vectors", "point-cloud",
     "Create a point cloud from a 10 x 10 grid of points 1 unit apart.",
     """
     import rhinoscriptsyntax as rs
     pts = [(i, j, 0) for i in range(10) for j in range(10)]
     rs.AddPointCloud(pts)
     """,
     """
     clouds = [i for i in created if rs.IsPointCloud(i)]
     assert len(clouds) == 1, "expected one point cloud, got %d" % len(clouds)
     assert rs.PointCloudCount(clouds[0]) == 100, "cloud should hold 100 points"
     bb = rs.BoundingBox(clouds[0])
     assert abs(bb[6][0] - bb[0][0] - 9) < 1e-6 and abs(bb[6][1] - bb[0][1] - 9) < 1e-6, "cloud extents wrong"
     """)

task("pv-random-seeded", "points-vectors", "random-points",
     "Scatter 50 random points inside a 10x10x10 box at the origin (use a fixed seed so it's repeatable).",
     """
     import random
     import rhinoscriptsyntax as rs
     random.seed(1)
     for _ in range(50):
         rs.AddPoint(random.uniform(0, 10), random.uniform(0, 10), random.uniform(0, 10))
     """,
     """
     pts = [rs.PointCoordinates(i) for i in created if rs.IsPoint(i)]
     assert len(pts) == 50, "expected 50 points, got %d" % len(pts)
     for p in pts:
         assert all(-1e-9 <= c <= 10 + 1e-9 for c in p), "point outside the box: %s" % p
     assert len(set((round(p[0], 6), round(p[1], 6), round(p[2], 6)) for p in pts)) == 50, "points coincide"
     """)

task("pv-spiral-points", "points-vectors", "helix-points",
     "Generate 40 points on a helix: radius 4, 5 units of rise per full turn, 4 turns total, starting on the +X axis.",
     """
     import math
     import rhinoscriptsyntax as rs
     n = 40
     for k in range(n):
         t = 4.0 * k / (n - 1)
         a = 2 * math.pi * t
         rs.AddPoint(4 * math.cos(a), 4 * math.sin(a), 5 * t)
     """,
     """
     import math
     pts = [rs.PointCoordinates(i) for i in created if rs.IsPoint(i)]
     assert len(pts) == 40, "expected 40 points, got %d" % len(pts)
     for p in pts:
         assert abs(math.hypot(p[0], p[1]) - 4) < 1e-6, "point not at radius 4"
         turns = p[2] / 5.0
         a = 2 * math.pi * turns
         assert abs(p[0] - 4 * math.cos(a)) < 1e-5 and abs(p[1] - 4 * math.sin(a)) < 1e-5, "rise per turn is not 5"
     zs = sorted(p[2] for p in pts)
     assert abs(zs[0]) < 1e-6 and abs(zs[-1] - 20) < 1e-6, "helix should go from z=0 to z=20"
     """)

task("pv-text-dots", "points-vectors", "text-dots",
     "Label the points (0,0,0), (5,0,0) and (0,5,0) with text dots A, B and C.",
     """
     import rhinoscriptsyntax as rs
     for label, p in zip("ABC", [(0, 0, 0), (5, 0, 0), (0, 5, 0)]):
         rs.AddTextDot(label, p)
     """,
     """
     dots = [i for i in created if rs.IsTextDot(i)]
     assert len(dots) == 3, "expected 3 text dots, got %d" % len(dots)
     found = {}
     for d in dots:
         p = rs.TextDotPoint(d)
         found[rs.TextDotText(d)] = (round(p[0], 6), round(p[1], 6), round(p[2], 6))
     assert found == {"A": (0, 0, 0), "B": (5, 0, 0), "C": (0, 5, 0)}, "wrong dots: %s" % found
     """)

task("pv-centroid-of-points", "points-vectors", "centroid-of-selection",
     "Add a point at the average position of the selected points.",
     """
     import rhinoscriptsyntax as rs
     pts = [rs.PointCoordinates(i) for i in rs.SelectedObjects() if rs.IsPoint(i)]
     n = float(len(pts))
     rs.AddPoint(sum(p[0] for p in pts) / n, sum(p[1] for p in pts) / n, sum(p[2] for p in pts) / n)
     """,
     """
     new = [rs.PointCoordinates(i) for i in created if rs.IsPoint(i)]
     assert len(new) == 1, "expected one new point"
     p = new[0]
     assert abs(p[0] - 3) < 1e-6 and abs(p[1] - 2) < 1e-6 and abs(p[2] - 1) < 1e-6, "not the average: %s" % p
     """,
     setup="""
     import rhinoscriptsyntax as rs
     rs.AddPoint(0, 0, 0); rs.AddPoint(6, 0, 0); rs.AddPoint(6, 4, 2); rs.AddPoint(0, 4, 2)
     """, select="setup")

task("pv-project-to-plane", "points-vectors", "project-points",
     "Flatten the selected points onto the XY plane (set their Z to 0), keep X and Y.",
     """
     import rhinoscriptsyntax as rs
     for i in rs.SelectedObjects():
         if rs.IsPoint(i):
             p = rs.PointCoordinates(i)
             rs.PointCoordinates(i, (p[0], p[1], 0))
     """,
     """
     pts = [rs.PointCoordinates(i) for i in selected]
     assert len(pts) == 3, "the three selected points must still exist"
     assert all(abs(p[2]) < 1e-9 for p in pts), "points not flattened: %s" % pts
     xy = sorted((round(p[0], 6), round(p[1], 6)) for p in pts)
     assert xy == [(1, 1), (2, 5), (7, 3)], "X/Y changed: %s" % xy
     """,
     setup="""
     import rhinoscriptsyntax as rs
     rs.AddPoint(1, 1, 4); rs.AddPoint(2, 5, -3); rs.AddPoint(7, 3, 9)
     """, select="setup")


# --------------------------------------------------------------------------- curves
for i, (r, c) in enumerate([(5.0, (0, 0, 0)), (2.5, (10, 0, 0)), (12.0, (-3, 4, 1))]):
    task("cv-circle-%d" % i, "curves", "circle",
         ["Draw a circle with radius %g at the origin." % r,
          "circle r=%g centred at %g,%g,%g" % ((r,) + c),
          "Can you add a circle, diameter %g, whose centre is at (%g, %g, %g)? Flat in the world XY." % ((2 * r,) + c)][i],
         """
         import rhinoscriptsyntax as rs
         rs.AddCircle((%r, %r, %r), %r)
         """ % (c + (r,)),
         """
         crvs = [i for i in created if rs.IsCircle(i)]
         assert len(crvs) == 1, "expected one circle, got %%d objects" %% len(created)
         assert abs(rs.CircleRadius(crvs[0]) - %r) < 1e-6, "radius is %%s" %% rs.CircleRadius(crvs[0])
         cp = rs.CircleCenterPoint(crvs[0])
         assert all(abs(a - b) < 1e-6 for a, b in zip(cp, %r)), "centre is %%s" %% (cp,)
         """ % (r, c))

task("cv-line", "curves", "line",
     "Draw a line from (0,0,0) to (10,5,2).",
     """
     import rhinoscriptsyntax as rs
     rs.AddLine((0, 0, 0), (10, 5, 2))
     """,
     """
     lines = [i for i in created if rs.IsCurve(i)]
     assert len(lines) == 1, "expected one curve"
     s, e = rs.CurveStartPoint(lines[0]), rs.CurveEndPoint(lines[0])
     ends = sorted([tuple(round(v, 6) for v in s), tuple(round(v, 6) for v in e)])
     assert ends == [(0, 0, 0), (10, 5, 2)], "wrong end points %s" % ends
     assert rs.IsLine(lines[0]), "the curve should be a straight line"
     """)

task("cv-rectangle", "curves", "rectangle",
     "Make a closed rectangle 8 wide (X) and 3 tall (Y) with its lower-left corner at the origin.",
     """
     import rhinoscriptsyntax as rs
     rs.AddPolyline([(0, 0, 0), (8, 0, 0), (8, 3, 0), (0, 3, 0), (0, 0, 0)])
     """,
     """
     crvs = [i for i in created if rs.IsCurve(i)]
     assert len(crvs) == 1, "expected one closed curve, got %d curves" % len(crvs)
     c = crvs[0]
     assert rs.IsCurveClosed(c), "rectangle must be closed"
     assert abs(rs.CurveLength(c) - 22) < 1e-6, "perimeter should be 22, got %s" % rs.CurveLength(c)
     bb = rs.BoundingBox(c)
     assert abs(bb[0][0]) < 1e-6 and abs(bb[0][1]) < 1e-6 and abs(bb[6][0] - 8) < 1e-6 and abs(bb[6][1] - 3) < 1e-6, "wrong extents"
     """)

task("cv-polygon", "curves", "polygon",
     "Draw a regular hexagon with circumradius 10 centred at the origin, as one closed polyline.",
     """
     import math
     import rhinoscriptsyntax as rs
     pts = [(10 * math.cos(k * math.pi / 3), 10 * math.sin(k * math.pi / 3), 0) for k in range(6)]
     rs.AddPolyline(pts + [pts[0]])
     """,
     """
     import math
     crvs = [i for i in created if rs.IsCurve(i)]
     assert len(crvs) == 1, "expected one polyline"
     c = crvs[0]
     assert rs.IsCurveClosed(c), "hexagon must be closed"
     verts = rs.PolylineVertices(c)
     assert len(verts) == 7, "a closed hexagon has 7 vertices (first repeated), got %d" % len(verts)
     assert all(abs(math.hypot(p[0], p[1]) - 10) < 1e-6 for p in verts), "vertices not on radius 10"
     assert abs(rs.CurveLength(c) - 60) < 1e-6, "perimeter should be 60"
     """)

task("cv-arc", "curves", "arc",
     "Draw a half circle arc of radius 4 from (4,0,0) through (0,4,0) to (-4,0,0).",
     """
     import rhinoscriptsyntax as rs
     rs.AddArc3Pt((4, 0, 0), (-4, 0, 0), (0, 4, 0))
     """,
     """
     import math
     crvs = [i for i in created if rs.IsCurve(i)]
     assert len(crvs) == 1, "expected one arc"
     c = crvs[0]
     assert abs(rs.CurveLength(c) - 4 * math.pi) < 1e-6, "length should be 4*pi"
     mid = rs.CurveMidPoint(c)
     assert abs(mid[0]) < 1e-6 and abs(mid[1] - 4) < 1e-6, "arc should pass through (0,4,0)"
     """)

task("cv-ellipse", "curves", "ellipse",
     "ellipse at origin, 6 along x and 3 along y (those are the half-axes)",
     """
     import rhinoscriptsyntax as rs
     rs.AddEllipse(rs.WorldXYPlane(), 6, 3)
     """,
     """
     crvs = [i for i in created if rs.IsCurve(i)]
     assert len(crvs) == 1, "expected one ellipse"
     c = crvs[0]
     assert rs.IsCurveClosed(c), "ellipse must be closed"
     bb = rs.BoundingBox(c)
     assert abs(bb[6][0] - bb[0][0] - 12) < 1e-4 and abs(bb[6][1] - bb[0][1] - 6) < 1e-4, "wrong extents"
     assert abs(rs.CurveLength(c) - 29.0653) < 1e-3, "ellipse perimeter should be ~29.065"
     """)

task("cv-interp", "curves", "interp-curve",
     "Draw a smooth curve that passes exactly through (0,0,0), (3,4,0), (6,0,0), (9,4,0) and (12,0,0).",
     """
     import rhinoscriptsyntax as rs
     rs.AddInterpCurve([(0, 0, 0), (3, 4, 0), (6, 0, 0), (9, 4, 0), (12, 0, 0)])
     """,
     """
     crvs = [i for i in created if rs.IsCurve(i)]
     assert len(crvs) == 1, "expected one curve"
     c = crvs[0]
     for p in [(0, 0, 0), (3, 4, 0), (6, 0, 0), (9, 4, 0), (12, 0, 0)]:
         t = rs.CurveClosestPoint(c, p)
         q = rs.EvaluateCurve(c, t)
         assert rs.Distance(p, q) < 1e-4, "curve does not pass through %s" % (p,)
     assert not rs.IsLine(c) and not rs.IsPolyline(c), "curve must be smooth, not straight segments"
     """)

task("cv-control-point-curve", "curves", "nurbs-curve",
     "Create a degree 3 NURBS curve using control points (0,0,0) (2,5,0) (6,5,0) (8,0,0).",
     """
     import rhinoscriptsyntax as rs
     rs.AddCurve([(0, 0, 0), (2, 5, 0), (6, 5, 0), (8, 0, 0)], 3)
     """,
     """
     crvs = [i for i in created if rs.IsCurve(i)]
     assert len(crvs) == 1, "expected one curve"
     c = crvs[0]
     assert rs.CurveDegree(c) == 3, "degree should be 3"
     cps = [tuple(round(v, 6) for v in p) for p in rs.CurvePoints(c)]
     assert cps == [(0, 0, 0), (2, 5, 0), (6, 5, 0), (8, 0, 0)], "control points differ: %s" % cps
     """)

task("cv-spiral-polyline", "curves", "spiral",
     "Draw a flat Archimedean spiral as a polyline: 3 turns, radius growing from 0 to 9, 120 segments, at the origin.",
     """
     import math
     import rhinoscriptsyntax as rs
     n = 120
     pts = []
     for k in range(n + 1):
         t = float(k) / n
         a = 3 * 2 * math.pi * t
         pts.append((9 * t * math.cos(a), 9 * t * math.sin(a), 0))
     rs.AddPolyline(pts)
     """,
     """
     import math
     crvs = [i for i in created if rs.IsCurve(i)]
     assert len(crvs) == 1, "expected one curve"
     c = crvs[0]
     s, e = rs.CurveStartPoint(c), rs.CurveEndPoint(c)
     radii = sorted([math.hypot(s[0], s[1]), math.hypot(e[0], e[1])])
     assert radii[0] < 1e-6 and abs(radii[1] - 9) < 1e-3, "spiral must run from the centre to radius 9"
     bb = rs.BoundingBox(c)
     assert bb[6][0] - bb[0][0] > 15, "spiral too small"
     assert all(abs(p[2]) < 1e-9 for p in (s, e)), "spiral must be flat"
     """)

task("cv-helix-curve", "curves", "helix",
     "Build a helix curve: radius 2, pitch 1, 5 turns, axis along Z from the origin. A polyline through 200 points is fine.",
     """
     import math
     import rhinoscriptsyntax as rs
     n = 200
     pts = []
     for k in range(n + 1):
         t = 5.0 * k / n
         pts.append((2 * math.cos(2 * math.pi * t), 2 * math.sin(2 * math.pi * t), t))
     rs.AddPolyline(pts)
     """,
     """
     crvs = [i for i in created if rs.IsCurve(i)]
     assert len(crvs) == 1, "expected one curve"
     bb = rs.BoundingBox(crvs[0])
     assert abs(bb[0][2]) < 1e-6 and abs(bb[6][2] - 5) < 1e-3, "helix height should be 5 (5 turns x pitch 1)"
     assert abs(bb[6][0] - 2) < 1e-2 and abs(bb[0][0] + 2) < 1e-2, "helix radius should be 2"
     assert rs.CurveLength(crvs[0]) > 60, "5 turns of radius 2 is about 63 long"
     """)

task("cv-concentric", "curves", "concentric-circles",
     "Draw 5 concentric circles at the origin with radii 1, 2, 3, 4, 5.",
     """
     import rhinoscriptsyntax as rs
     for r in range(1, 6):
         rs.AddCircle((0, 0, 0), r)
     """,
     """
     circles = [i for i in created if rs.IsCircle(i)]
     assert len(circles) == 5, "expected 5 circles, got %d" % len(circles)
     radii = sorted(round(rs.CircleRadius(c), 6) for c in circles)
     assert radii == [1, 2, 3, 4, 5], "radii %s" % radii
     for c in circles:
         cp = rs.CircleCenterPoint(c)
         assert abs(cp[0]) < 1e-6 and abs(cp[1]) < 1e-6, "circles must share the origin"
     """)

task("cv-divide-selected", "curves", "divide-curve",
     "Divide the selected curve into 8 equal segments and put points at the division points.",
     """
     import rhinoscriptsyntax as rs
     crv = rs.SelectedObjects()[0]
     rs.DivideCurve(crv, 8, create_points=True)
     """,
     """
     pts = [rs.PointCoordinates(i) for i in created if rs.IsPoint(i)]
     assert len(pts) == 9, "an open curve divided into 8 segments gives 9 points, got %d" % len(pts)
     xs = sorted(round(p[0], 6) for p in pts)
     assert xs == [2.0 * k for k in range(9)], "points not evenly spaced along the line: %s" % xs
     """,
     setup="""
     import rhinoscriptsyntax as rs
     rs.AddLine((0, 0, 0), (16, 0, 0))
     """, select="setup")

task("cv-divide-circle", "curves", "divide-curve",
     "put 6 points evenly on the selected circle",
     """
     import rhinoscriptsyntax as rs
     crv = rs.SelectedObjects()[0]
     for p in rs.DivideCurve(crv, 6):
         rs.AddPoint(p)
     """,
     """
     import math
     pts = [rs.PointCoordinates(i) for i in created if rs.IsPoint(i)]
     assert len(pts) == 6, "a closed curve divided into 6 gives 6 points, got %d" % len(pts)
     assert all(abs(math.hypot(p[0] - 5, p[1] - 5) - 3) < 1e-6 for p in pts), "points not on the circle"
     angles = sorted(math.atan2(p[1] - 5, p[0] - 5) % (2 * math.pi) for p in pts)
     assert all(abs(b - a - math.pi / 3) < 1e-5 for a, b in zip(angles, angles[1:])), "uneven spacing"
     """,
     setup="""
     import rhinoscriptsyntax as rs
     rs.AddCircle((5, 5, 0), 3)
     """, select="setup")

task("cv-reverse", "curves", "reverse-curve",
     "Flip the direction of the selected curve.",
     """
     import rhinoscriptsyntax as rs
     for c in rs.SelectedObjects():
         rs.ReverseCurve(c)
     """,
     """
     c = selected[0]
     s = rs.CurveStartPoint(c)
     assert abs(s[0] - 10) < 1e-6 and abs(s[1] - 3) < 1e-6, "curve should now start at (10,3,0), starts at %s" % (s,)
     """,
     setup="""
     import rhinoscriptsyntax as rs
     rs.AddLine((0, 0, 0), (10, 3, 0))
     """, select="setup")

task("cv-offset", "curves", "offset-curve",
     "Offset the selected closed curve outward by 1.",
     """
     import rhinoscriptsyntax as rs
     c = rs.SelectedObjects()[0]
     rs.OffsetCurve(c, (100, 100, 0), 1.0)
     """,
     """
     crvs = [i for i in created if rs.IsCurve(i)]
     assert len(crvs) == 1, "expected one offset curve"
     assert abs(rs.CurveLength(crvs[0]) - 2 * 3.141592653589793 * 6) < 1e-3, "offset of r=5 circle by 1 has r=6"
     """,
     setup="""
     import rhinoscriptsyntax as rs
     rs.AddCircle((0, 0, 0), 5)
     """, select="setup", needs_kernel=True)

task("cv-fillet", "curves", "fillet-curves",
     "Fillet the two selected lines with radius 2.",
     """
     import rhinoscriptsyntax as rs
     a, b = rs.SelectedObjects()[:2]
     rs.AddFilletCurve(a, b, 2.0)
     """,
     """
     crvs = [i for i in created if rs.IsCurve(i)]
     assert len(crvs) >= 1, "expected a fillet arc"
     assert any(rs.IsArc(c) and abs(rs.ArcRadius(c) - 2) < 1e-6 for c in crvs), "no arc of radius 2"
     """,
     setup="""
     import rhinoscriptsyntax as rs
     rs.AddLine((0, 0, 0), (10, 0, 0)); rs.AddLine((0, 0, 0), (0, 10, 0))
     """, select="setup", needs_kernel=True)


# --------------------------------------------------------------------------- surfaces-solids
SOLID_TYPES = "(8, 16, 1073741824)"  # surface, polysurface, extrusion

for i, (x, y, z) in enumerate([(10, 10, 10), (4, 6, 2.5), (20, 1, 3)]):
    task("ss-box-%d" % i, "surfaces-solids", "box",
         ["Make a %g x %g x %g box sitting on the origin." % (x, y, z),
          "box %gx%gx%g" % (x, y, z),
          "I'd like a solid block, %g long in X, %g deep in Y and %g high, with one corner at 0,0,0." % (x, y, z)][i],
         """
         import rhinoscriptsyntax as rs
         x, y, z = %r, %r, %r
         rs.AddBox([(0, 0, 0), (x, 0, 0), (x, y, 0), (0, y, 0), (0, 0, z), (x, 0, z), (x, y, z), (0, y, z)])
         """ % (x, y, z),
         """
         solids = [i for i in created if rs.ObjectType(i) in %s]
         assert len(solids) == 1, "expected one box, got %%d objects" %% len(created)
         bb = rs.BoundingBox(solids[0])
         size = [round(bb[6][k] - bb[0][k], 6) for k in range(3)]
         assert size == [%r, %r, %r], "box size %%s" %% size
         assert all(abs(bb[0][k]) < 1e-6 for k in range(3)), "box must start at the origin"
         assert rs.IsPolysurfaceClosed(solids[0]), "box must be a closed solid"
         """ % (SOLID_TYPES, float(x), float(y), float(z)))

for i, (r, c) in enumerate([(5, (0, 0, 0)), (1.5, (3, 3, 3))]):
    task("ss-sphere-%d" % i, "surfaces-solids", "sphere",
         ["Add a sphere of radius %g at the origin." % r, "sphere r %g at (%g,%g,%g)" % ((r,) + c)][i],
         """
         import rhinoscriptsyntax as rs
         rs.AddSphere(%r, %r)
         """ % (c, r),
         """
         objs = [i for i in created if rs.ObjectType(i) in %s]
         assert len(objs) == 1, "expected one sphere"
         bb = rs.BoundingBox(objs[0])
         for k in range(3):
             assert abs(bb[6][k] - bb[0][k] - %r) < 1e-4, "diameter should be %g"
             assert abs((bb[6][k] + bb[0][k]) / 2 - %r[k]) < 1e-4, "centre wrong"
         """ % (SOLID_TYPES, 2.0 * r, 2 * r, c))

task("ss-cylinder", "surfaces-solids", "cylinder",
     "Make a closed cylinder, radius 3, height 12, standing on the origin along +Z.",
     """
     import rhinoscriptsyntax as rs
     rs.AddCylinder(rs.WorldXYPlane(), 12, 3, cap=True)
     """,
     """
     objs = [i for i in created if rs.ObjectType(i) in %s]
     assert len(objs) == 1, "expected one cylinder"
     bb = rs.BoundingBox(objs[0])
     assert abs(bb[0][2]) < 1e-6 and abs(bb[6][2] - 12) < 1e-6, "height should be 12 from z=0"
     assert abs(bb[6][0] - 3) < 1e-6 and abs(bb[0][0] + 3) < 1e-6, "radius should be 3"
     assert rs.IsPolysurfaceClosed(objs[0]), "cylinder must be capped"
     """ % SOLID_TYPES)

task("ss-cone", "surfaces-solids", "cone",
     "cone: base radius 4 on the XY plane at the origin, apex 10 units up",
     """
     import rhinoscriptsyntax as rs
     rs.AddCone((0, 0, 10), -10, 4)
     """,
     """
     objs = [i for i in created if rs.ObjectType(i) in %s]
     assert len(objs) == 1, "expected one cone"
     bb = rs.BoundingBox(objs[0])
     assert abs(bb[0][2]) < 1e-6 and abs(bb[6][2] - 10) < 1e-6, "cone should span z 0..10"
     assert abs(bb[6][0] - 4) < 1e-6 and abs(bb[0][0] + 4) < 1e-6, "base radius should be 4"
     """ % SOLID_TYPES)

task("ss-plane-surface", "surfaces-solids", "plane-surface",
     "Create a flat rectangular surface 20 by 10 on the world XY plane from the origin.",
     """
     import rhinoscriptsyntax as rs
     rs.AddPlaneSurface(rs.WorldXYPlane(), 20, 10)
     """,
     """
     srfs = [i for i in created if rs.IsSurface(i)]
     assert len(srfs) == 1, "expected one surface"
     assert abs(rs.SurfaceArea(srfs[0])[0] - 200) < 1e-6, "area should be 200"
     assert rs.IsSurfacePlanar(srfs[0]), "surface must be planar"
     """)

task("ss-srf-4pt", "surfaces-solids", "corner-surface",
     "Make a surface from the four corners (0,0,0), (10,0,0), (10,10,5), (0,10,5).",
     """
     import rhinoscriptsyntax as rs
     rs.AddSrfPt([(0, 0, 0), (10, 0, 0), (10, 10, 5), (0, 10, 5)])
     """,
     """
     srfs = [i for i in created if rs.IsSurface(i)]
     assert len(srfs) == 1, "expected one surface"
     bb = rs.BoundingBox(srfs[0])
     assert abs(bb[6][2] - 5) < 1e-6 and abs(bb[0][2]) < 1e-6, "surface should rise from z=0 to z=5"
     import math
     assert abs(rs.SurfaceArea(srfs[0])[0] - 10 * math.hypot(10, 5)) < 1e-3, "area of the tilted square is 10*sqrt(125)"
     """)

task("ss-box-tower", "surfaces-solids", "stacked-boxes",
     "Stack 5 cubes of size 2 on top of each other starting at the origin, like a tower.",
     """
     import rhinoscriptsyntax as rs
     for k in range(5):
         z = 2 * k
         rs.AddBox([(0, 0, z), (2, 0, z), (2, 2, z), (0, 2, z), (0, 0, z + 2), (2, 0, z + 2), (2, 2, z + 2), (0, 2, z + 2)])
     """,
     """
     boxes = [i for i in created if rs.ObjectType(i) in %s]
     assert len(boxes) == 5, "expected 5 cubes, got %%d" %% len(boxes)
     bottoms = sorted(round(rs.BoundingBox(b)[0][2], 6) for b in boxes)
     assert bottoms == [0, 2, 4, 6, 8], "cubes not stacked: %%s" %% bottoms
     for b in boxes:
         bb = rs.BoundingBox(b)
         assert [round(bb[6][k] - bb[0][k], 6) for k in range(3)] == [2, 2, 2], "each cube is 2x2x2"
     """ % SOLID_TYPES)

task("ss-sphere-grid", "surfaces-solids", "sphere-array",
     "Put a sphere of radius 0.5 on every integer point of a 4x4 grid in XY (0..3).",
     """
     import rhinoscriptsyntax as rs
     for i in range(4):
         for j in range(4):
             rs.AddSphere((i, j, 0), 0.5)
     """,
     """
     objs = [i for i in created if rs.ObjectType(i) in %s]
     assert len(objs) == 16, "expected 16 spheres, got %%d" %% len(objs)
     centres = set()
     for o in objs:
         bb = rs.BoundingBox(o)
         assert abs(bb[6][0] - bb[0][0] - 1) < 1e-4, "radius should be 0.5"
         centres.add((round((bb[0][0] + bb[6][0]) / 2, 4), round((bb[0][1] + bb[6][1]) / 2, 4)))
     assert centres == set((float(i), float(j)) for i in range(4) for j in range(4)), "centres wrong"
     """ % SOLID_TYPES)

task("ss-extrude-curve", "surfaces-solids", "extrude",
     "Extrude the selected closed curve straight up by 6 units.",
     """
     import rhinoscriptsyntax as rs
     c = rs.SelectedObjects()[0]
     rs.ExtrudeCurveStraight(c, (0, 0, 0), (0, 0, 6))
     """,
     """
     objs = [i for i in created if rs.ObjectType(i) in %s]
     assert len(objs) == 1, "expected one extrusion"
     bb = rs.BoundingBox(objs[0])
     assert abs(bb[6][2] - bb[0][2] - 6) < 1e-6, "height should be 6"
     assert abs(bb[6][0] - bb[0][0] - 4) < 1e-6, "profile width should stay 4"
     """ % SOLID_TYPES,
     setup="""
     import rhinoscriptsyntax as rs
     rs.AddCircle((0, 0, 0), 2)
     """, select="setup")

task("ss-boolean-union", "surfaces-solids", "boolean",
     "Union the two selected boxes into one solid.",
     """
     import rhinoscriptsyntax as rs
     rs.BooleanUnion(rs.SelectedObjects())
     """,
     """
     objs = [i for i in created if rs.ObjectType(i) == 16]
     assert len(objs) == 1, "expected one union"
     bb = rs.BoundingBox(objs[0])
     assert abs(bb[6][0] - 3) < 1e-6, "union should span x 0..3"
     """,
     setup="""
     import rhinoscriptsyntax as rs
     rs.AddBox([(0,0,0),(2,0,0),(2,2,0),(0,2,0),(0,0,2),(2,0,2),(2,2,2),(0,2,2)])
     rs.AddBox([(1,0,0),(3,0,0),(3,2,0),(1,2,0),(1,0,2),(3,0,2),(3,2,2),(1,2,2)])
     """, select="setup", needs_kernel=True)

task("ss-loft", "surfaces-solids", "loft",
     "Loft a surface through the selected circles.",
     """
     import rhinoscriptsyntax as rs
     rs.AddLoftSrf(rs.SelectedObjects())
     """,
     """
     objs = [i for i in created if rs.ObjectType(i) in (8, 16)]
     assert len(objs) == 1, "expected one lofted surface"
     bb = rs.BoundingBox(objs[0])
     assert abs(bb[6][2] - 10) < 1e-3, "loft should reach z=10"
     """,
     setup="""
     import rhinoscriptsyntax as rs
     rs.AddCircle((0, 0, 0), 5); rs.AddCircle((0, 0, 5), 3); rs.AddCircle((0, 0, 10), 4)
     """, select="setup", needs_kernel=True)

task("ss-pipe", "surfaces-solids", "pipe",
     "Make a pipe of radius 0.5 around the selected curve.",
     """
     import rhinoscriptsyntax as rs
     rs.AddPipe(rs.SelectedObjects()[0], 0, 0.5)
     """,
     """
     objs = [i for i in created if rs.ObjectType(i) in (8, 16)]
     assert len(objs) == 1, "expected one pipe"
     bb = rs.BoundingBox(objs[0])
     assert abs(bb[6][2] - bb[0][2] - 1) < 1e-3, "pipe diameter 1 around a flat line"
     """,
     setup="""
     import rhinoscriptsyntax as rs
     rs.AddLine((0, 0, 0), (10, 0, 0))
     """, select="setup", needs_kernel=True)

task("ss-cap-holes", "surfaces-solids", "cap-holes",
     "Cap the selected open extrusion so it becomes a closed solid.",
     """
     import rhinoscriptsyntax as rs
     rs.CapPlanarHoles(rs.SelectedObjects()[0])
     """,
     """
     assert rs.IsPolysurfaceClosed(selected[0]), "the object should be closed after capping"
     """,
     setup="""
     import rhinoscriptsyntax as rs
     c = rs.AddCircle((0, 0, 0), 2)
     rs.ExtrudeCurveStraight(c, (0, 0, 0), (0, 0, 5))
     rs.DeleteObject(c)
     """, select="setup", needs_kernel=True)


# --------------------------------------------------------------------------- meshes
task("me-quad", "meshes", "mesh-quad",
     "Make a single-face quad mesh with corners (0,0,0), (4,0,0), (4,4,0), (0,4,0).",
     """
     import rhinoscriptsyntax as rs
     rs.AddMesh([(0, 0, 0), (4, 0, 0), (4, 4, 0), (0, 4, 0)], [(0, 1, 2, 3)])
     """,
     """
     meshes = [i for i in created if rs.IsMesh(i)]
     assert len(meshes) == 1, "expected one mesh"
     m = meshes[0]
     assert rs.MeshVertexCount(m) == 4 and rs.MeshFaceCount(m) == 1, "one quad with 4 vertices"
     assert abs(rs.MeshArea(m)[1] - 16) < 1e-6, "area should be 16"
     """)

for i, (nx, ny, s) in enumerate([(10, 10, 1.0), (4, 8, 2.5)]):
    task("me-grid-%d" % i, "meshes", "mesh-grid",
         ["Build a flat mesh grid of %d x %d quad faces, each face %g x %g, from the origin." % (nx, ny, s, s),
          "mesh plane %dx%d faces, cell size %g" % (nx, ny, s)][i],
         """
         import rhinoscriptsyntax as rs
         nx, ny, s = %d, %d, %r
         verts = [(i * s, j * s, 0) for j in range(ny + 1) for i in range(nx + 1)]
         faces = []
         for j in range(ny):
             for i in range(nx):
                 a = j * (nx + 1) + i
                 faces.append((a, a + 1, a + nx + 2, a + nx + 1))
         rs.AddMesh(verts, faces)
         """ % (nx, ny, s),
         """
         meshes = [i for i in created if rs.IsMesh(i)]
         assert len(meshes) == 1, "expected one mesh"
         m = meshes[0]
         assert rs.MeshFaceCount(m) == %d, "expected %d faces, got %%d" %% rs.MeshFaceCount(m)
         assert rs.MeshQuadCount(m) == %d, "faces should be quads"
         assert abs(rs.MeshArea(m)[1] - %r) < 1e-6, "total area should be %g"
         """ % (nx * ny, nx * ny, nx * ny, nx * ny * s * s, nx * ny * s * s))

task("me-cube", "meshes", "mesh-box",
     "Make a closed cube mesh, 2 units on a side, with 6 quad faces, corner at the origin.",
     """
     import rhinoscriptsyntax as rs
     v = [(0,0,0),(2,0,0),(2,2,0),(0,2,0),(0,0,2),(2,0,2),(2,2,2),(0,2,2)]
     f = [(0,3,2,1),(4,5,6,7),(0,1,5,4),(1,2,6,5),(2,3,7,6),(3,0,4,7)]
     rs.AddMesh(v, f)
     """,
     """
     meshes = [i for i in created if rs.IsMesh(i)]
     assert len(meshes) == 1, "expected one mesh"
     m = meshes[0]
     assert rs.IsMeshClosed(m), "cube mesh must be closed"
     assert abs(rs.MeshVolume(m)[1] - 8) < 1e-6, "volume should be 8"
     """)

task("me-tetra", "meshes", "mesh-tetra",
     "Create a closed tetrahedron mesh with vertices (0,0,0), (3,0,0), (0,3,0), (0,0,3).",
     """
     import rhinoscriptsyntax as rs
     v = [(0, 0, 0), (3, 0, 0), (0, 3, 0), (0, 0, 3)]
     f = [(0, 2, 1), (0, 1, 3), (1, 2, 3), (0, 3, 2)]
     rs.AddMesh(v, f)
     """,
     """
     meshes = [i for i in created if rs.IsMesh(i)]
     assert len(meshes) == 1, "expected one mesh"
     m = meshes[0]
     assert rs.MeshFaceCount(m) == 4 and rs.MeshTriangleCount(m) == 4, "4 triangles"
     assert rs.IsMeshClosed(m), "tetrahedron must be closed"
     assert abs(rs.MeshVolume(m)[1] - 4.5) < 1e-6, "volume should be 27/6 = 4.5"
     """)

task("me-volume-print", "meshes", "mesh-volume",
     "Print the volume of the selected mesh.",
     """
     import rhinoscriptsyntax as rs
     m = rs.SelectedObjects()[0]
     print(rs.MeshVolume(m)[1])
     """,
     NUMS + """
     assert any(abs(x - 24) < 1e-6 for x in nums), "volume of the 2x3x4 mesh box is 24: %r" % stdout
     assert not created, "measuring should not add objects"
     """,
     setup="""
     import rhinoscriptsyntax as rs
     v = [(0,0,0),(2,0,0),(2,3,0),(0,3,0),(0,0,4),(2,0,4),(2,3,4),(0,3,4)]
     f = [(0,3,2,1),(4,5,6,7),(0,1,5,4),(1,2,6,5),(2,3,7,6),(3,0,4,7)]
     rs.AddMesh(v, f)
     """, select="setup")

task("me-area-print", "meshes", "mesh-area",
     "How much surface area does the selected mesh have? Just print the number.",
     """
     import rhinoscriptsyntax as rs
     print(rs.MeshArea(rs.SelectedObjects())[1])
     """,
     NUMS + """
     assert any(abs(x - 52) < 1e-6 for x in nums), "area of the 2x3x4 box mesh is 52: %r" % stdout
     """,
     setup="""
     import rhinoscriptsyntax as rs
     v = [(0,0,0),(2,0,0),(2,3,0),(0,3,0),(0,0,4),(2,0,4),(2,3,4),(0,3,4)]
     f = [(0,3,2,1),(4,5,6,7),(0,1,5,4),(1,2,6,5),(2,3,7,6),(3,0,4,7)]
     rs.AddMesh(v, f)
     """, select="setup")

task("me-face-count", "meshes", "mesh-counts",
     "print how many faces and vertices the selected mesh has",
     """
     import rhinoscriptsyntax as rs
     m = rs.SelectedObjects()[0]
     print("faces", rs.MeshFaceCount(m), "vertices", rs.MeshVertexCount(m))
     """,
     NUMS + """
     assert 6 in nums and 8 in nums, "a box mesh has 6 faces and 8 vertices: %r" % stdout
     """,
     setup="""
     import rhinoscriptsyntax as rs
     v = [(0,0,0),(1,0,0),(1,1,0),(0,1,0),(0,0,1),(1,0,1),(1,1,1),(0,1,1)]
     f = [(0,3,2,1),(4,5,6,7),(0,1,5,4),(1,2,6,5),(2,3,7,6),(3,0,4,7)]
     rs.AddMesh(v, f)
     """, select="setup")

task("me-wave", "meshes", "mesh-heightfield",
     "Make a 20x20 mesh over a 10x10 area where z = sin(x) * cos(y).",
     """
     import math
     import rhinoscriptsyntax as rs
     n = 20
     s = 10.0 / n
     verts = []
     for j in range(n + 1):
         for i in range(n + 1):
             x, y = i * s, j * s
             verts.append((x, y, math.sin(x) * math.cos(y)))
     faces = []
     for j in range(n):
         for i in range(n):
             a = j * (n + 1) + i
             faces.append((a, a + 1, a + n + 2, a + n + 1))
     rs.AddMesh(verts, faces)
     """,
     """
     import math
     meshes = [i for i in created if rs.IsMesh(i)]
     assert len(meshes) == 1, "expected one mesh"
     m = meshes[0]
     assert rs.MeshFaceCount(m) in (400, 800), "20x20 quads (or 800 triangles)"
     for p in rs.MeshVertices(m):
         assert abs(p[2] - math.sin(p[0]) * math.cos(p[1])) < 1e-6, "vertex not on z=sin(x)cos(y)"
     bb = rs.BoundingBox(m)
     assert abs(bb[6][0] - 10) < 1e-6 and abs(bb[6][1] - 10) < 1e-6, "mesh should cover 10x10"
     """)

task("me-colors", "meshes", "mesh-vertex-colors",
     "Colour the vertices of the selected mesh red where z > 0 and blue elsewhere.",
     """
     import rhinoscriptsyntax as rs
     m = rs.SelectedObjects()[0]
     colors = [(255, 0, 0) if p[2] > 0 else (0, 0, 255) for p in rs.MeshVertices(m)]
     rs.MeshVertexColors(m, colors)
     """,
     """
     m = selected[0]
     cols = rs.MeshVertexColors(m)
     assert cols and len(cols) == 4, "every vertex needs a colour"
     for p, c in zip(rs.MeshVertices(m), cols):
         rgb = (c[0], c[1], c[2]) if not hasattr(c, "R") else (c.R, c.G, c.B)
         want = (255, 0, 0) if p[2] > 0 else (0, 0, 255)
         assert tuple(rgb) == want, "vertex %s coloured %s" % (p, rgb)
     """,
     setup="""
     import rhinoscriptsyntax as rs
     rs.AddMesh([(0,0,0),(1,0,1),(1,1,0),(0,1,2)], [(0,1,2,3)])
     """, select="setup")

task("me-join", "meshes", "join-meshes",
     "Join the selected meshes into one mesh and delete the originals.",
     """
     import rhinoscriptsyntax as rs
     rs.JoinMeshes(rs.SelectedObjects(), delete_input=True)
     """,
     """
     meshes = [i for i in created if rs.IsMesh(i)]
     assert len(meshes) == 1, "expected one joined mesh"
     assert rs.MeshFaceCount(meshes[0]) == 2, "the joined mesh has both faces"
     assert all(not rs.IsObject(i) for i in selected), "originals should be deleted"
     """,
     setup="""
     import rhinoscriptsyntax as rs
     rs.AddMesh([(0,0,0),(1,0,0),(1,1,0),(0,1,0)], [(0,1,2,3)])
     rs.AddMesh([(2,0,0),(3,0,0),(3,1,0),(2,1,0)], [(0,1,2,3)])
     """, select="setup")

task("me-triangulate", "meshes", "mesh-triangulate",
     "Convert the quads in the selected mesh to triangles.",
     """
     import rhinoscriptsyntax as rs
     rs.MeshQuadsToTriangles(rs.SelectedObjects()[0])
     """,
     """
     m = selected[0]
     assert rs.MeshQuadCount(m) == 0, "no quads should remain"
     assert rs.MeshTriangleCount(m) == 8, "4 quads become 8 triangles, got %d" % rs.MeshTriangleCount(m)
     """,
     setup="""
     import rhinoscriptsyntax as rs
     v = [(i, j, 0) for j in range(3) for i in range(3)]
     f = [(0,1,4,3),(1,2,5,4),(3,4,7,6),(4,5,8,7)]
     rs.AddMesh(v, f)
     """, select="setup")

task("me-centroid", "meshes", "mesh-centroid",
     "Put a point at the volume centroid of the selected closed mesh.",
     """
     import rhinoscriptsyntax as rs
     rs.AddPoint(rs.MeshVolumeCentroid(rs.SelectedObjects()[0]))
     """,
     """
     pts = [rs.PointCoordinates(i) for i in created if rs.IsPoint(i)]
     assert len(pts) == 1, "expected one point"
     p = pts[0]
     assert abs(p[0] - 1) < 1e-6 and abs(p[1] - 1.5) < 1e-6 and abs(p[2] - 2) < 1e-6, "centroid wrong: %s" % p
     """,
     setup="""
     import rhinoscriptsyntax as rs
     v = [(0,0,0),(2,0,0),(2,3,0),(0,3,0),(0,0,4),(2,0,4),(2,3,4),(0,3,4)]
     f = [(0,3,2,1),(4,5,6,7),(0,1,5,4),(1,2,6,5),(2,3,7,6),(3,0,4,7)]
     rs.AddMesh(v, f)
     """, select="setup")

task("me-boolean", "meshes", "mesh-boolean",
     "Boolean-union the two selected meshes.",
     """
     import rhinoscriptsyntax as rs
     rs.MeshBooleanUnion(rs.SelectedObjects())
     """,
     """
     meshes = [i for i in created if rs.IsMesh(i)]
     assert len(meshes) == 1, "expected one result"
     assert rs.IsMeshClosed(meshes[0]), "union must be closed"
     """,
     setup="""
     import rhinoscriptsyntax as rs
     v = [(0,0,0),(2,0,0),(2,2,0),(0,2,0),(0,0,2),(2,0,2),(2,2,2),(0,2,2)]
     f = [(0,3,2,1),(4,5,6,7),(0,1,5,4),(1,2,6,5),(2,3,7,6),(3,0,4,7)]
     rs.AddMesh(v, f); rs.AddMesh([(x + 1, y, z) for x, y, z in v], f)
     """, select="setup", needs_kernel=True)

task("me-from-brep", "meshes", "mesh-from-brep",
     "Mesh the selected box.",
     """
     import Rhino
     import rhinoscriptsyntax as rs
     import scriptcontext as sc
     brep = rs.coercebrep(rs.SelectedObjects()[0])
     for mesh in Rhino.Geometry.Mesh.CreateFromBrep(brep, Rhino.Geometry.MeshingParameters.Default):
         sc.doc.Objects.AddMesh(mesh)
     """,
     """
     meshes = [i for i in created if rs.IsMesh(i)]
     assert len(meshes) == 1, "expected one mesh"
     assert abs(rs.MeshVolume(meshes[0])[1] - 8) < 1e-3, "mesh of a 2-unit cube has volume 8"
     """,
     setup="""
     import rhinoscriptsyntax as rs
     rs.AddBox([(0,0,0),(2,0,0),(2,2,0),(0,2,0),(0,0,2),(2,0,2),(2,2,2),(0,2,2)])
     """, select="setup", needs_kernel=True)


# --------------------------------------------------------------------------- transforms
BOX_SETUP = """
import rhinoscriptsyntax as rs
rs.AddBox([(0,0,0),(2,0,0),(2,2,0),(0,2,0),(0,0,2),(2,0,2),(2,2,2),(0,2,2)])
"""

for i, v in enumerate([(10, 0, 0), (0, -5, 3), (2.5, 2.5, 0)]):
    task("tf-move-%d" % i, "transforms", "move",
         ["Move the selected objects %g units along X." % v[0],
          "shift selection by (%g, %g, %g)" % v,
          "Please translate what I selected by %g in x and %g in y." % (v[0], v[1])][i],
         """
         import rhinoscriptsyntax as rs
         rs.MoveObjects(rs.SelectedObjects(), %r)
         """ % (v,),
         """
         bb = rs.BoundingBox(selected)
         want = %r
         assert all(abs(bb[0][k] - want[k]) < 1e-6 for k in range(3)), "box corner at %%s, want %%s" %% (bb[0], want)
         assert not created and not deleted, "move in place, no copies"
         """ % (v,),
         setup=BOX_SETUP, select="setup")

task("tf-copy", "transforms", "copy",
     "Copy the selected box 5 units up in Z and leave the original where it is.",
     """
     import rhinoscriptsyntax as rs
     rs.CopyObjects(rs.SelectedObjects(), (0, 0, 5))
     """,
     """
     assert len(created) == 1, "expected one copy, got %d" % len(created)
     assert abs(rs.BoundingBox(selected)[0][2]) < 1e-6, "original must not move"
     assert abs(rs.BoundingBox(created)[0][2] - 5) < 1e-6, "copy should be 5 units up"
     """, setup=BOX_SETUP, select="setup")

task("tf-linear-array", "transforms", "linear-array",
     "Make 6 copies of the selected box spaced 3 units apart along X (7 boxes in total).",
     """
     import rhinoscriptsyntax as rs
     obj = rs.SelectedObjects()
     for k in range(1, 7):
         rs.CopyObjects(obj, (3 * k, 0, 0))
     """,
     """
     assert len(created) == 6, "expected 6 copies, got %d" % len(created)
     xs = sorted(round(rs.BoundingBox([c])[0][0], 6) for c in created)
     assert xs == [3.0 * k for k in range(1, 7)], "copies at %s" % xs
     """, setup=BOX_SETUP, select="setup")

task("tf-polar-array", "transforms", "polar-array",
     "Polar array the selected box 8 times around the origin (full circle, including the original).",
     """
     import rhinoscriptsyntax as rs
     obj = rs.SelectedObjects()
     for k in range(1, 8):
         copies = rs.CopyObjects(obj)
         rs.RotateObjects(copies, (0, 0, 0), 45 * k)
     """,
     """
     import math
     assert len(created) == 7, "expected 7 copies, got %d" % len(created)
     angles = []
     for c in created:
         bb = rs.BoundingBox([c])
         cx, cy = (bb[0][0] + bb[6][0]) / 2, (bb[0][1] + bb[6][1]) / 2
         assert abs(math.hypot(cx, cy) - math.sqrt(2)) < 1e-4, "copies must keep distance from the origin"
         angles.append(round(math.degrees(math.atan2(cy, cx)) % 360, 3) % 360)
     want = sorted(round((45 + 45 * k) % 360, 3) for k in range(1, 8))
     assert sorted(angles) == want, "copy angles %s, want %s" % (sorted(angles), want)
     """, setup=BOX_SETUP, select="setup")

task("tf-rotate", "transforms", "rotate",
     "Rotate the selected line 90 degrees around the origin in the XY plane.",
     """
     import rhinoscriptsyntax as rs
     rs.RotateObjects(rs.SelectedObjects(), (0, 0, 0), 90)
     """,
     """
     c = selected[0]
     e = rs.CurveEndPoint(c)
     assert abs(e[0]) < 1e-6 and abs(e[1] - 10) < 1e-6, "end should be at (0,10,0), got %s" % (e,)
     """,
     setup="""
     import rhinoscriptsyntax as rs
     rs.AddLine((0, 0, 0), (10, 0, 0))
     """, select="setup")

task("tf-rotate-about-center", "transforms", "rotate",
     "Spin the selected box 45° about its own centre (vertical axis).",
     """
     import rhinoscriptsyntax as rs
     objs = rs.SelectedObjects()
     bb = rs.BoundingBox(objs)
     c = ((bb[0][0] + bb[6][0]) / 2, (bb[0][1] + bb[6][1]) / 2, (bb[0][2] + bb[6][2]) / 2)
     rs.RotateObjects(objs, c, 45, (0, 0, 1))
     """,
     """
     import math
     bb = rs.BoundingBox(selected)
     w = bb[6][0] - bb[0][0]
     assert abs(w - 2 * math.sqrt(2)) < 1e-6, "a 2-unit cube turned 45 degrees is 2*sqrt(2) wide, got %s" % w
     assert abs((bb[0][0] + bb[6][0]) / 2 - 1) < 1e-6 and abs((bb[0][1] + bb[6][1]) / 2 - 1) < 1e-6, "centre must stay at (1,1)"
     """, setup=BOX_SETUP, select="setup")

task("tf-scale", "transforms", "scale",
     "Scale the selected box by 3 from the origin.",
     """
     import rhinoscriptsyntax as rs
     rs.ScaleObjects(rs.SelectedObjects(), (0, 0, 0), (3, 3, 3))
     """,
     """
     bb = rs.BoundingBox(selected)
     assert [round(bb[6][k], 6) for k in range(3)] == [6, 6, 6], "scaled box should reach (6,6,6)"
     assert [round(bb[0][k], 6) for k in range(3)] == [0, 0, 0], "scaled box should still start at the origin"
     """, setup=BOX_SETUP, select="setup")

task("tf-scale-1d", "transforms", "scale",
     "stretch the selected box to twice its height (z only), base stays on the ground",
     """
     import rhinoscriptsyntax as rs
     rs.ScaleObjects(rs.SelectedObjects(), (0, 0, 0), (1, 1, 2))
     """,
     """
     bb = rs.BoundingBox(selected)
     size = [round(bb[6][k] - bb[0][k], 6) for k in range(3)]
     assert size == [2, 2, 4], "expected 2x2x4, got %s" % size
     assert abs(bb[0][2]) < 1e-6, "base must stay at z=0"
     """, setup=BOX_SETUP, select="setup")

task("tf-mirror", "transforms", "mirror",
     "Mirror a copy of the selected box across the YZ plane (x = 0).",
     """
     import rhinoscriptsyntax as rs
     rs.MirrorObjects(rs.SelectedObjects(), (0, 0, 0), (0, 1, 0), copy=True)
     """,
     """
     assert len(created) == 1, "expected one mirrored copy"
     bb = rs.BoundingBox(created)
     assert abs(bb[0][0] + 2) < 1e-6 and abs(bb[6][0]) < 1e-6, "copy should span x -2..0"
     assert abs(rs.BoundingBox(selected)[0][0]) < 1e-6, "original stays"
     """, setup=BOX_SETUP, select="setup")

task("tf-xform-matrix", "transforms", "transform-matrix",
     "Apply a transform to the selection that moves it by (1,2,3) and then scales it by 2 about the origin.",
     """
     import rhinoscriptsyntax as rs
     xf = rs.XformMultiply(rs.XformScale(2), rs.XformTranslation((1, 2, 3)))
     rs.TransformObjects(rs.SelectedObjects(), xf)
     """,
     """
     bb = rs.BoundingBox(selected)
     assert [round(v, 6) for v in bb[0]] == [2, 4, 6], "min corner should be (2,4,6), got %s" % (bb[0],)
     assert [round(v, 6) for v in bb[6]] == [6, 8, 10], "max corner should be (6,8,10), got %s" % (bb[6],)
     """, setup=BOX_SETUP, select="setup")

task("tf-stair", "transforms", "stairs",
     "Build a straight stair of 10 steps from boxes: each tread 1 deep (X), 3 wide (Y), 0.2 high, each step rising 0.2.",
     """
     import rhinoscriptsyntax as rs
     for k in range(10):
         x0, z0 = k * 1.0, k * 0.2
         rs.AddBox([(x0, 0, z0), (x0 + 1, 0, z0), (x0 + 1, 3, z0), (x0, 3, z0),
                    (x0, 0, z0 + 0.2), (x0 + 1, 0, z0 + 0.2), (x0 + 1, 3, z0 + 0.2), (x0, 3, z0 + 0.2)])
     """,
     """
     steps = [i for i in created if rs.ObjectType(i) in (8, 16, 1073741824)]
     assert len(steps) == 10, "expected 10 steps, got %d" % len(steps)
     for k, bb in enumerate(sorted((rs.BoundingBox([s]) for s in steps), key=lambda b: b[0][0])):
         assert abs(bb[0][0] - k) < 1e-6 and abs(bb[0][2] - 0.2 * k) < 1e-6, "step %d misplaced" % k
         assert abs(bb[6][1] - bb[0][1] - 3) < 1e-6, "treads are 3 wide"
     """)

task("tf-orient-plane", "transforms", "plane-to-plane",
     "Take the selected box and orient it from the world XY plane onto a plane at (10,0,0) whose X axis points along world Y.",
     """
     import rhinoscriptsyntax as rs
     src = rs.WorldXYPlane()
     dst = rs.PlaneFromFrame((10, 0, 0), (0, 1, 0), (-1, 0, 0))
     rs.TransformObjects(rs.SelectedObjects(), rs.XformRotation1(src, dst))
     """,
     """
     bb = rs.BoundingBox(selected)
     assert abs(bb[0][0] - 8) < 1e-6 and abs(bb[6][0] - 10) < 1e-6, "box should span x 8..10, got %s..%s" % (bb[0][0], bb[6][0])
     assert abs(bb[0][1]) < 1e-6 and abs(bb[6][1] - 2) < 1e-6, "box should span y 0..2"
     """, setup=BOX_SETUP, select="setup")

task("tf-random-rotate", "transforms", "rotate-each",
     "Rotate each selected box 30 degrees about its own centre.",
     """
     import rhinoscriptsyntax as rs
     for o in rs.SelectedObjects():
         bb = rs.BoundingBox(o)
         c = ((bb[0][0] + bb[6][0]) / 2, (bb[0][1] + bb[6][1]) / 2, 0)
         rs.RotateObject(o, c, 30)
     """,
     """
     import math
     for o, cx in zip(sorted(selected, key=lambda i: rs.BoundingBox(i)[0][0]), (1, 11)):
         bb = rs.BoundingBox(o)
         assert abs((bb[0][0] + bb[6][0]) / 2 - cx) < 1e-6, "each box must rotate about its own centre"
         w = bb[6][0] - bb[0][0]
         assert abs(w - 2 * (math.cos(math.radians(30)) + math.sin(math.radians(30)))) < 1e-6, "not rotated by 30 degrees"
     """,
     setup="""
     import rhinoscriptsyntax as rs
     for x in (0, 10):
         rs.AddBox([(x,0,0),(x+2,0,0),(x+2,2,0),(x,2,0),(x,0,2),(x+2,0,2),(x+2,2,2),(x,2,2)])
     """, select="setup")


# --------------------------------------------------------------------------- layers-attributes
task("la-add-layer", "layers-attributes", "add-layer",
     "Create a layer called Walls with colour red.",
     """
     import rhinoscriptsyntax as rs
     rs.AddLayer("Walls", (255, 0, 0))
     """,
     """
     assert rs.IsLayer("Walls"), "layer Walls missing"
     c = rs.LayerColor("Walls")
     rgb = (c.R, c.G, c.B) if hasattr(c, "R") else tuple(c[:3])
     assert rgb == (255, 0, 0), "Walls must be red, is %s" % (rgb,)
     """)

task("la-nested-layers", "layers-attributes", "nested-layers",
     "Set up layers: Building, with sublayers Floors, Walls and Roof underneath it.",
     """
     import rhinoscriptsyntax as rs
     rs.AddLayer("Building")
     for name in ("Floors", "Walls", "Roof"):
         rs.AddLayer(name, parent="Building")
     """,
     """
     for name in ("Floors", "Walls", "Roof"):
         assert rs.IsLayer("Building::" + name), "missing Building::%s" % name
         assert rs.ParentLayer("Building::" + name) == "Building", "%s should be under Building" % name
     assert sorted(rs.LayerChildren("Building")) == ["Building::Floors", "Building::Roof", "Building::Walls"], "children %s" % rs.LayerChildren("Building")
     """)

task("la-layer-per-level", "layers-attributes", "numbered-layers",
     "Make layers Level_01 to Level_05.",
     """
     import rhinoscriptsyntax as rs
     for k in range(1, 6):
         rs.AddLayer("Level_%02d" % k)
     """,
     """
     names = rs.LayerNames()
     for k in range(1, 6):
         assert "Level_%02d" % k in names, "missing Level_%02d" % k
     assert not any(n.startswith("Level_06") for n in names), "only five levels"
     """)

task("la-move-to-layer", "layers-attributes", "object-layer",
     "Put the selected objects on a new layer named Annotations.",
     """
     import rhinoscriptsyntax as rs
     if not rs.IsLayer("Annotations"):
         rs.AddLayer("Annotations")
     rs.ObjectLayer(rs.SelectedObjects(), "Annotations")
     """,
     """
     assert rs.IsLayer("Annotations"), "layer Annotations missing"
     for i in selected:
         assert rs.ObjectLayer(i) == "Annotations", "object %s is on %s" % (i, rs.ObjectLayer(i))
     """,
     setup="""
     import rhinoscriptsyntax as rs
     rs.AddPoint(0, 0, 0); rs.AddLine((0, 0, 0), (1, 1, 0))
     """, select="setup")

task("la-layer-by-type", "layers-attributes", "layers-by-type",
     "Sort the selected objects onto layers by type: curves on 'Curves', points on 'Points'.",
     """
     import rhinoscriptsyntax as rs
     for name in ("Curves", "Points"):
         if not rs.IsLayer(name):
             rs.AddLayer(name)
     for i in rs.SelectedObjects():
         if rs.IsCurve(i):
             rs.ObjectLayer(i, "Curves")
         elif rs.IsPoint(i):
             rs.ObjectLayer(i, "Points")
     """,
     """
     for i in selected:
         want = "Curves" if rs.IsCurve(i) else "Points"
         assert rs.ObjectLayer(i) == want, "%s should be on %s, is on %s" % (i, want, rs.ObjectLayer(i))
     """,
     setup="""
     import rhinoscriptsyntax as rs
     rs.AddPoint(0, 0, 0); rs.AddPoint(1, 0, 0); rs.AddCircle((0, 0, 0), 1); rs.AddLine((0, 0, 0), (0, 5, 0))
     """, select="setup")

task("la-color-objects", "layers-attributes", "object-color",
     "Colour the selected objects blue.",
     """
     import rhinoscriptsyntax as rs
     rs.ObjectColor(rs.SelectedObjects(), (0, 0, 255))
     """,
     """
     for i in selected:
         c = rs.ObjectColor(i)
         rgb = (c.R, c.G, c.B) if hasattr(c, "R") else tuple(c[:3])
         assert rgb == (0, 0, 255), "object colour %s" % (rgb,)
     """,
     setup="""
     import rhinoscriptsyntax as rs
     rs.AddCircle((0, 0, 0), 2); rs.AddCircle((5, 0, 0), 2)
     """, select="setup")

task("la-gradient", "layers-attributes", "color-gradient",
     "Give the selected points a colour gradient from black to white based on their X position.",
     """
     import rhinoscriptsyntax as rs
     ids = rs.SelectedObjects()
     xs = [rs.PointCoordinates(i)[0] for i in ids]
     lo, hi = min(xs), max(xs)
     for i, x in zip(ids, xs):
         v = int(round(255 * (x - lo) / (hi - lo)))
         rs.ObjectColor(i, (v, v, v))
     """,
     """
     pairs = []
     for i in selected:
         c = rs.ObjectColor(i)
         rgb = (c.R, c.G, c.B) if hasattr(c, "R") else tuple(c[:3])
         pairs.append((rs.PointCoordinates(i)[0], rgb))
     pairs.sort()
     assert pairs[0][1] == (0, 0, 0), "leftmost point should be black, is %s" % (pairs[0][1],)
     assert pairs[-1][1] == (255, 255, 255), "rightmost point should be white, is %s" % (pairs[-1][1],)
     greys = [p[1][0] for p in pairs]
     assert greys == sorted(greys) and len(set(greys)) == len(greys), "grey must increase with x: %s" % greys
     """,
     setup="""
     import rhinoscriptsyntax as rs
     for x in (0, 3, 5, 9, 10):
         rs.AddPoint(x, 0, 0)
     """, select="setup")

task("la-rename", "layers-attributes", "object-name",
     "Name the selected objects Panel_1, Panel_2, ... ordered left to right.",
     """
     import rhinoscriptsyntax as rs
     ids = sorted(rs.SelectedObjects(), key=lambda i: rs.BoundingBox(i)[0][0])
     for k, i in enumerate(ids):
         rs.ObjectName(i, "Panel_%d" % (k + 1))
     """,
     """
     ordered = sorted(selected, key=lambda i: rs.BoundingBox(i)[0][0])
     names = [rs.ObjectName(i) for i in ordered]
     assert names == ["Panel_%d" % (k + 1) for k in range(len(ordered))], "names %s" % names
     """,
     setup="""
     import rhinoscriptsyntax as rs
     for x in (6, 0, 3):
         rs.AddPlaneSurface(rs.MovePlane(rs.WorldXYPlane(), (x, 0, 0)), 2, 4)
     """, select="setup")

task("la-user-text", "layers-attributes", "user-text",
     "Tag each selected object with user text key 'material' = 'concrete'.",
     """
     import rhinoscriptsyntax as rs
     for i in rs.SelectedObjects():
         rs.SetUserText(i, "material", "concrete")
     """,
     """
     for i in selected:
         assert rs.GetUserText(i, "material") == "concrete", "missing user text on %s" % i
     """,
     setup="""
     import rhinoscriptsyntax as rs
     rs.AddPoint(0, 0, 0); rs.AddCircle((0, 0, 0), 1)
     """, select="setup")

task("la-user-text-area", "layers-attributes", "user-text",
     "For every selected closed curve, store its area as user text under the key 'area'.",
     """
     import rhinoscriptsyntax as rs
     for i in rs.SelectedObjects():
         if rs.IsCurveClosed(i):
             rs.SetUserText(i, "area", str(rs.CurveArea(i)[0]))
     """,
     """
     import math
     found = {}
     for i in selected:
         v = rs.GetUserText(i, "area")
         assert v is not None, "no area stored on %s" % i
         found[round(float(v), 4)] = True
     assert round(math.pi * 4, 4) in found and 6.0 in found, "areas should be 4*pi and 6, got %s" % list(found)
     """,
     setup="""
     import rhinoscriptsyntax as rs
     rs.AddCircle((0, 0, 0), 2)
     rs.AddPolyline([(0,0,0),(3,0,0),(3,2,0),(0,2,0),(0,0,0)])
     """, select="setup")

task("la-hide-layer", "layers-attributes", "layer-visibility",
     "Hide the layer called Construction and lock the layer called Site.",
     """
     import rhinoscriptsyntax as rs
     rs.LayerVisible("Construction", False)
     rs.LayerLocked("Site", True)
     """,
     """
     assert rs.IsLayer("Construction") and rs.IsLayer("Site"), "layers must still exist"
     assert not rs.LayerVisible("Construction"), "Construction should be hidden"
     assert rs.LayerLocked("Site"), "Site should be locked"
     assert rs.LayerVisible("Site"), "Site should stay visible"
     """,
     setup="""
     import rhinoscriptsyntax as rs
     rs.AddLayer("Construction"); rs.AddLayer("Site")
     """)

task("la-current-layer", "layers-attributes", "current-layer",
     "Make a layer 'Sketch' (green), set it current and draw a circle of radius 1 at the origin on it.",
     """
     import rhinoscriptsyntax as rs
     rs.AddLayer("Sketch", (0, 255, 0))
     rs.CurrentLayer("Sketch")
     rs.AddCircle((0, 0, 0), 1)
     """,
     """
     assert rs.CurrentLayer() == "Sketch", "Sketch should be current"
     circles = [i for i in created if rs.IsCircle(i)]
     assert len(circles) == 1 and rs.ObjectLayer(circles[0]) == "Sketch", "circle must be on Sketch"
     """)

task("la-layer-color-by-count", "layers-attributes", "layer-color",
     "Colour every layer that has objects on it orange, leave empty layers alone.",
     """
     import rhinoscriptsyntax as rs
     for name in rs.LayerNames():
         if rs.ObjectsByLayer(name):
             rs.LayerColor(name, (255, 165, 0))
     """,
     """
     def rgb(c):
         return (c.R, c.G, c.B) if hasattr(c, "R") else tuple(c[:3])
     assert rgb(rs.LayerColor("A")) == (255, 165, 0), "A has objects and should be orange"
     assert rgb(rs.LayerColor("B")) == (0, 0, 255), "B is empty and must keep its colour"
     """,
     setup="""
     import rhinoscriptsyntax as rs
     rs.AddLayer("A", (0, 0, 0)); rs.AddLayer("B", (0, 0, 255))
     p = rs.AddPoint(0, 0, 0); rs.ObjectLayer(p, "A")
     """)

task("la-delete-empty", "layers-attributes", "purge-layers",
     "Delete all empty layers except the current one.",
     """
     import rhinoscriptsyntax as rs
     current = rs.CurrentLayer()
     for name in rs.LayerNames():
         if name != current and rs.IsLayerEmpty(name) and not rs.LayerChildCount(name):
             rs.DeleteLayer(name)
     """,
     """
     assert rs.IsLayer("Full"), "layer with objects must stay"
     assert not rs.IsLayer("Empty1") and not rs.IsLayer("Empty2"), "empty layers should be gone"
     """,
     setup="""
     import rhinoscriptsyntax as rs
     rs.AddLayer("Full"); rs.AddLayer("Empty1"); rs.AddLayer("Empty2")
     p = rs.AddPoint(1, 1, 1); rs.ObjectLayer(p, "Full")
     """)


# --------------------------------------------------------------------------- selection
MIXED_SETUP = """
import rhinoscriptsyntax as rs
rs.AddPoint(0, 0, 0); rs.AddPoint(5, 5, 0)
rs.AddCircle((0, 0, 0), 3); rs.AddCircle((10, 0, 0), 1)
rs.AddLine((0, 0, 0), (0, 8, 0))
rs.AddBox([(0,0,0),(1,0,0),(1,1,0),(0,1,0),(0,0,1),(1,0,1),(1,1,1),(0,1,1)])
"""

task("se-select-curves", "selection", "select-by-type",
     "Select all the curves in the model (and nothing else).",
     """
     import rhinoscriptsyntax as rs
     rs.UnselectAllObjects()
     rs.ObjectsByType(rs.filter.curve, select=True)
     """,
     """
     sel = rs.SelectedObjects() or []
     assert len(sel) == 3, "there are 3 curves, %d objects selected" % len(sel)
     assert all(rs.IsCurve(i) for i in sel), "only curves may be selected"
     """, setup=MIXED_SETUP)

task("se-select-points", "selection", "select-by-type",
     "select every point",
     """
     import rhinoscriptsyntax as rs
     rs.UnselectAllObjects()
     rs.SelectObjects(rs.ObjectsByType(rs.filter.point))
     """,
     """
     sel = rs.SelectedObjects() or []
     assert len(sel) == 2 and all(rs.IsPoint(i) for i in sel), "the 2 points must be selected, got %d objects" % len(sel)
     """, setup=MIXED_SETUP)

task("se-big-circles", "selection", "select-by-size",
     "Select only the circles with a radius bigger than 2.",
     """
     import rhinoscriptsyntax as rs
     rs.UnselectAllObjects()
     for i in rs.ObjectsByType(rs.filter.curve):
         if rs.IsCircle(i) and rs.CircleRadius(i) > 2:
             rs.SelectObject(i)
     """,
     """
     sel = rs.SelectedObjects() or []
     assert len(sel) == 1, "one circle has r > 2, selected %d" % len(sel)
     assert rs.IsCircle(sel[0]) and abs(rs.CircleRadius(sel[0]) - 3) < 1e-6, "wrong object selected"
     """, setup=MIXED_SETUP)

task("se-delete-selected-short", "selection", "delete-by-length",
     "Of the selected curves, delete the ones shorter than 5.",
     """
     import rhinoscriptsyntax as rs
     for i in rs.SelectedObjects():
         if rs.IsCurve(i) and rs.CurveLength(i) < 5:
             rs.DeleteObject(i)
     """,
     """
     left = [i for i in selected if rs.IsObject(i)]
     assert len(left) == 2, "two curves are at least 5 long, %d left" % len(left)
     assert all(rs.CurveLength(i) >= 5 for i in left), "a short curve survived"
     assert len(deleted) == 2, "two short curves must be deleted, %d deleted" % len(deleted)
     """,
     setup="""
     import rhinoscriptsyntax as rs
     rs.AddLine((0,0,0),(2,0,0)); rs.AddLine((0,1,0),(7,1,0)); rs.AddLine((0,2,0),(4,2,0)); rs.AddCircle((0,0,0),1)
     """, select="setup")

task("se-select-by-layer", "selection", "select-by-layer",
     "Select everything on the Furniture layer.",
     """
     import rhinoscriptsyntax as rs
     rs.UnselectAllObjects()
     rs.ObjectsByLayer("Furniture", select=True)
     """,
     """
     sel = rs.SelectedObjects() or []
     assert len(sel) == 2, "Furniture holds 2 objects, %d selected" % len(sel)
     assert all(rs.ObjectLayer(i) == "Furniture" for i in sel), "only Furniture objects"
     """,
     setup="""
     import rhinoscriptsyntax as rs
     rs.AddLayer("Furniture")
     a = rs.AddPoint(0,0,0); b = rs.AddCircle((0,0,0), 1); c = rs.AddPoint(3,3,3)
     rs.ObjectLayer([a, b], "Furniture")
     """)

task("se-select-by-name", "selection", "select-by-name",
     "Select the objects named 'column'.",
     """
     import rhinoscriptsyntax as rs
     rs.UnselectAllObjects()
     rs.ObjectsByName("column", select=True)
     """,
     """
     sel = rs.SelectedObjects() or []
     assert len(sel) == 3 and all(rs.ObjectName(i) == "column" for i in sel), "the 3 columns must be selected"
     """,
     setup="""
     import rhinoscriptsyntax as rs
     for x in (0, 4, 8):
         rs.ObjectName(rs.AddLine((x,0,0),(x,0,3)), "column")
     rs.ObjectName(rs.AddLine((0,0,3),(8,0,3)), "beam")
     """)

task("se-invert", "selection", "invert-selection",
     "Invert the selection.",
     """
     import rhinoscriptsyntax as rs
     rs.InvertSelectedObjects()
     """,
     """
     sel = set(str(i) for i in (rs.SelectedObjects() or []))
     was = set(str(i) for i in selected)
     allo = set(str(i) for i in rs.AllObjects())
     assert sel == allo - was, "selection should be everything that was not selected"
     """,
     setup="""
     import rhinoscriptsyntax as rs
     a = rs.AddPoint(0,0,0); b = rs.AddPoint(1,0,0); c = rs.AddPoint(2,0,0)
     rs.SelectObjects([a, c])
     """, select="setup")

task("se-hide-unselected", "selection", "hide-objects",
     "Hide everything that is not selected.",
     """
     import rhinoscriptsyntax as rs
     sel = set(rs.SelectedObjects())
     rs.HideObjects([i for i in rs.AllObjects() if i not in sel])
     """,
     """
     was = set(str(i) for i in selected)
     for i in rs.AllObjects(include_lights=False) + (rs.HiddenObjects() or []):
         hidden = rs.IsObjectHidden(i)
         assert hidden == (str(i) not in was), "object %s hidden=%s" % (i, hidden)
     """,
     setup="""
     import rhinoscriptsyntax as rs
     a = rs.AddPoint(0,0,0); rs.AddCircle((0,0,0), 2); rs.AddLine((0,0,0), (4,0,0))
     rs.SelectObject(a)
     """, select="setup")

task("se-lock-selected", "selection", "lock-objects",
     "lock the selected objects",
     """
     import rhinoscriptsyntax as rs
     rs.LockObjects(rs.SelectedObjects())
     """,
     """
     assert all(rs.IsObjectLocked(i) for i in selected), "all selected objects must be locked"
     """,
     setup="""
     import rhinoscriptsyntax as rs
     rs.AddPoint(0,0,0); rs.AddLine((0,0,0),(1,0,0))
     """, select="setup")

task("se-circle-centers", "selection", "selection-derived",
     "Put a point at the centre of each selected circle.",
     """
     import rhinoscriptsyntax as rs
     for i in rs.SelectedObjects():
         if rs.IsCircle(i):
             rs.AddPoint(rs.CircleCenterPoint(i))
     """,
     """
     pts = sorted((round(p[0], 6), round(p[1], 6)) for p in (rs.PointCoordinates(i) for i in created if rs.IsPoint(i)))
     assert pts == [(0, 0), (4, 2), (9, -1)], "centres %s" % pts
     """,
     setup="""
     import rhinoscriptsyntax as rs
     rs.AddCircle((0,0,0), 1); rs.AddCircle((4,2,0), 2); rs.AddCircle((9,-1,0), 0.5)
     """, select="setup")

task("se-connect-points", "selection", "selection-derived",
     "Connect the selected points with a polyline in order of their X coordinate.",
     """
     import rhinoscriptsyntax as rs
     pts = sorted((rs.PointCoordinates(i) for i in rs.SelectedObjects() if rs.IsPoint(i)), key=lambda p: p[0])
     rs.AddPolyline(pts)
     """,
     """
     crvs = [i for i in created if rs.IsCurve(i)]
     assert len(crvs) == 1, "expected one polyline"
     verts = [(round(p[0], 6), round(p[1], 6)) for p in rs.PolylineVertices(crvs[0])]
     assert verts == [(0, 0), (2, 3), (5, 1), (8, 4)] or verts == [(8, 4), (5, 1), (2, 3), (0, 0)], "vertices %s" % verts
     """,
     setup="""
     import rhinoscriptsyntax as rs
     rs.AddPoint(5,1,0); rs.AddPoint(0,0,0); rs.AddPoint(8,4,0); rs.AddPoint(2,3,0)
     """, select="setup")

task("se-bbox-box", "selection", "selection-bbox",
     "Draw the bounding box of the selection as a box object.",
     """
     import rhinoscriptsyntax as rs
     rs.AddBox(rs.BoundingBox(rs.SelectedObjects()))
     """,
     """
     boxes = [i for i in created if rs.ObjectType(i) in (8, 16, 1073741824)]
     assert len(boxes) == 1, "expected one box"
     bb = rs.BoundingBox(boxes[0])
     assert [round(v, 6) for v in bb[0]] == [-1, -1, 0] and [round(v, 6) for v in bb[6]] == [6, 4, 3], "box %s..%s" % (bb[0], bb[6])
     """,
     setup="""
     import rhinoscriptsyntax as rs
     rs.AddCircle((0,0,0), 1); rs.AddPoint(6, 4, 3)
     """, select="setup")

task("se-extend-selection", "selection", "select-by-type",
     "add all the meshes to my current selection",
     """
     import rhinoscriptsyntax as rs
     rs.SelectObjects(rs.ObjectsByType(rs.filter.mesh))
     """,
     """
     sel = set(str(i) for i in (rs.SelectedObjects() or []))
     meshes = set(str(i) for i in rs.ObjectsByType(rs.filter.mesh))
     assert meshes and meshes <= sel, "all meshes must be selected"
     assert set(str(i) for i in selected) <= sel, "the earlier selection must stay selected"
     assert len(sel) == len(meshes | set(str(i) for i in selected)), "nothing else should be selected"
     """,
     setup="""
     import rhinoscriptsyntax as rs
     p = rs.AddPoint(0,0,0)
     rs.AddMesh([(0,0,0),(1,0,0),(1,1,0)], [(0,1,2)])
     rs.AddMesh([(2,0,0),(3,0,0),(3,1,0)], [(0,1,2)])
     rs.AddCircle((0,0,0), 1)
     rs.SelectObject(p)
     """, select="setup")

task("se-count-by-type", "selection", "selection-report",
     "How many of the selected objects are curves and how many are points? Print both counts.",
     """
     import rhinoscriptsyntax as rs
     ids = rs.SelectedObjects()
     print("curves:", len([i for i in ids if rs.IsCurve(i)]))
     print("points:", len([i for i in ids if rs.IsPoint(i)]))
     """,
     NUMS + """
     assert 3 in nums and 2 in nums, "3 curves and 2 points: %r" % stdout
     assert "curve" in stdout.lower() and "point" in stdout.lower(), "label the counts"
     """, setup=MIXED_SETUP.replace("rs.AddBox([(0,0,0),(1,0,0),(1,1,0),(0,1,0),(0,0,1),(1,0,1),(1,1,1),(0,1,1)])\n", ""), select="setup")


# --------------------------------------------------------------------------- measure-print
task("mp-curve-length", "measure-print", "curve-length",
     "Print the length of the selected curve.",
     """
     import rhinoscriptsyntax as rs
     print(rs.CurveLength(rs.SelectedObjects()[0]))
     """,
     NUMS + """
     import math
     assert any(abs(x - 2 * math.pi * 7) < 1e-4 for x in nums), "circumference of r=7 is 43.98: %r" % stdout
     assert not created and not deleted, "measuring must not change the document"
     """,
     setup="""
     import rhinoscriptsyntax as rs
     rs.AddCircle((0, 0, 0), 7)
     """, select="setup")

task("mp-total-length", "measure-print", "curve-length",
     "What's the total length of all selected curves? Print it rounded to 2 decimals.",
     """
     import rhinoscriptsyntax as rs
     total = sum(rs.CurveLength(i) for i in rs.SelectedObjects() if rs.IsCurve(i))
     print(round(total, 2))
     """,
     NUMS + """
     assert any(abs(x - 15.0) < 0.006 for x in nums), "3 + 4 + 8 = 15: %r" % stdout
     """,
     setup="""
     import rhinoscriptsyntax as rs
     rs.AddLine((0,0,0),(3,0,0)); rs.AddLine((0,1,0),(0,5,0)); rs.AddPolyline([(0,0,0),(4,0,0),(4,4,0)])
     """, select="setup")

task("mp-area", "measure-print", "curve-area",
     "Print the area enclosed by the selected closed curve.",
     """
     import rhinoscriptsyntax as rs
     print(rs.CurveArea(rs.SelectedObjects()[0])[0])
     """,
     NUMS + """
     assert any(abs(x - 18) < 1e-4 for x in nums), "L-shape area is 6*2 + 2*3 = 18: %r" % stdout
     """,
     setup="""
     import rhinoscriptsyntax as rs
     rs.AddPolyline([(0,0,0),(6,0,0),(6,2,0),(2,2,0),(2,5,0),(0,5,0),(0,0,0)])
     """, select="setup")

task("mp-centroid", "measure-print", "area-centroid",
     "Mark the area centroid of the selected closed curve with a point.",
     """
     import rhinoscriptsyntax as rs
     c = rs.CurveAreaCentroid(rs.SelectedObjects()[0])
     rs.AddPoint(c[0])
     """,
     """
     pts = [rs.PointCoordinates(i) for i in created if rs.IsPoint(i)]
     assert len(pts) == 1, "expected one point"
     p = pts[0]
     # L-shape: 6x2 strip (centroid 3,1, area 12) + 2x3 strip (centroid 1,3.5, area 6)
     assert abs(p[0] - (3 * 12 + 1 * 6) / 18.0) < 1e-4 and abs(p[1] - (1 * 12 + 3.5 * 6) / 18.0) < 1e-4, "centroid %s" % p
     """,
     setup="""
     import rhinoscriptsyntax as rs
     rs.AddPolyline([(0,0,0),(6,0,0),(6,2,0),(2,2,0),(2,5,0),(0,5,0),(0,0,0)])
     """, select="setup")

task("mp-bbox-size", "measure-print", "bounding-box",
     "Print the overall width, depth and height of the selection's bounding box.",
     """
     import rhinoscriptsyntax as rs
     bb = rs.BoundingBox(rs.SelectedObjects())
     print("width", bb[1][0] - bb[0][0], "depth", bb[3][1] - bb[0][1], "height", bb[4][2] - bb[0][2])
     """,
     NUMS + """
     for want in (12, 7, 3):
         assert any(abs(x - want) < 1e-6 for x in nums), "%g missing in %r" % (want, stdout)
     """,
     setup="""
     import rhinoscriptsyntax as rs
     rs.AddPoint(-2, 0, 0); rs.AddPoint(10, 7, 3); rs.AddLine((0,0,0),(1,1,1))
     """, select="setup")

task("mp-surface-area", "measure-print", "surface-area",
     "Print the area of the selected surface.",
     """
     import rhinoscriptsyntax as rs
     print(rs.SurfaceArea(rs.SelectedObjects()[0])[0])
     """,
     NUMS + """
     assert any(abs(x - 35) < 1e-4 for x in nums), "5 x 7 surface: 35, got %r" % stdout
     """,
     setup="""
     import rhinoscriptsyntax as rs
     rs.AddPlaneSurface(rs.WorldXYPlane(), 5, 7)
     """, select="setup")

task("mp-box-volume", "measure-print", "volume",
     "How big is the selected box, in cubic units? Print the volume.",
     """
     import rhinoscriptsyntax as rs
     print(rs.SurfaceVolume(rs.SelectedObjects()[0])[0])
     """,
     NUMS + """
     assert any(abs(x - 60) < 1e-4 for x in nums), "3 x 4 x 5 = 60, got %r" % stdout
     """,
     setup="""
     import rhinoscriptsyntax as rs
     rs.AddBox([(0,0,0),(3,0,0),(3,4,0),(0,4,0),(0,0,5),(3,0,5),(3,4,5),(0,4,5)])
     """, select="setup")

task("mp-count-objects", "measure-print", "count-objects",
     "How many objects are in the model? Print the number.",
     """
     import rhinoscriptsyntax as rs
     print(len(rs.AllObjects()))
     """,
     NUMS + """
     assert 6 in nums, "the model holds 6 objects: %r" % stdout
     """, setup=MIXED_SETUP)

task("mp-point-coords", "measure-print", "point-coordinates",
     "Print the coordinates of the selected points, one per line.",
     """
     import rhinoscriptsyntax as rs
     for i in rs.SelectedObjects():
         p = rs.PointCoordinates(i)
         print(p[0], p[1], p[2])
     """,
     NUMS + """
     for want in (1.5, -2, 7, 3.25):
         assert any(abs(x - want) < 1e-9 for x in nums), "%g missing in %r" % (want, stdout)
     assert len(stdout.strip().splitlines()) == 2, "one line per point"
     """,
     setup="""
     import rhinoscriptsyntax as rs
     rs.AddPoint(1.5, -2, 0); rs.AddPoint(7, 3.25, 1)
     """, select="setup")

task("mp-longest-curve", "measure-print", "longest-curve",
     "Which of the selected curves is the longest? Select just that one and print its length.",
     """
     import rhinoscriptsyntax as rs
     ids = [i for i in rs.SelectedObjects() if rs.IsCurve(i)]
     best = max(ids, key=rs.CurveLength)
     rs.UnselectAllObjects()
     rs.SelectObject(best)
     print(rs.CurveLength(best))
     """,
     NUMS + """
     sel = rs.SelectedObjects() or []
     assert len(sel) == 1 and abs(rs.CurveLength(sel[0]) - 9) < 1e-6, "the 9-long line should be the only selection"
     assert any(abs(x - 9) < 1e-6 for x in nums), "print 9: %r" % stdout
     """,
     setup="""
     import rhinoscriptsyntax as rs
     rs.AddLine((0,0,0),(4,0,0)); rs.AddLine((0,1,0),(9,1,0)); rs.AddLine((0,2,0),(6,2,0))
     """, select="setup")

task("mp-distance-points", "measure-print", "distance-selected",
     "Print the distance between the two selected points.",
     """
     import rhinoscriptsyntax as rs
     a, b = [rs.PointCoordinates(i) for i in rs.SelectedObjects()[:2]]
     print(rs.Distance(a, b))
     """,
     NUMS + """
     assert any(abs(x - 13) < 1e-9 for x in nums), "distance is 13: %r" % stdout
     """,
     setup="""
     import rhinoscriptsyntax as rs
     rs.AddPoint(0, 0, 0); rs.AddPoint(3, 4, 12)
     """, select="setup")

task("mp-units", "measure-print", "units",
     "Which units is this model in? Print the unit system name.",
     """
     import rhinoscriptsyntax as rs
     print(rs.UnitSystemName())
     """,
     """
     assert "millimet" in stdout.lower(), "the model is in millimeters: %r" % stdout
     """,
     setup="""
     import rhinoscriptsyntax as rs
     rs.UnitSystem(2)
     """)

task("mp-curve-report", "measure-print", "curve-report",
     "For each selected curve print: length, whether it's closed, and its degree.",
     """
     import rhinoscriptsyntax as rs
     for i in rs.SelectedObjects():
         print(rs.CurveLength(i), rs.IsCurveClosed(i), rs.CurveDegree(i))
     """,
     NUMS + """
     lines = stdout.strip().splitlines()
     assert len(lines) == 2, "one line per curve"
     assert "True" in stdout and "False" in stdout, "closed flags missing"
     assert any(abs(x - 10) < 1e-6 for x in nums), "the line is 10 long"
     """,
     setup="""
     import rhinoscriptsyntax as rs
     rs.AddLine((0,0,0),(10,0,0)); rs.AddCircle((0,0,0), 2)
     """, select="setup")

task("mp-mesh-stats-all", "measure-print", "mesh-stats",
     "Print the total face count over all meshes in the model.",
     """
     import rhinoscriptsyntax as rs
     print(sum(rs.MeshFaceCount(m) for m in rs.ObjectsByType(rs.filter.mesh)))
     """,
     NUMS + """
     assert 3 in nums, "1 + 2 = 3 faces: %r" % stdout
     """,
     setup="""
     import rhinoscriptsyntax as rs
     rs.AddMesh([(0,0,0),(1,0,0),(1,1,0)], [(0,1,2)])
     rs.AddMesh([(0,0,0),(1,0,0),(1,1,0),(0,1,0)], [(0,1,2),(0,2,3)])
     """)

task("mp-divide-length", "measure-print", "divide-length",
     "Place points every 2.5 units along the selected curve.",
     """
     import rhinoscriptsyntax as rs
     c = rs.SelectedObjects()[0]
     for p in rs.DivideCurveLength(c, 2.5):
         rs.AddPoint(p)
     """,
     """
     pts = sorted(rs.PointCoordinates(i)[0] for i in created if rs.IsPoint(i))
     assert [round(x, 6) for x in pts] == [0, 2.5, 5, 7.5, 10], "points at %s" % pts
     """,
     setup="""
     import rhinoscriptsyntax as rs
     rs.AddLine((0,0,0),(10,0,0))
     """, select="setup")


# --------------------------------------------------------------------------- document-groups
task("dg-group-selected", "document-groups", "group-objects",
     "Group the selected objects together as 'Furniture'.",
     """
     import rhinoscriptsyntax as rs
     g = rs.AddGroup("Furniture")
     rs.AddObjectsToGroup(rs.SelectedObjects(), g)
     """,
     """
     assert rs.IsGroup("Furniture"), "group Furniture missing"
     members = set(str(i) for i in rs.ObjectsByGroup("Furniture"))
     assert members == set(str(i) for i in selected), "group members differ from the selection"
     """,
     setup="""
     import rhinoscriptsyntax as rs
     rs.AddPoint(0,0,0); rs.AddCircle((0,0,0), 1); rs.AddLine((0,0,0),(2,2,0))
     """, select="setup")

task("dg-group-per-row", "document-groups", "group-rows",
     "Make 3 rows of 4 circles (radius 0.5, spaced 2 apart) and put each row in its own group.",
     """
     import rhinoscriptsyntax as rs
     for j in range(3):
         g = rs.AddGroup("Row_%d" % (j + 1))
         ids = [rs.AddCircle((2 * i, 2 * j, 0), 0.5) for i in range(4)]
         rs.AddObjectsToGroup(ids, g)
     """,
     """
     circles = [i for i in created if rs.IsCircle(i)]
     assert len(circles) == 12, "expected 12 circles, got %d" % len(circles)
     groups = {}
     for c in circles:
         gs = rs.ObjectGroups(c)
         assert gs and len(gs) == 1, "each circle belongs to exactly one group"
         groups.setdefault(gs[0], set()).add(round(rs.CircleCenterPoint(c)[1], 6))
     assert len(groups) == 3, "expected 3 groups, got %d" % len(groups)
     assert all(len(ys) == 1 for ys in groups.values()), "a group must hold one row"
     """)

task("dg-ungroup", "document-groups", "ungroup",
     "Remove the selected objects from all their groups and delete groups that end up empty.",
     """
     import rhinoscriptsyntax as rs
     for i in rs.SelectedObjects():
         for g in rs.ObjectGroups(i) or []:
             rs.RemoveObjectFromGroup(i, g)
     for g in rs.GroupNames() or []:
         if rs.IsGroupEmpty(g):
             rs.DeleteGroup(g)
     """,
     """
     for i in selected:
         assert not rs.ObjectGroups(i), "object still grouped"
     assert not rs.IsGroup("G1"), "empty group G1 should be deleted"
     """,
     setup="""
     import rhinoscriptsyntax as rs
     g = rs.AddGroup("G1")
     rs.AddObjectsToGroup([rs.AddPoint(0,0,0), rs.AddPoint(1,0,0)], g)
     """, select="setup")

task("dg-group-count", "document-groups", "group-report",
     "How many groups are in this file and how many objects does each one have? Print it.",
     """
     import rhinoscriptsyntax as rs
     names = rs.GroupNames() or []
     print(len(names), "groups")
     for g in names:
         print(g, len(rs.ObjectsByGroup(g)))
     """,
     NUMS + """
     assert "A" in stdout and "B" in stdout, "name the groups"
     assert 2 in nums and 3 in nums and 1 in nums, "2 groups with 3 and 1 objects: %r" % stdout
     """,
     setup="""
     import rhinoscriptsyntax as rs
     a = rs.AddGroup("A"); b = rs.AddGroup("B")
     rs.AddObjectsToGroup([rs.AddPoint(0,0,0), rs.AddPoint(1,0,0), rs.AddPoint(2,0,0)], a)
     rs.AddObjectsToGroup([rs.AddPoint(5,5,5)], b)
     """)

task("dg-units-mm", "document-groups", "units",
     "Set the model units to millimeters.",
     """
     import rhinoscriptsyntax as rs
     rs.UnitSystem(2, scale=False)
     """,
     """
     assert rs.UnitSystem() == 2, "unit system should be 2 (millimeters), is %s" % rs.UnitSystem()
     """)

task("dg-tolerance", "document-groups", "tolerance",
     "Set the absolute tolerance to 0.001.",
     """
     import rhinoscriptsyntax as rs
     rs.UnitAbsoluteTolerance(0.001)
     """,
     """
     assert abs(rs.UnitAbsoluteTolerance() - 0.001) < 1e-12, "tolerance is %s" % rs.UnitAbsoluteTolerance()
     """)

task("dg-doc-text", "document-groups", "document-user-text",
     "Store the project number P-2026-17 in the document's user text under 'project'.",
     """
     import rhinoscriptsyntax as rs
     rs.SetDocumentUserText("project", "P-2026-17")
     """,
     """
     assert rs.GetDocumentUserText("project") == "P-2026-17", "document text missing"
     """)

task("dg-delete-all-points", "document-groups", "cleanup",
     "Delete every point object in the model.",
     """
     import rhinoscriptsyntax as rs
     rs.DeleteObjects(rs.ObjectsByType(rs.filter.point))
     """,
     """
     assert not rs.ObjectsByType(rs.filter.point), "points remain"
     assert len(rs.AllObjects()) == 4, "other objects must stay (4), have %d" % len(rs.AllObjects())
     assert len(deleted) == 2, "2 points deleted"
     """, setup=MIXED_SETUP)

task("dg-clear-model", "document-groups", "cleanup",
     "clear the model, delete everything",
     """
     import rhinoscriptsyntax as rs
     rs.DeleteObjects(rs.AllObjects())
     """,
     """
     assert not rs.AllObjects(), "model should be empty"
     assert len(deleted) == 6, "6 objects deleted, got %d" % len(deleted)
     """, setup=MIXED_SETUP)

task("dg-name-and-group", "document-groups", "group-by-layer",
     "For each layer that has objects, group its objects into a group named after the layer.",
     """
     import rhinoscriptsyntax as rs
     for layer in rs.LayerNames():
         ids = rs.ObjectsByLayer(layer)
         if ids:
             g = rs.AddGroup(layer)
             rs.AddObjectsToGroup(ids, g)
     """,
     """
     for layer, n in (("Red", 2), ("Blue", 1)):
         assert rs.IsGroup(layer), "group %s missing" % layer
         members = rs.ObjectsByGroup(layer)
         assert len(members) == n and all(rs.ObjectLayer(i) == layer for i in members), "group %s wrong" % layer
     """,
     setup="""
     import rhinoscriptsyntax as rs
     rs.AddLayer("Red", (255,0,0)); rs.AddLayer("Blue", (0,0,255))
     rs.ObjectLayer([rs.AddPoint(0,0,0), rs.AddPoint(1,0,0)], "Red")
     rs.ObjectLayer(rs.AddPoint(2,0,0), "Blue")
     """)

task("dg-select-group", "document-groups", "select-group",
     "Select all objects of group 'Trees'.",
     """
     import rhinoscriptsyntax as rs
     rs.UnselectAllObjects()
     rs.SelectObjects(rs.ObjectsByGroup("Trees"))
     """,
     """
     sel = set(str(i) for i in (rs.SelectedObjects() or []))
     assert sel == set(str(i) for i in rs.ObjectsByGroup("Trees")) and len(sel) == 2, "select exactly the 2 trees"
     """,
     setup="""
     import rhinoscriptsyntax as rs
     g = rs.AddGroup("Trees")
     rs.AddObjectsToGroup([rs.AddCircle((0,0,0),1), rs.AddCircle((3,0,0),1)], g)
     rs.AddCircle((6,0,0),1)
     """)

task("dg-rename-group", "document-groups", "rename-group",
     "Rename the group 'Old' to 'Landscape'.",
     """
     import rhinoscriptsyntax as rs
     rs.RenameGroup("Old", "Landscape")
     """,
     """
     assert rs.IsGroup("Landscape") and not rs.IsGroup("Old"), "group not renamed"
     assert len(rs.ObjectsByGroup("Landscape")) == 1, "members must follow the rename"
     """,
     setup="""
     import rhinoscriptsyntax as rs
     g = rs.AddGroup("Old"); rs.AddObjectToGroup(rs.AddPoint(0,0,0), g)
     """)

task("dg-notes", "document-groups", "notes",
     "Add a note to the document: 'Checked by RC'.",
     """
     import rhinoscriptsyntax as rs
     rs.Notes("Checked by RC")
     """,
     """
     assert "Checked by RC" in (rs.Notes() or ""), "notes %r" % rs.Notes()
     """)

task("dg-hide-layer-objects", "document-groups", "hide-by-layer",
     "Hide all the objects on layer Temp (the objects, not the layer).",
     """
     import rhinoscriptsyntax as rs
     rs.HideObjects(rs.ObjectsByLayer("Temp"))
     """,
     """
     temp = [i for i in rs.AllObjects() if rs.ObjectLayer(i) == "Temp"]
     assert len(temp) == 2 and all(rs.IsObjectHidden(i) for i in temp), "Temp objects must be hidden"
     others = [i for i in rs.AllObjects() if rs.ObjectLayer(i) != "Temp"]
     assert others and not any(rs.IsObjectHidden(i) for i in others), "others stay visible"
     assert rs.LayerVisible("Temp"), "the layer itself stays on"
     """,
     setup="""
     import rhinoscriptsyntax as rs
     rs.AddLayer("Temp")
     rs.ObjectLayer([rs.AddPoint(0,0,0), rs.AddPoint(1,1,1)], "Temp")
     rs.AddPoint(5,5,5)
     """)


# --------------------------------------------------------------------------- more, across categories
task("ss-facade-panels", "surfaces-solids", "facade-panels",
     "Make a facade of flat panels on the XZ plane: 6 columns x 4 rows, each panel 1.4 wide and 2.8 high with a 0.1 gap between panels, starting at the origin.",
     """
     import rhinoscriptsyntax as rs
     w, h, gap = 1.4, 2.8, 0.1
     for i in range(6):
         for j in range(4):
             x, z = i * (w + gap), j * (h + gap)
             rs.AddSrfPt([(x, 0, z), (x + w, 0, z), (x + w, 0, z + h), (x, 0, z + h)])
     """,
     """
     panels = [i for i in created if rs.IsSurface(i)]
     assert len(panels) == 24, "expected 24 panels, got %d" % len(panels)
     for p in panels:
         bb = rs.BoundingBox(p)
         assert abs(bb[6][0] - bb[0][0] - 1.4) < 1e-6 and abs(bb[6][2] - bb[0][2] - 2.8) < 1e-6, "panel size wrong"
         assert abs(bb[6][1] - bb[0][1]) < 1e-6, "panels lie in the XZ plane"
     xs = sorted(set(round(rs.BoundingBox(p)[0][0], 6) for p in panels))
     assert len(xs) == 6 and abs(xs[1] - xs[0] - 1.5) < 1e-6, "columns 1.5 apart"
     """)

task("ss-attractor-spheres", "surfaces-solids", "attractor",
     "Grid of spheres 10x10 spaced 2 apart; radius shrinks with distance from the point (0,0,0): r = max(0.1, 1 - d/20).",
     """
     import rhinoscriptsyntax as rs
     for i in range(10):
         for j in range(10):
             d = rs.Distance((0, 0, 0), (2 * i, 2 * j, 0))
             rs.AddSphere((2 * i, 2 * j, 0), max(0.1, 1 - d / 20.0))
     """,
     """
     import math
     objs = [i for i in created if rs.ObjectType(i) in (8, 16, 1073741824)]
     assert len(objs) == 100, "expected 100 spheres, got %d" % len(objs)
     for o in objs:
         bb = rs.BoundingBox(o)
         cx, cy = (bb[0][0] + bb[6][0]) / 2, (bb[0][1] + bb[6][1]) / 2
         r = (bb[6][0] - bb[0][0]) / 2
         want = max(0.1, 1 - math.hypot(cx, cy) / 20.0)
         assert abs(r - want) < 1e-4, "sphere at (%g,%g) has r=%g, want %g" % (cx, cy, r, want)
     """)

task("ss-sweep", "surfaces-solids", "sweep",
     "Sweep the selected circle along the selected rail curve.",
     """
     import rhinoscriptsyntax as rs
     ids = rs.SelectedObjects()
     rail = [i for i in ids if not rs.IsCircle(i)][0]
     shape = [i for i in ids if rs.IsCircle(i)][0]
     rs.AddSweep1(rail, [shape])
     """,
     """
     objs = [i for i in created if rs.ObjectType(i) in (8, 16)]
     assert len(objs) == 1, "expected one swept surface"
     """,
     setup="""
     import rhinoscriptsyntax as rs
     rs.AddLine((0,0,0),(0,0,10)); rs.AddCircle((0,0,0), 1)
     """, select="setup", needs_kernel=True)

task("cv-section-curves", "curves", "contour",
     "Contour the selected sphere every 1 unit in Z.",
     """
     import rhinoscriptsyntax as rs
     rs.AddSrfContourCrvs(rs.SelectedObjects()[0], ((0, 0, -5), (0, 0, 5)), 1.0)
     """,
     """
     crvs = [i for i in created if rs.IsCurve(i)]
     assert len(crvs) >= 9, "expected about 9-11 contour curves, got %d" % len(crvs)
     """,
     setup="""
     import rhinoscriptsyntax as rs
     rs.AddSphere((0,0,0), 5)
     """, select="setup", needs_kernel=True)

task("cv-join", "curves", "join-curves",
     "Join the selected lines into one curve and delete the pieces.",
     """
     import rhinoscriptsyntax as rs
     rs.JoinCurves(rs.SelectedObjects(), delete_input=True)
     """,
     """
     crvs = [i for i in created if rs.IsCurve(i)]
     assert len(crvs) == 1, "expected one joined curve, got %d" % len(crvs)
     assert rs.IsCurveClosed(crvs[0]) and abs(rs.CurveLength(crvs[0]) - 12) < 1e-6, "a closed 3x3 square of length 12"
     assert all(not rs.IsObject(i) for i in selected), "pieces must be deleted"
     """,
     setup="""
     import rhinoscriptsyntax as rs
     rs.AddLine((0,0,0),(3,0,0)); rs.AddLine((3,0,0),(3,3,0)); rs.AddLine((3,3,0),(0,3,0)); rs.AddLine((0,3,0),(0,0,0))
     """, select="setup")

task("cv-curve-points-tangent", "curves", "tangent-lines",
     "At 5 evenly spaced parameters along the selected curve, draw a tangent line 2 long starting on the curve.",
     """
     import rhinoscriptsyntax as rs
     c = rs.SelectedObjects()[0]
     t0, t1 = rs.CurveDomain(c)
     for k in range(5):
         t = t0 + (t1 - t0) * k / 4.0
         p = rs.EvaluateCurve(c, t)
         v = rs.VectorScale(rs.VectorUnitize(rs.CurveTangent(c, t)), 2)
         rs.AddLine(p, rs.PointAdd(p, v))
     """,
     """
     lines = [i for i in created if rs.IsCurve(i)]
     assert len(lines) == 5, "expected 5 tangent lines, got %d" % len(lines)
     for l in lines:
         assert abs(rs.CurveLength(l) - 2) < 1e-6, "tangent lines are 2 long"
         s = rs.CurveStartPoint(l)
         t = rs.CurveClosestPoint(selected[0], s)
         assert rs.Distance(s, rs.EvaluateCurve(selected[0], t)) < 1e-4, "lines must start on the curve"
     """,
     setup="""
     import rhinoscriptsyntax as rs
     rs.AddArc3Pt((0,0,0),(10,0,0),(5,3,0))
     """, select="setup")

task("pv-vector-between", "points-vectors", "vector-math",
     "Draw a line from each selected point to the origin.",
     """
     import rhinoscriptsyntax as rs
     for i in rs.SelectedObjects():
         rs.AddLine(rs.PointCoordinates(i), (0, 0, 0))
     """,
     """
     lines = [i for i in created if rs.IsCurve(i)]
     assert len(lines) == 3, "one line per point"
     for l in lines:
         ends = [rs.CurveStartPoint(l), rs.CurveEndPoint(l)]
         assert any(rs.Distance(e, (0, 0, 0)) < 1e-9 for e in ends), "each line must reach the origin"
     """,
     setup="""
     import rhinoscriptsyntax as rs
     rs.AddPoint(1,2,3); rs.AddPoint(-4,0,0); rs.AddPoint(0,5,-1)
     """, select="setup")

task("me-mesh-from-points", "meshes", "mesh-from-grid-points",
     "Make a mesh surface through the selected grid of points (they form a 3x3 grid).",
     """
     import rhinoscriptsyntax as rs
     pts = sorted((rs.PointCoordinates(i) for i in rs.SelectedObjects()), key=lambda p: (round(p[1], 6), p[0]))
     faces = []
     for j in range(2):
         for i in range(2):
             a = j * 3 + i
             faces.append((a, a + 1, a + 4, a + 3))
     rs.AddMesh(pts, faces)
     """,
     """
     meshes = [i for i in created if rs.IsMesh(i)]
     assert len(meshes) == 1, "expected one mesh"
     m = meshes[0]
     assert rs.MeshVertexCount(m) == 9 and rs.MeshFaceCount(m) == 4, "3x3 vertices, 4 faces"
     assert abs(rs.MeshArea(m)[1] - 4) < 1e-6, "flat 2x2 mesh area 4"
     """,
     setup="""
     import rhinoscriptsyntax as rs
     for j in range(3):
         for i in range(3):
             rs.AddPoint(i, j, 0)
     """, select="setup")

task("tf-array-along-curve", "transforms", "array-along-curve",
     "Copy the selected point to 5 evenly spaced locations along the line from (0,0,0) to (20,0,0), ends included.",
     """
     import rhinoscriptsyntax as rs
     src = rs.SelectedObjects()[0]
     p0 = rs.PointCoordinates(src)
     for k in range(5):
         target = (20 * k / 4.0, 0, 0)
         rs.CopyObject(src, rs.VectorCreate(target, p0))
     """,
     """
     pts = sorted(round(rs.PointCoordinates(i)[0], 6) for i in created if rs.IsPoint(i))
     assert pts == [0, 5, 10, 15, 20], "copies at %s" % pts
     """,
     setup="""
     import rhinoscriptsyntax as rs
     rs.AddPoint(3, 4, 0)
     """, select="setup")

task("tf-center-to-origin", "transforms", "move-to-origin",
     "Move the selection so the centre of its bounding box sits on the origin.",
     """
     import rhinoscriptsyntax as rs
     ids = rs.SelectedObjects()
     bb = rs.BoundingBox(ids)
     c = [(bb[0][k] + bb[6][k]) / 2.0 for k in range(3)]
     rs.MoveObjects(ids, (-c[0], -c[1], -c[2]))
     """,
     """
     bb = rs.BoundingBox(selected)
     for k in range(3):
         assert abs(bb[0][k] + bb[6][k]) < 1e-6, "bounding box not centred on the origin"
     """,
     setup="""
     import rhinoscriptsyntax as rs
     rs.AddBox([(4,6,2),(8,6,2),(8,7,2),(4,7,2),(4,6,5),(8,6,5),(8,7,5),(4,7,5)])
     rs.AddPoint(10, 10, 10)
     """, select="setup")

task("la-layer-colors-rainbow", "layers-attributes", "layer-color",
     "Make 4 layers named Zone A..D with colours red, green, blue and yellow.",
     """
     import rhinoscriptsyntax as rs
     for name, col in zip("ABCD", [(255,0,0), (0,255,0), (0,0,255), (255,255,0)]):
         rs.AddLayer("Zone " + name, col)
     """,
     """
     def rgb(c):
         return (c.R, c.G, c.B) if hasattr(c, "R") else tuple(c[:3])
     want = {"A": (255,0,0), "B": (0,255,0), "C": (0,0,255), "D": (255,255,0)}
     for k, col in want.items():
         assert rs.IsLayer("Zone " + k), "Zone %s missing" % k
         assert rgb(rs.LayerColor("Zone " + k)) == col, "Zone %s has colour %s" % (k, rgb(rs.LayerColor("Zone " + k)))
     """)

task("la-rename-layer", "layers-attributes", "rename-layer",
     "Rename layer 'Layer 01' to 'Structure'.",
     """
     import rhinoscriptsyntax as rs
     rs.RenameLayer("Layer 01", "Structure")
     """,
     """
     assert rs.IsLayer("Structure") and not rs.IsLayer("Layer 01"), "layer not renamed"
     assert len(rs.ObjectsByLayer("Structure")) == 1, "the object must stay on the renamed layer"
     """,
     setup="""
     import rhinoscriptsyntax as rs
     rs.AddLayer("Layer 01"); rs.ObjectLayer(rs.AddPoint(0,0,0), "Layer 01")
     """)

task("se-select-closed", "selection", "select-closed",
     "From the current selection keep only the closed curves selected.",
     """
     import rhinoscriptsyntax as rs
     for i in rs.SelectedObjects():
         if not (rs.IsCurve(i) and rs.IsCurveClosed(i)):
             rs.UnselectObject(i)
     """,
     """
     sel = rs.SelectedObjects() or []
     assert len(sel) == 2 and all(rs.IsCurveClosed(i) for i in sel), "the 2 closed curves stay selected, got %d" % len(sel)
     """,
     setup="""
     import rhinoscriptsyntax as rs
     rs.AddCircle((0,0,0),1); rs.AddLine((0,0,0),(1,0,0)); rs.AddPolyline([(0,0,0),(1,0,0),(1,1,0),(0,0,0)]); rs.AddPoint(0,0,0)
     """, select="setup")

task("mp-perimeter-all-closed", "measure-print", "curve-length",
     "Sum the perimeters of all closed curves in the model and print the total.",
     """
     import rhinoscriptsyntax as rs
     total = sum(rs.CurveLength(c) for c in rs.ObjectsByType(rs.filter.curve) if rs.IsCurveClosed(c))
     print(total)
     """,
     NUMS + """
     import math
     want = 2 * math.pi * 3 + 2 * math.pi * 1
     assert any(abs(x - want) < 1e-4 for x in nums), "total should be 8*pi = %.4f: %r" % (want, stdout)
     """, setup=MIXED_SETUP)

task("dg-save-copy", "document-groups", "object-description",
     "For each object in the model, print its type code and the layer it's on.",
     """
     import rhinoscriptsyntax as rs
     for i in rs.AllObjects():
         print(rs.ObjectType(i), rs.ObjectLayer(i))
     """,
     """
     lines = [l for l in stdout.strip().splitlines() if l.strip()]
     assert len(lines) == 3, "one line per object (3), got %d" % len(lines)
     assert sum("Walls" in l for l in lines) == 2, "two objects are on Walls"
     assert any(l.split()[0] == "1" for l in lines) and any(l.split()[0] == "4" for l in lines), "type codes 1 and 4 expected"
     """,
     setup="""
     import rhinoscriptsyntax as rs
     rs.AddLayer("Walls")
     rs.ObjectLayer([rs.AddPoint(0,0,0), rs.AddLine((0,0,0),(1,0,0))], "Walls")
     rs.AddCircle((0,0,0), 1)
     """)

task("me-weld", "meshes", "mesh-offset",
     "Offset the selected mesh by 0.5.",
     """
     import rhinoscriptsyntax as rs
     rs.MeshOffset(rs.SelectedObjects()[0], 0.5)
     """,
     """
     meshes = [i for i in created if rs.IsMesh(i)]
     assert len(meshes) == 1, "expected one offset mesh"
     """,
     setup="""
     import rhinoscriptsyntax as rs
     rs.AddMesh([(0,0,0),(1,0,0),(1,1,0),(0,1,0)], [(0,1,2,3)])
     """, select="setup", needs_kernel=True)


def write_tasks(tasks, path):
    """Write a task list as JSONL (sorted by id, one JSON object per line) atomically; ids must be
    unique. The independent set (rhino_datasets.independent) writes through this too."""
    ids = [t["id"] for t in tasks]
    dup = set(i for i in ids if ids.count(i) > 1)
    assert not dup, "duplicate task ids: %s" % sorted(dup)
    with open_atomic(path, "w", encoding="utf-8", newline="\n") as fh:
        for t in sorted(tasks, key=lambda t: t["id"]):
            fh.write(json.dumps(t, sort_keys=True, ensure_ascii=False) + "\n")
    return path


def write(path=None):
    """Write this benchmark's tasks.jsonl beside this file (or at `path`)."""
    return write_tasks(TASKS, path or os.path.join(os.path.dirname(os.path.abspath(__file__)), "tasks.jsonl"))


if __name__ == "__main__":
    print("wrote %d tasks to %s" % (len(TASKS), write()))
