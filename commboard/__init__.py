"""commboard: a communication board driven by one switch, a deliberate blink or gaze.

Read the modules in the order a camera frame travels to a spoken word:
``adapters`` (frames, landmarks) -> ``vision`` (eye metrics) -> ``signals``
(blink switch) -> ``events`` -> ``scanning`` (which cell) -> ``board``
(what the cell does) -> ``effects`` -> ``shell`` (draw, speak, log).
"""

__version__ = "0.1.0"
