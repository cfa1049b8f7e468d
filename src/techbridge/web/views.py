"""Platform-wide pages: dashboard, language switch, health."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_POST
from django.views.i18n import set_language

from techbridge.directory import selectors as directory_selectors
from techbridge.docking.selectors import interest_list
from techbridge.marketplace import rules
from techbridge.marketplace.selectors import ProfileFilters, profile_counts, profile_list, review_queue


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    user = request.user
    context: dict = {"counts": profile_counts(), "directory": directory_selectors.directory_counts()}
    if user.organisation_id:
        context["own_profiles"] = profile_list(
            filters=ProfileFilters(organisation=user.organisation_id), viewer=user
        )[:10]
    if rules.is_broker(user):
        context["queue"] = review_queue()[:10]
    if user.role != "analyst":
        context["interests"] = interest_list(viewer=user)[:8]
    context["latest"] = profile_list(filters=ProfileFilters(status="published"), viewer=user)[:6]
    return render(request, "web/dashboard.html", context)


@require_POST
def switch_language(request: HttpRequest) -> HttpResponse:
    """Django's set_language, and the choice is remembered on the signed-in user too."""
    response = set_language(request)
    language = request.POST.get("language", "")
    if request.user.is_authenticated and language in ("en", "zh-hans"):
        request.user.language = language
        request.user.save(update_fields=["language"])
    return response


def health(request: HttpRequest) -> JsonResponse:
    """Database and job-queue check for load balancers; 503 when either is not usable."""
    from techbridge.jobs.health import queue_health

    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception as exc:  # any database failure means "not ready"
        return JsonResponse({"status": "error", "database": type(exc).__name__}, status=503)
    jobs = queue_health()
    ok = jobs.get("status") == "ok" and jobs.get("broker", "ok") == "ok"
    return JsonResponse(
        {"status": "ok" if ok else "error", "database": "ok", "jobs": jobs}, status=200 if ok else 503
    )
