"""`rhinocoder-train train`: LoRA fine-tuning over mlx_lm's own trainer, configured by a preset.

    rhinocoder-train train --preset smollm2-135m --data data/rhino --out runs/smollm2-lora

Presets are data files in `training/presets/` (the choices and why are written in them).
Completion-only loss: mlx_lm's ChatDataset with `mask_prompt` masks every message but the last
assistant reply. The training loop is mlx_lm's (`tuner.trainer.train`, its progress bar shows
loss and tokens/s); this module adds what a long CPU run needs around it: a metrics log
(`metrics.jsonl`), peak memory, the best adapter kept by validation loss, early stop, resume,
and a loss-curve PNG. Output: OUT/adapters.safetensors (+ adapter_config.json, training.json).
A preset's `examples` trains on prompts that show solved examples as serving does (OUT/data/,
`example_rows.py`); `mix` reweights the rows by source and kind.
"""
import json
import math
import os
import random
import sys
import tempfile
import time
import types
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

from rhino_plugin.core.files import atomic_path, open_atomic, write_atomic
from rhino_plugin.core.prompt import PromptOptions

PRESETS = Path(__file__).resolve().parent / "presets"


class TrainError(Exception):
    """A clear, user-facing reason the run cannot start."""


class EarlyStop(Exception):
    pass


def load_preset(name_or_path: str) -> Dict[str, Any]:
    path = Path(name_or_path)
    if not path.exists():
        path = PRESETS / (name_or_path + ".json")
    if not path.exists():
        names = sorted(p.stem for p in PRESETS.glob("*.json"))
        raise TrainError("unknown preset %r (presets: %s)" % (name_or_path, ", ".join(names)))
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


def _write_json(path: Path, obj: Any) -> None:
    write_atomic(str(path), json.dumps(obj, indent=2, sort_keys=True))


def _save_weights(model, path: Path) -> None:
    import mlx.core as mx
    from mlx.utils import tree_flatten

    with atomic_path(str(path), ".safetensors") as tmp:  # save_safetensors adds the extension when missing
        mx.save_safetensors(tmp, dict(tree_flatten(model.trainable_parameters())))


def _check_data(data_dir: Path) -> None:
    for name in ("train.jsonl", "valid.jsonl"):
        f = data_dir / name
        if not f.exists():
            raise TrainError("%s is missing (build the dataset with `rhinocoder-data build --out %s`)"
                             % (f, data_dir))
        with open(f, encoding="utf-8") as fh:
            for number, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    obj = json.loads(line)
                except ValueError as exc:
                    raise TrainError("%s line %d: not valid JSON (%s)" % (f, number, exc))
                msgs = obj.get("messages") if isinstance(obj, dict) else None
                if not isinstance(msgs, list) or not msgs or msgs[-1].get("role") != "assistant":
                    raise TrainError("%s line %d: expected {\"messages\": [..., {\"role\": \"assistant\"...}]}"
                                     % (f, number))


class _Log(object):
    """mlx_lm TrainingCallback: metrics.jsonl, best adapter by validation loss, early stop."""

    def __init__(self, out: Path, model, patience: int, offset: int, log_file):
        self.out, self.model, self.patience, self.offset = out, model, patience, offset
        self.best = math.inf
        self.bad_evals = 0
        self.stop_requested = False  # Ctrl-C: stop at the next loss report
        self.log = log_file

    def _write(self, row):
        self.log.write(json.dumps(row) + "\n")
        self.log.flush()

    def on_train_loss_report(self, info):
        import mlx.core as mx

        row = dict(info, iteration=info["iteration"] + self.offset, kind="train",
                   peak_memory_gb=mx.get_peak_memory() / 1e9, time=time.time())
        self._write(row)
        if self.stop_requested:  # between two steps: the weights are whole, keep them
            _save_weights(self.model, self.out / "adapters.safetensors")
            raise EarlyStop("interrupted after iteration %d" % row["iteration"])
        if not math.isfinite(info["train_loss"]):  # every later step would only spread the NaN
            raise EarlyStop("the training loss became %s at iteration %d" % (info["train_loss"], row["iteration"]))
        print("  it %d  loss %.3f  %.0f tok/s  peak %.2f GB" % (
            row["iteration"], info["train_loss"], info["tokens_per_second"], row["peak_memory_gb"]),
            file=sys.stderr, flush=True)

    def on_val_loss_report(self, info):
        it = info["iteration"] + self.offset
        self._write({"kind": "val", "iteration": it, "val_loss": info["val_loss"], "time": time.time()})
        if info["val_loss"] < self.best - 1e-4:
            self.best, self.bad_evals = info["val_loss"], 0
            if info["iteration"] > 0:
                _save_weights(self.model, self.out / "best_adapters.safetensors")
        elif info["iteration"] > 0:
            self.bad_evals += 1
            if self.patience and self.bad_evals >= self.patience:
                raise EarlyStop("validation loss has not improved for %d evaluations" % self.bad_evals)


def _stop_on_ctrl_c(log: "_Log"):
    """The first Ctrl-C asks the run to stop at the next loss report (an interrupt inside a step
    leaves the weights half-updated: mlx then cannot even save them); a second one aborts.
    Returns the function that puts the previous handler back."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        return lambda: None
    previous = signal.getsignal(signal.SIGINT)

    def handler(signum, frame):
        log.stop_requested = True
        signal.signal(signal.SIGINT, signal.default_int_handler)
        print("\ntrain: stopping after the next loss report (Ctrl-C again to abort without a card)",
              file=sys.stderr, flush=True)

    signal.signal(signal.SIGINT, handler)
    return lambda: signal.signal(signal.SIGINT, previous)


class FittingRows(object):
    """The rows of a dataset whose prompt leaves at least MIN_TARGET reply tokens inside the
    sequence cap. mlx_lm truncates a row to max_seq_length and masks the prompt; a row whose prompt
    alone fills the cap has no target token left, its loss is 0/0 = NaN, and one such row turns
    every LoRA weight into NaN. Such rows are dropped (and counted in the card) instead."""

    MIN_TARGET = 16

    def __init__(self, dataset, max_seq_length: int, limit: Optional[int] = None,
                 weights: Optional[List[float]] = None, seed: int = 0):
        from mlx_lm.tuner.datasets import CacheDataset

        self._data = CacheDataset(dataset)
        self.indices = [i for i in range(len(self._data))
                      if self._data[i][1] + self.MIN_TARGET < max_seq_length]
        self.dropped = len(self._data) - len(self.indices)
        if limit and limit < len(self.indices):  # a fixed, evenly spread subset (validation)
            step = len(self.indices) / float(limit)
            self.indices = [self.indices[int(k * step)] for k in range(limit)]
        if weights is not None:  # the preset's mix: a row of weight w appears w times on average
            rng = random.Random(seed)
            self.indices = [i for i in self.indices
                            for _ in range(int(weights[i]) + (rng.random() < weights[i] % 1))]

    def __getitem__(self, idx: int):
        return self._data[self.indices[idx]]

    def __len__(self) -> int:
        return len(self.indices)


def mix_weights(rows_path: Path, mix: Optional[Dict[str, float]]) -> Optional[List[float]]:
    """Per-row sampling weights from a preset's `mix` ({"source/kind": weight}, "*" matches any
    source or kind; the most specific key wins, unmatched rows weigh 1), read from the rows' meta."""
    if not mix:
        return None
    for key, w in mix.items():
        if key.count("/") != 1 or not isinstance(w, (int, float)) or w < 0:
            raise TrainError("bad mix entry %r: %r (want \"source/kind\": weight >= 0)" % (key, w))
    weights = []
    with open(rows_path, encoding="utf-8") as fh:
        for line in fh:
            meta = json.loads(line).get("meta") or {}
            source, kind = str(meta.get("source", "")), str(meta.get("kind", ""))
            for key in ("%s/%s" % (source, kind), "%s/*" % source, "*/%s" % kind, "*/*"):
                if key in mix:
                    weights.append(float(mix[key]))
                    break
            else:
                weights.append(1.0)
    return weights


def validation_rows(valid_set, preset: Dict[str, Any]) -> "FittingRows":
    """The preset's fixed validation rows: val_batches x batch_size rows, evenly spread."""
    return FittingRows(valid_set, int(preset["max_seq_length"]),
                       limit=int(preset["val_batches"]) * int(preset["batch_size"]))


def fitting_data(preset: Dict[str, Any], data: Path, scratch: Path) -> Tuple[Path, Optional[Dict[str, Any]]]:
    """The folder training reads: the dataset itself, or with a preset's `examples` a copy under
    scratch whose prompts show solved examples as serving does (example_rows.py), and its counts."""
    k = int(preset.get("examples", 0) or 0)
    if k <= 0:
        return data, None
    from .example_rows import prepare

    budget = int(preset.get("examples_budget_tokens", PromptOptions().examples_budget_tokens))
    return scratch, prepare(data, scratch, k, budget)


def validation_loss(preset: Dict[str, Any], data_dir: str, adapter: Optional[str] = None,
                    model_path: Optional[str] = None) -> float:
    """Loss on the preset's fixed validation rows (the ones training reports), for the base model
    (adapter None) or an adapter folder / .safetensors file: compares checkpoints and base fairly."""
    from model_server.fast_blas import ensure_fast_blas

    ensure_fast_blas()
    from mlx_lm import load
    from mlx_lm.tuner.datasets import load_local_dataset
    from mlx_lm.tuner.trainer import evaluate
    from mlx_lm.tuner.utils import linear_to_lora_layers

    if model_path is None:
        from model_server.resolve import resolve_model

        model_path = str(resolve_model(preset["model"], adapter="none").path)
    model, tokenizer = load(model_path)
    with tempfile.TemporaryDirectory(prefix="rhinocoder-val.") as tmp:
        fit_data, _ = fitting_data(preset, Path(data_dir), Path(tmp))
        _, valid_set, _ = load_local_dataset(fit_data, tokenizer, types.SimpleNamespace(mask_prompt=True))
    valid = validation_rows(valid_set, preset)
    if adapter:
        weights = Path(adapter)
        weights = weights / "adapters.safetensors" if weights.is_dir() else weights
        model.freeze()
        linear_to_lora_layers(model, preset["num_layers"], dict(preset["lora_parameters"]))
        model.load_weights(str(weights), strict=False)
    return evaluate(model, valid, batch_size=int(preset["batch_size"]), num_batches=-1,
                    max_seq_length=int(preset["max_seq_length"]))


def _read_metrics(path: Path):
    rows = []
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            try:
                rows.append(json.loads(line))
            except ValueError:
                pass
    return rows


def loss_curve(metrics_path: Path, png: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    rows = _read_metrics(metrics_path)
    tr = [(r["iteration"], r["train_loss"]) for r in rows if r.get("kind") == "train"]
    va = [(r["iteration"], r["val_loss"]) for r in rows if r.get("kind") == "val"]
    fig, ax = plt.subplots(figsize=(7, 4), dpi=110)
    if tr:
        ax.plot(*zip(*tr), label="train loss")
    if va:
        ax.plot(*zip(*va), "o-", label="validation loss")
    ax.set_xlabel("iteration")
    ax.set_ylabel("loss")
    ax.set_title("LoRA training: %s" % png.parent.name)
    ax.grid(alpha=0.3)
    ax.legend()
    fig.tight_layout()
    try:
        with open_atomic(str(png), "wb") as fh:
            fig.savefig(fh, format="png")
    finally:
        plt.close(fig)


def lr_schedule(preset: Dict[str, Any], iterations: int, resume: bool = False):
    """The learning rate per optimizer update (one per grad_accumulation_steps iterations):
    lr_warmup updates of linear warm-up from lr/100, then cosine to lr/10 at the last update."""
    import mlx.optimizers as optim

    lr = float(preset["learning_rate"])
    updates = max(1, iterations // max(1, int(preset.get("grad_accumulation_steps", 1))))
    warmup = min(int(preset.get("lr_warmup", 0)), updates // 2)
    if warmup and not resume:
        return optim.join_schedules([optim.linear_schedule(lr / 100.0, lr, warmup),
                                     optim.cosine_decay(lr, max(1, updates - warmup), lr / 10.0)], [warmup])
    return optim.cosine_decay(lr, updates, lr / 10.0)


def train(preset: Dict[str, Any], data_dir: str, out_dir: str, iters: Optional[int] = None,
          resume: bool = False, model_path: Optional[str] = None) -> Dict[str, Any]:
    """Run LoRA training; returns the training card (also written to OUT/training.json)."""
    from model_server.fast_blas import ensure_fast_blas

    ensure_fast_blas()
    import mlx.core as mx
    import mlx.optimizers as optim
    from mlx_lm import load
    from mlx_lm.tuner.datasets import load_local_dataset
    from mlx_lm.tuner.trainer import TrainingArgs, train as mlx_train
    from mlx_lm.tuner.utils import linear_to_lora_layers

    data, out = Path(data_dir), Path(out_dir)
    _check_data(data)
    if model_path is None:
        from model_server.resolve import resolve_model

        model_path = str(resolve_model(preset["model"]).path)
    out.mkdir(parents=True, exist_ok=True)
    metrics_path = out / "metrics.jsonl"
    done_iters = 0
    if resume:
        rows = [r for r in _read_metrics(metrics_path) if r.get("kind") == "train"]
        done_iters = rows[-1]["iteration"] if rows else 0
        if not (out / "adapters.safetensors").exists():
            raise TrainError("nothing to resume in %s (no adapters.safetensors)" % out)
    elif metrics_path.exists():
        metrics_path.unlink()
    total = int(iters or preset["iters"])
    remaining = total - done_iters
    if remaining <= 0:
        raise TrainError("already trained %d of %d iterations" % (done_iters, total))

    mx.random.seed(int(preset.get("seed", 0)))
    # mlx_lm draws the row order from numpy's global generator: seeding it makes a run repeatable,
    # and offsetting by the iterations already done makes a resumed run draw a new order instead
    # of replaying the rows the first run trained on.
    import numpy as np

    np.random.seed(int(preset.get("seed", 0)) + done_iters)
    model, tokenizer = load(model_path)
    fit_data, example_stats = fitting_data(preset, data, out / "data")
    if example_stats:
        print("train: solved examples in %d of %d training and %d of %d validation prompts (%s)"
              % (example_stats["train"]["with_example"], example_stats["train"]["rows"],
                 example_stats["valid"]["with_example"], example_stats["valid"]["rows"], fit_data),
              file=sys.stderr, flush=True)
    train_set, valid_set, _ = load_local_dataset(fit_data, tokenizer, types.SimpleNamespace(mask_prompt=True))
    max_len = int(preset["max_seq_length"])
    # Validation is the same fixed rows every time (mlx_lm would draw val_batches random batches
    # per evaluation: with a dozen rows the loss swung 0.19 -> 0.66 between evaluations, so the
    # best-adapter choice and the early stop followed noise).
    weights = mix_weights(data / "train.jsonl", preset.get("mix"))
    if weights is not None and len(weights) != len(train_set):
        raise TrainError("train.jsonl has %d rows but mlx_lm loaded %d" % (len(weights), len(train_set)))
    train_set = FittingRows(train_set, max_len, weights=weights, seed=int(preset.get("seed", 0)))
    valid_set = validation_rows(valid_set, preset)
    if not len(train_set) or not len(valid_set):
        raise TrainError("no %s row leaves %d reply tokens within max_seq_length %d (the prompts are longer)"
                         % ("training" if not len(train_set) else "validation", FittingRows.MIN_TARGET, max_len))
    if train_set.dropped or valid_set.dropped:
        print("train: %d training and %d validation rows dropped: their prompt fills max_seq_length %d"
              % (train_set.dropped, valid_set.dropped, max_len), file=sys.stderr, flush=True)
    model.freeze()
    lora = dict(preset["lora_parameters"])
    linear_to_lora_layers(model, preset["num_layers"], lora)
    if resume:
        model.load_weights(str(out / "adapters.safetensors"), strict=False)
    _write_json(out / "adapter_config.json", {
        "fine_tune_type": preset.get("fine_tune_type", "lora"), "num_layers": preset["num_layers"],
        "lora_parameters": lora, "model": model_path, "preset": preset["name"]})

    schedule = lr_schedule(preset, remaining, resume)
    opt_cls = optim.AdamW if preset.get("optimizer", "adamw") == "adamw" else optim.Adam
    optimizer = opt_cls(learning_rate=schedule)
    args = TrainingArgs(
        batch_size=int(preset["batch_size"]), iters=remaining, val_batches=-1,
        steps_per_report=int(preset["steps_per_report"]), steps_per_eval=int(preset["steps_per_eval"]),
        steps_per_save=int(preset["save_every"]), max_seq_length=int(preset["max_seq_length"]),
        adapter_file=str(out / "adapters.safetensors"), grad_checkpoint=bool(preset.get("grad_checkpoint")),
        grad_accumulation_steps=int(preset.get("grad_accumulation_steps", 1)))
    mx.reset_peak_memory()
    started = time.time()
    stopped = None
    with open(metrics_path, "a", encoding="utf-8") as log_file:
        log = _Log(out, model, int(preset.get("early_stop_patience", 0)), done_iters, log_file)
        restore = _stop_on_ctrl_c(log)
        try:
            mlx_train(model=model, args=args, optimizer=optimizer, train_dataset=train_set,
                      val_dataset=valid_set, training_callback=log)
        except EarlyStop as exc:
            stopped = str(exc)
        finally:
            restore()
    best = out / "best_adapters.safetensors"
    kept_best = best.exists()
    if kept_best:  # the adapter we keep is the one with the lowest validation loss
        os.replace(best, out / "adapters.safetensors")
    rows = _read_metrics(metrics_path)
    train_rows = [r for r in rows if r.get("kind") == "train"]
    val_rows = [r for r in rows if r.get("kind") == "val"]
    card = {
        "preset": preset["name"], "base_model": model_path, "data": _data_hashes(data),
        "iterations": train_rows[-1]["iteration"] if train_rows else 0, "planned_iterations": total,
        "early_stop": stopped, "final_train_loss": train_rows[-1]["train_loss"] if train_rows else None,
        "final_val_loss": val_rows[-1]["val_loss"] if val_rows else None,
        "best_val_loss": min((r["val_loss"] for r in val_rows), default=None),
        "tokens_per_second": (sum(r["tokens_per_second"] for r in train_rows) / len(train_rows)) if train_rows else None,
        "peak_memory_gb": mx.get_peak_memory() / 1e9, "wall_seconds": time.time() - started,
        "lora_parameters": lora, "num_layers": preset["num_layers"],
        "mix": preset.get("mix"),
        "examples": example_stats,
        "rows": {"train": len(set(train_set.indices)), "train_sampled": len(train_set),
                 "valid": len(valid_set), "dropped_train": train_set.dropped,
                 "dropped_valid": valid_set.dropped, "max_seq_length": max_len},
    }
    card["fixed_validation_loss"] = fixed_validation_table(val_rows, card["best_val_loss"] if kept_best else None)
    _write_json(out / "training.json", card)
    loss_curve(metrics_path, out / "loss.png")
    return card


def fixed_validation_table(val_rows, kept_loss: Optional[float]) -> Dict[str, float]:
    """The card's loss table on the fixed validation rows, from the run's own evaluations: mlx_lm
    evaluates before a step, so the row of iteration 0 is the base model (a fresh run only) and
    the others are checkpoints; the kept (best) one is marked "(this adapter)"."""
    table = {}  # type: Dict[str, float]
    marked = False
    for r in val_rows:
        key = "base (no adapter)" if r["iteration"] == 0 else "iteration %d" % r["iteration"]
        if not marked and kept_loss is not None and r["iteration"] > 0 and r["val_loss"] == kept_loss:
            key, marked = key + " (this adapter)", True
        table[key] = round(float(r["val_loss"]), 4)
    return table


def file_sha256(path) -> str:
    import hashlib

    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _data_hashes(data: Path) -> Dict[str, str]:
    return dict((name, file_sha256(data / name)) for name in ("train.jsonl", "valid.jsonl"))


def add_arguments(p):
    p.add_argument("--preset", required=True, help="preset name (training/presets/*.json) or a JSON file")
    p.add_argument("--data", default="data/rhino", help="folder with train.jsonl and valid.jsonl")
    p.add_argument("--iters", type=int, default=None, help="override the preset's iterations")
    p.add_argument("--model", default=None, help="override the preset's base model folder")
    p.add_argument("--resume", action="store_true", help="continue from OUT/adapters.safetensors")
    p.add_argument("--out", required=True, help="output folder for the adapter and logs")


def main(args) -> int:
    try:
        preset = load_preset(args.preset)
        card = train(preset, args.data, args.out, iters=args.iters, resume=args.resume, model_path=args.model)
    except TrainError as exc:
        print("rhinocoder-train train: %s" % exc, file=sys.stderr)
        return 2
    print(json.dumps(card, indent=2))
    return 0
