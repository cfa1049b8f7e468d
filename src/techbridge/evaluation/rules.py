"""Who may do what in the evaluation area (aggregate statistics only: no personal data here).

Analysts, brokers and administrators build frameworks, upload data and run the index. Members and
evaluators see published runs' results only; everyone else nothing.
"""

from __future__ import annotations

EDITOR_ROLES = ("analyst", "broker", "admin")
VIEWER_ROLES = ("member", "evaluator")


def can_edit(user) -> bool:
    """Create frameworks, upload data, start and publish runs."""
    return bool(user.is_authenticated and (user.is_superuser or user.role in EDITOR_ROLES))


def can_view_published(user) -> bool:
    return bool(user.is_authenticated and (can_edit(user) or user.role in VIEWER_ROLES))


def can_view_run(user, run) -> bool:
    return can_edit(user) or (can_view_published(user) and run.published and run.state == "done")
