"""The compositor's narrower crop (`render_crop`) sends the terminal exactly what Textual's own
does, for the editor screen's real widgets: each one changed alone, and mixed sets of them,
with the preview scrolled (blocks half out of view) and a notification over everything."""

from __future__ import annotations

import hashlib
import inspect
import random
from pathlib import Path

from editor_support import editor_app, long_sections, open_editor
from textual._compositor import Compositor

from poa_tui.domain.models import Case
from poa_tui.tui.textual_fixes import render_crop

TEXTUAL_8_2_8 = "8ac93299aa5d3bef43b3924a9d09741de8855d9c4823502bcf304fbd8fd40f17"


def test_the_replaced_method_is_still_textuals_8_2_8() -> None:
    """A different Textual may have changed (or fixed) the method: look at this module again."""
    source = inspect.getsource(render_crop.ORIGINAL)
    assert hashlib.sha256(source.encode()).hexdigest() == TEXTUAL_8_2_8


def _partial_update(app, compositor: Compositor, widgets: set, renders) -> str:
    Compositor._get_renders = renders
    try:
        for widget in widgets:  # what a repaint of the whole widget marks
            region, clip = compositor.visible_widgets[widget]
            compositor._dirty_regions.add(region.intersection(clip))
        update = compositor.render_partial_update()
        return "" if update is None else update.render_segments(app.console)
    finally:
        render_crop.install()


async def test_partial_updates_match_textuals_own(tmp_path: Path) -> None:
    case = Case(title="Long plan", sections=long_sections(1500))
    app = editor_app(tmp_path, case)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_editor(app, pilot)
        await pilot.press("f5")
        await screen.preview.settle()
        screen.preview.scroll_to(y=7, animate=False)
        app.notify("A note over the corner of the screen", timeout=30)
        await pilot.pause(0.3)
        compositor = screen._compositor
        widgets = list(compositor.visible_widgets)
        assert len(widgets) > 20
        clipped = [w for w, (region, clip) in compositor.visible_widgets.items()
                   if not clip.contains_region(region)]
        assert clipped, "the scrolled preview should leave some blocks partly out of view"
        rng = random.Random(8)
        changes = [{widget} for widget in widgets]
        changes += [set(rng.sample(widgets, rng.randint(2, 5))) for _ in range(60)]
        for changed in changes:
            theirs = _partial_update(app, compositor, changed, render_crop.ORIGINAL)
            ours = _partial_update(app, compositor, changed, render_crop._get_renders)
            assert ours == theirs, sorted(type(widget).__name__ for widget in changed)
        assert _partial_update(app, compositor, set(), render_crop.ORIGINAL) == ""
        whole = {}
        for name, renders in (("theirs", render_crop.ORIGINAL), ("ours", render_crop._get_renders)):
            Compositor._get_renders = renders
            whole[name] = [list(strip) for strip in compositor.render_strips()]
        render_crop.install()
        assert whole["ours"] == whole["theirs"]
