"""Headless rhinoscriptsyntax: same names, signatures, defaults and return conventions as Rhino 8's.

Each module mirrors the real module of the same name (curve, surface, object, ...).
"""
import importlib as _importlib

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
