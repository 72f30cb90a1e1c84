"""rhinoscriptsyntax.application, headless.

There is no Rhino application here: what a headless run can answer truthfully (the platform,
no command running, status-bar output that nobody sees) is implemented; application settings,
aliases, plug-ins and commands need Rhino and say so.
"""
import sys

from .. import scriptcontext as _sc

APP = "Rhino's application settings"
NEEDS_RHINO = {name: APP for name in (
    "AddAlias", "AddSearchPath", "AliasCount", "AliasMacro", "AliasNames", "AppearanceColor",
    "AutosaveFile", "AutosaveInterval", "BuildDate", "ClearCommandHistory", "CommandHistory",
    "DefaultRenderer", "DeleteAlias", "DeleteSearchPath", "DisplayOleAlerts", "EdgeAnalysisColor",
    "EdgeAnalysisMode", "EnableAutosave", "EnablePlugIn", "ExeFolder", "ExeServiceRelease", "Exit",
    "FindFile", "GetPlugInObject", "InstallFolder", "IsAlias", "IsCommand", "IsPlugIn",
    "LastCommandName", "LastCommandResult", "LocaleID", "Ortho", "Osnap", "OsnapDialog", "OsnapMode",
    "Planar", "PlugInId", "PlugIns", "ProjectOsnaps", "ScreenSize", "SdkVersion", "SearchPathCount",
    "SearchPathList", "Snap", "TemplateFile", "TemplateFolder", "WindowHandle", "WorkingFolder")}
NEEDS_RHINO.update(Command="Rhino's command line", SendKeystrokes="Rhino's command line")


def ExePlatform():
    """1 for a 64-bit process (Rhino 8 is 64-bit only), else 0."""
    return 1 if sys.maxsize > 2 ** 32 else 0


def ExeVersion():
    """The major Rhino version the headless document stands in for."""
    return 8


def InCommand(ignore_runners=True):
    """Number of active commands: a headless script never runs inside a Rhino command."""
    return 0


def IsRunningOnWindows():
    return sys.platform.startswith("win")


def Prompt(message=None):
    """Sets the command prompt; headless there is no prompt to show."""
    return None


def StatusBarDistance(distance=0):
    return None


def StatusBarMessage(message=None):
    return None


def StatusBarPoint(point=None):
    return None


def _meter():
    # progress-meter state lives with the document's run, not in this module
    return _sc.sticky.setdefault("__rhinocoder_progress_meter__", {"position": 0, "lower": 0, "upper": 0})


def StatusBarProgressMeterShow(label, lower, upper, embed_label=True, show_percent=True):
    """Starts a progress meter; returns True on success."""
    m = _meter()
    m.update(position=lower, lower=lower, upper=upper)
    return True


def StatusBarProgressMeterUpdate(position, absolute=True):
    """Sets (or with absolute=False, moves) the meter; returns the previous position."""
    m = _meter()
    previous = m["position"]
    m["position"] = position if absolute else previous + position
    return previous


def StatusBarProgressMeterHide():
    _sc.sticky.pop("__rhinocoder_progress_meter__", None)
    return None
