"""A minimal fake of Rhino itself (RhinoCommon, scriptcontext, System, Eto, the C# panel host) for
importing hosts/rhino.py, hosts/bridge_rhino.py, ui/panel_view.py and ui/form_fallback.py.

Only what those modules touch, with Rhino's documented behaviour (sources cited where each
behaviour is defined): runtime serial numbers that only grow, delete/undelete with
DeleteRhinoObject events, layer-table events carrying the old state, one UI thread fed by
InvokeOnUiThread that raises RhinoApp.Idle when it runs out of work, RunScript of a command with
InCommand() true while it runs, undo records with serial numbers where an empty record is
dropped and every table a script can touch is recorded (objects, attributes, layers, the current
layer, groups, materials, block definitions, named views, units), custom undo events, documents
that close and open (File > New, File > Open) with new serial numbers and the document events
Rhino raises, and the panel system (RegisterPanel/OpenPanel/ClosePanel, Show and
Closed events) in both instance policies. Every RhinoCommon name it defines exists in RhinoCommon 8
(checked by test_rhino_host.py against the API index). Lower-case members are test controls.
"""
import copy
import queue
import threading
import types
import uuid


class Event(object):
    """A .NET event: `+=` / `-=` handlers, fired with (sender, args). `handlers` is what is
    subscribed now, so a test can assert that a module removed what it added. Removing a handler
    that is not subscribed does nothing, as .NET's Delegate.Remove
    (https://learn.microsoft.com/dotnet/api/system.delegate.remove)."""

    def __init__(self):
        self.handlers = []
        self._lock = threading.Lock()

    def __iadd__(self, handler):
        with self._lock:
            self.handlers.append(handler)
        return self

    def __isub__(self, handler):
        with self._lock:
            if handler in self.handlers:
                self.handlers.remove(handler)
        return self

    def fire(self, sender, args):
        with self._lock:
            handlers = list(self.handlers)
        for handler in handlers:
            handler(sender, args)


class Args(object):
    def __init__(self, **kw):
        self.__dict__.update(kw)


class Point3d(object):
    def __init__(self, x, y, z):
        self.X, self.Y, self.Z = x, y, z


class BoundingBox(object):
    def __init__(self, lo, hi):
        self.Min, self.Max, self.IsValid = lo, hi, True


class GeometryBase(object):
    pass


class Transform(object):
    """Rhino.Geometry.Transform: only Translation(dx, dy, dz)."""

    def __init__(self, dx, dy, dz):
        self.offset = (dx, dy, dz)

    @staticmethod
    def Translation(dx, dy, dz):
        return Transform(dx, dy, dz)


class Point(GeometryBase):
    def __init__(self, location):
        self.Location = location

    def GetBoundingBox(self, accurate):
        return BoundingBox(self.Location, self.Location)

    def Duplicate(self):
        return Point(Point3d(self.Location.X, self.Location.Y, self.Location.Z))

    def Transform(self, xform):
        dx, dy, dz = xform.offset
        self.Location = Point3d(self.Location.X + dx, self.Location.Y + dy, self.Location.Z + dz)
        return True


class ObjectType(object):
    Point, PointSet, Curve, Surface, Brep, Extrusion, Mesh = "Point", "PointSet", "Curve", "Surface", "Brep", \
        "Extrusion", "Mesh"
    TextDot, SubD, Hatch, Annotation, InstanceReference, Light = "TextDot", "SubD", "Hatch", "Annotation", \
        "InstanceReference", "Light"


class LayerTableEventType(object):
    Added, Deleted, Undeleted, Modified, Current = "Added", "Deleted", "Undeleted", "Modified", "Current"


class ObjectMode(object):
    Normal, Hidden, Locked = "Normal", "Hidden", "Locked"


class ObjectColorSource(object):
    ColorFromLayer, ColorFromObject = "ColorFromLayer", "ColorFromObject"


class NameValueCollection(object):
    """System.Collections.Specialized.NameValueCollection, as GetUserStrings returns it: Count,
    AllKeys and lookup by key."""

    def __init__(self, items):
        self._items = dict(items)
        self.Count, self.AllKeys = len(self._items), sorted(self._items)

    def __getitem__(self, key):
        return self._items[key]


class ObjectAttributes(object):
    """What a script edits through ModifyAttributes: colour, layer, name, visibility, lock (Mode),
    user text. `Duplicate()` is how McNeel's samples get an editable copy
    (https://developer.rhino3d.com/api/rhinocommon/rhino.docobjects.objectattributes/duplicate)."""

    def __init__(self, layer):
        self.LayerIndex, self.Name, self.Visible, self.Mode = layer, "", True, ObjectMode.Normal
        self.ObjectColor, self.ColorSource = (0, 0, 0), ObjectColorSource.ColorFromLayer
        self._strings = {}

    def Duplicate(self):
        copy_ = copy.copy(self)
        copy_._strings = dict(self._strings)
        return copy_

    def SetUserString(self, key, value):
        self._strings[key] = value
        return True

    def GetUserString(self, key):
        return self._strings.get(key)

    def GetUserStrings(self):
        return NameValueCollection(self._strings)

    def state(self):
        """Everything above, comparable (a test helper)."""
        return (self.LayerIndex, self.Name, self.Visible, self.Mode, self.ObjectColor, self.ColorSource,
                sorted(self._strings.items()))


class RhinoObject(object):
    NextRuntimeSerialNumber = 1

    def __init__(self, doc, geometry, object_id=None):
        self.RuntimeSerialNumber = RhinoObject.NextRuntimeSerialNumber
        RhinoObject.NextRuntimeSerialNumber += 1
        self.Id = object_id or uuid.uuid4()
        self.Document, self.Geometry, self.IsDeleted = doc, geometry, False
        self.Attributes = ObjectAttributes(doc.Layers.CurrentLayerIndex)
        self.ObjectType = ObjectType.Point
        self.IsSelected = False


class ObjectTable(object):
    """Every change is written into the document's open undo record (if any) and raises the
    RhinoDoc event RhinoCommon documents for it (AddRhinoObject, DeleteRhinoObject, ...)."""

    def __init__(self, doc):
        self.doc, self.all = doc, []

    def __iter__(self):
        return iter([o for o in self.all if not o.IsDeleted])

    @property
    def Count(self):
        return len(list(self))

    def _add(self, obj):
        self.all.append(obj)
        self.doc._record(lambda: setattr(obj, "IsDeleted", True))
        RhinoDoc.AddRhinoObject.fire(self.doc, Args(TheObject=obj, ObjectId=obj.Id))
        return obj

    def AddPoint(self, x, y, z):
        return self._add(RhinoObject(self.doc, Point(Point3d(x, y, z)))).Id

    def Replace(self, object_id, geometry):
        # Rhino: the old object is deleted, a new one takes its id; the C++ SDK's event watcher
        # documents OnReplaceObject followed by OnDeleteObject and OnAddObject for a replace.
        old = self.FindId(object_id)
        RhinoDoc.ReplaceRhinoObject.fire(self.doc, Args(Document=self.doc, OldRhinoObject=old, ObjectId=object_id))
        self.Delete(old, True)
        new = RhinoObject(self.doc, geometry, object_id)
        new.Attributes = old.Attributes.Duplicate()  # a replace changes the geometry, not the attributes
        self._add(new)
        return True

    def Transform(self, obj, xform, deleteOriginal):
        """"Constructs a new object that is the transformation of the existing object and deletes the
        existing object if deleteOriginal is true ... The new object has identical attributes"
        (https://developer.rhino3d.com/api/rhinocommon/rhino.docobjects.tables.objecttable/transform);
        deleting the original is a replace: the new object keeps the id (rhino8-plugin-notes §3,
        rhinoscriptsyntax's MoveObject returns the id it was given)."""
        if not isinstance(obj, RhinoObject):
            obj = self.FindId(obj)
        geometry = obj.Geometry.Duplicate()
        geometry.Transform(xform)
        if deleteOriginal:
            RhinoDoc.ReplaceRhinoObject.fire(self.doc, Args(Document=self.doc, OldRhinoObject=obj, ObjectId=obj.Id))
            self.Delete(obj, True)
        new = RhinoObject(self.doc, geometry, obj.Id if deleteOriginal else None)
        new.Attributes = obj.Attributes.Duplicate()
        return self._add(new).Id

    def FindId(self, object_id):
        return next((o for o in self if o.Id == object_id), None)

    def Find(self, serial):
        return next((o for o in self.all if o.RuntimeSerialNumber == serial), None)

    def Delete(self, obj, quiet):
        if not isinstance(obj, RhinoObject):
            obj = self.FindId(obj)
        obj.IsDeleted = True
        self.doc._record(lambda: setattr(obj, "IsDeleted", False))
        RhinoDoc.DeleteRhinoObject.fire(self.doc, Args(TheObject=obj, ObjectId=obj.Id))
        return True

    def Undelete(self, serial):
        obj = self.Find(serial)
        obj.IsDeleted = False
        self.doc._record(lambda: setattr(obj, "IsDeleted", True))
        RhinoDoc.UndeleteRhinoObject.fire(self.doc, Args(TheObject=obj, ObjectId=obj.Id))
        return True

    def ModifyAttributes(self, obj, attributes, quiet):
        old = obj.Attributes
        obj.Attributes = attributes
        self.doc._record(lambda: setattr(obj, "Attributes", old))
        RhinoDoc.ModifyObjectAttributes.fire(self.doc, Args(Document=self.doc, RhinoObject=obj, OldAttributes=old,
                                                            NewAttributes=attributes))
        return True

    def GetSelectedObjects(self, lights, grips):
        return [o for o in self if o.IsSelected]


class Color(object):
    R, G, B = 0, 0, 0


class Layer(object):
    def __init__(self, path, index):
        self.FullPath, self.Index, self.IsDeleted = path, index, False
        self.Color, self.IsVisible, self.IsLocked = Color(), True, False


class LayerTable(object):
    def __init__(self, doc):
        self.doc, self.layers, self.CurrentLayerIndex = doc, [Layer("Default", 0)], 0

    def __iter__(self):
        return iter(self.layers)

    def __getitem__(self, index):
        return self.layers[index]

    def _fire(self, kind, index, old=None):
        RhinoDoc.LayerTableEvent.fire(self.doc, Args(Document=self.doc, EventType=kind, LayerIndex=index, OldState=old))

    def _keep(self, index):
        """Write the layer as it is now into the open undo record."""
        before = copy.copy(self.layers[index])
        self.doc._record(lambda: self.layers.__setitem__(index, before))

    def Add(self, name):
        self.layers.append(Layer(name, len(self.layers)))
        index = len(self.layers) - 1
        self.doc._record(lambda: setattr(self.layers[index], "IsDeleted", True))
        self._fire(LayerTableEventType.Added, index)
        return index

    def SetCurrentLayerIndex(self, layerIndex, quiet):
        """The current layer is document state the undo record keeps (LayerTableEventType.Current:
        https://developer.rhino3d.com/api/rhinocommon/rhino.docobjects.tables.layertableeventtype)."""
        old = self.CurrentLayerIndex
        self.CurrentLayerIndex = layerIndex
        self.doc._record(lambda: setattr(self, "CurrentLayerIndex", old), setting=True)
        self._fire(LayerTableEventType.Current, layerIndex)
        return True

    def Modify(self, layer, index, quiet):
        old = copy.copy(self.layers[index])
        self._keep(index)
        new = copy.copy(layer)
        new.Index = index
        self.layers[index] = new
        self._fire(LayerTableEventType.Modified, index, old)
        return True

    def Delete(self, index, quiet):
        self._keep(index)
        self.layers[index].IsDeleted = True
        self._fire(LayerTableEventType.Deleted, index)
        return True

    def Undelete(self, index):
        self._keep(index)
        self.layers[index].IsDeleted = False
        self._fire(LayerTableEventType.Undeleted, index)
        return True


class _Entry(object):
    """One row of a document table (group, material, block definition, named view)."""

    def __init__(self, index, name, **fields):
        self.Index, self.Name, self.IsDeleted = index, name, False
        self.__dict__.update(fields)

    def state(self):
        return tuple(sorted((k, v) for k, v in vars(self).items() if not k.startswith("_")))


class _DocTable(object):
    """What the group, material, instance definition and named view tables share: rows added,
    deleted and modified, each change kept in the open undo record and announced by the RhinoDoc
    table event RhinoCommon defines for it (GroupTableEvent, MaterialTableEvent,
    InstanceDefinitionTableEvent; named views have none)."""

    event_name = None
    setting = False  # True: a document setting (see RhinoDoc.settings_undoable)

    def __init__(self, doc):
        self.doc, self.rows = doc, []

    @property
    def Count(self):
        return len(self.rows)

    def __getitem__(self, index):
        return self.rows[index]

    def __iter__(self):
        return iter([r for r in self.rows if not r.IsDeleted])

    def _changed(self, kind, index):
        if self.event_name:
            getattr(RhinoDoc, self.event_name).fire(self.doc, Args(Document=self.doc, EventType=kind, Index=index))

    def _add(self, name, **fields):
        row = _Entry(len(self.rows), name, **fields)
        self.rows.append(row)
        self.doc._record(lambda: self.rows.remove(row), setting=self.setting)
        self._changed("Added", row.Index)
        return row.Index

    def _delete(self, index):
        row = self.rows[index]
        row.IsDeleted = True
        self.doc._record(lambda: setattr(row, "IsDeleted", False), setting=self.setting)
        self._changed("Deleted", index)
        return True

    def _modify(self, index, **fields):
        row = self.rows[index]
        before = dict(vars(row))
        row.__dict__.update(fields)
        self.doc._record(lambda: row.__dict__.update(before), setting=self.setting)
        self._changed("Modified", index)
        return True

    def state(self):
        """The live rows, comparable (a test helper)."""
        return [r.state() for r in self]


class GroupTable(_DocTable):
    event_name = "GroupTableEvent"

    def Add(self, groupName=None, objectIds=()):
        return self._add(groupName or "Group%02d" % (len(self.rows) + 1), members=tuple(objectIds))

    def Delete(self, groupIndex):
        return self._delete(groupIndex)


class MaterialTable(_DocTable):
    event_name = "MaterialTableEvent"

    def Add(self):
        return self._add("Material %d" % len(self.rows), DiffuseColor=(255, 255, 255))

    def Modify(self, newMaterialSettings, materialIndex, quiet):
        return self._modify(materialIndex, Name=newMaterialSettings.Name, DiffuseColor=newMaterialSettings.DiffuseColor)


class InstanceDefinitionTable(_DocTable):
    event_name = "InstanceDefinitionTableEvent"

    def Add(self, name, description, basePoint, geometry):
        return self._add(name, Description=description, geometry=len(list(geometry)))

    def Delete(self, idefIndex, deleteReferences, quiet):
        return self._delete(idefIndex)

    def Find(self, instanceDefinitionName):
        return next((r for r in self if r.Name == instanceDefinitionName), None)


class NamedViewTable(_DocTable):
    """Named views: no RhinoDoc event announces them. Whether Rhino's Undo covers them is not
    documented; RhinoDoc.settings_undoable=False makes this fake leave them out of undo records."""

    setting = True

    def Add(self, name, viewportId):
        return self._add(name, viewport=viewportId)

    def Delete(self, index):
        if isinstance(index, str):
            index = next(r.Index for r in self if r.Name == index)
        return self._delete(index)

    def FindByName(self, name):
        return next((r.Index for r in self if r.Name == name), -1)


class ViewTable(object):
    def __init__(self):
        self.RedrawEnabled, self.redraws, self.disabled_during_run = True, 0, None

    def Redraw(self):
        self.redraws += 1


class _UndoRecord(object):
    def __init__(self, serial, description):
        self.serial, self.description, self.actions = serial, description, []


class CustomUndoEventArgs(object):
    """Rhino.Commands.CustomUndoEventArgs, passed to a custom undo handler: the serial number of
    the undo record being undone, the description and the tag it was added with
    (https://developer.rhino3d.com/api/rhinocommon/rhino.commands.customundoeventargs)."""

    def __init__(self, doc, serial, description, tag):
        self.Document, self.UndoSerialNumber, self.ActionDescription, self.Tag = doc, serial, description, tag
        self.CreatedByRedo = False


class RhinoDoc(object):
    """A document. Undo as RhinoCommon documents it:
    - BeginUndoRecord "returns 0 if record is not started because undo information is already
      being recorded or undo is disabled"; the serial comes from NextUndoRecordSerialNumber, "the
      serial number that will be assigned to the next undo record that is constructed"
      (https://developer.rhino3d.com/api/rhinocommon/rhino.rhinodoc/beginundorecord, .../nextundorecordserialnumber);
    - CurrentUndoRecordSerialNumber is ">0: undo recording is active and being saved on the undo
      record with the specified serial number. 0: undo recording is not active"
      (.../currentundorecordserialnumber);
    - "Rhino automatically sets up an undo record when a command is run, but... the undo record
      is not saved if nothing changes in the document" (mcneel/rhino-developer-samples
      cs/ex_customundo.cs): an empty record is dropped at EndUndoRecord, its serial stays used;
    - Undo() undoes the newest kept record, whoever made it (.../rhinodoc/undo); the record
      becomes what Redo() would redo ("Redo the last action that was 'undone'",
      https://apidocs.co/apps/rhinocommon/7.3.21039.11200/M_Rhino_RhinoDoc_Redo.htm), until
      ClearRedoRecords() (since 5.0) forgets it (`redo_records`);
    - AddCustomUndoEvent puts a handler into the record being recorded, so a command "that doesn't
      change things in the document" still keeps its record, and Undo calls the handler with the
      record's serial number (CustomUndoEventArgs.UndoSerialNumber; McNeel's sample
      https://developer.rhino3d.com/samples/rhinocommon/custom-undo/); with no record open there
      is nothing to add it to (False) [inferred];
    - every table a script can touch writes into the open record: objects added, deleted,
      replaced and transformed, object attributes (colour, layer, name, visibility, lock, user
      text), layers, the current layer, groups, materials, block definitions, named views, units
      and tolerances. Whether Rhino's Undo restores the document settings among them (units,
      tolerances, the current layer, named views) is not documented: `settings_undoable = False`
      leaves them out of undo records, so a test can show the host restores them itself.
    Documents close (File > New, File > Open): FromRuntimeSerialNumber then finds nothing."""

    DeleteRhinoObject = Event()
    AddRhinoObject = Event()
    ReplaceRhinoObject = Event()
    UndeleteRhinoObject = Event()
    ModifyObjectAttributes = Event()
    LayerTableEvent = Event()
    MaterialTableEvent = Event()
    GroupTableEvent = Event()
    InstanceDefinitionTableEvent = Event()
    LinetypeTableEvent = Event()
    DimensionStyleTableEvent = Event()
    LightTableEvent = Event()
    HatchPatternTableEvent = Event()
    SelectObjects = Event()
    DeselectObjects = Event()
    DeselectAllObjects = Event()
    CloseDocument = Event()
    NewDocument = Event()
    BeginOpenDocument = Event()
    EndOpenDocument = Event()
    ActiveDocumentChanged = Event()
    ActiveDoc = None
    _docs = {}
    _next_serial = [1]

    def __init__(self):
        self.RuntimeSerialNumber = RhinoDoc._next_serial[0]
        RhinoDoc._next_serial[0] += 1
        RhinoDoc._docs[self.RuntimeSerialNumber] = self
        self.Layers = LayerTable(self)
        self.Objects = ObjectTable(self)
        self.Groups = GroupTable(self)
        self.Materials = MaterialTable(self)
        self.InstanceDefinitions = InstanceDefinitionTable(self)
        self.NamedViews = NamedViewTable(self)
        self.Views = ViewTable()
        self._settings = {"ModelUnitSystem": "Millimeters", "ModelAbsoluteTolerance": 0.001,
                          "ModelAngleToleranceDegrees": 1.0}
        self.Path = None
        self.NextUndoRecordSerialNumber = 1
        self.CurrentUndoRecordSerialNumber = 0
        self.UndoRecordingEnabled = True
        self.settings_undoable = True  # test control: see the class docstring
        self.undo_records = []  # kept records, oldest first
        self.redo_records = []  # records Undo() reverted that Redo() could bring back
        self.undone = []  # serial numbers of the records Undo() reverted
        self._open = None

    def _setting(name):  # noqa: N805 (a property factory used in the class body)
        def get(self):
            return self._settings[name]

        def set_(self, value):
            old = self._settings[name]
            self._settings[name] = value
            self._record(lambda: self._settings.__setitem__(name, old), setting=True)
        return property(get, set_)

    ModelUnitSystem = _setting("ModelUnitSystem")
    ModelAbsoluteTolerance = _setting("ModelAbsoluteTolerance")
    ModelAngleToleranceDegrees = _setting("ModelAngleToleranceDegrees")
    del _setting

    @staticmethod
    def FromRuntimeSerialNumber(serial):
        return RhinoDoc._docs.get(serial)

    @property
    def UndoRecordingIsActive(self):
        return self._open is not None

    def BeginUndoRecord(self, description):
        if not self.UndoRecordingEnabled or self._open is not None:
            return 0
        self._open = _UndoRecord(self.NextUndoRecordSerialNumber, description)
        self.NextUndoRecordSerialNumber += 1
        self.CurrentUndoRecordSerialNumber = self._open.serial
        return self._open.serial

    def EndUndoRecord(self, serial):
        if self._open is None or self._open.serial != serial:
            return False
        if self._open.actions:  # an empty record is not kept
            self.undo_records.append(self._open)
        self._open, self.CurrentUndoRecordSerialNumber = None, 0
        return True

    def Undo(self):
        if self._open is not None or not self.undo_records:
            return False
        record = self.undo_records.pop()
        for undo in reversed(record.actions):
            undo()
        self.undone.append(record.serial)
        self.redo_records.append(record)
        return True

    def ClearRedoRecords(self):
        self.redo_records = []

    def AddCustomUndoEvent(self, description, handler, tag=None):
        record = self._open
        if record is None:
            return False
        record.actions.append(lambda: handler(self, CustomUndoEventArgs(self, record.serial, description, tag)))
        return True

    def _record(self, undo, setting=False):
        """A change: kept in the open undo record (changes made with no record open are not
        undoable); a document setting only while `settings_undoable`."""
        if self._open is not None and (self.settings_undoable or not setting):
            self._open.actions.append(undo)


class App(object):
    """Rhino.RhinoApp: one UI thread; RunScript runs a registered command as Rhino would.

    - InvokeOnUiThread queues an action for the UI thread; InvokeAndWait runs it there and waits.
    - Idle: "occurs when the application finishes processing and is about to enter the idle
      state" (https://developer.rhino3d.com/api/rhinocommon/rhino.rhinoapp/idle): raised each time
      the UI thread has run out of queued work, outside commands (a command holds the UI thread
      until it returns).
    - RunScript("_Name args") runs the command `Name` on this thread with InCommand() true while
      it runs ("true if a command is currently running": .../rhino.commands.command/incommand) and
      one undo record for it, opened and ended like Begin/EndUndoRecord, so a command that changes
      nothing leaves no record but uses up a serial number. A command run from inside another (a
      script's rs.Command in a ScriptRunner command) records into the running command's record;
      whether Rhino gives it a record of its own is not documented: `nested_records = True` does.
    - Closing: raised by `close()` (Rhino is about to close).
    """

    def __init__(self):
        self.EscapeKeyPressed = Event()
        self.Idle = Event()
        self.Closing = Event()
        self.commands = {}
        self.in_command = False
        self.nested_records = False  # test control: see the class docstring
        self.lines = []
        self.ui = queue.Queue()
        self.ui_thread = threading.Thread(target=self._pump, name="fake-rhino-ui", daemon=True)
        self.ui_thread.start()

    def _pump(self):
        while True:
            action = self.ui.get()
            if action is None:
                return
            try:
                action()
            except Exception as exc:  # Rhino's dispatcher would report it; keep the fake UI thread alive
                self.lines.append("unhandled on the UI thread: %s: %s" % (type(exc).__name__, exc))
            if self.ui.empty() and not self.in_command:
                self.Idle.fire(None, Args())

    def stop(self):
        self.ui.put(None)
        self.ui_thread.join(5)

    @property
    def InvokeRequired(self):
        return threading.current_thread() is not self.ui_thread

    def InvokeOnUiThread(self, action):
        self.ui.put(action)

    def InvokeAndWait(self, action):
        """Run `action` on the UI thread and wait; returns its result (a test helper too)."""
        if not self.InvokeRequired:
            return action()
        box, done = {}, threading.Event()

        def run():
            try:
                box["value"] = action()
            except BaseException as exc:
                box["error"] = exc
            finally:
                done.set()
        self.ui.put(run)
        assert done.wait(30), "the fake UI thread did not answer"
        if "error" in box:
            raise box["error"]
        return box.get("value")

    def RunScript(self, script, echo):
        name = script.strip().split()[0].lstrip("_-")
        command = self.commands[name]
        doc = RhinoDoc.ActiveDoc
        outer = self.in_command
        self.in_command = True
        suspended = None
        if outer and self.nested_records:  # the running command's record waits; the nested one gets its own
            suspended, doc._open = doc._open, None
        record = doc.BeginUndoRecord(name)  # 0 inside another command: its record takes the changes
        try:
            command(doc)
        finally:
            self.in_command = outer
            if record:
                doc.EndUndoRecord(record)
            if suspended is not None:
                doc._open = suspended
        return True

    def Wait(self):
        """RhinoApp.Wait(): "Pauses to keep Windows message pump alive so views will update and
        windows will repaint" (RhinoCommon, Rhino.RhinoApp.Wait). Called on the UI thread while a
        script runs there, it runs the UI work queued meanwhile (InvokeOnUiThread callbacks,
        events) inside the caller's stack, which is where a misplaced exception would land."""
        if threading.current_thread() is not self.ui_thread:
            return
        pending = []
        while True:
            try:
                pending.append(self.ui.get_nowait())
            except queue.Empty:
                break
        for action in pending:
            if action is None:          # stop() while pumping: leave it for the loop
                self.ui.put(None)
                continue
            try:
                action()
            except Exception as exc:
                self.lines.append("unhandled on the UI thread: %s: %s" % (type(exc).__name__, exc))

    def WriteLine(self, text):
        self.lines.append(text)

    # -- test controls: the user at the File menu and quitting ---------------------------------------

    def file_new(self):
        """File > New in Rhino for Windows: the active document closes and a new one opens."""
        return self.InvokeAndWait(lambda: self._replace_document(None))

    def file_open(self, path):
        """File > Open in Rhino for Windows: the active document closes and `path` opens."""
        return self.InvokeAndWait(lambda: self._replace_document(path))

    def _replace_document(self, path):
        # Event order, per RhinoCommon: CloseDocument "is raised when a document is being closed"
        # (the document is still there while it runs); then NewDocument, or BeginOpenDocument and
        # EndOpenDocument; "Windows Rhino will raise [ActiveDocumentChanged] after the NewDocument,
        # BeginOpenDocument and EndOpenDocument events when a new or existing model is opened"
        # (https://developer.rhino3d.com/api/rhinocommon/rhino.rhinodoc/activedocumentchanged).
        old = RhinoDoc.ActiveDoc
        if old is not None:
            RhinoDoc.CloseDocument.fire(old, _doc_args(old))
            RhinoDoc._docs.pop(old.RuntimeSerialNumber, None)
            PANELS._document_closed(old)
        doc = RhinoDoc()
        doc.Path = path
        RhinoDoc.ActiveDoc = doc
        if path is None:
            RhinoDoc.NewDocument.fire(doc, _doc_args(doc))
        else:
            RhinoDoc.BeginOpenDocument.fire(doc, _doc_args(doc, FileName=path, Merge=False, Reference=False))
            RhinoDoc.EndOpenDocument.fire(doc, _doc_args(doc, FileName=path, Merge=False, Reference=False))
        RhinoDoc.ActiveDocumentChanged.fire(doc, _doc_args(doc))
        PANELS._document_opened(doc)
        return doc

    def close(self):
        """Rhino is closing: RhinoApp.Closing."""
        self.InvokeAndWait(lambda: self.Closing.fire(None, Args()))


def _doc_args(doc, **extra):
    return Args(Document=doc, DocumentSerialNumber=doc.RuntimeSerialNumber, DocumentId=doc.RuntimeSerialNumber,
                **extra)


# -- Rhino.UI: the panel system ------------------------------------------------------------------------


class PanelType(object):
    PerDoc, System = "PerDoc", "System"


class Panels(object):
    """Rhino.UI.Panels (static in RhinoCommon; one object here).

    - RegisterPanel throws for a type it cannot host (RhinoCommon's PanelSystem.RegisterPanel:
      ArgumentException "type must have a GuidAttribute"; rhino8-plugin-notes §1.1); registering
      the same type again is a no-op. `fail_register` / `fail_open` make RegisterPanel / OpenPanel
      raise, as the real calls can.
    - OpenPanel shows the panel in the active document's window; the instance is constructed with
      the document's runtime serial number (the `uint` constructor; tabbed-panels guide,
      https://developer.rhino3d.com/guides/rhinocommon/tabbed-panels) the first time it is needed,
      then Show is raised with Show=true. ClosePanel raises Show with Show=false and then Closed,
      "raised when a panel host is closed" (.../rhinocommon/rhino.ui.panels/closed).
    - Instance policy, `recycle`:
      True (default): one instance serves every document, as issue 20 reports for Rhino 8 on
      Windows; McNeel's SampleCsEtoPanel prints "this serial number ... should be the same" from
      PanelShown for exactly this doubt (mcneel/rhino-developer-samples
      rhinocommon/cs/SampleCsEto/Views/SampleCsEtoPanel.cs). The constructor is not called again
      after File > New; nothing but the document events says the document changed.
      False: the tabbed-panels guide's PerDoc rule: "A panel instance is created each time a new
      document is created, if the panel is in a visible host container, and disposed of when the
      document closes"; the new instance is shown (Show, Show=true).
    """

    def __init__(self):
        self.Show = Event()
        self.Closed = Event()
        self.recycle = True
        self.fail_register = None  # an exception for RegisterPanel to raise
        self.fail_open = None  # an exception for OpenPanel to raise
        self.registered = {}  # panel id -> (type, caption, panel type)
        self.instance = None  # recycle: the one instance
        self.instances = {}  # not recycle: document serial -> its instance
        self.disposed = []  # instances Rhino disposed of (their document closed)
        self.visible = False

    def RegisterPanel(self, plugin, panel_type, caption, icon, kind=PanelType.PerDoc):
        if self.fail_register is not None:
            raise self.fail_register
        self.registered.setdefault(panel_type.PanelId, (panel_type, caption, kind))
        return True

    def OpenPanel(self, panel_id):
        if self.fail_open is not None:
            raise self.fail_open
        if panel_id not in self.registered:
            return False
        doc = RhinoDoc.ActiveDoc
        self._instance(panel_id, doc)
        self.visible = True
        self.Show.fire(None, Args(PanelId=panel_id, Document=doc, DocumentSerialNumber=doc.RuntimeSerialNumber,
                                  Show=True))
        return True

    def ClosePanel(self, panel_id):
        if not self.visible:
            return
        doc = RhinoDoc.ActiveDoc
        self.visible = False
        args = dict(PanelId=panel_id, Document=doc, DocumentSerialNumber=doc.RuntimeSerialNumber)
        self.Show.fire(None, Args(Show=False, **args))
        self.Closed.fire(None, Args(**args))

    def IsPanelVisible(self, panel_id):
        return self.visible and panel_id in self.registered

    def GetPanel(self, panel_id, doc):
        return self.instance if self.recycle else self.instances.get(doc.RuntimeSerialNumber)

    def _instance(self, panel_id, doc):
        panel_type = self.registered[panel_id][0]
        if self.recycle:
            if self.instance is None:
                self.instance = panel_type(doc.RuntimeSerialNumber)
            return self.instance
        if doc.RuntimeSerialNumber not in self.instances:
            self.instances[doc.RuntimeSerialNumber] = panel_type(doc.RuntimeSerialNumber)
        return self.instances[doc.RuntimeSerialNumber]

    def _document_closed(self, doc):
        panel = self.instances.pop(doc.RuntimeSerialNumber, None)
        if panel is not None:
            self.disposed.append(panel)

    def _document_opened(self, doc):
        if self.recycle or not self.visible or not self.registered:
            return  # recycled: the same instance stays docked; nothing is constructed or shown
        panel_id = next(iter(self.registered))
        self._instance(panel_id, doc)
        self.Show.fire(None, Args(PanelId=panel_id, Document=doc, DocumentSerialNumber=doc.RuntimeSerialNumber,
                                  Show=True))

    def _reset(self):
        self.__init__()


PANELS = Panels()


class RhinoEtoApp(object):
    """Rhino.UI.RhinoEtoApp (Rhino.UI.dll): MainWindowForDocument(doc) is the window showing `doc`."""

    @staticmethod
    def MainWindowForDocument(doc):
        return Args(document=doc)


# -- Eto.Forms / Eto.Drawing: only what the view builds --------------------------------------------------


class Control(object):
    """An Eto control: properties are plain attributes; events are Event objects."""

    def __init__(self):
        self.Enabled = True


class Panel(Control):
    def __init__(self):
        super().__init__()
        self.Content = None


class _Text(Control):
    """TextArea / TextBox: setting Text raises TextChanged when it changes (Eto's TextControl)."""

    def __init__(self):
        super().__init__()
        self.TextChanged = Event()
        self._text = ""

    @property
    def Text(self):
        return self._text

    @Text.setter
    def Text(self, value):
        changed = value != self._text
        self._text = value
        if changed:
            self.TextChanged.fire(self, Args())


class TextArea(_Text):
    pass


class TextBox(_Text):
    pass


class Label(Control):
    def __init__(self):
        super().__init__()
        self.Text = ""


class Button(Control):
    def __init__(self):
        super().__init__()
        self.Text = ""
        self.Click = Event()

    def PerformClick(self):
        self.Click.fire(self, Args())


class CheckBox(Control):
    def __init__(self):
        super().__init__()
        self.CheckedChanged = Event()
        self._checked = False

    @property
    def Checked(self):
        return self._checked

    @Checked.setter
    def Checked(self, value):
        changed = value != self._checked
        self._checked = value
        if changed:
            self.CheckedChanged.fire(self, Args())


class DynamicLayout(Control):
    def __init__(self):
        super().__init__()
        self.rows = []

    def AddRow(self, *controls):
        self.rows.append(controls)

    def Add(self, *controls):
        self.rows.append(controls)

    def AddSeparateRow(self, *controls):
        self.rows.append(controls)


class UITimer(object):
    def __init__(self):
        self.Interval = 1.0
        self.Elapsed = Event()
        self.started = False

    def Start(self):
        self.started = True

    def Stop(self):
        self.started = False


class Clipboard(object):
    Text = ""


class Window(Control):
    def __init__(self):
        super().__init__()
        self.Closed = Event()
        self.Content, self.Title, self.Owner, self.shown = None, "", None, False

    def Show(self):
        self.shown = True

    def Close(self):
        self.shown = False
        self.Closed.fire(self, Args())

    def BringToFront(self):
        pass


class Form(Window):
    pass


class Dialog(Window):
    def ShowModal(self, owner=None):
        self.shown = True


class WrapMode(object):
    Word = "Word"


class Fonts(object):
    @staticmethod
    def Monospace(size):
        return ("Monospace", size)


class SystemColors(object):
    DisabledText, Highlight = "DisabledText", "Highlight"


# -- the C# panel host (rhino_plugin/project/Libraries/RhinoCoderShim/PanelHost.cs) ---------------------


class PanelHost(Panel):
    """PanelHost.cs, statement for statement: the constructor calls the static ContentFactory with
    the document serial Rhino passes, and shows a Label instead of raising (`error` keeps it)."""

    PanelId = uuid.UUID("3F1C2A7E-5B7D-4C8E-9A21-6E0D5B1C9F44")
    ContentFactory = None

    def __init__(self, documentSerialNumber):
        super().__init__()
        self.DocumentSerialNumber = documentSerialNumber
        self.error = None
        if PanelHost.ContentFactory is None:
            self.Content = Label()
            return
        try:
            self.Content = PanelHost.ContentFactory(documentSerialNumber)
        except Exception as exc:
            self.error = exc
            self.Content = Label()


class _Generic(object):
    """System.Func[A, B]: subscripting gives the delegate type; calling it wraps a callable."""

    def __getitem__(self, types_):
        return lambda fn: fn


def install(monkeypatch):
    """Put fake Rhino, scriptcontext and System into sys.modules (undone by monkeypatch)."""
    app = App()
    rhino = types.ModuleType("Rhino")
    commands = types.ModuleType("Rhino.Commands")
    commands.Command = types.SimpleNamespace(InCommand=lambda: app.in_command)
    commands.CustomUndoEventArgs = CustomUndoEventArgs
    docobjects = types.ModuleType("Rhino.DocObjects")
    docobjects.ObjectType, docobjects.RhinoObject = ObjectType, RhinoObject
    docobjects.ObjectMode, docobjects.ObjectColorSource = ObjectMode, ObjectColorSource
    tables = types.ModuleType("Rhino.DocObjects.Tables")
    tables.LayerTableEventType = LayerTableEventType
    docobjects.Tables = tables
    geometry = types.ModuleType("Rhino.Geometry")
    for name in ("Brep", "Curve", "Mesh", "PointCloud", "Extrusion", "TextDot"):
        setattr(geometry, name, type(name, (GeometryBase,), {}))
    geometry.Point, geometry.Point3d, geometry.Transform = Point, Point3d, Transform
    ui = types.ModuleType("Rhino.UI")
    ui.Panels, ui.PanelType, ui.RhinoEtoApp = PANELS, PanelType, RhinoEtoApp
    rhino.RhinoApp, rhino.RhinoDoc, rhino.Commands, rhino.DocObjects, rhino.Geometry, rhino.UI = \
        app, RhinoDoc, commands, docobjects, geometry, ui
    system = types.ModuleType("System")
    system.Action = lambda fn: fn
    system.Func = system.EventHandler = _Generic()
    system.UInt32 = int
    system.Drawing = types.SimpleNamespace(SystemIcons=types.SimpleNamespace(Information="information-icon"))
    scriptcontext = types.ModuleType("scriptcontext")
    scriptcontext.doc = None
    eto = types.ModuleType("Eto")
    forms = types.ModuleType("Eto.Forms")
    for cls in (Control, Panel, TextArea, TextBox, Label, Button, CheckBox, DynamicLayout, UITimer, Clipboard,
                Form, Dialog, WrapMode):
        setattr(forms, cls.__name__, cls)
    drawing = types.ModuleType("Eto.Drawing")
    drawing.Fonts, drawing.SystemColors = Fonts, SystemColors
    drawing.Padding = drawing.Size = lambda *a: a
    eto.Forms, eto.Drawing = forms, drawing
    shim = types.ModuleType("RhinoCoderShim")
    shim.PanelHost = PanelHost
    for name, module in (("Rhino", rhino), ("Rhino.Commands", commands), ("Rhino.DocObjects", docobjects),
                         ("Rhino.DocObjects.Tables", tables), ("Rhino.Geometry", geometry), ("Rhino.UI", ui),
                         ("System", system), ("scriptcontext", scriptcontext), ("Eto", eto), ("Eto.Forms", forms),
                         ("Eto.Drawing", drawing), ("RhinoCoderShim", shim)):
        monkeypatch.setitem(__import__("sys").modules, name, module)
    for value in vars(RhinoDoc).values():  # class-level events outlive a test: start empty
        if isinstance(value, Event):
            value.handlers[:] = []
    RhinoDoc.ActiveDoc = None
    PANELS._reset()
    PanelHost.ContentFactory = None
    return app


def handlers(app):
    """Every (event name, handler) subscribed now on RhinoDoc, RhinoApp and Rhino.UI.Panels."""
    out = []
    for owner, prefix in ((vars(RhinoDoc), "RhinoDoc"), (vars(app), "RhinoApp"), (vars(PANELS), "Panels")):
        for name, value in owner.items():
            if isinstance(value, Event):
                out.extend(("%s.%s" % (prefix, name), h) for h in value.handlers)
    return out
