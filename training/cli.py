"""`rhinocoder-train`: eval (the execution benchmark), eval-compare, train, fuse, publish, export."""
import argparse
import importlib
import json
import sys

SUBCOMMANDS = {
    "eval": ("training.eval_run", "run the execution benchmark on a model (or the references)"),
    "eval-compare": ("training.cli", "put two benchmark reports side by side"),
    "eval-merge": ("training.eval_run", "one report from the shards of one benchmark run"),
    "train": ("training.train", "LoRA fine-tuning with a preset"),
    "fuse": ("training.fuse", "fuse a LoRA adapter into its base model"),
    "publish": ("training.publish", "make a trained adapter the embedded default's adapter"),
    "export": ("training.export", "write an MLX LoRA adapter as a GGUF LoRA adapter (llama.cpp, Ollama, LM Studio)"),
    "val-loss": ("training.cli", "loss of the base model and adapters on a preset's fixed validation rows"),
}


def val_loss_arguments(p):
    p.add_argument("--preset", required=True, help="preset name or JSON file (rows, layers, LoRA shape)")
    p.add_argument("--data", default="data/rhino", help="folder with valid.jsonl")
    p.add_argument("adapters", nargs="*", help="adapter folders or .safetensors checkpoints (none: the base only)")


def val_loss_main(args) -> int:
    from .train import TrainError, load_preset, validation_loss

    try:
        preset = load_preset(args.preset)
        rows = [("base", validation_loss(preset, args.data, None))]
        for adapter in args.adapters:
            rows.append((adapter, validation_loss(preset, args.data, adapter)))
    except (TrainError, OSError, ValueError) as exc:
        print("rhinocoder-train val-loss: %s" % exc, file=sys.stderr)
        return 2
    for name, loss in rows:
        print("%-60s %.4f" % (name, loss), flush=True)
    return 0


def compare_arguments(p):
    p.add_argument("a", help="first report.json (the baseline)")
    p.add_argument("b", help="second report.json")
    p.add_argument("--out", default=None, help="also write the Markdown table here")


def compare_main(args) -> int:
    import os

    from rhino_plugin.core.files import write_atomic

    from .report import compare, load_results, on_common_tasks

    try:
        with open(args.a, encoding="utf-8") as fa, open(args.b, encoding="utf-8") as fb:
            a, b = json.load(fa), json.load(fb)
        for name, rep in ((args.a, a), (args.b, b)):
            if not isinstance(rep, dict) or not all(k in rep for k in ("meta", "overall", "by_category")):
                raise ValueError("%s is not a benchmark report.json (no meta/overall/by_category)" % name)
    except (OSError, ValueError) as exc:
        print("rhinocoder-train eval-compare: cannot read report: %s" % exc, file=sys.stderr)
        return 2
    # like for like: when both runs' per-task records sit beside their reports, compare the tasks
    # both ran (a run stopped early or limited differently would otherwise skew every rate)
    note = ""
    ra, rb = [os.path.join(os.path.dirname(os.path.abspath(p)), "results.jsonl") for p in (args.a, args.b)]
    if os.path.exists(ra) and os.path.exists(rb):
        a_res, b_res = load_results(ra), load_results(rb)
        a, b, n = on_common_tasks(a_res, b_res, a["meta"], b["meta"])
        note = "On the %d tasks both runs have (A ran %d, B ran %d); needs_kernel tasks are not scored headless." % (
            n, len(a_res), len(b_res))
    table = compare(a, b, note=note)
    if args.out:  # before printing: `eval-compare ... --out F | head` must still write F whole
        write_atomic(args.out, table)
    try:
        print(table)
        sys.stdout.flush()
    except BrokenPipeError:  # the reader (head, less) stopped early: not an error of ours
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    parser = argparse.ArgumentParser(prog="rhinocoder-train", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    wanted = argv[0] if argv and argv[0] in SUBCOMMANDS else None
    for name, (module, help_text) in SUBCOMMANDS.items():
        p = sub.add_parser(name, help=help_text)
        if name == wanted:
            if name == "eval-compare":
                compare_arguments(p)
            elif name == "val-loss":
                val_loss_arguments(p)
            elif name == "eval-merge":
                importlib.import_module(module).merge_arguments(p)
            else:
                importlib.import_module(module).add_arguments(p)
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return 2
    if args.command == "eval-compare":
        return compare_main(args)
    if args.command == "val-loss":
        return val_loss_main(args)
    if args.command == "eval-merge":
        return importlib.import_module("training.eval_run").merge_main(args)
    try:
        return int(importlib.import_module(SUBCOMMANDS[args.command][0]).main(args) or 0)
    except KeyboardInterrupt:
        print("rhinocoder-train: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
