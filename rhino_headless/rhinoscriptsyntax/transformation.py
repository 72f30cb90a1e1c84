"""rhinoscriptsyntax.transformation, headless."""
