"""rs selection: object lists, rs.filter, and pickers honouring preselection / scripted answers."""
import uuid

import pytest
import rhino3dm

import rhino_headless.rhinoscriptsyntax as rs
from rhino_headless import scriptcontext as sc
from rhino_headless.document import HeadlessDoc
from rhino_headless.errors import NeedsUserInputError
from rhino_plugin.hosts.headless import HeadlessHost

P = rhino3dm.Point3d


@pytest.fixture
def doc():
    d = HeadlessDoc()
    with sc.use_doc(d):
        yield d


@pytest.fixture
def objs(doc):
    box = rhino3dm.Brep.CreateFromBox(rhino3dm.Box(rhino3dm.BoundingBox(P(0, 0, 0), P(1, 1, 1))))
    return {
        "point": doc.add(rhino3dm.Point(P(1, 2, 3))),
        "curve": doc.add(rhino3dm.LineCurve(P(0, 0, 0), P(5, 0, 0))),
        "box": doc.add(box),
    }


def test_filter_constants_are_rhinos():
    f = rs.filter
    assert (f.allobjects, f.point, f.pointcloud, f.curve, f.surface, f.polysurface, f.mesh) == (0, 1, 2, 4, 8, 16, 32)
    assert (f.light, f.annotation, f.instance, f.textdot, f.grip, f.detail, f.hatch) == \
        (256, 512, 4096, 8192, 16384, 32768, 65536)
    assert (f.morph, f.subd, f.cage, f.phantom, f.clippingplane, f.extrusion) == \
        (131072, 262144, 134217728, 268435456, 536870912, 1073741824)


def test_lists_run_newest_first(doc, objs):
    ids = [objs["point"], objs["curve"], objs["box"]]
    assert rs.AllObjects() == ids[::-1]
    assert rs.FirstObject() == objs["box"] and rs.LastObject() == objs["point"]
    assert rs.NextObject(objs["box"]) == objs["curve"] and rs.NextObject(objs["point"]) is None
    rs.HideObject(objs["curve"])
    assert objs["curve"] in rs.AllObjects() and rs.HiddenObjects() == [objs["curve"]]  # as in rs
    assert rs.FirstObject() == objs["box"] and rs.NextObject(objs["box"]) == objs["point"]  # skips hidden
    rs.LockObject(objs["point"])
    assert rs.LockedObjects() == [objs["point"]] and rs.NormalObjects() == [objs["box"]]
    rs.AddLayer("Off", visible=False)
    rs.ObjectLayer(objs["box"], "Off")
    assert rs.HiddenObjects() == [objs["box"], objs["curve"]]  # objects on hidden layers count too
    assert rs.LastCreatedObjects() is None  # no Rhino command ever ran


def test_objects_by_type_layer_name_color(doc, objs):
    assert rs.ObjectsByType(rs.filter.curve) == [objs["curve"]]
    assert rs.ObjectsByType(rs.filter.polysurface | rs.filter.point) == [objs["box"], objs["point"]]
    assert rs.ObjectsByType(rs.filter.surface) == []  # a closed box is a polysurface
    rs.HideObject(objs["curve"])
    assert rs.ObjectsByType(rs.filter.curve) == [objs["curve"]]  # state 0: normal, locked and hidden
    assert rs.ObjectsByType(rs.filter.curve, state=1) == [] and rs.ObjectsByType(4, state=4) == [objs["curve"]]
    rs.ShowObject(objs["curve"])
    assert rs.ObjectsByType(rs.filter.curve, select=True) and rs.IsObjectSelected(objs["curve"])
    rs.AddLayer("L")
    rs.ObjectLayer(objs["point"], "L")
    assert rs.ObjectsByLayer("L") == [objs["point"]]
    rs.ObjectName(objs["box"], "Box A")
    assert rs.ObjectsByName("box a") == [objs["box"]] and rs.ObjectsByName("Box*") == [objs["box"]]
    rs.ObjectColor(objs["curve"], (9, 9, 9))
    assert rs.ObjectsByColor((9, 9, 9)) == [objs["curve"]]


def test_selection_invert_and_clear(doc, objs):
    rs.SelectObjects([objs["point"], objs["curve"]])
    assert set(rs.SelectedObjects()) == {objs["point"], objs["curve"]}
    assert rs.InvertSelectedObjects() == [objs["box"]]
    assert rs.SelectedObjects() == [objs["box"]]
    assert rs.UnselectAllObjects() == 1 and rs.SelectedObjects() == []


def test_get_object_preselection_and_answers(doc, objs):
    rs.SelectObject(objs["curve"])
    assert rs.GetObject("pick", rs.filter.curve, preselect=True, select=True) == objs["curve"]
    assert rs.SelectedObjects() == [objs["curve"]]
    assert rs.GetObject("pick", rs.filter.curve, preselect=True) == objs["curve"]
    assert rs.SelectedObjects() == []  # without select=True, rs clears the selection after the pick
    # preselect=False clears the selection first, then takes the scripted answer
    doc.answers = [str(objs["box"])]
    assert rs.GetObject("pick") == objs["box"]
    assert rs.SelectedObjects() == []  # picked objects stay unselected unless select=True
    doc.answers = [str(objs["point"])]
    assert rs.GetObject("pick", select=True) == objs["point"] and rs.IsObjectSelected(objs["point"])
    doc.answers = [None]  # Escape
    assert rs.GetObject() is None
    with pytest.raises(NeedsUserInputError):
        rs.GetObject("nothing left")
    doc.answers = [str(objs["box"])]
    with pytest.raises(ValueError, match="filter"):
        rs.GetObject("curves only", rs.filter.curve)
    doc.answers = [str(uuid.uuid4())]
    with pytest.raises(ValueError, match="not an object"):
        rs.GetObject()


def test_get_objects_and_curve_object(doc, objs):
    doc.answers = [[str(objs["curve"]), str(objs["point"])]]
    assert rs.GetObjects("pick") == [objs["curve"], objs["point"]]
    doc.answers = [[str(objs["curve"])]]
    with pytest.raises(ValueError):
        rs.GetObjects("two", minimum_count=2)
    doc.answers = [str(objs["curve"])]
    cid, presel, method, point, t, view = rs.GetCurveObject("curve")
    assert cid == objs["curve"] and presel is False and (point[0], point[1], point[2]) == (0, 0, 0) and t == 0.0
    assert view == "Perspective"
    doc.answers = [[str(objs["point"])]]
    assert [tuple(p) for p in rs.GetPointCoordinates()] == [(1, 2, 3)]


def test_custom_filter_sees_geometry(doc, objs):
    doc.answers = [str(objs["curve"])]
    assert rs.GetObject(custom_filter=lambda rhobj, geom, index: isinstance(geom, rhino3dm.Curve)) == objs["curve"]
    doc.answers = [str(objs["point"])]
    with pytest.raises(ValueError, match="custom_filter"):
        rs.GetObject(custom_filter=lambda rhobj, geom, index: isinstance(geom, rhino3dm.Curve))
    doc.answers = [str(objs["point"])]  # a filter that raises accepts the object, as in rs
    assert rs.GetObject(custom_filter=lambda rhobj, geom, index: 1 / 0) == objs["point"]


def test_script_without_answers_fails_with_needs_user_input():
    host = HeadlessHost()
    result = host.run("import rhinoscriptsyntax as rs\nobj = rs.GetObject('Select a curve', rs.filter.curve)\n")
    assert not result.ok and result.error.type == "NeedsUserInputError"
    assert "rs.GetObject" in result.error.message and result.error.line == 2


def test_script_uses_preselection_through_the_host():
    doc = HeadlessDoc()
    cid = doc.add(rhino3dm.LineCurve(P(0, 0, 0), P(3, 4, 0)))
    doc.select([cid])
    result = HeadlessHost(doc).run("import rhinoscriptsyntax as rs\n"
                                   "obj = rs.GetObject('Select a curve', rs.filter.curve, preselect=True)\n"
                                   "rs.ObjectName(obj, 'picked')\nprint(rs.ObjectType(obj))\n")
    assert result.ok, result.error
    assert result.stdout.strip() == "4" and doc.find(cid).name == "picked"
