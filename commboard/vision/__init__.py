"""commboard.vision."""
