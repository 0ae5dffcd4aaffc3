"""commboard.adapters."""
