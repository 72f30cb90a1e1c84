"""The RhinoCommon host: the Host protocol inside Rhino 8 (CPython 3.9). Rhino-only module.

- `context()` describes the document and selection (rhino8-plugin-notes §5) as plain data;
  `selection()` only the selection, bounded (the panel's chip after every selection change).
- `run(code)` hands the script to the hidden `RhinoCoderExec` command and waits: each attempt
  runs on the UI thread inside a command (command context, Escape), in its own undo record. A
  failed attempt is rolled back by Rhino's own Undo of exactly that record once the command has
  returned, only while no undo record was constructed since it began (`Attempt`), so every table
  a script can touch comes back; the settings Undo is not documented to restore are put back.
- A run is refused while another command is active (`Command.InCommand()`); work that starts
  inside a command (the scripted `-RhinoCoder "request"`) waits for `after_command()`: the next
  RhinoApp.Idle with no command running.
- The document is resolved on every call (`document()`): a host made without a document (the
  bridge) follows RhinoDoc.ActiveDoc, so File > New or File > Open never strands it.
- "Undo turn" (and a rollback) happens only for an attempt that changed the document: Rhino drops
  an empty undo record but still consumes its serial number, so Undo would take the user's
  previous command.
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

from rhino_plugin.core.runner import run_script
from rhino_plugin.core import host as base
from rhino_plugin.core.host import CancelCheck, RunResult, ScriptError, summarise_selection

EXEC_COMMAND = "_RhinoCoderExec"
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
        self.attempt = None  # type: Optional[Attempt]  # set once the script is about to run
        self.refused = None  # type: Optional[HostBusyError]  # nothing ran, for this reason
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
    except HostBusyError as exc:
        job.refused = exc
    except Exception as exc:  # a bug of ours: reported as a failed attempt, which is undone like any other
        job.result = RunResult(ok=False, error=ScriptError(type(exc).__name__, str(exc)))
    finally:
        job.done.set()
    return True


# -- one attempt: what it changed, and its rollback through Rhino's own Undo -----------------------------


class RollbackError(base.RollbackError):
    """A failed attempt could not be undone; the message says what is left and what to do."""


def subscribe(owner: Any, handlers: Dict[str, Callable[[Any, Any], None]], on: bool) -> None:
    """`owner.Event += handler` (on) or `-=` (off) for each name -> handler: the same getattr,
    __iadd__/__isub__ and setattr that Python's augmented assignment does on a .NET event."""
    for name, handler in handlers.items():
        event = getattr(owner, name)
        setattr(owner, name, event.__iadd__(handler) if on else event.__isub__(handler))


# The document events that mean Rhino wrote something into the open undo record (besides
# DeleteRhinoObject, which ChangeWatch reads itself).
CHANGE_EVENTS = ("AddRhinoObject", "ReplaceRhinoObject", "UndeleteRhinoObject", "ModifyObjectAttributes",
                 "LayerTableEvent", "MaterialTableEvent", "GroupTableEvent", "InstanceDefinitionTableEvent",
                 "LinetypeTableEvent", "DimensionStyleTableEvent", "LightTableEvent", "HatchPatternTableEvent")


def _watch_changes(handler: Callable[[Any, Any], None], on: bool) -> None:
    """(Un)subscribe `handler` to CHANGE_EVENTS. An attempt that raised none of them leaves an
    empty record, and Rhino does not keep it: "the undo record is not saved if nothing changes in
    the document" (mcneel/rhino-developer-samples cs/ex_customundo.cs)."""
    subscribe(Rhino.RhinoDoc, dict.fromkeys(CHANGE_EVENTS, handler), on)


class ChangeWatch(object):
    """What one attempt changed, from the events Rhino raises while it runs: whether its undo
    record will be kept, and the objects it created, replaced and deleted (a runtime-serial
    watermark plus DeleteRhinoObject, as rhinoscriptsyntax's LastCreatedObjects; notes §3).
    It restores nothing: a failed attempt is undone by Rhino's Undo (`Attempt`)."""

    def __init__(self, doc: Any):
        self.doc = doc
        self.start = RhinoObject.NextRuntimeSerialNumber
        self.deleted = []  # type: List[Any]  # (runtime serial, id) of pre-existing objects deleted
        self.events = 0  # document changes seen (any kind): 0 means Rhino keeps no undo record
        # one bound-method object each, so `-=` removes exactly what `+=` added
        self._delete_handler, self._change_handler = self._on_delete, self._on_change
        Rhino.RhinoDoc.DeleteRhinoObject += self._delete_handler
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

    def close(self) -> None:
        Rhino.RhinoDoc.DeleteRhinoObject -= self._delete_handler
        _watch_changes(self._change_handler, False)

    def changed(self) -> bool:
        """Whether the attempt changed the document, i.e. whether its undo record will be kept."""
        return bool(self.events or self.deleted or self.created())

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


def _settings(doc: Any) -> Dict[str, Any]:
    """Document state a script can change that Rhino's Undo is not documented to restore: units,
    tolerances, the current layer, named views. Compared (and put back) after the undo."""
    return {"units": doc.ModelUnitSystem, "tolerance": doc.ModelAbsoluteTolerance,
            "angle": doc.ModelAngleToleranceDegrees, "layer": doc.Layers.CurrentLayerIndex,
            "views": [view.Name for view in doc.NamedViews]}


def _restore_settings(doc: Any, before: Dict[str, Any]) -> List[str]:
    """Put back what `_settings` saw before the attempt, where the undo did not; returns what could
    not be put back (a named view the attempt deleted or changed)."""
    now = _settings(doc)
    if now["units"] != before["units"]:
        doc.ModelUnitSystem = before["units"]
    if now["tolerance"] != before["tolerance"]:
        doc.ModelAbsoluteTolerance = before["tolerance"]
    if now["angle"] != before["angle"]:
        doc.ModelAngleToleranceDegrees = before["angle"]
    if now["layer"] != before["layer"]:
        doc.Layers.SetCurrentLayerIndex(before["layer"], True)
    for name in [v for v in now["views"] if v not in before["views"]]:
        doc.NamedViews.Delete(name)
    return ["named view %r" % v for v in before["views"] if v not in now["views"]]


class Attempt(object):
    """One attempt in its own undo record (`record`, its serial number), what it changed, and the
    rollback of a failure by Rhino's own Undo of exactly that record, once its command returned:

    - the record exists only if the attempt changed the document ("the undo record is not saved
      if nothing changes in the document", ex_customundo): an attempt that changed nothing Rhino
      announces has nothing to undo, and Undo is never called for it (it would undo the record
      before, the user's);
    - the newest record is this one only while no undo record was constructed since it began:
      NextUndoRecordSerialNumber ("the serial number that will be assigned to the next undo record
      that is constructed") is what it was then (`next_serial`, read inside the record); a nested
      command's record or a later command's changes it, and the rollback refuses;
    - while the record is still open, `fail()` adds a custom undo event to it (McNeel's custom-undo
      sample, https://developer.rhino3d.com/samples/rhinocommon/custom-undo/), which Undo calls:
      proof that the record undone was this one;
    - after the Undo, the redo record is forgotten (ClearRedoRecords: Redo must not bring a failed
      attempt back), the document settings Undo is not documented to restore are compared and put
      back (`_settings`), and no object the attempt added may be left.
    What cannot be done is a RollbackError saying so, never an undo of someone else's work."""

    def __init__(self, doc: Any, record: int):
        self.doc_serial = doc.RuntimeSerialNumber
        self.record = record
        self.next_serial = doc.NextUndoRecordSerialNumber  # inside the record: ours is already constructed
        self.settings = _settings(doc)
        self.watch = ChangeWatch(doc)
        self.marked = False  # our custom undo event is in the record
        self.undone = []  # type: List[int]  # what Undo passed our custom undo event (UndoSerialNumber)

    def fail(self, doc: Any) -> None:
        """The attempt failed (its record is still open): mark the record, if Rhino will keep it."""
        self.watch.close()
        if self.watch.changed():
            handler = System.EventHandler[Rhino.Commands.CustomUndoEventArgs](self._on_undo)
            self.marked = bool(doc.AddCustomUndoEvent("RhinoCoder: failed attempt", handler))

    def _on_undo(self, sender: Any, e: Any) -> None:
        # "NEVER change any setting in the Rhino document or application" here (McNeel's sample)
        self.undone.append(e.UndoSerialNumber)

    def undo(self) -> None:
        """On the UI thread, after the attempt's command returned (see RhinoHost._roll_back)."""
        doc = Rhino.RhinoDoc.FromRuntimeSerialNumber(self.doc_serial)
        if doc is None:
            return  # the document closed: nothing is left to restore
        if self.watch.changed():  # the record exists
            if doc.UndoRecordingIsActive or doc.NextUndoRecordSerialNumber != self.next_serial:
                raise RollbackError("the failed attempt was not undone: Rhino made another undo record after "
                                    "it, so the newest one is not RhinoCoder's; use Rhino's Undo to remove it")
            if not doc.Undo():
                raise RollbackError("the failed attempt was not undone: Rhino's Undo refused; use Undo")
            if self.marked and not self.undone:
                raise RollbackError("Rhino's Undo did not undo the failed attempt's record (%d)" % self.record)
            doc.ClearRedoRecords()
        left = _restore_settings(doc, self.settings)
        if self.watch.created():
            left.append("%d object(s) it added" % len(self.watch.created()))
        if left:
            raise RollbackError("the failed attempt was undone but not all of it (still changed: %s); check the "
                                "document" % ", ".join(left))


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
        self._last_doc = None  # type: Optional[int]  # ...the document that record belongs to
        self._last_next = 0  # ...and NextUndoRecordSerialNumber while it was recorded (see Attempt)
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

    def selection(self) -> Dict[str, Any]:
        """Only the selection part of context(), bounded (the panel's chip after a selection change)."""
        return on_ui(lambda: describe_selection(self.doc))

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
        if job.refused is not None:
            raise job.refused
        result = job.result or RunResult(ok=False, error=ScriptError("InternalError", "no result"))
        if job.attempt is not None and not result.ok:
            self._roll_back(job.attempt)
        return result

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
        if not mine.UndoRecordingEnabled:
            return ("Rhino's undo recording is off for this document; RhinoCoder runs a script only where "
                    "Rhino can undo a failed attempt.")
        return None

    def _can_undo(self) -> bool:
        """The record exists (the attempt changed something: Rhino keeps no empty record, though it
        still consumes the serial number) and no record was constructed since it began
        (NextUndoRecordSerialNumber unchanged, as for a failed attempt: see Attempt)."""
        if self._last_record == 0:
            return False
        doc = self.doc
        return doc.RuntimeSerialNumber == self._last_doc and doc.NextUndoRecordSerialNumber == self._last_next

    def _roll_back(self, attempt: Attempt) -> None:
        """Undo a failed attempt once its command has returned: on the UI thread, when no command
        runs (a record can be undone only after it was closed). Waits; RollbackError if it cannot."""
        done = threading.Event()
        box = {}  # type: Dict[str, Any]

        def undo() -> None:
            try:
                attempt.undo()
            except Exception as exc:  # handed to the worker, never raised into Rhino
                box["error"] = exc
            finally:
                done.set()

        post_to_ui(lambda: after_command(undo) if Command.InCommand() else undo())
        if not done.wait(UI_WAIT):
            raise RollbackError("Rhino did not become idle within %.0f s to undo the failed attempt; use Undo"
                                % UI_WAIT)
        if "error" in box:
            raise box["error"]

    def _execute(self, doc: Any, job: _Job) -> RunResult:
        """Inside RhinoCoderExec: its own undo record, redraw off, Escape and pump, run; a failure is
        marked in the record for `_roll_back`, which undoes it once the command has returned."""
        if doc.RuntimeSerialNumber != self.doc.RuntimeSerialNumber:  # the context described another document
            return RunResult(ok=False, error=ScriptError("DocumentChanged", "the active document changed before "
                                                         "the script ran; nothing was run"))
        # BeginUndoRecord "returns 0 if record is not started because undo information is already being
        # recorded": inside RhinoCoderExec the command's own record is the attempt's record.
        own = doc.BeginUndoRecord("RhinoCoder attempt")
        try:
            record = own or doc.CurrentUndoRecordSerialNumber
            if not record:
                raise HostBusyError("Rhino is not recording undo here; RhinoCoder runs a script only where "
                                    "Rhino can undo a failed attempt.")
            return self._run_in_record(doc, job, record)
        finally:
            if own:
                doc.EndUndoRecord(own)

    def _run_in_record(self, doc: Any, job: _Job, record: int) -> RunResult:
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
        attempt = job.attempt = Attempt(doc, record)
        Rhino.RhinoApp.EscapeKeyPressed += on_escape
        doc.Views.RedrawEnabled = False
        try:
            outcome = run_script(job.code, filename="<RhinoCoder>", globals={"SELECTED_IDS": selected},
                                 timeout=job.timeout, cancel=cancelled)
            if outcome.ok:
                attempt.watch.close()
                changes = attempt.watch.changes()
                # an attempt that changed nothing has no undo record to undo: never offer Rhino's Undo
                self._last_record = record if attempt.watch.changed() else 0
                self._last_doc, self._last_next = doc.RuntimeSerialNumber, attempt.next_serial
            else:
                attempt.fail(doc)
                changes = {"created": [], "modified": [], "deleted": []}
        except BaseException:
            attempt.fail(doc)
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


_KINDS = {ObjectType.Point: "Point", ObjectType.PointSet: "PointCloud", ObjectType.Curve: "Curve",
          ObjectType.Surface: "Surface", ObjectType.Brep: "Polysurface", ObjectType.Extrusion: "Extrusion",
          ObjectType.Mesh: "Mesh", ObjectType.TextDot: "TextDot", ObjectType.SubD: "SubD",
          ObjectType.Hatch: "Hatch", ObjectType.Annotation: "Annotation", ObjectType.InstanceReference: "Block",
          ObjectType.Light: "Light"}


def kind(obj: Any) -> str:
    """The type name from ObjectType alone (no geometry read): a polysurface is not told closed."""
    return _KINDS.get(obj.ObjectType, "Object")


def type_name(obj: Any) -> str:
    """The name Rhino's UI uses for an object's type (as the headless host)."""
    g = obj.Geometry
    if isinstance(g, Rhino.Geometry.Brep):
        return "Surface" if g.Faces.Count == 1 else ("Closed Polysurface" if g.IsSolid else "Polysurface")
    return kind(obj)


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


def describe_selection(doc: Any) -> Dict[str, Any]:
    """The selection part of describe_document, bounded (core/host.py summarise_selection): only
    the selected objects are visited, and only the first ones are read closely. UI thread."""
    return summarise_selection(doc.Objects.GetSelectedObjects(False, False), lambda obj: describe(doc, obj),
                               type_name, kind)


def describe_document(doc: Any) -> Dict[str, Any]:
    """The Host.context() shape (core/host.py) for a RhinoDoc; call on the UI thread."""
    counts = {}  # type: Dict[str, int]
    per_layer = {}  # type: Dict[int, int]
    for obj in doc.Objects:
        t = type_name(obj)
        counts[t] = counts.get(t, 0) + 1
        per_layer[obj.Attributes.LayerIndex] = per_layer.get(obj.Attributes.LayerIndex, 0) + 1
    current = doc.Layers.CurrentLayerIndex
    layers = [{"path": layer.FullPath, "color": [layer.Color.R, layer.Color.G, layer.Color.B],
               "visible": bool(layer.IsVisible), "locked": bool(layer.IsLocked),
               "objects": per_layer.get(layer.Index, 0), "current": layer.Index == current}
              for layer in doc.Layers if not layer.IsDeleted]
    return {"units": str(doc.ModelUnitSystem), "tolerance": doc.ModelAbsoluteTolerance,
            "angle_tolerance": doc.ModelAngleToleranceDegrees,
            "selection": describe_selection(doc), "layers": layers, "counts": counts,
            "object_count": sum(counts.values())}


__all__ = ["Attempt", "ChangeWatch", "HostBusyError", "RhinoHost", "RollbackError", "after_command",
           "describe_document", "describe_selection", "document", "execute_pending", "on_ui", "post_to_ui"]
