"""What drawing mixed writing costs beside one font's, printed as JSON.

A message such as "I feel 👍" has no single font: it is drawn run by run
(``shell/screens/run_font.py``).  Each figure is the median time to choose
the fonts, fit and render a message the board has not drawn before (what the
frame after a selection pays; later frames blit the cached surface), with the
board's fonts already open.  ``single`` is the same words with a word for the
emoji, drawn by one font as before.

Usage: ``python benchmarks/mixed_text.py [--repeats N]``
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time

os.environ["SDL_VIDEODRIVER"] = "dummy"

import pygame  # noqa: E402

from commboard.adapters.font_choice import FontChoice  # noqa: E402
from commboard.shell.screens.text_fit import TextCache  # noqa: E402

INK = (0, 0, 0)
# The message bar at 1280x720 and a 3x4 cell: wrapped, fitted, rendered.
CASES = {
    "message_bar": ((1180, 80), 55, False),
    "cell_label": ((380, 150), 90, True),
}
TEXTS = {"single": "I feel good today", "mixed": "I feel 👍 today"}


def _median_ms(
    texts: TextCache, text: str, box: tuple[int, int], px: int, wrap: bool, n: int
) -> float:
    times = []
    for i in range(n):
        new = f"{text} {i}"  # a message not drawn before: fitted and rendered afresh
        start = time.perf_counter()
        texts.text(new, box, INK, px, wrap=wrap)
        times.append((time.perf_counter() - start) * 1000)
    return round(statistics.median(times), 3)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=200)
    args = parser.parse_args()
    pygame.font.init()
    texts = TextCache(FontChoice())
    for text in TEXTS.values():  # the fonts opened and chosen, as on a running board
        for box, px, wrap in CASES.values():
            texts.text(text, box, INK, px, wrap=wrap)
    out: dict[str, dict[str, float]] = {}
    for case, (box, px, wrap) in CASES.items():
        out[case] = {
            f"{kind}_ms": _median_ms(texts, text, box, px, wrap, args.repeats)
            for kind, text in TEXTS.items()
        }
    print(json.dumps(out))


if __name__ == "__main__":
    main()
