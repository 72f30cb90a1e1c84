"""Issue 21, a server no request can sink: every string, list and map of the request schema has a
fixed bound; the `names` structures are linear in the request; the MLX prompt cache is bounded in
bytes. Each test failed before its fix."""
import random
import string
import tracemalloc

import httpx
import pytest

GOOD = {"messages": [{"role": "user", "content": "hi"}], "max_tokens": 2, "temperature": 0}


def unbounded(schema, defs, path="body", seen=()):
    """Paths of strings without maxLength, arrays without maxItems, maps without maxProperties
    or with unbounded keys, in a JSON schema (enums and consts are bounded by nature)."""
    out = []
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        if name in seen:
            return out
        return unbounded(defs[name], defs, path, seen + (name,))
    for key in ("anyOf", "oneOf", "allOf"):
        for i, sub in enumerate(schema.get(key, ())):
            out += unbounded(sub, defs, path, seen)
    kind = schema.get("type")
    if kind == "string" and "maxLength" not in schema and "enum" not in schema and "const" not in schema:
        out.append(path)
    if kind == "array":
        if "maxItems" not in schema:
            out.append(path)
        out += unbounded(schema.get("items", {}), defs, path + "[]", seen)
    if kind == "object":
        for name, sub in schema.get("properties", {}).items():
            out += unbounded(sub, defs, path + "." + name, seen)
        extra = schema.get("additionalProperties")
        if isinstance(extra, dict):
            if "maxProperties" not in schema or "maxLength" not in schema.get("propertyNames", {}):
                out.append(path + "{}")
            out += unbounded(extra, defs, path + "{}", seen)
    return out


def test_every_string_list_and_map_of_the_request_is_bounded():
    from model_server.schemas import ChatCompletionRequest

    schema = ChatCompletionRequest.model_json_schema()
    assert unbounded(schema, schema.get("$defs", {})) == []


@pytest.mark.parametrize("change, param", [
    ({"model": "m" * 257}, "model"),
    ({"stop": "s" * 257}, "stop"),
    ({"stop": ["s" * 257]}, "stop"),
    ({"messages": [{"role": "user", "content": "hi", "name": "n" * 257}]}, "messages.0.name"),
    ({"messages": [{"role": "user", "content": [{"type": "text", "text": "a"}] * 257}]},
     "messages.0.content"),
    ({"logit_bias": {"1" * 11: 1}}, "logit_bias"),
    ({"names": {"rs": ["A" * 101]}}, "names"),
    ({"names": {"k" * 101: ["A"]}}, "names"),
])
def test_over_long_fields_are_a_400_naming_the_field(server, change, param):
    body = dict(GOOD, **change)
    r = httpx.post(server + "/v1/chat/completions", json=body, timeout=60)
    assert r.status_code == 400, r.text
    err = r.json()["error"]
    assert err["message"] and err["param"] and err["param"].startswith(param), err


def worst_names(count=20_000, length=100, seed=0):
    """The largest `names` a request may send: 20,000 names of 100 characters, sharing almost no
    prefix (the worst case for a table of prefixes or a trie with a node per character)."""
    rng = random.Random(seed)
    return ["".join(rng.choice(string.ascii_letters) for _ in range(length)) for _ in range(count)]


def measured(build):
    tracemalloc.start()
    try:
        kept = build()
        held, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return kept, held, peak


def test_names_structures_are_linear_in_the_request():
    """The MLX processor stored every prefix of every name (263 MB held for the largest allowed
    request, 433 MB for one 30,000-character name before names were capped); the llama.cpp grammar
    built a trie with a dict per character (367 MB peak). The input itself is 2 MB."""
    from model_server.name_constraint import NameConstraint, Vocabulary
    from model_server.name_grammar import names_grammar

    names = worst_names()
    vocab = Vocabulary(["rs", ".", "Add", " ", "(", "x"])
    constraint, held, peak = measured(lambda: NameConstraint(vocab, {"rs": names}))
    print("NameConstraint for 20,000 x 100 characters: %.1f MB held, %.1f MB peak" % (held / 1e6, peak / 1e6))
    assert held < 8e6 and peak < 16e6
    grammar, held, peak = measured(lambda: names_grammar({"rs": names}))
    print("names grammar: %d characters, %.1f MB peak" % (len(grammar), peak / 1e6))
    assert peak < 32e6 and len(grammar) < 3 * sum(len(n) for n in names)
    # and the prefix search still answers like the table did
    assert constraint.state("x rs." + names[5][:40], complete=True) == ("rs", names[5][:40])
    from model_server.name_constraint import _is_prefix, _starting_with
    ordered = constraint.sorted["rs"]
    assert _is_prefix(names[7][:50], ordered) and not _is_prefix(names[7][:50] + "!", ordered)
    assert _starting_with(ordered, names[9]) == (names[9],)


def test_prompt_cache_evicts_by_bytes(tiny_loaded):
    import mlx.core as mx

    from model_server.prompt_cache import PromptCacheStore, cache_bytes

    model = tiny_loaded.model

    def entry(tokens):
        cache, cached = probe.fetch(tokens)
        model(mx.array([tokens[cached:]]), cache=cache)
        mx.eval([c.state for c in cache])
        return cache

    probe = PromptCacheStore(model, max_entries=0)
    one = cache_bytes(entry(list(range(10, 20))))
    assert one > 0
    store = PromptCacheStore(model, max_entries=100, max_bytes=int(2.5 * one))
    for start in (100, 200, 300):                     # three distinct prompts, same size
        store.insert(list(range(start, start + 10)), entry(list(range(start, start + 10))))
    assert len(store) == 2 and store.nbytes <= store.max_bytes   # the oldest went, by bytes
    assert store.fetch(list(range(100, 111)))[1] == 0            # evicted
    assert store.fetch(list(range(300, 311)))[1] == 10           # kept
    # an entry bigger than the whole budget is not kept, and does not evict the others
    big = list(range(400, 400 + 600))                  # 600 tokens: more than 2.5 entries' room
    store.insert(big, entry(big))
    assert len(store) == 2 and store.fetch(big + [1])[1] == 0


def test_engine_prompt_cache_bytes_setting(tiny_loaded):
    from model_server.engine import make_engine

    eng = make_engine("mlx", tiny_loaded, cache_mib=1)
    assert eng.cache.max_bytes == 1024 * 1024


def test_names_are_checked_without_mlx():
    """Windows installs get llama.cpp only: validating `names` imported name_constraint, which
    imports mlx, so every request with names (the plugin sends them) would have been a 500."""
    import subprocess
    import sys

    code = ("import sys; sys.modules['mlx'] = None; sys.modules['mlx.core'] = None\n"
            "from model_server.schemas import ChatCompletionRequest as R\n"
            "R(messages=[{'role': 'user', 'content': 'hi'}], names={'rs': ['AddPoint']})\n"
            "try:\n    R(messages=[{'role': 'user', 'content': 'hi'}], names={'rs': ['not a name']})\n"
            "except ValueError as exc:\n    print('refused:', 'ASCII identifier' in str(exc))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                         cwd=str(__import__("pathlib").Path(__file__).resolve().parents[2]))
    assert out.returncode == 0 and out.stdout.strip() == "refused: True", out.stderr[-2000:]
