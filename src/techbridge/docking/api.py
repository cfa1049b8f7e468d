"""API of docking: expressions of interest, matches, idea search, saved searches, notifications, glossary."""

from __future__ import annotations

import datetime as dt

from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status
from ninja.pagination import PageNumberPagination, paginate

from techbridge.docking import selectors, services
from techbridge.docking.models import Interest
from techbridge.marketplace import rules
from techbridge.marketplace.models import Profile

router = Router(tags=["docking"])


class InterestOut(Schema):
    id: int
    profile: str
    organisation: str
    message: str
    status: str
    created_at: dt.datetime
    decided_at: dt.datetime | None

    @staticmethod
    def resolve_profile(obj) -> str:
        return obj.profile.reference

    @staticmethod
    def resolve_organisation(obj) -> str:
        return obj.organisation.key


class InterestIn(Schema):
    message: str


class DecisionIn(Schema):
    accept: bool


@router.get("/interests", response=list[InterestOut])
def list_interests(request):
    return selectors.interest_list(viewer=request.user)


@router.post("/profiles/{reference}/interests", response={201: InterestOut})
def express_interest(request, reference: str, payload: InterestIn):
    profile = get_object_or_404(Profile, reference=reference[:24])
    if not rules.can_view_profile(request.user, profile):
        raise Http404("No such profile.")
    return Status(201, services.interest_express(profile=profile, by=request.user, message=payload.message))


@router.post("/interests/{interest_id}/decision", response=InterestOut)
def decide_interest(request, interest_id: int, payload: DecisionIn):
    interest = get_object_or_404(Interest.objects.select_related("profile"), pk=interest_id)
    if not selectors.interest_list(viewer=request.user).filter(pk=interest.pk).exists():
        raise Http404("No such expression of interest.")
    return services.interest_decide(interest=interest, by=request.user, accept=payload.accept)


class MatchOut(Schema):
    id: str
    title: str
    kind: str
    organisation: str
    country: str
    language: str
    score: float
    score_forward: float
    score_backward: float
    reasons: list[str]
    shared_terms: list[str]
    shared_topics: list[str]
    why: dict


class SavedSearchIn(Schema):
    name: str
    query: str
    target: str
    threshold: int = 40
    email: bool = True


class SavedSearchOut(Schema):
    id: int
    name: str
    query: str
    target: str
    threshold: int
    email: bool


class NotificationOut(Schema):
    id: int
    title: str
    body: str
    url: str
    read: bool
    created_at: dt.datetime

    @staticmethod
    def resolve_read(obj) -> bool:
        return obj.read_at is not None


def _match_out(item) -> dict:
    obj, m = item.obj, item.match
    if hasattr(obj, "reference"):
        ident, title, kind = obj.reference, obj.display_title, obj.kind
        org, country, language = obj.organisation.key, obj.organisation.country_id, obj.language
    else:
        ident, title, kind = obj.key, obj.full_name, obj.kind
        org, country, language = (obj.organisation.key if obj.organisation_id else ""), obj.country_id, ""
    return {
        "id": ident,
        "title": title,
        "kind": kind,
        "organisation": org,
        "country": country,
        "language": language,
        "score": round(m.score, 1),
        "score_forward": round(m.score_forward, 1),
        "score_backward": round(m.score_backward, 1),
        "reasons": item.reasons,
        "shared_terms": item.shared_terms,
        "shared_topics": item.concepts,
        "why": m.why(),
    }


@router.get("/profiles/{reference}/matches", response=list[MatchOut])
def profile_matches(request, reference: str, top: int = 10):
    """Published profiles of other organisations that fit this profile, with explanations."""
    from techbridge.docking import matches

    profile = get_object_or_404(Profile.objects.select_related("organisation"), reference=reference[:24])
    if not rules.can_view_profile(request.user, profile):
        raise Http404("No such profile.")
    return [_match_out(i) for i in matches.matches_for_profile(profile, top=max(1, min(top, 50)))]


@router.get("/docking/search", response=list[MatchOut])
def idea_search(request, q: str, target: str = "technologies", top: int = 20):
    """Free text in any supported language -> technologies, needs, partners or experts.

    `score` is how well each result answers the idea (`score_forward`): an idea is a question, not a profile."""
    from django.core.exceptions import PermissionDenied, ValidationError

    from techbridge.docking import matches

    if target == "experts" and not rules.can_view_people(request.user):
        raise PermissionDenied("Analysts see aggregates, not personal data.")
    try:
        found = matches.matches_for_idea(q, target=target, top=max(1, min(top, 50)))
    except matches.QueryError as exc:
        raise ValidationError({"q": [str(exc)]}) from None
    return [_match_out(i) for i in found]


@router.get("/docking/saved-searches", response=list[SavedSearchOut])
def list_saved_searches(request):
    from techbridge.docking.models import SavedSearch

    return SavedSearch.objects.filter(user=request.user)


@router.post("/docking/saved-searches", response={201: SavedSearchOut})
def create_saved_search(request, payload: SavedSearchIn):
    return Status(201, services.saved_search_create(by=request.user, **payload.dict()))


@router.delete("/docking/saved-searches/{search_id}", response={204: None})
def delete_saved_search(request, search_id: int):
    from techbridge.docking.models import SavedSearch

    search = get_object_or_404(SavedSearch, pk=search_id, user=request.user)
    services.saved_search_delete(saved_search=search, by=request.user)
    return Status(204, None)


@router.get("/notifications", response=list[NotificationOut])
def list_notifications(request):
    from techbridge.docking.models import Notification

    return Notification.objects.filter(user=request.user)[:100]


class GlossaryOut(Schema):
    id: int
    language: str
    term: str
    english: str
    note: str
    updated_at: dt.datetime


class GlossaryIn(Schema):
    language: str
    term: str
    english: str
    note: str = ""


def _brokers_only(request) -> None:
    from django.core.exceptions import PermissionDenied

    if not rules.is_broker(request.user):
        raise PermissionDenied("Only brokers curate the glossary.")


@router.get("/docking/glossary", response=list[GlossaryOut])
@paginate(PageNumberPagination, page_size=100)
def list_glossary(request, language: str = "", q: str = ""):
    """The brokers' glossary (brokers only): terms of any language -> English, used when matching."""
    _brokers_only(request)
    return selectors.glossary_list(language=language[:8], q=q[:120])


@router.post("/docking/glossary", response={200: GlossaryOut, 201: GlossaryOut})
def save_glossary_term(request, payload: GlossaryIn):
    """Add a term (201), or change the English of the same term in the same language (200); the match
    indexes are rebuilt in the background."""
    entry, created = services.glossary_entry_save(by=request.user, **payload.dict())
    return Status(201 if created else 200, entry)


@router.delete("/docking/glossary/{entry_id}", response={204: None})
def delete_glossary_term(request, entry_id: int):
    from techbridge.docking.models import GlossaryEntry

    _brokers_only(request)
    services.glossary_entry_delete(entry=get_object_or_404(GlossaryEntry, pk=entry_id), by=request.user)
    return Status(204, None)
