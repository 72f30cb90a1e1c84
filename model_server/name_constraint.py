"""Constrained decoding of attribute names: after `rs.` the model can only spell a listed name.

A RhinoCoder extension to the chat request (`"names": {"rs": ["AddPoint", ...]}`): while the
generated text ends in `rs.` plus an identifier prefix, every token that would not continue some
listed name gets -inf before sampling, so `rs.AddPanel` (no such function) cannot be written,
while `rs.AddPoint` costs nothing. Keys are dotted prefixes (`rs`, `Rhino.Geometry`); a prefix only
counts at a word boundary (`users.` is not `rs.`). Outside a name the logits are left untouched.

The processor is stateless: it reads the tail of the token list it is given, so it also works
for speculative decoding, which calls it on several candidate continuations per step. Masks are
cached per (prefix, partial name); the vocabulary table is built once per tokenizer.

Size: the names are kept once, sorted (a prefix test is a binary search), so the structure is
linear in the request: at the bounds (20,000 names of 100 characters, `schemas.py`) it holds
2.3 MB besides the 2 MB of names; each cached mask is one byte per vocabulary entry
(MASK_CACHE of them per set).
"""
import bisect
import re
from functools import lru_cache
from typing import Dict, List, Optional, Sequence, Tuple

import mlx.core as mx

from model_server.schemas import MAX_NAME_KEYS, check_names

# Identifier characters as Python reads them: letters of any script count, so a listed name can
# no more be followed by "ını" than by "xyz" (the same rule as name_grammar.py).
_IDENT = re.compile(r"\w*")
_PARTIAL_CHAR = "\ufffd"   # a byte-level token that holds part of a UTF-8 character decodes to this
TAIL_TOKENS = 32           # enough for a prefix and the longest name in tokens
MAX_PREFIXES = MAX_NAME_KEYS
MASK_CACHE = 256           # masks kept per set of names (Qwen's 152k vocabulary: 152 kB each)

__all__ = ["NameConstraint", "Vocabulary", "vocabulary_of", "check_names"]   # check_names: schemas.py


class Vocabulary(object):
    """Each token's text, grouped by its leading identifier characters."""

    def __init__(self, pieces: Sequence[str]):
        self.pieces = list(pieces)
        self.whole: Dict[str, List[int]] = {}   # token is all identifier chars
        self.rest: Dict[str, List[int]] = {}    # identifier chars, then something else
        self.dotted: List[Tuple[int, str]] = []  # tokens that start with "." (".Add" in some vocabularies)
        self.longest = 0                         # the longest all-identifier token, in characters
        for i, s in enumerate(self.pieces):
            lead = _IDENT.match(s).group()
            if s[len(lead):len(lead) + 1] == _PARTIAL_CHAR:
                # its character is unknown until the next token: it could be a letter that
                # would glue onto the name, so it may neither end nor continue one
                continue
            (self.whole if s and lead == s else self.rest).setdefault(lead, []).append(i)
            if s and lead == s:
                self.longest = max(self.longest, len(s))
            if s.startswith(".") and len(s) > 1:
                self.dotted.append((i, s[1:]))


def vocabulary_of(tokenizer) -> Vocabulary:
    """The (cached) vocabulary table of a tokenizer: ~0.2 s for SmolLM2's 49k tokens."""
    table = getattr(tokenizer, "_rhinocoder_vocabulary", None)
    if table is None:
        size = len(tokenizer.get_vocab()) if hasattr(tokenizer, "get_vocab") else tokenizer.vocab_size
        table = Vocabulary([tokenizer.decode([i]) for i in range(size)])
        try:
            setattr(tokenizer, "_rhinocoder_vocabulary", table)
        except AttributeError:
            pass
    return table


class NameConstraint(object):
    """The logits processor for one set of allowed names (shared by requests with the same set)."""

    def __init__(self, vocab: Vocabulary, names: Dict[str, Sequence[str]]):
        self.vocab = vocab
        self.names = {prefix: frozenset(n) for prefix, n in names.items()}
        self.sorted = {prefix: tuple(sorted(n)) for prefix, n in self.names.items()}
        alternatives = "|".join(re.escape(p) for p in sorted(self.names, key=len, reverse=True))
        # group 1: the key; group 2: "." and the partial name, or nothing (the key was just written)
        self._tail = re.compile(r"(?:^|(?<=[^\w.]))(%s)(\.\w*)?$" % alternatives)
        self._masks = lru_cache(maxsize=MASK_CACHE)(self._mask)

    def state(self, text: str, complete: bool) -> Optional[Tuple[str, Optional[str]]]:
        """(key, partial name) while inside `key.partial`, (key, None) right after `key`, else None.
        `complete`: `text` is all the output so far (so its start is a word boundary)."""
        m = self._tail.search(text)
        if m is None or (m.start() == 0 and not complete):
            return None
        return m.group(1), (m.group(2)[1:] if m.group(2) else None)

    def _mask(self, key: str, partial: Optional[str], size: int) -> Optional[mx.array]:
        names, ordered, v = self.names[key], self.sorted[key], self.vocab
        if partial is None:        # after `rs`: only tokens that start with "." need a check
            if not v.dotted:
                return None
            banned = [i for i, rest in v.dotted if not _continues(rest, "", names, ordered)]
            if not banned:
                return None
            keep = [True] * size
            for i in banned:
                keep[i] = False
            return mx.array(keep)
        keep = [False] * size
        for name in _starting_with(ordered, partial):
            remainder = name[len(partial):]
            for k in range(1, min(len(remainder), v.longest) + 1):
                for i in v.whole.get(remainder[:k], ()):
                    if i < size:
                        keep[i] = True
            for i in v.rest.get(remainder, ()):   # the name ends inside this token: "(", "()", ...
                if i < size:
                    keep[i] = True
        if not any(keep):          # nothing spells a listed name from here: don't force garbage
            return None
        return mx.array(keep)

    def __call__(self, tokens: mx.array, logits: mx.array) -> mx.array:
        count = tokens.shape[-1] if tokens.ndim else 0
        tail = tokens[-TAIL_TOKENS:].tolist() if count else []
        pieces = self.vocab.pieces
        text = "".join(pieces[t] if 0 <= t < len(pieces) else "" for t in tail)
        where = self.state(text, complete=count <= TAIL_TOKENS)
        if where is None:
            return logits
        mask = self._masks(where[0], where[1], logits.shape[-1])
        if mask is None:
            return logits
        return mx.where(mask, logits, mx.array(-float("inf"), dtype=logits.dtype))


def _starting_with(ordered: Sequence[str], prefix: str) -> Sequence[str]:
    """The names of sorted `ordered` that start with `prefix` (a contiguous run)."""
    lo = bisect.bisect_left(ordered, prefix)
    hi = lo
    while hi < len(ordered) and ordered[hi].startswith(prefix):
        hi += 1
    return ordered[lo:hi]


def _is_prefix(text: str, ordered: Sequence[str]) -> bool:
    """Some name of sorted `ordered` starts with `text` (binary search: no table of prefixes)."""
    i = bisect.bisect_left(ordered, text)
    return i < len(ordered) and ordered[i].startswith(text)


def _continues(rest: str, partial: str, names, ordered) -> bool:
    lead = _IDENT.match(rest).group()
    if lead == rest:
        return _is_prefix(partial + lead, ordered)
    return partial + lead in names
