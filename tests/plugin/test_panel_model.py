"""The panel's view-model, driven as the Eto view drives it, against real servers and the headless host.

The real model server on the tiny (random) model exercises streaming, batching, cancel and the
give-up path; the scripted OpenAI stub (a real HTTP server) drives exact outcomes: success,
repair, auto-run off, undo.
"""
import json
import os
import threading
import time


from rhino_plugin.core.prompt import context_block
from rhino_plugin.ui.panel_model import CANCELLED, DONE, ERROR, IDLE, READY, PanelModel
from rhino_plugin.ui.panel_store import load_settings
from tests.support.stub_openai import Reply, StubOpenAI

CIRCLE = "```python\nimport rhinoscriptsyntax as rs\nrs.AddCircle((0, 0, 0), 5)\nprint('ok')\n```"
BROKEN = "```python\nimport rhinoscriptsyntax as rs\nrs.AddPoint((1, 1, 1))\nx = 1 / 0\n```"


class Recorder(object):
    """A listener that records (change, state, buttons) like the view's refresh would read them."""

    def __init__(self, model):
        self.model = model
        self.seen = []
        self.lock = threading.Lock()
        model.subscribe(self)

    def __call__(self, change):
        with self.lock:
            self.seen.append((change, self.model.state, self.model.buttons()))

    def states(self):
        out = []
        for _, state, _ in self.seen:
            if not out or out[-1] != state:
                out.append(state)
        return out


def make(host, tmp_path, url, doc_key="C:/jobs/tower.3dm", **kw):
    model = PanelModel(host, str(tmp_path), doc_key=doc_key, **kw)
    assert model.update_settings(server_url=url) == {}
    return model


def finish(model, timeout=120):
    assert model.wait(timeout), "turn did not finish"


# -- against the real model server (tiny random model) ----------------------------------------------


def test_whole_turn_on_real_server_buttons_at_each_step(host, tmp_path, tiny_server):
    model = make(host, tmp_path, tiny_server)
    model.update_settings(attempts=2)
    rec = Recorder(model)
    assert model.buttons()["send"] is False  # nothing typed
    model.set_input("draw a circle")
    assert model.buttons() == {"send": True, "stop": False, "run": False, "undo": False, "new": True,
                               "settings": True, "copy": False}
    before = host.doc.object_count
    rec.seen.clear()
    assert model.send()
    finish(model)
    states = rec.states()
    assert states[0] == "generating" and states[-1] in (DONE, ERROR)
    for change, state, buttons in rec.seen:  # while busy: only Stop; never Send, New, Settings or Undo
        if state in ("generating", "checking", "running", "retrying"):
            assert buttons["stop"] and not buttons["send"] and not buttons["new"] and not buttons["settings"]
            assert not buttons["undo"]
    assert any(change == "tokens" for change, _, _ in rec.seen)
    reply = model.messages[-1]
    assert model.messages[-2].role == "user" and model.messages[-2].text == "draw a circle"
    assert reply.role == "assistant" and reply.summary and len(reply.attempts) >= 1
    if model.state == ERROR:  # a random model: the usual outcome; each retry carries its reason
        assert host.doc.object_count == before
        assert all(a.error for a in reply.attempts)
        assert model.buttons()["undo"] is False
    assert model.buttons()["stop"] is False and model.buttons()["new"] is True


def test_stop_cancels_generation_on_real_server(host, tmp_path, tiny_server):
    model = make(host, tmp_path, tiny_server)
    first_token = threading.Event()
    model.subscribe(lambda change: change == "tokens" and first_token.set())
    model.set_input("write a long script")
    model.send()
    assert first_token.wait(60)
    assert model.buttons()["stop"] is True
    model.stop()
    finish(model, 30)
    assert model.state == CANCELLED
    assert model.messages[-1].ok is False and "unchanged" in model.messages[-1].summary
    assert host.doc.object_count == 1
    assert model.buttons()["send"] is False and model.buttons()["new"] is True  # input was consumed


# -- exact outcomes (scripted OpenAI-compatible server over real HTTP) ----------------------------------


def test_success_then_guarded_undo(host, tmp_path):
    with StubOpenAI([CIRCLE]) as stub:
        model = make(host, tmp_path, stub.url + "/v1")
        chip = model.refresh_context()
        model.send("draw a circle")
        finish(model)
        sent = stub.bodies()[0]["messages"][-1]["content"]
    assert model.state == DONE and model.messages[-1].ok is True
    assert chip and chip in sent  # the chip is exactly what was sent
    assert "2 objects" in model.chip  # and it is refreshed after the turn
    assert model.last_code.strip().endswith("print('ok')")
    assert host.doc.object_count == 2
    assert model.buttons()["undo"] and model.buttons()["run"] and model.buttons()["copy"]
    assert model.undo() is True
    assert host.doc.object_count == 1
    assert model.buttons()["undo"] is False
    assert model.undo() is False  # only once


def test_undo_refused_when_no_longer_newest_record(host, tmp_path):
    from rhino_plugin.hosts.headless import HeadlessHost

    with StubOpenAI([CIRCLE]) as stub:
        model = make(host, tmp_path, stub.url + "/v1")
        model.send("draw a circle")
        finish(model)
    other = HeadlessHost(doc=host.doc)  # someone else edits the same document afterwards
    assert other.run("import rhinoscriptsyntax as rs\nrs.AddPoint((5, 5, 5))\n").ok
    assert host.doc.object_count == 3
    assert model.undo() is False
    assert host.doc.object_count == 3 and "changed" in model.notice
    assert model.buttons()["undo"] is False


def test_retry_shows_error_that_triggered_it(host, tmp_path):
    with StubOpenAI([BROKEN, CIRCLE]) as stub:
        model = make(host, tmp_path, stub.url + "/v1")
        rec = Recorder(model)
        model.send("draw a circle")
        finish(model)
    assert model.state == DONE
    attempts = model.messages[-1].attempts
    assert [a.state for a in attempts] == ["failed", "ok"]
    assert attempts[0].error.startswith("ZeroDivisionError")
    assert "retrying" in rec.states()
    assert host.doc.object_count == 2  # the failed attempt's point was rolled back


def test_auto_run_off_waits_for_run_button(host, tmp_path):
    with StubOpenAI([CIRCLE]) as stub:
        model = make(host, tmp_path, stub.url + "/v1")
        assert model.update_settings(auto_run=False) == {}
        model.send("draw a circle")
        deadline = time.monotonic() + 30
        while model.state != READY and time.monotonic() < deadline:
            time.sleep(0.01)
        assert model.state == READY
        assert model.buttons()["run"] and model.buttons()["stop"] and not model.buttons()["send"]
        assert host.doc.object_count == 1  # nothing ran yet
        assert model.messages[-1].code and "AddCircle" in model.messages[-1].code
        model.run()
        finish(model)
    assert model.state == DONE and host.doc.object_count == 2


def test_stop_while_waiting_for_run(host, tmp_path):
    with StubOpenAI([CIRCLE]) as stub:
        model = make(host, tmp_path, stub.url + "/v1")
        model.update_settings(auto_run=False)
        model.send("draw a circle")
        deadline = time.monotonic() + 30
        while model.state != READY and time.monotonic() < deadline:
            time.sleep(0.01)
        model.stop()
        finish(model)
    assert model.state == CANCELLED and host.doc.object_count == 1


def test_run_again_and_new_conversation(host, tmp_path):
    with StubOpenAI([CIRCLE]) as stub:
        model = make(host, tmp_path, stub.url + "/v1")
        model.send("draw a circle")
        finish(model)
    assert model.run() is True  # the Run button re-runs the last script, no model call
    finish(model)
    assert model.state == DONE and host.doc.object_count == 3
    assert model.new_conversation() is True
    assert model.messages == [] and model.session.history == [] and model.state == IDLE
    assert model.buttons()["run"] is False and model.buttons()["undo"] is False


def test_token_batching_with_injected_clock(host, tmp_path):
    from rhino_plugin.core.session import TokenEvent

    now = [0.0]
    model = PanelModel(host, str(tmp_path), clock=lambda: now[0])
    model.messages.append(__import__("rhino_plugin.ui.panel_model", fromlist=["Message"]).Message("assistant"))
    flushes = []
    model.subscribe(lambda change: change == "tokens" and flushes.append(model.messages[-1].text))
    for i in range(10):  # 10 tokens 10 ms apart: the first flushes, then one flush per 50 ms
        model.handle_event(TokenEvent("t%d " % i, 1))
        now[0] += 0.01
    assert flushes == ["t0 ", "t0 t1 t2 t3 t4 t5 "]
    model.handle_event(__import__("rhino_plugin.core.session", fromlist=["CheckingEvent"]).CheckingEvent(1))
    assert flushes[-1] == "".join("t%d " % i for i in range(10))  # any other event flushes the rest


# -- context chip -----------------------------------------------------------------------------------


def test_context_chip_follows_selection_setting(host, tmp_path):
    model = PanelModel(host, str(tmp_path))
    host.doc.select(host.doc.ids() if hasattr(host.doc, "ids") else [o.id for o in host.doc.objects()])
    chip = model.refresh_context()
    assert chip == context_block(host.context(), model.session.options.prompt)
    assert "Selected 1 object" in chip
    assert model.update_settings(include_selection=False) == {}
    assert "Nothing is selected" in model.chip and "Selected" not in model.chip


class CountingHost(object):
    """The headless host, counting what the panel asks of it (`with_selection=False`: a host that
    has no selection(), such as the bridge client)."""

    def __init__(self, host, with_selection=True):
        self.host, self.calls, self.name = host, [], "headless"
        if with_selection:
            self.selection = lambda: self.calls.append("selection") or host.selection()

    def context(self):
        self.calls.append("context")
        return self.host.context()


def test_selection_change_recomputes_only_the_selection(host, tmp_path):
    """Issue 20 item 8: after a selection change the chip is recomputed from host.selection()
    alone (bounded, selected objects only), never the document-wide context(), and not at all
    while the selection is left out of requests."""
    counting = CountingHost(host)
    model = PanelModel(counting, str(tmp_path))
    model.refresh_context()
    host.doc.select([o.id for o in host.doc.objects()])
    chip = model.refresh_selection()
    assert counting.calls == ["context", "selection"]
    assert "Selected 1 object" in chip and chip == context_block(host.context(), model.session.options.prompt)
    assert model.update_settings(include_selection=False) == {}
    del counting.calls[:]
    assert "Nothing is selected" in model.refresh_selection() and counting.calls == []
    other = CountingHost(host, with_selection=False)
    assert "Selected 1 object" in PanelModel(other, str(tmp_path / "b")).refresh_selection()
    assert other.calls == ["context"]


# -- persistence ----------------------------------------------------------------------------------------


def test_settings_round_trip_and_bad_settings(host, tmp_path):
    model = PanelModel(host, str(tmp_path))
    assert model.update_settings(server_url="http://127.0.0.1:9999/v1", model="qwen", api_key="k",
                                 attempts="4", auto_run=False, include_selection=False) == {}
    again = PanelModel(host, str(tmp_path))
    assert again.settings.to_dict() == {"server_url": "http://127.0.0.1:9999/v1", "model": "qwen", "api_key": "k",
                                        "attempts": 4, "auto_run": False, "include_selection": False}
    assert again.session.options.attempts == 4 and again.session.client.base_url.endswith(":9999/v1")
    errors = again.update_settings(server_url="localhost 8080", attempts=0, auto_run="maybe")
    assert set(errors) == {"server_url", "attempts", "auto_run"} and "1 to 10" in errors["attempts"]
    assert again.settings.attempts == 4 and again.notice  # nothing changed, the reason is shown
    assert again.update_settings(attempts=2, server_url="ftp://x") != {} and again.settings.attempts == 4
    with open(os.path.join(str(tmp_path), "settings.json")) as f:
        assert json.load(f)["attempts"] == 4


def test_bad_settings_file_falls_back_per_key(host, tmp_path):
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"attempts": 99, "model": "m", "future_key": 1}))
    settings, warnings = load_settings(str(path))
    assert settings.attempts == 3 and settings.model == "m" and len(warnings) == 1
    path.write_text("{not json")
    model = PanelModel(host, str(tmp_path))
    assert model.settings.attempts == 3 and "unreadable" in model.notice
    assert path.read_text() == "{not json"  # left for the user to fix; nothing overwritten yet


def test_conversation_saved_per_document_and_restored(host, tmp_path):
    with StubOpenAI([CIRCLE]) as stub:
        model = make(host, tmp_path, stub.url + "/v1", doc_key="C:/jobs/a.3dm")
        model.send("draw a circle")
        finish(model)
    files = os.listdir(os.path.join(str(tmp_path), "conversations"))
    assert len(files) == 1 and not any(f.startswith(".tmp") for f in files)
    restored = PanelModel(host, str(tmp_path), doc_key="C:/jobs/a.3dm")
    assert [m.to_dict() for m in restored.messages] == [m.to_dict() for m in model.messages]
    assert restored.session.history == model.session.history and restored.last_code == model.last_code
    other = PanelModel(host, str(tmp_path), doc_key="C:/jobs/b.3dm")
    assert other.messages == [] and other.session.history == []
    untitled = PanelModel(host, str(tmp_path), doc_key=None)
    assert untitled.conversation_file is None


def test_corrupt_conversation_is_kept_aside(host, tmp_path):
    model = PanelModel(host, str(tmp_path), doc_key="C:/jobs/a.3dm")
    os.makedirs(os.path.dirname(model.conversation_file))
    with open(model.conversation_file, "w") as f:
        f.write('{"messages": [1, 2]}')
    again = PanelModel(host, str(tmp_path), doc_key="C:/jobs/a.3dm")
    assert again.messages == [] and "could not be read" in again.notice
    with open(model.conversation_file + ".corrupt") as f:
        assert f.read() == '{"messages": [1, 2]}'


def test_send_refused_while_busy_and_when_empty(host, tmp_path):
    with StubOpenAI([Reply(CIRCLE, delay=0.05)]) as stub:
        model = make(host, tmp_path, stub.url + "/v1")
        assert model.send("   ") is False and "Type" in model.notice
        assert model.send("draw a circle") is True
        assert model.send("again") is False and "already running" in model.notice
        assert model.new_conversation() is False
        assert model.update_settings(attempts=2) == {"settings": "settings can change only between turns"}
        finish(model)
    assert model.state == DONE


def test_transcript_and_code_text_for_the_view(host, tmp_path):
    with StubOpenAI([BROKEN, CIRCLE]) as stub:
        model = make(host, tmp_path, stub.url + "/v1")
        assert model.transcript() == "" and model.code_text() == ""
        model.send("draw a circle")
        finish(model)
    text = model.transcript()
    assert text.startswith("You: draw a circle\n")
    assert "attempt 1: failed - ZeroDivisionError" in text and "attempt 2: ok" in text
    assert "OK: Done in 2 attempts" in text
    assert model.code_text() == model.last_code and "AddCircle" in model.code_text()
