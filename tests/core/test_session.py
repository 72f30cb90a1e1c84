"""The turn state machine on the real headless host, driven by a scripted OpenAI-compatible server.

Each test scripts the model's replies exactly, so the repair sequences are deterministic:
checker feedback, runtime rollback, repeated errors, cancel, server down, bad replies.
"""
import os
import socket
import subprocess
import sys
import threading
import time

import pytest

from rhino_plugin.core import prompt as P
from rhino_plugin.core.chat import ChatClient
from rhino_plugin.core.session import Session, SessionOptions
from rhino_plugin.hosts.headless import HeadlessHost
from tests.support.stub_openai import Reply, StubOpenAI

GOOD = "```python\nimport rhinoscriptsyntax as rs\nrs.AddCircle((0, 0, 0), 5)\nprint('made it')\n```"
TYPO = "```python\nimport rhinoscriptsyntax as rs\nrs.AddCirle((0, 0, 0), 5)\n```"
RUNTIME = ("```python\nimport rhinoscriptsyntax as rs\nrs.AddPoint((1, 2, 3))\nprint('before')\n"
           "r = 5 / 0\nrs.AddCircle((0, 0, 0), r)\n```")


def fence(code):
    return "```python\n" + code + "\n```"


@pytest.fixture
def host():
    h = HeadlessHost()
    h.doc.add_layer("Walls")
    return h


def kinds(result):
    return [e.kind for e in result.events if e.kind != "token"]


def session_for(stub, host, **opts):
    return Session(host, ChatClient(stub.url, read_timeout=10), SessionOptions(**opts))


def test_good_reply_runs_once_with_one_undo_step(host):
    before = host.doc.snapshot()
    with StubOpenAI([GOOD]) as stub:
        events = []
        result = session_for(stub, host, temperature=0.6).ask("draw a circle of radius 5", events.append)
    assert result.ok and result.error is None
    assert kinds(result) == ["code", "checking", "running", "result", "done"]
    assert "".join(e.text for e in events if e.kind == "token") == GOOD
    assert [e.kind for e in events] == [e.kind for e in result.events]
    assert result.result.stdout == "made it\n" and len(result.result.created) == 1
    assert host.doc.object_count == 1 and "created 1 object" in result.summary
    body = stub.bodies()[0]
    assert body["temperature"] == 0.6 and body["messages"][0]["content"] == P.SYSTEM_PROMPT
    assert body["messages"][-1]["content"].endswith("Request: draw a circle of radius 5")
    assert "Walls" in body["messages"][-1]["content"]
    # the real rhinoscriptsyntax names go along, for the server to constrain `rs.` to them
    names = body["names"]["rs"]
    assert "AddCircle" in names and "AddPanel" not in names and len(names) == len(set(names)) > 800
    assert {"filter", "coerce3dpoint", "curve"} <= set(names)     # rs.filter.curve is a real name too
    # exactly one undoable change
    assert host.undo_last() is True
    assert host.doc.snapshot() == before
    assert host.undo_last() is False


def test_names_are_not_sent_when_the_constraint_is_off(host):
    with StubOpenAI([GOOD]) as stub:
        assert session_for(stub, host, constrain_names=False).ask("draw a circle").ok
    assert "names" not in stub.bodies()[0]


def test_bad_name_goes_back_as_checker_feedback_without_running(host):
    with StubOpenAI([TYPO, GOOD]) as stub:
        result = session_for(stub, host).ask("draw a circle")
    assert result.ok and len(result.attempts) == 2
    assert kinds(result) == ["code", "checking", "problems", "retrying",
                             "code", "checking", "running", "result", "done"]
    first = result.attempts[0]
    assert first.result is None  # never executed
    assert any("AddCirle" in str(p.get("name")) + p.get("message", "") for p in first.problems)
    repair = stub.bodies()[1]["messages"]
    assert repair[-2] == P.assistant_message("import rhinoscriptsyntax as rs\nrs.AddCirle((0, 0, 0), 5)\n")
    assert repair[-1]["content"].startswith("The script was rejected before running (attempt 1):")
    assert "AddCircle" in repair[-1]["content"]  # the did-you-mean reaches the model
    assert stub.bodies()[1]["temperature"] == 0.2
    assert host.doc.object_count == 1


def test_runtime_error_is_rolled_back_then_fixed(host):
    fixed = "import rhinoscriptsyntax as rs\nrs.AddCircle((0, 0, 0), 5)\n"
    with StubOpenAI([RUNTIME, fence(fixed)]) as stub:
        events = []

        def watch(event):  # the failed attempt's point must be gone before the retry is asked for
            if event.kind == "retrying":
                events.append(host.doc.object_count)
        result = session_for(stub, host).ask("draw a circle", watch)
    assert result.ok and events == [0]
    failed = result.attempts[0].result
    assert not failed.ok and failed.error.type == "ZeroDivisionError" and failed.stdout == "before\n"
    msg = stub.bodies()[1]["messages"][-1]["content"]
    assert msg.startswith("The script failed (attempt 1) with ZeroDivisionError")
    assert "Failing line 4: r = 5 / 0" in msg and "Printed before the error:\nbefore" in msg
    assert msg.endswith(P.FIX_ASK)
    assert host.doc.object_count == 1 and result.result.created and len(result.result.created) == 1


def test_same_error_twice_escalates_then_stops_early(host):
    before = host.doc.snapshot()
    with StubOpenAI([RUNTIME] * 5) as stub:  # no redraws: each repeated script runs (and fails) again
        result = session_for(stub, host, attempts=5, redraws=0).ask("draw a circle")
    assert not result.ok and result.error == "repeated-error"
    assert len(stub.requests) == 3  # stopped early, not after five
    retries = [e for e in result.events if e.kind == "retrying"]
    assert [(e.attempt, e.temperature, e.escalated) for e in retries] == [(2, 0.2, False), (3, 0.5, True)]
    assert stub.bodies()[1]["temperature"] == 0.2 and stub.bodies()[2]["temperature"] == 0.5
    assert stub.bodies()[2]["messages"][-1]["content"].endswith(P.ESCALATE_ASK)
    assert "same problem 3 times" in result.summary and "ZeroDivisionError" in result.summary
    assert host.doc.snapshot() == before


def test_a_repair_that_repeats_an_earlier_script_is_drawn_again_hotter(host):
    again = RUNTIME.replace("print('before')\n", "print('before')   \n\n")  # same script, other spacing
    with StubOpenAI([RUNTIME, again, GOOD]) as stub:
        result = session_for(stub, host, redraws=2).ask("draw a circle")
    assert result.ok and len(result.attempts) == 2 and len(stub.requests) == 3
    assert result.attempts[0].redraws == 0 and result.attempts[1].redraws == 1
    retries = [(e.attempt, e.temperature, e.escalated, e.redraw) for e in result.events if e.kind == "retrying"]
    assert retries == [(2, 0.2, False, False), (2, 0.5, True, True)]
    assert "repeats the script of attempt 1" in [e for e in result.events if e.kind == "retrying"][1].reason
    # the repeat never ran: one failed run (attempt 1), then the good one
    assert [e.attempt for e in result.events if e.kind == "running"] == [1, 2]
    second, third = stub.bodies()[1], stub.bodies()[2]
    assert third["temperature"] == 0.5 and second["temperature"] == 0.2
    # the redraw replaces the repair request with the different-approach one; nothing is appended
    assert len(third["messages"]) == len(second["messages"])
    assert second["messages"][-1]["content"].endswith(P.FIX_ASK)
    assert third["messages"][-1]["content"].endswith(P.ESCALATE_ASK)
    assert "ZeroDivisionError" in third["messages"][-1]["content"]
    assert result.attempts[1].temperature == 0.5 and host.doc.object_count == 1


def test_redraws_are_bounded_then_the_repeat_runs(host):
    before = host.doc.snapshot()
    with StubOpenAI([RUNTIME] * 4) as stub:
        result = session_for(stub, host, attempts=2, redraws=2).ask("draw a circle")
    assert not result.ok and result.error == "gave-up" and len(result.attempts) == 2
    assert [b["temperature"] for b in stub.bodies()] == [0.0, 0.2, 0.5, 0.8]
    assert result.attempts[1].redraws == 2 and result.attempts[1].result is not None  # ran after two redraws
    assert result.attempts[1].to_dict()["redraws"] == 2
    assert host.doc.snapshot() == before


def test_a_first_attempt_is_never_redrawn(host):
    with StubOpenAI([RUNTIME, fence("import rhinoscriptsyntax as rs\nrs.AddPoint((1, 1, 1))")]) as stub:
        result = session_for(stub, host, redraws=2).ask("draw a point")
    assert result.ok and len(stub.requests) == 2 and [a.redraws for a in result.attempts] == [0, 0]


def test_gives_up_after_n_attempts_with_a_summary(host):
    other = fence("import rhinoscriptsyntax as rs\nrs.AddPoint((0, 0, 0))\nx = [][1]\n")
    before = host.doc.snapshot()
    with StubOpenAI([RUNTIME, other, RUNTIME]) as stub:  # attempt 3 repeats attempt 1: no redraws here
        result = session_for(stub, host, redraws=0).ask("draw a circle")
    assert not result.ok and result.error == "gave-up" and len(result.attempts) == 3
    assert [e.escalated for e in result.events if e.kind == "retrying"] == [False, False]
    assert result.summary.startswith("Gave up after 3 attempts; the document is unchanged.")
    assert "ZeroDivisionError" in result.summary
    assert host.doc.snapshot() == before and host.undo_last() is False


def test_cancel_mid_stream_leaves_the_document_unchanged(host):
    host.doc.add_layer("Other")
    before = host.doc.snapshot()
    with StubOpenAI([Reply(GOOD, hang_after=3)]) as stub:
        session = session_for(stub, host)
        threading.Thread(target=lambda: stub.hanging.wait(5) and session.cancel(), daemon=True).start()
        t = time.monotonic()
        result = session.ask("draw a circle")
    assert time.monotonic() - t < 5
    assert result.cancelled and not result.ok and kinds(result) == ["cancelled"]
    assert result.events[-1].stage == "generating"
    assert host.doc.snapshot() == before


def test_cancel_while_running_rolls_back(host):
    loop = fence("import rhinoscriptsyntax as rs\nrs.AddPoint((0, 0, 0))\nwhile True:\n    pass\n")
    before = host.doc.snapshot()
    with StubOpenAI([loop]) as stub:
        session = session_for(stub, host, run_timeout=20)

        def on_event(event):
            if event.kind == "running":
                threading.Timer(0.3, session.cancel).start()
        result = session.ask("draw a point", on_event)
    assert result.cancelled and result.events[-1].kind == "cancelled" and result.events[-1].stage == "running"
    assert host.doc.snapshot() == before


def _closed_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def test_server_down_is_a_clear_message(host):
    before = host.doc.snapshot()
    session = Session(host, ChatClient("http://127.0.0.1:%d" % _closed_port()))
    result = session.ask("draw a circle")
    assert not result.ok and result.error == "server"
    assert result.summary.startswith("Model server problem: cannot reach the model server")
    assert kinds(result) == ["done"] and host.doc.snapshot() == before


def test_empty_prompt_never_calls_the_server(host):
    with StubOpenAI([GOOD]) as stub:
        result = session_for(stub, host).ask("   ")
    assert not result.ok and result.error == "empty-prompt" and stub.requests == []
    assert "Empty request" in result.summary


def test_no_code_and_wrong_language_are_fed_back(host):
    csharp = "```csharp\nusing Rhino;\nvar c = new Circle(Plane.WorldXY, 5);\n```"
    with StubOpenAI(["Sure, what radius?", csharp, GOOD]) as stub:
        result = session_for(stub, host).ask("draw a circle")
    assert result.ok and len(result.attempts) == 3
    problems = [e.problems[0]["code"] for e in result.events if e.kind == "problems"]
    assert problems == ["no-code", "wrong-language"]
    assert "no Python code" in stub.bodies()[1]["messages"][-1]["content"]
    assert "C#" in stub.bodies()[2]["messages"][-1]["content"]


def test_enormous_reply_is_capped(host):
    huge = Reply("blah " * 40000, chunk=500)
    with StubOpenAI([huge, GOOD]) as stub:
        result = session_for(stub, host, max_reply_chars=3000).ask("draw a circle")
    assert result.ok
    first = result.attempts[0]
    assert len(first.reply) == 3000 and first.problems[0]["code"] == "too-long"
    assert len(stub.bodies()[1]["messages"][-2]["content"]) <= 2000  # history keeps a bounded excerpt


def test_history_carries_follow_ups_and_clear(host):
    with StubOpenAI([GOOD, GOOD]) as stub:
        session = session_for(stub, host)
        session.ask("draw a circle")
        session.ask("now another one")
        second = stub.bodies()[1]["messages"]
    assert [m["role"] for m in second] == ["system", "user", "assistant", "user"]
    assert second[1]["content"] == "draw a circle" and "AddCircle" in second[2]["content"]
    assert "Request: now another one" in second[3]["content"]
    assert "1 object (Curve 1)" in second[3]["content"]  # fresh context every turn
    session.clear()
    assert session.history == []


def test_run_code_checks_and_runs_without_the_model(host):
    session = Session(host, ChatClient("http://127.0.0.1:9"))
    bad = session.run_code("import rhinoscriptsyntax as rs\nrs.AddCirle((0,0,0), 1)\n")
    assert not bad.ok and bad.error == "checks" and host.doc.object_count == 0
    good = session.run_code("import rhinoscriptsyntax as rs\nrs.AddPoint((1, 1, 1))\n")
    assert good.ok and host.doc.object_count == 1 and [e.kind for e in good.events][-1] == "done"
    assert session.undo() and host.doc.object_count == 0


def test_selection_reaches_prompt_and_script(host):
    pid = host.run("import rhinoscriptsyntax as rs\nrs.AddPoint((7, 8, 9))\n").created[0]
    host.doc.select([pid])
    code = "import rhinoscriptsyntax as rs\nfor i in SELECTED_IDS:\n    rs.ObjectName(i, 'seen')\n"
    with StubOpenAI([fence(code)]) as stub:
        result = session_for(stub, host).ask("name the selection 'seen'")
    assert result.ok and result.result.modified == [pid] and host.doc.find(pid).name == "seen"
    user = stub.bodies()[0]["messages"][-1]["content"]
    assert "Selected 1 object, in SELECTED_IDS order:\n[0] Point layer=Default location=(7,8,9)" in user


def test_events_are_plain_data(host):
    import json
    with StubOpenAI([TYPO, GOOD]) as stub:
        result = session_for(stub, host).ask("draw a circle")
    d = json.loads(json.dumps(result.to_dict()))
    assert d["ok"] is True and d["events"][-1]["kind"] == "done" and len(d["attempts"]) == 2
    assert all("kind" in e for e in d["events"]) and not any(e["kind"] == "token" for e in d["events"])


def test_a_turn_on_the_real_server_with_the_tiny_model(host, tiny_model_dir):
    """The launcher starts `rhinocoder-server` on the tiny random model; a whole turn runs through it.

    The tiny model's text is random, so the contract is checked, not the script: the reply is
    streamed and parsed, events end with done, nothing crashes, and a failed turn leaves no trace."""
    from rhino_plugin.core.server_launcher import ensure_server, health

    before = host.doc.snapshot()
    notes = []
    closed = "http://127.0.0.1:%d" % _closed_port()  # nothing on the "default" URL: a server is started
    with ensure_server(model=tiny_model_dir, progress=notes.append, default_url=closed,
                       startup_timeout=300) as srv:
        assert srv.owned and health(srv.url)["model"]
        client = ChatClient(srv.url, read_timeout=120)
        events = []
        result = Session(host, client, SessionOptions(attempts=2, max_tokens=24)).ask("draw a circle", events.append)
        process = srv.process
    assert process.poll() is not None  # stopped on exit
    assert any("Starting the model server" in n for n in notes) and any("ready" in n for n in notes)
    assert events and events[-1].kind == "done" and result.summary
    assert result.error in (None, "gave-up", "repeated-error")
    assert len(result.attempts) in (1, 2)
    streamed = "".join(e.text for e in events if e.kind == "token")
    assert streamed == "".join(a.reply for a in result.attempts)  # every streamed token reached the reply
    if not result.ok:
        assert host.doc.snapshot() == before


def test_a_crashing_checker_ends_the_turn_with_a_message(host):
    def broken_checker(code, allow_unsafe):
        raise RuntimeError("index file damaged")
    with StubOpenAI([GOOD]) as stub:
        session = Session(host, ChatClient(stub.url), checker=broken_checker)
        result = session.ask("draw a circle")
    assert not result.ok and result.error == "internal" and "index file damaged" in result.summary
    assert host.doc.object_count == 0


def test_a_reply_cut_at_the_token_limit_is_told_to_be_shorter(host):
    cut = "```python\nimport rhinoscriptsyntax as rs\nrs.AddCircle((0, 0, 0),\n"
    chunk = '{"choices": [{"delta": {"content": %s}, "finish_reason": "length"}]}' % __import__("json").dumps(cut)
    with StubOpenAI([Reply(raw="data: %s\n\ndata: [DONE]\n\n" % chunk), GOOD]) as stub:
        result = session_for(stub, host).ask("draw a circle")
    assert result.ok and result.attempts[0].problems[0]["code"] == "syntax"
    assert P.CUT_OFF_NOTE in stub.bodies()[1]["messages"][-1]["content"]


def test_a_script_that_needs_rhino_is_not_repaired_away(host):
    """NeedsRhinoError is the headless host's limit, not a bug: stop with the script, don't retry."""
    import rhino_headless.rhinoscriptsyntax as rs
    from rhino_headless.errors import NeedsRhinoError
    needs = None
    for name in ("AddLoftSrf", "BooleanUnion", "AddSweep1", "AddNetworkSrf"):
        try:
            getattr(rs, name)(None)
        except NeedsRhinoError:
            needs = name
            break
        except Exception:
            continue
    assert needs, "no rs function left that needs Rhino's kernel"
    code = "import rhinoscriptsyntax as rs\nrs.AddPoint((0, 0, 0))\nrs.%s(SELECTED_IDS)\n" % needs
    with StubOpenAI([fence(code), GOOD]) as stub:
        result = session_for(stub, host).ask("loft the curves")
    assert not result.ok and result.error == "needs-rhino" and len(stub.requests) == 1
    assert "needs Rhino itself" in result.summary and result.code == code
    assert host.doc.object_count == 0  # the point it added was rolled back


def test_missing_standard_imports_are_added(host):
    with StubOpenAI([fence("c = rs.AddCircle((0, 0, 0), 2)\nprint(round(rs.CurveLength(c), 3))")]) as stub:
        session = session_for(stub, host)
        result = session.ask("draw a circle")
        assert result.ok and result.result.stdout == "12.566\n"
        code_event = [e for e in result.events if e.kind == "code"][0]
        assert code_event.added_imports == ["import rhinoscriptsyntax as rs"]
        assert result.code.startswith("import rhinoscriptsyntax as rs\nc = rs.AddCircle")
        assert session.history[-1] == P.assistant_message(result.code)  # history holds what ran
    with StubOpenAI([fence("rs.AddPoint((0, 0, 0))")]) as stub:
        off = session_for(stub, host, attempts=1, add_missing_imports=False).ask("add a point")
    assert not off.ok and off.code == "rs.AddPoint((0, 0, 0))\n"
    assert not session.run_code("rs.AddPoint((0, 0, 0))").ok  # /run never edits the user's own script


def test_launcher_reuses_a_healthy_default_server_and_reports_a_failed_start(tmp_path):
    from rhino_plugin.core.server_launcher import ServerStartError, ensure_server
    notes = []
    with StubOpenAI([]) as stub:
        handle = ensure_server(progress=notes.append, default_url=stub.url)
        assert handle.url == stub.url and not handle.owned and "Using the model server" in notes[0]
        assert ensure_server(server="http://10.0.0.1:1").url == "http://10.0.0.1:1"  # given: used as is
    missing = str(tmp_path / "no-model-here")
    t = time.monotonic()
    with pytest.raises(ServerStartError) as info:
        ensure_server(model=missing, default_url="http://127.0.0.1:%d" % _closed_port(), startup_timeout=120)
    assert "exited with code 1" in str(info.value) and "no-model-here" in str(info.value)
    assert time.monotonic() - t < 120


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux only")
def test_a_killed_launcher_leaves_no_server_behind(tiny_model_dir):
    code = ("import sys, time\nfrom rhino_plugin.core.server_launcher import start_server\n"
            "h = start_server(sys.argv[1], startup_timeout=300)\nprint(h.process.pid, flush=True)\ntime.sleep(600)\n")
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    parent = subprocess.Popen([sys.executable, "-c", code, tiny_model_dir], stdout=subprocess.PIPE, text=True,
                              cwd=root)
    try:
        server_pid = int(parent.stdout.readline())
        os.kill(server_pid, 0)  # running
    finally:
        parent.kill()  # SIGKILL: no finally, no atexit in the launcher
        parent.wait(10)
    deadline = time.monotonic() + 20
    gone = False
    while time.monotonic() < deadline and not gone:
        try:
            os.kill(server_pid, 0)
            with open("/proc/%d/stat" % server_pid) as f:  # a zombie waiting for init counts as gone
                gone = f.read().split(") ")[1].startswith("Z")
        except (ProcessLookupError, FileNotFoundError):
            gone = True
        time.sleep(0.2)
    assert gone, "the model server outlived the killed launcher"


def test_generation_stops_after_a_complete_code_block(host):
    """The prose a small model adds after its script is never streamed: the turn stops reading
    at the closing fence (and with the option off, the whole reply arrives)."""
    chatty = GOOD + "\n\nThis script draws a circle. " + "It is very nice. " * 200
    with StubOpenAI([chatty, chatty]) as stub:
        stopped = session_for(stub, host).ask("draw a circle")
        full = session_for(stub, host, stop_after_code=False).ask("draw a circle")
    assert stopped.ok and full.ok
    # the stub sends 7-character chunks: the one holding the closing fence is the last read
    assert len(stopped.attempts[0].reply) < len(GOOD) + 7
    assert "very nice" not in stopped.attempts[0].reply
    assert "very nice" in full.attempts[0].reply


def test_a_looping_reply_is_stopped_and_kept_to_one_copy(host):
    loop = "```python\nimport rhinoscriptsyntax as rs\nrs.AddPoint((1, 2, 3))\n" + "y = 1 / 0\n" * 60 + "```"
    with StubOpenAI([Reply(loop, chunk=4), GOOD]) as stub:
        events = []
        result = session_for(stub, host).ask("add a point", events.append)
    first = result.attempts[0]
    assert first.loop_line == "y = 1 / 0" and first.reply.count("y = 1 / 0") == 1
    streamed = "".join(e.text for e in events if e.kind == "token" and e.attempt == 1)
    assert streamed.count("y = 1 / 0") == 4 < loop.count("y = 1 / 0")   # generation stopped there
    assert first.code.count("y = 1 / 0") == 1 and first.result.error.type == "ZeroDivisionError"
    repair = stub.bodies()[1]["messages"][-1]["content"]
    assert "repeated the line `y = 1 / 0`" in repair and P.CUT_OFF_NOTE not in repair
    assert result.ok and len(result.attempts) == 2 and host.doc.object_count == 1   # the failed run left nothing
    assert result.to_dict()["attempts"][0]["loop_line"] == "y = 1 / 0"


def test_repeated_lines_below_the_threshold_are_left_alone(host):
    three = "```python\nimport rhinoscriptsyntax as rs\n" + "rs.AddPoint((0, 0, 0))\n" * 3 + "```"
    with StubOpenAI([three]) as stub:
        result = session_for(stub, host).ask("three points")
    assert result.ok and result.attempts[0].loop_line is None and host.doc.object_count == 3
    with StubOpenAI([three]) as stub:
        result = session_for(stub, host, loop_lines=0).ask("three points")
    assert result.ok and result.attempts[0].loop_line is None


def test_a_script_that_adds_nothing_for_a_geometry_request_is_repaired(host):
    """shared/docs/findings.md: a script built rg.Sphere, printed its centre and never added it;
    the turn said "Done ... no objects changed". Now that attempt fails and the repair says why."""
    built_only = fence("import Rhino.Geometry as rg\nsphere = rg.Sphere(rg.Point3d(5, 5, 5), 3)\n"
                       "print(sphere.Center)")
    added = fence("import rhinoscriptsyntax as rs\nrs.AddSphere((5, 5, 5), 3)")
    with StubOpenAI([built_only, added]) as stub:
        result = session_for(stub, host).ask("Make a sphere with radius 3 centered at 5,5,5")
        repair = stub.bodies()[1]["messages"][-1]["content"]
    assert result.ok and len(result.attempts) == 2 and host.doc.object_count == 1
    assert result.attempts[0].problems[0]["code"] == "nothing-added"
    assert "added nothing to the document" in repair and "rs.Add" in repair


def test_a_request_that_makes_no_geometry_may_change_no_objects(host):
    with StubOpenAI([fence("import rhinoscriptsyntax as rs\nrs.AddLayer('Roof')")]) as stub:
        result = session_for(stub, host).ask("Add a layer called Roof")
    assert result.ok and len(result.attempts) == 1
    with StubOpenAI([fence("print('nothing to do')")]) as stub:
        off = session_for(stub, host, require_changes=False).ask("Make a sphere of radius 3")
    assert off.ok


def test_a_failed_rollback_ends_the_turn_without_a_retry(host):
    """Rhino's host raises RollbackError when Undo cannot take a failed attempt back
    (hosts/rhino.py); the session must stop there, not run a repair on a dirty document."""
    from rhino_plugin.core.host import RollbackError

    class StuckHost(HeadlessHost):
        def run(self, code, *args, **kwargs):
            result = super().run(code, *args, **kwargs)
            if not result.ok:
                raise RollbackError("Rhino made another undo record after the attempt; use Undo")
            return result

    stuck = StuckHost()
    with StubOpenAI([RUNTIME, GOOD]) as stub:
        result = session_for(stub, stuck).ask("draw a circle")
        assert len(stub.bodies()) == 1               # no repair was asked for
    assert not result.ok and result.error == "rollback"
    assert "could not be rolled back" in result.summary and "use Undo" in result.summary
