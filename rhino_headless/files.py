"""Atomic writes: new content goes to a temp file in the target's folder, is flushed to disk
(fsync), then renamed over the target (os.replace). A reader sees the old file or the new one,
never half of one; a write that fails leaves the old file as it was and no temp file behind.

    write_atomic(path, text)                        # str (encoding, newline as open()) or bytes
    with open_atomic(path, "wb") as fh: ...         # a streaming writer, renamed when the block ends
    with atomic_path(path, ".safetensors") as tmp:  # a writer that wants a file name
        save(tmp)
    with atomic_folder(path) as tmp: ...            # a whole folder, swapped in by replace_folder

A file gets the permissions `open()` would give (umask applies) unless `perm` is given; a folder
those of `os.mkdir()`. On Windows a refused rename is retried for about a second (an indexer or a
virus scanner holding the target open).

Standard library only; Python 3.9. rhino_headless/files.py and model_server/files.py are verbatim
copies (those packages may not import rhino_plugin); tests/core/test_files.py keeps them equal.
"""
import codecs
import contextlib
import os
import shutil
import time
from typing import IO, Any, Callable, Iterator, List, Optional, Tuple, Union

_FLAGS = (os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOINHERIT", 0)
          | getattr(os, "O_CLOEXEC", 0))
_WINDOWS_RETRIES = (0.01, 0.03, 0.1, 0.25, 0.5)  # seconds between tries of a refused rename


def write_atomic(path: str, data: Union[str, bytes], encoding: str = "utf-8", newline: Optional[str] = None,
                 perm: Optional[int] = None) -> None:
    """Replace `path` with `data`: text (written as `open(path, "w", encoding=, newline=)` would) or bytes."""
    binary = isinstance(data, (bytes, bytearray, memoryview))
    with open_atomic(path, "wb" if binary else "w", encoding=encoding, newline=newline, perm=perm) as handle:
        handle.write(data)


@contextlib.contextmanager
def open_atomic(path: str, mode: str = "w", encoding: str = "utf-8", newline: Optional[str] = None,
                perm: Optional[int] = None) -> Iterator[IO[Any]]:
    """A file opened for writing ("w" text or "wb" bytes) that replaces `path` when the block ends
    without an exception; an exception discards it and leaves `path` untouched."""
    if mode not in ("w", "wt", "wb"):
        raise ValueError("open_atomic writes a whole file: mode 'w' or 'wb', not %r" % mode)
    if mode != "wb":
        codecs.lookup(encoding)  # an unknown encoding fails before there is a file
    fd, tmp = _create(path, ".tmp", perm)
    try:
        if mode == "wb":
            handle = os.fdopen(fd, "wb")
        else:
            handle = os.fdopen(fd, "w", encoding=encoding, newline=newline)
    except BaseException:  # os.fdopen closes the descriptor when it fails
        _discard(tmp)
        raise
    try:
        with handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        _replace(tmp, path)
    except BaseException:
        _discard(tmp)
        raise


@contextlib.contextmanager
def atomic_path(path: str, suffix: str = ".tmp", perm: Optional[int] = None) -> Iterator[str]:
    """The name of an empty temp file beside `path` (ending in `suffix`, for writers that go by the
    extension) for a writer that takes a file name; it replaces `path` when the block ends without
    an exception, and is removed when one is raised."""
    fd, tmp = _create(path, suffix, perm)
    os.close(fd)
    try:
        yield tmp
        fd = os.open(tmp, os.O_RDWR | getattr(os, "O_BINARY", 0))
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        _replace(tmp, path)
    except BaseException:
        _discard(tmp)
        raise


@contextlib.contextmanager
def atomic_folder(path: str) -> Iterator[str]:
    """A new, empty folder beside `path` to fill; it takes path's place (replace_folder) when the
    block ends without an exception, and is deleted when one is raised."""
    staged = _beside(path, ".tmp", lambda name: os.mkdir(name, 0o777))
    try:
        yield staged
        replace_folder(staged, path)
    except BaseException:
        shutil.rmtree(staged, ignore_errors=True)
        raise


def replace_folder(staged: str, path: str) -> None:
    """Put the folder `staged` (built beside `path`) in path's place. An existing `path` is renamed
    aside first and deleted after, so `path` is never half-written; if the swap fails the old one
    is put back."""
    old = None
    if os.path.lexists(path):
        old = _beside(path, ".old", None)
        _replace(path, old)
    try:
        _replace(staged, path)
    except BaseException:
        if old is not None:
            os.replace(old, path)
        raise
    if old is not None:
        if os.path.isdir(old) and not os.path.islink(old):
            shutil.rmtree(old, ignore_errors=True)
        else:
            _discard(old)


def _create(path: str, suffix: str, perm: Optional[int]) -> Tuple[int, str]:
    """A new, empty temp file beside `path`: (descriptor, name)."""
    fds: List[int] = []
    tmp = _beside(path, suffix, lambda name: fds.append(os.open(name, _FLAGS, 0o666)))
    if perm is not None:
        try:
            os.chmod(tmp, perm)
        except BaseException:
            os.close(fds[0])
            _discard(tmp)
            raise
    return fds[0], tmp


def _beside(path: str, suffix: str, make: Optional[Callable[[str], Any]]) -> str:
    """A free hidden name in path's folder, ".<name>.<random><suffix>", made by `make` (which must
    raise FileExistsError when the name is taken) or, without `make`, only checked to be free."""
    folder, name = os.path.split(os.path.abspath(path))
    for _ in range(100):
        candidate = os.path.join(folder, ".%s.%s%s" % (name, os.urandom(4).hex(), suffix))
        if make is None:
            if not os.path.lexists(candidate):
                return candidate
            continue
        try:
            make(candidate)
        except FileExistsError:
            continue
        return candidate
    raise FileExistsError("no free temp name beside %s" % path)


def _replace(tmp: str, path: str) -> None:
    """os.replace, retried on Windows while a reader (an indexer, a virus scanner) holds `path` open."""
    if os.name == "nt":
        for delay in _WINDOWS_RETRIES:
            try:
                os.replace(tmp, path)
                return
            except PermissionError:
                time.sleep(delay)
    os.replace(tmp, path)


def _discard(tmp: str) -> None:
    try:
        os.remove(tmp)
    except OSError:
        pass


__all__ = ["atomic_folder", "atomic_path", "open_atomic", "replace_folder", "write_atomic"]
