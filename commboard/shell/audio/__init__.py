"""What the board plays: the alarm, the auditory-scanning beep, and speech that warms up in the background.

* ``alarm_sound`` -- the alarm's two-tone call, independent of speech;
* ``cue_sound`` -- the auditory-scanning beep at each scan step;
* ``warm_speaker`` -- a speaker that opens the real voice in the background.
"""
