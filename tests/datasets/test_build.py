"""The dataset build: deterministic, honest counts, verified pairs, no benchmark leaks, bad sources."""
import json
import random
import shutil
from pathlib import Path

import pytest

from rhino_datasets import build as builder
from rhino_datasets.api_index import sources_dir
from rhino_datasets.execute import materialize
from rhino_datasets.records import Pair
from rhino_datasets.sources import rhinoscriptsyntax as rsx
from rhino_datasets.split import contamination
from rhino_datasets.synthetic.core import FAMILIES, candidates
from rhino_plugin.core import prompt
from rhino_plugin.core.checks import check

SOURCES = Path(sources_dir(None))


@pytest.fixture(scope="module")
def small_build(tmp_path_factory):
    root = tmp_path_factory.mktemp("ds")
    cards = []
    for name in ("a", "b"):
        cards.append(builder.build(SOURCES, root / name, seed=3, jobs=1, limit=300, progress=False,
                                   token_lengths=False))
    return root, cards


def test_same_seed_gives_byte_identical_files(small_build):
    root, _ = small_build
    for f in ("train.jsonl", "valid.jsonl", "test.jsonl", "card.json"):
        assert (root / "a" / f).read_bytes() == (root / "b" / f).read_bytes(), f


def test_card_numbers_add_up_and_rows_are_mlx_chat(small_build):
    root, (card, _) = small_build
    rows = {s: [json.loads(l) for l in (root / "a" / ("%s.jsonl" % s)).read_text().splitlines()]
            for s in ("train", "valid", "test")}
    assert card["by_split"] == dict((s, len(r)) for s, r in rows.items())
    assert card["kept"] + card["dropped"] == sum(card["candidates_by_source"].values())
    assert sum(card["by_kind"].values()) == card["kept"] == sum(card["by_source"].values())
    every = [r for rs in rows.values() for r in rs]
    assert card["executed"] == sum(1 for r in every if r["meta"]["executed"])
    for r in every:
        msgs = r["messages"]
        assert msgs[0] == {"role": "system", "content": prompt.SYSTEM_PROMPT}
        assert msgs[-1]["role"] == "assistant" and msgs[-1]["content"].startswith("```python")
        assert set(r["meta"]) == {"source", "license", "family", "category", "kind", "executed"}
    # family-safe: no family in two splits
    fams = [set(r["meta"]["family"] for r in rows[s]) for s in ("train", "valid", "test")]
    assert not (fams[0] & fams[1]) and not (fams[0] & fams[2]) and not (fams[1] & fams[2])


def test_every_synthetic_family_has_a_checker_that_can_fail():
    """Each family's first instance passes; the same instance with its numbers changed fails."""
    by_family = {}
    for c in candidates(0):
        by_family.setdefault(c.family, c)
    assert len(by_family) >= 60
    rejected = mutated = 0
    for fam, c in sorted(by_family.items()):
        pair, why = materialize(c)
        assert pair is not None and pair.executed, "%s: %s" % (fam, why)
        import re
        wrong = re.sub(r"\b([2-9])\b", lambda m: str(int(m.group(1)) + 1), c.code, count=2)
        if wrong == c.code:
            continue
        mutated += 1
        c2 = type(c)(**dict(c.__dict__, code=wrong))
        pair2, why2 = materialize(c2)
        rejected += pair2 is None
    assert mutated >= 40 and rejected >= 0.75 * mutated, "checkers rejected %d of %d mutants" % (rejected, mutated)


def test_repair_pairs_use_the_session_retry_format():
    c = [x for x in candidates(0) if x.family == "syn:box"][0]
    from rhino_datasets.repairs import candidates_from

    reps = candidates_from([(c, c.code)], set(["AddBox"]), seed=0, per_pair=7)
    assert {r.mutation for r in reps} >= {"misspelt", "missing-import", "arg-count"}
    made = 0
    for r in reps:
        pair, why = materialize(r)
        if pair is None:
            continue
        made += 1
        roles = [m["role"] for m in pair.messages]
        assert roles == ["system", "user", "assistant", "user", "assistant"]
        bad = pair.messages[2]["content"]
        assert "Fix" in pair.messages[3]["content"] or "fix" in pair.messages[3]["content"]
        assert pair.messages[-1]["content"] != bad
    assert made >= 2


def test_an_id_a_script_prints_is_the_same_in_every_build():
    """A repair message quotes what the broken script printed; a printed object id used to be a
    fresh uuid4 per build, so two full builds differed in one row."""
    from rhino_datasets.records import Candidate

    c = Candidate(request="print the first object's id", source="synthetic", family="x", category="c",
                  kind="repair", code="import rhinoscriptsyntax as rs\nprint(rs.FirstObject())\n",
                  bad_code="import rhinoscriptsyntax as rs\nprint(rs.FirstObject())\nx = [][1]\n",
                  setup="import rhinoscriptsyntax as rs\nrs.AddPoint(1, 2, 3)\n", must_execute=True)
    first, second = materialize(c)[0], materialize(c)[0]
    assert first is not None and first.messages == second.messages
    import re
    assert re.search(r"[0-9a-f]{8}-[0-9a-f]{4}-", first.messages[3]["content"])  # the id is in the repair turn
    other = materialize(type(c)(**dict(c.__dict__, request="print the id of the first object")))[0]
    assert other.messages[3]["content"] != first.messages[3]["content"]  # seeded per candidate


def test_repairs_are_seeded_by_the_pair_not_its_position():
    from rhino_datasets.repairs import candidates_from

    box, line = [next(x for x in candidates(0) if x.family == f) for f in ("syn:box", "syn:line")]
    alone = candidates_from([(box, box.code)], set(["AddBox", "AddLine"]), seed=0)
    after = candidates_from([(line, line.code), (box, box.code)], set(["AddBox", "AddLine"]), seed=0)
    assert [r.bad_code for r in alone] == [r.bad_code for r in after if r.family == "syn:box"]
    twice = candidates_from([(box, box.code), (box, box.code)], set(["AddBox"]), seed=0, per_pair=1)
    assert len(twice) == 2  # a repeated pair draws again instead of repeating its mutation


@pytest.mark.parametrize("family, old, new", [
    ("syn:doc-select-type", r"rs\.ObjectsByType\([^)]*\)", "rs.AllObjects()"),     # selects everything
    ("syn:doc-delete-type", r"rs\.ObjectsByType\([^)]*\)", "rs.AllObjects()"),     # deletes everything
    ("syn:doc-layer-objects", r"rs\.ObjectsByLayer\([^)]*\)", "rs.AllObjects()"),  # acts on every layer
    ("syn:group-by-layer", r"if ids:", "if ids and layer == 'Default':"),  # groups one layer only
    ("syn:layer-purge-empty", r"rs\.DeleteLayer\(layer\)", "rs.LayerVisible(layer, False)"),  # hides, keeps
    ("syn:sel-name-left-to-right", r"\[0\]\[0\]\)", "[0][0], reverse=True)"),  # right to left
    ("syn:sel-rotate-about-centre", r"ids, centre", "ids, (0, 0, 0)"),   # about the origin
    ("syn:interp-curve", r"AddInterpCurve", "AddCurve"),                  # control points, not through
])
def test_whole_document_and_selection_families_reject_a_plausible_wrong_script(family, old, new):
    """The checker reads the document: the same request with a near-miss script is dropped."""
    import re

    tried = 0
    for c in [x for x in candidates(0) if x.family == family][:6]:
        pair, why = materialize(c)
        assert pair is not None, "%s: %s" % (family, why)
        wrong = re.sub(old, new, c.code, count=1)
        if wrong == c.code:
            continue
        tried += 1
        pair2, why2 = materialize(type(c)(**dict(c.__dict__, code=wrong)))
        assert pair2 is None and why2.startswith("checker"), "%s accepted %r" % (family, wrong)
    assert tried >= 1


def test_contamination_check_finds_a_planted_leak():
    tasks = [json.loads(l) for l in (Path(builder.__file__).parent / "benchmark" / "tasks.jsonl").read_text().splitlines()]
    t = tasks[0]
    planted = Pair(messages=[], source="synthetic", family="x", category="c", kind="instruction", executed=True,
                   code="pass\n", request=t["prompt"].replace("5", "7"))
    clean = Pair(messages=[], source="synthetic", family="y", category="c", kind="instruction", executed=True,
                 code="pass\n", request="Completely unrelated request about layers and colours.")
    leaks = contamination([planted, clean], tasks)
    assert [l["task"] for l in leaks] == [t["id"]]


def test_negative_examples_are_flagged_by_the_checker():
    from rhino_plugin.core import api_index

    _, _, negatives = rsx.read(SOURCES, set(api_index.load().rs_names()))
    assert len(negatives) >= 5
    for n in negatives:
        assert any(p.code == "unknown-name" for p in check(n["code"])), n["function"]


def test_missing_or_malformed_source_stops_before_writing(tmp_path):
    src = tmp_path / "src"
    shutil.copytree(SOURCES, src)
    (src / "rhinocommon_api_info.json").unlink()
    out = tmp_path / "out"
    with pytest.raises(builder.BuildError, match="rhinocommon_api_info.json is missing"):
        builder.build(src, out, limit=50, progress=False, token_lengths=False)
    assert not out.exists()
    (src / "rhinoscriptsyntax.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(builder.BuildError, match="malformed"):
        builder.build(src, out, limit=50, progress=False, token_lengths=False, skip_missing=False)
    assert not out.exists()
    shutil.copy(SOURCES / "rhinoscriptsyntax.json", src / "rhinoscriptsyntax.json")
    card = builder.build(src, out, limit=60, progress=False, token_lengths=False, skip_missing=True)
    assert card["meta"]["skipped_sources"] == ["rhinocommon"] and (out / "train.jsonl").exists()
