"""Headless stand-in for the few `System` (.NET) names Rhino scripts use: Guid, Drawing.Color.

`System.Guid` values are plain `uuid.UUID` (what the headless document uses for ids);
`isinstance(uuid.uuid4(), System.Guid)` is True.
"""
import uuid as _uuid

from . import Collections, Drawing  # noqa: F401  (`import System` then `System.Drawing.Color` works)


class _GuidType(type):
    def __instancecheck__(cls, obj):
        return isinstance(obj, _uuid.UUID)

    @property
    def Empty(cls):
        return _uuid.UUID(int=0)


class Guid(_uuid.UUID, metaclass=_GuidType):
    """`System.Guid("...")` parses to a uuid.UUID; `Guid.Empty`, `Guid.NewGuid()`, `Guid.Parse(s)`."""

    def __new__(cls, value=None):
        if value is None:
            return _uuid.UUID(int=0)
        if isinstance(value, _uuid.UUID):
            return value
        return _uuid.UUID(str(value).strip().strip("{}"))

    @staticmethod
    def NewGuid():
        return _uuid.uuid4()

    @staticmethod
    def Parse(text):
        return _uuid.UUID(str(text).strip().strip("{}"))

    @staticmethod
    def TryParse(text):
        try:
            return True, Guid.Parse(text)
        except (ValueError, AttributeError, TypeError):
            return False, _uuid.UUID(int=0)


class Environment(object):
    NewLine = "\n"


class Array(object):
    """`System.Array[T](items)` -> a list (IronPython idiom some scripts keep)."""

    def __class_getitem__(cls, item):
        return list

    @staticmethod
    def CreateInstance(kind, length):
        return [None] * int(length)


class Math(object):
    import math as _m
    PI = _m.pi
    E = _m.e
    Abs = staticmethod(abs)
    Sqrt = staticmethod(_m.sqrt)
    Sin = staticmethod(_m.sin)
    Cos = staticmethod(_m.cos)
    Tan = staticmethod(_m.tan)
    Atan2 = staticmethod(_m.atan2)
    Floor = staticmethod(_m.floor)
    Ceiling = staticmethod(_m.ceil)
    Pow = staticmethod(_m.pow)
    Max = staticmethod(max)
    Min = staticmethod(min)
    Round = staticmethod(round)


Double = type("Double", (object,), {"MaxValue": 1.7976931348623157e308, "MinValue": -1.7976931348623157e308,
                                    "Epsilon": 5e-324, "NaN": float("nan")})
Int32 = type("Int32", (object,), {"MaxValue": 2147483647, "MinValue": -2147483648})
String = str
