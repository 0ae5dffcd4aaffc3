"""The carer's camera view: the live picture (kept in memory only) with eye outlines and readings.

* ``camera_view`` -- the screen: the live picture and eye state, to set up the camera;
* ``camera_paint`` -- drawing it from its ``CameraReadings``.
"""
