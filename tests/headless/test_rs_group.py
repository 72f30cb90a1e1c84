"""rs group functions over the headless group table."""
import uuid

import pytest
import rhino3dm

import rhino_headless.rhinoscriptsyntax as rs
from rhino_headless import scriptcontext as sc
from rhino_headless.document import HeadlessDoc

P = rhino3dm.Point3d


@pytest.fixture
def doc():
    d = HeadlessDoc()
    with sc.use_doc(d):
        yield d


def points(doc, n):
    return [doc.add(rhino3dm.Point(P(i, 0, 0))) for i in range(n)]


def test_group_lifecycle(doc):
    a, b, c = points(doc, 3)
    assert rs.GroupNames() is None and rs.GroupCount() == 0
    assert rs.AddGroup() == "Group01"
    assert rs.AddGroup("Walls") == "Walls" and rs.AddGroup("walls") is None  # names are unique
    assert rs.IsGroup("Walls") and rs.IsGroupEmpty("Walls")
    assert rs.AddObjectsToGroup([a, b], "Walls") == 2
    assert rs.AddObjectToGroup(c, "Group01")
    assert rs.AddObjectToGroup(c, "Missing") is False
    assert sorted(map(str, rs.ObjectsByGroup("Walls"))) == sorted(map(str, [a, b]))
    assert rs.ObjectGroups(a) == ["Walls"] and rs.IsObjectInGroup(a, "Walls") and not rs.IsObjectInGroup(c, "Walls")
    rs.AddObjectToGroup(a, "Group01")
    assert rs.ObjectTopGroup(a) == "Walls"  # Rhino takes the highest group index
    rs.AddGroup("Newest")
    rs.AddObjectToGroup(a, "Newest")
    assert rs.ObjectTopGroup(a) == "Newest" and rs.ObjectTopGroup(b) == "Walls"
    rs.DeleteGroup("Newest")
    assert rs.RenameGroup("Walls", "Facade") == "Facade" and rs.GroupNames() == ["Group01", "Facade"]
    assert rs.RemoveObjectFromGroup(b, "Facade") and rs.ObjectGroups(b) == []
    assert rs.RemoveObjectFromAllGroups(a) and not rs.IsObjectInGroup(a)
    assert rs.DeleteGroup("Facade") and not rs.IsGroup("Facade") and rs.GroupCount() == 1
    assert rs.IsGroupEmpty("Facade") is None  # no such group: None, as in rs
    assert rs.RemoveObjectsFromGroup([a], "Facade") is None and rs.RemoveObjectFromGroup(a, "Facade") is False
    assert rs.AddObjectToGroup(uuid.uuid4(), "Group01") is False
    assert rs.AddObjectsToGroup([a, uuid.uuid4()], "Group01") == 0


def test_hide_lock_show_group(doc):
    a, b = points(doc, 2)
    rs.AddGroup("G")
    rs.AddObjectsToGroup([a, b], "G")
    assert rs.HideGroup("G") == 2 and rs.IsObjectHidden(a) and rs.IsObjectHidden(b)
    assert rs.ShowGroup("G") == 2 and rs.IsObjectNormal(a)
    assert rs.LockGroup("G") == 2 and rs.IsObjectLocked(b)
    assert rs.UnlockGroup("G") == 2 and rs.IsObjectNormal(b)
    assert rs.HideGroup("Nope") == 0 and rs.LockGroup("Nope") is None
