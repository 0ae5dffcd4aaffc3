"""The camera's picture read as eye measurements (pure: frames and landmarks in, samples out).

A camera frame comes in through ``commboard.adapters`` (``opencv_frames``,
``mediapipe_mesh``) and leaves as one ``EyeSample`` for ``commboard.signals``:

* ``frames`` -- frames, the sources that deliver them, and the landmark detector seam;
* ``landmarks`` -- the Face Mesh landmark indices the eye metrics use;
* ``metrics`` -- eye and head measurements from the landmarks (pure functions);
* ``sample`` -- the ``EyeSample`` handed to the rest of the board, one per frame;
* ``pipeline`` -- frames in, samples and camera status changes out (no threads, no clock);
* ``face_script`` -- the synthetic camera's script: what the animated face does, and when;
* ``blink_film`` -- the end-to-end blink film: a synthetic-camera script and its ground truth.
"""
