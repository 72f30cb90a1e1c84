"""Headless stand-in for the few `System` (.NET) names Rhino scripts use: Guid, Drawing.Color."""
