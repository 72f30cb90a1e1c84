"""The catalogue's smallest real model (SmolLM2-135M-Instruct) served end to end on each engine
(MLX: float32 folder; llama.cpp: the Q4_1 GGUF as shipped) gives a coherent answer."""
import openai
import pytest

from tests.server.live import live_server, make_engine

pytestmark = pytest.mark.real_model


@pytest.fixture(scope="module", params=["mlx", "llamacpp"])
def default_loaded(request):
    from model_server.provider import load_model

    return load_model("smollm2-135m", progress=False, engine=request.param)


def test_default_model_writes_python_print(default_loaded):
    eng = make_engine(default_loaded, max_queue=2)
    try:
        with live_server(eng) as url:
            client = openai.OpenAI(base_url=url + "/v1", api_key="none", max_retries=0,
                                   timeout=120)
            stream = client.chat.completions.create(
                model="default", stream=True, temperature=0, max_tokens=60,
                messages=[{"role": "user", "content": "Write Python that prints hello"}])
            text = "".join(c.choices[0].delta.content or "" for c in stream if c.choices)
        assert "print" in text, text
        assert "hello" in text.lower(), text
        assert eng.last_finished.completion_tokens > 3
        assert default_loaded.name and eng.name == default_loaded.name
    finally:
        eng.stop()
