"""rhinoscriptsyntax.group, headless."""
