"""The board's rules: what an event does, given the state; events and ``now`` in, effects out.

Pure like the rest of the core (no pygame, no clock, no device): the shell
imports this package, never the reverse.  One module per decision:

* ``pauses`` -- why scanning is paused: one owner of the reasons;
* ``input_routing`` -- where an input goes: the alarm, a carer screen, the session;
* ``eye_policy`` -- what eye samples and camera states do to the board
  (switch presses, face lost, rest and wake, banners);
* ``camera_words`` -- the camera's state in the status line and its banners;
* ``banners`` -- banners, notices, words shown instead of speech, the alarm;
* ``board_status`` -- the scan banner, the status line, the board's render model;
* ``board_view`` -- what is on screen, as data (laid out for a screen size);
* ``highlight_look`` -- the highlight's frame and ring colours, and the banner
  naming cells coloured like it;
* ``screen_timeout`` -- when a forgotten carer screen closes by itself;
* ``input_script`` -- scripted input for headless runs, parsed and fed in time;
* ``settings_tryout`` -- the settings screen's sample page, scanned with edited settings;
* ``calibration_run`` -- the guided blink calibration's phases and result;
* the carer screens' view models (what they show, as data, painted by the
  shell): ``settings_screen_view`` and ``settings_screen_layout`` (its
  geometry and hit-testing), ``calibration_screen_view``, ``camera_readings``;
* ``write_problems`` -- a history or event log that cannot be written: its banner and records.
"""
