"""Solved examples for the prompt: the training request most like this one, with its script.

A 135M model copies from its context far better than it recalls: shown "5 points on a ring,
radius 5, centre -3,0" with the script that does it, it adapts the numbers for "8 points on a
ring". The library is the training split's executed first-turn rows (never valid, test or the
benchmark), committed as `data/examples.json.gz` and regenerated with `rhinocoder-data examples`.

Retrieval is a cosine over the request words the API ranking uses (`prompt.query_terms`, idf
weighted); below `MIN_SCORE` nothing is shown, because a wrong example is copied as faithfully as
a right one. Standard library only; Python 3.9.
"""
import gzip
import json
import math
import os
import threading
from typing import Any, Callable, Dict, List, Optional, Tuple

DEFAULT_PATH = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "examples.json.gz")
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


def load(path: Optional[str] = None) -> Optional[ExampleIndex]:
    """The committed library (cached), or None when the file is missing or unreadable."""
    path = path or DEFAULT_PATH
    with _lock:
        if path not in _cache:
            try:
                with gzip.open(path, "rt", encoding="utf-8") as fh:
                    data = json.load(fh)
                _cache[path] = ExampleIndex(list(data["examples"]))
            except (OSError, ValueError, KeyError, TypeError):
                _cache[path] = None
        return _cache[path]
