"""rhinoscriptsyntax.light, headless: lights are rhino3dm Light objects in the document's object
table (listed only with include_lights, as in Rhino). Rendering them needs Rhino; creating and
editing them does not.
"""
import math

import rhino3dm

from ._lookup import color_in, doc, rhino_object, system_color

_STYLE = rhino3dm.LightStyle


def _xyz(p):
    if hasattr(p, "X"):
        return (float(p.X), float(p.Y), float(p.Z))
    v = [float(c) for c in p]
    if len(v) == 2:
        v.append(0.0)
    if len(v) != 3:
        raise ValueError("could not convert %r to a point" % (p,))
    return tuple(v)


def _p(xyz):
    from ..Rhino.Geometry import Point3d
    return Point3d(*xyz)


def _v(xyz):
    from ..Rhino.Geometry import Vector3d
    return Vector3d(*xyz)


def _sub(a, b):
    return (a[0] - b[0], a[1] - b[1], a[2] - b[2])


def _length(v):
    return math.sqrt(v[0] ** 2 + v[1] ** 2 + v[2] ** 2)


def _light(object_id):
    obj = rhino_object(object_id, True)
    if not isinstance(obj.geometry, rhino3dm.Light):
        raise ValueError("%s is not a light" % (object_id,))
    return obj, obj.geometry.Duplicate()


def _add(style, location, direction=None, **values):
    light = rhino3dm.Light()
    light.LightStyle = style
    light.Location = rhino3dm.Point3d(*location)
    if direction is not None:
        light.Direction = rhino3dm.Vector3d(*direction)
    for name, value in values.items():
        setattr(light, name, value)
    return doc().add(light, copy=False)


def _get_set(object_id, name, value, get, put):
    obj, light = _light(object_id)
    old = get(getattr(light, name))
    if value is not None:
        setattr(light, name, put(value))
        doc().replace(obj.id, light, copy=False)
    return old


# ---- adding --------------------------------------------------------------------------------------

def AddPointLight(point):
    return _add(_STYLE.WorldPoint, _xyz(point))


def AddDirectionalLight(start_point, end_point):
    start, end = _xyz(start_point), _xyz(end_point)
    return _add(_STYLE.WorldDirectional, start, _sub(end, start))


def AddSpotLight(origin, radius, apex_point):
    """A spot light at `apex_point` shining at `origin`, with a cone of `radius` there."""
    base, apex = _xyz(origin), _xyz(apex_point)
    if radius < 0:
        radius = 1.0
    direction = _sub(base, apex)
    return _add(_STYLE.WorldSpot, apex, direction,
                SpotAngleRadians=math.atan(radius / _length(direction)), HotSpot=0.5)


def AddRectangularLight(origin, width_point, height_point):
    o, w, h = _xyz(origin), _xyz(width_point), _xyz(height_point)
    width, length = _sub(w, o), _sub(h, o)
    n = (width[1] * length[2] - width[2] * length[1], width[2] * length[0] - width[0] * length[2],
         width[0] * length[1] - width[1] * length[0])
    size = _length(n)
    normal = tuple(c / size for c in n) if size else (0.0, 0.0, -1.0)
    return _add(_STYLE.WorldRectangular, o, normal, Width=rhino3dm.Vector3d(*width),
                Length=rhino3dm.Vector3d(*length))


def AddLinearLight(start_point, end_point, width=None):
    start, end = _xyz(start_point), _xyz(end_point)
    v = _sub(end, start)
    if width is None:  # half an inch in model units, as Rhino does
        from .document import UnitScale
        units = doc().unit_system
        number = int(units.value) if hasattr(units, "value") else int(units)
        width = 0.5 * (UnitScale(number, 8) if number else 1.0)
    # a unit vector perpendicular to the light's direction, scaled to the width
    axis = (1.0, 0.0, 0.0) if abs(v[0]) < 0.9 * _length(v) else (0.0, 1.0, 0.0)
    px = (v[1] * axis[2] - v[2] * axis[1], v[2] * axis[0] - v[0] * axis[2], v[0] * axis[1] - v[1] * axis[0])
    w = min(width, _length(v) / 20.0) / _length(px)
    return _add(_STYLE.WorldLinear, start, v, Length=rhino3dm.Vector3d(*v),
                Width=rhino3dm.Vector3d(*(c * w for c in px)))


# ---- queries ---------------------------------------------------------------------------------

def IsLight(object_id):
    obj = rhino_object(object_id)
    return obj is not None and isinstance(obj.geometry, rhino3dm.Light)


def _is(object_id, attr):
    return bool(getattr(_light(object_id)[1], attr))


def IsPointLight(object_id):
    return _is(object_id, "IsPointLight")


def IsSpotLight(object_id):
    return _is(object_id, "IsSpotLight")


def IsDirectionalLight(object_id):
    return _is(object_id, "IsDirectionalLight")


def IsRectangularLight(object_id):
    return _is(object_id, "IsRectangularLight")


def IsLinearLight(object_id):
    return _is(object_id, "IsLinearLight")


def IsLightEnabled(object_id):
    return _is(object_id, "IsEnabled")


def IsLightReference(object_id):
    _light(object_id)
    return False


def LightObjects():
    return [o.id for o in doc().objects() if isinstance(o.geometry, rhino3dm.Light)]


def LightCount():
    return len(LightObjects())


# ---- properties ------------------------------------------------------------------------------

def EnableLight(object_id, enable=None):
    return _get_set(object_id, "IsEnabled", enable, bool, bool)


def LightColor(object_id, color=None):
    return _get_set(object_id, "Diffuse", color, system_color, color_in)


def LightName(object_id, name=None):
    return _get_set(object_id, "Name", name, lambda n: n or "", str)


def LightLocation(object_id, location=None):
    return _get_set(object_id, "Location", location, lambda p: _p(_xyz(p)),
                    lambda p: rhino3dm.Point3d(*_xyz(p)))


def LightDirection(object_id, direction=None):
    return _get_set(object_id, "Direction", direction, lambda v: _v(_xyz(v)),
                    lambda v: rhino3dm.Vector3d(*_xyz(v)))


def SpotLightHardness(object_id, hardness=None):
    return _get_set(object_id, "HotSpot", hardness, float, float)


def SpotLightShadowIntensity(object_id, intensity=None):
    return _get_set(object_id, "ShadowIntensity", intensity, float, float)


def SpotLightRadius(object_id, radius=None):
    """The cone radius at the light's target (direction length x tan(spot angle))."""
    obj, light = _light(object_id)
    height = _length(_xyz(light.Direction))
    old = height * math.tan(light.SpotAngleRadians)
    if radius:
        light.SpotAngleRadians = math.atan(float(radius) / height)
        doc().replace(obj.id, light, copy=False)
    return old


def RectangularLightPlane(object_id):
    """(plane at the light's corner spanned by its length and width, (length, width)) or None."""
    obj, light = _light(object_id)
    if light.LightStyle != _STYLE.WorldRectangular:
        return None
    from ..Rhino.Geometry import Plane
    length, width = _xyz(light.Length), _xyz(light.Width)
    plane = Plane(_p(_xyz(light.Location)), _v(length), _v(width))
    return plane, (_length(length), _length(width))
