"""Headless `Rhino.DocObjects.Tables`: the tables behind `sc.doc.Objects`, `.Layers`, `.Groups`,
`.Views` and `.Strings`, the common subset of RhinoCommon scripts use.

Each table is a thin adapter over the HeadlessDoc core API, so everything a script does through
`sc.doc` is journaled in the run's undo record exactly like the rhinoscriptsyntax calls.
"""
import uuid
from typing import Any, List, Optional

import rhino3dm as _r

from ....document import to_uuid
from ....errors import NeedsRhinoError
from .. import Layer, ObjectType, RhinoObject, object_type, rhino_object


# ---- value coercion (RhinoCommon shims subclass rhino3dm types; plain tuples also work) -------
def _point(value: Any) -> _r.Point3d:
    if isinstance(value, _r.Point3d):
        return value
    if hasattr(value, "X") and hasattr(value, "Y"):
        return _r.Point3d(float(value.X), float(value.Y), float(getattr(value, "Z", 0.0)))
    items = [float(v) for v in value]
    if len(items) == 2:
        items.append(0.0)
    if len(items) != 3:
        raise TypeError("cannot use %r as a Point3d" % (value,))
    return _r.Point3d(*items)


def _points(values: Any) -> List[_r.Point3d]:
    if isinstance(values, _r.Polyline):
        return [values[i] for i in range(values.Count)]
    return [_point(v) for v in values]


def _id(value: Any) -> Optional[uuid.UUID]:
    if isinstance(value, RhinoObject):
        return value.Id
    oid = to_uuid(value)
    if oid is None and hasattr(value, "ObjectId"):  # ObjRef
        oid = to_uuid(value.ObjectId)
    return oid


def _as_geometry(value: Any) -> Any:
    """rhino3dm geometry for a geometry object or a RhinoCommon value type (Line, Circle, ...)."""
    if isinstance(value, _r.GeometryBase):
        return value
    if isinstance(value, _r.Point3d):
        return _r.Point(value)
    if isinstance(value, _r.Line):
        return _r.LineCurve(value.From, value.To)
    if isinstance(value, (_r.Circle, _r.Arc)):
        return value.ToNurbsCurve()
    if isinstance(value, _r.Polyline):
        return _r.PolylineCurve(_points(value))
    if isinstance(value, _r.Sphere):
        return _r.Brep.CreateFromSphere(value)
    if isinstance(value, _r.Box):
        return _r.Brep.CreateFromBox(value)
    if hasattr(value, "ToNurbsCurve"):  # Ellipse and other shim curves
        return value.ToNurbsCurve()
    if hasattr(value, "ToBrep"):  # Box, Cone, Cylinder, Torus shims
        return _to_brep(value)
    raise TypeError("cannot add a %s to the document" % type(value).__name__)


def _to_brep(value: Any) -> Any:
    """RhinoCommon's ToBrep(capBottom, capTop) for cylinders and cones, ToBrep() for the rest."""
    try:
        return value.ToBrep()
    except TypeError:
        return value.ToBrep(True, True)


class ObjectTable(object):
    """`sc.doc.Objects`."""

    def __init__(self, doc):
        self._doc = doc

    def _add(self, geometry: Any, attributes: Any = None) -> uuid.UUID:
        return self._doc.add(_as_geometry(geometry), attributes, copy=True)

    # ---- adding ---------------------------------------------------------------------------
    def Add(self, geometry, attributes=None, *rest):
        return self._add(geometry, attributes)

    def AddPoint(self, *args):
        if len(args) >= 3 and all(isinstance(a, (int, float)) for a in args[:3]):
            return self._add(_r.Point(_r.Point3d(*[float(a) for a in args[:3]])), args[3] if len(args) > 3 else None)
        return self._add(_r.Point(_point(args[0])), args[1] if len(args) > 1 else None)

    def AddPoints(self, points, attributes=None):
        return [self._add(_r.Point(_point(p)), attributes) for p in points]

    def AddPointCloud(self, points, attributes=None):
        cloud = points if isinstance(points, _r.PointCloud) else _r.PointCloud(_points(points))
        return self._add(cloud, attributes)

    def AddLine(self, *args):
        if isinstance(args[0], _r.Line):
            return self._add(_r.LineCurve(args[0].From, args[0].To), args[1] if len(args) > 1 else None)
        return self._add(_r.LineCurve(_point(args[0]), _point(args[1])), args[2] if len(args) > 2 else None)

    def AddPolyline(self, points, attributes=None):
        return self._add(_r.PolylineCurve(_points(points)), attributes)

    def AddCurve(self, curve, attributes=None):
        return self._add(curve, attributes)

    def AddCircle(self, circle, attributes=None):
        return self._add(circle.ToNurbsCurve(), attributes)

    def AddArc(self, arc, attributes=None):
        return self._add(arc.ToNurbsCurve(), attributes)

    def AddEllipse(self, ellipse, attributes=None):
        return self._add(ellipse.ToNurbsCurve(), attributes)

    def AddSurface(self, surface, attributes=None):
        return self._add(surface, attributes)

    def AddBrep(self, brep, attributes=None, *rest):
        return self._add(brep, attributes)

    def AddExtrusion(self, extrusion, attributes=None, *rest):
        return self._add(extrusion, attributes)

    def AddMesh(self, mesh, attributes=None, *rest):
        return self._add(mesh, attributes)

    def AddSubD(self, subd, attributes=None, *rest):
        return self._add(subd, attributes)

    def AddSphere(self, sphere, attributes=None):
        return self._add(sphere, attributes)

    def AddBox(self, box, attributes=None):
        return self._add(box, attributes)

    def AddTextDot(self, *args):
        if isinstance(args[0], _r.TextDot):
            return self._add(args[0], args[1] if len(args) > 1 else None)
        return self._add(_r.TextDot(str(args[0]), _point(args[1])), args[2] if len(args) > 2 else None)

    def AddText(self, *args):
        raise NeedsRhinoError("sc.doc.Objects.AddText", "Rhino's text engine")

    # ---- finding ----------------------------------------------------------------------------
    def Find(self, oid) -> Optional[RhinoObject]:
        key = _id(oid)
        return rhino_object(self._doc, key) if key is not None else None

    FindId = Find

    def FindGeometry(self, oid):
        key = _id(oid)
        return self._doc.geometry_copy(key) if key is not None else None

    def FindByLayer(self, layer) -> List[RhinoObject]:
        if isinstance(layer, Layer):
            index = layer.Index
        else:
            index = self._doc.find_layer(layer)
        if index < 0:
            return []
        return [rhino_object(self._doc, o.id) for o in self._doc.objects() if o.layer_index == index]

    def FindByObjectType(self, filter) -> List[RhinoObject]:
        return [rhino_object(self._doc, o.id) for o in self._doc.objects()
                if object_type(o.geometry) & ObjectType(int(filter))]

    def GetObjectList(self, filter=None) -> List[RhinoObject]:
        if filter is None or not isinstance(filter, (int, ObjectType)):
            return list(self)
        return self.FindByObjectType(filter)

    def GetSelectedObjects(self, includeLights: bool = False, includeGrips: bool = False) -> List[RhinoObject]:
        return [rhino_object(self._doc, i) for i in self._doc.selected_ids()]

    def __iter__(self):
        return iter([rhino_object(self._doc, o.id) for o in self._doc.objects()])

    def __len__(self) -> int:
        return self._doc.object_count

    @property
    def Count(self) -> int:
        return self._doc.object_count

    # ---- changing ---------------------------------------------------------------------------
    def Delete(self, target, quiet: bool = True):
        if isinstance(target, (list, tuple)):
            return sum(1 for t in target if self._doc.delete(_id(t)))
        return self._doc.delete(_id(target))

    def Replace(self, target, geometry) -> bool:
        return self._doc.replace(_id(target), _as_geometry(geometry))

    def ModifyAttributes(self, target, attributes, quiet: bool = True) -> bool:
        return self._doc.set_attributes(_id(target), attributes)

    def Transform(self, target, xform, deleteOriginal: bool) -> uuid.UUID:
        oid = _id(target)
        obj = self._doc.find(oid)
        if obj is None:
            return uuid.UUID(int=0)
        geometry = obj.geometry.Duplicate()
        if not geometry.Transform(xform):
            return uuid.UUID(int=0)
        if deleteOriginal:
            self._doc.replace(oid, geometry, copy=False)
            return oid
        attrs = self._doc.attributes_copy(oid)
        attrs.Id = uuid.UUID(int=0)
        return self._doc.add(geometry, attrs, copy=False)

    def Duplicate(self, target) -> uuid.UUID:
        oid = _id(target)
        obj = self._doc.find(oid)
        if obj is None:
            return uuid.UUID(int=0)
        attrs = self._doc.attributes_copy(oid)
        attrs.Id = uuid.UUID(int=0)
        return self._doc.add(obj.geometry, attrs)

    def Select(self, target, select: bool = True, *rest):
        if isinstance(target, (list, tuple)):
            return self._doc.select([_id(t) for t in target], bool(select))
        return self._doc.select([_id(target)], bool(select)) == 1

    def Unselect(self, target, *rest) -> bool:
        return self._doc.select([_id(target)], False) == 1

    def UnselectAll(self, *rest) -> int:
        return self._doc.unselect_all()

    def _mode(self, target, mode) -> bool:
        return self._doc.update_attributes(_id(target), Mode=mode)

    def Hide(self, target, ignoreLayerMode: bool = True) -> bool:
        self._doc.select([_id(target)], False)
        return self._mode(target, _r.ObjectMode.Hidden)

    def Show(self, target, ignoreLayerMode: bool = True) -> bool:
        return self._mode(target, _r.ObjectMode.Normal)

    def Lock(self, target, ignoreLayerMode: bool = True) -> bool:
        self._doc.select([_id(target)], False)
        return self._mode(target, _r.ObjectMode.Locked)

    def Unlock(self, target, ignoreLayerMode: bool = True) -> bool:
        return self._mode(target, _r.ObjectMode.Normal)


class LayerTable(object):
    """`sc.doc.Layers`."""

    def __init__(self, doc):
        self._doc = doc

    def __getitem__(self, index: int) -> Layer:
        if not 0 <= index < self._doc.layer_table_count:
            raise IndexError("layer index %d out of range" % index)
        return Layer(self._doc, index)

    def __len__(self) -> int:
        return self._doc.layer_table_count

    def __iter__(self):
        return iter([Layer(self._doc, i) for i in self._doc.layer_indices()])

    @property
    def Count(self) -> int:
        return self._doc.layer_table_count

    @property
    def ActiveCount(self) -> int:
        return len(self._doc.layer_indices())

    def Add(self, layer=None, color=None) -> int:
        """Add(Layer) | Add(name, color) | Add(): returns the index, or -1 when the name is taken."""
        if layer is None or isinstance(layer, str):
            name = layer
            parent, visible, locked = None, True, False
        else:
            src = layer._layer()
            name, color, visible, locked = src.Name, src.Color, src.Visible, src.Locked
            parent = src.ParentLayerId if src.ParentLayerId != uuid.UUID(int=0) else None
        if name and "::" in name:
            return -1
        parent_index = self._doc.layer_index_of(parent) if parent is not None else -1
        if name and self._doc._child_named(parent_index, name) >= 0:
            return -1
        return self._doc.add_layer(name, color, visible, locked, parent_index if parent_index >= 0 else None)

    def FindByFullPath(self, path: str, notFoundReturnValue: int = -1) -> int:
        index = self._doc.find_layer(path) if "::" in str(path) or self._top_level(path) else -1
        return index if index >= 0 else notFoundReturnValue

    def _top_level(self, name) -> bool:
        index = self._doc.find_layer(name)
        return index >= 0 and self._doc.layer_parent(index) < 0

    def FindName(self, name: str, *rest) -> Optional[Layer]:
        index = self._doc.find_layer(name)
        return Layer(self._doc, index) if index >= 0 else None

    def Find(self, name, ignoreDeleted: bool = True, *rest) -> int:
        """Obsolete RhinoCommon overload: index by name, -1 when none."""
        if isinstance(name, uuid.UUID):
            return self._doc.layer_index_of(name)
        return self._doc.find_layer(name)

    def FindIndex(self, index: int) -> Optional[Layer]:
        return Layer(self._doc, index) if self._doc.layer(index) is not None else None

    def FindId(self, layer_id) -> Optional[Layer]:
        index = self._doc.layer_index_of(layer_id)
        return Layer(self._doc, index) if index >= 0 else None

    @property
    def CurrentLayerIndex(self) -> int:
        return self._doc.current_layer

    @property
    def CurrentLayer(self) -> Layer:
        return Layer(self._doc, self._doc.current_layer)

    def SetCurrentLayerIndex(self, index: int, quiet: bool = True) -> bool:
        if self._doc.layer(index) is None:
            return False
        self._doc.current_layer = index
        return True

    def Delete(self, target, quiet: bool = True) -> bool:
        index = target.Index if isinstance(target, Layer) else int(target)
        return self._doc.delete_layer(index)

    def Purge(self, index: int, quiet: bool = True) -> bool:
        return self._doc.delete_layer(index, purge=True)

    def Modify(self, layer: Layer, index: int, quiet: bool = True) -> bool:
        src = layer._layer()
        return self._doc.modify_layer(index, Name=src.Name, Color=src.Color, Visible=src.Visible,
                                      Locked=src.Locked, ParentLayerId=src.ParentLayerId)


class GroupTable(object):
    """`sc.doc.Groups`."""

    def __init__(self, doc):
        self._doc = doc

    @property
    def Count(self) -> int:
        return self._doc.group_table_count

    def __len__(self) -> int:
        return self._doc.group_table_count

    def __getitem__(self, index: int):
        if not 0 <= index < self._doc.group_table_count:
            raise IndexError("group index %d out of range" % index)
        return self._doc._groups[index]

    def __iter__(self):
        return iter(self._doc.groups())

    def Add(self, *args) -> int:
        """Add() | Add(name) | Add(ids) | Add(name, ids): the new index or -1."""
        name, ids = None, None
        for a in args:
            if isinstance(a, str):
                name = a
            elif a is not None:
                ids = a
        index = self._doc.add_group(name)
        if index >= 0 and ids is not None:
            self._doc.add_to_group([_id(i) for i in ids], index)
        return index

    def AddToGroup(self, index: int, ids) -> bool:
        targets = ids if isinstance(ids, (list, tuple)) else [ids]
        return self._doc.add_to_group([_id(i) for i in targets], index) == len(targets)

    def Find(self, name: str, *rest) -> int:
        return self._doc.find_group(name)

    def FindName(self, name: str):
        index = self._doc.find_group(name)
        return self._doc.group(index) if index >= 0 else None

    def FindIndex(self, index: int):
        return self._doc.group(index)

    def GetName(self, index: int) -> Optional[str]:
        g = self._doc.group(index)
        return g.name if g else None

    def GroupMembers(self, index: int) -> List[RhinoObject]:
        return [rhino_object(self._doc, i) for i in self._doc.group_members(index)]

    def GroupObjectCount(self, index: int) -> int:
        return len(self._doc.group_members(index))

    def Delete(self, index, *rest) -> bool:
        return self._doc.delete_group(getattr(index, "index", index))

    def ChangeGroupName(self, index: int, name: str) -> bool:
        return self._doc.rename_group(index, name)


class ViewTable(object):
    """`sc.doc.Views`: redraws are no-ops; views themselves need Rhino."""

    def __init__(self, doc):
        self._doc = doc

    def Redraw(self) -> None:
        return None

    @property
    def RedrawEnabled(self) -> bool:
        return self._doc.redraw_enabled

    @RedrawEnabled.setter
    def RedrawEnabled(self, value: bool) -> None:
        self._doc.redraw_enabled = bool(value)

    @property
    def ActiveView(self):
        raise NeedsRhinoError("sc.doc.Views.ActiveView", "Rhino's views")

    def GetViewList(self, *args):
        return []

    def __iter__(self):
        return iter([])

    def __len__(self) -> int:
        return 0


class StringTable(object):
    """`sc.doc.Strings`: document user text."""

    def __init__(self, doc):
        self._doc = doc

    def SetString(self, *args) -> Optional[str]:
        """SetString(key, value) | SetString(section, entry, value)."""
        key = args[0] if len(args) == 2 else "%s\\%s" % (args[0], args[1])
        old = self._doc.get_string(key)
        self._doc.set_string(key, args[-1])
        return old

    def GetValue(self, *args) -> Optional[str]:
        key = args[0] if len(args) == 1 else "%s\\%s" % (args[0], args[1])
        return self._doc.get_string(key)

    def Delete(self, *args) -> None:
        key = args[0] if len(args) == 1 else "%s\\%s" % (args[0], args[1])
        self._doc.set_string(key, None)

    def GetKey(self, i: int) -> str:
        return sorted(self._doc.strings)[i]

    @property
    def Count(self) -> int:
        return len(self._doc.strings)
