"""Nothing the app draws can drive the terminal: the one place text becomes terminal output.

Text from the store or a file (a case title from a restored zip, a reply in a hand-edited
case file) can hold escape sequences. Textual 8.2.8 draws every widget's text, in tables,
inputs, toasts, headers and the command palette alike, as it is: a title holding
`ESC ] 0 ; ... BEL` renamed the terminal, and `ESC ] 52 ; c ; ... BEL` wrote the user's clipboard
through tmux on every redraw.

Every line on the screen reaches the terminal through `Strip.render`, which turns a line's
segments into the characters written out, and caches them on the strip. The version installed
here first passes each segment's text (and a hyperlink's address) through
`textsafety.for_screen`: C0 and C1 controls, bidi embeddings, overrides and isolates go, which
Textual measured as zero cells wide, so the line keeps the width the layout gave it. The check
is one regex scan over the line's text, made once per strip because the result is cached: about
a microsecond for a line of the case list (`tests/test_draw_guard.py` measures it), so a
keystroke's redraw costs next to nothing more. Widgets that show stored text may also clean it
at the source (`textsafety.for_terminal`, with visible placeholders); this is the guarantee.

Textual is pinned exactly, and `tests/test_draw_guard.py` fails if the method this module
replaces changes.
"""

from __future__ import annotations

from rich.console import Console
from rich.segment import Segment
from textual.strip import Strip

from poa_tui.domain.textsafety import UNDRAWABLE, for_screen

ORIGINAL = Strip.render


def _needs_cleaning(segments: list[Segment]) -> bool:
    """Whether any text or hyperlink address in `segments` holds what `for_screen` removes."""
    joined = "".join([text if style is None or not style._link else text + style._link
                      for text, style, _ in segments])
    return UNDRAWABLE.search(joined) is not None


def _clean(segment: Segment) -> Segment:
    text, style, control = segment
    if control:
        return segment  # Textual's own cursor and mode controls, never user text
    if style is not None and style._link:
        style = style.update_link(for_screen(style._link))
    return Segment(for_screen(text), style)


def render(self: Strip, console: Console) -> str:
    """`Strip.render` of Textual 8.2.8, with the text made inert first (see the module)."""
    if self._render_cache is None:
        if _needs_cleaning(self._segments):
            clean = Strip([_clean(segment) for segment in self._segments], self._cell_length)
            self._render_cache = ORIGINAL(clean, console)
        else:
            ORIGINAL(self, console)
    return self._render_cache  # type: ignore[return-value]


def install() -> None:
    """Use `render` above for every strip Textual draws (idempotent)."""
    Strip.render = render  # type: ignore[method-assign]
