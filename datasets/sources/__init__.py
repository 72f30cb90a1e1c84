"""One reader per source file: rhinoscriptsyntax examples, RhinoCommon examples and members."""
