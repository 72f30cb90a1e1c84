"""Plugin test fixtures: the real model server on the tiny model, a headless host, a panel folder."""
import pytest

from tests.server.live import live_server, make_engine


@pytest.fixture(scope="module")
def tiny_server(tiny_model_dir):
    """URL (…/v1) of a real model server (FastAPI + MLX worker) on the tiny model, on 127.0.0.1."""
    from model_server.provider import load_model

    engine = make_engine(load_model(tiny_model_dir), max_queue=4)
    try:
        with live_server(engine) as url:
            yield url + "/v1"
    finally:
        engine.stop()


@pytest.fixture
def host():
    import rhino3dm

    from rhino_plugin.hosts.headless import HeadlessHost

    h = HeadlessHost()
    h.doc.add(rhino3dm.LineCurve(rhino3dm.Point3d(0, 0, 0), rhino3dm.Point3d(10, 0, 0)))
    return h
