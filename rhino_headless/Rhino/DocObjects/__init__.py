"""Headless stand-in for `Rhino.DocObjects`: ObjectType, RhinoObject, Layer, ObjectAttributes.

Objects handed to scripts are views on the HeadlessDoc: reading is direct, and every change goes
through the document's API, so it lands in the undo record of the run.
- `RhinoObject.Geometry` is a duplicate (RhinoCommon's document geometry is const); change an
  object with `sc.doc.Objects.Replace(id, geometry)`.
- `RhinoObject.Attributes` is a copy; `obj.Attributes.Name = "a"; obj.CommitChanges()` or
  `sc.doc.Objects.ModifyAttributes(obj, attributes, True)` writes it back.
- A `Layer` from `sc.doc.Layers[i]` writes each property change straight to the document.
"""
import enum
import uuid

import rhino3dm as _r

from ...document import NIL, kind as _kind, to_color as _to_color

ObjectAttributes = _r.ObjectAttributes
ObjectColorSource = _r.ObjectColorSource
ObjectMode = _r.ObjectMode
ObjectPlotWeightSource = _r.ObjectPlotWeightSource
ObjectLinetypeSource = _r.ObjectLinetypeSource
ObjectMaterialSource = _r.ObjectMaterialSource
ActiveSpace = _r.ActiveSpace


class ObjectType(enum.IntFlag):
    """Rhino.DocObjects.ObjectType (the numbers rs.ObjectType returns)."""
    None_ = 0
    Point = 1
    PointSet = 2
    Curve = 4
    Surface = 8
    Brep = 0x10
    Mesh = 0x20
    Light = 0x100
    Annotation = 0x200
    InstanceDefinition = 0x800
    InstanceReference = 0x1000
    TextDot = 0x2000
    Grip = 0x4000
    Detail = 0x8000
    Hatch = 0x10000
    MorphControl = 0x20000
    SubD = 0x40000
    BrepLoop = 0x80000
    PolysrfFilter = 0x200000
    EdgeFilter = 0x400000
    PolyedgeFilter = 0x800000
    MeshVertex = 0x01000000
    MeshEdge = 0x02000000
    MeshFace = 0x04000000
    Cage = 0x08000000
    Phantom = 0x10000000
    ClipPlane = 0x20000000
    Extrusion = 0x40000000
    AnyObject = 0xFFFFFFFF


setattr(ObjectType, "None", ObjectType.None_)  # `ObjectType.None` via getattr only (keyword)

_TYPE_OF_KIND = {
    "point": ObjectType.Point, "pointcloud": ObjectType.PointSet, "curve": ObjectType.Curve,
    "surface": ObjectType.Surface, "brep": ObjectType.Brep, "extrusion": ObjectType.Extrusion,
    "mesh": ObjectType.Mesh, "textdot": ObjectType.TextDot, "subd": ObjectType.SubD,
    "hatch": ObjectType.Hatch, "annotation": ObjectType.Annotation,
    "instance": ObjectType.InstanceReference, "light": ObjectType.Light,
}


def object_type(geometry) -> ObjectType:
    """The ObjectType Rhino reports for a geometry object (a one-face brep is a Surface)."""
    k = _kind(geometry)
    if k == "brep" and len(geometry.Faces) == 1:
        return ObjectType.Surface
    return _TYPE_OF_KIND.get(k, ObjectType.None_)


class RhinoObject(object):
    """A script's view of one document object (what `sc.doc.Objects.Find(id)` returns)."""

    def __init__(self, doc, oid: uuid.UUID):
        self._doc = doc
        self._id = oid
        self._geometry = None
        self._attributes = None

    def _obj(self):
        obj = self._doc.find(self._id)
        if obj is None:
            raise ValueError("object %s is no longer in the document" % self._id)
        return obj

    @property
    def Id(self) -> uuid.UUID:
        return self._id

    @property
    def Document(self):
        return self._doc

    @property
    def Geometry(self):
        if self._geometry is None:
            self._geometry = self._doc.geometry_copy(self._id)
        return self._geometry

    @property
    def Attributes(self) -> _r.ObjectAttributes:
        if self._attributes is None:
            self._attributes = self._doc.attributes_copy(self._id)
        return self._attributes

    @Attributes.setter
    def Attributes(self, value) -> None:
        self._attributes = value

    def CommitChanges(self) -> bool:
        """Write a changed `Attributes` back to the document."""
        if self._attributes is None:
            return True
        return bool(self._doc.set_attributes(self._id, self._attributes))

    @property
    def ObjectType(self) -> ObjectType:
        return object_type(self._obj().geometry)

    @property
    def Name(self) -> str:
        return self._obj().name

    @property
    def IsDeleted(self) -> bool:
        return self._doc.find(self._id) is None

    @property
    def IsHidden(self) -> bool:
        return not self._obj().visible

    @property
    def IsLocked(self) -> bool:
        return self._obj().locked

    @property
    def Visible(self) -> bool:
        return self._obj().visible

    @property
    def IsNormal(self) -> bool:
        obj = self._obj()
        return obj.visible and not obj.locked

    def IsSelected(self, checkSubObjects: bool = False) -> int:
        return 1 if self._obj().selected else 0

    def IsSelectable(self, *args) -> bool:
        obj = self._obj()
        return obj.visible and not obj.locked

    def Select(self, on: bool = True, *args) -> int:
        return self._doc.select([self._id], bool(on))

    def GetGroupList(self):
        return self._doc.object_groups(self._id)

    def DuplicateGeometry(self):
        return self._doc.geometry_copy(self._id)

    def __eq__(self, other):
        return isinstance(other, RhinoObject) and other._id == self._id and other._doc is self._doc

    def __hash__(self):
        return hash(self._id)

    def __repr__(self):
        return "%s (%s)" % (type(self).__name__, self._id)


class PointObject(RhinoObject):
    pass


class PointCloudObject(RhinoObject):
    pass


class CurveObject(RhinoObject):
    @property
    def CurveGeometry(self):
        return self.Geometry


class SurfaceObject(RhinoObject):
    pass


class BrepObject(RhinoObject):
    @property
    def BrepGeometry(self):
        return self.Geometry


class ExtrusionObject(RhinoObject):
    pass


class MeshObject(RhinoObject):
    @property
    def MeshGeometry(self):
        return self.Geometry


class TextDotObject(RhinoObject):
    pass


_CLASS_OF_KIND = {"point": PointObject, "pointcloud": PointCloudObject, "curve": CurveObject,
                  "surface": SurfaceObject, "brep": BrepObject, "extrusion": ExtrusionObject,
                  "mesh": MeshObject, "textdot": TextDotObject}


def rhino_object(doc, oid) -> "RhinoObject":
    """The RhinoObject view of one document object, or None when the id is unknown."""
    obj = doc.find(oid)
    if obj is None:
        return None
    return _CLASS_OF_KIND.get(obj.kind, RhinoObject)(doc, obj.id)


class Layer(object):
    """RhinoCommon's Layer. `Layer()` is a new, detached layer for `sc.doc.Layers.Add(layer)`;
    a layer from `sc.doc.Layers[i]` is a live view whose setters change the document."""

    def __init__(self, _doc=None, _index: int = -1):
        self._doc = _doc
        self._index = _index
        self._own = None
        if _doc is None:
            self._own = _r.Layer()
            self._own.Id = uuid.uuid4()
            self._own.Name = ""

    @staticmethod
    def GetDefaultLayerProperties() -> "Layer":
        return Layer()

    def _layer(self) -> _r.Layer:
        if self._own is not None:
            return self._own
        layer = self._doc.layer(self._index)
        if layer is None:
            raise ValueError("layer %d is deleted" % self._index)
        return layer

    def _set(self, field, value):
        if self._own is not None:
            if field in ("Color", "PlotColor"):
                value = _to_color(value)
            setattr(self._own, field, value)
        else:
            self._doc.modify_layer(self._index, **{field: value})

    # read/write values
    Name = property(lambda self: self._layer().Name, lambda self, v: self._set("Name", str(v)))
    Color = property(lambda self: _color_out(self._layer().Color), lambda self, v: self._set("Color", v))
    PlotColor = property(lambda self: _color_out(self._layer().PlotColor), lambda self, v: self._set("PlotColor", v))
    PlotWeight = property(lambda self: self._layer().PlotWeight, lambda self, v: self._set("PlotWeight", float(v)))
    IsVisible = property(lambda self: self._layer().Visible, lambda self, v: self._set("Visible", bool(v)))
    IsLocked = property(lambda self: self._layer().Locked, lambda self, v: self._set("Locked", bool(v)))
    IsExpanded = property(lambda self: self._layer().Expanded, lambda self, v: self._set("Expanded", bool(v)))
    ParentLayerId = property(lambda self: self._layer().ParentLayerId,
                             lambda self, v: self._set("ParentLayerId", v or NIL))
    LinetypeIndex = property(lambda self: self._layer().LinetypeIndex, lambda self, v: self._set("LinetypeIndex", int(v)))
    RenderMaterialIndex = property(lambda self: self._layer().RenderMaterialIndex,
                                   lambda self, v: self._set("RenderMaterialIndex", int(v)))

    @property
    def Id(self) -> uuid.UUID:
        return self._layer().Id

    @property
    def Index(self) -> int:
        return self._index

    @property
    def FullPath(self) -> str:
        if self._own is not None:
            return self._own.Name
        return self._doc.layer_full_path(self._index)

    @property
    def IsDeleted(self) -> bool:
        return self._own is None and self._doc.layer(self._index) is None

    def SetUserString(self, key, value) -> bool:
        if self._own is not None:
            return self._own.SetUserString(key, value)
        return self._doc.modify_layer(self._index, user_strings={key: value})

    def GetUserString(self, key):
        return self._layer().GetUserString(key)

    def CommitChanges(self) -> bool:
        return True  # setters already wrote to the document

    def GetChildren(self):
        if self._own is not None:
            return []
        return [Layer(self._doc, i) for i in self._doc.layer_children(self._index)]

    def __eq__(self, other):
        return isinstance(other, Layer) and other._layer() is self._layer()

    def __hash__(self):
        return hash(self.Id)

    def __repr__(self):
        return "Layer(%r)" % self.FullPath


def _color_out(rgba):
    from ...System.Drawing import Color
    return Color(rgba[0], rgba[1], rgba[2], rgba[3])


class _ColorProperty(property):
    """Marks a rhino3dm colour property that was already wrapped."""


def _colors_as_system_color(cls, *names):
    """RhinoCommon's colour properties are System.Drawing.Color: make rhino3dm's return one (it is
    also the (r, g, b, a) tuple rhino3dm gave, so nothing else changes) and take one, a tuple or
    an int. Done once, on the rhino3dm classes themselves."""
    for name in names:
        native = cls.__dict__.get(name)
        if native is None or isinstance(native, _ColorProperty):
            continue  # already done
        setattr(cls, name, _ColorProperty(
            lambda self, _n=native: _color_out(_n.__get__(self)),
            lambda self, value, _n=native: _n.__set__(self, _to_color(value)),
            doc="%s as System.Drawing.Color" % name))


_colors_as_system_color(_r.ObjectAttributes, "ObjectColor", "PlotColor")
_colors_as_system_color(_r.Layer, "Color", "PlotColor")


from . import Tables  # noqa: E402,F401  (sc.doc.Objects & co; imported last: it uses the names above)
