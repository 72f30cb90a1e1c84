"""The Host over the headless document (`rhino_headless`): the CLI, dataset validator and benchmark.

`rhino_headless` (and through it rhino3dm) is imported inside the methods, so importing
`rhino_plugin.hosts` never needs it; inside Rhino this module is simply not used.
"""
import math
import threading
from typing import Any, Dict, List, Optional

from rhino_plugin.core.host import CancelCheck, RunResult, summarise_selection


class HeadlessHost(object):
    """Runs scripts on a HeadlessDoc inside one undo record each; a failed run is rolled back."""

    name = "headless"

    def __init__(self, doc: Any = None, answers: Optional[List[Any]] = None):
        if doc is None:
            from rhino_headless.document import HeadlessDoc
            doc = HeadlessDoc()
        self.doc = doc
        if answers is not None:
            doc.answers = list(answers)
        self._last_serial = None  # type: Optional[int]
        self._lock = threading.Lock()

    # ---- running --------------------------------------------------------------------------------
    def run(self, code: str, timeout: float = 30.0, cancel: Optional[CancelCheck] = None,
            filename: str = "<script>") -> RunResult:
        from rhino_headless import sandbox, scriptcontext
        from rhino_plugin.core.runner import run_script

        with self._lock:
            doc = self.doc
            answers = list(doc.answers)  # a failed attempt gives its answers back for the retry
            doc.begin_record("RhinoCoder script")
            try:
                with scriptcontext.use_doc(doc):
                    outcome = run_script(code, filename=filename, modules=sandbox.modules_for(doc),
                                         globals={"SELECTED_IDS": doc.selected_ids()},
                                         timeout=timeout, cancel=cancel)
            except BaseException:
                doc.rollback()  # a bug of ours (the runner never raises for the script's errors)
                doc.answers = answers
                raise
            if not outcome.ok:
                doc.rollback()
                doc.answers = answers
                return RunResult(ok=False, stdout=outcome.stdout, error=outcome.error,
                                 object_count=doc.object_count, seconds=outcome.seconds)
            created, deleted, modified = doc.changes()
            self._last_serial = doc.end_record()
            return RunResult(ok=True, stdout=outcome.stdout, error=None,
                             created=[str(i) for i in created], deleted=[str(i) for i in deleted],
                             modified=[str(i) for i in modified], object_count=doc.object_count,
                             seconds=outcome.seconds)

    def undo_last(self) -> bool:
        """Undo the newest successful run, if it is still the newest undo record."""
        with self._lock:
            done = self.doc.journal.done
            if self._last_serial is None or not done or done[-1].serial != self._last_serial:
                return False
            self._last_serial = None
            return self.doc.undo()

    # ---- context --------------------------------------------------------------------------------
    def selection(self, bounded: bool = True) -> Dict[str, Any]:
        """The selection part of context(), from the selected objects only; bounded in count and
        time (core/host.py summarise_selection) unless `bounded` is False (context(): the dataset
        and the benchmark need every type exactly, whatever the machine's speed)."""
        doc = self.doc
        limits = {} if bounded else {"typed": None, "budget": None}
        return summarise_selection((o for o in doc.objects() if o.selected), lambda o: describe(doc, o),
                                   lambda o: type_name(o.geometry), lambda o: quick_type(o.geometry), **limits)

    def context(self) -> Dict[str, Any]:
        """Plain-data description of the document and selection for the prompt (see Host)."""
        doc = self.doc
        objects = doc.objects()
        counts = {}  # type: Dict[str, int]
        per_layer = {}  # type: Dict[int, int]
        for obj in objects:
            t = type_name(obj.geometry)
            counts[t] = counts.get(t, 0) + 1
            per_layer[obj.layer_index] = per_layer.get(obj.layer_index, 0) + 1
        layers = []
        for i in doc.layer_indices():
            layer = doc.layer(i)
            layers.append({"path": doc.layer_full_path(i), "color": list(layer.Color[:3]),
                           "visible": bool(layer.Visible), "locked": bool(layer.Locked),
                           "objects": per_layer.get(i, 0), "current": i == doc.current_layer})
        return {
            "units": doc.units_name,
            "tolerance": doc.tolerance,
            "angle_tolerance": doc.angle_tolerance,
            "selection": self.selection(bounded=False),
            "layers": layers,
            "counts": counts,
            "object_count": len(objects),
        }


# ---- object descriptions (plain data) ----------------------------------------------------------
def type_name(geometry: Any) -> str:
    """The name Rhino's UI uses for an object's type."""
    from rhino_headless.document import kind
    k = kind(geometry)
    if k == "brep":
        return "Surface" if len(geometry.Faces) == 1 else ("Closed Polysurface" if geometry.IsSolid else "Polysurface")
    return _KINDS.get(k, "Object")


_KINDS = {"point": "Point", "pointcloud": "PointCloud", "curve": "Curve", "surface": "Surface",
          "brep": "Polysurface", "extrusion": "Extrusion", "mesh": "Mesh", "textdot": "TextDot", "subd": "SubD",
          "hatch": "Hatch", "annotation": "Annotation", "instance": "Block", "light": "Light"}


def quick_type(geometry: Any) -> str:
    """The type name from the geometry's kind alone, as Rhino's ObjectType would give it: a brep is
    a Polysurface, whether closed or of one face (no IsSolid, no face count)."""
    from rhino_headless.document import kind
    return _KINDS.get(kind(geometry), "Object")


def _num(x: float) -> float:
    return float("%.6g" % x) if math.isfinite(x) else x


def _pt(p: Any) -> List[float]:
    return [_num(p.X), _num(p.Y), _num(p.Z)]


def describe(doc: Any, obj: Any) -> Dict[str, Any]:
    """id, type, layer, name, bbox and the key facts of one object (never raises)."""
    g = obj.geometry
    info = {"id": str(obj.id), "type": type_name(g), "layer": doc.layer_full_path(obj.layer_index),
            "name": obj.name}  # type: Dict[str, Any]
    try:
        box = _bbox(g)
        if box is not None and box.IsValid:
            info["bbox"] = [_pt(box.Min), _pt(box.Max)]
    except Exception:  # a fact we cannot compute is left out, never fatal
        pass
    try:
        info.update(_facts(g))
    except Exception:
        pass
    strings = dict(obj.attributes.GetUserStrings())
    if strings:
        info["user_text"] = strings
    return info


def _bbox(g: Any) -> Any:
    try:
        return g.GetBoundingBox()
    except TypeError:  # a shim that wants RhinoCommon's `accurate` flag
        return g.GetBoundingBox(True)


def _facts(g: Any) -> Dict[str, Any]:
    import rhino3dm as r
    from rhino_headless.document import kind
    k = kind(g)
    if k == "point":
        return {"location": _pt(g.Location)}
    if k == "pointcloud":
        return {"points": len(g)}
    if k == "curve":
        facts = {"closed": bool(g.IsClosed), "degree": int(g.Degree), "planar": bool(g.IsPlanar()),
                 "shape": _curve_shape(g, r), "start": _pt(g.PointAtStart), "end": _pt(g.PointAtEnd)}
        try:
            from rhino_headless.geomath.curves import length
            facts["length"] = _num(length(g))
        except Exception:
            pass
        return facts
    if k == "mesh":
        return {"vertices": len(g.Vertices), "faces": len(g.Faces), "closed": bool(g.IsClosed)}
    if k == "brep":
        return {"faces": len(g.Faces), "solid": bool(g.IsSolid)}
    if k == "extrusion":
        return {"solid": bool(g.IsSolid) if hasattr(g, "IsSolid") else None, "capped": g.IsCappedAtBottom and g.IsCappedAtTop}
    if k == "textdot":
        return {"text": g.Text, "location": _pt(g.Point)}
    return {}


def _curve_shape(g: Any, r: Any) -> str:
    if isinstance(g, r.LineCurve) or g.IsLinear():
        return "line"
    if g.IsCircle():
        return "circle"
    if g.IsArc():
        return "arc"
    if g.IsEllipse():
        return "ellipse"
    if isinstance(g, r.PolylineCurve) or g.IsPolyline():
        return "polyline"
    if isinstance(g, r.PolyCurve):
        return "polycurve"
    return "nurbs"


__all__ = ["HeadlessHost", "describe", "quick_type", "type_name"]
