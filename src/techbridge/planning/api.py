"""API of planning: studies (read, rank, choose a portfolio), plans with live target progress,
programmes (as visible to the caller) and the calendar; same rules as the pages."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status

from techbridge.core.decision import DecisionInputError, PortfolioInfeasible
from techbridge.planning import rules, selectors, services
from techbridge.planning.models import Plan, Study

router = Router(tags=["planning"])


def _planner(request) -> None:
    if not rules.can_plan(request.user):
        raise PermissionDenied("Planning is for analysts, brokers and administrators.")


class StudyOut(Schema):
    id: int
    title: str
    level: str
    sites: int
    weights_source: str
    ranked_at: dt.datetime | None


class StudyDetailOut(StudyOut):
    criteria: list[dict]
    site_values: list[dict]
    result: dict | None
    portfolio: dict | None


def _study_out(s: Study) -> dict:
    return {
        "id": s.pk,
        "title": s.title,
        "level": s.level,
        "sites": s.sites.count(),
        "weights_source": s.weights_source,
        "ranked_at": s.result_at,
    }


@router.get("/planning/studies", response=list[StudyOut])
def study_list(request):
    """Location studies (analysts, brokers, administrators)."""
    _planner(request)
    return [_study_out(s) for s in Study.objects.all()]


@router.get("/planning/studies/{study_id}", response=StudyDetailOut)
def study_detail(request, study_id: int):
    """A study's criteria, site values, last result (rankings, SMAA, stability) and portfolio."""
    _planner(request)
    s = get_object_or_404(Study, pk=study_id)
    return {
        **_study_out(s),
        "criteria": [
            {"key": c.key, "label": c.label, "kind": c.kind, "weight": c.weight, "metric": c.metric}
            for c in s.criteria.all()
        ],
        "site_values": [
            {
                "name": x.name,
                "country": x.country_id,
                "lat": x.lat,
                "lon": x.lon,
                "cost": x.cost,
                "values": x.values,
            }
            for x in s.sites.all()
        ],
        "result": s.result,
        "portfolio": s.portfolio,
    }


class RunOut(Schema):
    job: str
    state: str
    error: str


@router.post("/planning/studies/{study_id}/run", response=RunOut)
def study_run(request, study_id: int):
    """Rank the sites in a background job (TOPSIS, PROMETHEE II, VIKOR, compromise, SMAA-2, stability)."""
    from techbridge.jobs.services import job_submit

    _planner(request)
    s = get_object_or_404(Study, pk=study_id)
    try:
        services.criteria_compute(study=s)
        selectors.study_matrix(s)
    except DecisionInputError as exc:
        raise ValidationError(str(exc)) from None
    job = job_submit(kind="planning.plan_sites", params={"study_id": s.pk}, by=request.user)
    return {"job": str(job.pk), "state": job.state, "error": job.error}


class PortfolioIn(Schema):
    k: int
    budget: float
    max_per_country: int | None = None
    score: str = "compromise"


@router.post("/planning/studies/{study_id}/portfolio", response={200: dict, 422: dict})
def study_portfolio(request, study_id: int, payload: PortfolioIn):
    """The best k sites within the budget and per-country cap (exact); 422 explains an infeasible request."""
    _planner(request)
    s = get_object_or_404(Study, pk=study_id)
    try:
        services.portfolio_choose(study=s, **payload.dict())
    except PortfolioInfeasible as exc:
        return Status(422, {"detail": [{"field": None, "message": r} for r in exc.reasons]})
    except DecisionInputError as exc:
        return Status(422, {"detail": [{"field": None, "message": str(exc)}]})
    return Status(200, s.portfolio)


class AhpIn(Schema):
    judge: str
    judgements: dict[str, float]  # "key_a/key_b" -> how many times a is more important than b (1/9..9)
    accept_inconsistent: bool = False


class WeightsOut(Schema):
    weights: dict[str, float]
    consistency_ratio: float | None
    worst_triple: str


@router.post("/planning/studies/{study_id}/judgements/ahp", response={200: WeightsOut, 422: dict})
def study_ahp(request, study_id: int, payload: AhpIn):
    """Store one judge's pairwise comparisons; the study's weights become the judges' geometric mean.

    CR > 0.1 answers 422 naming the most inconsistent triple, unless accept_inconsistent is true.
    """
    from techbridge.core.decision import InconsistentJudgementError

    _planner(request)
    s = get_object_or_404(Study, pk=study_id)
    keys = [c.key for c in s.criteria.all()]
    judgements: dict[tuple[int, int], float] = {}
    for pair, value in payload.judgements.items():
        a, _sep, b = pair.partition("/")
        if a not in keys or b not in keys or a == b:
            raise ValidationError({"judgements": [f"{pair!r}: name two different criteria as key_a/key_b"]})
        if not (1 / 9 - 1e-9 <= value <= 9 + 1e-9):
            raise ValidationError({"judgements": [f"{pair!r}: {value} is outside Saaty's scale 1/9..9"]})
        i, j = keys.index(a), keys.index(b)
        judgements[(i, j) if i < j else (j, i)] = value if i < j else 1 / value
    labels = {c.key: c.label for c in s.criteria.all()}
    try:
        result = services.ahp_judgement_save(
            study=s,
            judge=payload.judge,
            by=request.user,
            judgements=judgements,
            accept_inconsistent=payload.accept_inconsistent,
        )
    except InconsistentJudgementError as exc:
        triple = exc.result.worst_triple
        text = services.describe_triple(triple, labels) if triple else ""
        message = (
            f"consistency ratio {exc.result.consistency_ratio:.3f} > 0.1; most inconsistent triple: {text}"
        )
        return Status(422, {"detail": [{"field": "judgements", "message": message}]})
    s.refresh_from_db()
    return Status(
        200,
        {
            "weights": {c.key: c.weight for c in s.criteria.all()},
            "consistency_ratio": s.weights_report.get("consistency_ratio", result.consistency_ratio),
            "worst_triple": s.weights_report.get("worst_triple", ""),
        },
    )


class PlanOut(Schema):
    id: int
    title: str
    start: dt.date
    end: dt.date


@router.get("/planning/plans", response=list[PlanOut])
def plan_list(request):
    _planner(request)
    return [{"id": p.pk, "title": p.title, "start": p.start, "end": p.end} for p in Plan.objects.all()]


@router.get("/planning/plans/{plan_id}", response=dict)
def plan_detail(request, plan_id: int):
    """Goals and targets with the current value (live where computed), status, expected progress and trend."""
    _planner(request)
    plan = get_object_or_404(Plan, pk=plan_id)
    goals = selectors.plan_dashboard(plan)
    return {
        "id": plan.pk,
        "title": plan.title,
        "start": str(plan.start),
        "end": str(plan.end),
        "status_counts": selectors.status_counts(goals),
        "goals": [
            {
                "title": g.goal.title,
                "depth": g.depth,
                "targets": [
                    {
                        "title": t.target.title,
                        "value": t.value,
                        "target": t.target.target_value,
                        "due": str(t.target.due),
                        "metric": t.target.metric,
                        "params": t.target.metric_params,
                        "status": t.progress.status if t.progress else None,
                        "achieved": t.progress.achieved if t.progress else None,
                        "expected": t.progress.expected if t.progress else None,
                        "trend": t.trend.direction if t.trend else None,
                    }
                    for t in g.targets
                ],
            }
            for g in goals
        ],
    }


class ProgrammeOut(Schema):
    id: int
    title: str
    kind: str
    status: str
    start: dt.date
    end: dt.date | None
    partners: list[str]

    @staticmethod
    def resolve_partners(obj) -> list[str]:
        return [o.key for o in obj.partners.all()]


@router.get("/planning/programmes", response=list[ProgrammeOut])
def programme_list(request):
    """Programmes the caller may see: all for planners, the ones they take part in for others."""
    return list(selectors.visible_programmes(request.user).prefetch_related("partners"))


class CalendarEventOut(Schema):
    id: int
    title: str
    kind: str
    country: str | None
    city: str | None
    start: dt.date
    end: dt.date | None
    url: str

    @staticmethod
    def resolve_country(obj) -> str | None:
        return obj.country_id

    @staticmethod
    def resolve_city(obj) -> str | None:
        return obj.city.key if obj.city else None


@router.get("/planning/calendar", response=list[CalendarEventOut])
def calendar(request, country: str = "", kind: str = ""):
    """Expos, ministerial and docking conferences, delegation visits; filter by country code and kind."""
    return list(selectors.calendar_events(country=country, kind=kind))
