"""The undo journal: rollback and undo give back an identical document (real rhino3dm geometry)."""
import uuid

import pytest
import rhino3dm as r
from hypothesis import HealthCheck, given, settings, strategies as st

from rhino_headless.document import HeadlessDoc
from rhino_headless.journal import JournalError


def line(x0, y0, x1, y1):
    return r.LineCurve(r.Point3d(x0, y0, 0), r.Point3d(x1, y1, 0))


def sample_doc():
    doc = HeadlessDoc()
    walls = doc.add_layer("Walls", color=(200, 10, 10))
    doc.add_layer("Walls::Inner")
    ids = [doc.add(r.Point(r.Point3d(i, 0, 0))) for i in range(3)]
    ids.append(doc.add(line(0, 0, 5, 5)))
    doc.update_attributes(ids[1], Name="p1", LayerIndex=walls, user_strings={"k": "v"})
    g = doc.add_group("G")
    doc.add_to_group(ids[:2], g)
    doc.select([ids[0]])
    return doc, ids


def test_rollback_restores_everything():
    doc, ids = sample_doc()
    before = doc.snapshot()
    doc.begin_record("attempt")
    doc.add(line(1, 1, 2, 2))
    doc.delete(ids[1])  # from the middle: must come back in its place
    doc.replace(ids[3], line(9, 9, 8, 8))
    doc.update_attributes(ids[0], Name="renamed", ObjectColor=(1, 2, 3))
    doc.modify_layer(doc.find_layer("Walls"), Color=(0, 0, 255), Locked=True, Name="W2")
    doc.add_layer("New::Deep")
    doc.current_layer = doc.find_layer("New::Deep")
    doc.delete_group(0)
    doc.add_group("H")
    doc.unselect_all()
    doc.select([ids[2]])
    doc.unit_system = "Meters"
    doc.tolerance = 0.5
    doc.angle_tolerance = 3
    doc.notes = "n"
    doc.set_string("a", "b")
    assert doc.snapshot() != before
    doc.rollback()
    assert doc.snapshot() == before
    assert [o.id for o in doc.objects()] == ids
    assert not doc.record_open


def test_delete_layer_with_purge_rolls_back_objects_and_table():
    doc, ids = sample_doc()
    before = doc.snapshot()
    doc.begin_record("purge")
    assert doc.delete_layer(doc.find_layer("Walls"), purge=True)
    assert doc.find(ids[1]) is None and doc.find_layer("Walls::Inner") == -1
    doc.rollback()
    assert doc.snapshot() == before


def test_changes_report_created_deleted_modified():
    doc, ids = sample_doc()
    doc.begin_record("x")
    new = doc.add(line(0, 0, 1, 0))
    temp = doc.add(line(0, 0, 2, 0))
    doc.delete(temp)  # created and deleted in one record: in neither list
    doc.delete(ids[2])
    doc.update_attributes(ids[0], Name="changed")
    doc.select([ids[3]])  # selection alone is not a modification
    assert doc.changes() == ([new], [ids[2]], [ids[0]])
    doc.end_record()
    assert doc.changes() == ([new], [ids[2]], [ids[0]])  # the last record after it closed


def test_undo_newest_record_then_older():
    doc, _ = sample_doc()
    s0 = doc.snapshot()
    doc.begin_record("one")
    doc.add(line(0, 0, 1, 1))
    doc.end_record()
    s1 = doc.snapshot()
    doc.begin_record("two")
    doc.add_layer("X")
    doc.end_record()
    assert doc.undo() and doc.snapshot() == s1
    assert doc.undo() and doc.snapshot() == s0
    assert doc.undo() is False


def test_journal_misuse_is_an_error():
    doc = HeadlessDoc()
    with pytest.raises(JournalError):
        doc.end_record()
    with pytest.raises(JournalError):
        doc.rollback()
    doc.begin_record("a")
    with pytest.raises(JournalError):
        doc.begin_record("b")
    with pytest.raises(JournalError):
        doc.undo()


def test_no_record_means_no_steps_kept():
    doc = HeadlessDoc()
    for i in range(50):
        doc.add(r.Point(r.Point3d(i, 0, 0)))
    assert doc.journal.open is None and doc.journal.done == []


# ---- property: any edits followed by an exception roll back to an identical document -----------
OPS = ("add_point", "add_line", "delete", "replace", "rename", "move_layer", "user_string", "select",
       "unselect_all", "add_layer", "modify_layer", "delete_layer", "current_layer", "add_group",
       "add_to_group", "remove_from_group", "delete_group", "rename_group", "units", "tolerance",
       "notes", "string", "hide", "lock")


def apply(doc, op, a, b):
    """One edit chosen by (op, a, b); edits the document refuses are skipped, as a script would."""
    ids = doc.object_ids()
    layers = doc.layer_indices()
    groups = [g.index for g in doc.groups()]
    oid = ids[a % len(ids)] if ids else None
    li = layers[b % len(layers)]
    gi = groups[a % len(groups)] if groups else -1
    if op == "add_point":
        doc.add(r.Point(r.Point3d(a, b, a - b)))
    elif op == "add_line":
        doc.add(line(a, b, b, a + 1))
    elif op == "delete" and oid:
        doc.delete(oid)
    elif op == "replace" and oid:
        g = doc.geometry_copy(oid)
        g.Translate(r.Vector3d(1, a, b))
        doc.replace(oid, g)
    elif op == "rename" and oid:
        doc.update_attributes(oid, Name="n%d" % b)
    elif op == "move_layer" and oid:
        doc.update_attributes(oid, LayerIndex=li)
    elif op == "user_string" and oid:
        doc.update_attributes(oid, user_strings={"k%d" % (b % 3): None if a % 2 else "v%d" % a})
    elif op == "select" and oid:
        doc.select([oid], on=bool(b % 2))
    elif op == "unselect_all":
        doc.unselect_all()
    elif op == "add_layer":
        parent = li if a % 2 else None
        doc.add_layer("L%d" % (b % 5), color=(a % 256, b % 256, 7), parent=parent)
    elif op == "modify_layer":
        try:
            doc.modify_layer(li, Color=(b % 256, 0, 0), Visible=bool(a % 2), Locked=bool(b % 3 == 0),
                             Name="M%d" % (a % 4))
        except ValueError:
            pass
    elif op == "delete_layer":
        doc.delete_layer(li, purge=bool(a % 2))
    elif op == "current_layer":
        doc.current_layer = li
    elif op == "add_group":
        doc.add_group("G%d" % (b % 4) if a % 2 else None)
    elif op == "add_to_group" and gi >= 0 and oid:
        doc.add_to_group([oid], gi)
    elif op == "remove_from_group" and gi >= 0 and oid:
        doc.remove_from_group([oid], gi)
    elif op == "delete_group" and gi >= 0:
        doc.delete_group(gi)
    elif op == "rename_group" and gi >= 0:
        doc.rename_group(gi, "R%d" % (b % 3))
    elif op == "units":
        doc.unit_system = ("Meters", "Inches", "Millimeters", "Feet")[b % 4]
    elif op == "tolerance":
        doc.tolerance = 0.001 * (1 + b % 10)
    elif op == "notes":
        doc.notes = "note %d" % a
    elif op == "string":
        doc.set_string("s%d" % (a % 3), None if b % 3 == 0 else "v%d" % b)
    elif op == "hide" and oid:
        doc.update_attributes(oid, Mode=r.ObjectMode.Hidden if b % 2 else r.ObjectMode.Normal)
    elif op == "lock" and oid:
        doc.update_attributes(oid, Mode=r.ObjectMode.Locked if b % 2 else r.ObjectMode.Normal)


edits = st.lists(st.tuples(st.sampled_from(OPS), st.integers(0, 1000), st.integers(0, 1000)),
                 min_size=1, max_size=40)


class ScriptFailed(Exception):
    pass


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edits)
def test_any_edits_then_exception_roll_back_exactly(steps):
    doc, _ = sample_doc()
    before = doc.snapshot()
    doc.begin_record("attempt")
    try:
        for op, a, b in steps:
            apply(doc, op, a, b)
        raise ScriptFailed()
    except ScriptFailed:
        doc.rollback()
    assert doc.snapshot() == before


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edits, edits)
def test_committed_edits_undo_exactly(first, second):
    doc, _ = sample_doc()
    doc.begin_record("first")
    for op, a, b in first:
        apply(doc, op, a, b)
    doc.end_record()
    middle = doc.snapshot()
    doc.begin_record("second")
    for op, a, b in second:
        apply(doc, op, a, b)
    doc.end_record()
    assert doc.undo()
    assert doc.snapshot() == middle


def test_rollback_cost_does_not_copy_the_document():
    """Opening a record copies nothing: a big document costs the same as a small one."""
    doc = HeadlessDoc()
    for i in range(2000):
        doc.add(r.Point(r.Point3d(i, 0, 0)))
    doc.begin_record("tiny")
    doc.add(r.Point(r.Point3d(-1, 0, 0)))
    assert len(doc.journal.open.steps) == 1
    doc.rollback()
    assert doc.object_count == 2000
    assert uuid.UUID(int=0) not in doc
