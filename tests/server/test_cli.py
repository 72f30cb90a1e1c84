"""`rhinocoder-server` as a user runs it: flags, clear errors, a real process that serves and exits."""
import os
import signal
import subprocess
import sys
import time

import httpx
import pytest

from tests.server.live import free_port

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def cli(*args, timeout=60):
    return subprocess.run([sys.executable, "-m", "model_server.cli", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=timeout,
                          env=dict(os.environ, HF_HUB_OFFLINE="1"))


def test_bad_flags_exit_2():
    r = cli("--max-queue", "0")
    assert r.returncode == 2 and "--max-queue must be at least 1" in r.stderr
    r = cli("--port", "nope")
    assert r.returncode == 2 and "invalid int value" in r.stderr


def test_missing_model_is_one_clear_line(tmp_path):
    r = cli("--model", str(tmp_path / "no-such-model"))
    assert r.returncode == 1
    assert "no model folder" in r.stderr and "Traceback" not in r.stderr


def test_llamacpp_bad_inputs_are_one_clear_line(tmp_path, tiny_gguf, tiny_model_dir):
    junk = tmp_path / "junk.gguf"
    junk.write_bytes(b"GGUF" + b"\0" * 64)
    r = cli("--model", str(junk), "--engine", "llamacpp")
    assert r.returncode == 1 and "not a readable GGUF" in r.stderr and "Traceback" not in r.stderr
    r = cli("--model", tiny_model_dir, "--engine", "llamacpp")
    assert r.returncode == 1 and "loads a .gguf file" in r.stderr
    r = cli("--model", tiny_gguf, "--context", "100")
    assert r.returncode == 2 and "--context must be between" in r.stderr
    r = cli("--model", tiny_gguf, "--context", "65536")          # the tiny model was trained on 4096
    assert r.returncode == 1 and "more than the model was trained for (4096)" in r.stderr
    r = cli("--model", tiny_gguf, "--adapter", tiny_model_dir)  # an MLX folder is no GGUF LoRA
    assert r.returncode == 1 and "rhinocoder-train export" in r.stderr
    r = cli("--model", "qwen-9000")
    assert r.returncode == 1 and "qwen2.5-coder-1.5b" in r.stderr and "Traceback" not in r.stderr


def test_a_missing_engine_names_the_fix(tmp_path, tiny_gguf):
    """xllamacpp not importable (a blocker module in front of it): one line saying what to install."""
    (tmp_path / "xllamacpp.py").write_text("raise ImportError('blocked for the test')\n")
    r = subprocess.run([sys.executable, "-m", "model_server.cli", "--model", tiny_gguf,
                        "--engine", "llamacpp"], cwd=ROOT, capture_output=True, text=True, timeout=60,
                       env=dict(os.environ, HF_HUB_OFFLINE="1", PYTHONPATH=str(tmp_path)))
    assert r.returncode == 1 and "pip install" in r.stderr and "xllamacpp" in r.stderr
    assert "Traceback" not in r.stderr


@pytest.mark.parametrize("engine", ["mlx", "llamacpp"])
def test_serves_and_shuts_down_cleanly(tiny_model_dir, tiny_gguf, engine):
    port = free_port()
    model = tiny_model_dir if engine == "mlx" else tiny_gguf
    proc = subprocess.Popen([sys.executable, "-m", "model_server.cli", "--model", model,
                             "--engine", engine,
                             "--port", str(port), "--api-key", "k", "--log-level", "warning"],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            env=dict(os.environ, HF_HUB_OFFLINE="1"))
    url = "http://127.0.0.1:{}".format(port)
    try:
        deadline = time.monotonic() + 60
        while True:
            assert proc.poll() is None, proc.stdout.read()
            try:
                if httpx.get(url + "/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert time.monotonic() < deadline
            time.sleep(0.1)
        r = httpx.post(url + "/v1/chat/completions", headers={"Authorization": "Bearer k"},
                       json={"messages": [{"role": "user", "content": "hi"}], "max_tokens": 3},
                       timeout=60)
        assert r.status_code == 200 and r.json()["object"] == "chat.completion"
        assert httpx.get(url + "/health", timeout=5).json()["engine"] == engine
    finally:
        proc.send_signal(signal.SIGINT)
        out, _ = proc.communicate(timeout=30)
    # The MLX worker parks instead of exiting, so the process ends without an abort.
    assert proc.returncode == 0, out
    assert "terminate called" not in out and "Traceback" not in out
