"""rhinoscriptsyntax.selection, headless: object lists, selection state and the object pickers.

Object lists run newest object first, as Rhino's object table does (FirstObject is the object
created last); AllObjects, ObjectsByType/Name/Layer/Group include hidden objects, as the real
functions do. Pickers (GetObject ...) honour the selection when `preselect=True`; otherwise they
take the next scripted answer from `doc.answers` (an id, a list of ids for GetObjects, None for
Escape) or raise NeedsUserInputError. As in Rhino, a picker with preselect=False clears the
selection first, and after the pick the selection is cleared unless select=True (then the
picked objects are selected), exactly as rhinoscriptsyntax does.
"""
import fnmatch

import rhino3dm

from ._lookup import doc, guid, guids, layer_index, rhino_object


class filter:
    """Geometry filter codes for GetObject(s) and ObjectsByType (combine with |)."""
    allobjects = 0
    point = 1
    pointcloud = 2
    curve = 4
    surface = 8
    polysurface = 16
    mesh = 32
    light = 256
    annotation = 512
    instance = 4096
    textdot = 8192
    grip = 16384
    detail = 32768
    hatch = 65536
    morph = 131072
    subd = 262144
    cage = 134217728
    phantom = 268435456
    clippingplane = 536870912
    extrusion = 1073741824


NEEDS_RHINO = {"WindowPick": "Rhino's views"}


def _type_code(obj):
    geom = obj.geometry
    if isinstance(geom, rhino3dm.Brep):
        return filter.surface if len(geom.Faces) == 1 else filter.polysurface
    code = geom.ObjectType
    return int(code.value) if hasattr(code, "value") else int(code)


def _matches(obj, geometry_filter):
    """Rhino's filter test; an extrusion passes a surface (open, one profile) or polysurface (capped) filter."""
    if not geometry_filter:
        return True
    code = _type_code(obj)
    if code & geometry_filter:
        return True
    geom = obj.geometry
    if isinstance(geom, rhino3dm.Extrusion):
        capped = bool(geom.IsSolid)
        return bool(geometry_filter & (filter.polysurface if capped else filter.surface))
    return False


def _listed(include_lights=False, include_grips=False, normal=True, locked=True, hidden=False):
    """Objects newest first, filtered by state as Rhino's ObjectEnumeratorSettings does."""
    out = []
    d = doc()
    for obj in reversed(d.objects()):
        if obj.kind == "light" and not include_lights:
            continue
        mode = obj.attributes.Mode
        if mode == rhino3dm.ObjectMode.Hidden or not obj.attributes.Visible:
            if not hidden:
                continue
        elif mode == rhino3dm.ObjectMode.Locked:
            if not locked:
                continue
        elif not normal:
            continue
        out.append(obj)
    return out


def _ids(objs, select=False):
    ids = [o.id for o in objs]
    if select and ids:
        doc().select(ids, on=True)
    return ids


def AllObjects(select=False, include_lights=False, include_grips=False, include_references=False):
    """Ids of all objects (normal, locked and hidden), newest first."""
    return _ids(_listed(include_lights, include_grips, hidden=True), select)


def FirstObject(select=False, include_lights=False, include_grips=False):
    """The first object in the document: the one created last. None for an empty document."""
    objs = _listed(include_lights, include_grips)
    return _ids(objs[:1], select)[0] if objs else None


def LastObject(select=False, include_lights=False, include_grips=False):
    """The last object in the document: the one created first."""
    objs = _listed(include_lights, include_grips)
    return _ids(objs[-1:], select)[0] if objs else None


def NextObject(object_id, select=False, include_lights=False, include_grips=False):
    """The object after `object_id` in the document's list (the one created before it), or None."""
    current = rhino_object(object_id, True)
    objs = _listed(include_lights, include_grips)
    ids = [o.id for o in objs]
    if current.id not in ids:
        return None
    at = ids.index(current.id)
    return _ids(objs[at + 1:at + 2], select)[0] if at + 1 < len(objs) else None


def LastCreatedObjects(select=False):
    """Objects created by the most recent Rhino command; no command runs headless, so None."""
    return None


def SelectedObjects(include_lights=False, include_grips=False):
    return [o.id for o in _listed(include_lights, include_grips) if o.selected]


def UnselectAllObjects():
    return doc().unselect_all()


def InvertSelectedObjects(include_lights=False, include_grips=False, include_references=False):
    """Select what was not selected (and can be) and unselect the rest; returns the newly selected ids."""
    objs = _listed(include_lights, include_grips)
    was = [o.id for o in objs if o.selected]
    new = [o.id for o in objs if not o.selected]
    doc().select(was, on=False)
    doc().select(new, on=True)
    return [oid for oid in new if doc().find(oid).selected]


def HiddenObjects(include_lights=False, include_grips=False, include_references=False):
    """Hidden objects and objects on hidden layers."""
    d = doc()
    return [o.id for o in _listed(include_lights, include_grips, hidden=True)
            if o.attributes.Mode == rhino3dm.ObjectMode.Hidden or not d._layer_visible(o.layer_index)]


def LockedObjects(include_lights=False, include_grips=False, include_references=False):
    """Locked objects and objects on locked layers."""
    d = doc()
    return [o.id for o in _listed(include_lights, include_grips, hidden=True)
            if o.attributes.Mode == rhino3dm.ObjectMode.Locked or d._layer_locked(o.layer_index)]


def NormalObjects(include_lights=False, include_grips=False):
    return [o.id for o in _listed(include_lights, include_grips, normal=True, locked=False)]


def VisibleObjects(view=None, select=False, include_lights=False, include_grips=False):
    """Objects drawn in the (standard) views: not hidden and on visible layers."""
    if view is not None:
        from .view import _view_name
        _view_name(view)
    d = doc()
    objs = [o for o in _listed(include_lights, include_grips) if d._layer_visible(o.layer_index)]
    return _ids(objs, select)


def ObjectsByType(geometry_type, select=False, state=0):
    """Ids of objects matching a filter code; `state` 1 normal, 2 locked, 4 hidden (0: all three)."""
    geometry_type = int(geometry_type)
    state = int(state) or 7
    objs = _listed(bool(geometry_type & filter.light) or geometry_type == 0, True,
                   bool(state & 1), bool(state & 2), bool(state & 4))
    return _ids([o for o in objs if _matches(o, geometry_type)], select)


def ObjectsByLayer(layer_name, select=False):
    index = layer_index(layer_name)
    return _ids([o for o in _listed(True, hidden=True) if o.layer_index == index], select)


def ObjectsByName(name, select=False, include_lights=False, include_references=False):
    """Objects whose name matches (Rhino's name filter: case-insensitive, * and ? wildcards)."""
    pattern = str(name).lower()
    objs = [o for o in _listed(include_lights, hidden=True) if o.name and fnmatch.fnmatchcase(o.name.lower(), pattern)]
    return _ids(objs, select)


def ObjectsByGroup(group_name, select=False):
    index = doc().find_group(group_name)
    if index < 0:
        raise ValueError("%s does not exist in GroupTable" % (group_name,))
    members = set(doc().group_members(index))
    return _ids([o for o in _listed(True, hidden=True) if o.id in members], select)


def ObjectsByColor(color, select=False, include_lights=False):
    """Objects whose display colour is `color`."""
    from ._lookup import color_in
    from .object import _draw_color
    rgb = tuple(color_in(color)[:3])
    return _ids([o for o in _listed(include_lights) if tuple(_draw_color(o)[:3]) == rgb], select)


# ---- pickers ---------------------------------------------------------------------------------

def _rhino_object_facade(obj):
    try:
        return doc().Objects.Find(obj.id)
    except Exception:  # the facade is optional for custom filters
        return obj


def _custom_ok(custom_filter, obj):
    """Rhino calls the script's filter(rhino_object, geometry, component_index); an exception
    inside it accepts the object, as in rhinoscriptsyntax."""
    if custom_filter is None:
        return True
    try:
        return bool(custom_filter(_rhino_object_facade(obj), doc().geometry_copy(obj.id), None))
    except Exception:
        return True


def _check_pick(function, obj, geometry_filter, custom_filter=None):
    if not _matches(obj, geometry_filter):
        raise ValueError("scripted answer for %s: object %s does not pass the filter %d"
                         % (function, obj.id, geometry_filter))
    if not _custom_ok(custom_filter, obj):
        raise ValueError("scripted answer for %s: object %s is rejected by custom_filter" % (function, obj.id))
    if obj.locked or not obj.visible:
        raise ValueError("scripted answer for %s: object %s is hidden or locked" % (function, obj.id))


def _answer_objects(function, geometry_filter, many=False, custom_filter=None):
    """Objects from the next scripted answer; None when the answer is None (Escape)."""
    answer = doc().next_answer(function)
    if answer is None:
        return None
    values = answer if many and isinstance(answer, (list, tuple)) else [answer]
    objs = []
    for value in values:
        item = value.get("id") if isinstance(value, dict) else value
        obj = rhino_object(item)
        if obj is None:
            raise ValueError("scripted answer for %s: %r is not an object of the document" % (function, item))
        _check_pick(function, obj, geometry_filter, custom_filter)
        objs.append(obj)
    return objs


def _preselected(geometry_filter, custom_filter=None):
    out = []
    for obj in _listed():
        if obj.selected and _matches(obj, geometry_filter) and _custom_ok(custom_filter, obj):
            out.append(obj)
    return list(reversed(out))  # selection order is oldest first


def _pick(function, geometry_filter, preselect, select, many, custom_filter=None):
    """(objects, were_preselected) or (None, False) on Escape."""
    if preselect:
        pre = _preselected(geometry_filter, custom_filter)
        if pre:
            pre = pre if many else pre[:1]
            _after_pick(pre, select)
            return pre, True
    else:
        doc().unselect_all()
    objs = _answer_objects(function, geometry_filter, many, custom_filter)
    if objs is None:
        return None, False
    _after_pick(objs, select)
    return objs, False


def _after_pick(objs, select):
    """As rhinoscriptsyntax: without `select` the whole selection is cleared after the pick,
    with it the picked objects end up selected."""
    if select:
        doc().select([o.id for o in objs], on=True)
    else:
        doc().unselect_all()


def GetObject(message=None, filter=0, preselect=False, select=False, custom_filter=None, subobjects=False):
    """Pick one object: returns its id, or None when cancelled."""
    objs, _ = _pick("rs.GetObject", int(filter or 0), preselect, select, False, custom_filter)
    return objs[0].id if objs else None


def GetObjects(message=None, filter=0, group=True, preselect=False, select=False, objects=None,
               minimum_count=1, maximum_count=0, custom_filter=None):
    """Pick objects: returns their ids, or None when cancelled."""
    allowed = set(guids(objects)) if objects else None
    objs, _ = _pick("rs.GetObjects", int(filter or 0), preselect, select, True, custom_filter)
    if not objs:
        return None
    if allowed is not None:
        objs = [o for o in objs if o.id in allowed]
    if len(objs) < minimum_count or (maximum_count and len(objs) > maximum_count):
        raise ValueError("rs.GetObjects: %d objects picked, expected %d..%s"
                         % (len(objs), minimum_count, maximum_count or "any"))
    return [o.id for o in objs]


def _view():
    from .view import CurrentView
    return CurrentView()


def _pick_point(obj):
    bb = obj.geometry.GetBoundingBox()
    return bb.Center


def GetObjectEx(message=None, filter=0, preselect=False, select=False, objects=None):
    """Pick one object: (id, preselected, selection method, point, view name) or None."""
    objs, pre = _pick("rs.GetObjectEx", int(filter or 0), preselect, select, False)
    if not objs:
        return None
    obj = objs[0]
    return (obj.id, pre, 0 if pre else 1, _point3d(_pick_point(obj)), _view())


def GetObjectsEx(message=None, filter=0, group=True, preselect=False, select=False, objects=None):
    objs, pre = _pick("rs.GetObjectsEx", int(filter or 0), preselect, select, True)
    if not objs:
        return []
    return [(o.id, pre, 0 if pre else 1, _point3d(_pick_point(o)), _view()) for o in objs]


def _point3d(p):
    try:
        from ..Rhino.Geometry import Point3d
    except ImportError:
        return p
    return Point3d(p.X, p.Y, p.Z)


def GetCurveObject(message=None, preselect=False, select=False):
    """Pick a curve: [id, preselected, selection method, point, curve parameter, view name] or None.
    The picked point is the curve's start (headless has no mouse position)."""
    objs, pre = _pick("rs.GetCurveObject", filter.curve, preselect, select, False)
    if not objs:
        return None
    curve = objs[0].geometry
    t = curve.Domain.T0
    return [objs[0].id, pre, 0 if pre else 1, _point3d(curve.PointAt(t)), t, _view()]


def GetSurfaceObject(message="Select surface", preselect=False, select=False):
    """Pick a surface: [id, preselected, selection method, point, (u, v), view name] or None.
    The picked point is at the surface's domain start (headless has no mouse position)."""
    objs, pre = _pick("rs.GetSurfaceObject", filter.surface, preselect, select, False)
    if not objs:
        return None
    geom = objs[0].geometry
    srf = geom.Faces[0] if isinstance(geom, rhino3dm.Brep) else geom
    if isinstance(srf, rhino3dm.Extrusion):
        srf = srf.ToBrep(False).Faces[0]
    u, v = srf.Domain(0).T0, srf.Domain(1).T0
    return [objs[0].id, pre, 0 if pre else 1, _point3d(srf.PointAt(u, v)), (u, v), _view()]


def GetPointCoordinates(message="Select points", preselect=False):
    """Pick point objects; returns their locations."""
    ids = GetObjects(message, filter.point, preselect=preselect)
    if not ids:
        return None
    return [_point3d(doc().find(i).geometry.Location) for i in ids]
