"""rhinoscriptsyntax.userdata, headless."""
