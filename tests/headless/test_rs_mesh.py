"""rs mesh functions on a real headless document, checked against analytic values."""
import pytest

import rhino_headless.rhinoscriptsyntax as rs
from rhino_headless import scriptcontext as sc
from rhino_headless.document import HeadlessDoc
from rhino_headless.errors import NeedsRhinoError

V = [(0, 0, 0), (1, 0, 0), (1, 1, 0), (0, 1, 0), (0, 0, 1), (1, 0, 1), (1, 1, 1), (0, 1, 1)]
F = [(0, 3, 2, 1), (4, 5, 6, 7), (0, 1, 5, 4), (1, 2, 6, 5), (2, 3, 7, 6), (3, 0, 4, 7)]


@pytest.fixture
def doc():
    d = HeadlessDoc()
    with sc.use_doc(d):
        yield d


def close(p, q, tol=1e-9):
    return all(abs(a - b) <= tol for a, b in zip(p, q))


def test_closed_box_mesh_volume_area_centroids(doc):
    m = rs.AddMesh([(x * 2, y * 2, z * 2) for x, y, z in V], F)
    assert rs.IsMesh(m) and rs.IsMeshClosed(m) and rs.IsMeshManifold(m)
    count, volume, _ = rs.MeshVolume(m)
    assert count == 1 and volume == pytest.approx(8.0)
    assert rs.MeshArea([m])[1] == pytest.approx(24.0)
    assert close(rs.MeshVolumeCentroid(m), (1, 1, 1)) and close(rs.MeshAreaCentroid(m), (1, 1, 1))
    assert rs.MeshVertexCount(m) == 8 and rs.MeshFaceCount(m) == 6
    assert rs.MeshQuadCount(m) == 6 and rs.MeshTriangleCount(m) == 0
    assert rs.MeshFaceVertices(m)[0] == (0, 3, 2, 1)
    assert close(rs.MeshFaceNormals(m)[0], (0, 0, -1))
    assert close(rs.MeshFaceCenters(m)[3], (2, 1, 1))
    assert rs.MeshHasVertexNormals(m) and len(rs.MeshVertexNormals(m)) == 8


def test_quads_to_triangles_keeps_volume(doc):
    m = rs.AddMesh(V, F)
    assert rs.MeshQuadsToTriangles(m)
    assert rs.MeshTriangleCount(m) == 12 and rs.MeshQuadCount(m) == 0
    assert rs.MeshVolume(m)[1] == pytest.approx(1.0)
    assert len(rs.MeshFaces(m, False)) == 36


def test_open_mesh(doc):
    t = rs.AddMesh([(0, 0, 0), (1, 0, 0), (0, 1, 0)], [(0, 1, 2)],
                   vertex_colors=[(255, 0, 0), (0, 255, 0), (0, 0, 255)])
    assert not rs.IsMeshClosed(t) and rs.MeshVolume(t) is None
    assert rs.MeshArea(t)[1] == pytest.approx(0.5)
    assert rs.MeshNakedEdgePoints(t) == [True, True, True]
    colors = rs.MeshVertexColors(t)
    assert rs.MeshHasVertexColors(t) and (colors[0].R, colors[0].G, colors[0].B) == (255, 0, 0)
    rs.MeshVertexColors(t, None)
    assert not rs.MeshHasVertexColors(t)
    border = rs.DuplicateMeshBorder(t)
    assert len(border) == 1 and rs.CurveLength(border[0]) == pytest.approx(2 + 2 ** 0.5)


def test_unify_normals_flips_inward_faces(doc):
    faces = list(F)
    faces[1] = tuple(reversed(faces[1]))  # one face points inward
    m = rs.AddMesh(V, faces)
    assert rs.UnifyMeshNormals(m) == 1
    assert close(rs.MeshFaceNormals(m)[1], (0, 0, 1))
    assert rs.MeshVolume(m)[1] == pytest.approx(1.0)


def test_join_split_and_disjoint_count(doc):
    a = rs.AddMesh(V, F)
    b = rs.AddMesh([(x + 5, y, z) for x, y, z in V], F)
    j = rs.JoinMeshes([a, b], delete_input=True)
    assert not rs.IsMesh(a) and rs.DisjointMeshCount(j) == 2
    assert rs.MeshVolume(j)[1] == pytest.approx(2.0)
    parts = rs.SplitDisjointMesh(j)
    assert len(parts) == 2 and all(rs.MeshVolume(p)[1] == pytest.approx(1.0) for p in parts)
    assert rs.MeshVolume(parts)[0] == 2


def test_closest_point_and_offset(doc):
    m = rs.AddMesh(V, F)
    point, face = rs.MeshClosestPoint(m, (0.5, 0.25, 3))
    assert close(point, (0.5, 0.25, 1)) and face == 1
    assert rs.MeshClosestPoint(m, (0.5, 0.25, 3), maximum_distance=1) is None
    assert rs.IsPointOnMesh(m, (1, 0.5, 0.5)) and not rs.IsPointOnMesh(m, (0.5, 0.5, 0.5))
    assert sorted(rs.MeshVertexFaces(m, 0)) == [0, 2, 5]
    bigger = rs.MeshOffset(m, 0.1)
    assert rs.MeshVolume(bigger)[1] > 1.0


def test_bad_input_and_kernel_functions(doc):
    with pytest.raises(ValueError):
        rs.AddMesh(V, [(0, 1, 99)])
    m = rs.AddMesh(V, F)
    with pytest.raises(NeedsRhinoError):
        rs.MeshBooleanUnion([m, m])
    with pytest.raises(NeedsRhinoError):
        rs.MeshMeshIntersection(m, m)
    assert not rs.IsMesh(rs.AddPoint(0, 0, 0))


def test_mesh_to_nurb_is_a_closed_polysurface(doc):
    m = rs.AddMesh(V, F)
    ids = rs.MeshToNurb(m)
    assert len(ids) == 1 and rs.IsPolysurfaceClosed(ids[0])
    assert rs.SurfaceVolume(ids[0])[0] == pytest.approx(1.0)
