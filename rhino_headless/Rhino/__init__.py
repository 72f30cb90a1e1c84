"""Headless stand-in for the `Rhino` namespace of RhinoCommon (the parts scripts use most).

`Rhino.Geometry` (value types over rhino3dm) and `Rhino.DocObjects` (ObjectType, RhinoObject,
Layer, the document tables) are subpackages; this module adds `RhinoDoc.ActiveDoc`, `RhinoApp`,
`RhinoMath`, `UnitSystem` and `Commands.Result`.
"""
import math as _math

import rhino3dm as _r

from . import Geometry  # noqa: F401
from . import DocObjects  # noqa: F401

UnitSystem = _r.UnitSystem


class _RhinoDocType(type):
    @property
    def ActiveDoc(cls):
        from .. import scriptcontext
        return scriptcontext.doc


class RhinoDoc(metaclass=_RhinoDocType):
    """`Rhino.RhinoDoc.ActiveDoc` is the run's HeadlessDoc (the same object as `sc.doc`);
    `isinstance(sc.doc, Rhino.RhinoDoc)` is True."""


def _is_doc(obj):
    from ..document import HeadlessDoc
    return isinstance(obj, HeadlessDoc)


_RhinoDocType.__instancecheck__ = lambda cls, obj: _is_doc(obj)


class RhinoApp(object):
    """Output goes to the script's stdout; there is no command line to run commands on."""

    Version = "8.0 (headless)"
    ExeVersion = 8
    Name = "Rhino (headless)"

    @staticmethod
    def WriteLine(*args):
        if not args:
            print()
        elif len(args) == 1:
            print(args[0])
        else:
            print(str(args[0]).format(*args[1:]))

    @staticmethod
    def Write(*args):
        text = str(args[0]).format(*args[1:]) if len(args) > 1 else (str(args[0]) if args else "")
        print(text, end="")

    @staticmethod
    def RunScript(*args):
        from ..errors import NeedsRhinoError
        raise NeedsRhinoError("Rhino.RhinoApp.RunScript", "Rhino's command line")

    @staticmethod
    def Wait():
        return None


class RhinoMath(object):
    UnsetValue = -1.23432101234321e308
    UnsetSingle = -1.234321e38
    UnsetIntIndex = -2147483647
    ZeroTolerance = 2.3283064365386963e-10
    SqrtEpsilon = 1.490116119385e-8
    DefaultAngleTolerance = _math.pi / 180.0
    Epsilon = 2.220446049250313e-16

    @staticmethod
    def ToRadians(degrees):
        return _math.radians(degrees)

    @staticmethod
    def ToDegrees(radians):
        return _math.degrees(radians)

    @staticmethod
    def IsValidDouble(x):
        return x != RhinoMath.UnsetValue and _math.isfinite(x)

    @staticmethod
    def Clamp(value, lo, hi):
        return max(lo, min(hi, value))

    @staticmethod
    def EpsilonEquals(a, b, epsilon):
        return abs(a - b) <= epsilon

    @staticmethod
    def UnitScale(from_system, to_system):
        return _unit_scale(from_system, to_system)


_METERS = {"Angstroms": 1e-10, "Nanometers": 1e-9, "Microns": 1e-6, "Millimeters": 1e-3,
           "Centimeters": 1e-2, "Decimeters": 1e-1, "Meters": 1.0, "Dekameters": 10.0,
           "Hectometers": 100.0, "Kilometers": 1000.0, "Megameters": 1e6, "Gigameters": 1e9,
           "Microinches": 2.54e-8, "Mils": 2.54e-5, "Inches": 0.0254, "Feet": 0.3048,
           "Yards": 0.9144, "Miles": 1609.344, "PrinterPoints": 0.0254 / 72,
           "PrinterPicas": 0.0254 / 6, "NauticalMiles": 1852.0, "AstronomicalUnits": 1.495978707e11,
           "LightYears": 9.4607304725808e15, "Parsecs": 3.08567758e16}


def _unit_scale(from_system, to_system):
    """Factor that converts a length in `from_system` units to `to_system` units."""
    a = _METERS.get(getattr(from_system, "name", str(from_system)))
    b = _METERS.get(getattr(to_system, "name", str(to_system)))
    if a is None or b is None:
        return 1.0
    return a / b


class Commands(object):
    class Result(object):
        Success = 0
        Cancel = 1
        Nothing = 2
        Failure = 3
