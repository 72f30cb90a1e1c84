"""Coverage measurement: every official name resolves, stubs keep official signatures, the table adds up."""
import inspect
import json

import pytest

import rhino_headless.rhinoscriptsyntax as rs
from rhino_headless import coverage
from rhino_headless.errors import NeedsRhinoError
from rhino_plugin.cli import main as cli_main


def test_every_official_function_resolves_with_its_signature():
    official = coverage.official_functions()
    assert len(official) == 899
    for name, info in official.items():
        fn = getattr(rs, name)  # never an AttributeError for an official name
        want = coverage.parse_signature(info["signature"])
        got = inspect.signature(fn)
        assert [p.name for p in got.parameters.values()] == [p.name for p in want.parameters.values()], name


def test_auto_stub_raises_needs_rhino_with_reason_and_checks_arguments():
    stub = coverage.make_stub("FakeViewThing", "view", "FakeViewThing(view=None, mode=0)")
    assert coverage.status_of(stub) == "missing"
    with pytest.raises(NeedsRhinoError) as e:
        stub("Top", mode=1)
    assert e.value.function == "rs.FakeViewThing" and e.value.reason == "Rhino's views"
    with pytest.raises(TypeError):
        stub(1, 2, 3)
    declared = coverage.make_stub("Other", "curve", "Other(a)", reason="Rhino's geometry kernel")
    assert coverage.status_of(declared) == "unsupported"


def test_status_is_measured_from_the_code():
    @coverage.needs_rhino("Rhino's render settings")
    def Marked(a, b=1):
        return a

    def raises_only(x):
        """doc"""
        raise NeedsRhinoError("rs.X")

    def sometimes(x):
        if x:
            raise NeedsRhinoError("rs.Y")
        return 1

    assert coverage.status_of(Marked) == "unsupported" and inspect.signature(Marked).parameters["b"].default == 1
    with pytest.raises(NeedsRhinoError, match="render settings"):
        Marked(1)
    assert coverage.status_of(raises_only) == "unsupported"
    assert coverage.status_of(sometimes) == "implemented"
    assert coverage.status_of(rs.ObjectName) == "implemented"
    assert coverage.status_of(rs.Command) == "unsupported"  # declared in application.NEEDS_RHINO


def test_table_adds_up():
    tab = coverage.table()
    t = tab["totals"]
    assert t["total"] == 899 == t["implemented"] + t["unsupported"] + t["missing"]
    assert sum(len(r["implemented"]) for r in tab["modules"].values()) == t["implemented"]
    assert len(tab["modules"]) == 26
    # the document-side modules are complete: nothing left as an undeclared stub
    for module in ("object", "layer", "selection", "group", "userdata", "document", "userinterface",
                   "application", "view", "toolbar", "linetype", "material"):
        assert tab["modules"][module]["missing"] == [], module
    md = coverage.markdown(tab)
    assert md.splitlines()[0].startswith("| module |") and "| **all** |" in md


def test_unknown_name_gives_did_you_mean():
    with pytest.raises(AttributeError, match="did you mean rs.XformRotation"):
        rs.XformRotation
    assert not hasattr(rs, "NoSuchFunctionAtAll")


def test_cli_coverage_json_and_markdown(capsys):
    assert cli_main(["coverage", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["totals"]["total"] == 899 and out["modules"]["layer"]["implemented"] >= 30
    assert "Command" in out["unsupported"]
    assert cli_main(["coverage", "--markdown"]) == 0
    assert "| layer |" in capsys.readouterr().out
    assert cli_main(["coverage"]) == 0
    assert capsys.readouterr().out.splitlines()[-1].startswith("all")


def test_star_import_and_stubs_through_the_host():
    from rhino_plugin.hosts.headless import HeadlessHost
    host = HeadlessHost()
    ok = host.run("from rhinoscriptsyntax import *\nprint(AddLayer('Star'), callable(Command))\n")
    assert ok.ok, ok.error
    assert ok.stdout.split() == ["Star", "True"]
    bad = host.run("import rhinoscriptsyntax as rs\nrs.Command('_Line 0,0,0 1,0,0')\n")
    assert bad.error.type == "NeedsRhinoError" and "rs.Command" in bad.error.message and bad.error.line == 2
