"""commboard.predict."""
