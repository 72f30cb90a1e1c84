"""rhinoscriptsyntax.curve, headless."""
