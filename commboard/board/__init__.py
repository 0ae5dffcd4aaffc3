"""The board: layouts (pages of cells), the message being built, and what cells do."""
