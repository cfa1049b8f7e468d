"""What an import found: row-level errors, notes, counts and a preview of the changes."""

from __future__ import annotations

from dataclasses import dataclass, field

MAX_LISTED = 500  # a report lists at most this many errors or preview lines; the counts stay exact


class FileError(ValueError):
    """The file as a whole cannot be read (empty, wrong encoding, too big, unknown columns...)."""


class ImportCancelled(Exception):  # noqa: N818 (a control-flow signal, not an error)
    """Raised by a progress callback to stop an import; everything is rolled back."""


@dataclass(frozen=True)
class RowError:
    """One problem: `row` as numbered in the file (the header is row 1; 0 for the whole file)."""

    row: int
    column: str
    message: str
    source: str = ""  # the file's name where an import reads several files (CORDIS)

    def as_dict(self) -> dict:
        return {"row": self.row, "column": self.column, "message": self.message, "source": self.source}


@dataclass(frozen=True)
class Change:
    """One record the import creates or updates (for the dry-run preview)."""

    row: int
    action: str  # "create" or "update"
    key: str
    label: str

    def as_dict(self) -> dict:
        return {"row": self.row, "action": self.action, "key": self.key, "label": self.label}


@dataclass
class ImportReport:
    """Counts and findings of one run; `ok` means no error, so a commit would save everything."""

    rows: int = 0
    created: int = 0
    updated: int = 0
    error_count: int = 0
    errors: list[RowError] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    committed: bool = False

    @property
    def ok(self) -> bool:
        return self.error_count == 0

    def error(self, row: int, column: str, message: str, source: str = "") -> None:
        self.error_count += 1
        if len(self.errors) < MAX_LISTED:
            self.errors.append(RowError(row, column, message, source))

    def change(self, row: int, action: str, key: str, label: str) -> None:
        if action == "create":
            self.created += 1
        else:
            self.updated += 1
        if len(self.changes) < MAX_LISTED:
            self.changes.append(Change(row, action, key, label))

    def note(self, message: str) -> None:
        if message not in self.notes:
            self.notes.append(message)
