"""F1: what the current screen is for, and every key that works on it right now."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import ActiveBinding, Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.keys import format_key
from textual.screen import ModalScreen, Screen
from textual.widgets import Markdown, Static

NO_HELP = "There is no description for this screen yet; the keys below all work here."

KEY_NAMES = {
    "escape": "escape", "enter": "enter", "space": "space", "tab": "tab",
    "backspace": "backspace", "delete": "delete", "insert": "insert",
    "up": "up", "down": "down", "left": "left", "right": "right",
    "home": "home", "end": "end", "pageup": "pgup", "pagedown": "pgdn",
}
"""Keys named the way the help texts write them (Textual's own display uses ⏎, esc, ↑, del)."""

MOVEMENT = {"up", "down", "left", "right", "home", "end", "pageup", "pagedown"}


def key_label(key: str) -> str:
    """One key as the help texts write it: "F6", "ctrl+s", "shift+F8", "escape", "/", "["."""
    *modifiers, base = key.split("+")
    if re.fullmatch(r"f\d{1,2}", base):
        name = base.upper()
    elif base in KEY_NAMES:
        name = KEY_NAMES[base]
    else:
        name = format_key(base)  # "slash" is "/", "left_square_bracket" is "["
    return "+".join([*modifiers, name])


def key_rank(key: str, action: str) -> tuple[int, int, int]:
    """Where a binding's row goes: F-keys by number, then ctrl combos, then letters and other
    keys, then movement keys, then escape, and quitting last. Rows of one rank keep their order."""
    *modifiers, base = key.split("+")
    if action.rpartition(".")[2] == "quit":
        return (5, 0, 0)
    if key == "escape":
        return (4, 0, 0)
    if re.fullmatch(r"f\d{1,2}", base) and set(modifiers) <= {"shift"}:
        return (0, int(base[1:]), len(modifiers))
    if base in MOVEMENT:
        return (3, 0, 0)
    if set(modifiers) - {"shift"}:
        return (1, 0, 0)
    return (2, 0, 0)


def key_rows(active: Iterable[ActiveBinding | Binding]) -> list[tuple[str, str]]:
    """(keys, description) per binding with an id, twin keys of one binding joined
    ("ctrl+p / F9"), in `key_rank` order."""
    grouped: dict[tuple[str, str], list[str]] = {}
    rank: dict[tuple[str, str], tuple[int, int, int]] = {}
    for item in active:
        binding = item.binding if isinstance(item, ActiveBinding) else item
        enabled = item.enabled if isinstance(item, ActiveBinding) else True
        if binding.system or not binding.id or not enabled:
            continue
        does = binding.tooltip or binding.description
        group = (binding.id, does)
        keys = grouped.setdefault(group, [])
        rank.setdefault(group, key_rank(binding.key, binding.action))
        label = key_label(binding.key)
        if label not in keys:
            keys.append(label)
    order = sorted(grouped, key=rank.__getitem__)
    return [(" / ".join(grouped[group]), group[1]) for group in order]


@dataclass(frozen=True)
class HelpPage:
    """A screen's HELP text in three parts: the heading, the opening, and the rest."""

    heading: str
    """The text of the leading "## " line, or "" when there is none."""
    intro: str
    """The first paragraph (with the list it introduces, when it ends with a colon)."""
    details: str
    """Everything after the intro."""

    @classmethod
    def of(cls, text: str) -> HelpPage:
        lines = text.strip().splitlines()
        heading = ""
        if lines and lines[0].startswith("## "):
            heading, lines = lines[0][3:].strip(), lines[1:]
        blocks = [block for block in re.split(r"\n[ \t]*\n", "\n".join(lines).strip()) if block]
        if not blocks:
            return cls(heading, NO_HELP, "")
        take = 2 if len(blocks) > 1 and blocks[0].rstrip().endswith(":") else 1
        return cls(heading, "\n\n".join(blocks[:take]), "\n\n".join(blocks[take:]))


class HelpScreen(ModalScreen[None]):
    """Shows a short opening of `screen.HELP` (Markdown), the keys active on `screen`, then
    the rest of the text.

    The keys are read when help opens, as the keymap maps them, so a key moved in
    `settings.toml` shows where it really is. Closing returns to the screen with its focus.
    """

    DEFAULT_CSS = """
    HelpScreen {
        align: center middle;
        background: $background 60%;
    }
    HelpScreen > #help-frame {
        width: 88;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        border: thick $primary;
        border-title-align: left;
        border-title-style: bold;
        border-subtitle-align: right;
        background: $surface;
        padding: 0 1;
    }
    HelpScreen Markdown {
        margin: 0;
        padding: 0;
        background: $surface;
    }
    HelpScreen .help-title {
        text-style: bold;
        color: $text-primary;
    }
    HelpScreen #help-keys {
        padding: 0 0 1 0;
    }
    HelpScreen #help-footer {
        color: $text-muted;
        padding: 0 0 1 0;
    }
    HelpScreen #help-details > *:last-child {
        margin-bottom: 0;
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
        """The screen's whole help text, as written."""
        self.page = HelpPage.of(self.markdown)
        self.rows = key_rows(screen.active_bindings.values())
        """(keys, what they do) for every binding active on `screen` when help opened."""

    def document(self, screen: Screen) -> str:
        """The help page for `screen`: its HELP text (Markdown)."""
        return str(getattr(screen, "HELP", "") or NO_HELP).strip()

    @property
    def heading(self) -> str:
        """What the frame names: a dialog's own heading ("New case"), else the page's heading,
        else the screen's title."""
        own = getattr(self.target, "heading", None)
        if isinstance(own, str) and own:
            return own
        return self.page.heading or self.target.title or self.app.title

    def key_table(self) -> Table:
        """The keys active on the screen, two columns, no rules between rows."""
        key_style = f"bold {self.app.get_css_variables()['text-accent']}"
        table = Table(box=None, show_header=False, padding=(0, 2, 0, 0), expand=False)
        table.add_column(style=key_style, no_wrap=True)
        table.add_column()
        for keys, does in self.rows:
            table.add_row(keys, does)
        return table

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-frame") as frame:
            frame.border_title = f"Help: {self.heading}"
            frame.border_subtitle = "escape closes"
            yield Markdown(self.page.intro, id="help-intro")
            yield Static(Content("Keys on this screen"), classes="help-title")
            yield Static(self.key_table(), id="help-keys")
            where = getattr(self.app, "settings_path", "settings.toml")
            yield Static(Content(f"Any of these keys can be moved with a [keymap] table in "
                                 f"{where}."), id="help-footer")
            if self.page.details:
                yield Static(Content("More about this screen"), classes="help-title")
                yield Markdown(self.page.details, id="help-details")

    def action_close(self) -> None:
        self.dismiss(None)
