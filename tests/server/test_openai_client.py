"""The official `openai` client against a real server on 127.0.0.1 (streaming included)."""
import openai
import pytest

from tests.server.live import live_server, make_engine

KEY = "test-key-123"


@pytest.fixture(scope="module")
def client_and_engine(any_loaded):
    from model_server.app import Settings

    eng = make_engine(any_loaded, max_queue=4)
    with live_server(eng, Settings(api_key=KEY)) as url:
        client = openai.OpenAI(base_url=url + "/v1", api_key=KEY, max_retries=0, timeout=60)
        yield client, eng, url
    eng.stop()


MESSAGES = [{"role": "system", "content": "You write rhinoscriptsyntax."},
            {"role": "user", "content": "Add a point at 1,2,3."}]


def test_streaming_with_openai_client(client_and_engine):
    client, eng, _ = client_and_engine
    stream = client.chat.completions.create(
        model="whatever", messages=MESSAGES, stream=True, max_tokens=15, temperature=0,
        logit_bias={"2": -100}, stream_options={"include_usage": True})
    pieces, reasons, usage = [], [], None
    for chunk in stream:
        assert chunk.object == "chat.completion.chunk"
        if chunk.usage is not None:
            usage = chunk.usage
        for choice in chunk.choices:
            if choice.delta.content:
                pieces.append(choice.delta.content)
            if choice.finish_reason:
                reasons.append(choice.finish_reason)
    assert reasons == ["length"]
    assert usage.completion_tokens == 15
    assert usage.prompt_tokens == len(eng.encode_chat(MESSAGES))
    whole = client.chat.completions.create(model="whatever", messages=MESSAGES, max_tokens=15,
                                           temperature=0, logit_bias={"2": -100})
    assert whole.choices[0].message.content == "".join(pieces)
    assert whole.choices[0].finish_reason == "length"
    assert whole.model == eng.name


def test_models_list(client_and_engine):
    client, eng, _ = client_and_engine
    assert [m.id for m in client.models.list()] == [eng.name]


def test_errors_map_to_openai_exceptions(client_and_engine):
    client, _, url = client_and_engine
    bad = openai.OpenAI(base_url=url + "/v1", api_key="nope", max_retries=0)
    with pytest.raises(openai.AuthenticationError):
        bad.chat.completions.create(model="m", messages=MESSAGES, max_tokens=2)
    with pytest.raises(openai.BadRequestError) as info:
        client.chat.completions.create(model="m", messages=MESSAGES, max_tokens=10 ** 6)
    assert "max_tokens" in str(info.value)
    with pytest.raises(openai.BadRequestError):
        client.chat.completions.create(model="m", messages=[], max_tokens=2)


def test_stop_with_openai_client(client_and_engine):
    client, _, _ = client_and_engine
    full = client.chat.completions.create(model="m", messages=MESSAGES, max_tokens=30,
                                          temperature=0, logit_bias={"2": -100})
    text = full.choices[0].message.content
    stop = text[5:8]
    out = client.chat.completions.create(model="m", messages=MESSAGES, max_tokens=30,
                                         temperature=0, logit_bias={"2": -100}, stop=[stop])
    assert out.choices[0].message.content == text[:text.index(stop)]
    assert out.choices[0].finish_reason == "stop"
