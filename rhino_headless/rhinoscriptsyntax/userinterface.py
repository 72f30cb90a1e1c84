"""rhinoscriptsyntax.userinterface, headless: pickers and dialogs answered from `doc.answers`.

Each interactive call takes the next scripted answer in order (None = the user pressed Escape,
and the function returns None) or raises NeedsUserInputError when none is left. Answers are
plain JSON values: a point [x, y, z], a number, a string, a list for multi-value pickers, an
id for object pickers. A dialog that only shows text (TextOut, a MessageBox with just OK) prints
to stdout and needs no answer.
"""
import math

from ._lookup import color_in, doc, guid, rhino_object, system_color


def _answer(function):
    return doc().next_answer("rs." + function)


def _bad(function, answer, what):
    return ValueError("scripted answer for rs.%s: %r is not %s" % (function, answer, what))


def _point(function, value):
    try:
        from ..Rhino.Geometry import Point3d
    except ImportError:
        from rhino3dm import Point3d
    if hasattr(value, "X") and hasattr(value, "Y"):
        return Point3d(float(value.X), float(value.Y), float(getattr(value, "Z", 0.0)))
    try:
        xyz = [float(v) for v in value]
    except (TypeError, ValueError):
        raise _bad(function, value, "a point [x, y, z]")
    if len(xyz) == 2:
        xyz.append(0.0)
    if len(xyz) != 3:
        raise _bad(function, value, "a point [x, y, z]")
    return Point3d(*xyz)


def _points(function, value, minimum=1):
    if not isinstance(value, (list, tuple)) or not value or not isinstance(value[0], (list, tuple)) \
            and not hasattr(value[0], "X"):
        raise _bad(function, value, "a list of points")
    pts = [_point(function, v) for v in value]
    if len(pts) < minimum:
        raise _bad(function, value, "at least %d points" % minimum)
    return pts


def _number(function, value, minimum=None, maximum=None, integer=False):
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise _bad(function, value, "a number")
    if integer and int(value) != value:
        raise _bad(function, value, "an integer")
    if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
        raise _bad(function, value, "within [%s, %s]" % (minimum, maximum))
    return int(value) if integer else float(value)


# ---- points, lines, boxes ------------------------------------------------------------------

def GetPoint(message=None, base_point=None, distance=None, in_plane=False):
    a = _answer("GetPoint")
    return None if a is None else _point("GetPoint", a)


def GetPoints(draw_lines=False, in_plane=False, message1=None, message2=None, max_points=None, base_point=None):
    a = _answer("GetPoints")
    if a is None:
        return None
    pts = _points("GetPoints", a)
    return pts[:max_points] if max_points else pts


def GetPointOnCurve(curve_id, message=None):
    rhino_object(curve_id, True)
    a = _answer("GetPointOnCurve")
    return None if a is None else _point("GetPointOnCurve", a)


def GetPointOnSurface(surface_id, message=None):
    rhino_object(surface_id, True)
    a = _answer("GetPointOnSurface")
    return None if a is None else _point("GetPointOnSurface", a)


def GetPointOnMesh(mesh_id, message=None):
    rhino_object(mesh_id, True)
    a = _answer("GetPointOnMesh")
    return None if a is None else _point("GetPointOnMesh", a)


def GetLine(mode=0, point=None, message1=None, message2=None, message3=None):
    a = _answer("GetLine")
    if a is None:
        return None
    pts = _points("GetLine", a, 2)
    return (pts[0], pts[1])


def GetPolyline(flags=3, message1=None, message2=None, message3=None, message4=None, min=2, max=0):
    a = _answer("GetPolyline")
    if a is None:
        return None
    pts = _points("GetPolyline", a, min)
    return pts[:max] if max else pts


def GetRectangle(mode=0, base_point=None, prompt1=None, prompt2=None, prompt3=None):
    """Four corner points, counter-clockwise."""
    a = _answer("GetRectangle")
    if a is None:
        return None
    pts = _points("GetRectangle", a, 2)
    if len(pts) == 2:  # two opposite corners in the world XY plane
        p, q = pts
        pts = [p, _point("GetRectangle", (q.X, p.Y, p.Z)), q, _point("GetRectangle", (p.X, q.Y, p.Z))]
    if len(pts) != 4:
        raise _bad("GetRectangle", a, "2 or 4 corner points")
    return tuple(pts)


def GetBox(mode=0, base_point=None, prompt1=None, prompt2=None, prompt3=None):
    """Eight corner points (bottom counter-clockwise, then top)."""
    a = _answer("GetBox")
    if a is None:
        return None
    pts = _points("GetBox", a, 2)
    if len(pts) == 2:
        (x0, y0, z0), (x1, y1, z1) = [(p.X, p.Y, p.Z) for p in pts]
        corners = [(x0, y0, z0), (x1, y0, z0), (x1, y1, z0), (x0, y1, z0),
                   (x0, y0, z1), (x1, y0, z1), (x1, y1, z1), (x0, y1, z1)]
        pts = [_point("GetBox", c) for c in corners]
    if len(pts) != 8:
        raise _bad("GetBox", a, "2 or 8 corner points")
    return pts


# ---- numbers, strings, choices -----------------------------------------------------------------

def GetReal(message="Number", number=None, minimum=None, maximum=None):
    a = _answer("GetReal")
    return None if a is None else _number("GetReal", a, minimum, maximum)


def GetInteger(message=None, number=None, minimum=None, maximum=None):
    a = _answer("GetInteger")
    return None if a is None else _number("GetInteger", a, minimum, maximum, integer=True)


def GetAngle(point=None, reference_point=None, default_angle_degrees=0, message=None):
    """An angle in degrees."""
    a = _answer("GetAngle")
    return None if a is None else _number("GetAngle", a)


def GetDistance(first_pt=None, distance=None, first_pt_msg='First distance point',
                second_pt_msg='Second distance point'):
    """A distance: a number, or two points whose distance is taken."""
    a = _answer("GetDistance")
    if a is None:
        return None
    if isinstance(a, (list, tuple)):
        p, q = _points("GetDistance", a, 2)[:2]
        return math.sqrt((p.X - q.X) ** 2 + (p.Y - q.Y) ** 2 + (p.Z - q.Z) ** 2)
    return _number("GetDistance", a, 0)


def GetString(message=None, defaultString=None, strings=None):
    a = _answer("GetString")
    if a is None:
        return None
    if not isinstance(a, str):
        raise _bad("GetString", a, "a string")
    if strings and a not in strings:
        lowered = [s.lower() for s in strings]
        if a.lower() not in lowered:
            raise _bad("GetString", a, "one of %r" % (list(strings),))
        a = list(strings)[lowered.index(a.lower())]
    return a


def GetBoolean(message, items, defaults):
    """A list of booleans, one per toggle item."""
    a = _answer("GetBoolean")
    if a is None:
        return None
    values = list(a) if isinstance(a, (list, tuple)) else [a]
    if len(values) != len(items) or not all(isinstance(v, bool) for v in values):
        raise _bad("GetBoolean", a, "a list of %d booleans" % len(items))
    return values


def GetColor(color=[0, 0, 0]):
    a = _answer("GetColor")
    return None if a is None else system_color(color_in(a))


def _choice(function, items, answer):
    items = list(items)
    if answer not in items:
        raise _bad(function, answer, "one of the items %r" % (items,))
    return answer


def ListBox(items, message=None, title=None, default=None):
    a = _answer("ListBox")
    return None if a is None else _choice("ListBox", items, a)


def ComboListBox(items, message=None, title=None):
    a = _answer("ComboListBox")
    return None if a is None else _choice("ComboListBox", items, a)


def MultiListBox(items, message=None, title=None, defaults=None):
    a = _answer("MultiListBox")
    if a is None:
        return None
    return [_choice("MultiListBox", items, v) for v in (a if isinstance(a, (list, tuple)) else [a])]


def CheckListBox(items, message=None, title=None):
    """items are (text, checked) pairs; the answer is the list of checked states."""
    a = _answer("CheckListBox")
    if a is None:
        return None
    texts = [i[0] for i in items]
    states = list(a) if isinstance(a, (list, tuple)) else [a]
    if len(states) != len(texts) or not all(isinstance(s, bool) for s in states):
        raise _bad("CheckListBox", a, "a list of %d booleans" % len(texts))
    return list(zip(texts, states))


def PropertyListBox(items, values, message=None, title=None):
    a = _answer("PropertyListBox")
    if a is None:
        return None
    if not isinstance(a, (list, tuple)) or len(a) != len(list(items)):
        raise _bad("PropertyListBox", a, "a list of %d values" % len(list(items)))
    return [str(v) for v in a]


def PopupMenu(items, modes=None, point=None, view=None):
    """Index of the chosen item (-1 = none)."""
    a = _answer("PopupMenu")
    if a is None:
        return -1
    return _number("PopupMenu", a, -1, len(list(items)) - 1, integer=True)


def EditBox(default_string=None, message=None, title=None):
    a = _answer("EditBox")
    return None if a is None else str(a)


def StringBox(message=None, default_value=None, title=None):
    a = _answer("StringBox")
    return None if a is None else str(a)


def RealBox(message="", default_number=None, title="", minimum=None, maximum=None):
    a = _answer("RealBox")
    return None if a is None else _number("RealBox", a, minimum, maximum)


def _path_answer(function):
    a = _answer(function)
    if a is None:
        return None
    if not isinstance(a, str):
        raise _bad(function, a, "a path")
    return a


def BrowseForFolder(folder=None, message=None, title=None):
    return _path_answer("BrowseForFolder")


def OpenFileName(title=None, filter=None, folder=None, filename=None, extension=None):
    return _path_answer("OpenFileName")


def SaveFileName(title=None, filter=None, folder=None, filename=None, extension=None):
    return _path_answer("SaveFileName")


def OpenFileNames(title=None, filter=None, folder=None, filename=None, extension=None):
    a = _answer("OpenFileNames")
    if a is None:
        return None
    return [str(p) for p in (a if isinstance(a, (list, tuple)) else [a])]


def GetLayer(title="Select Layer", layer=None, show_new_button=False, show_set_current=False):
    """A layer's full path."""
    a = _answer("GetLayer")
    if a is None:
        return None
    index = doc().find_layer(a)
    if index < 0:
        raise _bad("GetLayer", a, "a layer of the document")
    return doc().layer_full_path(index)


def GetLayers(title="Select Layers", show_new_button=False):
    a = _answer("GetLayers")
    if a is None:
        return None
    out = []
    for name in (a if isinstance(a, (list, tuple)) else [a]):
        index = doc().find_layer(name)
        if index < 0:
            raise _bad("GetLayers", name, "a layer of the document")
        out.append(doc().layer_full_path(index))
    return out


def GetLinetype(default_linetype=None, show_by_layer=False):
    from .linetype import IsLinetype
    a = _answer("GetLinetype")
    if a is None:
        return None
    if not IsLinetype(a):
        raise _bad("GetLinetype", a, "a linetype of the document")
    return a


def GetEdgeCurves(message=None, min_count=1, max_count=0, select=False):
    """[(curve id, parent id, selection point)] from answers [[curve id, parent id, [x,y,z]], ...]."""
    a = _answer("GetEdgeCurves")
    if a is None:
        return None
    return [(guid(c, True), guid(p, True), _point("GetEdgeCurves", pt)) for c, p, pt in a]


def GetMeshFaces(object_id, message="", min_count=1, max_count=0):
    rhino_object(object_id, True)
    a = _answer("GetMeshFaces")
    return None if a is None else [int(i) for i in a]


def GetMeshVertices(object_id, message="", min_count=1, max_count=0):
    rhino_object(object_id, True)
    a = _answer("GetMeshVertices")
    return None if a is None else [int(i) for i in a]


def GetCursorPos():
    """(world point, screen point, view id, client point) from an answer [x, y, z]."""
    a = _answer("GetCursorPos")
    if a is None:
        return None
    from .view import CurrentView
    return (_point("GetCursorPos", a), (0, 0), CurrentView(return_name=False), (0, 0))


# ---- output ----------------------------------------------------------------------------------

# the button a dialog returns when it offers only one choice
_ONLY_BUTTON = {0: 1}


def MessageBox(message, buttons=0, title=""):
    """Prints the message. A dialog with only OK returns 1 (OK); one with choices takes the
    scripted answer: 1 OK, 2 Cancel, 3 Abort, 4 Retry, 5 Ignore, 6 Yes, 7 No."""
    print("%s%s" % ("%s: " % title if title else "", message))
    kind = int(buttons) & 0xF
    if kind in _ONLY_BUTTON:
        return _ONLY_BUTTON[kind]
    a = _answer("MessageBox")
    if a is None:
        return None
    return _number("MessageBox", a, 1, 7, integer=True)


def TextOut(message=None, title=None):
    """Shows text in a dialog; headless it goes to stdout."""
    print("%s%s" % ("%s: " % title if title else "", message))
    return None
