"""Headless rhinoscriptsyntax: same names, signatures, defaults and return conventions as Rhino 8's.

Each module mirrors the real module of the same name (curve, surface, object, ...). Every official
function that no module defines is an auto-stub, made on first access, with the official name and
parameters that raises NeedsRhinoError, so an official name is never an AttributeError (see
rhino_headless/coverage.py).
"""
import importlib as _importlib

from .. import coverage as _coverage

MODULES = ("application", "block", "curve", "dimension", "document", "geometry", "grips", "group",
           "hatch", "layer", "light", "line", "linetype", "material", "mesh", "object", "plane",
           "pointvector", "selection", "surface", "toolbar", "transformation", "userdata",
           "userinterface", "utility", "view")

for _name in MODULES:
    _mod = _importlib.import_module("." + _name, __name__)
    # export what the module defines publicly, itself or in its private parts (PARTS: a long module
    # split into files), not what it imported from elsewhere
    _own = {_mod.__name__} | {__name__ + "." + _part for _part in getattr(_mod, "PARTS", ())}
    for _attr, _value in vars(_mod).items():
        if not _attr.startswith("_") and getattr(_value, "__module__", None) in _own:
            globals()[_attr] = _value

# functions a module declares as deliberately needing Rhino (NEEDS_RHINO = {name: reason})
_NEEDS = {}
for _name in MODULES:
    _NEEDS.update(getattr(_importlib.import_module("." + _name, __name__), "NEEDS_RHINO", {}))

del _importlib, _name, _mod, _own, _attr, _value


def _official():
    return _coverage.official_functions()  # loaded on first use: importing rs stays fast


def __getattr__(name):
    """Every other official function is an auto-stub, made on first use; any other name is an
    AttributeError with a did-you-mean."""
    if name == "__all__":  # `from rhinoscriptsyntax import *`
        return sorted(set(n for n in globals() if not n.startswith("_")) | set(_official()))
    info = _official().get(name)
    if info is not None:
        stub = _coverage.make_stub(name, info["module"], info["signature"], reason=_NEEDS.get(name))
        globals()[name] = stub
        return stub
    import difflib
    public = sorted(set(n for n in globals() if not n.startswith("_")) | set(_official()))
    close = difflib.get_close_matches(name, public, n=1) or \
        [n for n in public if n.lower() == name.lower()]
    hint = "; did you mean rs.%s?" % close[0] if close else ""
    raise AttributeError("rhinoscriptsyntax has no function %r%s" % (name, hint))


def __dir__():
    return sorted(set(globals()) | set(_official()))
