"""A small host app for the writing-help components, tested before (and apart from) the editor.

`HostApp` carries what the components need from `PoaApp` (`store`, `settings`, the stylesheets)
and nothing else, so a failure here points at the component, not at the screens around it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from textual.app import App, ComposeResult
from textual.screen import Screen
from textual.widget import Widget

from poa_tui.domain.models import Case, Notice, Sections
from poa_tui.domain.vocab import ViolationType
from poa_tui.storage.store import CaseStore
from poa_tui.tui.resources import stylesheets


@dataclass
class HostSettings:
    soft_limit_words: int = 500
    keymap: dict[str, str] = field(default_factory=dict)


class HostApp(App[Any]):
    """Mounts `widgets` on a plain screen, or pushes `screen` at start and keeps its result."""

    CSS_PATH = stylesheets()

    def __init__(self, store: CaseStore | None = None, *,
                 widgets: Callable[[], list[Widget]] | None = None,
                 screen: Callable[[], Screen[Any]] | None = None) -> None:
        super().__init__()
        self.store = store
        self.settings = HostSettings()
        self._widgets = widgets
        self._screen = screen
        self.results: list[Any] = []
        """What each pushed screen dismissed with."""
        self.messages: list[Any] = []

    def compose(self) -> ComposeResult:
        if self._widgets is not None:
            yield from self._widgets()

    def on_findings_panel_selected(self, event: Any) -> None:
        self.messages.append(event)

    def on_mount(self) -> None:
        if self._screen is not None:
            self.push_screen(self._screen(), self.results.append)


def drafted_case(**changes: Any) -> Case:
    """An inauthentic-goods case with a draft that trips a few checks in known places."""
    case = Case(
        title="Acme blender: inauthentic complaint",
        marketplace="amazon.com",
        violation_type=ViolationType.INAUTHENTIC,
        notice=Notice(text="Your account has been deactivated.", asins=["B07XJ8C8F5"]),
        sections=Sections(
            # The supplier and the invoice date are named, as an authenticity plan must.
            root_cause=("We bought 40 units from Bayline Wholesale on invoices dated 3 March.\n"
                        "The buyer lied about the product. [insert ASIN]"),
            immediate_remedy="We will do better.",
            systematic_changes="",
        ),
    )
    for name, value in changes.items():
        setattr(case, name, value)
    return case


def store_with(tmp_path: Path, case: Case | None = None) -> tuple[CaseStore, Case]:
    store = CaseStore(tmp_path / "store")
    created = store.create(case or drafted_case())
    return store, created
