"""Session: cell actions, navigation, message editing, undo and mouse clicks.

The scanner is replaced by ``StubScanner`` so each test says exactly which
cell the scanner chose (``Activate``) or that it asked for ``Undo``; scanner
timing itself is the scanning engine's tests' business, and the headless
scenario tests (tests/shell) run the two together.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from commboard.board.model import Action, Cell, Layout, Page
from commboard.board.session import Session
from commboard.effects import Activate, Alarm, Effect, Log, Notice, Speak, StopSpeech, Undo
from commboard.events import CellPointed, Source, Switch, SwitchDown, SwitchUp
from commboard.scanning.plans import ScanPlan
from commboard.settings import ScanPattern, ScanSettings, Settings


class StubScanner:
    """Does what the test tells it: the next switch press yields ``then``."""

    def __init__(self, settings: ScanSettings, hold_for: Callable[[int], float | None]) -> None:
        self.settings = settings
        self.hold_for = hold_for
        self.plans: list[ScanPlan] = []
        self.then: list[Effect] = []
        self.paused = False

    def load(self, plan: ScanPlan, now: float) -> list[Effect]:
        self.plans.append(plan)
        return []

    def handle(self, event: SwitchDown | SwitchUp, now: float) -> list[Effect]:
        out, self.then = self.then, []
        return out

    def tick(self, now: float) -> list[Effect]:
        return []

    def next_deadline(self) -> float | None:
        return None

    def highlighted(self) -> tuple[int, ...]:
        return ()

    def pause(self, now: float) -> list[Effect]:
        self.paused = True
        return []

    def resume(self, now: float) -> list[Effect]:
        self.paused = False
        return []

    def set_settings(self, settings: ScanSettings, now: float) -> None:
        self.settings = settings

    def close_undo_window(self) -> None:
        pass

    @property
    def undo_window_s(self) -> float:
        return self.settings.undo_window_s


HOME = Page(
    "home",
    "Home",
    2,
    4,
    (
        Cell("Yes", Action.SPEAK),
        Cell("Thirsty", Action.SPEAK, text="I am thirsty"),
        Cell("Spell", Action.GO, target="abc"),
        Cell("Call nurse", Action.ALARM, text="Please call the nurse"),
        Cell("Stop", Action.STOP),
        Cell("Quick", Action.SPEAK, hold_s=0.1),
        Cell("Clear", Action.CLEAR),
        None,
    ),
)
ABC = Page(
    "abc",
    "Spelling",
    2,
    4,
    (
        Cell("A", Action.ADD),
        Cell("B", Action.ADD),
        Cell("water", Action.ADD),
        Cell("Delete", Action.BACKSPACE),
        Cell("Speak", Action.SPEAK_MESSAGE),
        Cell("Back", Action.BACK),
        Cell("Home", Action.HOME),
        Cell("More", Action.GO, target="more"),
    ),
)
MORE = Page("more", "More", 1, 2, (Cell("Back", Action.BACK), Cell("Maybe", Action.SPEAK)))
LAYOUT = Layout("test", "en", "home", {"home": HOME, "abc": ABC, "more": MORE})


def make(settings: Settings | None = None) -> tuple[Session, StubScanner]:
    made: list[StubScanner] = []

    def factory(s: ScanSettings, hold_for: Callable[[int], float | None]) -> StubScanner:
        made.append(StubScanner(s, hold_for))
        return made[-1]

    session = Session(LAYOUT, settings or Settings(), 0.0, scanner_factory=factory)  # type: ignore[arg-type]
    session.tick(0.0)
    return session, made[0]


def choose(session: Session, scanner: StubScanner, cell: int, t: float) -> list[Effect]:
    """The scanner selects ``cell`` on a press of the select switch at ``t``."""
    scanner.then = [Activate(t, cell)]
    return session.handle(SwitchDown(t, Switch.SELECT, Source.KEYBOARD), t)


def logs(effects: list[Effect], kind: str) -> list[dict[str, object]]:
    return [e.fields for e in effects if isinstance(e, Log) and e.type == kind]


def test_start_logs_the_home_page_and_scans_it() -> None:
    scanner_made: list[StubScanner] = []
    session = Session(
        LAYOUT,
        Settings(),
        5.0,
        scanner_factory=lambda s, h: scanner_made.append(StubScanner(s, h)) or scanner_made[-1],  # type: ignore[arg-type, func-returns-value]
    )
    first = session.tick(5.0)
    assert logs(first, "page") == [{"page": "home"}]
    assert session.page.id == "home"
    assert scanner_made[0].plans[0].root.cells == HOME.filled()


def test_speak_cell_says_its_text_and_logs_select_and_speak() -> None:
    session, scanner = make()
    out = choose(session, scanner, 1, 3.0)
    # The Speak carries what the history records: the page, the phrase cell's slot, the source.
    assert Speak(3.0, "I am thirsty", "home", 1, Source.KEYBOARD) in out
    assert logs(out, "select") == [
        {"page": "home", "cell": 1, "label": "Thirsty", "action": "speak", "source": "keyboard"}
    ]
    # The page slot goes to the history, so Huffman scanning learns which phrases are used.
    assert logs(out, "speak") == [
        {"text": "I am thirsty", "page": "home", "source": "keyboard", "cell": 1}
    ]


def test_alarm_and_stop() -> None:
    session, scanner = make()
    assert Alarm(1.0, "Please call the nurse") in choose(session, scanner, 3, 1.0)
    assert StopSpeech(2.0) in choose(session, scanner, 4, 2.0)


def test_going_to_a_page_rebuilds_the_scan_plan_and_back_and_home_return() -> None:
    session, scanner = make()
    out = choose(session, scanner, 2, 1.0)
    assert session.page.id == "abc" and logs(out, "page") == [{"page": "abc"}]
    assert scanner.plans[-1].root.cells == ABC.filled()
    choose(session, scanner, 7, 2.0)  # More
    assert session.page.id == "more" and session.depth == 2
    choose(session, scanner, 0, 3.0)  # Back
    assert session.page.id == "abc"
    choose(session, scanner, 6, 4.0)  # Home
    assert session.page.id == "home" and session.depth == 0
    assert len(scanner.plans) == 5


def test_back_on_the_home_page_stays_home() -> None:
    layout = Layout(
        "t", "en", "home", {"home": Page("home", "H", 1, 1, (Cell("Back", Action.BACK),))}
    )
    session = Session(layout, Settings(), 0.0, scanner_factory=StubScanner)  # type: ignore[arg-type]
    session.handle(CellPointed(1.0, 0, Source.MOUSE), 1.0)
    assert session.page.id == "home"


def test_spelling_builds_the_message_and_speak_message_says_it() -> None:
    session, scanner = make()
    choose(session, scanner, 2, 1.0)
    for t, cell in enumerate([0, 1, 0, 2], start=2):  # A B A water
        out = choose(session, scanner, cell, float(t))
    assert logs(out, "message") == [{"text": "ABA water "}]
    assert session.message == "ABA water "
    out = choose(session, scanner, 3, 7.0)  # Delete
    assert session.message == "ABA water"
    out = choose(session, scanner, 4, 8.0)
    assert Speak(8.0, "ABA water", "abc", None, Source.KEYBOARD) in out
    assert session.message == "ABA water"  # kept, so it can be said again
    # A spelled message is not the "Speak" cell's phrase: it gives that cell no Huffman weight.
    assert logs(out, "speak") == [
        {"text": "ABA water", "page": "abc", "source": "keyboard", "cell": None}
    ]


def test_speaking_an_empty_message_says_nothing_and_tells_why() -> None:
    session, scanner = make()
    choose(session, scanner, 2, 1.0)
    out = choose(session, scanner, 4, 2.0)
    assert not [e for e in out if isinstance(e, Speak)]
    assert any(isinstance(e, Notice) for e in out)


def test_clear_empties_the_message() -> None:
    session, scanner = make()
    session.handle(CellPointed(0.5, 2, Source.MOUSE), 0.5)
    session.handle(CellPointed(1.0, 0, Source.MOUSE), 1.0)
    session.open_page("home", 1.5)
    session.handle(CellPointed(2.0, 6, Source.MOUSE), 2.0)
    assert session.message == ""


def test_undo_restores_page_and_message_and_says_so() -> None:
    session, scanner = make()
    choose(session, scanner, 2, 1.0)  # to the spelling page
    choose(session, scanner, 0, 2.0)  # A
    scanner.then = [Undo(2.5)]
    out = session.handle(SwitchDown(2.5, Switch.SELECT, Source.KEYBOARD), 2.5)
    assert session.message == "" and logs(out, "message") == [{"text": ""}]
    assert Notice(2.5, "Undone: A") in out
    scanner.then = [Undo(3.0)]
    assert (
        session.handle(SwitchDown(3.0, Switch.SELECT, Source.KEYBOARD), 3.0) == []
    )  # one level only
    assert session.page.id == "abc"


def test_undo_of_a_page_change_goes_back_and_rescans() -> None:
    session, scanner = make()
    choose(session, scanner, 2, 1.0)
    scanner.then = [Undo(1.4)]
    out = session.handle(SwitchDown(1.4, Switch.SELECT, Source.KEYBOARD), 1.4)
    assert session.page.id == "home" and session.depth == 0
    assert logs(out, "page") == [{"page": "home"}]
    assert scanner.plans[-1].root.cells == HOME.filled()


def test_a_word_read_back_while_spelling_is_no_message_for_the_history() -> None:
    loud = Settings(speech=replace(Settings().speech, quiet_builder=False))
    session, scanner = make(loud)
    choose(session, scanner, 2, 1.0)  # Spell
    out = choose(session, scanner, 2, 2.0)  # water
    # No page: the performer writes no history line for it.
    assert [e for e in out if isinstance(e, Speak)] == [Speak(2.0, "water")]


def test_undo_of_speech_stops_it() -> None:
    session, scanner = make()
    choose(session, scanner, 0, 1.0)
    scanner.then = [Undo(1.3)]
    assert StopSpeech(1.3) in session.handle(SwitchUp(1.3, Switch.SELECT, Source.KEYBOARD), 1.3)


def test_mouse_click_activates_the_cell_directly() -> None:
    session, _ = make()
    out = session.handle(CellPointed(4.0, 0, Source.MOUSE), 4.0)
    assert Speak(4.0, "Yes", "home", 0, Source.MOUSE) in out
    assert logs(out, "select")[0]["source"] == "mouse"
    assert session.handle(CellPointed(4.5, 7, Source.MOUSE), 4.5) == []  # empty slot


def test_alarm_and_clear_need_the_long_hold_and_cells_can_set_their_own() -> None:
    _, scanner = make(Settings(scan=replace(ScanSettings(), alarm_hold_s=2.5)))
    assert scanner.hold_for(3) == 2.5  # alarm
    assert scanner.hold_for(6) == 2.5  # clear
    assert scanner.hold_for(5) == 0.1  # the layout's own hold
    assert scanner.hold_for(0) is None
    assert scanner.hold_for(7) is None  # empty slot


def test_new_pattern_rebuilds_the_plan_and_pause_reaches_the_scanner() -> None:
    session, scanner = make()
    session.set_settings(replace(Settings(), scan=replace(ScanSettings(), interval_s=2.0)), 1.0)
    assert len(scanner.plans) == 1 and scanner.settings.interval_s == 2.0
    session.set_settings(
        replace(Settings(), scan=replace(ScanSettings(), pattern=ScanPattern.LINEAR)), 2.0
    )
    assert len(scanner.plans) == 2 and len(scanner.plans[-1].root.children) == 7
    session.pause(3.0)
    assert session.paused
    session.resume(4.0)
    assert not session.paused
