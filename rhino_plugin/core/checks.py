"""Static checks before a script runs: syntax, unknown API names, argument counts, safety.

Standard library only, Python 3.9. A rejected script becomes a repair message without running.

    problems = check(code)                       # [] when clean
    problems = check(code, allow_unsafe=True)    # no safety gate
    problems = check(code, allow=["network"])    # permit one safety rule

Names are resolved through the aliases the script itself imports (`import rhinoscriptsyntax as
rs`, `import Rhino.Geometry as rg`, `from Rhino.Geometry import Point3d`, `import os as o`), so
only what can be proved wrong is flagged: attribute chains on values (instances) are never
checked, since the checker has no types for them.
"""
import ast
from dataclasses import dataclass
from typing import Any, Dict, Iterable, List, Optional, Set, Tuple

from rhino_plugin.core import api_index as api_index_module

SYNTAX, UNKNOWN, BAD_ARGS, UNSAFE = "syntax", "unknown-name", "bad-arguments", "unsafe"

# Safety rules: rule id -> what it guards (for messages). `allow` takes these ids.
RULES = {
    "process": "starts another process",
    "file-write": "deletes, moves or writes files",
    "network": "opens network connections",
    "dynamic-code": "runs code built at run time",
    "ctypes": "calls native code directly",
    "environ": "changes the process environment",
}
SUGGESTIONS = {
    "process": "do the work with rhinoscriptsyntax or RhinoCommon inside the script instead of another program",
    "file-write": "leave files alone: create geometry in the document, or let the user export it",
    "network": "scripts run offline; put the data in the script or read a local file the user names",
    "dynamic-code": "write the code directly instead of building it at run time",
    "ctypes": "use rhinoscriptsyntax or RhinoCommon instead of native calls",
    "environ": "read os.environ if needed, but do not change it",
}

# Whole modules whose import is already unsafe (dotted prefixes).
UNSAFE_MODULES = {
    "subprocess": "process", "pty": "process", "multiprocessing": "process", "pexpect": "process",
    "socket": "network", "ssl": "network", "urllib.request": "network", "urllib3": "network",
    "http.client": "network", "http.server": "network", "requests": "network", "httpx": "network",
    "aiohttp": "network", "ftplib": "network", "smtplib": "network", "poplib": "network",
    "imaplib": "network", "telnetlib": "network", "xmlrpc": "network", "socketserver": "network",
    "websocket": "network", "websockets": "network", "paramiko": "network", "webbrowser": "network",
    "ctypes": "ctypes", "_ctypes": "ctypes", "cffi": "ctypes",
    "importlib": "dynamic-code", "runpy": "dynamic-code",
    "System.Net": "network", "System.Diagnostics.Process": "process",
    "System.Runtime.InteropServices": "ctypes",
}
# Single callables/attributes (dotted, after alias resolution) and their rule.
UNSAFE_NAMES = {
    "os.system": "process", "os.popen": "process", "os.fork": "process", "os.forkpty": "process",
    "os.startfile": "process", "os.posix_spawn": "process", "os.posix_spawnp": "process",
    "os.kill": "process", "os.killpg": "process",
    "os.remove": "file-write", "os.unlink": "file-write", "os.rmdir": "file-write",
    "os.removedirs": "file-write", "os.rename": "file-write", "os.renames": "file-write",
    "os.replace": "file-write", "os.truncate": "file-write", "os.write": "file-write",
    "os.putenv": "environ", "os.unsetenv": "environ",
    "shutil.rmtree": "file-write", "shutil.move": "file-write", "shutil.copy": "file-write",
    "shutil.copy2": "file-write", "shutil.copyfile": "file-write", "shutil.copytree": "file-write",
    "shutil.make_archive": "file-write", "shutil.unpack_archive": "file-write",
    "builtins.eval": "dynamic-code", "builtins.exec": "dynamic-code", "builtins.compile": "dynamic-code",
    "builtins.__import__": "dynamic-code",
    "System.IO.File.Delete": "file-write", "System.IO.File.Move": "file-write",
    "System.IO.File.Copy": "file-write", "System.IO.File.Replace": "file-write",
    "System.IO.File.Create": "file-write", "System.IO.File.WriteAllText": "file-write",
    "System.IO.File.WriteAllLines": "file-write", "System.IO.File.WriteAllBytes": "file-write",
    "System.IO.File.AppendAllText": "file-write", "System.IO.File.AppendAllLines": "file-write",
    "System.IO.File.AppendText": "file-write", "System.IO.File.CreateText": "file-write",
    "System.IO.File.OpenWrite": "file-write", "System.IO.Directory.Delete": "file-write",
    "System.IO.Directory.Move": "file-write",
    "System.Environment.SetEnvironmentVariable": "environ",
}
UNSAFE_PREFIX_CALLS = {"os.exec": "process", "os.spawn": "process"}  # os.execv, os.spawnl, ...
DANGEROUS_BUILTINS = {"eval": "dynamic-code", "exec": "dynamic-code", "compile": "dynamic-code",
                      "__import__": "dynamic-code"}
# Methods whose name alone says "write or delete a file" (pathlib), whatever the object.
FILE_METHODS = {"write_text", "write_bytes", "unlink", "rmdir", "touch"}
OPENERS = {"open", "io.open", "codecs.open", "os.fdopen"}
ENVIRON_MUTATORS = {"update", "setdefault", "pop", "popitem", "clear", "__setitem__", "__delitem__"}

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
    checker = _Checker(index, allowed)
    try:
        checker.visit(tree)
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
    def __init__(self, index, allowed: Set[str]):
        self.index = index
        self.allowed = allowed
        self.problems = []  # type: List[Problem]
        self.aliases = {}  # type: Dict[str, str]  # local name -> dotted module/object
        self.defined = set()  # type: Set[str]  # names the script binds itself (shadow builtins)
        self.flagged_modules = set()  # type: Set[str]
        self.rs_names = set(index.rs_public_names())

    # -- entry: collect aliases and own definitions first, then walk --
    def visit_Module(self, node: ast.Module) -> None:
        for sub in ast.walk(node):
            if isinstance(sub, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                self.defined.add(sub.name)
            elif isinstance(sub, ast.Name) and isinstance(sub.ctx, ast.Store):
                self.defined.add(sub.id)
            elif isinstance(sub, ast.arg):
                self.defined.add(sub.arg)
            elif isinstance(sub, ast.Import):
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

    def unsafe(self, node: ast.AST, rule: str, name: str, what: str) -> None:
        if rule in self.allowed:
            return
        self.add(UNSAFE, node, name, "%s %s; scripts may not do that unless unsafe code is allowed "
                 "(rule %r)" % (what, RULES[rule], rule), SUGGESTIONS[rule])

    def qualify(self, node: ast.AST) -> Optional[str]:
        """Dotted name with the script's import alias resolved (`rg.Point3d` -> Rhino.Geometry.Point3d)."""
        parts = _dotted(node)
        if not parts or parts[0] not in self.aliases:
            return None
        return ".".join([self.aliases[parts[0]]] + parts[1:])

    # -- imports --
    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            self.check_module(node, alias.name)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        if node.level or not node.module:
            return
        self.check_module(node, node.module)
        for alias in node.names:
            if alias.name == "*":
                continue
            full = node.module + "." + alias.name
            self.check_safety_name(node, full)
            if node.module == RS_MODULE:
                self.check_rs_name(node, alias.name, "from rhinoscriptsyntax import %s" % alias.name)
            elif node.module == "scriptcontext":
                self.check_sc_name(node, alias.name)
            elif node.module.split(".")[0] == "Rhino":
                self.check_rhino(node, full)

    def check_module(self, node: ast.AST, module: str) -> None:
        for prefix, rule in UNSAFE_MODULES.items():
            if module == prefix or module.startswith(prefix + "."):
                self.flagged_modules.add(prefix)  # later uses of it are not flagged again
                self.unsafe(node, rule, module, "importing %s, which" % module)
                return
        if module.split(".")[0] == "Rhino":
            self.check_rhino(node, module)

    # -- attribute chains --
    def visit_Attribute(self, node: ast.Attribute) -> None:
        if isinstance(node.ctx, ast.Load):
            self.check_chain(node)
        else:
            full = self.qualify(node)
            if full and full.startswith("os.environ"):
                self.unsafe(node, "environ", full, "assigning to os.environ")
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
        self.check_safety_name(node, full)
        if target == RS_MODULE:
            self.check_rs_name(node, parts[1], ".".join(parts[:2]))
        elif target == "scriptcontext":
            self.check_sc_name(node, parts[1])
        elif target.split(".")[0] == "Rhino":
            self.check_rhino(node, full, shown=".".join(parts))

    def check_safety_name(self, node: ast.AST, full: str) -> None:
        rule = UNSAFE_NAMES.get(full)
        if rule is None:
            for prefix, prefix_rule in UNSAFE_PREFIX_CALLS.items():
                if full.startswith(prefix) and "." not in full[len(prefix):]:
                    rule = prefix_rule
        if rule is None:
            for prefix, module_rule in UNSAFE_MODULES.items():
                if (full == prefix or full.startswith(prefix + ".")) and prefix not in self.flagged_modules:
                    rule = module_rule
                    break
        if rule is not None:
            self.unsafe(node, rule, full, "%s" % full)

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

    # -- calls: argument counts and unsafe calls --
    def visit_Call(self, node: ast.Call) -> None:
        func = node.func
        full = None
        if isinstance(func, ast.Name) and func.id not in self.defined and func.id not in self.aliases:
            full = func.id if func.id in DANGEROUS_BUILTINS or func.id == "open" else None
            if func.id in DANGEROUS_BUILTINS:
                self.unsafe(node, DANGEROUS_BUILTINS[func.id], func.id, "%s()" % func.id)
        else:
            full = self.qualify(func)
        if full in OPENERS:
            self.check_open(node, full)
        elif isinstance(func, ast.Attribute) and func.attr == "open" and full is None:
            self.check_open(node, "open", method=True)  # pathlib.Path(...).open("w")
        if isinstance(func, ast.Attribute) and func.attr in FILE_METHODS and full is None:
            self.unsafe(node, "file-write", "." + func.attr, ".%s()" % func.attr)
        if full and full.startswith("os.environ.") and full.rsplit(".", 1)[1] in ENVIRON_MUTATORS:
            self.unsafe(node, "environ", full, full + "()")
        if full and full.startswith(RS_MODULE + "."):
            self.check_rs_call(node, full.split(".", 1)[1], full)
        self.generic_visit(node)

    def check_open(self, node: ast.Call, name: str, method: bool = False) -> None:
        mode_node = None
        position = 0 if method else 1
        if len(node.args) > position:
            mode_node = node.args[position]
        for keyword in node.keywords:
            if keyword.arg == "mode":
                mode_node = keyword.value
        if mode_node is None:
            return  # read mode by default
        if isinstance(mode_node, ast.Constant) and isinstance(mode_node.value, str):
            if not set(mode_node.value) & set("wax+"):
                return
            self.unsafe(node, "file-write", name, "%s(..., %r)" % (name, mode_node.value))
        else:
            self.unsafe(node, "file-write", name, "%s() with a mode that is not a plain string possibly" % name)

    def visit_Subscript(self, node: ast.Subscript) -> None:
        if not isinstance(node.ctx, ast.Load) and (self.qualify(node.value) or "") == "os.environ":
            self.unsafe(node, "environ", "os.environ", "changing os.environ")
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
