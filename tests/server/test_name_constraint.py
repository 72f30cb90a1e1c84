"""Constrained names after `rs.`: the masks on a hand-made vocabulary, the request field's
validation through the real server, and the real default model through the openai client
(unconstrained it invents a function; constrained every `rs.` name it writes is real)."""
import re

import mlx.core as mx
import pytest

from model_server.name_constraint import NameConstraint, Vocabulary, check_names

PIECES = ["rs", ".", "Add", "Point", "Pan", "el", "(", "Circle", "users", " ", "\n", "AddPoint",
          ".Add", ".Pan", "..", "x", "Points", "()", "<eos>", "s"]
NAMES = {"rs": ["AddPoint", "AddPoints", "AddCircle", "Polar"]}


def ids(*pieces):
    return mx.array([PIECES.index(p) for p in pieces], dtype=mx.uint32)


def allowed(constraint, *prefix, size=len(PIECES)):
    out = constraint(ids(*prefix), mx.zeros((1, size)))
    return {PIECES[i] for i in range(len(PIECES)) if out[0, i].item() == 0}


@pytest.fixture()
def constraint():
    return NameConstraint(Vocabulary(PIECES), NAMES)


def test_after_the_prefix_only_tokens_that_spell_a_listed_name(constraint):
    # no piece starts "Polar", so only the "Add..." pieces can follow `rs.`
    assert allowed(constraint, "x", " ", "rs", ".") == {"Add", "AddPoint"}
    assert allowed(constraint, "x", " ", "rs", ".", "Add") == {"Point", "Points", "Circle"}
    # a complete name may end (any non-identifier token) or continue to a longer listed name
    done = allowed(constraint, "x", " ", "rs", ".", "AddPoint")
    assert {"(", "()", " ", "\n", "<eos>", "s"} <= done and not {"el", "Pan", "Point", "x"} & done


def test_outside_a_name_logits_are_untouched(constraint):
    logits = mx.arange(len(PIECES), dtype=mx.float32)[None]
    for prefix in [("x",), ("users", "."), ("rs", ".", "AddPoint", "("), ("x", ".", "rs")]:
        out = constraint(ids(*prefix), logits)
        assert mx.array_equal(out, logits), prefix
    # "users." ends in "rs." but is not the prefix: no word boundary
    assert constraint.state("users.", complete=True) is None
    assert constraint.state("a.rs.Add", complete=True) is None
    assert constraint.state("rs.Add", complete=True) == ("rs", "Add")
    assert constraint.state("rs.Add", complete=False) is None      # the window may have cut a word


def test_tokens_that_start_with_a_dot_are_checked_right_after_the_prefix(constraint):
    after = allowed(constraint, "x", " ", "rs")
    assert {".", ".Add"} <= after and not {".Pan", ".."} & after
    assert {"x", "(", " "} <= after                      # `rsx`, `rs(`: not a name lookup


def test_a_dead_end_is_left_alone_and_the_mask_fits_a_padded_vocabulary(constraint):
    # no listed name starts with "Pan": nothing would be forced (the checker reports the name)
    logits = mx.zeros((1, len(PIECES)))
    assert constraint(ids("rs", ".", "Pan"), logits) is logits
    out = constraint(ids("rs", "."), mx.zeros((1, len(PIECES) + 12)))   # model vocab > tokenizer's
    assert out.shape == (1, len(PIECES) + 12) and out[0, -1].item() == -float("inf")


def test_dotted_prefixes():
    c = NameConstraint(Vocabulary(PIECES), {"rs": ["Polar"], "x.rs": ["AddCircle"]})
    assert allowed(c, "x", ".", "rs", ".", "Add") == {"Circle"}
    logits = mx.zeros((1, len(PIECES)))
    assert c(ids(" ", "rs", ".", "Add"), logits) is logits     # `rs` lists only Polar


@pytest.mark.parametrize("names, words", [
    ({"rs": []}, "empty"),
    ({"r s": ["AddPoint"]}, "dotted Python name"),
    ({"rs": ["Add Point"]}, "ASCII identifier"),
    ({"rs": ["Ädd"]}, "ASCII identifier"),
    ({"k%d" % i: ["a"] for i in range(9)}, "at most 8"),
    ({"rs": ["A" * 30000]}, "longer than 100"),    # a 30,000-character name cost 433 MB (issue 21)
    ({"r" * 200: ["AddPoint"]}, "longer than 100"),
])
def test_check_names_explains_what_is_wrong(names, words):
    assert words in check_names(names)


def test_bad_names_get_a_400_with_the_reason(server):
    import httpx

    body = {"messages": [{"role": "user", "content": "hi"}], "max_tokens": 2,
            "names": {"rs": ["not a name"]}}
    r = httpx.post(server + "/v1/chat/completions", json=body, timeout=60)
    assert r.status_code == 400, r.text
    assert "ASCII identifier" in r.json()["error"]["message"] and r.json()["error"]["param"].startswith("names")
    body["names"] = {"rs": ["AddPoint"]}
    assert httpx.post(server + "/v1/chat/completions", json=body, timeout=60).status_code == 200


RS_CALL = re.compile(r"(?<![\w.])rs\.(\w+)")


@pytest.mark.real_model
@pytest.mark.parametrize("engine_kind", ["mlx", "llamacpp"])
def test_the_default_model_writes_only_real_names_when_constrained(engine_kind):
    """The same greedy request twice through the real server and the openai client."""
    from openai import OpenAI

    from model_server.provider import load_model
    from rhino_plugin.core.api_index import load
    from tests.server.live import live_server, make_engine

    real = set(load().rs_public_names())   # what the Session sends
    messages = [{"role": "system", "content": "You write Rhino 8 Python scripts with rhinoscriptsyntax."},
                {"role": "user", "content": "Write a script that calls rs.AddPanel to add a facade panel, "
                                            "then rs.PanelColor to colour it red."}]
    engine = make_engine(load_model("smollm2-135m", progress=False, engine=engine_kind), max_queue=2)
    try:
        with live_server(engine) as url:
            client = OpenAI(base_url=url + "/v1", api_key="local")

            def reply(**extra):
                r = client.chat.completions.create(model="default", messages=messages, temperature=0,
                                                   max_tokens=120, extra_body=extra)
                return r.choices[0].message.content

            free = reply()
            constrained = reply(names={"rs": sorted(real)})
    finally:
        engine.stop()
    invented = set(RS_CALL.findall(free)) - real
    assert invented, "the unconstrained reply should invent a name here: %r" % free
    written = set(RS_CALL.findall(constrained))
    assert written and written <= real, (constrained, written - real)


def test_the_grammar_treats_letters_of_any_script_as_part_of_a_name():
    """The llama.cpp grammar: after a listed name must come a non-word character, and non-ASCII
    letters are word characters (Python identifiers take them): the independent set's run wrote
    `rs.PointCloudPointColorsını` when only ASCII counted, an unknown name the grammar let through."""
    import re as _re

    from model_server.name_grammar import names_grammar

    g = names_grammar({"rs": ["AddPoint", "AddPoints"]})
    rules = dict(line.split(" ::= ", 1) for line in g.strip().splitlines())
    assert "\\u0080-\\U0010FFFF" in rules["w"]
    nd = rules["nd"]
    assert "\\u0080" not in nd and "." not in nd.replace("\\x2D\\x2F", "")  # "." (0x2E) is left out
    assert rules["n0"] == '"AddPoint" ("s")?'
    assert _re.search(r'"rs" k0', rules["key-word"]) and rules["k0"].startswith('( "." n0 after')
    with pytest.raises(ValueError, match="single-identifier"):
        names_grammar({"Rhino.Geometry": ["Point3d"]})


def test_the_mlx_mask_treats_letters_of_any_script_as_part_of_a_name():
    """The MLX processor's rule matches the grammar's: a complete name may not be followed by a
    non-ASCII letter (`rs.AddPointını` would be an unknown name), nor by a byte-level token that
    holds only part of a UTF-8 character (decoded as U+FFFD), which could become such a letter."""
    pieces = PIECES + ["ını", "\ufffd", "Pointé", "(", "é("]
    c = NameConstraint(Vocabulary(pieces), NAMES)
    index = {p: i for i, p in enumerate(pieces)}
    prefix = mx.array([index[p] for p in ("x", " ", "rs", ".", "AddPoint")], dtype=mx.uint32)
    out = c(prefix, mx.zeros((1, len(pieces))))
    kept = {pieces[i] for i in range(len(pieces)) if out[0, i].item() == 0}
    assert "(" in kept and "s" in kept
    assert not {"ını", "\ufffd", "é("} & kept
    after_add = c(mx.array([index[p] for p in ("x", " ", "rs", ".", "Add")], dtype=mx.uint32),
                  mx.zeros((1, len(pieces))))
    assert after_add[0, index["Pointé"]].item() == -float("inf")
