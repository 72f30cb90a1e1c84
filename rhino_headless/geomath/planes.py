"""Plane fitting and plane-point math shared by the shim and the rs modules."""

def fit_plane(points):
    """Least-squares plane through 3+ points (numpy SVD), or None when they are degenerate."""
    import numpy as np
    from ..Rhino.Geometry.plane import Plane
    from ..Rhino.Geometry.points import Point3d, Vector3d
    pts = np.array([[p[0], p[1], p[2]] for p in points], dtype=float)
    if len(pts) < 3:
        return None
    c = pts.mean(axis=0)
    _, s, vt = np.linalg.svd(pts - c)
    if s[1] <= 1e-12 * max(1.0, s[0]):
        return None
    x, y = vt[0], vt[1]
    return Plane(Point3d(*c), Vector3d(*x), Vector3d(*y))


def coplanar(points, tolerance):
    """True when every point lies within tolerance of one plane."""
    import numpy as np
    pts = np.array([[p[0], p[1], p[2]] for p in points], dtype=float)
    if len(pts) < 4:
        return True
    c = pts.mean(axis=0)
    _, s, vt = np.linalg.svd(pts - c)
    n = vt[2]
    return bool(np.max(np.abs((pts - c) @ n)) <= tolerance)
