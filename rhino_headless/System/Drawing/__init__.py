"""Headless `System.Drawing`: Color (ARGB value type with .NET's named colours).

The names are .NET's 141 web KnownColors (the CSS colour keywords without their seven "grey"
spellings, plus RebeccaPurple) and Transparent. As in .NET, `Color.DarkSeaGreen` is spelt exactly
(`Color.darkseagreen` and `Color.Grey` raise AttributeError) while `Color.FromName` ignores case and
gives ARGB 0 with the name kept for a name it does not know.
"""


class _ColorType(type):
    def __getattr__(cls, name):
        rgb = _NAMED.get(name)
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
        name = str(name)
        known = _KNOWN.get(name.lower())
        if known is not None:
            return getattr(cls, known)
        return cls(0, 0, 0, 0, name)  # .NET: an unknown name is ARGB 0, not an error

    @property
    def IsKnownColor(self):
        return _KNOWN.get(self.Name.lower()) == self.Name

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
    "AliceBlue": (240, 248, 255), "AntiqueWhite": (250, 235, 215), "Aqua": (0, 255, 255),
    "Aquamarine": (127, 255, 212), "Azure": (240, 255, 255), "Beige": (245, 245, 220),
    "Bisque": (255, 228, 196), "Black": (0, 0, 0), "BlanchedAlmond": (255, 235, 205), "Blue": (0, 0, 255),
    "BlueViolet": (138, 43, 226), "Brown": (165, 42, 42), "BurlyWood": (222, 184, 135),
    "CadetBlue": (95, 158, 160), "Chartreuse": (127, 255, 0), "Chocolate": (210, 105, 30),
    "Coral": (255, 127, 80), "CornflowerBlue": (100, 149, 237), "Cornsilk": (255, 248, 220),
    "Crimson": (220, 20, 60), "Cyan": (0, 255, 255), "DarkBlue": (0, 0, 139), "DarkCyan": (0, 139, 139),
    "DarkGoldenrod": (184, 134, 11), "DarkGray": (169, 169, 169), "DarkGreen": (0, 100, 0),
    "DarkKhaki": (189, 183, 107), "DarkMagenta": (139, 0, 139), "DarkOliveGreen": (85, 107, 47),
    "DarkOrange": (255, 140, 0), "DarkOrchid": (153, 50, 204), "DarkRed": (139, 0, 0),
    "DarkSalmon": (233, 150, 122), "DarkSeaGreen": (143, 188, 143), "DarkSlateBlue": (72, 61, 139),
    "DarkSlateGray": (47, 79, 79), "DarkTurquoise": (0, 206, 209), "DarkViolet": (148, 0, 211),
    "DeepPink": (255, 20, 147), "DeepSkyBlue": (0, 191, 255), "DimGray": (105, 105, 105),
    "DodgerBlue": (30, 144, 255), "Firebrick": (178, 34, 34), "FloralWhite": (255, 250, 240),
    "ForestGreen": (34, 139, 34), "Fuchsia": (255, 0, 255), "Gainsboro": (220, 220, 220),
    "GhostWhite": (248, 248, 255), "Gold": (255, 215, 0), "Goldenrod": (218, 165, 32),
    "Gray": (128, 128, 128), "Green": (0, 128, 0), "GreenYellow": (173, 255, 47), "Honeydew": (240, 255, 240),
    "HotPink": (255, 105, 180), "IndianRed": (205, 92, 92), "Indigo": (75, 0, 130), "Ivory": (255, 255, 240),
    "Khaki": (240, 230, 140), "Lavender": (230, 230, 250), "LavenderBlush": (255, 240, 245),
    "LawnGreen": (124, 252, 0), "LemonChiffon": (255, 250, 205), "LightBlue": (173, 216, 230),
    "LightCoral": (240, 128, 128), "LightCyan": (224, 255, 255), "LightGoldenrodYellow": (250, 250, 210),
    "LightGray": (211, 211, 211), "LightGreen": (144, 238, 144), "LightPink": (255, 182, 193),
    "LightSalmon": (255, 160, 122), "LightSeaGreen": (32, 178, 170), "LightSkyBlue": (135, 206, 250),
    "LightSlateGray": (119, 136, 153), "LightSteelBlue": (176, 196, 222), "LightYellow": (255, 255, 224),
    "Lime": (0, 255, 0), "LimeGreen": (50, 205, 50), "Linen": (250, 240, 230), "Magenta": (255, 0, 255),
    "Maroon": (128, 0, 0), "MediumAquamarine": (102, 205, 170), "MediumBlue": (0, 0, 205),
    "MediumOrchid": (186, 85, 211), "MediumPurple": (147, 112, 219), "MediumSeaGreen": (60, 179, 113),
    "MediumSlateBlue": (123, 104, 238), "MediumSpringGreen": (0, 250, 154), "MediumTurquoise": (72, 209, 204),
    "MediumVioletRed": (199, 21, 133), "MidnightBlue": (25, 25, 112), "MintCream": (245, 255, 250),
    "MistyRose": (255, 228, 225), "Moccasin": (255, 228, 181), "NavajoWhite": (255, 222, 173),
    "Navy": (0, 0, 128), "OldLace": (253, 245, 230), "Olive": (128, 128, 0), "OliveDrab": (107, 142, 35),
    "Orange": (255, 165, 0), "OrangeRed": (255, 69, 0), "Orchid": (218, 112, 214),
    "PaleGoldenrod": (238, 232, 170), "PaleGreen": (152, 251, 152), "PaleTurquoise": (175, 238, 238),
    "PaleVioletRed": (219, 112, 147), "PapayaWhip": (255, 239, 213), "PeachPuff": (255, 218, 185),
    "Peru": (205, 133, 63), "Pink": (255, 192, 203), "Plum": (221, 160, 221), "PowderBlue": (176, 224, 230),
    "Purple": (128, 0, 128), "RebeccaPurple": (102, 51, 153), "Red": (255, 0, 0),
    "RosyBrown": (188, 143, 143), "RoyalBlue": (65, 105, 225), "SaddleBrown": (139, 69, 19),
    "Salmon": (250, 128, 114), "SandyBrown": (244, 164, 96), "SeaGreen": (46, 139, 87),
    "SeaShell": (255, 245, 238), "Sienna": (160, 82, 45), "Silver": (192, 192, 192),
    "SkyBlue": (135, 206, 235), "SlateBlue": (106, 90, 205), "SlateGray": (112, 128, 144),
    "Snow": (255, 250, 250), "SpringGreen": (0, 255, 127), "SteelBlue": (70, 130, 180),
    "Tan": (210, 180, 140), "Teal": (0, 128, 128), "Thistle": (216, 191, 216), "Tomato": (255, 99, 71),
    "Turquoise": (64, 224, 208), "Violet": (238, 130, 238), "Wheat": (245, 222, 179),
    "White": (255, 255, 255), "WhiteSmoke": (245, 245, 245), "Yellow": (255, 255, 0),
    "YellowGreen": (154, 205, 50),
}
_KNOWN = dict((k.lower(), k) for k in list(_NAMED) + ["Transparent"])  # lower case -> .NET's spelling


def _empty():
    c = Color(0, 0, 0, 0, "Empty")
    return c


setattr(_ColorType, "Empty", property(lambda cls: _empty()))
_ColorType.Transparent = property(lambda cls: Color(255, 255, 255, 0, "Transparent"))
