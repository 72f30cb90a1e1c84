#! python3
"""Hidden: run the attempt RhinoCoder queued, inside this command (one undo record, Escape,
command context). The panel starts it with RhinoApp.RunScript("_RhinoCoderExec", False)."""
import Rhino

from rhino_plugin.hosts import rhino as rhino_host

if not rhino_host.execute_pending(__rhino_doc__):  # noqa: F821 (injected by Rhino)
    Rhino.RhinoApp.WriteLine("RhinoCoderExec: nothing to run (it is started by the RhinoCoder panel).")
