"""The pygame shell: the frame loop, drawing, carer screens, devices' glue and the composition root.

The board's rules live in ``commboard.control`` (pure, imported from here,
never the reverse); the shell reads the clock, drains the inputs, hands them
to control and the session, performs the effects and draws.

The way a camera frame reaches ``say()``, one module per step::

    adapters/opencv_frames   the frame is read and stamped with its capture time
    vision/pipeline          landmarks (adapters/mediapipe_mesh) and eye metrics
                             (vision/metrics) make it an EyeSample, queued by the
                             camera worker thread (adapters/camera_worker)
    shell/eye_input          the loop's frame drains the queue
    control/eye_policy       face lost, rest and wake; the sample goes to the detectors
    signals/blink_switch     a held closure is SwitchDown/SwitchUp (SELECT, blink)
    shell/loop               dispatch: the same path as the space bar
    board/session            the press goes to the scanner
    scanning/engine          it chooses the highlighted cell (Activate); the session
                             performs the cell and answers Speak(text, page, cell, source)
    shell/performer          Speak -> Speaker.say, the history, the event log
    adapters/pyttsx3_speaker the words are heard (speech worker process)

Data only moves forward: a module that calls the next one and gets an answer
back (the policy from its detectors, the session from the scanner) hands
that answer on; nothing is read back from a log or returned into a step it
has passed.

Modules: ``app`` (the composition root: run, calibrate, screenshot);
``loop`` (clock -> inputs -> control -> performer -> draw) and ``loop_parts``
(what it is built from); ``layout_loading`` (a layout chosen in the carer
menu, loaded in a worker thread and remembered in the profile); ``performer`` (effects -> speaker, sounds, alarm,
banners, history, event log); ``eye_input`` (the camera's glue);
``screens/`` one package per screen -- ``board/`` (render, eye_indicator,
screenshot), ``carer_menu/``, ``camera_view/``, ``settings/``,
``calibration/`` (with ``calibration_save``, the run's one piece of I/O),
``base`` (the Screen protocol and outcomes) and ``text_fit``; ``audio/``
(alarm_sound, cue_sound, warm_speaker); ``records/`` (event_log,
history_writer).

pygame prints a greeting on import; benchmarks and ``--headless`` runs print
JSON and event logs on standard output, so the greeting is turned off here,
before any shell module imports pygame.
"""

import os

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
