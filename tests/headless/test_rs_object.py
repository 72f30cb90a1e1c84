"""rs object functions (state, attributes, type codes) on a real headless document."""
import uuid

import pytest
import rhino3dm

import rhino_headless.rhinoscriptsyntax as rs
from rhino_headless import scriptcontext as sc
from rhino_headless.document import HeadlessDoc
from rhino_plugin.hosts.headless import HeadlessHost

P = rhino3dm.Point3d


@pytest.fixture
def doc():
    d = HeadlessDoc()
    with sc.use_doc(d):
        yield d


def line(doc, a=(0, 0, 0), b=(10, 0, 0)):
    return doc.add(rhino3dm.LineCurve(P(*a), P(*b)))


def test_object_type_codes_match_rhino(doc):
    box = rhino3dm.Brep.CreateFromBox(rhino3dm.Box(rhino3dm.BoundingBox(P(0, 0, 0), P(1, 1, 1))))
    plane = rhino3dm.PlaneSurface(rhino3dm.Plane.WorldXY(), rhino3dm.Interval(0, 1), rhino3dm.Interval(0, 1))
    mesh = rhino3dm.Mesh()
    for v in [(0, 0, 0), (1, 0, 0), (1, 1, 0)]:
        mesh.Vertices.Add(*v)
    mesh.Faces.AddFace(0, 1, 2)
    ids = {
        1: doc.add(rhino3dm.Point(P(1, 2, 3))),
        2: doc.add(rhino3dm.PointCloud([P(0, 0, 0), P(1, 1, 1)])),
        4: line(doc),
        8: doc.add(rhino3dm.Brep.CreateFromSurface(plane)),  # a one-face brep is a surface
        16: doc.add(box),
        32: doc.add(mesh),
        8192: doc.add(rhino3dm.TextDot("t", P(0, 0, 0))),
    }
    for code, oid in ids.items():
        assert rs.ObjectType(oid) == code
        assert rs.ObjectType(str(oid)) == code  # ids as strings work everywhere
    assert rs.IsObjectSolid(ids[16]) and not rs.IsObjectSolid(ids[8])
    assert rs.ObjectDescription(ids[16]) == "closed polysurface"
    assert rs.ObjectDescription(ids[4]) == "curve"


def test_missing_object_is_a_clear_value_error(doc):
    with pytest.raises(ValueError, match="does not exist"):
        rs.ObjectType(uuid.uuid4())
    assert rs.IsObject(uuid.uuid4()) is False
    with pytest.raises(ValueError, match="Guid"):
        rs.IsObject("not an id")  # bad input is an error in rs too, only a missing id is False


def test_name_color_layer_get_set_return_previous(doc):
    a, b = line(doc), line(doc, (0, 1, 0), (5, 1, 0))
    assert rs.ObjectName(a) is None
    assert rs.ObjectName(a, "first") is None
    assert rs.ObjectName(a) == "first"
    assert rs.ObjectName([a, b], "both") == 2  # a list returns the count
    assert rs.ObjectLayer([a], "Default") == 1
    assert rs.ObjectName(b) == "both"
    rs.AddLayer("Walls", (0, 0, 255))
    assert rs.ObjectLayer(a, "Walls") == "Default"
    assert rs.ObjectLayer(a) == "Walls"
    c = rs.ObjectColor(a)  # by layer: the layer's colour
    assert (c.R, c.G, c.B) == (0, 0, 255)
    assert rs.ObjectColorSource(a) == 0
    rs.ObjectColor(a, (255, 0, 0))
    c = rs.ObjectColor(a)
    assert (c.R, c.G, c.B) == (255, 0, 0) and rs.ObjectColorSource(a) == 1
    with pytest.raises(ValueError):
        rs.ObjectLayer(a, "No such layer")
    with pytest.raises(ValueError):
        rs.ObjectColor([a, b])  # getting needs one object


def test_print_width_and_sources(doc):
    a = line(doc)
    assert rs.ObjectPrintWidth(a) == 0.0
    assert rs.ObjectPrintWidth(a, 0.5) == 0.0
    assert rs.ObjectPrintWidth(a) == 0.5 and rs.ObjectPrintWidthSource(a) == 1
    assert rs.ObjectPrintColorSource(a, 1) == 0 and rs.ObjectPrintColorSource(a) == 1
    assert rs.ObjectLinetype(a) == "Continuous"
    assert rs.ObjectMaterialIndex(a) == -1 and rs.ObjectMaterialIndex(a, 3) == -1  # no such material
    assert rs.ObjectLayout(a) is None and rs.ObjectLayout(a, "Page 1") is None  # no layouts headless
    assert rs.ObjectPrintColor(a).R == 0 and rs.ObjectPrintColor([a], (9, 9, 9)) == 1  # a list: the count


def test_hide_lock_select_states(doc):
    a, b = line(doc), line(doc, (0, 2, 0), (1, 2, 0))
    assert rs.SelectObjects([a, b]) == 2 and rs.IsObjectSelected(a) == 1
    assert rs.HideObject(a) and rs.IsObjectHidden(a) and not rs.IsObjectSelected(a)
    assert rs.SelectObject(a) is False  # hidden objects cannot be selected
    assert rs.ShowObject(a) and rs.IsObjectNormal(a)
    assert rs.LockObjects([a, b]) == 2 and rs.IsObjectLocked(b)
    assert not rs.IsObjectSelectable(b)
    assert rs.UnlockObject(b) and rs.IsObjectSelectable(b)
    assert rs.UnselectObjects([a, b]) == 2


def test_delete_and_match_attributes(doc):
    a, b = line(doc), line(doc, (0, 3, 0), (1, 3, 0))
    rs.ObjectName(a, "source")
    rs.ObjectColor(a, (10, 20, 30))
    assert rs.MatchObjectAttributes(b, a) == 1
    assert rs.ObjectName(b) == "source" and rs.ObjectColorSource(b) == 1
    assert rs.IsObject(b)  # the id stays
    assert rs.DeleteObjects([a, b]) == 2 and not rs.IsObject(a)
    assert rs.DeleteObject(a) is False


def test_object_in_box(doc):
    a = line(doc, (1, 1, 0), (2, 2, 0))
    box = [(0, 0, -1), (5, 0, -1), (5, 5, -1), (0, 5, -1), (0, 0, 1), (5, 0, 1), (5, 5, 1), (0, 5, 1)]
    assert rs.IsObjectInBox(a, box)
    small = [(0, 0, -1), (1.5, 1.5, 1)]
    assert not rs.IsObjectInBox(a, small) and rs.IsObjectInBox(a, small, False)


def test_attribute_changes_in_a_failed_script_roll_back():
    doc = HeadlessDoc()
    a = doc.add(rhino3dm.LineCurve(P(0, 0, 0), P(1, 0, 0)))
    before = doc.snapshot()
    host = HeadlessHost(doc)
    result = host.run("import rhinoscriptsyntax as rs\n"
                      "oid = rs.AllObjects()[0]\n"
                      "rs.ObjectName(oid, 'x'); rs.ObjectColor(oid, (1, 2, 3)); rs.HideObject(oid)\n"
                      "rs.AddLayer('New'); rs.ObjectLayer(oid, 'New')\n"
                      "raise RuntimeError('boom')\n")
    assert not result.ok and result.error.type == "RuntimeError"
    assert doc.snapshot() == before
    ok = host.run("import rhinoscriptsyntax as rs\nrs.ObjectName(rs.AllObjects()[0], 'kept')\n")
    assert ok.ok and ok.modified == [str(a)]


def test_lights_are_objects_listed_only_with_include_lights(doc):
    spot = rs.AddSpotLight((0, 0, 0), 2, (0, 0, 10))
    assert rs.IsLight(spot) and rs.IsSpotLight(spot) and not rs.IsPointLight(spot)
    assert rs.ObjectType(spot) == 256 and rs.LightCount() == 1 and rs.LightObjects() == [spot]
    assert rs.AllObjects() == [] and rs.AllObjects(include_lights=True) == [spot]
    assert rs.SpotLightRadius(spot) == pytest.approx(2.0)
    assert tuple(rs.LightLocation(spot)) == (0, 0, 10) and tuple(rs.LightDirection(spot)) == (0, 0, -10)
    assert rs.SpotLightRadius(spot, 5) == pytest.approx(2.0) and rs.SpotLightRadius(spot) == pytest.approx(5.0)
    assert rs.EnableLight(spot, False) is True and not rs.IsLightEnabled(spot)
    c = rs.LightColor(spot, (255, 0, 0))
    assert (c.R, c.G, c.B) == (255, 255, 255) and rs.LightColor(spot).G == 0
    rect = rs.AddRectangularLight((0, 0, 0), (4, 0, 0), (0, 2, 0))
    plane, (length, width) = rs.RectangularLightPlane(rect)
    assert (length, width) == (2.0, 4.0) and rs.IsRectangularLight(rect)
    assert rs.RectangularLightPlane(spot) is None
    assert rs.IsLinearLight(rs.AddLinearLight((0, 0, 0), (10, 0, 0)))
    assert rs.IsDirectionalLight(rs.AddDirectionalLight((0, 0, 10), (0, 0, 0)))
    assert rs.IsPointLight(rs.AddPointLight((1, 1, 1))) and rs.LightCount() == 5
    with pytest.raises(ValueError, match="not a light"):
        rs.LightName(line(doc))


def test_annotation_block_hatch_queries_on_plain_objects(doc):
    a = line(doc)
    assert not rs.IsDimension(a) and not rs.IsLeader(a) and rs.DimensionText(a) is None
    assert not rs.IsBlockInstance(a) and not rs.IsHatch(a)
    with pytest.raises(ValueError, match="not a block instance"):
        rs.BlockInstanceXform(a)
    from rhino_headless.errors import NeedsRhinoError
    assert rs.BlockNames() == []  # a new document has no block definitions
    with pytest.raises(NeedsRhinoError, match="block definition table"):
        rs.AddBlock([a], (0, 0, 0), "B")


def test_grips_are_control_points_and_move_through_the_document(doc):
    pts = [P(0, 0, 0), P(1, 1, 0), P(2, 0, 0), P(3, 1, 0)]
    crv = doc.add(rhino3dm.NurbsCurve.Create(False, 3, pts))
    assert not rs.ObjectGripsOn(crv) and rs.ObjectGripCount(crv) is None
    rs.EnableObjectGrips(crv)
    assert rs.ObjectGripsOn(crv) and rs.ObjectGripCount(crv) == 4
    assert [tuple(p) for p in rs.ObjectGripLocations(crv)] == [(0, 0, 0), (1, 1, 0), (2, 0, 0), (3, 1, 0)]
    assert tuple(rs.ObjectGripLocation(crv, 1, (5, 5, 5))) == (1, 1, 0)
    moved = doc.find(crv).geometry.Points[1]
    assert (moved.X, moved.Y, moved.Z) == (5, 5, 5) and tuple(rs.ObjectGripLocation(crv, 1)) == (5, 5, 5)
    assert rs.SelectObjectGrip(crv, 0) and rs.ObjectGripsSelected(crv)
    assert rs.NextObjectGrip(crv, 0) == 1 and rs.SelectedObjectGrips(crv) == [0, 1]
    assert rs.PrevObjectGrip(crv, 0) is None and rs.UnselectObjectGrips(crv) == 4
    doc.answers = [[str(crv), 3]]
    owner, index, where = rs.GetObjectGrip()
    assert owner == crv and index == 3 and tuple(where) == (3, 1, 0)
    rs.EnableObjectGrips(crv, False)
    assert rs.ObjectGripLocations(crv) is None
    mesh = rhino3dm.Mesh()
    for v in [(0, 0, 0), (1, 0, 0), (1, 1, 0)]:
        mesh.Vertices.Add(*v)
    mesh.Faces.AddFace(0, 1, 2)
    mid = doc.add(mesh)
    rs.EnableObjectGrips(mid)
    rs.ObjectGripLocations(mid, [(0, 0, 1), (1, 0, 1), (1, 1, 1)])
    assert doc.find(mid).geometry.Vertices.Point3dAt(2).Z == 1
    box = doc.add(rhino3dm.Brep.CreateFromBox(rhino3dm.Box(rhino3dm.BoundingBox(P(0, 0, 0), P(1, 1, 1)))))
    rs.EnableObjectGrips(box)
    assert not rs.ObjectGripsOn(box)  # polysurfaces have no control points
