"""Brep and Mesh as RhinoCommon presents them: the static creators scripts call most.

Creators rhino3dm has take the shim value types; a few it lacks are built here (Brep from the
shim Box/Cone, Mesh boxes, planes and spheres). Kernel operations (booleans, loft, sweep, pipe,
offset, fillet, meshing a brep) raise NeedsRhinoError naming the member.
"""
import math

import rhino3dm as _r

from ...errors import NeedsRhinoError
from .curves import KernelClassType
from .points import Point3d
from .plane import Plane
from .shapes import Box, Cone, BoundingBox, Interval


_BREP_STATIC_KERNEL = (
    "CreateBooleanUnion", "CreateBooleanDifference", "CreateBooleanIntersection", "CreateBooleanSplit",
    "CreateFromLoft", "CreateFromLoftRebuild", "CreateFromLoftRefit", "CreateFromSweep",
    "CreateFromSweepSegmented", "CreateFromSweepInParts", "CreatePipe", "CreateThickPipe", "JoinBreps",
    "MergeBreps", "CreateFilletEdges", "CreateOffsetBrep", "CreateFromOffsetFace",
    "CreatePlanarBreps", "CreateEdgeSurface", "CreateBlendSurface", "CreateFromTaperedExtrude",
    "CreateFromTaperedExtrudeWithRef", "CreatePatch", "CreateShell",
    "CreateSolid", "CreateDevelopableLoft", "CreateFromCornerPoints", "CreateContourCurves",
    "CreateCurvatureAnalysisMesh", "CutUpSurface", "CreateFromJoinedEdges")


class Brep(_r.Brep, metaclass=KernelClassType):
    """Rhino.Geometry.Brep: CreateFromBox/Sphere/Cylinder/Cone/Surface/BoundingBox/TrimmedPlane."""
    _native = _r.Brep
    _kernel_only = _BREP_STATIC_KERNEL

    @staticmethod
    def CreateFromBox(box):
        """From the shim Box, a BoundingBox, a rhino3dm Box or 8 corner points."""
        if isinstance(box, Box):
            return box.ToBrep()
        if isinstance(box, _r.BoundingBox):
            return _r.Brep.CreateFromBoundingBox(box)
        if isinstance(box, _r.Box):
            return _r.Brep.CreateFromBox(box)
        corners = [Point3d(p) if isinstance(p, _r.Point3d) else Point3d(*p) for p in box]
        if len(corners) != 8:
            raise ValueError("Brep.CreateFromBox needs a box or 8 corner points")
        plane = Plane(corners[0], corners[1], corners[3])
        local = [plane.RemapToPlaneSpace(c)[1] for c in corners]
        bb = BoundingBox(local)
        if max(abs(a - b) for c, l in zip(corners, local) for a, b in zip(c, plane.PointAt(l.X, l.Y, l.Z))) > 1e-9:
            raise NeedsRhinoError("Brep.CreateFromBox(corners of a non-box)", "Rhino's brep from corner points")
        return Box(plane, Interval(bb.Min.X, bb.Max.X), Interval(bb.Min.Y, bb.Max.Y),
                   Interval(bb.Min.Z, bb.Max.Z)).ToBrep()

    @staticmethod
    def CreateFromSphere(sphere):
        return _r.Brep.CreateFromSphere(sphere)

    @staticmethod
    def CreateFromCylinder(cylinder, capBottom, capTop):
        return _r.Brep.CreateFromCylinder(cylinder, bool(capBottom), bool(capTop))

    @staticmethod
    def CreateFromCone(cone, capBottom):
        if isinstance(cone, Cone):
            return cone.ToBrep(capBottom)
        return _r.Brep.CreateFromCone(cone, bool(capBottom))

    @staticmethod
    def CreateFromSurface(surface):
        return _r.Brep.CreateFromSurface(surface)

    @staticmethod
    def CreateTrimmedPlane(plane, curve):
        return _r.Brep.CreateTrimmedPlane(plane, curve)

    @staticmethod
    def CreateFromMesh(mesh, trimmedTriangles=True):
        return _r.Brep.CreateFromMesh(mesh, bool(trimmedTriangles))


_MESH_STATIC_KERNEL = (
    "CreateFromBrep", "CreateBooleanUnion", "CreateBooleanDifference", "CreateBooleanIntersection",
    "CreateBooleanSplit", "CreateFromClosedPolyline", "CreateFromCurvePipe", "CreateFromCurveExtrusion",
    "CreateFromSurface", "CreateFromTessellation", "CreateFromLines", "CreateFromFilteredFaceList",
    "CreateFromIterativeCleanup", "CreateContourCurves", "CreatePatch", "CreateConvexHull3D",
    "CreateFromCone", "CreateFromCylinder", "CreateFromTorus", "CreateIcoSphere", "CreateQuadSphere",
    "CreateFromPlanarBoundary", "CreateFromExtrusion", "CreateRefinedCatmullClarkMesh",
    "CreateFromSubD", "CreateFromSubDControlNet", "QuadRemeshBrep")


class Mesh(_r.Mesh, metaclass=KernelClassType):
    """Rhino.Geometry.Mesh: Mesh(), CreateFromBox, CreateFromPlane, CreateFromSphere."""
    _native = _r.Mesh
    _kernel_only = _MESH_STATIC_KERNEL

    @staticmethod
    def CreateFromBox(box, xCount=1, yCount=1, zCount=1):
        """Quad mesh of a Box/BoundingBox (or 8 corners), each side split into a grid."""
        if isinstance(box, _r.BoundingBox):
            box = Box(box)
        elif not isinstance(box, Box):
            corners = list(box)
            b = Brep.CreateFromBox(corners)
            box = Box(b.GetBoundingBox()) if b is not None else None
            if box is None:
                return None
        nx, ny, nz = max(1, int(xCount)), max(1, int(yCount)), max(1, int(zCount))
        mesh = _r.Mesh()
        index = {}

        def vertex(i, j, k):
            key = (i, j, k)
            if key not in index:
                p = box.PointAt(i / float(nx), j / float(ny), k / float(nz))
                index[key] = mesh.Vertices.Add(p.X, p.Y, p.Z)
            return index[key]

        def side(axis_a, na, axis_b, nb, fixed_axis, fixed_value, flip):
            for a in range(na):
                for b in range(nb):
                    quad = []
                    for da, db in ((0, 0), (1, 0), (1, 1), (0, 1)):
                        ijk = [0, 0, 0]
                        ijk[axis_a], ijk[axis_b], ijk[fixed_axis] = a + da, b + db, fixed_value
                        quad.append(vertex(*ijk))
                    if flip:
                        quad.reverse()
                    mesh.Faces.AddFace(*quad)

        # outward normals: bottom/top, front/back, left/right
        side(1, ny, 0, nx, 2, 0, False)
        side(0, nx, 1, ny, 2, nz, False)
        side(0, nx, 2, nz, 1, 0, False)
        side(2, nz, 0, nx, 1, ny, False)
        side(2, nz, 1, ny, 0, 0, False)
        side(1, ny, 2, nz, 0, nx, False)
        mesh.Normals.ComputeNormals()
        return mesh

    @staticmethod
    def CreateFromPlane(plane, xInterval, yInterval, xCount, yCount):
        """Planar grid of xCount x yCount quads over the plane's intervals."""
        nx, ny = max(1, int(xCount)), max(1, int(yCount))
        mesh = _r.Mesh()
        for j in range(ny + 1):
            for i in range(nx + 1):
                p = plane.PointAt(xInterval.ParameterAt(i / float(nx)), yInterval.ParameterAt(j / float(ny)))
                mesh.Vertices.Add(p.X, p.Y, p.Z)
        for j in range(ny):
            for i in range(nx):
                a = j * (nx + 1) + i
                mesh.Faces.AddFace(a, a + 1, a + nx + 2, a + nx + 1)
        mesh.Normals.ComputeNormals()
        return mesh

    @staticmethod
    def CreateFromSphere(sphere, xCount, yCount):
        """UV sphere: xCount segments around, yCount from pole to pole; triangles at the poles."""
        nu, nv = max(3, int(xCount)), max(2, int(yCount))
        c, r = sphere.Center, sphere.Radius
        mesh = _r.Mesh()
        south = mesh.Vertices.Add(c.X, c.Y, c.Z - r)
        rings = []
        for j in range(1, nv):
            lat = -math.pi / 2 + math.pi * j / nv
            ring = []
            for i in range(nu):
                lon = 2 * math.pi * i / nu
                ring.append(mesh.Vertices.Add(c.X + r * math.cos(lat) * math.cos(lon),
                                              c.Y + r * math.cos(lat) * math.sin(lon), c.Z + r * math.sin(lat)))
            rings.append(ring)
        north = mesh.Vertices.Add(c.X, c.Y, c.Z + r)
        for i in range(nu):
            k = (i + 1) % nu
            mesh.Faces.AddFace(south, rings[0][k], rings[0][i])
            mesh.Faces.AddFace(north, rings[-1][i], rings[-1][k])
            for j in range(len(rings) - 1):
                mesh.Faces.AddFace(rings[j][i], rings[j][k], rings[j + 1][k], rings[j + 1][i])
        mesh.Normals.ComputeNormals()
        return mesh


# ---------------------------------------------------------------------------- surfaces

_SURFACE_STATIC_KERNEL = ("CreateRollingBallFillet", "CreatePeriodicSurface", "CreateSoftEditSurface")


class Surface(_r.Surface, metaclass=KernelClassType):
    """Rhino.Geometry.Surface: CreateExtrusion (a ruled surface along a vector)."""
    _native = _r.Surface
    _kernel_only = _SURFACE_STATIC_KERNEL + ("CreateExtrusionToPoint",)

    @staticmethod
    def CreateExtrusion(profile, direction):
        moved = profile.Duplicate()
        moved.Translate(direction)
        return _r.NurbsSurface.CreateRuledSurface(profile, moved)


class NurbsSurface(_r.NurbsSurface, metaclass=KernelClassType):
    """Rhino.Geometry.NurbsSurface: Create, CreateFromPoints, CreateRuledSurface,
    CreateFromSphere/Cylinder/Cone (the shim Cone too), CreateExtrusion."""
    _native = _r.NurbsSurface
    _kernel_only = _SURFACE_STATIC_KERNEL + (
        "CreateNetworkSurface", "CreateThroughPoints", "CreateCurveOnSurface", "CreateFromCorners",
        "CreateRailRevolvedSurface", "MakeCompatible", "CreateSubDFriendly")

    @staticmethod
    def Create(dimension, isRational, order0, order1, controlPointCount0, controlPointCount1):
        return _r.NurbsSurface.Create(int(dimension), bool(isRational), int(order0), int(order1),
                                      int(controlPointCount0), int(controlPointCount1))

    @staticmethod
    def CreateFromPoints(points, uCount, vCount, uDegree, vDegree):
        """Control-point surface from uCount*vCount points (v varies fastest), clamped uniform knots."""
        pts = [Point3d(p) if isinstance(p, _r.Point3d) else Point3d(*p) for p in points]
        nu, nv = int(uCount), int(vCount)
        if len(pts) != nu * nv or nu < 2 or nv < 2:
            return None
        du, dv = max(1, min(int(uDegree), nu - 1)), max(1, min(int(vDegree), nv - 1))
        srf = _r.NurbsSurface.Create(3, False, du + 1, dv + 1, nu, nv)
        for i in range(nu):
            for j in range(nv):
                p = pts[i * nv + j]
                srf.Points[(i, j)] = _r.Point4d(p.X, p.Y, p.Z, 1.0)
        _clamped_uniform(srf.KnotsU, du, nu)
        _clamped_uniform(srf.KnotsV, dv, nv)
        return srf

    @staticmethod
    def CreateRuledSurface(curveA, curveB):
        return _r.NurbsSurface.CreateRuledSurface(curveA, curveB)

    @staticmethod
    def CreateExtrusion(profile, direction):
        return Surface.CreateExtrusion(profile, direction)

    @staticmethod
    def CreateFromSphere(sphere):
        return _r.NurbsSurface.CreateFromSphere(sphere)

    @staticmethod
    def CreateFromCylinder(cylinder):
        return _r.NurbsSurface.CreateFromCylinder(cylinder)

    @staticmethod
    def CreateFromCone(cone):
        if isinstance(cone, Cone):
            return cone.ToNurbsSurface()
        return _r.NurbsSurface.CreateFromCone(cone)


def _clamped_uniform(knots, degree, count):
    """openNURBS knot vector (count + degree - 1 knots): degree-fold ends, uniform inside."""
    spans = count - degree
    values = [0.0] * degree + [float(i) for i in range(1, spans)] + [float(spans)] * degree
    for i, k in enumerate(values):
        knots[i] = k


# ---------------------------------------------------------------------------- revolutions

class RevSurface(_r.RevSurface, metaclass=KernelClassType):
    """Rhino.Geometry.RevSurface.Create(profile curve or line, axis line[, start, end angle])."""
    _native = _r.RevSurface
    _kernel_only = ()

    @staticmethod
    def Create(revoluteCurve, axisOfRevolution, startAngleRadians=0.0, endAngleRadians=2 * math.pi):
        if isinstance(revoluteCurve, _r.Line):
            revoluteCurve = _r.LineCurve(revoluteCurve.From, revoluteCurve.To)
        elif isinstance(revoluteCurve, _r.Polyline):
            revoluteCurve = revoluteCurve.ToPolylineCurve()
        return _r.RevSurface.Create(revoluteCurve, axisOfRevolution, float(startAngleRadians),
                                    float(endAngleRadians))


class Torus(object):
    """Rhino.Geometry.Torus(plane, major radius, minor radius); rhino3dm has none."""

    def __init__(self, basePlane, majorRadius, minorRadius):
        self.Plane = Plane(basePlane)
        self.MajorRadius, self.MinorRadius = float(majorRadius), float(minorRadius)

    @property
    def IsValid(self):
        return self.MajorRadius > self.MinorRadius > 0.0

    def ToRevSurface(self):
        p = self.Plane
        center = p.PointAt(self.MajorRadius, 0.0)
        profile_plane = Plane(center, p.XAxis, p.ZAxis)
        profile = _r.ArcCurve.CreateFromCircle(_r.Circle(self.MinorRadius))
        profile.Transform(_r.Transform.PlaneToPlane(_r.Plane.WorldXY(), profile_plane))
        axis = _r.Line(p.Origin, p.Origin + p.ZAxis)
        return _r.RevSurface.Create(profile, axis, 0.0, 2 * math.pi)

    def ToNurbsSurface(self):
        return self.ToRevSurface().ToNurbsSurface()

    def ToBrep(self):
        return _r.Brep.CreateFromRevSurface(self.ToRevSurface(), False, False)
