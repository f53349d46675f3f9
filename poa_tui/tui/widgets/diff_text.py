"""`DiffText`: one section's word diff, readable in colour, in 256 colours and in monochrome.

Added words are underlined on a green tint and removed words struck through on a red tint, in
the theme's own colours. Some terminals (and tmux without the right terminfo) drop strikethrough
and every monochrome terminal drops the tints, so `markers` adds a form that survives anything:
`[+added+]` and `[-removed-]` around the changed words, as `git diff --word-diff` writes them.

A section that was rewritten (see `diffing.REWRITTEN_BELOW`) is shown whole instead: the old
text as one block under its version's name, then the new one, each on its tint but neither
struck through nor underlined, so both read as ordinary paragraphs.
"""

from __future__ import annotations

from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Static

from poa_tui.domain.diffing import Chunk
from poa_tui.domain.textsafety import strip_controls
from poa_tui.tui.widgets.clock_badges import MUTED

ADDED_STYLE = "underline $text-success on $success-muted"
REMOVED_STYLE = "strike $text-error on $error-muted"
MARKERS = {"added": ("[+", "+]"), "removed": ("[-", "-]")}
UNCHANGED = "(no text in either version)"
BLOCK_STYLES = {"removed": ("bold $text-error", "on $error-muted"),
                "added": ("bold $text-success", "on $success-muted")}
"""A rewritten section's blocks: (the version's name, its text)."""
UNNAMED = ("Before", "After")


ABSORB_WORDS = 2
"""An unchanged run of this many words or fewer between two changes joins them."""


def readable_chunks(chunks: list[Chunk]) -> list[Chunk]:
    """Chunks regrouped so a rewritten passage reads as one removal and one addition.

    A word diff matches every shared "a", "the" or "and", which chops a rewritten sentence into
    alternating scraps. An unchanged run of at most `ABSORB_WORDS` words between two changes is
    folded into both sides of the change, and each change then shows all its removed words
    before all its added ones.
    """
    groups: list[list[Chunk]] = []  # runs of changes, and single unchanged chunks between them
    for chunk in chunks:
        changed = chunk.kind != "same"
        if changed and groups and groups[-1][0].kind != "same":
            groups[-1].append(chunk)
        else:
            groups.append([chunk])
    merged: list[list[Chunk]] = []
    index = 0
    while index < len(groups):
        group = groups[index]
        short_gap = (group[0].kind == "same" and len(group[0].text.split()) <= ABSORB_WORDS
                     and merged and merged[-1][0].kind != "same" and index + 1 < len(groups))
        if short_gap:
            same = group[0].text
            merged[-1] += [Chunk("removed", same), Chunk("added", same), *groups[index + 1]]
            index += 2
            continue
        merged.append(list(group))
        index += 1
    result: list[Chunk] = []
    for group in merged:
        if group[0].kind == "same":
            result.append(group[0])
            continue
        for kind in ("removed", "added"):
            text = "".join(chunk.text for chunk in group if chunk.kind == kind)
            if text:
                result.append(Chunk(kind, text))
    return result


def _split_space(text: str) -> tuple[str, str, str]:
    """`text` as (leading whitespace, words, trailing whitespace)."""
    core = text.strip()
    if not core:
        return text, "", ""
    start = text.index(core[0])
    return text[:start], core, text[start + len(core):]


def diff_content(chunks: list[Chunk], *, markers: bool = False) -> Content:
    """The chunks as one `Content`: same text plain, changes styled (and marked, if asked).

    Only the words of a change are styled, never the spaces or line breaks around them, so a
    changed word at the end of a line does not paint the rest of the line. A change that is only
    whitespace (a paragraph joined or split) shows the new layout and nothing struck through.
    """
    parts: list[Content] = []
    for index, chunk in enumerate(chunks):
        text = strip_controls(chunk.text)
        if chunk.kind == "same":
            parts.append(Content(text))
            continue
        before, words, after = _split_space(text)
        if not words:
            if chunk.kind == "added":
                parts.append(Content(text))
            continue
        style = ADDED_STYLE if chunk.kind == "added" else REMOVED_STYLE
        if markers:
            opening, closing = MARKERS[chunk.kind]
            words = f"{opening}{words}{closing}"
        parts.append(Content(before))
        parts.append(Content.styled(words, style))
        parts.append(Content(after))
        following = chunks[index + 1] if index + 1 < len(chunks) else None
        if (chunk.kind == "removed" and not after and following is not None
                and following.kind == "added" and not following.text[:1].isspace()):
            parts.append(Content(" "))  # "old" replaced by "new" reads "old new", not "oldnew"
    content = Content("").join(parts)
    return content.rstrip() if content.plain.strip() else Content(UNCHANGED)


def rewrite_content(chunks: list[Chunk], alike: float, names: tuple[str, str], *,
                    markers: bool = False) -> Content:
    """A rewritten section: how alike it is, then the removed and the added text, each whole.

    `chunks` holds the old text as removed and the new as added; `names` are the two versions'
    names ("Attempt 1", "Draft").
    """
    parts = [Content.styled(f"Rewritten: {alike:.0%} alike, so both versions are shown whole.",
                            MUTED)]
    for kind, name in zip(("removed", "added"), names):
        text = strip_controls("".join(c.text for c in chunks if c.kind == kind)).strip()
        if not text:
            continue
        if markers:
            opening, closing = MARKERS[kind]
            text = f"{opening}{text}{closing}"
        label, tint = BLOCK_STYLES[kind]
        parts.append(Content.assemble("\n", (f"{name} ({kind})", label), "\n",
                                      Content.styled(text, tint)))
    return Content("\n").join(parts)


class DiffText(Static):
    """The word diff of one section; `markers` switches the `[+ +]`/`[- -]` form on and off."""

    markers: reactive[bool] = reactive(False)
    """Write `[+added+]` and `[-removed-]` around changes as well as styling them."""

    def __init__(self, chunks: list[Chunk] | None = None, **kwargs: object) -> None:
        super().__init__("", **kwargs)  # type: ignore[arg-type]
        self.chunks: list[Chunk] = readable_chunks(list(chunks or []))
        """What is shown: the diff regrouped by `readable_chunks`."""
        self.rewritten: float | None = None
        """How alike a rewritten section's versions are (shown whole); None for a word diff."""
        self.names: tuple[str, str] = UNNAMED
        """The two versions' names, heading the blocks of a rewritten section."""

    def on_mount(self) -> None:
        self._render_chunks()

    def show(self, chunks: list[Chunk], *, rewritten: float | None = None,
             names: tuple[str, str] = UNNAMED) -> None:
        """Replace the diff shown (regrouped by `readable_chunks`), or a rewritten section.

        With `rewritten` (how alike the versions are) the removed and the added text are shown
        whole, under `names`, instead of word by word.
        """
        self.rewritten, self.names = rewritten, names
        self.chunks = list(chunks) if rewritten is not None else readable_chunks(list(chunks))
        self._render_chunks()

    def watch_markers(self) -> None:
        if self.is_mounted:
            self._render_chunks()

    def _render_chunks(self) -> None:
        if self.rewritten is not None:
            self.update(rewrite_content(self.chunks, self.rewritten, self.names,
                                        markers=self.markers))
        else:
            self.update(diff_content(self.chunks, markers=self.markers))
