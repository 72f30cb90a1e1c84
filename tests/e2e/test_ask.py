"""`rhinocoder ask` end to end, as a user runs it: a subprocess, real files, a real HTTP server.

The scripted server drives exact outcomes; the last test runs the embedded default model
(SmolLM2-135M) through an automatically started `rhinocoder-server` and checks the contract
(events, exit code, saved document), not the quality of a 135M model's script.
"""
import json
import os
import socket
import subprocess
import sys

import pytest
import rhino3dm

from rhino_headless.document import HeadlessDoc
from tests.support.stub_openai import StubOpenAI

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
GOOD = "```python\nimport rhinoscriptsyntax as rs\nrs.AddCircle((0, 0, 0), 5)\nprint('circle done')\n```"
ENV = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in [ROOT, os.environ.get("PYTHONPATH")] if p))
BROKEN = "```python\nimport rhinoscriptsyntax as rs\nrs.AddPoint((9, 9, 9))\nx = 1 / 0\n```"


def ask(*argv, timeout=120):
    cmd = [sys.executable, "-c", "import sys; from rhino_plugin.cli import main; sys.exit(main())", "ask"]
    return subprocess.run(cmd + list(argv), capture_output=True, text=True, timeout=timeout, cwd=ROOT, env=ENV)


@pytest.fixture
def input_doc(tmp_path):
    doc = HeadlessDoc()
    doc.add(rhino3dm.Point(rhino3dm.Point3d(1, 2, 3)))
    path = str(tmp_path / "in.3dm")
    doc.save(path)
    return path


def test_ask_saves_png_and_json(tmp_path, input_doc):
    out, png = str(tmp_path / "out.3dm"), str(tmp_path / "out.png")
    with StubOpenAI([GOOD]) as stub:
        p = ask("draw a circle of radius 5", "--doc", input_doc, "--server", stub.url, "--save", out, "--png", png,
                "--json")
    assert p.returncode == 0, p.stderr
    d = json.loads(p.stdout)
    assert d["ok"] is True and d["result"]["stdout"] == "circle done\n"
    assert [e["kind"] for e in d["events"]] == ["code", "checking", "running", "result", "done"]
    assert d["document"]["object_count"] == 2 and "Traceback" not in p.stderr
    model = rhino3dm.File3dm.Read(out)
    kinds = sorted(type(o.Geometry).__name__ for o in model.Objects)
    assert len(kinds) == 2 and "Point" in kinds
    with open(png, "rb") as f:
        assert f.read(8) == b"\x89PNG\r\n\x1a\n"
    assert "Request: draw a circle of radius 5" in stub.bodies()[0]["messages"][-1]["content"]


def test_text_output_streams_tokens_and_summary(tmp_path):
    with StubOpenAI([BROKEN, GOOD]) as stub:
        p = ask("draw a circle", "--server", stub.url)
    assert p.returncode == 0, p.stderr
    text = p.stdout
    assert "rs.AddCircle((0, 0, 0), 5)" in text  # the streamed reply
    assert "[attempt 1] failed, rolled back:" in text and "ZeroDivisionError" in text
    assert "[attempt 2] retrying at temperature 0.20" in text
    assert "[attempt 2] ok: created 1" in text and "Done in 2 attempts" in text


def test_all_attempts_failed_saves_the_input_unchanged(tmp_path, input_doc):
    out = str(tmp_path / "out.3dm")
    with StubOpenAI([BROKEN] * 4) as stub:  # attempt 2 repeats attempt 1: drawn again twice, then run
        p = ask("draw a circle", "--doc", input_doc, "--server", stub.url, "--attempts", "2", "--redraws", "2",
                "--save", out)
    assert p.returncode == 1
    assert "[attempt 2] the reply repeats the script of attempt 1; drawing again at temperature 0.50" in p.stdout
    assert "drawing again at temperature 0.80" in p.stdout
    assert "Gave up after 2 attempts; the document is unchanged" in p.stdout
    assert HeadlessDoc.load(out).snapshot() == HeadlessDoc.load(input_doc).snapshot()
    assert "Traceback (most recent call last)" not in p.stderr


def _closed_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


@pytest.mark.parametrize("argv, message", [
    (["   "], "empty prompt"),
    (["draw", "--attempts", "0"], "--attempts must be at least 1"),
    (["draw", "--doc", "/no/such/file.3dm"], "no such file"),
    (["draw", "--select", "not-an-id"], "not an object id"),
    (["draw", "--save", "/no/such/folder/out.3dm"], "does not exist"),
    (["draw", "--server", "ftp://example.com"], "not an http(s) URL"),
])
def test_bad_usage_exits_2_with_one_line(argv, message):
    server = [] if "--server" in argv else ["--server", "http://127.0.0.1:%d" % _closed_port()]
    p = ask(*argv, *server)
    assert p.returncode == 2 and message in p.stderr and "Traceback" not in p.stderr


def test_server_down_is_exit_1_with_a_clear_message(tmp_path, input_doc):
    out = str(tmp_path / "out.3dm")
    p = ask("draw a circle", "--doc", input_doc, "--server", "http://127.0.0.1:%d" % _closed_port(), "--save", out)
    assert p.returncode == 1 and "cannot reach the model server" in p.stdout + p.stderr
    assert "Traceback" not in p.stderr
    assert HeadlessDoc.load(out).snapshot() == HeadlessDoc.load(input_doc).snapshot()


def test_prompt_from_stdin_and_wrong_language(tmp_path):
    csharp = "```csharp\nusing Rhino;\nvar c = 1;\n```"
    with StubOpenAI([csharp, csharp]) as stub:
        cmd = [sys.executable, "-c", "import sys; from rhino_plugin.cli import main; sys.exit(main())",
               "ask", "-", "--server", stub.url, "--attempts", "2", "--json"]
        p = subprocess.run(cmd, input="draw a circle\n", capture_output=True, text=True, timeout=60, cwd=ROOT,
                           env=ENV)
    assert p.returncode == 1
    d = json.loads(p.stdout)
    assert d["request"] == "draw a circle" and d["error"] in ("gave-up", "repeated-error")
    assert [e["problems"][0]["code"] for e in d["events"] if e["kind"] == "problems"] == ["wrong-language"] * 2


QUICKSTART = "Add a point at 1,2,3 and a circle of radius 5 at the origin"


@pytest.mark.real_model
def test_the_readme_quickstart_makes_the_point_and_the_circle(tmp_path):
    """The README's first command, as written, on the catalogue default (Qwen2.5-Coder-1.5B): no
    --server, so `ask` starts `rhinocoder-server --model default` itself; rc 0 and the right
    geometry in the saved document."""
    out = str(tmp_path / "first.3dm")
    p = ask(QUICKSTART, "--save", out, "--png", str(tmp_path / "first.png"), "--json", timeout=1200)
    assert p.returncode == 0, p.stderr[-2000:]
    d = json.loads(p.stdout)
    assert d["ok"] and d["summary"] in p.stderr
    saved = HeadlessDoc.load(out)
    kinds = sorted(o.kind for o in saved.objects())
    assert saved.object_count == 2, kinds
    points = [o.geometry for o in saved.objects() if isinstance(o.geometry, rhino3dm.Point)]
    curves = [o.geometry for o in saved.objects() if isinstance(o.geometry, rhino3dm.Curve)]
    assert len(points) == 1 and len(curves) == 1, kinds
    loc = points[0].Location
    assert (loc.X, loc.Y, loc.Z) == pytest.approx((1, 2, 3))
    circle = curves[0].TryGetCircle(1e-6)   # rhino3dm: the Circle, or None
    assert circle is not None and curves[0].IsClosed
    assert circle.Radius == pytest.approx(5) and circle.Center.DistanceTo(rhino3dm.Point3d(0, 0, 0)) < 1e-9
