"""HeadlessDoc core API, .3dm round trips and the RhinoCommon facade, on real rhino3dm geometry."""
import os
import uuid

import pytest
import rhino3dm as r

import rhino_headless.Rhino as Rhino
from rhino_headless import scriptcontext as sc
from rhino_headless.document import DocumentFileError, HeadlessDoc, to_color, to_uuid
from rhino_headless.errors import NeedsRhinoError, NeedsUserInputError
from rhino_headless.System.Drawing import Color


def line(x0, y0, x1, y1, z=0.0):
    return r.LineCurve(r.Point3d(x0, y0, z), r.Point3d(x1, y1, z))


def rich_doc():
    """Every kind of thing the document stores: geometry types, layers, groups, attributes."""
    doc = HeadlessDoc(unit_system="Meters", tolerance=0.01, angle_tolerance=0.5)
    walls = doc.add_layer("Walls", color=(255, 0, 0))
    inner = doc.add_layer("Walls::Inner", visible=False)
    doc.add_layer("Temp")
    doc.delete_layer(doc.find_layer("Temp"))  # a deleted entry before the next layer
    roof = doc.add_layer("Roof", color=(0, 0, 255), locked=True)
    ids = {
        "point": doc.add(r.Point(r.Point3d(1, 2, 3))),
        "line": doc.add(line(0, 0, 10, 0)),
        "circle": doc.add(r.Circle(r.Point3d(0, 0, 0), 5).ToNurbsCurve()),
        "polyline": doc.add(r.PolylineCurve([r.Point3d(0, 0, 0), r.Point3d(1, 1, 0), r.Point3d(2, 0, 1)])),
        "box": doc.add(r.Brep.CreateFromBox(r.Box(r.BoundingBox(0, 0, 0, 1, 2, 3)))),
        "sphere": doc.add(r.Brep.CreateFromSphere(r.Sphere(r.Point3d(5, 5, 5), 2))),
        "cloud": doc.add(r.PointCloud([r.Point3d(i, i, 0) for i in range(5)])),
        "dot": doc.add(r.TextDot("hi", r.Point3d(3, 3, 0))),
        "extrusion": doc.add(r.Extrusion.CreateBoxExtrusion(r.Box(r.BoundingBox(0, 0, 0, 1, 1, 1)), True)),
    }
    mesh = r.Mesh()
    for p in [(0, 0, 0), (1, 0, 0), (1, 1, 0), (0, 1, 0)]:
        mesh.Vertices.Add(*p)
    mesh.Faces.AddFace(0, 1, 2, 3)
    ids["mesh"] = doc.add(mesh)
    doc.update_attributes(ids["line"], Name="edge", LayerIndex=walls, ObjectColor=(10, 20, 30),
                          ColorSource=r.ObjectColorSource.ColorFromObject, user_strings={"a": "1", "b": "2"})
    doc.update_attributes(ids["box"], LayerIndex=inner)
    doc.update_attributes(ids["mesh"], LayerIndex=roof)
    g = doc.add_group("Pair")
    doc.add_to_group([ids["line"], ids["point"]], g)
    doc.add_group("Empty")
    doc.current_layer = walls
    return doc, ids


# ---- objects --------------------------------------------------------------------------------
def test_add_find_delete_in_table_order():
    doc = HeadlessDoc()
    a = doc.add(line(0, 0, 1, 0))
    b = doc.add(r.Point(r.Point3d(1, 1, 1)))
    assert isinstance(a, uuid.UUID)
    assert doc.object_ids() == [a, b]
    assert doc.find(str(a)).id == a and doc.find("{%s}" % b).id == b
    assert doc.find(uuid.uuid4()) is None and doc.find("not an id") is None
    assert doc.find(a).layer_index == doc.current_layer == 0
    assert doc.delete(a) and not doc.delete(a)
    assert doc.object_ids() == [b] and len(doc) == 1


def test_add_and_replace_copy_the_geometry():
    doc = HeadlessDoc()
    crv = line(0, 0, 1, 0)
    oid = doc.add(crv)
    crv.Translate(r.Vector3d(0, 0, 7))  # the caller's object is not the document's
    assert doc.find(oid).geometry.PointAtStart.Z == 0
    copy = doc.geometry_copy(oid)
    copy.Translate(r.Vector3d(5, 0, 0))
    assert doc.find(oid).geometry.PointAtStart.X == 0
    assert doc.replace(oid, copy)
    assert doc.find(oid).geometry.PointAtStart.X == 5
    assert not doc.replace(uuid.uuid4(), copy)
    with pytest.raises(TypeError):
        doc.add("not geometry")


def test_attributes_keep_id_and_user_strings_can_be_removed():
    doc = HeadlessDoc()
    oid = doc.add(line(0, 0, 1, 0))
    assert doc.update_attributes(oid, Name="a", user_strings={"k": "v", "x": "y"})
    assert doc.update_attributes(oid, user_strings={"x": None})
    attrs = doc.find(oid).attributes
    assert attrs.Id == oid and attrs.Name == "a"
    assert dict(attrs.GetUserStrings()) == {"k": "v"}
    other = doc.attributes_copy(oid)
    other.Id = uuid.uuid4()
    assert doc.set_attributes(oid, other) and doc.find(oid).attributes.Id == oid
    bad = doc.attributes_copy(oid)
    bad.LayerIndex = 42
    assert not doc.set_attributes(oid, bad)
    with pytest.raises(AttributeError):
        doc.update_attributes(oid, NoSuchField=1)


def test_add_keeps_a_free_id_and_replaces_a_taken_one():
    doc = HeadlessDoc()
    attrs = r.ObjectAttributes()
    wanted = uuid.uuid4()
    attrs.Id = wanted
    assert doc.add(line(0, 0, 1, 0), attrs) == wanted
    assert doc.add(line(0, 0, 2, 0), attrs) != wanted


def test_selection_skips_hidden_and_locked():
    doc = HeadlessDoc()
    a, b, c = (doc.add(r.Point(r.Point3d(i, 0, 0))) for i in range(3))
    doc.update_attributes(b, Mode=r.ObjectMode.Hidden)
    doc.update_attributes(c, Mode=r.ObjectMode.Locked)
    assert doc.select([a, b, c]) == 1
    assert doc.selected_ids() == [a]
    assert doc.objects(include_hidden=False, include_locked=False)[0].id == a
    assert doc.unselect_all() == 1 and doc.selected_ids() == []


# ---- layers -----------------------------------------------------------------------------------
def test_layer_paths_parents_and_lookup():
    doc = HeadlessDoc()
    deep = doc.add_layer("A::B::C", color=(1, 2, 3))
    assert doc.layer_full_path(deep) == "A::B::C"
    b = doc.find_layer("A::B")
    assert doc.layer_parent(deep) == b and doc.layer_children(b) == [deep]
    assert doc.add_layer("A::B") == b  # existing path reused
    assert doc.find_layer("a::b::c") == deep and doc.find_layer("C") == deep
    assert doc.find_layer(doc.layer(deep).Id) == deep
    assert doc.find_layer("Nope") == -1
    assert doc.layer(deep).Color == (1, 2, 3, 255)
    auto = doc.add_layer()
    assert doc.layer(auto).Name == "Layer 01"
    with pytest.raises(ValueError):
        doc.add_layer("X", parent="missing")


def test_layer_modify_rename_and_delete_rules():
    doc = HeadlessDoc()
    a = doc.add_layer("A")
    b = doc.add_layer("B")
    assert doc.rename_layer(a, "A2") and doc.find_layer("A2") == a
    with pytest.raises(ValueError):
        doc.rename_layer(a, "B")  # sibling name clash
    with pytest.raises(ValueError):
        doc.modify_layer(a, ParentLayerId=doc.layer(doc.add_layer("A2::kid")).Id)  # cycle
    oid = doc.add(r.Point(r.Point3d(0, 0, 0)))
    doc.update_attributes(oid, LayerIndex=b)
    assert not doc.delete_layer(b)  # holds an object
    doc.current_layer = a
    assert not doc.delete_layer(a)  # current layer
    assert doc.delete_layer(b, purge=True) and doc.find(oid) is None
    assert doc.layer(b) is None and b not in doc.layer_indices()
    assert doc.layer_table_count == 4  # deleted entries keep their index
    with pytest.raises(ValueError):
        doc.current_layer = b


def test_hidden_layer_objects_cannot_be_selected():
    doc = HeadlessDoc()
    hidden = doc.add_layer("Hidden", visible=False)
    oid = doc.add(r.Point(r.Point3d(0, 0, 0)))
    doc.update_attributes(oid, LayerIndex=hidden)
    assert doc.select([oid]) == 0


# ---- groups -----------------------------------------------------------------------------------
def test_groups():
    doc = HeadlessDoc()
    a, b = doc.add(line(0, 0, 1, 0)), doc.add(line(0, 0, 2, 0))
    g = doc.add_group("G")
    assert doc.add_group("g") == -1  # names are case-insensitive
    assert doc.group(doc.add_group()).name == "Group01"
    assert doc.add_to_group([a, b, uuid.uuid4()], g) == 2
    assert doc.group_members(g) == [a, b] and doc.object_groups(a) == [g]
    assert doc.remove_from_group([a], g) == 1 and doc.group_members(g) == [b]
    assert doc.rename_group(g, "H") and doc.find_group("h") == g
    assert doc.delete_group(g) and doc.object_groups(b) == [] and doc.find_group("H") == -1


# ---- document values ---------------------------------------------------------------------------
def test_units_tolerances_strings_answers():
    doc = HeadlessDoc()
    doc.unit_system = "inches"
    assert doc.units_name == "Inches"
    doc.unit_system = 4  # Rhino's number for meters
    assert doc.unit_system == r.UnitSystem.Meters
    with pytest.raises(ValueError):
        doc.unit_system = "furlongs"
    with pytest.raises(ValueError):
        doc.tolerance = 0
    doc.set_string("k", "v")
    assert doc.get_string("k") == "v" and doc.strings == {"k": "v"}
    doc.set_string("k", None)
    assert doc.strings == {}
    doc.answers = [(1, 2, 3), "second"]
    assert doc.next_answer("GetPoint") == (1, 2, 3)
    assert doc.next_answer("GetString") == "second"
    with pytest.raises(NeedsUserInputError, match="GetObject"):
        doc.next_answer("GetObject")


def test_value_helpers():
    assert to_color(Color.Red) == (255, 0, 0, 255)
    assert to_color((1, 2, 3)) == (1, 2, 3, 255)
    assert to_color(0x0000FF) == (255, 0, 0, 255)
    with pytest.raises(ValueError):
        to_color((300, 0, 0))
    u = uuid.uuid4()
    assert to_uuid(str(u).upper()) == u and to_uuid(5) is None



def test_named_colours_are_dotnets_known_colours():
    from rhino_headless.System import Drawing

    names = [n for n in Drawing._NAMED]
    assert len(names) == 141 and "Gray" in names and not any("Grey" in n for n in names)
    assert Color.DarkSeaGreen == (143, 188, 143) and Color.Cornsilk.Name == "Cornsilk"
    assert Color.CadetBlue.IsKnownColor and not Color.FromArgb(95, 158, 160).IsKnownColor
    for wrong in ("Grey", "red", "darkseagreen"):  # .NET's properties are spelt exactly
        with pytest.raises(AttributeError):
            getattr(Color, wrong)
    assert Color.FromName("cadetBLUE") == Color.CadetBlue  # FromName ignores case
    unknown = Color.FromName("Grey")  # and gives ARGB 0 for a name it does not know
    assert unknown.ToArgb() == 0 and unknown.Name == "Grey" and not unknown.IsKnownColor
    assert Color.FromName("transparent").A == 0

# ---- files ------------------------------------------------------------------------------------
def test_save_load_round_trip_is_identical(tmp_path):
    doc, ids = rich_doc()
    path = str(tmp_path / "model.3dm")
    doc.save(path)
    back = HeadlessDoc.load(path)
    # layer indices are compacted on save (the deleted entry is gone); compare by content
    assert back.object_ids() == doc.object_ids()
    for oid in doc.object_ids():
        a, b = doc.find(oid), back.find(oid)
        assert a.geometry.Encode()["data"] == b.geometry.Encode()["data"]
        assert doc.layer_full_path(a.layer_index) == back.layer_full_path(b.layer_index)
        assert a.name == b.name and dict(a.attributes.GetUserStrings()) == dict(b.attributes.GetUserStrings())
    assert [doc.layer_full_path(i) for i in doc.layer_indices()] == [back.layer_full_path(i) for i in back.layer_indices()]
    assert back.layer(back.find_layer("Roof")).Locked and not back.layer(back.find_layer("Walls::Inner")).Visible
    assert [g.name for g in back.groups()] == ["Pair", "Empty"]
    assert back.group_members(back.find_group("Pair")) == [ids["point"], ids["line"]]
    assert (back.units_name, back.tolerance, back.angle_tolerance) == ("Meters", 0.01, 0.5)
    # and a file we wrote and read back writes and reads back to an identical snapshot
    path2 = str(tmp_path / "again.3dm")
    back.save(path2)
    assert HeadlessDoc.load(path2).snapshot() == back.snapshot()
    assert back.path == os.path.abspath(path2) and back.name == "model.3dm"


def test_save_is_atomic_and_never_half_written(tmp_path):
    doc, _ = rich_doc()
    path = str(tmp_path / "keep.3dm")
    HeadlessDoc().save(path)
    original = open(path, "rb").read()

    class Unwritable(object):
        def Write(self, *args):
            return False  # openNURBS refused: nothing may replace the old file

    doc.to_file3dm = lambda: Unwritable()
    with pytest.raises(DocumentFileError):
        doc.save(path)
    assert open(path, "rb").read() == original
    assert os.listdir(str(tmp_path)) == ["keep.3dm"]  # no temp file left
    with pytest.raises(DocumentFileError, match="does not exist"):
        HeadlessDoc().save(str(tmp_path / "no" / "such" / "x.3dm"))


def test_load_rejects_bad_files(tmp_path):
    with pytest.raises(DocumentFileError, match="no such file"):
        HeadlessDoc.load(str(tmp_path / "missing.3dm"))
    text = tmp_path / "text.3dm"
    text.write_text("not a rhino file")
    with pytest.raises(DocumentFileError, match="not a Rhino .3dm"):
        HeadlessDoc.load(str(text))
    good = str(tmp_path / "good.3dm")
    rich_doc()[0].save(good)
    cut = tmp_path / "cut.3dm"
    cut.write_bytes(open(good, "rb").read()[:200])
    with pytest.raises(DocumentFileError):
        HeadlessDoc.load(str(cut))
    with pytest.raises(DocumentFileError):
        HeadlessDoc.load(str(tmp_path))


# ---- RhinoCommon facade (sc.doc) -----------------------------------------------------------------
def test_facade_objects_hand_out_const_geometry():
    doc = HeadlessDoc()
    with sc.use_doc(doc):
        objects = sc.doc.Objects
        oid = objects.AddLine(r.Point3d(0, 0, 0), r.Point3d(3, 0, 0))
        obj = objects.Find(oid)
        assert isinstance(obj, Rhino.DocObjects.CurveObject) and obj.ObjectType == Rhino.DocObjects.ObjectType.Curve
        obj.Geometry.Translate(r.Vector3d(0, 0, 9))  # a copy: the document does not move
        assert doc.find(oid).geometry.PointAtStart.Z == 0
        geom = obj.Geometry
        assert objects.Replace(oid, geom) and doc.find(oid).geometry.PointAtStart.Z == 9
        obj.Attributes.Name = "named"
        assert doc.find(oid).name == ""  # not yet committed
        assert obj.CommitChanges() and doc.find(oid).name == "named"
        assert objects.Select(oid) and [o.Id for o in objects.GetSelectedObjects(False, False)] == [oid]
        moved = objects.Transform(oid, r.Transform.Translation(1, 0, 0), False)
        assert moved != oid and objects.Count == 2
        assert objects.Delete(moved, True) and objects.Count == 1
        pt = objects.AddPoint(1, 2, 3)
        assert objects.Find(pt).Geometry.Location.Z == 3
        assert [o.Id for o in objects.FindByObjectType(Rhino.DocObjects.ObjectType.Point)] == [pt]
        assert Rhino.RhinoDoc.ActiveDoc is doc and isinstance(doc, Rhino.RhinoDoc)


def test_facade_layers_groups_views():
    doc = HeadlessDoc()
    with sc.use_doc(doc):
        layer = Rhino.DocObjects.Layer()
        layer.Name = "Walls"
        layer.Color = Color.Red
        index = sc.doc.Layers.Add(layer)
        assert sc.doc.Layers.Add(layer) == -1  # same name again
        assert sc.doc.Layers.FindByFullPath("Walls", -1) == index
        live = sc.doc.Layers[index]
        live.IsLocked = True  # writes through to the document
        assert doc.layer(index).Locked and live.Color == Color.Red
        kid = Rhino.DocObjects.Layer()
        kid.Name = "Inner"
        kid.ParentLayerId = live.Id
        assert sc.doc.Layers[sc.doc.Layers.Add(kid)].FullPath == "Walls::Inner"
        assert sc.doc.Layers.FindName("Inner").FullPath == "Walls::Inner"
        oid = sc.doc.Objects.AddCircle(r.Circle(r.Point3d(0, 0, 0), 2))
        g = sc.doc.Groups.Add("G", [oid])
        assert sc.doc.Groups.FindName("G").Index == g and [o.Id for o in sc.doc.Groups.GroupMembers(g)] == [oid]
        sc.doc.Views.Redraw()
        sc.doc.Views.RedrawEnabled = False
        assert doc.redraw_enabled is False
        with pytest.raises(NeedsRhinoError):
            sc.doc.Views.ActiveView
        sc.doc.ModelAbsoluteTolerance = 0.1
        assert doc.tolerance == 0.1 and sc.doc.ModelUnitSystem == r.UnitSystem.Millimeters
        sc.doc.Strings.SetString("k", "v")
        assert sc.doc.Strings.GetValue("k") == "v"


def test_scriptcontext_doc_is_per_context():
    a, b = HeadlessDoc(), HeadlessDoc()
    with sc.use_doc(a):
        assert sc.doc is a
        with sc.use_doc(b):
            assert sc.doc is b
        assert sc.doc is a
    assert sc.doc is not a and isinstance(sc.doc, HeadlessDoc)  # the default document
    assert sc.escape_test(False) is False


# ---- tables the document does not model survive load -> save ------------------------------------
MAKE_SOURCE = r'''
import sys
import rhino3dm as r

f = r.File3dm()
mat = r.Material(); mat.Name = "Red"; f.Materials.Add(mat)
for name in ("A", "B"):
    layer = r.Layer(); layer.Name = name; f.Layers.Add(layer)
block_attrs = r.ObjectAttributes(); block_attrs.LayerIndex = 1
f.InstanceDefinitions.Add("Blk", "a block", "", "", r.Point3d(0, 0, 0), (r.Point(r.Point3d(1, 1, 1)),), (block_attrs,))
ref_attrs = r.ObjectAttributes(); ref_attrs.LayerIndex = 1
f.Objects.AddInstanceObject(r.InstanceReference(f.InstanceDefinitions[0].Id, r.Transform.Translation(5, 0, 0)), ref_attrs)
view = r.ViewInfo(); view.Name = "Saved"; f.NamedViews.Add(view)
f.Objects.AddPoint(r.Point3d(9, 9, 9))
lt = r.Linetype(); lt.Name = "Dash"; lt.AppendSegment(2.0, True); lt.AppendSegment(1.0, False)
f.Linetypes.Add(lt)
assert f.Write(sys.argv[1], 8)
print("written", flush=True)
# rhino3dm 8.35 crashes at exit once a linetype was added: this maker may die after writing
'''

CARRY_CHECK = r'''
import sys
import rhino3dm as r
from rhino_headless.document import HeadlessDoc

src, dst = sys.argv[1], sys.argv[2]
doc = HeadlessDoc.load(src)
kinds = sorted(o.kind for o in doc.objects())
assert kinds == ["instance", "point"], kinds  # block geometry is not a model object
assert any("linetype" in n for n in doc.save_notes), doc.save_notes
ref = [o for o in doc.objects() if o.kind == "instance"][0]
doc.begin_record("edit")
doc.add(r.LineCurve(r.Point3d(0, 0, 0), r.Point3d(1, 0, 0)))
doc.delete_layer(doc.add_layer("Temp"))  # a deleted layer: indices are compacted on save
doc.end_record()
doc.save(dst)

out = r.File3dm.Read(dst)
assert [out.Materials[i].Name for i in range(len(out.Materials))] == ["Red"]
assert [out.NamedViews[i].Name for i in range(len(out.NamedViews))] == ["Saved"]
assert len(out.InstanceDefinitions) == 1
idef = out.InstanceDefinitions[0]
assert idef.Name == "Blk" and idef.Id == ref.geometry.ParentIdefId
objs = {o.Attributes.Id: o for o in out.Objects}
assert all(i in objs and objs[i].Attributes.IsInstanceDefinitionObject for i in idef.GetObjectIds())
assert objs[ref.id].Geometry.ParentIdefId == idef.Id
assert sorted(type(o.Geometry).__name__ for o in out.Objects) == ["InstanceReference", "LineCurve", "Point", "Point"]
again = HeadlessDoc.load(dst)
assert sorted(o.kind for o in again.objects()) == ["curve", "instance", "point"]
assert again.save_notes == []
print("carried ok")
'''


def test_materials_views_and_blocks_survive_a_save(tmp_path):
    # Fresh interpreters: rhino3dm table bugs show up as a crash at exit, not as an exception.
    import subprocess
    import sys
    src, dst = str(tmp_path / "src.3dm"), str(tmp_path / "dst.3dm")
    made = subprocess.run([sys.executable, "-c", MAKE_SOURCE, src], capture_output=True, text=True, timeout=120)
    assert made.stdout.strip() == "written", made.stderr[-2000:]
    proc = subprocess.run([sys.executable, "-c", CARRY_CHECK, src, dst], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.strip() == "carried ok"


def test_ids_from_objects_that_carry_one():
    doc = HeadlessDoc()
    oid = doc.add(r.Point(r.Point3d(0, 0, 0)))
    assert doc.find(doc.find(oid)).id == oid  # a DocObject
    with sc.use_doc(doc):
        assert doc.find(sc.doc.Objects.Find(oid)).id == oid  # a RhinoObject
    assert to_uuid(12) is None and to_uuid(object()) is None
