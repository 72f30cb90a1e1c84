#! python3
"""RhinoCoder: show or hide the chat panel. Scripted (-RhinoCoder "request"): send a request."""
import Rhino
from Rhino.Commands import Result

from rhino_plugin.ui import panel_view

doc = __rhino_doc__  # noqa: F821 (injected by Rhino into published command scripts)
plugin = __rhino_command__.PlugIn  # noqa: F821

if __is_interactive__:  # noqa: F821 (the toolbar/menu RhinoCoder: toggle the panel)
    panel_view.toggle_panel(doc, plugin)
else:
    rc, request = Rhino.Input.RhinoGet.GetString("RhinoCoder request", True, "")
    if rc == Result.Success and request.strip():
        panel_view.ask(doc, plugin, request)
    else:
        panel_view.toggle_panel(doc, plugin)
