"""Helpers for server tests: engines on the tiny model and live uvicorn servers on loopback."""
import socket
import threading
import time
from contextlib import contextmanager


ENGINES = ("mlx", "llamacpp")


def make_engine(loaded, **kwargs):
    """A started engine of the kind `loaded` was loaded for (provider.LoadedModel.engine)."""
    from model_server.engine import make_engine as make

    return make(loaded.engine, loaded, **kwargs).start()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def live_server(engine, settings=None, app=None):
    """A real uvicorn server for create_app(engine, settings) (or `app`) on a free loopback port."""
    import uvicorn

    from model_server.app import create_app

    port = free_port()
    app = app if app is not None else create_app(engine, settings)
    config = uvicorn.Config(app, host="127.0.0.1", port=port,
                            log_level="warning", timeout_graceful_shutdown=2)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.02)
    try:
        yield "http://127.0.0.1:{}".format(port)
    finally:
        server.should_exit = True
        thread.join(10)
