"""The independent task set's hygiene (datasets/independent): in sync with its source, the right
shape, every task citing a public source, every headless reference passing its check, every
check rejecting at least one plausible wrong solution, and no prompt a near-duplicate of a
project benchmark prompt."""
import difflib
import json
from pathlib import Path

import pytest

from rhino_datasets.independent import author_tasks
from tests.training.test_benchmark_tasks import mutants
from training.evaluate import evaluate_task, prepare, reference_solver, score_code
from training.tasks import DEFAULT_TASKS, load_tasks

INDEPENDENT = Path(author_tasks.__file__).resolve().parent / "tasks.jsonl"
TASKS = load_tasks(INDEPENDENT)
RAW = [json.loads(line) for line in INDEPENDENT.read_text(encoding="utf-8").splitlines() if line.strip()]
HEADLESS = [t for t in TASKS if not t.needs_kernel]


def test_tasks_file_is_in_sync_with_its_source(tmp_path):
    out = author_tasks.write(str(tmp_path / "tasks.jsonl"))
    assert open(out, encoding="utf-8").read() == INDEPENDENT.read_text(encoding="utf-8"), \
        "tasks.jsonl is stale: run python -m rhino_datasets.independent.author_tasks"


def test_task_file_shape():
    assert len(TASKS) >= 60, len(TASKS)
    ids = [t.id for t in TASKS]
    assert len(set(ids)) == len(ids), "duplicate ids"
    assert all(i.startswith("in-") for i in ids), [i for i in ids if not i.startswith("in-")]
    cats = {}
    for t in TASKS:
        cats[t.category] = cats.get(t.category, 0) + 1
    assert len(cats) >= 8 and min(cats.values()) >= 5, cats
    kernel = sum(t.needs_kernel for t in TASKS)
    assert kernel < len(TASKS) * 0.2, "needs_kernel tasks: %d of %d" % (kernel, len(TASKS))


def test_every_task_cites_a_source_url():
    for obj in RAW:
        src = obj.get("source")
        assert isinstance(src, str) and src.startswith(("http://", "https://")), \
            "%s: source must be an http(s) URL, is %r" % (obj["id"], src)


def test_ids_do_not_collide_with_the_project_benchmark():
    bench = set(t.id for t in load_tasks(DEFAULT_TASKS))
    assert not bench & set(t.id for t in TASKS)


def test_no_prompt_is_a_near_duplicate_of_a_benchmark_prompt():
    bench = [t.prompt.lower() for t in load_tasks(DEFAULT_TASKS)]
    for t in TASKS:
        mine = t.prompt.lower()
        for other in bench:
            sm = difflib.SequenceMatcher(None, mine, other)
            if sm.real_quick_ratio() < 0.9 or sm.quick_ratio() < 0.9:
                continue
            assert sm.ratio() < 0.9, "%s is a near-duplicate of benchmark prompt %r" % (t.id, other)


@pytest.mark.parametrize("task", HEADLESS, ids=[t.id for t in HEADLESS])
def test_reference_passes_its_check(task):
    res = evaluate_task(task, reference_solver)
    assert res.status == "pass", "%s: %s" % (task.id, res.message)


@pytest.mark.parametrize("task", HEADLESS, ids=[t.id for t in HEADLESS])
def test_check_rejects_a_plausible_wrong_solution(task):
    for kind, code in mutants(task.reference):
        host, selected = prepare(task)
        attempt = score_code(host, task, code, selected)
        if attempt.ok and not attempt.passed:  # it ran, and the check saw the wrong result
            return
    pytest.fail("%s: no mutated reference that runs is rejected by the check" % task.id)
