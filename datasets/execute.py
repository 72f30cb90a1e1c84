"""Execute candidates on fresh headless documents and turn them into chat pairs.

The user message is built by `rhino_plugin.core.prompt` from the document's own context, exactly
as the plugin builds it, so training sees what serving sends. Repairs are conversations in the
session's own retry format: request → broken script → `prompt.repair_message(...)` → fix.
"""
import uuid
from concurrent.futures import ProcessPoolExecutor
from typing import Callable, Dict, Iterable, List, Optional, Tuple

from rhino_plugin.core import prompt

from .records import Candidate, Pair, normalize_code

CHECKERS = {}  # type: Dict[str, Callable]


def checker(name: str):
    """Register a family checker: f(rs, result, params) raising AssertionError when wrong."""
    def wrap(fn):
        CHECKERS[name] = fn
        return fn
    return wrap


def _host_for(c: Candidate):
    from rhino_plugin.hosts.headless import HeadlessHost

    host = HeadlessHost()
    if c.setup:
        res = host.run(c.setup, timeout=10)
        if not res.ok:
            raise RuntimeError("setup failed: %s: %s" % (res.error.type, res.error.message))
        selected = host.doc.selected_ids() or [uuid.UUID(i) for i in res.created]
        host.doc.unselect_all()
        if c.select:
            host.doc.select(selected)
    return host


def _run_check(host, c: Candidate, result, selected) -> Optional[str]:
    if not c.check:
        return None
    import rhino_headless.rhinoscriptsyntax as rs
    from rhino_headless import scriptcontext

    doc = host.doc
    doc.begin_record("dataset check")
    try:
        with scriptcontext.use_doc(doc):
            CHECKERS[c.check](rs, result, dict(c.params, selected=selected))
        return None
    except AssertionError as exc:
        return "checker: %s" % (exc or "failed")
    except Exception as exc:  # a checker that crashes rejects the instance
        return "checker crashed: %s: %s" % (type(exc).__name__, exc)
    finally:
        doc.rollback()


def materialize(c: Candidate) -> Tuple[Optional[Pair], Optional[str]]:
    """(pair, None) or (None, drop reason). Object ids are seeded by the candidate, so an id a
    script prints, quoted in a repair message, is the same in every build."""
    from rhino_headless import ids

    with ids.seeded("\n".join((c.family, c.request, c.code, c.bad_code or "", c.setup or ""))):
        return _materialize(c)


def _materialize(c: Candidate) -> Tuple[Optional[Pair], Optional[str]]:
    try:
        host = _host_for(c)
    except RuntimeError:
        return None, "setup-failed"
    ctx = host.context()
    selected = host.doc.selected_ids()
    code = normalize_code(c.code)
    messages = prompt.build_messages(c.request, ctx)
    if c.kind == "repair":
        bad = normalize_code(c.bad_code or "")
        from rhino_plugin.core.checks import check

        problems = check(bad)
        if problems:
            failure = problems
        else:
            failure = host.run(bad, timeout=5)
            if failure.ok:
                return None, "mutant-runs"
        messages += [prompt.assistant_message(bad),
                     {"role": "user", "content": prompt.repair_message(bad, failure, 1)}]
    result = host.run(code, timeout=10)
    executed = bool(result.ok)
    if executed:
        why = _run_check(host, c, result, selected)
        if why:
            return None, why
    elif c.must_execute:
        return None, "did-not-run"
    messages.append(prompt.assistant_message(code))
    return Pair(messages=messages, source=c.source, family=c.family, category=c.category, kind=c.kind,
                executed=executed, code=code, request=c.request, mutation=c.mutation), None


def _chunk(cands: List[Candidate]):
    from . import synthetic  # noqa: F401  (registers the family checkers in worker processes)

    return [materialize(c) for c in cands]


def run_all(cands: List[Candidate], jobs: int = 1, progress=None) -> List[Tuple[Optional[Pair], Optional[str]]]:
    """Materialize in order (deterministic whatever `jobs` is)."""
    if jobs <= 1:
        out = []
        for c in cands:
            out.append(materialize(c))
            if progress:
                progress(1)
        return out
    size = 25
    chunks = [cands[i:i + size] for i in range(0, len(cands), size)]
    out = []
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        for res in pool.map(_chunk, chunks):
            out.extend(res)
            if progress:
                progress(len(res))
    return out
