"""Rewriting a shown example to the request's own numbers (examples.adapt), and which examples the
library lets it touch (examples.mark_adaptable)."""
import pytest

from rhino_plugin.core import examples as X, prompt as P
from rhino_plugin.hosts.headless import HeadlessHost

LINE = {"request": "line (-2, -10, 0) -> (1, -8, 7)",
        "code": "import rhinoscriptsyntax as rs\nrs.AddLine((-2, -10, 0), (1, -8, 7))\n"}
CIRCLE = {"request": "Draw a flat circle (world XY) of diameter 24 around the point (-3, -3, 0).",
          "code": "import rhinoscriptsyntax as rs\nrs.AddCircle((-3, -3, 0), 24 / 2.0)\n"}
BOX = {"request": "Add a solid block 3 long, 5 deep and 7 high sitting on the ground at 10,20.",
       "code": "import rhinoscriptsyntax as rs\nrs.AddBox([(10, 20, 0), (13, 20, 0), (13, 25, 0), (10, 25, 0), "
               "(10, 20, 7), (13, 20, 7), (13, 25, 7), (10, 25, 7)])\n"}


def test_request_numbers_read_points_sizes_and_signs_but_not_names():
    found = X.request_numbers("a 2x3x4 box at 1,2,3. Put it on layer1, x2 copies, -0.5 apart")
    assert [n.text for n in found] == ["2", "3", "4", "1", "2", "3", "-0.5"]
    assert X._shape(found) == [3, 3, 1]  # "2x3x4" and "1,2,3" are one group each
    assert "apart" in found[-1].words


def test_code_numbers_take_a_unary_minus_and_skip_indices():
    code = "low = rs.BoundingBox(ids)[0]\nrs.MoveObjects(ids, (-4 - low[0], 2 - low[1], -0.5))\nx = 1e3\n"
    assert [n.text for n in X.code_numbers(code)] == ["-4", "2", "-0.5"]  # 1e3 is not a decimal literal
    assert X.code_numbers("def f(:\n  (") is None


def test_an_example_takes_the_requests_numbers_in_its_request_and_its_script():
    got = X.adapt(LINE, "Draw a line from (0,0,0) to (10,5,2).")
    assert got["request"] == "line (0, 0, 0) -> (10, 5, 2)"
    assert got["code"] == "import rhinoscriptsyntax as rs\nrs.AddLine((0, 0, 0), (10, 5, 2))\n"
    assert LINE["code"].endswith("(1, -8, 7))\n")  # the library's entry is not touched
    # a repeated value is matched in request order; a float stays a float
    got = X.adapt(CIRCLE, "Can you add a circle, diameter 10, whose centre is at (-3, 4, 1)? Flat in the world XY.")
    assert got["code"].endswith("rs.AddCircle((-3, 4, 1), 10 / 2.0)\n")
    assert X.adapt(LINE, "line (-2, -10, 0) -> (1, -8, 7)")["code"] == LINE["code"]


@pytest.mark.parametrize("request_text", [
    "Draw a line from (0,0,0) to (10,5,2) and another to (3,3,3).",  # more numbers
    "line 5 units long from (0,0,0)",  # another shape: a scalar and a point
    "Draw a line from the origin to (10, 5, 2) and one to 1,2,3.",  # "the origin" is a number not written
    "a line",  # no numbers
])
def test_numbers_that_do_not_line_up_leave_the_example_alone(request_text):
    assert X.adapt(LINE, request_text) is None


def test_a_scalar_must_share_a_word_and_a_derived_number_blocks_the_rewrite():
    ring = {"request": "5 points on a ring, radius 2", "code": "ring(5, 2)\n"}
    assert X.adapt(ring, "8 points on a ring, radius 3")["code"] == "ring(8, 3)\n"
    assert X.adapt(ring, "8 points on a ring, height 3") is None  # "radius 2" is not "height 3"
    # the box's corners are computed from its size: 4 and 2.5 are nowhere in the script
    assert X.adapt(BOX, "Add a solid block 4 long, 5 deep and 7 high sitting on the ground at 10,20.") is None
    # (a box of 2 x 2 x 2 has its sizes among its corners by chance: mark_adaptable is the guard there)


def _family(entries, family="syn:f"):
    return [dict(e, family=family, selection=False) for e in entries]


def test_mark_adaptable_trusts_an_example_only_where_its_family_confirms_it():
    lines = _family([
        {"request": "line (%d, 0, 0) -> (1, %d, 7)" % (a, b), "code": "rs.AddLine((%d, 0, 0), (1, %d, 7))\n" % (a, b)}
        for a, b in ((1, 2), (3, 4), (5, 6))])
    # every value is 5: which 5 is the count and which the spacing cannot be told, and the family shows it
    grids = _family([
        {"request": "grid of points: %s along X, %s along Y, %s between them" % (x, y, d),
         "code": "pts = [(i * %s, j * %s, 0) for i in range(%s) for j in range(%s)]\n" % (d, d, x, y)}
        for x, y, d in (("5", "5", "5"), ("6", "3", "2"), ("4", "7", "3"))], family="syn:grid")
    lonely = _family([{"request": "circle radius 3", "code": "rs.AddCircle((0, 0, 0), 3)\n"}], family="syn:one")
    entries = lines + grids + lonely
    assert X.mark_adaptable(entries) == 5
    assert [bool(e.get("adapts")) for e in entries] == [True, True, True, False, True, True, False]
    assert X.mark_adaptable(entries) == 5  # marking again gives the same, from scratch


def test_the_served_prompt_shows_the_example_with_the_requests_numbers_and_it_runs():
    request = "Draw a line from (0,0,0) to (10,5,2)."
    library = X.load()
    (score, ex), = library.nearest(request, selection=False)
    assert ex.get("adapts") and score >= X.MIN_SCORE
    served = P.user_message(request, None, P.serving_options())
    block = served[served.index(P.EXAMPLES_HEAD):served.index(P.API_HEAD)]
    assert "(0, 0, 0)" in block and "(10, 5, 2)" in block
    trained = P.user_message(request, None, P.serving_options(adapt_examples=False))
    assert ex["code"].strip() in trained  # the option off shows the library's own numbers
    code = block.split("```python\n", 1)[1].split("```", 1)[0]
    host = HeadlessHost()
    result = host.run(code, timeout=30)
    assert result.ok, result.error
    (oid,) = result.created
    line = host.doc.find(oid).geometry  # a real rhino3dm LineCurve, where the request says
    assert [tuple(round(c, 9) for c in (p.X, p.Y, p.Z)) for p in (line.PointAtStart, line.PointAtEnd)] == [
        (0, 0, 0), (10, 5, 2)]


def test_every_marked_library_entry_round_trips_through_its_own_numbers():
    """Adapting an entry to its own request changes nothing: the alignment never moves a number
    the request already agrees with."""
    library = X.load()
    marked = [e for e in library.examples if e.get("adapts")]
    assert len(marked) > 100
    for e in marked:
        assert X.adapt(e, e["request"])["code"] == e["code"], e["request"]


def test_the_api_block_can_list_the_shown_examples_functions_first():
    request = "Make a surface from the four corners (0,0,0), (10,0,0), (10,10,5), (0,10,5)."
    served = P.user_message(request, None, P.serving_options(example_functions_first=True))
    api = served[served.index(P.API_HEAD):].splitlines()
    assert "rs.AddSrfPt(" in served[served.index(P.EXAMPLES_HEAD):served.index(P.API_HEAD)]
    assert api[1].startswith("rs.AddSrfPt(")  # the example's call, then the ranked ones
    assert len([line for line in api if line.startswith("rs.")]) == P.PromptOptions().api_functions
    plain = P.user_message(request, None, P.serving_options())  # off when serving: measured, not kept
    assert not plain[plain.index(P.API_HEAD):].splitlines()[1].startswith("rs.AddSrfPt(")
    # without an example the block is the ranked one, whatever the option says
    bare = "Zzqx the wibble surface."
    assert P.user_message(bare, None, P.serving_options(example_functions_first=True)) == P.user_message(
        bare, None, P.serving_options())
    listed = P.api_block(request, first=["NotAFunction", "AddSrfPt", "AddSrfPt"]).splitlines()
    assert listed[1].startswith("rs.AddSrfPt(") and sum(line.startswith("rs.AddSrfPt(") for line in listed) == 1
