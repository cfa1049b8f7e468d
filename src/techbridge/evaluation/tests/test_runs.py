"""Index runs: hand-checked scores, unit strengths and weaknesses, uncertainty, failures shown, years compared."""

import pytest
from django.core.exceptions import ValidationError

from techbridge.evaluation import runs, selectors, services, uploads
from techbridge.evaluation.tests.factories import TINY_CSV, csv_file, tiny_spec

pytestmark = pytest.mark.django_db


def _run(spec, text=TINY_CSV, year=2025, mc_runs=0, by=None):
    fw = services.framework_create(by=None, spec=spec)
    (ds,) = uploads.dataset_upload(framework=fw, by=None, upload=csv_file(text), year=year)
    run = runs.run_create(framework=fw, dataset=ds, by=by, mc_runs=mc_runs)
    return runs.run_start(run=run, by=by, result_url="/evaluation/")


def test_it_ranks_the_units_as_computed_by_hand(world):
    run = _run(tiny_spec(), by=world["users"]["analyst"])
    assert run.state == "done" and run.job is not None and run.job.state == "done"
    ranking = selectors.ranking(run)
    assert [(r["unit"], r["rank"], round(r["score"], 6)) for r in ranking] == [
        ("C", 1, 75),
        ("B", 2, 50),
        ("A", 3, 25),
    ]


def test_a_units_strengths_and_weaknesses_are_its_best_and_worst_ranked_indicators(world):
    run = _run(tiny_spec())
    profile = selectors.unit_profile(run, "A", top=1)
    assert (profile["rank"], profile["score"]) == (3, 25)
    assert [(i["code"], i["rank"], i["value"]) for i in profile["strengths"]] == [("y", 1, 100)]
    assert [(i["code"], i["rank"], i["value"]) for i in profile["weaknesses"]] == [("x", 3, 0)]
    assert selectors.unit_profile(run, "nobody") is None


def test_monte_carlo_gives_a_rank_interval_per_unit_and_sobol_indices_per_assumption(world):
    spec = tiny_spec()
    spec["uncertainty"] = {"weights_noise": 0.5, "aggregate": ["arithmetic", "geometric"], "seed": 3}
    spec["method"]["normalise"] = {"method": "minmax", "low": 1, "high": 100}
    run = _run(spec, mc_runs=64)
    rows = {r["unit"]: r for r in selectors.ranking(run)}
    for row in rows.values():
        assert 1 <= row["rank_p05"] <= row["median_rank"] <= row["rank_p95"] <= 3
    assert set(run.uncertainty["sobol"]) == {"weights", "aggregate"}


def test_too_little_data_for_the_threshold_fails_the_run_naming_the_unit(world):
    run = _run(
        tiny_spec(aggregate={"method": "arithmetic", "threshold": 0.9}), "unit,x,y\nA,1,\nB,2,3\nC,3,1\n"
    )
    assert run.state == "failed"
    assert "unit 'A'" in run.error and "threshold" in run.error
    assert run.job.state == "done" and run.job.result["state"] == "failed"  # the job ran; the run failed


def test_negative_values_under_a_geometric_mean_fail_the_run_with_the_cores_message(world):
    run = _run(tiny_spec(normalise="zscore", aggregate="geometric"))
    assert run.state == "failed" and "geometric" in run.error and "'Index'" in run.error


def test_a_run_needs_a_dataset_of_its_framework_and_a_sane_sample_size(world):
    run = _run(tiny_spec())
    other = services.framework_create(by=None, spec=tiny_spec())
    with pytest.raises(ValidationError, match="another framework"):
        runs.run_create(framework=other, dataset=run.dataset, by=None)
    with pytest.raises(ValidationError, match="between 0 and 20000"):
        runs.run_create(framework=run.framework, dataset=run.dataset, by=None, mc_runs=10**6)


def test_years_are_compared_with_the_latest_run_of_each_year(world):
    first = _run(tiny_spec(), year=2024)
    (ds,) = uploads.dataset_upload(
        framework=first.framework, by=None, upload=csv_file("unit,x,y\nA,10,1\nB,5,2\nC,0,3\n"), year=2025
    )
    second = runs.run_start(run=runs.run_create(framework=first.framework, dataset=ds, by=None), by=None)
    table = selectors.year_comparison(second)
    assert table["years"] == [2024, 2025]
    a = next(r for r in table["rows"] if r["unit"] == "A")
    assert [(c["rank"], round(c["score"])) for c in a["cells"]] == [(3, 25), (1, 100)]
    from techbridge.evaluation import charts

    svg = charts.line_chart(table["years"], [("A", [25.0, None])], title="A by year")
    assert "<polyline" not in svg and svg.count("<circle") == 1  # a missing year leaves a gap


def test_only_finished_runs_are_published(world):
    run = _run(tiny_spec(normalise="zscore", aggregate="geometric"))
    with pytest.raises(ValidationError, match="finished"):
        runs.run_publish(run=run, by=None)


def test_a_leader_on_every_indicator_has_strengths_and_no_weaknesses(world):
    run = _run(tiny_spec(), "unit,x,y\nA,10,1\nB,5,2\nC,0,3\n")  # A best on both
    profile = selectors.unit_profile(run, "A")
    assert [i["code"] for i in profile["strengths"]] == ["x", "y"] and profile["weaknesses"] == []
    middle = selectors.unit_profile(run, "B")  # exactly at the peer mean on both: neither
    assert middle["strengths"] == [] and middle["weaknesses"] == []
