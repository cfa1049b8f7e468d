"""Reads of docking: the interests a viewer may see."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from techbridge.docking.models import Interest
from techbridge.marketplace import rules


def interest_list(*, viewer) -> QuerySet[Interest]:
    """Brokers see all; a member sees interests sent by or received by their organisation."""
    qs = Interest.objects.select_related("profile", "organisation", "profile__organisation")
    if rules.is_broker(viewer):
        return qs
    org = getattr(viewer, "organisation_id", None)
    if not org:
        return qs.none()
    return qs.filter(Q(organisation_id=org) | Q(profile__organisation_id=org))
