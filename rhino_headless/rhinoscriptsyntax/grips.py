"""rhinoscriptsyntax.grips, headless: object grips (control points) without the viewports.

Grips exist for points and text dots (1), lines (2 ends), polylines (vertices), other curves
(the NURBS control points), untrimmed one-face surfaces (the NURBS control points, u-major) and
meshes (vertices), as in Rhino. Moving grips changes the geometry through the document, so it
is journaled; a curve or surface that is not NURBS becomes NURBS, as Rhino's grip editing does.
Which objects have grips on and which grips are selected is view state, kept per document and
not journaled (like Rhino's). Picking grips (GetObjectGrip/s) takes scripted answers
[id, index] (or a list of them).
"""
import rhino3dm

from ._lookup import doc, rhino_object


def _state():
    d = doc()
    state = getattr(d, "_rs_grips", None)
    if state is None:
        state = {}  # object id -> set of selected grip indices (present = grips on)
        d._rs_grips = state
    return state


def _point(x, y, z):
    from ..Rhino.Geometry import Point3d
    return Point3d(x, y, z)


def _xyz(p):
    if hasattr(p, "X"):
        return float(p.X), float(p.Y), float(p.Z)
    return tuple(float(c) for c in p)


def _surface(geom):
    if isinstance(geom, rhino3dm.Brep):
        return geom.Faces[0].UnderlyingSurface() if geom.IsSurface else None
    return geom if isinstance(geom, rhino3dm.Surface) else None


def _locations(geom):
    """Grip locations of a geometry, or None when it has no grips."""
    if isinstance(geom, rhino3dm.Point):
        return [_xyz(geom.Location)]
    if isinstance(geom, rhino3dm.TextDot):
        return [_xyz(geom.Point)]
    if isinstance(geom, rhino3dm.Mesh):
        return [_xyz(geom.Vertices.Point3dAt(i)) for i in range(len(geom.Vertices))]
    if isinstance(geom, rhino3dm.LineCurve):
        return [_xyz(geom.PointAtStart), _xyz(geom.PointAtEnd)]
    if isinstance(geom, rhino3dm.PolylineCurve):
        return [_xyz(geom.Point(i)) for i in range(geom.PointCount)]
    if isinstance(geom, rhino3dm.Curve):
        pts = geom.ToNurbsCurve().Points
        return [(p.X / p.W, p.Y / p.W, p.Z / p.W) for p in (pts[i] for i in range(len(pts)))]
    srf = _surface(geom)
    if srf is not None:
        n = srf.ToNurbsSurface()
        out = []
        for i in range(n.Points.CountU):
            for j in range(n.Points.CountV):
                p = n.Points[i, j]
                out.append((p.X / p.W, p.Y / p.W, p.Z / p.W))
        return out
    return None


def _moved(geom, points):
    """A copy of `geom` with its grips at `points` (same count)."""
    if isinstance(geom, rhino3dm.Point):
        return rhino3dm.Point(rhino3dm.Point3d(*points[0]))
    if isinstance(geom, rhino3dm.TextDot):
        dot = geom.Duplicate()
        dot.Point = rhino3dm.Point3d(*points[0])
        return dot
    if isinstance(geom, rhino3dm.Mesh):
        mesh = geom.Duplicate()
        for i, p in enumerate(points):
            mesh.Vertices.SetPoint3dAt(i, rhino3dm.Point3d(*p))
        return mesh
    if isinstance(geom, rhino3dm.LineCurve):
        return rhino3dm.LineCurve(rhino3dm.Point3d(*points[0]), rhino3dm.Point3d(*points[1]))
    if isinstance(geom, rhino3dm.PolylineCurve):
        return rhino3dm.PolylineCurve([rhino3dm.Point3d(*p) for p in points])
    if isinstance(geom, rhino3dm.Curve):
        nurbs = geom.ToNurbsCurve()
        for i, (x, y, z) in enumerate(points):
            w = nurbs.Points[i].W
            nurbs.Points[i] = rhino3dm.Point4d(x * w, y * w, z * w, w)
        return nurbs
    nurbs = _surface(geom).ToNurbsSurface()
    k = 0
    for i in range(nurbs.Points.CountU):
        for j in range(nurbs.Points.CountV):
            x, y, z = points[k]
            w = nurbs.Points[i, j].W
            nurbs.Points[i, j] = rhino3dm.Point4d(x * w, y * w, z * w, w)
            k += 1
    return rhino3dm.Brep.CreateFromSurface(nurbs) if isinstance(geom, rhino3dm.Brep) else nurbs


def _on(object_id):
    """(object, grip locations) when the object's grips are on, else (object, None)."""
    obj = rhino_object(object_id, True)
    if obj.id not in _state():
        return obj, None
    return obj, _locations(obj.geometry)


# ---- turning grips on and off ---------------------------------------------------------------

def EnableObjectGrips(object_id, enable=True):
    """Turns an object's grips on (objects without grips stay off) or off."""
    obj = rhino_object(object_id, True)
    state = _state()
    if enable and _locations(obj.geometry) is not None:
        state.setdefault(obj.id, set())
    elif not enable:
        state.pop(obj.id, None)
    return None


def ObjectGripsOn(object_id):
    return rhino_object(object_id, True).id in _state()


def ObjectGripCount(object_id):
    """Number of grips, or None when the object's grips are off."""
    obj, grips = _on(object_id)
    return len(grips) if grips else None


# ---- locations -------------------------------------------------------------------------------

def ObjectGripLocation(object_id, index, point=None):
    """A grip's location; with `point`, moves the grip and returns the old location."""
    obj, grips = _on(object_id)
    if not grips or index < 0 or index >= len(grips):
        return None
    old = _point(*grips[index])
    if point:
        grips[index] = _xyz(point)
        doc().replace(obj.id, _moved(obj.geometry, grips), copy=False)
    return old


def ObjectGripLocations(object_id, points=None):
    """All grip locations; with as many `points` as grips, moves them and returns the old ones."""
    obj, grips = _on(object_id)
    if grips is None:
        return None
    old = [_point(*p) for p in grips]
    if points and len(points) == len(grips):
        doc().replace(obj.id, _moved(obj.geometry, [_xyz(p) for p in points]), copy=False)
    return old


# ---- grip selection --------------------------------------------------------------------------

def SelectObjectGrip(object_id, index):
    obj, grips = _on(object_id)
    if not grips or index < 0 or index >= len(grips):
        return False
    _state()[obj.id].add(int(index))
    return True


def SelectObjectGrips(object_id):
    """Selects all the object's grips; the count, or None when its grips are off."""
    obj, grips = _on(object_id)
    if not grips:
        return None
    _state()[obj.id].update(range(len(grips)))
    return len(grips)


def UnselectObjectGrip(object_id, index):
    obj, grips = _on(object_id)
    if not grips or index < 0 or index >= len(grips):
        return False
    _state()[obj.id].discard(int(index))
    return True


def UnselectObjectGrips(object_id):
    """Unselects the object's grips (they stay on); the count, or None when its grips are off."""
    obj, grips = _on(object_id)
    if not grips:
        return None
    _state()[obj.id].clear()
    return len(grips)


def ObjectGripsSelected(object_id):
    obj, grips = _on(object_id)
    return bool(grips) and bool(_state()[obj.id])


def SelectedObjectGrips(object_id):
    """Indices of the selected grips (None when the grips are off)."""
    obj, grips = _on(object_id)
    if grips is None:
        return None
    return sorted(_state()[obj.id])


def _neighbor(object_id, index, direction, step, enable):
    obj, grips = _on(object_id)
    if not grips or index < 0 or index >= len(grips):
        return None
    srf = _surface(obj.geometry)
    if srf is not None and not isinstance(obj.geometry, rhino3dm.Curve):
        count_v = srf.ToNurbsSurface().Points.CountV
        u, v = divmod(int(index), count_v)
        if direction == 0:
            u += step
        else:
            v += step
        if not (0 <= v < count_v) or not (0 <= u < len(grips) // count_v):
            return None
        new = u * count_v + v
    else:
        new = int(index) + step
        if not 0 <= new < len(grips):
            return None
    if enable:
        _state()[obj.id].add(new)
    return new


def NextObjectGrip(object_id, index, direction=0, enable=True):
    """The index of the next grip in u (direction 0) or v (1); selects it when `enable`."""
    return _neighbor(object_id, index, direction, 1, enable)


def PrevObjectGrip(object_id, index, direction=0, enable=True):
    return _neighbor(object_id, index, direction, -1, enable)


# ---- picking ---------------------------------------------------------------------------------

def _grip_answer(function, value):
    try:
        oid, index = value[0], int(value[1])
    except (TypeError, ValueError, IndexError):
        raise ValueError("scripted answer for rs.%s: %r is not [object id, grip index]" % (function, value))
    obj, grips = _on(oid)
    if not grips or not 0 <= index < len(grips):
        raise ValueError("scripted answer for rs.%s: %r is not a grip that is on" % (function, value))
    return obj, index, grips


def GetObjectGrip(message=None, preselect=False, select=False):
    """(owner id, grip index, location) from a scripted answer [id, index]; None on Escape."""
    answer = doc().next_answer("rs.GetObjectGrip")
    if answer is None:
        return None
    obj, index, grips = _grip_answer("GetObjectGrip", answer)
    if select:
        _state()[obj.id].add(index)
    return obj.id, index, _point(*grips[index])


def GetObjectGrips(message=None, preselect=False, select=False):
    """[(owner id, grip index, location), ...] from a scripted answer [[id, index], ...]."""
    answer = doc().next_answer("rs.GetObjectGrips")
    if not answer:
        return None
    out = []
    for value in answer:
        obj, index, grips = _grip_answer("GetObjectGrips", value)
        if select:
            _state()[obj.id].add(index)
        out.append((obj.id, index, _point(*grips[index])))
    return out
