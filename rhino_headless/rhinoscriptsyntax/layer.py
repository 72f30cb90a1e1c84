"""rhinoscriptsyntax.layer, headless."""
