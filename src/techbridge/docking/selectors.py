"""Reads of docking: the interests a viewer may see, the glossary."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from techbridge.docking.models import GlossaryEntry, Interest
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


def glossary_list(*, language: str = "", q: str = "") -> QuerySet[GlossaryEntry]:
    """Glossary terms by language and term; `q` looks in the term and its English."""
    qs = GlossaryEntry.objects.all()
    if language:
        qs = qs.filter(language=language)
    if q.strip():
        qs = qs.filter(Q(term__icontains=q.strip()) | Q(english__icontains=q.strip()))
    return qs.order_by("language", "term")
