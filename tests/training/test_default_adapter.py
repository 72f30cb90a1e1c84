"""The committed default adapter: its card describes exactly the file beside it, it matches its
preset, it really changes the model, and the fine-tuned default solves a plain request through the
same Session, checker and runner the plugin uses (real server, real model, headless document)."""
import json

import pytest

from model_server import default_model
from training.publish import sha256
from training.train import load_preset

ADAPTER = default_model.ADAPTER_DIR


def _card():
    return json.loads((ADAPTER / "training.json").read_text(encoding="utf-8"))


def test_the_default_adapter_is_committed_with_a_card_that_matches_it():
    assert default_model.default_adapter() == ADAPTER, "no adapter in %s" % ADAPTER
    card, config = _card(), json.loads((ADAPTER / "adapter_config.json").read_text())
    assert card["adapter_sha256"] == sha256(ADAPTER / "adapters.safetensors")
    assert card["adapter_sha256"] in (ADAPTER / "CARD.md").read_text()
    preset = load_preset(card["preset"])
    assert config["lora_parameters"] == preset["lora_parameters"] and config["num_layers"] == preset["num_layers"]
    assert config["model"] == "smollm2-135m" and config["fine_tune_type"] == "lora"
    assert card["iterations"] == card["planned_iterations"] or card["early_stop"]
    assert len(card["data"]["train.jsonl"]) == 64 and len(card["data"]["valid.jsonl"]) == 64
    rows = [json.loads(l) for l in (ADAPTER / "metrics.jsonl").read_text().splitlines()]
    assert card["best_val_loss"] == min(r["val_loss"] for r in rows if r["kind"] == "val")
    # it learned something: on the fixed validation rows the adapter is far under the base model
    fixed = card["fixed_validation_loss"]
    this = [v for k, v in fixed.items() if k.endswith("(this adapter)")]
    assert len(this) == 1 and this[0] < 0.5 * fixed["base (no adapter)"]
    assert this[0] == min(v for k, v in fixed.items() if k.startswith("iteration ")), "a measured checkpoint beats it"


@pytest.mark.real_model
def test_the_adapter_changes_the_default_model():
    import mlx.core as mx

    from model_server.provider import load_model

    tuned = load_model("smollm2-135m", progress=False)
    base = load_model("smollm2-135m", adapter="none", progress=False)
    assert tuned.adapter and base.adapter is None
    ids = mx.array([tuned.tokenizer.encode("import rhinoscriptsyntax as rs\nrs.Add")])
    assert not mx.allclose(tuned.model(ids), base.model(ids), atol=1e-3)


@pytest.mark.real_model
def test_the_fine_tuned_default_solves_a_plain_request():
    """Greedy, one attempt: "Add a point at 1,2,3" must give a checked script that makes that point."""
    from model_server.provider import load_model
    from rhino_plugin.core.chat import ChatClient
    from rhino_plugin.core.session import Session, SessionOptions
    from rhino_plugin.hosts.headless import HeadlessHost
    from tests.server.live import live_server, make_engine

    engine = make_engine(load_model("smollm2-135m", progress=False), max_queue=2)
    try:
        with live_server(engine) as url:
            host = HeadlessHost()
            session = Session(host, ChatClient(url, model="default"),
                              SessionOptions(attempts=1, max_tokens=200, temperature=0.0))
            turn = session.ask("Add a point at 1,2,3")
    finally:
        engine.stop()
    assert turn.ok, (turn.summary, [a.code for a in turn.attempts])
    code = turn.attempts[0].code
    assert "rs.AddPoint" in code and not turn.attempts[0].problems
    points = [o for o in host.doc.objects() if type(o.geometry).__name__ == "Point"]
    assert len(points) == 1 and host.doc.object_count == 1
    loc = points[0].geometry.Location
    assert (loc.X, loc.Y, loc.Z) == (1, 2, 3)


@pytest.mark.real_model
def test_the_served_default_takes_the_requests_numbers_not_the_examples():
    """The served prompt shows the nearest solved request; the 135M model copies it, numbers and
    all, so the example is rewritten to this request's numbers (examples.adapt) and the line must
    run between the request's points, not the example's."""
    from model_server.provider import load_model
    from rhino_plugin.core import examples
    from rhino_plugin.core.chat import ChatClient
    from rhino_plugin.core.prompt import serving_options
    from rhino_plugin.core.session import Session, SessionOptions
    from rhino_plugin.hosts.headless import HeadlessHost
    from tests.server.live import live_server, make_engine

    request = "Draw a line from (1,1,0) to (4,5,6)."
    (_, shown), = examples.load().nearest(request, selection=False)
    assert shown.get("adapts") and "(4, 5, 6)" not in shown["code"]  # the library's own numbers differ
    engine = make_engine(load_model("smollm2-135m", progress=False), max_queue=2)
    try:
        with live_server(engine) as url:
            host = HeadlessHost()
            session = Session(host, ChatClient(url, model="default"),
                              SessionOptions(attempts=1, max_tokens=200, prompt=serving_options()))
            turn = session.ask(request)
    finally:
        engine.stop()
    assert turn.ok, (turn.summary, [a.code for a in turn.attempts])
    (line,) = [o.geometry for o in host.doc.objects()]
    ends = [(p.X, p.Y, p.Z) for p in (line.PointAtStart, line.PointAtEnd)]
    assert ends == [(1, 1, 0), (4, 5, 6)], turn.attempts[0].code


@pytest.mark.real_model
def test_the_committed_gguf_adapter_is_the_export_of_the_committed_mlx_adapter(tmp_path):
    """adapter.gguf (what llama.cpp loads for smollm2-135m) is exactly what `rhinocoder-train
    export` writes from adapters.safetensors today: the two cannot drift apart."""
    from model_server.gguf_export import export_adapter
    from model_server.resolve import resolve_gguf, resolve_model

    base = resolve_model("smollm2-135m", adapter="none", progress=False).path
    fresh = export_adapter(default_model.ADAPTER_DIR, base, tmp_path / "a.gguf")
    assert fresh.read_bytes() == (default_model.ADAPTER_DIR / "adapter.gguf").read_bytes()
    assert resolve_gguf("smollm2-135m", progress=False).adapter == default_model.ADAPTER_DIR / "adapter.gguf"
    assert resolve_gguf("smollm2-135m", "none", progress=False).adapter is None
