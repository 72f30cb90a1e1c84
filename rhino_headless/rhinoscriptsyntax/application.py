"""rhinoscriptsyntax.application, headless."""
