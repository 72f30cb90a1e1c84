"""A PNG of the headless document: top and perspective views side by side (matplotlib, Agg).

Wireframe only, as Rhino draws it: points, sampled curves, mesh wires, brep/surface/extrusion
edges plus a few isocurves, text dots with their text. Objects in `highlight` (what the script
created or changed) are drawn in orange, the rest in grey. Written atomically.
"""
from typing import Any, Iterable, List, Optional, Sequence, Tuple

import rhino3dm as _r

from .document import kind, to_uuid
from .files import open_atomic

Polyline3 = List[Tuple[float, float, float]]

CURVE_SAMPLES = 64  # points per curve span group; lines and polylines use their vertices
ISOCURVES = 3  # interior isocurves per direction on surfaces and brep faces
MAX_MESH_FACES = 20000  # beyond this, a mesh is drawn by its bounding box
HIGHLIGHT = "#e8590c"
NORMAL = "#4a4a4a"


# ---- geometry -> polylines (pure) --------------------------------------------------------------
def curve_polyline(curve: Any, samples: int = CURVE_SAMPLES) -> Polyline3:
    if isinstance(curve, _r.LineCurve):
        return [_xyz(curve.PointAtStart), _xyz(curve.PointAtEnd)]
    if isinstance(curve, _r.PolylineCurve):
        return [_xyz(curve.Point(i)) for i in range(curve.PointCount)]
    dom = curve.Domain
    n = max(2, samples * max(1, min(int(getattr(curve, "SpanCount", 1) or 1), 8)))
    return [_xyz(curve.PointAt(dom.T0 + (dom.T1 - dom.T0) * i / (n - 1))) for i in range(n)]


def surface_polylines(surface: Any, isos: int = ISOCURVES) -> List[Polyline3]:
    lines = []
    for direction in (0, 1):
        dom = surface.Domain(1 - direction)
        for i in range(isos + 2):
            t = dom.T0 + (dom.T1 - dom.T0) * i / (isos + 1)
            iso = surface.IsoCurve(direction, t)
            if iso is not None:
                lines.append(curve_polyline(iso, 24))
    return lines


def brep_polylines(brep: Any) -> Tuple[List[Polyline3], List[Polyline3]]:
    """(edges, isocurves) of a brep; isocurves of untrimmed faces only look right, so few are drawn."""
    edges = [curve_polyline(brep.Edges[i], 32) for i in range(len(brep.Edges))]
    isos = [line for i in range(len(brep.Faces)) for line in _interior_isos(brep.Faces[i])]
    return edges, isos


def _interior_isos(surface: Any) -> List[Polyline3]:
    lines = []
    for direction in (0, 1):
        dom = surface.Domain(1 - direction)
        for i in range(1, ISOCURVES + 1):
            iso = surface.IsoCurve(direction, dom.T0 + (dom.T1 - dom.T0) * i / (ISOCURVES + 1))
            if iso is not None:
                lines.append(curve_polyline(iso, 24))
    return lines


def mesh_polylines(mesh: Any) -> List[Polyline3]:
    verts = [_xyz(mesh.Vertices[i]) for i in range(len(mesh.Vertices))]
    lines = []
    for i in range(len(mesh.Faces)):
        a, b, c, d = mesh.Faces[i]
        idx = [a, b, c] if c == d else [a, b, c, d]
        lines.append([verts[j] for j in idx] + [verts[idx[0]]])
    return lines


def box_polylines(box: Any) -> List[Polyline3]:
    lo, hi = box.Min, box.Max
    c = [(x, y, z) for z in (lo.Z, hi.Z) for y in (lo.Y, hi.Y) for x in (lo.X, hi.X)]
    loops = [[c[0], c[1], c[3], c[2], c[0]], [c[4], c[5], c[7], c[6], c[4]]]
    return loops + [[c[i], c[i + 4]] for i in range(4)]


class Drawing(object):
    """Everything to draw, in plain coordinates: polylines (with weight) points and labels."""

    def __init__(self):
        self.lines = []  # type: List[Tuple[Polyline3, str, float]]
        self.points = []  # type: List[Tuple[Tuple[float, float, float], str, float]]
        self.labels = []  # type: List[Tuple[Tuple[float, float, float], str, str]]

    def all_xyz(self) -> List[Tuple[float, float, float]]:
        out = [p for line, _, _ in self.lines for p in line]
        out += [p for p, _, _ in self.points] + [p for p, _, _ in self.labels]
        return out


def drawing_of(doc: Any, highlight: Iterable[Any] = ()) -> Drawing:
    marked = {to_uuid(i) for i in highlight}
    d = Drawing()
    for obj in doc.objects(include_hidden=False):
        color = HIGHLIGHT if obj.id in marked else NORMAL
        try:
            add_geometry(d, obj.geometry, color)
        except Exception:  # geometry rhino3dm cannot evaluate: show where it is, not nothing
            box = obj.geometry.GetBoundingBox()
            if box.IsValid:
                d.lines.extend((l, color, 0.6) for l in box_polylines(box))
    return d


def add_geometry(d: Drawing, g: Any, color: str) -> None:
    k = kind(g)
    if k == "point":
        d.points.append((_xyz(g.Location), color, 18.0))
    elif k == "pointcloud":
        d.points.extend((_xyz(p), color, 4.0) for p in g.GetPoints())
    elif k == "curve":
        d.lines.append((curve_polyline(g), color, 1.2))
    elif k == "mesh":
        if len(g.Faces) > MAX_MESH_FACES:
            d.lines.extend((l, color, 0.6) for l in box_polylines(g.GetBoundingBox()))
        else:
            d.lines.extend((l, color, 0.4) for l in mesh_polylines(g))
    elif k in ("brep", "extrusion"):
        brep = g.ToBrep(False) if k == "extrusion" else g
        edges, isos = brep_polylines(brep)
        d.lines.extend((l, color, 1.2) for l in edges)
        d.lines.extend((l, color, 0.35) for l in isos)
    elif k == "surface":
        d.lines.extend((l, color, 0.5) for l in surface_polylines(g))
    elif k == "textdot":
        d.labels.append((_xyz(g.Point), g.Text, color))
    else:  # annotations, SubD, blocks...: their bounding box
        box = g.GetBoundingBox()
        if box.IsValid:
            d.lines.extend((l, color, 0.6) for l in box_polylines(box))


def _xyz(p: Any) -> Tuple[float, float, float]:
    return (float(p.X), float(p.Y), float(p.Z))


# ---- drawing -> PNG (matplotlib adapter) --------------------------------------------------------
def render_png(doc: Any, path: str, highlight: Iterable[Any] = (), size: Tuple[float, float] = (12.0, 6.0),
               dpi: int = 100, title: Optional[str] = None) -> str:
    """Draw top and perspective views of `doc` into `path` (atomic write). Returns the path."""
    import matplotlib
    matplotlib.use("Agg", force=False)
    from matplotlib.figure import Figure
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    drawing = drawing_of(doc, highlight)
    fig = Figure(figsize=size, dpi=dpi)
    FigureCanvasAgg(fig)
    top = fig.add_subplot(1, 2, 1)
    persp = fig.add_subplot(1, 2, 2, projection="3d")
    lo, hi = _extent(drawing.all_xyz())
    _draw_top(top, drawing, lo, hi, doc)
    _draw_perspective(persp, drawing, lo, hi)
    fig.suptitle(title or "%s — %d objects (%s)" % (doc.name or "headless document", doc.object_count, doc.units_name),
                 fontsize=10)
    fig.tight_layout()
    with open_atomic(path, "wb") as fh:
        fig.savefig(fh, format="png", dpi=dpi)
    return path


def _extent(xyz: Sequence[Tuple[float, float, float]]) -> Tuple[List[float], List[float]]:
    if not xyz:
        return [-1.0, -1.0, -1.0], [1.0, 1.0, 1.0]
    lo = [min(p[i] for p in xyz) for i in range(3)]
    hi = [max(p[i] for p in xyz) for i in range(3)]
    span = max(max(h - l for l, h in zip(lo, hi)), 1.0 if max(map(abs, lo + hi)) == 0 else 1e-9)
    pad = 0.05 * span
    lo = [v - pad for v in lo]
    hi = [v + pad for v in hi]
    for i in range(3):  # a flat direction still gets some room
        if hi[i] - lo[i] < 0.1 * span:
            mid = (hi[i] + lo[i]) / 2
            lo[i], hi[i] = mid - 0.05 * span, mid + 0.05 * span
    return lo, hi


def _draw_top(ax, d: Drawing, lo, hi, doc) -> None:
    for line, color, width in d.lines:
        ax.plot([p[0] for p in line], [p[1] for p in line], color=color, linewidth=width)
    for p, color, size in d.points:
        ax.scatter([p[0]], [p[1]], color=color, s=size, zorder=3)
    for p, text, color in d.labels:
        ax.annotate(text, (p[0], p[1]), fontsize=8, color="white", ha="center", va="center",
                    bbox=dict(boxstyle="round,pad=0.2", fc=color, ec="none"))
    ax.set_xlim(lo[0], hi[0])
    ax.set_ylim(lo[1], hi[1])
    ax.set_aspect("equal", adjustable="box")
    ax.set_title("Top", fontsize=9)
    ax.grid(True, linewidth=0.3, color="#cccccc")
    ax.tick_params(labelsize=7)
    if not (d.lines or d.points or d.labels):
        ax.text(0.5, 0.5, "empty document", transform=ax.transAxes, ha="center", color="#888888")


def _draw_perspective(ax, d: Drawing, lo, hi) -> None:
    for line, color, width in d.lines:
        ax.plot([p[0] for p in line], [p[1] for p in line], [p[2] for p in line], color=color, linewidth=width)
    for p, color, size in d.points:
        ax.scatter([p[0]], [p[1]], [p[2]], color=color, s=size)
    for p, text, color in d.labels:
        ax.text(p[0], p[1], p[2], text, fontsize=8, color=color)
    center = [(a + b) / 2 for a, b in zip(lo, hi)]
    half = max(b - a for a, b in zip(lo, hi)) / 2
    ax.set_xlim(center[0] - half, center[0] + half)  # equal scale on all three axes
    ax.set_ylim(center[1] - half, center[1] + half)
    ax.set_zlim(center[2] - half, center[2] + half)
    ax.set_box_aspect((1, 1, 1))
    ax.view_init(elev=28, azim=-60)  # Rhino's Perspective looks from the south-west
    ax.set_title("Perspective", fontsize=9)
    ax.tick_params(labelsize=6)


__all__ = ["render_png", "drawing_of", "curve_polyline", "mesh_polylines", "brep_polylines", "Drawing"]
