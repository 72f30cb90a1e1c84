"""rhinoscriptsyntax.dimension, headless.

Dimensions, leaders and text loaded from a .3dm file can be identified and their text read.
rhino3dm cannot construct annotations and the headless document keeps no dimension-style table,
so adding annotations and every dimension-style function need Rhino.
"""
import rhino3dm

from ._lookup import rhino_object

_TYPES = rhino3dm.AnnotationTypes
NEEDS_RHINO = {name: "Rhino's dimension style table" for name in (
    "AddDimStyle", "CurrentDimStyle", "DeleteDimStyle", "DimensionStyle", "DimStyleAnglePrecision",
    "DimStyleArrowSize", "DimStyleCount", "DimStyleExtension", "DimStyleFont", "DimStyleLeaderArrowSize",
    "DimStyleLengthFactor", "DimStyleLinearPrecision", "DimStyleNames", "DimStyleNumberFormat",
    "DimStyleOffset", "DimStylePrefix", "DimStyleScale", "DimStyleSuffix", "DimStyleTextAlignment",
    "DimStyleTextGap", "DimStyleTextHeight", "IsDimStyle", "IsDimStyleReference", "RenameDimStyle")}
NEEDS_RHINO.update({name: "Rhino's annotation engine" for name in (
    "AddAlignedDimension", "AddLeader", "AddLinearDimension", "DimensionValue", "DimensionUserText")})


def _annotation(object_id):
    obj = rhino_object(object_id, True)
    geom = obj.geometry
    return geom if isinstance(geom, rhino3dm.AnnotationBase) else None


def _type_is(object_id, *types):
    geom = _annotation(object_id)
    return geom is not None and geom.AnnotationType in types


def IsDimension(object_id):
    geom = _annotation(object_id)
    return isinstance(geom, rhino3dm.Dimension)


def IsLinearDimension(object_id):
    return _type_is(object_id, _TYPES.Aligned, _TYPES.Rotated)


def IsAlignedDimension(object_id):
    return _type_is(object_id, _TYPES.Aligned)


def IsAngularDimension(object_id):
    return _type_is(object_id, _TYPES.Angular, _TYPES.Angular3pt)


def IsDiameterDimension(object_id):
    return _type_is(object_id, _TYPES.Diameter)


def IsRadialDimension(object_id):
    return _type_is(object_id, _TYPES.Radius)


def IsOrdinateDimension(object_id):
    return _type_is(object_id, _TYPES.Ordinate)


def IsLeader(object_id):
    return isinstance(_annotation(object_id), rhino3dm.Leader)


def DimensionText(object_id):
    """The text a dimension displays."""
    geom = _annotation(object_id)
    if not isinstance(geom, rhino3dm.Dimension):
        return None
    return geom.PlainText


def LeaderText(object_id, text=None):
    """A leader's text; changing it needs Rhino's annotation engine."""
    geom = _annotation(object_id)
    if not isinstance(geom, rhino3dm.Leader):
        return None
    if text is not None:
        from ..errors import NeedsRhinoError
        raise NeedsRhinoError("rs.LeaderText", "Rhino's annotation engine")
    return geom.PlainText
