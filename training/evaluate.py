"""Run benchmark tasks on fresh headless documents and score them.

One task: a fresh HeadlessHost, the task's setup (a setup that fails is a benchmark defect, not
a model failure), the setup's objects selected when `select == "setup"`, then a solver produces
attempts (the task's own reference, or a model through the same Session the plugin uses), and
the task's check runs against the resulting document with `rs`, `doc`, `created`, `deleted`,
`selected`, `stdout` in scope. The check runs inside an undo record that is rolled back, so a
check can never change what it judges.
"""
import time
import uuid
from dataclasses import asdict, dataclass, field
from typing import Any, Callable, Dict, List, Optional

from rhino_plugin.core.runner import run_script

from .tasks import Task


class SetupError(Exception):
    """The task's own setup failed: a defect of the benchmark, reported separately."""


@dataclass
class Attempt:
    code: str = ""
    problems: List[Dict[str, Any]] = field(default_factory=list)  # static check problems
    ran: bool = False
    ok: bool = False  # ran without an exception
    error: Optional[Dict[str, Any]] = None
    stdout: str = ""
    passed: bool = False  # the task's check passed
    check_message: str = ""
    gen_seconds: float = 0.0  # in the model's stream, redrawn replies included
    redraws: int = 0  # replies drawn again because they repeated an earlier attempt's script


@dataclass
class TaskResult:
    id: str
    category: str
    status: str  # "pass", "fail", "skipped" (needs_kernel headless), "defect" (setup failed), "error"
    attempts: List[Attempt] = field(default_factory=list)
    message: str = ""
    seconds: float = 0.0
    gen_seconds: float = 0.0

    def to_dict(self) -> Dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: Dict[str, Any]) -> "TaskResult":
        attempts = [Attempt(**a) for a in d.get("attempts", [])]
        return cls(**dict(d, attempts=attempts))


def prepare(task: Task):
    """A fresh headless host with the task's setup run; returns (host, selected ids)."""
    from rhino_plugin.hosts.headless import HeadlessHost

    host = HeadlessHost()
    selected = []  # type: List[uuid.UUID]
    if task.setup:
        result = host.run(task.setup, timeout=30)
        if not result.ok:
            err = result.error
            raise SetupError("setup failed: %s: %s (line %s)" % (err.type, err.message, err.line))
        if task.select == "setup":
            # the setup's own selection when it made one, else everything it created
            selected = list(host.doc.selected_ids()) or [uuid.UUID(i) for i in result.created]
        host.doc.unselect_all()
        host.doc.select(selected)
    return host, selected


def run_check(host, task: Task, created, deleted, selected, stdout: str):
    """Run the task's check on the host's document; returns (passed, message)."""
    from rhino_headless import sandbox, scriptcontext

    doc = host.doc
    modules = sandbox.modules_for(doc)
    names = {
        "rs": modules["rhinoscriptsyntax"], "doc": doc, "stdout": stdout or "",
        "created": [uuid.UUID(str(i)) for i in created],
        "deleted": [uuid.UUID(str(i)) for i in deleted],
        "selected": list(selected),
    }
    doc.begin_record("benchmark check")
    try:
        with scriptcontext.use_doc(doc):
            out = run_script(task.check, filename="<check %s>" % task.id, modules=modules,
                             globals=names, timeout=30)
    finally:
        doc.rollback()
    if out.ok:
        return True, ""
    if out.error.type == "AssertionError":
        return False, out.error.message or "check failed"
    return False, "check raised %s: %s" % (out.error.type, out.error.message)


def score_code(host, task: Task, code: str, selected, timeout: float = 30.0) -> Attempt:
    """Statically check and run one script on the host, then run the task's check."""
    from rhino_plugin.core.checks import check

    attempt = Attempt(code=code)
    attempt.problems = [p.to_dict() for p in check(code)]
    result = host.run(code, timeout=timeout)
    attempt.ran, attempt.ok, attempt.stdout = True, result.ok, result.stdout
    attempt.error = result.error.to_dict() if result.error else None
    if result.ok:
        attempt.passed, attempt.check_message = run_check(
            host, task, result.created, result.deleted, selected, result.stdout)
    return attempt


def reference_solver(task: Task, host, selected) -> List[Attempt]:
    """The task's own reference as the only attempt: proves the task file is sound."""
    if not task.reference:
        raise SetupError("task has no reference")
    return [score_code(host, task, task.reference, selected)]


Solver = Callable[[Task, Any, list], List[Attempt]]


def evaluate_task(task: Task, solver: Solver, headless: bool = True) -> TaskResult:
    start = time.perf_counter()
    res = TaskResult(id=task.id, category=task.category, status="fail")
    if headless and task.needs_kernel:
        res.status, res.message = "skipped", "needs_kernel: runs only inside Rhino"
        return res
    try:
        host, selected = prepare(task)
    except SetupError as exc:
        res.status, res.message = "defect", str(exc)
        return res
    try:
        res.attempts = solver(task, host, selected)
    except SetupError as exc:
        res.status, res.message = "defect", str(exc)
        return res
    res.gen_seconds = sum(a.gen_seconds for a in res.attempts)
    res.status = "pass" if any(a.passed for a in res.attempts) else "fail"
    last = res.attempts[-1] if res.attempts else None
    if res.status == "fail" and last is not None:
        if last.error:
            res.message = "%s: %s" % (last.error.get("type"), last.error.get("message"))
        elif last.problems:
            res.message = "; ".join(p["message"] for p in last.problems[:2])
        else:
            res.message = last.check_message or "no script"
    res.seconds = time.perf_counter() - start
    return res
