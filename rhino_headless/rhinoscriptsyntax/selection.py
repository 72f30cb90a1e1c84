"""rhinoscriptsyntax.selection, headless."""
