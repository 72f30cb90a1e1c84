"""rs user text and document data on the headless document (journaled like every change)."""
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


def test_object_user_text_on_attributes_and_geometry(doc):
    oid = doc.add(rhino3dm.Point(rhino3dm.Point3d(0, 0, 0)))
    assert rs.IsUserText(oid) == 0 and rs.GetUserText(oid) == []
    assert rs.SetUserText(oid, "material", "oak")
    assert rs.GetUserText(oid, "material") == "oak" and rs.GetUserText(oid) == ["material"]
    assert rs.SetUserText(oid, "tag", "g", attach_to_geometry=True)
    assert rs.GetUserText(oid, "tag", True) == "g" and rs.GetUserText(oid, "tag") is None
    assert rs.IsUserText(oid) == 3
    rs.SetUserText(oid, "material")  # no value deletes the key
    rs.SetUserText(oid, "tag", None, True)
    assert rs.IsUserText(oid) == 0 and rs.GetUserText(oid, "material") is None


def test_document_data_and_user_text_share_the_string_table(doc):
    assert rs.IsDocumentData() is False and rs.GetDocumentUserText() is None
    assert rs.SetDocumentData("Project", "Client", "ACME") is None
    assert rs.SetDocumentData("Project", "Client", "Other") == "ACME"
    rs.SetDocumentData("Project", "Phase", "2")
    rs.SetDocumentData("Site", "City", "Turin")
    assert rs.GetDocumentData() == ["Project", "Site"] and rs.DocumentDataCount() == 3
    assert rs.GetDocumentData("Project") == ["Client", "Phase"]
    assert rs.GetDocumentData("Project", "Client") == "Other"
    assert rs.SetDocumentUserText("author", "me") and rs.GetDocumentUserText("author") == "me"
    assert rs.GetDocumentUserText() == ["author"] and rs.DocumentUserTextCount() == 1
    assert rs.DeleteDocumentData("Project", "Phase") and rs.GetDocumentData("Project") == ["Client"]
    assert rs.DeleteDocumentData() and rs.IsDocumentData() is False
    assert rs.IsDocumentUserText()  # user text survives deleting the data
    rs.SetDocumentUserText("author")
    assert rs.IsDocumentUserText() is False


def test_user_text_rolls_back_with_a_failed_script():
    doc = HeadlessDoc()
    oid = doc.add(rhino3dm.Point(rhino3dm.Point3d(0, 0, 0)))
    before = doc.snapshot()
    result = HeadlessHost(doc).run("import rhinoscriptsyntax as rs\n"
                                   "oid = rs.AllObjects()[0]\n"
                                   "rs.SetUserText(oid, 'k', 'v'); rs.SetUserText(oid, 'g', 'v', True)\n"
                                   "rs.SetDocumentUserText('a', 'b'); rs.SetDocumentData('s', 'e', 'v')\n"
                                   "1 / 0\n")
    assert result.error.type == "ZeroDivisionError"
    assert doc.snapshot() == before and doc.find(oid).geometry.UserStringCount == 0
