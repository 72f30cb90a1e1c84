"""`rhinocoder-server` as a user runs it: flags, clear errors, a real process that serves and exits."""
import os
import signal
import subprocess
import sys
import time

import httpx

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


def test_serves_and_shuts_down_cleanly(tiny_model_dir):
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "model_server.cli", "--model", tiny_model_dir,
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
    finally:
        proc.send_signal(signal.SIGINT)
        out, _ = proc.communicate(timeout=30)
    # The MLX worker parks instead of exiting, so the process ends without an abort.
    assert proc.returncode == 0, out
    assert "terminate called" not in out and "Traceback" not in out
