"""The pygame shell: the frame loop, drawing, carer screens, devices' glue and the composition root.

The board's rules live in ``commboard.control`` (pure, imported from here,
never the reverse); the shell reads the clock, drains the inputs, hands them
to control and the session, performs the effects and draws.

The way a camera frame reaches ``say()``: ten modules carry it, in order
(a name in brackets is only consulted: it hands its answer straight back
to the step that asked, which goes on)::

     1 adapters/opencv_frames   the frame is read and stamped with its capture time
     2 vision/pipeline          pulls the frame, its landmarks [adapters/mediapipe_mesh]
                                and eye metrics [vision/metrics]: an EyeSample
     3 adapters/camera_worker   queues it (worker thread; drain() under a virtual clock)
     4 shell/eye_input          the loop's frame drains the queue
     5 control/eye_policy       face lost, rest and wake; hands the sample to
     6 signals/blink_switch     a held closure is SwitchDown/SwitchUp (SELECT, blink)
     7 shell/loop               dispatch [control/input_routing]: the space bar's path
     8 board/session            hands the press to
     9 scanning/engine          which chooses the highlighted cell (Activate)
    10 shell/performer          Speak(text, page, cell, source) -> Speaker.say, the
                                history, the event log (then audio/warm_speaker and
                                adapters/pyttsx3_speaker's speech process)

Every step is a call that returns; what comes back is new data the caller
hands on, never a log read back.  In two places the answer goes back into a
module the data had left, because that module owns what follows:

* ``blink_switch.update`` returns its switch events and rest/wake requests
  to ``eye_policy``, which decides what they mean (a rest request undoes the
  closure's selection; under a carer screen the detectors are muted; a camera
  that stops releases a held switch).  The policy also decides what the
  detectors read (the sample, one blank "no face" sample, or nothing), so
  feeding them first and the policy after would split one rule in two.
* ``engine.handle`` returns ``Activate(cell)`` to ``session``, which
  performs the cell (message bar, pages) and, for a page change, loads the
  engine with the new page's plan.

Two hand-overs also run against the call: ``eye_input.frame`` is called by
the loop and calls the loop's ``dispatch`` with each switch event (so a
blink meets the alarm and carer screens exactly as the space bar does), and
``session`` returns ``Speak`` to the loop, which gives it to the performer.

Modules: ``app`` (the composition root: run, calibrate, screenshot);
``loop`` (clock -> inputs -> control -> performer -> draw) and ``loop_parts``
(what it is built from); ``performer`` (effects -> speaker, sounds, alarm,
banners, history, event log); ``eye_input`` (the camera's glue);
``screens/`` one package per screen -- ``board/`` (render, eye_indicator,
screenshot), ``carer_menu/``, ``camera_view/``, ``settings/``,
``calibration/``, ``editor/`` (the page editor: carer menu -> E),
``base`` (the Screen protocol and outcomes) and
``text_fit`` (labels drawn with the font ``adapters/font_choice`` picks);
each screen paints a view model built in ``commboard.control``;
``audio/`` (alarm_sound, cue_sound, warm_speaker); ``records/`` (event_log,
history_writer, calibration_save, and run_files: which files a run may write).

pygame prints a greeting on import; benchmarks and ``--headless`` runs print
JSON and event logs on standard output, so the greeting is turned off here,
before any shell module imports pygame.
"""

import os

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
