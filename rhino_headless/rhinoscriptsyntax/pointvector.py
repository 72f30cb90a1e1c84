"""rhinoscriptsyntax.pointvector, headless."""
