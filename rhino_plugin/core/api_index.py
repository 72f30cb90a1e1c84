"""The API index the static checks use: rhinoscriptsyntax functions, RhinoCommon classes, scriptcontext.

Standard library only, Python 3.9. Reads the committed data module
`rhino_plugin/core/data/api_index_json.py` (regenerate with `rhinocoder-data api-index`; why a
module: rhino_plugin/core/data/__init__.py). `load()` is cached: the first call costs one import
and json parse, later calls are free.
"""
import difflib
import threading
from typing import Any, Dict, Iterable, List, Optional

from . import data

DEFAULT_PATH = data.module_path("api_index")

# Public rhinoscriptsyntax names that are not documented functions.
RS_EXTRA = ("filter",)
# rhinoscriptsyntax.utility's coerce helpers (undocumented, public, common in real scripts).
RS_COERCE = ("coerce2dpoint", "coerce2dpointlist", "coerce3dpoint", "coerce3dpointlist", "coerce3dvector",
             "coerceboundingbox", "coercebrep", "coercecolor", "coercecurve", "coercegeometry", "coerceguid",
             "coerceguidlist", "coerceline", "coercemesh", "coerceplane", "coercerhinoobject", "coercesurface",
             "coercexform")

_cache = {}  # type: Dict[str, ApiIndex]
_lock = threading.Lock()


class ApiIndex(object):
    """Lookups over the index data (a plain dict as written by datasets/api_index.py)."""

    def __init__(self, data: Dict[str, Any]):
        self.data = data
        self.provenance = data.get("provenance", {})  # type: Dict[str, Any]
        self._rs = data["rs"]  # type: Dict[str, Dict[str, Any]]
        self._rs_lower = {}  # type: Dict[str, str]
        for name in sorted(self._rs):
            self._rs_lower.setdefault(name.lower(), name)
        rhino = data["rhino"]
        self._namespaces = set(rhino["namespaces"])
        self._classes = rhino["classes"]  # type: Dict[str, Dict[str, Any]]
        # Names directly inside a namespace: its classes and child namespaces.
        self._children = {}  # type: Dict[str, set]
        for dotted in list(self._namespaces) + list(self._classes):
            parent, _, leaf = dotted.rpartition(".")
            if parent:
                self._children.setdefault(parent, set()).add(leaf)
        self._scriptcontext = list(data.get("scriptcontext", []))
        public = set(self._rs) | set(RS_EXTRA) | set(RS_COERCE)
        public.update(f["module"] for f in self._rs.values() if f.get("module"))
        self._public = tuple(sorted(public))  # sent with every request: computed once

    # -- rhinoscriptsyntax --
    def rs_functions(self) -> Dict[str, Dict[str, Any]]:
        """name -> {"module", "signature", "params": [{"name", "default", "required", "kind"}], ...}."""
        return self._rs

    def rs_names(self) -> List[str]:
        return sorted(self._rs)

    def rs_public_names(self) -> List[str]:
        """Every name a script may use after `rs.`: the functions, the modules they live in
        (`rs.curve`), `rs.filter` and the coerce helpers. The checker accepts exactly these (and
        any `coerce*`), and the Session sends them for the server's name constraint."""
        return list(self._public)

    def rs_function(self, name: str) -> Optional[Dict[str, Any]]:
        return self._rs.get(name)

    def rs_case_match(self, name: str) -> Optional[str]:
        """The real name that differs from `name` only in case (rs.Viewsize -> ViewSize)."""
        match = self._rs_lower.get(name.lower())
        return match if match != name else None

    # -- RhinoCommon --
    def namespaces(self) -> List[str]:
        return sorted(self._namespaces)

    def is_namespace(self, dotted: str) -> bool:
        return dotted in self._namespaces

    def rhino_class(self, dotted: str) -> Optional[Dict[str, Any]]:
        """{"kind": "class"|"enum", "bases", "members": {name: {"kind", "static", "args"?}}}."""
        return self._classes.get(dotted)

    def class_members(self, dotted: str) -> Dict[str, Dict[str, Any]]:
        entry = self._classes.get(dotted)
        return entry["members"] if entry else {}

    def children(self, namespace: str) -> List[str]:
        """Classes and sub-namespaces directly in `namespace` (leaf names)."""
        return sorted(self._children.get(namespace, ()))

    def rhino_name_exists(self, dotted: str) -> bool:
        """True for a known namespace, class or class member (deeper attribute chains: True,
        since the index holds no return types to follow them)."""
        return self.resolve_rhino(dotted)["exists"]

    def resolve_rhino(self, dotted: str) -> Dict[str, Any]:
        """Walk `Rhino.A.B.C`: {"exists", "known" (the longest known prefix), "missing" (the first
        unknown part or None), "owner_kind" ("namespace"|"class")}."""
        parts = dotted.split(".")
        if not parts or parts[0] != "Rhino":
            return {"exists": False, "known": "", "missing": parts[0] if parts else "", "owner_kind": None}
        known = "Rhino"
        for i, part in enumerate(parts[1:], 1):
            candidate = known + "." + part
            if known in self._namespaces:
                if candidate in self._namespaces or candidate in self._classes:
                    known = candidate
                    continue
                return {"exists": False, "known": known, "missing": part, "owner_kind": "namespace"}
            if known in self._classes:
                if part in self._classes[known]["members"]:
                    return {"exists": True, "known": candidate, "missing": None, "owner_kind": "class"}
                return {"exists": False, "known": known, "missing": part, "owner_kind": "class"}
        return {"exists": True, "known": known, "missing": None, "owner_kind": None}

    # -- scriptcontext --
    def scriptcontext_names(self) -> List[str]:
        return list(self._scriptcontext)

    # -- did-you-mean --
    @staticmethod
    def suggest(name: str, candidates: Iterable[str], n: int = 3, cutoff: float = 0.6) -> List[str]:
        """Close names: exact case-insensitive matches first, then difflib's closest."""
        pool = list(candidates)
        lower = name.lower()
        exact = [c for c in pool if c.lower() == lower and c != name]
        by_lower = {}  # type: Dict[str, str]
        for c in pool:
            by_lower.setdefault(c.lower(), c)
        close = [by_lower[c] for c in difflib.get_close_matches(lower, list(by_lower), n=n, cutoff=cutoff)]
        out = []  # type: List[str]
        for c in exact + close:
            if c not in out and c != name:
                out.append(c)
        return out[:n]


def suggest(name: str, candidates: Iterable[str], n: int = 3, cutoff: float = 0.6) -> List[str]:
    return ApiIndex.suggest(name, candidates, n=n, cutoff=cutoff)


def read(path: str) -> Dict[str, Any]:
    """An index file: the data module (.py), or JSON / gzipped JSON as `--out` can also write."""
    return data.read(path)


def load(path: Optional[str] = None) -> ApiIndex:
    """The index from `path` (default: the committed data module, imported), parsed once per process."""
    with _lock:
        index = _cache.get(path or "")
        if index is None:
            index = _cache[path or ""] = ApiIndex(read(path) if path else data.load("api_index"))
        return index
