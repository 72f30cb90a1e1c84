"""rhinoscriptsyntax.material, headless."""
