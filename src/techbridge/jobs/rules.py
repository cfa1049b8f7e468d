"""Who may see and cancel a job: the person who started it, and administrators (all jobs)."""

from __future__ import annotations


def is_admin(user) -> bool:
    return bool(
        user and user.is_authenticated and (user.is_superuser or getattr(user, "role", "") == "admin")
    )


def can_view(user, job) -> bool:
    if not (user and user.is_authenticated):
        return False
    return is_admin(user) or (job.created_by_id is not None and job.created_by_id == user.pk)


def can_cancel(user, job) -> bool:
    return can_view(user, job) and job.is_active
