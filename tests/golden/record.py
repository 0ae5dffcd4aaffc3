"""Re-record the golden event logs: ``make golden`` or ``python tests/golden/record.py [NAME...]``.

Only when a change is meant to alter behaviour; say why in the commit.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

from golden_runs import LOGS, by_name, run  # noqa: E402


def main(names: list[str]) -> int:
    LOGS.mkdir(exist_ok=True)
    for scenario in by_name(names):
        with tempfile.TemporaryDirectory() as work:
            text, screens = run(scenario, Path(work))
        (LOGS / f"{scenario.name}.jsonl").write_text(text, encoding="utf-8")
        (LOGS / f"{scenario.name}.screen.jsonl").write_text(screens, encoding="utf-8")
        print(f"{scenario.name}: {text.count(chr(10))} records, {screens.count(chr(10))} screens")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
