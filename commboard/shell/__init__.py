"""commboard.shell."""
