"""Who may use planning: analysts, brokers and administrators plan; everyone signed in sees the calendar;
members see the programmes they take part in (as a participant, by e-mail, or as a partner organisation)."""

from __future__ import annotations

PLANNER_ROLES = ("analyst", "broker", "admin")


def can_plan(user) -> bool:
    return bool(user and user.is_authenticated and (user.is_superuser or user.role in PLANNER_ROLES))


def can_see_calendar(user) -> bool:
    return bool(user and user.is_authenticated)


def can_edit_calendar(user) -> bool:
    return can_plan(user)


def can_view_people(user) -> bool:
    """Participants' names are personal data: not for analysts (they see counts), as in the directory."""
    return bool(user and user.is_authenticated and user.role != "analyst")
