"""rhinoscriptsyntax.surface, headless."""
