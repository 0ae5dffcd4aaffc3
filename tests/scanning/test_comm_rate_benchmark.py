"""The communication-rate benchmark runs short in CI and reports every field per pattern."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "benchmarks" / "comm_rate.py"
PATTERNS = {"linear", "row_column", "column_row", "block", "huffman"}
FIELDS = {
    "selections_per_min",
    "steps_per_selection",
    "wrong_selections",
    "corrected",
    "plan_steps",
}


def run(*args: str) -> dict:
    done = subprocess.run(
        [sys.executable, str(SCRIPT), *args],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return json.loads(done.stdout)


def test_quick_run_reports_every_pattern_side_by_side() -> None:
    report = run("--quick", "--minutes", "1")
    assert set(report["profiles"]) == {"fast", "slow", "drowsy"}
    fast = report["profiles"]["fast"]
    assert fast["interval_s"] == round(0.6 / 0.65, 3)  # the .65 rule
    for profile in report["profiles"].values():
        assert set(profile["patterns"]) == PATTERNS
        for result in profile["patterns"].values():
            assert set(result) >= FIELDS
            assert result["selections"] > 0
            assert result["corrected"] <= result["wrong_selections"]
            assert result["steps_per_selection"] >= 1
    huff = report["huffman"]
    # Kraft: no scan plan can need fewer steps than the entropy of the usage
    assert huff["plan_steps"] >= huff["entropy_bound_steps"]
    assert huff["ratio_to_entropy"] <= 1.05
    assert huff["linear_over_huffman_plan"] >= 1.8
    assert isinstance(huff["top8_max_steps"], int)


def test_same_seed_same_numbers_and_interval_override(tmp_path: Path) -> None:
    assert run("--minutes", "0.5") == run("--minutes", "0.5")
    report = run("--minutes", "0.5", "--interval", "2.0")
    assert all(p["interval_s"] == 2.0 for p in report["profiles"].values())


def test_targets_file_is_said_in_order(tmp_path: Path) -> None:
    targets = tmp_path / "targets.txt"
    targets.write_text("yes\nno\nyes\nI am in pain\nyes\n", encoding="utf-8")
    report = run("--targets", str(targets))
    assert report["cells"] == 3
    for profile in report["profiles"].values():
        for result in profile["patterns"].values():
            assert result["selections"] == 5


def test_targets_file_huffman_ties_or_beats_linear_and_makes_no_claim_on_32_phrase_targets(
    tmp_path: Path,
) -> None:
    targets = tmp_path / "five.txt"
    # 5 phrases said 3, 2, 1, 1, 1 times, most used first: reading order is optimal
    lines = ["yes", "no", "yes", "I am in pain", "yes", "no", "water please", "thank you"]
    targets.write_text("\n".join(lines) + "\n", encoding="utf-8")
    huff = run("--targets", str(targets))["huffman"]
    assert huff["linear_plan_steps"] == 2.375
    assert huff["plan_steps"] <= huff["linear_plan_steps"]
    # the targets are for the 32-phrase Zipf page (task a) only
    assert "targets_met" not in huff
    assert "targets_met" in run("--minutes", "0.5")["huffman"]
