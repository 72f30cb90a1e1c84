"""rhinoscriptsyntax.toolbar, headless."""
