"""build → train a few steps → fuse → serve → stream, on the tiny model, end to end."""
import json
import math

import pytest

from rhino_plugin.core import prompt
from training.train import TrainError, load_preset, lr_schedule, mix_weights, train, validation_loss
from training.fuse import fuse
from training.publish import PublishError, publish, sha256

ROWS = [
    ("Add a point at the origin.", "import rhinoscriptsyntax as rs\nrs.AddPoint(0, 0, 0)"),
    ("Draw a circle of radius 5.", "import rhinoscriptsyntax as rs\nrs.AddCircle((0, 0, 0), 5)"),
    ("Draw a line from 0,0,0 to 10,0,0.", "import rhinoscriptsyntax as rs\nrs.AddLine((0, 0, 0), (10, 0, 0))"),
    ("Make a layer called Walls.", "import rhinoscriptsyntax as rs\nrs.AddLayer(\"Walls\")"),
]


META = [("synthetic", "instruction"), ("synthetic", "repair"), ("rhinoscriptsyntax", "instruction"),
        ("rhinocommon", "selection")]  # one per row of ROWS, as the dataset build tags them


def _write_data(folder):
    folder.mkdir()
    for split, rows in (("train", ROWS * 3), ("valid", ROWS[:2])):
        with open(folder / ("%s.jsonl" % split), "w", encoding="utf-8") as fh:
            for k, (request, code) in enumerate(rows):
                msgs = prompt.build_messages(request, None) + [prompt.assistant_message(code)]
                source, kind = META[k % len(META)]
                fh.write(json.dumps({"messages": msgs, "meta": {"source": source, "kind": kind}}) + "\n")


def _tiny_preset(**over):
    p = dict(load_preset("smollm2-135m"), iters=6, steps_per_report=2, steps_per_eval=3, save_every=3,
             val_batches=1, lr_warmup=2, learning_rate=1e-3, num_layers=2, max_seq_length=640,
             grad_accumulation_steps=1, early_stop_patience=0)
    p.update(over)
    return p


def test_train_fuse_serve_stream(tmp_path, tiny_model_dir):
    import openai

    from model_server.provider import load_model
    from tests.server.live import live_server, make_engine

    data = tmp_path / "data"
    _write_data(data)
    out = tmp_path / "adapter"
    card = train(_tiny_preset(), str(data), str(out), model_path=tiny_model_dir)
    assert card["iterations"] == 6 and math.isfinite(card["final_train_loss"])
    assert math.isfinite(card["best_val_loss"]) and card["rows"]["train"] == 12
    # the card's table on the fixed rows: the base (evaluated before the first step), then each
    # checkpoint, the kept one marked; it is what the default adapter's card test reads
    fixed = card["fixed_validation_loss"]
    assert list(fixed)[0] == "base (no adapter)" and len(fixed) == 3
    kept = [k for k in fixed if k.endswith("(this adapter)")]
    assert len(kept) == 1 and fixed[kept[0]] == round(card["best_val_loss"], 4) < fixed["base (no adapter)"]
    assert (out / "adapters.safetensors").exists() and (out / "loss.png").stat().st_size > 1000
    rows = [json.loads(l) for l in (out / "metrics.jsonl").read_text().splitlines()]
    assert [r["iteration"] for r in rows if r["kind"] == "train"] == [2, 4, 6]
    # the schedule spans the run's optimizer updates: warm-up, then down to lr/10 by the last one
    lrs = [r["learning_rate"] for r in rows if r["kind"] == "train"]
    assert lrs[-1] < 0.25 * 1e-3 and max(lrs) > 0.5 * 1e-3

    # resume continues the iteration count instead of starting over
    card2 = train(_tiny_preset(), str(data), str(out), iters=8, resume=True, model_path=tiny_model_dir)
    assert card2["iterations"] == 8 and math.isfinite(card2["final_train_loss"])

    # validation is measured on fixed rows: the same number twice, and lower with the adapter
    preset = _tiny_preset()
    base_loss = validation_loss(preset, str(data), None, model_path=tiny_model_dir)
    assert base_loss == validation_loss(preset, str(data), None, model_path=tiny_model_dir)
    assert validation_loss(preset, str(data), str(out), model_path=tiny_model_dir) < base_loss

    # publish: the adapter with a card naming its hash, the machine's base path replaced by a spec
    dest = tmp_path / "published"
    pub = publish(str(out), str(dest))
    assert pub["adapter_sha256"] == sha256(dest / "adapters.safetensors") == sha256(out / "adapters.safetensors")
    assert json.loads((dest / "adapter_config.json").read_text())["model"] == "smollm2-135m"
    card_md = (dest / "CARD.md").read_text()
    assert "| base model | SmolLM2-135M-Instruct (float32) |" in card_md
    assert pub["adapter_sha256"] in card_md and pub["data"]["train.jsonl"] in card_md and "loss.png" in card_md
    assert "| solved examples in the prompts | none (the dataset's prompts as built) |" in card_md
    table = [line.split(" | ")[0].lstrip("| ") for line in card_md.splitlines()
             if line.startswith(("| base (no adapter)", "| iteration "))]
    iterations = [int(k.split()[1]) for k in table[1:]]  # base, then the checkpoints by iteration
    assert table[0] == "base (no adapter)" and len(iterations) >= 2 and iterations == sorted(iterations)
    assert (dest / "loss.png").is_file() and (dest / "metrics.jsonl").is_file()
    # the GGUF LoRA for llama.cpp is written beside it, for the model the run trained
    from model_server.gguf_export import export_adapter
    assert (dest / "adapter.gguf").read_bytes() == export_adapter(
        out, tiny_model_dir, tmp_path / "check.gguf").read_bytes()
    (tmp_path / "check.gguf").unlink()
    again = publish(str(out), str(dest))  # replaces the folder whole, no leftovers beside it
    assert again["adapter_sha256"] == pub["adapter_sha256"]
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []
    with pytest.raises(PublishError, match="not a finished training run .missing adapters.safetensors"):
        publish(str(data), str(tmp_path / "nope"))

    fused = fuse(tiny_model_dir, str(out), str(tmp_path / "fused"))
    with_adapter = load_model(tiny_model_dir, adapter=str(dest), progress=False)
    fused_model = load_model(str(fused), adapter="none", progress=False)
    messages = prompt.build_messages("Draw a circle of radius 5.", None)
    replies = []
    for loaded in (with_adapter, fused_model):
        engine = make_engine(loaded, max_queue=2)
        try:
            with live_server(engine) as url:
                client = openai.OpenAI(base_url=url + "/v1", api_key="unused")
                stream = client.chat.completions.create(model="m", messages=messages, stream=True,
                                                        temperature=0, max_tokens=12)
                replies.append("".join(c.choices[0].delta.content or "" for c in stream if c.choices))
        finally:
            engine.stop()
    assert replies[0] == replies[1], "fused model must generate exactly what base + adapter does"


def test_ctrl_c_ends_the_run_with_an_adapter_and_a_card(tmp_path, tiny_model_dir):
    import os
    import signal
    import threading
    import time

    data, out = tmp_path / "data", tmp_path / "run"
    _write_data(data)
    metrics = out / "metrics.jsonl"

    def press_ctrl_c():  # once the first loss report is written, as a user watching the bar would
        # (a real SIGINT: the run stops at the next report, between steps, with whole weights)
        deadline = time.time() + 120
        while time.time() < deadline:
            if metrics.exists() and '"kind": "train"' in metrics.read_text():
                os.kill(os.getpid(), signal.SIGINT)
                return
            time.sleep(0.01)

    threading.Thread(target=press_ctrl_c, daemon=True).start()
    card = train(_tiny_preset(iters=100000, steps_per_eval=100000), str(data), str(out), model_path=tiny_model_dir)
    assert card["early_stop"].startswith("interrupted after iteration ")
    assert 2 <= card["iterations"] < 100000 and card["planned_iterations"] == 100000
    assert json.loads((out / "training.json").read_text())["early_stop"] == card["early_stop"]
    assert (out / "adapters.safetensors").stat().st_size > 0 and (out / "loss.png").exists()
    # and it resumes from there
    card2 = train(_tiny_preset(), str(data), str(out), iters=card["iterations"] + 2, resume=True,
                  model_path=tiny_model_dir)
    assert card2["iterations"] == card["iterations"] + 2 and card2["early_stop"] is None


def test_mix_weights_rows_by_source_and_kind(tmp_path, tiny_model_dir):
    data = tmp_path / "data"
    _write_data(data)
    mix = {"synthetic/*": 3, "synthetic/repair": 2, "*/selection": 0}  # the most specific key wins
    assert mix_weights(data / "train.jsonl", mix) == [3.0, 2.0, 1.0, 0.0] * 3
    assert mix_weights(data / "train.jsonl", None) is None
    for bad in ({"synthetic": 2}, {"*/repair": -1}, {"*/repair": "2"}):
        with pytest.raises(TrainError, match="bad mix entry"):
            mix_weights(data / "train.jsonl", bad)
    card = train(_tiny_preset(iters=2, steps_per_eval=100, mix=mix), str(data), str(tmp_path / "run"),
                 model_path=tiny_model_dir)
    # 3 copies of each row: 3 + 2 + 1 + 0 samples per copy; the selection row is never drawn
    assert card["rows"]["train_sampled"] == 18 and card["rows"]["train"] == 9 and card["mix"] == mix
    # a fractional weight keeps a seeded share of the rows: about half of 12 here, the same every run
    half = [train(_tiny_preset(iters=2, steps_per_eval=100, mix={"*/*": 0.5}), str(data), str(tmp_path / r),
                  model_path=tiny_model_dir)["rows"]["train_sampled"] for r in ("h1", "h2")]
    assert half[0] == half[1] and 2 <= half[0] <= 10


def test_lr_schedule_spans_the_optimizer_updates():
    import mlx.core as mx

    preset = load_preset("smollm2-135m")  # 500 iterations at 4-step accumulation: 125 updates
    lr, warmup = preset["learning_rate"], preset["lr_warmup"]
    updates = preset["iters"] // preset["grad_accumulation_steps"]
    schedule = lr_schedule(preset, preset["iters"])
    at = lambda step: schedule(mx.array(step)).item()
    assert abs(at(0) - lr / 100) < 1e-9 and abs(at(warmup) - lr) < 1e-9
    assert abs(at(updates) - lr / 10) < 1e-9 and at(updates // 2) < 0.8 * lr


def test_bad_data_is_a_clear_error(tmp_path, tiny_model_dir):
    (tmp_path / "d").mkdir()
    with pytest.raises(TrainError, match="train.jsonl is missing"):
        train(_tiny_preset(), str(tmp_path / "d"), str(tmp_path / "o"), model_path=tiny_model_dir)
    (tmp_path / "d" / "train.jsonl").write_text('{"messages": [{"role": "user", "content": "x"}]}\n')
    (tmp_path / "d" / "valid.jsonl").write_text("")
    with pytest.raises(TrainError, match="line 1"):
        train(_tiny_preset(), str(tmp_path / "d"), str(tmp_path / "o"), model_path=tiny_model_dir)
    # prompts longer than the sequence cap leave no reply token to learn from: a clear error, not NaN
    with pytest.raises(TrainError, match="no training row leaves 16 reply tokens within max_seq_length 64"):
        _write_data(tmp_path / "long")
        train(_tiny_preset(max_seq_length=64), str(tmp_path / "long"), str(tmp_path / "o2"), model_path=tiny_model_dir)
    with pytest.raises(TrainError, match="unknown preset"):
        load_preset("no-such-preset")


def test_a_preset_with_examples_trains_on_prompts_that_show_them(tmp_path, tiny_model_dir):
    data = tmp_path / "data"
    data.mkdir()
    rings = [("%d points on a ring, radius %d." % (n, n), "import rhinoscriptsyntax as rs\nrs.AddPoints(ring(%d))" % n)
             for n in (3, 4, 5)] + ROWS[3:]
    for split, rows in (("train", rings), ("valid", rings[:1])):
        with open(data / ("%s.jsonl" % split), "w", encoding="utf-8") as fh:
            for request, code in rows:
                msgs = prompt.build_messages(request, None) + [prompt.assistant_message(code)]
                fh.write(json.dumps({"messages": msgs, "meta": {"kind": "instruction", "executed": True}}) + "\n")
    before = (data / "train.jsonl").read_bytes()
    card = train(_tiny_preset(iters=2, steps_per_eval=100, examples=1, max_seq_length=900), str(data),
                 str(tmp_path / "run"), model_path=tiny_model_dir)
    # the three rings each see another ring (never their own request or script); Walls sees nothing
    assert card["examples"]["library"] == 4
    assert card["examples"]["train"] == {"rows": 4, "with_example": 3}
    assert card["examples"]["valid"] == {"rows": 1, "with_example": 1}
    rows = [json.loads(line) for line in open(tmp_path / "run" / "data" / "train.jsonl", encoding="utf-8")]
    for row, (request, code) in zip(rows, rings):
        user = row["messages"][1]["content"]
        assert user.count(request) == 1 and user.count(code) == 0 and row["messages"][-1]["content"].count(code) == 1
        assert ("Solved requests" in user) == ("ring" in request)
    assert (data / "train.jsonl").read_bytes() == before  # the dataset itself is untouched
    plain = train(_tiny_preset(iters=2, steps_per_eval=100), str(data), str(tmp_path / "plain"),
                  model_path=tiny_model_dir)
    assert plain["examples"] is None and not (tmp_path / "plain" / "data").exists()


def test_the_card_lists_checkpoints_by_iteration_not_as_text():
    from training.publish import card_markdown

    fixed = {"base (no adapter)": 0.9, "iteration 199": 0.4, "iteration 499 (this adapter)": 0.3, "iteration 99": 0.5}
    stats = {"per_row": 1, "library": 7, "train": {"rows": 10, "with_example": 6}, "valid": {"rows": 4, "with_example": 2}}
    text = card_markdown({"preset": "p", "fixed_validation_loss": dict(sorted(fixed.items())), "examples": stats})
    order = [line.split(" | ")[0][2:] for line in text.splitlines() if line.startswith(("| base (", "| iteration "))]
    assert order == ["base (no adapter)", "iteration 99", "iteration 199", "iteration 499 (this adapter)"]
    assert "6 of 10 training and 2 of 4 validation prompts show one (library of 7)" in text
