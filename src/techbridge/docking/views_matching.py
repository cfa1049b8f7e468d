"""Docking pages: match lists on profile pages, the idea search, the expert finder, saved searches, alerts."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from techbridge.docking import engine, matches, services
from techbridge.docking.models import Notification, SavedSearch, SearchTarget
from techbridge.marketplace import rules
from techbridge.marketplace.models import Profile


def _visible_profile(request: HttpRequest, reference: str) -> Profile:
    profile = get_object_or_404(Profile.objects.select_related("organisation"), reference=reference)
    if not rules.can_view_profile(request.user, profile):
        raise Http404("No such profile.")
    return profile


@login_required
def profile_matches(request: HttpRequest, reference: str) -> HttpResponse:
    """HTMX partial: the best matching published profiles for this profile."""
    profile = _visible_profile(request, reference)
    found = matches.matches_for_profile(profile, top=10)
    return render(request, "docking/_matches.html", {"results": found, "profile": profile})


@login_required
def profile_experts(request: HttpRequest, reference: str) -> HttpResponse:
    """HTMX partial: experts whose expertise fits the profile's need."""
    if not rules.can_view_people(request.user):
        raise PermissionDenied("Analysts see aggregates, not personal data.")
    profile = _visible_profile(request, reference)
    found = matches.experts_for(engine.profile_document(profile), top=6)
    return render(request, "docking/_experts.html", {"results": found})


@login_required
def idea_search(request: HttpRequest) -> HttpResponse:
    """Find technologies, needs, partners or experts for an idea written in any supported language."""
    text = request.GET.get("q", "")
    target = request.GET.get("target", "technologies")
    if target == "experts" and not rules.can_view_people(request.user):
        raise PermissionDenied("Analysts see aggregates, not personal data.")
    results, error = [], ""
    if text.strip():
        try:
            results = matches.matches_for_idea(text, target=target, top=20)
        except matches.QueryError as exc:
            error = str(exc)
    context = {
        "q": text,
        "target": target,
        "targets": SearchTarget.choices,
        "results": results,
        "error": error,
        "searched": bool(text.strip()),
    }
    template = "docking/_idea_results.html" if request.htmx else "docking/idea_search.html"
    return render(request, template, context)


@login_required
def saved_search_list(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        try:
            services.saved_search_create(
                by=request.user,
                name=request.POST.get("name", ""),
                query=request.POST.get("query", ""),
                target=request.POST.get("target", ""),
                threshold=_int(request.POST.get("threshold"), 40),
                email=bool(request.POST.get("email")),
            )
            messages.success(request, _("Saved: you will be alerted when a matching profile is published."))
            return redirect("saved-search-list")
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                for error in errors:
                    messages.error(request, f"{field}: {_(error)}")
        except PermissionDenied as exc:
            raise exc
    searches = SavedSearch.objects.filter(user=request.user)
    return render(
        request, "docking/saved_searches.html", {"searches": searches, "targets": SearchTarget.choices}
    )


def _int(value, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


@login_required
@require_POST
def saved_search_delete(request: HttpRequest, pk: int) -> HttpResponse:
    search = get_object_or_404(SavedSearch, pk=pk)
    services.saved_search_delete(saved_search=search, by=request.user)
    messages.success(request, _("Saved search deleted."))
    return redirect("saved-search-list")


@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    notifications = Notification.objects.filter(user=request.user)[:100]
    response = render(request, "docking/notifications.html", {"notifications": notifications})
    Notification.objects.filter(user=request.user, read_at__isnull=True).update(read_at=timezone.now())
    return response
