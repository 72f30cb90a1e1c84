"""The plugin's data sets, shipped as Python modules: the API index and the solved-example library.

A ScriptEditor project carries a Python library as a folder of Python sources ("to create a
Python 3 library, you would need to organize your python sources ... and include __init__.py
files", McNeel's projects-create guide, Shared Libraries); that other files in that folder
survive embedding is documented nowhere. So each data set is a module here, `<name>_json.py`,
holding one string, TEXT: the JSON document, one entry per line so that diffs stay readable, with
every ' written \\u0027 so that the text sits in a raw ''' string as it is. It is loaded through
the import system (`load`), the way every other module of the library is found, in Rhino and
out of it. `rhinocoder-data api-index` and `rhinocoder-data examples` write them (`source`).

Standard library only; Python 3.9.
"""
import gzip
import importlib
import json
import os
from typing import Any, Iterable

HERE = os.path.dirname(os.path.abspath(__file__))
_HEAD = "TEXT = r'''"
_TAIL = "'''\n"


def module_path(name: str) -> str:
    """Where the data module of data set `name` ("api_index", "examples") lives in this package."""
    return os.path.join(HERE, name + "_json.py")


def load(name: str) -> Any:
    """Data set `name`, parsed, through the import system."""
    return json.loads(importlib.import_module("%s.%s_json" % (__name__, name)).TEXT)


def read(path: str) -> Any:
    """A data file: a data module (.py), plain JSON or gzipped JSON (.gz)."""
    if path.endswith(".py"):
        with open(path, encoding="utf-8") as handle:
            source = handle.read()
        return json.loads(source[source.index(_HEAD) + len(_HEAD):source.rindex(_TAIL)])
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as handle:
        return json.loads(handle.read().decode("utf-8"))


def json_lines(value: Any, expand: Iterable[str] = (), path: str = "") -> str:
    """Compact, sorted JSON, with the containers at the dotted paths in `expand` ("" is the whole
    document, "rs" its key rs, "examples" a list) written one entry per line."""
    if path in expand and isinstance(value, dict) and value:
        return "{\n" + ",\n".join(json.dumps(key, ensure_ascii=False) + ":" + json_lines(
            value[key], expand, (path + "." if path else "") + key) for key in sorted(value)) + "\n}"
    if path in expand and isinstance(value, list) and value:
        return "[\n" + ",\n".join(json_lines(item, expand, path + "[]") for item in value) + "\n]"
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def source(value: Any, expand: Iterable[str], title: str) -> str:
    """The text of a data module holding `value` (read back by `load` and `read`)."""
    text = json_lines(value, tuple(expand)).replace("'", "\\u0027")  # ' occurs only inside JSON strings
    return '"""%s. Generated, do not edit: see rhino_plugin/core/data/__init__.py."""\n%s%s%s' % (
        title, _HEAD, text, _TAIL)
