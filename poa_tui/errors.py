"""Errors the domain layer raises; each carries a message fit to show a user as is."""

from __future__ import annotations

from pathlib import Path


class StoreError(Exception):
    """Base class: something about the data files stops the operation. Nothing was written."""


class CorruptFileError(StoreError):
    """A data file cannot be read. It is left untouched."""

    def __init__(self, path: Path, reason: str) -> None:
        self.path = Path(path)
        self.reason = reason
        super().__init__(
            f"Cannot read {self.path}: {reason}. The file was left exactly as it is; "
            f"run `poa-tui doctor` to set it aside and rebuild, or restore it from a backup."
        )


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
