"""`KeyFooter`: Textual's footer, without keeping the keys it has thrown away.

Textual 8.2.8's `Footer` builds its keys anew whenever the screen's bindings change (a screen
returns, focus moves between widgets with their own keys). Each key binds the footer's
`compact` setting, and that watch stays on the footer after the key is gone, until `compact`
changes, which it never does: a few dozen widgets kept in memory for each case opened and
closed, and more with every change of focus. After each rebuild the watches of closed keys are
dropped (`closed_watchers`).
"""

from __future__ import annotations

from textual.widgets import Footer

from poa_tui.tui.textual_fixes import closed_watchers


class KeyFooter(Footer):
    async def recompose(self) -> None:
        await super().recompose()
        closed_watchers.prune(self)
