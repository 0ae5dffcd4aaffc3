"""The care record: what the patient said, read back for people (pure: files in, data out).

* ``statements`` -- history lines as statements in local time, damaged lines
  reported by number, a period of days;
* ``care_report`` -- the care team's printable page (decisions first, then
  the timeline), rendered with jinja2 (autoescaped);
* ``report_command`` -- ``commboard report``;
* ``history_command`` -- ``commboard history export|delete``;
* ``record_files`` -- writing the record out and deleting a period of it: what the
  commands and the carer menu share.

The carer's *What was said* screen builds its view model from ``statements``
too (``control.said_screen_view``).
"""
