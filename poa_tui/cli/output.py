"""The command line's one way out: everything a verb prints passes through `InertWriter`.

A case's title, seller, notice, sections and replies, and the names of files, can hold escape
sequences when they reached the store other than by typing (a restored zip, a case file edited
by hand). Printed as they are, `ESC ] 0 ; ... BEL` renames the terminal and `ESC ] 52 ; ...`
writes the clipboard. `main` runs every verb with standard output and standard error wrapped in
`InertWriter`, so `print`, `sys.stdout.write` and the error lines all show such characters as
visible placeholders (`textsafety.for_terminal`) whatever the verb.

Two outputs keep the user's exact text: JSON (`write_json` writes the risky characters as
`\\uXXXX` escapes, which read back as the same characters), and `export` to a file or a pipe
(`write_user_bytes`), since that text goes on to the appeal form. Exported to a terminal, it is
made inert like the rest.
"""

from __future__ import annotations

import io
import sys
from contextlib import contextmanager
from typing import Any, Iterator, TextIO

from poa_tui.cli.support import CliError
from poa_tui.domain.textsafety import for_terminal

__all__ = ["GuardedOutput", "InertWriter", "StdoutWriteError", "inert_streams", "write_user_bytes"]


class StdoutWriteError(CliError):
    """Standard output refused a write (a full disk, a device error); a closed pipe is not this."""

    def __init__(self, error: OSError) -> None:
        super().__init__(f"cannot write standard output: {error.strerror or error}")


class GuardedOutput:
    """Standard output whose write errors become `StdoutWriteError`, reported as one line.

    `BrokenPipeError` passes through: the reader went away, and the command stops quietly.
    """

    def __init__(self, stream: Any) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        try:
            try:
                return self.stream.write(text)
            except UnicodeEncodeError:
                # A lone surrogate: bytes of a path given on the command line that are not
                # UTF-8, or an escape in stored JSON. Shown as `\udcff`, not a traceback.
                encoding = self.stream.encoding or "utf-8"
                return self.stream.write(text.encode(encoding, "backslashreplace")
                                         .decode(encoding))
        except BrokenPipeError:
            raise
        except OSError as error:
            raise StdoutWriteError(error) from None

    def flush(self) -> None:
        try:
            self.stream.flush()
        except BrokenPipeError:
            raise
        except OSError as error:
            raise StdoutWriteError(error) from None

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)


class InertWriter(io.TextIOBase):
    """A text stream that passes what is written on to `stream`, made inert first."""

    def __init__(self, stream: TextIO) -> None:
        super().__init__()
        self.stream = stream
        """Where the text goes; `write_user_bytes` writes to it directly."""

    def write(self, text: str) -> int:
        self.stream.write(for_terminal(text))
        return len(text)

    def writelines(self, lines: object) -> None:
        for line in lines:  # type: ignore[attr-defined]
            self.write(line)

    def flush(self) -> None:
        self.stream.flush()

    def isatty(self) -> bool:
        return self.stream.isatty()

    def fileno(self) -> int:
        return self.stream.fileno()

    def writable(self) -> bool:
        return True

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return getattr(self.stream, "encoding", "utf-8")

    @property
    def errors(self) -> str | None:  # type: ignore[override]
        return getattr(self.stream, "errors", None)


def inert(stream: TextIO) -> TextIO:
    """`stream` wrapped in an `InertWriter`, unless it already is one."""
    return stream if isinstance(stream, InertWriter) else InertWriter(stream)  # type: ignore[return-value]


@contextmanager
def inert_streams() -> Iterator[None]:
    """Run the block with `sys.stdout` and `sys.stderr` wrapped in `InertWriter`."""
    stdout, stderr = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = inert(stdout), inert(stderr)
    try:
        yield
    finally:
        # What the block left in the wrappers is already in the streams underneath.
        sys.stdout, sys.stderr = stdout, stderr


def write_user_bytes(data: bytes) -> None:
    """Write an export (UTF-8 text or a document's bytes) to standard output: exactly as it is
    to a file or a pipe; text made inert when standard output is a terminal."""
    stdout = sys.stdout
    raw = stdout.stream if isinstance(stdout, InertWriter) else stdout
    if _is_terminal(raw):
        raw.write(for_terminal(data.decode("utf-8", errors="replace")))
        return
    raw.flush()
    try:
        raw.buffer.write(data)
        raw.buffer.flush()
    except BrokenPipeError:
        raise
    except OSError as error:
        raise StdoutWriteError(error) from None


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (OSError, ValueError):
        return False
