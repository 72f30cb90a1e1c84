"""rhinoscriptsyntax.geometry, headless: points, point clouds, text dots, bounding boxes.

The first section holds the small adapters the curve, surface and mesh modules share (reading
geometry by id, adding and replacing objects, coercing points and planes). They defer to
`utility.coerce*` where that module provides them.
"""
import math
import uuid
from typing import Any, List, Optional

import numpy as np
import rhino3dm as _r

from rhino_headless import scriptcontext as sc
from rhino_headless.errors import NeedsRhinoError
from rhino_headless.document import to_uuid as _to_uuid, to_color as _to_color

NEEDS_RHINO = {
    "AddText": "Rhino's text entities (rhino3dm cannot create text)",
    "AddClippingPlane": "Rhino's views (clipping planes clip viewports)",
    "AddPictureFrame": "Rhino's picture frames and bitmap table",
    "ExplodeText": "Rhino's font engine",
    "TextObjectFont": "Rhino's text entities",
    "TextObjectHeight": "Rhino's text entities",
    "TextObjectPlane": "Rhino's text entities",
    "TextObjectPoint": "Rhino's text entities",
    "TextObjectStyle": "Rhino's text entities",
    "TextObjectText": "Rhino's text entities",
}


# ---- shared adapters (private) --------------------------------------------------------------

def _rg():
    from rhino_headless.Rhino import Geometry
    return Geometry


def _point(x, y=None, z=None):
    """A Rhino.Geometry.Point3d (shim when available) from a point-like or numbers."""
    if y is None:
        x, y, z = x[0], x[1], x[2]
    cls = getattr(_rg(), "Point3d", _r.Point3d)
    return cls(float(x), float(y), float(z))


def _vector(x, y=None, z=None):
    if y is None:
        x, y, z = x[0], x[1], x[2]
    cls = getattr(_rg(), "Vector3d", _r.Vector3d)
    return cls(float(x), float(y), float(z))


def _xyz(p) -> np.ndarray:
    return np.array([p.X, p.Y, p.Z], dtype=float)


def _is_number(v) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def _coerce_point(value, raise_on_error=False):
    """Point3d from a point, vector, (x, y[, z]) sequence, "x,y,z" string or point object id."""
    if isinstance(value, (_r.Point3d, _r.Vector3d, _r.Point3f, _r.Vector3f)):
        return _point(value.X, value.Y, value.Z)
    if isinstance(value, (_r.Point2d, _r.Vector2d)):
        return _point(value.X, value.Y, 0.0)
    if isinstance(value, _r.Point):
        return _point(value.Location.X, value.Location.Y, value.Location.Z)
    if isinstance(value, str) and value.count(",") in (1, 2):
        try:
            parts = [float(s) for s in value.split(",")]
            return _point(parts[0], parts[1], parts[2] if len(parts) > 2 else 0.0)
        except ValueError:
            pass
    if isinstance(value, (list, tuple)) and len(value) in (2, 3) and all(_is_number(v) for v in value):
        return _point(value[0], value[1], value[2] if len(value) == 3 else 0.0)
    oid = _to_uuid(value) if isinstance(value, (uuid.UUID, str)) else None
    if oid is not None:
        obj = sc.doc.find(oid)
        if obj is not None and isinstance(obj.geometry, _r.Point):
            loc = obj.geometry.Location
            return _point(loc.X, loc.Y, loc.Z)
    if raise_on_error:
        raise TypeError("Could not convert %s to a Point3d" % (value,))
    return None


def _coerce_points(values, raise_on_error=False):
    if values is None:
        if raise_on_error:
            raise TypeError("Could not convert None to a list of points")
        return None
    if isinstance(values, _r.Polyline):
        values = [values[i] for i in range(values.Count)]
    pts = [_coerce_point(v) for v in values]
    # a flat list of numbers taken three at a time (AddPointCloud accepts it)
    if pts and all(p is None for p in pts) and all(_is_number(v) for v in values) and len(values) % 3 == 0:
        pts = [_point(values[i], values[i + 1], values[i + 2]) for i in range(0, len(values), 3)]
    if any(p is None for p in pts):
        if raise_on_error:
            raise TypeError("Could not convert %s to a list of points" % (values,))
        return None
    return pts


def _coerce_vector(value, raise_on_error=False):
    p = _coerce_point(value) if not isinstance(value, (uuid.UUID,)) else None
    if p is not None:
        return _vector(p.X, p.Y, p.Z)
    if raise_on_error:
        raise TypeError("Could not convert %s to a Vector3d" % (value,))
    return None


def _plane_from(origin, xaxis, yaxis):
    cls = getattr(_rg(), "Plane", _r.Plane)
    o = _r.Point3d(float(origin[0]), float(origin[1]), float(origin[2]))
    x = _r.Vector3d(float(xaxis[0]), float(xaxis[1]), float(xaxis[2]))
    y = _r.Vector3d(float(yaxis[0]), float(yaxis[1]), float(yaxis[2]))
    try:
        return cls(o, x, y)
    except TypeError:
        return _r.Plane(o, x, y)


def _coerce_plane(value, raise_on_error=False):
    """A plane from a Plane, a point (world-XY plane there) or [origin, x, y(, z)]."""
    if isinstance(value, _r.Plane):
        return _plane_from(_xyz(value.Origin), _xyz(value.XAxis), _xyz(value.YAxis))
    p = _coerce_point(value) if value is not None and not isinstance(value, uuid.UUID) else None
    if p is not None:
        return _plane_from(_xyz(p), (1, 0, 0), (0, 1, 0))
    if isinstance(value, (list, tuple)) and len(value) in (3, 4):
        pts = [_coerce_point(v) for v in value[:3]]
        if all(q is not None for q in pts):
            return _plane_from(_xyz(pts[0]), _xyz(pts[1]), _xyz(pts[2]))
    if raise_on_error:
        raise TypeError("Could not convert %s to a Plane" % (value,))
    return None


def _plane_arrays(plane):
    """(origin, x, y, z) unit arrays of a plane."""
    o, x, y = _xyz(plane.Origin), _xyz(plane.XAxis), _xyz(plane.YAxis)
    if not (np.linalg.norm(x) > 0 and np.linalg.norm(np.cross(x, y)) > 0):
        raise ValueError("the plane's axes are zero or parallel")
    x = x / np.linalg.norm(x)
    y = y - x * (x @ y)
    y = y / np.linalg.norm(y)
    return o, x, y, np.cross(x, y)


def _guid(value, raise_on_error=True):
    oid = _to_uuid(value)
    if oid is None and raise_on_error:
        raise TypeError("Could not convert %s to a Guid" % (value,))
    return oid


def _object(object_id, raise_on_error=True):
    obj = sc.doc.find(object_id) if _to_uuid(object_id) is not None else None
    if obj is None and raise_on_error:
        raise ValueError("%s does not exist in the document" % (object_id,))
    return obj


def _geometry(object_id, raise_on_error=False):
    """The live geometry of an object id (read-only), or a geometry object passed in directly."""
    if isinstance(object_id, _r.GeometryBase):
        return object_id
    obj = sc.doc.find(object_id) if _to_uuid(object_id) is not None else None
    if obj is None:
        if raise_on_error:
            raise ValueError("unable to convert %s into geometry" % (object_id,))
        return None
    return obj.geometry


def _add(geometry) -> uuid.UUID:
    oid = sc.doc.add(geometry, copy=False)
    if oid is None:
        raise Exception("unable to add object to document")
    return oid


def _replace(object_id, geometry) -> bool:
    return sc.doc.replace(object_id, geometry, copy=False)


def _delete(object_id) -> bool:
    return sc.doc.delete(object_id)


def _tolerance() -> float:
    return float(sc.doc.tolerance)


def _id_list(values):
    """A single id or a list of ids → list of uuid.UUID."""
    if isinstance(values, (list, tuple, set)):
        return [_guid(v) for v in values]
    return [_guid(values)]


# ---- points ---------------------------------------------------------------------------------

def AddPoint(point, y=None, z=None):
    if y is not None:
        point = (point, y, z or 0.0)
    p = _coerce_point(point, True)
    return _add(_r.Point(_r.Point3d(p.X, p.Y, p.Z)))


def AddPoints(points):
    return [AddPoint(p) for p in _coerce_points(points, True)]


def IsPoint(object_id):
    return isinstance(_geometry(object_id), _r.Point)


def PointCoordinates(object_id, point=None):
    geom = _geometry(object_id, True)
    if not isinstance(geom, _r.Point):
        raise ValueError("%s is not a point object" % (object_id,))
    loc = geom.Location
    rc = _point(loc.X, loc.Y, loc.Z)
    if point is not None:
        p = _coerce_point(point, True)
        _replace(object_id, _r.Point(_r.Point3d(p.X, p.Y, p.Z)))
    return rc


# ---- point clouds ---------------------------------------------------------------------------

def _cloud(object_id) -> _r.PointCloud:
    geom = _geometry(object_id, True)
    if not isinstance(geom, _r.PointCloud):
        raise ValueError("%s is not a point cloud" % (object_id,))
    return geom


def AddPointCloud(points, colors=None):
    pts = _coerce_points(points, True)
    pc = _r.PointCloud()
    use_colors = colors and len(colors) == len(pts)
    for i, p in enumerate(pts):
        q = _r.Point3d(p.X, p.Y, p.Z)
        if use_colors:
            c = _to_color(colors[i])
            if c is None:
                raise TypeError("Could not convert %s to a color" % (colors[i],))
            pc.Add(q, tuple(c))
        else:
            pc.Add(q)
    return _add(pc)


def IsPointCloud(object_id):
    return isinstance(_geometry(object_id), _r.PointCloud)


def PointCloudCount(object_id):
    return _cloud(object_id).Count


def PointCloudPoints(object_id):
    pc = _cloud(object_id)
    return [_point(p.X, p.Y, p.Z) for p in (pc.PointAt(i) for i in range(pc.Count))]


def PointCloudHasPointColors(object_id):
    return bool(_cloud(object_id).ContainsColors)


def PointCloudHasHiddenPoints(object_id):
    return bool(_cloud(object_id).ContainsHiddenFlags)


def PointCloudPointColors(object_id, colors=[]):
    pc = _cloud(object_id)
    rc = None
    if pc.ContainsColors:
        rc = [_color_out(c) for c in pc.GetColors()]
    if colors is None:  # None clears the colours, as in Rhino
        new = _r.PointCloud([pc.PointAt(i) for i in range(pc.Count)])
        _replace(object_id, new)
    elif len(colors) == pc.Count and pc.Count:
        new = _r.PointCloud()
        for i in range(pc.Count):
            c = _to_color(colors[i])
            if c is None:
                raise TypeError("Could not convert %s to a color" % (colors[i],))
            new.Add(pc.PointAt(i), tuple(c))
        _replace(object_id, new)
    return rc


def PointCloudHidePoints(object_id, hidden=[]):
    raise NeedsRhinoError("rs.PointCloudHidePoints", "hidden point flags, which rhino3dm cannot set")


def PointCloudClosestPoints(pt_cloud, needle_points, distance):
    cloud = np.array([[p.X, p.Y, p.Z] for p in _cloud_points(pt_cloud)])
    needles = np.array([_xyz(p) for p in _coerce_points(needle_points, True)])
    if len(cloud) == 0 or len(needles) == 0:
        return None
    d = np.linalg.norm(needles[:, None, :] - cloud[None, :, :], axis=2)
    return [[int(i) for i in np.nonzero(row <= distance)[0]] for row in d]


def PointCloudKNeighbors(pt_cloud, needle_points, amount=1):
    cloud = np.array([[p.X, p.Y, p.Z] for p in _cloud_points(pt_cloud)])
    single = _coerce_point(needle_points) is not None
    needles = [_coerce_point(needle_points)] if single else _coerce_points(needle_points, True)
    needles = np.array([_xyz(p) for p in needles])
    if len(cloud) == 0 or len(needles) == 0:
        return None
    d = np.linalg.norm(needles[:, None, :] - cloud[None, :, :], axis=2)
    order = np.argsort(d, axis=1, kind="stable")[:, :amount]
    if amount == 1:
        rc = [int(row[0]) for row in order]
    else:
        rc = [[int(i) for i in row] for row in order]
    return rc


def _cloud_points(pt_cloud):
    if isinstance(pt_cloud, _r.PointCloud):
        return [pt_cloud.PointAt(i) for i in range(pt_cloud.Count)]
    if _to_uuid(pt_cloud) is not None and isinstance(_geometry(pt_cloud), _r.PointCloud):
        pc = _geometry(pt_cloud)
        return [pc.PointAt(i) for i in range(pc.Count)]
    return _coerce_points(pt_cloud, True)


def _color_out(c):
    """A System.Drawing.Color when the System shim provides one, else an (r, g, b, a) tuple."""
    try:
        from rhino_headless.System import Drawing
        return Drawing.Color.FromArgb(int(c[3]) if len(c) > 3 else 255, int(c[0]), int(c[1]), int(c[2]))
    except (ImportError, AttributeError):
        return tuple(int(v) for v in c)


# ---- text dots ------------------------------------------------------------------------------

def _dot(object_id) -> _r.TextDot:
    geom = _geometry(object_id, True)
    if not isinstance(geom, _r.TextDot):
        raise ValueError("%s is not a text dot" % (object_id,))
    return geom


def AddTextDot(text, point):
    p = _coerce_point(point, True)
    if not isinstance(text, str):
        text = str(text)
    return _add(_r.TextDot(text, _r.Point3d(p.X, p.Y, p.Z)))


def IsTextDot(object_id):
    return isinstance(_geometry(object_id), _r.TextDot)


def _dot_property(object_id, name, value, convert):
    old = _dot(object_id)
    rc = getattr(old, name)
    if value is not None:
        new = old.Duplicate()
        setattr(new, name, convert(value))
        _replace(object_id, new)
    return rc


def TextDotText(object_id, text=None):
    return _dot_property(object_id, "Text", text, str)


def TextDotFont(object_id, fontface=None):
    return _dot_property(object_id, "FontFace", fontface, str)


def TextDotHeight(object_id, height=None):
    return _dot_property(object_id, "FontHeight", height, int)


def TextDotPoint(object_id, point=None):
    dot = _dot(object_id)
    rc = _point(dot.Point.X, dot.Point.Y, dot.Point.Z)
    if point is not None:
        p = _coerce_point(point, True)
        new = dot.Duplicate()
        new.Point = _r.Point3d(p.X, p.Y, p.Z)
        _replace(object_id, new)
    return rc


def IsText(object_id):
    return isinstance(_geometry(object_id), _r.Text) if hasattr(_r, "Text") else False


def IsClippingPlane(object_id):
    geom = _geometry(object_id)
    return geom is not None and type(geom).__name__ == "ClippingPlaneSurface"


# ---- bounding boxes and comparisons ---------------------------------------------------------

def _curve_extremes(curve, axes) -> np.ndarray:
    """Min/max of a curve along each row of `axes`: samples per span refined by golden search."""
    dom = curve.Domain
    n = max(8, 16 * max(1, curve.SpanCount))
    ts = np.linspace(dom.T0, dom.T1, n + 1)
    pts = np.array([_xyz(curve.PointAt(float(t))) for t in ts])
    out = np.empty((len(axes), 2))
    for k, a in enumerate(axes):
        vals = pts @ a
        for side, pick in ((0, np.argmin), (1, np.argmax)):
            i = int(pick(vals))
            lo, hi = ts[max(i - 1, 0)], ts[min(i + 1, n)]
            sign = 1.0 if side == 0 else -1.0
            f = lambda t: sign * float(_xyz(curve.PointAt(float(t))) @ a)
            g = (math.sqrt(5) - 1) / 2
            c, d = hi - g * (hi - lo), lo + g * (hi - lo)
            fc, fd = f(c), f(d)
            for _ in range(60):
                if fc < fd:
                    hi, d, fd = d, c, fc
                    c = hi - g * (hi - lo)
                    fc = f(c)
                else:
                    lo, c, fc = c, d, fd
                    d = lo + g * (hi - lo)
                    fd = f(d)
            best = min(sign * vals[i], fc, fd)
            out[k, side] = sign * best
    return out


def _geometry_points_extent(geom, axes) -> Optional[np.ndarray]:
    """(len(axes), 2) extents of a geometry along orthonormal axes."""
    if isinstance(geom, _r.Point):
        p = _xyz(geom.Location)
        return np.array([[p @ a, p @ a] for a in axes])
    if isinstance(geom, _r.TextDot):
        p = _xyz(geom.Point)
        return np.array([[p @ a, p @ a] for a in axes])
    if isinstance(geom, _r.PointCloud):
        pts = np.array([_xyz(geom.PointAt(i)) for i in range(geom.Count)])
        if len(pts) == 0:
            return None
        v = pts @ np.array(axes).T
        return np.stack([v.min(axis=0), v.max(axis=0)], axis=1)
    if isinstance(geom, _r.Mesh):
        pts = np.array([[p.X, p.Y, p.Z] for p in geom.Vertices])
        if len(pts) == 0:
            return None
        v = pts @ np.array(axes).T
        return np.stack([v.min(axis=0), v.max(axis=0)], axis=1)
    if isinstance(geom, (_r.LineCurve, _r.PolylineCurve)):
        nc = geom.ToNurbsCurve()
        pts = np.array([_xyz(nc.Points[i]) for i in range(len(nc.Points))])
        v = pts @ np.array(axes).T
        return np.stack([v.min(axis=0), v.max(axis=0)], axis=1)
    if isinstance(geom, _r.Curve):
        return _curve_extremes(geom, axes)
    return None


def _world_bbox_of(geom):
    axes = [np.array([1.0, 0, 0]), np.array([0, 1.0, 0]), np.array([0, 0, 1.0])]
    ext = _geometry_points_extent(geom, axes)
    if ext is not None:
        return ext
    bb = geom.GetBoundingBox()
    if not bb.IsValid:
        return None
    return np.array([[bb.Min.X, bb.Max.X], [bb.Min.Y, bb.Max.Y], [bb.Min.Z, bb.Max.Z]])


# construction planes of Rhino's standard views (x axis, y axis)
_VIEW_PLANES = {"top": ((1, 0, 0), (0, 1, 0)), "perspective": ((1, 0, 0), (0, 1, 0)),
                "bottom": ((1, 0, 0), (0, -1, 0)), "front": ((1, 0, 0), (0, 0, 1)),
                "back": ((-1, 0, 0), (0, 0, 1)), "right": ((0, 1, 0), (0, 0, 1)),
                "left": ((0, -1, 0), (0, 0, 1))}


def BoundingBox(objects, view_or_plane=None, in_world_coords=True):
    plane = None
    if view_or_plane is not None:
        plane = _coerce_plane(view_or_plane)
        if plane is None and isinstance(view_or_plane, str) and view_or_plane.lower() in _VIEW_PLANES:
            plane = _plane_from((0, 0, 0), *_VIEW_PLANES[view_or_plane.lower()])
        if plane is None:
            raise NeedsRhinoError("rs.BoundingBox", "Rhino's views (a view's construction plane)")
    items = list(objects) if isinstance(objects, (list, tuple)) else [objects]
    if plane is not None:
        o, x, y, z = _plane_arrays(plane)
        axes = [x, y, z]
    else:
        o, axes = np.zeros(3), [np.array([1.0, 0, 0]), np.array([0, 1.0, 0]), np.array([0, 0, 1.0])]
    lo = np.full(3, np.inf)
    hi = np.full(3, -np.inf)
    for item in items:
        geom = _geometry(item)
        if geom is None:
            p = _coerce_point(item, True)
            ext = np.array([[_xyz(p) @ a] * 2 for a in axes])
        elif plane is None:
            ext = _world_bbox_of(geom)
        else:
            ext = _geometry_points_extent(geom, axes)
            if ext is None:
                # surfaces and breps: rhino3dm's box of the geometry moved into the plane's frame
                g = geom.Duplicate()
                xf = _r.Transform.PlaneToPlane(_r.Plane(_r.Point3d(*o), _r.Vector3d(*axes[0]),
                                                        _r.Vector3d(*axes[1])), _r.Plane.WorldXY())
                g.Transform(xf)
                bb = g.GetBoundingBox()
                ext = np.array([[bb.Min.X, bb.Max.X], [bb.Min.Y, bb.Max.Y], [bb.Min.Z, bb.Max.Z]])
                ext = ext + np.array([[o @ a] * 2 for a in axes])
        if ext is None:
            continue
        lo = np.minimum(lo, ext[:, 0])
        hi = np.maximum(hi, ext[:, 1])
    if not np.all(np.isfinite(lo)):
        return None
    corners = [(lo[0], lo[1], lo[2]), (hi[0], lo[1], lo[2]), (hi[0], hi[1], lo[2]), (lo[0], hi[1], lo[2]),
               (lo[0], lo[1], hi[2]), (hi[0], lo[1], hi[2]), (hi[0], hi[1], hi[2]), (lo[0], hi[1], hi[2])]
    if plane is None:
        return [_point(*c) for c in corners]
    if in_world_coords:
        return [_point(*(c[0] * axes[0] + c[1] * axes[1] + c[2] * axes[2])) for c in corners]
    # plane coordinates are measured from the plane's origin
    return [_point(c[0] - o @ axes[0], c[1] - o @ axes[1], c[2] - o @ axes[2]) for c in corners]


def CompareGeometry(first, second):
    a = _geometry(first, True)
    b = _geometry(second, True)
    return type(a) is type(b) and a.Encode()["data"] == b.Encode()["data"]


def Area(object_id):
    """Area of a closed planar curve, surface, polysurface or mesh."""
    geom = _geometry(object_id, True)
    if isinstance(geom, _r.Curve):
        from . import curve
        rc = curve.CurveArea(object_id)
        return rc[0] if rc else None
    if isinstance(geom, _r.Mesh):
        from . import mesh
        return mesh.MeshArea([object_id])[1]
    from . import surface
    rc = surface.SurfaceArea(object_id)
    if rc is None:
        raise Exception("unable to compute area mass properties")
    return rc[0]
