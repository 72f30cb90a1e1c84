"""Where the headless document's ids come from: uuid4, or a seeded sequence for a reproducible run.

The dataset build executes each candidate under `seeded(...)`, so an id a script prints (and a
repair conversation quotes) is the same in every build. Outside `seeded` ids are random, as in Rhino.
"""
import contextlib
import random
import uuid

_rng = None  # the seeded generator while `seeded` is active (the build runs one candidate per process at a time)


def new_id() -> uuid.UUID:
    if _rng is None:
        return uuid.uuid4()
    return uuid.UUID(int=_rng.getrandbits(128), version=4)


@contextlib.contextmanager
def seeded(seed: str):
    global _rng
    previous, _rng = _rng, random.Random(seed)
    try:
        yield
    finally:
        _rng = previous
