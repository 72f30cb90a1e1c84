"""Mesh math rhino3dm lacks: areas, volumes, centroids, normals, naked edges, components.

A mesh is `vertices` (n×3 floats) and `faces` (m×4 vertex indices, Rhino's convention: a
triangle repeats its third index, c == d). Quads are split into (a, b, c) and (a, c, d), the
same split Rhino uses for mass properties. All functions are pure numpy.
"""
from typing import Dict, List, Sequence, Tuple

import numpy as np


def as_arrays(vertices, faces) -> Tuple[np.ndarray, np.ndarray]:
    """Vertices as (n, 3) float, faces as (m, 4) int; 3-index faces become (a, b, c, c)."""
    v = np.asarray([[float(c) for c in p] for p in vertices], dtype=float).reshape(-1, 3)
    rows = []
    for f in faces:
        f = [int(i) for i in f]
        if len(f) == 3:
            f = f + [f[2]]
        if len(f) != 4:
            raise ValueError("a mesh face needs 3 or 4 vertex indices, got %d" % len(f))
        rows.append(f)
    fa = np.asarray(rows, dtype=int).reshape(-1, 4)
    if fa.size and (fa.min() < 0 or fa.max() >= len(v)):
        raise ValueError("a mesh face refers to a vertex index outside 0..%d" % (len(v) - 1))
    return v, fa


def is_quad(faces: np.ndarray) -> np.ndarray:
    return faces[:, 2] != faces[:, 3]


def triangles(faces: np.ndarray) -> np.ndarray:
    """(k, 3) triangles: each triangle face once, each quad as two."""
    tris = [faces[:, [0, 1, 2]]]
    q = is_quad(faces)
    if q.any():
        tris.append(faces[q][:, [0, 2, 3]])
    return np.concatenate(tris) if len(faces) else np.zeros((0, 3), dtype=int)


def _tri_vectors(vertices, faces):
    t = triangles(faces)
    a, b, c = vertices[t[:, 0]], vertices[t[:, 1]], vertices[t[:, 2]]
    return a, b, c


def area(vertices: np.ndarray, faces: np.ndarray) -> float:
    a, b, c = _tri_vectors(vertices, faces)
    return float(0.5 * np.linalg.norm(np.cross(b - a, c - a), axis=1).sum())


def area_centroid(vertices: np.ndarray, faces: np.ndarray) -> Tuple[np.ndarray, float]:
    """(centroid, area) of the mesh surface."""
    a, b, c = _tri_vectors(vertices, faces)
    w = 0.5 * np.linalg.norm(np.cross(b - a, c - a), axis=1)
    total = float(w.sum())
    if total <= 0.0:
        raise ValueError("the mesh has no area")
    centroid = ((a + b + c) / 3.0 * w[:, None]).sum(axis=0) / total
    return centroid, total


def volume(vertices: np.ndarray, faces: np.ndarray) -> float:
    """Signed volume by the divergence theorem (positive when normals point outward)."""
    a, b, c = _tri_vectors(vertices, faces)
    return float(np.einsum("ij,ij->i", a, np.cross(b, c)).sum() / 6.0)


def volume_centroid(vertices: np.ndarray, faces: np.ndarray) -> Tuple[np.ndarray, float]:
    """(centroid, signed volume) of the solid a closed mesh bounds."""
    a, b, c = _tri_vectors(vertices, faces)
    # shift to the bounding-box centre so far-from-origin meshes keep their precision
    o = (vertices.min(axis=0) + vertices.max(axis=0)) / 2.0 if len(vertices) else np.zeros(3)
    a, b, c = a - o, b - o, c - o
    vols = np.einsum("ij,ij->i", a, np.cross(b, c)) / 6.0
    total = float(vols.sum())
    if abs(total) <= 1e-300:
        raise ValueError("the mesh encloses no volume")
    centroid = ((a + b + c) / 4.0 * vols[:, None]).sum(axis=0) / total + o
    return centroid, total


def face_normals(vertices: np.ndarray, faces: np.ndarray) -> np.ndarray:
    """Unit normals (m, 3); a quad's normal is the cross product of its diagonals, as in Rhino."""
    # Rhino's formula; for a triangle (c == d) it reduces to (c - a) x (c - b)
    p = vertices
    d0 = p[faces[:, 2]] - p[faces[:, 0]]
    d1 = p[faces[:, 3]] - p[faces[:, 1]]
    n = np.cross(d0, d1)
    length = np.linalg.norm(n, axis=1)
    length[length == 0] = 1.0
    return n / length[:, None]


def vertex_normals(vertices: np.ndarray, faces: np.ndarray) -> np.ndarray:
    """Unit vertex normals: average of the adjacent faces' normals weighted by face area."""
    p = vertices
    # (c - a) x (d - b) / 2 is a face's area vector for triangles and planar quads alike
    n = np.cross(p[faces[:, 2]] - p[faces[:, 0]], p[faces[:, 3]] - p[faces[:, 1]]) / 2.0
    out = np.zeros_like(vertices)
    for k in range(3):
        np.add.at(out, faces[:, k], n)
    q = is_quad(faces)
    np.add.at(out, faces[q, 3], n[q])
    length = np.linalg.norm(out, axis=1)
    length[length == 0] = 1.0
    return out / length[:, None]


def face_centers(vertices: np.ndarray, faces: np.ndarray) -> np.ndarray:
    """Average of a face's distinct corners (3 for triangles, 4 for quads)."""
    s = vertices[faces[:, 0]] + vertices[faces[:, 1]] + vertices[faces[:, 2]]
    q = is_quad(faces)
    s[q] += vertices[faces[q, 3]]
    return s / np.where(q, 4.0, 3.0)[:, None]


def face_edges(face: Sequence[int]) -> List[Tuple[int, int]]:
    """Directed edges of one face in order."""
    f = list(face)
    if f[2] == f[3]:
        f = f[:3]
    return [(f[i], f[(i + 1) % len(f)]) for i in range(len(f))]


def weld_map(vertices: np.ndarray, tolerance: float = 0.0) -> np.ndarray:
    """For each vertex, the index of the first vertex at the same location (topology vertices)."""
    if len(vertices) == 0:
        return np.zeros(0, dtype=int)
    if tolerance > 0:
        keys = np.round(vertices / tolerance).astype(np.int64)
    else:
        keys = vertices
    _, first, inverse = np.unique(keys, axis=0, return_index=True, return_inverse=True)
    return first[inverse.reshape(-1)]


def edge_uses(faces: np.ndarray, weld: np.ndarray = None) -> Dict[Tuple[int, int], List[int]]:
    """Undirected edge (i < j, welded indices) → list of faces using it."""
    uses = {}  # type: Dict[Tuple[int, int], List[int]]
    for fi, f in enumerate(faces):
        for i, j in face_edges(f):
            if weld is not None:
                i, j = int(weld[i]), int(weld[j])
            if i == j:
                continue
            key = (i, j) if i < j else (j, i)
            uses.setdefault(key, []).append(fi)
    return uses


def naked_edges(vertices: np.ndarray, faces: np.ndarray) -> List[Tuple[int, int]]:
    """Edges (welded vertex indices) used by exactly one face."""
    uses = edge_uses(faces, weld_map(vertices))
    return sorted(k for k, fs in uses.items() if len(fs) == 1)


def naked_vertex_flags(vertices: np.ndarray, faces: np.ndarray) -> List[bool]:
    """Per vertex: does it lie on a naked edge (Rhino's GetNakedEdgePointStatus)."""
    weld = weld_map(vertices)
    naked = set()
    for i, j in naked_edges(vertices, faces):
        naked.update((i, j))
    return [int(weld[k]) in naked for k in range(len(vertices))]


def is_closed(vertices: np.ndarray, faces: np.ndarray) -> bool:
    """Every edge shared by two or more faces (no naked edges) and at least one face."""
    return len(faces) > 0 and not naked_edges(vertices, faces)


def is_manifold(vertices: np.ndarray, faces: np.ndarray) -> bool:
    """No edge used by more than two faces."""
    uses = edge_uses(faces, weld_map(vertices))
    return all(len(fs) <= 2 for fs in uses.values())


def components(vertices: np.ndarray, faces: np.ndarray, weld: bool = True) -> List[List[int]]:
    """Face indices of each connected piece (faces sharing an edge), ordered by first face.
    weld=False joins faces only through shared vertex indices (Rhino's unwelded edges split)."""
    weld = weld_map(vertices) if weld else np.arange(len(vertices))
    uses = edge_uses(faces, weld)
    parent = list(range(len(faces)))

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for fs in uses.values():
        r0 = find(fs[0])
        for f in fs[1:]:
            r = find(f)
            if r != r0:
                parent[r] = r0
    groups = {}  # type: Dict[int, List[int]]
    for fi in range(len(faces)):
        groups.setdefault(find(fi), []).append(fi)
    return sorted(groups.values(), key=lambda g: g[0])


def unify_orientation(vertices: np.ndarray, faces: np.ndarray) -> Tuple[np.ndarray, int]:
    """Flip faces so neighbours agree, and closed pieces point outward. Returns (faces, flipped)."""
    faces = faces.copy()
    weld = weld_map(vertices)
    uses = edge_uses(faces, weld)
    flipped = np.zeros(len(faces), dtype=bool)

    def directed(fi):
        return [(int(weld[i]), int(weld[j])) for i, j in face_edges(faces[fi])]

    seen = np.zeros(len(faces), dtype=bool)
    for piece in components(vertices, faces):
        start = piece[0]
        seen[start] = True
        stack = [start]
        while stack:
            fi = stack.pop()
            for i, j in directed(fi):
                key = (i, j) if i < j else (j, i)
                for other in uses.get(key, []):
                    if other == fi or seen[other]:
                        continue
                    # neighbours agree when they run the shared edge in opposite directions
                    if (i, j) in directed(other):
                        faces[other] = _reversed(faces[other])
                        flipped[other] = ~flipped[other]
                    seen[other] = True
                    stack.append(other)
        sub = faces[piece]
        if is_closed(vertices, sub) and volume(vertices, sub) < 0:
            for fi in piece:
                faces[fi] = _reversed(faces[fi])
                flipped[fi] = ~flipped[fi]
    return faces, int(flipped.sum())


def _reversed(face):
    a, b, c, d = [int(x) for x in face]
    if c == d:
        return np.array([a, c, b, b])
    return np.array([a, d, c, b])


def split_quads(faces: np.ndarray) -> np.ndarray:
    """Every quad as two triangles, in Rhino's (c == d) form."""
    t = triangles(faces)
    return np.concatenate([t, t[:, 2:3]], axis=1)


def _segment_closest(p, a, b):
    """Closest points on segments a-b (arrays of shape (k, 3)) to point p."""
    ab = b - a
    denom = np.einsum("ij,ij->i", ab, ab)
    denom[denom == 0] = 1.0
    t = np.clip(np.einsum("ij,ij->i", p - a, ab) / denom, 0.0, 1.0)
    return a + t[:, None] * ab


def closest_point(vertices: np.ndarray, faces: np.ndarray, point) -> Tuple[np.ndarray, int]:
    """(closest point on the mesh, index of the face it lies on)."""
    p = np.asarray(point, dtype=float)
    t = triangles(faces)
    owner = np.concatenate([np.arange(len(faces)), np.nonzero(is_quad(faces))[0]])
    a, b, c = vertices[t[:, 0]], vertices[t[:, 1]], vertices[t[:, 2]]
    n = np.cross(b - a, c - a)
    nn = np.einsum("ij,ij->i", n, n)
    ok = nn > 0
    nn[~ok] = 1.0
    # projection onto each triangle's plane, kept when it falls inside the triangle
    proj = p - (np.einsum("ij,ij->i", p - a, n) / nn)[:, None] * n
    inside = ok.copy()
    for u, v in ((a, b), (b, c), (c, a)):
        inside &= np.einsum("ij,ij->i", np.cross(v - u, proj - u), n) >= 0
    cands = [np.where(inside[:, None], proj, np.inf)]
    for u, v in ((a, b), (b, c), (c, a)):
        cands.append(_segment_closest(p, u, v))
    pts = np.stack(cands)  # (4, k, 3)
    d = np.linalg.norm(pts - p, axis=2)
    d[np.isnan(d)] = np.inf
    flat = int(np.argmin(d))
    which, tri = np.unravel_index(flat, d.shape)
    return pts[which, tri], int(owner[tri])


def border_loops(vertices: np.ndarray, faces: np.ndarray) -> List[List[int]]:
    """Naked edges chained into polylines of welded vertex indices (closed loops repeat the start)."""
    edges = naked_edges(vertices, faces)
    nbrs = {}  # type: Dict[int, List[int]]
    for i, j in edges:
        nbrs.setdefault(i, []).append(j)
        nbrs.setdefault(j, []).append(i)
    used = set()
    loops = []
    for i, j in edges:
        if (i, j) in used:
            continue
        chain = [i, j]
        used.add((i, j))
        while True:
            last = chain[-1]
            nxt = None
            for k in nbrs[last]:
                key = (last, k) if last < k else (k, last)
                if key not in used:
                    nxt, used_key = k, key
                    break
            if nxt is None:
                break
            used.add(used_key)
            chain.append(nxt)
            if nxt == chain[0]:
                break
        loops.append(chain)
    return loops
