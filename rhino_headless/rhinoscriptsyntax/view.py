"""rhinoscriptsyntax.view, headless."""
