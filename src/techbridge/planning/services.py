"""Writes of the location planner: studies, sites (form; uploads in site_import), computed values, judgements
(AHP, BWM), runs (rankings + robustness) and portfolios. techbridge.core.decision does the maths."""

from __future__ import annotations

import math
import warnings

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from techbridge.core.decision import (
    AHPResult,
    BWMResult,
    DecisionInputError,
    Portfolio,
    PortfolioSite,
    ahp_weights,
    bwm_weights,
    choose_portfolio,
    group_ahp_weights,
    group_bwm_weights,
    plan_sites,
)
from techbridge.planning import metrics
from techbridge.planning.models import Judgement, Site, Study, StudyCriterion
from techbridge.planning.selectors import study_matrix

# The seed text's criteria, plus risk and cost (values 0-10 unless a unit is given).
DEFAULT_CRITERIA = (
    (
        "zone_distance_km",
        "Distance to the nearest overseas economic and trade cooperation zone (km)",
        "cost",
        0.15,
    ),
    ("rail_access", "China-Europe Railway Express access, e.g. Yiwu-Xinjiang-Europe (0-3)", "benefit", 0.15),
    ("leading_enterprises", "Leading enterprises as backbone", "benefit", 0.15),
    ("tech_leadership", "Country's lead in the target technologies", "benefit", 0.15),
    ("standards_alignment", "International standards alignment", "benefit", 0.10),
    ("risk", "Risk", "cost", 0.15),
    ("cost_keur", "Annual cost (k EUR)", "cost", 0.15),
)


def study_create(
    *, title: str, by, level: str = "city", description: str = "", default_criteria: bool = True
) -> Study:
    with transaction.atomic():
        study = Study.objects.create(title=title, level=level, description=description, created_by=by)
        if default_criteria:
            for pos, (key, label, kind, weight) in enumerate(DEFAULT_CRITERIA):
                StudyCriterion.objects.create(
                    study=study, key=key, label=label, kind=kind, weight=weight, position=pos
                )
    return study


def criterion_add(*, study: Study, key: str, label: str, kind: str, metric: str = "") -> StudyCriterion:
    if metric and metric not in metrics.SITE_METRICS:
        raise DecisionInputError(_("Unknown metric {metric}.").format(metric=metric))
    crit = StudyCriterion.objects.create(
        study=study, key=key, label=label, kind=kind, metric=metric, position=study.criteria.count()
    )
    if metric:
        criteria_compute(study=study)
    _invalidate(study)
    return crit


def _invalidate(study: Study) -> None:
    """Inputs changed: the stored run and portfolio no longer describe them."""
    Study.objects.filter(pk=study.pk).update(result=None, result_at=None, portfolio=None)
    study.result = study.result_at = study.portfolio = None


def site_save(*, study: Study, site: Site | None = None, data: dict) -> Site:
    """Create or update a site from cleaned form data (criterion values under their keys)."""
    site = site or Site(study=study)
    for name in ("name", "country", "city", "lat", "lon", "cost"):
        setattr(site, name, data.get(name))
    site.cost = site.cost or 0
    site.values = {**site.values, **{c.key: data.get(c.key) for c in study.criteria.all() if not c.metric}}
    if site.city and (site.lat is None or site.lon is None):
        site.lat, site.lon = site.city.lat, site.city.lon
    site.save()
    criteria_compute(study=study)
    _invalidate(study)
    return site


def site_delete(*, site: Site) -> None:
    study = site.study
    site.delete()
    _invalidate(study)


def criteria_compute(*, study: Study) -> int:
    """Fill every computed criterion's value for every site from platform records; returns cells set."""
    computed = [c for c in study.criteria.all() if c.metric]
    cells = 0
    for site in study.sites.all():
        for crit in computed:
            site.values[crit.key] = float(metrics.SITE_METRICS[crit.metric].fn(site))
            cells += 1
        if computed:
            site.save(update_fields=["values"])
    return cells


# --- weights ------------------------------------------------------------------------------------------


def saaty_text(value: float) -> str:
    """A judgement as people write it: 3, 1/5, or 2.47 for a geometric mean."""
    if value >= 1:
        return f"{value:.3g}"
    inverse = 1 / value
    return f"1/{round(inverse)}" if abs(inverse - round(inverse)) < 1e-6 else f"{value:.3g}"


def describe_triple(triple, labels: dict[str, str]) -> str:
    """The most inconsistent triple in the criteria's labels and Saaty's notation."""
    i, j, k = (labels.get(x, x) for x in (triple.i, triple.j, triple.k))
    return _(
        "{i} / {j} = {a_ij} and {j} / {k} = {a_jk} imply {i} / {k} = {implied}, but it was judged {a_ik}"
    ).format(
        i=i,
        j=j,
        k=k,
        a_ij=saaty_text(triple.a_ij),
        a_jk=saaty_text(triple.a_jk),
        implied=saaty_text(triple.a_ij * triple.a_jk),
        a_ik=saaty_text(triple.a_ik),
    )


def ahp_matrix(names: list[str], judgements: dict[tuple[int, int], float]) -> list[list[float]]:
    """Full reciprocal matrix from upper-triangle judgements {(i, j): a_ij}, i < j."""
    n = len(names)
    a = [[1.0] * n for _ in range(n)]
    for (i, j), value in judgements.items():
        a[i][j], a[j][i] = value, 1.0 / value
    return a


def ahp_judgement_save(
    *,
    study: Study,
    judge: str,
    by,
    judgements: dict[tuple[int, int], float],
    accept_inconsistent: bool = False,
) -> AHPResult:
    """Store one judge's pairwise comparisons; raises InconsistentJudgementError (CR > 0.1) unless accepted.

    Then the study's weights become the group weights (geometric mean of every AHP judge's matrix).
    """
    names = [c.key for c in study.criteria.all()]
    matrix = ahp_matrix(names, judgements)
    result = ahp_weights(matrix, names, on_inconsistent="ignore" if accept_inconsistent else "raise")
    with transaction.atomic():
        Judgement.objects.update_or_create(
            study=study,
            method="ahp",
            judge=judge,
            defaults={
                "by": by,
                "data": {"matrix": matrix},
                "consistency_ratio": result.consistency_ratio,
                "weights": result.as_dict(),
            },
        )
        weights_apply(study=study, method="ahp")
    return result


def bwm_judgement_save(
    *, study: Study, judge: str, by, best_to_others: list[float], others_to_worst: list[float]
) -> BWMResult:
    names = [c.key for c in study.criteria.all()]
    result = bwm_weights(best_to_others, others_to_worst, names)
    with transaction.atomic():
        Judgement.objects.update_or_create(
            study=study,
            method="bwm",
            judge=judge,
            defaults={
                "by": by,
                "data": {"best_to_others": best_to_others, "others_to_worst": others_to_worst},
                "consistency_ratio": result.input_consistency_ratio,
                "weights": result.as_dict(),
            },
        )
        weights_apply(study=study, method="bwm")
    return result


def weights_apply(*, study: Study, method: str) -> dict:
    """Criteria weights from all judges of one method (AHP: geometric mean of matrices; BWM: of vectors)."""
    criteria = list(study.criteria.all())
    names = [c.key for c in criteria]
    judged = [
        j for j in study.judgements.filter(method=method) if set(j.weights) == set(names)
    ]  # jsonb keeps no key order
    if not judged:
        raise DecisionInputError(_("No judgements over the current criteria."))
    report: dict = {"method": method, "judges": [j.judge for j in judged]}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if method == "ahp":
            group = group_ahp_weights([j.data["matrix"] for j in judged], names, on_inconsistent="ignore")
            report["consistency_ratio"] = group.consistency_ratio
            labels = {c.key: c.label for c in criteria}
            report["worst_triple"] = describe_triple(group.worst_triple, labels) if group.worst_triple else ""
        else:
            try:
                group = group_bwm_weights(
                    [j.data["best_to_others"] for j in judged],
                    [j.data["others_to_worst"] for j in judged],
                    names,
                )
            except DecisionInputError:  # judges disagree on best/worst: geometric mean of their weights
                logs = [[math.log(max(j.weights[n], 1e-12)) for n in names] for j in judged]
                w = [math.exp(sum(col) / len(col)) for col in zip(*logs, strict=True)]
                group = None
                weights = dict(zip(names, [x / sum(w) for x in w], strict=True))
    if group is not None:
        weights = group.as_dict()
    for crit in criteria:
        crit.weight = weights[crit.key]
        crit.save(update_fields=["weight"])
    report["weights"] = weights
    study.weights_source, study.weights_report = method, report
    study.save(update_fields=["weights_source", "weights_report", "updated_at"])
    _invalidate(study)
    return report


def weights_set(*, study: Study, weights: dict[str, float]) -> None:
    """Direct weights (e.g. the defaults, or typed in)."""
    for crit in study.criteria.all():
        crit.weight = float(weights[crit.key])
        crit.save(update_fields=["weight"])
    study.weights_source, study.weights_report = "", {}
    study.save(update_fields=["weights_source", "weights_report", "updated_at"])
    _invalidate(study)


# --- runs and portfolios ------------------------------------------------------------------------------


def study_run(*, study: Study, progress=None) -> dict:
    """Every ranking, SMAA-2 and weight stability for the study's current table; stored on the study.

    A missing criterion value raises DecisionInputError naming the site and the criterion.
    """
    criteria_compute(study=study)
    dm = study_matrix(study)
    plan = plan_sites(dm, smaa_samples=study.smaa_samples, seed=study.seed, progress=progress)
    result = plan.as_dict()
    # stored under a stable key whatever the compromise rule (copeland or borda)
    result["rankings"]["compromise"] = result["rankings"].pop(plan.compromise.method)
    result["compromise_rule"] = plan.compromise.method
    result["weights"] = dict(zip(dm.criterion_names, map(float, dm.weights), strict=True))
    Study.objects.filter(pk=study.pk).update(result=result, result_at=timezone.now(), portfolio=None)
    study.result, study.portfolio = result, None
    return result


def portfolio_choose(
    *, study: Study, k: int, budget: float, max_per_country: int | None, score: str = "compromise"
) -> Portfolio:
    """The best k sites (by the chosen ranking's score) within the budget and the per-country cap (exact).

    Raises PortfolioInfeasible (with `reasons`) when no choice exists; needs a stored run.
    """
    if not study.result:
        raise DecisionInputError(_("Rank the sites first."))
    ranking = study.result["rankings"][score if score in study.result["rankings"] else "compromise"]
    n = len(ranking["ranks"])
    scores = (
        ranking["scores"]
        if ranking["method"] == "topsis"
        else {a: float(n - r + 1) for a, r in ranking["ranks"].items()}
    )  # rank points: comparable across methods whose raw scores run in opposite directions
    sites = [
        PortfolioSite(s.name, s.country_id, float(scores[s.name]), float(s.cost))
        for s in study.sites.all()
        if s.name in scores
    ]
    portfolio = choose_portfolio(sites, k, budget, max_per_country)
    stored = {
        "k": k,
        "budget": budget,
        "max_per_country": max_per_country,
        "score": ranking["method"],
        "sites": list(portfolio.sites),
        "total_score": portfolio.total_score,
        "total_cost": portfolio.total_cost,
        "per_country": portfolio.per_country,
    }
    Study.objects.filter(pk=study.pk).update(portfolio=stored)
    study.portfolio = stored
    return portfolio
