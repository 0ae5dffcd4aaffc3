"""commboard: a communication board driven by one switch, a deliberate blink or gaze.

Read the modules in the order a camera frame travels to a spoken word:
``adapters`` (frames, landmarks) -> ``vision`` (eye metrics) -> ``signals``
(blink switch) -> ``events`` -> ``scanning`` (which cell) -> ``board``
(what the cell does) -> ``effects`` -> ``shell`` (draw, speak, log).
``shell/__init__.py`` names the ten modules a frame passes through, in order.

The board's rules are in ``control`` (pure); ``settings`` (a patient's
settings), ``predict`` (word prediction), ``exchange`` (Open Board Format,
printable sheets), ``care_record`` (what the patient said, for people),
``access`` (the therapist's figures) and ``testing`` (fakes) each say what
they hold.  Modules at the top: ``cli`` (the ``commboard`` command),
``run_options`` (its options, parsed once), ``clock`` (real or virtual
time), ``events`` and ``effects``, ``speech`` (the voice seam), ``history``
(what the patient said, on disk), ``line_file``, ``private_folder`` and
``regular_file`` (safe file reading and writing).
"""

__version__ = "0.1.0"
