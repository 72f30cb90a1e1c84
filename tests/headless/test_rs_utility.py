"""rs utility: coercion helpers, colours, points and numbers, with real values."""
import math
import uuid

import pytest
import rhino3dm

import rhino_headless.Rhino.Geometry as rg
import rhino_headless.rhinoscriptsyntax as rs
from rhino_headless import scriptcontext as sc
from rhino_headless.document import HeadlessDoc
from rhino_headless.System.Drawing import Color


@pytest.fixture
def doc():
    d = HeadlessDoc()
    with sc.use_doc(d):
        yield d


def close(p, q, tol=1e-12):
    return all(abs(a - b) <= tol for a, b in zip(p, q))


def test_coerce3dpoint_inputs(doc):
    for value in ((1, 2, 3), [1, 2, 3], "1,2,3", rg.Point3d(1, 2, 3), rhino3dm.Point3d(1, 2, 3),
                  rg.Vector3d(1, 2, 3), rhino3dm.Point3f(1, 2, 3)):
        p = rs.coerce3dpoint(value)
        assert isinstance(p, rg.Point3d) and tuple(p) == (1.0, 2.0, 3.0), value
    assert tuple(rs.coerce3dpoint((4, 5))) == (4.0, 5.0, 0.0)
    pid = rs.AddPoint((7, 8, 9))
    assert tuple(rs.coerce3dpoint(pid)) == (7.0, 8.0, 9.0) and tuple(rs.coerce3dpoint(str(pid))) == (7, 8, 9)
    assert rs.coerce3dpoint("not a point") is None and rs.coerce3dpoint(None) is None
    with pytest.raises(ValueError):
        rs.coerce3dpoint("x", True)
    assert tuple(rs.Str2Pt("1.5,2,-3")) == (1.5, 2.0, -3.0)
    assert tuple(rs.CreatePoint(1, 2)) == (1.0, 2.0, 0.0)


def test_coerce_vector_pointlist_plane_xform_line():
    assert isinstance(rs.coerce3dvector((1, 2, 3)), rg.Vector3d)
    pts = rs.coerce3dpointlist([0, 0, 0, 1, 1, 1, 2, 2, 2])  # flat numbers, three at a time
    assert [tuple(p) for p in pts] == [(0, 0, 0), (1, 1, 1), (2, 2, 2)]
    assert len(rs.coerce3dpointlist(rg.Polyline([(0, 0, 0), (1, 0, 0)]))) == 2
    plane = rs.coerceplane((1, 2, 3))
    assert close(plane.Origin, (1, 2, 3)) and close(plane.ZAxis, (0, 0, 1))
    plane = rs.coerceplane([(0, 0, 0), (0, 1, 0), (0, 0, 1)])  # origin, x point, y point
    assert close(plane.ZAxis, (1, 0, 0))
    assert rs.coerceplane("nonsense") is None
    with pytest.raises(TypeError):
        rs.coerceplane(5, True)
    xf = rs.coercexform([[1, 0, 0, 1], [0, 1, 0, 2], [0, 0, 1, 3], [0, 0, 0, 1]])
    assert close(xf * rg.Point3d(0, 0, 0), (1, 2, 3))
    line = rs.coerceline(((0, 0, 0), (3, 4, 0)))
    assert isinstance(line, rg.Line) and line.Length == 5.0
    copy = rs.CreateXform(xf)
    copy[0, 3] = 9.0
    assert xf[0, 3] == 1.0  # CreateXform copies
    p2 = rs.CreatePlane((0, 0, 0), (1, 0, 0), (0, 1, 0))
    assert close(p2.ZAxis, (0, 0, 1))


def test_coerce_document_objects(doc):
    line_id = rs.AddLine((0, 0, 0), (1, 0, 0))
    circle_id = rs.AddCircle((0, 0, 0), 2)
    assert isinstance(rs.coercecurve(line_id), rhino3dm.Curve)
    assert rs.coercegeometry(str(circle_id)).IsClosed
    assert rs.coerceguid([circle_id]) == circle_id and rs.coerceguid(str(line_id)) == line_id
    assert rs.coerceguid("short") is None
    with pytest.raises(TypeError):
        rs.coerceguid(3.5, True)
    assert rs.coerceline(line_id).Length == 1.0
    assert rs.coercemesh(line_id) is None and rs.coercebrep(line_id) is None
    with pytest.raises(ValueError):
        rs.coercecurve(uuid.uuid4(), -1, True)
    obj = rs.coercerhinoobject(line_id)
    assert obj.Id == line_id
    # the geometry handed out is a copy: editing it does not touch the document
    g = rs.coercecurve(line_id)
    g.Translate(rhino3dm.Vector3d(0, 0, 5))
    assert rs.CurveStartPoint(line_id).Z == 0.0
    box = rs.coerceboundingbox([(0, 0, 0), (2, 3, 4)])
    assert close(box.Max, (2, 3, 4))


def test_colors():
    c = rs.coercecolor((10, 20, 30))
    assert isinstance(c, Color) and (c.R, c.G, c.B, c.A) == (10, 20, 30, 255)
    assert rs.coercecolor((10, 20, 30, 40)).A == 40
    assert rs.coercecolor(0x00FF8000).R == 255 and rs.coercecolor(0x00FF8000).G == 128
    assert rs.ColorRedValue((1, 2, 3)) == 1 and rs.ColorGreenValue((1, 2, 3)) == 2
    assert rs.ColorBlueValue((1, 2, 3)) == 3
    assert rs.CreateColor(1, 2, 3).B == 3 and rs.CreateColor(1, 2, 3, 4).A == 4
    h, s, l = rs.ColorRGBToHLS((255, 0, 0))
    assert (h, s, l) == (0.0, 1.0, 0.5)
    grey = rs.ColorHLSToRGB((160, 120, 0))  # saturation 0: a grey of luminance 120/240
    assert grey.R == grey.G == grey.B == 128
    blue = rs.ColorHLSToRGB((160, 120, 240))  # hue 160/240 = 240 degrees
    assert (blue.R, blue.G, blue.B) == (0, 0, 255)
    dark = rs.ColorAdjustLuma((255, 0, 0), 250)  # 25 % luminance, same hue
    assert (dark.R, dark.G, dark.B) == (128, 0, 0)
    lighter = rs.ColorAdjustLuma((128, 0, 0), 100, True)  # L 128/510 -> +0.1, saturation stays 1
    assert (lighter.R, lighter.G, lighter.B) == (round(2 * (128 / 510 + 0.1) * 255), 0, 0)


def test_angles_distance_polar():
    xy, elev, dx, dy, dz = rs.Angle((0, 0, 0), (1, 1, math.sqrt(2)))
    assert xy == pytest.approx(45.0) and elev == pytest.approx(45.0) and (dx, dy) == (1.0, 1.0)
    xy, _, _, _, _ = rs.Angle((0, 0, 0), (0, 1, 0), rs.PlaneFromFrame((0, 0, 0), (0, 1, 0), (-1, 0, 0)))
    assert xy == pytest.approx(0.0)
    a, reflex = rs.Angle2(((0, 0, 0), (1, 0, 0)), ((0, 0, 0), (1, 1, 0)))
    assert a == pytest.approx(45.0) and reflex == pytest.approx(315.0)
    assert rs.Angle2(((0, 0, 0), (0, 0, 0)), ((0, 0, 0), (1, 0, 0))) is None
    assert rs.Distance((0, 0, 0), (3, 4, 12)) == 13.0
    assert rs.Distance((0, 0, 0), [(3, 4, 0), (0, 0, 2)]) == [5.0, 2.0]
    assert close(rs.Polar((1, 1, 0), 45.0, math.sqrt(2)), (2, 2, 0), 1e-15)
    assert close(rs.Polar((0, 0, 0), 90.0, 2.0, rs.WorldYZPlane()), (0, 0, 2), 1e-15)


def test_point_lists_and_numbers(doc):
    pts = [(3, 1, 0), (1, 2, 0), (1, 1, 5)]
    assert [tuple(p) for p in rs.SortPoints(pts)] == [(1, 1, 5), (1, 2, 0), (3, 1, 0)]
    assert [tuple(p) for p in rs.SortPoints(pts, False)] == [(3, 1, 0), (1, 2, 0), (1, 1, 5)]
    assert [tuple(p) for p in rs.SortPoints(pts, True, 5)] == [(3, 1, 0), (1, 2, 0), (1, 1, 5)]  # Z, Y, X
    assert [tuple(p) for p in rs.SortPoints(pts, True, 2)] == [(1, 1, 5), (3, 1, 0), (1, 2, 0)]  # Y, X, Z
    culled = rs.CullDuplicatePoints([(0, 0, 0), (1, 0, 0), (0, 0, 0), (1, 0, 1e-12)])
    assert [tuple(p) for p in culled] == [(0, 0, 0), (1, 0, 0)]
    assert len(rs.CullDuplicatePoints([(0, 0, 0), (0.5, 0, 0)], 1.0)) == 1
    assert rs.CullDuplicateNumbers([1, 1, 2, 2, 3, 3, 4, 4, 5, 5]) == [1, 2, 3, 4, 5]
    assert rs.CullDuplicateNumbers([1.0, 1.0005, 2.0]) == [1.0, 2.0]  # document tolerance 0.001
    ordered = rs.SortPointList([(0, 0, 0), (3, 0, 0), (1, 0, 0), (2, 0, 0)])
    assert [p.X for p in ordered] == [0, 1, 2, 3]
    assert rs.SimplifyArray([(1, 2, 3), (4, 5, 6)]) == [1, 2, 3, 4, 5, 6]
    assert rs.frange(0, 1, 0.25) == [0, 0.25, 0.5, 0.75, 1.0]
    assert rs.frange(1, 0, -0.5) == [1, 0.5, 0.0]
    with pytest.raises(ValueError):
        rs.frange(0, 1, -0.5)
    assert rs.clamp(0, 10, 12) == 10 and rs.clamp(0, 10, -1) == 0 and rs.clamp(0, 10, 5) == 5
    iv = rs.CreateInterval(-3)
    assert (iv.T0, iv.T1) == (-3.0, 0.0) and tuple(rs.CreateInterval((2, 5))) == (2.0, 5.0)


def test_context_clipboard_sleep_settings(tmp_path):
    assert rs.ContextIsRhino() and not rs.ContextIsGrasshopper()
    rs.ClipboardText("first")
    assert rs.ClipboardText("second") == "first" and rs.ClipboardText() == "second"
    rs.Sleep(1)
    ini = tmp_path / "settings.ini"
    ini.write_text("[Main]\nColor = red\nSize = 3\n", encoding="utf-8")
    assert rs.GetSettings(str(ini)) == ["Main"]
    assert rs.GetSettings(str(ini), "main") == ["color", "size"]
    assert rs.GetSettings(str(ini), "Main", "Size") == "3"
    assert rs.GetSettings(str(tmp_path / "missing.ini")) is None
