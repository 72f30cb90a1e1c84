"""rs layer functions over the headless layer table (full paths, parents, state)."""
import pytest
import rhino3dm

import rhino_headless.rhinoscriptsyntax as rs
from rhino_headless import scriptcontext as sc
from rhino_headless.document import HeadlessDoc
from rhino_plugin.hosts.headless import HeadlessHost


@pytest.fixture
def doc():
    d = HeadlessDoc()
    with sc.use_doc(d):
        yield d


def test_add_layer_paths_parents_children(doc):
    assert rs.AddLayer("Walls::Outer", (255, 0, 0)) == "Walls::Outer"
    assert rs.AddLayer("Inner", parent="Walls") == "Walls::Inner"
    assert rs.AddLayer("Walls::Outer") == "Walls::Outer"  # an existing path is reused
    assert rs.LayerNames() == ["Default", "Walls", "Walls::Outer", "Walls::Inner"]
    assert rs.LayerNames(True) == sorted(rs.LayerNames())
    assert rs.LayerCount() == 4 and len(rs.LayerIds()) == 4
    assert rs.LayerChildren("Walls") == ["Walls::Outer", "Walls::Inner"]
    assert rs.LayerChildCount("Walls") == 2
    assert rs.ParentLayer("Walls::Inner") == "Walls" and rs.ParentLayer("Walls") is None
    assert rs.IsLayerChildOf("Walls", "Walls::Inner") and rs.IsLayerParentOf("Walls::Inner", "Walls")
    assert rs.LayerName(rs.LayerId("Walls::Outer")) == "Walls::Outer"
    assert rs.LayerName(rs.LayerId("Walls::Outer"), False) == "Outer"
    c = rs.LayerColor("Walls::Outer")
    assert (c.R, c.G, c.B) == (255, 0, 0)
    assert rs.IsLayer("walls::outer") and not rs.IsLayer("Roof")
    assert rs.LayerId("Roof") is None and rs.LayerId("Outer") is None  # full paths only, no error
    with pytest.raises(TypeError):
        rs.IsLayer("")


def test_current_visible_locked_and_rename(doc):
    rs.AddLayer("A")
    assert rs.CurrentLayer("A") == "Default" and rs.IsLayerCurrent("A")
    assert rs.LayerVisible("A", False) is True and not rs.IsLayerVisible("A") and not rs.IsLayerOn("A")
    assert rs.LayerLocked("A", True) is False and rs.IsLayerLocked("A") and not rs.IsLayerChangeable("A")
    assert rs.RenameLayer("A", "B") == "B" and rs.IsLayer("B") and not rs.IsLayer("A")
    old = rs.LayerColor("B", (1, 2, 3))
    assert (old.R, old.G, old.B) == (0, 0, 0)
    assert rs.LayerPrintWidth("B", 0.35) == 0.0 and rs.LayerPrintWidth("B") == 0.35
    assert rs.LayerLinetype("B") == "Continuous" and rs.LayerLinetype("B", "Dashed") is None  # no such linetype
    assert rs.ExpandLayer("B", True) and rs.IsLayerExpanded("B")
    with pytest.raises(ValueError):
        rs.CurrentLayer("Missing")


def test_delete_and_purge(doc):
    rs.AddLayer("Full")
    rs.AddLayer("Empty")
    oid = doc.add(rhino3dm.Point(rhino3dm.Point3d(0, 0, 0)))
    rs.ObjectLayer(oid, "Full")
    assert not rs.IsLayerEmpty("Full") and rs.IsLayerEmpty("Empty")
    assert rs.DeleteLayer("Full") is False  # holds an object
    assert rs.DeleteLayer("Default") is False  # the current layer
    assert rs.DeleteLayer("Empty") is True and not rs.IsLayer("Empty")
    assert rs.PurgeLayer("Full") is True and not rs.IsObject(oid)
    assert rs.ObjectsByLayer("Default") == []


def test_parent_change_and_cycle_refused(doc):
    rs.AddLayer("P")
    rs.AddLayer("C")
    assert rs.ParentLayer("C", "P") is None
    assert rs.LayerNames() == ["Default", "P", "P::C"]
    with pytest.raises(ValueError):
        rs.ParentLayer("P", "P::C")  # a layer cannot be its own ancestor


def test_layer_script_rolls_back_on_error():
    doc = HeadlessDoc()
    before = doc.snapshot()
    result = HeadlessHost(doc).run("import rhinoscriptsyntax as rs\n"
                                   "rs.AddLayer('X::Y', (1, 2, 3)); rs.CurrentLayer('X::Y')\n"
                                   "rs.LayerVisible('Default', False)\n"
                                   "rs.LayerColor('Nope')\n")
    assert not result.ok and result.error.type == "ValueError" and "Nope" in result.error.message
    assert doc.snapshot() == before
