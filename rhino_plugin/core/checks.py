"""Static checks before a script runs: syntax, unknown API names, argument counts, safety.

Standard library only, Python 3.9. A rejected script becomes a repair message without running.

    problems = check(code)                       # [] when clean
    problems = check(code, allow_unsafe=True)    # no safety gate
    problems = check(code, allow=["network"])    # permit one safety rule

Names are resolved through the aliases the script itself imports (`import rhinoscriptsyntax as
rs`, `import Rhino.Geometry as rg`, `from Rhino.Geometry import Point3d`, `import os as o`), so
only what can be proved wrong is flagged: attribute chains on values (instances) are never
checked, since the checker has no types for them.

Safety is the other way round: `safety.scan()` resolves what the script can reach and refuses
what it cannot prove safe (rules in RULES; `allow` permits some by id).
"""
import ast
from dataclasses import dataclass
from typing import Any, Dict, Iterable, List, Optional

from rhino_plugin.core import api_index as api_index_module
from rhino_plugin.core import safety

SYNTAX, UNKNOWN, BAD_ARGS, UNSAFE = "syntax", "unknown-name", "bad-arguments", "unsafe"

# Safety rules: rule id -> what it guards (for messages). `allow` takes these ids.
RULES = safety.RULES
SUGGESTIONS = safety.SUGGESTIONS

RS_MODULE = "rhinoscriptsyntax"


@dataclass
class Problem:
    code: str  # "syntax" | "unknown-name" | "bad-arguments" | "unsafe"
    line: int
    name: str
    message: str
    suggestion: Optional[str] = None

    def to_dict(self) -> Dict[str, Any]:
        return {"code": self.code, "line": self.line, "name": self.name, "message": self.message,
                "suggestion": self.suggestion}


def check(code: str, index=None, allow_unsafe: bool = False,
          allow: Optional[Iterable[str]] = None) -> List[Problem]:
    """All problems found in `code`, sorted by line. `allow`: safety rule ids to permit."""
    try:
        tree = ast.parse(code, filename="<script>")
    except SyntaxError as exc:
        text = (exc.text or "").strip()
        return [Problem(SYNTAX, exc.lineno or 1, text[:80], "SyntaxError: %s" % exc.msg,
                        "fix the syntax on line %d%s" % (exc.lineno or 1, (": " + text) if text else ""))]
    except ValueError as exc:  # null bytes
        return [Problem(SYNTAX, 1, "", "SyntaxError: %s" % exc, "remove the null characters from the script")]
    except (RecursionError, MemoryError):
        return [Problem(SYNTAX, 1, "", "the script is nested too deeply to parse", "flatten the nesting")]
    if index is None:
        index = api_index_module.load()
    allowed = set(RULES) if allow_unsafe else set(allow or ())
    checker = _Checker(index)
    try:
        checker.visit(tree)
        if allowed != set(RULES):
            for finding in safety.scan(tree, allowed):
                checker.problems.append(Problem(UNSAFE, finding.line, finding.name, safety.message(finding),
                                                SUGGESTIONS[finding.rule]))
    except RecursionError:
        checker.problems.append(Problem(SYNTAX, 1, "", "the script is nested too deeply to check",
                                        "flatten the nesting"))
    seen = set()  # type: Set[Tuple[str, int, str]]
    problems = []
    for problem in sorted(checker.problems, key=lambda p: (p.line, p.code, p.name)):
        key = (problem.code, problem.line, problem.name)
        if key not in seen:
            seen.add(key)
            problems.append(problem)
    return problems


def _dotted(node: ast.AST) -> Optional[List[str]]:
    """`a.b.c` -> ["a", "b", "c"]; None when the chain does not start at a plain name."""
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return None
    parts.append(node.id)
    return parts[::-1]


class _Checker(ast.NodeVisitor):
    """API names and rs.* arguments (safety is `safety.scan`)."""

    def __init__(self, index):
        self.index = index
        self.problems = []  # type: List[Problem]
        self.aliases = {}  # type: Dict[str, str]  # local name -> dotted module/object
        self.rs_names = set(index.rs_public_names())

    # -- entry: collect import aliases first, then walk --
    def visit_Module(self, node: ast.Module) -> None:
        for sub in ast.walk(node):
            if isinstance(sub, ast.Import):
                for alias in sub.names:
                    if alias.asname:
                        self.aliases[alias.asname] = alias.name
                    else:
                        top = alias.name.split(".")[0]
                        self.aliases[top] = top
            elif isinstance(sub, ast.ImportFrom) and sub.module and not sub.level:
                for alias in sub.names:
                    if alias.name != "*":
                        self.aliases[alias.asname or alias.name] = sub.module + "." + alias.name
        self.generic_visit(node)

    def add(self, code: str, node: ast.AST, name: str, message: str, suggestion: Optional[str] = None) -> None:
        self.problems.append(Problem(code, getattr(node, "lineno", 1), name, message, suggestion))

    def qualify(self, node: ast.AST) -> Optional[str]:
        """Dotted name with the script's import alias resolved (`rg.Point3d` -> Rhino.Geometry.Point3d)."""
        parts = _dotted(node)
        if not parts or parts[0] not in self.aliases:
            return None
        return ".".join([self.aliases[parts[0]]] + parts[1:])

    # -- imports --
    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            if alias.name.split(".")[0] == "Rhino":
                self.check_rhino(node, alias.name)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        if node.level or not node.module:
            return
        if node.module.split(".")[0] == "Rhino":
            self.check_rhino(node, node.module)
        for alias in node.names:
            if alias.name == "*":
                continue
            full = node.module + "." + alias.name
            if node.module == RS_MODULE:
                self.check_rs_name(node, alias.name, "from rhinoscriptsyntax import %s" % alias.name)
            elif node.module == "scriptcontext":
                self.check_sc_name(node, alias.name)
            elif node.module.split(".")[0] == "Rhino":
                self.check_rhino(node, full)

    # -- attribute chains --
    def visit_Attribute(self, node: ast.Attribute) -> None:
        if isinstance(node.ctx, ast.Load):
            self.check_chain(node)
        # the outermost attribute handles the chain; only descend into non-chain parts
        inner = node.value
        while isinstance(inner, ast.Attribute):
            inner = inner.value
        if not isinstance(inner, ast.Name):
            self.visit(inner)

    def check_chain(self, node: ast.Attribute) -> None:
        parts = _dotted(node)
        if not parts or parts[0] not in self.aliases:
            return
        target = self.aliases[parts[0]]
        full = ".".join([target] + parts[1:])
        if target == RS_MODULE:
            self.check_rs_name(node, parts[1], ".".join(parts[:2]))
        elif target == "scriptcontext":
            self.check_sc_name(node, parts[1])
        elif target.split(".")[0] == "Rhino":
            self.check_rhino(node, full, shown=".".join(parts))

    # -- API names --
    def check_rs_name(self, node: ast.AST, name: str, shown: str) -> None:
        if name in self.rs_names or name.startswith("coerce") or name.startswith("__"):
            return
        match = self.index.rs_case_match(name)
        close = [match] if match else self.index.suggest(name, self.index.rs_names())
        suggestion = None
        if close:
            fn = self.index.rs_function(close[0])
            suggestion = "did you mean rs.%s? (%s)" % (close[0], fn["signature"]) if fn else None
        self.add(UNKNOWN, node, shown, "rhinoscriptsyntax has no function %r" % name, suggestion)

    def check_sc_name(self, node: ast.AST, name: str) -> None:
        names = self.index.scriptcontext_names()
        if name in names or name.startswith("__"):
            return
        close = self.index.suggest(name, names)
        self.add(UNKNOWN, node, "scriptcontext." + name, "scriptcontext has no name %r" % name,
                 ("did you mean sc.%s?" % close[0]) if close else "scriptcontext offers: " + ", ".join(names))

    def check_rhino(self, node: ast.AST, full: str, shown: Optional[str] = None) -> None:
        found = self.index.resolve_rhino(full)
        if found["exists"]:
            return
        missing, owner = found["missing"], found["known"]
        if found["owner_kind"] == "class":
            members = self.index.class_members(owner)
            # pythonnet extras: dunders, Overloads, events (stubs list them as add_X/remove_X)
            if missing.startswith("__") or missing == "Overloads" or ("add_" + missing) in members:
                return
            pool = list(members)
            what = "%s has no member %r" % (owner, missing)
        else:
            pool = self.index.children(owner)
            what = "%s has no class or namespace %r" % (owner, missing)
        close = self.index.suggest(missing, pool)
        suggestion = ("did you mean %s.%s?" % (owner, close[0])) if close else None
        self.add(UNKNOWN, node, shown or full, what, suggestion)

    # -- calls: argument counts --
    def visit_Call(self, node: ast.Call) -> None:
        full = self.qualify(node.func)
        if full and full.startswith(RS_MODULE + "."):
            self.check_rs_call(node, full.split(".", 1)[1], full)
        self.generic_visit(node)

    def check_rs_call(self, node: ast.Call, name: str, shown: str) -> None:
        fn = self.index.rs_function(name)
        if fn is None:
            return  # unknown names are reported by the chain check
        if any(isinstance(a, ast.Starred) for a in node.args) or any(k.arg is None for k in node.keywords):
            return  # *args / **kwargs unpacking: counts unknown
        params = fn["params"]
        positional = [p for p in params if p.get("kind", "positional") == "positional"]
        keyword_only = [p for p in params if p.get("kind") == "keyword_only"]
        has_var = any(p.get("kind") == "var_positional" for p in params)
        has_kw = any(p.get("kind") == "var_keyword" for p in params)
        call = "rs." + name
        signature = "rs." + fn["signature"]
        given = len(node.args)
        if given > len(positional) and not has_var:
            self.add(BAD_ARGS, node, call, "%s takes at most %d positional argument%s (%d given)"
                     % (call, len(positional), "" if len(positional) == 1 else "s", given),
                     "call it as %s" % signature)
            return
        filled = set(p["name"] for p in positional[:given])
        names = [p["name"] for p in positional + keyword_only]
        for keyword in node.keywords:
            if keyword.arg in filled:
                self.add(BAD_ARGS, node, call, "%s got two values for argument %r" % (call, keyword.arg),
                         "call it as %s" % signature)
                return
            if keyword.arg not in names and not has_kw:
                close = self.index.suggest(keyword.arg, names)
                hint = ("did you mean %s=...? " % close[0]) if close else ""
                self.add(BAD_ARGS, node, call, "%s has no argument %r" % (call, keyword.arg),
                         "%scall it as %s" % (hint, signature))
                return
            filled.add(keyword.arg)
        missing = [p["name"] for p in positional + keyword_only if p["required"] and p["name"] not in filled]
        if missing:
            self.add(BAD_ARGS, node, call, "%s is missing required argument%s %s"
                     % (call, "" if len(missing) == 1 else "s", ", ".join(repr(m) for m in missing)),
                     "call it as %s" % signature)
