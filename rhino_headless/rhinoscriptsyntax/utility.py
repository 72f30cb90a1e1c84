"""rhinoscriptsyntax.utility, headless."""
