"""Solved examples for the prompt: the training request most like this one, with its script.

A 135M model copies from its context far better than it recalls: shown "5 points on a ring,
radius 5, centre -3,0" with the script that does it, it adapts the numbers for "8 points on a
ring". The library is the training split's executed first-turn rows (never valid, test or the
benchmark), committed as the data module `data/examples_json.py` and regenerated with
`rhinocoder-data examples`.

Retrieval is a cosine over the request words the API ranking uses (`prompt.query_terms`, idf
weighted); below `MIN_SCORE` nothing is shown, because a wrong example is copied as faithfully as
a right one.

It copies the numbers too: shown "line (-2, -10, 0) -> (1, -8, 7)", it answers "Draw a line from
(0,0,0) to (10,5,2)" with the example's end points. `adapt` rewrites a shown example to the
request's own numbers when that is safe: both requests hold the same count of numbers in the same
shape (scalars and coordinate tuples, a scalar next to a shared word), neither names a number the
other writes out ("the origin"), every number that changes is a literal of the script, and the
library builder found that this example, rewritten to the other requests of its family, gives
their scripts' numbers exactly (`adapts` in the library; `mark_adaptable`).
Standard library only; Python 3.9.
"""
import io
import math
import re
import threading
import tokenize
from typing import Any, Callable, Dict, List, Optional, Tuple

from . import data

DEFAULT_PATH = data.module_path("examples")
MIN_SCORE = 0.5

_cache = {}  # type: Dict[str, Optional[ExampleIndex]]
_lock = threading.Lock()


class ExampleIndex(object):
    """Nearest solved requests by idf-weighted word overlap (cosine)."""

    def __init__(self, examples: List[Dict[str, Any]]):
        from .prompt import query_terms

        self.examples = examples
        self._terms = [frozenset(query_terms(e["request"])) for e in examples]
        df = {}  # type: Dict[str, int]
        for terms in self._terms:
            for t in terms:
                df[t] = df.get(t, 0) + 1
        n = max(1, len(examples))
        self._unseen = math.log(1.0 + n)  # a word no example has weighs most
        self._idf = {t: math.log(1.0 + n / float(c)) for t, c in df.items()}
        self._norms = [self._norm(t) for t in self._terms]
        self._postings = {}  # type: Dict[str, List[int]]
        for i, terms in enumerate(self._terms):
            for t in terms:
                self._postings.setdefault(t, []).append(i)

    def _norm(self, terms) -> float:
        # sorted: a set's order follows the process's string hash seed, and float sums in another
        # order differ in the last bit, which used to break exact ties differently per process
        return math.sqrt(sum(self._idf.get(t, self._unseen) ** 2 for t in sorted(terms))) or 1.0

    def nearest(self, request: str, k: int = 1, min_score: float = MIN_SCORE,
                selection: Optional[bool] = None,
                skip: Optional[Callable[[Dict[str, Any]], bool]] = None) -> List[Tuple[float, Dict[str, Any]]]:
        """Up to k (score, example) pairs, best first, each scoring at least min_score. With
        `selection` given, examples made for the other case (objects selected or not) are skipped;
        so are those `skip` returns True for (training leaves a row's own answer out)."""
        from .prompt import query_terms

        terms = set(query_terms(request))
        if not terms or k <= 0:
            return []
        overlap = {}  # type: Dict[int, float]
        for t in sorted(terms):
            w = self._idf.get(t, 0.0) ** 2
            for i in self._postings.get(t, ()):
                overlap[i] = overlap.get(i, 0.0) + w
        qn = self._norm(terms)
        scored = []
        for i, shared in overlap.items():
            ex = self.examples[i]
            if selection is not None and bool(ex.get("selection")) != selection:
                continue
            if skip is not None and skip(ex):
                continue
            score = shared / (qn * self._norms[i])
            if score >= min_score:
                scored.append((round(score, 9), -len(ex["code"]), i))
        scored.sort(reverse=True)
        return [(round(s, 4), self.examples[i]) for s, _, i in scored[:k]]


def read(path: Optional[str] = None) -> Dict[str, Any]:
    """The library's document ({"provenance", "examples"}): the committed data module, imported,
    or the file at `path` (a data module, JSON or gzipped JSON)."""
    return data.read(path) if path else data.load("examples")


def load(path: Optional[str] = None) -> Optional[ExampleIndex]:
    """The committed library (cached), or None when the file is missing or unreadable."""
    with _lock:
        if (path or "") not in _cache:
            try:
                _cache[path or ""] = ExampleIndex(list(read(path)["examples"]))
            except (ImportError, OSError, ValueError, KeyError, TypeError):
                _cache[path or ""] = None
        return _cache[path or ""]


# -- adapting an example's numbers to the request ------------------------------------------------

# a number in a request: "-3", "1.5", each side of "2x3x4"; not inside a word ("x2", "layer1")
_NUMBER = re.compile(r"(?:(?<=\dx)|(?<![\w.]))-?\d+(?:\.\d+)?(?![^\Wx]|x(?!\d)|\.\d)")
_GROUP_GAP = re.compile(r"\s*[,x]\s*$")  # "1, 2, 3" is one group (a point), so is "2x3x4"
_ALPHA = re.compile(r"[A-Za-z]+")
_DECIMAL = re.compile(r"\d+(?:\.\d*)?$")
# words that stand for numbers the request does not write: "at the origin" is (0, 0, 0)
_IMPLICIT = frozenset(("origin", "twice", "double", "half", "triple", "thrice"))
_UNARY_AFTER = ("(", "[", "{", ",", "=", ":", "return", "in", "+", "-", "*", "/")


class _Number(object):
    __slots__ = ("value", "text", "start", "end", "group", "words")

    def __init__(self, value, text, start, end):
        self.value, self.text, self.start, self.end = value, text, start, end
        self.group, self.words = 0, frozenset()


def request_numbers(text: str) -> List[_Number]:
    """The numbers of a request in order, each with its group (consecutive comma-separated numbers
    form one, as in a point) and the words right before and after it."""
    found = [_Number(float(m.group()), m.group(), m.start(), m.end()) for m in _NUMBER.finditer(text)]
    group = -1
    for i, n in enumerate(found):
        if i == 0 or not _GROUP_GAP.match(text[found[i - 1].end:n.start]):
            group += 1
        n.group = group
        before = _ALPHA.findall(text[found[i - 1].end if i else 0:n.start])
        after = _ALPHA.findall(text[n.end:found[i + 1].start if i + 1 < len(found) else len(text)])
        n.words = frozenset(w.lower() for w in before[-1:] + after[:1])
    return found


def _words(text: str) -> frozenset:
    return frozenset(w.lower() for w in _ALPHA.findall(_NUMBER.sub(" ", text)))


def _shape(numbers: List[_Number]) -> List[int]:
    sizes = []  # type: List[int]
    for n in numbers:
        if n.group == len(sizes):
            sizes.append(0)
        sizes[n.group] += 1
    return sizes


def code_numbers(code: str) -> Optional[List[_Number]]:
    """The decimal literals of a script, a unary minus included; None when it does not tokenize."""
    starts = [0]
    for line in code.splitlines(True):
        starts.append(starts[-1] + len(line))
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(code).readline))
    except (tokenize.TokenError, IndentationError, SyntaxError):
        return None
    out = []
    for i, tok in enumerate(tokens):
        if tok.type != tokenize.NUMBER or not _DECIMAL.match(tok.string):
            continue
        if 0 < i < len(tokens) - 1 and tokens[i - 1].string == "[" and tokens[i + 1].string == "]" and (
                tokens[i - 2].type == tokenize.NAME or tokens[i - 2].string in (")", "]")):
            continue  # an index (pts[0], BoundingBox(ids)[2]) is never a request's number
        start, end = starts[tok.start[0] - 1] + tok.start[1], starts[tok.end[0] - 1] + tok.end[1]
        value = float(tok.string)
        minus = tokens[i - 1] if i else None
        if minus is not None and minus.type == tokenize.OP and minus.string == "-" and (
                i < 2 or tokens[i - 2].string in _UNARY_AFTER
                or tokens[i - 2].type in (tokenize.NEWLINE, tokenize.NL, tokenize.INDENT)):
            start, value = starts[minus.start[0] - 1] + minus.start[1], -value
        out.append(_Number(value, code[start:end], start, end))
    return out


def _replace(text: str, edits: List[Tuple[int, int, str]]) -> str:
    for start, end, new in sorted(edits, reverse=True):
        text = text[:start] + new + text[end:]
    return text


def adapt(example: Dict[str, Any], request: str) -> Optional[Dict[str, Any]]:
    """`example` rewritten to `request`'s numbers (its request and its script), or None when the
    two requests' numbers do not line up or a changed number is not a literal of the script. An
    example whose numbers all match the request comes back unchanged (as a copy)."""
    old, new = request_numbers(example["request"]), request_numbers(request)
    if not old or len(old) != len(new) or _shape(old) != _shape(new):
        return None
    if _IMPLICIT & (_words(example["request"]) ^ _words(request)):
        return None  # "... a circle of radius 5 at the origin" is not "circle at (9, 4, 8), radius 1"
    sizes = _shape(old)
    for a, b in zip(old, new):
        if sizes[a.group] == 1 and a.words and b.words and not (a.words & b.words):
            return None  # "radius 2" is not "height 2"
    literals = code_numbers(example["code"])
    if literals is None:
        return None
    used, last, edits = set(), -1, []  # type: set, int, List[Tuple[int, int, str]]
    for lit in literals:
        same = [j for j, n in enumerate(old) if n.value == lit.value]
        if not same:
            continue
        fresh = [j for j in same if j not in used] or same  # a request number may be used twice
        j = next((j for j in fresh if j > last), fresh[0])  # the script names them in request order
        used.add(j)
        last = j
        if new[j].value == old[j].value:
            continue  # a number the request agrees with stays as the script writes it
        text = new[j].text
        if "." in lit.text and "." not in text:
            text += ".0"  # keep a float a float ("24 / 2.0")
        edits.append((lit.start, lit.end, text))
    if any(a.value != b.value and j not in used for j, (a, b) in enumerate(zip(old, new))):
        return None  # the script derives a changed number (a box's corners from its size)
    out = dict(example)
    out["request"] = _replace(example["request"], [(a.start, a.end, b.text) for a, b in zip(old, new)
                                                   if a.value != b.value])
    out["code"] = _replace(example["code"], edits)
    return out


def _skeleton(code: str) -> Optional[str]:
    """A script with its number literals as '#': two scripts of one template share it."""
    literals = code_numbers(code)
    if literals is None:
        return None
    marked = _replace(code, [(n.start, n.end, "#") for n in literals])
    return "\n".join(line.rstrip() for line in marked.strip().splitlines())


def _values(code: str) -> List[float]:
    return [n.value for n in code_numbers(code) or ()]


def mark_adaptable(entries: List[Dict[str, Any]], partners: int = 3) -> int:
    """Set `adapts` on each library entry whose rewrite to up to `partners` other requests of its
    family gave each one's script (its numbers and the rest) and none differed; returns how many
    were marked.
    A partner is another entry of the family (same selection case) written from the same template:
    its script differs only in its numbers (`_skeleton`), since families vary their style too. A
    partner whose request differs in more than two words ("along Y" for "up", not "boxes" for
    "curves") may be another request that shares the script's shape: it counts when it matches
    and is passed over when it does not.
    Entries are tried in sorted order, so a build is deterministic."""
    by_family = {}  # type: Dict[Tuple[str, bool], List[Dict[str, Any]]]
    for e in entries:
        e.pop("adapts", None)
        if e.get("family"):
            by_family.setdefault((e["family"], bool(e.get("selection"))), []).append(e)
    marked = 0
    for family in by_family.values():
        shapes = [_skeleton(e["code"]) for e in family]
        words = [_words(e["request"]) for e in family]
        for i, e in enumerate(family):
            tried = 0
            for j, other in enumerate(family):
                if j == i or tried >= partners or shapes[j] is None or shapes[j] != shapes[i]:
                    continue
                got = adapt(e, other["request"])
                if got is None:
                    continue
                same = _skeleton(got["code"]) == shapes[j] and _values(got["code"]) == _values(other["code"])
                if same:
                    tried += 1
                elif len(words[i] ^ words[j]) <= 2:
                    tried = -1
                    break
            if tried > 0:
                e["adapts"] = True
                marked += 1
    return marked
