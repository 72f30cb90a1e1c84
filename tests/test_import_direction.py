"""The arrows of docs/architecture.md, asserted: every import between the project's packages
(module level and lazy, inside functions) must be an allowed edge, so a wrong-way import fails
CI instead of waiting for a reviewer. Read from the source with `ast`, nothing is imported."""
import ast
import os
from collections import defaultdict

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FOLDERS = {"rhino_plugin": "rhino_plugin", "rhino_headless": "rhino_headless",
           "model_server": "model_server", "training": "training", "datasets": "rhino_datasets"}
PLUGIN_PARTS = ("core", "hosts", "ui", "cli", "project")

# Which package may import which (docs/architecture.md, "Packages and what each owns").
ALLOWED = {
    "rhino_plugin.core": set(),                                      # stdlib only
    "rhino_plugin.hosts": {"rhino_plugin.core", "rhino_headless"},   # headless.py wraps rhino_headless
    "rhino_plugin.ui": {"rhino_plugin.core", "rhino_plugin.hosts"},
    "rhino_plugin.cli": {"rhino_plugin.core", "rhino_plugin.hosts", "rhino_headless"},
    "rhino_plugin.project": {"rhino_plugin.core", "rhino_plugin.hosts", "rhino_plugin.ui"},
    "rhino_headless": set(),
    "model_server": set(),
    "rhino_datasets": {"rhino_plugin.core", "rhino_plugin.hosts", "rhino_headless", "model_server"},
    "training": {"rhino_plugin.core", "rhino_plugin.hosts", "rhino_headless", "model_server",
                 "rhino_datasets"},
}


def package_of(module):
    parts = module.split(".")
    if parts[0] == "rhino_plugin":
        return "rhino_plugin." + parts[1] if len(parts) > 1 and parts[1] in PLUGIN_PARTS else None
    return parts[0] if parts[0] in ALLOWED else None


def imports(root=ROOT, folders=None):
    """(importing package, imported package) -> files, over every .py file of the packages;
    relative imports are resolved against the importing module."""
    edges = defaultdict(set)
    for folder, name in (folders or FOLDERS).items():
        for here, dirs, files in os.walk(os.path.join(root, folder)):
            dirs[:] = [d for d in dirs if d != "__pycache__" and not here.endswith(os.path.join("project", "Libraries"))]
            for f in files:
                if not f.endswith(".py"):
                    continue
                path = os.path.join(here, f)
                module = name + "." + os.path.relpath(path, os.path.join(root, folder))[:-3].replace(os.sep, ".")
                source = package_of(module)
                if source is None:
                    continue
                with open(path, encoding="utf-8") as handle:
                    tree = ast.parse(handle.read(), path)
                for node in ast.walk(tree):
                    if isinstance(node, ast.Import):
                        targets = [a.name for a in node.names]
                    elif isinstance(node, ast.ImportFrom):
                        base = node.module or ""
                        if node.level:
                            anchor = module.split(".")[:-node.level]   # the importing module's package, up
                            base = ".".join(anchor + ([base] if base else []))
                        targets = [base] + [base + "." + a.name for a in node.names]
                    else:
                        continue
                    for target in targets:
                        dest = package_of(target)
                        if dest is not None and dest != source:
                            edges[(source, dest)].add(os.path.relpath(path, root))
    return edges


def test_every_import_between_packages_follows_the_arrows():
    edges = imports()
    assert edges, "the scan found no imports at all"
    wrong = {"%s -> %s" % edge: sorted(files) for edge, files in edges.items()
             if edge[1] not in ALLOWED[edge[0]]}
    assert not wrong, "imports against docs/architecture.md's arrows: %s" % wrong


def test_the_scan_sees_a_wrong_way_import(tmp_path):
    """The checker can fail: core modules importing a host, lazily or relatively, are reported."""
    fake = tmp_path / "rhino_plugin" / "core"
    fake.mkdir(parents=True)
    (fake / "bad.py").write_text("def f():\n    from rhino_plugin.hosts import headless\n")
    (fake / "worse.py").write_text("from ..hosts.base import Host\n")
    edges = imports(str(tmp_path), {"rhino_plugin": "rhino_plugin"})
    assert edges == {("rhino_plugin.core", "rhino_plugin.hosts"): {
        os.path.join("rhino_plugin", "core", "bad.py"), os.path.join("rhino_plugin", "core", "worse.py")}}
    assert "rhino_plugin.hosts" not in ALLOWED["rhino_plugin.core"]
