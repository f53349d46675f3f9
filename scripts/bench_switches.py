"""The app's fixes to Textual, switched off for a run of the benchmark (`bench.py --off`).

    render_crop   only the widgets a screen update touches render their lines (render_crop.py)
    heap          Python's collections held while a case opens, then frozen (heap.py)
    paste_guard   bracketed pastes cut out of the input before Textual's parser (paste_guard.py)

`off()` patches them out in this process before the app is made; a program run in a pty gets
the same through `app_argv()`, which starts it by way of `off()`. The app itself has no switch:
a normal run of the benchmark starts it exactly as a user does.
"""

from __future__ import annotations

import sys
from pathlib import Path

FIXES = ("render_crop", "heap", "paste_guard")
SCRIPTS = Path(__file__).resolve().parent


def off(names: tuple[str, ...] | list[str]) -> None:
    """Switch the named fixes off in this process (before the app starts)."""
    unknown = set(names) - set(FIXES)
    if unknown:
        raise ValueError(f"unknown fixes: {', '.join(sorted(unknown))}")
    if "render_crop" in names:
        from textual._compositor import Compositor

        from poa_tui.tui.textual_fixes import render_crop

        render_crop.install = lambda: None  # type: ignore[assignment]
        Compositor._get_renders = render_crop.ORIGINAL  # type: ignore[method-assign]
    if "heap" in names:
        from poa_tui.tui.textual_fixes import collection_pauses as heap

        heap.hold = lambda: None  # type: ignore[assignment]
        heap.release = lambda collect=True: None  # type: ignore[assignment]
        heap.settle = lambda: None  # type: ignore[assignment]
    if "paste_guard" in names:
        from poa_tui.tui.textual_fixes import paste_guard

        paste_guard.install = lambda: None  # type: ignore[assignment]


LAUNCHER = """\
import runpy, sys
sys.path.insert(0, {scripts!r})
import bench_switches
bench_switches.off({names!r})
sys.argv = ["poa_tui", *sys.argv[1:]]
runpy.run_module("poa_tui", run_name="__main__", alter_sys=True)
"""


def app_argv(names: tuple[str, ...], *args: str) -> list[str]:
    """How to start the app with `names` switched off (plain `python -m poa_tui` when none)."""
    if not names:
        return [sys.executable, "-m", "poa_tui", *args]
    return [sys.executable, "-c", LAUNCHER.format(scripts=str(SCRIPTS), names=list(names)),
            *args]
