"""The access report's charts: matplotlib figures drawn offscreen, embedded as PNG data.

``matplotlib.figure.Figure`` with the Agg canvas: no window, no pyplot global
state, nothing written to disk; each chart becomes a ``data:image/png;base64``
string the page holds itself (no external file).
"""

from __future__ import annotations

import base64
import io
from collections.abc import Sequence

import numpy
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from commboard.access.access_stats import AccessFigures

DPI = 90
SIZE = (7.2, 2.6)  # inches: the width of an A4 page's text, two charts to a page third
BLUE, ORANGE, GREY = "#1f5fa8", "#d9751a", "#777777"


def _png(figure: Figure) -> str:
    FigureCanvasAgg(figure)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI, bbox_inches="tight")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def _values(values: Sequence[float | None]) -> list[float]:
    return [v if v is not None else 0.0 for v in values]


def by_day_chart(figures: AccessFigures) -> str:
    """``by_day_figure`` as PNG data."""
    return _png(by_day_figure(figures))


def by_day_figure(figures: AccessFigures) -> Figure:
    """Selections per minute (bars) and steps per selection (line), one point per day."""
    days = sorted(d for d, b in figures.by_day.items() if b.active_min > 0 or b.selections)
    figure = Figure(figsize=SIZE)
    rate, steps = figure.subplots(1, 2)
    labels = [f"{d.day}/{d.month}" for d in days]
    rate.bar(labels, _values([figures.by_day[d].per_minute for d in days]), color=BLUE)
    rate.set_title("Selections per minute, by day")
    steps.plot(labels, _values([figures.by_day[d].steps_per_selection for d in days]),
               marker="o", color=ORANGE)  # fmt: skip
    steps.set_title("Scan steps per selection, by day")
    for axes in (rate, steps):
        axes.tick_params(axis="x", labelrotation=60, labelsize=7)
    return figure


def by_hour_chart(figures: AccessFigures) -> str:
    """``by_hour_figure`` as PNG data."""
    return _png(by_hour_figure(figures))


def by_hour_figure(figures: AccessFigures) -> Figure:
    """Selections per minute, undo rate and too-short presses by hour of the day."""
    hours = list(range(24))
    figure = Figure(figsize=(SIZE[0], SIZE[1] * 1.1))
    rate, errors = figure.subplots(1, 2)
    bucket = [figures.by_hour.get(h) for h in hours]
    rate.bar(hours, _values([b.per_minute if b else None for b in bucket]), color=BLUE)
    rate.set_title("Selections per minute, by hour")
    undo = _values([b.undo_rate if b else None for b in bucket])
    short = _values([b.too_short_rate if b else None for b in bucket])
    errors.bar([h - 0.2 for h in hours], [100 * v for v in undo], width=0.4, color=ORANGE,
               label="undo rate %")  # fmt: skip
    errors.bar([h + 0.2 for h in hours], [100 * v for v in short], width=0.4, color=GREY,
               label="too-short presses %")  # fmt: skip
    errors.set_title("Undo rate and too-short\npresses, by hour")  # one line ran into its neighbour
    errors.legend(fontsize=7)
    for axes in (rate, errors):
        axes.set_xticks(range(0, 24, 3))
        axes.set_xlabel("hour of the day", fontsize=8)
    return figure


def blink_chart(figures: AccessFigures) -> str:
    """``blink_figure`` as PNG data."""
    return _png(blink_figure(figures))


def blink_figure(figures: AccessFigures) -> Figure:
    """Closure durations: spontaneous and selecting blinks, the hold threshold marked.

    Counted with numpy into 50 ms bins (a month holds hundreds of thousands of
    blinks); closures longer than 3 s are counted in the last bin.
    """
    figure = Figure(figsize=SIZE)
    axes = figure.subplots()
    longest = max(max(figures.spontaneous_s, default=0.0),
                  max(figures.selecting_s, default=0.0), figures.hold_s or 0.5)  # fmt: skip
    edges = numpy.arange(0.0, min(longest, 3.0) + 0.1, 0.05)
    for values, colour, name in (
        (figures.spontaneous_s, BLUE, "spontaneous"),
        (figures.selecting_s, ORANGE, "selecting"),
    ):
        counts, _ = numpy.histogram(numpy.clip(numpy.asarray(values), 0.0, edges[-1] - 1e-9), edges)
        axes.stairs(counts, edges, fill=True, alpha=0.75, color=colour,
                    label=f"{name} ({len(values)})")  # fmt: skip
    if figures.hold_s is not None:
        axes.axvline(figures.hold_s, color="black", linewidth=2,
                     label=f"hold {figures.hold_s:g} s")  # fmt: skip
    axes.set_xlabel("eyes closed (s)", fontsize=8)
    axes.set_title("Blink closures")
    if not figures.spontaneous_s and not figures.selecting_s:
        # An empty frame with an axis from -0.04 to 0.04 reads as broken data.
        axes.set_ylim(0, 1)
        axes.set_yticks([])
        axes.text(0.5, 0.5, "No blink closures recorded in this period",
                  transform=axes.transAxes, ha="center", va="center", fontsize=10)  # fmt: skip
    axes.legend(fontsize=7)
    return figure


def face_chart(figures: AccessFigures) -> str:
    """``face_figure`` as PNG data."""
    return _png(face_figure(figures))


def face_figure(figures: AccessFigures) -> Figure:
    """Minutes the face was not seen, by day."""
    days = sorted(figures.by_day)
    figure = Figure(figsize=(SIZE[0], SIZE[1] * 0.8))
    axes = figure.subplots()
    axes.bar([f"{d.day}/{d.month}" for d in days],
             [figures.face_lost_min.get(d, 0.0) for d in days], color=GREY)  # fmt: skip
    axes.set_title("Face not seen (minutes), by day")
    axes.tick_params(axis="x", labelrotation=60, labelsize=7)
    return figure
