"""`rhinocoder-train publish RUN`: make a trained adapter the embedded default's adapter.

    rhinocoder-train publish runs/smollm2-lora      # -> model_server/adapters/default/

Copies the adapter, its config (with the machine-specific base-model path replaced by the spec
"default"), the training card, metrics log and loss curve, and writes CARD.md with the adapter's
SHA-256 so anyone can tell which file the card describes. The folder is built beside the
destination and swapped in whole: an interrupted publish leaves the old adapter or the new one,
never a mix. `rhinocoder-server --model default` and `rhinocoder ask` pick it up from then on.
"""
import json
import os
import shutil
import sys
from pathlib import Path
from typing import Any, Dict

from rhino_plugin.core.files import atomic_folder

from .train import file_sha256 as sha256

NEEDED = ("adapters.safetensors", "adapter_config.json", "training.json")
OPTIONAL = ("metrics.jsonl", "loss.png")


class PublishError(Exception):
    pass


def _row_order(key: str):
    """Base first, then the checkpoints by iteration (the card's JSON keeps its keys sorted as text)."""
    words = key.split()
    return (0, 0) if not key.startswith("iteration ") else (1, int(words[1]))


def _examples_text(stats) -> str:
    if not stats:
        return "none (the dataset's prompts as built)"
    return ("%s per row, own request and answer left out: %s of %s training and %s of %s validation "
            "prompts show one (library of %s)" % (stats.get("per_row"), stats["train"]["with_example"],
                                                  stats["train"]["rows"], stats["valid"]["with_example"],
                                                  stats["valid"]["rows"], stats.get("library")))


def card_markdown(card: Dict[str, Any]) -> str:
    def num(v, fmt="%.3f"):
        return "-" if v is None else fmt % v

    lora = card.get("lora_parameters") or {}
    data = card.get("data") or {}
    lines = [
        "# Default adapter: %s" % card.get("preset"), "",
        "LoRA adapter for the embedded default model, loaded automatically by `rhinocoder-server "
        "--model default` (`--adapter none` turns it off).", "",
        "| field | value |", "|---|---|",
        "| preset | `%s` (`training/presets/%s.json`) |" % (card.get("preset"), card.get("preset")),
        "| base model | %s |" % card.get("base_model_name", "-"),
        "| adapter sha256 | `%s` |" % card.get("adapter_sha256"),
        "| train.jsonl sha256 | `%s` |" % data.get("train.jsonl"),
        "| valid.jsonl sha256 | `%s` |" % data.get("valid.jsonl"),
        "| iterations | %s of %s planned%s |" % (card.get("iterations"), card.get("planned_iterations"),
                                                   " (early stop: %s)" % card["early_stop"] if card.get("early_stop") else ""),
        "| LoRA | rank %s, scale %s, dropout %s, top %s layers |" % (
            lora.get("rank"), lora.get("scale"), lora.get("dropout"), card.get("num_layers")),
        "| solved examples in the prompts | %s |" % _examples_text(card.get("examples")),
        "| final train loss | %s |" % num(card.get("final_train_loss")),
        "| final / best validation loss | %s / %s |" % (num(card.get("final_val_loss")), num(card.get("best_val_loss"))),
        "| completion tokens/s | %s |" % num(card.get("tokens_per_second"), "%.1f"),
        "| peak memory | %s GB |" % num(card.get("peak_memory_gb"), "%.2f"),
        "| wall time | %s min |" % num((card.get("wall_seconds") or 0) / 60.0, "%.1f"),
        "", "Reproduce: `rhinocoder-data build --out data/rhino --jobs 2 && rhinocoder-train train --preset %s "
        "--data data/rhino --out runs/smollm2-lora && rhinocoder-train publish runs/smollm2-lora` "
        "(the data hashes above tell whether your dataset is the same)." % card.get("preset"),
    ]
    fixed = card.get("fixed_validation_loss") or {}
    if fixed:
        lines += ["", "Loss on the preset's fixed validation rows (`rhinocoder-train val-loss`; lower is better):", "",
                  "| model | loss |", "|---|---|"] + ["| %s | %.4f |" % (k, fixed[k]) for k in sorted(fixed, key=_row_order)]
    for note in card.get("notes") or []:
        lines += ["", note]
    if (card.get("files") or {}).get("loss.png"):
        lines += ["", "![loss curve](loss.png)"]
    return "\n".join(lines) + "\n"


def publish(run_dir: str, dest: str = None) -> Dict[str, Any]:
    from model_server import default_model

    run, target = Path(run_dir), Path(dest) if dest else default_model.ADAPTER_DIR
    missing = [n for n in NEEDED if not (run / n).is_file()]
    if missing:
        raise PublishError("%s is not a finished training run (missing %s)" % (run, ", ".join(missing)))
    try:
        card = json.loads((run / "training.json").read_text(encoding="utf-8"))
        config = json.loads((run / "adapter_config.json").read_text(encoding="utf-8"))
    except ValueError as exc:
        raise PublishError("%s: unreadable training card or adapter config (%s)" % (run, exc))
    target.parent.mkdir(parents=True, exist_ok=True)
    with atomic_folder(str(target)) as staged:
        stage = Path(staged)
        os.chmod(str(stage), 0o755)  # this folder ships with the package: readable whatever the umask
        shutil.copy2(str(run / "adapters.safetensors"), str(stage / "adapters.safetensors"))
        for name in OPTIONAL:
            if (run / name).is_file():
                shutil.copy2(str(run / name), str(stage / name))
        base = default_model.CATALOGUE_NAME
        try:
            from .train import load_preset

            preset = load_preset(card.get("preset") or "")
            base = preset["model"]
            name = default_model.DEFAULT_NAME if preset["model"] == default_model.CATALOGUE_NAME \
                else preset["model"]
            card["base_model_name"] = "%s (%s)" % (name, preset.get("dtype", "as stored"))
        except Exception:  # a preset file not shipped here: the card says less, nothing breaks
            pass
        trained_on = card.get("base_model")        # the folder the run loaded (before it is renamed)
        config["model"] = base
        card.update(adapter_sha256=sha256(stage / "adapters.safetensors"), base_model=base,
                    files=dict((n, (stage / n).is_file()) for n in OPTIONAL))
        (stage / "adapter_config.json").write_text(json.dumps(config, indent=2, sort_keys=True) + "\n")
        _export_gguf(stage, trained_on if trained_on and Path(str(trained_on)).is_dir() else base)
        (stage / "training.json").write_text(json.dumps(card, indent=2, sort_keys=True) + "\n")
        (stage / "CARD.md").write_text(card_markdown(card), encoding="utf-8")
    return card


def _export_gguf(stage: Path, base: str) -> None:
    """adapter.gguf beside the MLX adapter: what the llama.cpp engine loads for the same base."""
    from model_server.gguf_export import ExportError, export_adapter
    from model_server.resolve import ModelNotFoundError, resolve_model

    try:
        folder = Path(base) if Path(base).is_dir() else resolve_model(base, adapter="none", progress=False).path
        out = export_adapter(stage, folder, stage / "adapter.gguf")
        os.chmod(str(out), 0o644)
    except (ExportError, ModelNotFoundError) as exc:
        raise PublishError("could not write adapter.gguf for llama.cpp: %s" % exc)


def add_arguments(p):
    p.add_argument("run", help="a finished `rhinocoder-train train` output folder")
    p.add_argument("--to", default=None, help="destination folder (default: the embedded default's adapter)")


def main(args) -> int:
    try:
        card = publish(args.run, args.to)
    except PublishError as exc:
        print("rhinocoder-train publish: %s" % exc, file=sys.stderr)
        return 2
    from model_server import default_model

    print("published %s (sha256 %s) -> %s" % (args.run, card["adapter_sha256"][:12],
                                             args.to or default_model.ADAPTER_DIR))
    return 0
