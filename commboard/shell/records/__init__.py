"""Files the board writes as it runs: the event log, the access log and the patient's history.

* ``event_log`` -- the event log, JSON lines;
* ``access_log`` -- how the patient used the board, without a word of what they said;
* ``history_writer`` -- the history, written on a background thread, kept until it can be;
* ``calibration_save`` -- the measured blink settings saved into the patient's profile;
* ``run_files`` -- which files a run writes the patient's words to, decided before it starts.
"""
