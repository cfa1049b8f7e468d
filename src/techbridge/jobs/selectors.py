"""Reads of the job system: the jobs a person may see, one job by id."""

from __future__ import annotations

import uuid

from django.db.models import QuerySet
from django.http import Http404

from techbridge.jobs import rules
from techbridge.jobs.models import Job


def job_list(*, viewer, state: str = "", kind: str = "") -> QuerySet[Job]:
    """The viewer's own jobs, newest first; administrators see everyone's."""
    qs = Job.objects.select_related("created_by")
    if not rules.is_admin(viewer):
        qs = qs.filter(created_by_id=viewer.pk) if viewer and viewer.is_authenticated else qs.none()
    if state:
        qs = qs.filter(state=state)
    if kind:
        qs = qs.filter(kind=kind)
    return qs.order_by("-created_at")


def job_get(*, job_id, viewer) -> Job:
    """One job the viewer may see; 404 otherwise (never reveals that someone else's job exists)."""
    try:
        job_id = uuid.UUID(str(job_id))
    except ValueError:
        raise Http404("No such job.") from None
    job = Job.objects.select_related("created_by").filter(pk=job_id).first()
    if job is None or not rules.can_view(viewer, job):
        raise Http404("No such job.")
    return job
