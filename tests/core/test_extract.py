"""Code extraction from model replies: fences, bare code, several blocks, wrong language, truncation."""
from rhino_plugin.core.extract import code, cut_loop, extract_code

RS = "import rhinoscriptsyntax as rs\nrs.AddCircle((0, 0, 0), 5)\n"


def test_first_python_block_with_prose_around():
    reply = "Here you go:\n```python\n%s```\nThis draws a circle." % RS
    ex = extract_code(reply)
    assert ex.ok and ex.kind == "fenced" and ex.code == RS and not ex.truncated


def test_py_tag_and_tilde_fence_and_crlf():
    assert code("~~~py\r\nx = 1\r\n~~~\r\n") == "x = 1\n"
    assert code("```Python3\nprint(2)\n```") == "print(2)\n"


def test_several_blocks_prefers_the_rhino_one_and_never_concatenates():
    reply = ("First a helper:\n```python\ndef f(x):\n    return x * 2\n```\n"
             "Then the script:\n```python\n%s```\n" % RS)
    ex = extract_code(reply)
    assert ex.code == RS and ex.blocks == 2
    assert "def f" not in ex.code


def test_several_rhino_blocks_takes_the_first():
    other = "import rhinoscriptsyntax as rs\nrs.AddPoint((1, 2, 3))\n"
    ex = extract_code("```python\n%s```\nor\n```python\n%s```" % (RS, other))
    assert ex.code == RS


def test_untagged_fence_that_parses():
    ex = extract_code("```\n%s```" % RS)
    assert ex.kind == "fenced-untagged" and ex.code == RS


def test_untagged_fence_of_prose_is_not_code():
    ex = extract_code("```\nThe circle is drawn at the origin, radius five.\n```")
    assert ex.code is None and ex.kind == "none"


def test_untagged_rhino_code_with_syntax_error_still_extracted_for_the_checker():
    ex = extract_code("```\nimport rhinoscriptsyntax as rs\nrs.AddCircle((0,0,0), 5\n```")
    assert ex.code is not None and "AddCircle" in ex.code


def test_bare_code_reply():
    ex = extract_code(RS)
    assert ex.kind == "bare" and ex.code == RS


def test_prose_then_unfenced_code():
    ex = extract_code("Sure, here is a script that makes a circle:\n" + RS)
    assert ex.kind == "bare" and ex.code == RS


def test_plain_prose_has_no_code():
    for reply in ["I cannot help with that.", "hello", "Sure! What radius would you like?"]:
        ex = extract_code(reply)
        assert ex.code is None and ex.kind == "none", reply
        assert "no Python code" in ex.message


def test_empty_reply():
    ex = extract_code("   \n")
    assert ex.code is None and ex.kind == "empty"


def test_wrong_language_tagged_csharp():
    reply = "```csharp\nusing Rhino;\nvar c = new Circle(Plane.WorldXY, 5);\n```"
    ex = extract_code(reply)
    assert ex.code is None and ex.kind == "wrong-language" and ex.language == "C#"
    assert "not Python" in ex.message


def test_wrong_language_untagged_csharp_and_vbscript():
    ex = extract_code("```\nusing System;\npublic static void Main() { }\n```")
    assert ex.kind == "wrong-language" and ex.language == "C#"
    ex = extract_code("Option Explicit\nDim strObject\nstrObject = Rhino.GetObject(\"Pick\")\n")
    assert ex.kind == "wrong-language" and "RhinoScript" in ex.language
    ex = extract_code("```vb\nCall Rhino.AddLine(Array(0,0,0), Array(1,1,1))\n```")
    assert ex.kind == "wrong-language"


def test_python_wins_over_other_language_blocks():
    reply = "```csharp\nvar x = 1;\n```\n```python\n%s```" % RS
    assert code(reply) == RS


def test_unterminated_fence_at_end_of_truncated_reply():
    reply = "```python\nimport rhinoscriptsyntax as rs\nfor i in range(3):\n    rs.AddPoint((i, 0, 0))\n"
    ex = extract_code(reply)
    assert ex.ok and ex.truncated
    assert ex.code.endswith("rs.AddPoint((i, 0, 0))\n")


def test_think_section_is_ignored():
    reply = "<think>maybe ```python\nbad()\n```</think>\n```python\n%s```" % RS
    assert code(reply) == RS


def test_longer_fence_contains_inner_backticks():
    reply = "````python\n" + 's = """\n```\ninner\n```\n"""\nprint(s)\n' + "````\n"
    ex = extract_code(reply)
    assert ex.ok and "inner" in ex.code and ex.code.strip().endswith("print(s)")


def test_to_dict_is_plain_data():
    d = extract_code("```python\nx = 1\n```").to_dict()
    assert d["code"] == "x = 1\n" and d["kind"] == "fenced" and d["truncated"] is False


def test_add_missing_imports():
    from rhino_plugin.core.extract import add_missing_imports
    code = "pts = [rs.AddPoint((i, 0, 0)) for i in range(3)]\nprint(math.pi, sc.doc)\n"
    fixed, added = add_missing_imports(code)
    assert added == ["import rhinoscriptsyntax as rs", "import scriptcontext as sc", "import math"]
    assert fixed == "\n".join(added) + "\n" + code
    # already imported, bound as a variable or a parameter, or not parseable: unchanged
    for same in ("import rhinoscriptsyntax as rs\nrs.AddPoint((0, 0, 0))\n",
                 "from Rhino.Geometry import Point3d\nrs = None\nprint(rs)\n",
                 "def f(math):\n    return math\n",
                 "rs.AddPoint((0, 0, 0)\n"):
        assert add_missing_imports(same) == (same, [])
    assert add_missing_imports("import Rhino.Geometry\nRhino.Geometry.Point3d(0, 0, 0)\n")[1] == []
    assert add_missing_imports("p = Rhino.Geometry.Point3d(0, 0, 0)\n")[1] == ["import Rhino"]


def test_cut_loop_keeps_one_copy_of_a_line_repeated_to_the_end():
    reply = "```python\nx = 0\n" + "    x += 1\n" * 5 + "    x +"
    assert cut_loop(reply) == ("```python\nx = 0\n    x += 1\n", "x += 1")
    assert cut_loop("a\nb\nb\nb\n") is None                    # three copies: below the threshold
    assert cut_loop("a\nb\nb\nb\n", times=3) == ("a\nb\n", "b")
    assert cut_loop("\n\n\n\n\n") is None                      # blank lines are not a loop
    assert cut_loop("b\nb\nb\nb\nc\n") is None                 # the loop must be at the end
    assert cut_loop("no newline") is None


def test_cut_loop_sees_a_block_repeated_deeper_and_deeper():
    """Greedy decoding nests the same two lines ever deeper; that is a loop too."""
    step = ["if color:", "color = rs.PointCloudPointColors(obj, color)"]
    body = "".join("    " * (i + 1) + step[i % 2] + "\n" for i in range(10))
    reply = "```python\nimport rhinoscriptsyntax as rs\ncolor = None\n" + body + "    " * 11 + "if co"
    cut, line = cut_loop(reply)
    assert line == "if color: / color = rs.PointCloudPointColors(obj, color)"
    assert cut.endswith("color = None\n    if color:\n        color = rs.PointCloudPointColors(obj, color)\n")
    assert cut_loop("a\nb\nc\na\nb\nc\na\nb\nc\n") is None  # three copies of a 3-line block: not yet
    assert cut_loop("x = 1\ny = 2\nx = 1\ny = 2\n" * 2)[0] == "x = 1\ny = 2\n"
    assert cut_loop("a\nb\nc\nd\n" * 4) is None  # a 4-line block is beyond the default period
    assert cut_loop("a\nb\nc\nd\n" * 4, period=4) == ("a\nb\nc\nd\n", "a / b / c / d")
