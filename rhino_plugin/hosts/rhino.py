"""The RhinoCommon host: the Host protocol inside Rhino 8 (CPython 3.9). Rhino-only module.

- `context()` describes the document and selection (rhino8-plugin-notes §5) as plain data.
- `run(code)` hands the script to the hidden `RhinoCoderExec` command and waits: each attempt
  runs on the UI thread inside a command (command context, Escape, one undo record). A per-attempt
  journal (runtime-serial watermark + deleted objects + layer changes) rolls a failed attempt back,
  so a failed attempt leaves nothing behind and its empty undo record is dropped by Rhino.
- A run is refused while another command is active (`Command.InCommand()`).
- Redraw is off during a run; `sc.doc` is set; Escape cancels.

Nothing here is tested off Rhino except statically (tests/plugin/test_rhino_static.py): every
`Rhino.*` name is checked against the RhinoCommon 8 API index. Claims marked [inferred] in the
notes are kept thin and isolated here.
"""
import math
import threading
import time
from typing import Any, Callable, Dict, List, Optional

import Rhino
import scriptcontext
import System
from Rhino.Commands import Command
from Rhino.DocObjects import ObjectType, RhinoObject
from Rhino.DocObjects.Tables import LayerTableEventType

from rhino_plugin.core.runner import run_script
from rhino_plugin.hosts.base import CancelCheck, RunResult, ScriptError

EXEC_COMMAND = "_RhinoCoderExec"
DETAILED_SELECTION = 25  # objects described one by one; the rest are counted by type
UI_WAIT = 30.0  # seconds a worker waits for the UI thread to answer a context/undo call
PUMP_EVERY = 0.2  # seconds between RhinoApp.Wait() calls while a script runs


class HostBusyError(Exception):
    """Rhino cannot run a script now (another command is active, or a run is pending)."""


# -- UI thread ------------------------------------------------------------------------------------------


def on_ui(fn: Callable[[], Any], wait: float = UI_WAIT) -> Any:
    """Call `fn` on Rhino's UI thread and return its result (inline when already there)."""
    if not Rhino.RhinoApp.InvokeRequired:
        return fn()
    box = {}  # type: Dict[str, Any]
    done = threading.Event()

    def call() -> None:
        try:
            box["value"] = fn()
        except Exception as exc:  # handed back to the worker; never raised into Rhino's dispatcher
            box["error"] = exc
        finally:
            done.set()

    Rhino.RhinoApp.InvokeOnUiThread(System.Action(call))
    if not done.wait(wait):
        raise HostBusyError("Rhino's UI thread did not answer within %.0f s (a modal dialog open?)" % wait)
    if "error" in box:
        raise box["error"]
    return box.get("value")


def post_to_ui(fn: Callable[[], None]) -> None:
    """Queue `fn` on the UI thread; its exceptions are written to the command line, never raised."""
    def call() -> None:
        try:
            fn()
        except Exception as exc:
            Rhino.RhinoApp.WriteLine("RhinoCoder: %s: %s" % (type(exc).__name__, exc))
    Rhino.RhinoApp.InvokeOnUiThread(System.Action(call))


# -- the pending attempt (handed from a worker thread to the RhinoCoderExec command) ------------------


class _Job(object):
    def __init__(self, host: "RhinoHost", code: str, timeout: float, cancel: Optional[CancelCheck]):
        self.host = host
        self.code = code
        self.timeout = timeout
        self.cancel = cancel
        self.result = None  # type: Optional[RunResult]
        self.started = threading.Event()
        self.done = threading.Event()


_pending = None  # type: Optional[_Job]
_pending_lock = threading.Lock()


def execute_pending(doc: Any) -> bool:
    """Body of the hidden RhinoCoderExec command: run the queued attempt; False when none."""
    global _pending
    with _pending_lock:
        job, _pending = _pending, None
    if job is None:
        return False
    job.started.set()
    try:
        job.result = job.host._execute(doc, job)
    except Exception as exc:  # a bug of ours: reported as a failed, rolled-back attempt
        job.result = RunResult(ok=False, error=ScriptError(type(exc).__name__, str(exc)))
    finally:
        job.done.set()
    return True


# -- the per-attempt journal ------------------------------------------------------------------------------


class AttemptJournal(object):
    """What one attempt changed, so a failure can be undone inside the command (notes §3)."""

    def __init__(self, doc: Any):
        self.doc = doc
        self.start = RhinoObject.NextRuntimeSerialNumber
        self.deleted = []  # type: List[Any]  # (runtime serial, id) of pre-existing objects deleted
        self.layers_added = []  # type: List[int]
        self.layers_changed = {}  # type: Dict[int, Any]  # index -> the layer as it was first
        self.layers_deleted = []  # type: List[int]
        # one bound-method object each, so `-=` removes exactly what `+=` added
        self._delete_handler, self._layer_handler = self._on_delete, self._on_layer
        Rhino.RhinoDoc.DeleteRhinoObject += self._delete_handler
        Rhino.RhinoDoc.LayerTableEvent += self._layer_handler

    def _on_delete(self, sender: Any, e: Any) -> None:
        obj = e.TheObject
        if obj.Document is not None and obj.Document.RuntimeSerialNumber == self.doc.RuntimeSerialNumber \
                and obj.RuntimeSerialNumber < self.start:
            self.deleted.append((obj.RuntimeSerialNumber, obj.Id))

    def _on_layer(self, sender: Any, e: Any) -> None:
        if e.Document is None or e.Document.RuntimeSerialNumber != self.doc.RuntimeSerialNumber:
            return
        if e.EventType == LayerTableEventType.Added:
            self.layers_added.append(e.LayerIndex)
        elif e.EventType == LayerTableEventType.Modified and e.LayerIndex not in self.layers_added:
            self.layers_changed.setdefault(e.LayerIndex, e.OldState)
        elif e.EventType == LayerTableEventType.Deleted and e.LayerIndex not in self.layers_added:
            self.layers_deleted.append(e.LayerIndex)

    def close(self) -> None:
        Rhino.RhinoDoc.DeleteRhinoObject -= self._delete_handler
        Rhino.RhinoDoc.LayerTableEvent -= self._layer_handler

    def created(self) -> List[Any]:
        """Objects the attempt added that are still in the document."""
        out = []
        for serial in range(self.start, RhinoObject.NextRuntimeSerialNumber):
            obj = self.doc.Objects.Find(serial)
            if obj is not None and not obj.IsDeleted:
                out.append(obj)
        return out

    def changes(self) -> Dict[str, List[str]]:
        """created / modified (replaced: same id, new object) / deleted ids, as strings."""
        new_ids = [str(o.Id) for o in self.created()]
        gone = [str(i) for _, i in self.deleted]
        return {"created": [i for i in new_ids if i not in gone], "modified": [i for i in new_ids if i in gone],
                "deleted": [i for i in gone if i not in new_ids]}

    def rollback(self) -> None:
        self.close()
        for obj in self.created():
            self.doc.Objects.Delete(obj, True)
        for serial, _ in self.deleted:
            self.doc.Objects.Undelete(serial)
        for index in self.layers_deleted:
            self.doc.Layers.Undelete(index)
        for index, old in self.layers_changed.items():
            self.doc.Layers.Modify(old, index, True)
        for index in reversed(self.layers_added):
            self.doc.Layers.Delete(index, True)


# -- the host -----------------------------------------------------------------------------------------------


class RhinoHost(object):
    """The Host protocol on one Rhino document (by runtime serial number; the doc may close)."""

    name = "rhino"

    def __init__(self, doc: Any = None):
        doc = doc or Rhino.RhinoDoc.ActiveDoc
        self.doc_serial = doc.RuntimeSerialNumber
        self._last_record = 0  # undo record serial of the newest successful attempt
        self._escape = False

    @property
    def doc(self) -> Any:
        doc = Rhino.RhinoDoc.FromRuntimeSerialNumber(self.doc_serial)
        if doc is None:
            raise HostBusyError("the document this panel belongs to was closed")
        return doc

    # Host protocol
    def context(self) -> Dict[str, Any]:
        return on_ui(lambda: describe_document(self.doc))

    def busy_reason(self) -> Optional[str]:
        """Why a run cannot start now, or None (the panel asks before sending)."""
        return on_ui(self._busy_reason)

    def run(self, code: str, timeout: float = 30.0, cancel: Optional[CancelCheck] = None) -> RunResult:
        global _pending
        if not Rhino.RhinoApp.InvokeRequired:  # the UI thread would wait for itself
            raise HostBusyError("RhinoHost.run must be called from a worker thread, not Rhino's UI thread")
        reason = self.busy_reason()
        if reason:
            raise HostBusyError(reason)
        job = _Job(self, code, timeout, cancel)
        with _pending_lock:
            if _pending is not None:
                raise HostBusyError("another RhinoCoder script is waiting to run")
            _pending = job
        post_to_ui(lambda: Rhino.RhinoApp.RunScript(EXEC_COMMAND, False))
        # The command normally starts at once; a user who started another command first wins.
        if not job.started.wait(UI_WAIT):
            with _pending_lock:
                if _pending is job:
                    _pending = None
            if not job.started.is_set():
                raise HostBusyError("Rhino did not start RhinoCoderExec (another command running?)")
        job.done.wait()
        return job.result or RunResult(ok=False, error=ScriptError("InternalError", "no result"))

    def can_undo_last(self) -> bool:
        """Only while the newest successful attempt is still the newest undo record [inferred]."""
        return on_ui(self._can_undo)

    def undo_last(self) -> bool:
        def undo() -> bool:
            if not self._can_undo() or Command.InCommand():
                return False
            self._last_record = 0
            return bool(self.doc.Undo())
        return bool(on_ui(undo))

    # on the UI thread
    def _busy_reason(self) -> Optional[str]:
        if Command.InCommand():
            return "Rhino is running a command; finish or cancel it, then try again."
        return None

    def _can_undo(self) -> bool:
        return self._last_record != 0 and self.doc.NextUndoRecordSerialNumber == self._last_record + 1

    def _execute(self, doc: Any, job: _Job) -> RunResult:
        """Inside RhinoCoderExec: journal, redraw off, Escape and pump, run, commit or roll back."""
        self._escape = False
        last_pump = [time.monotonic()]

        def on_escape(sender: Any, e: Any) -> None:
            self._escape = True

        def cancelled() -> bool:  # called on this (UI) thread by the runner about every 50 ms
            now = time.monotonic()
            if now - last_pump[0] >= PUMP_EVERY:
                last_pump[0] = now
                Rhino.RhinoApp.Wait()  # keeps Rhino responsive and lets Escape through
            return self._escape or (job.cancel is not None and job.cancel())

        scriptcontext.doc = doc
        selected = [o.Id for o in doc.Objects.GetSelectedObjects(False, False)]
        journal = AttemptJournal(doc)
        Rhino.RhinoApp.EscapeKeyPressed += on_escape
        doc.Views.RedrawEnabled = False
        try:
            outcome = run_script(job.code, filename="<RhinoCoder>", globals={"SELECTED_IDS": selected},
                                 timeout=job.timeout, cancel=cancelled)
            if outcome.ok:
                journal.close()
                changes = journal.changes()
                self._last_record = doc.CurrentUndoRecordSerialNumber
            else:
                journal.rollback()
                changes = {"created": [], "modified": [], "deleted": []}
        except BaseException:
            journal.rollback()
            raise
        finally:
            Rhino.RhinoApp.EscapeKeyPressed -= on_escape
            doc.Views.RedrawEnabled = True
            doc.Views.Redraw()
        return RunResult(ok=outcome.ok, stdout=outcome.stdout, error=outcome.error, created=changes["created"],
                         modified=changes["modified"], deleted=changes["deleted"],
                         object_count=doc.Objects.Count, seconds=outcome.seconds)


# -- describing the document (plain data for prompt.context_block) ----------------------------------------


def _num(x: float) -> float:
    return float("%.6g" % x) if math.isfinite(x) else x


def _pt(p: Any) -> List[float]:
    return [_num(p.X), _num(p.Y), _num(p.Z)]


def type_name(obj: Any) -> str:
    """The name Rhino's UI uses for an object's type (as the headless host)."""
    g = obj.Geometry
    if isinstance(g, Rhino.Geometry.Brep):
        return "Surface" if g.Faces.Count == 1 else ("Closed Polysurface" if g.IsSolid else "Polysurface")
    names = {ObjectType.Point: "Point", ObjectType.PointSet: "PointCloud", ObjectType.Curve: "Curve",
             ObjectType.Surface: "Surface", ObjectType.Extrusion: "Extrusion", ObjectType.Mesh: "Mesh",
             ObjectType.TextDot: "TextDot", ObjectType.SubD: "SubD", ObjectType.Hatch: "Hatch",
             ObjectType.Annotation: "Annotation", ObjectType.InstanceReference: "Block",
             ObjectType.Light: "Light"}
    return names.get(obj.ObjectType, "Object")


def _facts(g: Any) -> Dict[str, Any]:
    G = Rhino.Geometry
    if isinstance(g, G.Point):
        return {"location": _pt(g.Location)}
    if isinstance(g, G.PointCloud):
        return {"points": g.Count}
    if isinstance(g, G.Curve):
        shape = ("line" if g.IsLinear() else "circle" if g.IsCircle() else "arc" if g.IsArc()
                 else "polyline" if g.IsPolyline() else "nurbs")
        return {"closed": bool(g.IsClosed), "degree": int(g.Degree), "planar": bool(g.IsPlanar()),
                "shape": shape, "length": _num(g.GetLength()), "start": _pt(g.PointAtStart),
                "end": _pt(g.PointAtEnd)}
    if isinstance(g, G.Mesh):
        return {"vertices": g.Vertices.Count, "faces": g.Faces.Count, "closed": bool(g.IsClosed)}
    if isinstance(g, G.Brep):
        return {"faces": g.Faces.Count, "solid": bool(g.IsSolid)}
    if isinstance(g, G.Extrusion):
        return {"solid": bool(g.IsSolid)}
    if isinstance(g, G.TextDot):
        return {"text": g.Text, "location": _pt(g.Point)}
    return {}


def describe(doc: Any, obj: Any) -> Dict[str, Any]:
    """id, type, layer, name, bbox and the key facts of one object (never raises)."""
    info = {"id": str(obj.Id), "type": type_name(obj), "layer": doc.Layers[obj.Attributes.LayerIndex].FullPath,
            "name": obj.Attributes.Name or ""}  # type: Dict[str, Any]
    try:
        box = obj.Geometry.GetBoundingBox(True)
        if box.IsValid:
            info["bbox"] = [_pt(box.Min), _pt(box.Max)]
        info.update(_facts(obj.Geometry))
    except Exception:  # a fact we cannot compute is left out, never fatal
        pass
    strings = obj.Attributes.GetUserStrings()
    if strings is not None and strings.Count:
        info["user_text"] = {k: strings[k] for k in strings.AllKeys}
    return info


def describe_document(doc: Any) -> Dict[str, Any]:
    """The Host.context() shape (hosts/base.py) for a RhinoDoc; call on the UI thread."""
    counts = {}  # type: Dict[str, int]
    per_layer = {}  # type: Dict[int, int]
    for obj in doc.Objects:
        t = type_name(obj)
        counts[t] = counts.get(t, 0) + 1
        per_layer[obj.Attributes.LayerIndex] = per_layer.get(obj.Attributes.LayerIndex, 0) + 1
    selected = list(doc.Objects.GetSelectedObjects(False, False))
    summary = {}  # type: Dict[str, int]
    for obj in selected[DETAILED_SELECTION:]:
        t = type_name(obj)
        summary[t] = summary.get(t, 0) + 1
    current = doc.Layers.CurrentLayerIndex
    layers = [{"path": layer.FullPath, "color": [layer.Color.R, layer.Color.G, layer.Color.B],
               "visible": bool(layer.IsVisible), "locked": bool(layer.IsLocked),
               "objects": per_layer.get(layer.Index, 0), "current": layer.Index == current}
              for layer in doc.Layers if not layer.IsDeleted]
    return {"units": str(doc.ModelUnitSystem), "tolerance": doc.ModelAbsoluteTolerance,
            "angle_tolerance": doc.ModelAngleToleranceDegrees,
            "selection": {"count": len(selected), "objects": [describe(doc, o) for o in selected[:DETAILED_SELECTION]],
                          "summary": summary},
            "layers": layers, "counts": counts, "object_count": sum(counts.values())}


__all__ = ["AttemptJournal", "HostBusyError", "RhinoHost", "describe_document", "execute_pending", "on_ui",
           "post_to_ui"]
