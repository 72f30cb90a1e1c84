"""`rhinocoder-data api-index`: build the checker's API index (rhinoscriptsyntax + RhinoCommon).

Inputs:
- `rhinoscriptsyntax.json` from the sources folder (all 899 functions with their signatures);
- the installed PyPI package `rhino-stubs-typed` (RhinoCommon 8.20 `.pyi` stubs);
- the fixed list of `scriptcontext` names.

Output: the data module `rhino_plugin/core/data/api_index_json.py` (JSON text, one function or
class per line; why a module: rhino_plugin/core/data/__init__.py), deterministic (sorted keys, no
timestamps), with the sha256 of every input and the versions used. Written atomically. `--out`
ending in .json or .json.gz writes plain or gzipped JSON instead.

    rhinocoder-data api-index [--sources DIR] [--out PATH]
"""
import argparse
import ast
import gzip
import hashlib
import json
import os
import re
import sys
from typing import Any, Dict, Iterable, List, Optional, Tuple

from rhino_plugin.core import data as data_modules
from rhino_plugin.core.files import write_atomic

FORMAT = 1
REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_OUT = data_modules.module_path("api_index")
LINES = ("", "rs", "rhino", "rhino.classes", "rhino.namespaces")  # one rs function, class, namespace per line
TITLE = "The API index (rhinoscriptsyntax, RhinoCommon 8, scriptcontext) of rhino_plugin.core.api_index"
STUBS_DIST = "rhino-stubs-typed"
# The public names of Rhino 8's scriptcontext module (mcneel/rhinoscriptsyntax, rhino-8.x).
SCRIPTCONTEXT_NAMES = ["doc", "errorhandler", "escape_test", "id", "sticky"]
# Members every .NET object has through System.Object, as pythonnet exposes them.
OBJECT_MEMBERS = {"Equals": [1], "GetHashCode": [0], "GetType": [0], "ToString": [0],
                  "ReferenceEquals": [2], "MemberwiseClone": [0]}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--sources", help="folder holding rhinoscriptsyntax.json "
                        "(default: $RHINOCODER_SOURCES, else ../shared/sources beside the repo, else sources/)")
    parser.add_argument("--out", default=DEFAULT_OUT, help="output file (a data module .py, or .json, .json.gz)")


def sources_dir(given: Optional[str] = None) -> str:
    if given:
        return given
    if os.environ.get("RHINOCODER_SOURCES"):
        return os.environ["RHINOCODER_SOURCES"]
    shared = os.path.join(os.path.dirname(REPO), "shared", "sources")  # the workspace's copy
    return shared if os.path.isdir(shared) else os.path.join(REPO, "sources")  # else the one in the repo


def _sha256(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


# ---- rhinoscriptsyntax ----------------------------------------------------------------------

def parse_signature(signature: str) -> List[Dict[str, Any]]:
    """`AddLayer(name=None, color=None)` -> [{"name", "default" (repr or None), "required", "kind"}]."""
    tree = ast.parse("def " + signature.strip() + ": pass")
    args = tree.body[0].args
    params = []  # type: List[Dict[str, Any]]
    positional = args.posonlyargs + args.args
    defaults = [None] * (len(positional) - len(args.defaults)) + list(args.defaults)
    for arg, default in zip(positional, defaults):
        params.append({"name": arg.arg, "kind": "positional", "required": default is None,
                       "default": None if default is None else ast.unparse(default)})
    if args.vararg:
        params.append({"name": args.vararg.arg, "kind": "var_positional", "required": False, "default": None})
    for arg, default in zip(args.kwonlyargs, args.kw_defaults):
        params.append({"name": arg.arg, "kind": "keyword_only", "required": default is None,
                       "default": None if default is None else ast.unparse(default)})
    if args.kwarg:
        params.append({"name": args.kwarg.arg, "kind": "var_keyword", "required": False, "default": None})
    return params


def _first_sentence(text: str) -> str:
    text = " ".join((text or "").split())
    match = re.match(r"(.+?\.)(\s|$)", text)
    return (match.group(1) if match else text)[:300]


def rs_functions(path: str) -> Dict[str, Dict[str, Any]]:
    with open(path, encoding="utf-8") as handle:
        modules = json.load(handle)
    functions = {}  # type: Dict[str, Dict[str, Any]]
    for module in modules:
        for fn in module["functions"]:
            functions[fn["Name"]] = {
                "module": fn["ModuleName"],
                "signature": fn["Signature"].strip(),
                "params": parse_signature(fn["Signature"]),
                "description": _first_sentence(fn.get("Description", "")),
                "returns": " ".join((fn.get("Returns") or "").split())[:300],
            }
    return functions


# ---- RhinoCommon from rhino-stubs-typed -----------------------------------------------------

def stubs_root() -> Tuple[str, str]:
    """(folder of the installed `Rhino` stubs, package version)."""
    from importlib import metadata
    dist = metadata.distribution(STUBS_DIST)
    for entry in dist.files or []:
        if str(entry).replace("\\", "/") == "Rhino/__init__.pyi":
            return os.path.dirname(str(dist.locate_file(entry))), dist.version
    raise FileNotFoundError("%s is installed but has no Rhino/__init__.pyi" % STUBS_DIST)


def _clean_stub(source: str) -> str:
    """Make .NET-isms parseable: backtick generics (List`1) and other stray backticks."""
    source = re.sub(r"`\d+", "", source)
    return source.replace("`", "")


def _decorators(node: ast.FunctionDef) -> List[str]:
    names = []
    for dec in node.decorator_list:
        if isinstance(dec, ast.Name):
            names.append(dec.id)
        elif isinstance(dec, ast.Attribute):
            names.append(dec.attr)
    return names


def _arg_count(node: ast.FunctionDef, static: bool) -> int:
    args = node.args.posonlyargs + node.args.args
    count = len(args)
    if not static and args and args[0].arg in ("self", "cls"):
        count -= 1
    return count


def _class_entry(node: ast.ClassDef) -> Dict[str, Any]:
    bases = [ast.unparse(base) for base in node.bases]
    kind = "enum" if "Enum" in bases else "class"
    members = {}  # type: Dict[str, Dict[str, Any]]
    for item in node.body:
        if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)):
            decorators = _decorators(item)
            if "property" in decorators:
                static = "classmethod" in decorators or "staticmethod" in decorators
                members.setdefault(item.name, {"kind": "property", "static": static})
                continue
            static = "staticmethod" in decorators
            name = "__init__" if item.name == "__init__" else item.name
            entry = members.setdefault(name, {"kind": "constructor" if name == "__init__" else "method",
                                              "static": static, "args": []})
            if "args" not in entry:  # a property and a method of one name: keep the method
                entry.update({"kind": "method", "args": []})
            entry["static"] = entry["static"] or static
            count = _arg_count(item, static)
            if count not in entry["args"]:
                entry["args"].append(count)
        elif isinstance(item, (ast.Assign, ast.AnnAssign)):
            targets = item.targets if isinstance(item, ast.Assign) else [item.target]
            for target in targets:
                if isinstance(target, ast.Name):
                    members.setdefault(target.id, {"kind": "value" if kind == "enum" else "field",
                                                   "static": True})
    for entry in members.values():
        if "args" in entry:
            entry["args"].sort()
    bases = [b for b in bases if b not in ("Enum", "Generic") and not b.startswith("Generic[")]
    return {"kind": kind, "bases": bases, "members": members}


def _imports(tree: ast.Module) -> Dict[str, str]:
    """Local name -> dotted full name from `from X import Y` lines (to resolve base classes)."""
    names = {}
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and node.module:
            for alias in node.names:
                names[alias.asname or alias.name] = node.module + "." + alias.name
    return names


def rhino_classes(root: str) -> Tuple[List[str], Dict[str, Dict[str, Any]], List[str]]:
    """(namespaces, classes by full name, files that still failed to parse)."""
    namespaces, classes, failed = [], {}, []
    base_dir = os.path.dirname(root)
    for folder, _dirs, files in sorted(os.walk(root)):
        if "__init__.pyi" not in files:
            continue
        path = os.path.join(folder, "__init__.pyi")
        namespace = os.path.relpath(folder, base_dir).replace(os.sep, ".")
        namespaces.append(namespace)
        with open(path, encoding="utf-8") as handle:
            source = handle.read()
        try:
            tree = ast.parse(source)
        except SyntaxError:
            try:
                tree = ast.parse(_clean_stub(source))
            except SyntaxError:
                failed.append(namespace)
                continue
        imported = _imports(tree)
        for node in tree.body:
            if isinstance(node, ast.ClassDef):
                entry = _class_entry(node)
                entry["bases"] = sorted(set(imported.get(b.split("[")[0], namespace + "." + b.split("[")[0])
                                            for b in entry["bases"]))
                classes[namespace + "." + node.name] = entry
    return sorted(namespaces), classes, failed


def flatten_inherited(classes: Dict[str, Dict[str, Any]]) -> None:
    """Copy members of Rhino base classes into each class (the class's own entry wins)."""
    done = set()

    def visit(name, trail=()):
        entry = classes[name]
        if name in done or name in trail:
            return entry["members"]
        for base in entry["bases"]:
            if base in classes:
                for member, info in visit(base, trail + (name,)).items():
                    entry["members"].setdefault(member, info)
        done.add(name)
        return entry["members"]

    for name in sorted(classes):
        visit(name)
    for entry in classes.values():
        if entry["kind"] == "class":
            for member, args in OBJECT_MEMBERS.items():
                entry["members"].setdefault(member, {"kind": "method", "static": member == "ReferenceEquals",
                                                     "args": args})


# ---- assemble and write ---------------------------------------------------------------------

def build(sources: str) -> Dict[str, Any]:
    rs_path = os.path.join(sources, "rhinoscriptsyntax.json")
    if not os.path.isfile(rs_path):
        raise FileNotFoundError("no rhinoscriptsyntax.json in %s (use --sources DIR or $RHINOCODER_SOURCES)"
                                % sources)
    root, stubs_version = stubs_root()
    namespaces, classes, failed = rhino_classes(root)
    flatten_inherited(classes)
    stub_files = sorted(os.path.join(folder, "__init__.pyi") for folder, _d, files in os.walk(root)
                        if "__init__.pyi" in files)
    stubs_digest = hashlib.sha256()
    for path in stub_files:
        stubs_digest.update(os.path.relpath(path, root).replace(os.sep, "/").encode())
        stubs_digest.update(_sha256(path).encode())
    return {
        "format": FORMAT,
        "provenance": {
            "rhinoscriptsyntax.json": {"sha256": _sha256(rs_path),
                                       "upstream": "mcneel/developer.rhino3d.com data/rhinoscriptsyntax.json"},
            STUBS_DIST: {"version": stubs_version, "sha256_of_stubs": stubs_digest.hexdigest(),
                         "files": len(stub_files), "unparsed_namespaces": failed},
            "generator": "rhinocoder-data api-index (datasets/api_index.py), format %d" % FORMAT,
        },
        "rs": rs_functions(rs_path),
        "rhino": {"namespaces": namespaces, "classes": classes},
        "scriptcontext": SCRIPTCONTEXT_NAMES,
    }


def write(index: Dict[str, Any], out: str, lines: Iterable[str] = LINES, title: str = TITLE) -> int:
    """Write atomically (temp file + os.replace): a data module when the name ends in .py (the
    containers at `lines` one entry per line), gzip when .gz, else compact JSON. Returns bytes."""
    if out.endswith(".py"):
        data = data_modules.source(index, lines, title).encode("utf-8")
    else:
        text = json.dumps(index, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
        data = gzip.compress(text, compresslevel=9, mtime=0) if out.endswith(".gz") else text
    folder = os.path.dirname(os.path.abspath(out))
    os.makedirs(folder, exist_ok=True)
    write_atomic(out, data, perm=0o644)
    return len(data)


def main(args: argparse.Namespace) -> int:
    sources = sources_dir(args.sources)
    try:
        index = build(sources)
    except FileNotFoundError as exc:
        print("rhinocoder-data api-index: %s" % exc, file=sys.stderr)
        return 2
    except ImportError:
        print("rhinocoder-data api-index: the %s package is not installed (pip install "
              "'rhinocoder[data]')" % STUBS_DIST, file=sys.stderr)
        return 2
    size = write(index, args.out)
    classes = index["rhino"]["classes"]
    members = sum(len(c["members"]) for c in classes.values())
    print("wrote %s: %d rs functions, %d namespaces, %d classes, %d members, %d bytes"
          % (args.out, len(index["rs"]), len(index["rhino"]["namespaces"]), len(classes), members, size))
    return 0
