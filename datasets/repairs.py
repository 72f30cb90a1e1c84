"""Repair conversations: a correct script is broken on purpose, the break is executed (or checked)
to get the real traceback or checker message, and the fix is the original script — in exactly the
message format the session's retry turn uses (`prompt.repair_message`).

Mutations: a misspelt function, an invented function, a wrong argument count, a wrong argument
type, a missing import, a wrong index, an API from the wrong namespace.
"""
import ast
import random
from typing import List, Optional, Tuple

from .records import Candidate

MUTATIONS = ("misspelt", "invented", "arg-count", "arg-type", "missing-import", "wrong-index", "wrong-namespace")
_SUFFIXES = ["Object", "Ex", "s", "2", "Curve", "ToDoc"]
_PREFIXES = ["Create", "Make", "Get", "Draw"]


def _rs_calls(tree) -> List[ast.Call]:
    return [n for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)
            and isinstance(n.func.value, ast.Name) and n.func.value.id == "rs"]


def _replace_span(code: str, node, text: str) -> str:
    lines = code.split("\n")
    if node.lineno != node.end_lineno:
        raise ValueError("multi-line node")
    row = lines[node.lineno - 1]
    lines[node.lineno - 1] = row[:node.col_offset] + text + row[node.end_col_offset:]
    return "\n".join(lines)


def _attr_span(code: str, call: ast.Call, new_name: str) -> str:
    """Rename `rs.Name` in the call's function position."""
    f = call.func
    lines = code.split("\n")
    row = lines[f.end_lineno - 1]
    start = f.end_col_offset - len(f.attr)
    lines[f.end_lineno - 1] = row[:start] + new_name + row[f.end_col_offset:]
    return "\n".join(lines)


def _misspell(name: str, rng: random.Random) -> str:
    i = rng.randrange(1, len(name) - 1)
    how = rng.randrange(3)
    if how == 0:
        return name[:i] + name[i + 1] + name[i] + name[i + 2:]
    if how == 1:
        return name[:i] + name[i + 1:]
    return name[:i] + name[i].lower() + name[i + 1:] if name[i].isupper() else name[:i] + name[i].upper() + name[i + 1:]


def mutate(code: str, kind: str, rng: random.Random, official: set) -> Optional[str]:
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return None
    calls = [c for c in _rs_calls(tree) if c.func.attr in official]
    try:
        if kind == "misspelt" and calls:
            c = rng.choice(calls)
            for _ in range(6):
                bad = _misspell(c.func.attr, rng)
                if bad not in official and bad != c.func.attr:
                    return _attr_span(code, c, bad)
        elif kind == "invented" and calls:
            c = rng.choice(calls)
            bad = rng.choice([c.func.attr + rng.choice(_SUFFIXES), rng.choice(_PREFIXES) + c.func.attr])
            if bad not in official:
                return _attr_span(code, c, bad)
        elif kind == "arg-count":
            with_args = [c for c in calls if c.args and c.lineno == c.end_lineno]
            if with_args:
                c = rng.choice(with_args)
                args = [ast.get_source_segment(code, a) for a in c.args]
                kws = [ast.get_source_segment(code, k) for k in c.keywords]
                if rng.random() < 0.6 and len(args) >= 1:
                    args = args[:-1]
                else:
                    args = args + ["0", "0", "0", "0", "0", "0", "0", "0"]
                return _replace_span(code, c, "rs.%s(%s)" % (c.func.attr, ", ".join(args + kws)))
        elif kind == "arg-type":
            nums = [a for c in calls for a in c.args if isinstance(a, ast.Constant)
                    and isinstance(a.value, (int, float)) and not isinstance(a.value, bool)]
            tuples = [a for c in calls for a in c.args if isinstance(a, ast.Tuple)]
            if nums and (not tuples or rng.random() < 0.5):
                a = rng.choice(nums)
                return _replace_span(code, a, "\"%s\"" % ast.get_source_segment(code, a))
            if tuples:
                a = rng.choice(tuples)
                return _replace_span(code, a, "\"%s\"" % ast.get_source_segment(code, a).replace("\"", "'"))
        elif kind == "missing-import":
            lines = code.split("\n")
            kept = [l for l in lines if l.strip() not in ("import rhinoscriptsyntax as rs",)]
            if len(kept) < len(lines):
                return "\n".join(kept)
        elif kind == "wrong-index":
            subs = [n for n in ast.walk(tree) if isinstance(n, ast.Subscript) and isinstance(n.slice, ast.Constant)
                    and isinstance(n.slice.value, int) and n.lineno == n.end_lineno]
            if subs:
                s = rng.choice(subs)
                return _replace_span(code, s.slice, str(s.slice.value + rng.choice([3, 7, 9])))
        elif kind == "wrong-namespace" and calls:
            c = rng.choice(calls)
            target = rng.choice(["Rhino.Geometry", "sc.doc", "rs.Rhino"])
            bad = _replace_span(code, c.func, "%s.%s" % (target, c.func.attr))
            head = {"Rhino.Geometry": "import Rhino\n", "sc.doc": "import scriptcontext as sc\n", "rs.Rhino": ""}[target]
            return head + bad
    except (ValueError, TypeError, IndexError, AttributeError):
        return None
    return None


def candidates_from(base: List[Tuple[Candidate, str]], official: set, seed: int, per_pair: int = 1) -> List[Candidate]:
    """Repair candidates from (candidate, fixed code) pairs that executed.

    Each pair's mutation is seeded by the pair itself, not its position, so adding a family does
    not change the repairs drawn for every pair after it."""
    out, seen = [], {}  # type: List[Candidate], dict
    for c, code in base:
        key = "%s\n%s\n%s" % (c.family, c.request, code)
        seen[key] = seen.get(key, 0) + 1  # a repeated pair draws a fresh mutation each time
        rng = random.Random("repair:%d:%d:%s" % (seed, seen[key], key))
        kinds = list(MUTATIONS)
        rng.shuffle(kinds)
        made = 0
        for kind in kinds:
            bad = mutate(code, kind, rng, official)
            if bad is None or bad.strip() == code.strip():
                continue
            out.append(Candidate(request=c.request, code=code, source=c.source, family=c.family,
                                 category=c.category, kind="repair", setup=c.setup, select=c.select,
                                 check=c.check, params=c.params, must_execute=True, bad_code=bad, mutation=kind))
            made += 1
            if made >= per_pair:
                break
    return out
