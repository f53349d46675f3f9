"""The command palette: commands that fit where the user is, with namespaced titles.

The provider asks the active screen, then the app, for `palette_commands()` and shows only
those, so "copy: Root Cause only" appears in the editor and never on the case list. A screen
that offers nothing returns an empty list (or has no such method).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Iterable

from textual.command import DiscoveryHit, Hit, Hits, Provider


@dataclass(frozen=True)
class PaletteCommand:
    """One palette entry: "namespace: Verb" title, one line of help, what to run."""

    title: str
    help: str
    callback: Callable[[], Any]


def commands_for(owner: object) -> list[PaletteCommand]:
    """What `owner` (a screen or the app) offers; nothing when it has no `palette_commands`."""
    offer = getattr(owner, "palette_commands", None)
    return list(offer()) if callable(offer) else []


class PoaCommands(Provider):
    """Palette provider over the active screen's and the app's `palette_commands()`."""

    def _commands(self) -> Iterable[PaletteCommand]:
        yield from commands_for(self.screen)
        yield from commands_for(self.app)

    async def discover(self) -> Hits:
        for command in self._commands():
            yield DiscoveryHit(command.title, command.callback, help=command.help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command in self._commands():
            score = matcher.match(command.title)
            if score > 0:
                yield Hit(score, matcher.highlight(command.title), command.callback,
                          text=command.title, help=command.help)
