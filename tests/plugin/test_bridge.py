"""The loopback bridge: its server side wraps a HeadlessHost on a free 127.0.0.1 port; the client
is the BridgeHost that `rhinocoder chat --rhino` uses. Real sockets, real documents."""
import json
import os
import socket
import stat
import threading
import time

import pytest

from rhino_plugin.hosts.bridge import (BridgeError, BridgeHost, BridgeServer, parse_address, read_token_file)
from rhino_plugin.hosts.headless import HeadlessHost

CIRCLE = "import rhinoscriptsyntax as rs\nrs.AddCircle((0, 0, 0), 5)\nprint('made')\n"


@pytest.fixture
def bridge(host, tmp_path):
    server = BridgeServer(host, token_file=str(tmp_path / "bridge.json")).start()
    yield server
    server.stop()


def raw(server, lines, hello=True, read=None):
    """Send raw lines on a fresh socket; return the decoded reply lines."""
    sock = socket.create_connection(("127.0.0.1", server.port), timeout=10)
    reader = sock.makefile("rb")
    replies = []
    if hello:
        sock.sendall((json.dumps({"id": 0, "op": "hello", "token": server.token}) + "\n").encode())
        replies.append(json.loads(reader.readline()))
    for line in lines:
        sock.sendall(line if isinstance(line, bytes) else line.encode())
    for _ in range(read if read is not None else len(lines)):
        text = reader.readline()
        if not text:
            break
        replies.append(json.loads(text))
    sock.close()
    return replies


def test_token_file_is_private_and_loopback(bridge, tmp_path):
    path = str(tmp_path / "bridge.json")
    data = read_token_file(path)
    assert data["port"] == bridge.port and data["token"] == bridge.token and len(bridge.token) >= 32
    if os.name == "posix":
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert bridge.address.startswith("127.0.0.1:")
    with pytest.raises(BridgeError, match="127.0.0.1 only"):
        parse_address("0.0.0.0:%d" % bridge.port)


def test_client_runs_gets_context_and_undoes(bridge, host, tmp_path):
    client = BridgeHost(bridge.address, token_file=str(tmp_path / "bridge.json"))
    assert client.remote_name == "headless"
    ctx = client.context()
    assert ctx == host.context() and ctx["object_count"] == 1
    result = client.run(CIRCLE)
    assert result.ok and result.stdout == "made\n" and len(result.created) == 1
    assert host.doc.object_count == 2
    assert client.can_undo_last() is True
    assert client.undo_last() is True and host.doc.object_count == 1
    assert client.undo_last() is False
    failed = client.run("import rhinoscriptsyntax as rs\nrs.AddPoint((1, 2, 3))\n1/0\n")
    assert not failed.ok and failed.error.type == "ZeroDivisionError" and failed.error.line == 3
    assert failed.error.source_line == "1/0" and "Traceback" in failed.error.traceback
    assert host.doc.object_count == 1  # rolled back on the Rhino side
    client.close()


def test_cancel_reaches_the_running_script(bridge, host, tmp_path):
    client = BridgeHost(bridge.address, token=bridge.token)
    stop = threading.Event()
    threading.Timer(0.3, stop.set).start()
    started = time.monotonic()
    result = client.run("import rhinoscriptsyntax as rs\nrs.AddPoint((0, 0, 0))\nwhile True:\n    pass\n",
                        timeout=20, cancel=stop.is_set)
    assert time.monotonic() - started < 10
    assert not result.ok and result.error.type == "Cancelled"
    assert host.doc.object_count == 1


def test_wrong_token_rejected_and_closed(bridge):
    with pytest.raises(BridgeError, match="auth"):
        BridgeHost(bridge.address, token="not-the-token")
    replies = raw(bridge, ['{"id": 1, "op": "context"}\n'], hello=False, read=2)
    assert len(replies) == 1 and replies[0]["ok"] is False and replies[0]["error"]["type"] == "auth"


def test_malformed_lines_get_error_replies_not_a_crash(bridge, host):
    lines = ["this is not json\n", "[1, 2]\n", '{"id": 3, "op": "explode"}\n', '{"id": 4, "op": "run"}\n',
             '{"id": 5, "op": "run", "args": {"code": "x=1", "timeout": "soon"}}\n',
             b'\xff\xfe\n', '{"id": 7, "op": "context"}\n']
    replies = raw(bridge, lines)
    assert replies[0]["ok"] is True
    bad = replies[1:7]
    assert all(r["ok"] is False and r["error"]["type"] == "bad-request" and r["error"]["message"] for r in bad)
    assert "unknown op" in bad[2]["error"]["message"] and "args.code" in bad[3]["error"]["message"]
    assert replies[7]["id"] == 7 and replies[7]["ok"] is True and replies[7]["result"]["object_count"] == 1
    # the server is still serving new clients
    assert BridgeHost(bridge.address, token=bridge.token).context()["object_count"] == 1


def test_deeply_nested_json_is_a_bad_request_and_the_connection_stays(bridge):
    """json's decoder raises RecursionError (not ValueError) on deep nesting: an answer, not a dead thread."""
    deep = "[" * 100000 + "]" * 100000 + "\n"
    objects = '{"a": ' * 50000 + "1" + "}" * 50000 + "\n"
    replies = raw(bridge, [deep, '{"id": 2, "op": "ping"}\n', objects], read=3)
    assert replies[1]["ok"] is False and replies[1]["error"]["type"] == "bad-request"
    assert "nested" in replies[1]["error"]["message"]
    assert replies[2] == {"id": 2, "ok": True, "result": "pong"}
    assert replies[3]["ok"] is False and "nested" in replies[3]["error"]["message"]


def test_a_silent_connection_is_closed_after_the_auth_timeout(host, tmp_path):
    server = BridgeServer(host, token_file=str(tmp_path / "bridge.json"))
    server.auth_timeout = 0.5  # the default is a few seconds
    server.start()
    try:
        for first in (b"", b'{"id": 1, "op": "hel'):  # nothing, or half a hello and then nothing
            sock = socket.create_connection(("127.0.0.1", server.port), timeout=4)
            sock.sendall(first)
            started = time.monotonic()
            assert sock.recv(100) == b""  # the server closed it (a socket.timeout here: it never did)
            assert time.monotonic() - started < 3
            sock.close()
        client = BridgeHost(server.address, token=server.token)  # authenticated: no time limit after hello
        time.sleep(1.0)
        assert client.context()["object_count"] == 1
        client.close()
    finally:
        server.stop()


def test_closed_connections_are_pruned(bridge):
    for _ in range(5):
        BridgeHost(bridge.address, token=bridge.token).close()
    raw(bridge, ['{"id": 1, "op": "ping"}\n'])
    deadline = time.monotonic() + 5
    while bridge._connections and time.monotonic() < deadline:
        time.sleep(0.02)
    assert bridge._connections == []
    live = BridgeHost(bridge.address, token=bridge.token)
    assert live.context()["object_count"] == 1 and len(bridge._connections) == 1
    live.close()


def test_unreachable_bridge_and_missing_token_file(tmp_path):
    with pytest.raises(BridgeError, match="RhinoCoderBridge"):
        BridgeHost("127.0.0.1:9", token_file=str(tmp_path / "none.json"))
    free = socket.socket()
    free.bind(("127.0.0.1", 0))
    port = free.getsockname()[1]
    free.close()
    with pytest.raises(BridgeError, match="cannot reach"):
        BridgeHost("127.0.0.1:%d" % port, token="x")


def test_stop_removes_token_file(host, tmp_path):
    path = str(tmp_path / "b.json")
    server = BridgeServer(HeadlessHost(), token_file=path).start()
    assert os.path.exists(path)
    server.stop()
    assert not os.path.exists(path)


def _chat(*argv, stdin="", timeout=120):
    import subprocess
    import sys
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    env = dict(os.environ, PYTHONPATH=root)
    cmd = [sys.executable, "-c", "import sys; from rhino_plugin.cli import main; sys.exit(main())", "chat"]
    return subprocess.run(cmd + list(argv), input=stdin, capture_output=True, text=True, timeout=timeout,
                          cwd=root, env=env)


def test_chat_with_rhino_runs_turns_through_the_bridge(bridge, host, tmp_path):
    from tests.support.stub_openai import StubOpenAI

    reply = "```python\nimport rhinoscriptsyntax as rs\nrs.AddCircle((0, 0, 0), 5)\n```"
    with StubOpenAI([reply]) as stub:
        p = _chat("--rhino", bridge.address, "--bridge-token-file", str(tmp_path / "bridge.json"),
                  "--server", stub.url, "--quiet", stdin="draw a circle\n/save x.3dm\n/quit\n")
    assert p.returncode == 0, p.stderr
    assert "Rhino over the bridge (1 objects)" in p.stdout
    assert "headless document only" in p.stdout
    assert host.doc.object_count == 2  # the turn ran in the bridged document
    assert "Traceback" not in p.stderr


def test_chat_with_rhino_bad_address_and_no_bridge(tmp_path):
    bad = _chat("--rhino", "10.0.0.5:80", "--server", "http://127.0.0.1:9/v1")
    assert bad.returncode == 2 and "127.0.0.1 only" in bad.stderr and "Traceback" not in bad.stderr
    missing = _chat("--rhino", "127.0.0.1:9", "--bridge-token-file", str(tmp_path / "none.json"),
                    "--server", "http://127.0.0.1:9/v1")
    assert missing.returncode == 1 and "RhinoCoderBridge" in missing.stderr and "Traceback" not in missing.stderr


def test_panel_model_drives_a_bridged_document(bridge, host, tmp_path):
    from rhino_plugin.ui.panel_model import DONE, PanelModel
    from tests.support.stub_openai import StubOpenAI

    reply = "```python\nimport rhinoscriptsyntax as rs\nrs.AddCircle((0, 0, 0), 5)\n```"
    client = BridgeHost(bridge.address, token=bridge.token)
    with StubOpenAI([reply]) as stub:
        model = PanelModel(client, str(tmp_path / "panel"))
        assert model.update_settings(server_url=stub.url + "/v1") == {}
        assert "1 object" in model.refresh_context()
        model.send("draw a circle")
        assert model.wait(60)
    assert model.state == DONE and host.doc.object_count == 2
    assert model.buttons()["undo"] is True and model.undo() is True and host.doc.object_count == 1


# -- issue 21: a bridge that cannot be held open -------------------------------------------------------


def _closed(sock, within):
    """True when the server closes `sock` within `within` seconds (replies before it are read)."""
    sock.settimeout(within)
    try:
        while True:
            data = sock.recv(65536)
            if not data:
                return True
    except socket.timeout:
        return False
    except OSError:  # reset: closed too
        return True


def _server(host, tmp_path, **kwargs):
    return BridgeServer(host, token_file=str(tmp_path / "bridge.json"), **kwargs).start()


def test_connections_are_capped(host, tmp_path):
    server = _server(host, tmp_path, max_connections=3)
    try:
        held = [socket.create_connection(("127.0.0.1", server.port), timeout=5) for _ in range(3)]
        deadline = time.monotonic() + 5
        while len(server._connections) < 3 and time.monotonic() < deadline:
            time.sleep(0.01)
        with pytest.raises(BridgeError, match="busy"):  # was: a thread for every connection, no cap
            BridgeHost(server.address, token=server.token)
        held.pop().close()
        deadline = time.monotonic() + 5
        while len(server._connections) > 2 and time.monotonic() < deadline:
            time.sleep(0.01)
        client = BridgeHost(server.address, token=server.token)  # room again once one closed
        assert client.context()["object_count"] == 1
        client.close()
        for sock in held:
            sock.close()
    finally:
        server.stop()


def test_a_long_line_before_hello_is_refused_at_4_kb(bridge):
    """Before hello a line may be 4 KB (8 MB were accepted: 20 connections held +167 MB)."""
    sock = socket.create_connection(("127.0.0.1", bridge.port), timeout=5)
    try:
        sock.sendall(b'{"op": "hello", "token": "' + b"x" * 5000)
    except OSError:
        pass
    reader = sock.makefile("rb")
    reply = json.loads(reader.readline())
    assert reply["ok"] is False and "4096" in reply["error"]["message"]
    assert _closed(sock, 3)
    sock.close()


def test_non_json_before_hello_closes_the_connection(bridge):
    for junk in (b"GET / HTTP/1.1\r\n", b"[1, 2]\n", b"[" * 3000 + b"\n"):
        sock = socket.create_connection(("127.0.0.1", bridge.port), timeout=5)
        sock.sendall(junk)
        reply = json.loads(sock.makefile("rb").readline())
        assert reply["ok"] is False and reply["error"]["type"] == "bad-request"
        assert _closed(sock, 3), junk  # was: answered, and the connection stayed open for more
        sock.close()


def test_hello_deadline_is_not_extended_by_trickling_bytes(host, tmp_path):
    server = _server(host, tmp_path, auth_timeout=0.6)
    try:
        sock = socket.create_connection(("127.0.0.1", server.port), timeout=5)
        started = time.monotonic()
        closed = False
        for _ in range(30):  # one byte every 0.1 s, never a whole line
            try:
                sock.sendall(b" ")
            except OSError:
                closed = True
                break
            if _closed(sock, 0.1):
                closed = True
                break
        assert closed and time.monotonic() - started < 2.0
        sock.close()
    finally:
        server.stop()


def test_idle_connections_close_and_the_client_reconnects(host, tmp_path):
    server = _server(host, tmp_path, idle_timeout=0.5)
    try:
        raw_sock = socket.create_connection(("127.0.0.1", server.port), timeout=5)
        raw_sock.sendall((json.dumps({"id": 0, "op": "hello", "token": server.token}) + "\n").encode())
        assert json.loads(raw_sock.makefile("rb").readline())["ok"] is True
        assert _closed(raw_sock, 3)  # authenticated and silent: closed (was: held for ever)
        raw_sock.close()
        client = BridgeHost(server.address, token=server.token)
        time.sleep(1.0)  # the bridge has closed it meanwhile...
        assert client.context()["object_count"] == 1  # ...and the next call connects again
        # a script that runs longer than the idle timeout is not cut off
        result = client.run("import time\ntime.sleep(1.2)\nprint('slept')\n", timeout=20)
        assert result.ok and result.stdout == "slept\n"
        client.close()
    finally:
        server.stop()


class _LoudHost(object):
    """A host whose run printed far more than a reply line holds."""

    name = "loud"

    def __init__(self, stdout, created=()):
        self.stdout, self.created = stdout, list(created)

    def context(self):
        return {"object_count": 0}

    def run(self, code, timeout=30.0, cancel=None):
        from rhino_plugin.core.host import RunResult
        return RunResult(ok=True, stdout=self.stdout, created=self.created, object_count=len(self.created))


@pytest.mark.parametrize("stdout", ["x" * 9_000_000 + "END", "\u00e9\n" * 2_000_000 + "END"])
def test_a_reply_over_the_line_limit_is_cut_with_a_note(tmp_path, stdout):
    """9 MB of stdout (or 2 M accented characters, 12 MB as JSON escapes): the run succeeded, so the
    client gets ok with the start and end of the output and a note (was: the client failed with
    'oversized reply')."""
    server = BridgeServer(_LoudHost(stdout, ["id-%d" % i for i in range(5)]),
                          token_file=str(tmp_path / "b.json")).start()
    try:
        client = BridgeHost(server.address, token=server.token)
        result = client.run("print('lots')")
        assert result.ok and result.created == ["id-%d" % i for i in range(5)]
        assert result.stdout.startswith(stdout[:100]) and result.stdout.endswith("END")
        assert "characters cut by the RhinoCoder bridge" in result.stdout
        assert len(result.stdout) < len(stdout)
        assert client.context() == {"object_count": 0}  # the connection is still in step
        client.close()
    finally:
        server.stop()


def test_encode_reply_cuts_id_lists_last_and_refuses_what_cannot_fit():
    from rhino_plugin.hosts.bridge import encode_reply

    small = {"id": 1, "ok": True, "result": {"stdout": "hi", "created": ["a"]}}
    assert encode_reply(small) == (json.dumps(small) + "\n").encode()
    many = {"id": 2, "ok": True, "result": {"stdout": "s" * 500, "error": None,
                                             "created": ["%036d" % i for i in range(3000)]}}
    line = encode_reply(many, limit=60_000)
    data = json.loads(line)
    assert len(line) <= 60_000 and data["ok"] is True
    assert len(data["result"]["created"]) == 1000 and data["result"]["cut"]["created"] == 3000
    assert data["result"]["stdout"] == "s" * 500  # small text is not worth cutting
    other = encode_reply({"id": 3, "ok": True, "result": {"big": "z" * 100}}, limit=50)
    assert json.loads(other)["error"]["type"] == "too-large"
