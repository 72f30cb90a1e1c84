"""rhinoscriptsyntax.material, headless.

Render materials come only from a loaded .3dm file (carried unchanged, see `doc_files.Carried`):
scripts can read them and assign them to objects and layers by index. Creating or editing
materials needs Rhino (the setter form of each function says so).
"""
from ..errors import NeedsRhinoError
from ._lookup import color_in, doc, guid, guids, rhino_object, system_color

_REASON = "Rhino's material table"
NEEDS_RHINO = {name: _REASON for name in ("AddMaterialToLayer", "AddMaterialToObject", "CopyMaterial",
                                          "ResetMaterial")}


def _materials():
    carried = doc().carried
    return list(carried.materials) if carried is not None else []


def _material_exists(index):
    return 0 <= index < len(_materials())


def _material(index):
    index = int(index)
    if not _material_exists(index):
        return None
    return _materials()[index]


def _read(function, material_index, value, read):
    """The material's value, or None for an unknown index; setting needs Rhino."""
    mat = _material(material_index)
    if mat is None:
        return None
    if value is not None:
        raise NeedsRhinoError("rs." + function, _REASON)
    return read(mat)


def _texture(get):
    def read(mat):
        texture = get(mat)
        return texture.FileName if texture is not None else None
    return read


def MaterialName(material_index, name=None):
    return _read("MaterialName", material_index, name, lambda m: m.Name)


def MaterialColor(material_index, color=None):
    return _read("MaterialColor", material_index, color, lambda m: system_color(m.DiffuseColor))


def MaterialReflectiveColor(material_index, color=None):
    return _read("MaterialReflectiveColor", material_index, color, lambda m: system_color(m.ReflectionColor))


def MaterialShine(material_index, shine=None):
    """Shine 0..255 (Rhino's MaxShine)."""
    return _read("MaterialShine", material_index, shine, lambda m: m.Shine)


def MaterialTransparency(material_index, transparency=None):
    """Transparency 0.0 (opaque) .. 1.0."""
    return _read("MaterialTransparency", material_index, transparency, lambda m: m.Transparency)


def MaterialTexture(material_index, filename=None):
    return _read("MaterialTexture", material_index, filename, _texture(lambda m: m.GetBitmapTexture()))


def MaterialBump(material_index, filename=None):
    return _read("MaterialBump", material_index, filename, _texture(lambda m: m.GetBumpTexture()))


def MaterialEnvironmentMap(material_index, filename=None):
    return _read("MaterialEnvironmentMap", material_index, filename,
                 _texture(lambda m: m.GetEnvironmentTexture()))


def MaterialTransparencyMap(material_index, filename=None):
    return _read("MaterialTransparencyMap", material_index, filename,
                 _texture(lambda m: m.GetTransparencyTexture()))


def IsMaterialDefault(material_index):
    """True for -1 (Rhino's default material); a material of the file is not the default."""
    if int(material_index) == -1:
        return True
    if not _material_exists(int(material_index)):
        raise ValueError("%s is not a material index" % (material_index,))
    return False


def IsMaterialReference(material_index):
    if int(material_index) != -1 and not _material_exists(int(material_index)):
        raise ValueError("%s is not a material index" % (material_index,))
    return False


def MatchMaterial(source, destination):
    """Give the destination objects the source's material (an object id or a material index);
    returns how many objects changed."""
    import rhino3dm
    if guid(source) is not None:
        index = rhino_object(source, True).attributes.MaterialIndex
    else:
        index = int(source)
        if index != -1 and not _material_exists(index):
            return None
    count = 0
    for oid in guids(destination):
        obj = rhino_object(oid, True)
        if doc().update_attributes(obj.id, MaterialIndex=index,
                                   MaterialSource=rhino3dm.ObjectMaterialSource.MaterialFromObject):
            count += 1
    return count
