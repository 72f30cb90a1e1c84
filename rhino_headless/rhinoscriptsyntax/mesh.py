"""rhinoscriptsyntax.mesh, headless.

Meshes are rhino3dm Meshes with double-precision vertices; areas, volumes, centroids,
normals, naked edges, components and closest points come from `geomath.meshes`. Booleans,
intersections, outlines and brep meshing need Rhino and raise NeedsRhinoError.
"""
import numpy as np
import rhino3dm as _r

from rhino_headless.errors import NeedsRhinoError
from rhino_headless.document import to_color as _to_color
from rhino_headless.geomath import meshes as _gm
from .geometry import (_add, _coerce_point, _coerce_points, _color_out, _delete, _geometry, _guid,
                       _object, _point, _replace, _tolerance, _vector, _xyz)

_KERNEL = "Rhino's geometry kernel"
NEEDS_RHINO = {name: _KERNEL for name in (
    "AddPlanarMesh", "CurveMeshIntersection", "MeshBooleanDifference", "MeshBooleanIntersection",
    "MeshBooleanSplit", "MeshBooleanUnion", "MeshMeshIntersection", "PullCurveToMesh")}
NEEDS_RHINO["MeshOutline"] = "Rhino's views (outlines are taken in a view)"


# ---- private helpers ------------------------------------------------------------------------

def _mesh(object_id, raise_on_error=True):
    geom = _geometry(object_id)
    if isinstance(geom, _r.Mesh):
        return geom
    if raise_on_error:
        raise ValueError("unable to convert %s into Mesh geometry" % (object_id,))
    return None


def _arrays(mesh):
    """(vertices (n, 3), faces (m, 4)) arrays of a rhino3dm mesh."""
    n = len(mesh.Vertices)
    v = np.array([_xyz(mesh.Vertices.Point3dAt(i)) if hasattr(mesh.Vertices, "Point3dAt")
                  else _xyz(mesh.Vertices[i]) for i in range(n)]).reshape(-1, 3)
    f = np.array([tuple(mesh.Faces[i]) for i in range(len(mesh.Faces))], dtype=int).reshape(-1, 4)
    return v, f


def _new_mesh(vertices, faces, normals=None, colors=None):
    m = _r.Mesh()
    try:
        m.Vertices.UseDoublePrecisionVertices = True
    except (AttributeError, TypeError):
        pass
    for p in vertices:
        m.Vertices.Add(float(p[0]), float(p[1]), float(p[2]))
    for f in faces:
        f = [int(i) for i in f]
        if len(f) == 3 or f[2] == f[3]:
            m.Faces.AddFace(f[0], f[1], f[2])
        else:
            m.Faces.AddFace(f[0], f[1], f[2], f[3])
    if normals is not None:
        for n in normals:
            m.Normals.Add(float(n[0]), float(n[1]), float(n[2]))
    if colors is not None:
        for c in colors:
            m.VertexColors.Add(int(c[0]), int(c[1]), int(c[2]))
    return m


def _colors(mesh):
    if len(mesh.VertexColors) == 0:
        return None
    out = []
    for i in range(len(mesh.VertexColors)):
        c = mesh.VertexColors[i]
        out.append(tuple(c) if isinstance(c, tuple) else (c.R, c.G, c.B, getattr(c, "A", 255)))
    return out


def _normals(mesh):
    if len(mesh.Normals) == 0:
        return None
    return [_xyz(mesh.Normals[i]) for i in range(len(mesh.Normals))]


def _ids(object_ids):
    return object_ids if isinstance(object_ids, (list, tuple)) else [object_ids]


# ---- construction ---------------------------------------------------------------------------

def AddMesh(vertices, face_vertices, vertex_normals=None, texture_coordinates=None, vertex_colors=None):
    pts = [_xyz(p) for p in _coerce_points(vertices, True)]
    faces = []
    for f in face_vertices:
        f = [int(i) for i in f]
        if len(f) not in (3, 4) or min(f) < 0 or max(f) >= len(pts):
            raise ValueError("bad face %s for %d vertices" % (f, len(pts)))
        faces.append(f)
    normals = None
    if vertex_normals:
        normals = [_xyz(_coerce_point(n, True)) for n in vertex_normals]
        if len(normals) != len(pts):
            normals = None  # Rhino ignores a normal list of the wrong length
    if texture_coordinates:
        raise NeedsRhinoError("rs.AddMesh", "texture coordinates, which rhino3dm cannot set")
    colors = None
    if vertex_colors:
        colors = [_to_color(c) for c in vertex_colors]
        if len(colors) != len(pts) or any(c is None for c in colors):
            colors = None
    mesh = _new_mesh(pts, faces, normals, colors)
    if normals is None:
        mesh.Normals.ComputeNormals()
    return _add(mesh)


def JoinMeshes(object_ids, delete_input=False):
    ids = [_guid(i) for i in _ids(object_ids)]
    verts, faces, colors = [], [], []
    has_colors = True
    for oid in ids:
        v, f = _arrays(_mesh(oid))
        faces.extend((f + len(verts)).tolist())
        verts.extend(v.tolist())
        c = _colors(_mesh(oid))
        has_colors = has_colors and c is not None
        colors.extend(c or [])
    mesh = _new_mesh(verts, faces, colors=colors if has_colors else None)
    mesh.Normals.ComputeNormals()
    rc = _add(mesh)
    if delete_input:
        for oid in ids:
            _delete(oid)
    return rc


def _submeshes(object_id, weld):
    mesh = _mesh(object_id)
    v, f = _arrays(mesh)
    out = []
    for piece in _gm.components(v, f, weld=weld):
        used = sorted(set(int(i) for i in f[piece].ravel()))
        remap = {old: new for new, old in enumerate(used)}
        faces = [[remap[int(i)] for i in f[k]] for k in piece]
        m = _new_mesh(v[used], faces)
        m.Normals.ComputeNormals()
        out.append(m)
    return out


def DisjointMeshCount(object_id):
    v, f = _arrays(_mesh(object_id))
    return len(_gm.components(v, f))


def SplitDisjointMesh(object_id, delete_input=False):
    pieces = _submeshes(object_id, weld=True)
    if len(pieces) < 2:
        return []
    rc = [_add(m) for m in pieces]
    if delete_input:
        _delete(_guid(object_id))
    return rc


def ExplodeMeshes(mesh_ids, delete=False):
    rc = []
    for oid in _ids(mesh_ids):
        pieces = _submeshes(oid, weld=False)
        if len(pieces) > 1:
            rc.extend(_add(m) for m in pieces)
            if delete:
                _delete(_guid(oid))
    return rc


def MeshQuadsToTriangles(object_id):
    mesh = _mesh(object_id)
    v, f = _arrays(mesh)
    if not _gm.is_quad(f).any():
        return True
    new = _new_mesh(v, _gm.split_quads(f), colors=_colors(mesh))
    new.Normals.ComputeNormals()
    return _replace(_guid(object_id), new)


def UnifyMeshNormals(object_id):
    mesh = _mesh(object_id)
    v, f = _arrays(mesh)
    faces, flipped = _gm.unify_orientation(v, f)
    if flipped:
        new = _new_mesh(v, faces, colors=_colors(mesh))
        new.Normals.ComputeNormals()
        _replace(_guid(object_id), new)
    return flipped


def MeshOffset(mesh_id, distance):
    """Vertices moved along the vertex normals, as Rhino's Mesh.Offset does."""
    mesh = _mesh(mesh_id)
    v, f = _arrays(mesh)
    normals = _normals(mesh)
    n = np.array(normals) if normals is not None and len(normals) == len(v) else _gm.vertex_normals(v, f)
    new = _new_mesh(v + float(distance) * n, f)
    new.Normals.ComputeNormals()
    return _add(new)


# ---- queries --------------------------------------------------------------------------------

def IsMesh(object_id):
    return _mesh(object_id, raise_on_error=False) is not None


def IsMeshClosed(object_id):
    v, f = _arrays(_mesh(object_id))
    return _gm.is_closed(v, f)


def IsMeshManifold(object_id):
    v, f = _arrays(_mesh(object_id))
    return _gm.is_manifold(v, f)


def MeshVertices(object_id):
    v, _ = _arrays(_mesh(object_id))
    return [_point(*p) for p in v]


def MeshVertexCount(object_id):
    return len(_mesh(object_id).Vertices)


def MeshFaceCount(object_id):
    return len(_mesh(object_id).Faces)


def MeshQuadCount(object_id):
    return _mesh(object_id).Faces.QuadCount


def MeshTriangleCount(object_id):
    return _mesh(object_id).Faces.TriangleCount


def MeshFaceVertices(object_id):
    _, f = _arrays(_mesh(object_id))
    return [tuple(int(i) for i in face) for face in f]


def MeshFaces(object_id, face_type=True):
    v, f = _arrays(_mesh(object_id))
    out = []
    for face in f:
        a, b, c, d = (int(i) for i in face)
        if face_type:
            out.extend(_point(*v[i]) for i in (a, b, c, d))
        elif c == d:
            out.extend(_point(*v[i]) for i in (a, b, c))
        else:
            out.extend(_point(*v[i]) for i in (a, b, c, a, c, d))
    return out


def MeshVertexFaces(mesh_id, vertex_index):
    _, f = _arrays(_mesh(mesh_id))
    return [k for k, face in enumerate(f) if int(vertex_index) in set(int(i) for i in face)]


def MeshVertexNormals(mesh_id):
    normals = _normals(_mesh(mesh_id))
    if normals is None:
        return None
    return [_vector(*n) for n in normals]


def MeshFaceNormals(mesh_id):
    v, f = _arrays(_mesh(mesh_id))
    return [_vector(*n) for n in _gm.face_normals(v, f)]


def MeshFaceCenters(mesh_id):
    v, f = _arrays(_mesh(mesh_id))
    return [_point(*c) for c in _gm.face_centers(v, f)]


def MeshHasVertexNormals(object_id):
    return len(_mesh(object_id).Normals) > 0


def MeshHasFaceNormals(object_id):
    # Rhino computes face normals whenever a mesh is added; every non-empty mesh has them
    return len(_mesh(object_id).Faces) > 0


def MeshHasVertexColors(object_id):
    return len(_mesh(object_id).VertexColors) > 0


def MeshHasTextureCoordinates(object_id):
    return len(_mesh(object_id).TextureCoordinates) > 0


def MeshVertexColors(mesh_id, colors=0):
    mesh = _mesh(mesh_id)
    old = _colors(mesh)
    rc = [_color_out(c) for c in old] if old else None
    if colors == 0:
        return rc
    v, f = _arrays(mesh)
    if colors is None:
        new = _new_mesh(v, f, _normals(mesh))
    else:
        cs = [_to_color(c) for c in colors]
        if len(cs) != len(v) or any(c is None for c in cs):
            raise ValueError("colors must be a list of %d colors" % len(v))
        new = _new_mesh(v, f, _normals(mesh), cs)
    _replace(_guid(mesh_id), new)
    return rc


def MeshNakedEdgePoints(object_id):
    v, f = _arrays(_mesh(object_id))
    return _gm.naked_vertex_flags(v, f)


def DuplicateMeshBorder(mesh_id):
    v, f = _arrays(_mesh(mesh_id))
    rc = []
    for loop in _gm.border_loops(v, f):
        rc.append(_add(_r.PolylineCurve([_r.Point3d(*v[i]) for i in loop])))
    return rc


def MeshClosestPoint(object_id, point, maximum_distance=None):
    v, f = _arrays(_mesh(object_id))
    p = _xyz(_coerce_point(point, True))
    q, face = _gm.closest_point(v, f, p)
    if maximum_distance is not None and np.linalg.norm(q - p) > float(maximum_distance):
        return None
    return _point(*q), face


def IsPointOnMesh(object_id, point):
    v, f = _arrays(_mesh(object_id))
    p = _xyz(_coerce_point(point, True))
    q, _ = _gm.closest_point(v, f, p)
    return bool(np.linalg.norm(q - p) <= _tolerance())


# ---- mass properties ------------------------------------------------------------------------

def MeshArea(object_ids):
    """(number of meshes measured, total area, error bound)."""
    count, total = 0, 0.0
    for oid in _ids(object_ids):
        mesh = _mesh(oid, raise_on_error=False)
        if mesh is None:
            continue
        v, f = _arrays(mesh)
        total += _gm.area(v, f)
        count += 1
    if count == 0:
        return None
    return count, total, 1e-9 * max(total, 1.0)


def MeshAreaCentroid(object_id):
    v, f = _arrays(_mesh(object_id))
    c, _ = _gm.area_centroid(v, f)
    return _point(*c)


def MeshVolume(object_ids):
    """(number of closed meshes measured, total volume, error bound); open meshes are skipped."""
    count, total = 0, 0.0
    for oid in _ids(object_ids):
        mesh = _mesh(oid, raise_on_error=False)
        if mesh is None:
            continue
        v, f = _arrays(mesh)
        if not _gm.is_closed(v, f):
            continue
        total += abs(_gm.volume(v, f))
        count += 1
    if count == 0:
        return None
    return count, total, 1e-9 * max(total, 1.0)


def MeshVolumeCentroid(object_id):
    v, f = _arrays(_mesh(object_id))
    if not _gm.is_closed(v, f):
        return None
    c, _ = _gm.volume_centroid(v, f)
    return _point(*c)


def MeshToNurb(object_id, trimmed_triangles=True, delete_input=False):
    """One planar face per mesh face, joined (openNURBS' ON_BrepFromMesh, as Rhino uses)."""
    ids = []
    for oid in _ids(object_id):
        brep = _r.Brep.CreateFromMesh(_mesh(oid), bool(trimmed_triangles))
        if brep is None:
            return None
        ids.append(_add(brep))
        if delete_input:
            _delete(_guid(oid))
    return ids
