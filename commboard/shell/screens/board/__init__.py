"""The patient's board: painting its render model, the eye indicator, and pictures of it."""
