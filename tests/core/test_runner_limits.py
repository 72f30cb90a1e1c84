"""The runner always comes back (issue 21, item 2; issue 20, item 6) and the runtime safety layer.

Every run that could hang under a broken runner goes through `bounded()` (a daemon thread with a
time limit) or a child process, so a regression fails the test instead of hanging the suite.
Time limits are generous: the test machine is shared and loaded.
"""
import ctypes  # noqa: F401  (imported here, so a script's `import ctypes` is the cached module)
import json
import os
import subprocess
import sys
import threading
import time
import types

import pytest

from rhino_plugin.core import runner
from rhino_plugin.core.runner import run_script

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def bounded(code, limit=20.0, **kwargs):
    """run_script on a daemon thread; fails (instead of hanging) when it does not come back."""
    box = {}
    worker = threading.Thread(target=lambda: box.setdefault("out", run_script(code, **kwargs)), daemon=True)
    started = time.monotonic()
    worker.start()
    worker.join(limit)
    assert not worker.is_alive(), "run_script did not come back within %g s" % limit
    return box["out"], time.monotonic() - started


def child(scripts, timeout=90):
    """Run each script with run_script in a fresh interpreter; the outcomes, or the process's fate."""
    program = ("import json, sys\nsys.path.insert(0, %r)\nfrom rhino_plugin.core.runner import run_script\n"
               "outs = []\nfor code in json.loads(sys.argv[1]):\n"
               "    out = run_script(code, timeout=5)\n"
               "    outs.append({'ok': out.ok, 'stdout': out.stdout, 'type': out.error and out.error.type,\n"
               "                 'message': out.error and out.error.message, 'line': out.error and out.error.line})\n"
               "print(json.dumps(outs))\n" % REPO)
    try:
        proc = subprocess.run([sys.executable, "-c", program, json.dumps(scripts)], capture_output=True,
                              text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        pytest.fail("the child process did not exit within %d s (something kept it alive)" % timeout)
    assert proc.returncode == 0, "child exited %d: %s" % (proc.returncode, proc.stderr[-2000:])
    return json.loads(proc.stdout.strip().splitlines()[-1])


# -- 1. no asynchronous exceptions: the stop is raised only in the script's own frames ----------------


def test_stop_never_lands_in_a_host_callback_pumped_by_the_cancel_hook():
    # Inside Rhino the cancel hook calls RhinoApp.Wait(), which runs UI callbacks on the run thread.
    seen = []

    def ui_callback():
        try:
            end = time.monotonic() + 1.5  # still running well past the deadline
            while time.monotonic() < end:
                pass
            seen.append("finished")
        except BaseException as exc:  # an injected exception would land here
            seen.append(type(exc).__name__)
            raise

    def cancel():  # first polled ~50 ms into the run, long before the deadline
        if not seen:
            ui_callback()
        return False

    out, _ = bounded("while True:\n    pass\n", timeout=0.6, cancel=cancel)
    assert seen == ["finished"]
    assert out.error.type == "TimeoutError" and out.error.line == 2


def test_stop_never_lands_in_host_code_the_script_calls():
    seen = []

    def host_call():
        try:
            end = time.monotonic() + 0.8
            while time.monotonic() < end:
                pass
            seen.append("finished")
        except BaseException as exc:
            seen.append(type(exc).__name__)
            raise

    host = types.ModuleType("rhinoscriptsyntax")
    host.Work = host_call
    out, _ = bounded("import rhinoscriptsyntax as rs\nrs.Work()\nwhile True:\n    pass\n",
                     modules={"rhinoscriptsyntax": host}, timeout=0.3)
    assert seen == ["finished"]
    assert out.error.type == "TimeoutError" and out.error.line in (2, 3, 4)


def test_the_runner_has_no_asynchronous_exception_path():
    import inspect
    source = inspect.getsource(runner)
    assert "SetAsyncExc" not in source and "pythonapi" not in source


# -- 2. a timeout that cannot be swallowed -----------------------------------------------------------------

SWALLOWERS = {
    "bare except around a loop, exception kept": (
        "errors = []\nwhile True:\n    try:\n        while True:\n            pass\n"
        "    except BaseException as e:\n        errors.append(e)\n"),
    "loop inside the handler": "while True:\n    try:\n        while True:\n            pass\n    except:\n"
                               "        while True:\n            pass\n",
    "nested bare excepts in a function": (
        "def spin():\n    while True:\n        try:\n            try:\n                x = 1\n            except:\n"
        "                pass\n        except:\n            pass\nspin()\n"),
    "finally: continue": "while True:\n    try:\n        x = 1\n    finally:\n        continue\n",
    "contextlib.suppress": "import contextlib\nwhile True:\n    with contextlib.suppress(BaseException):\n"
                           "        x = 1\n",
}


@pytest.mark.parametrize("name", sorted(SWALLOWERS))
def test_deadline_cannot_be_swallowed(name):
    out, took = bounded(SWALLOWERS[name], timeout=0.3)
    assert out.error is not None and out.error.type == "TimeoutError", out.error
    assert out.error.line is not None
    assert took < 10


def test_cancel_cannot_be_swallowed_either():
    calls = []
    out, _ = bounded(SWALLOWERS["bare except around a loop, exception kept"], timeout=30,
                     cancel=lambda: calls.append(1) or len(calls) > 2)
    assert out.error.type == "Cancelled"


def test_a_failing_cancel_hook_stops_the_run_with_its_error():
    def cancel():
        raise RuntimeError("host gone")

    out, _ = bounded("while True:\n    pass\n", timeout=30, cancel=cancel)
    assert out.error.type == "Cancelled" and "RuntimeError: host gone" in out.error.message


@pytest.mark.parametrize("code", ["import time\ntime.sleep(20)\n", "from time import sleep\nsleep(20)\n",
                                  "import time as t\nfor i in range(100):\n    t.sleep(1)\n"])
def test_sleep_stops_at_the_deadline(code):
    out, took = bounded(code, timeout=1.0)
    assert out.error.type == "TimeoutError"
    assert took < 8  # not 20 s


def test_sleep_polls_the_cancel_hook_on_the_run_thread():
    threads = []
    out, took = bounded("import time\ntime.sleep(20)\n", timeout=30,
                        cancel=lambda: threads.append(threading.get_ident()) or len(threads) > 3)
    assert out.error.type == "Cancelled" and out.error.line == 2
    assert took < 8 and len(set(threads)) == 1 and threads[0] != threading.get_ident()


def test_sleep_keeps_its_meaning():
    out = run_script("import time\nt = time.monotonic()\ntime.sleep(0.12)\ntime.sleep(0)\n"
                     "print(time.monotonic() - t >= 0.12)\n")
    assert out.ok and out.stdout == "True\n"
    assert run_script("import time\ntime.sleep(-1)\n").error.type == "ValueError"
    assert run_script("import time\ntime.sleep('1')\n").error.type == "TypeError"
    import time as real_time
    assert real_time.sleep is runner._real_sleep  # the real module is untouched


def test_event_wait_stops_at_the_deadline_and_keeps_its_meaning():
    out, took = bounded("import threading\nthreading.Event().wait()\n", timeout=1.0)
    assert out.error.type == "TimeoutError" and took < 8
    out = run_script("import threading\ne = threading.Event()\nprint(e.wait(0.05))\ne.set()\nprint(e.wait())\n")
    assert out.ok and out.stdout == "False\nTrue\n"


def test_recursion_error_is_still_a_recursion_error():
    out = run_script("def f():\n    f()\ntry:\n    f()\nexcept RecursionError:\n    print('caught')\n")
    assert out.ok and out.stdout == "caught\n"
    out = run_script("def f():\n    f()\nf()\n")
    assert out.error.type == "RecursionError"


# -- 3. exits become errors ----------------------------------------------------------------------------


@pytest.mark.parametrize("code, called", [
    ("import sys\nsys.exit()\n", "sys.exit()"), ("import sys\nsys.exit(0)\n", "sys.exit(0)"),
    ("exit()\n", "exit()"), ("quit(3)\n", "quit(3)"), ("raise SystemExit\n", "sys.exit()"),
    ("import os\nos._exit(1)\n", "os._exit(1)")])
def test_every_exit_is_an_error_with_its_line(code, called):
    out = run_script("x = 1\n" + code)
    assert not out.ok and out.error.type == "SystemExit"
    assert called in out.error.message and "must not exit" in out.error.message
    assert out.error.line == code.count("\n") + 1


def test_exit_does_not_close_stdin():
    import io
    stdin, sys.stdin = sys.stdin, io.StringIO("")
    try:
        run_script("exit()\n")
        assert not sys.stdin.closed
    finally:
        sys.stdin = stdin


def test_os_exit_never_ends_the_process():
    outs = child(["import os\nos._exit(1)\n", "import shutil\nshutil.os._exit(1)\n",
                  "import sys\nsys.modules['os']._exit(1)\n", "print('still here')\n"])
    assert [o["type"] for o in outs[:3]] == ["SystemExit"] * 3
    assert all("os._exit(1)" in o["message"] for o in outs[:3])
    assert outs[3]["ok"] and outs[3]["stdout"] == "still here\n"


# -- 4. threads --------------------------------------------------------------------------------------------


def test_a_thread_started_by_the_script_never_keeps_the_process_alive():
    outs = child(["import threading, time\nthreading.Thread(target=time.sleep, args=(3600,)).start()\n"
                  "print('started')\n"])
    assert outs[0]["type"] == "UnsafeOperationError" and "rule threads" in outs[0]["message"]
    assert outs[0]["line"] == 2 and outs[0]["stdout"] == ""


@pytest.mark.parametrize("code", [
    "import threading\nthreading.Thread(target=print).start()\n",
    "import threading\nthreading.Timer(0.01, print).start()\n",
    "from concurrent.futures import ThreadPoolExecutor\nThreadPoolExecutor(2).submit(print, 1)\n",
    "import _thread\n_thread.start_new_thread(print, ())\n",
])
def test_starting_a_thread_is_refused(code):
    before = set(threading.enumerate())
    out = run_script(code)
    assert out.error.type == "UnsafeOperationError" and "rule threads" in out.error.message
    assert out.error.line == 2
    time.sleep(0.05)
    assert set(threading.enumerate()) <= before


# -- 5. output is capped ---------------------------------------------------------------------------------


def test_output_is_capped_with_a_note_and_bounded_memory():
    import tracemalloc
    line = "x" * 9999 + "\n"  # 10,000 bytes
    tracemalloc.start()
    try:
        out = run_script("import sys\nfor i in range(2000):\n    print(line, end='')\n"
                         "sys.stderr.write('tail\\n')\n", globals={"line": line})  # 20 MB
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert out.ok
    kept = out.stdout.split("[output truncated")[0]
    assert len(kept.encode("utf-8")) <= runner.OUTPUT_LIMIT + 1
    assert out.stdout.endswith("[output truncated: %d bytes more]\n" % (2000 * 10000 + 5 - runner.OUTPUT_LIMIT))
    assert peak < 12 * runner.OUTPUT_LIMIT  # never the 20 MB printed


def test_output_cap_counts_utf8_bytes(monkeypatch):
    monkeypatch.setattr(runner, "OUTPUT_LIMIT", 10)
    out = run_script("print('ééééééé')\n")  # 14 bytes + newline
    assert out.stdout == "ééééé\n[output truncated: 5 bytes more]\n"
    out = run_script("print('short')\n")
    assert out.stdout == "short\n"


def test_stderr_of_the_run_goes_to_the_output():
    out = run_script("import sys\nprint('a')\nsys.stderr.write('b\\n')\n")
    assert out.stdout == "a\nb\n"


# -- 6. the runtime safety layer -------------------------------------------------------------------------

HOSTILE = {
    "process": ["import os\nos.system('echo hi')\n", "import subprocess\nsubprocess.run(['true'])\n",
                "import os\nos.popen('echo hi')\n"],
    "network": ["import socket\nsocket.socket()\n", "import socket\nsocket.getaddrinfo('localhost', 80)\n"],
    "ctypes": ["import ctypes\nctypes.CDLL(None)\n"],
    "file-write": ["open(PATH, 'w')\n", "open(PATH, 'a')\n", "open(PATH, 'r+')\n", "import io\nio.open(PATH, 'xb')\n",
                   "import os\nos.open(PATH, os.O_WRONLY | os.O_CREAT)\n", "import os\nos.remove(EXISTING)\n",
                   "import os\nos.rename(EXISTING, PATH)\n", "import os\nos.mkdir(PATH)\n",
                   "import shutil\nshutil.rmtree(FOLDER)\n", "import shutil\nshutil.copy(EXISTING, PATH)\n",
                   "import os\nos.chmod(EXISTING, 0o777)\n", "import tempfile\ntempfile.mkstemp()\n",
                   "import pathlib\npathlib.Path(PATH).write_text('x')\n"],
    "environ": ["import os\nos.environ['RHINOCODER_TEST_VAR'] = '1'\n", "import os\nos.chdir(FOLDER)\n"],
    "dynamic-code": ["eval('1 + 1')\n", "exec('x = 1')\n", "compile('1', 'x', 'eval')\n",
                     "import marshal\nmarshal.loads(marshal.dumps(compile.__doc__))\n"],
    "introspection": ["import sys\nsys._getframe()\n", "import gc\ngc.get_objects()\n",
                      "try:\n    1 / 0\nexcept Exception as e:\n    e.__traceback__.tb_frame\n",
                      "def f():\n    pass\nf.__code__\n"],
    "tracing": ["import sys\nsys.settrace(None)\n", "import sys\nsys.setprofile(None)\n"],
    "audit-hook": ["import sys\nsys.addaudithook(lambda *a: None)\n"],
    "input": ["input('name? ')\n"],
}
CASES = [(rule, code) for rule, codes in sorted(HOSTILE.items()) for code in codes]


@pytest.fixture
def paths(tmp_path):
    folder = tmp_path / "folder"
    folder.mkdir()
    existing = folder / "existing.txt"
    existing.write_text("keep me")
    return {"PATH": str(tmp_path / "new.txt"), "EXISTING": str(existing), "FOLDER": str(folder)}


@pytest.mark.parametrize("rule, code", CASES, ids=["%s-%d" % (r, i) for i, (r, _) in enumerate(CASES)])
def test_hostile_operations_are_refused_with_their_rule(rule, code, paths, tmp_path):
    cwd = os.getcwd()
    out = run_script(code, globals=dict(paths))
    assert os.getcwd() == cwd and "RHINOCODER_TEST_VAR" not in os.environ
    assert out.error is not None and out.error.type == "UnsafeOperationError", out.error
    assert "rule %s" % rule in out.error.message
    assert out.error.line == code.count("\n")  # the last line made the call
    # nothing happened: no new file, the existing one intact
    assert sorted(p.name for p in tmp_path.iterdir()) == ["folder"]
    assert sorted(p.name for p in (tmp_path / "folder").iterdir()) == ["existing.txt"]
    assert (tmp_path / "folder" / "existing.txt").read_text() == "keep me"


BENIGN = [
    "print(open(EXISTING).read())\n", "print(open(EXISTING, 'rb').read())\n",
    "import os\nprint(os.listdir(FOLDER), os.path.exists(EXISTING), os.path.join('a', 'b'))\n",
    "from collections import namedtuple\nP = namedtuple('P', 'x y')\nprint(P(1, 2))\n",
    "from dataclasses import dataclass\n@dataclass\nclass P:\n    x: int\nprint(P(1))\n",
    "import ast\nprint(ast.literal_eval('[1, 2]'))\n",
    "import traceback\ntry:\n    1 / 0\nexcept Exception:\n    print(traceback.format_exc().splitlines()[-1])\n",
    "import json, math, random, re, itertools, functools, datetime, time\nprint(json.dumps({'a': math.pi > 3}))\n",
    "class C:\n    count = 0\nC.count = 2\nprint(C.count)\n",
    "import os\nprint(os.environ.get('HOME') is not None or True)\n",
    "import warnings\nwarnings.warn('careful')\nprint('after')\n",
]


@pytest.mark.parametrize("code", BENIGN)
def test_benign_code_still_runs(code, paths):
    out = run_script(code, globals=dict(paths))
    assert out.ok, out.error


def test_a_swallowed_refusal_still_fails_the_run(paths):
    out = run_script("try:\n    open(PATH, 'w')\nexcept Exception:\n    pass\nprint('after')\n", globals=dict(paths))
    assert out.stdout == "after\n"
    assert not out.ok and out.error.type == "UnsafeOperationError" and out.error.line == 2
    assert "open(PATH, 'w')" in out.error.traceback and not os.path.exists(paths["PATH"])


def test_refusals_are_scoped_to_the_run_thread(tmp_path):
    results = []

    def host_work():  # the host's own thread, busy while the script runs: writes a file, starts a thread
        (tmp_path / "host.log").write_text("ok")
        t = threading.Thread(target=lambda: results.append("thread ran"))
        t.start()
        t.join(5)
        results.append((tmp_path / "host.log").read_text())

    trigger = _Trigger(host_work)
    out = run_script("go.set()\ndone.wait(10)\n", globals={"go": trigger, "done": trigger.done})
    assert out.ok, out.error
    assert results == ["thread ran", "ok"]
    (tmp_path / "after.txt").write_text("the run thread may write once the run is over")
    assert (tmp_path / "after.txt").exists()


class _Trigger(object):
    """`go.set()` from the script runs `fn` on a thread started before the run; `done` is set after."""

    def __init__(self, fn):
        self.fn = fn
        self.event = threading.Event()
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self):
        self.event.wait(10)
        try:
            self.fn()
        finally:
            self.done.set()

    def set(self):
        self.event.set()


def test_importing_a_new_module_during_a_run_works(tmp_path, monkeypatch):
    package = tmp_path / "rc_fresh_module_xyz.py"
    package.write_text("VALUE = 41\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    out = run_script("import rc_fresh_module_xyz as m\nprint(m.VALUE + 1)\n")
    assert out.ok, out.error
    assert out.stdout == "42\n"
    assert not (tmp_path / "__pycache__").exists()  # the bytecode cache write was refused, quietly
    sys.modules.pop("rc_fresh_module_xyz", None)


def test_tracing_cannot_be_switched_off_to_escape_the_deadline():
    out, took = bounded("import sys\ntry:\n    sys.settrace(None)\nexcept Exception:\n    pass\n"
                        "while True:\n    pass\n", timeout=0.3)
    assert out.error.type == "TimeoutError" and took < 10


def test_one_audit_hook_per_process():
    from rhino_plugin.core import runtime_safety
    for _ in range(3):
        run_script("x = 1\n")
    runtime_safety.install()
    assert runtime_safety._INSTALLED == [True]
    assert not runtime_safety._ACTIVE  # no run is active once run_script returned
