"""`rhinocoder run SCRIPT.py`: run a script on the headless document.

    rhinocoder run SCRIPT.py [--doc IN.3dm] [--select ID ...] [--answers FILE.json]
                   [--save OUT.3dm] [--png OUT.png] [--timeout S] [--json]
                   [--allow RULE]... [--no-check]

`--json` prints one object, RunResult.to_dict(): {"ok", "stdout", "error", "created", "deleted",
"modified", "object_count"}. A failed script is rolled back, so `--save` then writes the input
document unchanged. Exit 0 ok, 1 the script failed, 2 bad usage or unreadable input (one line on
stderr, and with --json an error object of type "BadInput"); no output file is left half-written.

Before it runs, the script goes through the safety half of `rhinocoder check`: a script that would
start processes, write files, exit Rhino, ... is refused with exit 1, one line per problem on
stderr (with --json: error type "UnsafeScript" and a "problems" list), nothing run and nothing
saved or rendered. `--allow RULE` permits one safety rule, `--no-check` skips the check.

`--memory-limit MB` caps how much the run may grow the process's address space (Linux: an
RLIMIT_AS set just before the script and lifted after it), so a script that allocates without
bound fails with a MemoryError and a rolled-back document instead of exhausting the machine.
Rhino has no such cap: there the static gate and the deadline are the protection.
"""
import json
import os
import sys
from typing import Any, List, Optional

SCRIPT_STDIN = "-"


class BadInput(Exception):
    """A problem with what the user passed: reported in one line, exit code 2."""


def add_arguments(parser) -> None:
    parser.add_argument("script", help="the Python script to run ('-' reads standard input)")
    parser.add_argument("--doc", metavar="IN.3dm", help="start from this Rhino file (default: an empty document)")
    parser.add_argument("--select", metavar="ID", nargs="+", default=[],
                        help="object ids to select before the run (the script sees them as the selection)")
    parser.add_argument("--answers", metavar="FILE.json",
                        help="a JSON list of answers for interactive rs.Get* calls, used in order")
    parser.add_argument("--save", metavar="OUT.3dm", help="write the resulting document (atomically)")
    parser.add_argument("--png", metavar="OUT.png", help="render top and perspective views of the result")
    parser.add_argument("--timeout", metavar="S", type=float, default=30.0,
                        help="seconds before a runaway script is stopped (default 30)")
    parser.add_argument("--json", action="store_true", help="print the result as one JSON object")
    from rhino_plugin.core.checks import RULES
    parser.add_argument("--allow", metavar="RULE", action="append", default=[], choices=sorted(RULES),
                        help="permit one safety rule (repeatable): %s" % ", ".join(sorted(RULES)))
    parser.add_argument("--memory-limit", metavar="MB", type=int, default=0,
                        help="fail the script with a MemoryError if the run grows the process by more "
                             "than MB mebibytes (Linux; default: no limit)")
    parser.add_argument("--no-check", action="store_true",
                        help="run without the safety check (it refuses processes, file writes, exits, ...)")


def main(args) -> int:
    try:
        code = read_script(args.script)
        answers = read_answers(args.answers) if args.answers else None
        for out in (args.save, args.png):
            if out:
                check_output_path(out)
        if not args.timeout > 0:
            raise BadInput("--timeout must be a positive number of seconds")
        memory_limit = getattr(args, "memory_limit", 0) or 0
        if memory_limit < 0:
            raise BadInput("--memory-limit must be a positive number of mebibytes (0: no limit)")
        if memory_limit and not sys.platform.startswith("linux"):
            raise BadInput("--memory-limit works on Linux only (macOS and Windows do not enforce an address-space limit)")
        host = make_host(args.doc, answers)
        select(host.doc, args.select)
    except BadInput as e:
        return bad_input(str(e), args.json)

    if not getattr(args, "no_check", False):
        problems = safety_problems(code, getattr(args, "allow", []))
        if problems:
            return refuse(problems, script_name(args.script), host.doc, args.json)

    with address_space_limit(memory_limit):
        result = host.run(code, timeout=args.timeout, filename=script_name(args.script))

    try:
        if args.save:
            save(host.doc, args.save)
            for note in host.doc.save_notes:  # what the file format bridge could not keep
                print("rhinocoder run: note: %s" % note, file=sys.stderr)
        if args.png:
            render(host.doc, args.png, result.created + result.modified)
    except BadInput as e:
        return bad_input(str(e), args.json)

    if args.json:
        print(json.dumps(result.to_dict()))
    else:
        if result.stdout:
            sys.stdout.write(result.stdout if result.stdout.endswith("\n") else result.stdout + "\n")
            sys.stdout.flush()  # the script's output before our summary on stderr
        if result.ok:
            print("ok: %d created, %d deleted, %d modified; %d objects in the document"
                  % (len(result.created), len(result.deleted), len(result.modified), result.object_count),
                  file=sys.stderr)
        else:
            err = result.error
            sys.stderr.write(err.traceback if err.traceback else "%s: %s\n" % (err.type, err.message))
            print("failed: the document was rolled back", file=sys.stderr)
    return 0 if result.ok else 1


# ---- input -----------------------------------------------------------------------------------
class address_space_limit(object):
    """While inside, the process may map at most `mb` MiB more than it has now (0: no limit)."""

    def __init__(self, mb: int):
        self.mb = mb
        self.previous = None

    def __enter__(self):
        if self.mb:
            import resource

            with open("/proc/self/statm") as handle:
                mapped = int(handle.read().split()[0]) * resource.getpagesize()
            self.previous = resource.getrlimit(resource.RLIMIT_AS)
            cap = mapped + self.mb * 1024 * 1024
            hard = self.previous[1]
            resource.setrlimit(resource.RLIMIT_AS, (cap if hard == resource.RLIM_INFINITY else min(cap, hard), hard))
        return self

    def __exit__(self, *exc):
        if self.previous is not None:
            import resource

            resource.setrlimit(resource.RLIMIT_AS, self.previous)
        return False


def script_name(path: str) -> str:
    return "<stdin>" if path == SCRIPT_STDIN else os.path.basename(path)


def read_script(path: str) -> str:
    try:
        if path == SCRIPT_STDIN:
            data = sys.stdin.buffer.read()
        else:
            with open(path, "rb") as fh:
                data = fh.read()
    except OSError as e:
        raise BadInput("cannot read script %s: %s" % (path, e.strerror or e))
    try:
        code = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise BadInput("script %s is not UTF-8 text (byte %d)" % (path, e.start))
    if not code.strip():
        raise BadInput("script %s is empty" % path)
    return code


def read_answers(path: str) -> List[Any]:
    try:
        with open(path, "r", encoding="utf-8") as fh:
            answers = json.load(fh)
    except OSError as e:
        raise BadInput("cannot read answers %s: %s" % (path, e.strerror or e))
    except (ValueError, UnicodeDecodeError) as e:
        raise BadInput("answers %s is not valid JSON: %s" % (path, e))
    if not isinstance(answers, list):
        raise BadInput("answers %s must hold a JSON list (one answer per rs.Get* call)" % path)
    return answers


def check_output_path(path: str) -> None:
    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(folder):
        raise BadInput("cannot write %s: folder %s does not exist" % (path, folder))
    if os.path.isdir(path):
        raise BadInput("cannot write %s: it is a folder" % path)


def make_host(doc_path: Optional[str], answers: Optional[List[Any]]):
    try:
        from rhino_headless.document import DocumentFileError, HeadlessDoc
        from rhino_plugin.hosts.headless import HeadlessHost
    except ImportError as e:
        raise BadInput("the headless document needs the 'headless' extra (pip install rhinocoder[headless]): %s" % e)
    doc = None
    if doc_path:
        try:
            doc = HeadlessDoc.load(doc_path)
        except DocumentFileError as e:
            raise BadInput(str(e))
    return HeadlessHost(doc, answers=answers)


def select(doc, ids: List[str]) -> None:
    from rhino_headless.document import to_uuid
    wanted = []
    for text in ids:
        oid = to_uuid(text)
        if oid is None:
            raise BadInput("--select %s: not an object id" % text)
        if doc.find(oid) is None:
            raise BadInput("--select %s: no such object in the document" % text)
        wanted.append(oid)
    if wanted and doc.select(wanted) != len(wanted):
        raise BadInput("--select: hidden or locked objects cannot be selected")


# ---- the safety gate -------------------------------------------------------------------------
def safety_problems(code: str, allow: List[str]) -> List[Any]:
    """The unsafe-code problems of `rhinocoder check` (names and arguments are the runner's business)."""
    from rhino_plugin.core.checks import UNSAFE, check
    return [p for p in check(code, allow=allow) if p.code == UNSAFE]


def refuse(problems: List[Any], name: str, doc, as_json: bool) -> int:
    """Report a script the safety check refused: nothing ran, nothing is written. Exit 1."""
    for p in problems:
        print("%s:%d: %s (%s)" % (name, p.line, p.message, p.suggestion), file=sys.stderr)
    summary = ("refused: %d safety problem%s, the script did not run and nothing was saved "
               "(--allow RULE permits one rule, --no-check skips the check)"
               % (len(problems), "" if len(problems) == 1 else "s"))
    print("rhinocoder run: %s" % summary, file=sys.stderr)
    if as_json:
        first = problems[0]
        print(json.dumps({"ok": False, "stdout": "",
                          "error": {"type": "UnsafeScript", "message": "%s: %s" % (summary, first.message),
                                    "line": first.line, "traceback": ""},
                          "created": [], "deleted": [], "modified": [], "object_count": doc.object_count,
                          "problems": [p.to_dict() for p in problems]}))
    return 1


# ---- output ----------------------------------------------------------------------------------
def save(doc, path: str) -> None:
    from rhino_headless.document import DocumentFileError
    try:
        doc.save(path)
    except DocumentFileError as e:
        raise BadInput(str(e))


def render(doc, path: str, highlight: List[str]) -> None:
    try:
        from rhino_headless.preview import render_png
    except ImportError as e:
        raise BadInput("--png needs matplotlib (pip install rhinocoder[headless]): %s" % e)
    try:
        render_png(doc, path, highlight=highlight)
    except OSError as e:
        raise BadInput("cannot write %s: %s" % (path, e.strerror or e))
    except Exception as e:  # a drawing bug must not end in a traceback; nothing was written
        raise BadInput("could not render %s: %s: %s" % (path, type(e).__name__, e))


def bad_input(message: str, as_json: bool) -> int:
    print("rhinocoder run: %s" % message, file=sys.stderr)
    if as_json:
        print(json.dumps({"ok": False, "stdout": "",
                          "error": {"type": "BadInput", "message": message, "line": None, "traceback": ""},
                          "created": [], "deleted": [], "modified": [], "object_count": 0}))
    return 2
