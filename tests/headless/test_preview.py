"""PNG preview: what gets drawn (pure part) and a real PNG written atomically (matplotlib Agg)."""
import math
import os
import struct

import rhino3dm as r

from rhino_headless.document import HeadlessDoc
from rhino_headless.preview import HIGHLIGHT, NORMAL, curve_polyline, drawing_of, render_png


def png_size(path):
    with open(path, "rb") as fh:
        head = fh.read(24)
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", head[16:24])


def test_curves_are_sampled_on_the_curve():
    circle = r.Circle(r.Point3d(1, 2, 0), 3).ToNurbsCurve()
    pts = curve_polyline(circle)
    assert len(pts) >= 32
    assert all(abs(math.hypot(x - 1, y - 2) - 3) < 1e-9 for x, y, _ in pts)
    assert curve_polyline(r.LineCurve(r.Point3d(0, 0, 0), r.Point3d(4, 0, 0))) == [(0, 0, 0), (4, 0, 0)]


def test_drawing_covers_every_kind_and_highlights():
    doc = HeadlessDoc()
    pt = doc.add(r.Point(r.Point3d(1, 1, 1)))
    box = doc.add(r.Brep.CreateFromBox(r.Box(r.BoundingBox(0, 0, 0, 1, 1, 1))))
    mesh = r.Mesh()
    for p in [(0, 0, 0), (1, 0, 0), (1, 1, 0), (0, 1, 0)]:
        mesh.Vertices.Add(*p)
    mesh.Faces.AddFace(0, 1, 2, 3)
    mesh.Faces.AddFace(0, 1, 2)
    doc.add(mesh)
    doc.add(r.TextDot("label", r.Point3d(5, 5, 0)))
    hidden = doc.add(r.LineCurve(r.Point3d(0, 0, 0), r.Point3d(9, 9, 9)))
    doc.update_attributes(hidden, Mode=r.ObjectMode.Hidden)
    d = drawing_of(doc, highlight=[str(box)])
    assert d.points == [((1.0, 1.0, 1.0), NORMAL, 18.0)]
    box_lines = [l for l, color, _ in d.lines if color == HIGHLIGHT]
    assert len(box_lines) >= 12  # 12 edges plus isocurves
    mesh_lines = [l for l, color, w in d.lines if color == NORMAL]
    assert sorted(len(l) for l in mesh_lines) == [4, 5]  # a triangle and a quad, closed
    assert d.labels == [((5.0, 5.0, 0.0), "label", NORMAL)]
    assert all((9.0, 9.0, 9.0) not in l for l, _, _ in d.lines)  # hidden objects are not drawn


def test_render_png_writes_a_real_image_atomically(tmp_path):
    doc = HeadlessDoc()
    doc.add(r.Brep.CreateFromSphere(r.Sphere(r.Point3d(0, 0, 0), 2)))
    doc.add(r.Circle(r.Point3d(0, 0, 0), 5).ToNurbsCurve())
    doc.add(r.Extrusion.CreateBoxExtrusion(r.Box(r.BoundingBox(3, 3, 0, 4, 4, 2)), True))
    path = str(tmp_path / "p.png")
    assert render_png(doc, path, size=(8, 4), dpi=50) == path
    assert png_size(path) == (400, 200)
    assert os.listdir(str(tmp_path)) == ["p.png"]


def test_empty_document_renders(tmp_path):
    path = str(tmp_path / "empty.png")
    render_png(HeadlessDoc(), path, size=(6, 3), dpi=40)
    assert png_size(path) == (240, 120)
