"""API of the marketplace: search, read, create, edit and move profiles through review; same rules as the UI."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status
from ninja.pagination import PageNumberPagination, paginate

from techbridge.directory.models import Organisation, without_country_details
from techbridge.marketplace import rules, selectors, services
from techbridge.marketplace.forms import ProfileForm
from techbridge.marketplace.models import Profile

router = Router(tags=["marketplace"])


class ProfileOut(Schema):
    reference: str
    kind: str
    status: str
    organisation: str
    country: str
    title: str
    summary: str
    description: str
    language: str
    translations: dict
    technology_keywords: list[str]
    market_keywords: list[str]
    trl: int | None
    ipr_status: str
    partnership_types: list[str]
    target_countries: list[str]
    partner_kinds: list[str]
    deadline: dt.date | None
    expires_at: dt.date | None
    published_at: dt.datetime | None
    confidential_details: str | None = None
    is_demo: bool

    @staticmethod
    def resolve_organisation(obj) -> str:
        return obj.organisation.key

    @staticmethod
    def resolve_country(obj) -> str:
        return obj.organisation.country_id

    @staticmethod
    def resolve_technology_keywords(obj) -> list[str]:
        return [t.code for t in obj.technology_keywords.all()]

    @staticmethod
    def resolve_market_keywords(obj) -> list[str]:
        return [t.code for t in obj.market_keywords.all()]

    @staticmethod
    def resolve_target_countries(obj) -> list[str]:
        return [c.code for c in obj.target_countries.all()]

    @staticmethod
    def resolve_confidential_details(obj, context) -> str | None:
        request = context["request"]
        if not hasattr(request, "_accepted_profiles"):  # once per request, not once per listed profile
            request._accepted_profiles = rules.accepted_profile_ids(request.user)
        if rules.can_view_confidential(request.user, obj, accepted=request._accepted_profiles):
            return obj.confidential_details
        return None


class ProfileIn(Schema):
    organisation: str | None = Field(None, description="Organisation key; brokers only (members: their own).")
    kind: str | None = None
    title: str | None = None
    summary: str | None = None
    description: str | None = None
    language: str | None = None
    technology_keywords: list[str] | None = None
    market_keywords: list[str] | None = None
    trl: int | None = None
    ipr_status: str | None = None
    partnership_types: list[str] | None = None
    target_countries: list[str] | None = None
    partner_kinds: list[str] | None = None
    confidential_details: str | None = None
    deadline: dt.date | None = None
    expires_at: dt.date | None = None
    translation_language: str | None = Field(None, description="en or zh: language of the translation")
    translation_title: str | None = None
    translation_summary: str | None = None


class ActionIn(Schema):
    action: str = Field(
        ...,
        description="submit, start_review, request_changes, publish, withdraw, expire, "
        "renew, reopen or comment",
    )
    comment: str = ""


class FindingOut(Schema):
    field: str
    code: str
    message: str
    severity: str


class ActionOut(Schema):
    profile: ProfileOut
    findings: list[FindingOut]


_FIELDS = [name for name in ProfileIn.model_fields if name != "organisation"]


def _form_data(payload: ProfileIn, instance: Profile | None) -> dict:
    """Start from the stored values (for a partial update), overlay what the client sent."""
    data: dict = {}
    if instance is not None:
        initial = ProfileForm(instance=instance).initial
        for name in _FIELDS:
            value = initial.get(name)
            if name in ("technology_keywords", "market_keywords"):
                value = [t.code for t in getattr(instance, name).all()]
            elif name == "target_countries":
                value = [c.code for c in instance.target_countries.all()]
            data[name] = value
        if instance.translations:
            lang, text = next(iter(instance.translations.items()))
            data.update(
                translation_language=lang,
                translation_title=text.get("title", ""),
                translation_summary=text.get("summary", ""),
            )
    sent = payload.dict(exclude_unset=True)
    for name in _FIELDS:
        if name in sent:
            data[name] = sent[name]
    return {k: ("" if v is None else v) for k, v in data.items()}


def _validated(payload: ProfileIn, instance: Profile | None = None) -> ProfileForm:
    form = ProfileForm(data=_form_data(payload, instance), instance=instance)
    if not form.is_valid():
        raise ValidationError({field: [str(e) for e in errors] for field, errors in form.errors.items()})
    return form


def _get(request, reference: str) -> Profile:
    profile = get_object_or_404(Profile.objects.select_related("organisation"), reference=reference[:24])
    if not rules.can_view_profile(request.user, profile):
        raise Http404("No such profile.")
    return profile


class ProfilePages(PageNumberPagination):
    """An exact count, and a page read by its ids first (filters and order only), then the rows of those ids
    with their organisation and keywords: joining and prefetching for every hit before sorting cost more."""

    def paginate_queryset(self, queryset, pagination, request, **params):
        size = self._get_page_size(pagination.page_size)
        offset = (pagination.page - 1) * size
        ids = list(queryset.values_list("pk", flat=True)[offset : offset + size])
        rows = {
            p.pk: p
            for p in without_country_details(Profile.objects.filter(pk__in=ids))
            .select_related("organisation", "organisation__country")
            .prefetch_related("technology_keywords", "market_keywords", "target_countries")
        }
        return {
            self.items_attribute: [rows[pk] for pk in ids if pk in rows],
            "count": self._items_count(queryset),
        }


@router.get("/profiles", response=list[ProfileOut])
@paginate(ProfilePages, page_size=20)
def list_profiles(
    request,
    q: str = "",
    kind: str = "",
    term: str = "",
    country: str = "",
    trl_min: int | None = None,
    trl_max: int | None = None,
    partnership: str = "",
    language: str = "",
    status: str = "",
):
    filters = selectors.ProfileFilters(
        q=q[:200],
        kind=kind,
        term=term,
        country=country.upper()[:2],
        trl_min=trl_min,
        trl_max=trl_max,
        partnership=partnership,
        language=language,
        status=status,
    )
    return selectors.profile_list(filters=filters, viewer=request.user)


@router.get("/profiles/{reference}", response=ProfileOut)
def get_profile(request, reference: str):
    return _get(request, reference)


@router.post("/profiles", response={201: ProfileOut})
def create_profile(request, payload: ProfileIn):
    if not rules.can_create_profile(request.user):
        raise PermissionDenied("Only members of an organisation and brokers create profiles.")
    if rules.is_broker(request.user):
        if not payload.organisation:
            raise ValidationError({"organisation": ["Brokers name the organisation the profile belongs to."]})
        organisation = Organisation.objects.filter(key=payload.organisation).first()
        if organisation is None:
            raise ValidationError({"organisation": [f"Unknown organisation '{payload.organisation}'."]})
    else:
        organisation = request.user.organisation
        if payload.organisation and payload.organisation != organisation.key:
            raise PermissionDenied("You may create profiles only for your own organisation.")
    form = _validated(payload)
    return Status(
        201,
        services.profile_create(by=request.user, organisation=organisation, cleaned=form.model_data()),
    )


@router.patch("/profiles/{reference}", response=ProfileOut)
def update_profile(request, reference: str, payload: ProfileIn):
    profile = _get(request, reference)
    if not rules.can_edit_profile(request.user, profile):
        raise PermissionDenied("You may edit only your organisation's profiles.")
    form = _validated(payload, instance=profile)
    return services.profile_update(profile=profile, by=request.user, form=form)


@router.post("/profiles/{reference}/actions", response=ActionOut)
def act_on_profile(request, reference: str, payload: ActionIn):
    """Move the profile through its lifecycle; submission returns the quality findings (422 on errors)."""
    profile = _get(request, reference)
    if payload.action == "comment":
        services.profile_comment(profile=profile, by=request.user, comment=payload.comment)
        report = services.check_profile(services.draft_of(profile))
    else:
        report = services.profile_transition(
            profile=profile, by=request.user, action=payload.action, comment=payload.comment
        )
    profile.refresh_from_db()
    return {"profile": profile, "findings": [f.__dict__ for f in report.findings]}
