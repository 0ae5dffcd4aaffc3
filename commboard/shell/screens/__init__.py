"""What the board shows, one sub-package per screen.

``board`` draws the patient's board (its render model comes from the loop);
``carer_menu``, ``camera_view``, ``settings``, ``calibration``, ``editor``
(the page editor) and ``said`` (*What was said*) are the carer screens drawn
over it.  ``base`` holds what every screen answers to
(the ``Screen`` and ``ShellContext`` protocols and the screens' outcomes),
``text_fit`` the fitted, cached text they all draw with (``run_font``: writing
no one font has, drawn run by run).
"""
