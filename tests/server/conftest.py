"""Server test fixtures: the tiny model loaded once, engines, and live uvicorn servers on loopback."""
import pytest

from tests.server.live import live_server, make_engine


@pytest.fixture(scope="session")
def tiny_loaded(tiny_model_dir):
    from model_server.provider import load_model

    return load_model(tiny_model_dir)


@pytest.fixture(scope="session")
def tiny_gguf_loaded(tiny_gguf):
    from model_server.provider import load_model

    return load_model(tiny_gguf, engine="llamacpp")


@pytest.fixture(scope="module", params=["mlx", "llamacpp"])
def any_loaded(request):
    """The tiny model loaded for each engine in turn: tests using it run on both."""
    return request.getfixturevalue("tiny_loaded" if request.param == "mlx" else "tiny_gguf_loaded")


@pytest.fixture(scope="module")
def engine(any_loaded):
    eng = make_engine(any_loaded, max_queue=4)
    yield eng
    eng.stop()


@pytest.fixture(scope="module")
def server(engine):
    from model_server.app import Settings
    from model_server.schemas import Limits

    settings = Settings(limits=Limits(max_tokens_limit=100_000, max_messages=8,
                                      max_content_chars=2_000), max_body_bytes=50_000)
    with live_server(engine, settings) as url:
        yield url
