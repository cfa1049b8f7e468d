"""API of the job system: list the caller's jobs (administrators: all), read one, cancel one."""

from __future__ import annotations

import datetime as dt
import uuid

from django.core.exceptions import ValidationError
from ninja import Router, Schema
from ninja.pagination import PageNumberPagination, paginate

from techbridge.jobs import selectors, services
from techbridge.jobs.models import JobState

router = Router(tags=["jobs"])


class JobOut(Schema):
    id: uuid.UUID
    kind: str
    title: str
    state: str
    progress: float
    message: str
    result: dict | list | str | int | float | bool | None
    result_url: str
    error: str
    created_by: str | None
    created_at: dt.datetime
    started_at: dt.datetime | None
    finished_at: dt.datetime | None
    attempts: int
    max_attempts: int
    cancel_requested: bool
    run_after: dt.datetime

    @staticmethod
    def resolve_created_by(obj) -> str | None:
        return obj.created_by.username if obj.created_by_id else None


@router.get("/jobs", response=list[JobOut])
@paginate(PageNumberPagination, page_size=50)
def list_jobs(request, state: str = "", kind: str = ""):
    """The caller's jobs, newest first (administrators see everyone's); filter by state or kind."""
    if state and state not in JobState.values:
        raise ValidationError(
            {"state": [f"Unknown state {state!r}; use one of {', '.join(JobState.values)}."]}
        )
    return selectors.job_list(viewer=request.user, state=state, kind=kind)


@router.get("/jobs/{job_id}", response=JobOut)
def get_job(request, job_id: str):
    """One job with its state, progress, result or reason of failure."""
    return selectors.job_get(job_id=job_id, viewer=request.user)


@router.post("/jobs/{job_id}/cancel", response=JobOut)
def cancel_job(request, job_id: str):
    """Cancel a queued job, or ask a running one to stop; 422 when it has already ended."""
    job = selectors.job_get(job_id=job_id, viewer=request.user)
    return services.job_cancel(job=job, by=request.user)
