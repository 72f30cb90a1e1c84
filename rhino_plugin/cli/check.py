"""`rhinocoder check SCRIPT.py`: statically check a script without running it.

    rhinocoder check SCRIPT.py [--json] [--allow-unsafe] [--allow RULE]...

Checks syntax, unknown rs.* / Rhino.* / scriptcontext names (with a did-you-mean), rs.* argument
counts and keywords, and the safety gate (rules: process, file-write, network, dynamic-code, ctypes,
environ, introspection, reflection, exit, threads, rhino-command; rhino_plugin/core/README.md).
`--json` prints {"ok": bool, "problems": [{"code", "line", "name", "message", "suggestion"}]}.
Exit 0 clean, 1 problems found, 2 bad input (missing file, not UTF-8, empty): one line on stderr.
Never loads rhino3dm or any third-party package.
"""
import json
import sys

from .run import SCRIPT_STDIN, BadInput, read_script  # one reader for every command that takes a script


def add_arguments(parser) -> None:
    from rhino_plugin.core.checks import RULES
    parser.add_argument("script", help="the Python script to check ('-' reads standard input)")
    parser.add_argument("--json", action="store_true", help="print the result as one JSON object")
    parser.add_argument("--allow-unsafe", action="store_true",
                        help="permit everything the safety gate refuses (every rule below)")
    parser.add_argument("--allow", metavar="RULE", action="append", default=[], choices=sorted(RULES),
                        help="permit one safety rule (repeatable): %s" % ", ".join(sorted(RULES)))


def main(args) -> int:
    from rhino_plugin.core.checks import check
    try:
        code = read_script(args.script)
    except BadInput as exc:
        print("rhinocoder check: %s" % exc, file=sys.stderr)
        return 2
    problems = check(code, allow_unsafe=args.allow_unsafe, allow=args.allow)
    if args.json:
        print(json.dumps({"ok": not problems, "problems": [p.to_dict() for p in problems]}))
    else:
        name = "<stdin>" if args.script == SCRIPT_STDIN else args.script
        for p in problems:
            print("%s:%d: %s: %s%s" % (name, p.line, p.code, p.message,
                                       (" (%s)" % p.suggestion) if p.suggestion else ""))
        print("ok: no problems" if not problems else "%d problem%s" % (len(problems), "" if len(problems) == 1 else "s"),
              file=sys.stderr)
    return 0 if not problems else 1
