"""rhinoscriptsyntax.hatch, headless."""
