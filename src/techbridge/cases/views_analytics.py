"""Funnel and outcome analytics (brokers and analysts), the audit log (administrators), and the
"match viewed" recorder for links from match lists."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from techbridge.cases import analytics, charts, exports, rules, services
from techbridge.cases.models import AuditEntry
from techbridge.web.pages import page_context

FILTERS = ("start", "end", "country", "city", "sector", "broker", "event")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _filters(request: HttpRequest) -> dict:
    return {k: request.GET.get(k, "").strip()[:64] for k in FILTERS}


@login_required
def funnel(request: HttpRequest) -> HttpResponse:
    if not rules.can_see_funnel(request.user):
        raise PermissionDenied(_("The funnel is for brokers and analysts."))
    filters = _filters(request)
    dimension = request.GET.get("by", "period")
    if dimension not in analytics.DIMENSIONS:
        dimension = "period"
    data = analytics.funnel(filters)
    rows = analytics.breakdown(dimension, filters)
    context = {
        "filters": filters,
        "dimension": dimension,
        "dimensions": analytics.DIMENSIONS,
        "funnel": data,
        "funnel_chart": charts.funnel_svg(data["rows"]),
        "breakdown": rows,
        "steps": analytics.STEPS,
        "rate_chart": charts.rate_svg(rows, data["reference"]),
        "stage_times": analytics.stage_times(),
        "outcomes": analytics.outcomes(),
        "querystring": request.GET.urlencode(),
    }
    return render(request, "cases/funnel.html", context)


@login_required
def funnel_export(request: HttpRequest) -> HttpResponse:
    if not rules.can_see_funnel(request.user):
        raise PermissionDenied(_("The funnel is for brokers and analysts."))
    response = HttpResponse(exports.funnel_xlsx(_filters(request)), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="techbridge-funnel.xlsx"'
    return response


def _audit_entries(request: HttpRequest):
    if not rules.can_see_audit(request.user):
        raise PermissionDenied(_("The audit log is for administrators."))
    qs = AuditEntry.objects.select_related("by")
    if request.GET.get("model"):
        qs = qs.filter(model=request.GET["model"][:40])
    if request.GET.get("object_id"):
        qs = qs.filter(object_id=request.GET["object_id"][:40])
    if request.GET.get("user"):
        qs = qs.filter(by__username=request.GET["user"][:150])
    return qs


@login_required
def audit_log(request: HttpRequest) -> HttpResponse:
    qs = _audit_entries(request)
    context = page_context(request, qs)
    context["models"] = AuditEntry.objects.values_list("model", flat=True).distinct().order_by("model")
    context["filters"] = {k: request.GET.get(k, "") for k in ("model", "object_id", "user")}
    return render(request, "cases/audit.html", context)


@login_required
def audit_export(request: HttpRequest, fmt: str) -> HttpResponse:
    entries = _audit_entries(request)[:50_000]
    if fmt == "csv":
        response = HttpResponse(exports.audit_csv(entries), content_type="text/csv; charset=utf-8")
    elif fmt == "xlsx":
        response = HttpResponse(exports.audit_xlsx(entries), content_type=XLSX)
    else:
        raise Http404("Unknown format.")
    response["Content-Disposition"] = f'attachment; filename="techbridge-audit.{fmt}"'
    return response


@login_required
def match_open(request: HttpRequest, reference: str) -> HttpResponse:
    """Link target for match lists: records the view, then shows the profile."""
    from techbridge.marketplace import rules as profile_rules
    from techbridge.marketplace.models import Profile

    profile = get_object_or_404(Profile, reference=reference[:24])
    if not profile_rules.can_view_profile(request.user, profile):
        raise Http404("No such profile.")
    services.match_view_record(profile=profile, user=request.user)
    return redirect("profile-detail", profile.reference)
