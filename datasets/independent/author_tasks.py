"""The independent task set: real users' Rhino scripting questions, each task citing its source.

Written and frozen on 2026-12-07, before any tuning of the Qwen models, and run only to report,
never to tune (see README.md beside this file). Every prompt paraphrases a question from a public
page (McNeel's developer samples and guides, the McNeel wiki's Q&A, forum threads, users' issues
and scripts) into what a user would type to the copilot, with concrete numbers so the result can
be checked; the references were written for this set, not copied from the pages.

`python -m rhino_datasets.independent.author_tasks` regenerates `tasks.jsonl` beside this file;
a test keeps the two in sync. Format: docs/evaluation.md (the task contract), plus a `source`
field (the URL the task was taken from), which the loader ignores.

Checks run after the generated script with `rs`, `doc`, `created`, `deleted`, `selected`,
`stdout` in scope and raise AssertionError with a reason. They test outcomes, never code text.
It shares the benchmark module's categories and writer, none of its tasks.
"""
import os
import textwrap

from rhino_datasets.benchmark.author_tasks import CATEGORIES, write_tasks

TASKS = []
FROZEN_ON = "2026-12-07"


def task(id, category, family, prompt, reference, check, source, setup=None, select="none",
         needs_kernel=False):
    assert id.startswith("in-"), id
    assert category in CATEGORIES, category
    assert source.startswith(("http://", "https://")), source
    TASKS.append({
        "id": id, "prompt": prompt, "category": category, "family": family,
        "setup": _code(setup) if setup else None,
        "select": select,
        "check": _code(check),
        "reference": _code(reference),
        "needs_kernel": needs_kernel,
        "source": source,
    })


def _code(text):
    """Dedent a code block; a check may start with an unindented prelude (NUMS or RGB)."""
    for prelude in (NUMS, RGB):
        if text.startswith(prelude):
            return prelude + textwrap.dedent(text[len(prelude):]).strip() + "\n"
    return textwrap.dedent(text).strip() + "\n"


# Numbers printed by a script, for checks on stdout.
NUMS = "import re\nnums = [float(x) for x in re.findall(r'-?\\d+(?:\\.\\d+)?(?:[eE][-+]?\\d+)?', stdout)]\n"
# A colour as an (r, g, b) tuple, whatever form the host returns.
RGB = "def rgb(c):\n    return (c.R, c.G, c.B) if hasattr(c, 'R') else tuple(c[:3])\n"

# Sources (each returned by a search of stored public pages; see README.md).
DEV = "https://developer.rhino3d.com/"
SRC = {
    "arc-points": "https://wiki.mcneel.com/developer/scriptsamples/arcpointdistribution",
    "interp-points": "https://wiki.mcneel.com/developer/scriptsamples/extractinterpcrvpoints?rev=1442255296&do=diff",
    "line-closest": DEV + "api/rhinoscript/line_and_plane_methods/lineclosestpoint.htm",
    "cloud-closest": DEV + "api/rhinoscript/point_and_vector_methods/pointarrayclosestpoint.htm",
    "line-intersection": DEV + "guides/rhinopython/python-rhinoscriptsyntax-objects",
    "closest-object": DEV + "api/rhinoscript/point_and_vector_methods/pointclosestobject.htm",
    "points-on-surface": DEV + "samples/rhinoscript/array-points-on-surface",
    "points-on-layer": "https://github.com/compas-dev/compas/issues/274",
    "sample-scripts": DEV + "api/rhinoscript/sample_scripts/sample_scripts.htm",
    "spiral-rvb": "https://github.com/scotttd/RhinoScriptSamples/blob/master/ArchimedeanSpiral.rvb",
    "set-length": DEV + "samples/rhinoscript/set-length-of-curve",
    "point-at-length": DEV + "samples/rhinocommon/find-point-on-curve-at-distance/",
    "annotate-ends": DEV + "samples/rhinopython/annotate-curve-endpoints/",
    "points-at-ends": DEV + "samples/rhinoscript/add-points-at-curve-endpoints",
    "move-grip": DEV + "samples/rhinoscript/move-curve-grips/",
    "add-spiral": DEV + "api/rhinoscript/curve_methods/addspiral.htm",
    "ring-torus": DEV + "api/rhinoscript/sample_scripts/ringtorus.htm",
    "add-torus": DEV + "samples/cpp/add-torus/",
    "rev-srf": DEV + "api/rhinoscript/surface_and_polysurface_methods/addrevsrf.htm",
    "revolve-profiles": DEV + "samples/rhinoscript/revolve-profile-curves/",
    "volume-centroid": DEV + "samples/cpp/calculate-volume-centroid-of-solids",
    "extrude-srf": DEV + "api/rhinoscript/surface_and_polysurface_methods/extrudesurface.htm",
    "edge-srf": DEV + "samples/rhinocommon/surface-from-edge-curves/",
    "sweep1": DEV + "samples/cpp/sweeping-surfaces-with-sweep1/",
    "add-mesh": DEV + "samples/rhinocommon/add-mesh/",
    "mesh-guide": DEV + "guides/cpp/adding-mesh-objects/",
    "addmesh-api": DEV + "api/rhinoscript/mesh_methods/addmesh.htm",
    "face-centers": DEV + "api/rhinoscript/mesh_methods/meshfacecenters.htm",
    "face-normals": DEV + "api/rhinoscript/mesh_methods/meshfacenormals.htm",
    "mesh-volume": DEV + "samples/cpp/calculate-mesh-volume/",
    "polar-array": DEV + "samples/rhinoscript/polar-arrays",
    "rotate-center": DEV + "samples/cpp/rotate-objects-around-center",
    "xform-objects": DEV + "api/rhinoscript/object_methods/transformobjects.htm",
    "xform-translation": DEV + "api/rhinoscript/transformation_methods/xformtranslation.htm",
    "xform-mirror": DEV + "api/rhinoscript/transformation_methods/xformmirror.htm",
    "mirror-objects": DEV + "api/rhinoscript/object_methods/mirrorobjects.htm",
    "rotate-objects": DEV + "api/rhinoscript/object_methods/rotateobjects.htm",
    "child-layer": DEV + "samples/rhinocommon/add-child-layer",
    "hier-layer-names": DEV + "samples/rhinoscript/set-hierarchical-layer-names/",
    "modify-color": DEV + "samples/rhinocommon/modify-object-color/",
    "object-color": DEV + "samples/rhinocommon/object-color/",
    "color-source": DEV + "api/rhinoscript/object_methods/objectcolorsource.htm",
    "isolate-layers": DEV + "samples/rhinoscript/isolate-layers",
    "curves-by-type": DEV + "guides/rhinoscript/selecting-curves-by-type/",
    "curves-by-degree": DEV + "samples/rhinoscript/select-curves-by-degree/",
    "objects-on-layer": DEV + "samples/rhinocommon/select-objects-on-layer/",
    "by-color": DEV + "api/rhinoscript/selection_methods/objectsbycolor.htm",
    "by-group": DEV + "api/rhinoscript/selection_methods/objectsbygroup.htm",
    "closest-curve": DEV + "samples/rhinoscript/find-closest-curve-to-point/",
    "curve-length": DEV + "samples/rhinopython/curve-length",
    "count-objects": DEV + "samples/rhinoscript/count-objects",
    "layer-name": DEV + "categories/Layers/",
    "user-text": DEV + "api/rhinoscript/user_data_methods/getusertext.htm",
    "solid-volumes": DEV + "samples/cpp/calculate-solid-volumes",
    "is-closed": DEV + "api/rhinoscript/curve_methods/iscurveclosed.htm",
    "cloud-count": DEV + "api/rhinoscript/geometry_methods/pointcloudcount.htm",
    "label-group": "https://github.com/tkahng/trkRhinoPython/blob/master/AddBlockName.py",
    "object-groups": DEV + "api/rhinoscript/object_methods/objectgroups.htm",
    "purge-layer": "https://github.com/compas-dev/compas/issues/707",
    "layer-objects": DEV + "samples/rhinoscript/export-layer-objects",
    "layer-count": DEV + "api/rhinoscript/layer_methods/layercount.htm",
}


# --------------------------------------------------------------------------- points-vectors
task("in-pv-arc-chord-points", "points-vectors", "arc-points-on-chord",
     "I have an arc selected. Space 7 points evenly along it (both ends included), then project "
     "each of them straight onto the line joining the arc's two end points. I only want the "
     "projected points added.",
     """
     import rhinoscriptsyntax as rs
     arc = rs.SelectedObjects()[0]
     a, b = rs.CurveStartPoint(arc), rs.CurveEndPoint(arc)
     for p in rs.DivideCurve(arc, 6):
         rs.AddPoint(rs.LineClosestPoint((a, b), p))
     """,
     """
     import math
     pts = [rs.PointCoordinates(i) for i in created if rs.IsPoint(i)]
     assert len(pts) == 7, "expected 7 projected points, got %d" % len(pts)
     assert all(abs(p[1]) < 1e-6 and abs(p[2]) < 1e-6 for p in pts), "points must lie on the chord y=0"
     xs = sorted(p[0] for p in pts)
     want = sorted(10 * math.cos(k * math.pi / 6) for k in range(7))
     assert all(abs(x - w) < 1e-4 for x, w in zip(xs, want)), "projected positions %s, want %s" % (xs, want)
     """,
     SRC["arc-points"],
     setup="""
     import rhinoscriptsyntax as rs
     rs.AddArc3Pt((10, 0, 0), (-10, 0, 0), (0, 10, 0))
     """, select="setup")

task("in-pv-line-closest-point", "points-vectors", "closest-point-on-line",
     "Find the point on the infinite line through (0,0,0) and (4,2,0) that is nearest to "
     "(5,10,0), and add a point object there.",
     """
     import rhinoscriptsyntax as rs
     rs.AddPoint(rs.LineClosestPoint(((0, 0, 0), (4, 2, 0)), (5, 10, 0)))
     """,
     """
     pts = [rs.PointCoordinates(i) for i in created if rs.IsPoint(i)]
     assert len(pts) == 1, "expected one point, got %d" % len(pts)
     p = pts[0]
     assert abs(p[0] - 8) < 1e-6 and abs(p[1] - 4) < 1e-6 and abs(p[2]) < 1e-6, "closest point is (8,4,0), got %s" % p
     """,
     SRC["line-closest"])

task("in-pv-cloud-closest", "points-vectors", "closest-point-in-cloud",
     "Which point of the selected point cloud is closest to (6,5,0)? Add a real point object at "
     "that cloud point and leave only the new point selected.",
     """
     import rhinoscriptsyntax as rs
     cloud = rs.SelectedObjects()[0]
     pts = rs.PointCloudPoints(cloud)
     i = rs.PointArrayClosestPoint(pts, (6, 5, 0))
     new = rs.AddPoint(pts[i])
     rs.UnselectAllObjects()
     rs.SelectObject(new)
     """,
     """
     pts = [i for i in created if rs.IsPoint(i)]
     assert len(pts) == 1, "expected one new point, got %d" % len(pts)
     p = rs.PointCoordinates(pts[0])
     assert rs.Distance(p, (7, 7, 1)) < 1e-6, "the closest cloud point is (7,7,1), got %s" % p
     sel = [str(i) for i in (rs.SelectedObjects() or [])]
     assert sel == [str(pts[0])], "only the new point should be selected, selection is %s" % sel
     """,
     SRC["cloud-closest"],
     setup="""
     import rhinoscriptsyntax as rs
     rs.AddPointCloud([(0, 0, 0), (10, 0, 0), (3, 4, 0), (7, 7, 1), (2, 9, 0)])
     """, select="setup")

task("in-pv-line-intersection", "points-vectors", "line-line-intersection",
     "Where do the two selected lines cross? Put a point at the intersection and print its "
     "coordinates.",
     """
     import rhinoscriptsyntax as rs
     a, b = rs.SelectedObjects()[:2]
     p = rs.LineLineIntersection(a, b)[0]
     rs.AddPoint(p)
     print(p[0], p[1], p[2])
     """,
     NUMS + """
     pts = [rs.PointCoordinates(i) for i in created if rs.IsPoint(i)]
     assert len(pts) == 1, "expected one point, got %d" % len(pts)
     assert rs.Distance(pts[0], (2.2, 3.2, 0)) < 1e-6, "lines cross at (2.2,3.2,0), point at %s" % pts[0]
     assert any(abs(x - 2.2) < 1e-4 for x in nums) and any(abs(x - 3.2) < 1e-4 for x in nums), "print the coordinates: %r" % stdout
     """,
     SRC["line-intersection"],
     setup="""
     import rhinoscriptsyntax as rs
     rs.AddLine((1, 2, 0), (4, 5, 0)); rs.AddLine((1, 4, 0), (4, 2, 0))
     """, select="setup")

task("in-pv-closest-object", "points-vectors", "closest-object",
     "Of the selected objects, which one is nearest to the point (2,2,0)? Mark the nearest spot on "
     "it with a point and make that object the only thing selected.",
     """
     import rhinoscriptsyntax as rs
     obj, pt = rs.PointClosestObject((2, 2, 0), rs.SelectedObjects())
     rs.AddPoint(pt)
     rs.UnselectAllObjects()
     rs.SelectObject(obj)
     """,
     """
     pts = [rs.PointCoordinates(i) for i in created if rs.IsPoint(i)]
     assert len(pts) == 1, "expected one marker point, got %d" % len(pts)
     assert rs.Distance(pts[0], (2, 5, 0)) < 1e-6, "nearest spot is (2,5,0) on the line, got %s" % pts[0]
     sel = rs.SelectedObjects() or []
     assert len(sel) == 1, "exactly one object should be selected, got %d" % len(sel)
     s, e = rs.CurveStartPoint(sel[0]), rs.CurveEndPoint(sel[0])
     assert rs.IsLine(sel[0]) and abs(s[1] - 5) < 1e-9 and abs(e[1] - 5) < 1e-9, "the line at y=5 should be selected"
     """,
     SRC["closest-object"],
     setup="""
     import rhinoscriptsyntax as rs
     rs.AddCircle((10, 0, 0), 1)
     rs.AddLine((0, 5, 0), (10, 5, 0))
     rs.AddPolyline([(5, -3, 0), (7, -3, 0), (7, -1, 0), (5, -1, 0), (5, -3, 0)])
     """, select="setup")

task("in-pv-points-on-surface", "points-vectors", "grid-points-on-surface",
     "Array points over the selected surface: 5 along its U direction and 4 along V, spread evenly "
     "over the surface's parameter range with the edges included. Keep the new points selected.",
     """
     import rhinoscriptsyntax as rs
     srf = rs.SelectedObjects()[0]
     u0, u1 = rs.SurfaceDomain(srf, 0)
     v0, v1 = rs.SurfaceDomain(srf, 1)
     ids = []
     for i in range(5):
         for j in range(4):
             u = u0 + (u1 - u0) * i / 4.0
             v = v0 + (v1 - v0) * j / 3.0
             ids.append(rs.AddPoint(rs.EvaluateSurface(srf, u, v)))
     rs.SelectObjects(ids)
     """,
     """
     ids = [i for i in created if rs.IsPoint(i)]
     assert len(ids) == 20, "expected 20 points, got %d" % len(ids)
     pts = [rs.PointCoordinates(i) for i in ids]
     xs = sorted(set(round(p[0], 6) for p in pts)); ys = sorted(set(round(p[1], 6) for p in pts))
     assert xs == [0, 2.5, 5, 7.5, 10], "U rows at x=%s, want 0..10 in 5 steps" % xs
     assert ys == [0, 2, 4, 6], "V rows at y=%s, want 0..6 in 4 steps" % ys
     assert all(abs(p[2]) < 1e-9 for p in pts), "points must lie on the surface"
     sel = set(str(i) for i in (rs.SelectedObjects() or []))
     assert all(str(i) in sel for i in ids), "the new points must stay selected"
     """,
     SRC["points-on-surface"],
     setup="""
     import rhinoscriptsyntax as rs
     rs.AddPlaneSurface(rs.WorldXYPlane(), 10, 6)
     """, select="setup")

task("in-pv-points-on-layer", "points-vectors", "points-from-layer",
     "Get every point object on the layer 'Survey' and print its X, Y and Z, one point per line.",
     """
     import rhinoscriptsyntax as rs
     for i in rs.ObjectsByLayer("Survey"):
         if rs.IsPoint(i):
             p = rs.PointCoordinates(i)
             print(p[0], p[1], p[2])
     """,
     """
     import re
     rows = [[float(x) for x in re.findall(r'-?\\d+(?:\\.\\d+)?', l)] for l in stdout.splitlines()]
     rows = [n for n in rows if len(n) >= 3]
     assert len(rows) == 3, "three points on Survey, one line of X Y Z each; got %d such lines" % len(rows)
     found = set(tuple(round(v, 6) for v in n[-3:]) for n in rows)
     assert found == {(1, 2, 3), (4, 5, 6), (7, 8, 9.5)}, "printed %s" % sorted(found)
     """,
     SRC["points-on-layer"],
     setup="""
     import rhinoscriptsyntax as rs
     rs.AddLayer("Survey"); rs.AddLayer("Other")
     ids = [rs.AddPoint(1, 2, 3), rs.AddPoint(4, 5, 6), rs.AddPoint(7, 8, 9.5), rs.AddLine((0, 0, 0), (1, 0, 0))]
     rs.ObjectLayer(ids, "Survey")
     rs.ObjectLayer(rs.AddPoint(100, 100, 100), "Other")
     """)

task("in-pv-interp-curve-points", "points-vectors", "recover-interp-points",
     "The selected curve was drawn with InterpCrv through some points I no longer have. Can you "
     "recover the points it was drawn through and add them back as point objects?",
     """
     import rhinoscriptsyntax as rs
     crv = rs.SelectedObjects()[0]
     pts = [rs.EvaluateCurve(crv, t) for t in rs.CurveKnots(crv)]
     rs.AddPoints(rs.CullDuplicatePoints(pts))
     """,
     """
     pts = [rs.PointCoordinates(i) for i in created if rs.IsPoint(i)]
     want = [(0, 0, 0), (3, 4, 0), (6, 1, 0), (9, 5, 0), (12, 0, 0)]
     assert len(pts) == 5, "expected the 5 construction points, got %d points" % len(pts)
     for w in want:
         assert any(rs.Distance(p, w) < 1e-4 for p in pts), "construction point %s not recovered" % (w,)
     """,
     SRC["interp-points"],
     setup="""
     import rhinoscriptsyntax as rs
     rs.AddInterpCurve([(0, 0, 0), (3, 4, 0), (6, 1, 0), (9, 5, 0), (12, 0, 0)])
     """, select="setup", needs_kernel=True)


# --------------------------------------------------------------------------- curves
task("in-cv-circle-circumference", "curves", "circle-from-circumference",
     "Draw a circle centred at (3,4,0) whose circumference is exactly 50 units.",
     """
     import math
     import rhinoscriptsyntax as rs
     rs.AddCircle((3, 4, 0), 50 / (2 * math.pi))
     """,
     """
     import math
     circles = [i for i in created if rs.IsCircle(i)]
     assert len(circles) == 1, "expected one circle, got %d" % len(circles)
     assert abs(rs.CurveLength(circles[0]) - 50) < 1e-6, "circumference is %s" % rs.CurveLength(circles[0])
     assert rs.Distance(rs.CircleCenterPoint(circles[0]), (3, 4, 0)) < 1e-6, "centre must be (3,4,0)"
     """,
     SRC["sample-scripts"])

task("in-cv-archimedean-spiral", "curves", "archimedean-spiral",
     "Draw an Archimedean spiral r = A + B*theta with A = 1 and B = 0.5 (theta in radians) as a "
     "smooth interpolated curve through 25 points, starting at theta = 0 and stepping 30 degrees, "
     "centred on the origin in the XY plane.",
     """
     import math
     import rhinoscriptsyntax as rs
     pts = []
     for k in range(25):
         t = math.radians(30 * k)
         r = 1 + 0.5 * t
         pts.append((r * math.cos(t), r * math.sin(t), 0))
     rs.AddInterpCurve(pts)
     """,
     """
     import math
     crvs = [i for i in created if rs.IsCurve(i)]
     assert len(crvs) == 1, "expected one curve, got %d" % len(crvs)
     c = crvs[0]
     for k in range(25):
         t = math.radians(30 * k)
         r = 1 + 0.5 * t
         p = (r * math.cos(t), r * math.sin(t), 0)
         q = rs.EvaluateCurve(c, rs.CurveClosestPoint(c, p))
         assert rs.Distance(p, q) < 1e-3, "curve misses spiral point %d at %s" % (k, p)
     assert not rs.IsPolyline(c), "the spiral should be a smooth curve, not a polyline"
     """,
     SRC["spiral-rvb"])

task("in-cv-sine-curve", "curves", "parametric-curve",
     "Plot y = 2*sin(x) for x from 0 to 2*pi as an interpolated curve through 21 evenly spaced "
     "samples, in the XY plane.",
     """
     import math
     import rhinoscriptsyntax as rs
     pts = []
     for k in range(21):
         x = 2 * math.pi * k / 20
         pts.append((x, 2 * math.sin(x), 0))
     rs.AddInterpCurve(pts)
     """,
     """
     import math
     crvs = [i for i in created if rs.IsCurve(i)]
     assert len(crvs) == 1, "expected one curve, got %d" % len(crvs)
     c = crvs[0]
     for k in range(21):
         x = 2 * math.pi * k / 20
         p = (x, 2 * math.sin(x), 0)
         q = rs.EvaluateCurve(c, rs.CurveClosestPoint(c, p))
         assert rs.Distance(p, q) < 1e-3, "curve misses the sample at x=%.3f" % x
     bb = rs.BoundingBox(c)
     assert abs(bb[6][0] - 2 * math.pi) < 1e-3 and abs(bb[0][0]) < 1e-6, "curve must span x = 0..2pi"
     """,
     SRC["sample-scripts"])

task("in-cv-set-length", "curves", "trim-to-length",
     "Trim the selected open curve so its length becomes 6.5, keeping its start point where it is.",
     """
     import rhinoscriptsyntax as rs
     crv = rs.SelectedObjects()[0]
     dom = rs.CurveDomain(crv)
     end = rs.DivideCurveLength(crv, 6.5)[1]
     rs.TrimCurve(crv, (dom[0], rs.CurveClosestPoint(crv, end)), True)
     """,
     """
     crvs = [i for i in rs.AllObjects() if rs.IsCurve(i)]
     assert len(crvs) == 1, "one curve should remain, found %d" % len(crvs)
     c = crvs[0]
     assert abs(rs.CurveLength(c) - 6.5) < 1e-6, "length is %s, want 6.5" % rs.CurveLength(c)
     ends = sorted([tuple(round(v, 6) for v in rs.CurveStartPoint(c)), tuple(round(v, 6) for v in rs.CurveEndPoint(c))])
     assert ends == [(0, 0, 0), (6.5, 0, 0)], "the start (0,0,0) must stay; ends are %s" % ends
     """,
     SRC["set-length"],
     setup="""
     import rhinoscriptsyntax as rs
     rs.AddLine((0, 0, 0), (10, 0, 0))
     """, select="setup")

task("in-cv-point-at-length", "curves", "point-at-arc-length",
     "Add a point on the selected curve at a distance of 7 measured along the curve from its start.",
     """
     import rhinoscriptsyntax as rs
     crv = rs.SelectedObjects()[0]
     rs.AddPoint(rs.CurveArcLengthPoint(crv, 7))
     """,
     """
     pts = [rs.PointCoordinates(i) for i in created if rs.IsPoint(i)]
     assert len(pts) == 1, "expected one point, got %d" % len(pts)
     assert rs.Distance(pts[0], (4, 3, 0)) < 1e-6, "7 along the polyline is (4,3,0), got %s" % pts[0]
     """,
     SRC["point-at-length"],
     setup="""
     import rhinoscriptsyntax as rs
     rs.AddPolyline([(0, 0, 0), (4, 0, 0), (4, 6, 0)])
     """, select="setup")

task("in-cv-annotate-ends", "curves", "annotate-curve-ends",
     "For every selected curve, mark its end points with a point object plus a text dot showing the "
     "coordinates. If a curve is closed, only mark its start point.",
     """
     import rhinoscriptsyntax as rs
     for crv in rs.SelectedObjects():
         ends = [rs.CurveStartPoint(crv)]
         if not rs.IsCurveClosed(crv):
             ends.append(rs.CurveEndPoint(crv))
         for p in ends:
             rs.AddPoint(p)
             rs.AddTextDot("%g, %g, %g" % (p[0], p[1], p[2]), p)
     """,
     """
     import re
     want = []
     for c in selected:
         want.append(rs.CurveStartPoint(c))
         if not rs.IsCurveClosed(c):
             want.append(rs.CurveEndPoint(c))
     pts = [rs.PointCoordinates(i) for i in created if rs.IsPoint(i)]
     dots = [i for i in created if rs.IsTextDot(i)]
     assert len(pts) == 3 and len(dots) == 3, "expected 3 points and 3 dots, got %d and %d" % (len(pts), len(dots))
     for w in want:
         assert any(rs.Distance(p, w) < 1e-6 for p in pts), "no point at %s" % (w,)
         assert any(rs.Distance(rs.TextDotPoint(d), w) < 1e-6 for d in dots), "no dot at %s" % (w,)
     for d in dots:
         p = rs.TextDotPoint(d)
         n = [float(x) for x in re.findall(r'-?\\d+(?:\\.\\d+)?', rs.TextDotText(d))]
         assert len(n) >= 2 and abs(n[0] - p[0]) < 1e-2 and abs(n[1] - p[1]) < 1e-2, "dot text %r does not show its coordinates" % rs.TextDotText(d)
     """,
     SRC["annotate-ends"],
     setup="""
     import rhinoscriptsyntax as rs
     rs.AddLine((1, 1, 0), (6, 3, 0)); rs.AddCircle((0, 0, 0), 2)
     """, select="setup")

task("in-cv-points-at-all-ends", "curves", "points-at-curve-ends",
     "Go through every curve in the file and drop a point on its start and on its end; closed "
     "curves only get one point, at the start.",
     """
     import rhinoscriptsyntax as rs
     for crv in rs.ObjectsByType(rs.filter.curve):
         rs.AddPoint(rs.CurveStartPoint(crv))
         if not rs.IsCurveClosed(crv):
             rs.AddPoint(rs.CurveEndPoint(crv))
     """,
     """
     pts = [rs.PointCoordinates(i) for i in created if rs.IsPoint(i)]
     assert len(pts) == 6, "2 lines x 2 + 2 closed curves x 1 = 6 points, got %d" % len(pts)
     want = [(0, 0, 0), (5, 0, 0), (0, 3, 0), (4, 7, 0), (10, 10, 0)]
     for w in want:
         assert any(rs.Distance(p, w) < 1e-6 for p in pts), "missing a point at %s" % (w,)
     """,
     SRC["points-at-ends"],
     setup="""
     import rhinoscriptsyntax as rs
     rs.AddLine((0, 0, 0), (5, 0, 0)); rs.AddLine((0, 3, 0), (4, 7, 0))
     rs.AddCircle((8, 0, 0), 1)
     rs.AddPolyline([(10, 10, 0), (12, 10, 0), (12, 12, 0), (10, 10, 0)])
     rs.AddPoint(50, 50, 0)
     """)

task("in-cv-move-grip", "curves", "move-control-point",
     "Lift the second control point of the selected curve 1 unit up in Z and leave the other "
     "control points alone.",
     """
     import rhinoscriptsyntax as rs
     crv = rs.SelectedObjects()[0]
     rs.EnableObjectGrips(crv, True)
     p = rs.ObjectGripLocation(crv, 1)
     rs.ObjectGripLocation(crv, 1, (p[0], p[1], p[2] + 1))
     rs.EnableObjectGrips(crv, False)
     """,
     """
     crvs = [i for i in rs.AllObjects() if rs.IsCurve(i)]
     assert len(crvs) == 1, "one curve expected in the model, found %d" % len(crvs)
     cps = [tuple(round(v, 6) for v in p) for p in rs.CurvePoints(crvs[0])]
     assert cps == [(0, 0, 0), (3, 5, 1), (6, 5, 0), (9, 0, 0)], "control points are %s" % cps
     """,
     SRC["move-grip"],
     setup="""
     import rhinoscriptsyntax as rs
     rs.AddCurve([(0, 0, 0), (3, 5, 0), (6, 5, 0), (9, 0, 0)], 3)
     """, select="setup")

task("in-cv-helix-growing", "curves", "spiral-helix",
     "Make a helix around the Z axis from (0,0,0) to (0,0,12): pitch 2, so 6 turns, with the "
     "radius growing from 3 at the bottom to 6 at the top.",
     """
     import rhinoscriptsyntax as rs
     rs.AddSpiral((0, 0, 0), (0, 0, 12), 2, 6, 3, 6)
     """,
     """
     import math
     crvs = [i for i in created if rs.IsCurve(i)]
     assert len(crvs) == 1, "expected one curve, got %d" % len(crvs)
     c = crvs[0]
     bb = rs.BoundingBox(c)
     assert abs(bb[0][2]) < 1e-3 and abs(bb[6][2] - 12) < 1e-3, "helix should run from z=0 to z=12"
     ends = sorted([rs.CurveStartPoint(c), rs.CurveEndPoint(c)], key=lambda p: p[2])
     r0, r1 = [math.hypot(p[0], p[1]) for p in ends]
     assert abs(r0 - 3) < 1e-3 and abs(r1 - 6) < 1e-3, "radii at the ends are %.3f and %.3f" % (r0, r1)
     assert rs.CurveLength(c) > 2 * math.pi * 3 * 6, "6 turns of radius 3..6 are longer than %.0f" % (2 * math.pi * 18)
     """,
     SRC["add-spiral"], needs_kernel=True)


# --------------------------------------------------------------------------- surfaces-solids
SOLID_TYPES = "(8, 16, 1073741824)"  # surface, polysurface, extrusion

task("in-ss-ring-torus", "surfaces-solids", "torus-from-diameters",
     "I want a ring: a torus centred at the origin, lying flat, whose hole is 8 across (inner "
     "diameter) and whose outside diameter is 12.",
     """
     import rhinoscriptsyntax as rs
     inner, outer = 8.0, 12.0
     rs.AddTorus((0, 0, 0), (inner + outer) / 4.0, (outer - inner) / 4.0)
     """,
     """
     objs = [i for i in created if rs.ObjectType(i) in %s]
     assert len(objs) == 1, "expected one torus, got %%d objects" %% len(created)
     bb = rs.BoundingBox(objs[0])
     size = [round(bb[6][k] - bb[0][k], 4) for k in range(3)]
     assert size == [12, 12, 2], "outer diameter 12 and tube thickness 2 expected, size is %%s" %% size
     assert all(abs(bb[0][k] + bb[6][k]) < 1e-4 for k in range(3)), "ring must be centred on the origin"
     """ % SOLID_TYPES,
     SRC["ring-torus"])

task("in-ss-torus-raised", "surfaces-solids", "torus",
     "Add a torus lying flat (parallel to world XY) centred at (0,0,5), with major radius 4 and "
     "tube radius 2.",
     """
     import rhinoscriptsyntax as rs
     rs.AddTorus((0, 0, 5), 4, 2)
     """,
     """
     objs = [i for i in created if rs.ObjectType(i) in %s]
     assert len(objs) == 1, "expected one torus, got %%d objects" %% len(created)
     bb = rs.BoundingBox(objs[0])
     assert abs(bb[0][0] + 6) < 1e-4 and abs(bb[6][0] - 6) < 1e-4, "torus should span x -6..6"
     assert abs(bb[0][2] - 3) < 1e-4 and abs(bb[6][2] - 7) < 1e-4, "torus should span z 3..7"
     """ % SOLID_TYPES,
     SRC["add-torus"])

task("in-ss-revolve-line", "surfaces-solids", "revolve-line",
     "Revolve a line from (3,0,0) to (6,0,8) a full turn around the world Z axis to get a "
     "lampshade-like surface.",
     """
     import rhinoscriptsyntax as rs
     line = rs.AddLine((3, 0, 0), (6, 0, 8))
     rs.AddRevSrf(line, ((0, 0, 0), (0, 0, 1)))
     """,
     """
     import math
     srfs = [i for i in created if rs.ObjectType(i) in (8, 16)]
     assert len(srfs) == 1, "expected one revolved surface, got %d" % len(srfs)
     bb = rs.BoundingBox(srfs[0])
     assert abs(bb[6][0] - 6) < 1e-3 and abs(bb[0][0] + 6) < 1e-3, "top radius should be 6"
     assert abs(bb[0][2]) < 1e-6 and abs(bb[6][2] - 8) < 1e-6, "height should be 0..8"
     area = rs.SurfaceArea(srfs[0])[0]
     want = math.pi * 9 * math.sqrt(73)
     assert abs(area - want) < 0.005 * want, "frustum side area should be %.2f, got %.2f" % (want, area)
     """,
     SRC["rev-srf"])

task("in-ss-revolve-profiles", "surfaces-solids", "revolve-profiles",
     "Join the selected profile curves and revolve the result 360 degrees around the world Z axis. "
     "Delete the joined helper curve afterwards but keep my original pieces.",
     """
     import rhinoscriptsyntax as rs
     pieces = rs.SelectedObjects()
     joined = rs.JoinCurves(pieces, False)
     for crv in joined:
         rs.AddRevSrf(crv, ((0, 0, 0), (0, 0, 1)))
     rs.DeleteObjects(joined)
     """,
     """
     import math
     assert all(rs.IsObject(i) for i in selected), "the original profile pieces must stay"
     new = [i for i in created if rs.IsObject(i)]
     assert not [i for i in new if rs.IsCurve(i)], "the joined helper curve should be deleted"
     srfs = [i for i in new if rs.ObjectType(i) in (8, 16)]
     assert len(srfs) == 1, "expected one revolved surface, got %d" % len(srfs)
     area = sum(rs.SurfaceArea(s)[0] for s in srfs)
     want = math.pi * (16 - 4) + 2 * math.pi * 4 * 6
     assert abs(area - want) < 0.005 * want, "ring + cylinder area should be %.2f, got %.2f" % (want, area)
     bb = rs.BoundingBox(srfs)
     assert abs(bb[6][0] - 4) < 1e-3 and abs(bb[6][2] - 6) < 1e-3, "result should reach radius 4 and height 6"
     """,
     SRC["revolve-profiles"],
     setup="""
     import rhinoscriptsyntax as rs
     rs.AddLine((2, 0, 0), (4, 0, 0)); rs.AddLine((4, 0, 0), (4, 0, 6))
     """, select="setup")

task("in-ss-volume-centroid", "surfaces-solids", "combined-volume-centroid",
     "Mark the combined volume centroid of the selected solids with a point (each solid weighted by "
     "its volume).",
     """
     import rhinoscriptsyntax as rs
     total = 0.0
     acc = [0.0, 0.0, 0.0]
     for obj in rs.SelectedObjects():
         vol = rs.SurfaceVolume(obj)[0]
         c = rs.SurfaceVolumeCentroid(obj)[0]
         total += vol
         for k in range(3):
             acc[k] += vol * c[k]
     rs.AddPoint(acc[0] / total, acc[1] / total, acc[2] / total)
     """,
     """
     pts = [rs.PointCoordinates(i) for i in created if rs.IsPoint(i)]
     assert len(pts) == 1, "expected one point, got %d" % len(pts)
     want = ((8 * 1 + 16 * 6) / 24.0, 1, 1)
     assert rs.Distance(pts[0], want) < 1e-4, "combined centroid is (4.333,1,1), got %s" % pts[0]
     """,
     SRC["volume-centroid"],
     setup="""
     import rhinoscriptsyntax as rs
     def box(x0, x1):
         return rs.AddBox([(x0, 0, 0), (x1, 0, 0), (x1, 2, 0), (x0, 2, 0), (x0, 0, 2), (x1, 0, 2), (x1, 2, 2), (x0, 2, 2)])
     box(0, 2); box(4, 8)
     """, select="setup")

task("in-ss-extrude-surface", "surfaces-solids", "extrude-surface-along-curve",
     "Extrude the selected flat surface along the selected line to make a capped solid.",
     """
     import rhinoscriptsyntax as rs
     ids = rs.SelectedObjects()
     srf = [i for i in ids if rs.IsSurface(i)][0]
     path = [i for i in ids if rs.IsCurve(i)][0]
     rs.ExtrudeSurface(srf, path, True)
     """,
     """
     solids = [i for i in created if rs.ObjectType(i) in (16, 1073741824)]
     assert len(solids) == 1, "expected one solid, got %d" % len(solids)
     assert rs.IsPolysurfaceClosed(solids[0]), "the extrusion must be capped"
     vol = rs.SurfaceVolume(solids[0])[0]
     assert abs(vol - 72) < 0.1, "a 4x3 base raised 6 along the path has volume 72, got %s" % vol
     """,
     SRC["extrude-srf"],
     setup="""
     import rhinoscriptsyntax as rs
     rs.AddSrfPt([(0, 0, 0), (4, 0, 0), (4, 3, 0), (0, 3, 0)])
     rs.AddLine((0, 0, 0), (2, 0, 6))
     """, select="setup", needs_kernel=True)

task("in-ss-edge-surface", "surfaces-solids", "surface-from-edges",
     "Build one surface bounded by the four selected edge curves.",
     """
     import rhinoscriptsyntax as rs
     rs.AddEdgeSrf(rs.SelectedObjects())
     """,
     """
     srfs = [i for i in created if rs.IsSurface(i)]
     assert len(srfs) == 1, "expected one surface, got %d" % len(srfs)
     bb = rs.BoundingBox(srfs[0])
     assert abs(bb[6][0] - 10) < 1e-3 and abs(bb[6][1] - 10) < 1e-3 and abs(bb[6][2] - 4) < 1e-3, "surface must fill the 10x10 frame up to z=4"
     """,
     SRC["edge-srf"],
     setup="""
     import rhinoscriptsyntax as rs
     rs.AddLine((0, 0, 0), (10, 0, 0)); rs.AddLine((10, 0, 0), (10, 10, 4))
     rs.AddLine((10, 10, 4), (0, 10, 0)); rs.AddLine((0, 10, 0), (0, 0, 0))
     """, select="setup", needs_kernel=True)

task("in-ss-sweep-beam", "surfaces-solids", "sweep-one-rail",
     "Sweep the selected square profile along the selected arc rail to make a curved beam.",
     """
     import rhinoscriptsyntax as rs
     ids = rs.SelectedObjects()
     rail = [i for i in ids if rs.IsArc(i)][0]
     profile = [i for i in ids if not rs.IsArc(i)][0]
     rs.AddSweep1(rail, [profile])
     """,
     """
     objs = [i for i in created if rs.ObjectType(i) in (8, 16)]
     assert len(objs) == 1, "expected one swept object, got %d" % len(objs)
     bb = rs.BoundingBox(objs[0])
     assert bb[6][0] - bb[0][0] > 19, "the beam must follow the 20-long rail"
     """,
     SRC["sweep1"],
     setup="""
     import rhinoscriptsyntax as rs
     rs.AddArc3Pt((0, 0, 0), (20, 0, 0), (10, -5, 0))
     rs.AddPolyline([(0, -0.5, -0.5), (0, 0.5, -0.5), (0, 0.5, 0.5), (0, -0.5, 0.5), (0, -0.5, -0.5)])
     """, select="setup", needs_kernel=True)


# --------------------------------------------------------------------------- meshes
task("in-me-grid-bump", "meshes", "mesh-from-vertex-grid",
     "Make a mesh from a 3 x 3 grid of vertices spaced 2 apart (x and y = 0, 2, 4), all at z = 0 "
     "except the middle vertex, which is raised to z = 1.5. Use 4 quad faces.",
     """
     import rhinoscriptsyntax as rs
     verts = []
     for j in range(3):
         for i in range(3):
             verts.append((2 * i, 2 * j, 1.5 if (i, j) == (1, 1) else 0))
     faces = []
     for j in range(2):
         for i in range(2):
             a = j * 3 + i
             faces.append((a, a + 1, a + 4, a + 3))
     rs.AddMesh(verts, faces)
     """,
     """
     meshes = [i for i in created if rs.IsMesh(i)]
     assert len(meshes) == 1, "expected one mesh, got %d" % len(meshes)
     m = meshes[0]
     assert rs.MeshFaceCount(m) == 4 and rs.MeshQuadCount(m) == 4, "expected 4 quad faces"
     vs = sorted(set(tuple(round(c, 6) for c in p) for p in rs.MeshVertices(m)))
     want = sorted((2 * i, 2 * j, 1.5 if (i, j) == (1, 1) else 0) for i in range(3) for j in range(3))
     assert vs == want, "vertices are %s" % vs
     """,
     SRC["add-mesh"])

task("in-me-pyramid", "meshes", "mesh-pyramid",
     "Create a closed mesh pyramid: a 4 x 4 square base centred on the origin at z = 0 and the apex "
     "at (0,0,3). Four triangles for the sides and one quad for the base.",
     """
     import rhinoscriptsyntax as rs
     v = [(-2, -2, 0), (2, -2, 0), (2, 2, 0), (-2, 2, 0), (0, 0, 3)]
     f = [(0, 3, 2, 1), (0, 1, 4, 4), (1, 2, 4, 4), (2, 3, 4, 4), (3, 0, 4, 4)]
     rs.AddMesh(v, f)
     """,
     """
     meshes = [i for i in created if rs.IsMesh(i)]
     assert len(meshes) == 1, "expected one mesh, got %d" % len(meshes)
     m = meshes[0]
     assert rs.MeshFaceCount(m) == 5, "4 sides + 1 base = 5 faces, got %d" % rs.MeshFaceCount(m)
     assert rs.MeshTriangleCount(m) == 4 and rs.MeshQuadCount(m) == 1, "4 triangles and 1 quad expected"
     assert rs.IsMeshClosed(m), "the pyramid must be closed"
     assert abs(abs(rs.MeshVolume(m)[1]) - 16) < 1e-6, "volume of a 4x4x3 pyramid is 16"
     """,
     SRC["mesh-guide"])

task("in-me-triangle-grid", "meshes", "triangulated-grid",
     "Make a flat 12 x 6 mesh starting at the origin from a 4 x 3 grid of vertices (4 apart in X, "
     "3 apart in Y), with every cell split into two triangles: 12 triangles in total.",
     """
     import rhinoscriptsyntax as rs
     verts = [(4 * i, 3 * j, 0) for j in range(3) for i in range(4)]
     faces = []
     for j in range(2):
         for i in range(3):
             a = 4 * j + i
             faces.append((a, a + 1, a + 5, a + 5))
             faces.append((a, a + 5, a + 4, a + 4))
     rs.AddMesh(verts, faces)
     """,
     """
     meshes = [i for i in created if rs.IsMesh(i)]
     assert len(meshes) == 1, "expected one mesh, got %d" % len(meshes)
     m = meshes[0]
     assert rs.MeshFaceCount(m) == 12 and rs.MeshTriangleCount(m) == 12, "expected 12 triangles"
     vs = sorted(set(tuple(round(c, 6) for c in p) for p in rs.MeshVertices(m)))
     assert vs == sorted((4 * i, 3 * j, 0) for i in range(4) for j in range(3)), "vertices are %s" % vs
     assert abs(rs.MeshArea([m])[1] - 72) < 1e-6, "area must be 12 x 6 = 72"
     """,
     SRC["addmesh-api"])

task("in-me-face-centers", "meshes", "mesh-face-centers",
     "Drop a point at the centre of each face of the selected mesh.",
     """
     import rhinoscriptsyntax as rs
     for c in rs.MeshFaceCenters(rs.SelectedObjects()[0]):
         rs.AddPoint(c)
     """,
     """
     pts = [rs.PointCoordinates(i) for i in created if rs.IsPoint(i)]
     assert len(pts) == 3, "the mesh has 3 faces, got %d points" % len(pts)
     for w in [(1, 1, 0), (4, 1, 0), (1, 3, 0)]:
         assert any(rs.Distance(p, w) < 1e-6 for p in pts), "no point at face centre %s" % (w,)
     """,
     SRC["face-centers"],
     setup="""
     import rhinoscriptsyntax as rs
     v = [(0, 0, 0), (2, 0, 0), (2, 2, 0), (0, 2, 0), (6, 0, 0), (6, 2, 0), (1, 5, 0)]
     rs.AddMesh(v, [(0, 1, 2, 3), (1, 4, 5, 2), (3, 2, 6, 6)])
     """, select="setup")

task("in-me-face-normals", "meshes", "mesh-face-normals",
     "Print the unit normal vector of every face of the selected mesh, one face per line as x, y, z.",
     """
     import rhinoscriptsyntax as rs
     for n in rs.MeshFaceNormals(rs.SelectedObjects()[0]):
         print(n[0], n[1], n[2])
     """,
     """
     import re
     rows = [[float(x) for x in re.findall(r'-?\\d+(?:\\.\\d+)?(?:[eE][-+]?\\d+)?', l)] for l in stdout.splitlines()]
     rows = [n for n in rows if len(n) >= 3]
     assert len(rows) == 2, "one line of x y z per face (2), got %d such lines" % len(rows)
     found = set(tuple(round(v, 4) + 0.0 for v in n[-3:]) for n in rows)
     assert found == {(0, 0, 1), (0, 1, 0)}, "normals printed: %s" % sorted(found)
     """,
     SRC["face-normals"],
     setup="""
     import rhinoscriptsyntax as rs
     v = [(0, 0, 0), (2, 0, 0), (2, 2, 0), (0, 2, 0), (0, 0, 2), (2, 0, 2)]
     rs.AddMesh(v, [(0, 1, 2, 3), (0, 4, 5, 1)])
     """, select="setup")

task("in-me-volume-total", "meshes", "mesh-volumes",
     "Print the volume of each selected closed mesh, and then their total volume.",
     """
     import rhinoscriptsyntax as rs
     total = 0.0
     for m in rs.SelectedObjects():
         vol = rs.MeshVolume(m)[1]
         total += vol
         print(vol)
     print("total", total)
     """,
     NUMS + """
     for want in (8, 6, 14):
         assert any(abs(x - want) < 1e-6 for x in nums), "%g missing from %r" % (want, stdout)
     """,
     SRC["mesh-volume"],
     setup="""
     import rhinoscriptsyntax as rs
     f = [(0, 3, 2, 1), (4, 5, 6, 7), (0, 1, 5, 4), (1, 2, 6, 5), (2, 3, 7, 6), (3, 0, 4, 7)]
     def box(x0, dx, dy, dz):
         v = [(x0, 0, 0), (x0 + dx, 0, 0), (x0 + dx, dy, 0), (x0, dy, 0),
              (x0, 0, dz), (x0 + dx, 0, dz), (x0 + dx, dy, dz), (x0, dy, dz)]
         return rs.AddMesh(v, f)
     box(0, 2, 2, 2); box(5, 1, 2, 3)
     """, select="setup")


# --------------------------------------------------------------------------- transforms
task("in-tf-polar-array-point", "transforms", "polar-array",
     "Polar-array the selected object around the point (2,2,0): 5 items in total spread evenly over "
     "the full 360 degrees, counting the original as one of them.",
     """
     import rhinoscriptsyntax as rs
     objs = rs.SelectedObjects()
     for k in range(1, 5):
         rs.RotateObjects(objs, (2, 2, 0), 72 * k, (0, 0, 1), copy=True)
     """,
     """
     import math
     copies = [i for i in created if rs.IsCircle(i)]
     assert len(copies) == 4, "expected 4 copies besides the original, got %d" % len(copies)
     angles = []
     for c in copies:
         p = rs.CircleCenterPoint(c)
         assert abs(math.hypot(p[0] - 2, p[1] - 2) - 3) < 1e-6, "copies must stay 3 from (2,2,0)"
         angles.append(round(math.degrees(math.atan2(p[1] - 2, p[0] - 2)) % 360, 3) % 360)
     assert sorted(angles) == [72, 144, 216, 288], "copy angles %s, want 72/144/216/288" % sorted(angles)
     assert rs.Distance(rs.CircleCenterPoint(selected[0]), (5, 2, 0)) < 1e-9, "the original stays put"
     """,
     SRC["polar-array"],
     setup="""
     import rhinoscriptsyntax as rs
     rs.AddCircle((5, 2, 0), 0.5)
     """, select="setup")

task("in-tf-rotate-each-center", "transforms", "rotate-about-own-center",
     "Turn each selected object 90 degrees about the centre of its own bounding box, around the "
     "Z axis.",
     """
     import rhinoscriptsyntax as rs
     for obj in rs.SelectedObjects():
         bb = rs.BoundingBox(obj)
         c = [(bb[0][k] + bb[6][k]) / 2.0 for k in range(3)]
         rs.RotateObject(obj, c, 90, (0, 0, 1))
     """,
     """
     boxes = sorted((rs.BoundingBox(i) for i in selected), key=lambda b: b[0][0])
     assert len(boxes) == 2, "both rectangles must still exist"
     for bb, cx in zip(boxes, (2, 12)):
         lo = [round(v, 6) for v in bb[0]]; hi = [round(v, 6) for v in bb[6]]
         assert lo[:2] == [cx - 1, -1] and hi[:2] == [cx + 1, 3], "rectangle around x=%g spans %s..%s" % (cx, lo, hi)
     assert not created, "rotate in place, no copies"
     """,
     SRC["rotate-center"],
     setup="""
     import rhinoscriptsyntax as rs
     for x in (0, 10):
         rs.AddPolyline([(x, 0, 0), (x + 4, 0, 0), (x + 4, 2, 0), (x, 2, 0), (x, 0, 0)])
     """, select="setup")

task("in-tf-matrix-translate", "transforms", "transform-by-matrix",
     "Using a 4x4 transformation matrix, move the selected objects by -4 in X, 6 in Y and 1.5 in Z.",
     """
     import rhinoscriptsyntax as rs
     m = [[1, 0, 0, -4], [0, 1, 0, 6], [0, 0, 1, 1.5], [0, 0, 0, 1]]
     rs.TransformObjects(rs.SelectedObjects(), m)
     """,
     """
     bb = rs.BoundingBox(selected)
     assert [round(v, 6) for v in bb[0]] == [-4, 6, 1.5], "min corner should be (-4,6,1.5), got %s" % (bb[0],)
     assert [round(v, 6) for v in bb[6]] == [-2, 8, 6.5], "max corner should be (-2,8,6.5), got %s" % (bb[6],)
     assert not created, "move the objects, do not copy them"
     """,
     SRC["xform-objects"],
     setup="""
     import rhinoscriptsyntax as rs
     rs.AddBox([(0, 0, 0), (2, 0, 0), (2, 2, 0), (0, 2, 0), (0, 0, 2), (2, 0, 2), (2, 2, 2), (0, 2, 2)])
     rs.AddPoint(1, 1, 5)
     """, select="setup")

task("in-tf-copy-translation", "transforms", "copy-by-translation",
     "Copy the selected objects 2.5 units along Y with a translation transform; the originals must "
     "stay where they are.",
     """
     import rhinoscriptsyntax as rs
     xf = rs.XformTranslation((0, 2.5, 0))
     rs.TransformObjects(rs.SelectedObjects(), xf, True)
     """,
     """
     assert len(created) == 2, "expected 2 copies, got %d" % len(created)
     a = rs.BoundingBox(selected); b = rs.BoundingBox(created)
     assert [round(v, 6) for v in a[0]] == [-1, -1, 0], "the originals must not move"
     assert [round(b[0][k] - a[0][k], 6) for k in range(3)] == [0, 2.5, 0], "copies must be 2.5 units along Y"
     assert [round(b[6][k] - a[6][k], 6) for k in range(3)] == [0, 2.5, 0], "copies must be 2.5 units along Y"
     """,
     SRC["xform-translation"],
     setup="""
     import rhinoscriptsyntax as rs
     rs.AddCircle((0, 0, 0), 1); rs.AddLine((0, 0, 0), (3, 2, 0))
     """, select="setup")

task("in-tf-mirror-plane-copy", "transforms", "mirror-by-plane",
     "Make a mirrored copy of the selected objects across the plane that passes through (3,0,0) "
     "with its normal along the world X axis.",
     """
     import rhinoscriptsyntax as rs
     xf = rs.XformMirror((3, 0, 0), (1, 0, 0))
     rs.TransformObjects(rs.SelectedObjects(), xf, True)
     """,
     """
     assert len(created) == 1, "expected one mirrored copy, got %d" % len(created)
     bb = rs.BoundingBox(created)
     assert abs(bb[0][0] - 4) < 1e-6 and abs(bb[6][0] - 6) < 1e-6, "copy should span x 4..6, spans %s..%s" % (bb[0][0], bb[6][0])
     assert abs(rs.BoundingBox(selected)[0][0]) < 1e-6, "the original stays at x 0..2"
     """,
     SRC["xform-mirror"],
     setup="""
     import rhinoscriptsyntax as rs
     rs.AddBox([(0, 0, 0), (2, 0, 0), (2, 2, 0), (0, 2, 0), (0, 0, 2), (2, 0, 2), (2, 2, 2), (0, 2, 2)])
     """, select="setup")

task("in-tf-mirror-line-move", "transforms", "mirror-by-line",
     "Mirror the selected objects across the line from (0,0,0) to (0,10,0). Move them, don't keep "
     "copies.",
     """
     import rhinoscriptsyntax as rs
     rs.MirrorObjects(rs.SelectedObjects(), (0, 0, 0), (0, 10, 0))
     """,
     """
     assert not created, "no copies should be made"
     line = [i for i in selected if rs.IsCurve(i)][0]
     pt = [i for i in selected if rs.IsPoint(i)][0]
     ends = sorted([tuple(round(v, 6) for v in rs.CurveStartPoint(line)), tuple(round(v, 6) for v in rs.CurveEndPoint(line))])
     assert ends == [(-5, 4, 0), (-2, 1, 0)], "mirrored line ends should be (-2,1,0) and (-5,4,0), are %s" % ends
     assert rs.Distance(rs.PointCoordinates(pt), (-3, 0, 0)) < 1e-6, "the point should land on (-3,0,0)"
     """,
     SRC["mirror-objects"],
     setup="""
     import rhinoscriptsyntax as rs
     rs.AddLine((2, 1, 0), (5, 4, 0)); rs.AddPoint(3, 0, 0)
     """, select="setup")

task("in-tf-rotate-copy-x", "transforms", "rotate-copy-3d",
     "Rotate a copy of the selected objects 30 degrees about the world X axis through the origin.",
     """
     import rhinoscriptsyntax as rs
     rs.RotateObjects(rs.SelectedObjects(), (0, 0, 0), 30, (1, 0, 0), copy=True)
     """,
     """
     import math
     crvs = [i for i in created if rs.IsCurve(i)]
     assert len(crvs) == 1, "expected one rotated copy, got %d" % len(crvs)
     e = rs.CurveEndPoint(crvs[0])
     want = (0, 10 * math.cos(math.pi / 6), 10 * math.sin(math.pi / 6))
     assert rs.Distance(e, want) < 1e-6, "the copy's end should be at %s, is at %s" % (want, e)
     assert rs.Distance(rs.CurveEndPoint(selected[0]), (0, 10, 0)) < 1e-9, "the original must not move"
     """,
     SRC["rotate-objects"],
     setup="""
     import rhinoscriptsyntax as rs
     rs.AddLine((0, 0, 0), (0, 10, 0))
     """, select="setup")


# --------------------------------------------------------------------------- layers-attributes
task("in-la-child-layer", "layers-attributes", "child-layer",
     "Add a sub-layer called 'Windows' under the existing 'Facade' layer and give it the colour (0,0,255).",
     """
     import rhinoscriptsyntax as rs
     rs.AddLayer("Windows", (0, 0, 255), parent="Facade")
     """,
     RGB + """
     assert rs.IsLayer("Facade::Windows"), "Facade::Windows missing; layers: %s" % rs.LayerNames()
     assert rs.ParentLayer("Facade::Windows") == "Facade", "parent must be Facade"
     assert rgb(rs.LayerColor("Facade::Windows")) == (0, 0, 255), "the sub-layer must be (0,0,255)"
     """,
     SRC["child-layer"],
     setup="""
     import rhinoscriptsyntax as rs
     rs.AddLayer("Facade")
     """)

task("in-la-prefix-sublayers", "layers-attributes", "hierarchical-layer-names",
     "Rename every sub-layer so its name starts with its parent's name and a dash; for example "
     "Doors under Level1 becomes Level1-Doors. Leave the top-level layers as they are.",
     """
     import rhinoscriptsyntax as rs
     for name in rs.LayerNames():
         parent = rs.ParentLayer(name)
         if parent:
             short = name.split("::")[-1]
             rs.RenameLayer(name, parent.split("::")[-1] + "-" + short)
     """,
     """
     names = set(rs.LayerNames())
     for want in ("Level1", "Level2", "Level1::Level1-Doors", "Level1::Level1-Windows", "Level2::Level2-Stairs"):
         assert want in names, "%s missing; layers are %s" % (want, sorted(names))
     for old in ("Level1::Doors", "Level1::Windows", "Level2::Stairs"):
         assert old not in names, "%s was not renamed" % old
     """,
     SRC["hier-layer-names"],
     setup="""
     import rhinoscriptsyntax as rs
     rs.AddLayer("Level1"); rs.AddLayer("Level2")
     rs.AddLayer("Doors", parent="Level1"); rs.AddLayer("Windows", parent="Level1"); rs.AddLayer("Stairs", parent="Level2")
     """)

task("in-la-own-color", "layers-attributes", "object-color-from-object",
     "Give the selected object the colour (200,100,50) and make sure it is displayed with its own "
     "colour rather than its layer's.",
     """
     import rhinoscriptsyntax as rs
     obj = rs.SelectedObjects()[0]
     rs.ObjectColor(obj, (200, 100, 50))
     rs.ObjectColorSource(obj, 1)
     """,
     RGB + """
     obj = selected[0]
     assert rgb(rs.ObjectColor(obj)) == (200, 100, 50), "colour is %s" % (rgb(rs.ObjectColor(obj)),)
     assert rs.ObjectColorSource(obj) == 1, "colour source must be 'by object' (1), is %s" % rs.ObjectColorSource(obj)
     """,
     SRC["modify-color"],
     setup="""
     import rhinoscriptsyntax as rs
     rs.AddLayer("Blue", (0, 0, 255))
     b = rs.AddBox([(0, 0, 0), (3, 0, 0), (3, 3, 0), (0, 3, 0), (0, 0, 3), (3, 0, 3), (3, 3, 3), (0, 3, 3)])
     rs.ObjectLayer(b, "Blue")
     """, select="setup")

task("in-la-color-selected", "layers-attributes", "object-color",
     "Set all the selected objects to the colour (0,128,255).",
     """
     import rhinoscriptsyntax as rs
     rs.ObjectColor(rs.SelectedObjects(), (0, 128, 255))
     """,
     RGB + """
     for i in selected:
         assert rgb(rs.ObjectColor(i)) == (0, 128, 255), "object colour is %s" % (rgb(rs.ObjectColor(i)),)
     other = [i for i in rs.AllObjects() if str(i) not in set(str(s) for s in selected)]
     assert other and all(rgb(rs.ObjectColor(i)) == (0, 0, 0) for i in other), "unselected objects must keep their colour"
     """,
     SRC["object-color"],
     setup="""
     import rhinoscriptsyntax as rs
     a = rs.AddPoint(0, 0, 0); b = rs.AddCircle((0, 0, 0), 2); c = rs.AddLine((0, 0, 0), (5, 0, 0))
     rs.ObjectColor(a, (255, 0, 0)); rs.ObjectColor(b, (0, 255, 0))
     d = rs.AddPoint(9, 9, 0); rs.ObjectColor(d, (0, 0, 0))
     rs.SelectObjects([a, b, c])
     """, select="setup")

task("in-la-color-by-layer", "layers-attributes", "color-source-layer",
     "The selected objects have their own colours. Switch them back so they take their colour from "
     "their layer again.",
     """
     import rhinoscriptsyntax as rs
     for obj in rs.SelectedObjects():
         rs.ObjectColorSource(obj, 0)
     """,
     """
     for i in selected:
         assert rs.ObjectColorSource(i) == 0, "colour source must be 'by layer' (0), is %s" % rs.ObjectColorSource(i)
     """,
     SRC["color-source"],
     setup="""
     import rhinoscriptsyntax as rs
     rs.AddLayer("Green", (0, 255, 0))
     ids = [rs.AddPoint(0, 0, 0), rs.AddCircle((0, 0, 0), 1)]
     rs.ObjectLayer(ids, "Green")
     for i in ids:
         rs.ObjectColor(i, (255, 0, 0)); rs.ObjectColorSource(i, 1)
     """, select="setup")

task("in-la-isolate-layers", "layers-attributes", "isolate-layers",
     "Turn off every layer except the layers of the selected objects (and keep the current layer on).",
     """
     import rhinoscriptsyntax as rs
     keep = set(rs.ObjectLayer(i) for i in rs.SelectedObjects())
     keep.add(rs.CurrentLayer())
     for name in rs.LayerNames():
         if name not in keep:
             rs.LayerVisible(name, False)
     """,
     """
     for name in ("A", "C", rs.CurrentLayer()):
         assert rs.LayerVisible(name), "layer %s must stay on" % name
     for name in ("B", "D"):
         assert not rs.LayerVisible(name), "layer %s should be turned off" % name
     """,
     SRC["isolate-layers"],
     setup="""
     import rhinoscriptsyntax as rs
     pts = {}
     for k, name in enumerate("ABCD"):
         rs.AddLayer(name)
         pts[name] = rs.AddPoint(k, 0, 0)
         rs.ObjectLayer(pts[name], name)
     rs.SelectObjects([pts["A"], pts["C"]])
     """, select="setup")

task("in-la-copy-to-layer", "layers-attributes", "copy-to-layer",
     "Copy the selected objects onto a layer named 'Backup' (create it if it doesn't exist). The "
     "originals stay on their own layer.",
     """
     import rhinoscriptsyntax as rs
     if not rs.IsLayer("Backup"):
         rs.AddLayer("Backup")
     copies = rs.CopyObjects(rs.SelectedObjects())
     rs.ObjectLayer(copies, "Backup")
     """,
     """
     assert rs.IsLayer("Backup"), "layer Backup missing"
     assert len(created) == 2, "expected 2 copies, got %d" % len(created)
     assert all(rs.ObjectLayer(i) == "Backup" for i in created), "copies must be on Backup"
     assert all(rs.ObjectLayer(i) == "Design" for i in selected), "originals must stay on Design"
     assert rs.Distance(rs.BoundingBox(created)[0], rs.BoundingBox(selected)[0]) < 1e-9, "copies sit on top of the originals"
     """,
     SRC["sample-scripts"],
     setup="""
     import rhinoscriptsyntax as rs
     rs.AddLayer("Design")
     rs.ObjectLayer([rs.AddCircle((0, 0, 0), 3), rs.AddLine((0, 0, 0), (4, 4, 0))], "Design")
     """, select="setup")


# --------------------------------------------------------------------------- selection
CURVE_MIX = """
import rhinoscriptsyntax as rs
rs.AddLine((0, 0, 0), (5, 0, 0))
rs.AddPolyline([(0, 2, 0), (2, 2, 0), (6, 2, 0)])
rs.AddPolyline([(0, 4, 0), (3, 4, 0), (3, 7, 0)])
rs.AddArc3Pt((0, 10, 0), (6, 10, 0), (3, 12, 0))
rs.AddCircle((10, 10, 0), 2)
rs.AddInterpCurve([(10, 0, 0), (12, 3, 0), (14, 0, 0), (16, 3, 0)])
rs.AddPoint(20, 20, 0)
"""

task("in-se-curved-only", "selection", "select-non-linear-curves",
     "Select all the curves in the file that aren't straight lines, and nothing else.",
     """
     import rhinoscriptsyntax as rs
     rs.UnselectAllObjects()
     for crv in rs.ObjectsByType(rs.filter.curve):
         if not rs.IsCurveLinear(crv):
             rs.SelectObject(crv)
     """,
     """
     sel = rs.SelectedObjects() or []
     assert len(sel) == 4, "4 curves are not straight (bent polyline, arc, circle, smooth curve); %d selected" % len(sel)
     assert all(rs.IsCurve(i) and not rs.IsCurveLinear(i) for i in sel), "only non-straight curves may be selected"
     """,
     SRC["curves-by-type"], setup=CURVE_MIX)

task("in-se-straight-only", "selection", "select-linear-curves",
     "Which curves in the model are perfectly straight? Select just those.",
     """
     import rhinoscriptsyntax as rs
     rs.UnselectAllObjects()
     rs.SelectObjects([c for c in rs.ObjectsByType(rs.filter.curve) if rs.IsCurveLinear(c)])
     """,
     """
     sel = rs.SelectedObjects() or []
     assert len(sel) == 2, "the line and the collinear polyline are straight; %d selected" % len(sel)
     assert all(rs.IsCurve(i) and rs.IsCurveLinear(i) for i in sel), "only straight curves may be selected"
     """,
     SRC["curves-by-type"], setup=CURVE_MIX)

task("in-se-degree-three", "selection", "select-by-degree",
     "Select every curve whose degree is 3.",
     """
     import rhinoscriptsyntax as rs
     rs.UnselectAllObjects()
     for crv in rs.ObjectsByType(rs.filter.curve):
         if rs.CurveDegree(crv) == 3:
             rs.SelectObject(crv)
     """,
     """
     sel = rs.SelectedObjects() or []
     assert len(sel) == 2, "two curves are degree 3, %d selected" % len(sel)
     assert all(rs.IsCurve(i) and rs.CurveDegree(i) == 3 for i in sel), "only degree-3 curves may be selected"
     """,
     SRC["curves-by-degree"],
     setup="""
     import rhinoscriptsyntax as rs
     rs.AddLine((0, 0, 0), (4, 0, 0))
     rs.AddCurve([(0, 2, 0), (2, 4, 0), (4, 2, 0)], 2)
     rs.AddCurve([(0, 5, 0), (1, 7, 0), (3, 7, 0), (4, 5, 0)], 3)
     rs.AddCurve([(0, 9, 0), (1, 11, 0), (2, 9, 0), (3, 11, 0), (4, 9, 0)], 3)
     rs.AddCircle((10, 0, 0), 1)
     """)

task("in-se-curves-on-layer", "selection", "select-curves-on-layer",
     "Select only the curves that are on the layer 'Grid'; leave its points unselected.",
     """
     import rhinoscriptsyntax as rs
     rs.UnselectAllObjects()
     rs.SelectObjects([i for i in rs.ObjectsByLayer("Grid") if rs.IsCurve(i)])
     """,
     """
     sel = rs.SelectedObjects() or []
     assert len(sel) == 3, "Grid holds 3 curves, %d objects selected" % len(sel)
     assert all(rs.IsCurve(i) and rs.ObjectLayer(i) == "Grid" for i in sel), "only curves on Grid may be selected"
     """,
     SRC["objects-on-layer"],
     setup="""
     import rhinoscriptsyntax as rs
     rs.AddLayer("Grid"); rs.AddLayer("Notes")
     g = [rs.AddLine((0, y, 0), (10, y, 0)) for y in (0, 5, 10)] + [rs.AddPoint(0, 0, 0), rs.AddPoint(10, 10, 0)]
     rs.ObjectLayer(g, "Grid")
     rs.ObjectLayer(rs.AddLine((0, 0, 0), (0, 10, 0)), "Notes")
     """)

task("in-se-same-color", "selection", "select-by-color",
     "Select everything that has the same object colour as the object I have selected.",
     """
     import rhinoscriptsyntax as rs
     color = rs.ObjectColor(rs.SelectedObjects()[0])
     rs.UnselectAllObjects()
     rs.ObjectsByColor(color, True)
     """,
     """
     def rgb(c):
         return (c.R, c.G, c.B) if hasattr(c, "R") else tuple(c[:3])
     sel = rs.SelectedObjects() or []
     assert len(sel) == 3, "three objects are red, %d selected" % len(sel)
     assert all(rgb(rs.ObjectColor(i)) == (255, 0, 0) for i in sel), "only red objects may be selected"
     """,
     SRC["by-color"],
     setup="""
     import rhinoscriptsyntax as rs
     red = [rs.AddPoint(0, 0, 0), rs.AddCircle((5, 0, 0), 1), rs.AddLine((0, 3, 0), (4, 3, 0))]
     blue = [rs.AddPoint(1, 1, 0), rs.AddCircle((8, 0, 0), 1)]
     rs.ObjectColor(red, (255, 0, 0)); rs.ObjectColor(blue, (0, 0, 255))
     rs.SelectObject(red[1])
     """, select="setup")

task("in-se-group-mates", "selection", "select-group-members",
     "Select all the objects that are in the same group as the one I've selected.",
     """
     import rhinoscriptsyntax as rs
     obj = rs.SelectedObjects()[0]
     for g in rs.ObjectGroups(obj):
         rs.ObjectsByGroup(g, True)
     """,
     """
     sel = set(str(i) for i in (rs.SelectedObjects() or []))
     members = set(str(i) for i in rs.ObjectsByGroup("Fence"))
     assert len(members) == 3 and sel == members, "exactly the 3 members of the selected object's group should be selected (selected %d)" % len(sel)
     """,
     SRC["by-group"],
     setup="""
     import rhinoscriptsyntax as rs
     fence = [rs.AddLine((x, 0, 0), (x, 0, 2)) for x in (0, 2, 4)]
     rs.AddObjectsToGroup(fence, rs.AddGroup("Fence"))
     rs.AddObjectsToGroup([rs.AddCircle((0, 5, 0), 1), rs.AddCircle((3, 5, 0), 1)], rs.AddGroup("Trees"))
     rs.AddPoint(9, 9, 0)
     rs.SelectObject(fence[1])
     """, select="setup")

task("in-se-nearest-curve", "selection", "closest-curve-to-point",
     "Among the selected curves, find the one nearest to the selected point. Leave only that curve "
     "selected and print the distance.",
     """
     import rhinoscriptsyntax as rs
     ids = rs.SelectedObjects()
     pt = rs.PointCoordinates([i for i in ids if rs.IsPoint(i)][0])
     best, dist = None, None
     for crv in [i for i in ids if rs.IsCurve(i)]:
         q = rs.EvaluateCurve(crv, rs.CurveClosestPoint(crv, pt))
         d = rs.Distance(pt, q)
         if dist is None or d < dist:
             best, dist = crv, d
     rs.UnselectAllObjects()
     rs.SelectObject(best)
     print(dist)
     """,
     NUMS + """
     sel = rs.SelectedObjects() or []
     assert len(sel) == 1, "exactly one curve should stay selected, got %d" % len(sel)
     s, e = rs.CurveStartPoint(sel[0]), rs.CurveEndPoint(sel[0])
     assert abs(s[1] + 2) < 1e-9 and abs(e[1] + 2) < 1e-9, "the line at y=-2 is nearest to (3,1,0)"
     assert any(abs(x - 3) < 1e-6 for x in nums), "the distance is 3: %r" % stdout
     """,
     SRC["closest-curve"],
     setup="""
     import rhinoscriptsyntax as rs
     rs.AddLine((0, 5, 0), (10, 5, 0)); rs.AddCircle((20, 0, 0), 2); rs.AddLine((0, -2, 0), (10, -2, 0))
     rs.AddPoint(3, 1, 0)
     """, select="setup")


# --------------------------------------------------------------------------- measure-print
task("in-mp-curve-count-length", "measure-print", "curve-count-and-length",
     "How many curves are in my selection, and what is their combined length? Print both.",
     """
     import rhinoscriptsyntax as rs
     crvs = [i for i in rs.SelectedObjects() if rs.IsCurve(i)]
     print("curves:", len(crvs))
     print("total length:", sum(rs.CurveLength(c) for c in crvs))
     """,
     NUMS + """
     import math
     assert 3 in nums, "3 curves are selected: %r" % stdout
     want = 7 + 2 * math.pi
     assert any(abs(x - want) < 1e-3 for x in nums), "total length is 3 + 4 + 2*pi = %.4f: %r" % (want, stdout)
     """,
     SRC["curve-length"],
     setup="""
     import rhinoscriptsyntax as rs
     rs.AddLine((0, 0, 0), (3, 0, 0)); rs.AddLine((0, 1, 0), (0, 5, 0)); rs.AddCircle((9, 9, 0), 1)
     rs.AddPoint(2, 2, 2)
     """, select="setup")

task("in-mp-count-by-type", "measure-print", "count-objects-by-type",
     "Give me a count of every object in the model by type: points, curves, surfaces and meshes, "
     "one line each.",
     """
     import rhinoscriptsyntax as rs
     for label, f in (("points", rs.filter.point), ("curves", rs.filter.curve),
                      ("surfaces", rs.filter.surface), ("meshes", rs.filter.mesh)):
         print(label, len(rs.ObjectsByType(f) or []))
     """,
     """
     import re
     lines = [l.lower() for l in stdout.splitlines() if l.strip()]
     def count_for(word):
         for l in lines:
             if word in l and not (word == "surface" and "poly" in l):
                 n = re.findall(r'\\d+', l)
                 if n:
                     return int(n[-1])
         return None
     for word, want in (("point", 3), ("curve", 2), ("surface", 2), ("mesh", 1)):
         got = count_for(word)
         assert got == want, "%s count should be %d, got %s: %r" % (word, want, got, stdout)
     """,
     SRC["count-objects"],
     setup="""
     import rhinoscriptsyntax as rs
     for x in range(3):
         rs.AddPoint(x, 0, 0)
     rs.AddLine((0, 0, 0), (1, 1, 0)); rs.AddCircle((0, 0, 0), 4)
     rs.AddPlaneSurface(rs.WorldXYPlane(), 2, 2); rs.AddSrfPt([(0, 0, 1), (1, 0, 1), (1, 1, 2), (0, 1, 2)])
     rs.AddMesh([(0, 0, 0), (1, 0, 0), (1, 1, 0)], [(0, 1, 2)])
     """)

task("in-mp-layer-of-each", "measure-print", "object-layer-names",
     "Print the layer name of each selected object, one per line.",
     """
     import rhinoscriptsyntax as rs
     for obj in rs.SelectedObjects():
         print(rs.ObjectLayer(obj))
     """,
     """
     lines = stdout.splitlines()
     assert sum("Site" in l for l in lines) == 2 and sum("Trees" in l for l in lines) == 1, "2 objects on Site, 1 on Trees: %r" % stdout
     """,
     SRC["layer-name"],
     setup="""
     import rhinoscriptsyntax as rs
     rs.AddLayer("Site"); rs.AddLayer("Trees")
     rs.ObjectLayer([rs.AddPoint(0, 0, 0), rs.AddLine((0, 0, 0), (9, 0, 0))], "Site")
     rs.ObjectLayer(rs.AddCircle((3, 3, 0), 1), "Trees")
     """, select="setup")

task("in-mp-user-text", "measure-print", "list-user-text",
     "List all the user text keys and values attached to the selected object.",
     """
     import rhinoscriptsyntax as rs
     obj = rs.SelectedObjects()[0]
     for key in rs.GetUserText(obj):
         print(key, "=", rs.GetUserText(obj, key))
     """,
     """
     for word in ("material", "oak", "finish", "matte", "cost", "120"):
         assert word in stdout, "%r missing from %r" % (word, stdout)
     """,
     SRC["user-text"],
     setup="""
     import rhinoscriptsyntax as rs
     b = rs.AddBox([(0, 0, 0), (1, 0, 0), (1, 1, 0), (0, 1, 0), (0, 0, 1), (1, 0, 1), (1, 1, 1), (0, 1, 1)])
     rs.SetUserText(b, "material", "oak"); rs.SetUserText(b, "finish", "matte"); rs.SetUserText(b, "cost", "120")
     """, select="setup")

task("in-mp-solid-volumes", "measure-print", "solid-volumes",
     "Print the volume of each selected closed solid and then the total volume.",
     """
     import rhinoscriptsyntax as rs
     total = 0.0
     for obj in rs.SelectedObjects():
         vol = rs.SurfaceVolume(obj)[0]
         total += vol
         print(vol)
     print("total", total)
     """,
     NUMS + """
     import math
     sphere = 4.0 / 3.0 * math.pi * 1.5 ** 3
     for want in (24, sphere, 24 + sphere):
         assert any(abs(x - want) < 1e-3 for x in nums), "%.4f missing from %r" % (want, stdout)
     """,
     SRC["solid-volumes"],
     setup="""
     import rhinoscriptsyntax as rs
     rs.AddBox([(0, 0, 0), (2, 0, 0), (2, 3, 0), (0, 3, 0), (0, 0, 4), (2, 0, 4), (2, 3, 4), (0, 3, 4)])
     rs.AddSphere((10, 0, 0), 1.5)
     """, select="setup")

task("in-mp-open-or-closed", "measure-print", "curve-closed-report",
     "For each selected curve, print whether it is open or closed.",
     """
     import rhinoscriptsyntax as rs
     for crv in rs.SelectedObjects():
         print("closed" if rs.IsCurveClosed(crv) else "open")
     """,
     """
     words = ("open", "closed", "true", "false")
     lines = [l.lower() for l in stdout.splitlines() if any(w in l.lower() for w in words)]
     assert len(lines) == 4, "one open/closed line per selected curve (4), got %d" % len(lines)
     opened = sum(("open" in l) or ("false" in l) or ("not closed" in l) for l in lines)
     closed = len(lines) - opened
     assert opened == 2 and closed == 2, "2 open and 2 closed curves, read %d open / %d closed: %r" % (opened, closed, stdout)
     """,
     SRC["is-closed"],
     setup="""
     import rhinoscriptsyntax as rs
     rs.AddCircle((0, 0, 0), 1); rs.AddLine((0, 0, 0), (4, 0, 0))
     rs.AddPolyline([(0, 0, 0), (2, 0, 0), (1, 2, 0), (0, 0, 0)]); rs.AddArc3Pt((5, 0, 0), (9, 0, 0), (7, 2, 0))
     """, select="setup")

task("in-mp-cloud-count", "measure-print", "point-cloud-count",
     "How many points does the selected point cloud contain? Print the number.",
     """
     import rhinoscriptsyntax as rs
     print(rs.PointCloudCount(rs.SelectedObjects()[0]))
     """,
     NUMS + """
     assert 37 in nums, "the cloud holds 37 points: %r" % stdout
     """,
     SRC["cloud-count"],
     setup="""
     import rhinoscriptsyntax as rs
     rs.AddPointCloud([(i * 0.5, (i * 7) % 5, 0) for i in range(37)])
     """, select="setup")


# --------------------------------------------------------------------------- document-groups
task("in-dg-label-and-group", "document-groups", "label-and-group",
     "For each selected object, put a text dot at the centre of its bounding box showing the "
     "object's name and its layer, and group each dot with its object.",
     """
     import rhinoscriptsyntax as rs
     for obj in rs.SelectedObjects():
         bb = rs.BoundingBox(obj)
         centre = [(bb[0][k] + bb[6][k]) / 2.0 for k in range(3)]
         dot = rs.AddTextDot("%s\\n%s" % (rs.ObjectName(obj), rs.ObjectLayer(obj)), centre)
         rs.AddObjectsToGroup([obj, dot], rs.AddGroup())
     """,
     """
     dots = [i for i in created if rs.IsTextDot(i)]
     assert len(dots) == 2, "expected one dot per selected object (2), got %d" % len(dots)
     for obj in selected:
         name, layer = rs.ObjectName(obj), rs.ObjectLayer(obj)
         groups = rs.ObjectGroups(obj) or []
         assert groups, "%s is not grouped" % name
         mates = [i for g in groups for i in rs.ObjectsByGroup(g) if rs.IsTextDot(i)]
         assert len(mates) == 1, "%s should share a group with exactly one dot" % name
         text = rs.TextDotText(mates[0])
         assert name in text and layer in text, "dot of %s reads %r" % (name, text)
         bb = rs.BoundingBox(obj)
         c = [(bb[0][k] + bb[6][k]) / 2.0 for k in range(3)]
         assert rs.Distance(rs.TextDotPoint(mates[0]), c) < 1e-6, "dot of %s is not at its bounding-box centre" % name
     """,
     SRC["label-group"],
     setup="""
     import rhinoscriptsyntax as rs
     rs.AddLayer("Mech"); rs.AddLayer("Plumbing")
     a = rs.AddCircle((0, 0, 0), 2); rs.ObjectName(a, "Pump"); rs.ObjectLayer(a, "Mech")
     b = rs.AddLine((5, 0, 0), (15, 4, 0)); rs.ObjectName(b, "Pipe"); rs.ObjectLayer(b, "Plumbing")
     """, select="setup")

task("in-dg-document-data", "document-groups", "dump-document-data",
     "List all the document data stored in this model: every section, entry and value.",
     """
     import rhinoscriptsyntax as rs
     for section in rs.GetDocumentData() or []:
         for entry in rs.GetDocumentData(section) or []:
             print(section, entry, rs.GetDocumentData(section, entry))
     """,
     """
     for word in ("Project", "Name", "Tower", "Floors", "12", "Site", "City", "Oslo"):
         assert word in stdout, "%r missing from %r" % (word, stdout)
     """,
     SRC["sample-scripts"],
     setup="""
     import rhinoscriptsyntax as rs
     rs.SetDocumentData("Project", "Name", "Tower"); rs.SetDocumentData("Project", "Floors", "12")
     rs.SetDocumentData("Site", "City", "Oslo")
     """)

task("in-dg-object-groups", "document-groups", "object-group-names",
     "Which groups does the selected object belong to? Print their names.",
     """
     import rhinoscriptsyntax as rs
     for g in rs.ObjectGroups(rs.SelectedObjects()[0]) or []:
         print(g)
     """,
     """
     assert "Phase1" in stdout and "Structure" in stdout, "the object is in Phase1 and Structure: %r" % stdout
     assert "Landscape" not in stdout, "Landscape does not hold the selected object"
     """,
     SRC["object-groups"],
     setup="""
     import rhinoscriptsyntax as rs
     col = rs.AddLine((0, 0, 0), (0, 0, 3)); other = rs.AddCircle((5, 5, 0), 1)
     rs.AddObjectToGroup(col, rs.AddGroup("Phase1")); rs.AddObjectToGroup(col, rs.AddGroup("Structure"))
     rs.AddObjectToGroup(other, rs.AddGroup("Landscape"))
     rs.SelectObject(col)
     """, select="setup")

task("in-dg-delete-layer-objects", "document-groups", "purge-layer",
     "Delete the layer 'Scratch' together with everything on it.",
     """
     import rhinoscriptsyntax as rs
     rs.PurgeLayer("Scratch")
     """,
     """
     assert not rs.IsLayer("Scratch"), "layer Scratch still exists"
     assert len(deleted) == 3, "the 3 objects on Scratch must be deleted, %d deleted" % len(deleted)
     keep = rs.ObjectsByLayer("Keep")
     assert keep and len(keep) == 1, "the object on Keep must stay"
     """,
     SRC["purge-layer"],
     setup="""
     import rhinoscriptsyntax as rs
     rs.AddLayer("Scratch"); rs.AddLayer("Keep")
     rs.ObjectLayer([rs.AddPoint(0, 0, 0), rs.AddLine((0, 0, 0), (1, 1, 0)), rs.AddCircle((0, 0, 0), 3)], "Scratch")
     rs.ObjectLayer(rs.AddPoint(5, 5, 5), "Keep")
     """)

task("in-dg-objects-per-layer", "document-groups", "objects-per-layer",
     "For every layer in the model, print its name and how many objects are on it.",
     """
     import rhinoscriptsyntax as rs
     for name in rs.LayerNames():
         print(name, len(rs.ObjectsByLayer(name) or []))
     """,
     """
     import re
     lines = stdout.splitlines()
     for name, want in (("Roof", 2), ("Walls", 3), ("Empty", 0)):
         rows = [l for l in lines if name in l]
         assert rows, "layer %s not listed: %r" % (name, stdout)
         n = re.findall(r'\\d+', rows[0])
         assert n and int(n[-1]) == want, "%s holds %d objects, line reads %r" % (name, want, rows[0])
     """,
     SRC["layer-objects"],
     setup="""
     import rhinoscriptsyntax as rs
     rs.AddLayer("Roof"); rs.AddLayer("Walls"); rs.AddLayer("Empty")
     rs.ObjectLayer([rs.AddPoint(0, 0, 0), rs.AddPoint(1, 0, 0)], "Roof")
     rs.ObjectLayer([rs.AddLine((0, 0, 0), (0, 5, 0)), rs.AddLine((1, 0, 0), (1, 5, 0)), rs.AddCircle((0, 0, 0), 1)], "Walls")
     """)

task("in-dg-layer-count", "document-groups", "layer-count",
     "How many layers are in this document? Print the number, then list the layer names.",
     """
     import rhinoscriptsyntax as rs
     print(rs.LayerCount())
     for name in rs.LayerNames():
         print(name)
     """,
     NUMS + """
     names = rs.LayerNames()
     assert len(names) in nums, "the document has %d layers: %r" % (len(names), stdout)
     for n in names:
         assert n in stdout, "layer %s not listed" % n
     """,
     SRC["layer-count"],
     setup="""
     import rhinoscriptsyntax as rs
     rs.AddLayer("Roof"); rs.AddLayer("Walls"); rs.AddLayer("Floor")
     """)


def write(path=None):
    """Write this set's tasks.jsonl beside this file (or at `path`)."""
    return write_tasks(TASKS, path or os.path.join(os.path.dirname(os.path.abspath(__file__)), "tasks.jsonl"))


if __name__ == "__main__":
    print("wrote %d tasks to %s" % (len(TASKS), write()))
