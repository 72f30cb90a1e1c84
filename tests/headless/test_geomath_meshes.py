"""geomath.meshes against analytic values: unit cube, tetrahedra, open and split meshes."""
import math

import numpy as np
import pytest

from rhino_headless.geomath import meshes as M

CUBE_V = [(0, 0, 0), (1, 0, 0), (1, 1, 0), (0, 1, 0), (0, 0, 1), (1, 0, 1), (1, 1, 1), (0, 1, 1)]
# outward quads
CUBE_F = [(0, 3, 2, 1), (4, 5, 6, 7), (0, 1, 5, 4), (1, 2, 6, 5), (2, 3, 7, 6), (3, 0, 4, 7)]


def cube(scale=1.0, offset=(0, 0, 0)):
    v = [tuple(scale * c + o for c, o in zip(p, offset)) for p in CUBE_V]
    return M.as_arrays(v, CUBE_F)


def test_unit_cube_volume_area_and_centroids():
    v, f = cube()
    assert M.volume(v, f) == pytest.approx(1.0, abs=1e-12)
    assert M.area(v, f) == pytest.approx(6.0, abs=1e-12)
    c, vol = M.volume_centroid(v, f)
    assert vol == pytest.approx(1.0) and np.allclose(c, [0.5, 0.5, 0.5])
    c, a = M.area_centroid(v, f)
    assert a == pytest.approx(6.0) and np.allclose(c, [0.5, 0.5, 0.5])


def test_scaled_offset_cube_volume_centroid():
    v, f = cube(2.0, (100, -50, 7))
    c, vol = M.volume_centroid(v, f)
    assert vol == pytest.approx(8.0, rel=1e-12)
    assert np.allclose(c, [101, -49, 8], atol=1e-9)


def test_inward_normals_give_negative_volume_and_unify_fixes_them():
    v, f = cube()
    flipped = np.array([M._reversed(x) for x in f])
    flipped[2] = f[2]  # one face left outward: orientation is inconsistent
    assert M.volume(v, flipped) != pytest.approx(1.0)
    fixed, count = M.unify_orientation(v, flipped)
    assert count == 5
    assert M.volume(v, fixed) == pytest.approx(1.0)


def test_tetrahedron_triangles():
    v, f = M.as_arrays([(0, 0, 0), (1, 0, 0), (0, 1, 0), (0, 0, 1)],
                       [(0, 2, 1), (0, 1, 3), (1, 2, 3), (0, 3, 2)])
    assert M.volume(v, f) == pytest.approx(1 / 6)
    c, _ = M.volume_centroid(v, f)
    assert np.allclose(c, [0.25, 0.25, 0.25])
    assert M.area(v, f) == pytest.approx(1.5 + math.sqrt(3) / 2)
    assert M.is_closed(v, f) and M.is_manifold(v, f)
    assert len(M.triangles(f)) == 4


def test_face_normals_centers_and_vertex_normals():
    v, f = cube()
    n = M.face_normals(v, f)
    assert np.allclose(n[0], [0, 0, -1]) and np.allclose(n[1], [0, 0, 1])
    assert np.allclose(M.face_centers(v, f)[3], [1, 0.5, 0.5])
    vn = M.vertex_normals(v, f)
    assert np.allclose(vn[6], np.ones(3) / math.sqrt(3))


def test_open_mesh_naked_edges_and_closedness():
    v, f = cube()
    open_f = f[1:]  # bottom removed
    assert not M.is_closed(v, open_f)
    assert len(M.naked_edges(v, open_f)) == 4
    flags = M.naked_vertex_flags(v, open_f)
    assert flags == [True] * 4 + [False] * 4
    assert M.is_closed(v, f) and M.naked_edges(v, f) == []


def test_components_and_non_manifold():
    v1, f1 = cube()
    v2, f2 = cube(1.0, (5, 0, 0))
    v = np.concatenate([v1, v2])
    f = np.concatenate([f1, f2 + len(v1)])
    parts = M.components(v, f)
    assert [len(p) for p in parts] == [6, 6]
    # three triangles on one edge: not manifold
    v3, f3 = M.as_arrays([(0, 0, 0), (1, 0, 0), (0, 1, 0), (0, -1, 0), (0, 0, 1)],
                         [(0, 1, 2), (0, 1, 3), (0, 1, 4)])
    assert not M.is_manifold(v3, f3)


def test_welded_duplicate_vertices_close_a_mesh():
    # each cube face has its own four vertices (as Rhino's box meshes do): still closed
    verts, faces = [], []
    for face in CUBE_F:
        faces.append([len(verts) + k for k in range(4)])
        verts.extend(CUBE_V[i] for i in face)
    v, f = M.as_arrays(verts, faces)
    assert M.is_closed(v, f)
    assert len(M.components(v, f)) == 1
    assert M.volume(v, f) == pytest.approx(1.0)


def test_split_quads_keeps_area_and_bad_faces_are_rejected():
    v, f = cube()
    t = M.split_quads(f)
    assert len(t) == 12 and (t[:, 2] == t[:, 3]).all()
    assert M.area(v, t) == pytest.approx(6.0)
    with pytest.raises(ValueError):
        M.as_arrays(CUBE_V, [(0, 1)])
    with pytest.raises(ValueError):
        M.as_arrays(CUBE_V, [(0, 1, 99)])
