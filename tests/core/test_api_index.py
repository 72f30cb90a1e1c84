"""The API index: the generator (from the real sources and stubs) and the stdlib loader."""
import argparse
import gzip
import json
import os
import subprocess
import sys

import pytest

from rhino_datasets import api_index as generator
from rhino_plugin.core import api_index

SOURCES = generator.sources_dir(None)


def test_committed_index_loads_with_all_rs_functions():
    index = api_index.load()
    assert index is api_index.load()  # cached
    names = index.rs_names()
    assert len(names) == 899
    add_layer = index.rs_function("AddLayer")
    assert add_layer["module"] == "layer"
    assert add_layer["signature"].startswith("AddLayer(")
    params = {p["name"]: p for p in add_layer["params"]}
    assert params["name"]["required"] is False and params["name"]["default"] == "None"
    assert params["visible"]["default"] == "True"
    move = index.rs_function("MoveObject")
    assert [p["required"] for p in move["params"]] == [True, True]
    assert index.rs_function("XformRotation") is None


def test_rhino_lookups():
    index = api_index.load()
    assert index.is_namespace("Rhino.Geometry")
    assert index.rhino_name_exists("Rhino.Geometry.Point3d")
    assert index.rhino_name_exists("Rhino.Geometry.Point3d.Origin")
    assert index.rhino_name_exists("Rhino.RhinoDoc.ActiveDoc")
    assert index.rhino_name_exists("Rhino.Geometry.Intersect.Intersection.CurveCurve")
    assert not index.rhino_name_exists("Rhino.Geometry.Point3D")
    assert not index.rhino_name_exists("Rhino.Geometry.Point3d.Orign")
    members = index.class_members("Rhino.Geometry.Point3d")
    assert members["DistanceTo"]["kind"] == "method" and members["DistanceTo"]["args"] == [1]
    assert members["Origin"]["kind"] == "property" and members["Origin"]["static"] is True
    assert index.rhino_class("Rhino.DocObjects.ObjectType")["kind"] == "enum"


def test_inherited_members_are_flattened():
    index = api_index.load()
    brep = index.class_members("Rhino.Geometry.Brep")
    assert "GetBoundingBox" in brep  # from GeometryBase
    assert "ToString" in brep  # from System.Object


def test_suggestions_prefer_case_insensitive_match():
    index = api_index.load()
    assert index.rs_case_match("Viewsize") == "ViewSize"
    assert index.suggest("Viewsize", index.rs_names())[0] == "ViewSize"
    assert "Origin" in api_index.suggest("Orign", index.class_members("Rhino.Geometry.Point3d"))
    assert api_index.suggest("zzzzqqq", index.rs_names()) == []


def test_provenance_records_inputs():
    prov = api_index.load().provenance
    assert len(prov["rhinoscriptsyntax.json"]["sha256"]) == 64
    assert prov["rhino-stubs-typed"]["version"].startswith("8.")
    assert prov["rhino-stubs-typed"]["unparsed_namespaces"] == []


def test_signature_parser_handles_defaults_varargs_and_keywords():
    params = generator.parse_signature("F(a, b=1, *rest, c=None, **kw)")
    assert [(p["name"], p["kind"], p["required"], p["default"]) for p in params] == [
        ("a", "positional", True, None), ("b", "positional", False, "1"),
        ("rest", "var_positional", False, None), ("c", "keyword_only", False, "None"),
        ("kw", "var_keyword", False, None)]


def test_stub_cleaner_makes_backtick_generics_parse():
    import ast
    source = "class A(List`1):\n    def F(self, x: Dictionary`2[str, int]) -> None: ...\n"
    with pytest.raises(SyntaxError):
        ast.parse(source)
    tree = ast.parse(generator._clean_stub(source))
    assert generator._class_entry(tree.body[0])["members"]["F"]["args"] == [1]


def test_generator_is_deterministic_and_matches_committed(tmp_path):
    out = tmp_path / "api_index_json.py"
    args = argparse.Namespace(sources=SOURCES, out=str(out))
    assert generator.main(args) == 0
    first = out.read_bytes()
    assert generator.main(args) == 0
    assert out.read_bytes() == first  # byte-identical: sorted keys, no timestamps
    committed = api_index.DEFAULT_PATH
    assert api_index.read(str(out)) == api_index.read(committed), \
        "committed index is stale: run rhinocoder-data api-index"
    with open(committed, "rb") as handle:
        assert handle.read() == first  # the committed data module is exactly what the generator writes
    assert len(first) < 3 * 1024 * 1024
    assert not [p for p in os.listdir(tmp_path) if p.endswith(".tmp")]
    gz = tmp_path / "index.json.gz"  # --out .json.gz still writes gzipped JSON (mtime 0)
    assert generator.main(argparse.Namespace(sources=SOURCES, out=str(gz))) == 0
    assert json.loads(gzip.decompress(gz.read_bytes())) == api_index.read(committed)


def test_data_module_is_plain_json_one_entry_per_line():
    """The shipped form (rhino_plugin/core/data/__init__.py): a Python module whose one string is
    the JSON document, one rs function / RhinoCommon class / namespace per line."""
    with open(api_index.DEFAULT_PATH, encoding="utf-8") as handle:
        lines = handle.read().splitlines()
    index = api_index.read(api_index.DEFAULT_PATH)
    assert lines[1] == "TEXT = r\'\'\'{" and lines[-1].endswith("}\'\'\'")
    entries = len(index["rs"]) + len(index["rhino"]["classes"]) + len(index["rhino"]["namespaces"])
    assert entries < len(lines) < entries + 20
    assert "\'" not in "\n".join(lines[2:-1])  # every ' is \u0027: the raw string cannot end early


def test_generator_cli_reports_missing_sources(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "rhino_datasets.cli", "api-index", "--sources", str(tmp_path),
                           "--out", str(tmp_path / "x_json.py")], capture_output=True, text=True)
    assert proc.returncode == 2
    assert "rhinoscriptsyntax.json" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert not (tmp_path / "x_json.py").exists()


def test_public_names_are_exactly_what_the_checker_accepts_after_rs():
    from rhino_plugin.core.checks import check

    index = api_index.load()
    public = index.rs_public_names()
    assert {"AddPoint", "filter", "coerce3dpoint", "curve", "surface"} <= set(public)
    assert set(index.rs_names()) < set(public) and public == sorted(set(public))
    for name in public:   # every name sent for the server's constraint passes the checker
        assert not [p for p in check("import rhinoscriptsyntax as rs\nx = rs.%s\n" % name, index=index)
                    if p.code == "unknown-name"], name
    assert [p.code for p in check("import rhinoscriptsyntax as rs\nx = rs.AddPanel\n", index=index)] == ["unknown-name"]
