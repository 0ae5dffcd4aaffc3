"""The carer's *What was said* screen.

* ``said_screen`` -- the last 24 hours of the history, decisions first
  (its view model: ``control.said_screen_view``);
* ``said_paint`` -- drawing a ``SaidView``: large text, decisions highlighted.
"""
