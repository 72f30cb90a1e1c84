"""`rhinocoder chat`: a REPL on one headless document.

Type a request to start a turn. Commands:
  /run CODE      check and run your own script (`/run` alone: type lines, end with `/end`)
  /retry         ask the last request again (undoing its result first when it succeeded)
  /undo          undo the newest successful turn or /run
  /history       show the conversation the model sees
  /clear         forget the conversation (the document stays)
  /doc           show the document as the model sees it
  /save FILE.3dm write the document;  /png FILE  render a preview
  /help          this list;  /quit  leave (Ctrl-D too)
Ctrl-C cancels the running generation or script (rolled back), not the program.
"""
import sys
from typing import List, Optional, TextIO

from rhino_plugin.cli.ask import (Printer, UsageError, add_common_arguments, check_common, connect, make_client,
                                  make_host, run_turn, save_outputs, session_options)
from rhino_plugin.core.prompt import context_block
from rhino_plugin.core.server_launcher import ServerStartError
from rhino_plugin.core.session import Session

HELP = __doc__.split("\n\n", 1)[1].strip()


def add_arguments(p) -> None:
    add_common_arguments(p)
    p.add_argument("--quiet", action="store_true", help="do not stream the reply's tokens")
    # --rhino (plugin helper): run turns in a live Rhino through the RhinoCoderBridge command
    p.add_argument("--rhino", metavar="HOST:PORT", help="run turns in a live Rhino over the loopback bridge "
                   "(start it with the RhinoCoderBridge command), e.g. 127.0.0.1:54321")
    p.add_argument("--bridge-token-file", metavar="FILE", help="the bridge's token file (default: "
                   "~/.rhinocoder/bridge.json, %%APPDATA%%\\RhinoCoder\\bridge.json on Windows)")
    # end --rhino


class Repl:
    def __init__(self, session: Session, out: TextIO, err: TextIO, quiet: bool = False):
        self.session = session
        self.out = out
        self.err = err
        self.printer = Printer(out, tokens=not quiet)
        self.last_ok = False  # the newest turn succeeded (so /retry undoes it first)

    def say(self, text: str) -> None:
        self.out.write(text + "\n")
        self.out.flush()

    def ask(self, request: str) -> None:
        result = run_turn(self.session, self.session.ask, request, self.printer)
        self.last_ok = result.ok

    def run_code(self, code: str) -> None:
        if not code.strip():
            self.say("/run needs a script: /run CODE, or /run alone and then lines ending with /end")
            return
        run_turn(self.session, self.session.run_code, code + "\n", self.printer)
        self.last_ok = False

    def command(self, line: str, read_line) -> bool:
        """Handle one /command; False means quit."""
        name, _, rest = line.partition(" ")
        rest = rest.strip()
        if name in ("/quit", "/exit", "/q"):
            return False
        if name == "/help":
            self.say(HELP)
        elif name == "/run":
            if not rest:
                lines = []  # type: List[str]
                while True:
                    more = read_line("... ")
                    if more is None or more.strip() == "/end":
                        break
                    lines.append(more)
                rest = "\n".join(lines)
            self.run_code(rest)
        elif name == "/retry":
            request = self.session.last_request
            if not request:
                self.say("nothing to retry yet")
            else:
                if self.last_ok and self.session.undo():
                    self.say("undid the previous result")
                self.ask(request)
        elif name == "/undo":
            self.say("undone" if self.session.undo() else "nothing to undo")
            self.last_ok = False
        elif name == "/history":
            if not self.session.history:
                self.say("(no history)")
            for m in self.session.history:
                self.say("%s: %s" % (m["role"], m["content"]))
        elif name == "/clear":
            self.session.clear()
            self.say("history cleared (the document is kept)")
        elif name == "/doc":
            self.say(context_block(self.session.host.context()))
        elif name in ("/save", "/png"):
            if not hasattr(self.session.host, "doc"):  # --rhino: the document lives in Rhino
                self.say("%s works on the headless document only; save from Rhino" % name)
            elif not rest:
                self.say("%s needs a file name" % name)
            else:
                self._write(name, rest)
        else:
            self.say("unknown command %s (try /help)" % name)
        return True

    def _write(self, name: str, path: str) -> None:
        from rhino_plugin.cli import run as run_cli
        try:
            run_cli.check_output_path(path)
        except run_cli.BadInput as exc:
            self.say("cannot write: %s" % exc)
            return
        save_outputs(self.session.host, path if name == "/save" else None, path if name == "/png" else None,
                     [], self.out, prog="chat")

    def loop(self, read_line) -> int:
        where = "a headless document" if hasattr(self.session.host, "doc") else "Rhino over the bridge"
        self.say("RhinoCoder chat on %s (%d objects). Type a request, /help, or /quit."
                 % (where, self.session.host.context().get("object_count", 0)))
        while True:
            line = read_line("rhino> ")
            if line is None:
                self.say("")
                return 0
            line = line.strip()
            if not line:
                continue
            if line.startswith("/"):
                if not self.command(line, read_line):
                    return 0
            else:
                self.ask(line)


def _reader(inp: TextIO, out: TextIO):
    interactive = inp.isatty()

    def read_line(prompt: str) -> Optional[str]:
        while True:
            try:
                if interactive:
                    return input(prompt)
                out.write(prompt)
                out.flush()
                line = inp.readline()
                return line.rstrip("\n") if line else None
            except EOFError:
                return None
            except KeyboardInterrupt:  # at the prompt: keep the session
                out.write("\n(Ctrl-D or /quit to leave)\n")
                out.flush()
    return read_line


# --rhino (plugin helper) ---------------------------------------------------------------------------
class BridgeUnavailable(Exception):
    pass


def _bridge_host(args):
    """BridgeHost for --rhino; a bad address is a usage error, an unreachable Rhino a failure."""
    from rhino_plugin.hosts.bridge import BridgeError, BridgeHost, parse_address
    if args.doc or args.select:
        raise UsageError("--doc and --select do not apply with --rhino (select in Rhino)")
    try:
        parse_address(args.rhino)
    except BridgeError as exc:
        raise UsageError(str(exc))
    try:
        return BridgeHost(args.rhino, token_file=args.bridge_token_file)
    except BridgeError as exc:
        raise BridgeUnavailable(str(exc))
# end --rhino ----------------------------------------------------------------------------------------


def main(args) -> int:
    out, err = sys.stdout, sys.stderr
    try:
        check_common(args)
        host = _bridge_host(args) if getattr(args, "rhino", None) else make_host(args)
    except UsageError as exc:
        print("rhinocoder chat: %s" % exc, file=err)
        return 2
    except BridgeUnavailable as exc:
        print("rhinocoder chat: %s" % exc, file=err)
        return 1
    try:
        handle = connect(args, err)
    except ServerStartError as exc:
        print("rhinocoder chat: could not start the model server: %s" % exc, file=err)
        return 1
    try:
        session = Session(host, make_client(args, handle), session_options(args))
        return Repl(session, out, err, quiet=args.quiet).loop(_reader(sys.stdin, out))
    finally:
        handle.stop()
