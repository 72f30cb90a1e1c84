"""`rhinocoder coverage [--json] [--markdown] [--examples]`: the headless rhinoscriptsyntax coverage table.

Per official module: implemented / unsupported (deliberately needs Rhino) / missing (auto-stub).
`--examples` also runs every official example on a fresh headless document (takes a while).
"""
import json
import sys


def add_arguments(parser):
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table (for the README)")
    parser.add_argument("--examples", action="store_true", help="also run the official examples")
    parser.add_argument("--names", action="store_true", help="list function names per status (text output)")


def main(args) -> int:
    from rhino_headless import coverage  # lazy: rhino3dm is loaded only for this subcommand

    tab = coverage.table()
    if not tab["totals"]["total"]:
        print("rhinocoder coverage: no official function list found (API index or rhinoscriptsyntax.json)",
              file=sys.stderr)
        return 2
    examples = None
    if args.examples:
        from rhino_headless.official_examples import run_all
        from rhino_plugin.hosts.headless import HeadlessHost
        examples = run_all(HeadlessHost)
    if args.json:
        out = {"modules": {m: {k: len(v) for k, v in row.items()} for m, row in tab["modules"].items()},
               "totals": tab["totals"],
               "unsupported": sorted(n for row in tab["modules"].values() for n in row["unsupported"]),
               "missing": sorted(n for row in tab["modules"].values() for n in row["missing"])}
        if examples:
            out["examples"] = examples["counts"]
        print(json.dumps(out, indent=1))
        return 0
    if args.markdown:
        print(coverage.markdown(tab, examples))
        return 0
    print("%-16s %12s %12s %8s %6s" % ("module", "implemented", "unsupported", "missing", "total"))
    for mod, row in sorted(tab["modules"].items()):
        n = [len(row[k]) for k in ("implemented", "unsupported", "missing")]
        print("%-16s %12d %12d %8d %6d" % (mod, n[0], n[1], n[2], sum(n)))
        if args.names:
            for k in ("unsupported", "missing"):
                if row[k]:
                    print("    %s: %s" % (k, ", ".join(row[k])))
    t = tab["totals"]
    print("%-16s %12s %12d %8d %6d" % ("all", "%d (%.1f%%)" % (t["implemented"], t["implemented_pct"]),
                                      t["unsupported"], t["missing"], t["total"]))
    if examples:
        print(coverage.markdown(tab, examples).splitlines()[-1])
    return 0
