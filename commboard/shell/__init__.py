"""The pygame shell: the frame loop, drawing, carer screens and the composition root.

pygame prints a greeting on import; benchmarks and ``--headless`` runs print
JSON and event logs on standard output, so the greeting is turned off here,
before any shell module imports pygame.
"""

import os

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
