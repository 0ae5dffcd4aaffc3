"""Guided blink calibration: over the running board, or on its own (``commboard calibrate``)."""
