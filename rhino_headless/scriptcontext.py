"""Headless `scriptcontext`: the module scripts reach as `import scriptcontext as sc`.

`sc.doc` is the current HeadlessDoc. It lives in a ContextVar, so runs on different threads
(or asyncio tasks) each see their own document; the host binds it for a run with `use_doc(doc)`.
Outside any run `sc.doc` is a process-wide default document, created on first use, as Rhino
always has an active document.

The rhinoscriptsyntax modules do `from rhino_headless import scriptcontext as sc` and read
`sc.doc` at call time.
"""
import contextlib
import contextvars
import threading
from typing import Any, Dict, Iterator  # noqa: F401  (Dict: type comment)

_current = contextvars.ContextVar("rhino_headless_doc", default=None)
_default = None
_default_lock = threading.Lock()

sticky = {}  # type: Dict[str, Any]  # survives between runs, as in Rhino
id = 1  # Rhino: 1 = run from the Rhino Python editor/command (not Grasshopper)
errorhandler = None


def current_doc():
    """The HeadlessDoc of the running script (the default document outside a run)."""
    doc = _current.get()
    if doc is not None:
        return doc
    global _default
    with _default_lock:
        if _default is None:
            from .document import HeadlessDoc
            _default = HeadlessDoc()
        return _default


@contextlib.contextmanager
def use_doc(doc) -> Iterator[Any]:
    """Make `doc` the `sc.doc` of this thread/context for the duration of the block."""
    token = _current.set(doc)
    try:
        yield doc
    finally:
        _current.reset(token)


class _EscapeState(object):
    pressed = False


_escape = _EscapeState()


def escape_test(throw_exception: bool = True, reset: bool = False) -> bool:
    """Rhino checks for the Escape key here. Headless, nobody presses it: always False.
    (The runner's deadline and cancel hook stop runaway scripts instead.)"""
    pressed = _escape.pressed
    if reset:
        _escape.pressed = False
    if pressed and throw_exception:
        raise KeyboardInterrupt("Escape pressed")
    return pressed


def __getattr__(name: str) -> Any:  # PEP 562: `sc.doc` is looked up per access
    if name == "doc":
        return current_doc()
    raise AttributeError("module 'scriptcontext' has no attribute %r" % name)


def __dir__():
    return sorted(list(globals()) + ["doc"])
