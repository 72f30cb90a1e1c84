"""rhinoscriptsyntax.light, headless."""
