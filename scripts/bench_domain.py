"""P15: the domain's own work on large inputs, and the draw guard's cost per line.

These were once timed asserts in the tests, where one slow run on a shared machine failed the
build. Here each is the median of several runs in processor time (a busy neighbour stretches
wall time, not the work), against the limit the tests used; the draw guard is measured beside
Textual's own line render in the same run.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path
from typing import Any, Callable

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "tests" / "corpus"

LIMITS_MS = {
    "P15@checks": 50.0,
    "P15@plaintext": 250.0,
    "P15@replies": 500.0,
    "P15@notice": 1000.0,
}
"""The limits the tests used to assert, in milliseconds."""


def cpu_median_ms(work: Callable[[], Any], times: int) -> float:
    work()  # warm-up: compiled patterns, caches
    timings = []
    for _ in range(times):
        started = time.process_time()
        work()
        timings.append(time.process_time() - started)
    return statistics.median(timings) * 1000


def megabyte(text: str) -> str:
    return (text * (1_000_000 // len(text) + 1))[:1_000_000]


def plan_of_5000_words() -> Any:
    from poa_tui.domain.models import Case, Notice, Sections

    paragraph = ("On 3 March our warehouse lead, Dana Ortiz, found that 140 units of B07XJ8C8F5 "
                 "were shipped from a wholesaler we had not checked. We take this very "
                 "seriously and will regularly review our suppliers. ")
    body = paragraph * 45  # about 1,650 words a section, 5,000 in all
    return Case(title="Long plan", notice=Notice(asins=["B07XJ8C8F5"]),
                sections=Sections(body, body, body))


def markdown_of_5000_words() -> str:
    paragraph = "We checked " + " ".join(f"**invoice{n}** from [supplier](https://e.com/{n})"
                                         for n in range(10))
    items = "\n".join(f"{n}. refunded order number {n} and removed listing" for n in range(1, 8))
    return "\n\n".join([f"{paragraph}\n\n{items}\n\n- nested\n  - bullets here\n"] * 55)


def reply_megabytes() -> list[str]:
    replies = "\n\n".join(p.read_text(encoding="utf-8")
                          for p in sorted((CORPUS / "replies").glob("*.txt")))
    return [megabyte(replies), "greater detail on " * 60_000,
            "Please send the following:\n" + "- Greater detail on item\n" * 45_000,
            "please delete " * 80_000, "\n" * 1_000_000, "if " * 350_000]


def notice_megabytes() -> list[str]:
    notices = "".join(p.read_text(encoding="utf-8")
                      for p in sorted((CORPUS / "notices").glob("*.txt")))
    units = [notices, "ASINs:\n" + "0306406152\n" * 20, "ASIN: " + "0306406152 " * 20,
             "Date: 1/2/2024 please send by 3 March 2025 ", "you must send within 5 days ",
             "\x1b[1mB07XYZ1234\x1b[0m ", "Order Defect Rate 1% target under 2% "]
    return [megabyte(unit) for unit in units]


def draw_guard_us_per_line(rounds: int) -> tuple[float, float]:
    """(ours, Textual's) microseconds to turn one fresh case-list row into terminal output."""
    from rich.console import Console
    from rich.segment import Segment
    from rich.style import Style
    from textual.strip import Strip

    from poa_tui.tui.textual_fixes import draw_guard

    console = Console(width=120, color_system="truecolor", force_terminal=True)
    styles = [Style(color="#a0a0a0", bold=column == 0) for column in range(7)]
    cells = ("12", "Drafting", "3", "2 d", "2025-03-22", "in 5 d", "Acme blender: inauthentic")

    def per_line(render: Callable[[Strip, Console], str]) -> float:
        best = float("inf")
        for _ in range(rounds):
            strips = [Strip([Segment(f" {cell:<10}", style) for cell, style in zip(cells, styles)])
                      for _ in range(2000)]
            started = time.perf_counter()
            for strip in strips:
                render(strip, console)
            best = min(best, (time.perf_counter() - started) / len(strips))
        return best * 1e6

    return per_line(draw_guard.render), per_line(draw_guard.ORIGINAL)


def measure(repeats: int) -> dict[str, tuple[float, float | None]]:
    """Figure id -> (value, baseline or None): milliseconds, or microseconds for the guard."""
    from poa_tui.domain.checks import run_checks
    from poa_tui.domain.notice import parse_notice
    from poa_tui.domain.plaintext import markdown_to_text
    from poa_tui.domain.replies import classify_reply

    case = plan_of_5000_words()
    markdown = markdown_of_5000_words()
    out: dict[str, tuple[float, float | None]] = {
        "P15@checks": (cpu_median_ms(lambda: run_checks(case), repeats), None),
        # Each round a new text: the renderer keeps results for text it has seen.
        "P15@plaintext": (cpu_median_ms(
            lambda: markdown_to_text(markdown + str(time.perf_counter_ns())), repeats), None),
        "P15@replies": (max(cpu_median_ms(lambda t=text: classify_reply(t), max(1, repeats // 2))
                            for text in reply_megabytes()), None),
        "P15@notice": (max(cpu_median_ms(lambda t=text: parse_notice(t), max(1, repeats // 2))
                           for text in notice_megabytes()), None),
    }
    ours, theirs = draw_guard_us_per_line(max(3, repeats))
    out["P15@draw"] = (ours, theirs)
    return out
