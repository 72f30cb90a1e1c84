"""Take the script out of a model reply.

Rules, in order:
1. fenced blocks tagged Python (```python, ```py, ```python3) win; with several, the one that
   imports or uses rhinoscriptsyntax / Rhino is preferred, then the first. Blocks are never joined.
2. untagged fences whose content parses as Python (or uses rs./Rhino.) come next;
3. with no fence at all, the whole reply (or its tail from the first `import` line) when it
   parses and looks like code;
4. code in another language (C#, VB, RhinoScript) gives a clear "wrong-language" outcome.
A fence left open at the end of a truncated reply still counts, marked `truncated`.

Standard library only; Python 3.9.
"""
import ast
import re
from dataclasses import dataclass
from typing import Any, Dict, List, Optional, Tuple

PYTHON_TAGS = {"python", "py", "python3", "py3", "ipython", "python3.9", "rhinopython", "ironpython"}
OTHER_TAGS = {
    "c#": "C#", "cs": "C#", "csharp": "C#", "vb": "VB.NET", "vbnet": "VB.NET", "vb.net": "VB.NET",
    "vbscript": "RhinoScript (VBScript)", "rhinoscript": "RhinoScript (VBScript)", "rvb": "RhinoScript (VBScript)",
    "javascript": "JavaScript", "js": "JavaScript", "typescript": "TypeScript", "ts": "TypeScript",
    "cpp": "C++", "c++": "C++", "c": "C", "java": "Java", "grasshopper": "Grasshopper",
}
# Plain-text tags that say nothing about the language.
NEUTRAL_TAGS = {"", "text", "txt", "plain", "code", "plaintext", "output", "console", "shell-session"}

_FENCE_OPEN = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})[ \t]*([^\s`]*)[^`\n]*$")
_THINK = re.compile(r"<think>.*?(</think>|$)", re.S)
_RHINO_USE = re.compile(r"^\s*(import|from)\s+(rhinoscriptsyntax|Rhino|scriptcontext)\b|\brs\.[A-Z]|\bRhino\.[A-Z]",
                        re.M)
_IMPORT_LINE = re.compile(r"^(import\s+\w|from\s+[\w.]+\s+import\s)", re.M)
_FOREIGN_MARKERS = [
    (re.compile(r"^\s*using\s+[\w.]+\s*;", re.M), "C#"),
    (re.compile(r"\b(public|private|static)\s+(static\s+)?(void|int|bool|string)\b"), "C#"),
    (re.compile(r"^\s*var\s+\w+\s*=.*;\s*$", re.M), "C#"),
    (re.compile(r"^\s*(Option\s+Explicit|Dim\s+\w+|Sub\s+\w+|End\s+Sub|Call\s+\w+)", re.M | re.I), "RhinoScript (VBScript)"),
]


@dataclass
class Extraction:
    """What `extract_code` found. `code` is None when there is nothing to run."""

    code: Optional[str]
    kind: str  # "fenced" | "fenced-untagged" | "bare" | "none" | "wrong-language" | "empty"
    message: str = ""
    language: Optional[str] = None  # the fence tag or the detected foreign language
    truncated: bool = False  # the chosen fence was never closed
    blocks: int = 0  # fenced blocks seen in the reply

    @property
    def ok(self) -> bool:
        return self.code is not None

    def to_dict(self) -> Dict[str, Any]:
        return {"code": self.code, "kind": self.kind, "message": self.message, "language": self.language,
                "truncated": self.truncated, "blocks": self.blocks}


@dataclass
class _Block:
    tag: str
    body: str
    closed: bool


def fenced_blocks(text: str) -> List[_Block]:
    """All fenced blocks in order; an unclosed last fence runs to the end of the text."""
    lines = text.splitlines()
    blocks = []  # type: List[_Block]
    i = 0
    while i < len(lines):
        m = _FENCE_OPEN.match(lines[i])
        if not m:
            i += 1
            continue
        fence, tag = m.group(1), m.group(2).strip().lower()
        close = re.compile(r"^[ \t]{0,3}" + re.escape(fence[0]) + "{%d,}[ \t]*$" % len(fence))
        body = []
        j = i + 1
        while j < len(lines) and not close.match(lines[j]):
            body.append(lines[j])
            j += 1
        blocks.append(_Block(tag, "\n".join(body), j < len(lines)))
        i = j + 1
    return blocks


def _parses(code: str) -> bool:
    try:
        ast.parse(code)
        return True
    except (SyntaxError, ValueError):
        return False


def _foreign_language(code: str) -> Optional[str]:
    if _RHINO_USE.search(code) and _parses(code):
        return None
    for pattern, language in _FOREIGN_MARKERS:
        if pattern.search(code):
            return language
    # RhinoScript calls look like `Rhino.AddLine Array(...)` or end lines with `)` and no Python import
    if re.search(r"^\s*Rhino\.\w+\s+[^(=\s]", code, re.M):
        return "RhinoScript (VBScript)"
    return None


def _looks_like_code(code: str) -> bool:
    """A parse that is more than a bare word or a sentence fragment."""
    try:
        tree = ast.parse(code)
    except (SyntaxError, ValueError):
        return False
    if not tree.body:
        return False
    for node in tree.body:
        if isinstance(node, ast.Expr) and isinstance(node.value, (ast.Name, ast.Constant)):
            continue
        return True
    return False


def _score(block: _Block) -> Tuple[int, int]:
    return (1 if _RHINO_USE.search(block.body) else 0, 1 if _parses(block.body) else 0)


def _pick(blocks: List[_Block]) -> _Block:
    best = blocks[0]
    for b in blocks[1:]:
        if _score(b) > _score(best):  # strictly better; ties keep the earlier block
            best = b
    return best


def _clean(code: str) -> str:
    lines = code.strip("\n").splitlines()
    return "\n".join(line.rstrip() for line in lines).rstrip() + "\n"


def extract_code(reply: str) -> Extraction:
    """The one script to run from a model reply (see the module docstring for the rules)."""
    text = _THINK.sub("", reply or "").replace("\r\n", "\n")
    if not text.strip():
        return Extraction(None, "empty", "The reply was empty.")
    blocks = [b for b in fenced_blocks(text) if b.body.strip()]
    tagged = [b for b in blocks if b.tag in PYTHON_TAGS]
    if tagged:
        b = _pick(tagged)
        return Extraction(_clean(b.body), "fenced", language=b.tag, truncated=not b.closed, blocks=len(blocks))
    untagged = []
    foreign = None  # type: Optional[str]
    for b in blocks:
        if b.tag in OTHER_TAGS:
            foreign = foreign or OTHER_TAGS[b.tag]
            continue
        lang = _foreign_language(b.body)
        if lang:
            foreign = foreign or lang
        elif b.tag in NEUTRAL_TAGS and (_looks_like_code(b.body) or _RHINO_USE.search(b.body)):
            untagged.append(b)
    if untagged:
        b = _pick(untagged)
        return Extraction(_clean(b.body), "fenced-untagged", language=b.tag or None, truncated=not b.closed,
                          blocks=len(blocks))
    if foreign:
        return Extraction(None, "wrong-language", "The reply has %s code, not Python; RhinoCoder runs "
                          "Python 3 (rhinoscriptsyntax / RhinoCommon) only." % foreign, language=foreign,
                          blocks=len(blocks))
    if not blocks:
        lang = _foreign_language(text)
        if lang:
            return Extraction(None, "wrong-language", "The reply has %s code, not Python; RhinoCoder runs "
                              "Python 3 (rhinoscriptsyntax / RhinoCommon) only." % lang, language=lang)
        if _looks_like_code(text):
            return Extraction(_clean(text), "bare")
        m = _IMPORT_LINE.search(text)  # prose first, then code without a fence
        if m and _looks_like_code(text[m.start():]):
            return Extraction(_clean(text[m.start():]), "bare")
    return Extraction(None, "none", "The reply has no Python code block.", blocks=len(blocks))


def code(reply: str) -> Optional[str]:
    """Shortcut: the script or None."""
    return extract_code(reply).code


# Names a Rhino script uses without importing them, and the import each one needs.
KNOWN_IMPORTS = (
    ("rs", "import rhinoscriptsyntax as rs"),
    ("sc", "import scriptcontext as sc"),
    ("Rhino", "import Rhino"),
    ("rg", "import Rhino.Geometry as rg"),
    ("System", "import System"),
    ("math", "import math"),
    ("random", "import random"),
)


def _bound_names(tree: ast.AST) -> set:
    bound = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
            bound.add(node.id)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            for alias in node.names:
                bound.add(alias.asname or alias.name.split(".")[0])
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            bound.add(node.name)
        elif isinstance(node, ast.arg):
            bound.add(node.arg)
        elif isinstance(node, (ast.Global, ast.Nonlocal)):
            bound.update(node.names)
        elif isinstance(node, ast.ExceptHandler) and node.name:
            bound.add(node.name)
    return bound


def add_missing_imports(code: str) -> Tuple[str, List[str]]:
    """Prepend the imports of well-known names (rs, sc, Rhino, math...) a script uses but never
    imports — the most common slip of small models. Returns (code, the import lines added);
    code that does not parse is returned unchanged (the checker reports it)."""
    try:
        tree = ast.parse(code)
    except (SyntaxError, ValueError):
        return code, []
    used = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}
    bound = _bound_names(tree)
    added = [line for name, line in KNOWN_IMPORTS if name in used and name not in bound]
    if not added:
        return code, []
    return "\n".join(added) + "\n" + code, added


def cut_loop(reply: str, times: int = 4, period: int = 3) -> Optional[Tuple[str, str]]:
    """A reply stuck repeating itself: `(reply cut to one copy, the repeated line(s))` when its
    last complete lines are one block of 1 to `period` lines repeated `times` times, indentation
    aside (greedy decoding nests `if x:` / `x = f(x)` deeper and deeper), else None. Small models
    fall into such loops and would fill the token limit with them (one copy keeps the script's
    meaning)."""
    if times < 2 or "\n" not in reply:
        return None
    lines = reply[:reply.rfind("\n")].split("\n")
    bare = [line.strip() for line in lines]
    for p in range(1, max(1, period) + 1):
        if len(lines) < p * times:
            break
        block = bare[-p:]
        if not any(block) or any(bare[-(i + 1) * p:len(bare) - i * p] != block for i in range(times)):
            continue
        k = len(lines) - p * times
        while k >= p and bare[k - p:k] == block:
            k -= p
        return "\n".join(lines[:k + p]) + "\n", " / ".join(b for b in block if b)
    return None
