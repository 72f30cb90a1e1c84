"""rhinoscriptsyntax.material, headless.

The headless document keeps no render-material table yet: objects and layers use the default
material (index -1); creating or editing materials needs Rhino.
"""
_REASON = "Rhino's material table"
NEEDS_RHINO = {name: _REASON for name in (
    "AddMaterialToLayer", "AddMaterialToObject", "CopyMaterial", "MatchMaterial", "MaterialBump",
    "MaterialColor", "MaterialEnvironmentMap", "MaterialName", "MaterialReflectiveColor",
    "MaterialShine", "MaterialTexture", "MaterialTransparency", "MaterialTransparencyMap",
    "ResetMaterial", "IsMaterialDefault", "IsMaterialReference")}


def _material_exists(index):
    return False
