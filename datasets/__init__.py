"""Dataset build (imported as rhino_datasets)."""
