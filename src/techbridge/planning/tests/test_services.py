"""Planner and plan services: import, judgements, runs, portfolios, metrics and the demo."""

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from techbridge.core.decision import DecisionInputError, InconsistentJudgementError, PortfolioInfeasible
from techbridge.planning import metrics, services, services_plans, site_import
from techbridge.planning.models import Goal, Plan, Site, Study


def csv_upload(text: str, name: str = "sites.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


def test_an_import_with_a_bad_row_saves_nothing_and_names_row_and_column(study):
    upload = csv_upload(
        "name,country,lat,lon,cost,rail,talent,risk\n"
        "Gdansk,PL,54.35,18.65,500,2,6,3\n"
        "Atlantis,XX,10,10,100,1,1,1\n"
        "Ostrava,CZ,49.8,18.3,abc,1,5,2\n"
    )
    outcome = site_import.sites_import(study=study, upload=upload, filename="sites.csv")
    assert not outcome.ok
    assert any("Row 3" in e and "XX" in e for e in outcome.errors)
    assert any("Row 4" in e and "cost" in e for e in outcome.errors)
    assert not Site.objects.filter(name="Gdansk").exists()


def test_an_xlsx_import_creates_and_updates_sites(study):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["name", "country", "lat", "lon", "cost", "rail", "talent", "risk"])
    ws.append(["Gdansk", "PL", 54.35, 18.65, 500, 2, 6, 3])
    ws.append(["Warsaw", "PL", 52.2, 21.0, 610, 3, 8, 3])
    buffer = io.BytesIO()
    wb.save(buffer)
    upload = SimpleUploadedFile("sites.xlsx", buffer.getvalue())
    outcome = site_import.sites_import(study=study, upload=upload, filename="sites.xlsx")
    assert outcome.ok, outcome.errors
    assert (outcome.created, outcome.updated) == (1, 1)
    assert Site.objects.get(study=study, name="Warsaw").cost == 610


def test_an_import_of_another_file_type_is_refused(study):
    outcome = site_import.sites_import(study=study, upload=csv_upload("x", "sites.pdf"), filename="sites.pdf")
    assert outcome.errors == ["Upload a .csv or .xlsx file."]


def test_a_missing_value_names_the_site_and_the_criterion(study):
    Site.objects.filter(name="Brno").update(values={"rail": 1, "talent": 6})
    with pytest.raises(DecisionInputError, match="Brno.*risk"):
        services.study_run(study=study)


def test_inconsistent_judgements_are_refused_naming_the_worst_triple(study, world):
    # rail 9x talent, talent 9x risk, but risk 9x rail: a cycle
    bad = {(0, 1): 9.0, (1, 2): 9.0, (0, 2): 1 / 9}
    with pytest.raises(InconsistentJudgementError, match=r"rail, talent, risk"):
        services.ahp_judgement_save(study=study, judge="A", by=None, judgements=bad)
    assert not study.judgements.exists()
    kept = services.ahp_judgement_save(
        study=study, judge="A", by=None, judgements=bad, accept_inconsistent=True
    )
    assert kept.consistency_ratio > 0.1 and study.judgements.count() == 1


def test_two_judges_are_combined_by_geometric_mean(study):
    services.ahp_judgement_save(study=study, judge="A", by=None, judgements={(0, 1): 4, (0, 2): 4, (1, 2): 1})
    services.ahp_judgement_save(study=study, judge="B", by=None, judgements={(0, 1): 1, (0, 2): 1, (1, 2): 1})
    study.refresh_from_db()
    # geometric mean of 4 and 1 is 2: rail twice as important as each of the others -> weights 1/2, 1/4, 1/4
    weights = {c.key: c.weight for c in study.criteria.all()}
    assert weights == pytest.approx({"rail": 0.5, "talent": 0.25, "risk": 0.25})
    assert study.weights_report["judges"] == ["A", "B"]


def test_best_worst_judgements_set_the_weights(study):
    services.bwm_judgement_save(
        study=study, judge="A", by=None, best_to_others=[1, 2, 4], others_to_worst=[4, 2, 1]
    )
    weights = {c.key: c.weight for c in study.criteria.all()}
    assert weights["rail"] > weights["talent"] > weights["risk"]


def test_a_run_stores_rankings_smaa_and_stability(study):
    result = services.study_run(study=study)
    assert set(result["rankings"]) == {"topsis", "promethee_ii", "vikor", "compromise"}
    assert result["smaa"]["n_samples"] == 200
    assert len(result["stability"]) == 3
    study.refresh_from_db()
    assert study.result_at is not None


def test_a_portfolio_respects_the_country_cap_and_budget(study):
    services.study_run(study=study)
    portfolio = services.portfolio_choose(study=study, k=2, budget=1300, max_per_country=1)
    assert sorted(portfolio.per_country.values()) == [1, 1]
    assert portfolio.total_cost <= 1300
    assert study.portfolio["sites"] == list(portfolio.sites)


def test_an_infeasible_portfolio_is_explained(study):
    services.study_run(study=study)
    with pytest.raises(PortfolioInfeasible) as info:
        services.portfolio_choose(study=study, k=3, budget=5000, max_per_country=1)
    assert any("too few countries" in r for r in info.value.reasons)
    with pytest.raises(PortfolioInfeasible, match="cheapest 2 sites"):
        services.portfolio_choose(study=study, k=2, budget=100, max_per_country=None)


def test_a_computed_criterion_counts_organisations_per_country(study):
    services.criterion_add(
        study=study, key="partners", label="Partners", kind="benefit", metric="partner_density"
    )
    values = {s.name: s.values["partners"] for s in study.sites.all()}
    assert values == {"Warsaw": 2.0, "Lodz": 2.0, "Prague": 0.0, "Brno": 0.0}  # two Polish organisations


def test_target_metrics_read_platform_records(world):
    assert metrics.target_metric_value("profiles_published") == 1
    assert metrics.target_metric_value("profiles_published", {"country": "PL"}) == 1
    assert metrics.target_metric_value("organisations", {"country": "PL"}) == 2
    with pytest.raises(ValueError, match="unknown metric"):
        metrics.target_metric_value("agreements_signed")
    with pytest.raises(ValueError, match="no parameter city"):
        metrics.target_metric_value("profiles_published", {"city": "ningbo"})


def test_a_live_target_follows_the_records(world):
    from techbridge.planning.selectors import plan_dashboard

    plan = Plan.objects.create(title="P", start=dt.date(2025, 1, 1), end=dt.date(2027, 1, 1))
    goal = Goal.objects.create(plan=plan, title="G")
    services_plans.target_add(
        goal=goal,
        data={
            "title": "Published",
            "target_value": 2,
            "start": plan.start,
            "due": plan.end,
            "metric": "profiles_published",
            "metric_params": {},
        },
    )
    view = plan_dashboard(plan, today=dt.date(2026, 1, 1))[0].targets[0]
    assert view.value == 1 and view.progress.status == "on_track"  # 50 % done, ~50 % expected
    world["draft"].status = "published"
    world["draft"].save()
    assert plan_dashboard(plan, today=dt.date(2026, 1, 1))[0].targets[0].progress.status == "achieved"


def test_the_demo_creates_the_3362_plan_and_thirty_sites(world):
    from techbridge.directory.services import reference_data_load
    from techbridge.planning.demo import planning_demo_load

    reference_data_load()
    counts = planning_demo_load(run=False)
    assert counts["sites"] >= 28
    assert counts["targets"] >= 10
    again = planning_demo_load(run=False)
    assert again == counts
    assert Study.objects.filter(is_demo=True).count() == 1
