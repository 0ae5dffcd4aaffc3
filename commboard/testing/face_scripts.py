"""Synthetic-face scripts (``--camera synthetic:FILE``) that tests and benchmarks share.

``GAZE_CALIBRATION_FACE``: a patient who follows the gaze calibration's dots
(``control.gaze_calibration_run.GAZE_PHASES``, from t = 0): the middle until
6 s, then their left, right, up and down for 2.6 s of each 3-s step (image
right is the patient's left), then the four check dots between the middle
and the corners, each looked at in proportion to where it is (0.38 of the
way to the eye corner, where the edge dots took 0.8).
"""

GAZE_CALIBRATION_FACE = """\
6.4 2.6 look right 0.8
9.4 2.6 look left 0.8
12.4 2.6 look up 0.8
15.4 2.6 look down 0.8
18.4 2.1 look up-right 0.38
20.9 2.1 look up-left 0.38
23.4 2.1 look down-right 0.38
25.9 2.1 look down-left 0.38
"""
