"""`rhinocoder-data examples`: the plugin's library of solved requests, from the training split.

    rhinocoder-data examples [--data data/rhino] [--out rhino_plugin/core/data/examples_json.py]

Keeps every first-turn row of `train.jsonl` (instruction and selection kinds, not repairs) that
executed on the headless document and passed its checker; one row per distinct request. Only the
training split: valid and test stay unseen, and the benchmark was kept apart from the dataset by
the build's contamination check. Written as a data module, one example per line (why a module:
rhino_plugin/core/data/__init__.py), deterministic (sorted), atomically, with the sha256 of the
train.jsonl it came from. Entries whose numbers can be rewritten to another
request's (checked on the rest of their family, `examples.mark_adaptable`) carry `adapts`.
"""
import argparse
import json
import os
import sys
from typing import Any, Dict, List

from rhino_plugin.core import data as data_modules
from rhino_plugin.core.examples import mark_adaptable
from rhino_plugin.core.extract import extract_code
from rhino_plugin.core.prompt import request_of, shows_selection

from .api_index import _sha256, write

DEFAULT_OUT = data_modules.module_path("examples")
LINES = ("", "examples")  # one example per line
TITLE = "The solved-example library of rhino_plugin.core.examples (the training split's first turns)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data", default="data/rhino", help="dataset folder holding train.jsonl")
    parser.add_argument("--out", default=DEFAULT_OUT, help="output file (a data module .py, or .json, .json.gz)")


def examples_from_rows(rows) -> List[Dict[str, Any]]:
    """The library's entries from dataset rows (dicts with messages and meta)."""
    kept = {}  # type: Dict[str, Dict[str, Any]]
    for row in rows:
        meta, messages = row.get("meta") or {}, row.get("messages") or []
        if meta.get("kind") == "repair" or not meta.get("executed") or len(messages) != 3:
            continue
        user, reply = messages[1]["content"], messages[2]["content"]
        request = request_of(user)
        code = extract_code(reply).code  # the plugin's own reading of a reply
        if not request or not code or request in kept:
            continue
        kept[request] = {"request": request, "code": code.rstrip("\n") + "\n",
                         "selection": shows_selection(user),
                         "source": meta.get("source"), "family": meta.get("family")}
    return [kept[r] for r in sorted(kept)]


def main(args: argparse.Namespace) -> int:
    train = os.path.join(args.data, "train.jsonl")
    try:
        with open(train, encoding="utf-8") as fh:
            rows = [json.loads(line) for line in fh if line.strip()]
    except (OSError, ValueError) as exc:
        print("rhinocoder-data examples: cannot read %s (%s); build the dataset first" % (train, exc),
              file=sys.stderr)
        return 2
    examples = examples_from_rows(rows)
    if not examples:
        print("rhinocoder-data examples: %s has no executed first-turn row" % train, file=sys.stderr)
        return 2
    adaptable = mark_adaptable(examples)
    library = {"provenance": {"train.jsonl": _sha256(train), "rows": len(rows)}, "examples": examples}
    size = write(library, args.out, LINES, TITLE)
    print("wrote %s: %d examples (%d adapt their numbers) from %d rows, %d bytes"
          % (args.out, len(examples), adaptable, len(rows), size))
    return 0
