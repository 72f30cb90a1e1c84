"""rhinoscriptsyntax.line, headless."""
