"""rhinoscriptsyntax.mesh, headless."""
