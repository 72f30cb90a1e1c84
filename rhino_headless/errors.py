"""Errors the headless document raises on purpose, so tools can tell them from script bugs."""


class HeadlessError(Exception):
    """Base class for deliberate headless limitations."""


class NeedsRhinoError(HeadlessError):
    """The function needs Rhino itself (its geometry kernel, views or application settings).

    The benchmark counts such a task as "not executable headless", never as a wrong answer.
    """

    def __init__(self, function: str, reason: str = "Rhino's geometry kernel"):
        self.function = function
        self.reason = reason
        super().__init__("%s needs %s and cannot run on the headless document; run it inside Rhino 8"
                         % (function, reason))


class NeedsUserInputError(HeadlessError):
    """An interactive picker (rs.Get*) was called with no preselection and no scripted answer."""

    def __init__(self, function: str, hint: str = ""):
        self.function = function
        msg = ("%s needs user input, which the headless document cannot give; use the selection "
               "(rs.SelectedObjects()) or pass scripted answers (--answers FILE.json)" % function)
        super().__init__(msg + (": " + hint if hint else ""))
