"""Glue between the shim classes and rhino3dm: the shim metaclass, static properties, patching.

rhino3dm hands back its own Point3d/Vector3d/... (a pybind11 instance cannot change class), so the
shim does two things:
- shim classes subclass the rhino3dm types (they pass straight into rhino3dm APIs) and add
  RhinoCommon's constructors and static members; `isinstance(native_value, shim_class)` is True.
- members RhinoCommon has and rhino3dm lacks are added to the rhino3dm classes themselves
  (`add_members`), so values rhino3dm returns behave too. Existing rhino3dm members are only
  replaced where the replacement stays backward compatible (see `replace_member`).
"""
import rhino3dm as _r

NATIVE_META = type(_r.Point3d)


class ShimType(NATIVE_META):
    """Metaclass: a shim class also claims the plain rhino3dm instances of its native base."""

    def __instancecheck__(cls, obj):
        native = cls.__dict__.get("_native")
        if native is not None:
            return isinstance(obj, native)
        return NATIVE_META.__instancecheck__(cls, obj)


class static(object):
    """A static read-only property (RhinoCommon's `Point3d.Origin`): a fresh value per access."""

    def __init__(self, factory):
        self.factory = factory
        self.__doc__ = factory.__doc__

    def __get__(self, obj, cls=None):
        return self.factory()


class CallableFloat(float):
    """A float that can also be called: `v.Length` (RhinoCommon) and `v.Length()` (rhino3dm) both work."""
    __slots__ = ()

    def __call__(self):
        return float(self)


def add_members(native_cls, **members):
    """Add members the rhino3dm class does not have; never overwrite one it has."""
    for name, value in members.items():
        if name not in native_cls.__dict__ and not _inherited(native_cls, name):
            setattr(native_cls, name, value)


def replace_member(native_cls, name, value):
    """Overwrite a rhino3dm member with a backward-compatible RhinoCommon version."""
    setattr(native_cls, name, value)


def _inherited(cls, name):
    for base in cls.__mro__[1:]:
        if base is object:
            continue
        if name in base.__dict__:
            return True
    return False
