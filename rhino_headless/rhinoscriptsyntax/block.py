"""rhinoscriptsyntax.block, headless."""
