"""Copy the Rhino-side `rhino_plugin` package into Libraries/rhino_plugin/ before a build.

    python rhino_plugin/project/stage_library.py        # then: rhinocode project build RhinoCoder.rhproj

The project ships the package as a ScriptEditor Python library (embedded in the .rhp, no network
at install): Python sources only, the one kind of file McNeel documents a Python library to hold
(the data sets are modules too: rhino_plugin/core/data/__init__.py). Left out: the off-Rhino
parts (cli/, hosts/headless.py), this project folder and caches. The staged copy is a build
artefact: re-stage after every change, never edit it.
Standard library only.
"""
import os
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
PACKAGE = os.path.dirname(HERE)
EXCLUDE_DIRS = {"project", "cli", "__pycache__"}
EXCLUDE_FILES = {os.path.join("hosts", "headless.py")}


def files_to_stage(package: str = PACKAGE):
    """Relative paths of the package files that go into the Rhino library."""
    out = []
    for root, dirs, files in os.walk(package):
        dirs[:] = sorted(d for d in dirs if d not in EXCLUDE_DIRS)
        for name in sorted(files):
            rel = os.path.relpath(os.path.join(root, name), package)
            if name.endswith(".py") and rel not in EXCLUDE_FILES:
                out.append(rel)
    return out


def stage(dest: str = os.path.join(HERE, "Libraries", "rhino_plugin"), package: str = PACKAGE):
    """Replace `dest` with a fresh copy (built beside it, then swapped in)."""
    tmp = dest + ".staging"
    shutil.rmtree(tmp, ignore_errors=True)
    for rel in files_to_stage(package):
        target = os.path.join(tmp, rel)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        shutil.copy2(os.path.join(package, rel), target)
    shutil.rmtree(dest, ignore_errors=True)
    os.replace(tmp, dest)
    return dest


if __name__ == "__main__":
    print("staged %s" % stage(*sys.argv[1:2]))
