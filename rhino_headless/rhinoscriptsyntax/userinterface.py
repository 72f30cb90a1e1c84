"""rhinoscriptsyntax.userinterface, headless."""
