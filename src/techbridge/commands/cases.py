"""`techbridge cases ...` (reminders for overdue cases)."""

from techbridge.cases.cli import register  # noqa: F401
