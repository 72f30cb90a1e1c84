"""Prompt building: system prompt, context block, API grounding, history trimming, repair format."""
import json

from rhino_plugin.core import prompt as P
from rhino_plugin.core.extract import extract_code
from rhino_plugin.core.host import RunResult, ScriptError


def _fn(module, sig, description=""):
    name, _, inner = sig.partition("(")
    params = []
    for a in [x.strip() for x in inner.rstrip(")").split(",") if x.strip()]:
        n, _, default = a.partition("=")
        params.append({"name": n.strip(), "default": default.strip() or None, "required": not default})
    return name, {"module": module, "signature": sig, "params": params, "description": description}


# A slice of the real rhinoscriptsyntax API (signatures as in Rhino 8).
FUNCTIONS = dict(_fn(*a) for a in [
    ("curve", "AddCircle(plane_or_center, radius)", "Adds a circle curve to the document"),
    ("curve", "AddCircle3Pt(first, second, third)", "Adds a 3-point circle curve to the document"),
    ("curve", "CircleRadius(curve_id, segment_index=-1)", "Returns the radius of a circle curve object"),
    ("curve", "CurveLength(curve_id, segment_index=-1, sub_domain=None)", "Returns the length of a curve object."),
    ("curve", "IsCircle(curve_id, tolerance=None)", "Verifies an object is a circle curve"),
    ("curve", "DivideCurve(curve_id, segments, create_points=False, return_points=True)", "Divides a curve object into a specified number of segments."),
    ("curve", "AddPolyline(points, replace_id=None)", "Adds a polyline curve to the current model"),
    ("surface", "AddSphere(center_or_plane, radius)", "Add a spherical surface to the document"),
    ("surface", "AddBox(corners)", "Adds a box shaped polysurface to the document"),
    ("object", "MoveObjects(object_ids, translation)", "Moves one or more objects"),
    ("object", "MoveObject(object_id, translation)", "Moves a single object"),
    ("object", "RotateObjects(object_ids, center_point, rotation_angle, axis=None, copy=False)", "Rotates multiple objects"),
    ("object", "ObjectLayer(object_id, layer=None)", "Returns or modifies the layer of an object"),
    ("layer", "AddLayer(name=None, color=None, visible=True, locked=False, parent=None)", "Add a new layer to the document"),
    ("userinterface", "GetObject(message=None, filter=0, preselect=False, select=False, custom_filter=None, subobjects=False)", "Prompts user to pick, or select, a single object."),
    ("selection", "SelectedObjects(include_lights=False, include_grips=False)", "Returns identifiers of all objects that are currently selected"),
])

CTX = {
    "units": "Millimeters", "tolerance": 0.001, "angle_tolerance": 1.0,
    "selection": {"count": 2, "objects": [
        {"id": "6f1c3e0a-0000-4000-8000-000000000001", "type": "curve", "layer": "Walls", "name": "rail",
         "bbox": [[0.0, 0.0, 0.0], [10.0, 0.0, 0.0]], "length": 10.00001, "closed": False, "degree": 1},
        {"id": "6f1c3e0a-0000-4000-8000-000000000002", "type": "point", "layer": "Default", "name": "",
         "bbox": [[1.5, 2.25, -0.0], [1.5, 2.25, 0.0]], "location": [1.5, 2.25, 0.0]},
    ], "summary": {}},
    "layers": [{"path": "Default", "color": [0, 0, 0], "visible": True, "locked": False, "objects": 3},
               {"path": "Walls", "color": [255, 0, 0], "visible": False, "locked": True, "objects": 1}],
    "counts": {"curve": 1, "point": 3}, "object_count": 4,
}


def test_system_prompt_is_short_and_says_the_rules():
    s = P.SYSTEM_PROMPT
    assert P.estimate_tokens(s) < 150
    for must in ("rhinoscriptsyntax", "SELECTED_IDS", "preselect=True", "sc", "ActiveDoc", "```python", "Rhino 8"):
        assert must in s, must


def test_context_block_lists_selection_units_layers_counts():
    text = P.context_block(CTX)
    assert "units Millimeters" in text and "tolerance 0.001" in text and "4 objects (curve 1, point 3)" in text
    assert "Walls (1, hidden, locked)" in text and "Default (3)" in text
    assert "Selected 2 objects, in SELECTED_IDS order:" in text
    first, second = [line for line in text.splitlines() if line.startswith("[")]
    assert first.startswith("[0] curve layer=Walls name=rail")
    assert "bbox=(0,0,0)-(10,0,0)" in first and "length=10" in first and "closed=False" in first
    assert second == "[1] point layer=Default location=(1.5,2.25,0)"  # no bbox repeating the location
    assert "6f1c3e0a" not in text  # ids cost 36 tokens each; scripts use SELECTED_IDS[i]


def test_closed_curves_skip_their_ends():
    line = P.describe_object({"type": "Curve", "closed": True, "start": [0, 0, 0], "end": [0, 0, 0], "length": 6.2832})
    assert line == "Curve closed=True length=6.2832"
    assert "start=(0,0,0)" in P.describe_object({"type": "Curve", "closed": False, "start": [0, 0, 0]})


def test_context_block_nothing_selected_and_empty_context():
    assert "Nothing is selected (SELECTED_IDS is empty)." in P.context_block({"object_count": 0})
    assert P.context_block(None).startswith("Document: 0 objects")


def test_large_selection_is_capped_and_summarised():
    objs = [{"id": "id%03d" % i, "type": "curve" if i % 3 else "brep", "layer": "L"} for i in range(500)]
    ctx = {"selection": {"count": 520, "objects": objs, "summary": {"mesh": 20}}, "object_count": 520}
    text = P.context_block(ctx, P.PromptOptions(max_selected=5))
    assert "Selected 520 objects" in text
    assert sum(1 for line in text.splitlines() if line.startswith("[")) == 5
    assert "... and 515 more: brep 165, curve 330, mesh 20" in text
    assert P.estimate_tokens(text) < 200


def test_context_budget_limits_detailed_objects():
    facts = {"type": "Curve", "layer": "Walls::Level 1", "bbox": [[1.25, 2.5, 0], [11.75, 9.125, 3.5]],
             "closed": False, "degree": 3, "length": 123.4567, "planar": True, "shape": "nurbs",
             "start": [1.25, 2.5, 0], "end": [11.75, 9.125, 3.5]}
    objs = [dict(facts, id="x") for _ in range(20)]
    ctx = {"selection": {"count": 20, "objects": objs}}
    text = P.context_block(ctx, P.PromptOptions(context_budget_tokens=300))
    detailed = [line for line in text.splitlines() if line.startswith("[")]
    assert 1 <= len(detailed) < 20 and text.endswith("... and %d more: Curve %d" % (20 - len(detailed), 20 - len(detailed)))
    assert P.estimate_tokens(text) <= 300 + 20
    assert len(P.context_block(ctx).splitlines()) > len(text.splitlines())


def test_token_estimate_counts_digits_and_ids():
    assert P.estimate_tokens("") == 0
    assert P.estimate_tokens("6f1c3e0a-0000-4000-8000-000000000001") >= 30  # digits are tokens of their own
    assert 100 <= P.estimate_tokens(P.SYSTEM_PROMPT) <= 160
    assert P.estimate_tokens("hello world") == 4  # never below characters / 3.5


def test_many_layers_are_capped():
    ctx = {"layers": [{"path": "L%d" % i} for i in range(100)]}
    text = P.context_block(ctx, P.PromptOptions(max_layers=10))
    assert "L9" in text and "L10" not in text and "... and 90 more" in text


def test_split_words_and_terms():
    assert P.split_words("AddCircle3Pt") == ["add", "circle", "3", "pt"]
    assert P.split_words("center_or_plane") == ["center", "or", "plane"]
    assert P.split_words("MeshVertexColors URLPath") == ["mesh", "vertex", "colors", "url", "path"]
    assert P.stem("circles") == P.stem("circle") and P.stem("boxes") == P.stem("box")
    assert P.stem("moving") == P.stem("move") == P.stem("moved")
    assert P.query_terms("Please draw the circles") == [P.stem("add"), P.stem("circle")]


def test_ranking_finds_the_right_functions():
    scorer = P.ApiScorer(FUNCTIONS)
    assert scorer.rank("draw a circle of radius 5", 3)[0] in ("AddCircle", "CircleRadius")
    assert "AddCircle" in scorer.rank("draw a circle of radius 5", 2)
    assert scorer.rank("make a sphere at each point", 1) == ["AddSphere"]
    assert set(scorer.rank("move the selected curves 10 units in x", 2)) == {"MoveObject", "MoveObjects"}
    assert set(scorer.rank("put the objects on a new layer called Walls", 2)) == {"ObjectLayer", "AddLayer"}
    assert scorer.rank("print the length of each curve", 1) == ["CurveLength"]
    assert scorer.rank("the and of", 5) == []
    # the picker is pushed below the real work
    ranked = scorer.rank("get object and rotate it", 3)
    assert ranked[0] == "RotateObjects"


def test_api_block_budget_switch_and_determinism():
    opts = P.PromptOptions()
    block = P.api_block("draw a circle of radius 5", opts, FUNCTIONS)
    assert block.startswith("Relevant rhinoscriptsyntax functions:")
    assert "rs.AddCircle(plane_or_center, radius)" in block
    assert block == P.api_block("draw a circle of radius 5", opts, dict(reversed(list(FUNCTIONS.items()))))
    small = P.api_block("draw a circle of radius 5", P.PromptOptions(api_budget_tokens=30), FUNCTIONS)
    assert P.estimate_tokens(small) <= 30 and 1 <= small.count("rs.") < block.count("rs.")
    assert P.api_block("draw a circle", P.PromptOptions(api_grounding=False), FUNCTIONS) == ""
    assert P.api_block("zzz qqq", opts, FUNCTIONS) == ""


def test_build_messages_shape_and_request_last():
    msgs = P.build_messages("  draw a circle  ", CTX, [], functions=FUNCTIONS)
    assert [m["role"] for m in msgs] == ["system", "user"]
    assert msgs[0]["content"] == P.SYSTEM_PROMPT
    user = msgs[1]["content"]
    assert user.index("Document:") < user.index("Relevant rhinoscriptsyntax") < user.index("Request: draw a circle")
    assert user.endswith("Request: draw a circle")
    assert msgs == P.build_messages("  draw a circle  ", json.loads(json.dumps(CTX)), [], functions=FUNCTIONS)


def test_history_is_trimmed_to_budget_keeping_whole_pairs():
    history = []
    for i in range(40):
        history.append({"role": "user", "content": "request %d " % i + "x" * 200})
        history.append(P.assistant_message("print(%d)" % i))
    msgs = P.build_messages("next", None, history, P.PromptOptions(history_budget_tokens=500), functions={})
    middle = msgs[1:-1]
    assert middle and middle[0]["role"] == "user" and middle[-1]["role"] == "assistant"
    assert sum(P.message_tokens(m) for m in middle) <= 500
    assert middle[-1]["content"] == history[-1]["content"]  # newest kept
    assert msgs[0]["role"] == "system" and msgs[-1]["content"].endswith("Request: next")
    assert P.trim_history(history, 0) == []


def test_assistant_message_round_trips_through_extract():
    code = "import rhinoscriptsyntax as rs\nrs.AddPoint((1, 2, 3))\n"
    assert extract_code(P.assistant_message(code)["content"]).code == code


CODE = "import rhinoscriptsyntax as rs\nprint('start')\nrs.AddCirle((0, 0, 0), 5)\n"


def test_repair_message_for_a_runtime_error():
    err = ScriptError("AttributeError", "module 'rhinoscriptsyntax' has no attribute 'AddCirle'", 3,
                      'Traceback (most recent call last):\n  File "<script>", line 3, in <module>\n'
                      "    rs.AddCirle((0, 0, 0), 5)\nAttributeError: module 'rhinoscriptsyntax' has no attribute 'AddCirle'",
                      "rs.AddCirle((0, 0, 0), 5)")
    msg = P.repair_message(CODE, RunResult(ok=False, stdout="start\n", error=err), 1)
    assert msg.startswith("The script failed (attempt 1) with AttributeError:")
    assert 'File "<script>", line 3' in msg
    assert "Failing line 3: rs.AddCirle((0, 0, 0), 5)" in msg
    assert "Printed before the error:\nstart" in msg
    assert msg.endswith(P.FIX_ASK)
    esc = P.repair_message(CODE, err, 2, escalate=True)
    assert "attempt 2" in esc and esc.endswith(P.ESCALATE_ASK) and "Printed" not in esc


def test_repair_message_source_line_from_code_when_missing():
    err = ScriptError("ZeroDivisionError", "division by zero", 2)
    msg = P.repair_message("x = 1\ny = x / 0\n", err, 1)
    assert "Failing line 2: y = x / 0" in msg


class _Problem:
    def __init__(self, line, message, suggestion=None):
        self.code, self.line, self.name, self.message, self.suggestion = "unknown-name", line, "rs.AddCirle", message, suggestion


def test_repair_message_for_checker_problems_and_long_outputs():
    msg = P.repair_message(CODE, [_Problem(3, "unknown function rs.AddCirle", "rs.AddCircle"),
                                  {"line": None, "message": "call to os.remove is not allowed"}], 1)
    assert msg.splitlines()[0] == "The script was rejected before running (attempt 1):"
    assert "- line 3: unknown function rs.AddCirle (did you mean rs.AddCircle?)" in msg
    assert "- call to os.remove is not allowed" in msg
    sentence = P.repair_message(CODE, [{"line": 2, "message": "rs.AddCircle is missing required argument 'radius'",
                                        "suggestion": "call it as rs.AddCircle(plane_or_center, radius)"}], 2)
    assert "- line 2: rs.AddCircle is missing required argument 'radius' (call it as rs.AddCircle(plane_or_center, " \
           "radius))" in sentence
    long_tb = "Traceback\n" + "x" * 50000
    big = P.repair_message(CODE, RunResult(ok=False, stdout="y" * 50000, error=ScriptError("E", "m", None, long_tb)), 1)
    assert len(big) < 3 * P.MAX_REPAIR_CHARS


def test_repair_message_for_no_code_and_wrong_language():
    msg = P.repair_message("", extract_code("```csharp\nusing Rhino;\n```"), 1)
    assert "C#" in msg and "Python 3" in msg and "```python" in msg
    msg = P.repair_message("", extract_code("I would use a circle."), 1)
    assert "no Python code" in msg


def test_grounding_on_the_committed_api_index():
    """The default path: signatures come from rhino_plugin/core/data/api_index_json.py."""
    block = P.api_block("draw a circle of radius 5 at the origin")
    assert block.splitlines()[1] == "rs.AddCircle(plane_or_center, radius)"  # the verb leads: draw → Add
    assert P.estimate_tokens(block) <= P.PromptOptions().api_budget_tokens
    assert "rs.AddLayer(" in P.api_block("put the selected objects on a new layer called Walls")
    assert "rs.CurveAreaCentroid(" in P.api_block("find the area centroid of the closed curve")
    user = P.build_messages("extrude the curve 5 up", None)[-1]["content"]
    assert "rs.ExtrudeCurve" in user and user.endswith("Request: extrude the curve 5 up")


def test_repair_message_for_a_cut_off_reply():
    problems = [{"code": "syntax", "line": 3, "message": "SyntaxError: '(' was never closed"}]
    msg = P.repair_message("x = (\n", problems, 1, cut_off=True)
    lines = msg.splitlines()
    assert lines[-2] == P.CUT_OFF_NOTE and lines[-1] == P.FIX_ASK
    assert P.repair_message("x = (\n", problems, 1) == msg.replace(P.CUT_OFF_NOTE + "\n", "")
