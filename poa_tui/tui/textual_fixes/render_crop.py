"""Redraw only the widgets a screen update can change.

When part of the screen changes (a keystroke in a section editor), Textual 8.2.8's compositor
asks every visible widget whose clipping area meets the changed region to render its lines.
A widget's clipping area is its container's, so on the editor screen that is nearly every
widget on it (the other two editors, the preview, the footer, the findings strip) although
none of them shares a cell with the change, and their lines are then thrown away. This module
tests the part of each widget that is actually on screen instead: its region within its
clip. What reaches the terminal is the same (`tests/test_render_crop.py` compares the two
byte for byte); a keystroke in the editor costs about a fifth less.

Upstream: no report of this was found. The nearest is Textualize/textual#4086 (open), on the
TextArea refreshing more of itself than an edit changes. In Textual 8.2.8 the test is in
`Compositor._get_renders` (textual/_compositor.py). Textual is pinned exactly, and
`tests/test_render_crop.py` fails if that method's source changes.
"""

from __future__ import annotations

from typing import Iterable

from textual._compositor import Compositor
from textual.geometry import Region
from textual.strip import Strip

ORIGINAL = Compositor._get_renders


def _get_renders(self: Compositor,
                 crop: Region | None = None) -> Iterable[tuple[Region, Region, list[Strip]]]:
    """`Compositor._get_renders` of Textual 8.2.8, with the crop tested against the part of
    each widget that is visible (its region within its clip) rather than its clip alone."""
    _rich_traceback_guard = True  # noqa: F841 (Textual's marker for shorter tracebacks)
    intersection = Region.intersection
    visible = self.visible_widgets.items()
    if crop:
        overlaps = crop.overlaps
        widget_regions = [(widget, region, clip) for widget, (region, clip) in visible
                          if overlaps(intersection(region, clip))]
    else:
        widget_regions = [(widget, region, clip) for widget, (region, clip) in visible]
    contains_region = Region.contains_region
    for widget, region, clip in widget_regions:
        if contains_region(clip, region):
            yield region, clip, widget.render_lines(Region(0, 0, region.width, region.height))
        else:
            x, y, width, height = intersection(region, clip)
            if width and height:
                yield region, clip, widget.render_lines(
                    Region(x - region.x, y - region.y, width, height))


def install() -> None:
    """Use `_get_renders` above for every screen (idempotent)."""
    Compositor._get_renders = _get_renders  # type: ignore[method-assign]
