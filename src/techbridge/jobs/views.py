"""Job pages: "My jobs", one job with its progress and a cancel button, and the polled progress fragment."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from techbridge.jobs import backends, conf, rules, selectors, services
from techbridge.jobs.models import JobState
from techbridge.web.pages import page_context


def _wake_embedded_pool(job) -> None:
    # After a restart of the embedded server, whoever looks at a waiting job starts the pool again.
    if job.state == JobState.QUEUED and conf.backend() == "thread":
        backends.ensure_pool()


@login_required
def job_list(request: HttpRequest) -> HttpResponse:
    state = request.GET.get("state", "")
    state = state if state in JobState.values else ""
    context = page_context(request, selectors.job_list(viewer=request.user, state=state))
    context.update(states=JobState.choices, state=state, sees_all=rules.is_admin(request.user))
    return render(request, "jobs/job_list.html", context)


@login_required
def job_detail(request: HttpRequest, job_id) -> HttpResponse:
    job = selectors.job_get(job_id=job_id, viewer=request.user)
    _wake_embedded_pool(job)
    context = {
        "job": job,
        "can_cancel": rules.can_cancel(request.user, job),
        "result_json": json.dumps(job.result, indent=2, ensure_ascii=False)[:20000],
    }
    return render(request, "jobs/job_detail.html", context)


@login_required
def job_progress(request: HttpRequest, job_id) -> HttpResponse:
    """The fragment `jobs/_progress.html`, polled by HTMX every second while the job is active."""
    job = selectors.job_get(job_id=job_id, viewer=request.user)
    _wake_embedded_pool(job)
    return render(request, "jobs/_progress.html", {"job": job})


@login_required
@require_POST
def job_cancel(request: HttpRequest, job_id) -> HttpResponse:
    job = selectors.job_get(job_id=job_id, viewer=request.user)
    try:
        job = services.job_cancel(job=job, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        if job.state == JobState.CANCELLED:
            messages.success(request, _("The job was cancelled."))
        else:
            messages.success(request, _("Cancellation requested: the job stops at its next checkpoint."))
    if request.htmx:
        return render(request, "jobs/_progress.html", {"job": job})
    return redirect("job-detail", job_id=job.pk)
