"""API of docking: expressions of interest."""

from __future__ import annotations

import datetime as dt

from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status

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
