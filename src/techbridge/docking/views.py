"""Docking pages: expressions of interest sent and received."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from techbridge.docking import selectors, services
from techbridge.docking.models import Interest
from techbridge.marketplace import rules
from techbridge.marketplace.models import Profile
from techbridge.web.pages import page_context


@login_required
def interest_list(request: HttpRequest) -> HttpResponse:
    if request.user.role == "analyst":
        raise PermissionDenied("Analysts see aggregates only.")
    qs = selectors.interest_list(viewer=request.user)
    return render(request, "docking/interest_list.html", page_context(request, qs))


@login_required
@require_POST
def interest_create(request: HttpRequest, reference: str) -> HttpResponse:
    profile = get_object_or_404(Profile, reference=reference)
    if not rules.can_view_profile(request.user, profile):
        raise Http404("No such profile.")
    try:
        services.interest_express(profile=profile, by=request.user, message=request.POST.get("message", ""))
        messages.success(request, _("Your interest was sent to the owner."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("profile-detail", profile.reference)


@login_required
@require_POST
def interest_decide(request: HttpRequest, pk: int) -> HttpResponse:
    interest = get_object_or_404(Interest.objects.select_related("profile"), pk=pk)
    decision = request.POST.get("decision")
    if decision not in ("accept", "decline"):
        messages.error(request, _("Choose accept or decline."))
        return redirect("profile-detail", interest.profile.reference)
    try:
        services.interest_decide(interest=interest, by=request.user, accept=decision == "accept")
        messages.success(request, _("Decision recorded."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    except PermissionDenied:
        raise
    return redirect("profile-detail", interest.profile.reference)
