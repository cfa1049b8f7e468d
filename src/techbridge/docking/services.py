"""Writes of docking: expressions of interest and the owner's decision on them."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from techbridge.docking.models import Interest, InterestStatus
from techbridge.marketplace import rules

MESSAGE_MAX = 2000


@transaction.atomic
def interest_express(*, profile, by, message: str) -> Interest:
    """A member's organisation expresses interest in a published profile of another organisation."""
    if not rules.can_express_interest(by, profile):
        raise PermissionDenied(
            "Only members of another organisation can express interest in a published profile."
        )
    message = (message or "").strip()
    if not message:
        raise ValidationError({"message": ["Say briefly why you are interested."]})
    if len(message) > MESSAGE_MAX:
        raise ValidationError({"message": [f"The message is longer than {MESSAGE_MAX} characters."]})
    if Interest.objects.filter(profile=profile, organisation_id=by.organisation_id).exists():
        raise ValidationError(
            {"profile": ["Your organisation has already expressed interest in this profile."]}
        )
    return Interest.objects.create(
        profile=profile, organisation_id=by.organisation_id, sent_by=by, message=message
    )


@transaction.atomic
def interest_decide(*, interest: Interest, by, accept: bool) -> Interest:
    """The profile's owner (or a broker) accepts or declines; acceptance reveals the confidential details."""
    if rules.actor_for(by, interest.profile) is None:
        raise PermissionDenied("Only the profile's organisation or a broker decides on interests.")
    if interest.status != InterestStatus.PENDING:
        raise ValidationError({"status": [f"This expression of interest is already {interest.status}."]})
    interest.status = InterestStatus.ACCEPTED if accept else InterestStatus.DECLINED
    interest.decided_by = by
    interest.decided_at = timezone.now()
    interest.save()
    return interest
