"""The static safety gate: what a script can reach, and whether it may.

Standard library only, Python 3.9. `checks.check()` calls `scan()`; each finding becomes an
"unsafe" problem whose suggestion says what to write instead.

The scan resolves what each name and attribute chain refers to before judging it:
- import aliases (`import os as o`, `from os import system as s`), assignment aliases
  (`m = os`, `c = rs.Command`, flow-insensitive, so `m = os; m = 1; m.system()` is still
  os.system), star imports (`from System.IO import *` then `File.Delete`), and modules reached
  through other modules (`shutil.os.system`, `rs.utility.System.Diagnostics`);
- `sys.modules[...]`, `__builtins__[...]`, `getattr(x, "name")` with a literal name, and the
  builtins by scope (a builtin is shadowed only by a local binding, or by a top-level `def` for
  the lines after it);
- a sensitive module used as a value (`f(os)`, `[os]`) cannot be followed, so it is refused.

Anything that defeats the resolution is refused: getattr/setattr/delattr with a computed name,
vars/globals/locals, dunder attributes outside a short benign list, frame/generator/traceback
walks, gc/inspect object walks, the sys hooks. What is refused, and the rule ids `allow` accepts,
are in `safety_rules.py`.

Over 500 lines on purpose: it is one AST visitor whose name resolution and judgement share the
same scope state; the tables it judges by are the other half (`safety_rules.py`).
"""
import ast
import builtins
import re
import string
from typing import Iterable, List, Optional, Set, Tuple

from rhino_plugin.core.safety_rules import (
    ATTRIBUTE_BUILTINS, COMMAND_ATTRS, COMMAND_SIDE_ARGS, COMMAND_TARGETS, DUNDER_NAMES_OK, DUNDER_OK,
    DYNAMIC_ATTRS, EXIT_ATTRS, FILE_WRITE_ATTRS, FRAME_ATTRS, INTERESTING_BUILTINS, METHOD_NAME_EXEMPT,
    METHOD_NAMES, OPENERS, REFLECTION_ATTRS, REROOT, RULES, SAVE_OK_RECEIVERS, SENSITIVE, SPECIAL_CALLS,
    SUGGESTIONS, THREAD_ATTRS, UNSAFE_NAMES, WRITE_OK_TARGETS, literal_str, numeric_value, bad_command,
    classify, command_text, display, is_dunder, method_rule, normalize)

__all__ = ["RULES", "SUGGESTIONS", "Finding", "Scanner", "scan", "message"]


# ---- scopes --------------------------------------------------------------------------------------
class _Scope(object):
    def __init__(self, kind: str, parent: "Optional[_Scope]"):
        self.kind = kind  # module | function | class | comprehension
        self.parent = parent
        self.bound = {}  # type: Dict[str, Set[str]]  # name -> binding kinds (def, assign, arg, import, ...)
        self.globals = set()  # type: Set[str]
        self.def_lines = {}  # type: Dict[str, int]  # module level: first line a name is bound by def/class


class _Binder(ast.NodeVisitor):
    """First pass: scopes and their bindings, import and assignment aliases, star imports."""

    def __init__(self):
        self.scopes = {}  # type: Dict[int, _Scope]
        self.module = _Scope("module", None)
        self.current = self.module
        self.imports = {}  # type: Dict[str, Set[str]]
        self.assignments = []  # type: List[Tuple[str, ast.AST]]
        self.star_modules = []  # type: List[Tuple[str, ast.AST]]

    def bind(self, name: str, kind: str) -> None:
        scope = self.current
        while scope.kind == "comprehension" and kind == "walrus":
            scope = scope.parent
        if name in scope.globals:
            scope = self.module
        scope.bound.setdefault(name, set()).add(kind)

    def visit_Module(self, node: ast.Module) -> None:
        for statement in node.body:  # a def shadows a builtin only where it surely ran first
            if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                self.module.def_lines.setdefault(statement.name, statement.lineno)
        self.generic_visit(node)

    def enter(self, node: ast.AST, kind: str) -> _Scope:
        scope = _Scope(kind, self.current)
        self.scopes[id(node)] = scope
        return scope

    def visit_FunctionDef(self, node) -> None:
        self.bind(node.name, "def")
        for item in node.decorator_list + node.args.defaults + [d for d in node.args.kw_defaults if d]:
            self.visit(item)
        saved, self.current = self.current, self.enter(node, "function")
        self.visit(node.args)
        for statement in node.body:
            self.visit(statement)
        self.current = saved

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_Lambda(self, node: ast.Lambda) -> None:
        for item in node.args.defaults + [d for d in node.args.kw_defaults if d]:
            self.visit(item)
        saved, self.current = self.current, self.enter(node, "function")
        self.visit(node.args)
        self.visit(node.body)
        self.current = saved

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self.bind(node.name, "def")
        for item in node.decorator_list + node.bases + [k.value for k in node.keywords]:
            self.visit(item)
        saved, self.current = self.current, self.enter(node, "class")
        for statement in node.body:
            self.visit(statement)
        self.current = saved

    def visit_comprehension_node(self, node) -> None:
        saved, self.current = self.current, self.enter(node, "comprehension")
        self.generic_visit(node)
        self.current = saved

    visit_ListComp = visit_SetComp = visit_DictComp = visit_GeneratorExp = visit_comprehension_node

    def visit_arg(self, node: ast.arg) -> None:
        self.bind(node.arg, "arg")

    def visit_Name(self, node: ast.Name) -> None:
        if isinstance(node.ctx, ast.Store):
            self.bind(node.id, "assign")
        elif isinstance(node.ctx, ast.Del):
            self.bind(node.id, "del")

    def visit_NamedExpr(self, node) -> None:
        self.bind(node.target.id, "walrus")
        self.assignments.append((node.target.id, node.value))
        self.visit(node.value)

    def visit_Global(self, node: ast.Global) -> None:
        self.current.globals.update(node.names)

    def visit_ExceptHandler(self, node: ast.ExceptHandler) -> None:
        if node.name:
            self.bind(node.name, "assign")
        self.generic_visit(node)

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            if alias.asname:
                self.imports.setdefault(alias.asname, set()).add(alias.name)
                self.bind(alias.asname, "import")
            else:
                top = alias.name.split(".")[0]
                self.imports.setdefault(top, set()).add(top)
                self.bind(top, "import")

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        if node.level or not node.module:
            return
        for alias in node.names:
            if alias.name == "*":
                self.star_modules.append((node.module, node))
            else:
                name = alias.asname or alias.name
                self.imports.setdefault(name, set()).add(node.module + "." + alias.name)
                self.bind(name, "import")

    def visit_Assign(self, node: ast.Assign) -> None:
        for target in node.targets:
            self.record(target, node.value)
        self.generic_visit(node)

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        if node.value is not None:
            self.record(node.target, node.value)
        self.generic_visit(node)

    def record(self, target: ast.AST, value: ast.AST) -> None:
        if self.current.kind == "class":
            return  # a class attribute (A.m) is not followed by name: its value counts as passed around
        if isinstance(target, ast.Name):
            self.assignments.append((target.id, value))
        elif (isinstance(target, (ast.Tuple, ast.List)) and isinstance(value, (ast.Tuple, ast.List))
              and len(target.elts) == len(value.elts)):
            for sub_target, sub_value in zip(target.elts, value.elts):
                self.record(sub_target, sub_value)


# ---- the scan ------------------------------------------------------------------------------------
class Finding(object):
    __slots__ = ("line", "rule", "name", "what")

    def __init__(self, line: int, rule: str, name: str, what: str):
        self.line, self.rule, self.name, self.what = line, rule, name, what


def _split_chain(node: ast.AST) -> Tuple[ast.AST, List[str]]:
    attrs = []
    while isinstance(node, ast.Attribute):
        attrs.append(node.attr)
        node = node.value
    return node, attrs[::-1]


class Scanner(ast.NodeVisitor):
    def __init__(self, allowed: Set[str]):
        self.allowed = allowed
        self.findings = []  # type: List[Finding]
        self.flagged_modules = set()  # type: Set[str]
        self.tracked = set()  # type: Set[int]  # ids of right-hand sides of alias assignments

    # -- entry --
    def scan(self, tree: ast.AST) -> List[Finding]:
        binder = _Binder()
        binder.visit(tree)
        self.binder = binder
        self.scopes = binder.scopes
        self.module = binder.module
        self.stack = [binder.module]
        self.star_modules = [m for m, _ in binder.star_modules]
        self.aliases = dict((k, set(v)) for k, v in binder.imports.items())  # type: Dict[str, Set[str]]
        for name, value in binder.assignments:
            if self._chain_like(value):
                self.tracked.add(id(value))
        for _ in range(8):  # alias fixpoint: m = os; n = m
            changed = False
            for name, value in binder.assignments:
                targets = self.resolve_loose(value)
                if targets - self.aliases.get(name, set()):
                    self.aliases.setdefault(name, set()).update(targets)
                    changed = True
            if not changed:
                break
        self.pathish_names = set()  # type: Set[str]
        for _ in range(4):
            for name, value in binder.assignments:
                if self.is_pathish(value):
                    self.pathish_names.add(name)
        self.visit(tree)
        return self.findings

    def flag(self, node: ast.AST, rule: str, name: str, what: str) -> None:
        if rule in self.allowed:
            return
        self.findings.append(Finding(getattr(node, "lineno", 1), rule, name, what))

    # -- resolution --
    @staticmethod
    def _chain_like(node: ast.AST) -> bool:
        base, _ = _split_chain(node)
        return isinstance(base, ast.Name) or (isinstance(base, ast.Call) and isinstance(base.func, ast.Name)
                                              and base.func.id == "getattr")

    def resolve_loose(self, node: ast.AST) -> Set[str]:
        """Targets of an expression for the alias pass (scope-blind)."""
        if isinstance(node, ast.IfExp):
            return self.resolve_loose(node.body) | self.resolve_loose(node.orelse)
        if isinstance(node, ast.BoolOp):
            out = set()  # type: Set[str]
            for value in node.values:
                out |= self.resolve_loose(value)
            return out
        base, attrs = _split_chain(node)
        roots = set()  # type: Set[str]
        if isinstance(base, ast.Name):
            roots = set(self.aliases.get(base.id, ()))
            if base.id == "__builtins__":
                roots.add("builtins")
            elif base.id in INTERESTING_BUILTINS:  # scope-blind: it may be the builtin (o = open)
                roots.add("builtins." + base.id)
        else:
            roots = self.resolve_special_base(base, self.resolve_loose)
        return set(normalize(".".join([r] + attrs)) for r in roots)

    def resolve_special_base(self, base: ast.AST, resolve) -> Set[str]:
        """Bases that name a module without a plain name: getattr(x, "y"), sys.modules["x"],
        __builtins__["x"], x.__dict__["y"], __import__("x"), (m := x)."""
        if isinstance(base, ast.NamedExpr):
            return resolve(base.value)
        if isinstance(base, ast.Call) and base.args:
            func = resolve(base.func)
            if "builtins.getattr" in func and len(base.args) >= 2:
                name = literal_str(base.args[1])
                if name is not None:
                    return set(t + "." + name for t in resolve(base.args[0]))
            if func & {"builtins.__import__", "importlib.import_module"}:
                name = literal_str(base.args[0])
                if name is not None:
                    return {name.split(".")[0] if "builtins.__import__" in func else name}
        if isinstance(base, ast.Subscript):
            key = literal_str(base.slice)
            if key is None:
                return set()
            inner = resolve(base.value)
            out = set()
            for target in inner:
                if target == "sys.modules":
                    out.add(key)
                elif target == "builtins" or target.endswith(".__dict__"):
                    out.add((target[:-len(".__dict__")] if target.endswith(".__dict__") else target) + "." + key)
            if isinstance(base.value, ast.Name) and base.value.id == "__builtins__":
                out.add("builtins." + key)
            return out
        return set()

    def lookup(self, name: str) -> Optional[_Scope]:
        scope = self.stack[-1]
        if name in scope.globals:
            scope = self.module
        first = True
        while scope is not None:
            if (scope.kind != "class" or first) and name in scope.bound:
                return scope
            first = False
            scope = scope.parent
        return None

    def resolve_name(self, node: ast.Name) -> Set[str]:
        """What a bare name refers to here: import/assignment aliases, a builtin the scan follows
        (unless a top-level def before this line shadows it), or a star-imported name."""
        name = node.id
        scope = self.lookup(name)
        targets = set(self.aliases.get(name, ())) if scope is not None else set()  # type: Set[str]
        if name == "__builtins__" and scope is None:
            targets.add("builtins")
        if name in INTERESTING_BUILTINS and (scope is None or scope.kind in ("module", "class")):
            line = self.module.def_lines.get(name)
            if scope is None or scope.kind == "class" or line is None or node.lineno <= line:
                targets.add("builtins." + name)
        if scope is None and not hasattr(builtins, name):
            targets.update(m + "." + name for m in self.star_modules)
        return set(normalize(t) for t in targets)

    def resolve(self, node: ast.AST) -> Set[str]:
        base, attrs = _split_chain(node)
        if isinstance(base, ast.Name):
            roots = self.resolve_name(base)
        else:
            roots = self.resolve_special_base(base, self.resolve)
        if not roots:
            for i in range(len(attrs) - 1, -1, -1):  # value.os.system, value.System.IO.File...
                if attrs[i] in REROOT:
                    return {normalize(".".join(attrs[i:]))}
            return set()
        return set(normalize(".".join([r] + attrs)) for r in roots)

    def is_pathish(self, node: ast.AST) -> bool:
        if isinstance(node, ast.Name):
            return node.id in self.pathish_names
        if isinstance(node, ast.Call):
            if any(t.startswith("pathlib.") for t in self.resolve_loose(node.func)):
                return True
            return isinstance(node.func, ast.Attribute) and self.is_pathish(node.func.value)
        if isinstance(node, ast.Attribute):
            return self.is_pathish(node.value) or any(t.startswith("pathlib.") for t in self.resolve_loose(node))
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div):
            return self.is_pathish(node.left)
        return False

    # -- scopes while walking --
    def _in_scope(self, node: ast.AST, visit_body) -> None:
        scope = self.scopes.get(id(node))
        if scope is None:
            visit_body()
            return
        self.stack.append(scope)
        try:
            visit_body()
        finally:
            self.stack.pop()

    def visit_FunctionDef(self, node) -> None:
        self.check_binding(node, node.name, "def")
        for item in node.decorator_list + node.args.defaults + [d for d in node.args.kw_defaults if d]:
            self.visit(item)
        args = node.args
        for arg in args.posonlyargs + args.args + args.kwonlyargs + [a for a in (args.vararg, args.kwarg) if a]:
            if arg.annotation is not None:
                self.visit(arg.annotation)  # evaluated when the def runs
        if node.returns is not None:
            self.visit(node.returns)

        def body():
            for statement in node.body:
                self.visit(statement)
        self._in_scope(node, body)

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_Lambda(self, node: ast.Lambda) -> None:
        for item in node.args.defaults + [d for d in node.args.kw_defaults if d]:
            self.visit(item)
        self._in_scope(node, lambda: self.visit(node.body))

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self.check_binding(node, node.name, "def")
        for item in node.decorator_list + node.bases + [k.value for k in node.keywords]:
            self.visit(item)

        def body():
            for statement in node.body:
                self.visit(statement)
        self._in_scope(node, body)

    def visit_comprehension_node(self, node) -> None:
        first = node.generators[0]
        self.visit(first.iter)  # evaluated in the enclosing scope, as Python does

        def body():
            for i, generator in enumerate(node.generators):
                self.visit(generator.target)
                if i:
                    self.visit(generator.iter)
                for condition in generator.ifs:
                    self.visit(condition)
            for field in ("elt", "key", "value"):
                if getattr(node, field, None) is not None:
                    self.visit(getattr(node, field))
        self._in_scope(node, body)

    visit_ListComp = visit_SetComp = visit_DictComp = visit_GeneratorExp = visit_comprehension_node

    # -- bindings --
    def check_binding(self, node: ast.AST, name: str, kind: str) -> None:
        """`del` of a followed builtin at module or class level would bring the builtin back behind
        a def that shadows it; `__builtins__` is never rebound."""
        if name == "__builtins__":
            self.flag(node, "introspection", name, "rebinding __builtins__, which")
            return
        scope = self.stack[-1]
        if name in scope.globals:
            scope = self.module
        if kind == "del" and name in INTERESTING_BUILTINS and scope.kind in ("module", "class"):
            rule = UNSAFE_NAMES.get("builtins." + name, "introspection")
            self.flag(node, rule, name, "deleting the name %s (the builtin comes back), which possibly" % name)

    # -- imports --
    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            self.check_import(node, normalize(alias.name), alias.name)
            if alias.asname == "__builtins__":
                self.check_binding(node, alias.asname, "import")

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        if node.level or not node.module:
            return
        module = normalize(node.module)
        rule, prefix = classify(module)
        if rule is not None and (prefix is not None or not module[:1].isupper()):
            self.check_import(node, module, node.module)
            return
        for alias in node.names:
            if alias.name == "*":
                if module in SENSITIVE and not module[:1].isupper() and module not in (
                        "rhinoscriptsyntax", "scriptcontext"):
                    self.flag(node, "introspection", node.module,
                              "from %s import * (it brings in names the check cannot follow; import the "
                              "names you need), which possibly" % node.module)
                continue
            full = normalize(module + "." + alias.name)
            rule, prefix = classify(full)
            if rule is not None:
                if prefix is not None:
                    self.flagged_modules.add(prefix)
                self.flag(node, rule, display(full), display(full))
            if (alias.asname or alias.name) == "__builtins__":
                self.check_binding(node, "__builtins__", "import")

    def check_import(self, node: ast.AST, module: str, shown: str) -> None:
        rule, prefix = classify(module)
        if rule is None:
            return
        if prefix is not None:
            self.flagged_modules.add(prefix)
        self.flag(node, rule, shown, "importing %s, which" % shown)

    # -- names --
    def visit_Name(self, node: ast.Name) -> None:
        self.check_name(node, call=None, as_base=False)

    def check_name(self, node: ast.Name, call: Optional[ast.Call], as_base: bool) -> None:
        if not isinstance(node.ctx, ast.Load):
            kind = "del" if isinstance(node.ctx, ast.Del) else "assign"
            self.check_binding(node, node.id, kind)
            return
        if is_dunder(node.id) and node.id not in DUNDER_NAMES_OK and self.lookup(node.id) is None:
            if node.id == "__builtins__":
                self.flag(node, "introspection", node.id, "__builtins__ (the table of every builtin)")
                return
            if "builtins." + node.id not in UNSAFE_NAMES and node.id not in DUNDER_OK:
                self.flag(node, "introspection", node.id, "the hidden name %s" % node.id)
                return
        for target in self.resolve_name(node):
            self.check_target(node, target, call, value_use=not as_base and call is None and id(node) not in
                              self.tracked, bare=True)

    # -- attribute chains --
    def visit_Attribute(self, node: ast.Attribute) -> None:
        base, attrs = _split_chain(node)
        self.check_chain(node, base, attrs, call=None)
        self.visit_base(base)

    def visit_base(self, base: ast.AST) -> None:
        if isinstance(base, ast.Name):
            self.check_name(base, call=None, as_base=True)
        else:
            self.visit(base)

    def check_chain(self, node: ast.AST, base: ast.AST, attrs: List[str], call: Optional[ast.Call]) -> None:
        store = isinstance(node, ast.Attribute) and not isinstance(node.ctx, ast.Load)
        targets = self.resolve(node)
        before = len(self.findings)
        if not store:
            handled = False
            for target in targets:
                handled = self.check_target(node, target, call, call is None and id(node) not in self.tracked) \
                    or handled
        for i, attr in enumerate(attrs):
            if len(self.findings) == before:  # the resolved name already explains this line
                self.check_attr_name(node, attrs, i, call)
        last = attrs[-1] if attrs else ""
        if (isinstance(base, ast.Constant) and isinstance(base.value, str) and last in ("format", "format_map")
                and call is not None):
            self.check_format_string(node, base.value)
        if store:
            self.check_store(node, targets)
            return
        if handled or not last:
            return
        if call is not None:
            self.check_method(node, base, attrs, targets, call)
        elif last in METHOD_NAMES and not any(t.startswith(METHOD_NAME_EXEMPT) for t in targets):
            self.flag(node, method_rule(last), "." + last,
                      ".%s used without calling it (only a direct call can be checked), which possibly" % last)

    def check_attr_name(self, node: ast.AST, attrs: List[str], i: int, call: Optional[ast.Call]) -> None:
        attr = attrs[i]
        if is_dunder(attr):
            if attr == "__class__" and i + 1 < len(attrs) and attrs[i + 1] in ("__name__", "__qualname__"):
                return
            if attr not in DUNDER_OK:
                self.flag(node, "introspection", "." + attr, "the hidden attribute .%s" % attr)
        elif attr in FRAME_ATTRS:
            self.flag(node, "introspection", "." + attr, "the frame or code attribute .%s" % attr)
        elif attr in REFLECTION_ATTRS:
            self.flag(node, "reflection", "." + attr, ".%s" % attr)
        elif attr == "GetType" and i == len(attrs) - 1 and call is not None and (call.args or call.keywords):
            self.flag(node, "reflection", ".GetType", ".GetType(name), which looks a type up by name and")

    def check_method(self, node: ast.AST, base: ast.AST, attrs: List[str], targets: Set[str],
                     call: ast.Call) -> None:
        """Rules on the called method's name, whatever the receiver is."""
        last = attrs[-1]
        receiver = ".".join(attrs[:-1])
        receiver_targets = set(t.rsplit(".", 1)[0] for t in targets if "." in t)
        if last in FILE_WRITE_ATTRS:
            self.flag(node, "file-write", "." + last, ".%s()" % last)
        elif last == "Save" and (not attrs[:-1] or attrs[-2] not in SAVE_OK_RECEIVERS):
            self.flag(node, "file-write", ".Save", ".Save()" if not receiver else "%s.Save()" % receiver)
        elif last == "Write" and (any(t.startswith("Rhino.FileIO") for t in receiver_targets)
                                  or (len(call.args) >= 2 and not any(
                                      t.startswith(WRITE_OK_TARGETS) for t in receiver_targets))):
            self.flag(node, "file-write", ".Write", ".Write(path, ...)")
        elif last in EXIT_ATTRS:
            self.flag(node, "exit", "." + last, ".%s()" % last)
        elif last in THREAD_ATTRS:
            self.flag(node, "threads", "." + last, ".%s()" % last)
        elif last in DYNAMIC_ATTRS:
            self.flag(node, "dynamic-code", "." + last, ".%s()" % last)
        elif last == "replace" and ((isinstance(node, ast.Attribute) and self.is_pathish(node.value))
                                    or (len(call.args) == 1 and not call.keywords)):
            self.flag(node, "file-write", ".replace", "Path.replace() (a str needs two arguments)")
        if last in COMMAND_ATTRS and not (targets & COMMAND_TARGETS):
            if last != "Command" or not targets:  # rs.X resolved elsewhere; Rhino.Commands.Command is a class
                self.check_command_call(node, "." + last, call, skip_first=last in ("AddAlias", "AliasMacro"))
        if last == "open" and not targets:
            self.check_open(call, "open", 0)  # pathlib.Path(...).open("w"), file-like .open(...)

    def check_format_string(self, node: ast.AST, template: str) -> None:
        try:
            fields = [f for _, f, _, _ in string.Formatter().parse(template) if f]
        except ValueError:
            return
        for field in fields:
            if "__" in field or any(a in field for a in FRAME_ATTRS):
                self.flag(node, "introspection", "str.format", "a format field {%s} that walks attributes, "
                                                               "which" % field)

    def check_store(self, node: ast.AST, targets: Set[str]) -> None:
        for target in targets:
            root = target.split(".")[0]
            if target.startswith("os.environ"):
                self.flag(node, "environ", "os.environ", "assigning to os.environ")
            elif target.startswith("sys.path"):
                self.flag(node, "dynamic-code", "sys.path", "changing sys.path, which")
            elif root == "System":
                self.flag(node, "environ", target, "assigning to %s, which" % target)
            elif target.startswith("Rhino.ApplicationSettings.FileSettings."):
                self.flag(node, "file-write", target, "assigning to %s (where Rhino saves and finds files), "
                                                      "which" % target)
            elif root not in ("scriptcontext", "Rhino", "Eto", "Grasshopper") and "." in target:
                self.flag(node, "introspection", display(target),
                          "assigning to %s (patching a module other code uses), which" % display(target))

    # -- calls --
    def visit_Call(self, node: ast.Call) -> None:
        func = node.func
        if isinstance(func, ast.Attribute):
            base, attrs = _split_chain(func)
            self.check_chain(func, base, attrs, call=node)
            self.visit_base(base)
        elif isinstance(func, ast.Name):
            self.check_name(func, call=node, as_base=False)
        else:
            self.visit(func)
        args = list(node.args)
        if (isinstance(func, ast.Name) and func.id in ATTRIBUTE_BUILTINS and len(args) >= 2
                and literal_str(args[1]) is not None and "builtins." + func.id in self.resolve_name(func)):
            self.visit_base(args.pop(0))  # getattr(rs, "AddPoint"): rs is a receiver, not a value
        for arg in args:
            self.visit(arg)
        for keyword in node.keywords:
            self.visit(keyword.value)

    def visit_Raise(self, node: ast.Raise) -> None:
        exc = node.exc.func if isinstance(node.exc, ast.Call) else node.exc
        if exc is not None and "builtins.SystemExit" in self.resolve(exc):
            self.flag(node, "exit", "SystemExit", "raise SystemExit")
        self.generic_visit(node)

    def visit_Subscript(self, node: ast.Subscript) -> None:
        if not isinstance(node.ctx, ast.Load):
            for target in self.resolve(node.value):
                if target == "os.environ":
                    self.flag(node, "environ", "os.environ", "changing os.environ")
                elif target == "sys.path":
                    self.flag(node, "dynamic-code", "sys.path", "changing sys.path, which")
        self.generic_visit(node)

    # -- one resolved target --
    def check_target(self, node: ast.AST, target: str, call: Optional[ast.Call], value_use: bool,
                     bare: bool = False) -> bool:
        """Judge one resolved name; True when a rule decided it (flagged or allowed by `allow`)."""
        shown = display(target, bare)
        rule, prefix = classify(target, called=call is not None)
        if rule is not None:
            if prefix is not None and prefix in self.flagged_modules:
                return True  # its import (or an earlier use) was already refused
            if prefix is not None:
                self.flagged_modules.add(prefix)
            self.flag(node, rule, shown, shown)
            return True
        owner = next((s for s in SPECIAL_CALLS if target.startswith(s + ".")), None)
        if owner is not None:  # rs.Command.__call__(...), open.__call__(...): the call is hidden
            self.flag(node, "rhino-command" if owner in COMMAND_TARGETS else "introspection", shown,
                      "%s (an indirect use of %s), which possibly" % (shown, display(owner, bare)))
            return True
        if call is not None:
            return self.check_special_call(node, target, shown, call)
        if value_use:
            if target in SPECIAL_CALLS:
                rule = "rhino-command" if target in COMMAND_TARGETS else (
                    "file-write" if target in OPENERS or target.endswith("AutosaveFile") else "introspection")
                self.flag(node, rule, shown, "%s used as a value (only a direct call can be checked), which "
                                             "possibly" % shown)
            elif target in SENSITIVE:
                self.flag(node, "introspection", shown, "the module %s passed around as a value (the check "
                                                        "cannot follow it), which possibly" % shown)
        return False

    def check_special_call(self, node: ast.AST, target: str, shown: str, call: ast.Call) -> bool:
        if target not in SPECIAL_CALLS:
            return False
        args = call.args
        if target == "builtins.hasattr":
            return True
        if target in ("builtins.getattr", "builtins.setattr", "builtins.delattr"):
            if len(args) < 2 or any(isinstance(a, ast.Starred) for a in args[:2]):
                if args or call.keywords:
                    self.flag(node, "introspection", shown, "%s() with arguments the check cannot see" % shown)
                return True
            name = literal_str(args[1])
            if name is None:
                self.flag(node, "introspection", shown, "%s() with a computed attribute name" % shown)
                return True
            fake = ast.Attribute(value=args[0], attr=name, ctx=ast.Load() if target == "builtins.getattr"
                                 else ast.Store())
            ast.copy_location(fake, call)
            base, attrs = _split_chain(fake)
            self.check_chain(fake, base, attrs, call=None)
        elif target in OPENERS:
            self.check_open(call, shown, OPENERS[target])
        elif target in ("operator.attrgetter", "operator.methodcaller"):
            names = args if target == "operator.attrgetter" else args[:1]
            for arg in names:
                text = literal_str(arg)
                if text is None:
                    self.flag(node, "introspection", shown, "%s() with a computed name" % shown)
                    continue
                for part in text.split("."):
                    if ((is_dunder(part) and part not in DUNDER_OK) or part in FRAME_ATTRS or part in REROOT
                            or part in METHOD_NAMES):
                        self.flag(node, "introspection", shown, "%s(%r), which hides the attribute and" % (
                            shown, text))
                        break
        elif target in COMMAND_TARGETS:
            self.check_command_call(node, shown, call, skip_first=target.endswith(("AddAlias", "AliasMacro")))
        elif target == "clr.AddReference":
            for arg in args:
                text = literal_str(arg)
                if text is None or re.search(r"[\\/:]|\.(dll|exe)$", text, re.I):
                    self.flag(node, "reflection", shown, "clr.AddReference with a path or a computed name, which")
        elif target == "logging.basicConfig":
            if any(k.arg in ("filename", "handlers", None) for k in call.keywords):
                self.flag(node, "file-write", shown, "logging.basicConfig(filename=...)")
        elif target == "rhinoscriptsyntax.AutosaveFile":
            if args or call.keywords:
                self.flag(node, "file-write", shown, "rs.AutosaveFile(path), which makes Rhino write its autosave "
                                                     "there, and so")
        elif target == "sqlite3.connect":
            if not args or literal_str(args[0]) not in (":memory:", "file::memory:"):
                self.flag(node, "file-write", shown, "sqlite3.connect() to a file")
        elif target == "yaml.load":
            safe = any(k.arg == "Loader" and (self.resolve(k.value) & {"yaml.SafeLoader", "yaml.CSafeLoader",
                                                                       "yaml.BaseLoader"})
                       for k in call.keywords)
            if not safe:
                self.flag(node, "dynamic-code", shown, "yaml.load without Loader=yaml.SafeLoader, which")
        return True

    def is_number(self, node: ast.AST) -> bool:
        """A number written in the script, or float(...)/int(...) of anything (exact float/int)."""
        if numeric_value(node):
            return True
        return (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("float", "int")
                and self.lookup(node.func.id) is None and len(node.args) == 1 and not node.keywords
                and not isinstance(node.args[0], ast.Starred))

    def check_open(self, call: ast.Call, name: str, position: int) -> None:
        mode_node = call.args[position] if len(call.args) > position else None
        for keyword in call.keywords:
            if keyword.arg == "mode":
                mode_node = keyword.value
            elif keyword.arg is None:
                mode_node = keyword.value  # **kwargs may carry a mode
        if any(isinstance(a, ast.Starred) for a in call.args[:position + 1]):
            mode_node = call.args[0]
        if mode_node is None:
            return  # read mode by default
        mode = literal_str(mode_node)
        if mode is not None:
            if set(mode) & set("wax+"):
                self.flag(call, "file-write", name, "%s(..., %r)" % (name, mode))
            return
        self.flag(call, "file-write", name, "%s() with a mode that is not a plain string possibly" % name)

    def check_command_call(self, node: ast.AST, shown: str, call: ast.Call, skip_first: bool) -> None:
        values = list(call.args[1:] if skip_first else call.args)
        values += [k.value for k in call.keywords if not (skip_first and k.arg == "alias")]
        for value in values:
            if isinstance(value, ast.Starred) or value is None:
                self.flag(node, "rhino-command", shown, "%s with unpacked arguments, which" % shown)
                return
            if (isinstance(value, ast.Constant) and not isinstance(value.value, str)) or numeric_value(value):
                continue  # echo flags, numbers, None
            if any(t.startswith(("scriptcontext.", "Rhino.RhinoDoc.")) and t.rsplit(".", 1)[-1] in COMMAND_SIDE_ARGS
                   for t in self.resolve(value)):
                continue  # the document or its serial number
            text = command_text(value, self.is_number)
            if text is None:
                self.flag(node, "rhino-command", shown, "%s with a command string built at run time, which" % shown)
                return
            word = bad_command(text)
            if word is not None:
                self.flag(node, "rhino-command", shown, "%s(%r) uses %s, which" % (shown, text[:60], word))
                return


def scan(tree: ast.AST, allowed: Iterable[str] = ()) -> List[Finding]:
    """Every safety finding in a parsed script; rules in `allowed` are not reported."""
    return Scanner(set(allowed)).scan(tree)


def message(finding: Finding) -> str:
    return "%s %s; scripts may not do that unless unsafe code is allowed (rule %r)" % (
        finding.what, RULES[finding.rule], finding.rule)
