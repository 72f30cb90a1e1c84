"""Headless rhinoscriptsyntax: same names, signatures, defaults and return conventions as Rhino 8's.

Each module mirrors the real module of the same name (curve, surface, object, ...). Every official
function that no module defines becomes an auto-stub with the official name and parameters that
raises NeedsRhinoError, so an official name is never an AttributeError (see rhino_headless/coverage.py).
"""
import importlib as _importlib

from .. import coverage as _coverage

MODULES = ("application", "block", "curve", "dimension", "document", "geometry", "grips", "group",
           "hatch", "layer", "light", "line", "linetype", "material", "mesh", "object", "plane",
           "pointvector", "selection", "surface", "toolbar", "transformation", "userdata",
           "userinterface", "utility", "view")

for _name in MODULES:
    _mod = _importlib.import_module("." + _name, __name__)
    for _attr, _value in vars(_mod).items():
        # export what the module itself defines publicly (not what it imported)
        if not _attr.startswith("_") and getattr(_value, "__module__", None) == _mod.__name__:
            globals()[_attr] = _value

# functions a module declares as deliberately needing Rhino (NEEDS_RHINO = {name: reason})
_needs = {}
for _name in MODULES:
    _needs.update(getattr(_importlib.import_module("." + _name, __name__), "NEEDS_RHINO", {}))

# every other official function no module defines becomes an auto-stub
for _fname, _info in _coverage.official_functions().items():
    if _fname not in globals():
        globals()[_fname] = _coverage.make_stub(_fname, _info["module"], _info["signature"],
                                                reason=_needs.get(_fname))
    del _fname, _info
del _needs

del _importlib, _name, _mod, _attr, _value


def __getattr__(name):
    """A name rhinoscriptsyntax does not have: AttributeError with a did-you-mean."""
    import difflib
    public = [n for n in globals() if not n.startswith("_")]
    close = difflib.get_close_matches(name, public, n=1) or \
        [n for n in public if n.lower() == name.lower()]
    hint = "; did you mean rs.%s?" % close[0] if close else ""
    raise AttributeError("rhinoscriptsyntax has no function %r%s" % (name, hint))
