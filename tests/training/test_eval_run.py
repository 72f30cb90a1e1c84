"""`rhinocoder-train eval` and `eval-compare` as a user runs them: a subprocess, real task files,
real HTTP servers (a scripted one for exact repair sequences, and the real model server on the tiny
model), resume after a crash and after a server that stops answering."""
import json
import os
import subprocess
import sys

import pytest

from tests.support.stub_openai import StubOpenAI
from training.eval_run import seeded_order
from training.tasks import DEFAULT_TASKS, load_tasks

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ENV = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in [ROOT, os.environ.get("PYTHONPATH")] if p))
PICK = ("cv-circle-0", "pv-distance", "la-add-layer", "cv-fillet")  # cv-fillet needs Rhino's kernel
DEFECT = {"id": "broken-setup", "prompt": "Move the box up.", "category": "transforms", "family": "broken",
          "setup": "raise RuntimeError('setup is broken')\n", "select": "setup",
          "check": "assert created\n", "reference": "pass\n"}
BROKEN = "```python\nimport rhinoscriptsyntax as rs\nx = 1 / 0\n```"


def train_cli(*argv, timeout=300):
    cmd = [sys.executable, "-c", "import sys; from training.cli import main; sys.exit(main())"] + list(argv)
    return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, cwd=ROOT, env=ENV)


def fenced(code):
    return "```python\n%s```" % code


@pytest.fixture
def task_file(tmp_path):
    rows = [json.loads(l) for l in DEFAULT_TASKS.read_text(encoding="utf-8").splitlines() if l.strip()]
    picked = [r for r in rows if r["id"] in PICK]
    assert len(picked) == len(PICK)
    path = tmp_path / "tasks.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in picked + [DEFECT]), encoding="utf-8")
    return path


def results(out):
    with open(os.path.join(out, "results.jsonl"), encoding="utf-8") as fh:
        return [json.loads(l) for l in fh if l.strip()]


def test_reference_run_writes_reports_and_resumes_after_a_crash(tmp_path, task_file):
    out = str(tmp_path / "ref")
    p = train_cli("eval", "--model", "reference", "--tasks", str(task_file), "--out", out)
    assert p.returncode == 0, p.stderr
    rep = json.load(open(os.path.join(out, "report.json")))
    assert rep["counts"] == {"tasks": 5, "scored": 3, "skipped_needs_kernel": 1, "defects": 1}
    assert rep["overall"]["pass@1"] == 1.0 and rep["overall"]["exec@1"] == 1.0
    assert rep["defects"] == [{"id": "broken-setup", "message": "setup failed: RuntimeError: setup is broken (line 1)"}]
    with open(os.path.join(out, "report.png"), "rb") as fh:
        assert fh.read(8) == b"\x89PNG\r\n\x1a\n"
    assert "3 scored, 1 need Rhino's kernel" in open(os.path.join(out, "report.md")).read()
    assert "3 scored: exec@1 100.0 %, pass@1 100.0 %" in p.stdout

    # a crash cut the last line in half: that task (and only it) runs again, nothing is duplicated
    path = os.path.join(out, "results.jsonl")
    lines = open(path).read().splitlines()
    cut = json.loads(lines[-1])["id"]
    with open(path, "w") as fh:
        fh.write("\n".join(lines[:-1]) + "\n" + lines[-1][: len(lines[-1]) // 2])
    p = train_cli("eval", "--model", "reference", "--tasks", str(task_file), "--out", out)
    assert p.returncode == 0, p.stderr
    ids = [r["id"] for r in results(out) if "attempts" in r]
    assert sorted(set(ids)) == sorted(set(PICK) | {"broken-setup"}) and ids[-1] == cut
    assert json.load(open(os.path.join(out, "report.json")))["counts"]["tasks"] == 5


def test_model_run_through_the_session_repairs_and_resumes_after_the_server_stops(tmp_path, task_file):
    tasks = {t.id: t for t in load_tasks(task_file)}
    order = [t.id for t in seeded_order(tasks.values()) if not tasks[t.id].needs_kernel and t.id != "broken-setup"]
    first, second, third = (tasks[i] for i in order)
    out = str(tmp_path / "model")
    # first task: a broken script, then the reference (pass within the repair loop, not at once);
    # second task: the reference at once; then the server stops answering before the third
    with StubOpenAI([BROKEN, fenced(first.reference), fenced(second.reference)]) as stub:
        p = train_cli("eval", "--server", stub.url, "--tasks", str(task_file), "--attempts", "2",
                      "--label", "scripted", "--out", out)
        asked = len(stub.requests)
    assert p.returncode == 1, p.stdout + p.stderr
    assert "stopped answering" in p.stderr and "run the same command again to resume" in p.stderr
    assert "Traceback" not in p.stderr
    done = {r["id"]: r for r in results(out)}
    assert third.id not in done and asked == 4  # the 4th request hit the exhausted server
    assert done[first.id]["status"] == "pass" and len(done[first.id]["attempts"]) == 2
    a1, a2 = done[first.id]["attempts"]
    assert a1["ran"] and not a1["ok"] and a1["error"]["type"] == "ZeroDivisionError" and a2["passed"]
    assert done[second.id]["attempts"][0]["passed"] and done[second.id]["gen_seconds"] > 0
    # the repair message the model got carries the traceback, as in the plugin
    assert "ZeroDivisionError" in stub.bodies()[1]["messages"][-1]["content"]
    # each attempt its own seed (a repair with the first attempt's seed mostly redrew the same
    # script), and the rhinoscriptsyntax names go with every request
    assert [b["seed"] for b in stub.bodies()] == [0, 1, 0, 0]
    assert all("AddCircle" in b["names"]["rs"] for b in stub.bodies())

    with StubOpenAI([fenced(third.reference)]) as stub:
        p = train_cli("eval", "--server", stub.url, "--tasks", str(task_file), "--attempts", "2",
                      "--label", "scripted", "--out", out)
        assert len(stub.requests) == 1  # only the task that had not run
    assert p.returncode == 0, p.stderr
    rep = json.load(open(os.path.join(out, "report.json")))
    o = rep["overall"]
    assert rep["counts"]["scored"] == 3 and o["pass@k"] == 1.0
    assert abs(o["pass@1"] - 2 / 3.0) < 1e-9 and abs(o["exec@1"] - 2 / 3.0) < 1e-9
    assert rep["meta"]["label"] == "scripted" and rep["meta"]["task_overhead"] is not None
    assert rep["meta"]["constrain_names"] is True
    assert "names: constrained to rhinoscriptsyntax" in open(os.path.join(out, "report.md")).read()


def test_compare_is_like_for_like_on_common_tasks(tmp_path, task_file):
    ref = str(tmp_path / "ref")
    assert train_cli("eval", "--model", "reference", "--tasks", str(task_file), "--out", ref).returncode == 0
    tasks = load_tasks(task_file)
    everything = [t.id for t in seeded_order(tasks)]
    order = [t for t in seeded_order(tasks) if not t.needs_kernel and t.id != "broken-setup"]
    # B: a shorter run, up to the second scored task, the first one wrong
    limit = everything.index(order[1].id) + 1
    part = str(tmp_path / "part")
    with StubOpenAI([BROKEN, fenced(order[1].reference)]) as stub:
        p = train_cli("eval", "--server", stub.url, "--tasks", str(task_file), "--attempts", "1",
                      "--limit", str(limit), "--label", "partial", "--out", part)
    assert p.returncode == 0, p.stderr
    p = train_cli("eval-compare", os.path.join(ref, "report.json"), os.path.join(part, "report.json"),
                  "--out", str(tmp_path / "cmp.md"))
    assert p.returncode == 0, p.stderr
    table = open(str(tmp_path / "cmp.md")).read()
    assert table.strip() == p.stdout.strip()
    scored_b = [r for r in results(part) if r["status"] in ("pass", "fail")]
    assert len(scored_b) == 2
    assert "| scored tasks | 2 | 2 | |" in table  # the reference run is cut to B's tasks
    assert "| pass@1 | 100.0 % | 50.0 % | -50.0 pts |" in table
    assert "On the %d tasks both runs have (A ran 5, B ran %d)" % (limit, limit) in table

    bad = tmp_path / "bad.json"
    bad.write_text("[1, 2]")
    p = train_cli("eval-compare", str(bad), os.path.join(part, "report.json"))
    assert p.returncode == 2 and "not a benchmark report.json" in p.stderr and "Traceback" not in p.stderr


def test_bad_task_file_is_exit_2_naming_line_and_field(tmp_path):
    path = tmp_path / "t.jsonl"
    path.write_text(json.dumps(dict(DEFECT, category="")) + "\n")
    p = train_cli("eval", "--model", "reference", "--tasks", str(path), "--out", str(tmp_path / "o"))
    assert p.returncode == 2 and "t.jsonl line 1: field 'category'" in p.stderr and "Traceback" not in p.stderr


def test_eval_on_a_real_model_server(tmp_path, task_file, tiny_model_dir):
    """--model PATH starts the real model server (tiny MLX model), records timed attempts, stops it."""
    out = str(tmp_path / "tiny")
    p = train_cli("eval", "--model", tiny_model_dir, "--tasks", str(task_file), "--attempts", "1",
                  "--max-tokens", "8", "--limit", "2", "--out", out, timeout=600)
    assert p.returncode == 0, p.stdout + p.stderr
    rows = results(out)
    assert len(rows) == 2
    scored = [r for r in rows if r["status"] in ("pass", "fail")]
    assert scored and all(len(r["attempts"]) == 1 and r["gen_seconds"] > 0 for r in scored)
    rep = json.load(open(os.path.join(out, "report.json")))
    assert rep["meta"]["max_tokens"] == 8 and rep["meta"]["server"].startswith("http://127.0.0.1:")


def test_shards_run_disjoint_halves_and_merge_into_one_report(tmp_path, task_file):
    whole = str(tmp_path / "whole")
    assert train_cli("eval", "--model", "reference", "--tasks", str(task_file), "--out", whole).returncode == 0
    shards = []
    for k in (1, 2):
        out = str(tmp_path / ("shard%d" % k))
        p = train_cli("eval", "--model", "reference", "--tasks", str(task_file), "--shard", "%d/2" % k, "--out", out)
        assert p.returncode == 0, p.stderr
        shards.append(out)
    ids = [set(r["id"] for r in results(d)) for d in shards]
    assert not ids[0] & ids[1] and len(ids[0]) == 3 and len(ids[1]) == 2  # every 2nd task from the 1st / 2nd
    merged = str(tmp_path / "merged")
    p = train_cli("eval-merge", *shards, "--tasks", str(task_file), "--out", merged)
    assert p.returncode == 0, p.stderr
    a, b = (json.load(open(os.path.join(d, "report.json"))) for d in (whole, merged))
    assert a["counts"] == b["counts"] and a["overall"]["pass@1"] == b["overall"]["pass@1"] == 1.0
    assert [r["id"] for r in results(merged)] == [r["id"] for r in results(whole)]  # the seeded order

    p = train_cli("eval", "--model", "reference", "--tasks", str(task_file), "--shard", "3/2", "--out", merged)
    assert p.returncode == 2 and "K must be between 1 and N" in p.stderr
    rep = os.path.join(shards[1], "report.json")
    meta = json.load(open(rep))
    meta["meta"]["attempts"] = 3
    json.dump(meta, open(rep, "w"))
    p = train_cli("eval-merge", *shards, "--tasks", str(task_file), "--out", str(tmp_path / "m2"))
    assert p.returncode == 2 and "runs differ in attempts" in p.stderr and "Traceback" not in p.stderr


def test_free_names_run_sends_no_names_and_says_so(tmp_path, task_file):
    tasks = [t for t in seeded_order(load_tasks(task_file)) if not t.needs_kernel and t.id != "broken-setup"]
    out = str(tmp_path / "free")
    with StubOpenAI([fenced(tasks[0].reference)]) as stub:
        p = train_cli("eval", "--server", stub.url, "--tasks", str(task_file), "--attempts", "1",
                      "--limit", "1", "--no-constrain-names", "--out", out)
        bodies = stub.bodies()
    assert p.returncode == 0, p.stdout + p.stderr
    assert bodies and all("names" not in b for b in bodies)
    rep = json.load(open(os.path.join(out, "report.json")))
    assert rep["meta"]["constrain_names"] is False
    assert "names: free" in open(os.path.join(out, "report.md")).read()


def test_a_redrawn_repair_is_recorded_on_its_attempt(tmp_path, task_file):
    tasks = {t.id: t for t in load_tasks(task_file)}
    first = tasks[[t.id for t in seeded_order(tasks.values())
                   if not tasks[t.id].needs_kernel and t.id != "broken-setup"][0]]
    out = str(tmp_path / "redraw")
    # the repair repeats the broken script, is drawn again (new seed, hotter), then fixes it
    with StubOpenAI([BROKEN, BROKEN, fenced(first.reference)]) as stub:
        p = train_cli("eval", "--server", stub.url, "--tasks", str(task_file), "--attempts", "2",
                      "--limit", "1", "--redraws", "2", "--out", out)
    assert p.returncode == 0, p.stdout + p.stderr
    assert [b["seed"] for b in stub.bodies()] == [0, 1, 2]
    assert [b["temperature"] for b in stub.bodies()] == [0.0, 0.2, 0.5]
    row = {r["id"]: r for r in results(out)}[first.id]
    a1, a2 = row["attempts"]
    assert row["status"] == "pass" and (a1["redraws"], a2["redraws"]) == (0, 1) and a2["passed"]
    assert a2["gen_seconds"] > 0 and abs(row["gen_seconds"] - a1["gen_seconds"] - a2["gen_seconds"]) < 1e-6


def test_examples_go_in_the_prompt_and_a_resume_keeps_the_settings(tmp_path, task_file):
    first = [t for t in seeded_order(load_tasks(task_file)) if not t.needs_kernel and t.id != "broken-setup"][0]
    out = str(tmp_path / "ex")

    def run(*extra):
        with StubOpenAI([fenced(first.reference)]) as stub:
            p = train_cli("eval", "--server", stub.url, "--tasks", str(task_file), "--attempts", "1",
                          "--limit", "1", "--out", out, *extra)
            return p, [b["messages"][-1]["content"] for b in stub.bodies()]

    p, users = run()  # the default is what serving sends: one solved example before the API block
    assert p.returncode == 0, p.stdout + p.stderr
    assert "Solved requests like this one" in users[0] and users[0].index("Solved") < users[0].index("Request: ")
    assert json.load(open(os.path.join(out, "report.json")))["meta"]["examples"] == 1
    # resuming the folder with other settings would mix two benchmarks in one report: refused
    p, users = run("--examples", "0")
    assert p.returncode == 2 and "other settings (examples 1, now 0)" in p.stderr and not users
    p, users = run("--examples", "0", "--no-resume")
    assert p.returncode == 0 and "Solved requests" not in users[0]
    assert json.load(open(os.path.join(tmp_path / "ex" / "settings.json")))["examples"] == 0
