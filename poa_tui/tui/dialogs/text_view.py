"""A read-only view of a text (the final POA, what an attempt sent) to read, select and copy.

The fallback when the clipboard cannot be reached: the text sits in a plain read-only text area
that the keyboard can select (shift+arrows) and the terminal can select too (hold shift while
dragging in most terminals, since the app uses the mouse).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static, TextArea

from poa_tui.domain.textsafety import strip_controls
from poa_tui.tui.services import services


class TextViewScreen(ModalScreen[None]):
    """Shows `text` under `title`; `c` copies all of it, ctrl+c the selection."""

    DEFAULT_CSS = """
    TextViewScreen {
        align: center middle;
        background: $background 60%;
    }
    TextViewScreen > Vertical {
        width: 100;
        max-width: 100%;
        height: 100%;
        max-height: 48;
        border: thick $primary;
        border-title-align: left;
        border-title-style: bold;
        border-subtitle-align: right;
        border-subtitle-color: $text-muted;
        background: $surface;
    }
    TextViewScreen TextArea, TextViewScreen TextArea:focus {
        height: 1fr;
        border: none;
        padding: 0 1;
        background: $surface;
    }
    TextViewScreen #text-view-info {
        height: auto;
        color: $text-muted;
        padding: 0 1;
    }
    """

    HELP = """\
## Text

The text exactly as it will be pasted. Nothing here can be changed.

- **c** copies all of it; **ctrl+c** copies what you selected (shift with the arrow keys
  selects).
- If the clipboard does not reach your computer, hold **shift** and drag with the mouse to
  select with your terminal instead, or export the text to a file.
- **escape** closes.
"""

    BINDINGS = [
        Binding("escape,q", "close", "Close", id="text_view.close",
                tooltip="Close and go back."),
        Binding("c", "copy_all", "Copy all", id="text_view.copy_all",
                tooltip="Copy the whole text to the clipboard."),
        Binding("ctrl+c", "copy_selection", "Copy selection", id="text_view.copy_selection",
                priority=True, tooltip="Copy the selected text (all of it when none is)."),
    ]

    def __init__(self, title: str, text: str, *, what: str | None = None) -> None:
        super().__init__()
        self.heading = title
        self.text = strip_controls(text)
        self.what = what or title
        """How the copy notification names the text."""

    def compose(self) -> ComposeResult:
        with Vertical() as frame:
            frame.border_title = self.heading
            frame.border_subtitle = "c copy all · escape close"
            yield TextArea(self.text, read_only=True, soft_wrap=True, show_cursor=True,
                           id="text-view")
            words = len(self.text.split())
            yield Static(Content(f"{words:,} words · {len(self.text):,} characters"),
                         id="text-view-info")

    def on_mount(self) -> None:
        self.query_one(TextArea).focus()

    def action_close(self) -> None:
        self.dismiss(None)

    def action_copy_all(self) -> None:
        services(self).copy_text(self.text, self.what)

    def action_copy_selection(self) -> None:
        selected = self.query_one(TextArea).selected_text
        if selected:
            services(self).copy_text(selected, f"selection from {self.what}")
        else:
            self.action_copy_all()
