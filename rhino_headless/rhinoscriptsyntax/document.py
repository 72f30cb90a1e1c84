"""rhinoscriptsyntax.document, headless: units, tolerances, notes, name/path, modified flag.

Redraw control is a no-op that reports the real state; render and preview-image settings need Rhino.
"""
import os

import rhino3dm

from ._lookup import doc

NEEDS_RHINO = {name: "Rhino's render settings" for name in (
    "RenderAntialias", "RenderColor", "RenderResolution", "RenderMeshDensity", "RenderMeshMaxAngle",
    "RenderMeshMaxAspectRatio", "RenderMeshMaxDistEdgeToSrf", "RenderMeshMaxEdgeLength",
    "RenderMeshMinEdgeLength", "RenderMeshMinInitialGridQuads", "RenderMeshQuality",
    "RenderMeshSettings", "RenderSettings")}
NEEDS_RHINO.update(CreatePreviewImage="Rhino's views", ExtractPreviewImage="Rhino's file preview images",
                   ReadFileVersion="Rhino's file reader", UnitDistanceDisplayPrecision="Rhino's display settings")

# metres per unit, by Rhino's unit system number
_METERS = {0: 1.0, 1: 1e-6, 2: 1e-3, 3: 1e-2, 4: 1.0, 5: 1e3, 6: 2.54e-8, 7: 2.54e-5, 8: 0.0254,
           9: 0.3048, 10: 1609.344, 12: 1e-10, 13: 1e-9, 14: 1e-1, 15: 10.0, 16: 100.0, 17: 1e6,
           18: 1e9, 19: 0.9144, 20: 0.0254 / 72, 21: 0.0254 / 6, 22: 1852.0, 23: 1.495978707e11,
           24: 9.4607304725808e15, 25: 3.08567758149137e16}
# (singular, plural, abbreviation)
_NAMES = {0: ("none", "none", ""), 1: ("micron", "microns", "um"), 2: ("millimeter", "millimeters", "mm"),
          3: ("centimeter", "centimeters", "cm"), 4: ("meter", "meters", "m"), 5: ("kilometer", "kilometers", "km"),
          6: ("microinch", "microinches", "uin"), 7: ("mil", "mils", "mil"), 8: ("inch", "inches", "in"),
          9: ("foot", "feet", "ft"), 10: ("mile", "miles", "mi"), 11: ("custom unit", "custom units", ""),
          12: ("angstrom", "angstroms", "A"), 13: ("nanometer", "nanometers", "nm"),
          14: ("decimeter", "decimeters", "dm"), 15: ("dekameter", "dekameters", "dam"),
          16: ("hectometer", "hectometers", "hm"), 17: ("megameter", "megameters", "Mm"),
          18: ("gigameter", "gigameters", "Gm"), 19: ("yard", "yards", "yd"),
          20: ("printer point", "printer points", "pt"), 21: ("printer pica", "printer picas", "pc"),
          22: ("nautical mile", "nautical miles", "nmi"), 23: ("astronomical unit", "astronomical units", "AU"),
          24: ("light year", "light years", "ly"), 25: ("parsec", "parsecs", "pc")}


def _unit_number(unit):
    return int(unit.value) if hasattr(unit, "value") else int(unit)


def _get_set(attr, value, check=None):
    d = doc()
    old = getattr(d, attr)
    if value is not None:
        setattr(d, attr, check(value) if check else value)
    return old


def DocumentModified(modified=None):
    """The document's modified flag; with `modified`, sets it and returns the old value."""
    d = doc()
    old = bool(d.modified_flag)
    if modified is not None:
        d.modified_flag = bool(modified)
    return old


def IsDocumentModified():
    return bool(doc().modified_flag)


def DocumentName():
    return doc().name or None


def DocumentPath():
    """The folder of the document's file (ending in a separator), or None when never saved."""
    path = doc().path
    if not path:
        return None
    folder = os.path.dirname(path)
    return folder if folder.endswith(os.path.sep) else folder + os.path.sep


def EnableRedraw(enable=True):
    """Turns view redrawing on or off; returns the previous state (nothing is drawn headless)."""
    d = doc()
    old = bool(d.redraw_enabled)
    d.redraw_enabled = bool(enable)
    return old


def Redraw():
    return None


def Notes(newnotes=None):
    """The document notes; with `newnotes`, replaces them and returns the old notes."""
    old = doc().notes
    if newnotes is not None:
        doc().notes = newnotes
    return old


def UnitAbsoluteTolerance(tolerance=None, in_model_units=True):
    return _get_set("tolerance", tolerance, float)


def UnitAngleTolerance(angle_tolerance_degrees=None, in_model_units=True):
    return _get_set("angle_tolerance", angle_tolerance_degrees, float)


def UnitRelativeTolerance(relative_tolerance=None, in_model_units=True):
    return _get_set("relative_tolerance", relative_tolerance, float)


def UnitScale(to_system, from_system=None):
    """How many `to_system` units one `from_system` unit is (default: the model's units)."""
    if from_system is None:
        from_system = _unit_number(doc().unit_system)
    to_system, from_system = int(to_system), int(from_system)
    if to_system not in _METERS or from_system not in _METERS:
        raise ValueError("unknown unit system %r" % ((to_system, from_system),))
    if to_system == 0 or from_system == 0:
        return 1.0
    return _METERS[from_system] / _METERS[to_system]


def UnitSystem(unit_system=None, scale=False, in_model_units=True):
    """The model's unit system number (2 mm, 4 m, 8 inches ...); with `unit_system`, changes it,
    scaling the objects when `scale` is True. Returns the old number."""
    d = doc()
    old = _unit_number(d.unit_system)
    if unit_system is None:
        return old
    new = int(unit_system)
    if new < 1 or new > 25:
        raise ValueError("unit_system value of %s is not valid" % (unit_system,))
    if scale and old not in (0, 11) and new != 11 and old != new:
        factor = UnitScale(new, old)
        xform = rhino3dm.Transform.Scale(rhino3dm.Point3d(0, 0, 0), factor)
        for obj in d.objects():
            geometry = obj.geometry.Duplicate()
            geometry.Transform(xform)
            d.replace(obj.id, geometry, copy=False)
    d.unit_system = new
    return old


def UnitSystemName(capitalize=False, singular=True, abbreviate=False, model_units=True):
    number = _unit_number(doc().unit_system)
    singular_name, plural_name, abbreviation = _NAMES.get(number, ("none", "none", ""))
    name = abbreviation if abbreviate else singular_name if singular else plural_name
    if capitalize and name:
        name = name[0].upper() + name[1:]
    return name
