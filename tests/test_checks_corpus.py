"""The checks on the plan corpus: every weak plan short of ready with three real defects named,
every sound plan ready with at most one warning (see tests/corpus/plans/README.md)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "checks_accuracy.py"
spec = importlib.util.spec_from_file_location("checks_accuracy", SCRIPT)
accuracy = importlib.util.module_from_spec(spec)
sys.modules["checks_accuracy"] = accuracy
spec.loader.exec_module(accuracy)

PLANS = [plan for part in ("tune", "test") for plan in accuracy.load(part)]


def test_both_parts_hold_weak_and_sound_plans():
    for part in ("tune", "test"):
        kinds = [plan.kind for plan in accuracy.load(part)]
        assert kinds.count("weak") >= 4 and kinds.count("sound") >= 3, part


@pytest.mark.parametrize("plan", PLANS, ids=[p.name for p in PLANS])
def test_plan_is_judged_as_a_consultant_would(plan):
    result = accuracy.judge(plan)
    assert result.passed, accuracy.details([result])


def test_the_script_prints_the_table_and_exits_0(capsys):
    assert accuracy.main(["test"]) == 0
    out = capsys.readouterr().out
    assert "hits  misses  false  pass" in out and "sound plans ready: 4/4" in out
