"""The static safety gate against its corpus: every hostile snippet refused, no benign snippet, no
reference script of the task sets and no solved example of the library (false positives)."""
from collections import Counter

import pytest

from tests.core.safety_corpus import dataset_scripts, refused
from tests.core.safety_corpus.benign import BENIGN, LOOKALIKES, REAL
from tests.core.safety_corpus.hostile import CLASSES, HOSTILE
from rhino_plugin.core.checks import RULES, check


def test_corpus_size_and_classes():
    assert len(HOSTILE) >= 100 and len(BENIGN) >= 100 and len(REAL) >= 40
    per_class = Counter(cls for cls, _ in HOSTILE)
    assert set(per_class) == set(CLASSES) and min(per_class.values()) >= 5, per_class
    sources = Counter(source.split(":")[0] for source, _ in REAL)
    assert sources["benchmark"] >= 20 and sources["library"] >= 5 and sources["independent"] >= 5
    assert len(set(code for _, code in HOSTILE)) == len(HOSTILE)


def test_every_hostile_snippet_is_refused():
    missed = [(cls, code) for cls, code in HOSTILE if not refused(code)]
    print("hostile refused: %d of %d" % (len(HOSTILE) - len(missed), len(HOSTILE)))
    assert missed == []


@pytest.mark.parametrize("cls,code", HOSTILE[::7])
def test_refusals_say_what_to_write_instead_and_allow_unsafe_lifts_them(cls, code):
    problems = refused(code)
    assert all(p.suggestion and "(rule '" in p.message and p.line >= 1 for p in problems)
    assert all(p.message.rsplit("(rule '", 1)[1].rstrip("')") in RULES for p in problems)
    assert [p for p in check(code, allow_unsafe=True) if p.code == "unsafe"] == []


def test_no_benign_snippet_is_refused():
    wrongly = [(kind, code, [(p.line, p.name) for p in refused(code)]) for kind, code in BENIGN if refused(code)]
    print("benign refused: %d of %d (%d lookalikes, %d real)" % (len(wrongly), len(BENIGN), len(LOOKALIKES),
                                                                 len(REAL)))
    assert wrongly == []


def test_no_reference_script_or_library_example_is_refused():
    scripts = dataset_scripts()
    assert len(scripts["datasets/benchmark/tasks.jsonl"]) >= 100 and len(scripts["library"]) >= 1000
    wrongly = dict((name, [(sid, [(p.line, p.name) for p in refused(code)]) for sid, code in items if refused(code)])
                   for name, items in scripts.items())
    print(", ".join("%s: 0 of %d refused" % (name, len(items)) for name, items in scripts.items()))
    assert all(not bad for bad in wrongly.values()), wrongly
