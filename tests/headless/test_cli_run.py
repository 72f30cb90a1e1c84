"""`rhinocoder run`: the JSON contract, rollback on failure, and bad input (exit 2, one line)."""
import json
import os
import subprocess
import sys

import pytest
import rhino3dm as r

from rhino_headless.document import HeadlessDoc
from rhino_plugin.cli import main

MAKE_TWO = ("import scriptcontext as sc\n"
            "a = sc.doc.Objects.AddPoint(1, 2, 3)\n"
            "b = sc.doc.Objects.AddLine((0, 0, 0), (5, 0, 0))\n"
            "print('made', sc.doc.Objects.Count)\n")


def run_cli(capsys, *argv):
    code = main(["run"] + [str(a) for a in argv])
    out = capsys.readouterr()
    return code, out.out, out.err


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


@pytest.fixture
def input_doc(tmp_path):
    doc = HeadlessDoc()
    doc.add_layer("Walls", color=(255, 0, 0))
    ids = [doc.add(r.Point(r.Point3d(i, 0, 0))) for i in range(3)]
    path = str(tmp_path / "in.3dm")
    doc.save(path)
    return path, ids


def test_json_contract_on_success(tmp_path, capsys):
    code, out, err = run_cli(capsys, write(tmp_path, "s.py", MAKE_TWO), "--json")
    assert code == 0
    result = json.loads(out)
    assert set(result) == {"ok", "stdout", "error", "created", "deleted", "modified", "object_count"}
    assert result["ok"] is True and result["error"] is None
    assert result["stdout"] == "made 2\n"
    assert len(result["created"]) == 2 and result["object_count"] == 2
    assert result["deleted"] == [] and result["modified"] == []


def test_plain_output_and_save(tmp_path, capsys, input_doc):
    doc_path, ids = input_doc
    out_path = str(tmp_path / "out.3dm")
    script = write(tmp_path, "s.py", "import scriptcontext as sc\nsc.doc.Objects.Delete('%s', True)\n" % ids[0] + MAKE_TWO)
    code, out, err = run_cli(capsys, script, "--doc", doc_path, "--save", out_path)
    assert code == 0
    assert out == "made 4\n"
    assert "2 created, 1 deleted, 0 modified; 4 objects" in err
    saved = HeadlessDoc.load(out_path)
    assert saved.object_count == 4 and saved.find(ids[0]) is None and saved.find(ids[1]) is not None


def test_failed_script_saves_the_input_unchanged(tmp_path, capsys, input_doc):
    doc_path, ids = input_doc
    out_path = str(tmp_path / "out.3dm")
    script = write(tmp_path, "bad.py",
                   "import scriptcontext as sc\n"
                   "for o in list(sc.doc.Objects):\n"
                   "    sc.doc.Objects.Delete(o.Id, True)\n"
                   "sc.doc.Layers.Add('Extra', None)\n"
                   "print('deleted all')\n"
                   "raise RuntimeError('late failure')\n")
    code, out, err = run_cli(capsys, script, "--doc", doc_path, "--save", out_path, "--json")
    assert code == 1
    result = json.loads(out)
    assert result["ok"] is False and result["stdout"] == "deleted all\n"
    assert result["error"]["type"] == "RuntimeError" and result["error"]["line"] == 6
    assert "late failure" in result["error"]["traceback"] and result["object_count"] == 3
    assert HeadlessDoc.load(out_path).snapshot() == HeadlessDoc.load(doc_path).snapshot()


def test_select_and_answers(tmp_path, capsys, input_doc):
    doc_path, ids = input_doc
    answers = write(tmp_path, "answers.json", json.dumps(["first", [1, 2, 3]]))
    script = write(tmp_path, "s.py",
                   "import scriptcontext as sc\n"
                   "print([str(i) for i in SELECTED_IDS])\n"
                   "print(sc.doc.next_answer('GetString'), sc.doc.next_answer('GetPoint'))\n")
    code, out, _ = run_cli(capsys, script, "--doc", doc_path, "--select", ids[2], ids[0],
                           "--answers", answers, "--json")
    assert code == 0
    assert json.loads(out)["stdout"] == "%r\nfirst [1, 2, 3]\n" % ([str(ids[0]), str(ids[2])],)


def test_timeout_and_unsupported_are_script_failures(tmp_path, capsys):
    loop = write(tmp_path, "loop.py", "while True:\n    pass\n")
    code, out, _ = run_cli(capsys, loop, "--timeout", "0.3", "--json")
    assert code == 1 and json.loads(out)["error"]["type"] == "TimeoutError"
    needs = write(tmp_path, "view.py", "import scriptcontext as sc\nv = sc.doc.Views.ActiveView\n")
    code, out, err = run_cli(capsys, needs)
    assert code == 1 and "NeedsRhinoError" in err and "rolled back" in err


def test_png(tmp_path, capsys):
    png = tmp_path / "view.png"
    code, _, _ = run_cli(capsys, write(tmp_path, "s.py", MAKE_TWO), "--png", png)
    assert code == 0
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


# ---- the safety gate: refused before anything runs ---------------------------------------------
UNSAFE = ("import scriptcontext as sc\n"
          "for o in list(sc.doc.Objects):\n"
          "    sc.doc.Objects.Delete(o.Id, True)\n"
          "import os\n"
          "os.system('echo hi')\n")


def test_unsafe_script_is_refused_and_nothing_runs_or_is_written(tmp_path, capsys, input_doc):
    doc_path, ids = input_doc
    before = HeadlessDoc.load(doc_path).snapshot()
    out_path, png = tmp_path / "out.3dm", tmp_path / "out.png"
    code, out, err = run_cli(capsys, write(tmp_path, "bad.py", UNSAFE), "--doc", doc_path,
                             "--save", out_path, "--png", png)
    assert code == 1 and out == ""
    lines = err.strip().splitlines()
    assert lines[0].startswith("bad.py:5: os.system starts another process") and "(rule 'process')" in lines[0]
    assert "rhinoscriptsyntax or RhinoCommon" in lines[0]  # what to write instead
    assert lines[-1].startswith("rhinocoder run: refused: 1 safety problem") and "--no-check" in lines[-1]
    assert "Traceback" not in err
    assert not out_path.exists() and not png.exists()
    assert HeadlessDoc.load(doc_path).snapshot() == before


def test_unsafe_script_with_json_reports_the_problems(tmp_path, capsys, input_doc):
    doc_path, ids = input_doc
    code, out, _ = run_cli(capsys, write(tmp_path, "bad.py", UNSAFE + "exit()\n"), "--doc", doc_path, "--json")
    assert code == 1
    result = json.loads(out)
    assert result["ok"] is False and result["stdout"] == "" and result["object_count"] == 3
    assert result["error"]["type"] == "UnsafeScript" and result["error"]["line"] == 5
    assert "refused: 2 safety problems" in result["error"]["message"]
    assert [(p["line"], p["name"]) for p in result["problems"]] == [(5, "os.system"), (6, "exit")]
    assert result["created"] == result["deleted"] == result["modified"] == []


def test_no_check_and_allow_run_a_script_the_check_refuses(tmp_path, capsys):
    script = write(tmp_path, "dyn.py", "name = 'real'\nprint(getattr(3, name))\n")  # computed attribute name
    code, out, err = run_cli(capsys, script)
    assert code == 1 and out == "" and "(rule 'introspection')" in err
    code, out, err = run_cli(capsys, script, "--no-check")
    assert code == 0 and out == "3\n"
    code, out, err = run_cli(capsys, script, "--allow", "introspection")
    assert code == 0 and out == "3\n"
    code, out, err = run_cli(capsys, script, "--allow", "network")  # the wrong rule does not help
    assert code == 1


def test_safe_uses_of_os_are_not_refused(tmp_path, capsys):
    script = write(tmp_path, "cmd.py", "import rhinoscriptsyntax as rs\nimport os\n"
                                       "print(os.path.join('a', 'b'), rs.IsLayer('Default'))\n")
    code, out, err = run_cli(capsys, script)
    assert code == 0 and "refused" not in err


# ---- bad input: exit 2, one clear line, no output file ----------------------------------------
def bad_cases(tmp_path, input_doc):
    doc_path, ids = input_doc
    good = write(tmp_path, "good.py", MAKE_TWO)
    latin = tmp_path / "latin1.py"
    latin.write_bytes("print('caf\xe9')\n".encode("latin-1"))
    text_doc = write(tmp_path, "fake.3dm", "hello")
    return {
        "missing script": ([str(tmp_path / "nope.py")], "cannot read script"),
        "non-utf8 script": ([str(latin)], "not UTF-8"),
        "empty script": ([write(tmp_path, "empty.py", "  \n\n")], "is empty"),
        "missing doc": ([good, "--doc", str(tmp_path / "nope.3dm")], "no such file"),
        "non-3dm doc": ([good, "--doc", text_doc], "not a Rhino .3dm"),
        "bad select": ([good, "--doc", doc_path, "--select", "zzz"], "not an object id"),
        "unknown select": ([good, "--doc", doc_path, "--select", "0d2c3a2e-0000-0000-0000-000000000001"],
                           "no such object"),
        "answers not a list": ([good, "--answers", write(tmp_path, "a.json", '{"a": 1}')], "JSON list"),
        "answers not json": ([good, "--answers", write(tmp_path, "b.json", "[1, ")], "not valid JSON"),
        "save folder missing": ([good, "--save", str(tmp_path / "no" / "out.3dm")], "does not exist"),
        "bad timeout": ([good, "--timeout", "0"], "--timeout"),
    }


@pytest.mark.parametrize("case", ["missing script", "non-utf8 script", "empty script", "missing doc",
                                  "non-3dm doc", "bad select", "unknown select", "answers not a list",
                                  "answers not json", "save folder missing", "bad timeout"])
def test_bad_input(tmp_path, capsys, input_doc, case):
    argv, expected = bad_cases(tmp_path, input_doc)[case]
    before = sorted(os.listdir(str(tmp_path)))
    code, out, err = run_cli(capsys, *(argv + ["--save", str(tmp_path / "result.3dm")]
                                       if "--save" not in argv else argv))
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("rhinocoder run: ") and expected in lines[0]
    assert "Traceback" not in err and out == ""
    assert sorted(os.listdir(str(tmp_path))) == before  # no output file, no temp file


def test_bad_input_with_json_prints_an_error_object(tmp_path, capsys):
    code, out, err = run_cli(capsys, str(tmp_path / "nope.py"), "--json")
    assert code == 2
    result = json.loads(out)
    assert result["ok"] is False and result["error"]["type"] == "BadInput"
    assert "cannot read script" in result["error"]["message"]


def test_console_script_bad_doc_has_no_traceback(tmp_path):
    script = write(tmp_path, "s.py", MAKE_TWO)
    fake = write(tmp_path, "fake.3dm", "not rhino")
    proc = subprocess.run([sys.executable, "-c", "import sys; from rhino_plugin.cli import main; sys.exit(main())",
                           "run", script, "--doc", fake],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr and proc.stderr.count("\n") == 1 and "not a Rhino .3dm" in proc.stderr


def test_script_from_stdin(capsys, monkeypatch):
    import io

    class Stdin(object):
        buffer = io.BytesIO(MAKE_TWO.encode("utf-8"))

    monkeypatch.setattr(sys, "stdin", Stdin())
    code, out, _ = run_cli(capsys, "-", "--json")
    assert code == 0 and json.loads(out)["stdout"] == "made 2\n"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="RLIMIT_AS is enforced on Linux only")
def test_memory_limit_turns_a_runaway_allocation_into_a_script_error(tmp_path, input_doc):
    """A script that allocates 4 GiB under --memory-limit 256 fails with a MemoryError, the
    document is rolled back and saved unchanged, and the process answers with its JSON."""
    hog = write(tmp_path, "hog.py", "import rhinoscriptsyntax as rs\nrs.AddPoint(1, 2, 3)\n"
                                    "block = bytearray(4 * 1024 ** 3)\n")
    in_doc, ids = input_doc
    out_doc = tmp_path / "out.3dm"
    cmd = [sys.executable, "-c", "import sys; from rhino_plugin.cli import main; sys.exit(main())",
           "run", hog, "--doc", in_doc, "--save", str(out_doc), "--memory-limit", "256", "--json"]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1, proc.stderr
    result = json.loads(proc.stdout)
    assert result["error"]["type"] == "MemoryError" and result["created"] == []
    # without the limit the same machine would have to find 4 GiB; the saved file is the input
    assert HeadlessDoc.load(str(out_doc)).snapshot() == HeadlessDoc.load(in_doc).snapshot()


def test_memory_limit_must_be_positive(tmp_path, capsys):
    code, _, err = run_cli(capsys, write(tmp_path, "a.py", "x = 1\n"), "--memory-limit", "-5")
    assert code == 2 and "--memory-limit" in err
