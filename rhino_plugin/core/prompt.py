"""The prompt of a turn: the one system prompt, the document context, API grounding, history, repairs.

Serving (`session.py`) and the dataset builder import these same pure functions, so what the
model is trained on is what it is sent. Serving adds the most similar solved request from the
training split (`serving_options()`, `examples.py`); the dataset rows do not carry it (a row
would retrieve itself), and a training preset with `examples` adds it with the row's own request
and answer left out (`training/example_rows.py`, via `solved_block` and `insert_block`).
Everything here is deterministic: the same inputs give the same messages, byte for byte.

The system prompt never changes between turns (the server reuses its KV cache); the per-turn
facts (selection, units, relevant API signatures) travel in the user message.

Standard library only; Python 3.9.
"""
import re
from dataclasses import dataclass, replace
from typing import Any, Callable, Dict, Iterable, List, Optional, Sequence

SYSTEM_PROMPT = """You write Python 3 scripts for Rhino 8.
- Use rhinoscriptsyntax (import rhinoscriptsyntax as rs); use RhinoCommon (import Rhino) only when rs lacks it.
- Selected object ids are in SELECTED_IDS (as rs.SelectedObjects()). Do not ask the user to pick; if you must, use preselect=True.
- Use sc.doc (import scriptcontext as sc), never Rhino.RhinoDoc.ActiveDoc; no rs.Command.
- print() values the user asks for.
- Reply with one ```python code block and no other text unless asked to explain."""

CHARS_PER_TOKEN = 3.5


@dataclass
class PromptOptions:
    """Knobs of `build_messages`; the defaults are what serving and training use."""

    api_grounding: bool = True
    api_functions: int = 6  # at most this many rs signatures
    api_budget_tokens: int = 220
    history_budget_tokens: int = 1500
    max_selected: int = 20  # objects described one per line; the rest summarised by type
    context_budget_tokens: int = 600  # the context block stops describing objects here
    max_layers: int = 24
    examples: int = 0  # solved training requests shown before the API block (examples.py)
    examples_budget_tokens: int = 250
    adapt_examples: bool = False  # rewrite a shown example to the request's numbers (examples.adapt)
    # the API block lists the shown example's rs functions first: measured on the default (greedy),
    # 4 tasks won and 4 lost, since a wrong example's functions lead as surely as a right one's
    example_functions_first: bool = False


# Solved examples in a served prompt. Measured on the 135M default (benchmark, see README): one
# example lifts pass@1 far more than any training run this machine affords.
SERVING_EXAMPLES = 1


def serving_options(**overrides: Any) -> PromptOptions:
    """The options a served turn uses: the training defaults plus SERVING_EXAMPLES examples,
    rewritten to the request's numbers where the library says that is safe."""
    return replace(PromptOptions(examples=SERVING_EXAMPLES, adapt_examples=True), **overrides)


_EST_WORD = re.compile(r"[A-Za-z]+")
_EST_DIGIT = re.compile(r"\d")
_EST_PUNCT = re.compile(r"[^\w\s]")


def estimate_tokens(text: str) -> int:
    """A stdlib token estimate for budgets: a token per word (+1 per 5 letters past the fifth), per
    digit (code tokenizers split numbers and ids into digits), per newline, 0.8 per punctuation mark.
    Within about 5 % of SmolLM2's tokenizer on prompts, code and ids; never below characters / 3.5."""
    if not text:
        return 0
    words = _EST_WORD.findall(text)
    extra = sum(len(w) - 5 for w in words if len(w) > 5)
    est = (len(words) + extra / 5.0 + len(_EST_DIGIT.findall(text)) + 0.8 * len(_EST_PUNCT.findall(text))
           + text.count("\n"))
    return int(max(est, len(text) / CHARS_PER_TOKEN) + 0.999)


def message_tokens(message: Dict[str, str]) -> int:
    return estimate_tokens(message.get("content") or "") + 4  # role and separators


# -- context block -------------------------------------------------------------------------------

def _num(x: Any) -> str:
    """Compact number: 4 decimals at most, no trailing zeros, no '-0'."""
    if isinstance(x, bool):
        return str(x)
    if isinstance(x, int):
        return str(x)
    try:
        v = round(float(x), 4)
    except (TypeError, ValueError):
        return str(x)
    if v == 0:
        v = 0.0
    s = ("%.4f" % v).rstrip("0").rstrip(".")
    return s


def _point(p: Any) -> str:
    try:
        return "(" + ",".join(_num(c) for c in p) + ")"
    except TypeError:
        return str(p)


def _bbox(b: Any) -> str:
    if isinstance(b, dict):
        b = [b.get("min"), b.get("max")]
    if not b or len(b) != 2 or b[0] is None:
        return ""
    return _point(b[0]) + "-" + _point(b[1])


_SKIP_FACTS = ("id", "type", "layer", "name", "bbox")


def _fact(key: str, value: Any) -> str:
    if isinstance(value, (list, tuple)) and value and all(isinstance(c, (int, float)) for c in value):
        return "%s=%s" % (key, _point(value))
    if isinstance(value, float):
        return "%s=%s" % (key, _num(value))
    if isinstance(value, str):
        return "%s=%s" % (key, value if value and " " not in value else repr(value))
    if isinstance(value, (dict, list, tuple)):
        return ""  # nested data would cost tokens and confuse a small model
    return "%s=%s" % (key, value)


def describe_object(obj: Dict[str, Any]) -> str:
    """One line: `Curve layer=Walls name=rail bbox=(0,0,0)-(10,0,0) closed=False length=10 shape=line`.

    The id is left out (36 tokens each): scripts reach selected objects through SELECTED_IDS[i]."""
    parts = [str(obj.get("type", "object"))]
    if obj.get("layer"):
        parts.append("layer=" + _fact("", obj["layer"])[1:])
    if obj.get("name"):
        parts.append(_fact("name", obj["name"]))
    box = _bbox(obj.get("bbox"))
    if box and "location" not in obj:  # a point's bbox repeats its location
        parts.append("bbox=" + box)
    closed = bool(obj.get("closed"))
    for key in sorted(k for k in obj if k not in _SKIP_FACTS):
        if closed and key in ("start", "end"):  # a closed curve's ends are one point
            continue
        text = _fact(key, obj[key])
        if text:
            parts.append(text)
    return " ".join(parts)


def _counts(counts: Dict[str, int]) -> str:
    return ", ".join("%s %d" % (k, counts[k]) for k in sorted(counts))


def selected_count(ctx: Optional[Dict[str, Any]]) -> int:
    """How many objects the context says are selected (its count, else the objects it lists)."""
    sel = (ctx or {}).get("selection") or {}
    return int(sel.get("count", len(sel.get("objects") or [])) or 0)


NOTHING_SELECTED = "Nothing is selected"


def context_block(ctx: Optional[Dict[str, Any]], options: Optional[PromptOptions] = None) -> str:
    """The document as the model sees it, from `host.context()` (see core/host.py)."""
    options = options or PromptOptions()
    ctx = ctx or {}
    lines = []
    head = "Document:"
    if ctx.get("units"):
        head += " units %s," % ctx["units"]
    if ctx.get("tolerance") is not None:
        head += " tolerance %s," % _num(ctx["tolerance"])
    total = ctx.get("object_count")
    if total is None and ctx.get("counts"):
        total = sum(ctx["counts"].values())
    head += " %d object%s" % (total or 0, "" if total == 1 else "s")
    if ctx.get("counts"):
        head += " (%s)" % _counts(ctx["counts"])
    lines.append(head + ".")
    layers = ctx.get("layers") or []
    if layers:
        shown = []
        for layer in layers[:options.max_layers]:
            text = str(layer.get("path") or layer.get("name") or "?")
            flags = []
            if layer.get("objects"):
                flags.append(str(layer["objects"]))
            if layer.get("visible") is False:
                flags.append("hidden")
            if layer.get("locked"):
                flags.append("locked")
            if layer.get("current"):
                flags.append("current")
            shown.append(text + (" (%s)" % ", ".join(flags) if flags else ""))
        more = len(layers) - options.max_layers
        lines.append("Layers: " + "; ".join(shown) + (" ... and %d more" % more if more > 0 else ""))
    sel = ctx.get("selection") or {}
    objects = list(sel.get("objects") or [])
    count = selected_count(ctx)
    if not count:
        lines.append(NOTHING_SELECTED + " (SELECTED_IDS is empty).")
        return "\n".join(lines)
    lines.append("Selected %d object%s, in SELECTED_IDS order:" % (count, "" if count == 1 else "s"))
    used = estimate_tokens("\n".join(lines))
    shown = 0
    for i, obj in enumerate(objects[:options.max_selected]):
        line = "[%d] %s" % (i, describe_object(obj))
        cost = estimate_tokens(line) + 1
        if shown and used + cost > options.context_budget_tokens:
            break
        lines.append(line)
        used += cost
        shown += 1
    rest = {}  # type: Dict[str, int]
    for obj in objects[shown:]:
        kind = str(obj.get("type", "object"))
        rest[kind] = rest.get(kind, 0) + 1
    for kind, n in (sel.get("summary") or {}).items():
        rest[str(kind)] = rest.get(str(kind), 0) + int(n)
    if rest:
        lines.append("... and %d more: %s" % (sum(rest.values()), _counts(rest)))
    return "\n".join(lines)


# -- API grounding --------------------------------------------------------------------------------

_STOP = set("""a an the and or of to in on at by for with from into onto as is are be this that these those it its
each every all any some my me i you we please get set put give show use using then than so if else only also can
could would should will just like want need script python code rhino rs selected selection thing things them they
one two three""".split())
_WORD = re.compile(r"[A-Za-z]+|\d+")
_CAMEL = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|\d+")
# Designer words mapped onto the rs vocabulary ("draw a circle" means rs.AddCircle).
_SYNONYMS = {"draw": "add", "make": "add", "create": "add", "new": "add", "build": "add", "place": "add",
             "centre": "center", "colour": "color", "remove": "delete", "erase": "delete", "duplicate": "copy",
             "clone": "copy", "translate": "move", "shift": "move", "grow": "scale", "enlarge": "scale",
             "resize": "scale", "turn": "rotate", "spin": "rotate", "flip": "mirror", "ball": "sphere",
             "cube": "box", "tube": "pipe", "long": "length", "midpoint": "mid", "rename": "name", "label": "text"}


def stem(word: str) -> str:
    """A tiny, consistent suffix stripper: circles/circle → circl, moving/moved/move → mov, boxes → box."""
    w = _SYNONYMS.get(word.lower(), word.lower())
    if len(w) > 4 and w.endswith("ies"):
        w = w[:-3] + "y"
    elif len(w) > 4 and re.search(r"(ss|x|z|ch|sh)es$", w):
        w = w[:-2]
    elif len(w) > 3 and w.endswith("s") and not w.endswith("ss"):
        w = w[:-1]
    elif len(w) > 5 and w.endswith("ing"):
        w = w[:-3]
    elif len(w) > 4 and w.endswith("ed"):
        w = w[:-2]
    if len(w) > 3 and w.endswith("e"):
        w = w[:-1]
    return w


def split_words(text: str) -> List[str]:
    """CamelCase and snake_case aware: 'AddCircle3Pt' → ['add', 'circle', '3', 'pt']."""
    out = []
    for chunk in _WORD.findall(text or ""):
        out.extend(p.lower() for p in _CAMEL.findall(chunk) or [chunk])
    return out


def query_terms(request: str) -> List[str]:
    terms = []
    for w in split_words(request):
        if w in _STOP or len(w) < 2:
            continue
        s = stem(w)
        if s not in terms:
            terms.append(s)
    return terms


class ApiScorer:
    """Ranks rhinoscriptsyntax functions for a request: name words weigh most, then module and
    parameter names, then description words; rarer words weigh more (idf)."""

    NAME, MODULE, PARAM, DESC = 3.0, 1.0, 1.0, 0.5

    def __init__(self, functions: Dict[str, Dict[str, Any]]):
        self.functions = functions
        self._fields = {}  # type: Dict[str, Tuple[set, set, set, set]]
        self._verbs = {}  # type: Dict[str, str]
        df = {}  # type: Dict[str, int]
        for name in sorted(functions):
            info = functions[name] or {}
            params = info.get("params") or []
            fields = (
                {stem(w) for w in split_words(name)},
                {stem(w) for w in split_words(str(info.get("module", "")))},
                {stem(w) for p in params for w in split_words(str(p.get("name", "")))},
                {stem(w) for w in split_words(str(info.get("description") or info.get("summary") or ""))
                 if w not in _STOP},
            )
            self._fields[name] = fields
            words = split_words(name)
            self._verbs[name] = stem(words[0]) if words else ""
            for term in set().union(*fields):
                df[term] = df.get(term, 0) + 1
        n = max(1, len(functions))
        self._idf = {t: 1.0 + (n / (1.0 + c)) ** 0.5 for t, c in df.items()}

    def score(self, name: str, terms: Sequence[str]) -> float:
        name_w, mod_w, par_w, desc_w = self._fields[name]
        total = 0.0
        for t in terms:  # each term counts once, in its best field
            weight = (self.NAME if t in name_w else self.MODULE if t in mod_w else self.PARAM if t in par_w
                      else self.DESC if t in desc_w else 0.0)
            total += weight * self._idf.get(t, 0.0)
        if total and len(name_w) > 1:
            total += 0.5 * sum(1 for t in terms if t in name_w) / len(name_w)  # favour exact, short names
        if terms and self._verbs.get(name) == terms[0] and any(t in name_w for t in terms[1:]):
            total += self.NAME * self._idf.get(terms[0], 0.0)  # rs names start with their verb: AddCircle
        if re.match(r"(Is|Get)[A-Z]", name):
            total *= 0.5  # predicates and interactive pickers are rarely what a request needs
        return total

    def rank(self, request: str, k: int = 6) -> List[str]:
        terms = query_terms(request)
        if not terms:
            return []
        scored = [(self.score(n, terms), n) for n in self._fields]
        scored = [(s, n) for s, n in scored if s > 0]
        scored.sort(key=lambda sn: (-sn[0], len(sn[1]), sn[1]))
        return [n for _, n in scored[:k]]


_DEFAULT_SCORER = []  # type: List[Optional[ApiScorer]]


def default_functions() -> Optional[Dict[str, Dict[str, Any]]]:
    """rs functions from the committed API index, or None when the index is not available."""
    try:
        from rhino_plugin.core import api_index
        return api_index.load().rs_functions()
    except (ImportError, OSError, ValueError, AttributeError):
        return None


def _default_scorer() -> Optional[ApiScorer]:
    if not _DEFAULT_SCORER:
        functions = default_functions()
        _DEFAULT_SCORER.append(ApiScorer(functions) if functions else None)
    return _DEFAULT_SCORER[0]


def signature_line(name: str, info: Dict[str, Any]) -> str:
    sig = str(info.get("signature") or "")
    if not sig:
        params = []
        for p in info.get("params") or []:
            params.append(p["name"] if p.get("required", p.get("default") is None) else
                          "%s=%s" % (p["name"], p.get("default")))
        sig = "%s(%s)" % (name, ", ".join(params))
    sig = sig.strip()
    if not sig.startswith(name):
        sig = name + sig[sig.find("("):] if "(" in sig else name + "()"
    return "rs." + sig


_RS_CALL = re.compile(r"\brs\.([A-Za-z_]\w*)\s*\(")
EXAMPLES_HEAD = "Solved requests like this one (adapt them, with this request's own values):"
API_HEAD = "Relevant rhinoscriptsyntax functions:"


def api_block(request: str, options: Optional[PromptOptions] = None,
              functions: Optional[Dict[str, Dict[str, Any]]] = None, first: Sequence[str] = ()) -> str:
    """Signatures of the rs functions most relevant to the request, within the token budget: the
    names in `first` (those the index has), then the best ranked others, `api_functions` in all.

    `functions` defaults to the committed API index; an empty string when nothing fits or matches."""
    options = options or PromptOptions()
    if not options.api_grounding or options.api_functions <= 0:
        return ""
    scorer = ApiScorer(functions) if functions is not None else _default_scorer()
    if scorer is None:
        return ""
    head = API_HEAD
    lines = []
    used = estimate_tokens(head)
    known = [n for n in dict.fromkeys(first) if n in scorer.functions][:options.api_functions]
    ranked = [n for n in scorer.rank(request, options.api_functions + len(known)) if n not in known]
    for name in (known + ranked)[:options.api_functions]:
        line = signature_line(name, scorer.functions[name])
        cost = estimate_tokens(line) + 1
        if used + cost > options.api_budget_tokens:
            continue
        used += cost
        lines.append(line)
    return "\n".join([head] + lines) if lines else ""


def example_block(request: str, ctx: Optional[Dict[str, Any]], options: Optional[PromptOptions] = None) -> str:
    """The most similar solved requests from the example library, within the token budget; an
    empty string when the option is off, the library is missing or nothing is similar enough."""
    options = options or PromptOptions()
    if options.examples <= 0:
        return ""
    from . import examples

    library = examples.load()
    if library is None:
        return ""
    return solved_block(library, request, selected_count(ctx) > 0, options)


def shown_examples(library: Any, request: str, selected: bool, options: PromptOptions,
                   skip: Optional[Callable[[Dict[str, Any]], bool]] = None) -> List[Dict[str, Any]]:
    """The examples a prompt shows, before the token budget: the nearest `options.examples`, each
    rewritten to the request's numbers when `adapt_examples` is on and its entry `adapts`."""
    from .examples import adapt

    out = []
    for _, ex in library.nearest(request, options.examples, selection=selected, skip=skip):
        if options.adapt_examples and ex.get("adapts"):
            ex = adapt(ex, request) or ex
        out.append(ex)
    return out


def solved_block(library: Any, request: str, selected: bool, options: PromptOptions,
                 skip: Optional[Callable[[Dict[str, Any]], bool]] = None) -> str:
    """`example_block` on a given library (an `examples.ExampleIndex`) and selection state; the
    training data uses it with `skip` to leave a row's own answer out."""
    lines, used = [EXAMPLES_HEAD], estimate_tokens(EXAMPLES_HEAD)
    for ex in shown_examples(library, request, selected, options, skip):
        text = "Request: %s\n```python\n%s\n```" % (ex["request"].strip(), ex["code"].rstrip("\n"))
        cost = estimate_tokens(text) + 1
        if used + cost > options.examples_budget_tokens:
            continue
        used += cost
        lines.append(text)
    return "\n".join(lines) if len(lines) > 1 else ""


def insert_block(user_text: str, block: str) -> str:
    """A user message with `block` where `user_message` puts solved examples: before the API
    block, or before the request when there is none. Unchanged when block is empty."""
    if not block:
        return user_text
    at = user_text.find("\n\n" + API_HEAD + "\n")
    if at < 0:
        at = user_text.rfind("\n\nRequest: ")
    if at < 0:
        raise ValueError("not a user turn of this prompt (no API block and no request line)")
    return user_text[:at] + "\n\n" + block + user_text[at:]


def request_of(user_text: str) -> str:
    """The request a `user_message` ends with ("" when it has none)."""
    text = "\n" + user_text
    return text.rsplit("\nRequest: ", 1)[1].strip() if "\nRequest: " in text else ""


def shows_selection(user_text: str) -> bool:
    """Whether a `user_message`'s context block lists selected objects."""
    return NOTHING_SELECTED not in user_text


# -- messages --------------------------------------------------------------------------------------

def user_message(request: str, ctx: Optional[Dict[str, Any]], options: Optional[PromptOptions] = None,
                 functions: Optional[Dict[str, Dict[str, Any]]] = None) -> str:
    """The user turn: context, solved examples (if asked for), relevant API, then the request
    itself (last, closest to the answer)."""
    options = options or PromptOptions()
    parts = [context_block(ctx, options)]
    shown = example_block(request, ctx, options)
    if shown:
        parts.append(shown)
    # the example's own functions are relevant by construction, and a 135M model copies the first
    # listed signature over the example's call (AddCurve for the example's AddInterpCurve)
    first = _RS_CALL.findall(shown) if shown and options.example_functions_first else ()
    api = api_block(request, options, functions, first)
    if api:
        parts.append(api)
    parts.append("Request: " + request.strip())
    return "\n\n".join(parts)


def trim_history(history: Sequence[Dict[str, str]], budget_tokens: int) -> List[Dict[str, str]]:
    """The newest messages that fit the budget, cut at a user message so pairs stay whole."""
    kept = []  # type: List[Dict[str, str]]
    used = 0
    for message in reversed(list(history)):
        cost = message_tokens(message)
        if used + cost > budget_tokens:
            break
        kept.append(message)
        used += cost
    kept.reverse()
    while kept and kept[0].get("role") != "user":
        kept.pop(0)
    return kept


def build_messages(request: str, ctx: Optional[Dict[str, Any]], history: Optional[Iterable[Dict[str, str]]] = None,
                   options: Optional[PromptOptions] = None,
                   functions: Optional[Dict[str, Dict[str, Any]]] = None) -> List[Dict[str, str]]:
    """System prompt + trimmed history + this turn's user message (OpenAI chat format)."""
    options = options or PromptOptions()
    messages = [{"role": "system", "content": SYSTEM_PROMPT}]
    messages.extend({"role": m["role"], "content": m["content"]}
                    for m in trim_history(list(history or []), options.history_budget_tokens))
    messages.append({"role": "user", "content": user_message(request, ctx, options, functions)})
    return messages


def assistant_message(code: str) -> Dict[str, str]:
    """How a script is kept in history: one fenced block, exactly what the model is asked to write."""
    return {"role": "assistant", "content": "```python\n" + code.rstrip("\n") + "\n```"}


# -- repair ----------------------------------------------------------------------------------------

MAX_REPAIR_CHARS = 2500
FIX_ASK = "Fix the script with the smallest change. Reply with the whole corrected script in one ```python block."
ESCALATE_ASK = ("The same error happened again, so that fix did not work. Use a different function or approach "
                "for the failing step. Reply with the whole script in one ```python block.")


def _tail(text: str, limit: int) -> str:
    text = (text or "").rstrip()
    return text if len(text) <= limit else "..." + text[-limit:]


def _line_of(code: str, line: Optional[int]) -> Optional[str]:
    lines = (code or "").splitlines()
    if line and 1 <= line <= len(lines):
        return lines[line - 1].strip()
    return None


def _problem_line(p: Any) -> str:
    get = p.get if isinstance(p, dict) else (lambda k, d=None: getattr(p, k, d))
    where = "line %s: " % get("line") if get("line") else ""
    text = where + str(get("message") or get("code") or "problem")
    hint = str(get("suggestion") or "").strip()
    if hint and hint not in text:
        # the checker writes hints as sentences; a bare name is a did-you-mean
        text += " (%s)" % (hint if " " in hint else "did you mean %s?" % hint)
    return "- " + text


CUT_OFF_NOTE = "Your reply was cut off at the length limit: write a shorter script that is complete."


LOOP_NOTE = "Your reply repeated the line `%s` over and over: write each step once."


def repair_message(code: str, failure: Any, attempt: int, escalate: bool = False, cut_off: bool = False,
                   loop_line: Optional[str] = None) -> str:
    """THE retry message. `failure` is a RunResult / ScriptError (runtime error), a list of checker
    Problems (rejected before running), or an Extraction without code (no Python in the reply).
    `cut_off`: the reply hit the token limit (its script is probably unfinished); `loop_line`: the
    reply was stopped because it kept repeating this line."""
    text = _repair_text(code, failure, attempt, escalate)
    note = LOOP_NOTE % loop_line.strip()[:120] if loop_line else (CUT_OFF_NOTE if cut_off else None)
    if note:
        last_break = text.rfind("\n")
        text = text[:last_break + 1] + note + "\n" + text[last_break + 1:] if last_break >= 0 else \
            note + " " + text
    return text


def _repair_text(code: str, failure: Any, attempt: int, escalate: bool) -> str:
    ask = ESCALATE_ASK if escalate else FIX_ASK
    if isinstance(failure, (list, tuple)):
        lines = ["The script was rejected before running (attempt %d):" % attempt]
        lines.extend(_problem_line(p) for p in failure[:10])
        if len(failure) > 10:
            lines.append("- ... and %d more" % (len(failure) - 10))
        lines.append(ask)
        return "\n".join(lines)
    if hasattr(failure, "kind") and hasattr(failure, "code") and getattr(failure, "code", None) is None:
        reason = getattr(failure, "message", "") or "The reply had no Python code."
        return "%s Write it in Python 3 with rhinoscriptsyntax. Reply with one ```python block." % reason
    error = getattr(failure, "error", failure)
    stdout = getattr(failure, "stdout", "") if error is not failure else ""
    if error is None:
        return ask
    etype = getattr(error, "type", type(error).__name__)
    message = getattr(error, "message", str(error))
    line = getattr(error, "line", None)
    lines = ["The script failed (attempt %d) with %s: %s" % (attempt, etype, message)]
    tb = getattr(error, "traceback", "")
    if tb:
        lines.append(_tail(tb, MAX_REPAIR_CHARS // 2))
    source = getattr(error, "source_line", None) or _line_of(code, line)
    if source and line:
        lines.append("Failing line %d: %s" % (line, source))
    if stdout and stdout.strip():
        lines.append("Printed before the error:\n" + _tail(stdout, MAX_REPAIR_CHARS // 4))
    lines.append(ask)
    return "\n".join(lines)
