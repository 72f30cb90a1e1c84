"""One dataset pair, its normalisation and its duplicate keys.

A pair is one chat conversation for mlx_lm ({"messages": [...]}) plus the tags the card counts:
source, license, family, category, kind (instruction | selection | repair), executed.
"""
import hashlib
import re
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional

LICENSES = {
    "rhinoscriptsyntax": "MIT (McNeel rhinoscriptsyntax, via developer.rhino3d.com)",
    "rhinocommon": "MIT (McNeel docify)",
    "synthetic": "MIT (RhinoCoder project)",
}


@dataclass
class Candidate:
    """A pair before execution: what to ask, the answer, and how to verify it."""

    request: str
    code: str
    source: str  # rhinoscriptsyntax | rhinocommon | synthetic
    family: str
    category: str
    kind: str = "instruction"  # instruction | selection | repair
    setup: Optional[str] = None
    select: bool = False  # select what the setup created (or what it selected itself)
    check: Optional[str] = None  # name of a registered family checker
    params: Dict[str, Any] = field(default_factory=dict)
    must_execute: bool = True  # drop the pair when it does not run (synthetic); else keep, tagged
    bad_code: Optional[str] = None  # repairs: the broken script
    mutation: Optional[str] = None


@dataclass
class Pair:
    messages: List[Dict[str, str]]
    source: str
    family: str
    category: str
    kind: str
    executed: bool
    code: str
    request: str
    mutation: Optional[str] = None

    @property
    def license(self) -> str:
        return LICENSES[self.source]

    def to_row(self) -> Dict[str, Any]:
        return {"messages": self.messages}

    def meta(self) -> Dict[str, Any]:
        return {"source": self.source, "license": self.license, "family": self.family,
                "category": self.category, "kind": self.kind, "executed": self.executed}


def normalize_code(code: str) -> str:
    """CRLF → LF, tabs → 4 spaces, no trailing spaces, no blank runs, one final newline."""
    code = code.replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    ")
    lines = [l.rstrip() for l in code.split("\n")]
    out = []
    for l in lines:
        if not l and out and not out[-1]:
            continue
        out.append(l)
    return "\n".join(out).strip("\n") + "\n"


_DIGITS = re.compile(r"\d+(\.\d+)?")
_SPACE = re.compile(r"\s+")


def code_key(code: str) -> str:
    """Normalised code with comments, whitespace and numbers masked."""
    lines = []
    for l in code.split("\n"):
        s = _SPACE.sub(" ", l.split("#", 1)[0].strip())
        if s:
            lines.append(s)
    return _DIGITS.sub("#", "\n".join(lines))


def instruction_key(text: str) -> str:
    """Lower-case instruction with digits ignored."""
    return _DIGITS.sub("#", _SPACE.sub(" ", text.lower())).strip(" .?!")


def near_key(request: str, code: str) -> str:
    return hashlib.sha1((instruction_key(request) + "\x00" + code_key(code)).encode("utf-8")).hexdigest()
