"""rhinoscriptsyntax.surface, headless.

As in Rhino, surface objects are stored as one-face breps and polysurfaces as breps.
Primitives, NURBS and revolved/ruled surfaces are built with rhino3dm; areas, volumes,
centroids and closest points come from `geomath.surfaces` (exact for planar faces, including
trimmed ones such as cylinder caps, Gauss quadrature for untrimmed curved faces). Kernel
operations (booleans, loft, sweep, fillet, offset, split, trim, unroll, project) raise
NeedsRhinoError, listed in NEEDS_RHINO.
"""
import base64
import math
import uuid

import numpy as np
import rhino3dm as _r

from rhino_headless.errors import NeedsRhinoError
from rhino_headless.geomath import curves as _gc
from rhino_headless.geomath import surfaces as _gs
from .geometry import (_add, _coerce_plane, _coerce_point, _coerce_points, _coerce_vector, _delete,
                       _geometry, _guid, _object, _plane_arrays, _plane_from, _point, _replace,
                       _tolerance, _vector, _xyz)
from . import curve as _curve_mod

_KERNEL = "Rhino's geometry kernel"
NEEDS_RHINO = {name: _KERNEL for name in (
    "AddCutPlane", "AddEdgeSrf", "AddNetworkSrf", "AddPatch", "AddPipe", 
    "AddRailRevSrf", "AddSrfContourCrvs", "AddSweep1", "AddSweep2", "BooleanDifference",
    "BooleanIntersection", "BooleanUnion", "CapPlanarHoles", "ExtendSurface",
    "ExtrudeSurface", "FilletSurfaces", "IntersectBreps", "JoinSurfaces", "MakeSurfacePeriodic", "OffsetSurface", "PullCurve", "RebuildSurface",
    "RemoveSurfaceKnot", "ReverseSurface", "ShootRay", "ShortPath", "ShrinkTrimmedSurface",
    "SplitBrep", "SurfaceAreaMoments", "SurfaceCone", "SurfaceCurvature", "SurfaceCylinder",
    "SurfaceSphere", "SurfaceTorus", "SurfaceVolumeMoments", "TrimBrep", "TrimSurface",
    "UnrollSurface")}


# ---- private helpers ------------------------------------------------------------------------

def _brep(object_id, raise_on_error=True):
    """A brep for an id: breps as stored, surfaces and extrusions converted."""
    geom = _geometry(object_id)
    if isinstance(geom, _r.Brep):
        return geom
    if isinstance(geom, _r.Extrusion):
        return geom.ToBrep(False)
    if isinstance(geom, _r.Surface):
        return _r.Brep.CreateFromSurface(geom)
    if raise_on_error:
        raise ValueError("unable to convert %s into Brep geometry" % (object_id,))
    return None


def _surface(object_id, raise_on_error=True):
    """The surface of an id: a one-face brep's face, a surface, or an uncapped extrusion."""
    geom = _geometry(object_id)
    if isinstance(geom, _r.Brep) and len(geom.Faces) == 1:
        return geom.Faces[0]
    if isinstance(geom, _r.BrepFace):
        return geom
    if isinstance(geom, _r.Surface):
        return geom
    if raise_on_error:
        raise ValueError("unable to convert %s into Surface geometry" % (object_id,))
    return None


def _nurbs_surface(object_id):
    srf = _surface(object_id)
    ns = srf.ToNurbsSurface()
    if ns is None:
        raise ValueError("%s has no NURBS form" % (object_id,))
    return srf, ns


def _add_surface(surface):
    return _add(_r.Brep.CreateFromSurface(surface))


def _p3(p):
    q = _coerce_point(p, True)
    return _r.Point3d(q.X, q.Y, q.Z)


def _native_plane(plane):
    o, x, y, _ = _plane_arrays(plane)
    return _r.Plane(_r.Point3d(*o), _r.Vector3d(*x), _r.Vector3d(*y))


def _out(p):
    return _point(p.X, p.Y, p.Z)


def _clamped_knots(n, p):
    """Rhino-style (no superfluous knots) clamped uniform knot vector: n + p - 1 values."""
    inner = list(range(1, n - p))
    return [0.0] * p + [float(k) for k in inner] + [float(n - p)] * p


def _set_knots(knot_list, values):
    for i, k in enumerate(values):
        knot_list[i] = float(k)


def _axis_frame(origin, z):
    z = np.asarray(z, float)
    if not np.linalg.norm(z) > 0:
        raise ValueError("the axis direction has zero length")
    z = z / np.linalg.norm(z)
    helper = np.array([1.0, 0, 0]) if abs(z[0]) < 0.9 else np.array([0, 1.0, 0])
    x = np.cross(helper, z)
    x /= np.linalg.norm(x)
    return _plane_from(origin, x, np.cross(z, x))


def _base_and_height(base, height):
    """(plane, height) from rs's `base` (point or plane) and `height` (number or end point)."""
    end = _coerce_point(height) if not isinstance(height, (int, float)) else None
    if end is not None:
        o = _xyz(_coerce_point(base, True))
        axis = _xyz(end) - o
        h = float(np.linalg.norm(axis))
        return _axis_frame(o, axis), h
    if isinstance(base, _r.Plane):
        return _coerce_plane(base, True), float(height)
    return _coerce_plane(base, True), float(height)


def _revolve(profile, origin, axis):
    o = _r.Point3d(*origin)
    line = _r.Line(o, _r.Point3d(*(np.asarray(origin) + np.asarray(axis))))
    return _r.RevSurface.Create(profile, line, 0.0, 2 * math.pi)


# ---- construction ---------------------------------------------------------------------------

def AddBox(corners):
    pts = [_xyz(p) for p in _coerce_points(corners, True)]
    if len(pts) != 8:
        raise ValueError("corners must be 8 points")
    c0 = pts[0]
    ex, ey, ez = pts[1] - c0, pts[3] - c0, pts[4] - c0
    expected = [c0, c0 + ex, c0 + ex + ey, c0 + ey, c0 + ez, c0 + ex + ez, c0 + ex + ey + ez, c0 + ey + ez]
    size = max(np.linalg.norm(ex), np.linalg.norm(ey), np.linalg.norm(ez), 1.0)
    if max(np.linalg.norm(a - b) for a, b in zip(pts, expected)) > 1e-9 * size:
        raise NeedsRhinoError("rs.AddBox", "Rhino's kernel for boxes whose corners do not form a parallelepiped")
    if abs(np.linalg.det(np.stack([ex, ey, ez]))) <= 1e-18 * size ** 3:
        raise Exception("unable to add box: the corners are flat")
    brep = _r.Brep.CreateFromBox(_r.Box(_r.BoundingBox(_r.Point3d(0, 0, 0), _r.Point3d(1, 1, 1))))
    xf = _r.Transform(1.0)  # identity; columns become the box's edge vectors
    for i in range(3):
        for j, axis in enumerate((ex, ey, ez)):
            setattr(xf, "M%d%d" % (i, j), float(axis[i]))
        setattr(xf, "M%d3" % i, float(c0[i]))
    brep.Transform(xf)
    if np.linalg.det(np.stack([ex, ey, ez])) < 0:
        brep.Flip()  # a mirrored frame turns the faces inward
    return _add(brep)


def AddSphere(center_or_plane, radius):
    c = _coerce_point(center_or_plane)
    if c is None:
        c = _coerce_plane(center_or_plane, True).Origin
    return _add(_r.Brep.CreateFromSphere(_r.Sphere(_r.Point3d(c.X, c.Y, c.Z), float(radius))))


def AddCylinder(base, height, radius, cap=True):
    plane, h = _base_and_height(base, height)
    circle = _r.Circle(float(radius))
    circle.Plane = _native_plane(plane)
    brep = _r.Brep.CreateFromCylinder(_r.Cylinder(circle, h), bool(cap), bool(cap))
    if brep is None:
        raise Exception("unable to add cylinder to document")
    return _add(brep)


def AddCone(base, height, radius, cap=True):
    """The base circle lies in the plane, the apex at origin + height * z (openNURBS' ON_Cone)."""
    plane, h = _base_and_height(base, height)
    o, x, _, z = _plane_arrays(plane)
    apex, rim = o + h * z, o + float(radius) * x
    profile = _r.LineCurve(_r.Point3d(*apex), _r.Point3d(*rim))
    brep = _r.Brep.CreateFromRevSurface(_revolve(profile, o, z), False, bool(cap))
    if brep is None:
        raise Exception("unable to add cone to document")
    return _add(brep)


def AddTorus(base, major_radius, minor_radius, direction=None):
    if direction is not None:
        o = _xyz(_coerce_point(base, True))
        z = _xyz(_coerce_point(direction, True)) - o
        plane = _axis_frame(o, z)
    else:
        plane = _coerce_plane(base, True)
    o, x, _, z = _plane_arrays(plane)
    circle = _r.Circle(float(minor_radius))
    circle.Plane = _r.Plane(_r.Point3d(*(o + float(major_radius) * x)), _r.Vector3d(*x), _r.Vector3d(*z))
    profile = _r.NurbsCurve.CreateFromCircle(circle)
    return _add(_r.Brep.CreateFromRevSurface(_revolve(profile, o, z), False, False))


def AddPlaneSurface(plane, u_dir, v_dir):
    plane = _coerce_plane(plane, True)
    srf = _r.PlaneSurface(_native_plane(plane), _r.Interval(0, float(u_dir)), _r.Interval(0, float(v_dir)))
    return _add_surface(srf)


def AddSrfPt(points):
    pts = [_p3(p) for p in _coerce_points(points, True)]
    if len(pts) == 3:
        pts.append(pts[2])
    if len(pts) != 4:
        raise ValueError("AddSrfPt takes 3 or 4 points")
    ns = _r.NurbsSurface.Create(3, False, 2, 2, 2, 2)
    _set_knots(ns.KnotsU, [0.0, 1.0])
    _set_knots(ns.KnotsV, [0.0, 1.0])
    # corners in order: (0,0), (1,0), (1,1), (0,1)
    for (i, j), p in zip(((0, 0), (1, 0), (1, 1), (0, 1)), pts):
        ns.Points[i, j] = _r.Point4d(p.X, p.Y, p.Z, 1.0)
    return _add_surface(ns)


def _grid_surface(count, points, degree, weights=None, knots_u=None, knots_v=None):
    nu, nv = int(count[0]), int(count[1])
    pts = [_p3(p) for p in _coerce_points(points, True)]
    if len(pts) != nu * nv:
        raise ValueError("point count %d does not match %d x %d" % (len(pts), nu, nv))
    du, dv = (int(degree[0]), int(degree[1])) if isinstance(degree, (list, tuple)) else (int(degree),) * 2
    du, dv = min(du, nu - 1), min(dv, nv - 1)
    ns = _r.NurbsSurface.Create(3, weights is not None, du + 1, dv + 1, nu, nv)
    _set_knots(ns.KnotsU, knots_u if knots_u is not None else _clamped_knots(nu, du))
    _set_knots(ns.KnotsV, knots_v if knots_v is not None else _clamped_knots(nv, dv))
    for i in range(nu):
        for j in range(nv):
            p = pts[i * nv + j]
            w = float(weights[i * nv + j]) if weights is not None else 1.0
            ns.Points[i, j] = _r.Point4d(p.X * w, p.Y * w, p.Z * w, w)
    if not ns.IsValid:
        raise Exception("unable to add surface to document")
    return ns


def AddSrfControlPtGrid(count, points, degree=(3, 3)):
    return _add_surface(_grid_surface(count, points, degree))


def AddNurbsSurface(point_count, points, knots_u, knots_v, degree, weights=None):
    nu, nv = int(point_count[0]), int(point_count[1])
    du, dv = (int(degree[0]), int(degree[1])) if isinstance(degree, (list, tuple)) else (int(degree),) * 2
    if len(knots_u) != nu + du - 1 or len(knots_v) != nv + dv - 1:
        raise ValueError("knot counts must be point count + degree - 1")
    return _add_surface(_grid_surface((nu, nv), points, (du, dv), weights, knots_u, knots_v))


def AddSrfPtGrid(count, points, degree=(3, 3), closed=(False, False)):
    """Tensor-product interpolation: rows, then the rows' control points (uniform parameters)."""
    if any(closed):
        raise NeedsRhinoError("rs.AddSrfPtGrid", "Rhino's closed surface interpolation")
    nu, nv = int(count[0]), int(count[1])
    pts = [_xyz(p) for p in _coerce_points(points, True)]
    if len(pts) != nu * nv:
        raise ValueError("point count %d does not match %d x %d" % (len(pts), nu, nv))
    du, dv = (int(degree[0]), int(degree[1])) if isinstance(degree, (list, tuple)) else (int(degree),) * 2
    rows = [_gc.interpolate(pts[i * nv:(i + 1) * nv], dv) for i in range(nu)]
    if any(r is None for r in rows):
        raise Exception("unable to add surface to document")
    mv = len(rows[0].Points)
    cols = [_gc.interpolate([_xyz(rows[i].Points[j]) for i in range(nu)], du) for j in range(mv)]
    mu = len(cols[0].Points)
    grid = [cols[j].Points[i] for i in range(mu) for j in range(mv)]
    ns = _grid_surface((mu, mv), [(p.X, p.Y, p.Z) for p in grid], (cols[0].Degree, rows[0].Degree),
                       knots_u=list(cols[0].Knots), knots_v=list(rows[0].Knots))
    return _add_surface(ns)


def AddRevSrf(curve_id, axis, start_angle=0.0, end_angle=360.0):
    crv = _curve_mod._curve(curve_id)
    a, b = _p3(axis[0]), _p3(axis[1])
    srf = _r.RevSurface.Create(crv, _r.Line(a, b), math.radians(start_angle), math.radians(end_angle))
    if srf is None:
        return None
    return _add_surface(srf)


def ExtrudeCurveStraight(curve_id, start_point, end_point):
    crv = _curve_mod._curve(curve_id)
    d = _xyz(_p3(end_point)) - _xyz(_p3(start_point))
    moved = crv.Duplicate()
    moved.Translate(_r.Vector3d(*d))
    srf = _r.NurbsSurface.CreateRuledSurface(crv, moved)
    if srf is None:
        return None
    return _add_surface(srf)


def ExtrudeCurve(curve_id, path_id):
    path = _curve_mod._curve(path_id)
    if not path.IsLinear():
        raise NeedsRhinoError("rs.ExtrudeCurve", "Rhino's sweep along a curved path")
    return ExtrudeCurveStraight(curve_id, path.PointAtStart, path.PointAtEnd)


def ExtrudeCurvePoint(curve_id, point):
    crv = _curve_mod._curve(curve_id)
    apex = _p3(point)
    nc = crv.ToNurbsCurve()
    tip = nc.Duplicate()
    for i in range(len(tip.Points)):
        w = tip.Points[i].W
        tip.Points[i] = _r.Point4d(apex.X * w, apex.Y * w, apex.Z * w, w)
    srf = _r.NurbsSurface.CreateRuledSurface(nc, tip)
    if srf is None:
        return None
    return _add_surface(srf)


# ---- mass properties ------------------------------------------------------------------------

def _ids(object_id):
    return object_id if isinstance(object_id, (list, tuple)) else [object_id]


def _area_centroid(object_id):
    total, first = 0.0, np.zeros(3)
    for oid in _ids(object_id):
        brep = _brep(oid)
        try:
            a, c = _gs.brep_area_centroid(brep)
        except _gs.TrimmedFaceError:
            raise NeedsRhinoError("rs.SurfaceArea", "Rhino's kernel for trimmed curved faces")
        total += a
        first += a * c
    return total, first / total if total > 0 else first


def SurfaceArea(object_id):
    area, _ = _area_centroid(object_id)
    return area, 1e-9 * max(area, 1.0)


def SurfaceAreaCentroid(object_id):
    area, c = _area_centroid(object_id)
    return _point(*c), _vector(1e-9, 1e-9, 1e-9)


def _volume_centroid(object_id):
    brep = _brep(object_id)
    if not brep.IsSolid:
        return None
    try:
        return _gs.brep_volume_centroid(brep)
    except _gs.TrimmedFaceError:
        raise NeedsRhinoError("rs.SurfaceVolume", "Rhino's kernel for trimmed curved faces")


def SurfaceVolume(object_id):
    rc = _volume_centroid(object_id)
    if rc is None:
        return None
    return rc[0], 1e-9 * max(rc[0], 1.0)


def SurfaceVolumeCentroid(object_id):
    rc = _volume_centroid(object_id)
    if rc is None:
        return None
    return _point(*rc[1]), _vector(1e-9, 1e-9, 1e-9)


# ---- evaluation -----------------------------------------------------------------------------

def SurfaceDomain(surface_id, direction):
    if direction not in (0, 1):
        return None
    d = _surface(surface_id).Domain(int(direction))
    return [d.T0, d.T1]


def EvaluateSurface(surface_id, u, v):
    p = _surface(surface_id).PointAt(float(u), float(v))
    return _out(p)


def SurfaceNormal(surface_id, uv_parameter):
    srf = _surface(surface_id)
    n = srf.NormalAt(float(uv_parameter[0]), float(uv_parameter[1]))
    if isinstance(srf, _r.BrepFace) and srf.OrientationIsReversed:
        return _vector(-n.X, -n.Y, -n.Z)
    return _vector(n.X, n.Y, n.Z)


def SurfaceFrame(surface_id, uv_parameter):
    srf = _surface(surface_id)
    rc = srf.FrameAt(float(uv_parameter[0]), float(uv_parameter[1]))
    plane = rc[1] if isinstance(rc, tuple) else rc
    if plane is None or (isinstance(rc, tuple) and not rc[0]):
        return None
    o, x, y, _ = _plane_arrays(plane)
    return _plane_from(o, x, y)


def _nurbs_param(srf, ns, u, v):
    rc = srf.GetNurbsFormParameterFromSurfaceParameter(float(u), float(v))
    return (rc[1], rc[2]) if len(rc) == 3 else (rc[0], rc[1])


def SurfaceEvaluate(surface_id, parameter, derivative):
    srf, ns = _nurbs_surface(surface_id)
    if int(derivative) > 1:
        raise NeedsRhinoError("rs.SurfaceEvaluate", "Rhino's kernel for derivatives above the first")
    u, v = _nurbs_param(srf, ns, parameter[0], parameter[1])
    S, Su, Sv = [a[0, 0] for a in _gs.Nurbs.from_rhino(ns).derivatives(np.array([u]), np.array([v]))]
    rc = [_point(*S)]
    if int(derivative) >= 1:
        # chain rule: surface parameters may be a linear reparameterisation of the NURBS form
        du = _scale(srf, ns, 0)
        dv = _scale(srf, ns, 1)
        rc += [_vector(*(Su * du)), _vector(*(Sv * dv))]
    return rc


def _scale(srf, ns, direction):
    a, b = srf.Domain(direction), ns.Domain(direction)
    return (b.T1 - b.T0) / (a.T1 - a.T0)


def SurfaceClosestPoint(surface_id, test_point):
    srf, ns = _nurbs_surface(surface_id)
    n = _gs.Nurbs.from_rhino(ns)
    u, v = _gs.closest_parameter(n, _xyz(_p3(test_point)))
    rc = srf.GetSurfaceParameterFromNurbsFormParameter(u, v)
    if len(rc) == 3:
        return rc[1], rc[2]
    return rc[0], rc[1]


def SurfaceParameter(surface_id, parameter):
    srf = _surface(surface_id)
    du, dv = srf.Domain(0), srf.Domain(1)
    return (du.T0 + float(parameter[0]) * (du.T1 - du.T0), dv.T0 + float(parameter[1]) * (dv.T1 - dv.T0))


def SurfaceNormalizedParameter(surface_id, parameter):
    srf = _surface(surface_id)
    du, dv = srf.Domain(0), srf.Domain(1)
    return ((float(parameter[0]) - du.T0) / (du.T1 - du.T0), (float(parameter[1]) - dv.T0) / (dv.T1 - dv.T0))


# ---- control points, knots, degree ---------------------------------------------------------

def SurfaceDegree(surface_id, direction=2):
    srf = _surface(surface_id)
    if direction in (0, 1):
        return srf.Degree(int(direction))
    if direction == 2:
        return srf.Degree(0), srf.Degree(1)
    return None


def SurfacePointCount(surface_id):
    _, ns = _nurbs_surface(surface_id)
    return ns.Points.CountU, ns.Points.CountV


def SurfacePoints(surface_id, return_all=True):
    _, ns = _nurbs_surface(surface_id)
    out = []
    for i in range(ns.Points.CountU):
        for j in range(ns.Points.CountV):
            p = ns.Points[i, j]
            w = p.W or 1.0
            out.append(_point(p.X / w, p.Y / w, p.Z / w))
    return out


def SurfaceWeights(object_id):
    _, ns = _nurbs_surface(object_id)
    return [ns.Points[i, j].W for i in range(ns.Points.CountU) for j in range(ns.Points.CountV)]


def SurfaceKnots(surface_id):
    _, ns = _nurbs_surface(surface_id)
    return [float(k) for k in ns.KnotsU], [float(k) for k in ns.KnotsV]


def SurfaceKnotCount(surface_id):
    _, ns = _nurbs_surface(surface_id)
    return len(ns.KnotsU), len(ns.KnotsV)


def SurfaceEditPoints(surface_id, return_parameters=False, return_all=True):
    srf, ns = _nurbs_surface(surface_id)

    def greville(knots, p, n):
        k = list(knots)
        return [sum(k[i:i + p]) / p for i in range(n)]
    gu = greville(ns.KnotsU, ns.OrderU - 1, ns.Points.CountU)
    gv = greville(ns.KnotsV, ns.OrderV - 1, ns.Points.CountV)
    out = []
    for u in gu:
        for v in gv:
            rc = srf.GetSurfaceParameterFromNurbsFormParameter(u, v)
            su, sv = (rc[1], rc[2]) if len(rc) == 3 else (rc[0], rc[1])
            out.append((su, sv) if return_parameters else _out(srf.PointAt(su, sv)))
    return out


# ---- queries --------------------------------------------------------------------------------

def IsSurface(object_id):
    geom = _geometry(object_id)
    if isinstance(geom, _r.Brep):
        return len(geom.Faces) == 1
    if isinstance(geom, _r.Extrusion):
        return not (geom.IsCappedAtBottom or geom.IsCappedAtTop)
    return isinstance(geom, _r.Surface)


def IsPolysurface(object_id):
    geom = _geometry(object_id)
    if isinstance(geom, _r.Brep):
        return len(geom.Faces) > 1
    if isinstance(geom, _r.Extrusion):
        return bool(geom.IsCappedAtBottom or geom.IsCappedAtTop)
    return False


def IsPolysurfaceClosed(object_id):
    brep = _brep(object_id, raise_on_error=False)
    return bool(brep.IsSolid) if brep is not None else False


def IsBrep(object_id):
    return _brep(object_id, raise_on_error=False) is not None


def _srf_test(object_id, test):
    srf = _surface(object_id, raise_on_error=False)
    return bool(test(srf)) if srf is not None else False


def IsSurfacePlanar(surface_id, tolerance=None):
    tol = _tolerance() if tolerance is None else float(tolerance)
    return _srf_test(surface_id, lambda s: s.IsPlanar(tol))


def IsSphere(object_id):
    return _srf_test(object_id, lambda s: s.IsSphere(_tolerance()))


def IsCylinder(object_id):
    return _srf_test(object_id, lambda s: s.IsCylinder(_tolerance()))


def IsCone(object_id):
    return _srf_test(object_id, lambda s: s.IsCone(_tolerance()))


def IsTorus(surface_id):  # the official parameter name
    return _srf_test(surface_id, lambda s: s.IsTorus(_tolerance()))


# openNURBS class id of ON_PlaneSurface: rhino3dm hands faces back as plain Surface wrappers,
# so the class is read from the object's own archive encoding
_PLANE_SURFACE_CLASS = uuid.UUID("4ED7D4DF-E947-11d3-BFE5-0010830122F0").bytes_le


def _is_plane_surface_class(srf):
    if isinstance(srf, _r.PlaneSurface):
        return True
    try:
        return _PLANE_SURFACE_CLASS in base64.b64decode(srf.Encode()["data"])
    except Exception:
        return False


def IsPlaneSurface(object_id):
    def test(s):
        under = s.UnderlyingSurface() if isinstance(s, _r.BrepFace) else s
        if not _is_plane_surface_class(under):
            return False
        brep = _geometry(object_id)
        return not isinstance(brep, _r.Brep) or _gs.face_is_untrimmed(s, brep.Edges)
    return _srf_test(object_id, test)


def IsSurfaceClosed(surface_id, direction):
    return _srf_test(surface_id, lambda s: s.IsClosed(int(direction)))


def IsSurfacePeriodic(surface_id, direction):
    return _srf_test(surface_id, lambda s: s.IsPeriodic(int(direction)))


def IsSurfaceRational(surface_id):
    return _srf_test(surface_id, lambda s: s.ToNurbsSurface().IsRational)


def IsSurfaceSingular(surface_id, direction):
    return _srf_test(surface_id, lambda s: s.IsSingular(int(direction)))


def IsSurfaceTrimmed(surface_id):
    brep = _brep(surface_id)
    if len(brep.Faces) != 1:
        raise ValueError("%s is not a surface" % (surface_id,))
    return not _gs.face_is_untrimmed(brep.Faces[0], brep.Edges)


def IsPointOnSurface(object_id, point):
    brep = _brep(object_id)
    p = _xyz(_p3(point))
    for face in brep.Faces:
        if not _gs.face_is_untrimmed(face, brep.Edges):
            raise NeedsRhinoError("rs.IsPointOnSurface", "Rhino's kernel for trimmed faces")
        n = _gs.Nurbs.from_rhino(face)
        u, v = _gs.closest_parameter(n, p)
        if np.linalg.norm(n.point_at(u, v) - p) <= _tolerance():
            return True
    return False


def IntersectSpheres(sphere_plane0, sphere_radius0, sphere_plane1, sphere_radius1):
    """[type, ...] as in Rhino: 0 point, 1 circle (plane, radius), 2 same spheres; None if apart."""
    c0 = _xyz(_coerce_plane(sphere_plane0, True).Origin)
    c1 = _xyz(_coerce_plane(sphere_plane1, True).Origin)
    r0, r1 = float(sphere_radius0), float(sphere_radius1)
    d = float(np.linalg.norm(c1 - c0))
    tol = _tolerance()
    if d <= tol:
        return [2] if abs(r0 - r1) <= tol else None
    if d > r0 + r1 + tol or d < abs(r0 - r1) - tol:
        return None
    z = (c1 - c0) / d
    a = (d * d + r0 * r0 - r1 * r1) / (2 * d)
    h2 = r0 * r0 - a * a
    center = c0 + a * z
    if h2 <= tol * tol:
        return [0, _point(*center)]
    return [1, _axis_frame(center, z), math.sqrt(h2)]


def BrepClosestPoint(object_id, point):
    """(point, (u, v), (component type, index), normal) over untrimmed and planar-untrimmed faces."""
    brep = _brep(object_id)
    p = _xyz(_p3(point))
    best = None
    for fi, face in enumerate(brep.Faces):
        if not _gs.face_is_untrimmed(face, brep.Edges):
            raise NeedsRhinoError("rs.BrepClosestPoint", "Rhino's kernel for trimmed faces")
        ns = face.ToNurbsSurface()
        n = _gs.Nurbs.from_rhino(ns)
        u, v = _gs.closest_parameter(n, p)
        q = n.point_at(u, v)
        d = float(np.linalg.norm(q - p))
        if best is None or d < best[0]:
            rc = face.GetSurfaceParameterFromNurbsFormParameter(u, v)
            su, sv = (rc[1], rc[2]) if len(rc) == 3 else (rc[0], rc[1])
            best = (d, q, (su, sv), fi, face)
    if best is None:
        return None
    _, q, (su, sv), fi, face = best
    nrm = face.NormalAt(su, sv)
    sgn = -1.0 if face.OrientationIsReversed else 1.0
    # component type 3 = brep face (Rhino's ComponentIndexType.BrepFace)
    return _point(*q), (su, sv), (3, fi), _vector(sgn * nrm.X, sgn * nrm.Y, sgn * nrm.Z)


# ---- faces, edges, borders ------------------------------------------------------------------

def ExplodePolysurfaces(object_ids, delete_input=False):
    rc = []
    for oid in _ids(object_ids):
        brep = _brep(oid)
        if len(brep.Faces) < 2:
            continue
        for face in brep.Faces:
            rc.append(_add(face.DuplicateFace(False)))
        if delete_input:
            _delete(_guid(oid))
    return rc


def _edge_curves(brep):
    out = []
    for e in brep.Edges:
        c = e.ToNurbsCurve()
        if c is not None and c.PointAtStart.DistanceTo(c.PointAtEnd) + _gc.length(c) > 1e-12:
            out.append(c)
    return out


def DuplicateEdgeCurves(object_id, select=False):
    brep = _brep(object_id)
    ids = [_add(c) for c in _edge_curves(brep)]
    if select:
        from rhino_headless import scriptcontext as sc
        sc.doc.select(ids, True)
    return ids


def DuplicateSurfaceBorder(surface_id, type=0):
    brep = _brep(surface_id)
    uses = {}
    for face in brep.Faces:
        for loop in face.Loops:
            outer = str(loop.LoopType).endswith("Outer")
            for trim in loop.Trims:
                if trim.EdgeIndex >= 0:
                    uses.setdefault(trim.EdgeIndex, []).append(outer)
    naked = [i for i, u in uses.items() if len(u) == 1 and
             (type == 0 or (type == 1 and u[0]) or (type == 2 and not u[0]))]
    curves = [brep.Edges[i].ToNurbsCurve() for i in sorted(naked)]
    curves = [c for c in curves if c is not None and _gc.length(c) > 1e-12]
    if not curves:
        return None
    ids = [_add(c) for c in curves]
    if len(ids) == 1:
        return ids
    joined = _curve_mod.JoinCurves(ids, delete_input=True)
    return joined


def SurfaceIsocurveDensity(surface_id, density=None):
    obj = _object(surface_id)
    if not isinstance(obj.geometry, (_r.Brep, _r.Surface, _r.Extrusion)):
        return False
    from rhino_headless import scriptcontext as sc
    rc = obj.attributes.WireDensity
    if density is not None:
        sc.doc.update_attributes(obj.id, WireDensity=max(-1, int(density)))
    return rc


def FlipSurface(surface_id, flip=None):
    brep = _brep(surface_id)
    if len(brep.Faces) != 1:
        return None
    rc = bool(brep.Faces[0].OrientationIsReversed)
    if flip is not None and bool(flip) != rc:
        new = brep.Duplicate()
        new.Flip()
        _replace(_guid(surface_id), new)
    return rc


# ---- more construction from curves ----------------------------------------------------------

def ExtractIsoCurve(surface_id, parameter, direction):
    """Direction 0: the u-running isocurve at v = parameter[1]; 1: the v-running one at u;
    2: both. Trimmed faces need Rhino's trim-aware isocurves."""
    brep = _brep(surface_id)
    if len(brep.Faces) != 1:
        raise ValueError("%s is not a surface" % (surface_id,))
    face = brep.Faces[0]
    if not _gs.face_is_untrimmed(face, brep.Edges):
        raise NeedsRhinoError("rs.ExtractIsoCurve", "Rhino's trim-aware isocurves")
    ids = []
    if direction in (0, 2):
        crv = face.IsoCurve(0, float(parameter[1]))
        if crv is not None:
            ids.append(_add(crv))
    if direction in (1, 2):
        crv = face.IsoCurve(1, float(parameter[0]))
        if crv is not None:
            ids.append(_add(crv))
    return ids


def AddPlanarSrf(object_ids):
    """One trimmed plane per closed planar curve; curves nested inside others (holes) need Rhino."""
    curves = [_curve_mod._curve(i) for i in _ids(object_ids)]
    if any(not c.IsClosed or not c.IsPlanar() for c in curves):
        return None
    for i, a in enumerate(curves):
        for j, b in enumerate(curves):
            if i != j and _curve_mod.PointInPlanarClosedCurve(b.PointAtStart, a) == 1:
                raise NeedsRhinoError("rs.AddPlanarSrf", "Rhino's kernel for planar regions with holes")
    ids = []
    for c in curves:
        o, x, y, _ = _curve_mod._plane_of_curve(c)
        brep = _r.Brep.CreateTrimmedPlane(_r.Plane(_r.Point3d(*o), _r.Vector3d(*x), _r.Vector3d(*y)), c)
        if brep is None:
            return None
        ids.append(_add(brep))
    return ids


def AddLoftSrf(object_ids, start=None, end=None, loft_type=0, simplify_method=0, value=0, closed=False):
    """A straight loft (type 2) between two curves is their ruled surface; every other loft
    needs Rhino's kernel."""
    ids = _ids(object_ids)
    if loft_type != 2 or len(ids) != 2 or start is not None or end is not None or closed:
        raise NeedsRhinoError("rs.AddLoftSrf", "Rhino's loft (only a straight loft of two curves runs headless)")
    a, b = _curve_mod._curve(ids[0]), _curve_mod._curve(ids[1])
    srf = _r.NurbsSurface.CreateRuledSurface(a, b)
    if srf is None:
        return None
    return [_add_surface(srf)]


def ChangeSurfaceDegree(object_id, degree):
    """Raises the degree (exact); lowering it is a fit that needs Rhino."""
    srf, ns = _nurbs_surface(object_id)
    du, dv = int(degree[0]), int(degree[1])
    if du < ns.OrderU - 1 or dv < ns.OrderV - 1:
        raise NeedsRhinoError("rs.ChangeSurfaceDegree", "Rhino's degree reduction (a fit)")
    new = ns.Duplicate()
    if du > new.OrderU - 1 and not new.IncreaseDegreeU(du):
        return False
    if dv > new.OrderV - 1 and not new.IncreaseDegreeV(dv):
        return False
    return _replace(_guid(object_id), _r.Brep.CreateFromSurface(new))


def ExtractSurface(object_id, face_indices, copy=False):
    """Copies faces as surfaces; extracting (removing faces from the brep) needs Rhino."""
    if not copy:
        raise NeedsRhinoError("rs.ExtractSurface", "Rhino's kernel to remove faces from a polysurface")
    brep = _brep(object_id)
    idx = face_indices if isinstance(face_indices, (list, tuple)) else [face_indices]
    return [_add(brep.Faces[int(i)].DuplicateFace(False)) for i in idx]


def IsPointInSurface(object_id, point, strictly_in=False, tolerance=None):
    """Inside a closed surface or polysurface (planar faces, trimmed or not, and untrimmed
    curved faces); open ones contain nothing."""
    brep = _brep(object_id)
    tol = 1.4901161193847656e-08 if tolerance is None else float(tolerance)  # RhinoMath.SqrtEpsilon
    try:
        return _gs.brep_contains(brep, _xyz(_p3(point)), tol, bool(strictly_in))
    except _gs.TrimmedFaceError:
        raise NeedsRhinoError("rs.IsPointInSurface", "Rhino's kernel for trimmed curved faces")
