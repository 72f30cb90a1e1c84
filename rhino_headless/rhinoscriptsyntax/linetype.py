"""rhinoscriptsyntax.linetype, headless."""
