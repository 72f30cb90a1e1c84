"""rhinoscriptsyntax.dimension, headless."""
