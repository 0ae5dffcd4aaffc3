"""commboard.scanning."""
