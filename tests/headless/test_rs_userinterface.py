"""rs user-interface pickers answered from doc.answers, in order, through the real host."""
import json

import pytest

import rhino_headless.rhinoscriptsyntax as rs
from rhino_headless import scriptcontext as sc
from rhino_headless.document import HeadlessDoc
from rhino_headless.errors import NeedsUserInputError
from rhino_plugin.hosts.headless import HeadlessHost


@pytest.fixture
def doc():
    d = HeadlessDoc()
    with sc.use_doc(d):
        yield d


def test_answers_are_consumed_in_order(doc):
    doc.answers = [[1, 2, 3], 2.5, 7, "Walls", [True, False], [[0, 0, 0], [1, 0, 0]], [255, 0, 0]]
    p = rs.GetPoint("Point")
    assert (p.X, p.Y, p.Z) == (1, 2, 3) and p[0] == 1
    assert rs.GetReal() == 2.5 and rs.GetInteger() == 7 and rs.GetString() == "Walls"
    assert rs.GetBoolean("b", (("A", "No", "Yes"), ("B", "No", "Yes")), (False, False)) == [True, False]
    assert [tuple(q) for q in rs.GetPoints()] == [(0, 0, 0), (1, 0, 0)]
    c = rs.GetColor()
    assert (c.R, c.G, c.B) == (255, 0, 0)
    with pytest.raises(NeedsUserInputError, match="rs.GetPoint"):
        rs.GetPoint()


def test_answers_are_checked(doc):
    doc.answers = [12, 1.5, "x", "Other", ["A", "B"]]
    with pytest.raises(ValueError, match="within"):
        rs.GetInteger(maximum=10)
    with pytest.raises(ValueError, match="integer"):
        rs.GetInteger()
    with pytest.raises(ValueError, match="point"):
        rs.GetPoint()
    with pytest.raises(ValueError, match="one of"):
        rs.ListBox(["A", "B"])
    assert rs.MultiListBox(["A", "B", "C"]) == ["A", "B"]


def test_escape_and_dialogs(doc, capsys):
    doc.answers = [None, None, 6]
    assert rs.GetPoint() is None and rs.GetString() is None
    assert rs.MessageBox("Continue?", 4) == 6  # Yes/No takes an answer
    assert rs.MessageBox("Done") == 1  # OK-only needs none
    rs.TextOut("report")
    assert capsys.readouterr().out.splitlines() == ["Continue?", "Done", "report"]
    doc.answers = ["Default"]
    assert rs.GetLayer() == "Default"
    doc.answers = [[[0, 0, 0], [4, 2, 0]]]
    corners = rs.GetRectangle()
    assert [tuple(c) for c in corners] == [(0, 0, 0), (4, 0, 0), (4, 2, 0), (0, 2, 0)]


def test_answers_file_drives_a_script_through_the_host(tmp_path):
    answers = [[0, 0, 0], [10, 0, 0], 3]
    (tmp_path / "answers.json").write_text(json.dumps(answers))
    code = ("import rhinoscriptsyntax as rs\n"
            "a = rs.GetPoint('Start'); b = rs.GetPoint('End')\n"
            "n = rs.GetInteger('Copies', 2, 1)\n"
            "print(n, a.DistanceTo(b))\n")
    host = HeadlessHost(HeadlessDoc(), answers=json.loads((tmp_path / "answers.json").read_text()))
    result = host.run(code)
    assert result.ok, result.error
    assert result.stdout.split() == ["3", "10.0"]
