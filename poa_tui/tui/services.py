"""What screens and widgets use of the app, typed: `services(self).store` where `self.app`
would need a `type: ignore` (Textual types `app` as any `App`).

A protocol, so that no screen imports `PoaApp` (which imports the screens)."""

from __future__ import annotations

from datetime import date
from typing import Protocol, cast

from textual.dom import DOMNode

from poa_tui.storage.store import CaseStore
from poa_tui.system.settings import Settings


class AppServices(Protocol):
    """The parts of `PoaApp` its screens and widgets rely on."""

    store: CaseStore
    settings: Settings

    def copy_text(self, text: str, what: str) -> object: ...
    def today(self) -> date: ...


def services(node: DOMNode) -> AppServices:
    """`node`'s app, as the screens know it."""
    return cast(AppServices, node.app)
