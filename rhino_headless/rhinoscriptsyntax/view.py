"""rhinoscriptsyntax.view, headless: the four standard model views of a new Rhino document.

Top, Front, Right and Perspective exist with their construction planes, projections and display
modes; the current view is Perspective. Scripts can read and set cplanes, projections, the
current view and named cplanes. Cameras, zooming results, wallpapers, details and layouts need
Rhino's display pipeline (zoom/redraw calls are harmless no-ops).
View state is not part of the undo journal, as in Rhino.
"""
import uuid

import rhino3dm

from ._lookup import doc, guid

VIEWS = "Rhino's views"
NEEDS_RHINO = {name: VIEWS for name in (
    "AddDetail", "AddLayout", "CurrentDetail", "DetailLock", "DetailScale", "AddNamedView",
    "RestoreNamedView", "RotateCamera", "RotateView", "TiltView", "ViewCamera", "ViewCameraLens",
    "ViewCameraPlane", "ViewCameraTarget", "ViewCameraUp", "ViewTarget", "ViewRadius",
    "ViewNearCorners", "ViewSize", "ViewSpeedTest", "Wallpaper", "WallpaperGrayScale",
    "WallpaperHidden", "ViewDisplayModeId", "ViewDisplayModeName")}

DISPLAY_MODES = ("Wireframe", "Shaded", "Rendered", "Ghosted", "X-Ray", "Technical", "Artistic",
                 "Pen", "Arctic", "Raytraced", "Monochrome")


def _plane(kind):
    """A standard view's cplane: "WorldXY" (Top, Perspective), "Front" (x = X, y = Z), "Right" (x = Y, y = Z)."""
    Plane = _plane_class()
    axes = {"WorldXY": ((1, 0, 0), (0, 1, 0)), "Front": ((1, 0, 0), (0, 0, 1)), "Right": ((0, 1, 0), (0, 0, 1))}[kind]
    x, y = axes
    return Plane(rhino3dm.Point3d(0, 0, 0), rhino3dm.Vector3d(*x), rhino3dm.Vector3d(*y))


def _plane_class():
    try:
        from ..Rhino.Geometry import Plane
    except ImportError:  # the Geometry package re-exports it once the shim is complete
        from ..Rhino.Geometry.plane import Plane
    return Plane


class _View(object):
    def __init__(self, name, cplane, projection, display):
        self.id = uuid.uuid4()
        self.name = name
        self.cplane = cplane  # "WorldXY" or a Plane
        self.projection = projection  # 1 parallel, 2 perspective
        self.display = display
        self.grid = self.grid_axes = self.world_axes = True


def _state():
    """The view state of the current document, created on first use."""
    d = doc()
    state = getattr(d, "_rs_views", None)
    if state is None:
        views = [_View("Top", "WorldXY", 1, "Wireframe"), _View("Front", "Front", 1, "Wireframe"),
                 _View("Right", "Right", 1, "Wireframe"), _View("Perspective", "WorldXY", 2, "Shaded")]
        state = {"views": views, "current": views[3], "cplanes": {}}
        d._rs_views = state
    return state


def _find(view):
    """The view for a title or id; None for the current view; ValueError when unknown."""
    state = _state()
    if view is None:
        return state["current"]
    vid = guid(view)
    for v in state["views"]:
        if (vid is not None and v.id == vid) or (vid is None and str(view).lower() == v.name.lower()):
            return v
    raise ValueError("%s is not a view" % (view,))


def _view_name(view):
    return _find(view).name


def _cplane(v):
    return _plane(v.cplane) if isinstance(v.cplane, str) else _plane_copy(v.cplane)


def _plane_copy(p):
    return _plane_class()(p)


def CurrentView(view=None, return_name=True):
    state = _state()
    if view is None:
        v = state["current"]
        return v.name if return_name else v.id
    try:
        state["current"] = _find(view)
    except ValueError:
        return False
    return True


def IsView(view):
    try:
        _find(view)
        return view is not None
    except ValueError:
        return False


def IsViewCurrent(view):
    try:
        return _find(view) is _state()["current"]
    except ValueError:
        return False


def IsViewPerspective(view):
    return _find(view).projection == 2


def IsViewMaximized(view=None):
    _find(view)
    return False  # the standard four-view layout


def IsViewTitleVisible(view=None):
    _find(view)
    return True


def IsWallpaper(view):
    _find(view)
    return False


def IsLayout(layout):
    """The headless document has no page layouts."""
    return False


def IsDetail(layout, detail):
    raise ValueError("%s does not exist" % (layout,))


def ViewNames(return_names=True, view_type=0):
    """Titles (or ids) of the model views (view_type 0 or 2); there are no page layouts (1)."""
    if view_type == 1:
        return []
    views = _state()["views"]
    return [v.name if return_names else v.id for v in views]


def ViewTitle(view_id):
    try:
        return _find(view_id).name
    except ValueError:
        return None


def RenameView(old_title, new_title):
    v = _find(old_title)
    old = v.name
    v.name = str(new_title)
    return old


def ViewCPlane(view=None, plane=None):
    """The view's construction plane; with `plane`, sets it and returns the old one."""
    v = _find(view)
    old = _cplane(v)
    if plane is not None:
        v.cplane = _plane_copy(plane)
    return old


def ViewProjection(view=None, mode=None):
    """1 parallel, 2 perspective, 3 two-point perspective; with `mode`, sets it."""
    v = _find(view)
    old = v.projection
    if mode is not None:
        if int(mode) not in (1, 2, 3):
            return None
        v.projection = int(mode)
    return old


def ViewDisplayMode(view=None, mode=None, return_name=True):
    v = _find(view)
    old = v.display
    if mode is not None:
        names = [m.lower() for m in DISPLAY_MODES]
        if str(mode).lower() not in names:
            return None
        v.display = DISPLAY_MODES[names.index(str(mode).lower())]
    return old


def ViewDisplayModes(return_names=True):
    return list(DISPLAY_MODES)


def _toggle(view, attr, show):
    v = _find(view)
    old = getattr(v, attr)
    if show is not None:
        setattr(v, attr, bool(show))
    return old


def ShowGrid(view=None, show=None):
    return _toggle(view, "grid", show)


def ShowGridAxes(view=None, show=None):
    return _toggle(view, "grid_axes", show)


def ShowWorldAxes(view=None, show=None):
    return _toggle(view, "world_axes", show)


def ShowViewTitle(view=None, show=True):
    _find(view)
    return None


def MaximizeRestoreView(view=None):
    _find(view)
    return None


def ZoomExtents(view=None, all=False):
    if view is not None:
        _find(view)
    return None


def ZoomSelected(view=None, all=False):
    if view is not None:
        _find(view)
    return None


def ZoomBoundingBox(bounding_box, view=None, all=False):
    if view is not None:
        _find(view)
    return None


# ---- named construction planes (document state in Rhino; kept with the views here) ----------

def AddNamedCPlane(cplane_name, view=None):
    if not cplane_name:
        raise ValueError("cplane_name is empty")
    _state()["cplanes"][str(cplane_name)] = _cplane(_find(view))
    return str(cplane_name)


def DeleteNamedCPlane(name):
    return _state()["cplanes"].pop(str(name), None) is not None


def NamedCPlane(name):
    plane = _state()["cplanes"].get(str(name))
    if plane is None:
        raise ValueError("%s does not exist" % name)
    return _plane_copy(plane)


def NamedCPlanes():
    return list(_state()["cplanes"])


def RestoreNamedCPlane(cplane_name, view=None):
    plane = _state()["cplanes"].get(str(cplane_name))
    if plane is None:
        return None
    _find(view).cplane = _plane_copy(plane)
    return str(cplane_name)


def NamedViews():
    """Named views cannot be saved headless (AddNamedView needs Rhino), so there are none."""
    return []


def DeleteNamedView(name):
    return False
