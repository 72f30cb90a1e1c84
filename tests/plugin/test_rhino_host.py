"""hosts/rhino.py on a minimal fake of Rhino itself (fake_rhino.py; Rhino cannot run here).

What is real: the host module, the runner executing the scripts, the worker/UI-thread hand-off
through RhinoCoderExec, the rollback of a failed attempt by Undo of its own record, the undo
guard, the bounded selection summary. What is fake: RhinoCommon's tables, events and undo stack,
kept to documented behaviour, and every fake member is checked to exist in RhinoCommon 8.
"""
import importlib
import sys
import threading
import time
import uuid

import pytest

from rhino_plugin.core.api_index import load
from rhino_plugin.core.prompt import context_block
from tests.plugin import fake_rhino as fr


def _forget_modules():
    import rhino_plugin.hosts as hosts
    for name in ("rhino", "bridge_rhino"):
        sys.modules.pop("rhino_plugin.hosts." + name, None)
        hosts.__dict__.pop(name, None)


@pytest.fixture
def rhino(monkeypatch):
    app = fr.install(monkeypatch)
    _forget_modules()
    module = importlib.import_module("rhino_plugin.hosts.rhino")
    doc = fr.RhinoDoc()
    fr.RhinoDoc.ActiveDoc = doc
    app.commands["RhinoCoderExec"] = module.execute_pending
    yield app, module, doc
    app.stop()
    _forget_modules()


def test_run_happens_on_ui_thread_inside_the_command(rhino):
    app, module, doc = rhino
    host = module.RhinoHost(doc)
    code = ("import threading, scriptcontext as sc\n"
            "print(threading.current_thread().name, sc.doc is not None, SELECTED_IDS)\n"
            "print(sc.doc.Views.RedrawEnabled)\n"
            "sc.doc.Objects.AddPoint(1, 2, 3)\n")
    result = host.run(code)  # this test's thread is the worker
    assert result.ok, result.error
    assert result.stdout == "fake-rhino-ui True []\nFalse\n"  # UI thread, sc.doc set, redraw off
    assert len(result.created) == 1 and result.object_count == 1
    assert doc.Views.RedrawEnabled is True and doc.Views.redraws >= 1
    assert fr.RhinoDoc.DeleteRhinoObject.handlers == [] and app.EscapeKeyPressed.handlers == []


def test_failed_attempt_rolls_back_objects_and_layers(rhino):
    app, module, doc = rhino
    keep = doc.Objects.AddPoint(0, 0, 0)
    moved = doc.Objects.AddPoint(5, 5, 5)
    before = sorted(str(o.Id) for o in doc.Objects)
    host = module.RhinoHost(doc)
    code = ("import scriptcontext as sc, copy, uuid\n"
            "sc.doc.Objects.AddPoint(9, 9, 9)\n"
            "sc.doc.Objects.Delete(sc.doc.Objects.FindId(uuid.UUID(%r)), True)\n"
            "sc.doc.Objects.Replace(uuid.UUID(%r), sc.doc.Objects.FindId(uuid.UUID(%r)).Geometry)\n"
            "sc.doc.Layers.Add('Temp')\n"
            "layer = copy.copy(sc.doc.Layers[0]); layer.FullPath = 'Renamed'\n"
            "sc.doc.Layers.Modify(layer, 0, True)\n"
            "1 / 0\n" % (str(keep), str(moved), str(moved)))
    result = host.run(code)
    assert not result.ok and result.error.type == "ZeroDivisionError" and result.error.line == 8
    assert sorted(str(o.Id) for o in doc.Objects) == before  # same ids, nothing extra, nothing missing
    assert [(l.FullPath, l.IsDeleted) for l in doc.Layers] == [("Default", False), ("Temp", True)]
    assert result.created == [] and result.deleted == []


def test_changes_classify_created_modified_deleted(rhino):
    app, module, doc = rhino
    gone = doc.Objects.AddPoint(0, 0, 0)
    moved = doc.Objects.AddPoint(5, 5, 5)
    code = ("import scriptcontext as sc, uuid\n"
            "sc.doc.Objects.AddPoint(9, 9, 9)\n"
            "sc.doc.Objects.Delete(sc.doc.Objects.FindId(uuid.UUID(%r)), True)\n"
            "sc.doc.Objects.Replace(uuid.UUID(%r), sc.doc.Objects.FindId(uuid.UUID(%r)).Geometry)\n"
            % (str(gone), str(moved), str(moved)))
    result = module.RhinoHost(doc).run(code)
    assert result.ok, result.error
    assert result.deleted == [str(gone)] and result.modified == [str(moved)] and len(result.created) == 1
    assert str(gone) not in result.created + result.modified


def test_refused_while_another_command_runs(rhino):
    app, module, doc = rhino
    app.in_command = True
    host = module.RhinoHost(doc)
    assert "running a command" in host.busy_reason()
    with pytest.raises(module.HostBusyError):
        host.run("x = 1\n")
    app.in_command = False
    assert host.busy_reason() is None and host.run("x = 1\n").ok


def test_escape_cancels_and_rolls_back(rhino):
    app, module, doc = rhino
    host = module.RhinoHost(doc)
    threading.Timer(0.3, lambda: app.EscapeKeyPressed.fire(None, None)).start()
    result = host.run("import scriptcontext as sc\nsc.doc.Objects.AddPoint(1, 1, 1)\nwhile True:\n    pass\n",
                      timeout=20)
    assert not result.ok and result.error.type == "Cancelled"
    assert doc.Objects.Count == 0


def test_undo_only_while_newest_record(rhino):
    app, module, doc = rhino
    host = module.RhinoHost(doc)
    assert host.can_undo_last() is False and host.undo_last() is False
    assert host.run("import scriptcontext as sc\nsc.doc.Objects.AddPoint(1, 1, 1)\n").ok
    assert host.can_undo_last() is True
    app.commands["Other"] = lambda d: None
    module.on_ui(lambda: app.RunScript("_Other", False))  # the user ran another command since
    assert host.can_undo_last() is False and host.undo_last() is False and doc.undone == []
    assert host.run("import scriptcontext as sc\nsc.doc.Objects.AddPoint(2, 2, 2)\n").ok
    assert host.undo_last() is True and len(doc.undone) == 1
    assert host.undo_last() is False  # once


def test_fake_undo_records_behave_as_documented(rhino):
    """BeginUndoRecord: 0 while recording or when undo is disabled; an empty record is not kept
    but its serial number is used; Undo() reverts the newest kept record (fake_rhino.RhinoDoc)."""
    app, module, doc = rhino
    first = doc.BeginUndoRecord("one")
    assert first == 1 and doc.CurrentUndoRecordSerialNumber == 1 and doc.BeginUndoRecord("nested") == 0
    point = doc.Objects.AddPoint(0, 0, 0)
    assert doc.EndUndoRecord(first) and doc.CurrentUndoRecordSerialNumber == 0
    empty = doc.BeginUndoRecord("nothing")
    assert empty == 2 and doc.EndUndoRecord(empty)
    assert [r.serial for r in doc.undo_records] == [1] and doc.NextUndoRecordSerialNumber == 3
    doc.UndoRecordingEnabled = False
    assert doc.BeginUndoRecord("off") == 0
    assert doc.Undo() and doc.undone == [1] and doc.Objects.FindId(point) is None
    assert doc.Undo() is False


def test_no_undo_when_the_turn_changed_nothing(rhino):
    """Issue 20 item 4: a successful attempt that changes nothing leaves no undo record (Rhino drops
    it, the serial number is used up): "Undo turn" must not undo the user's previous command."""
    app, module, doc = rhino
    app.commands["Point"] = lambda d: d.Objects.AddPoint(5, 5, 5)  # the user's own command
    module.on_ui(lambda: app.RunScript("_Point", False))
    assert [r.description for r in doc.undo_records] == ["Point"]
    host = module.RhinoHost(doc)
    result = host.run("x = 1\nprint('nothing to add')\n")
    assert result.ok and result.created == []
    assert [r.description for r in doc.undo_records] == ["Point"]  # the turn's record was dropped
    assert host.can_undo_last() is False
    assert host.undo_last() is False
    assert doc.undone == [] and doc.Objects.Count == 1  # the user's point is still there


def test_undo_for_a_turn_that_only_changed_attributes(rhino):
    """A change the journal does not list (object attributes) still makes a record: undoable."""
    app, module, doc = rhino
    point = doc.Objects.AddPoint(0, 0, 0)
    host = module.RhinoHost(doc)
    code = ("import scriptcontext as sc, uuid, copy\n"
            "obj = sc.doc.Objects.FindId(uuid.UUID(%r))\n"
            "attributes = copy.copy(obj.Attributes); attributes.Name = 'renamed'\n"
            "sc.doc.Objects.ModifyAttributes(obj, attributes, True)\n" % str(point))
    result = host.run(code)
    assert result.ok and result.created == [] and doc.Objects.FindId(point).Attributes.Name == "renamed"
    assert host.can_undo_last() is True and host.undo_last() is True
    assert doc.Objects.FindId(point).Attributes.Name == ""


def test_undo_guard_belongs_to_one_document(rhino):
    """Undo serial numbers are counted per document: after File > New the turn's record is gone,
    even when the new document's serials happen to line up."""
    app, module, doc = rhino
    host = module.RhinoHost()  # follows the active document (the bridge's host)
    assert host.run("import scriptcontext as sc\nsc.doc.Objects.AddPoint(1, 1, 1)\n").ok
    assert host.can_undo_last() is True
    doc2 = app.file_new()
    app.commands["Point"] = lambda d: d.Objects.AddPoint(5, 5, 5)
    module.on_ui(lambda: app.RunScript("_Point", False))  # record 1 of the new document
    assert doc2.NextUndoRecordSerialNumber == doc.NextUndoRecordSerialNumber
    assert host.can_undo_last() is False and host.undo_last() is False
    assert doc2.undone == [] and doc2.Objects.Count == 1


def test_bridge_serves_the_active_document_after_file_new_and_open(rhino, monkeypatch, tmp_path):
    """Issue 20 item 1 (bridge): the bridge outlives File > New / File > Open."""
    from rhino_plugin.hosts.bridge import BridgeHost

    app, module, doc = rhino
    monkeypatch.setenv("RHINOCODER_BRIDGE_FILE", str(tmp_path / "bridge.json"))
    bridge_rhino = importlib.import_module("rhino_plugin.hosts.bridge_rhino")
    message = app.InvokeAndWait(lambda: bridge_rhino.toggle(doc, port=0))  # the RhinoCoderBridge command
    server = bridge_rhino._server["bridge"]
    assert server is not None, message
    client = BridgeHost(server.address, token=server.token)
    try:
        assert client.context()["object_count"] == 0
        doc2 = app.file_new()
        doc2.Objects.AddPoint(0, 0, 0)
        assert client.context()["object_count"] == 1
        result = client.run("import scriptcontext as sc\nsc.doc.Objects.AddPoint(1, 2, 3)\n")
        assert result.ok, result.error
        assert doc2.Objects.Count == 2 and doc.Objects.Count == 0
        assert client.can_undo_last() is True
        doc3 = app.file_open("C:/jobs/tower.3dm")
        assert client.context()["object_count"] == 0 and client.can_undo_last() is False
        assert client.run("import scriptcontext as sc\nsc.doc.Objects.AddPoint(1, 2, 3)\n").ok
        assert doc3.Objects.Count == 1 and client.undo_last() is True and doc3.Objects.Count == 0
    finally:
        client.close()
        assert app.InvokeAndWait(lambda: bridge_rhino.toggle(doc)) == "RhinoCoder bridge stopped."


def test_context_feeds_the_prompt(rhino):
    app, module, doc = rhino
    first = doc.Objects.AddPoint(1, 2, 3)
    doc.Objects.AddPoint(4, 5, 6)
    doc.Objects.FindId(first).IsSelected = True
    ctx = module.RhinoHost(doc).context()
    assert ctx["object_count"] == 2 and ctx["counts"] == {"Point": 2} and ctx["units"] == "Millimeters"
    assert ctx["selection"]["count"] == 1 and ctx["selection"]["objects"][0]["location"] == [1.0, 2.0, 3.0]
    assert ctx["layers"][0] == {"path": "Default", "color": [0, 0, 0], "visible": True, "locked": False,
                                "objects": 2, "current": True}
    block = context_block(ctx)
    assert "Selected 1 object" in block and "[0] Point" in block


FAKED = {"Rhino.RhinoDoc": fr.RhinoDoc, "Rhino.DocObjects.RhinoObject": fr.RhinoObject,
         "Rhino.DocObjects.Tables.ObjectTable": fr.ObjectTable, "Rhino.DocObjects.Tables.LayerTable": fr.LayerTable,
         "Rhino.DocObjects.Layer": fr.Layer, "Rhino.DocObjects.ObjectType": fr.ObjectType,
         "Rhino.DocObjects.Tables.LayerTableEventType": fr.LayerTableEventType, "Rhino.RhinoApp": fr.App,
         "Rhino.DocObjects.Tables.ViewTable": fr.ViewTable, "Rhino.DocObjects.ObjectAttributes": fr.ObjectAttributes,
         "Rhino.Geometry.Point": fr.Point, "Rhino.Geometry.Point3d": fr.Point3d,
         "Rhino.Geometry.BoundingBox": fr.BoundingBox, "Rhino.UI.Panels": fr.Panels,
         "Rhino.UI.PanelType": fr.PanelType, "Rhino.DocObjects.Tables.GroupTable": fr.GroupTable,
         "Rhino.DocObjects.Tables.MaterialTable": fr.MaterialTable,
         "Rhino.DocObjects.Tables.InstanceDefinitionTable": fr.InstanceDefinitionTable,
         "Rhino.DocObjects.Tables.NamedViewTable": fr.NamedViewTable, "Rhino.DocObjects.ObjectMode": fr.ObjectMode,
         "Rhino.DocObjects.ObjectColorSource": fr.ObjectColorSource, "Rhino.Geometry.Transform": fr.Transform,
         "Rhino.Commands.CustomUndoEventArgs": fr.CustomUndoEventArgs}


FACTORIES = {fr.RhinoDoc: fr.RhinoDoc, fr.App: fr.App, fr.ViewTable: fr.ViewTable, fr.Point3d: lambda: fr.Point3d(0, 0, 0),
             fr.Point: lambda: fr.Point(fr.Point3d(0, 0, 0)), fr.Layer: lambda: fr.Layer("x", 0),
             fr.ObjectAttributes: lambda: fr.ObjectAttributes(0), fr.ObjectTable: lambda: fr.ObjectTable(fr.RhinoDoc()),
             fr.LayerTable: lambda: fr.LayerTable(fr.RhinoDoc()),
             fr.BoundingBox: lambda: fr.BoundingBox(fr.Point3d(0, 0, 0), fr.Point3d(1, 1, 1)),
             fr.RhinoObject: lambda: fr.RhinoObject(fr.RhinoDoc(), None), fr.Panels: fr.Panels}


@pytest.mark.parametrize("name", sorted(FAKED))
def test_fake_defines_only_real_rhinocommon_members(name):
    index = load()
    cls = FAKED[name]
    members = index.class_members(name)
    assert members, name
    fake = set(n for n in vars(cls) if n[:1].isupper())
    instance = FACTORIES.get(cls, lambda: None)()
    if instance is not None:
        fake |= set(n for n in vars(instance) if n[:1].isupper())
    if isinstance(instance, fr.App):
        instance.stop()
    unknown = sorted(n for n in fake if n not in members and "add_" + n not in members)
    assert unknown == [], "%s: the fake invents %s" % (name, unknown)


def test_run_on_the_ui_thread_is_refused_not_deadlocked(rhino):
    app, module, doc = rhino
    host = module.RhinoHost(doc)
    with pytest.raises(module.HostBusyError, match="worker thread"):
        module.on_ui(lambda: host.run("x = 1\n"), wait=5)


# -- issue 20 item 3: a failed attempt is undone by Rhino's own Undo, every table included ----------------


def _document(doc):
    """Every table a script can touch, as comparable data (live rows only)."""
    return {"objects": sorted((str(o.Id), (o.Geometry.Location.X, o.Geometry.Location.Y, o.Geometry.Location.Z),
                               o.Attributes.state()) for o in doc.Objects),
            "layers": [(l.Index, l.FullPath) for l in doc.Layers if not l.IsDeleted],
            "current layer": doc.Layers.CurrentLayerIndex,
            "groups": doc.Groups.state(), "materials": doc.Materials.state(),
            "blocks": doc.InstanceDefinitions.state(), "named views": doc.NamedViews.state(),
            "settings": (doc.ModelUnitSystem, doc.ModelAbsoluteTolerance, doc.ModelAngleToleranceDegrees)}


def _furnished(doc):
    """A document with something in every table (made outside any undo record, as if opened)."""
    ids = {name: str(doc.Objects.AddPoint(i, 0, 0)) for i, name in enumerate(("keep", "gone", "replaced", "moved"))}
    doc.Layers.Add("Walls")
    doc.Groups.Add("G1", [uuid.UUID(ids["keep"])])
    doc.Materials.Add()
    doc.InstanceDefinitions.Add("Block1", "", None, [fr.Point(fr.Point3d(0, 0, 0))])
    doc.NamedViews.Add("Top", uuid.uuid4())
    return ids


EVERY_TABLE = """import copy, uuid
import Rhino
import scriptcontext as sc
doc = sc.doc
keep = doc.Objects.FindId(uuid.UUID({keep!r}))
doc.Objects.AddPoint(9, 9, 9)
doc.Objects.Delete(doc.Objects.FindId(uuid.UUID({gone!r})), True)
doc.Objects.Replace(uuid.UUID({replaced!r}), Rhino.Geometry.Point(Rhino.Geometry.Point3d(7, 7, 7)))
doc.Objects.Transform(uuid.UUID({moved!r}), Rhino.Geometry.Transform.Translation(0, 5, 0), True)
attributes = keep.Attributes.Duplicate()
attributes.ObjectColor = (255, 0, 0)
attributes.ColorSource = Rhino.DocObjects.ObjectColorSource.ColorFromObject
attributes.LayerIndex = 1
attributes.Name = "renamed"
attributes.Visible = False
attributes.Mode = Rhino.DocObjects.ObjectMode.Locked
attributes.SetUserString("tag", "A1")
doc.Objects.ModifyAttributes(keep, attributes, True)
layer = copy.copy(doc.Layers[1])
layer.FullPath = "Renamed"
doc.Layers.Modify(layer, 1, True)
doc.Layers.Add("Temp")
doc.Layers.Delete(0, True)
doc.Layers.SetCurrentLayerIndex(1, True)
doc.Groups.Add("G2", [keep.Id])
doc.Groups.Delete(0)
material = copy.copy(doc.Materials[0])
material.Name, material.DiffuseColor = "Red", (255, 0, 0)
doc.Materials.Modify(material, 0, True)
doc.Materials.Add()
doc.InstanceDefinitions.Add("Block2", "", None, [keep.Geometry])
doc.InstanceDefinitions.Delete(0, True, True)
doc.NamedViews.Add("Front", uuid.uuid4())
doc.NamedViews.Delete("Top")
doc.ModelUnitSystem = "Meters"
doc.ModelAbsoluteTolerance = 0.1
doc.ModelAngleToleranceDegrees = 2.0
"""


def _no_handlers_left(app):
    return [name for name, _ in fr.handlers(app)] == []


def test_failed_attempt_in_every_table_is_undone_by_rhinos_undo(rhino):
    """Issue 20 item 3: objects added, deleted, replaced and transformed, attribute edits (colour,
    layer, name, visibility, lock, user text), layers, the current layer, groups, materials, block
    definitions, named views, units and tolerances all come back, by one Undo of the attempt's
    own record (checked by its serial number), and Redo cannot bring the failure back."""
    app, module, doc = rhino
    ids = _furnished(doc)
    before = _document(doc)
    result = module.RhinoHost(doc).run(EVERY_TABLE.format(**ids) + "1 / 0\n")
    assert not result.ok and result.error.type == "ZeroDivisionError", result.error
    assert _document(doc) == before
    assert [r.description for r in doc.undo_records] == [] and doc.undone == [1]  # RhinoCoderExec's record
    assert doc.redo_records == []  # Redo must not bring the failed attempt back
    assert _no_handlers_left(app)


def test_successful_attempt_in_every_table_stays_and_undoes_as_one_turn(rhino):
    app, module, doc = rhino
    ids = _furnished(doc)
    before = _document(doc)
    host = module.RhinoHost(doc)
    result = host.run(EVERY_TABLE.format(**ids))
    assert result.ok, result.error
    after = _document(doc)
    assert all(after[key] != before[key] for key in before), [k for k in before if after[k] == before[k]]
    assert result.deleted == [ids["gone"]] and sorted(result.modified) == sorted([ids["replaced"], ids["moved"]])
    assert doc.undone == [] and host.can_undo_last()
    assert host.undo_last() and _document(doc) == before  # Undo turn: the whole attempt, one record
    assert _no_handlers_left(app)


def test_failed_attempt_that_changed_nothing_leaves_the_users_record_alone(rhino):
    """Rhino keeps no record for an attempt that changed nothing: Undo would take the user's
    command before it, so there is no Undo at all."""
    app, module, doc = rhino
    app.commands["Point"] = lambda d: d.Objects.AddPoint(5, 5, 5)  # the user's own command
    module.on_ui(lambda: app.RunScript("_Point", False))
    result = module.RhinoHost(doc).run("x = 1 / 0\n")
    assert not result.ok
    assert doc.undone == [] and [r.description for r in doc.undo_records] == ["Point"]
    assert doc.Objects.Count == 1


@pytest.mark.parametrize("nested_records", [False, True])
def test_failed_attempt_that_ran_a_command(rhino, nested_records):
    """A script that runs a command (rs.Command: RhinoApp.RunScript inside RhinoCoderExec) and then
    fails. If the command's changes land in the attempt's record, they are undone with it; if Rhino
    gave that command a record of its own, the newest record is not the attempt's and the rollback
    refuses rather than undo only part of the attempt."""
    app, module, doc = rhino
    app.nested_records = nested_records
    app.commands["Point"] = lambda d: d.Objects.AddPoint(5, 5, 5)
    code = ("import Rhino\nimport scriptcontext as sc\nsc.doc.Objects.AddPoint(1, 1, 1)\n"
            "Rhino.RhinoApp.RunScript('_Point', False)\nx = 1 / 0\n")
    host = module.RhinoHost(doc)
    if not nested_records:
        assert not host.run(code).ok and doc.Objects.Count == 0 and doc.undone == [1]
        return
    with pytest.raises(module.RollbackError, match="another undo record"):
        host.run(code)
    assert doc.undone == [] and doc.Objects.Count == 2  # nothing undone; the message says what to do


def test_document_settings_come_back_even_where_undo_does_not_restore_them(rhino):
    """Whether Rhino's Undo restores units, tolerances, the current layer and named views is not
    documented: with a fake that leaves them out of undo records, the host puts them back itself."""
    app, module, doc = rhino
    doc.settings_undoable = False
    doc.Layers.Add("Walls")
    before = _document(doc)
    code = ("import uuid\nimport scriptcontext as sc\nsc.doc.ModelUnitSystem = 'Inches'\n"
            "sc.doc.ModelAbsoluteTolerance = 0.5\nsc.doc.ModelAngleToleranceDegrees = 3.0\n"
            "sc.doc.Layers.SetCurrentLayerIndex(1, True)\nsc.doc.NamedViews.Add('Plan', uuid.uuid4())\n"
            "raise ValueError('late')\n")
    result = module.RhinoHost(doc).run(code)
    assert not result.ok and result.error.type == "ValueError"
    # the current-layer change made Rhino keep the record (LayerTableEvent), so it was undone; the
    # settings the record did not hold the host put back itself
    assert _document(doc) == before and doc.undo_records == [] and doc.undone == [1]


def test_rollback_refuses_to_undo_a_record_made_after_the_attempt(rhino):
    """Between the attempt's command and its rollback the user ran another command that made a
    record: the rollback must not undo it (it would undo the user's work); it says so instead."""
    app, module, doc = rhino
    app.commands["Point"] = lambda d: d.Objects.AddPoint(5, 5, 5)

    def exec_then_user(d):
        app.InvokeOnUiThread(lambda: app.RunScript("_Point", False))  # queued before the rollback is
        return module.execute_pending(d)

    app.commands["RhinoCoderExec"] = exec_then_user
    with pytest.raises(module.RollbackError, match="another undo record"):
        module.RhinoHost(doc).run("import scriptcontext as sc\nsc.doc.Objects.AddPoint(1, 1, 1)\nx = 1 / 0\n")
    assert doc.undone == [] and [r.description for r in doc.undo_records] == ["RhinoCoderExec", "Point"]


def test_refused_when_rhino_does_not_record_undo(rhino):
    app, module, doc = rhino
    doc.UndoRecordingEnabled = False
    host = module.RhinoHost(doc)
    assert "undo recording is off" in host.busy_reason()
    with pytest.raises(module.HostBusyError, match="undo recording is off"):
        host.run("import scriptcontext as sc\nsc.doc.Objects.AddPoint(1, 1, 1)\n")
    assert doc.Objects.Count == 0


def test_fake_custom_undo_events_and_redo_records_behave_as_documented(rhino):
    """AddCustomUndoEvent: nothing to add it to without an open record; it keeps an otherwise empty
    record; Undo calls it with the record's serial number; ClearRedoRecords forgets the undone record."""
    app, module, doc = rhino
    seen = []
    assert doc.AddCustomUndoEvent("x", lambda s, e: seen.append(e.UndoSerialNumber)) is False
    record = doc.BeginUndoRecord("custom")
    assert doc.AddCustomUndoEvent("x", lambda s, e: seen.append(e.UndoSerialNumber))
    assert doc.EndUndoRecord(record) and [r.serial for r in doc.undo_records] == [record]
    assert doc.Undo() and seen == [record] and [r.serial for r in doc.redo_records] == [record]
    doc.ClearRedoRecords()
    assert doc.redo_records == []


# -- issue 20 item 8: the selection chip reads the selection only, bounded ----------------------------


def test_selection_summary_reads_only_the_first_selected_objects(rhino, monkeypatch):
    """On a 10,000-object document with 2,000 selected: 25 described, at most 200 more typed
    exactly (IsSolid for polysurfaces), the rest counted by ObjectType; every object still counted."""
    app, module, doc = rhino
    for i in range(10000):
        doc.Objects.AddPoint(i, 0, 0)
    for obj in list(doc.Objects)[:2000]:
        obj.IsSelected = True
    described, typed = [], []
    real_describe, real_type_name = module.describe, module.type_name
    monkeypatch.setattr(module, "describe", lambda d, o: described.append(o) or real_describe(d, o))
    monkeypatch.setattr(module, "type_name", lambda o: typed.append(o) or real_type_name(o))
    selection = module.RhinoHost(doc).selection()
    assert selection["count"] == 2000 and len(selection["objects"]) == 25
    assert selection["summary"] == {"Point": 1975}
    assert len(described) == 25 and len(typed) <= 25 + 200  # describe() names its object's type too
    described[:], typed[:] = [], []
    context = module.RhinoHost(doc).context()  # a turn's context: the document-wide walk, once per turn
    assert context["selection"] == selection and context["object_count"] == 10000


def test_a_runaway_script_stops_without_an_exception_in_a_pumped_ui_callback(rhino):
    """Issue 20 item 6: while a script runs on Rhino's UI thread, the runner's cancel hook pumps
    Rhino's messages (RhinoApp.Wait), so other Python callbacks run inside the script's stack. The
    deadline must stop the script, never land in such a callback (the fake's Wait runs queued UI
    work there, as Rhino's pump does)."""
    app, module, doc = rhino
    host = module.RhinoHost(doc)
    finished = []

    def slow_callback():           # a panel or event handler doing Python work past the deadline
        t0 = time.monotonic()
        n = 0
        while time.monotonic() - t0 < 1.5:
            n += 1
        finished.append(n)

    def post_during_run():
        for _ in range(3):
            app.InvokeOnUiThread(slow_callback)
            time.sleep(0.4)

    threading.Timer(0.1, post_during_run).start()
    result = host.run("import scriptcontext as sc\nsc.doc.Objects.AddPoint(1, 1, 1)\nwhile True:\n    pass\n",
                      timeout=1.0)
    deadline = time.monotonic() + 15
    while len(finished) < 3 and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not result.ok and result.error.type == "TimeoutError"
    assert doc.Objects.Count == 0
    assert len(finished) == 3, "a UI callback was cut short"
    assert not [line for line in app.lines if "unhandled" in line], app.lines
