"""rhino_plugin.core.files: atomic writes. A write that fails (in the writer, or at the rename)
leaves the old file or folder as it was and nothing of its own behind; the copies the packages
that may not import rhino_plugin keep are the same file."""
import os
import stat

import pytest

from rhino_plugin.core import files
from rhino_plugin.core.files import atomic_folder, atomic_path, open_atomic, replace_folder, write_atomic

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def names(folder):
    return sorted(os.listdir(str(folder)))


def read(path):
    with open(str(path), "rb") as handle:
        return handle.read()


def test_text_and_bytes_replace_the_file(tmp_path):
    target = tmp_path / "a.txt"
    write_atomic(str(target), "one\nü\n", newline="\n")
    assert read(target) == "one\nü\n".encode("utf-8")
    write_atomic(str(target), b"\x00\x01")
    assert read(target) == b"\x00\x01"
    write_atomic(str(target), "x\ny", encoding="latin-1", newline="\r\n")
    assert read(target) == b"x\r\ny"
    assert names(tmp_path) == ["a.txt"]


def test_text_is_written_as_open_would(tmp_path):
    with open(str(tmp_path / "plain.txt"), "w", encoding="utf-8") as handle:
        handle.write("a\nb\n")
    write_atomic(str(tmp_path / "atomic.txt"), "a\nb\n")
    assert read(tmp_path / "atomic.txt") == read(tmp_path / "plain.txt")


@pytest.mark.parametrize("error", [ValueError, KeyboardInterrupt])
def test_an_error_in_the_writer_keeps_the_old_file_and_leaves_no_temp_file(tmp_path, error):
    target = tmp_path / "keep.json"
    target.write_bytes(b"old")
    with pytest.raises(error):
        with open_atomic(str(target), "w") as handle:
            handle.write("half of the new")
            raise error("stop")
    assert read(target) == b"old"
    with pytest.raises(error):
        with atomic_path(str(target), ".png") as tmp:
            assert tmp.endswith(".png") and os.path.dirname(tmp) == str(tmp_path)
            with open(tmp, "wb") as handle:
                handle.write(b"half")
            raise error("stop")
    assert read(target) == b"old"
    assert names(tmp_path) == ["keep.json"]


def test_a_failed_rename_leaves_no_temp_file(tmp_path):
    (tmp_path / "taken").mkdir()  # a folder where the file should go: the rename fails
    with pytest.raises(OSError):
        write_atomic(str(tmp_path / "taken"), "text")
    with pytest.raises(OSError):
        with atomic_path(str(tmp_path / "taken")) as tmp:
            open(tmp, "w").close()
    assert names(tmp_path) == ["taken"]


def test_no_folder_no_file(tmp_path):
    with pytest.raises(FileNotFoundError):
        write_atomic(str(tmp_path / "missing" / "a.txt"), "text")
    assert names(tmp_path) == []


def test_a_bad_mode_or_encoding_leaves_nothing(tmp_path):
    with pytest.raises(ValueError):
        with open_atomic(str(tmp_path / "a.txt"), "a"):
            pass
    with pytest.raises(LookupError):
        write_atomic(str(tmp_path / "a.txt"), "text", encoding="no-such-codec")
    with pytest.raises(ValueError):
        write_atomic(str(tmp_path / "a.txt"), "text", newline="bad")
    assert names(tmp_path) == []


@pytest.mark.skipif(os.name == "nt", reason="POSIX permission bits")
def test_permissions_are_open_s_unless_perm_is_given(tmp_path):
    with open(str(tmp_path / "plain"), "w"):
        pass
    write_atomic(str(tmp_path / "atomic"), "x")
    write_atomic(str(tmp_path / "private"), "x", perm=0o600)
    write_atomic(str(tmp_path / "shared"), b"x", perm=0o644)

    def mode(name):
        return stat.S_IMODE(os.stat(str(tmp_path / name)).st_mode)

    assert mode("atomic") == mode("plain")
    assert (mode("private"), mode("shared")) == (0o600, 0o644)


def test_a_folder_is_swapped_in_whole(tmp_path):
    target = tmp_path / "out"
    with atomic_folder(str(target)) as staged:
        assert names(tmp_path) == [os.path.basename(staged)] and os.path.basename(staged).startswith(".out.")
        open(os.path.join(staged, "a"), "w").close()
    assert names(target) == ["a"]
    with atomic_folder(str(target)) as staged:
        open(os.path.join(staged, "b"), "w").close()
        assert names(target) == ["a"]  # the old one stays until the new one is complete
    assert names(target) == ["b"] and names(tmp_path) == ["out"]


def test_a_failed_folder_keeps_the_old_one(tmp_path, monkeypatch):
    target = tmp_path / "out"
    target.mkdir()
    (target / "old").write_text("old")
    with pytest.raises(RuntimeError):
        with atomic_folder(str(target)) as staged:
            open(os.path.join(staged, "new"), "w").close()
            raise RuntimeError("stop")
    assert names(tmp_path) == ["out"] and names(target) == ["old"]

    real = files._replace
    calls = []

    def second_rename_fails(src, dst):
        calls.append(src)
        if len(calls) == 2:
            raise PermissionError("in use")
        real(src, dst)

    monkeypatch.setattr(files, "_replace", second_rename_fails)
    staged = tmp_path / "staged"
    staged.mkdir()
    with pytest.raises(PermissionError):
        replace_folder(str(staged), str(target))
    assert names(target) == ["old"] and names(tmp_path) == ["out", "staged"]  # the old one was put back


@pytest.mark.parametrize("copy", ["rhino_headless/files.py", "model_server/files.py"])
def test_the_packages_copies_are_the_same_file(copy):
    """rhino_headless and model_server may not import rhino_plugin: each keeps this copy."""
    assert read(os.path.join(REPO, copy)) == read(os.path.join(REPO, "rhino_plugin", "core", "files.py")), (
        "%s differs from rhino_plugin/core/files.py: copy it again" % copy)
