"""The blink-switch benchmark runs (quick) and reports every figure the issue asks for."""

from __future__ import annotations

import importlib.util
import json
import math
import sys
from pathlib import Path
from types import ModuleType

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "blink_switch.py"
VARIANTS = ("switch", "switch_with_ring_feedback", "calibrated_fixed", "naive_fixed_0_5")


def load() -> ModuleType:
    name = "blink_switch_benchmark"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # its dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def report() -> dict:
    import contextlib
    import io

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert load().main(["--quick"]) == 0
    return json.loads(out.getvalue())


def test_lognormal_spread_matches_the_published_tail() -> None:
    bench = load()
    for p_long in (0.002, 0.023):
        sigma = bench.sigma_for(p_long)
        z = math.log(0.5 / 0.15) / sigma
        assert 0.5 * math.erfc(z / math.sqrt(2)) == pytest.approx(p_long, rel=1e-6)


def test_quick_run_reports_recall_false_rate_latency_and_the_baseline(report: dict) -> None:
    assert report["benchmark"] == "blink_switch" and report["fps"] == 30.0
    for name in ("normal", "drowsy"):
        profile = report["profiles"][name]
        assert profile["hours"] == pytest.approx(0.2)
        assert profile["spontaneous_blinks"] > 100
        for variant in VARIANTS:
            figures = profile[variant]
            assert figures["intentional_holds"] > 10
            assert 0.0 <= figures["intentional_recall"] <= 1.0
            assert figures["false_per_hour"] >= 0.0
            assert set(figures["latency_over_hold_ms"]) == {"p50", "p95", "max"}
            assert figures["hold_s"]["min"] >= 0.3
        assert profile["naive_fixed_0_5"]["hold_s"] == {"mean": 0.5, "min": 0.5, "max": 0.5}
        assert all(c["ok"] for c in profile["calibration"])
    assert set(report["met"]) == {
        f"{p}/{v}" for p in ("normal", "drowsy") for v in ("switch", "switch_with_ring_feedback")
    }


def test_drowsy_eyes_fool_the_fixed_hold_more_than_the_adaptive_switch(report: dict) -> None:
    drowsy = report["profiles"]["drowsy"]
    assert drowsy["naive_fixed_0_5"]["false_per_hour"] > drowsy["switch"]["false_per_hour"]
    assert drowsy["switch"]["hold_s"]["mean"] > 0.5
