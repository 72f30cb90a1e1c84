"""rs document functions: units, tolerances, notes, redraw flags, name/path, views."""
import os

import pytest
import rhino3dm

import rhino_headless.rhinoscriptsyntax as rs
from rhino_headless import scriptcontext as sc
from rhino_headless.document import HeadlessDoc
from rhino_headless.errors import NeedsRhinoError


@pytest.fixture
def doc():
    d = HeadlessDoc()
    with sc.use_doc(d):
        yield d


def test_units_and_scale(doc):
    assert rs.UnitSystem() == 2 and rs.UnitSystemName() == "millimeter"
    assert rs.UnitSystemName(True, False) == "Millimeters" and rs.UnitSystemName(abbreviate=True) == "mm"
    assert rs.UnitScale(4) == pytest.approx(0.001)  # one mm in metres
    assert rs.UnitScale(8, 4) == pytest.approx(1 / 0.0254)  # one metre in inches
    pid = doc.add(rhino3dm.Point(rhino3dm.Point3d(1000, 0, 0)))
    assert rs.UnitSystem(4, scale=True) == 2  # to metres, scaling the geometry
    assert rs.UnitSystem() == 4 and doc.find(pid).geometry.Location.X == pytest.approx(1.0)
    assert rs.UnitSystem(8) == 4 and doc.find(pid).geometry.Location.X == pytest.approx(1.0)
    with pytest.raises(ValueError):
        rs.UnitSystem(99)
    with pytest.raises(ValueError):
        rs.UnitSystem(0)  # "no unit system" cannot be set, as in rs


def test_tolerances_notes_flags(doc):
    assert rs.UnitAbsoluteTolerance() == 0.001
    assert rs.UnitAbsoluteTolerance(0.01) == 0.001 and rs.UnitAbsoluteTolerance() == 0.01
    assert rs.UnitAngleTolerance(0.5) == 1.0 and rs.UnitAngleTolerance() == 0.5
    old = rs.UnitRelativeTolerance()
    assert rs.UnitRelativeTolerance(0.05) == old and rs.UnitRelativeTolerance() == 0.05
    assert rs.Notes() == "" and rs.Notes("hello") == "" and rs.Notes() == "hello"
    assert rs.EnableRedraw(False) is True and rs.EnableRedraw(True) is False
    assert rs.Redraw() is None
    assert rs.IsDocumentModified() is True  # notes changed
    assert rs.DocumentModified(False) is True and rs.IsDocumentModified() is False
    assert rs.DocumentName() is None and rs.DocumentPath() is None


def test_name_and_path_after_save(tmp_path):
    doc = HeadlessDoc()
    doc.add(rhino3dm.Point(rhino3dm.Point3d(0, 0, 0)))
    path = tmp_path / "model.3dm"
    doc.save(str(path))
    loaded = HeadlessDoc.load(str(path))
    with sc.use_doc(loaded):
        assert rs.DocumentName() == "model.3dm"
        assert rs.DocumentPath() == str(tmp_path) + os.path.sep


def test_render_settings_need_rhino(doc):
    with pytest.raises(NeedsRhinoError, match="rs.RenderMeshQuality"):
        rs.RenderMeshQuality()
    with pytest.raises(TypeError):
        rs.RenderColor()  # arguments are still checked


def test_standard_views(doc):
    assert rs.ViewNames() == ["Top", "Front", "Right", "Perspective"]
    assert rs.CurrentView() == "Perspective" and rs.CurrentView("Top") is True and rs.IsViewCurrent("Top")
    assert rs.CurrentView("Nope") is False
    front = rs.ViewCPlane("Front")
    assert tuple(front.XAxis) == (1, 0, 0) and tuple(front.YAxis) == (0, 0, 1)
    assert rs.IsViewPerspective("Perspective") and not rs.IsViewPerspective("Top")
    assert rs.ViewProjection("Top", 2) == 1 and rs.IsViewPerspective("Top")
    assert rs.ViewDisplayMode("Perspective") == "Shaded"
    assert rs.AddNamedCPlane("Saved", "Front") == "Saved" and rs.NamedCPlanes() == ["Saved"]
    assert rs.RestoreNamedCPlane("Saved", "Top") == "Saved"
    assert tuple(rs.ViewCPlane("Top").YAxis) == (0, 0, 1)
    assert rs.DeleteNamedCPlane("Saved") and rs.NamedCPlanes() == []
    assert rs.ZoomExtents() is None and rs.IsLayout("Page 1") is False
    with pytest.raises(ValueError):
        rs.ViewCPlane("Nope")
    with pytest.raises(NeedsRhinoError):
        rs.ViewCamera()


def _file_with_block_and_material(path):
    model = rhino3dm.File3dm()
    mat = rhino3dm.Material()
    mat.Name, mat.DiffuseColor, mat.Transparency = "Red", (255, 0, 0, 255), 0.25
    model.Materials.Add(mat)
    geometry = (rhino3dm.Point(rhino3dm.Point3d(0, 0, 0)),
                rhino3dm.LineCurve(rhino3dm.Point3d(0, 0, 0), rhino3dm.Point3d(1, 0, 0)))
    model.InstanceDefinitions.Add("Chair", "a chair", "", "", rhino3dm.Point3d(0, 0, 0), geometry,
                                  (rhino3dm.ObjectAttributes(), rhino3dm.ObjectAttributes()))
    ref = rhino3dm.InstanceReference(model.InstanceDefinitions[0].Id, rhino3dm.Transform.Translation(5, 0, 0))
    model.Objects.AddInstanceObject(ref)
    model.Write(str(path), 8)


def test_blocks_and_materials_of_a_loaded_file(tmp_path):
    path = tmp_path / "blocks.3dm"
    _file_with_block_and_material(path)
    doc = HeadlessDoc.load(str(path))
    with sc.use_doc(doc):
        chair = rs.AllObjects()[0]
        assert rs.BlockNames() == ["Chair"] and rs.BlockCount() == 1 and rs.IsBlock("chair")
        assert rs.IsBlockInstance(chair) and rs.BlockInstanceName(chair) == "Chair"
        assert rs.BlockInstances("Chair") == [chair] and rs.IsBlockInUse("Chair")
        assert rs.BlockObjectCount("Chair") == 2 and rs.IsBlockEmbedded("Chair") and rs.BlockStatus("Chair") == -3
        assert tuple(rs.BlockInstanceInsertPoint(chair)) == (5, 0, 0)
        new = rs.InsertBlock("Chair", (1, 2, 3), angle_degrees=90)
        assert rs.BlockInstanceCount("Chair") == 2 and tuple(rs.BlockInstanceInsertPoint(new)) == (1, 2, 3)
        parts = rs.ExplodeBlockInstance(new)
        assert sorted(rs.ObjectType(p) for p in parts) == [1, 4] and not rs.IsObject(new)
        line = [p for p in parts if rs.ObjectType(p) == 4][0]
        end = rs.CurveEndPoint(line)
        assert (round(end[0], 9), round(end[1], 9), round(end[2], 9)) == (1, 3, 3)  # rotated, then moved
        with pytest.raises(ValueError, match="does not exist"):
            rs.BlockObjects("Table")
        with pytest.raises(NeedsRhinoError):
            rs.RenameBlock("Chair", "Seat")
        assert rs.MaterialName(0) == "Red" and rs.MaterialTransparency(0) == 0.25
        assert rs.MaterialColor(0).R == 255 and rs.MaterialName(3) is None
        assert rs.ObjectMaterialIndex(chair) == -1 and rs.ObjectMaterialIndex(chair, 0) == 0  # the new index
        assert rs.ObjectMaterialIndex(chair, 7) == 0  # beyond the table: unchanged
        assert rs.MatchMaterial(chair, parts) == 2 and rs.ObjectMaterialIndex(parts[0]) == 0
        assert rs.LayerMaterialIndex("Default", 0) == -1 and rs.LayerMaterialIndex("Default") == 0
        with pytest.raises(NeedsRhinoError):
            rs.MaterialName(0, "Blue")
    fresh = HeadlessDoc()  # a new document has no block or material tables
    with sc.use_doc(fresh):
        pid = fresh.add(rhino3dm.Point(rhino3dm.Point3d(0, 0, 0)))
        assert rs.BlockNames() == [] and not rs.IsBlock("Chair") and rs.MaterialName(0) is None
        assert rs.ObjectMaterialIndex(pid, 0) == -1  # no materials: nothing to assign
