"""F1: what the current screen is for, and every key that works on it right now."""

from __future__ import annotations

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import ActiveBinding, Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Markdown, Static

NO_HELP = "There is no description for this screen yet; the keys below all work here."


class HelpScreen(ModalScreen[None]):
    """Shows `screen.HELP` (Markdown) and a table of the keys active on `screen`.

    The keys are read when help opens, as the keymap maps them, so a key moved in
    `settings.toml` shows where it really is. Closing returns to the screen with its focus.
    """

    DEFAULT_CSS = """
    HelpScreen {
        align: center middle;
        background: $background 60%;
    }
    HelpScreen > VerticalScroll {
        width: 88;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        border: thick $primary;
        border-title-align: left;
        border-subtitle-align: right;
        background: $surface;
        padding: 0 1;
    }
    HelpScreen Markdown {
        margin: 0;
        padding: 0;
        background: $surface;
    }
    HelpScreen #help-keys-title {
        text-style: bold;
        color: $text-primary;
        padding: 0 1;
    }
    HelpScreen #help-keys {
        padding: 1 1;
    }
    HelpScreen #help-footer {
        color: $text-muted;
        padding: 0 1 1 1;
    }
    """

    BINDINGS = [
        Binding("escape,f1,q", "close", "Close", id="help.close",
                tooltip="Close help and go back to where you were."),
    ]

    def __init__(self, screen: Screen) -> None:
        super().__init__()
        self.target = screen
        self.markdown = self.document(screen)
        self.rows = self.key_rows(screen.active_bindings.values())
        """(keys, what they do) for every binding active on `screen` when help opened."""

    def document(self, screen: Screen) -> str:
        """The help page for `screen`: its HELP text (Markdown)."""
        return str(getattr(screen, "HELP", "") or NO_HELP).strip()

    def key_table(self) -> Table:
        """The keys active on the screen, two columns, no rules between rows."""
        key_style = f"bold {self.app.get_css_variables()['text-accent']}"
        table = Table(box=None, show_header=False, padding=(0, 2, 0, 0), expand=False)
        table.add_column(style=key_style, no_wrap=True)
        table.add_column()
        for keys, does in self.rows:
            table.add_row(keys, does)
        return table

    def key_rows(self, active: object) -> list[tuple[str, str]]:
        """(keys, description) per binding, twin keys of one binding joined: "ctrl+p / f9"."""
        grouped: dict[tuple[str, str], list[str]] = {}
        for item in active:  # type: ignore[attr-defined]
            binding = item.binding if isinstance(item, ActiveBinding) else item
            if binding.system or not binding.id or not item.enabled:
                continue
            does = binding.tooltip or binding.description
            key = (binding.id, does)
            grouped.setdefault(key, []).append(self.app.get_key_display(binding))
        return [(" / ".join(keys), does) for (_, does), keys in grouped.items()]

    def compose(self) -> ComposeResult:
        with VerticalScroll() as scroll:
            scroll.border_title = f"Help: {self.target.title or self.app.title}"
            scroll.border_subtitle = "escape closes"
            yield Markdown(self.markdown)
            yield Static(Content("Keys on this screen"), id="help-keys-title")
            yield Static(self.key_table(), id="help-keys")
            where = getattr(self.app, "settings_path", "settings.toml")
            yield Static(Content(f"Any key above can be moved with a [keymap] table in {where}."),
                         id="help-footer")

    def action_close(self) -> None:
        self.dismiss(None)
