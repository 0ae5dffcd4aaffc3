"""Eye samples read as switches: a held blink or a held look becomes a press (pure, no clock).

Each ``EyeSample`` from ``commboard.vision`` is read here; the detectors are
driven by ``control.eye_policy``, which decides what their events mean:

* ``eye_state`` -- one frame read for the blink switch: can it be trusted, how shut are the eyes;
* ``blink_switch`` -- a deliberate held eye closure becomes the same SELECT as the space bar;
* ``blink_stats`` -- how long this patient's spontaneous blinks last, and the hold it implies;
* ``calibration`` -- the blink calibration's arithmetic: three recorded phases to blink settings;
* ``gaze_frame`` -- one frame's gaze: can a look be read, where the eyes point relative to rest;
* ``gaze_look`` -- looks: a held glance left, right, up or down (the ``LookReader``);
* ``gaze_look_reading`` -- where the eyes point, for the look reader, relative to the rest position;
* ``gaze_look_outputs`` -- what the look reader reports, in order (``LookStarted`` ...);
* ``gaze_rest`` -- the look reader's rest position: learned, followed and re-centred;
* ``gaze_switch`` -- looks as switches (``access: gaze_switches``);
* ``gaze_calibration`` -- the gaze calibration's arithmetic: five recorded looks to look distances;
* ``gaze_map`` -- where on the screen the patient looks, fitted by the gaze calibration.
"""
