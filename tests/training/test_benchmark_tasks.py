"""The benchmark's own hygiene: every reference passes its check on the headless host, and every
check fails on at least one plausible wrong solution (a mutated reference)."""
import ast
import json

import pytest

from rhino_datasets.benchmark import author_tasks
from training.evaluate import evaluate_task, prepare, reference_solver, score_code
from training.tasks import DEFAULT_TASKS, TaskFileError, load_tasks, parse_task

TASKS = load_tasks()
HEADLESS = [t for t in TASKS if not t.needs_kernel]


def test_tasks_file_is_in_sync_with_its_source(tmp_path):
    out = author_tasks.write(str(tmp_path / "tasks.jsonl"))
    assert open(out, encoding="utf-8").read() == DEFAULT_TASKS.read_text(encoding="utf-8"), \
        "tasks.jsonl is stale: run python -m rhino_datasets.benchmark.author_tasks"


def test_task_file_shape():
    cats = {}
    for t in TASKS:
        cats[t.category] = cats.get(t.category, 0) + 1
    assert len(TASKS) >= 150
    assert len(cats) >= 9 and min(cats.values()) >= 12, cats
    kernel = sum(t.needs_kernel for t in TASKS)
    assert 0 < kernel < len(TASKS) * 0.2


@pytest.mark.parametrize("task", HEADLESS, ids=[t.id for t in HEADLESS])
def test_reference_passes_its_check(task):
    res = evaluate_task(task, reference_solver)
    assert res.status == "pass", "%s: %s" % (task.id, res.message)


# ---- mutation table: plausible wrong solutions derived from the reference -------------------
class _Mutator(ast.NodeTransformer):
    """Applies one change at position `target` of a kind; counts the candidates it sees."""

    def __init__(self, kind, target):
        self.kind, self.target, self.seen = kind, target, 0

    def _hit(self):
        hit = self.seen == self.target
        self.seen += 1
        return hit

    def visit_Constant(self, node):
        if self.kind == "number" and isinstance(node.value, (int, float)) and not isinstance(node.value, bool):
            if self._hit():
                value = node.value + 1 if isinstance(node.value, int) else node.value * 1.5 + 0.5
                return ast.copy_location(ast.Constant(value=value), node)
        if self.kind == "string" and isinstance(node.value, str) and node.value:
            if self._hit():
                return ast.copy_location(ast.Constant(value=node.value + "_x"), node)
        if self.kind == "bool" and isinstance(node.value, bool):
            if self._hit():
                return ast.copy_location(ast.Constant(value=not node.value), node)
        return node

    def visit_Expr(self, node):  # drop one call statement (e.g. the rs call that does the work)
        self.generic_visit(node)
        if self.kind == "drop" and isinstance(node.value, ast.Call) and self._hit():
            return ast.Pass()
        return node


MUTATIONS = ("number", "string", "bool", "drop")


def mutants(code, cap=12):
    for kind in MUTATIONS:
        counter = _Mutator(kind, -1)
        counter.visit(ast.parse(code))
        for target in range(min(counter.seen, cap)):
            m = _Mutator(kind, target).visit(ast.parse(code))
            ast.fix_missing_locations(m)
            yield kind, ast.unparse(m)


@pytest.mark.parametrize("task", HEADLESS, ids=[t.id for t in HEADLESS])
def test_check_rejects_a_plausible_wrong_solution(task):
    caught = []
    for kind, code in mutants(task.reference):
        host, selected = prepare(task)
        attempt = score_code(host, task, code, selected)
        if attempt.ok and not attempt.passed:  # it ran, and the check saw the wrong result
            caught.append(kind)
            break
    assert caught, "%s: no mutated reference that runs is rejected by the check" % task.id


# ---- bad task files --------------------------------------------------------------------------
def test_malformed_task_lines_name_line_and_field(tmp_path):
    good = json.loads(DEFAULT_TASKS.read_text(encoding="utf-8").splitlines()[0])
    cases = [
        ("{not json", "not valid JSON"),
        (json.dumps(dict(good, prompt="")), "'prompt'"),
        (json.dumps(dict(good, select="all")), "'select'"),
        (json.dumps(dict(good, check="assert (")), "'check' is not valid Python"),
        (json.dumps(dict(good, needs_kernel="yes")), "'needs_kernel'"),
    ]
    for line, needle in cases:
        path = tmp_path / "t.jsonl"
        path.write_text(json.dumps(good) + "\n" + line + "\n", encoding="utf-8")
        with pytest.raises(TaskFileError) as err:
            load_tasks(path)
        assert "line 2" in str(err.value) and needle in str(err.value), str(err.value)


def test_failing_setup_is_a_benchmark_defect():
    obj = {"id": "x", "prompt": "p", "category": "curves", "family": "f", "check": "assert True\n",
           "reference": "pass\n", "setup": "raise ValueError('broken setup')\n", "select": "setup"}
    res = evaluate_task(parse_task(obj, "inline"), reference_solver)
    assert res.status == "defect" and "broken setup" in res.message
