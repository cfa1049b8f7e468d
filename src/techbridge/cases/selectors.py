"""Reads of cases: the list and board with filters and search, overdue cases, a case's timeline."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet

from techbridge.cases import rules
from techbridge.cases.models import Case, Stage

BOARD_STAGES = [s for s in Stage.values]


def case_list(*, viewer, filters: dict | None = None) -> QuerySet:
    """Cases the viewer may see, filtered by stage, broker, country, sector, overdue and a search text."""
    f = filters or {}
    qs = rules.visible_cases(viewer).select_related("broker")
    if f.get("stage") in Stage.values:
        qs = qs.filter(stage=f["stage"])
    if str(f.get("broker") or "").isdigit():
        qs = qs.filter(broker_id=int(f["broker"]))
    if f.get("country"):
        qs = qs.filter(parties__organisation__country_id=str(f["country"])[:2].upper())
    if f.get("sector"):
        qs = qs.filter(profiles__technology_keywords__code__startswith=str(f["sector"])[:64])
    if f.get("overdue"):
        qs = qs.filter(next_action_due__lt=dt.date.today()).exclude(stage__in=["closed"])
    q = (f.get("q") or "").strip()[:200]
    if q:
        cond = (
            Q(title__icontains=q)
            | Q(summary__icontains=q)
            | Q(parties__organisation__name__icontains=q)
            | Q(parties__organisation__name_en__icontains=q)
            | Q(profiles__reference__iexact=q)
        )
        if q.lstrip("#").isdigit():
            cond |= Q(pk=int(q.lstrip("#")))
        qs = qs.filter(cond)
    return qs.distinct().order_by("next_action_due", "-updated_at")


def board(*, viewer, filters: dict | None = None) -> list[tuple[str, object, list[Case]]]:
    """(stage, label, cases) for every stage, in the order of the pipeline."""
    cases = list(
        case_list(viewer=viewer, filters={**(filters or {}), "stage": ""}).prefetch_related(
            "parties__organisation"
        )
    )
    labels = dict(Stage.choices)
    return [(s, labels[s], [c for c in cases if c.stage == s]) for s in BOARD_STAGES]


def overdue(today: dt.date) -> QuerySet:
    """Open cases whose next action is past due and that were not reminded today."""
    return (
        Case.objects.filter(next_action_due__lt=today)
        .exclude(stage=Stage.CLOSED)
        .exclude(reminded_on=today)
        .select_related("broker")
    )
