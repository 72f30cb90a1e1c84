"""What the panel does 0.3 s after a selection change, on a 10,000-object document (issue 20 item 8).

    .venv/bin/python benchmarks/selection_refresh.py [--objects 10000] [--repeat 5]

Before: the chip was recomputed from `host.context()`, which walks every object of the document
(type names with IsSolid, per-layer counts). After: `PanelModel.refresh_selection()` asks
`host.selection()`, which reads the selected objects only, describes the first 25, types the next
500 within 50 ms and counts the rest by kind (core/host.py summarise_selection). Both are timed
through PanelModel (the chip's text included), on the headless host (half points, half closed
rhino3dm boxes) and on the fake Rhino of tests/plugin (points, through its UI thread), with 10
objects selected and with all of them selected. Medians of --repeat runs, in milliseconds.
"""
import argparse
import os
import statistics
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from rhino_plugin.ui.panel_model import PanelModel  # noqa: E402


def _median_ms(fn, repeat):
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000.0)
    return statistics.median(times)


def _measure(name, model, select, repeat, rows):
    for label, how_many in (("10 selected", 10), ("all selected", None)):
        select(how_many)
        model.refresh_context()
        before = _median_ms(model.refresh_context, repeat)
        after = _median_ms(model.refresh_selection, repeat)
        rows.append((name, label, before, after))


def headless(n, repeat, rows, folder):
    import rhino3dm

    from rhino_plugin.hosts.headless import HeadlessHost

    host = HeadlessHost()
    for i in range(n):
        if i % 2:
            box = rhino3dm.BoundingBox(rhino3dm.Point3d(i, 0, 0), rhino3dm.Point3d(i + 1, 1, 1))
            host.doc.add(rhino3dm.Brep.CreateFromBox(rhino3dm.Box(box)), copy=False)
        else:
            host.doc.add(rhino3dm.Point(rhino3dm.Point3d(i, 0, 0)), copy=False)
    ids = [o.id for o in host.doc.objects()]

    def select(k):
        host.doc.unselect_all()
        host.doc.select(ids[:k] if k else ids)
    _measure("headless", PanelModel(host, folder), select, repeat, rows)


def fake(n, repeat, rows, folder):
    import importlib

    import pytest

    from tests.plugin import fake_rhino as fr

    with pytest.MonkeyPatch.context() as patch:
        app = fr.install(patch)
        module = importlib.import_module("rhino_plugin.hosts.rhino")
        doc = fr.RhinoDoc()
        fr.RhinoDoc.ActiveDoc = doc
        objects = [doc.Objects.FindId(doc.Objects.AddPoint(i, 0, 0)) for i in range(n)]

        def select(k):
            for i, obj in enumerate(objects):
                obj.IsSelected = k is None or i < k
        try:
            _measure("fake Rhino", PanelModel(module.RhinoHost(doc), folder), select, repeat, rows)
        finally:
            app.stop()
            sys.modules.pop("rhino_plugin.hosts.rhino", None)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--objects", type=int, default=10000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        headless(args.objects, args.repeat, rows, folder)
        fake(args.objects, args.repeat, rows, folder)
    print("%d objects; chip refresh after a selection change, median ms" % args.objects)
    print("%-11s %-13s %10s %10s %8s" % ("host", "selection", "before", "after", "ratio"))
    for name, label, before, after in rows:
        print("%-11s %-13s %10.1f %10.1f %7.0fx" % (name, label, before, after, before / max(after, 1e-6)))


if __name__ == "__main__":
    main()
