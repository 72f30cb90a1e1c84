"""Training throughput: `rhinocoder-train train` vs raw mlx_lm LoRA, same data and settings, one run.

    .venv/bin/python benchmarks/train_bench.py --model default --data data/rhino --iters 20
    .venv/bin/python benchmarks/train_bench.py --tiny --iters 40       # no download: tiny model

Both sides train the same LoRA layers with the same optimizer, sequence length and batch on the
same rows, alternating (ours, raw, ours, raw) to spread machine noise; it prints the median
trained tokens/s of each and the ratio (goal: ours >= 0.95x raw).
"""
import argparse
import json
import statistics
import sys
import tempfile
import time
import types
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def raw_run(model_path, data, preset, iters):
    import mlx.core as mx
    import mlx.optimizers as optim
    from mlx_lm import load
    from mlx_lm.tuner.callbacks import TrainingCallback
    from mlx_lm.tuner.datasets import CacheDataset, load_local_dataset
    from mlx_lm.tuner.trainer import TrainingArgs, train
    from mlx_lm.tuner.utils import linear_to_lora_layers

    class Keep(TrainingCallback):
        def __init__(self):
            self.rows = []

        def on_train_loss_report(self, info):
            self.rows.append(info)

    mx.random.seed(0)
    model, tok = load(model_path)
    tr, va, _ = load_local_dataset(Path(data), tok, types.SimpleNamespace(mask_prompt=True))
    model.freeze()
    linear_to_lora_layers(model, preset["num_layers"], dict(preset["lora_parameters"]))
    keep = Keep()
    with tempfile.TemporaryDirectory() as d:
        args = TrainingArgs(batch_size=preset["batch_size"], iters=iters, val_batches=1, steps_per_report=preset["steps_per_report"],
                            steps_per_eval=10 ** 9, steps_per_save=10 ** 9, max_seq_length=preset["max_seq_length"],
                            adapter_file=str(Path(d) / "a.safetensors"),
                            grad_accumulation_steps=preset.get("grad_accumulation_steps", 1))
        train(model=model, optimizer=optim.AdamW(learning_rate=preset["learning_rate"]), train_dataset=CacheDataset(tr),
              val_dataset=None, args=args, training_callback=keep)
    return [r["tokens_per_second"] for r in keep.rows[1:]] or [keep.rows[-1]["tokens_per_second"]]


def ours_run(model_path, data, preset, iters):
    from training.train import train

    with tempfile.TemporaryDirectory() as d:
        p = dict(preset, steps_per_eval=10 ** 9, save_every=10 ** 9, val_batches=1, early_stop_patience=0, lr_warmup=0)
        train(p, data, d, iters=iters, model_path=model_path)
        rows = [json.loads(l) for l in (Path(d) / "metrics.jsonl").read_text().splitlines()]
    tps = [r["tokens_per_second"] for r in rows if r.get("kind") == "train"]
    return tps[1:] or tps


def fitting_rows(model_path, folder, max_seq_length):
    """Keep only rows whose prompt leaves reply tokens within the cap. rhinocoder-train drops the
    others (their loss is NaN); raw mlx_lm would train on them, and since tokens/s counts reply
    tokens, the two sides would not be measuring the same work."""
    import types

    from mlx_lm import load
    from mlx_lm.tuner.datasets import load_local_dataset

    from training.train import FittingRows

    _, tok = load(model_path)
    train_set, valid_set, _ = load_local_dataset(folder, tok, types.SimpleNamespace(mask_prompt=True))
    for name, ds in (("train", train_set), ("valid", valid_set)):
        keep = FittingRows(ds, max_seq_length).indices
        path = folder / ("%s.jsonl" % name)
        rows = [l for l in path.read_text(encoding="utf-8").splitlines() if l.strip()]
        path.write_text("\n".join(rows[i] for i in keep) + "\n", encoding="utf-8")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", default="default")
    ap.add_argument("--tiny", action="store_true", help="use a tiny random model built here (no download)")
    ap.add_argument("--data", default=str(ROOT / "data" / "rhino"))
    ap.add_argument("--preset", default="smollm2-135m")
    ap.add_argument("--iters", type=int, default=20)
    ap.add_argument("--rounds", type=int, default=2)
    args = ap.parse_args()
    from model_server.fast_blas import ensure_fast_blas

    ensure_fast_blas()
    from training.train import load_preset

    preset = dict(load_preset(args.preset), steps_per_report=5, grad_accumulation_steps=1, max_seq_length=512)
    tmp = tempfile.mkdtemp()
    if args.tiny:
        from tests.support.tiny_model import build_tiny_model

        model_path = build_tiny_model(tmp + "/tiny")
        preset["num_layers"] = 2
    else:
        from model_server.resolve import resolve_model

        model_path = str(resolve_model(args.model, adapter="none").path)
    data = Path(args.data)
    if not (data / "train.jsonl").exists():
        sys.exit("no dataset at %s: run `rhinocoder-data build --out %s` first" % (data, data))
    small = Path(tmp) / "data"  # the first 200 rows that fit, so both sides read the same rows
    small.mkdir()
    for name in ("train", "valid"):
        rows = (data / ("%s.jsonl" % name)).read_text(encoding="utf-8").splitlines()[:200]
        (small / ("%s.jsonl" % name)).write_text("\n".join(rows) + "\n", encoding="utf-8")
    fitting_rows(model_path, small, preset["max_seq_length"])
    ours, raw = [], []
    for _ in range(args.rounds):
        t = time.time()
        ours += ours_run(model_path, str(small), preset, args.iters)
        raw += raw_run(model_path, str(small), preset, args.iters)
        print("round done in %.0f s" % (time.time() - t), file=sys.stderr)
    o, r = statistics.median(ours), statistics.median(raw)
    print("| trainer | tokens/s (median of %d reports) |\n|---|---|\n| rhinocoder-train | %.0f |\n| raw mlx_lm | %.0f |\n"
          "\nratio ours/raw = %.3f (goal >= 0.95)" % (len(ours), o, r, o / r))


if __name__ == "__main__":
    main()
