"""rhinoscriptsyntax.object, headless."""
