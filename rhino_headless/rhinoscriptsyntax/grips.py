"""rhinoscriptsyntax.grips, headless."""
