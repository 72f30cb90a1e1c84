"""`rhinocoder` console script: run, check, ask, chat, coverage.

Each subcommand lives in its own module with `add_arguments(parser)` and `main(args) -> int`
and is imported only when used, so `rhinocoder check` never loads rhino3dm.
Exit codes: 0 ok, 1 the script/turn failed, 2 bad usage or unreadable input.
"""
import argparse
import importlib
import sys

SUBCOMMANDS = {
    "run": "run a script on the headless document",
    "check": "statically check a script (names, arguments, safety)",
    "ask": "ask the model for a script, check it, run it, repair it (the main job)",
    "chat": "interactive chat on one headless document",
    "coverage": "print the headless rhinoscriptsyntax coverage table",
}


def _module(name):
    return importlib.import_module("rhino_plugin.cli." + name)


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    parser = argparse.ArgumentParser(prog="rhinocoder", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    wanted = argv[0] if argv and argv[0] in SUBCOMMANDS else None
    for name, help_text in SUBCOMMANDS.items():
        p = sub.add_parser(name, help=help_text)
        if name == wanted:  # only the chosen subcommand's module is imported
            _module(name).add_arguments(p)
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return 2
    try:
        return int(_module(args.command).main(args) or 0)
    except KeyboardInterrupt:
        print("rhinocoder: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
