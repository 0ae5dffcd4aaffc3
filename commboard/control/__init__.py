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
* ``write_problems`` -- a history or event log that cannot be written: its banner and records;
* ``alarm_check`` -- a layout with no call for help gets a banner;
* ``decision_confirmation`` -- "You said: I don't agree. Is that right?" before a decision
  goes on record;
* ``layout_change`` -- another layout chosen: loading it, then using it or keeping the old one;
* ``carer_work`` -- slow carer work (a history deletion, an export) under way: banner, words;
* ``pinning`` -- a recent message pinned as a phrase cell on a page;
* looks that choose cells: ``halving`` and ``halving_looks`` (Look to Speak: two halves,
  a look keeps one), ``dwell`` and ``dwell_looks`` (look at a large cell until its ring
  fills); ``gaze_calibration_run`` (the guided gaze calibration's looks);
* the settings screen's rules: ``settings_editing`` (what keys and clicks do);
* the carer's *What was said* screen: ``said_screen_view``;
* the page editor: ``page_editor`` (what an edit does to a page, undo and redo),
  ``page_editor_keys`` (what each key does), ``page_editor_answers`` (what the shell
  must do after a key), ``page_editor_mouse`` (a press selects, a drag moves: with
  ``cell_drag``), ``page_editor_typed_text`` (labels, words, titles typed),
  ``page_editor_view`` (the editor as shown), ``page_save_checks`` (what stops a save),
  ``page_ids`` (a page's id and the links that follow it), ``new_pages`` (a new blank
  page, a copy), ``page_removal`` (a whole page removed, or refused),
  ``picture_picker`` (a cell's picture chosen from a grid of tiles).
"""
