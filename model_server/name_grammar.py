"""The `names` constraint as a GBNF grammar, for engines that constrain by grammar (llama.cpp).

Same rule as `name_constraint.py` (the MLX logits processor): wherever a key such as `rs` stands
at a word boundary (start of text, or after a character that is neither a word character nor
`.`) and is followed by `.`, what follows must be one of the listed names, ended by a non-word
character or the end of the text. Everything else is free text: `users.Foo`, `obj.rs.Foo` and
`rs` alone are untouched.

The language is regular, so the grammar is a small state machine: `b` (at a boundary: the next
word is checked), `d` (right after a `.`: the next word is free), and the words themselves.
Names are written as a trie so llama.cpp's parser keeps few stacks alive while it reads one
(built from the sorted names, without a node per character).
Word characters are `[A-Za-z0-9_]` and every non-ASCII character (Python identifiers take
letters of any script: `rs.AddPointı` is one unknown name, not `AddPoint` then text). Size is
linear in the total length of the names.
Only single-identifier keys are supported (`rs`, `sc`); a dotted key raises ValueError.
"""
import string
from typing import Dict, List, Sequence

WORD_CHARS = string.ascii_letters + string.digits + "_"
NON_ASCII = "\\u0080-\\U0010FFFF"        # GBNF escapes inside a character class


def _lit(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _word_class_without(excluded: Sequence[str]) -> str:
    """A GBNF character class of the word characters not in `excluded` ("" if none is left)."""
    chars = sorted(set(WORD_CHARS) - set(excluded), key=ord)
    if not chars:
        return "[" + NON_ASCII + "]"
    ranges, start, prev = [], chars[0], chars[0]
    for c in chars[1:]:
        if ord(c) == ord(prev) + 1:
            prev = c
            continue
        ranges.append((start, prev))
        start = prev = c
    ranges.append((start, prev))
    body = "".join(a if a == b else "{}-{}".format(a, b) for a, b in ranges)
    return "[" + body + NON_ASCII + "]"


def _trie(words: Sequence[str]) -> Dict:
    root: Dict = {}
    for w in words:
        node = root
        for c in w:
            node = node.setdefault(c, {})
        node[""] = {}                      # end marker
    return root


def _names_expr(names: Sequence[str]) -> str:
    """A GBNF expression for a compressed trie of `names` (single-child chains merged), built
    from the sorted list itself: no node per character, so memory stays linear in the input."""
    ordered = sorted(set(names))
    out: List[str] = []
    _emit(ordered, 0, len(ordered), 0, out)
    return "".join(out)


def _emit(ordered: Sequence[str], lo: int, hi: int, depth: int, out: List[str]) -> None:
    """Alternatives for ordered[lo:hi], which share their first `depth` characters and are all
    longer than that. A group with the same next character is one edge: its longest common
    prefix (that of its first and last name, as the list is sorted); a name that ends there
    makes what follows optional."""
    i = lo
    while i < hi:
        c = ordered[i][depth]
        j = i + 1
        while j < hi and ordered[j][depth] == c:
            j += 1
        first, last = ordered[i], ordered[j - 1]
        end = depth + 1
        while end < len(first) and end < len(last) and first[end] == last[end]:
            end += 1
        ends = len(first) == end
        if i > lo:
            out.append(" | ")
        out.append(_lit(first[depth:end]))
        below = i + 1 if ends else i
        if below < j:
            out.append(" (")
            _emit(ordered, below, j, end, out)
            out.append(")?" if ends else ")")
        i = j


def _other_word(keys: Sequence[str]) -> str:
    """Any word (run of word characters) that is not one of `keys`."""
    def expr(node: Dict, at_root: bool, is_key: bool) -> str:
        alts = []
        if not at_root and not is_key:
            alts.append("")               # may end here: a proper prefix of a key, not a key
        children = [c for c in node if c != ""]
        free = _word_class_without(children)
        if free:
            alts.append(free + " w*")
        for c in sorted(children):
            child = node[c]
            alts.append(_lit(c) + " (" + expr(child, False, "" in child) + ")")
        # a key itself must continue with at least one more character
        if is_key and not children:
            alts = [_word_class_without([]) + " w*"]
        nonempty = [a for a in alts if a]
        text = " | ".join(nonempty)
        return "(" + text + ")" + ("?" if "" in alts else "") if text else ""

    return expr(_trie(keys), True, False)


def names_grammar(names: Dict[str, Sequence[str]]) -> str:
    """GBNF text that admits exactly the texts the names constraint admits."""
    keys = sorted(names)
    for key in keys:
        if not key.isidentifier() or "." in key:
            raise ValueError("grammar constraint supports single-identifier keys, not {!r}".format(key))
    lines = [
        "root ::= b",
        # at a boundary: a checked word, or a non-word character
        "b ::= ( other after | key-word | nd b | \".\" d )?",
        # right after a dot: any word is free
        "d ::= ( w+ after | nd b | \".\" d )?",
        # after a word: a non-word character or the end (so words are maximal)
        "after ::= ( nd b | \".\" d )?",
        # a non-word character other than ".": ASCII only (non-ASCII characters are word characters)
        "nd ::= [\\x01-\\x2D\\x2F\\x3A-\\x40\\x5B-\\x5E\\x60\\x7B-\\x7F]",
        "w ::= [A-Za-z0-9_" + NON_ASCII + "]",
        "other ::= " + _other_word(keys),
    ]
    key_alts = []
    for i, key in enumerate(keys):
        key_alts.append("{} k{}".format(_lit(key), i))
        expr = _names_expr(names[key])
        # after the key: a dot and a listed name, or a non-dot non-word character, or the end
        lines.append("k{0} ::= ( \".\" n{0} after | nd b )?".format(i))
        lines.append("n{} ::= {}".format(i, expr))
    lines.insert(2, "key-word ::= " + " | ".join(key_alts))
    return "\n".join(lines) + "\n"
