"""rhinoscriptsyntax.hatch, headless.

Hatches loaded from a .3dm file can be queried and their pattern scale and rotation changed.
Making hatches (boundary regions) and the hatch-pattern table need Rhino.
"""
import math

import rhino3dm

from ._lookup import doc, rhino_object

_TABLE = "Rhino's hatch pattern table"
NEEDS_RHINO = {name: _TABLE for name in (
    "AddHatchPatterns", "CurrentHatchPattern", "HatchPattern", "HatchPatternCount",
    "HatchPatternDescription", "HatchPatternFillType", "HatchPatternNames", "IsHatchPattern",
    "IsHatchPatternCurrent", "IsHatchPatternReference")}
NEEDS_RHINO.update(AddHatch="Rhino's geometry kernel", AddHatches="Rhino's geometry kernel",
                   ExplodeHatch="Rhino's geometry kernel")


def _hatch(hatch_id):
    obj = rhino_object(hatch_id, True)
    if not isinstance(obj.geometry, rhino3dm.Hatch):
        raise ValueError("%s is not a hatch" % (hatch_id,))
    return obj, obj.geometry.Duplicate()


def IsHatch(object_id):
    obj = rhino_object(object_id, True)
    return isinstance(obj.geometry, rhino3dm.Hatch)


def HatchRotation(hatch_id, rotation=None):
    """Pattern rotation in degrees; with `rotation`, sets it and returns the old value."""
    obj, hatch = _hatch(hatch_id)
    old = math.degrees(hatch.PatternRotation)
    if rotation is not None and rotation != old:
        hatch.PatternRotation = math.radians(float(rotation))
        doc().replace(obj.id, hatch, copy=False)
    return old


def HatchScale(hatch_id, scale=None):
    """Pattern scale; with a positive `scale`, sets it and returns the old value."""
    obj, hatch = _hatch(hatch_id)
    old = hatch.PatternScale
    if scale and scale != old:
        hatch.PatternScale = float(scale)
        doc().replace(obj.id, hatch, copy=False)
    return old
