"""The solved-example library: what it holds, how it is retrieved, and where it enters the prompt."""
import json

from rhino_datasets.examples import examples_from_rows
from rhino_datasets.split import contamination
from rhino_datasets.records import Pair
from rhino_plugin.core import examples, prompt as P
from training.tasks import DEFAULT_TASKS


def _row(request, code, kind="instruction", executed=True, selected=False):
    ctx = {"selection": {"count": 1, "objects": [{"type": "curve"}]}} if selected else None
    msgs = P.build_messages(request, ctx) + [P.assistant_message(code)]
    if kind == "repair":
        msgs += [{"role": "user", "content": "fix it"}, P.assistant_message(code)]
    return {"messages": msgs, "meta": {"kind": kind, "executed": executed, "source": "synthetic",
                                       "family": "syn:x"}}


def test_library_rows_are_executed_first_turns_one_per_request():
    rows = [_row("Add a point at 1,2,3.", "import rhinoscriptsyntax as rs\nrs.AddPoint(1, 2, 3)"),
            _row("Add a point at 1,2,3.", "import rhinoscriptsyntax as rs\nrs.AddPoint((1, 2, 3))"),
            _row("Delete what I picked.", "import rhinoscriptsyntax as rs\nrs.DeleteObjects(rs.SelectedObjects())",
                 kind="selection", selected=True),
            _row("Fix me.", "import rhinoscriptsyntax as rs\nrs.AddPoint(0, 0, 0)", kind="repair"),
            _row("Needs Rhino.", "import rhinoscriptsyntax as rs\nrs.AddPoint(0, 0, 0)", executed=False)]
    lib = examples_from_rows(rows)
    assert [e["request"] for e in lib] == ["Add a point at 1,2,3.", "Delete what I picked."]
    assert lib[0]["code"] == "import rhinoscriptsyntax as rs\nrs.AddPoint(1, 2, 3)\n"  # the first one kept
    assert [e["selection"] for e in lib] == [False, True]


def test_nearest_finds_the_similar_request_and_refuses_unrelated_ones():
    index = examples.ExampleIndex([
        {"request": "5 points on a ring, radius 5, centre -3,0", "code": "ring()\n", "selection": False},
        {"request": "Make a layer called Walls.", "code": "layer()\n", "selection": False},
        {"request": "lock selection", "code": "lock()\n", "selection": True}])
    (score, best), = index.nearest("8 points on a ring of radius 3")
    assert best["code"] == "ring()\n" and examples.MIN_SCORE <= score <= 1.0
    assert index.nearest("sweep a pipe along a rail") == []  # no shared word: nothing, not the least bad
    assert index.nearest("lock the selected objects", selection=False) == []
    assert index.nearest("lock the selected objects", selection=True)[0][1]["code"] == "lock()\n"
    assert index.nearest("8 points on a ring", k=0) == [] and index.nearest("the and of") == []


def test_example_block_is_off_by_default_and_within_its_budget():
    request = "8 points on a ring, radius 3, at height z=2, centre (1,1)."
    assert P.example_block(request, None) == ""  # off by default: training prompts have no examples
    assert "Solved requests" not in P.user_message(request, None)
    block = P.example_block(request, None, P.PromptOptions(examples=1))
    assert block.startswith("Solved requests like this one") and "points on a ring" in block
    assert block.count("```python") == 1 and P.estimate_tokens(block) <= 250
    text = P.user_message(request, None, P.PromptOptions(examples=1))
    assert text.index("Solved requests") < text.index("Relevant rhinoscriptsyntax") < text.index("Request: 8 points")
    assert P.example_block(request, None, P.PromptOptions(examples=1, examples_budget_tokens=20)) == ""


def test_the_committed_library_is_loadable_and_keeps_clear_of_the_benchmark():
    lib = examples.load()
    assert lib is not None and len(lib.examples) > 1000
    assert all(e["code"].startswith(("import", "#", "from")) or "rs." in e["code"] for e in lib.examples)
    pairs = [Pair(messages=[], source="synthetic", family=e.get("family") or "", category="", kind="instruction",
                  executed=True, code=e["code"], request=e["request"]) for e in lib.examples]
    tasks = [json.loads(line) for line in open(DEFAULT_TASKS, encoding="utf-8")]
    assert contamination(pairs, tasks) == []
    assert examples.load("/nonexistent/examples_json.py") is None


def test_the_library_comes_from_the_data_the_default_adapter_was_trained_on_or_its_card_says_which():
    from model_server import default_model

    provenance = examples.read()["provenance"]
    card = json.loads((default_model.ADAPTER_DIR / "training.json").read_text(encoding="utf-8"))
    # a dataset rebuilt with other rows regenerates both (rhinocoder-data examples), or the adapter's
    # card says which dataset the library it is served with comes from (publish rewrites the card)
    assert provenance["train.jsonl"] == card["data"]["train.jsonl"] or \
        provenance["train.jsonl"] in (default_model.ADAPTER_DIR / "CARD.md").read_text(encoding="utf-8")


def test_training_prompts_show_an_example_but_never_their_own_request_or_answer():
    from training.example_rows import with_examples

    ring = "import rhinoscriptsyntax as rs\nrs.AddPoints(ring(8))"
    rows = [_row("8 points on a ring, radius 3.", ring),
            _row("5 points on a ring, radius 5.", "import rhinoscriptsyntax as rs\nrs.AddPoints(ring(5))"),
            _row("6 points on a ring, radius 2.", ring),  # the same script as the first row
            _row("Fix the ring of 7 points, radius 1.", ring, kind="repair"),
            _row("Make a layer called Walls.", "import rhinoscriptsyntax as rs\nrs.AddLayer('Walls')")]
    library = examples.ExampleIndex(examples_from_rows(rows))
    shown, count = with_examples(rows, library, P.PromptOptions(examples=1))
    users = [r["messages"][1]["content"] for r in shown]
    # each ring row sees the only ring whose script is not its own answer: "5 points"
    for text in (users[0], users[2], users[3]):
        assert "Request: 5 points on a ring" in text and text.count("```python") == 1
        assert text.index("Solved requests") < text.index("Relevant rhinoscriptsyntax") < text.rindex("\nRequest: ")
    assert "Request: 8 points" in users[1] or "Request: 6 points" in users[1]
    assert "Solved requests" not in users[4] and count == 4  # nothing like "layer called Walls" but itself
    assert shown[3]["messages"][3] == rows[3]["messages"][3]  # only the first user turn changes
    assert [r["meta"] for r in shown] == [r["meta"] for r in rows] and "Solved" not in rows[0]["messages"][1]["content"]
    # a training prompt with an example is the served prompt, byte for byte, for the same example
    req, opts = "8 points on a ring, radius 3, at height z=2, centre (1,1).", P.PromptOptions(examples=1)
    assert P.insert_block(P.user_message(req, None), P.example_block(req, None, opts)) == P.user_message(req, None, opts)


def test_insert_block_goes_before_the_api_block_or_the_request():
    bare = P.user_message("Zzqx the wibble.", None, P.PromptOptions(api_grounding=False))
    assert P.insert_block(bare, "BLOCK").endswith("\n\nBLOCK\n\nRequest: Zzqx the wibble.")
    assert P.insert_block(bare, "") == bare
    import pytest

    with pytest.raises(ValueError):
        P.insert_block("no request here", "BLOCK")


def test_retrieval_is_the_same_in_every_process_whatever_its_hash_seed():
    """Two library requests tie exactly for this one; the tie used to follow the order of a set of
    words, i.e. the process's string hash seed (5 of 34 seeds picked the other example)."""
    import os
    import subprocess
    import sys

    script = ("from rhino_plugin.core import examples\n"
              "q = 'Set the model units to inches and the absolute tolerance to 0.01.'\n"
              "r = examples.load().nearest(q, 2, selection=False, skip=lambda e: e['request'] == q)\n"
              "print([(s, e['request']) for s, e in r])\n")
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    seen = set()
    for seed in range(7, 19):  # seeds 7..18 include ones that broke the tie the other way
        env = dict(os.environ, PYTHONHASHSEED=str(seed), PYTHONPATH=root)
        seen.add(subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env,
                                cwd=root, check=True).stdout)
    (only,) = seen
    (a, first), (b, second) = eval(only)
    assert a == b and "units to millimeters" in first and "units to feet" in second  # a tie, broken by code length
