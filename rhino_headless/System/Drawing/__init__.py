"""Headless `System.Drawing`: Color (ARGB value type with .NET's named colours)."""


class _ColorType(type):
    def __getattr__(cls, name):
        rgb = _NAMED.get(name.lower())
        if rgb is None:
            raise AttributeError("type object 'Color' has no attribute %r" % name)
        return cls(rgb[0], rgb[1], rgb[2], 255, name)


class Color(tuple, metaclass=_ColorType):
    """An immutable ARGB colour: `.R .G .B .A`, `Color.FromArgb(...)`, `Color.Red`, `ToArgb()`.

    It is also the tuple (r, g, b, a), so it goes straight into rhino3dm (`attrs.ObjectColor =
    Color.Red`) and equals the plain tuple rhino3dm hands back."""

    def __new__(cls, r=0, g=0, b=0, a=255, name=None):
        values = (int(r), int(g), int(b), int(a))
        for v in values:
            if not 0 <= v <= 255:
                raise ValueError("Value of '%s' is not valid for 'red', 'green', 'blue' or 'alpha'" % v)
        self = tuple.__new__(cls, values)
        self.__dict__["Name"] = name or "%02x%02x%02x%02x" % (values[3], values[0], values[1], values[2])
        return self

    def __init__(self, *args, **kwargs):
        pass

    R = property(lambda self: self[0])
    G = property(lambda self: self[1])
    B = property(lambda self: self[2])
    A = property(lambda self: self[3])

    def __setattr__(self, name, value):
        raise AttributeError("Color is immutable")

    @classmethod
    def FromArgb(cls, *args):
        """FromArgb(argb_int) | FromArgb(r, g, b) | FromArgb(a, r, g, b) | FromArgb(a, color)."""
        if len(args) == 1:
            v = int(args[0]) & 0xFFFFFFFF
            return cls((v >> 16) & 255, (v >> 8) & 255, v & 255, (v >> 24) & 255)
        if len(args) == 2:
            return cls(args[1].R, args[1].G, args[1].B, args[0])
        if len(args) == 3:
            return cls(args[0], args[1], args[2], 255)
        if len(args) == 4:
            return cls(args[1], args[2], args[3], args[0])
        raise TypeError("FromArgb takes 1 to 4 arguments")

    @classmethod
    def FromName(cls, name):
        return getattr(cls, str(name))

    @property
    def IsEmpty(self):
        return self.Name == "Empty"

    def ToArgb(self):
        v = (self.A << 24) | (self.R << 16) | (self.G << 8) | self.B
        return v - (1 << 32) if v >= 1 << 31 else v  # .NET's signed int

    def GetBrightness(self):
        return (max(self.R, self.G, self.B) + min(self.R, self.G, self.B)) / 510.0

    def __eq__(self, other):
        if isinstance(other, tuple) and len(other) == 3 and not isinstance(other, Color):
            return tuple(self)[:3] == other  # (r, g, b) as scripts write it
        return tuple.__eq__(self, other)

    def __ne__(self, other):
        return not self == other

    __hash__ = tuple.__hash__

    def __repr__(self):
        return "Color [A=%d, R=%d, G=%d, B=%d]" % (self.A, self.R, self.G, self.B)

    __str__ = __repr__


_NAMED = {
    "black": (0, 0, 0), "white": (255, 255, 255), "red": (255, 0, 0), "lime": (0, 255, 0),
    "green": (0, 128, 0), "blue": (0, 0, 255), "yellow": (255, 255, 0), "cyan": (0, 255, 255),
    "aqua": (0, 255, 255), "magenta": (255, 0, 255), "fuchsia": (255, 0, 255),
    "gray": (128, 128, 128), "grey": (128, 128, 128), "darkgray": (169, 169, 169),
    "lightgray": (211, 211, 211), "silver": (192, 192, 192), "orange": (255, 165, 0),
    "purple": (128, 0, 128), "brown": (165, 42, 42), "pink": (255, 192, 203), "navy": (0, 0, 128),
    "maroon": (128, 0, 0), "olive": (128, 128, 0), "teal": (0, 128, 128), "gold": (255, 215, 0),
    "darkred": (139, 0, 0), "darkgreen": (0, 100, 0), "darkblue": (0, 0, 139),
    "lightblue": (173, 216, 230), "lightgreen": (144, 238, 144), "violet": (238, 130, 238),
    "indigo": (75, 0, 130), "coral": (255, 127, 80), "salmon": (250, 128, 114),
    "tomato": (255, 99, 71), "crimson": (220, 20, 60), "turquoise": (64, 224, 208),
    "beige": (245, 245, 220), "khaki": (240, 230, 140), "tan": (210, 180, 140),
    "chocolate": (210, 105, 30), "orchid": (218, 112, 214), "plum": (221, 160, 221),
    "skyblue": (135, 206, 235), "steelblue": (70, 130, 180), "slategray": (112, 128, 144),
    "darkorange": (255, 140, 0), "forestgreen": (34, 139, 34), "royalblue": (65, 105, 225),
    "hotpink": (255, 105, 180), "deeppink": (255, 20, 147), "ivory": (255, 255, 240),
    "lavender": (230, 230, 250), "wheat": (245, 222, 179), "sienna": (160, 82, 45),
    "limegreen": (50, 205, 50), "seagreen": (46, 139, 87), "darkviolet": (148, 0, 211),
    "transparent": (255, 255, 255),
}


def _empty():
    c = Color(0, 0, 0, 0, "Empty")
    return c


setattr(_ColorType, "Empty", property(lambda cls: _empty()))
_ColorType.Transparent = property(lambda cls: Color(255, 255, 255, 0, "Transparent"))
