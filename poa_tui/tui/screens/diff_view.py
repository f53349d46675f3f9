"""Compare two versions of the plan, section by section: any two attempts, or one and the draft.

Seeing exactly what changed since the attempt Amazon turned down is how a seller checks that the
new plan answers the reply, and does not just reword the old one.
"""

from __future__ import annotations

from typing import Iterable, Literal, Union

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Static

from poa_tui.domain.diffing import REWRITTEN_BELOW, SectionDiff, diff_sections, similarity
from poa_tui.domain.models import Case, Sections
from poa_tui.domain.vocab import SECTIONS, Section
from poa_tui.tui.commands import PaletteCommand
from poa_tui.tui.widgets.clock_badges import MUTED
from poa_tui.tui.widgets.diff_text import DiffText
from poa_tui.tui.widgets.key_footer import KeyFooter
from poa_tui.tui.widgets.timeline import outcome_style

Version = Union[int, Literal["draft"]]
"""An attempt number, or "draft" for the text being written now."""
DRAFT: Literal["draft"] = "draft"
SECTION_KEYS = {Section.ROOT_CAUSE: "f2", Section.IMMEDIATE_REMEDY: "f3",
                Section.SYSTEMATIC_CHANGES: "f4"}


def versions(case: Case) -> list[Version]:
    """Every version there is to compare, oldest first: the attempts, then the draft."""
    return [attempt.number for attempt in case.submissions] + [DRAFT]


def version_name(version: Version) -> str:
    return "the draft" if version == DRAFT else f"attempt {version}"


def version_title(version: Version) -> str:
    return "Draft" if version == DRAFT else f"Attempt {version}"


def version_story(case: Case, version: Version) -> Content:
    """When the version went and what Amazon said of it: "sent 2025-03-03 via Email · Denied"."""
    if version == DRAFT:
        return Content.styled("being written, not sent", MUTED)
    attempt = case.submission(version)
    sent = attempt.submitted_at.astimezone().strftime("%Y-%m-%d")
    parts = [Content(f"sent {sent} via {attempt.channel.label}")]
    if attempt.reply is None:
        parts.append(Content.styled("no reply yet", MUTED))
    else:
        outcome = attempt.reply.outcome
        parts.append(Content.styled(outcome.label, outcome_style(outcome)))
    return Content.styled(" · ", MUTED).join(parts)


def counts_text(diff: SectionDiff) -> str:
    """"+12 −4 words", "rewritten · +80 −35 words", or "no change"."""
    if not diff.changed:
        return "no change"
    added, removed = diff.added_removed
    counted = f"+{added} −{removed} words"
    return counted if diff.rewritten is None else f"rewritten · {counted}"


def step(order: list[Version], current: Version, by: int, skip: Version | None = None) -> Version:
    """The version `by` places from `current` in `order`, wrapping, never landing on `skip`."""
    index = order.index(current) if current in order else 0
    for _ in range(len(order)):
        index = (index + by) % len(order)
        if order[index] != skip:
            return order[index]
    return current


class DiffScreen(Screen[None]):
    """The word differences between versions `left` and `right` of `case`'s plan."""

    HELP = f"""\
## Compare versions

What changed between two versions of the plan, one section at a time. Words that were added
are underlined and green; words that were taken out are struck through and red. Each section's
border counts them, for example "+12 −4 words".

When the two versions of a section have less than {REWRITTEN_BELOW:.0%} of their words in common,
matching single words would only scatter small changes through unrelated sentences. Such a
section says "Rewritten" and shows the older text whole, then the newer text whole.

- **[** and **]** step through the versions in order: attempt 1 against attempt 2, attempt 2
  against the draft, and so on.
- **f** changes the older side (from), **t** the newer side (to); **s** swaps them.
- **m** also writes the changes as `[+added+]` and `[-removed-]`, for terminals that show
  neither colour nor strikethrough (on from the start when `NO_COLOR` is set). **u** shows or
  hides the text of unchanged sections.
- **F2**, **F3**, **F4** jump to Root Cause, Immediate Remedy, Systematic Changes.

If the newer text is nearly the same as an attempt Amazon turned down, it will most likely get
the same answer: change what the reply asked about, not just the wording.
"""

    BINDINGS = [
        Binding("left_square_bracket", "pair(-1)", "Older pair", id="diff.previous_pair",
                tooltip="Compare the previous two versions in order."),
        Binding("right_square_bracket", "pair(1)", "Newer pair", id="diff.next_pair",
                tooltip="Compare the next two versions in order."),
        Binding("f", "cycle('left')", "From", id="diff.from",
                tooltip="Choose the older side: the next attempt, or the draft."),
        Binding("t", "cycle('right')", "To", id="diff.to",
                tooltip="Choose the newer side: the next attempt, or the draft."),
        Binding("s", "swap", "Swap", id="diff.swap", show=False,
                tooltip="Swap the two sides."),
        Binding("m", "toggle_markers", "Markers", id="diff.markers",
                tooltip="Also write changes as [+added+] and [-removed-]."),
        Binding("u", "toggle_unchanged", "Unchanged", id="diff.unchanged", show=False,
                tooltip="Show or hide the text of sections that did not change."),
        *(Binding(key, f"jump('{section.value}')", section.label, id=f"diff.{section.value}",
                  show=False, tooltip=f"Jump to the {section.label} section.")
          for section, key in SECTION_KEYS.items()),
        Binding("escape", "close", "Back", id="diff.close", tooltip="Close the comparison."),
    ]

    markers: reactive[bool] = reactive(False)
    show_unchanged: reactive[bool] = reactive(False)

    def __init__(self, case: Case, left: Version, right: Version, *,
                 draft: Sections | None = None) -> None:
        super().__init__()
        self.case = case
        self.draft = draft if draft is not None else case.sections
        """The draft as it is on screen (the editor passes its unsaved text)."""
        self.order = versions(case)
        for version in (left, right):
            if version not in self.order:
                raise ValueError(f"Case {case.id} has no {version_name(version)}.")
        self.left: Version = left
        self.right: Version = right
        self.diffs: list[SectionDiff] = []

    def sections_of(self, version: Version) -> Sections:
        return self.draft if version == DRAFT else self.case.submission(version).sections

    def compose(self) -> ComposeResult:
        yield Static("", id="diff-heading")
        yield Static("", id="diff-versions")
        with VerticalScroll(id="diff-body"):
            for section in SECTIONS:
                with Vertical(id=f"diff-{section.value}", classes="pane diff-section") as pane:
                    pane.border_title = section.label
                    yield DiffText(id=f"diff-text-{section.value}")
        yield Static("", id="diff-legend")
        yield KeyFooter(compact=True)

    def on_mount(self) -> None:
        if getattr(self.app, "no_color", False):
            # NO_COLOR: the tints are gone, so spell the changes out from the start.
            self.set_reactive(DiffScreen.markers, True)
        self.compare(self.left, self.right)
        self.query_one("#diff-body").focus()

    # -- showing -------------------------------------------------------------------------------

    def compare(self, left: Version, right: Version) -> None:
        """Show the differences from `left` to `right`."""
        self.left, self.right = left, right
        old, new = self.sections_of(left), self.sections_of(right)
        self.diffs = diff_sections(old, new)
        added = sum(d.added_removed[0] for d in self.diffs)
        removed = sum(d.added_removed[1] for d in self.diffs)
        alike = similarity(old, new)
        title = f"{version_title(left)} → {version_title(right)}"
        summary = (f"{alike:.0%} alike · +{added} −{removed} words" if added or removed
                   else "word for word the same")
        self.query_one("#diff-heading", Static).update(Content.assemble(
            (title, "bold"), ("  ·  ", MUTED), summary))
        self.query_one("#diff-versions", Static).update(Content("\n").join([
            Content.assemble(("from ", MUTED), (f"{version_title(left):<10}", "bold"), " ",
                             version_story(self.case, left)),
            Content.assemble(("to   ", MUTED), (f"{version_title(right):<10}", "bold"), " ",
                             version_story(self.case, right)),
        ]))
        self.title = f"Case {self.case.id}: compare versions"
        self.sub_title = f"{title}, {summary}"
        for diff in self.diffs:
            self._show_section(diff)
        self._show_legend()

    def _show_section(self, diff: SectionDiff) -> None:
        pane = self.query_one(f"#diff-{diff.section.value}")
        pane.border_subtitle = counts_text(diff)
        pane.set_class(not diff.changed, "-unchanged")
        text = self.query_one(f"#diff-text-{diff.section.value}", DiffText)
        text.markers = self.markers
        if diff.changed or self.show_unchanged:
            text.show(diff.chunks, rewritten=diff.rewritten,
                      names=(version_title(self.left), version_title(self.right)))
        else:
            words = sum(len(chunk.text.split()) for chunk in diff.chunks)
            text.update(Content.styled(
                f"Word for word the same in both ({words} words). Press u to show it.", MUTED))

    def _show_legend(self) -> None:
        marks = "on" if self.markers else "off"
        self.query_one("#diff-legend", Static).update(Content.assemble(
            ("added", "underline $text-success on $success-muted"), " ",
            ("[+like this+]", "$text-success") if self.markers else "",
            ("  ·  ", MUTED),
            ("removed", "strike $text-error on $error-muted"), " ",
            ("[-like this-]", "$text-error") if self.markers else "",
            ("  ·  ", MUTED), (f"m markers {marks} · [ ] step · f t choose", MUTED),
        ))

    def watch_markers(self) -> None:
        if self.is_mounted:
            self.compare(self.left, self.right)

    def watch_show_unchanged(self) -> None:
        if self.is_mounted:
            self.compare(self.left, self.right)

    # -- actions -------------------------------------------------------------------------------

    def action_pair(self, by: int) -> None:
        """Step to the neighbouring pair of consecutive versions."""
        start = self.order.index(self.left) + by if self.left in self.order else 0
        start = max(0, min(start, len(self.order) - 2))
        pair = (self.order[start], self.order[start + 1])
        if pair == (self.left, self.right):
            edge = "oldest" if by < 0 else "newest"
            self.notify(f"This is already the {edge} pair.", timeout=3)
            return
        self.compare(*pair)

    def action_cycle(self, side: str) -> None:
        if side == "left":
            self.compare(step(self.order, self.left, 1, skip=self.right), self.right)
        else:
            self.compare(self.left, step(self.order, self.right, 1, skip=self.left))

    def action_swap(self) -> None:
        self.compare(self.right, self.left)

    def action_toggle_markers(self) -> None:
        self.markers = not self.markers

    def action_toggle_unchanged(self) -> None:
        self.show_unchanged = not self.show_unchanged

    def action_jump(self, section: str) -> None:
        pane = self.query_one(f"#diff-{section}")
        self.query_one("#diff-body", VerticalScroll).scroll_to_widget(pane, animate=False,
                                                                      top=True)

    def action_close(self) -> None:
        self.dismiss(None)

    def palette_commands(self) -> Iterable[PaletteCommand]:
        yield PaletteCommand("diff: Older pair", "Compare the previous two versions ([)",
                             lambda: self.action_pair(-1))
        yield PaletteCommand("diff: Newer pair", "Compare the next two versions (])",
                             lambda: self.action_pair(1))
        for version in self.order:
            if version not in (self.left, self.right):
                yield PaletteCommand(f"diff: From {version_name(version)}",
                                     f"Compare {version_name(version)} with "
                                     f"{version_name(self.right)}",
                                     lambda v=version: self.compare(v, self.right))
                yield PaletteCommand(f"diff: To {version_name(version)}",
                                     f"Compare {version_name(self.left)} with "
                                     f"{version_name(version)}",
                                     lambda v=version: self.compare(self.left, v))
        yield PaletteCommand("diff: Swap sides", "Older becomes newer and back (s)",
                             self.action_swap)
        yield PaletteCommand("diff: " + ("Hide" if self.markers else "Show") + " markers",
                             "Write changes as [+added+] and [-removed-] too (m)",
                             self.action_toggle_markers)
        yield PaletteCommand("diff: " + ("Hide" if self.show_unchanged else "Show")
                             + " unchanged sections", "Their text, word for word (u)",
                             self.action_toggle_unchanged)
        yield PaletteCommand("diff: Close", "Back to where you were (escape)", self.action_close)
