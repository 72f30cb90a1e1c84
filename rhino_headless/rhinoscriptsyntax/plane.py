"""rhinoscriptsyntax.plane, headless."""
