"""Benchmark task files: one JSON object per line, validated field by field.

Format (the contract, see docs/evaluation.md): id, prompt, category, family, setup, select,
check, reference, needs_kernel. A malformed line is reported with its line number and field.
"""
import json
from dataclasses import dataclass
from pathlib import Path
from typing import List, Optional

DEFAULT_TASKS = Path(__file__).resolve().parent.parent / "datasets" / "benchmark" / "tasks.jsonl"


class TaskFileError(ValueError):
    """A task file that cannot be used; the message names the file, line and field."""


@dataclass(frozen=True)
class Task:
    id: str
    prompt: str
    category: str
    family: str
    check: str
    reference: Optional[str] = None
    setup: Optional[str] = None
    select: str = "none"
    needs_kernel: bool = False


_REQUIRED_STR = ("id", "prompt", "category", "family", "check")
_OPTIONAL_STR = ("reference", "setup")


def parse_task(obj, where: str) -> Task:
    if not isinstance(obj, dict):
        raise TaskFileError("%s: a task must be a JSON object" % where)
    for name in _REQUIRED_STR:
        value = obj.get(name)
        if not isinstance(value, str) or not value.strip():
            raise TaskFileError("%s: field %r must be a non-empty string" % (where, name))
    for name in _OPTIONAL_STR:
        if obj.get(name) is not None and not isinstance(obj.get(name), str):
            raise TaskFileError("%s: field %r must be a string or null" % (where, name))
    select = obj.get("select", "none")
    if select not in ("setup", "none"):
        raise TaskFileError("%s: field 'select' must be \"setup\" or \"none\", not %r" % (where, select))
    if select == "setup" and not obj.get("setup"):
        raise TaskFileError("%s: field 'select' is \"setup\" but the task has no setup" % where)
    needs_kernel = obj.get("needs_kernel", False)
    if not isinstance(needs_kernel, bool):
        raise TaskFileError("%s: field 'needs_kernel' must be true or false" % where)
    for name in ("check", "setup", "reference"):
        code = obj.get(name)
        if code:
            try:
                compile(code, "<%s>" % name, "exec")
            except SyntaxError as exc:
                raise TaskFileError("%s: field %r is not valid Python (line %s: %s)"
                                    % (where, name, exc.lineno, exc.msg))
    return Task(id=obj["id"], prompt=obj["prompt"], category=obj["category"], family=obj["family"],
                check=obj["check"], reference=obj.get("reference"), setup=obj.get("setup"),
                select=select, needs_kernel=needs_kernel)


def load_tasks(path=None) -> List[Task]:
    """Read and validate a task file; raises TaskFileError on the first bad line."""
    path = Path(path) if path else DEFAULT_TASKS
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise TaskFileError("%s: cannot read (%s)" % (path, exc.strerror or exc))
    except UnicodeDecodeError:
        raise TaskFileError("%s: not UTF-8 text" % path)
    tasks, seen = [], set()
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        where = "%s line %d" % (path.name, number)
        try:
            obj = json.loads(line)
        except ValueError as exc:
            raise TaskFileError("%s: not valid JSON (%s)" % (where, exc))
        task = parse_task(obj, where)
        if task.id in seen:
            raise TaskFileError("%s: field 'id' repeats %r" % (where, task.id))
        seen.add(task.id)
        tasks.append(task)
    if not tasks:
        raise TaskFileError("%s: no tasks" % path)
    return tasks
