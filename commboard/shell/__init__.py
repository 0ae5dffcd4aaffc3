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
     4 shell/eye_input          the loop's frame drains the queue and hands each sample to
     5 control/eye_policy       face lost, rest and wake; the active detectors
                                [signals/blink_switch] turn a held closure into
                                SwitchDown/SwitchUp (SELECT, blink); an EyeFrame goes
                                back up to
     6 shell/loop               which dispatches the switch events [control/input_routing]
                                exactly as the space bar's, to
     7 board/session            which hands the press to
     8 scanning/engine          which chooses the highlighted cell (Activate); the session
                                performs it and returns Speak(text, page, cell, source)
     9 shell/performer          Speak -> Speaker.say, the history, the event log
    10 audio/warm_speaker       and adapters/pyttsx3_speaker's speech process

Every step is a call that returns; what comes back is new data the caller
hands on (an ``EyeFrame``, ``Activate``, ``Speak``), never a log read back,
and no module calls back into one that called it: the camera's glue does not
call the loop, the session does not call the performer, the detectors do not
call the policy.  The two answers that go back to their caller are by
design: the blink switch's events return to the eye policy, which decides
what they mean (a rest request undoes the closure's selection; under a carer
screen the detectors are muted; a camera that stops releases a held switch);
the engine's ``Activate`` returns to the session, which owns the message bar
and the pages.

Modules: ``app`` (the composition root: run, calibrate, screenshot);
``loop`` (clock -> inputs -> control -> performer -> draw), ``loop_parts``
(what it is built from), ``loop_screens`` (carer screens opened, closed, timed
out, their outcomes carried out), ``loop_layouts`` (a chosen layout and the
word lists arriving), ``loop_work`` (history deletions, reports and exports
run off the loop) and ``loop_context`` (what carer screens may reach);
``performer`` (effects -> speaker, sounds, alarm, banners, history, event
log); ``eye_input`` (the camera's glue), with ``eye_looks`` (looks that
choose cells: halving and dwell) and ``eye_display`` (the face/eye
indicator and the camera's status words); ``run_start`` (a run's settings,
layout, checked input script and their banners), ``run_devices`` (the
display, the voice, the camera with its blink switch) and ``run_clocks``
(monotonic or virtual time, the calendar, when a timed run ends);
``screens/`` one package per screen -- ``board/`` (render, eye_indicator,
screenshot, ...), ``carer_menu/``, ``camera_view/``, ``settings/``,
``calibration/``, ``editor/`` (the page editor: carer menu -> E),
``said/`` (the carer's *What was said*),
``base`` (the Screen protocol and outcomes) and
``text_fit`` (labels drawn with the font ``adapters/font_choice`` picks) and
``run_font`` (writing no one font has, each run in its own font);
each screen paints a view model built in ``commboard.control``;
``audio/`` (alarm_sound, cue_sound, warm_speaker); ``records/`` (event_log,
access_log, history_writer, calibration_save, and run_files: which files a run may write).

pygame prints a greeting on import; benchmarks and ``--headless`` runs print
JSON and event logs on standard output, so the greeting is turned off here,
before any shell module imports pygame.
"""

import os

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
