"""Template filters: labels for stored choice values."""

from __future__ import annotations

from django import template

from techbridge.directory.models import OrganisationKind
from techbridge.marketplace.models import PartnershipType, ProfileKind

register = template.Library()
_LABELS = {
    "partnership": dict(PartnershipType.choices),
    "organisation_kind": dict(OrganisationKind.choices),
    "profile_kind": dict(ProfileKind.choices),
}


@register.filter
def label(value: str, vocabulary: str) -> str:
    """`{{ value|label:"partnership" }}`: the translated label of a stored choice value."""
    return str(_LABELS.get(vocabulary, {}).get(value, value))
