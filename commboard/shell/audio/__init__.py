"""What the board plays: the alarm, the auditory-scanning beep, and speech that warms up in the background."""
