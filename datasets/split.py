"""Family-safe splits and the benchmark contamination check.

Every pair of a family (all phrasings of one rs example, all instances of one synthetic family,
and the repairs made from them) lands in the same split, so near-duplicates never cross
train/valid/test. The contamination check compares every training pair with every benchmark
task: an instruction whose words (digits ignored) overlap a benchmark prompt's by 80 % or more
and whose text is 90 % similar, or a script of three or more statements equal to a benchmark
reference once numbers, comments and whitespace are masked, is a leak, and the build fails.
(One- and two-line scripts are the canonical use of a function — `rs.ObjectColor(ids, color)` —
which any Rhino data must teach; they count only together with a similar request.)
"""
import difflib
import hashlib
import re
from typing import Dict, Iterable, List, Tuple

from .records import Pair, code_key, instruction_key

_WORD = re.compile(r"[a-z]+")
MIN_SCRIPT_LINES = 3  # statements (after the import) for a script match alone to be a leak


def split_of(family: str, seed: int, valid_pct: int = 5, test_pct: int = 5) -> str:
    h = int(hashlib.sha256(("%d:%s" % (seed, family)).encode("utf-8")).hexdigest()[:8], 16) % 100
    if h < test_pct:
        return "test"
    if h < test_pct + valid_pct:
        return "valid"
    return "train"


def _statements(key: str) -> int:
    return sum(1 for l in key.split("\n") if not l.startswith(("import ", "from ")))


def _words(text: str) -> frozenset:
    return frozenset(_WORD.findall(instruction_key(text)))


def contamination(pairs: Iterable[Pair], tasks: List[dict], words_min: float = 0.8,
                  text_min: float = 0.9) -> List[Dict[str, str]]:
    """Training pairs that are near-duplicates of a benchmark prompt or reference."""
    bench = []
    for t in tasks:
        bench.append((t["id"], instruction_key(t["prompt"]), _words(t["prompt"]),
                      code_key(t.get("reference") or "")))
    refs = dict((b[3], b[0]) for b in bench if b[3] and _statements(b[3]) >= MIN_SCRIPT_LINES)
    leaks = []
    for p in pairs:
        ck = code_key(p.code)
        if ck in refs:
            leaks.append({"task": refs[ck], "why": "same script", "request": p.request, "family": p.family})
            continue
        ik, words = instruction_key(p.request), _words(p.request)
        for tid, bk, bw, _ in bench:
            if not words or not bw:
                continue
            overlap = len(words & bw) / float(len(words | bw))
            if overlap < words_min:
                continue
            if difflib.SequenceMatcher(None, ik, bk).ratio() >= text_min:
                leaks.append({"task": tid, "why": "same request", "request": p.request, "family": p.family})
                break
    return leaks


def assign(pairs: List[Pair], seed: int) -> Dict[str, List[Pair]]:
    out = {"train": [], "valid": [], "test": []}  # type: Dict[str, List[Pair]]
    for p in pairs:
        out[split_of(p.family, seed)].append(p)
    return out
