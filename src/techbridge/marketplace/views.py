"""Marketplace pages: search, profile detail, create and edit with inline checks, review queue."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from techbridge.core.marketplace.lifecycle import Status, available_actions
from techbridge.core.marketplace.quality import ProfileDraft, check_profile
from techbridge.directory.models import (
    Country,
    Organisation,
    TaxonomyScheme,
    TaxonomyTerm,
    without_country_details,
)
from techbridge.docking.models import Interest
from techbridge.marketplace import rules, selectors, services
from techbridge.marketplace.forms import ProfileForm
from techbridge.marketplace.models import Language, PartnershipType, Profile, ProfileKind
from techbridge.web.pages import page_context


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value not in (None, "") else None
    except ValueError:
        return None


def filters_from(params) -> selectors.ProfileFilters:
    return selectors.ProfileFilters(
        q=params.get("q", "")[:200],
        kind=params.get("kind", ""),
        term=params.get("term", ""),
        country=params.get("country", ""),
        trl_min=_int(params.get("trl_min")),
        trl_max=_int(params.get("trl_max")),
        partnership=params.get("partnership", ""),
        language=params.get("language", ""),
        status=params.get("status", ""),
    )


LIST_COUNT_CAP = 1000  # hits counted at most: "more than 1,000 profiles", then narrow the search down


def _profiles_by_id(ids: list[int]):
    rows = Profile.objects.filter(pk__in=ids).select_related("organisation", "organisation__country")
    return without_country_details(rows).prefetch_related("technology_keywords")


@login_required
def profile_list(request: HttpRequest) -> HttpResponse:
    qs = selectors.profile_list(filters=filters_from(request.GET), viewer=request.user)
    context = page_context(request, qs, cap=LIST_COUNT_CAP, fetch=_profiles_by_id)
    context.update(
        kinds=ProfileKind.choices,
        languages=Language.choices,
        partnerships=PartnershipType.choices,
        countries=without_country_details(Country.objects.all(), path=""),
        statuses=Status,
        trl_levels=[(i, i) for i in range(1, 10)],
        terms=TaxonomyTerm.objects.filter(scheme=TaxonomyScheme.TECHNOLOGY).only(
            "code", "parent_id", "label_en", "label_zh"
        ),
    )
    template = "marketplace/_results.html" if request.htmx else "marketplace/profile_list.html"
    return render(request, template, context)


def _get_visible(request: HttpRequest, reference: str) -> Profile:
    profile = get_object_or_404(
        without_country_details(Profile.objects.select_related("organisation", "organisation__country")),
        reference=reference,
    )
    if not rules.can_view_profile(request.user, profile):
        raise Http404("No such profile.")
    return profile


@login_required
def profile_detail(request: HttpRequest, reference: str) -> HttpResponse:
    profile = _get_visible(request, reference)
    actor = rules.actor_for(request.user, profile)
    own_interest = None
    if request.user.organisation_id:
        own_interest = Interest.objects.filter(
            profile=profile, organisation_id=request.user.organisation_id
        ).first()
    context = {
        "profile": profile,
        "show_confidential": rules.can_view_confidential(request.user, profile),
        "can_edit": rules.can_edit_profile(request.user, profile)
        and profile.status in ("draft", "published", "submitted", "in_review"),
        "actions": available_actions(Status(profile.status), actor) if actor else [],
        "can_comment": rules.can_review(request.user),
        "events": profile.events.select_related("actor") if actor else None,
        "interests": profile.interests.select_related("organisation") if actor else None,
        "can_express_interest": rules.can_express_interest(request.user, profile) and own_interest is None,
        "own_interest": own_interest,
        "quality": check_profile(services.draft_of(profile)) if actor else None,
    }
    return render(request, "marketplace/profile_detail.html", context)


def _organisation_for(request: HttpRequest) -> Organisation | None:
    if rules.is_broker(request.user):
        key = request.POST.get("organisation") or request.GET.get("organisation")
        return Organisation.objects.filter(key=key).first() if key else None
    return request.user.organisation


@login_required
def profile_create(request: HttpRequest) -> HttpResponse:
    if not rules.can_create_profile(request.user):
        raise PermissionDenied("Only members of an organisation and brokers create profiles.")
    form = ProfileForm(request.POST or None, initial={"language": (request.LANGUAGE_CODE or "en")[:2]})
    organisation = _organisation_for(request)
    if request.method == "POST":
        if organisation is None:
            form.add_error(None, _("Choose the organisation the profile belongs to."))
        elif form.is_valid():
            profile = services.profile_create(
                by=request.user, organisation=organisation, cleaned=form.model_data()
            )
            if "submit" in request.POST:
                return _submit_after_save(request, profile)
            messages.success(request, _("Draft saved."))
            return redirect("profile-detail", profile.reference)
    return render(
        request,
        "marketplace/profile_form.html",
        {
            "form": form,
            "organisation": organisation,
            "is_broker": rules.is_broker(request.user),
            "organisations": Organisation.objects.order_by("name") if rules.is_broker(request.user) else None,
        },
    )


def _submit_after_save(request: HttpRequest, profile: Profile) -> HttpResponse:
    try:
        services.profile_transition(profile=profile, by=request.user, action="submit")
        messages.success(request, _("Submitted for review by a broker."))
    except services.QualityError as exc:
        for finding in exc.report.errors:
            messages.error(request, _(finding.message))
        messages.warning(request, _("Saved as a draft: fix the points above, then submit."))
    return redirect("profile-detail", profile.reference)


@login_required
def profile_edit(request: HttpRequest, reference: str) -> HttpResponse:
    profile = _get_visible(request, reference)
    if not rules.can_edit_profile(request.user, profile):
        raise PermissionDenied("You may edit only your organisation's profiles.")
    form = ProfileForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        try:
            profile = services.profile_update(profile=profile, by=request.user, form=form)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("profile-detail", profile.reference)
        if "submit" in request.POST and profile.status == Status.DRAFT.value:
            return _submit_after_save(request, profile)
        messages.success(request, _("Changes saved."))
        return redirect("profile-detail", profile.reference)
    return render(
        request,
        "marketplace/profile_form.html",
        {"form": form, "profile": profile, "organisation": profile.organisation},
    )


@login_required
@require_POST
def profile_check(request: HttpRequest) -> HttpResponse:
    """HTMX: run the quality checks on the form as typed, without saving."""
    post = request.POST
    draft = ProfileDraft(
        kind=post.get("kind", ""),
        title=post.get("title", ""),
        summary=post.get("summary", ""),
        description=post.get("description", ""),
        language=post.get("language", ""),
        technology_keywords=tuple(post.getlist("technology_keywords")),
        trl=_int(post.get("trl")),
        partnership_types=tuple(post.getlist("partnership_types")),
        target_countries=tuple(post.getlist("target_countries")),
    )
    return render(request, "marketplace/_quality.html", {"quality": check_profile(draft), "live": True})


@login_required
@require_POST
def profile_action(request: HttpRequest, reference: str) -> HttpResponse:
    profile = _get_visible(request, reference)
    action = request.POST.get("action", "")
    comment = request.POST.get("comment", "")
    try:
        if action == "comment":
            services.profile_comment(profile=profile, by=request.user, comment=comment)
            messages.success(request, _("Comment added."))
        else:
            services.profile_transition(profile=profile, by=request.user, action=action, comment=comment)
            messages.success(
                request, _("Done: the profile is now %(status)s.") % {"status": profile.get_status_display()}
            )
    except services.QualityError as exc:
        for finding in exc.report.errors:
            messages.error(request, _(finding.message))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("profile-detail", profile.reference)


@login_required
def review_queue(request: HttpRequest) -> HttpResponse:
    if not rules.can_review(request.user):
        raise PermissionDenied("Only brokers review profiles.")
    return render(request, "marketplace/review_queue.html", page_context(request, selectors.review_queue()))
