"""Access figures for the therapist, from the access log (pure: files in, figures and a page out).

* ``access_stats`` -- the figures: selections per minute and steps per
  selection by day and hour of day, undo rate, too-short presses, blink
  closure durations, face-lost time, the settings in force;
* ``suggestions`` -- plain-words suggestions that cite those numbers;
* ``access_charts`` -- the charts (matplotlib, drawn offscreen, PNG);
* ``access_command`` -- ``commboard access-report``.
"""
