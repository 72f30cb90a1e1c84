"""A headless Rhino document over rhino3dm that runs rhinoscriptsyntax scripts."""
