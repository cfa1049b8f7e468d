"""Reads of planning: the study's decision matrix and result tables, plan dashboards, visible programmes,
calendar filters and a partner's cooperation timeline."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.utils import timezone

from techbridge.core.decision import (
    Criterion,
    DecisionInputError,
    DecisionMatrix,
    RankReversal,
    promethee_ii,
    rank_reversal,
    topsis,
    vikor,
)
from techbridge.planning import metrics, rules
from techbridge.planning.models import CalendarEvent, Goal, Plan, Programme, Study, Target
from techbridge.planning.progress import Progress, Trend, target_progress, trend

METHODS = {"topsis": topsis, "promethee_ii": promethee_ii, "vikor": vikor}


def study_matrix(study: Study) -> DecisionMatrix:
    """Sites x criteria of the study; a missing value -> DecisionInputError naming site and criterion."""
    criteria = list(study.criteria.all())
    sites = list(study.sites.all())
    if not sites:
        raise DecisionInputError("the study has no candidate sites yet")
    values = {s.name: {c.key: s.values.get(c.key) for c in criteria} for s in sites}
    crits = [Criterion(c.key, c.kind, c.weight) for c in criteria]
    return DecisionMatrix([s.name for s in sites], crits, values)


def study_list(viewer) -> QuerySet[Study]:
    return Study.objects.all() if rules.can_plan(viewer) else Study.objects.none()


@dataclass
class ResultRow:
    site: str
    country: str
    cost: float
    ranks: dict[str, int]
    scores: dict[str, float]
    acceptability: list[float] = field(default_factory=list)
    holistic: float | None = None
    in_portfolio: bool = False


def result_rows(study: Study) -> list[ResultRow]:
    """One row per site, in compromise order, with every method's rank and the SMAA acceptabilities."""
    res = study.result
    if not res:
        return []
    sites = {s.name: s for s in study.sites.select_related("country")}
    chosen = set((study.portfolio or {}).get("sites", []))
    smaa = (res.get("smaa") or {}).get("sites", {})
    rows = []
    for name in res["rankings"]["compromise"]["order"]:
        site = sites.get(name)
        rows.append(
            ResultRow(
                site=name,
                country=site.country_id if site else "",
                cost=site.cost if site else 0.0,
                ranks={m: r["ranks"][name] for m, r in res["rankings"].items()},
                scores={m: r["scores"][name] for m, r in res["rankings"].items()},
                acceptability=smaa.get(name, {}).get("rank_acceptability", []),
                holistic=smaa.get(name, {}).get("holistic"),
                in_portfolio=name in chosen,
            )
        )
    return rows


def study_reversal(study: Study, *, site: str, mode: str = "remove", method: str = "topsis") -> RankReversal:
    """Rank-reversal check: re-rank without `site` ("remove"), or rank without it then add it back ("add",
    as if it were a new candidate); the flipped pairs of the other sites show any reversal."""
    dm = study_matrix(study)
    rank = METHODS.get(method, topsis)
    if mode == "add":
        row = dm.values[dm.index_of(site)].tolist()
        return rank_reversal(dm.without(site), rank, add=(site, row))
    return rank_reversal(dm, rank, remove=site)


# --- plans --------------------------------------------------------------------------------------------


@dataclass
class TargetView:
    target: Target
    value: float | None
    progress: Progress | None
    trend: Trend | None
    error: str = ""
    readings: list[tuple[dt.date, float]] = field(default_factory=list)


@dataclass
class GoalView:
    goal: Goal
    depth: int
    targets: list[TargetView]


def target_value(target: Target) -> float | None:
    if target.metric:
        return metrics.target_metric_value(target.metric, target.metric_params)
    return target.manual_value


def target_view(target: Target, today: dt.date | None = None) -> TargetView:
    today = today or timezone.localdate()
    readings = [(r.on, r.value) for r in target.readings.all()]
    try:
        value = target_value(target)
    except ValueError as exc:
        return TargetView(target, None, None, None, str(exc), readings)
    if value is None:
        return TargetView(target, None, None, None, "", readings)
    if not readings or readings[-1][0] != today:
        readings = [*readings, (today, value)]
    # a trend needs at least two dated values (snapshots accumulate one per day)
    slope = trend(readings, target.due) if len(readings) >= 2 else None
    progress = target_progress(
        value=value,
        baseline=target.baseline,
        target=target.target_value,
        start=target.start,
        due=target.due,
        today=today,
    )
    return TargetView(target, value, progress, slope, "", readings)


def plan_dashboard(plan: Plan, today: dt.date | None = None) -> list[GoalView]:
    """Goals depth-first with their targets' value, status and trend (computed metrics read live)."""
    goals = list(plan.goals.prefetch_related("targets__readings"))
    children: dict[int | None, list[Goal]] = {}
    for g in goals:
        children.setdefault(g.parent_id, []).append(g)
    out: list[GoalView] = []

    def walk(parent: int | None, depth: int) -> None:
        for g in children.get(parent, []):
            out.append(GoalView(g, depth, [target_view(t, today) for t in g.targets.all()]))
            walk(g.pk, depth + 1)

    walk(None, 0)
    return out


def status_counts(goals: list[GoalView]) -> dict[str, int]:
    counts = {"achieved": 0, "on_track": 0, "at_risk": 0, "late": 0, "no_value": 0}
    for g in goals:
        for t in g.targets:
            counts[t.progress.status if t.progress else "no_value"] += 1
    return counts


# --- programmes and calendar --------------------------------------------------------------------------


def visible_programmes(viewer) -> QuerySet[Programme]:
    """Planners see all; others the programmes they take part in (by e-mail) or their organisation partners."""
    qs = Programme.objects.select_related("country")
    if rules.can_plan(viewer):
        return qs
    if not (viewer and viewer.is_authenticated):
        return qs.none()
    mine = Q(pk__in=[])
    if viewer.email:
        mine |= Q(participations__person__email__iexact=viewer.email)
    if viewer.organisation_id:
        mine |= Q(partners=viewer.organisation_id) | Q(
            participations__person__organisation=viewer.organisation_id
        )
    return qs.filter(mine).distinct()


def calendar_events(*, country: str = "", kind: str = "", upcoming: bool = False) -> QuerySet[CalendarEvent]:
    qs = CalendarEvent.objects.select_related("country", "city")
    if country:
        qs = qs.filter(country_id=country)
    if kind:
        qs = qs.filter(kind=kind)
    if upcoming:
        qs = qs.filter(
            Q(end__gte=timezone.localdate()) | Q(end__isnull=True, start__gte=timezone.localdate())
        )
    return qs
