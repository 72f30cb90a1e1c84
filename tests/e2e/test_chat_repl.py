"""`rhinocoder chat` as a user drives it: a subprocess fed through stdin, a scripted server on loopback."""
import os
import signal
import subprocess
import sys
import time

import rhino3dm

from rhino_headless.document import HeadlessDoc
from tests.support.stub_openai import Reply, StubOpenAI

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ENV = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in [ROOT, os.environ.get("PYTHONPATH")] if p))
CMD = [sys.executable, "-c", "import sys; from rhino_plugin.cli import main; sys.exit(main())", "chat"]
CIRCLE = "```python\nimport rhinoscriptsyntax as rs\nrs.AddCircle((0, 0, 0), 5)\n```"
POINT = "```python\nimport rhinoscriptsyntax as rs\nrs.AddPoint((4, 5, 6))\n```"


def chat(lines, *argv, timeout=120):
    return subprocess.run(CMD + list(argv), input="\n".join(lines) + "\n", capture_output=True, text=True,
                          timeout=timeout, cwd=ROOT, env=ENV)


def test_a_whole_chat_on_one_document(tmp_path):
    out, png = str(tmp_path / "chat.3dm"), str(tmp_path / "chat.png")
    with StubOpenAI([CIRCLE, POINT, POINT]) as stub:
        p = chat(["draw a circle",
                  "add a point",
                  "/history",
                  "/undo",
                  "/retry",
                  "/run import rhinoscriptsyntax as rs; rs.AddLine((0, 0, 0), (1, 1, 0))",
                  "/run",
                  "import rhinoscriptsyntax as rs",
                  "print(len(rs.AllObjects()))",
                  "/end",
                  "/doc",
                  "/save " + out,
                  "/png " + png,
                  "/clear",
                  "/history",
                  "/quit"], "--server", stub.url)
    assert p.returncode == 0, p.stderr
    text = p.stdout
    assert "Traceback" not in text + p.stderr
    assert text.count("Done in 1 attempt") == 3  # circle, point, and the retried point
    assert "user: draw a circle" in text and "assistant: ```python" in text
    assert "undone" in text and "undid the previous result" not in text  # /undo already removed it
    assert "\n3\n" in text  # circle + retried point + line, printed by the multi-line /run
    assert "3 objects (Curve 2, Point 1)" in text  # /doc
    assert "history cleared" in text and "(no history)" in text
    # the follow-up saw the first turn; the retry did not see the undone one
    bodies = stub.bodies()
    assert [m["role"] for m in bodies[1]["messages"]] == ["system", "user", "assistant", "user"]
    assert [m["role"] for m in bodies[2]["messages"]] == ["system", "user", "assistant", "user"]
    assert bodies[2]["messages"][-1]["content"].endswith("Request: add a point")
    model = rhino3dm.File3dm.Read(out)
    assert len(model.Objects) == 3
    with open(png, "rb") as f:
        assert f.read(4) == b"\x89PNG"


def test_retry_after_success_replaces_the_result(tmp_path):
    out = str(tmp_path / "r.3dm")
    with StubOpenAI([POINT, POINT]) as stub:
        p = chat(["add a point", "/retry", "/save " + out, "/quit"], "--server", stub.url)
    assert p.returncode == 0 and "undid the previous result" in p.stdout
    assert HeadlessDoc.load(out).object_count == 1
    assert len(stub.requests) == 2


def test_bad_commands_and_server_down_keep_the_repl_alive():
    p = chat(["/bogus", "/save", "/run", "/end", "/retry", "/undo", "draw a circle", "/save /no/such/dir/x.3dm",
              "/doc"], "--server", "http://127.0.0.1:9")
    assert p.returncode == 0  # EOF ends the chat cleanly
    text = p.stdout
    for expected in ("unknown command /bogus", "/save needs a file name", "/run needs a script",
                     "nothing to retry yet", "nothing to undo", "cannot reach the model server",
                     "cannot write", "Nothing is selected"):
        assert expected in text, expected
    assert "Traceback" not in text + p.stderr


def test_ctrl_c_cancels_the_generation_not_the_program(tmp_path):
    out = str(tmp_path / "c.3dm")
    with StubOpenAI([Reply(CIRCLE, hang_after=2), POINT]) as stub:
        proc = subprocess.Popen(CMD + ["--server", stub.url], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True, cwd=ROOT, env=ENV)
        try:
            proc.stdin.write("draw a circle\n")
            proc.stdin.flush()
            assert stub.hanging.wait(60), "the generation never started"
            time.sleep(0.2)
            proc.send_signal(signal.SIGINT)
            proc.stdin.write("add a point\n/save %s\n/quit\n" % out)
            proc.stdin.flush()
            stdout, stderr = proc.communicate(timeout=60)
        finally:
            if proc.poll() is None:
                proc.kill()
    assert proc.returncode == 0, stderr
    assert "[attempt 1] cancelled while generating; the document is unchanged." in stdout
    assert "Done in 1 attempt" in stdout and "Traceback" not in stdout + stderr
    doc = HeadlessDoc.load(out)
    assert doc.object_count == 1 and type(doc.objects()[0].geometry).__name__ == "Point"


def test_run_turn_turns_a_ctrl_c_at_any_moment_into_a_cancel_and_a_second_into_an_interrupt():
    """The waiting loop never sees the first SIGINT as an exception (one that landed outside its try
    used to leave the turn running with nobody waiting); the handler is restored afterwards."""
    import threading

    import pytest

    from rhino_plugin.cli.ask import run_turn

    class Turn:
        def __init__(self, signals):
            self.signals, self.cancelled = signals, threading.Event()

        def cancel(self):
            self.cancelled.set()

        def work(self):
            for _ in range(self.signals):  # from the worker: delivered to the waiting main thread
                os.kill(os.getpid(), signal.SIGINT)
                time.sleep(0.05)
            return "cancelled" if self.cancelled.wait(10) else "never cancelled"

    before = signal.getsignal(signal.SIGINT)
    for _ in range(20):
        turn = Turn(1)
        assert run_turn(turn, turn.work) == "cancelled"
    assert signal.getsignal(signal.SIGINT) is before
    turn = Turn(2)
    with pytest.raises(KeyboardInterrupt):
        run_turn(turn, turn.work)
    assert turn.cancelled.is_set() and signal.getsignal(signal.SIGINT) is before
