"""A minimal fake of Rhino itself (RhinoCommon, scriptcontext, System) for importing hosts/rhino.py.

Only what hosts/rhino.py touches, with Rhino's documented behaviour: runtime serial numbers that
only grow, delete/undelete with DeleteRhinoObject events, layer-table events carrying the old
state, one UI thread fed by InvokeOnUiThread, RunScript of a command with InCommand() true while
it runs and one undo record per command. Every name it defines exists in RhinoCommon 8
(checked by test_rhino_host.py against the API index).
"""
import copy
import queue
import threading
import types
import uuid


class Event(object):
    """A .NET event: `+=` / `-=` handlers, fired with (sender, args)."""

    def __init__(self):
        self.handlers = []

    def __iadd__(self, handler):
        self.handlers.append(handler)
        return self

    def __isub__(self, handler):
        self.handlers.remove(handler)
        return self

    def fire(self, sender, args):
        for handler in list(self.handlers):
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


class Point(GeometryBase):
    def __init__(self, location):
        self.Location = location

    def GetBoundingBox(self, accurate):
        return BoundingBox(self.Location, self.Location)


class ObjectType(object):
    Point, PointSet, Curve, Surface, Brep, Extrusion, Mesh = "Point", "PointSet", "Curve", "Surface", "Brep", \
        "Extrusion", "Mesh"
    TextDot, SubD, Hatch, Annotation, InstanceReference, Light = "TextDot", "SubD", "Hatch", "Annotation", \
        "InstanceReference", "Light"


class LayerTableEventType(object):
    Added, Deleted, Undeleted, Modified = "Added", "Deleted", "Undeleted", "Modified"


class ObjectAttributes(object):
    def __init__(self, layer):
        self.LayerIndex, self.Name = layer, ""

    def GetUserStrings(self):
        return None


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
    def __init__(self, doc):
        self.doc, self.all = doc, []

    def __iter__(self):
        return iter([o for o in self.all if not o.IsDeleted])

    @property
    def Count(self):
        return len(list(self))

    def AddPoint(self, x, y, z):
        obj = RhinoObject(self.doc, Point(Point3d(x, y, z)))
        self.all.append(obj)
        return obj.Id

    def Replace(self, object_id, geometry):  # Rhino: the old object is deleted, a new one takes its id
        old = self.FindId(object_id)
        self.Delete(old, True)
        self.all.append(RhinoObject(self.doc, geometry, object_id))
        return True

    def FindId(self, object_id):
        return next((o for o in self if o.Id == object_id), None)

    def Find(self, serial):
        return next((o for o in self.all if o.RuntimeSerialNumber == serial), None)

    def Delete(self, obj, quiet):
        if not isinstance(obj, RhinoObject):
            obj = self.FindId(obj)
        obj.IsDeleted = True
        RhinoDoc.DeleteRhinoObject.fire(self.doc, Args(TheObject=obj))
        return True

    def Undelete(self, serial):
        obj = self.Find(serial)
        obj.IsDeleted = False
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

    def Add(self, name):
        self.layers.append(Layer(name, len(self.layers)))
        self._fire(LayerTableEventType.Added, len(self.layers) - 1)
        return len(self.layers) - 1

    def Modify(self, layer, index, quiet):
        old = copy.copy(self.layers[index])
        new = copy.copy(layer)
        new.Index = index
        self.layers[index] = new
        self._fire(LayerTableEventType.Modified, index, old)
        return True

    def Delete(self, index, quiet):
        self.layers[index].IsDeleted = True
        self._fire(LayerTableEventType.Deleted, index)
        return True

    def Undelete(self, index):
        self.layers[index].IsDeleted = False
        return True


class ViewTable(object):
    def __init__(self):
        self.RedrawEnabled, self.redraws, self.disabled_during_run = True, 0, None

    def Redraw(self):
        self.redraws += 1


class RhinoDoc(object):
    DeleteRhinoObject = Event()
    LayerTableEvent = Event()
    SelectObjects = Event()
    DeselectObjects = Event()
    DeselectAllObjects = Event()
    ActiveDoc = None
    _docs = {}
    _next_serial = [1]

    def __init__(self):
        self.RuntimeSerialNumber = RhinoDoc._next_serial[0]
        RhinoDoc._next_serial[0] += 1
        RhinoDoc._docs[self.RuntimeSerialNumber] = self
        self.Layers = LayerTable(self)
        self.Objects = ObjectTable(self)
        self.Views = ViewTable()
        self.ModelUnitSystem, self.ModelAbsoluteTolerance, self.ModelAngleToleranceDegrees = "Millimeters", 0.001, 1.0
        self.Path = None
        self.NextUndoRecordSerialNumber = 1
        self.CurrentUndoRecordSerialNumber = 0
        self.undone = []

    @staticmethod
    def FromRuntimeSerialNumber(serial):
        return RhinoDoc._docs.get(serial)

    def Undo(self):
        self.undone.append(self.NextUndoRecordSerialNumber - 1)
        return True


class App(object):
    """Rhino.RhinoApp: one UI thread; RunScript runs a registered command as Rhino would."""

    def __init__(self):
        self.EscapeKeyPressed = Event()
        self.commands = {}
        self.in_command = False
        self.lines = []
        self.ui = queue.Queue()
        self.ui_thread = threading.Thread(target=self._pump, name="fake-rhino-ui", daemon=True)
        self.ui_thread.start()

    def _pump(self):
        while True:
            action = self.ui.get()
            if action is None:
                return
            action()

    def stop(self):
        self.ui.put(None)
        self.ui_thread.join(5)

    @property
    def InvokeRequired(self):
        return threading.current_thread() is not self.ui_thread

    def InvokeOnUiThread(self, action):
        self.ui.put(action)

    def RunScript(self, script, echo):
        command = self.commands[script.lstrip("_-")]
        doc = RhinoDoc.ActiveDoc
        self.in_command = True
        doc.CurrentUndoRecordSerialNumber = doc.NextUndoRecordSerialNumber  # one record per command
        doc.NextUndoRecordSerialNumber += 1
        try:
            command(doc)
        finally:
            self.in_command = False
            doc.CurrentUndoRecordSerialNumber = 0
        return True

    def Wait(self):
        pass

    def WriteLine(self, text):
        self.lines.append(text)


def install(monkeypatch):
    """Put fake Rhino, scriptcontext and System into sys.modules (undone by monkeypatch)."""
    app = App()
    rhino = types.ModuleType("Rhino")
    commands = types.ModuleType("Rhino.Commands")
    commands.Command = types.SimpleNamespace(InCommand=lambda: app.in_command)
    docobjects = types.ModuleType("Rhino.DocObjects")
    docobjects.ObjectType, docobjects.RhinoObject = ObjectType, RhinoObject
    tables = types.ModuleType("Rhino.DocObjects.Tables")
    tables.LayerTableEventType = LayerTableEventType
    docobjects.Tables = tables
    geometry = types.ModuleType("Rhino.Geometry")
    for name in ("Brep", "Curve", "Mesh", "PointCloud", "Extrusion", "TextDot"):
        setattr(geometry, name, type(name, (GeometryBase,), {}))
    geometry.Point = Point
    rhino.RhinoApp, rhino.RhinoDoc, rhino.Commands, rhino.DocObjects, rhino.Geometry = \
        app, RhinoDoc, commands, docobjects, geometry
    system = types.ModuleType("System")
    system.Action = lambda fn: fn
    scriptcontext = types.ModuleType("scriptcontext")
    scriptcontext.doc = None
    for name, module in (("Rhino", rhino), ("Rhino.Commands", commands), ("Rhino.DocObjects", docobjects),
                         ("Rhino.DocObjects.Tables", tables), ("Rhino.Geometry", geometry), ("System", system),
                         ("scriptcontext", scriptcontext)):
        monkeypatch.setitem(__import__("sys").modules, name, module)
    RhinoDoc.DeleteRhinoObject.handlers[:] = []
    RhinoDoc.LayerTableEvent.handlers[:] = []
    return app
