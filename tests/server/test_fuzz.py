"""Schema fuzz (issue 21): 150 seeded requests on each engine (300 in all), built from the server's own OpenAPI
schema (values inside and just outside every bound, wrong types, broken JSON), against the real
FastAPI app on 127.0.0.1 with the tiny model. No 5xx, no streamed error event, and every 4xx says
why. Bounded: generation is capped at 8 tokens and bodies at 300 kB, so a run takes seconds."""
import json
import random
import string
import time
from collections import Counter

import httpx
import pytest

from tests.server.live import live_server, make_engine

REQUESTS = 150        # per engine: 300 in all
SEED = 21
ALPHABET = string.ascii_letters + string.digits + " _.-\n\t\"\\/{}[]<>|" + "éß漢字🙂\u200b\u0000"
WRONG = [None, True, 0, -1, 2 ** 63, 10 ** 30, 1.5, -0.0, "", "x", "🙂" * 3, [], [None], {}, {"a": 1},
         [[[[]]]], {"role": "user"}, "\u0000"]


def resolve(schema, defs):
    while "$ref" in schema:
        schema = defs[schema["$ref"].rsplit("/", 1)[-1]]
    return schema


def text(rng, n):
    return "".join(rng.choice(ALPHABET) for _ in range(n))


def ident(rng):
    return rng.choice(string.ascii_letters) + "".join(
        rng.choice(string.ascii_letters + string.digits + "_") for _ in range(rng.randint(0, 12)))


def length(rng, most):
    """A length inside [0, most], mostly small, sometimes the bound itself (when affordable)."""
    pick = rng.random()
    if pick < 0.1 and most <= 5000:
        return most
    return rng.randint(0, min(most, rng.choice([1, 3, 8, 40])))


def valid(schema, defs, rng, depth=0):
    """A value the schema admits (the server may still refuse it for its own limits)."""
    schema = resolve(schema, defs)
    if "anyOf" in schema:
        return valid(rng.choice(schema["anyOf"]), defs, rng, depth)
    if "enum" in schema:
        return rng.choice(schema["enum"])
    if "const" in schema:
        return schema["const"]
    kind = schema.get("type")
    if kind == "null":
        return None
    if kind == "boolean":
        return rng.random() < 0.5
    if kind == "integer":
        lo, hi = int(schema.get("minimum", -5)), int(schema.get("maximum", 5000))   # FastAPI writes 1.0
        return rng.choice([lo, hi, rng.randint(lo, hi)])
    if kind == "number":
        lo = schema.get("minimum", schema.get("exclusiveMinimum", -2.0))
        hi = schema.get("maximum", 2.0)
        return rng.choice([lo, hi, rng.uniform(lo, hi)]) or (hi if "exclusiveMinimum" in schema else 0.0)
    if kind == "string":
        return text(rng, length(rng, schema.get("maxLength", 50)))
    if kind == "array":
        n = length(rng, schema.get("maxItems", 4)) if depth < 4 else 0
        return [valid(schema.get("items", {}), defs, rng, depth + 1) for _ in range(n)]
    if kind == "object":
        if "properties" in schema:
            out = {}
            for name, sub in schema["properties"].items():
                if name in schema.get("required", ()) or rng.random() < 0.3:
                    out[name] = valid(sub, defs, rng, depth + 1)
            return out
        n = length(rng, schema.get("maxProperties", 4)) if depth < 4 else 0
        key_len = schema.get("propertyNames", {}).get("maxLength", 20)
        return {(ident(rng) if rng.random() < 0.6 else text(rng, length(rng, key_len))):
                valid(schema.get("additionalProperties", {}), defs, rng, depth + 1) for _ in range(n)}
    return rng.choice(WRONG)


def invalid(schema, defs, rng):
    """A value just outside the schema: one past a bound, or of the wrong type."""
    schema = resolve(schema, defs)
    options = [lambda: rng.choice(WRONG)]
    for sub in schema.get("anyOf", ()):
        sub = resolve(sub, defs)
        if sub.get("type") != "null":
            schema = sub
    if "maxLength" in schema:
        options.append(lambda: "y" * (schema["maxLength"] + 1))
    if "maxItems" in schema and schema["maxItems"] <= 5000:
        options.append(lambda: [valid(schema.get("items", {}), defs, rng, 3)
                                for _ in range(schema["maxItems"] + 1)])
    if "maxProperties" in schema:
        options.append(lambda: {"k%d" % i: valid(schema.get("additionalProperties", {}), defs, rng, 3)
                                for i in range(schema["maxProperties"] + 1)})
    whole = int if schema.get("type") == "integer" else float
    if schema.get("type") in ("integer", "number"):     # the edges of the machine types
        edges = [-1, -2 ** 31, 2 ** 31, 2 ** 32, 2 ** 63, 2 ** 64, -2 ** 63, 10 ** 30, 1e308]
        options += [lambda: rng.choice(edges)] * 2
    if "maximum" in schema:
        options.append(lambda: whole(schema["maximum"]) + 1)
    if "minimum" in schema:
        options.append(lambda: whole(schema["minimum"]) - 1)
    return rng.choice(options)()


def broken(rng, body):
    """A body that is not a request: cut JSON, bad bytes, deep nesting, other top-level types."""
    data = json.dumps(body).encode()
    return rng.choice([
        data[:rng.randint(0, max(0, len(data) - 1))],
        data.replace(b'"', b"'", 1),
        b"\xff\xfe" + data,
        b"[" * 5000 + b"]" * 5000,
        b'{"messages": ' + b"[" * 3000 + b"]" * 3000 + b"}",
        json.dumps([body]).encode(),
        b"null",
        data + b"garbage",
    ])


def requests(schema, defs, rng, count):
    props = schema["properties"]
    base = {"messages": [{"role": "user", "content": "hi"}], "max_tokens": 4, "temperature": 0}
    for i in range(count):
        body = json.loads(json.dumps(base))
        if i % 10 == 0:
            body = valid(schema, defs, rng)
        names = sorted(props)
        chosen = {names[i % len(names)]} | set(rng.sample(names, rng.randint(0, 2)))   # each in turn
        for name in sorted(chosen):
            body[name] = valid(props[name], defs, rng) if rng.random() < 0.5 else invalid(props[name], defs, rng)
        if rng.random() < 0.05:
            body["unknown_%d" % i] = rng.choice(WRONG)
        raw = broken(rng, body) if rng.random() < 0.08 else None
        yield body, raw


def check(response, body):
    status = response.status_code
    assert status < 500, (status, response.text[:500], body)
    if status >= 400:
        err = response.json()["error"]
        assert isinstance(err.get("message"), str) and err["message"].strip(), (status, response.text)
    return status


@pytest.mark.timeout(300)
def test_schema_fuzz_gives_no_5xx_and_every_4xx_has_a_reason(any_loaded):
    from model_server.app import Settings, create_app
    from model_server.schemas import Limits

    engine = make_engine(any_loaded, max_queue=4)
    settings = Settings(limits=Limits(max_tokens_limit=8, default_max_tokens=4), max_body_bytes=300_000)
    app = create_app(engine, settings)
    spec = app.openapi()
    ref = spec["paths"]["/v1/chat/completions"]["post"]["requestBody"]["content"]["application/json"]["schema"]
    defs = spec["components"]["schemas"]
    schema = resolve(ref, defs)
    rng = random.Random(SEED)
    statuses = Counter()
    started = time.monotonic()
    try:
        with live_server(engine, app=app) as url, httpx.Client(timeout=60) as client:
            for body, raw in requests(schema, {"$defs": defs, **defs}, rng, REQUESTS):
                target = url + "/v1/chat/completions"
                if raw is not None:
                    r = client.post(target, content=raw, headers={"content-type": "application/json"})
                    statuses[check(r, raw[:200])] += 1
                    continue
                try:
                    payload = json.dumps(body).encode()
                except (ValueError, TypeError):
                    continue
                if isinstance(body, dict) and body.get("stream") is True:
                    with client.stream("POST", target, content=payload,
                                       headers={"content-type": "application/json"}) as r:
                        if r.status_code == 200:
                            events = [line[6:] for line in r.iter_lines() if line.startswith("data: ")]
                            assert events[-1] == "[DONE]", events[-3:]
                            assert not any('"error"' in e[:12] for e in events), (events, body)
                            statuses[200] += 1
                            continue
                        r.read()
                        statuses[check(r, body)] += 1
                    continue
                r = client.post(target, content=payload, headers={"content-type": "application/json"})
                statuses[check(r, body)] += 1
            assert client.get(url + "/health").json()["status"] == "ok"
    finally:
        engine.stop()
    seconds = time.monotonic() - started
    print("%s fuzz: %d requests in %.1f s: %s" % (any_loaded.engine, sum(statuses.values()), seconds,
                                                   dict(sorted(statuses.items()))))
    total = sum(statuses.values())
    assert statuses[200] >= total // 10 and statuses[400] >= total // 3   # both sides of the bounds
    assert total >= REQUESTS - 5
