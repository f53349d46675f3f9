"""Regenerate `screenshots/` from fixed sample data, by running the real app headless.

    .venv/bin/python scripts/screenshots.py                 # every screen: SVG, and PNG when small
    .venv/bin/python scripts/screenshots.py editor help     # only the shots named
    .venv/bin/python scripts/screenshots.py --list          # the shots and their sizes

Each shot starts the app afresh (`poa_tui.tui.app.make_app`) over a store in a temporary folder
holding the demo case and a few more, with the app's clock fixed to `TODAY`, the time zone set
to UTC, animations off, cursors steady, notifications cleared and the default theme, so the
same code always draws the same SVG. The app is driven with keys and palette commands the way a
person would, then each SVG is read back as text and must show the words its shot names: a
blank, clipped or crashed screen fails the run loudly (exit status 1) and is written to a
temporary folder for a look, never over the good screenshot. A shot whose screen is not in the
app yet is skipped, and the run says so.

PNGs are for people to look at: cairosvg draws them in a local monospace font (the SVGs ask for
Fira Code, which cairosvg cannot fetch), reduced to 256 colours; one bigger than `PNG_LIMIT` is
not kept, to keep the repository small.
"""

from __future__ import annotations

import argparse
import asyncio
import html
import inspect
import os
import re
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from rich.cells import cell_len  # noqa: E402

from poa_tui.domain.models import Case, Notice, Reply, Sections  # noqa: E402
from poa_tui.domain.vocab import SECTIONS, Channel, Outcome, Scope, ViolationType  # noqa: E402
from poa_tui.storage.demo import seed_demo  # noqa: E402
from poa_tui.storage.store import CaseStore  # noqa: E402

OUT = ROOT / "screenshots"
TODAY = date(2025, 3, 20)
"""The app's "today" in every shot: day counts and deadlines never move with the calendar."""
PNG_LIMIT = 200_000
"""Bytes; a PNG larger than this is not kept (the SVG always is)."""
SETTLE_SECONDS = 5.0
"""Longest wait for the preview to catch up before a shot is taken anyway (and then checked)."""


class NotAvailable(Exception):
    """The screen a shot needs is not in the app yet."""


# -- sample data ---------------------------------------------------------------------------------

def _noon(days_ago: int) -> datetime:
    day = TODAY - timedelta(days=days_ago)
    return datetime(day.year, day.month, day.day, 12, 0, tzinfo=timezone.utc)


PLAIN_DRAFT = Sections(
    root_cause="Returned units went back on sale without a condition check, because the returns "
               "bench had no written grading rules.",
    immediate_remedy="- Removed the 14 affected offers.\n- Refunded the 6 buyers who complained.",
    systematic_changes="1. Every return is graded against a written checklist before relisting.\n"
                       "2. A second person checks each unit graded as new.",
)
WEAK_DRAFT = Sections(
    root_cause="Our carrier was late and some orders arrived after the promised date.",
    immediate_remedy="We are very sorry!!! We will do better from now on.",
    systematic_changes="",
)
"""A thin first try, so the readiness checks have something to say."""


def _case(title: str, seller: str, market: str, violation: ViolationType, *,
          scope: Scope = Scope.ACCOUNT, deadline_in: int | None = None,
          sent: tuple[int, ...] = (), replies: tuple[Outcome, ...] = (),
          draft: Sections = PLAIN_DRAFT, archived: bool = False, closed: bool = False) -> Case:
    """A case whose attempts went `sent` days ago, answered in order by `replies`."""
    received = TODAY - timedelta(days=max(sent, default=3) + 2)
    deadline = TODAY + timedelta(days=deadline_in) if deadline_in is not None else None
    case = Case(title=title, seller=seller, marketplace=market, violation_type=violation,
                scope=scope, archived=archived, closed=closed,
                sections=Sections(**draft.to_dict()), created_at=_noon(max(sent, default=3) + 2),
                notice=Notice(text=f"Notice about {title.lower()}.", received=received,
                              deadline=deadline))
    for number, days_ago in enumerate(sent):
        attempt = case.record_submission(Channel.ACCOUNT_HEALTH, when=_noon(days_ago))
        if number < len(replies):
            attempt.reply = Reply(_noon(days_ago) + timedelta(days=1, hours=-3),
                                  "Thank you for your appeal.", replies[number])
    return case


def extra_cases() -> list[Case]:
    """The rest of a consultant's list, in every state the list colours."""
    return [
        _case("Listing policy: old bundle ASINs", "Oak Lane Kitchen", "amazon.fr",
              ViolationType.LISTING_POLICY, archived=True, closed=True),
        _case("Order defect rate 1.9 % in February", "Maple & Thread", "amazon.com",
              ViolationType.ORDER_DEFECT_RATE, deadline_in=-20, sent=(30, 16),
              replies=(Outcome.INSUFFICIENT_POA, Outcome.REINSTATED)),
        _case("Pesticide claim on bamboo boards", "Oak Lane Kitchen", "amazon.fr",
              ViolationType.RESTRICTED_PRODUCTS, scope=Scope.LISTING),
        _case("Related accounts: second storefront", "Sunrise Trading LLC", "amazon.com",
              ViolationType.RELATED_ACCOUNTS, deadline_in=2, sent=(10,),
              replies=(Outcome.DOCUMENTS_REQUESTED,)),
        _case("Used sold as new: restocked returns", "Blue Harbor Books", "amazon.ca",
              ViolationType.CONDITION_USED_SOLD_AS_NEW, deadline_in=0),
        _case("Trademark claim on Kestrel phone cases", "Kestrel Mobile GmbH", "amazon.de",
              ViolationType.IP_TRADEMARK, scope=Scope.ASIN, deadline_in=8, sent=(8, 1),
              replies=(Outcome.DENIED,)),
        _case("Late shipment rate 6.2 % (seller-fulfilled)", "Northwind Outdoor",
              "amazon.co.uk", ViolationType.LATE_SHIPMENT_RATE,
              scope=Scope.SELLER_FULFILLED_OFFERS, deadline_in=-2, sent=(3,),
              replies=(Outcome.INSUFFICIENT_POA,), draft=WEAK_DRAFT),
    ]


@dataclass
class Sample:
    """The store a shot runs over, and the cases in it worth naming."""

    store: CaseStore
    demo: Case
    weak: Case


def seed_sample(root: Path) -> Sample:
    """A store in `root`: the extra cases first, then the demo case, so the demo tops the list."""
    store = CaseStore(root)
    ids = store.import_cases(extra_cases())
    demo = seed_demo(store, TODAY)
    return Sample(store, demo, store.load(ids[-1]))


# -- reading an SVG back -------------------------------------------------------------------------

_TEXT = re.compile(r'<text [^>]*?x="([\d.]+)"[^>]*?textLength="([\d.]+)"[^>]*?'
                   r'clip-path="url\(#[\w-]+-line-(\d+)\)"[^>]*>(.*?)</text>', re.S)


def screen_lines(svg: str) -> list[str]:
    """The terminal's lines as text, spaces where the SVG has only background."""
    rows: dict[int, dict[int, str]] = {}
    for x, length, line, body in _TEXT.findall(svg):
        text = html.unescape(body).replace("\xa0", " ")
        cells = cell_len(text)
        if not cells:
            continue
        column = round(float(x) / (float(length) / cells))
        rows.setdefault(int(line), {})[column] = text
    lines = []
    for number in range(max(rows, default=-1) + 1):
        line = ""
        for column, text in sorted(rows.get(number, {}).items()):
            line = line.ljust(column) + text
        lines.append(line.rstrip())
    return lines


@dataclass(frozen=True)
class Count:
    """`text` must show at least `times` times (e.g. once in an editor and once in the preview)."""

    text: str
    times: int


Expectation = str | Count


def problems_in(svg: str, expected: list[Expectation]) -> list[str]:
    """What the screenshot fails to show; empty when every expectation holds."""
    screen = "\n".join(screen_lines(svg))
    missing = []
    for item in expected:
        text, times = (item.text, item.times) if isinstance(item, Count) else (item, 1)
        found = screen.count(text)
        if found < times:
            missing.append(f"expected {text!r}" + (f" {times} times, found {found}"
                                                   if times > 1 else ", not on screen"))
    return missing


# -- driving the app -----------------------------------------------------------------------------

@contextmanager
def fixed_environment() -> Iterator[None]:
    """UTC for every local timestamp the screens print; restored afterwards."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = "UTC"
    time.tzset()
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = before
        time.tzset()


async def settle(pilot: Any) -> None:
    """Let the screen finish drawing, then make it still: no toasts, no blinking cursors."""
    app = pilot.app
    await pilot.pause(0.1)
    await app.workers.wait_for_complete()
    waited = 0.0
    while waited < SETTLE_SECONDS:
        previews = app.screen.query("PoaPreview")
        if not any(preview.display and getattr(preview, "pending", False) for preview in previews):
            break
        await pilot.pause(0.1)
        waited += 0.1
    app.clear_notifications()
    for screen in app.screen_stack:
        for widget in screen.query("Input, TextArea"):
            widget.cursor_blink = False
    await pilot.wait_for_scheduled_animations()
    await pilot.pause(0.1)


async def run_command(pilot: Any, pattern: str) -> None:
    """Run the active screen's palette command whose title matches `pattern`."""
    offer = getattr(pilot.app.screen, "palette_commands", None)
    for command in list(offer()) if callable(offer) else []:
        if re.search(pattern, command.title, re.IGNORECASE):
            result = command.callback()
            if inspect.isawaitable(result):
                await result
            return
    raise NotAvailable(f"no palette command matching {pattern!r} on "
                       f"{type(pilot.app.screen).__name__}")


async def perform(pilot: Any, sample: Sample, step: str) -> None:
    """One step of a shot, as a person would take it.

    `open demo` / `open weak` open a case; `keys f6 up` presses keys; `command REGEX` runs a
    palette command; `notice` pastes the demo's notice into the case form; `reply` pastes a
    sample answer from Amazon into the reply form; `evidence` and `diff`
    open the checklist and the comparison of the demo's two attempts (by the palette when it
    offers them, else the screen itself); `require SELECTOR` skips the shot unless such a
    widget shows.
    """
    verb, _, arg = step.partition(" ")
    app = pilot.app
    if verb == "open":
        app.open_case(getattr(sample, arg).id)
    elif verb == "keys":
        await pilot.press(*arg.split())
    elif verb == "command":
        await run_command(pilot, arg)
    elif verb == "notice":
        app.screen.query_one("#notice").load_text(sample.demo.notice.text)
    elif verb == "reply":
        app.screen.query_one("#reply-text").load_text(SAMPLE_REPLY)
    elif verb == "evidence":
        try:
            await run_command(pilot, r"evidence")
        except NotAvailable:  # not in the editor's palette yet: the checklist itself
            from poa_tui.tui.dialogs.evidence import EvidenceScreen

            app.push_screen(EvidenceScreen(sample.demo.id))
    elif verb == "diff":
        try:
            await run_command(pilot, r"\b(compare|diff)")
        except NotAvailable:  # not in the log's palette yet: the comparison screen itself
            from poa_tui.tui.screens.diff_view import DiffScreen

            app.push_screen(DiffScreen(sample.demo, 1, 2))
    elif verb == "require":
        await pilot.pause(0.3)  # laid out, so a hidden or zero-size widget does not count
        if not any(widget.region.area for widget in app.screen.query(arg)):
            raise NotAvailable(f"no {arg} on {type(app.screen).__name__} yet")
    else:
        raise ValueError(f"unknown step {step!r}")
    await pilot.pause(0.2)


SAMPLE_REPLY = """\
Date: Thu, 20 Mar 2025 08:10:00 +0000
From: Amazon Seller Performance <seller-performance@amazon.co.uk>

Hello,

After reviewing your appeal, we have decided not to reinstate your account. This decision
is final and we will not respond to further emails on this matter.
"""
"""What the reply-form shot pastes: an answer dated the morning of `TODAY`."""


@dataclass(frozen=True)
class Shot:
    """One screenshot: its name, the terminal size, the steps there and what it must show."""

    name: str
    size: tuple[int, int]
    steps: tuple[str, ...]
    expect: Callable[[Sample], list[Expectation]]


# -- the shots -----------------------------------------------------------------------------------

def first_words(text: str, count: int = 3) -> str:
    """The first words of a section that every screen shows alike, raw or rendered.

    The opening list marker goes, then the words up to the first Markdown mark are taken:
    "1. **Supplier approval.** Since" gives "Supplier approval.".
    """
    line = re.sub(r"^\s*(\d+\.|[-*+])\s+", "", text.strip().splitlines()[0])
    run = next(part for part in re.split(r"[*_`]+", line) if part.strip())
    return " ".join(run.split()[:count])


def editor_expect(sample: Sample) -> list[Expectation]:
    return [f"Case {sample.demo.id}", sample.demo.title, SECTIONS[0].label,
            first_words(sample.demo.sections.root_cause)]


def stacked_expect(sample: Sample) -> list[Expectation]:
    sections = sample.demo.sections
    return editor_expect(sample) + [section.label for section in SECTIONS[1:]] + [
        first_words(sections.immediate_remedy), first_words(sections.systematic_changes)]


def answered(sample: Sample) -> Reply:
    reply = sample.demo.submissions[0].reply
    assert reply is not None, "the demo's first attempt has Amazon's answer"
    return reply


EDITOR = ("open demo",)
LOG = ("open demo", "keys f6", "keys up")  # the first attempt: the one Amazon answered
SHOTS: dict[str, Shot] = {shot.name: shot for shot in [
    Shot("case-list", (120, 36), (), lambda s: [
        s.demo.title, "Waiting 1 d", "Needs revision", "Deadline", "in 5 d",
        "2 d overdue", "7 cases"]),
    Shot("case-list-80x24", (80, 24), (), lambda s: [
        s.demo.title, "Waiting 1 d", "Deadline", "in 5 d"]),
    Shot("editor", (120, 36), EDITOR, stacked_expect),
    Shot("editor-80x24", (80, 24), EDITOR, lambda s: editor_expect(s) + [
        f"F3 {SECTIONS[1].label}", f"F4 {SECTIONS[2].label}"]),
    # The preview repeats the opening words: a blank preview fails here.
    Shot("editor-160x48", (160, 48), EDITOR, lambda s: stacked_expect(s) + [
        "Preview", Count(first_words(s.demo.sections.root_cause), 2)]),
    Shot("submission-log", (120, 36), LOG, lambda s: [
        s.demo.title, "Attempts", "Attempt 1", "Account Health", "Reply received",
        "Amazon's reply", first_words(answered(s).text.replace("Hello,", ""), 4)]),
    Shot("submission-log-80x24", (80, 24), LOG, lambda s: [
        s.demo.title, "Attempt 1", "Amazon asks for", answered(s).outcome.label]),
    Shot("help", (120, 36), EDITOR + ("keys f1",), lambda s: [
        "Case editor", "Help: Case", SECTIONS[2].label]),
    Shot("new-case", (80, 24), ("keys n",), lambda s: [
        "New case", "Title", "Amazon's notice", "Violation", "Not chosen"]),
    Shot("notice-review", (120, 36), ("keys n", "notice", "keys ctrl+r"), lambda s: [
        "Read the notice", *s.demo.notice.asins]),
    Shot("command-palette", (120, 36), EDITOR + ("keys ctrl+p",), lambda s: [
        "copy: Whole POA", f"copy: {SECTIONS[0].label} only"]),
    Shot("final-text", (120, 36), EDITOR + ("command ^view: final text",), lambda s: [
        "Final text", SECTIONS[0].label, first_words(s.demo.sections.root_cause), "words ·"]),
    Shot("submission-form", (80, 24), EDITOR + ("keys f6 s",), lambda s: [
        "Record a submission", "Attempt 3", "Channel", "Account Health"]),
    # The latest attempt is still waiting for its answer.
    Shot("reply-form", (80, 24), EDITOR + ("keys f6 r", "reply"), lambda s: [
        "Record Amazon's reply", "attempt 2", "Final decision", "Reads as", "Received",
        "2025-03-20 08:10"]),
    Shot("evidence", (100, 30), EDITOR + ("evidence",), lambda s: [
        "Evidence checklist", *(item.label for item in s.demo.evidence[:3])]),
    Shot("attempt-diff", (120, 36), LOG + ("diff",), lambda s: [
        "Attempt 1", "Attempt 2", *(section.label for section in SECTIONS[:2])]),
    Shot("writing-help", (160, 48), ("open weak", "require FindingsPanel, GuidancePanel"),
         lambda s: [s.weak.title, SECTIONS[2].label]),
]}


# -- taking them ---------------------------------------------------------------------------------

@dataclass
class ShotResult:
    """What became of one shot."""

    name: str
    written: list[Path] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    skipped: str = ""
    kept_at: Path | None = None
    """Where the SVG of a failed shot was left for a look."""


async def capture(shot: Shot, workdir: Path) -> tuple[str, Sample]:
    """Run the app for `shot` and return its SVG."""
    from poa_tui.tui.app import make_app

    sample = seed_sample(workdir / "store")
    app = make_app(store=sample.store, settings_path=workdir / "settings.toml",
                   today=lambda: TODAY)
    app.animation_level = "none"
    svg = ""
    async with app.run_test(size=shot.size) as pilot:
        await pilot.pause(0.2)
        for step in shot.steps:
            await perform(pilot, sample, step)
        await settle(pilot)
        svg = app.export_screenshot()
    return svg, sample


def write_png(svg: str, path: Path) -> bool:
    """Draw `svg` as a 256-colour PNG at `path`; False (and no file) when it would be too big."""
    import io

    import cairosvg  # the `test` extra; needs the system's cairo library
    from PIL import Image

    mono = svg.replace("font-family: Fira Code, monospace",
                       'font-family: "DejaVu Sans Mono", "Liberation Mono", monospace')
    # cairosvg ignores the SVG's textLength: DejaVu's 12.04 px advance against the 12.2 px cell
    # would leave a run of text short, and a gap before the next differently styled run.
    mono = mono.replace("font-size: 20px;", "font-size: 20px;\n        letter-spacing: 0.16px;", 1)
    drawn = Image.open(io.BytesIO(cairosvg.svg2png(bytestring=mono.encode("utf-8"))))
    small = drawn.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=0)
    buffer = io.BytesIO()
    small.save(buffer, format="PNG", optimize=True)
    if buffer.tell() > PNG_LIMIT:
        path.unlink(missing_ok=True)
        return False
    path.write_bytes(buffer.getvalue())
    return True


def take(names: list[str], out: Path = OUT, *, png: bool = True,
         failed_dir: Path | None = None) -> list[ShotResult]:
    """Take the shots named (all when empty) into `out`; a failed one goes to `failed_dir`."""
    out.mkdir(parents=True, exist_ok=True)
    failed_dir = failed_dir or Path(tempfile.mkdtemp(prefix="poa-screenshots-failed-"))
    failed_dir.mkdir(parents=True, exist_ok=True)
    outcomes = []
    with fixed_environment():
        for name in names or list(SHOTS):
            shot = SHOTS[name]
            result = ShotResult(name)
            outcomes.append(result)
            with tempfile.TemporaryDirectory(prefix="poa-screenshot-") as workdir:
                try:
                    svg, sample = asyncio.run(capture(shot, Path(workdir)))
                except NotAvailable as why:
                    result.skipped = str(why)
                    continue
                except Exception as error:  # the app crashed: report it, go on with the rest
                    result.problems.append(f"the app failed: {type(error).__name__}: {error}")
                    continue
            result.problems = problems_in(svg, shot.expect(sample))
            target = out if not result.problems else failed_dir
            svg_path = target / f"{name}.svg"
            svg_path.write_text(svg, encoding="utf-8", newline="\n")
            if result.problems:
                result.kept_at = svg_path
                continue
            result.written.append(svg_path)
            if png and write_png(svg, out / f"{name}.png"):
                result.written.append(out / f"{name}.png")
    return outcomes


def report(outcomes: list[ShotResult]) -> int:
    """Print what happened; 1 when any shot failed."""
    failed = 0
    for result in outcomes:
        if result.skipped:
            print(f"skipped  {result.name}: {result.skipped}")
        elif result.problems:
            failed += 1
            print(f"FAILED   {result.name}:", file=sys.stderr)
            for problem in result.problems:
                print(f"         - {problem}", file=sys.stderr)
            if result.kept_at:
                print(f"         look at {result.kept_at}", file=sys.stderr)
        else:
            sizes = ", ".join(f"{p.name} {p.stat().st_size // 1024} KB" for p in result.written)
            print(f"ok       {result.name}: {sizes}")
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("names", nargs="*", metavar="NAME", help="only these shots")
    parser.add_argument("--out", type=Path, default=OUT, help=f"folder (default {OUT})")
    parser.add_argument("--no-png", action="store_true", help="write the SVGs only")
    parser.add_argument("--list", action="store_true", help="list the shots and stop")
    args = parser.parse_args(argv)
    if args.list:
        for shot in SHOTS.values():
            print(f"{shot.name:22} {shot.size[0]}x{shot.size[1]}  {' → '.join(shot.steps)}")
        return 0
    unknown = [name for name in args.names if name not in SHOTS]
    if unknown:
        parser.error(f"no shot called {', '.join(unknown)}; --list shows them")
    return report(take(args.names, args.out, png=not args.no_png))


if __name__ == "__main__":
    sys.exit(main())
