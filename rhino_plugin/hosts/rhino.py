"""The RhinoCommon host: the Host protocol inside Rhino 8 (CPython 3.9). Rhino-only module.

- `context()` describes the document and selection (rhino8-plugin-notes §5) as plain data.
- `run(code)` hands the script to the hidden `RhinoCoderExec` command and waits: each attempt
  runs on the UI thread inside a command (command context, Escape, one undo record). A per-attempt
  journal (runtime-serial watermark + deleted objects + layer changes) rolls a failed attempt back,
  so a failed attempt leaves nothing behind and its empty undo record is dropped by Rhino.
- A run is refused while another command is active (`Command.InCommand()`); work that starts
  inside a command (the scripted `-RhinoCoder "request"`) waits for `after_command()`: the next
  RhinoApp.Idle with no command running.
- The document is resolved on every call (`document()`): a host made without a document (the
  bridge) follows RhinoDoc.ActiveDoc, so File > New or File > Open never strands it.
- "Undo turn" is offered only for an attempt that changed the document: Rhino drops an empty
  undo record but still consumes its serial number, so the serial-number guard alone would undo
  the user's previous command.
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


def after_command(fn: Callable[[], None]) -> None:
    """Run `fn` on the UI thread once Rhino is idle with no command running (one-shot).

    `-RhinoCoder "request"` runs inside the RhinoCoder command, where Command.InCommand() is true
    and every run would be refused; RhinoApp.Idle ("occurs when the application finishes
    processing and is about to enter the idle state", RhinoCommon docs) comes after the command
    returns. The handler removes itself before calling `fn`, so it runs once."""
    def on_idle(sender: Any, e: Any) -> None:
        if Command.InCommand():  # Idle can come while a command waits for input: wait for the next one
            return
        Rhino.RhinoApp.Idle -= on_idle
        try:
            fn()
        except Exception as exc:
            Rhino.RhinoApp.WriteLine("RhinoCoder: %s: %s" % (type(exc).__name__, exc))
    Rhino.RhinoApp.Idle += on_idle


def document(serial: Optional[int] = None) -> Any:
    """The open document with runtime serial `serial`, else the active document.

    On Windows one Rhino window shows one document at a time: File > New and File > Open close
    the old document (it gets a new runtime serial number), so anything that outlives a document
    (a recycled panel, the bridge, a floating form) asks again on every call."""
    doc = Rhino.RhinoDoc.FromRuntimeSerialNumber(serial) if serial else None
    doc = doc or Rhino.RhinoDoc.ActiveDoc
    if doc is None:
        raise HostBusyError("no document is open in Rhino")
    return doc


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


def _watch_changes(handler: Callable[[Any, Any], None], on: bool) -> None:
    """(Un)subscribe `handler` to the document events that mean Rhino wrote something into the open
    undo record (besides DeleteRhinoObject and LayerTableEvent, which the journal reads itself). An
    attempt that raised none of them leaves an empty record, and Rhino does not keep it: "the undo
    record is not saved if nothing changes in the document" (mcneel/rhino-developer-samples
    cs/ex_customundo.cs)."""
    D = Rhino.RhinoDoc
    if on:
        D.AddRhinoObject += handler
        D.ReplaceRhinoObject += handler
        D.UndeleteRhinoObject += handler
        D.ModifyObjectAttributes += handler
        D.MaterialTableEvent += handler
        D.GroupTableEvent += handler
        D.InstanceDefinitionTableEvent += handler
        D.LinetypeTableEvent += handler
        D.DimensionStyleTableEvent += handler
    else:
        D.AddRhinoObject -= handler
        D.ReplaceRhinoObject -= handler
        D.UndeleteRhinoObject -= handler
        D.ModifyObjectAttributes -= handler
        D.MaterialTableEvent -= handler
        D.GroupTableEvent -= handler
        D.InstanceDefinitionTableEvent -= handler
        D.LinetypeTableEvent -= handler
        D.DimensionStyleTableEvent -= handler


class AttemptJournal(object):
    """What one attempt changed, so a failure can be undone inside the command (notes §3)."""

    def __init__(self, doc: Any):
        self.doc = doc
        self.start = RhinoObject.NextRuntimeSerialNumber
        self.deleted = []  # type: List[Any]  # (runtime serial, id) of pre-existing objects deleted
        self.layers_added = []  # type: List[int]
        self.layers_changed = {}  # type: Dict[int, Any]  # index -> the layer as it was first
        self.layers_deleted = []  # type: List[int]
        self.events = 0  # document changes seen (any kind): 0 means Rhino keeps no undo record
        # one bound-method object each, so `-=` removes exactly what `+=` added
        self._delete_handler, self._layer_handler, self._change_handler = self._on_delete, self._on_layer, \
            self._on_change
        Rhino.RhinoDoc.DeleteRhinoObject += self._delete_handler
        Rhino.RhinoDoc.LayerTableEvent += self._layer_handler
        _watch_changes(self._change_handler, True)

    def _on_change(self, sender: Any, e: Any) -> None:
        # table and attribute events carry Document; object events carry TheObject (RhinoObjectEventArgs)
        doc = getattr(e, "Document", None)
        if doc is None and getattr(e, "TheObject", None) is not None:
            doc = e.TheObject.Document
        if doc is not None and doc.RuntimeSerialNumber == self.doc.RuntimeSerialNumber:
            self.events += 1  # an event we cannot place is not counted: "changed" must never be a guess

    def _on_delete(self, sender: Any, e: Any) -> None:
        obj = e.TheObject
        if obj.Document is not None and obj.Document.RuntimeSerialNumber == self.doc.RuntimeSerialNumber:
            self.events += 1
            if obj.RuntimeSerialNumber < self.start:
                self.deleted.append((obj.RuntimeSerialNumber, obj.Id))

    def _on_layer(self, sender: Any, e: Any) -> None:
        if e.Document is None or e.Document.RuntimeSerialNumber != self.doc.RuntimeSerialNumber:
            return
        self.events += 1
        if e.EventType == LayerTableEventType.Added:
            self.layers_added.append(e.LayerIndex)
        elif e.EventType == LayerTableEventType.Modified and e.LayerIndex not in self.layers_added:
            self.layers_changed.setdefault(e.LayerIndex, e.OldState)
        elif e.EventType == LayerTableEventType.Deleted and e.LayerIndex not in self.layers_added:
            self.layers_deleted.append(e.LayerIndex)

    def close(self) -> None:
        Rhino.RhinoDoc.DeleteRhinoObject -= self._delete_handler
        Rhino.RhinoDoc.LayerTableEvent -= self._layer_handler
        _watch_changes(self._change_handler, False)

    def changed(self) -> bool:
        """Whether the attempt changed the document, i.e. whether its undo record will be kept."""
        return bool(self.events or self.created() or self.deleted or self.layers_added or self.layers_changed
                    or self.layers_deleted)

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
    """The Host protocol on one Rhino document, or (made without one) on whichever is active.

    `RhinoHost(doc)` keeps to `doc` (a panel's conversation belongs to its document) and refuses
    once it is closed; `RhinoHost()` resolves RhinoDoc.ActiveDoc on every call (the bridge, which
    outlives File > New and File > Open)."""

    name = "rhino"

    def __init__(self, doc: Any = None):
        self.doc_serial = doc.RuntimeSerialNumber if doc is not None else None  # None: the active document
        self._last_record = 0  # undo record serial of the newest successful attempt that changed something
        self._last_doc = None  # type: Optional[int]  # ...and the document that record belongs to
        self._escape = False

    @property
    def doc(self) -> Any:
        if self.doc_serial is None:
            return document()
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
        """Only while the newest successful attempt's undo record exists and is still the newest."""
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
        try:
            mine, active = self.doc, document()
        except HostBusyError as exc:  # this document was closed, or none is open
            return str(exc)
        if mine.RuntimeSerialNumber != active.RuntimeSerialNumber:  # RunScript runs in the active one
            return "This conversation's document is not the active one; switch to its window first."
        return None

    def _can_undo(self) -> bool:
        """The record exists (the attempt changed something: Rhino keeps no empty record, though it
        still consumes the serial number) and nothing has made a record since [inferred: serial
        numbers are handed out one by one, RhinoDoc.NextUndoRecordSerialNumber]."""
        if self._last_record == 0:
            return False
        doc = self.doc
        return doc.RuntimeSerialNumber == self._last_doc and doc.NextUndoRecordSerialNumber == self._last_record + 1

    def _execute(self, doc: Any, job: _Job) -> RunResult:
        """Inside RhinoCoderExec: journal, redraw off, Escape and pump, run, commit or roll back."""
        if doc.RuntimeSerialNumber != self.doc.RuntimeSerialNumber:  # the context described another document
            return RunResult(ok=False, error=ScriptError("DocumentChanged", "the active document changed before "
                                                         "the script ran; nothing was run"))
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
                # an attempt that changed nothing has no undo record to undo: never offer Rhino's Undo
                self._last_record = doc.CurrentUndoRecordSerialNumber if journal.changed() else 0
                self._last_doc = doc.RuntimeSerialNumber
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


__all__ = ["AttemptJournal", "HostBusyError", "RhinoHost", "after_command", "describe_document", "document",
           "execute_pending", "on_ui", "post_to_ui"]
