"""rhinoscriptsyntax.utility, headless: the coerce* helpers, colours, points and numbers.

Same names, signatures, defaults and return conventions as Rhino 8's module. Values come back
as Rhino.Geometry shim objects (Point3d, Vector3d, Plane, Transform), colours as
System.Drawing.Color.
"""
import colorsys
import math
import numbers
import time
import uuid

import rhino3dm as _r

from .. import scriptcontext
from ..Rhino import Geometry as _rg
from ..System.Drawing import Color as _Color

_ZERO_TOLERANCE = 2.3283064365386963e-10
_clipboard = {"text": None}  # headless clipboard: lives for the process


def _doc():
    return scriptcontext.doc


def _number(x):
    return isinstance(x, numbers.Real) and not isinstance(x, bool)


def ContextIsRhino():
    """True: scripts run as if from Rhino's script editor (scriptcontext.id == 1)."""
    return scriptcontext.id == 1


def ContextIsGrasshopper():
    return scriptcontext.id == 2


def Angle(point1, point2, plane=True):
    """(xy angle, elevation, dx, dy, dz) in degrees from point1 to point2; `plane` True = world,
    False = the construction plane (world XY headless), or a plane."""
    pt1 = _point_or_point_object(point1)
    pt2 = _point_or_point_object(point2)
    if pt1 is None or pt2 is None:
        return None
    vector = pt2 - pt1
    x, y, z = vector.X, vector.Y, vector.Z
    if plane is not True:
        pl = coerceplane(plane)
        if pl is None:
            pl = _rg.Plane.WorldXY
        vfrom, vto = pt1 - pl.Origin, pt2 - pl.Origin
        x = vto * pl.XAxis - vfrom * pl.XAxis
        y = vto * pl.YAxis - vfrom * pl.YAxis
        z = vto * pl.ZAxis - vfrom * pl.ZAxis
    h = math.sqrt(x * x + y * y)
    return math.degrees(math.atan2(y, x)), math.degrees(math.atan2(z, h)), x, y, z


def _point_or_point_object(value):
    pt = coerce3dpoint(value)
    if pt is None:
        geom = coercegeometry(value)
        if isinstance(geom, _r.Point):
            loc = geom.Location
            pt = _rg.Point3d(loc.X, loc.Y, loc.Z)
    return pt


def Angle2(line1, line2):
    """(angle, reflex angle) in degrees between two lines; None for a zero-length line."""
    line1 = coerceline(line1, True)
    line2 = coerceline(line2, True)
    vec0 = line1.To - line1.From
    vec1 = line2.To - line2.From
    if not vec0.Unitize() or not vec1.Unitize():
        return None
    angle = _rg.Vector3d.VectorAngle(vec0, vec1)
    return math.degrees(angle), math.degrees(2.0 * math.pi - angle)


def ClipboardText(text=None):
    """Headless clipboard (process-local): returns the previous text, sets `text` if given."""
    rc = _clipboard["text"]
    if text:
        _clipboard["text"] = text if isinstance(text, str) else str(text)
    return rc


# ---------------------------------------------------------------------------- colours

def _hsl(color):
    h, l, s = colorsys.rgb_to_hls(color.R / 255.0, color.G / 255.0, color.B / 255.0)
    return h, s, l


def _from_hsl(h, s, l, a=255):
    r, g, b = colorsys.hls_to_rgb(h % 1.0 if h != 1.0 else 1.0, min(max(l, 0.0), 1.0), min(max(s, 0.0), 1.0))
    return _Color.FromArgb(int(a), int(round(r * 255)), int(round(g * 255)), int(round(b * 255)))


def ColorAdjustLuma(rgb, luma, scale=False):
    """Set (or with scale=True, shift) the luminance; luma in units of 0.1 percent."""
    rgb = coercecolor(rgb, True)
    h, s, l = _hsl(rgb)
    luma = luma / 1000.0
    if scale:
        luma = l + luma
    return _from_hsl(h, s, luma, rgb.A)


def ColorBlueValue(rgb):
    return coercecolor(rgb, True).B


def ColorGreenValue(rgb):
    return coercecolor(rgb, True).G


def ColorRedValue(rgb):
    return coercecolor(rgb, True).R


def ColorHLSToRGB(hls):
    """(hue, luminance, saturation) on Windows' 0..240 scale -> colour."""
    if len(hls) == 3:
        return _from_hsl(hls[0] / 240.0, hls[2] / 240.0, hls[1] / 240.0)
    if len(hls) == 4:
        return _from_hsl(hls[0] / 240.0, hls[2] / 240.0, hls[1] / 240.0, hls[3] / 240.0 * 255)
    return None


def ColorRGBToHLS(rgb):
    """(H, S, L), each in 0..1, as Rhino 8's implementation returns (Rhino.Display.ColorHSL)."""
    return _hsl(coercecolor(rgb, True))


def coercecolor(c, raise_if_bad_input=False):
    """System.Drawing.Color from a Color, (r, g, b), (r, g, b, a) or an ARGB integer."""
    if isinstance(c, _Color):
        return c
    if isinstance(c, (list, tuple)):
        if len(c) == 3:
            return _Color.FromArgb(c[0], c[1], c[2])
        if len(c) == 4:
            return _Color.FromArgb(c[3], c[0], c[1], c[2])
    if isinstance(c, int) and not isinstance(c, bool):
        return _Color.FromArgb(c)
    if raise_if_bad_input:
        raise TypeError("%s can not be converted to a Color" % (c,))
    return None


def CreateColor(color, g=None, b=None, a=None):
    if g is not None and b is not None:
        return _Color.FromArgb(int(a or 255), int(color), int(g), int(b))
    if isinstance(color, _Color):
        return _Color.FromArgb(color.A, color.R, color.G, color.B)
    return coercecolor(color, True)


# ---------------------------------------------------------------------------- numbers and points

def CullDuplicateNumbers(numbers, tolerance=None):
    """Sorted numbers with neighbours within tolerance (default: the document's) dropped."""
    count = len(numbers)
    if count < 2:
        return numbers
    if tolerance is None:
        tolerance = _doc().tolerance
    numbers = sorted(numbers)
    kept = [numbers[0]]
    for value in numbers[1:]:
        if math.fabs(kept[-1] - value) > tolerance:
            kept.append(value)
    return kept


def CullDuplicatePoints(points, tolerance=-1):
    points = coerce3dpointlist(points, True)
    if tolerance is None or tolerance < 0:
        tolerance = _ZERO_TOLERANCE
    return list(_rg.Point3d.CullDuplicates(points, tolerance))


def Distance(point1, point2):
    """Distance between two points, or a list of distances from point1 to each of point2."""
    from_pt = coerce3dpoint(point1, True)
    to_pt = coerce3dpoint(point2)
    if to_pt:
        return (to_pt - from_pt).Length
    to_pts = coerce3dpointlist(point2, True)
    distances = [(p - from_pt).Length for p in to_pts]
    if distances:
        return distances
    return None


def GetSettings(filename, section=None, entry=None):
    """Read an .ini file (configparser): sections, entries of a section, or one value."""
    import configparser
    cp = configparser.ConfigParser()
    try:
        with open(filename, encoding="utf-8") as fh:
            cp.read_file(fh)
    except (OSError, configparser.Error):
        return None
    if not section:
        return cp.sections()
    section = section.lower()
    names = {s.lower(): s for s in cp.sections()}
    if section not in names:
        return None
    if not entry:
        return cp.options(names[section])
    try:
        return cp.get(names[section], entry.lower())
    except configparser.Error:
        return None


def Polar(point, angle_degrees, distance, plane=None):
    """The point `distance` along the plane's x axis from `point`, rotated by the angle about
    the plane's z axis through `point` (world XY when no plane)."""
    point = coerce3dpoint(point, True)
    angle = math.radians(angle_degrees)
    plane = coerceplane(plane) if plane else _rg.Plane.WorldXY
    offset = _rg.Vector3d(plane.XAxis)
    offset.Unitize()
    rc = point + offset * distance
    xform = _rg.Transform.Rotation(angle, plane.ZAxis, point)
    return xform * rc


def SimplifyArray(points):
    rc = []
    for point in points:
        point = coerce3dpoint(point, True)
        rc.extend((point.X, point.Y, point.Z))
    return rc


def Sleep(milliseconds):
    """Really waits (scripts use it for pacing); the runner's deadline still applies."""
    time.sleep(milliseconds / 1000.0)


def SortPointList(points, tolerance=None):
    points = coerce3dpointlist(points, True)
    if tolerance is None:
        tolerance = _ZERO_TOLERANCE
    return list(_rg.Point3d.SortAndCullPointList(points, tolerance))


_SORT_ORDERS = ((0, 1, 2), (0, 2, 1), (1, 0, 2), (1, 2, 0), (2, 0, 1), (2, 1, 0))


def SortPoints(points, ascending=True, order=0):
    """Sort by components; order 0..5 = XYZ, XZY, YXZ, YZX, ZXY, ZYX."""
    keys = _SORT_ORDERS[order]
    pts = [coerce3dpoint(p, True) for p in points]
    return sorted(pts, key=lambda p: tuple(p[k] for k in keys), reverse=not ascending)


def Str2Pt(point):
    return coerce3dpoint(point, True)


def clamp(lowvalue, highvalue, value):
    if lowvalue >= highvalue:
        raise Exception("lowvalue must be less than highvalue")
    if value < lowvalue:
        return lowvalue
    if value > highvalue:
        return highvalue
    return value


def fxrange(start, stop, step):
    """Float version of range, stop included."""
    if step == 0:
        raise ValueError("step must not equal 0")
    x = start
    if start < stop:
        if step < 0:
            raise ValueError("step must be greater than 0")
        while x <= stop:
            yield x
            x += step
    else:
        if step > 0:
            raise ValueError("step must be less than 0")
        while x >= stop:
            yield x
            x += step


def frange(start, stop, step):
    return [x for x in fxrange(start, stop, step)]


# ---------------------------------------------------------------------------- coercion

def coerce3dpoint(point, raise_on_error=False):
    """Point3d from a point, vector, Point3f, (x, y[, z]) sequence, "x,y,z" string or point id."""
    if isinstance(point, (_r.Point3d, _r.Vector3d, _r.Point3f, _r.Vector3f)):
        return _rg.Point3d(point.X, point.Y, point.Z)
    if isinstance(point, (list, tuple)) and len(point) == 3:
        try:
            return _rg.Point3d(float(point[0]), float(point[1]), float(point[2]))
        except (TypeError, ValueError):
            if raise_on_error:
                raise
    if isinstance(point, uuid.UUID):
        obj = _doc().find(point)
        if obj is not None and isinstance(obj.geometry, _r.Point):
            loc = obj.geometry.Location
            return _rg.Point3d(loc.X, loc.Y, loc.Z)
    if isinstance(point, str):
        parts = point.split(",")
        try:
            if len(parts) == 3:
                return _rg.Point3d(float(parts[0]), float(parts[1]), float(parts[2]))
        except ValueError:
            pass
        oid = _to_uuid(point)
        if oid is not None:
            return coerce3dpoint(oid, raise_on_error)
        if raise_on_error:
            raise ValueError("Could not convert %s to a Point3d" % (point,))
        return None
    if isinstance(point, (list, tuple)) and len(point) == 2:
        try:
            return _rg.Point3d(float(point[0]), float(point[1]), 0.0)
        except (TypeError, ValueError):
            if raise_on_error:
                raise
    if isinstance(point, (_r.Point2d, _r.Vector2d)):
        return _rg.Point3d(point.X, point.Y, 0.0)
    if raise_on_error:
        raise ValueError("Could not convert %s to a Point3d" % (point,))
    return None


def _to_uuid(value):
    if isinstance(value, uuid.UUID):
        return value
    if isinstance(value, str) and len(value) > 30:
        try:
            return uuid.UUID(value.strip("{}"))
        except ValueError:
            return None
    return None


def CreatePoint(point, y=None, z=None):
    if y is not None:
        return _rg.Point3d(float(point), float(y), float(z or 0.0))
    if isinstance(point, _Color):
        return _rg.Point3d(point.R, point.G, point.B)
    return coerce3dpoint(point, True)


def coerce2dpoint(point, raise_on_error=False):
    if isinstance(point, _r.Point2d):
        return _rg.Point2d(point.X, point.Y)
    if isinstance(point, (list, tuple)) and len(point) == 2 and not isinstance(point[0], (list, _r.Point2d)):
        return _rg.Point2d(point[0], point[1])
    if isinstance(point, (_r.Vector3d, _r.Point3d)):
        return _rg.Point2d(point.X, point.Y)
    if isinstance(point, str):
        parts = point.split(",")
        return _rg.Point2d(float(parts[0]), float(parts[1]))
    if raise_on_error:
        raise ValueError("Could not convert %s to a Point2d" % (point,))
    return None


def coerce3dvector(vector, raise_on_error=False):
    if isinstance(vector, _r.Vector3d):
        return vector
    point = coerce3dpoint(vector, False)
    if point is not None:
        return _rg.Vector3d(point.X, point.Y, point.Z)
    if raise_on_error:
        raise ValueError("Could not convert %s to a Vector3d" % (vector,))
    return None


def CreateVector(vector, y=None, z=None):
    if y is not None:
        return _rg.Vector3d(float(vector), float(y), float(z or 0.0))
    if isinstance(vector, _r.Vector3d):
        return _rg.Vector3d(vector)
    return coerce3dvector(vector, True)


def coerce3dpointlist(points, raise_on_error=False):
    """A list of Point3d from points, a flat list of numbers (x, y, z, x, y, z...) or a Polyline."""
    if isinstance(points, _r.Polyline):
        return [_rg.Point3d(points[i]) for i in range(points.Count)]
    if isinstance(points, _r.Point3dList):
        return [_rg.Point3d(points[i]) for i in range(len(points))]
    if isinstance(points, (list, tuple)):
        count = len(points)
        if count > 0 and coerce3dpoint(points[0]) is not None:
            return [coerce3dpoint(p, raise_on_error) for p in points]
        if count > 2 and not isinstance(points[0], list) and all(_number(v) for v in points):
            return [_rg.Point3d(points[i * 3], points[i * 3 + 1], points[i * 3 + 2]) for i in range(count // 3)]
        if count == 0:
            return []
    elif points is not None and hasattr(points, "__iter__") and not isinstance(points, str):
        return [coerce3dpoint(p, raise_on_error) for p in points]
    if raise_on_error:
        raise ValueError("Could not convert %s to a list of points" % (points,))
    return None


def coerce2dpointlist(points):
    if points is None:
        return None
    if isinstance(points, (list, tuple)):
        count = len(points)
        if count > 0 and isinstance(points[0], _r.Point2d):
            return list(points)
        if count > 1 and not isinstance(points[0], (list, tuple)):
            return [_rg.Point2d(points[i * 2], points[i * 2 + 1]) for i in range(count // 2)]
        if count > 0 and isinstance(points[0], (list, tuple)):
            return [_rg.Point2d(p[0], p[1]) for p in points]
    return None


def coerceplane(plane, raise_on_bad_input=False):
    """Plane from a Plane, (x, y, z) (world XY at that origin), 9 numbers, or
    [origin, x point, y point] (points, as the real coerceplane reads them)."""
    if isinstance(plane, _r.Plane):
        return plane
    if isinstance(plane, (list, tuple)):
        length = len(plane)
        if length == 3 and not isinstance(plane[0], (list, tuple, _r.Point3d, _r.Vector3d)):
            rc = _rg.Plane.WorldXY
            rc.Origin = _rg.Point3d(plane[0], plane[1], plane[2])
            return rc
        if length == 9 and all(_number(v) for v in plane):
            return _rg.Plane(_rg.Point3d(*plane[0:3]), _rg.Point3d(*plane[3:6]), _rg.Point3d(*plane[6:9]))
        if length in (3, 4):
            pts = [coerce3dpoint(p) for p in plane[:3]]
            if all(p is not None for p in pts):
                return _rg.Plane(pts[0], pts[1], pts[2])
    if raise_on_bad_input:
        raise TypeError("%s can not be converted to a Plane" % (plane,))
    return None


def CreatePlane(plane_or_origin, x_axis=None, y_axis=None, ignored=None):
    if isinstance(plane_or_origin, _r.Plane):
        return _rg.Plane(plane_or_origin)
    if x_axis is not None:
        if y_axis is None:
            raise Exception("A value for the Y axis is expected if the X axis is specified.")
        origin = coerce3dpoint(plane_or_origin, True)
        return _rg.Plane(origin, coerce3dvector(x_axis, True), coerce3dvector(y_axis, True))
    return coerceplane(plane_or_origin, True)


def coercexform(xform, raise_on_bad_input=False):
    """Transform from a Transform or a 4x4 nested list."""
    if isinstance(xform, _r.Transform):
        return xform
    if isinstance(xform, (list, tuple)) and len(xform) == 4 and all(len(row) == 4 for row in xform):
        xf = _rg.Transform(0.0)
        for i in range(4):
            for j in range(4):
                xf[i, j] = xform[i][j]
        return xf
    if raise_on_bad_input:
        raise TypeError("%s can not be converted to a Transform" % (xform,))
    return None


def CreateXform(xform):
    if isinstance(xform, _r.Transform):
        return _rg.Transform(xform)
    return coercexform(xform, True)


def coerceguid(id, raise_exception=False):
    """uuid.UUID (the headless System.Guid) from a UUID, its string, a 1-item list or an object."""
    if isinstance(id, uuid.UUID):
        return id
    if isinstance(id, str) and len(id) > 30:
        oid = _to_uuid(id)
        if oid is not None:
            return oid
    if isinstance(id, (list, tuple)) and len(id) == 1:
        return coerceguid(id[0], raise_exception)
    for attr in ("ObjectId", "Id", "id"):
        value = getattr(id, attr, None)
        if isinstance(value, uuid.UUID):
            return value
    if raise_exception:
        raise TypeError("Parameter must be a Guid or string representing a Guid")
    return None


def coerceguidlist(ids):
    if ids is None:
        return None
    if not isinstance(ids, (list, tuple)):
        ids = [ids]
    rc = [g for g in (coerceguid(i) for i in ids) if g]
    return rc or None


def coerceboundingbox(bbox, raise_on_bad_input=False):
    if isinstance(bbox, _r.BoundingBox):
        return bbox
    points = coerce3dpointlist(bbox)
    if points:
        return _rg.BoundingBox(points)
    if raise_on_bad_input:
        raise TypeError("%s can not be converted to a BoundingBox" % (bbox,))
    return None


def coerceline(line, raise_if_bad_input=False):
    """Line from a Line, a linear curve (or its id) or two points."""
    if isinstance(line, _r.Line):
        return line
    guid = coerceguid(line, False)
    if guid:
        line = _doc().geometry_copy(guid)
    if isinstance(line, _r.Curve) and line.IsLinear():
        return _rg.Line(line.PointAtStart, line.PointAtEnd)
    points = coerce3dpointlist(line, False) if line is not None else None
    if points and len(points) > 1:
        return _rg.Line(points[0], points[1])
    if raise_if_bad_input:
        raise TypeError("%s can not be converted to a Line" % (line,))
    return None


def coercegeometry(id, raise_if_missing=False):
    """The geometry of a document object (a duplicate, as RhinoCommon hands out const geometry)."""
    if isinstance(id, _r.GeometryBase):
        return id
    geometry = getattr(id, "Geometry", None)
    if isinstance(geometry, _r.GeometryBase):
        return geometry
    oid = coerceguid(id, raise_if_missing)
    if oid:
        geometry = _doc().geometry_copy(oid)
        if geometry is not None:
            return geometry
    if raise_if_missing:
        raise ValueError("unable to convert %s into geometry" % (id,))
    return None


def coercebrep(id, raise_if_missing=False):
    geom = coercegeometry(id, False)
    if isinstance(geom, _r.Brep):
        return geom
    if isinstance(geom, _r.Extrusion):
        return geom.ToBrep(True)
    if raise_if_missing:
        raise ValueError("unable to convert %s into Brep geometry" % (id,))
    return None


def coercecurve(id, segment_index=-1, raise_if_missing=False):
    if isinstance(id, _r.Curve):
        return id
    oid = coerceguid(id, True)
    curve = _doc().geometry_copy(oid)
    if curve is not None:
        if segment_index >= 0 and isinstance(curve, _r.PolyCurve):
            curve = curve.SegmentCurve(segment_index)
        if isinstance(curve, _r.Curve):
            return curve
    if raise_if_missing:
        raise ValueError("unable to convert %s into Curve geometry" % (id,))
    return None


def coercesurface(object_id, raise_if_missing=False):
    """A surface; a single-face brep counts as its face (as in the real rhinoscriptsyntax)."""
    if isinstance(object_id, _r.Surface):
        return object_id
    if isinstance(object_id, _r.Brep) and len(object_id.Faces) == 1:
        return object_id.Faces[0]
    oid = coerceguid(object_id, True)
    srf = _doc().geometry_copy(oid)
    if isinstance(srf, _r.Surface):
        return srf
    if isinstance(srf, _r.Brep) and len(srf.Faces) == 1:
        return srf.Faces[0]
    if isinstance(srf, _r.Extrusion):
        brep = srf.ToBrep(True)
        if brep is not None and len(brep.Faces) == 1:
            return brep.Faces[0]
    if raise_if_missing:
        raise ValueError("unable to convert %s into Surface geometry" % (object_id,))
    return None


def coercemesh(object_id, raise_if_missing=False):
    if isinstance(object_id, _r.Mesh):
        return object_id
    oid = coerceguid(object_id, raise_if_missing)
    if oid:
        mesh = _doc().geometry_copy(oid)
        if isinstance(mesh, _r.Mesh):
            return mesh
    if raise_if_missing:
        raise ValueError("unable to convert %s into Mesh geometry" % (object_id,))
    return None


def coercerhinoobject(object_id, raise_if_bad_input=False, raise_if_missing=False):
    """The RhinoObject (Rhino.DocObjects facade) for an id, or None."""
    from ..Rhino import DocObjects
    if isinstance(object_id, DocObjects.RhinoObject):
        return object_id
    oid = coerceguid(object_id, raise_if_bad_input)
    if oid is None:
        return None
    rc = _doc().Objects.Find(oid)
    if rc is None and raise_if_missing:
        raise ValueError("%s does not exist in ObjectTable" % (object_id,))
    return rc


def CreateInterval(interval, y=None):
    if y is not None:
        return _rg.Interval(float(interval), float(y))
    if _number(interval):
        return _rg.Interval(interval if interval < 0 else 0, interval if interval > 0 else 0)
    try:
        return _rg.Interval(interval[0], interval[1])
    except (TypeError, IndexError, KeyError):
        raise ValueError("unable to convert %s into an Interval: it cannot be indexed." % (interval,))
