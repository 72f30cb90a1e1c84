"""What a script run on the headless document can import.

`modules_for(doc)` maps the import names of Rhino's Python ("rhinoscriptsyntax", "scriptcontext",
"Rhino", "Rhino.Geometry", "System", "System.Drawing", "clr", ...) to the headless stand-ins. The
runner resolves them through an `__import__` in the script's own builtins, so nothing is ever
put in `sys.modules` under those names and nothing leaks into the interpreter.

"scriptcontext" is a fresh module per run whose `doc` is the run's document (and whose `sticky`
is the shared one); the host also binds the document with `scriptcontext.use_doc(doc)` so the
rhinoscriptsyntax functions, which read `rhino_headless.scriptcontext.doc`, see the same one.
"""
import importlib
import pkgutil
import types
from typing import Any, Dict

from . import scriptcontext as _sc

_STATIC = None  # type: Dict[str, Any]  # every stand-in module by its script-side name, built once


def _walk(package_name: str, public_name: str, into: Dict[str, Any]) -> None:
    """Subpackages are namespaces (Rhino.Geometry.Intersect); plain modules are implementation."""
    package = importlib.import_module(package_name)
    into[public_name] = package
    for info in pkgutil.iter_modules(getattr(package, "__path__", []) or []):
        if info.ispkg and not info.name.startswith("_"):
            _walk(package_name + "." + info.name, public_name + "." + info.name, into)


def _static_modules() -> Dict[str, Any]:
    global _STATIC
    if _STATIC is None:
        table = {}  # type: Dict[str, Any]
        _walk("rhino_headless.Rhino", "Rhino", table)
        _walk("rhino_headless.System", "System", table)
        table["rhinoscriptsyntax"] = importlib.import_module("rhino_headless.rhinoscriptsyntax")
        for name in table["rhinoscriptsyntax"].MODULES:
            table["rhinoscriptsyntax." + name] = importlib.import_module("rhino_headless.rhinoscriptsyntax." + name)
        table["clr"] = _clr_module()
        _STATIC = table
    return _STATIC


def _clr_module() -> types.ModuleType:
    """`import clr; clr.AddReference("System.Drawing")`: references are already there."""
    clr = types.ModuleType("clr", "Headless stand-in for pythonnet's clr: references are no-ops.")

    def AddReference(*names):
        return None

    clr.AddReference = AddReference
    clr.AddReferenceByName = AddReference
    clr.AddReferenceToFile = AddReference
    clr.AddReferenceToFileAndPath = AddReference
    clr.GetClrType = type
    clr.Reference = lambda *args: [args[0] if args else None]
    clr.StrongBox = clr.Reference
    return clr


def scriptcontext_for(doc) -> types.ModuleType:
    """The `scriptcontext` module one run sees: `doc` bound to `doc`, shared `sticky`."""
    module = types.ModuleType("scriptcontext", _sc.__doc__)
    module.doc = doc
    module.sticky = _sc.sticky
    module.escape_test = _sc.escape_test
    module.errorhandler = _sc.errorhandler
    module.id = _sc.id
    return module


def modules_for(doc) -> Dict[str, Any]:
    """Import name -> stand-in module for one run on `doc` (pass to runner.run_script)."""
    table = dict(_static_modules())
    table["scriptcontext"] = scriptcontext_for(doc)
    return table
