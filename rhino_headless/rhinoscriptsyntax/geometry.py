"""rhinoscriptsyntax.geometry, headless."""
