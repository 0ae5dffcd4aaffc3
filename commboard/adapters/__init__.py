"""Adapters: the only modules that touch devices and third-party I/O (camera, MediaPipe,
speech, pygame input, installed fonts, layout files loaded in a worker thread).
Each implements a Protocol from the core.

pygame's import greeting is turned off (see ``commboard.shell``).
"""

import os

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
