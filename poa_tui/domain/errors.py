"""Errors the domain layer raises; each carries a message fit to show a user as is."""

from __future__ import annotations

from pathlib import Path


class StoreError(Exception):
    """Base class: something about the data files stops the operation. Nothing was written."""


class CorruptFileError(StoreError):
    """A data file cannot be read. It is left untouched."""

    advice = ("The file was left exactly as it is; run `poa-tui doctor` to set it aside and "
              "rebuild, or restore it from a backup.")

    def __init__(self, path: Path, reason: str, case_id: int | None = None) -> None:
        self.path = Path(path)
        self.reason = reason
        self.case_id = case_id
        """The case the file holds, when it is a case file."""
        super().__init__(path, reason)

    def __str__(self) -> str:
        what = f"case {self.case_id} ({self.path})" if self.case_id is not None else self.path
        return f"Cannot read {what}: {self.reason}. {self.advice}"

    def for_case(self, case_id: int) -> CorruptFileError:
        """The same error, naming the case it is about."""
        self.case_id = case_id
        return self


class UnreadableFileError(CorruptFileError):
    """The system refused to read a file (permissions, an I/O error): its content may be fine,
    so doctor leaves it where it is."""

    advice = ("The file may well be intact: check its owner and permissions; "
              "`poa-tui doctor` leaves it alone.")


class NewerSchemaError(StoreError):
    def __init__(self, path: Path, found: int, supported: int) -> None:
        self.path = Path(path)
        super().__init__(
            f"{self.path} was written by a newer poa-tui (data version {found}; this one reads up "
            f"to {supported}). Upgrade poa-tui to open it; nothing was changed."
        )


class CaseNotFoundError(StoreError, KeyError):
    def __init__(self, case_id: int) -> None:
        self.case_id = case_id
        super().__init__(f"There is no case {case_id}.")

    def __str__(self) -> str:
        return str(self.args[0])


class ConflictError(StoreError):
    """The case changed on disk since it was loaded (another session or a CLI command wrote it)."""

    def __init__(self, case_id: int, expected: int, found: int) -> None:
        self.case_id = case_id
        self.expected = expected
        self.found = found
        super().__init__(
            f"Case {case_id} was changed elsewhere (revision {found}, this copy is {expected})."
        )


class WriteFailedError(StoreError):
    """The operating system refused a write (read-only folder, disk full...)."""

    def __init__(self, path: Path, error: OSError) -> None:
        self.path = Path(path)
        self.error = error
        super().__init__(f"Could not save {self.path}: {error.strerror or error}.")
