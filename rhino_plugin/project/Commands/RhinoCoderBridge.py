#! python3
"""RhinoCoderBridge: start (or stop) the loopback bridge so `rhinocoder chat --rhino 127.0.0.1:54321`
runs turns in this Rhino. Listens on 127.0.0.1 only; clients need the token file it writes."""
import Rhino

from rhino_plugin.hosts import bridge_rhino

Rhino.RhinoApp.WriteLine(bridge_rhino.toggle(__rhino_doc__))  # noqa: F821 (injected by Rhino)
