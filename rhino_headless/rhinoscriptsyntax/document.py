"""rhinoscriptsyntax.document, headless."""
