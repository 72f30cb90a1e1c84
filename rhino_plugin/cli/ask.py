"""`rhinocoder ask "PROMPT"`: one turn on the headless document — the main job.

    rhinocoder ask "draw a circle of radius 5 at the origin" --save out.3dm --png out.png
    rhinocoder ask "loft the selected curves" --doc in.3dm --select ID ID --server http://127.0.0.1:8080

With no --server and no model server on 127.0.0.1:8080, the embedded default model server is
started on a free loopback port for this command and stopped afterwards.
Exit codes: 0 the script ran, 1 the turn failed (summary printed), 2 bad usage or unreadable input.
"""
import json
import os
import signal
import sys
import threading
from typing import Any, List, Optional, TextIO

from rhino_plugin.core.chat import ChatClient, ChatError, normalize_base_url
from rhino_plugin.core.prompt import SERVING_EXAMPLES, serving_options
from rhino_plugin.core.server_launcher import ServerHandle, ServerStartError, ensure_server
from rhino_plugin.core.session import Event, Session, SessionOptions, TurnResult


class UsageError(Exception):
    """Bad arguments or unreadable input: exit 2 with this message."""


def add_common_arguments(p) -> None:
    """Document, model and turn options shared by `ask` and `chat`."""
    p.add_argument("--doc", metavar="IN.3dm", help="start from this document (default: an empty one)")
    p.add_argument("--select", nargs="+", action="extend", default=[], metavar="ID",
                   help="select these object ids before asking (SELECTED_IDS)")
    p.add_argument("--server", metavar="URL", help="an OpenAI-compatible server to use (default: reuse or "
                   "start the local one)")
    p.add_argument("--model", metavar="M", help="model for the server this command starts: 'default', an "
                   "MLX folder or a Hugging Face id; with --server, the model name sent in requests")
    p.add_argument("--api-key", default=os.environ.get("RHINOCODER_API_KEY"),
                   help="bearer key for the server (default: $RHINOCODER_API_KEY)")
    p.add_argument("--attempts", type=int, default=3, help="attempts per turn, repairs included (default: 3)")
    p.add_argument("--temperature", type=float, default=SessionOptions.temperature,
                   help="first attempt's temperature (default: %.1f, greedy)" % SessionOptions.temperature)
    p.add_argument("--max-tokens", type=int, default=1024, help="longest reply in tokens (default: 1024)")
    p.add_argument("--timeout", type=float, default=30.0, metavar="S",
                   help="seconds a script may run (default: 30)")
    p.add_argument("--request-timeout", type=float, default=300.0, metavar="S",
                   help="seconds to wait for the server's next token (default: 300)")
    p.add_argument("--no-check", action="store_true", help="run scripts without the static checks")
    p.add_argument("--no-api-hints", action="store_true", help="leave rs signatures out of the prompt")
    p.add_argument("--free-names", action="store_true",
                   help="do not send the rhinoscriptsyntax names the server holds the model to after `rs.`")
    p.add_argument("--examples", type=int, default=SERVING_EXAMPLES, metavar="N",
                   help="solved training requests shown with the request (default: %d; 0: none)" % SERVING_EXAMPLES)
    p.add_argument("--redraws", type=int, default=0, metavar="N",
                   help="draw a repair again, hotter, up to N times when it repeats an earlier script "
                        "(default: 0; the 135M default model repeats itself at any temperature)")


def add_arguments(p) -> None:
    p.add_argument("prompt", nargs="?", help="what the script should do ('-' reads it from stdin)")
    add_common_arguments(p)
    p.add_argument("--save", metavar="OUT.3dm", help="save the document after the turn (also when it failed: "
                   "then it equals the input)")
    p.add_argument("--png", metavar="OUT.png", help="render a preview of the document after the turn")
    p.add_argument("--json", action="store_true", help="print the turn (events and result) as JSON")
    p.add_argument("--quiet", action="store_true", help="do not stream the reply's tokens")


# -- shared pieces (used by `chat` too) ----------------------------------------------------------

def check_common(args) -> None:
    if args.attempts < 1:
        raise UsageError("--attempts must be at least 1")
    if not 0.0 <= args.temperature <= 2.0:
        raise UsageError("--temperature must be between 0 and 2")
    if args.timeout <= 0 or args.request_timeout <= 0:
        raise UsageError("--timeout and --request-timeout must be positive")
    if args.max_tokens < 1:
        raise UsageError("--max-tokens must be at least 1")
    check_server_url(args)
    from rhino_plugin.cli import run as run_cli
    for path in (getattr(args, "save", None), getattr(args, "png", None)):
        if path:
            try:
                run_cli.check_output_path(path)
            except run_cli.BadInput as exc:
                raise UsageError(str(exc))


def make_host(args):
    """The headless host with --doc loaded and --select applied (the same rules as `rhinocoder run`)."""
    from rhino_plugin.cli import run as run_cli
    try:
        host = run_cli.make_host(args.doc, None)
        run_cli.select(host.doc, args.select or [])
    except run_cli.BadInput as exc:
        raise UsageError(str(exc))
    return host


def session_options(args) -> SessionOptions:
    return SessionOptions(attempts=args.attempts, temperature=args.temperature, max_tokens=args.max_tokens,
                          run_timeout=args.timeout, check=not args.no_check,
                          constrain_names=not getattr(args, "free_names", False),
                          redraws=max(0, getattr(args, "redraws", 0)),
                          prompt=serving_options(api_grounding=not args.no_api_hints,
                                                 examples=max(0, getattr(args, "examples", SERVING_EXAMPLES))))


def connect(args, err: TextIO) -> ServerHandle:
    def say(message: str) -> None:
        print(message, file=err, flush=True)
    return ensure_server(args.server, args.model, progress=say)


def make_client(args, handle: ServerHandle) -> ChatClient:
    model = args.model if args.server else None  # our server serves one model; name it only for others
    return ChatClient(handle.url, model=model, api_key=args.api_key, read_timeout=args.request_timeout)


def check_server_url(args) -> None:
    if args.server:
        try:
            normalize_base_url(args.server)
        except ChatError as exc:
            raise UsageError("--server: %s" % exc)


def run_turn(session: Session, work, *work_args: Any) -> TurnResult:
    """Run a turn in a worker thread so Ctrl-C cancels the turn (rolled back), not the program.

    On the main thread a SIGINT handler turns the first Ctrl-C into `session.cancel()` without
    raising: a KeyboardInterrupt can land on any bytecode of the waiting loop, including the loop's
    own jump outside its try, and one that escaped left the turn running with nobody waiting for
    it. A second Ctrl-C while the turn winds down raises, to give up waiting."""
    box = {}  # type: dict
    finished = threading.Event()  # not Thread.join: an interrupted join can report a live thread as dead

    def target() -> None:
        try:
            box["result"] = work(*work_args)
        except BaseException as exc:  # handed to the main thread below
            box["error"] = exc
        finally:
            finished.set()

    interrupts = []  # type: List[int]

    def on_interrupt(signum, frame) -> None:
        interrupts.append(signum)
        if len(interrupts) > 1:
            raise KeyboardInterrupt
        session.cancel()

    installed = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGINT, on_interrupt) if installed else None
    try:
        threading.Thread(target=target, name="rhinocoder-turn", daemon=True).start()
        while not finished.is_set():
            try:
                finished.wait(0.1)
            except KeyboardInterrupt:  # off the main thread's handler (or a second Ctrl-C)
                if interrupts or installed:
                    raise
                interrupts.append(signal.SIGINT)
                session.cancel()
    finally:
        if installed:
            signal.signal(signal.SIGINT, previous if previous is not None else signal.default_int_handler)
    if "error" in box:
        raise box["error"]
    return box["result"]


class Printer:
    """Renders turn events as text: streamed tokens, the script, results, retries, the summary."""

    def __init__(self, out: TextIO, tokens: bool = True):
        self.out = out
        self.tokens = tokens
        self._midline = False

    def _line(self, text: str) -> None:
        if self._midline:
            self.out.write("\n")
            self._midline = False
        self.out.write(text + "\n")
        self.out.flush()

    def __call__(self, event: Event) -> None:
        k = event.kind
        if k == "token":
            if self.tokens:
                self.out.write(event.text)
                self.out.flush()
                self._midline = not event.text.endswith("\n")
        elif k == "code":
            n = event.code.count("\n") or 1
            note = " (reply was cut off)" if event.truncated else ""
            if event.added_imports:
                note += " (added: %s)" % "; ".join(event.added_imports)
            if self.tokens and event.source != "user":
                self._line("[attempt %d] script: %d lines%s" % (event.attempt, n, note))
            else:
                self._line("[attempt %d] script:%s\n%s" % (event.attempt, note, event.code.rstrip()))
        elif k == "problems":
            self._line("[attempt %d] rejected before running:" % event.attempt)
            for p in event.problems:
                where = "line %s: " % p.get("line") if p.get("line") else ""
                hint = str(p.get("suggestion") or "")
                hint = " (%s)" % (hint if " " in hint else "did you mean %s?" % hint) if hint else ""
                self._line("  - %s%s%s" % (where, p.get("message"), hint))
        elif k == "running":
            self._line("[attempt %d] running..." % event.attempt)
        elif k == "result":
            r = event.result
            if r.get("stdout"):
                self._line(r["stdout"].rstrip())
            if r["ok"]:
                self._line("[attempt %d] ok: %s" % (event.attempt, _changes(r)))
            else:
                err = r.get("error") or {}
                self._line("[attempt %d] failed, rolled back:\n%s" % (
                    event.attempt, (err.get("traceback") or "%s: %s" % (err.get("type"), err.get("message"))).rstrip()))
        elif k == "retrying" and event.redraw:
            self._line("[attempt %d] %s; drawing again at temperature %.2f" % (
                event.attempt, event.reason, event.temperature))
        elif k == "retrying":
            self._line("[attempt %d] retrying at temperature %.2f%s" % (
                event.attempt, event.temperature, " with a different approach" if event.escalated else ""))
        elif k == "cancelled":
            self._line("[attempt %d] cancelled while %s; the document is unchanged." % (
                event.attempt, event.stage.replace("-", " ")))
        elif k == "done":
            self._line(event.summary)


def _changes(r: dict) -> str:
    parts = []
    for key in ("created", "modified", "deleted"):
        if r.get(key):
            parts.append("%s %d: %s" % (key, len(r[key]), " ".join(r[key][:10]) + (" ..." if len(r[key]) > 10 else "")))
    return "; ".join(parts) if parts else "no objects changed"


def save_outputs(host, save: Optional[str], png: Optional[str], highlight: List[str], err: TextIO,
                 prog: str = "rhinocoder ask") -> bool:
    """Write --save (atomically) and --png; False (with a one-line message) when one could not be written."""
    from rhino_plugin.cli import run as run_cli
    ok = True
    for path, write in ((save, lambda p: run_cli.save(host.doc, p)), (png, lambda p: run_cli.render(host.doc, p, highlight))):
        if not path:
            continue
        try:
            write(path)
            print("wrote %s" % path, file=err)
        except run_cli.BadInput as exc:
            print("%s: %s" % (prog, exc), file=err)
            ok = False
    return ok


# -- the command --------------------------------------------------------------------------------

def read_prompt(args) -> str:
    text = args.prompt
    if text == "-":
        text = sys.stdin.read()
    return (text or "").strip()


def main(args) -> int:
    out, err = sys.stdout, sys.stderr
    try:
        prompt = read_prompt(args)
        if not prompt:
            raise UsageError("empty prompt: say what the script should do, e.g. rhinocoder ask \"draw a circle\"")
        check_common(args)
        host = make_host(args)
    except UsageError as exc:
        print("rhinocoder ask: %s" % exc, file=err)
        if args.json:
            print(json.dumps({"ok": False, "summary": str(exc), "error": "bad-input", "events": []}), file=out)
        return 2
    try:
        handle = connect(args, err)
    except ServerStartError as exc:
        message = "could not start the model server: %s" % exc
        print("rhinocoder ask: %s" % message, file=err)
        save_outputs(host, args.save, args.png, [], err)
        if args.json:
            print(json.dumps({"ok": False, "summary": message, "error": "server", "events": []}), file=out)
        return 1
    try:
        session = Session(host, make_client(args, handle), session_options(args))
        printer = None if args.json else Printer(out, tokens=not args.quiet)
        result = run_turn(session, session.ask, prompt, printer)
    finally:
        handle.stop()
    if args.json:
        print(result.summary, file=err)
    created = list(result.result.created) if result.ok and result.result else []
    files_ok = save_outputs(host, args.save, args.png, created, err)
    if args.json:
        d = result.to_dict()
        d["server"] = handle.url
        d["document"] = {"object_count": host.doc.object_count, "saved": args.save, "png": args.png}
        json.dump(d, out, indent=2)
        out.write("\n")
    return 0 if result.ok and files_ok else 1
