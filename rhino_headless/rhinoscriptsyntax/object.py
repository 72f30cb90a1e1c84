"""rhinoscriptsyntax.object, headless: object state and attributes over the HeadlessDoc.

Move/Copy/Rotate/Scale/Mirror/Shear/Orient/TransformObject(s) live in transformation.py.
Every change goes through the document's API, so the undo journal sees it.
"""
import rhino3dm

from ._lookup import color_in, doc, guid, guids, rhino_object, system_color

_MODE = rhino3dm.ObjectMode


def _targets(object_ids, collapse):
    """(single DocObject or None, list of DocObjects or None) as the real functions split them:
    one id, or a list (ObjectName/ObjectColor treat a one-item list as one id)."""
    oid = guid(object_ids)
    if oid is not None:
        return rhino_object(oid, True), None
    objs = [rhino_object(i, True) for i in object_ids]
    if collapse and len(objs) == 1:
        return objs[0], None
    return None, objs


def _attribute(object_ids, name, value, get, put, source=None, collapse=False):
    """The get/set pattern of ObjectColor, ObjectPrintWidth, ...: get one value, or set and return
    the previous value (one id) or the count (a list)."""
    single, many = _targets(object_ids, collapse)
    if value is None:
        if many is not None:
            raise ValueError("%s must be specified when a list of objects is provided" % name)
        return get(single)
    objs = many if many is not None else [single]
    new = put(value)
    previous = get(single) if single is not None else None
    for obj in objs:
        values = {name: new}
        if source:
            values.update(source)
        doc().update_attributes(obj.id, **values)
    return len(objs) if many is not None else previous


def _layer_color(index):
    layer = doc().layer(index)
    return layer.Color if layer is not None else (0, 0, 0, 255)


def _draw_color(obj):
    a = obj.attributes
    if a.ColorSource == rhino3dm.ObjectColorSource.ColorFromObject:
        return a.ObjectColor
    return _layer_color(a.LayerIndex)  # by layer, by material (no render materials), by parent


# ---- existence, deletion ---------------------------------------------------------------------

def IsObject(object_id):
    """True if the object exists; something that is not an id at all is a ValueError, as in rs."""
    guid(object_id, True)
    return rhino_object(object_id) is not None


def DeleteObject(object_id):
    return doc().delete(guid(object_id, True))


def DeleteObjects(object_ids):
    return sum(1 for oid in guids(object_ids) if doc().delete(oid))


def IsObjectValid(object_id):
    obj = rhino_object(object_id)
    return bool(obj and obj.geometry.IsValid)


def IsObjectReference(object_id):
    """Worksession references do not exist headless: every object belongs to the document."""
    rhino_object(object_id, True)
    return False


def IsLayoutObject(object_id):
    """The headless document has no page layouts: every object is in model space."""
    rhino_object(object_id, True)
    return False


def ObjectLayout(object_id, layout=None, return_name=True):
    """The object's page layout (None: model space). The headless document has no page layouts,
    so moving an object to one finds no layout and leaves it in model space, as Rhino does."""
    rhino_object(object_id, True)
    return None


def FlashObject(object_ids, style=True):
    """Flashes objects in the viewports; nothing to show headless."""
    for oid in guids(object_ids):
        rhino_object(oid, True)
    return None


# ---- type and description --------------------------------------------------------------------

def ObjectType(object_id):
    """Rhino's integer object type (rs.filter codes); a one-face brep is a surface (8)."""
    geom = rhino_object(object_id, True).geometry
    if isinstance(geom, rhino3dm.Brep) and len(geom.Faces) == 1:
        return 8
    return int(geom.ObjectType.value) if hasattr(geom.ObjectType, "value") else int(geom.ObjectType)


_DESCRIPTIONS = {"point": "point", "pointcloud": "point cloud", "curve": "curve", "surface": "surface",
                 "extrusion": "extrusion", "mesh": "polygon mesh", "textdot": "dot", "subd": "SubD",
                 "hatch": "hatch", "annotation": "annotation", "instance": "block instance",
                 "light": "light"}


def ObjectDescription(object_id):
    obj = rhino_object(object_id, True)
    geom = obj.geometry
    if isinstance(geom, rhino3dm.Brep):
        if len(geom.Faces) == 1:
            return "surface"
        return "closed polysurface" if geom.IsSolid else "open polysurface"
    return _DESCRIPTIONS.get(obj.kind, "object")


def IsObjectSolid(object_id):
    geom = rhino_object(object_id, True).geometry
    if isinstance(geom, rhino3dm.Mesh):
        return bool(geom.IsClosed)
    if isinstance(geom, (rhino3dm.Brep, rhino3dm.Extrusion)):
        return bool(geom.IsSolid)
    if isinstance(geom, rhino3dm.SubD):
        return bool(getattr(geom, "IsSolid", False))
    return False


def IsObjectInBox(object_id, box, test_mode=True):
    """True if the object's bounding box is inside `box` (8 corners or a BoundingBox);
    with test_mode=False, also when it only crosses the box."""
    geom = rhino_object(object_id, True).geometry
    bb = geom.GetBoundingBox()
    lo, hi = _box_extent(box)
    omin, omax = (bb.Min.X, bb.Min.Y, bb.Min.Z), (bb.Max.X, bb.Max.Y, bb.Max.Z)
    if test_mode:
        return all(lo[i] <= omin[i] and omax[i] <= hi[i] for i in range(3))
    return all(omin[i] <= hi[i] and lo[i] <= omax[i] for i in range(3))


def _box_extent(box):
    if hasattr(box, "Min") and hasattr(box, "Max"):
        pts = [box.Min, box.Max]
    else:
        pts = list(box)
    xyz = [(p[0], p[1], p[2]) if not hasattr(p, "X") else (p.X, p.Y, p.Z) for p in pts]
    return tuple(min(p[i] for p in xyz) for i in range(3)), tuple(max(p[i] for p in xyz) for i in range(3))


# ---- visibility, locking, selection ------------------------------------------------------------

def IsObjectHidden(object_id):
    return rhino_object(object_id, True).attributes.Mode == _MODE.Hidden


def IsObjectLocked(object_id):
    return rhino_object(object_id, True).attributes.Mode == _MODE.Locked


def IsObjectNormal(object_id):
    return rhino_object(object_id, True).attributes.Mode == _MODE.Normal


def IsObjectSelected(object_id):
    """0 not selected, 1 selected (Rhino's RhinoObject.IsSelected)."""
    return 1 if rhino_object(object_id, True).selected else 0


def IsObjectSelectable(object_id):
    obj = rhino_object(object_id, True)
    d = doc()
    return (obj.attributes.Mode == _MODE.Normal and obj.visible and d._layer_visible(obj.layer_index)
            and not d._layer_locked(obj.layer_index))


def IsVisibleInView(object_id, view=None):
    """Visible in the (standard) viewports: not hidden and on a visible layer."""
    obj = rhino_object(object_id, True)
    if view is not None:
        from .view import _view_name
        _view_name(view)  # an unknown view is an error, as in Rhino
    return obj.visible and doc()._layer_visible(obj.layer_index)


def _set_mode(object_ids, mode, only_from=None):
    count = 0
    for oid in guids(object_ids):
        obj = rhino_object(oid, True)
        current = obj.attributes.Mode
        if only_from is not None and current != only_from:
            continue
        if current != mode:
            if mode != _MODE.Normal and obj.selected:
                doc().select([obj.id], on=False)
            doc().update_attributes(obj.id, Mode=mode)
        count += 1
    return count


def HideObjects(object_ids):
    return _set_mode(object_ids, _MODE.Hidden)


def HideObject(object_id):
    return HideObjects(object_id) == 1


def ShowObjects(object_ids):
    return _set_mode(object_ids, _MODE.Normal, only_from=_MODE.Hidden)


def ShowObject(object_id):
    return ShowObjects(object_id) == 1


def LockObjects(object_ids):
    return _set_mode(object_ids, _MODE.Locked)


def LockObject(object_id):
    return LockObjects(object_id) == 1


def UnlockObjects(object_ids):
    return _set_mode(object_ids, _MODE.Normal, only_from=_MODE.Locked)


def UnlockObject(object_id):
    return UnlockObjects(object_id) == 1


def SelectObjects(object_ids):
    ids = guids(object_ids)
    for oid in ids:
        rhino_object(oid, True)
    return doc().select(ids, on=True)


def SelectObject(object_id, redraw=True):
    rhino_object(object_id, True)
    return SelectObjects(object_id) == 1


def UnselectObjects(object_ids):
    ids = guids(object_ids)
    for oid in ids:
        rhino_object(oid, True)
    return doc().select(ids, on=False)


def UnselectObject(object_id):
    return UnselectObjects(object_id) == 1


# ---- attributes --------------------------------------------------------------------------------

def ObjectName(object_id, name=None):
    def get(obj):
        return obj.attributes.Name or None
    return _attribute(object_id, "Name", name, get, str, collapse=True)


def ObjectColor(object_ids, color=None):
    return _attribute(object_ids, "ObjectColor", color, lambda o: system_color(_draw_color(o)),
                      color_in, {"ColorSource": rhino3dm.ObjectColorSource.ColorFromObject}, collapse=True)


def _source_functions(attr, enum):
    def get(obj):
        return int(getattr(obj.attributes, attr).value)

    def put(value):
        try:
            return enum(int(value))
        except (TypeError, ValueError):
            raise ValueError("%r is not a valid %s" % (value, attr))
    return get, put


def ObjectColorSource(object_ids, source=None):
    """0 by layer, 1 by object, 2 by material, 3 by parent."""
    get, put = _source_functions("ColorSource", rhino3dm.ObjectColorSource)
    return _attribute(object_ids, "ColorSource", source, get, put)


def ObjectPrintColor(object_ids, color=None):
    """The object's own print colour (whatever its print colour source)."""
    return _attribute(object_ids, "PlotColor", color, lambda o: system_color(o.attributes.PlotColor),
                      color_in, {"PlotColorSource": rhino3dm.ObjectPlotColorSource.PlotColorFromObject})


def ObjectPrintColorSource(object_ids, source=None):
    """0 by layer, 1 by object, 3 by parent."""
    get, put = _source_functions("PlotColorSource", rhino3dm.ObjectPlotColorSource)
    return _attribute(object_ids, "PlotColorSource", source, get, put)


def ObjectPrintWidth(object_ids, width=None):
    """Print width in millimetres (0 default, -1 no print)."""
    return _attribute(object_ids, "PlotWeight", width, lambda o: o.attributes.PlotWeight, float,
                      {"PlotWeightSource": rhino3dm.ObjectPlotWeightSource.PlotWeightFromObject})


def ObjectPrintWidthSource(object_ids, source=None):
    """0 by layer, 1 by object, 3 by parent."""
    get, put = _source_functions("PlotWeightSource", rhino3dm.ObjectPlotWeightSource)
    return _attribute(object_ids, "PlotWeightSource", source, get, put)


def ObjectMaterialSource(object_ids, source=None):
    """0 by layer, 1 by object, 3 by parent."""
    get, put = _source_functions("MaterialSource", rhino3dm.ObjectMaterialSource)
    return _attribute(object_ids, "MaterialSource", source, get, put)


def ObjectLinetypeSource(object_ids, source=None):
    """0 by layer, 1 by object, 3 by parent."""
    get, put = _source_functions("LinetypeSource", rhino3dm.ObjectLinetypeSource)
    return _attribute(object_ids, "LinetypeSource", source, get, put)


def ObjectLayer(object_id, layer=None):
    """The object's layer (full path); with `layer`, moves the object there and returns the old
    layer. A list of ids always needs `layer` and returns the count."""
    def put(value):
        index = doc().find_layer(value)
        if index < 0:
            raise ValueError("%s does not exist" % (value,))
        return index
    if guid(object_id) is None and not isinstance(object_id, str) and hasattr(object_id, "__len__"):
        index = put(layer)
        for obj in [rhino_object(i, True) for i in object_id]:
            doc().update_attributes(obj.id, LayerIndex=index)
        return len(object_id)
    obj = rhino_object(object_id, True)
    old = doc().layer_full_path(obj.layer_index)
    if layer:
        doc().update_attributes(obj.id, LayerIndex=put(layer))
    return old


def ObjectGroups(object_id):
    """Names of the groups the object belongs to."""
    obj = rhino_object(object_id, True)
    out = []
    for index in obj.attributes.GetGroupList() or ():
        g = doc().group(index)
        if g is not None:
            out.append(g.name)
    return out


def IsObjectInGroup(object_id, group_name=None):
    obj = rhino_object(object_id, True)
    groups = list(obj.attributes.GetGroupList() or ())
    if not groups:
        return False
    if not group_name:
        return True
    index = doc().find_group(group_name)
    if index < 0:
        raise ValueError("%s group does not exist" % group_name)
    return index in groups


def MatchObjectAttributes(target_ids, source_id=None):
    """Copy the source object's attributes (or default attributes) to the targets; returns the count."""
    if source_id is not None:
        source = rhino_object(source_id, True).attributes
    else:
        source = rhino3dm.ObjectAttributes()
    count = 0
    for oid in guids(target_ids):
        if doc().find(oid) is not None and doc().set_attributes(oid, source):
            count += 1
    return count


def ObjectMaterialIndex(object_id, material_index=None):
    """The object's render material index (-1 = Rhino's default material). With an index below
    the material count, sets it first (the material source is left as it is, as in rs)."""
    obj = rhino_object(object_id, True)
    if material_index is not None:
        from .material import _materials
        if int(material_index) < len(_materials()):
            doc().update_attributes(obj.id, MaterialIndex=int(material_index))
    return doc().find(obj.id).attributes.MaterialIndex


def ObjectLinetype(object_ids, linetype=None):
    """The object's linetype name; the headless document has only "Continuous"."""
    from .linetype import _linetype_index, _linetype_name

    def get(obj):
        a = obj.attributes
        index = a.LinetypeIndex
        if a.LinetypeSource != rhino3dm.ObjectLinetypeSource.LinetypeFromObject:
            layer = doc().layer(a.LayerIndex)
            index = layer.LinetypeIndex if layer is not None else -1
        return _linetype_name(index)
    return _attribute(object_ids, "LinetypeIndex", linetype, get, _linetype_index,
                      {"LinetypeSource": rhino3dm.ObjectLinetypeSource.LinetypeFromObject})
