"""One evidence checklist item as a list row: "[✓] ", the label, and the note under it.

`ChecklistRow` is a Textual `Visual`, so an `OptionList` can measure and draw it at any width:
a wrapped label or note hangs under the label instead of running under the box, and muted
text is faded from the row's own colours, so it reads on the highlighted row as on the rest.
"""

from __future__ import annotations

from textual.color import Color
from textual.content import Content
from textual.css.styles import RulesMap
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual

from poa_tui.domain.models import EvidenceItem


def contrast(one: Color, other: Color) -> float:
    """The WCAG contrast ratio of two colours: 1 (none) to 21 (black on white)."""
    def luminance(colour: Color) -> float:
        channels = [value / 255 for value in colour.rgb]
        red, green, blue = [value / 12.92 if value <= 0.03928 else
                            ((value + 0.055) / 1.055) ** 2.4 for value in channels]
        return 0.2126 * red + 0.7152 * green + 0.0722 * blue
    light, dark = sorted((luminance(one), luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


class ChecklistRow(Visual):
    """An item's row. Muted are the box of an open item, the label of a ticked one, and the
    note (also in italics)."""

    GUTTER = 4
    """Cells for "[✓] "."""
    FADES = (0.35, 0.25, 0.15, 0.0)
    """How far muted text may move from the row's colour towards its background, most first."""
    LEGIBLE = 4.5
    """The contrast (WCAG ratio) muted text keeps with its background."""

    def __init__(self, item: EvidenceItem) -> None:
        self.done = item.done
        self.label = Content(item.label)
        self.note = Content(item.note)

    def __str__(self) -> str:
        note = f"\n{self.note.plain}" if self.note else ""
        return f"{'[✓]' if self.done else '[ ]'} {self.label.plain}{note}"

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return self.GUTTER + max(self.label.get_optimal_width(rules, container_width),
                                 self.note.get_optimal_width(rules, container_width))

    def get_minimal_width(self, rules: RulesMap) -> int:
        return self.GUTTER + max(self.label.get_minimal_width(rules),
                                 self.note.get_minimal_width(rules))

    def get_height(self, rules: RulesMap, width: int) -> int:
        width = max(width - self.GUTTER, 1)
        return self.label.get_height(rules, width) + (
            self.note.get_height(rules, width) if self.note else 0)

    @classmethod
    def faded(cls, style: Style) -> Style:
        """`style` with its text colour moved towards its background, as far as stays legible:
        well on a plain row, not at all on a highlight that has no contrast to spare."""
        text, back = style.rich_style.color, style.rich_style.bgcolor
        if text is None or back is None or text.triplet is None or back.triplet is None:
            return style + Style(dim=True, bold=False)  # ANSI colours: let the terminal fade it
        text_colour, back_colour = Color.from_rich_color(text), Color.from_rich_color(back)
        for fade in cls.FADES:
            colour = text_colour.blend(back_colour, fade)
            if contrast(colour, back_colour) >= cls.LEGIBLE:
                break
        return style + Style(foreground=colour, bold=False)

    def render_strips(self, width: int, height: int | None, style: Style,
                      options: RenderOptions) -> list[Strip]:
        text_width = max(width - self.GUTTER, 1)
        muted = self.faded(style)
        lines = self.label.render_strips(text_width, None, muted if self.done else style, options)
        if self.note:
            lines += self.note.render_strips(text_width, None, muted + Style(italic=True),
                                             options)
        box = (Content.styled("[✓]", "bold $text-success").render_strips(3, 1, style, options)
               if self.done else Content("[ ]").render_strips(3, 1, muted, options))
        gutter = Strip.join(box).extend_cell_length(self.GUTTER, style.rich_style)
        blank = Strip.blank(self.GUTTER, style.rich_style)
        rows = [Strip.join([gutter if row == 0 else blank, line])
                for row, line in enumerate(lines)]
        return rows if height is None else rows[:height]
