"""How much of rhinoscriptsyntax the headless document covers, measured, not guessed.

Every official function (899, from the API index) is one of:
  implemented  defined by our modules and not raising NeedsRhinoError by design;
  unsupported  deliberately raises NeedsRhinoError (marked with `needs_rhino`, or a body that is
               nothing but `raise NeedsRhinoError(...)`);
  missing      only the auto-stub from `rhinoscriptsyntax/__init__.py` exists.

The official-example side (`classify_examples`) takes a `run(code, answers)` callable, so the
host that runs scripts is injected from the edge (CLI, tests).
"""
import ast
import functools
import gzip
import inspect
import json
import os
import re
import textwrap
from typing import Any, Callable, Dict, List, Optional, Tuple

from .errors import NeedsRhinoError

# The official module each function lives in decides the reason an auto-stub gives.
REASONS = {
    "view": "Rhino's views",
    "application": "Rhino's application settings",
    "toolbar": "Rhino's application settings",
    "userinterface": "Rhino's user interface",
}
KERNEL = "Rhino's geometry kernel"


def reason_for(module: str) -> str:
    return REASONS.get(module, KERNEL)


def needs_rhino(reason: str = KERNEL):
    """Mark an rs function as deliberately unsupported headless: calling it binds the arguments
    (a wrong call still gives TypeError) and raises NeedsRhinoError("rs.<Name>", reason)."""
    def mark(fn):
        sig = inspect.signature(fn)

        @functools.wraps(fn)
        def unsupported(*args, **kwargs):
            sig.bind(*args, **kwargs)
            raise NeedsRhinoError("rs." + fn.__name__, reason)
        unsupported.__needs_rhino__ = reason
        return unsupported
    return mark


# ---------------------------------------------------------------- the official function list

def _sources_candidates() -> List[str]:
    here = os.path.dirname(os.path.abspath(__file__))
    out = []
    if os.environ.get("RHINOCODER_SOURCES"):
        out.append(os.path.join(os.environ["RHINOCODER_SOURCES"], "rhinoscriptsyntax.json"))
    out.append(os.path.join(here, "..", "..", "shared", "sources", "rhinoscriptsyntax.json"))
    out.append(os.path.join(here, "..", "sources", "rhinoscriptsyntax.json"))  # the repo's own copy
    return out


@functools.lru_cache(maxsize=1)
def raw_sources() -> List[Dict[str, Any]]:
    """The official rhinoscriptsyntax.json (modules with functions, signatures and examples)."""
    for path in _sources_candidates():
        if os.path.exists(path):
            opener = gzip.open if path.endswith(".gz") else open
            with opener(path, "rt", encoding="utf-8") as fh:
                return json.load(fh)
    return []


@functools.lru_cache(maxsize=1)
def official_functions() -> Dict[str, Dict[str, Any]]:
    """{name: {"module", "signature"}} for every official rs function, from McNeel's
    rhinoscriptsyntax.json (the sources folder; the repository keeps a copy in `sources/`).

    The checker's API index (rhino_plugin.core.api_index) is generated from the same file and
    gives the same 899 names and signatures; reading the source here keeps rhino_headless below
    rhino_plugin (no upward import; tests/test_import_direction.py).
    """
    return {f["Name"]: {"module": m["ModuleName"], "signature": f["Signature"]}
            for m in raw_sources() for f in m["functions"]}


def parse_signature(text: str) -> inspect.Signature:
    """`AddLayer(name=None, color=None)` -> inspect.Signature with literal defaults."""
    args = ast.parse("def " + text.strip() + ": pass").body[0].args
    params = []
    positional = args.posonlyargs + args.args
    defaults = [None] * (len(positional) - len(args.defaults)) + list(args.defaults)
    for a, d in zip(positional, defaults):
        kw = {} if d is None else {"default": _literal(d)}
        params.append(inspect.Parameter(a.arg, inspect.Parameter.POSITIONAL_OR_KEYWORD, **kw))
    if args.vararg:
        params.append(inspect.Parameter(args.vararg.arg, inspect.Parameter.VAR_POSITIONAL))
    for a, d in zip(args.kwonlyargs, args.kw_defaults):
        kw = {} if d is None else {"default": _literal(d)}
        params.append(inspect.Parameter(a.arg, inspect.Parameter.KEYWORD_ONLY, **kw))
    if args.kwarg:
        params.append(inspect.Parameter(args.kwarg.arg, inspect.Parameter.VAR_KEYWORD))
    return inspect.Signature(params)


def _literal(node):
    try:
        return ast.literal_eval(node)
    except ValueError:
        return None  # a default naming a module constant; None is what the stub needs


def make_stub(name: str, module: str, signature: str, reason: Optional[str] = None) -> Callable:
    """A function with the official name and parameters that raises NeedsRhinoError.

    With `reason` the module declared it deliberately unsupported; without, it is missing."""
    sig = parse_signature(signature)
    declared = reason is not None
    reason = reason or reason_for(module)

    def stub(*args, **kwargs):
        sig.bind(*args, **kwargs)  # a wrong call is a TypeError, as with the real function
        raise NeedsRhinoError("rs." + name, reason)
    stub.__name__ = stub.__qualname__ = name
    stub.__signature__ = sig
    stub.__doc__ = "rs.%s (%s): not available headless; needs %s." % (name, module, reason)
    stub.__rhinocoder_stub__ = not declared
    stub.__needs_rhino__ = reason
    return stub


# ---------------------------------------------------------------- the table

def _raises_only_needs_rhino(fn) -> bool:
    """True when the function body (after its docstring) is a single `raise NeedsRhinoError(...)`."""
    try:
        src = textwrap.dedent(inspect.getsource(fn))
        node = ast.parse(src).body[0]
    except (OSError, TypeError, SyntaxError, IndexError):
        return False
    body = [s for s in getattr(node, "body", [])
            if not (isinstance(s, ast.Expr) and isinstance(getattr(s, "value", None), ast.Constant))]
    if len(body) != 1 or not isinstance(body[0], ast.Raise) or body[0].exc is None:
        return False
    exc = body[0].exc
    target = exc.func if isinstance(exc, ast.Call) else exc
    name = target.attr if isinstance(target, ast.Attribute) else getattr(target, "id", "")
    return name == "NeedsRhinoError"


def status_of(fn) -> str:
    if fn is None or getattr(fn, "__rhinocoder_stub__", False):
        return "missing"
    if getattr(fn, "__needs_rhino__", None) or _raises_only_needs_rhino(fn):
        return "unsupported"
    return "implemented"


def table() -> Dict[str, Any]:
    """Per official module: implemented / unsupported / missing counts and names, plus totals."""
    from . import rhinoscriptsyntax as rs
    modules: Dict[str, Dict[str, Any]] = {}
    for name, info in sorted(official_functions().items()):
        row = modules.setdefault(info["module"], {"implemented": [], "unsupported": [], "missing": []})
        row[status_of(getattr(rs, name, None))].append(name)
    totals = {k: sum(len(r[k]) for r in modules.values()) for k in ("implemented", "unsupported", "missing")}
    total = sum(totals.values())
    totals["total"] = total
    totals["implemented_pct"] = round(100.0 * totals["implemented"] / total, 1) if total else 0.0
    return {"modules": modules, "totals": totals}


def markdown(tab: Dict[str, Any], examples: Optional[Dict[str, Any]] = None) -> str:
    lines = ["| module | implemented | unsupported | missing | total |", "|---|---:|---:|---:|---:|"]
    for mod, row in sorted(tab["modules"].items()):
        n = [len(row[k]) for k in ("implemented", "unsupported", "missing")]
        lines.append("| %s | %d | %d | %d | %d |" % (mod, n[0], n[1], n[2], sum(n)))
    t = tab["totals"]
    lines.append("| **all** | **%d (%.1f %%)** | %d | %d | %d |"
                 % (t["implemented"], t["implemented_pct"], t["unsupported"], t["missing"], t["total"]))
    if examples:
        lines.append("")
        lines.append("Official examples: %(pass)d pass, %(needs_rhino)d need Rhino or user input, "
                     "%(fail)d fail, %(broken)d are broken examples, of %(total)d; "
                     "runnable (all called functions implemented): "
                     "%(runnable_pass)d of %(runnable)d pass (%(runnable_pct).1f %%)." % examples["counts"])
    return "\n".join(lines)


# ---------------------------------------------------------------- official examples

CALL = re.compile(r"\brs\.(\w+)")


def example_cases() -> List[Tuple[str, str]]:
    """(function name, example code with CRLF normalised) for every non-empty official example."""
    out = []
    for m in raw_sources():
        for f in m["functions"]:
            code = (f.get("ExampleString") or "").replace("\r\n", "\n").replace("\r", "\n")
            if code.strip():
                out.append((f["Name"], textwrap.dedent(code).strip("\n") + "\n"))
    return sorted(out)


def called_functions(code: str) -> List[str]:
    return sorted(set(n for n in CALL.findall(code) if n not in ("filter",)))
