"""The benchmark script keeps working: its quick run reports every figure, and its pty harness
times a real program."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SCRIPTS = REPO / "scripts"
sys.path.insert(0, str(SCRIPTS))

import bench  # noqa: E402
import bench_pty  # noqa: E402


def test_interleave_runs_each_once_a_round_and_drops_the_warm_up() -> None:
    calls: list[str] = []
    runners = {name: (lambda name=name: calls.append(name) or len(calls)) for name in "abc"}
    runs = bench.interleave(runners, rounds=3, warmup=1)
    assert sorted(calls) == sorted("abc" * 4)
    assert {name: len(values) for name, values in runs.items()} == {"a": 3, "b": 3, "c": 3}
    for number in range(4):  # every round holds each runner exactly once
        assert sorted(calls[3 * number: 3 * number + 3]) == ["a", "b", "c"]


def test_table_shows_missing_numbers_and_notes() -> None:
    rows = [bench.Row("P5", "filter", "≤ 30 ms", value=41.0, met=False, note="slow"),
            bench.Row("P6", "memory", "report", unit="MB", value=60.0, baseline=30.0)]
    text = bench.table(rows)
    assert "41.0 ms" in text and "—" in text and "NO" in text
    assert "2.00" in text and "P5: slow" in text
    assert rows[1].to_json()["value_mb"] == 60.0 and rows[1].to_json()["ratio"] == 2.0


@pytest.mark.slow
def test_pty_launch_times_a_real_program_until_its_text_appears(tmp_path: Path) -> None:
    env = bench_pty.child_env(tmp_path, REPO)
    script = ("import os, sys, time\n"
              "cols, rows = os.get_terminal_size()\n"
              "time.sleep(0.2)\n"
              "sys.stdout.write(f'\\x1b[1mready\\x1b[0m {cols}x{rows} {os.environ[\"TERM\"]}')\n"
              "sys.stdout.flush()\n"
              "time.sleep(30)\n")
    size = f"{bench_pty.COLUMNS}x{bench_pty.ROWS} xterm-256color"
    launch = bench_pty.launch([sys.executable, "-c", script], f"ready {size}", env, tmp_path)
    assert 0.2 <= launch.seconds < 10
    assert launch.peak_rss_mb > 1
    with pytest.raises(RuntimeError, match="ended before"):
        bench_pty.launch([sys.executable, "-c", "print('other')"], "never", env, tmp_path)


@pytest.mark.slow
def test_quick_run_reports_every_figure_with_value_baseline_and_ratio() -> None:
    done = subprocess.run([sys.executable, str(SCRIPTS / "bench.py"), "--quick", "--json"],
                          cwd=REPO, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-4000:]
    report = json.loads(done.stdout)
    assert list(report) == list(bench.IDS)
    for key, row in report.items():
        unit = {"P6": "mb", "P10": "s", "P11": "objects", "P14": "cpu_s_per_min",
                "P15@draw": "µs"}.get(key, "ms")
        assert isinstance(row[f"value_{unit}"], float), (key, row)
        assert row[f"value_{unit}"] > 0 or key in ("P10", "P14"), (key, row)
        assert {f"baseline_{unit}", "ratio", "target", "met"} <= set(row), (key, row)
        if key in ("P5", "P8", "P9", "P10") or (key.startswith("P15") and key != "P15@draw"):
            # no baseline: a plain limit
            assert row[f"baseline_{unit}"] is None and row["ratio"] is None
        elif key == "P14":  # a bare app can use no CPU the clock sees while idle
            assert row[f"baseline_{unit}"] >= 0
        else:
            assert row[f"baseline_{unit}"] > 0 and row["ratio"] > 0, (key, row)
        assert row["target"] == bench.TARGETS[key]
        assert row["met"] in (True, False, None)


def test_each_fix_to_textual_can_be_switched_off_for_a_run() -> None:
    """`bench.py --off` measures again in a process where the fix is patched out; the app's
    own start-up then leaves Textual as it is."""
    check = """
import sys
sys.path.insert(0, sys.argv[1])
import bench_switches
bench_switches.off(["render_crop", "heap", "paste_guard"])
from textual._compositor import Compositor
from textual.drivers import linux_driver
from poa_tui.tui.textual_fixes import render_crop
from poa_tui.tui.app import make_app
make_app  # importing the app must not put the fixes back
assert Compositor._get_renders is render_crop.ORIGINAL
render_crop.install()
from poa_tui.tui.textual_fixes import paste_guard
paste_guard.install()
assert Compositor._get_renders is render_crop.ORIGINAL
assert linux_driver.XTermParser.__name__ == "XTermParser"
import gc
from poa_tui.tui.textual_fixes import collection_pauses as heap
gc.enable(); heap.hold()
assert gc.isenabled()
"""
    done = subprocess.run([sys.executable, "-c", check, str(SCRIPTS)], cwd=REPO,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    import bench_switches

    with pytest.raises(ValueError, match="unknown fixes: nonsense"):
        bench_switches.off(["nonsense"])
    assert bench_switches.app_argv(())[1:3] == ["-m", "poa_tui"]
