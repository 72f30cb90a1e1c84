"""Benign snippets for the static safety gate: none may be refused by `checks.check()`.

LOOKALIKES are written to sit next to the hostile set (tests/core/safety_corpus/hostile.py):
the same words in strings and comments, variables named exec_count, open() for reading,
getattr with a literal harmless name, literal Rhino commands, `__name__` checks, classes with
`__init__`, `obj.__class__.__name__` (allowed: it names the type, which type(obj) gives anyway),
own functions that shadow a builtin at top level, numbers formatted into a command with %f/{:.2f}.

REAL are scripts copied from the project's data (benchmark and independent task references, the
solved-example library, McNeel's official examples), each with where it came from; the test also
runs the gate over every reference and library script as they are today.
"""
LOOKALIKES = [
    ("strings", "print('never call os.system or eval here')\n"),
    ("strings", "# sc.doc.WriteFile(path) and rs.Command('_-Export') are not allowed\nprint('ok')\n"),
    ("strings", "note = \"rs.Command('_-Save x.3dm')\"\nprint(len(note))\n"),
    ("strings", "text = 'subprocess threading __import__ __subclasses__'\nprint(text.split())\n"),
    ("names", "exec_count = 3\neval_score = 0.5\nprint(exec_count, eval_score)\n"),
    ("names", "def save_count(items):\n    return len(items)\nprint(save_count([1, 2]))\n"),
    ("names", "export_enabled = False\nif not export_enabled:\n    print('export disabled')\n"),
    ("names", "options = {'exit': 1, 'open': 2}\nprint(options['exit'])\n"),
    ("names", "def compute(open_curves, system):\n    return len(open_curves) + system\nprint(compute([], 2))\n"),
    ("names", "def f(vars, open):\n    return vars + open\nprint(f(1, 2))\n"),
    ("shadowing", "def eval(x):\n    return x * 2\nprint(eval(3))\n"),
    ("shadowing", "def open(name):\n    return name.upper()\nprint(open('a'))\n"),
    ("files", "with open('data.csv') as f:\n    rows = f.read().splitlines()\nprint(len(rows))\n"),
    ("files", "data = open('points.txt', 'r').read()\nprint(data)\n"),
    ("files", "with open('points.bin', 'rb') as f:\n    blob = f.read()\n"),
    ("files", "import csv\nwith open('pts.csv', newline='') as f:\n    rows = list(csv.reader(f))\n"),
    ("files", "with open('x.txt', encoding='utf-8') as f:\n    print(f.readline())\n"),
    ("files", "import os\nfolder = os.path.dirname(os.path.abspath('x'))\nprint(os.path.join(folder, 'a.csv'))\n"),
    ("files", "import os\nfor name in os.listdir('.'):\n    if os.path.isfile(name) and name.endswith('.csv'):\n"
              "        print(name)\n"),
    ("files", "import os\nprint(os.path.exists('x'), os.getcwd(), os.sep)\n"),
    ("files", "import json\nwith open('cfg.json') as f:\n    cfg = json.load(f)\nprint(json.dumps(cfg))\n"),
    ("files", "from pathlib import Path\np = Path('pts.csv')\nif p.exists():\n    print(p.read_text())\n"),
    ("files", "import System\nprint(System.IO.File.ReadAllText('x.txt'))\nprint(System.IO.Path.Combine('a', 'b'))\n"),
    ("files", "from System.IO import Path, File\nif File.Exists('x'):\n    print(Path.GetFileName('x'))\n"),
    ("files", "import rhinoscriptsyntax as rs\nname = rs.OpenFileName('Points file', 'Text|*.txt||')\n"
              "if name:\n    with open(name) as f:\n        for line in f:\n"
              "            rs.AddPoint([float(v) for v in line.split(',')])\n"),
    ("environ", "import os\nhome = os.environ.get('HOME', '')\nprint(os.environ['PATH'][:10], home)\n"),
    ("environ", "import os\nprint(os.getenv('USERNAME'), os.cpu_count())\n"),
    ("environ", "import System\nprint(System.Environment.GetFolderPath(System.Environment.SpecialFolder.MyDocuments))\n"),
    ("sys", "import sys\nprint(sys.version_info, sys.platform)\nsys.stdout.write('done\\n')\n"),
    ("sys", "import sys\nprint(sys.path[0], sys.maxsize > 2 ** 32)\n"),
    ("getattr", "import rhinoscriptsyntax as rs\nc = rs.coercecurve(rs.GetObject('Circle'))\n"
                "r = getattr(c, 'Radius', None)\nprint(r)\n"),
    ("getattr", "import Rhino.Geometry as rg\np = rg.Point3d(1, 2, 3)\nprint(getattr(p, 'X'), hasattr(p, 'Z'))\n"),
    ("getattr", "class Box(object):\n    def __init__(self):\n        self.width = 2\nb = Box()\n"
                "setattr(b, 'width', 3)\nprint(getattr(b, 'width'))\n"),
    ("getattr", "import operator\nimport Rhino.Geometry as rg\npts = [rg.Point3d(2, 0, 0), rg.Point3d(1, 0, 0)]\n"
                "pts.sort(key=operator.attrgetter('X'))\n"),
    ("commands", "import rhinoscriptsyntax as rs\nrs.Command('_SelAll')\n"),
    ("commands", "import rhinoscriptsyntax as rs\nrs.Command('_-Line 0,0,0 10,0,0')\n"),
    ("commands", "import rhinoscriptsyntax as rs\nrs.Command('_-Circle 0,0,0 5', False)\n"),
    ("commands", "import rhinoscriptsyntax as rs\nrs.Command('_-Polyline 0,0,0 1,0,0 1,1,0 _Close')\n"),
    ("commands", "import rhinoscriptsyntax as rs\nrs.Command('_-Layer _New Walls _Enter')\n"),
    ("commands", "import rhinoscriptsyntax as rs\nx, y, r = 1.0, 2.0, 3.0\nrs.Command('_-Circle %f,%f,0 %f' % (x, y, r))\n"),
    ("commands", "import rhinoscriptsyntax as rs\na, b = 1, 5\nrs.Command('_-Line {:.3f},0,0 {:.3f},0,0'.format(float(a), float(b)))\n"),
    ("commands", "import rhinoscriptsyntax as rs\nx = 2.5\nrs.Command(f'_-Circle {float(x):.2f},0,0 {float(x):.2f}')\n"),
    ("commands", "import rhinoscriptsyntax as rs\nrs.Command('_-Zoom _All _Extents')\nrs.Command('_SelNone')\n"),
    ("commands", "import Rhino\nRhino.RhinoApp.RunScript('_-Line 0,0,0 1,1,0', False)\n"),
    ("commands", "import rhinoscriptsyntax as rs\nn = 3\nrs.Command('_-Polygon _NumSides=%d 0,0,0 5' % n)\n"),
    ("commands", "import rhinoscriptsyntax as rs\nrs.Command('_-Shell')\nrs.Command('_-Fillet 2 _Enter')\n"),
    ("commands", "import rhinoscriptsyntax as rs\nrs.Command('_-Box 0,0,0 5,5,0 5')\nids = rs.LastCreatedObjects()\n"),
    ("dunders", "def main():\n    print('run')\n\nif __name__ == '__main__':\n    main()\n"),
    ("dunders", "class Beam(object):\n    def __init__(self, length):\n        self.length = length\n\n"
                "    def __repr__(self):\n        return 'Beam(%s)' % self.length\n\nprint(Beam(3))\n"),
    ("dunders", "class Post(object):\n    def __init__(self):\n        super(Post, self).__init__()\n"
                "        self.h = 3\nprint(Post().h)\n"),
    ("dunders", "import rhinoscriptsyntax as rs\nobj = rs.coercegeometry(rs.GetObject())\nprint(obj.__class__.__name__)\n"),
    ("dunders", "x = 3\nprint(type(x).__name__, f'{x.__class__.__name__}')\n"),
    ("dunders", "import rhinoscriptsyntax as rs\nprint(rs.AddPoint.__doc__)\nprint(__file__, __doc__)\n"),
    ("dunders", "class V(object):\n    def __init__(self, x):\n        self.x = x\n    def __add__(self, o):\n"
                "        return V(self.x + o.x)\n    __radd__ = __add__\nprint((V(1) + V(2)).x)\n"),
    ("dunders", "class Grid(object):\n    __slots__ = ('n',)\n    def __len__(self):\n        return 4\nprint(len(Grid()))\n"),
    ("dunders", "import Rhino.Geometry as rg\nprint('{0.X}, {0.Y}'.format(rg.Point3d(1, 2, 0)))\n"),
    ("rhinocommon", "import scriptcontext as sc\nimport Rhino.Geometry as rg\nc = rg.Circle(rg.Plane.WorldXY, 5)\n"
                    "sc.doc.Objects.AddCircle(c)\nsc.doc.Views.Redraw()\n"),
    ("rhinocommon", "import scriptcontext as sc\nimport Rhino\nsc.doc = Rhino.RhinoDoc.ActiveDoc\nsc.sticky['n'] = 1\n"),
    ("rhinocommon", "import Rhino\nRhino.RhinoApp.WriteLine('made {0} objects'.format(3))\n"
                    "Rhino.RhinoApp.Write('{0}\\n', 3)\n"),
    ("rhinocommon", "import scriptcontext as sc\nfor obj in sc.doc.Objects:\n    obj.Attributes.Name = 'part'\n"
                    "    obj.CommitChanges()\n"),
    ("rhinocommon", "import Rhino.Geometry as rg\np = rg.Point3d(0, 0, 0)\np.X = 5\nprint(p)\n"),
    ("rhinocommon", "import Rhino\nimport System\nclass Conduit(Rhino.Display.DisplayConduit):\n"
                    "    def __init__(self):\n        super(Conduit, self).__init__()\n"
                    "    def DrawForeground(self, e):\n"
                    "        e.Display.DrawDot(10, 10, 'x', System.Drawing.Color.Red, System.Drawing.Color.White)\n"
                    "c = Conduit()\nc.Enabled = True\n"),
    ("rhinocommon", "import scriptcontext as sc\nimport Rhino\nsc.doc.NamedLayerStates.Save('before', "
                    "sc.doc.Views.ActiveView.ActiveViewportID)\n"),
    ("rhinocommon", "from Rhino.Geometry import *\npt = Point3d(1, 2, 3)\nprint(Vector3d.ZAxis + Vector3d(pt))\n"),
    ("dotnet", "import System\nprint(System.Guid.NewGuid(), System.Drawing.Color.Red, System.Math.PI)\n"),
    ("dotnet", "import System\nsw = System.Diagnostics.Stopwatch.StartNew()\nSystem.Threading.Thread.Sleep(10)\n"
               "print(sw.ElapsedMilliseconds)\n"),
    ("dotnet", "import System.Collections.Generic as scg\nimport Rhino.Geometry as rg\n"
               "pts = scg.List[rg.Point3d]()\npts.Add(rg.Point3d(0, 0, 0))\n"),
    ("dotnet", "import clr\nclr.AddReference('System.Windows.Forms')\nimport System.Windows.Forms\n"
               "System.Windows.Forms.MessageBox.Show('hi')\n"),
    ("dotnet", "import Rhino\np = Rhino.Geometry.Point3d(0, 0, 0)\nprint(p.GetType().Name)\n"),
    ("python", "import math, random, json, itertools, functools, collections\nrandom.seed(1)\n"
               "print(math.sqrt(2), json.loads('[1]'), list(itertools.islice(range(5), 2)))\n"),
    ("python", "import time\ntime.sleep(0.01)\nprint(time.time() > 0)\n"),
    ("python", "import traceback\ntry:\n    1 / 0\nexcept ZeroDivisionError as e:\n    print(e)\n"
               "    traceback.print_exc()\n"),
    ("python", "import gc\ngc.collect()\n"),
    ("python", "from math import *\nprint(sqrt(2) * pi)\n"),
    ("python", "text = 'a-b'.replace('-', '_')\nprint(text.replace('_', ' '))\n"),
    ("python", "raise ValueError('select two curves first')\n"),
    ("python", "import rhinoscriptsyntax as rs\nids = rs.GetObjects('Curves', rs.filter.curve)\n"
               "if not ids:\n    print('nothing selected')\nelse:\n    print(len(ids))\n"),
    ("python", "def only_even(xs):\n    return [x for x in xs if x % 2 == 0]\nprint(list(map(lambda v: v * 2, only_even(range(6)))))\n"),
    ("python", "import inspect\nimport rhinoscriptsyntax as rs\nprint(inspect.signature(rs.AddPoint))\n"),
]

REAL = [
    ('benchmark:cv-curve-points-tangent', """\
import rhinoscriptsyntax as rs
c = rs.SelectedObjects()[0]
t0, t1 = rs.CurveDomain(c)
for k in range(5):
    t = t0 + (t1 - t0) * k / 4.0
    p = rs.EvaluateCurve(c, t)
    v = rs.VectorScale(rs.VectorUnitize(rs.CurveTangent(c, t)), 2)
    rs.AddLine(p, rs.PointAdd(p, v))
"""),
    ('benchmark:cv-spiral-polyline', """\
import math
import rhinoscriptsyntax as rs
n = 120
pts = []
for k in range(n + 1):
    t = float(k) / n
    a = 3 * 2 * math.pi * t
    pts.append((9 * t * math.cos(a), 9 * t * math.sin(a), 0))
rs.AddPolyline(pts)
"""),
    ('benchmark:cv-helix-curve', """\
import math
import rhinoscriptsyntax as rs
n = 200
pts = []
for k in range(n + 1):
    t = 5.0 * k / n
    pts.append((2 * math.cos(2 * math.pi * t), 2 * math.sin(2 * math.pi * t), t))
rs.AddPolyline(pts)
"""),
    ('benchmark:dg-ungroup', """\
import rhinoscriptsyntax as rs
for i in rs.SelectedObjects():
    for g in rs.ObjectGroups(i) or []:
        rs.RemoveObjectFromGroup(i, g)
for g in rs.GroupNames() or []:
    if rs.IsGroupEmpty(g):
        rs.DeleteGroup(g)
"""),
    ('benchmark:dg-group-per-row', """\
import rhinoscriptsyntax as rs
for j in range(3):
    g = rs.AddGroup("Row_%d" % (j + 1))
    ids = [rs.AddCircle((2 * i, 2 * j, 0), 0.5) for i in range(4)]
    rs.AddObjectsToGroup(ids, g)
"""),
    ('benchmark:dg-name-and-group', """\
import rhinoscriptsyntax as rs
for layer in rs.LayerNames():
    ids = rs.ObjectsByLayer(layer)
    if ids:
        g = rs.AddGroup(layer)
        rs.AddObjectsToGroup(ids, g)
"""),
    ('benchmark:la-layer-by-type', """\
import rhinoscriptsyntax as rs
for name in ("Curves", "Points"):
    if not rs.IsLayer(name):
        rs.AddLayer(name)
for i in rs.SelectedObjects():
    if rs.IsCurve(i):
        rs.ObjectLayer(i, "Curves")
    elif rs.IsPoint(i):
        rs.ObjectLayer(i, "Points")
"""),
    ('benchmark:la-gradient', """\
import rhinoscriptsyntax as rs
ids = rs.SelectedObjects()
xs = [rs.PointCoordinates(i)[0] for i in ids]
lo, hi = min(xs), max(xs)
for i, x in zip(ids, xs):
    v = int(round(255 * (x - lo) / (hi - lo)))
    rs.ObjectColor(i, (v, v, v))
"""),
    ('benchmark:la-delete-empty', """\
import rhinoscriptsyntax as rs
current = rs.CurrentLayer()
for name in rs.LayerNames():
    if name != current and rs.IsLayerEmpty(name) and not rs.LayerChildCount(name):
        rs.DeleteLayer(name)
"""),
    ('benchmark:mp-longest-curve', """\
import rhinoscriptsyntax as rs
ids = [i for i in rs.SelectedObjects() if rs.IsCurve(i)]
best = max(ids, key=rs.CurveLength)
rs.UnselectAllObjects()
rs.SelectObject(best)
print(rs.CurveLength(best))
"""),
    ('benchmark:mp-bbox-size', """\
import rhinoscriptsyntax as rs
bb = rs.BoundingBox(rs.SelectedObjects())
print("width", bb[1][0] - bb[0][0], "depth", bb[3][1] - bb[0][1], "height", bb[4][2] - bb[0][2])
"""),
    ('benchmark:mp-perimeter-all-closed', """\
import rhinoscriptsyntax as rs
total = sum(rs.CurveLength(c) for c in rs.ObjectsByType(rs.filter.curve) if rs.IsCurveClosed(c))
print(total)
"""),
    ('benchmark:me-wave', """\
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
"""),
    ('benchmark:me-grid-0', """\
import rhinoscriptsyntax as rs
nx, ny, s = 10, 10, 1.0
verts = [(i * s, j * s, 0) for j in range(ny + 1) for i in range(nx + 1)]
faces = []
for j in range(ny):
    for i in range(nx):
        a = j * (nx + 1) + i
        faces.append((a, a + 1, a + nx + 2, a + nx + 1))
rs.AddMesh(verts, faces)
"""),
    ('benchmark:me-grid-1', """\
import rhinoscriptsyntax as rs
nx, ny, s = 4, 8, 2.5
verts = [(i * s, j * s, 0) for j in range(ny + 1) for i in range(nx + 1)]
faces = []
for j in range(ny):
    for i in range(nx):
        a = j * (nx + 1) + i
        faces.append((a, a + 1, a + nx + 2, a + nx + 1))
rs.AddMesh(verts, faces)
"""),
    ('benchmark:pv-centroid-of-points', """\
import rhinoscriptsyntax as rs
pts = [rs.PointCoordinates(i) for i in rs.SelectedObjects() if rs.IsPoint(i)]
n = float(len(pts))
rs.AddPoint(sum(p[0] for p in pts) / n, sum(p[1] for p in pts) / n, sum(p[2] for p in pts) / n)
"""),
    ('benchmark:pv-spiral-points', """\
import math
import rhinoscriptsyntax as rs
n = 40
for k in range(n):
    t = 4.0 * k / (n - 1)
    a = 2 * math.pi * t
    rs.AddPoint(4 * math.cos(a), 4 * math.sin(a), 5 * t)
"""),
    ('benchmark:pv-project-to-plane', """\
import rhinoscriptsyntax as rs
for i in rs.SelectedObjects():
    if rs.IsPoint(i):
        p = rs.PointCoordinates(i)
        rs.PointCoordinates(i, (p[0], p[1], 0))
"""),
    ('benchmark:se-big-circles', """\
import rhinoscriptsyntax as rs
rs.UnselectAllObjects()
for i in rs.ObjectsByType(rs.filter.curve):
    if rs.IsCircle(i) and rs.CircleRadius(i) > 2:
        rs.SelectObject(i)
"""),
    ('benchmark:se-count-by-type', """\
import rhinoscriptsyntax as rs
ids = rs.SelectedObjects()
print("curves:", len([i for i in ids if rs.IsCurve(i)]))
print("points:", len([i for i in ids if rs.IsPoint(i)]))
"""),
    ('benchmark:se-connect-points', """\
import rhinoscriptsyntax as rs
pts = sorted((rs.PointCoordinates(i) for i in rs.SelectedObjects() if rs.IsPoint(i)), key=lambda p: p[0])
rs.AddPolyline(pts)
"""),
    ('benchmark:ss-facade-panels', """\
import rhinoscriptsyntax as rs
w, h, gap = 1.4, 2.8, 0.1
for i in range(6):
    for j in range(4):
        x, z = i * (w + gap), j * (h + gap)
        rs.AddSrfPt([(x, 0, z), (x + w, 0, z), (x + w, 0, z + h), (x, 0, z + h)])
"""),
    ('benchmark:ss-attractor-spheres', """\
import rhinoscriptsyntax as rs
for i in range(10):
    for j in range(10):
        d = rs.Distance((0, 0, 0), (2 * i, 2 * j, 0))
        rs.AddSphere((2 * i, 2 * j, 0), max(0.1, 1 - d / 20.0))
"""),
    ('benchmark:ss-box-tower', """\
import rhinoscriptsyntax as rs
for k in range(5):
    z = 2 * k
    rs.AddBox([(0, 0, z), (2, 0, z), (2, 2, z), (0, 2, z), (0, 0, z + 2), (2, 0, z + 2), (2, 2, z + 2), (0, 2, z + 2)])
"""),
    ('benchmark:tf-stair', """\
import rhinoscriptsyntax as rs
for k in range(10):
    x0, z0 = k * 1.0, k * 0.2
    rs.AddBox([(x0, 0, z0), (x0 + 1, 0, z0), (x0 + 1, 3, z0), (x0, 3, z0),
               (x0, 0, z0 + 0.2), (x0 + 1, 0, z0 + 0.2), (x0 + 1, 3, z0 + 0.2), (x0, 3, z0 + 0.2)])
"""),
    ('benchmark:tf-rotate-about-center', """\
import rhinoscriptsyntax as rs
objs = rs.SelectedObjects()
bb = rs.BoundingBox(objs)
c = ((bb[0][0] + bb[6][0]) / 2, (bb[0][1] + bb[6][1]) / 2, (bb[0][2] + bb[6][2]) / 2)
rs.RotateObjects(objs, c, 45, (0, 0, 1))
"""),
    ('benchmark:tf-array-along-curve', """\
import rhinoscriptsyntax as rs
src = rs.SelectedObjects()[0]
p0 = rs.PointCoordinates(src)
for k in range(5):
    target = (20 * k / 4.0, 0, 0)
    rs.CopyObject(src, rs.VectorCreate(target, p0))
"""),
    ('independent:in-cv-annotate-ends', """\
import rhinoscriptsyntax as rs
for crv in rs.SelectedObjects():
    ends = [rs.CurveStartPoint(crv)]
    if not rs.IsCurveClosed(crv):
        ends.append(rs.CurveEndPoint(crv))
    for p in ends:
        rs.AddPoint(p)
        rs.AddTextDot("%g, %g, %g" % (p[0], p[1], p[2]), p)
"""),
    ('independent:in-dg-label-and-group', 'import rhinoscriptsyntax as rs\nfor obj in rs.SelectedObjects():\n    bb = rs.BoundingBox(obj)\n    centre = [(bb[0][k] + bb[6][k]) / 2.0 for k in range(3)]\n    dot = rs.AddTextDot("%s\\n%s" % (rs.ObjectName(obj), rs.ObjectLayer(obj)), centre)\n    rs.AddObjectsToGroup([obj, dot], rs.AddGroup())\n'),
    ('independent:in-la-prefix-sublayers', """\
import rhinoscriptsyntax as rs
for name in rs.LayerNames():
    parent = rs.ParentLayer(name)
    if parent:
        short = name.split("::")[-1]
        rs.RenameLayer(name, parent.split("::")[-1] + "-" + short)
"""),
    ('independent:in-mp-count-by-type', """\
import rhinoscriptsyntax as rs
for label, f in (("points", rs.filter.point), ("curves", rs.filter.curve),
                 ("surfaces", rs.filter.surface), ("meshes", rs.filter.mesh)):
    print(label, len(rs.ObjectsByType(f) or []))
"""),
    ('independent:in-me-grid-bump', """\
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
"""),
    ('independent:in-pv-points-on-surface', """\
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
"""),
    ('independent:in-se-nearest-curve', """\
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
"""),
    ('independent:in-ss-volume-centroid', """\
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
"""),
    ('independent:in-tf-rotate-each-center', """\
import rhinoscriptsyntax as rs
for obj in rs.SelectedObjects():
    bb = rs.BoundingBox(obj)
    c = [(bb[0][k] + bb[6][k]) / 2.0 for k in range(3)]
    rs.RotateObject(obj, c, 90, (0, 0, 1))
"""),
    ('library:rc-example:Createsurfaceexample.py', """\
from Rhino.Geometry import Point3d, NurbsSurface, ControlPoint
from scriptcontext import doc

def RunCommand():
  bIsRational = False
  dim = 3
  u_degree = 2
  v_degree = 3
  u_cv_count = 3
  v_cv_count = 5

  # make up a quadratic knot vector with no interior knots
  u_knot = [0.0, 0.0, 1.0, 1.0]

  # make up a cubic knot vector with one simple interior knot
  v_knot = [0.0, 0.0, 0.0, 1.5, 2.0, 2.0, 2.0]

  # Rational control points can be in either homogeneous
  # or euclidean form. Non-rational control points do not
  # need to specify a weight.
  CV = dict( ((i,j),None) for i in range(2) for j in range(3) )
  for i in range(0, u_cv_count):
    for j in range(0, v_cv_count):
      CV[i,j] = Point3d(i, j, i-j)

  # creates internal uninitialized arrays for
  # control points and knots
  nurbs_surface = NurbsSurface.Create(
    dim,
    bIsRational,
    u_degree + 1,
    v_degree + 1,
    u_cv_count,
    v_cv_count
    )

  # add the knots
  for i in range(0, nurbs_surface.KnotsU.Count):
    nurbs_surface.KnotsU[i] = u_knot[i]
  for j in range(0, nurbs_surface.KnotsV.Count):
    nurbs_surface.KnotsV[j] = v_knot[j]

  # add the control points
  for i in range(0, nurbs_surface.Points.CountU):
    for j in range(0, nurbs_surface.Points.CountV):
      nurbs_surface.Points.SetControlPoint(i, j, ControlPoint(CV[i, j]))

  if nurbs_surface.IsValid:
    doc.Objects.AddSurface(nurbs_surface)
    doc.Views.Redraw()

if __name__ == "__main__":
  RunCommand()
"""),
    ('library:rc-example:Addmesh.py', """\
import Rhino
import scriptcontext
import System.Guid

def AddMesh():
    mesh = Rhino.Geometry.Mesh()
    mesh.Vertices.Add(0.0, 0.0, 1.0) #0
    mesh.Vertices.Add(1.0, 0.0, 1.0) #1
    mesh.Vertices.Add(2.0, 0.0, 1.0) #2
    mesh.Vertices.Add(3.0, 0.0, 0.0) #3
    mesh.Vertices.Add(0.0, 1.0, 1.0) #4
    mesh.Vertices.Add(1.0, 1.0, 2.0) #5
    mesh.Vertices.Add(2.0, 1.0, 1.0) #6
    mesh.Vertices.Add(3.0, 1.0, 0.0) #7
    mesh.Vertices.Add(0.0, 2.0, 1.0) #8
    mesh.Vertices.Add(1.0, 2.0, 1.0) #9
    mesh.Vertices.Add(2.0, 2.0, 1.0) #10
    mesh.Vertices.Add(3.0, 2.0, 1.0) #11

    mesh.Faces.AddFace(0, 1, 5, 4)
    mesh.Faces.AddFace(1, 2, 6, 5)
    mesh.Faces.AddFace(2, 3, 7, 6)
    mesh.Faces.AddFace(4, 5, 9, 8)
    mesh.Faces.AddFace(5, 6, 10, 9)
    mesh.Faces.AddFace(6, 7, 11, 10)
    mesh.Normals.ComputeNormals()
    mesh.Compact()
    if scriptcontext.doc.Objects.AddMesh(mesh)!=System.Guid.Empty:
        scriptcontext.doc.Views.Redraw()
        return Rhino.Commands.Result.Success
    return Rhino.Commands.Result.Failure

if __name__=="__main__":
    AddMesh()
"""),
    ('library:rc-example:Addtruncatedcone.py', """\
import Rhino
import scriptcontext
import System.Guid

def AddTruncatedCone():
    bottom_pt = Rhino.Geometry.Point3d(0,0,0)
    bottom_radius = 2
    bottom_circle = Rhino.Geometry.Circle(bottom_pt, bottom_radius)

    top_pt = Rhino.Geometry.Point3d(0,0,10)
    top_radius = 6
    top_circle = Rhino.Geometry.Circle(top_pt, top_radius)

    shapeCurve = Rhino.Geometry.LineCurve(bottom_circle.PointAt(0), top_circle.PointAt(0))
    axis = Rhino.Geometry.Line(bottom_circle.Center, top_circle.Center)
    revsrf = Rhino.Geometry.RevSurface.Create(shapeCurve, axis)
    tcone_brep = Rhino.Geometry.Brep.CreateFromRevSurface(revsrf, True, True)

    if scriptcontext.doc.Objects.AddBrep(tcone_brep)!=System.Guid.Empty:
        scriptcontext.doc.Views.Redraw()
        return Rhino.Commands.Result.Success
    return Rhino.Commands.Result.Failure

if __name__=="__main__":
    AddTruncatedCone()
"""),
    ('library:rc-example:Addcylinder.py', """\
import Rhino
import scriptcontext
import System.Guid

def AddCylinder():
    center_point = Rhino.Geometry.Point3d(0, 0, 0)
    height_point = Rhino.Geometry.Point3d(0, 0, 10)
    zaxis = height_point-center_point
    plane = Rhino.Geometry.Plane(center_point, zaxis)
    radius = 5
    circle = Rhino.Geometry.Circle(plane, radius)
    cylinder = Rhino.Geometry.Cylinder(circle, zaxis.Length)
    brep = cylinder.ToBrep(True, True)
    if brep:
        if scriptcontext.doc.Objects.AddBrep(brep)!=System.Guid.Empty:
            scriptcontext.doc.Views.Redraw()
            return Rhino.Commands.Result.Success
    return Rhino.Commands.Result.Failure

if __name__=="__main__":
    AddCylinder()
"""),
    ('library:rc-example:Dimstyle.py', """\
from Rhino import *
from Rhino.DocObjects import *
from Rhino.Commands import *
from Rhino.Geometry import *
from scriptcontext import doc

def RunCommand():
  for annotation_object in doc.Objects.GetObjectList(ObjectType.Annotation):
    if not isinstance (annotation_object, AnnotationObjectBase):
      continue

    annotation = annotation_object.Geometry

    if annotation.Index == doc.DimStyles.CurrentDimensionStyleIndex:
      continue

    annotation.Index = doc.DimStyles.CurrentDimensionStyleIndex
    annotation_object.CommitChanges()

  doc.Views.Redraw()
  return Result.Success

if __name__ == "__main__":
  RunCommand()
"""),
    ('library:rc-example:Addtorus.py', """\
import Rhino
import scriptcontext
import System.Guid

def AddTorus():
    major_radius = 4.0
    minor_radius = 2.0

    plane = Rhino.Geometry.Plane.WorldXY
    torus = Rhino.Geometry.Torus(plane, major_radius, minor_radius)
    revsrf = torus.ToRevSurface()

    if scriptcontext.doc.Objects.AddSurface(revsrf)!=System.Guid.Empty:
        scriptcontext.doc.Views.Redraw()
        return Rhino.Commands.Result.Success
    return Rhino.Commands.Result.Failure

if __name__=="__main__":
    AddTorus()
"""),
    ('library:rc-example:Addbrepbox.py', """\
import Rhino
import scriptcontext
import System.Guid

def AddBrepBox():
    pt0 = Rhino.Geometry.Point3d(0, 0, 0)
    pt1 = Rhino.Geometry.Point3d(10, 10, 10)
    box = Rhino.Geometry.BoundingBox(pt0, pt1)
    brep = box.ToBrep()
    rc = Rhino.Commands.Result.Failure
    if( scriptcontext.doc.Objects.AddBrep(brep) != System.Guid.Empty ):
        rc = Rhino.Commands.Result.Success
        scriptcontext.doc.Views.Redraw()
    return rc

if( __name__ == "__main__" ):
    AddBrepBox()
"""),
    ('library:rc-example:Addsphere.py', """\
import Rhino
import scriptcontext
import System.Guid

def AddSphere():
    center = Rhino.Geometry.Point3d(0, 0, 0)
    radius = 5.0
    sphere = Rhino.Geometry.Sphere(center, radius)
    if scriptcontext.doc.Objects.AddSphere(sphere)!=System.Guid.Empty:
        scriptcontext.doc.Views.Redraw()
        return Rhino.Commands.Result.Success
    return Rhino.Commands.Result.Failure

if __name__ == "__main__":
    AddSphere()
"""),
    ('official-rs:AddLayer', """\
import rhinoscriptsyntax as rs
from System.Drawing import Color
print("New layer:{}".format(rs.AddLayer()))
print("New layer:{}".format(rs.AddLayer("MyLayer1")))
print("New layer:{}".format(rs.AddLayer("MyLayer2", Color.DarkSeaGreen)))
print("New layer:{}".format(rs.AddLayer("MyLayer3", Color.Cornsilk)))
print("New layer:{}".format(rs.AddLayer("MyLayer4",parent="MyLayer3")))
"""),
    ('official-rs:LayerColor', """\
import rhinoscriptsyntax as rs
import random
from System.Drawing import Color

def randomcolor():
    red = int(255*random.random())
    green = int(255*random.random())
    blue = int(255*random.random())
    return Color.FromArgb(red,green,blue)

layerNames = rs.LayerNames()
if layerNames:
    for name in layerNames: rs.LayerColor(name, randomcolor())
"""),
    ('official-rs:Command', """\
import rhinoscriptsyntax as rs
rs.Command("_Line 0,0,0 2,2,2")
rs.Command("_Line _Pause _Pause")
"""),
    ('official-rs:AddAlias', """\
import rhinoscriptsyntax as  rs
rs.AddAlias("OriginLine",  "!_Line 0,0,0")
"""),
    ('official-rhinocommon:Addbrepbox.py', """\
import Rhino
import scriptcontext
import System.Guid

def AddBrepBox():
    pt0 = Rhino.Geometry.Point3d(0, 0, 0)
    pt1 = Rhino.Geometry.Point3d(10, 10, 10)
    box = Rhino.Geometry.BoundingBox(pt0, pt1)
    brep = box.ToBrep()
    rc = Rhino.Commands.Result.Failure
    if( scriptcontext.doc.Objects.AddBrep(brep) != System.Guid.Empty ):
        rc = Rhino.Commands.Result.Success
        scriptcontext.doc.Views.Redraw()
    return rc

if( __name__ == "__main__" ):
    AddBrepBox()
"""),
    ('official-rhinocommon:Conduitarrowheads.py', """\
import Rhino
import System.Drawing
import scriptcontext
import rhinoscriptsyntax as rs

class DrawArrowHeadsConduit(Rhino.Display.DisplayConduit):
  def __init__(self, line, screenSize, worldSize):
    self.line = line
    self.screenSize = screenSize
    self.worldSize = worldSize

  def DrawForeground(self, e):
    e.Display.DrawArrow(self.line, System.Drawing.Color.Black, self.screenSize, self.worldSize)

def RunCommand():
  # get arrow head size
  go = Rhino.Input.Custom.GetOption()
  go.SetCommandPrompt("ArrowHead length in screen size (pixles) or world size (percentage of arrow lenght)?")
  go.AddOption("screen")
  go.AddOption("world")
  go.Get()
  if (go.CommandResult() != Rhino.Commands.Result.Success):
    return go.CommandResult()

  screenSize = 0
  worldSize = 0.0
  if (go.Option().EnglishName == "screen"):
    gi = Rhino.Input.Custom.GetInteger()
    gi.SetLowerLimit(0,True)
    gi.SetCommandPrompt("Length of arrow head in pixels")
    gi.Get()
    if (gi.CommandResult() != Rhino.Commands.Result.Success):
      return gi.CommandResult()
    screenSize = gi.Number()
  else:
    gi = Rhino.Input.Custom.GetInteger()
    gi.SetLowerLimit(0, True)
    gi.SetUpperLimit(100, False)
    gi.SetCommandPrompt("Lenght of arrow head in percentage of total arrow lenght")
    gi.Get()
    if (gi.CommandResult() != Rhino.Commands.Result.Success):
      return gi.CommandResult()
    worldSize = gi.Number()/100.0


  # get arrow start and end points
  gp = Rhino.Input.Custom.GetPoint()
  gp.SetCommandPrompt("Start of line")
  gp.Get()
  if (gp.CommandResult() != Rhino.Commands.Result.Success):
    return gp.CommandResult()
  ptStart = gp.Point()

  gp.SetCommandPrompt("End of line")
  gp.SetBasePoint(ptStart, False)
  gp.DrawLineFromPoint(ptStart, True)
  gp.Get()
  if (gp.CommandResult() != Rhino.Commands.Result.Success):
    return gp.CommandResult()
  ptEnd = gp.Point()


  v = ptEnd - ptStart
  if (v.IsTiny(Rhino.RhinoMath.ZeroTolerance)):
    return Rhino.Commands.Result.Nothing

  line = Rhino.Geometry.Line(ptStart, ptEnd)

  conduit = DrawArrowHeadsConduit(line, screenSize, worldSize)
  conduit.Enabled = True
  scriptcontext.doc.Views.Redraw()
  rs.GetString("Pausing for user input")
  conduit.Enabled = False
  scriptcontext.doc.Views.Redraw()

  return Rhino.Commands.Result.Success

if __name__=="__main__":
  RunCommand()
"""),
    ('official-rhinocommon:Meshdrawing.py', """\
import rhinoscriptsyntax as rs
from scriptcontext import doc
import Rhino
import System
import System.Drawing

def RunCommand():
  gs = Rhino.Input.Custom.GetObject()
  gs.SetCommandPrompt("select sphere")
  gs.GeometryFilter = Rhino.DocObjects.ObjectType.Surface
  gs.DisablePreSelect()
  gs.SubObjectSelect = False
  gs.Get()
  if gs.CommandResult() != Rhino.Commands.Result.Success:
    return gs.CommandResult()

  b, sphere = gs.Object(0).Surface().TryGetSphere()
  if sphere.IsValid:
    mesh = Rhino.Geometry.Mesh.CreateFromSphere(sphere, 10, 10)
    if mesh == None:
      return Rhino.Commands.Result.Failure

    conduit = DrawBlueMeshConduit(mesh)
    conduit.Enabled = True
    doc.Views.Redraw()

    inStr = rs.GetString("press <Enter> to continue")

    conduit.Enabled = False
    doc.Views.Redraw()
    return Rhino.Commands.Result.Success
  else:
    return Rhino.Commands.Result.Failure

class DrawBlueMeshConduit(Rhino.Display.DisplayConduit):
  def __init__(self, mesh):
    self.mesh = mesh
    self.color = System.Drawing.Color.Blue
    self.material = Rhino.Display.DisplayMaterial()
    self.material.Diffuse = self.color
    if mesh != None and mesh.IsValid:
      self.bbox = mesh.GetBoundingBox(True)

  def CalculateBoundingBox(self, calculateBoundingBoxEventArgs):
    #super.CalculateBoundingBox(calculateBoundingBoxEventArgs)
    calculateBoundingBoxEventArgs.IncludeBoundingBox(self.bbox)

  def PreDrawObjects(self, drawEventArgs):
    #base.PreDrawObjects(rawEventArgs)
    gvp = drawEventArgs.Display.Viewport
    if gvp.DisplayMode.EnglishName.ToLower() == "wireframe":
      drawEventArgs.Display.DrawMeshWires(self.mesh, self.color)
    else:
      drawEventArgs.Display.DrawMeshShaded(self.mesh, self.material)

if __name__ == "__main__":
    RunCommand()
"""),
    ('official-rhinocommon:Objectiterator.py', """\
from Rhino import *
from Rhino.DocObjects import *
from Rhino.Commands import *
from scriptcontext import doc

def RunCommand():
  object_enumerator_settings = ObjectEnumeratorSettings()
  object_enumerator_settings.IncludeLights = True
  object_enumerator_settings.IncludeGrips = False
  rhino_objects = doc.Objects.GetObjectList(object_enumerator_settings)

  count = 0
  for rhino_object in rhino_objects:
    if rhino_object.IsSelectable() and rhino_object.IsSelected(False) == 0:
      rhino_object.Select(True)
      count += 1;

  if count > 0:
    doc.Views.Redraw()
    RhinoApp.WriteLine("{0} object{1} selected", count,
      "" if count == 1 else "s")

  return Result.Success

if __name__ == "__main__":
  RunCommand()
"""),
    ('official-rhinocommon:Displayorder.py', """\
from System.Collections.Generic import *
from System.Drawing import *
from Rhino import *
from Rhino.Commands import *
from Rhino.Display import *
from Rhino.Geometry import *
from Rhino.Input import *
from Rhino.DocObjects import *
from scriptcontext import doc

m_line_objects = []

def RunCommand():
  # make lines thick so draw order can be easily seen
  wfdm = [dm for dm in DisplayModeDescription.GetDisplayModes() if dm.EnglishName == "Wireframe"][0]
  original_thikcness = wfdm.DisplayAttributes.CurveThickness
  wfdm.DisplayAttributes.CurveThickness = 10
  DisplayModeDescription.UpdateDisplayMode(wfdm)

  AddLine(Point3d.Origin, Point3d(10,10,0), Color.Red, doc)
  AddLine(Point3d(10,0,0), Point3d(0,10,0), Color.Blue, doc)
  AddLine(Point3d(8,0,0), Point3d(8,10,0), Color.Green, doc)
  AddLine(Point3d(0,3,0), Point3d(10,3,0), Color.Yellow, doc)
  doc.Views.Redraw()
  Pause("draw order: 1st line drawn in front, last line drawn in the back.  Any key to continue ...")

  #all objects have a DisplayOrder of 0 by default so changing it to 1 moves it to the front.  Here we move the 2nd line (blue) to the front
  m_line_objects[1].Attributes.DisplayOrder = 1
  m_line_objects[1].CommitChanges()
  doc.Views.Redraw()
  Pause("Second (blue) line now in front.  Any key to continue ...")

  for i in range(0, m_line_objects.Count - 1):
    m_line_objects[i].Attributes.DisplayOrder = i
    m_line_objects[i].CommitChanges()

  doc.Views.Redraw()
  Pause("Reverse order of original lines, i.e., Yellow 1st and Red last.  Any key to continue ...")

  # restore original line thickness
  wfdm.DisplayAttributes.CurveThickness = original_thikcness
  DisplayModeDescription.UpdateDisplayMode(wfdm)

  doc.Views.Redraw()
  return Result.Success

def Pause(msg):
  rc, obj_ref = RhinoGet.GetOneObject(msg, True, ObjectType.AnyObject)

def AddLine(from_pt, to_pt, color, doc):
  guid = doc.Objects.AddLine(from_pt, to_pt)
  obj = doc.Objects.Find(guid)
  m_line_objects.Add(obj)
  obj.Attributes.ObjectColor = color
  obj.Attributes.ColorSource = ObjectColorSource.ColorFromObject
  obj.CommitChanges()

if __name__ == "__main__":
  RunCommand()
"""),
    ('official-rhinocommon:Drawstring.py', """\
from Rhino import *
from Rhino.DocObjects import *
from Rhino.Geometry import *
from Rhino.Commands import *
from Rhino.Input.Custom import *
from System.Drawing import Color

def RunCommand():
  gp = GetDrawStringPoint()
  gp.SetCommandPrompt("Point")
  gp.Get()
  return gp.CommandResult()

class GetDrawStringPoint(GetPoint):
  def OnDynamicDraw(self, e):
    xform = e.Viewport.GetTransform(
      CoordinateSystem.World, CoordinateSystem.Screen)

    current_point = e.CurrentPoint
    current_point.Transform(xform)
    screen_point = Point2d(current_point.X, current_point.Y)

    msg = "screen {0}, {1}".format(screen_point.X, screen_point.Y)
    e.Display.Draw2dText(msg, Color.Blue, screen_point, False)

if __name__ == "__main__":
  RunCommand()
"""),
    ('official-rhinocommon:Addcylinder.py', """\
import Rhino
import scriptcontext
import System.Guid

def AddCylinder():
    center_point = Rhino.Geometry.Point3d(0, 0, 0)
    height_point = Rhino.Geometry.Point3d(0, 0, 10)
    zaxis = height_point-center_point
    plane = Rhino.Geometry.Plane(center_point, zaxis)
    radius = 5
    circle = Rhino.Geometry.Circle(plane, radius)
    cylinder = Rhino.Geometry.Cylinder(circle, zaxis.Length)
    brep = cylinder.ToBrep(True, True)
    if brep:
        if scriptcontext.doc.Objects.AddBrep(brep)!=System.Guid.Empty:
            scriptcontext.doc.Views.Redraw()
            return Rhino.Commands.Result.Success
    return Rhino.Commands.Result.Failure

if __name__=="__main__":
    AddCylinder()
"""),
]

BENIGN = [(kind, code) for kind, code in LOOKALIKES] + [("real:" + source, code) for source, code in REAL]
