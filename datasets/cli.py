"""`rhinocoder-data`: api-index (regenerate the checker's API index), build (the dataset),
examples (the plugin's solved-example library)."""
import argparse
import importlib
import sys

SUBCOMMANDS = {
    "api-index": ("rhino_datasets.api_index", "regenerate rhino_plugin/core/data's API index"),
    "build": ("rhino_datasets.build", "build the dataset"),
    "examples": ("rhino_datasets.examples", "regenerate the plugin's solved-example library from train.jsonl"),
}


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    parser = argparse.ArgumentParser(prog="rhinocoder-data")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    wanted = argv[0] if argv and argv[0] in SUBCOMMANDS else None
    for name, (module, help_text) in SUBCOMMANDS.items():
        p = sub.add_parser(name, help=help_text)
        if name == wanted:
            importlib.import_module(module).add_arguments(p)
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return 2
    return int(importlib.import_module(SUBCOMMANDS[args.command][0]).main(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
