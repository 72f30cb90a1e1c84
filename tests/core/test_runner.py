"""The runner: fresh namespace, captured stdout, filtered tracebacks, deadline, cancel, imports."""
import sys
import threading
import time
import types

from rhino_plugin.core.runner import RunOutcome, run_script
from rhino_headless.errors import NeedsRhinoError


def test_ok_run_captures_print_and_write_and_restores_stdout():
    before = sys.stdout
    out = run_script("import sys\nprint('a', 1)\nsys.stdout.write('b\\n')\nprint(__name__)\n")
    assert isinstance(out, RunOutcome)
    assert out.ok and out.error is None
    assert out.stdout == "a 1\nb\n__main__\n"
    assert sys.stdout is before
    assert out.seconds >= 0


def test_fresh_namespace_per_run_and_given_globals():
    first = run_script("x = 41\n")
    assert first.ok
    second = run_script("print(x + 1)\n")
    assert not second.ok and second.error.type == "NameError"
    third = run_script("print(SELECTED_IDS)\n", globals={"SELECTED_IDS": ["a"]})
    assert third.ok and third.stdout == "['a']\n"


def test_error_keeps_stdout_and_filters_traceback_to_script_frames():
    code = "print('before')\ndef f(d):\n    return d['missing']\nf({})\n"
    out = run_script(code)
    assert not out.ok
    assert out.stdout == "before\n"
    err = out.error
    assert err.type == "KeyError"
    assert err.line == 3
    assert err.source_line == "return d['missing']"
    assert 'File "<script>", line 4, in <module>' in err.traceback
    assert 'File "<script>", line 3, in f' in err.traceback
    assert "return d['missing']" in err.traceback
    assert "runner.py" not in err.traceback
    assert err.traceback.rstrip().endswith("KeyError: 'missing'")


def test_host_exception_keeps_its_class_name_and_hides_host_frames():
    def curve_boolean():
        raise NeedsRhinoError("CurveBoolean")

    rs = types.ModuleType("rhinoscriptsyntax")
    rs.CurveBoolean = curve_boolean
    out = run_script("import rhinoscriptsyntax as rs\n\nrs.CurveBoolean()\n", modules={"rhinoscriptsyntax": rs})
    assert out.error.type == "NeedsRhinoError"
    assert out.error.line == 3
    assert "CurveBoolean needs" in out.error.message
    assert __file__ not in out.error.traceback  # the host function's frame is filtered out


def test_syntax_error_reports_line_without_running():
    out = run_script("print('never')\nx = (1,\ny = 2\n")
    assert not out.ok and out.stdout == ""
    assert out.error.type == "SyntaxError"
    assert out.error.line in (2, 3)
    assert "SyntaxError" in out.error.traceback


def test_null_bytes_are_a_syntax_error_not_a_crash():
    out = run_script("x = 1\x00\n")
    assert out.error.type == "SyntaxError"


def test_endless_loop_stops_at_deadline():
    started = time.monotonic()
    out = run_script("x = 0\nwhile True: pass\n", timeout=0.3)
    took = time.monotonic() - started
    assert out.error.type == "TimeoutError"
    assert out.error.line == 2
    assert "0.3 s" in out.error.message
    assert 0.25 < took < 3.0


def test_deadline_is_not_eaten_by_except_exception():
    code = "while True:\n    try:\n        pass\n    except Exception:\n        pass\n"
    out = run_script(code, timeout=0.2)
    assert out.error.type == "TimeoutError"


def test_deadline_reaches_loop_inside_script_function():
    out = run_script("def spin():\n    n = 0\n    while True:\n        n += 1\nspin()\n", timeout=0.2)
    assert out.error.type == "TimeoutError"
    assert out.error.line in (3, 4)
    assert "line 5, in <module>" in out.error.traceback


def test_cancel_hook_is_polled_on_the_calling_thread():
    calls = []

    def cancel():
        calls.append(threading.get_ident())
        return len(calls) >= 3

    out = run_script("while True:\n    pass\n", cancel=cancel, timeout=10)
    assert out.error.type == "Cancelled"
    assert set(calls) == {threading.get_ident()}


def test_cancel_false_lets_script_finish():
    out = run_script("import time\nfor i in range(3):\n    time.sleep(0.03)\nprint('done')\n",
                     cancel=lambda: False)
    assert out.ok and out.stdout == "done\n"


def test_keyboard_interrupt_becomes_cancelled():
    out = run_script("raise KeyboardInterrupt\n")
    assert out.error.type == "Cancelled"


def test_system_exit_is_an_error_and_never_ends_the_host():
    out = run_script("import sys\nprint('x')\nsys.exit()\nprint('no')\n")
    assert out.stdout == "x\n"
    assert not out.ok and out.error.type == "SystemExit" and out.error.line == 3
    out = run_script("import sys\nsys.exit(2)\n")
    assert not out.ok and out.error.type == "SystemExit" and "sys.exit(2)" in out.error.message


def test_main_guard_runs():
    assert run_script("if __name__ == '__main__':\n    print('main')\n").stdout == "main\n"


def test_modules_resolve_only_inside_the_script():
    rhino = types.ModuleType("Rhino")
    geometry = types.ModuleType("Rhino.Geometry")
    geometry.Point3d = lambda x, y, z: (x, y, z)
    rhino.Geometry = geometry
    code = ("import Rhino\nimport Rhino.Geometry as rg\nfrom Rhino.Geometry import Point3d\n"
            "import math\nprint(rg.Point3d(1, 2, 3), Point3d(0, 0, 1), Rhino.Geometry is rg, math.pi > 3)\n")
    out = run_script(code, modules={"Rhino": rhino})
    assert out.ok, out.error
    assert out.stdout == "(1, 2, 3) (0, 0, 1) True True\n"
    assert "Rhino" not in sys.modules and "Rhino.Geometry" not in sys.modules


def test_explicit_dotted_module_keys():
    rhino = types.ModuleType("Rhino")
    geometry = types.ModuleType("Rhino.Geometry")
    geometry.Point3d = "P"
    out = run_script("import Rhino.Geometry as rg\nfrom Rhino.Geometry import Point3d\nprint(rg.Point3d, Point3d)\n",
                     modules={"Rhino": rhino, "Rhino.Geometry": geometry})
    assert out.ok, out.error
    assert out.stdout == "P P\n"
    assert not hasattr(rhino, "Geometry")  # the given module is not modified


def test_missing_submodule_and_unmapped_module_fail_clearly():
    rhino = types.ModuleType("Rhino")
    out = run_script("import Rhino.Nope\n", modules={"Rhino": rhino})
    assert out.error.type == "ModuleNotFoundError" and "Rhino.Nope" in out.error.message
    out = run_script("import rhinoscriptsyntax as rs\n")
    assert out.error.type == "ModuleNotFoundError"


def test_previous_tracer_is_restored():
    def tracer(frame, event, arg):
        return None

    sys.settrace(tracer)
    try:
        run_script("x = 1\n")
        assert sys.gettrace() is tracer
    finally:
        sys.settrace(None)


def test_other_threads_output_is_not_captured():
    import io
    sink = io.StringIO()
    real = sys.stdout
    go, done = threading.Event(), threading.Event()

    def other():  # a host thread that prints while the script runs
        go.wait(10)
        print("from other thread")
        done.set()

    t = threading.Thread(target=other)
    t.start()
    sys.stdout = sink
    try:
        code = "go.set()\ndone.wait(10)\nprint('mine')\n"
        out = run_script(code, globals={"go": go, "done": done})
    finally:
        sys.stdout = real
        t.join(10)
    assert out.ok, out.error
    assert out.stdout == "mine\n"
    assert sink.getvalue() == "from other thread\n"


def test_linecache_entry_is_removed_after_run():
    import linecache
    run_script("x = 1\n", filename="<rc-test>")
    assert "<rc-test>" not in linecache.cache


def test_bare_except_in_a_loop_does_not_swallow_the_deadline():
    code = "n = 0\nwhile True:\n    try:\n        n += 1\n    except:\n        pass\n"
    started = time.monotonic()
    out = run_script(code, timeout=0.2)
    assert out.error.type == "TimeoutError"
    assert time.monotonic() - started < 5.0


def test_deadline_waits_for_host_code_and_reports_the_script_line():
    # Host code is never interrupted (it may be Rhino's own code): the stop comes when it returns.
    finished = []

    def slow_host_call():
        end = time.monotonic() + 0.5
        while time.monotonic() < end:
            pass
        finished.append(True)

    host = types.ModuleType("rhinoscriptsyntax")
    host.Slow = slow_host_call
    out = run_script("import rhinoscriptsyntax as rs\nx = 1\nrs.Slow()\nwhile True:\n    pass\n",
                     modules={"rhinoscriptsyntax": host}, timeout=0.2)
    assert finished == [True]
    assert out.error.type == "TimeoutError" and out.error.line in (3, 4, 5)
    assert __file__ not in out.error.traceback


def test_runs_after_a_deadline_are_clean():
    # Nothing of a stopped run may surface later: not in the next run, not in the caller.
    for _ in range(5):
        out = run_script("import time\nt = time.monotonic()\nwhile time.monotonic() - t < 0.1:\n    pass\n",
                         timeout=0.1)
        assert out.error is None or out.error.type == "TimeoutError"
    end = time.monotonic() + 1.2  # much longer than the watchdog's re-arm interval
    spins = 0
    while time.monotonic() < end:
        spins += 1
    assert spins > 0
    t = threading.Thread(target=lambda: None)
    sys.settrace(lambda *a: None)
    try:
        t.start()
        t.join(5)
    finally:
        sys.settrace(None)
    assert not t.is_alive()
    assert run_script("print('fine')\n", cancel=lambda: False).stdout == "fine\n"
