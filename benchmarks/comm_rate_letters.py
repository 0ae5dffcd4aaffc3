"""The letters task of ``benchmarks/comm_rate.py``: simulated switch users spell phrases.

Each simulated user (the fast, slow and drowsy profiles of ``comm_rate.py``,
with their misses and false presses) spells target phrases on the real
Spell page (``layouts/en``) of a real :class:`~commboard.board.session.Session`
under the virtual clock, twice:

* ``prediction`` -- what ships: word slots, the likelihood scan over the
  language model's probabilities, learning from every message spoken;
* ``row_column`` -- the same page scanned row by row, cell by cell, with
  prediction off (the letters are already placed by English frequency).

The user always knows the phrase.  At every highlight it works out the one
cell it wants from the page and the message as they are: the word slot
that continues the phrase (it also repairs a slip in the word), else the
next letter or Space; when the message holds a mistake, Delete (which takes
back a whole word just chosen from a slot); when the message is exact,
Speak.  A wrong selection is first cancelled by pressing again inside the
undo window, as in ``comm_rate.py``; if that press is missed, Delete follows.
After Speak the benchmark clears the message (as a carer would) and the next
phrase starts.  A stray press that leaves the Spell page (Back, Home) is
followed by the way back to it.  A phrase not spoken after ``PHRASE_LIMIT_S`` is given up
and what was spelled counts for the error rate.

Figures per profile and method:

* ``correct_cpm``: characters of the phrases spoken (spaces between words
  included) per minute, up to the last phrase spoken;
* ``steps_per_char``: highlights shown (every level, every pass, wasted ones
  too) per correct character;
* ``keystroke_savings``: ``1 - selections / characters``, every selection
  but Speak counted (wrong ones and Deletes too);
* ``final_cer``: edit distance between what was finally said (or left,
  for a phrase given up) and the phrase, over all characters;
* ``ratio_vs_row_column`` (prediction only): ``correct_cpm`` over row-column's.

Targets are folded to lower case; characters no cell of the page can type
(an apostrophe, a digit) are dropped and counted in ``untypable_chars``.
"""

from __future__ import annotations

import math
import os
import random
import re
import statistics
import time
from dataclasses import dataclass, field, replace
from pathlib import Path

from commboard.board.layout_file import default_layout_path, load_layout
from commboard.board.model import Action, Layout, Page
from commboard.board.session import Session
from commboard.board.spelling import layout_words
from commboard.effects import Effect, Highlight, Log, Paused, PauseReason, Speak
from commboard.events import CellPointed, Source, Switch, SwitchDown, SwitchUp
from commboard.predict.language_data import read_counts
from commboard.predict.personal import PersonalWords
from commboard.predict.predictor import BaseModel, Predictor
from commboard.predict.text import Context
from commboard.settings import ScanPattern, Settings, SpellScan, SpellSettings

PHRASE_LIMIT_S = 600.0
SPELL_PAGE = "alphabet"
METHODS = ("prediction", "row_column")
DEFAULT_TARGETS = Path(__file__).resolve().parent / "phrases" / "bedside.txt"


@dataclass
class LetterTally:
    chars: int = 0  # characters of the phrases spoken
    phrases: int = 0
    given_up: int = 0
    selections: int = 0  # every selection but Speak
    wrong: int = 0
    false_presses: int = 0
    steps: int = 0
    errors: int = 0  # edit distance of what was finally said
    target_chars: int = 0
    end_t: float = 0.0
    early_speak: int = 0  # Speak chosen (a false press) before the phrase was exact


class TimedPredictor(Predictor):
    """The shipped predictor, timing every call the Spell page makes per keystroke."""

    def __init__(self, base: BaseModel, personal: PersonalWords, layout: Layout) -> None:
        super().__init__(base, personal, layout_words(layout))
        self.times_ms: list[float] = []  # wall clock
        self.cpu_ms: list[float] = []  # this process's CPU time (other programs excluded)

    def scored_words(
        self, context: Context, k: int, passed: frozenset[str] = frozenset()
    ) -> list[tuple[str, float]]:
        t, c = time.perf_counter(), time.process_time()
        out = super().scored_words(context, k, passed)
        self.times_ms.append((time.perf_counter() - t) * 1000)
        self.cpu_ms.append((time.process_time() - c) * 1000)
        return out

    def letters(
        self, context: Context, offered: tuple[str, ...] = (), passed: frozenset[str] = frozenset()
    ) -> dict[str, float]:
        t, c = time.perf_counter(), time.process_time()
        out = super().letters(context, offered, passed)
        self.times_ms[-1] += (time.perf_counter() - t) * 1000
        self.cpu_ms[-1] += (time.process_time() - c) * 1000
        return out


def read_targets(path: Path, layout: Layout) -> tuple[list[str], int]:
    """Phrases folded to what the Spell page can type, and how many characters were dropped."""
    typable = {
        c.spoken
        for c in layout.page("alphabet").cells
        if c is not None and c.action is Action.ADD and len(c.spoken) == 1
    }
    out: list[str] = []
    dropped = 0
    for line in path.read_text(encoding="utf-8").splitlines():
        text = line.strip().casefold()
        kept = "".join(ch if ch in typable or ch.isspace() else "" for ch in text)
        dropped += sum(1 for ch in text if ch not in typable and not ch.isspace())
        kept = re.sub(r"\s+", " ", kept).strip()
        if kept:
            out.append(kept)
    return out, dropped


@dataclass
class Speller:
    """A switch user who knows the phrase and presses when the highlight holds the cell wanted."""

    rng: random.Random
    reaction_s: float
    miss_p: float
    hold_s: float
    session: Session
    targets: list[str]
    tally: LetterTally = field(default_factory=LetterTally)
    next_press: float | None = None
    release_at: float | None = None
    phrase_start: float = 0.0
    needs_clear: bool = False

    def reaction(self) -> float:
        sigma = math.sqrt(math.log(1 + 0.25**2))
        mu = math.log(self.reaction_s) - sigma**2 / 2
        return self.rng.lognormvariate(mu, sigma)

    def aim(self, t: float) -> None:
        if self.next_press is None and self.rng.random() >= self.miss_p:
            self.next_press = t + self.reaction()

    def wanted(self) -> int | None:
        """The cell this user wants next, from the page and the message as they are."""
        if not self.targets:
            return None
        page = self.session.page
        if page.id != SPELL_PAGE:  # a stray press went Back or Home: return to the Spell page
            for i, c in enumerate(page.cells):
                if c is not None and c.action is Action.GO and c.target == SPELL_PAGE:
                    return i
            return _first(page, Action.BACK) or _first(page, Action.HOME)
        goal, message = self.targets[0], self.session.message
        if message in (goal, goal + " "):
            return _first(page, Action.SPEAK_MESSAGE)
        slot = _best_slot(page, message, goal + " ")
        if slot is not None:
            return slot
        if (goal + " ").startswith(message):
            nxt = (goal + " ")[len(message)]
            for i, c in enumerate(page.cells):
                if c is not None and c.action is Action.ADD and c.spoken == nxt:
                    return i
        return _first(page, Action.BACKSPACE)

    def observe(self, effects: list[Effect]) -> None:
        for e in effects:
            if isinstance(e, Highlight):
                self.tally.steps += bool(e.cells)
                want = self.wanted()
                if want is not None and want in e.cells:
                    self.aim(e.t)
            elif isinstance(e, Log) and e.type == "select":
                self._selected(e)
            elif isinstance(e, Speak) and e.cell is None and e.page is not None:
                self._spoken(e)
            elif isinstance(e, Paused) and e.reason is PauseReason.WAITING:
                self.aim(e.t)

    def _selected(self, e: Log) -> None:
        if e.fields.get("action") == Action.SPEAK_MESSAGE.value:
            return
        self.tally.selections += 1
        self.next_press = None

    def note_wanted(self, cell: int | None, chosen: int, t: float) -> None:
        """A selection happened: when it was not what we wanted, try to undo it at once."""
        if cell is not None and chosen != cell:
            self.tally.wrong += 1
            self.next_press = None
            self.aim(t)

    def _spoken(self, e: Speak) -> None:
        goal = self.targets[0]
        if e.text != goal:
            self.tally.early_speak += 1
            return
        self.finish(e.t, e.text)

    def finish(self, t: float, said: str) -> None:
        goal = self.targets.pop(0)
        self.tally.errors += _distance(said, goal)
        self.tally.target_chars += len(goal)
        if said == goal:
            self.tally.chars += len(goal)
            self.tally.phrases += 1
            self.tally.end_t = t
        else:
            self.tally.given_up += 1
        self.phrase_start = t
        self.needs_clear = True


def _best_slot(page: Page, message: str, full: str) -> int | None:
    """The word slot whose word carries the message furthest along ``full`` (None: none does)."""
    cut = message.rfind(" ") + 1
    best: tuple[int, int] | None = None
    for i, c in enumerate(page.cells):
        if c is not None and c.action is Action.WORD:
            result = f"{message[:cut]}{c.spoken} "
            longer = best is None or len(result) > best[0]
            if full.startswith(result) and len(result) > len(message) and longer:
                best = (len(result), i)
    return best[1] if best is not None else None


def _first(page: Page, action: Action) -> int | None:
    for i, c in enumerate(page.cells):
        if c is not None and c.action is action:
            return i
    return None


def _distance(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def _settings(method: str, interval_s: float) -> Settings:
    base = Settings()
    scan = replace(base.scan, interval_s=interval_s, undo_window_s=interval_s)
    if method == "prediction":
        return replace(base, scan=scan, spell=SpellSettings(scan=SpellScan.LIKELIHOOD))
    scan = replace(scan, pattern=ScanPattern.ROW_COLUMN)
    return replace(base, scan=scan, spell=SpellSettings(prediction=False))


def spell_run(
    layout: Layout,
    base: BaseModel,
    targets: list[str],
    method: str,
    profile: tuple[str, float, float, float],
    hold_margin_s: float,
    minutes: float,
    seed: int,
) -> tuple[LetterTally, list[float], list[float]]:
    """One profile spelling the targets with one method until done or ``minutes`` pass."""
    name, reaction_s, miss_p, false_per_min = profile
    interval = round(reaction_s / 0.65, 3)
    settings = _settings(method, interval)
    predictor = TimedPredictor(base, PersonalWords(), layout)
    session = Session(
        layout, settings, 0.0, predictor=predictor if method == "prediction" else None
    )
    user = Speller(
        random.Random(f"{seed}:{name}:{method}:user"),
        reaction_s,
        miss_p,
        settings.scan.acceptance_s + hold_margin_s,
        session,
        list(targets),
    )
    noise = random.Random(f"{seed}:{name}:{method}:false")
    user.observe(session.open_page("alphabet", 0.0))
    _drive(session, user, noise, false_per_min / 60.0, minutes * 60.0)
    if user.targets and user.tally.phrases == 0:
        user.tally.end_t = minutes * 60.0
    return user.tally, predictor.times_ms, predictor.cpu_ms


def _drive(
    session: Session, user: Speller, noise: random.Random, rate: float, end_s: float
) -> None:
    false_at = noise.expovariate(rate) if rate > 0 else math.inf
    t = 0.0
    while user.targets:
        times = [
            x
            for x in (session.next_deadline(), user.next_press, user.release_at, false_at)
            if x is not None
        ]
        t = max(t, min(times)) if times else end_s
        if t >= end_s:
            return
        if t - user.phrase_start > PHRASE_LIMIT_S:
            _give_up(session, user, t)
            continue
        if user.release_at is not None and t >= user.release_at:
            user.release_at = None
            wanted = user.wanted()
            up = session.handle(SwitchUp(t, Switch.SELECT, Source.SCRIPT), t)
            _feed(user, up, wanted)
        elif user.next_press is not None and t >= user.next_press:
            _press(session, user, t)
        elif t >= false_at:
            false_at = t + noise.expovariate(rate)
            if user.release_at is None:
                user.tally.false_presses += 1
                _press(session, user, t)
        else:
            wanted = user.wanted()
            _feed(user, session.tick(t), wanted)
        if user.needs_clear:
            _clear(session, user, t)


def _press(session: Session, user: Speller, t: float) -> None:
    user.next_press = None
    if user.release_at is not None:
        return
    user.release_at = t + user.hold_s
    wanted = user.wanted()
    _feed(user, session.handle(SwitchDown(t, Switch.SELECT, Source.SCRIPT), t), wanted)


def _feed(user: Speller, effects: list[Effect], wanted: int | None) -> None:
    """Hand the effects to the user, with the cell it wanted before they happened."""
    user.observe(effects)
    for e in effects:  # after observing: a wrong selection's undo press must not be forgotten
        if isinstance(e, Log) and e.type == "select":
            user.note_wanted(wanted, int(e.fields["cell"]), e.t)


def _clear(session: Session, user: Speller, t: float) -> None:
    """The carer clears the spoken message (a click on Clear: no switch time)."""
    index = _first(session.page, Action.CLEAR)
    if index is not None:
        session.handle(CellPointed(t, index, Source.MOUSE), t)
    user.needs_clear = False
    user.next_press = None


def _give_up(session: Session, user: Speller, t: float) -> None:
    user.finish(t, " ".join(session.message.split()))
    _clear(session, user, t)


def memory_rss_mb() -> float:
    """Resident memory of this process in MB (Linux; 0 elsewhere)."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
    except (OSError, ValueError, IndexError):
        return 0.0
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def _load_average() -> float | None:
    """The machine's 1-minute load average: wall-clock figures mean little on a busy machine."""
    try:
        return round(os.getloadavg()[0], 2)
    except OSError:
        return None


def p95(values: list[float]) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(math.ceil(0.95 * len(ordered))) - 1)]


def letters_report(
    targets_path: Path | None,
    profiles: list[tuple[str, float, float, float]],
    hold_margin_s: float,
    minutes: float,
    seed: int,
) -> dict[str, object]:
    """The letters task's JSON (see the module docstring)."""
    layout = load_layout(default_layout_path())
    path = targets_path or DEFAULT_TARGETS
    targets, dropped = read_targets(path, layout)
    if not targets:
        raise SystemExit(f"{path}: no target phrases")
    rss0 = memory_rss_mb()
    t0, c0 = time.perf_counter(), time.process_time()
    base = BaseModel(read_counts(layout.language, layout.source))
    load_s, load_cpu_s = time.perf_counter() - t0, time.process_time() - c0
    rss1 = memory_rss_mb()
    out: dict[str, object] = {}
    latencies: list[float] = []
    cpu: list[float] = []
    for profile in profiles:
        rows: dict[str, dict[str, float | int | None]] = {}
        for method in METHODS:
            tally, times, cpu_times = spell_run(
                layout, base, targets, method, profile, hold_margin_s, minutes, seed
            )
            latencies += times
            cpu += cpu_times
            rows[method] = _figures(tally)
        rc = rows["row_column"]["correct_cpm"] or 0.0
        cpm = rows["prediction"]["correct_cpm"] or 0.0
        rows["prediction"]["ratio_vs_row_column"] = round(cpm / rc, 3) if rc else None
        out[profile[0]] = rows
    fast, slow, drowsy = (out[p[0]] for p in profiles)  # type: ignore[misc]
    return {
        "benchmark": "comm_rate",
        "task": "letters",
        "targets": str(path),
        "phrases": len(targets),
        "target_chars": sum(len(x) for x in targets),
        "untypable_chars": dropped,
        "simulated_minutes_per_run": minutes,
        "seed": seed,
        "language_data": base.source,
        "profiles": out,
        "prediction_latency_ms": {
            "p50": round(statistics.median(latencies), 3) if latencies else None,
            "p95": round(p95(latencies), 3),
            "max": round(max(latencies), 3) if latencies else None,
            "keystrokes": len(latencies),
            "cpu_p95": round(p95(cpu), 3),
        },
        "model_load_s": round(load_s, 3),
        "model_load_cpu_s": round(load_cpu_s, 3),
        "load_average": _load_average(),
        "memory_added_mb": round(rss1 - rss0, 1),
        "targets_met": _targets_met(fast, slow, drowsy, latencies, load_s, rss1 - rss0),
    }


def _figures(t: LetterTally) -> dict[str, float | int | None]:
    minutes = max(t.end_t, 1e-9) / 60.0
    chars = max(t.chars, 1)
    return {
        "correct_cpm": round(t.chars / minutes, 3) if t.chars else 0.0,
        "steps_per_char": round(t.steps / chars, 3),
        "keystroke_savings": round(1 - t.selections / chars, 3),
        "final_cer": round(t.errors / t.target_chars, 4) if t.target_chars else None,
        "phrases_spoken": t.phrases,
        "phrases_given_up": t.given_up,
        "chars_spoken": t.chars,
        "selections": t.selections,
        "wrong_selections": t.wrong,
        "false_presses": t.false_presses,
        "early_speak": t.early_speak,
        "minutes": round(minutes, 2),
    }


def _targets_met(fast, slow, drowsy, lat, load_s, mem_mb):  # type: ignore[no-untyped-def]
    f, s, d = fast["prediction"], slow["prediction"], drowsy["prediction"]
    return {
        "fast_at_least_25_cpm": f["correct_cpm"] >= 25,
        "fast_at_least_2.35x_row_column": (f["ratio_vs_row_column"] or 0) >= 2.35,
        "slow_at_least_12_cpm": s["correct_cpm"] >= 12,
        "slow_at_least_1.9x_row_column": (s["ratio_vs_row_column"] or 0) >= 1.9,
        "drowsy_within_25pct_of_slow": d["correct_cpm"] >= 0.75 * s["correct_cpm"],
        "final_cer_at_most_1pct": all(
            (p[m]["final_cer"] or 0) <= 0.01 for p in (fast, slow, drowsy) for m in METHODS
        ),
        # the target is for what ships; the line above also asks it of row-column
        "final_cer_at_most_1pct_prediction": all(
            (p["prediction"]["final_cer"] or 0) <= 0.01 for p in (fast, slow, drowsy)
        ),
        "latency_p95_at_most_5ms": p95(lat) <= 5.0,
        "model_load_at_most_1s": load_s <= 1.0,
        "memory_at_most_100mb": mem_mb <= 100,
    }
