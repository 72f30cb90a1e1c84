"""RhinoCoder: the Rhino-side package. Standard library only, Python 3.9."""
