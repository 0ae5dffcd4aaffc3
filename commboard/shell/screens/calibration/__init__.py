"""Guided blink calibration: over the running board, or on its own (``commboard calibrate``).

* ``calibration_screen`` -- large words and speech lead the patient through the phases;
* ``calibration_paint`` -- drawing its view: large words, a countdown, a progress bar;
* ``calibrate_alone`` -- ``commboard calibrate``: the screen on its own, without the board.
"""
