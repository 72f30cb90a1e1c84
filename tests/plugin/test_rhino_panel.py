"""The docked panel, the floating-form fallback and the RhinoCoder command on the fake Rhino/Eto
(fake_rhino.py; Rhino cannot run here). Issue 20, items 1, 2 and 7.

What is real: ui/panel_view.py and ui/form_fallback.py as Rhino imports them, the view-model, the
host, the runner, and a scripted OpenAI-compatible HTTP server (tests/support/stub_openai.py).
What is fake: RhinoCommon, Eto and the C# panel host, kept to McNeel's documented behaviour:
documents that close and open with new serial numbers, the panel system in both instance
policies, RhinoApp.Idle after the UI thread runs out of work, InCommand() true inside a command.
"""
import importlib
import os
import sys
import time
import types

import pytest

from rhino_plugin.ui import panel_store as store
from rhino_plugin.ui.panel_model import CANCELLED, DONE, ERROR
from tests.plugin import fake_rhino as fr
from tests.support.stub_openai import StubOpenAI

POINT = "```python\nimport scriptcontext as sc\nsc.doc.Objects.AddPoint(1, 2, 3)\n```"
REQUEST = "add a point at 1,2,3"
PLUGIN = object()  # __rhino_command__.PlugIn: only passed through to RegisterPanel
MODULES = ("rhino_plugin.hosts.rhino", "rhino_plugin.hosts.bridge_rhino", "rhino_plugin.ui.panel_view",
           "rhino_plugin.ui.form_fallback")


def _forget_modules():
    import rhino_plugin.hosts as hosts
    import rhino_plugin.ui as ui
    for name in MODULES:
        sys.modules.pop(name, None)
    for package in (hosts, ui):
        for name in MODULES:
            package.__dict__.pop(name.rpartition(".")[2], None)


@pytest.fixture
def rhino(monkeypatch, tmp_path):
    monkeypatch.setenv("RHINOCODER_HOME", str(tmp_path / "home"))
    app = fr.install(monkeypatch)
    _forget_modules()
    host = importlib.import_module("rhino_plugin.hosts.rhino")
    view = importlib.import_module("rhino_plugin.ui.panel_view")
    doc = fr.RhinoDoc()
    fr.RhinoDoc.ActiveDoc = doc
    app.commands["RhinoCoderExec"] = host.execute_pending
    app.commands["RhinoCoder"] = lambda d: view.toggle_panel(d, PLUGIN)  # Commands/RhinoCoder.py, interactive
    yield types.SimpleNamespace(app=app, host=host, view=view, doc=doc, home=str(tmp_path / "home"))
    app.stop()
    _forget_modules()
    errors = [line for line in app.lines if line.startswith(("unhandled", "RhinoCoder: ")) and "floating" not in line]
    assert errors == []  # nothing went wrong unseen on the UI thread


def use_server(r, stub):
    store.save_settings(os.path.join(r.home, "settings.json"), store.Settings(server_url=stub.url + "/v1"))


def command(r, script="_RhinoCoder"):
    """The user runs a command: on Rhino's UI thread, InCommand() true until it returns."""
    return r.app.InvokeAndWait(lambda: r.app.RunScript(script, False))


def click(r, view, key, text=None):
    def press():
        if text is not None:
            view.input.Text = text
        view.buttons[key].PerformClick()
    r.app.InvokeAndWait(press)


def finished(model, timeout=30.0):
    """Wait for the turn to end (or to be refused with a notice); True when it ran to an end."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if model.notice or model.state in (DONE, ERROR, CANCELLED):
            break
        time.sleep(0.02)
    return model.wait(timeout) and model.state in (DONE, ERROR, CANCELLED)


def summary(model):
    return "state=%s notice=%r summary=%r" % (model.state, model.notice,
                                              model.messages[-1].summary if model.messages else None)


# -- item 1: one panel instance serves every document ---------------------------------------------------


def test_recycled_panel_follows_file_new_and_file_open(rhino):
    r = rhino
    assert fr.PANELS.recycle  # issue 20: on Windows one instance is reused for every document
    with StubOpenAI([POINT, POINT, POINT]) as stub:
        use_server(r, stub)
        command(r)  # RhinoCoder: register the host, open the panel
        panel = fr.PANELS.instance
        view = panel.Content
        assert panel.error is None and isinstance(view, r.view.ChatView)
        assert panel.DocumentSerialNumber == r.doc.RuntimeSerialNumber

        doc2 = r.app.file_new()  # File > New: the first document is closed
        assert fr.RhinoDoc.FromRuntimeSerialNumber(r.doc.RuntimeSerialNumber) is None
        assert fr.PANELS.instance is panel and panel.Content is view  # never constructed again
        click(r, view, "send", REQUEST)
        assert finished(view.model), summary(view.model)
        assert view.model.state == DONE, summary(view.model)
        assert doc2.Objects.Count == 1 and r.doc.Objects.Count == 0
        assert view.model is r.view.model_for(doc2)

        assert "1 object (Point 1)" in view.model.chip
        doc3 = r.app.file_open("C:/jobs/tower.3dm")  # File > Open: the same again
        assert view.model is r.view.model_for(doc3)  # moved on the document events, before any click
        assert "0 objects" in view.model.chip  # the chip describes the opened document
        click(r, view, "send", REQUEST)
        assert finished(view.model) and view.model.state == DONE, summary(view.model)
        assert doc3.Objects.Count == 1 and doc2.Objects.Count == 1
        assert r.view.model_for(doc3).doc_key == "C:/jobs/tower.3dm"  # its own conversation file
    assert r.doc.RuntimeSerialNumber not in r.view._models  # closed documents' models are let go


def test_per_document_panels_do_not_pile_up_handlers(rhino):
    """The tabbed-panels guide's PerDoc rule: a new instance per document, the old one disposed of.
    Each new view must replace the old one's handlers, not add to them."""
    r = rhino
    fr.PANELS.recycle = False
    command(r)
    first = fr.PANELS.GetPanel(fr.PanelHost.PanelId, r.doc).Content
    before = sorted(name for name, _ in fr.handlers(r.app))
    for _ in range(3):
        doc = r.app.file_new()
        assert fr.PANELS.GetPanel(fr.PanelHost.PanelId, doc).Content is not first
    assert sorted(name for name, _ in fr.handlers(r.app)) == before
    assert r.view._views == [fr.PANELS.GetPanel(fr.PanelHost.PanelId, doc).Content]


# -- item 2: -RhinoCoder "request" -------------------------------------------------------------------------


def test_scripted_request_runs_after_the_command_returns(rhino):
    r = rhino
    r.app.commands["RhinoCoder"] = lambda d: r.view.ask(d, PLUGIN, REQUEST)  # Commands/RhinoCoder.py, scripted
    with StubOpenAI([POINT]) as stub:
        use_server(r, stub)
        command(r, '-_RhinoCoder "%s"' % REQUEST)
        model = r.view.model_for(r.doc)
        assert finished(model), summary(model)
        assert model.state == DONE, summary(model)
        assert model.messages[0].text == REQUEST and r.doc.Objects.Count == 1
    assert r.app.Idle.handlers == []  # one-shot: the Idle handler removed itself


def test_posted_request_waits_while_a_command_is_running(rhino):
    """RhinoApp.Idle can come while a command waits for input (a GetPoint loop pumps messages):
    the posted request waits for an Idle with no command running."""
    r = rhino
    sent = []

    def long_command(doc):
        r.host.after_command(lambda: sent.append(r.host.Command.InCommand()))
        r.app.Idle.fire(None, None)  # idle while the command waits for a point
        assert sent == [] and len(r.app.Idle.handlers) == 1

    r.app.commands["Long"] = long_command
    command(r, "_Long")
    r.app.InvokeAndWait(lambda: None)  # the UI thread runs out of work: Idle, no command
    assert sent == [False] and r.app.Idle.handlers == []


# -- item 7: fallback when the panel API throws; handlers removed ----------------------------------------


@pytest.mark.parametrize("failing", ["fail_register", "fail_open"])
def test_panel_api_throwing_falls_back_to_the_floating_form(rhino, failing):
    r = rhino
    setattr(fr.PANELS, failing, ValueError("type must have a GuidAttribute"))  # .NET ArgumentException
    assert command(r) is True
    from rhino_plugin.ui import form_fallback
    assert len(form_fallback._forms) == 1 and form_fallback._forms[0].shown
    assert any("floating window" in line for line in r.app.lines)
    assert form_fallback.is_open(r.doc) and r.view.is_open(r.doc)

    doc2 = r.app.file_new()  # the form is not tied to a document: it follows the active one
    assert r.view.is_open(doc2)
    form = form_fallback._forms[0]
    assert form.view.doc_serial == doc2.RuntimeSerialNumber

    command(r)  # RhinoCoder again: closes the form (no second form)
    assert form_fallback._forms == [] and not form.shown
    assert fr.handlers(r.app) == []  # every selection/document handler went with the last view


def test_handlers_are_removed_when_the_panel_closes_and_on_unload(rhino):
    r = rhino
    command(r)  # open
    view = fr.PANELS.instance.Content
    subscribed = {name for name, _ in fr.handlers(r.app)}
    assert {"RhinoDoc.SelectObjects", "RhinoDoc.DeselectObjects", "RhinoDoc.DeselectAllObjects"} <= subscribed
    assert len(fr.handlers(r.app)) == len(subscribed)  # each once, however many views

    command(r)  # close: Panels.Show(false), Panels.Closed
    assert not fr.PANELS.visible
    left = sorted(name for name, _ in fr.handlers(r.app))
    assert left == ["Panels.Closed", "Panels.Show", "RhinoApp.Closing"]  # only what re-showing needs
    assert view.refresh not in view.model._listeners

    command(r)  # open again: Rhino shows the same instance; it listens again
    assert fr.PANELS.instance.Content is view and view.refresh in view.model._listeners
    assert {name for name, _ in fr.handlers(r.app)} == subscribed
    r.doc.Objects.FindId(r.doc.Objects.AddPoint(1, 2, 3)).IsSelected = True
    fr.RhinoDoc.SelectObjects.fire(r.doc, fr.Args())
    assert view._timer.started  # selection reaches the view (debounced)
    r.app.InvokeAndWait(lambda: view._timer.Elapsed.fire(view._timer, fr.Args()))  # 0.3 s later
    assert not view._timer.started and "Selected 1 object" in view.model.chip  # issue 20 item 8: refresh_selection

    r.app.close()  # RhinoApp.Closing: unload
    assert fr.handlers(r.app) == []
    assert r.view._views == [] and view.refresh not in view.model._listeners
