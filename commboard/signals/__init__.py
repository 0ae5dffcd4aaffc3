"""commboard.signals."""
