"""The RhinoCoderBridge command's state: one loopback bridge serving the active document.
Rhino-only (the bridge itself, hosts/bridge.py, is standard library and tested off Rhino).

The bridge outlives documents: File > New or File > Open closes the document it was started in,
so its host is `RhinoHost()`, which resolves RhinoDoc.ActiveDoc on every call."""
from rhino_plugin.hosts.bridge import DEFAULT_PORT, BridgeServer
from rhino_plugin.hosts.rhino import RhinoHost

_server = {"bridge": None}


def toggle(doc=None, port=DEFAULT_PORT):
    """Start the bridge on 127.0.0.1:port, or stop the running one. Returns a message. It serves the
    active document, whichever that is when a request arrives (`doc` is accepted and not kept)."""
    running = _server["bridge"]
    if running is not None:
        running.stop()
        _server["bridge"] = None
        return "RhinoCoder bridge stopped."
    try:
        bridge = BridgeServer(RhinoHost(), port=port).start()
    except OSError as exc:
        return "RhinoCoder bridge could not listen on 127.0.0.1:%d (%s)." % (port, exc.strerror or exc)
    _server["bridge"] = bridge
    return ("RhinoCoder bridge on %s (token in %s). Run: rhinocoder chat --rhino %s"
            % (bridge.address, bridge.token_file, bridge.address))
