"""End-to-end pipeline on a tiny index worked by hand; stages, results, analysis, weights, progress."""

import json

import numpy as np
import pandas as pd
import pytest

from techbridge.core.indicators import DataError, Framework, Method, MethodError, Pipeline, write_result

FW = {
    "unit_column": "u",
    "groups": ["g"],
    "indicators": [
        {"code": "a", "parent": "P", "denominator": "pop"},
        {"code": "b", "parent": "P", "direction": -1},
        {"code": "c", "parent": "Q"},
    ],
    "aggregates": [{"code": "P", "parent": "I", "weight": 3}, {"code": "Q", "parent": "I"}, {"code": "I"}],
}
DATA = pd.DataFrame(
    {
        "u": ["x", "y", "z"],
        "g": ["G1", "G1", "G2"],
        "pop": [1.0, 2.0, 4.0],
        "a": [2.0, 8.0, 4.0],
        "b": [1.0, 3.0, 2.0],
        "c": [5.0, np.nan, 1.0],
    }
)


def run(method=None, **kw):
    return Pipeline(Framework.from_dict(FW), Method.from_dict(method or {"impute": "mean"}), **kw).run(DATA)


def test_every_stage_is_kept_and_computed_as_by_hand():
    res = run()
    assert list(res.stages) == [
        "Raw",
        "Denominated",
        "Screened",
        "Imputed",
        "Treated",
        "Normalised",
        "Aggregated",
    ]
    assert res.stages["Denominated"]["a"].tolist() == [2.0, 4.0, 1.0]
    assert res.stages["Imputed"].loc["y", "c"] == 3.0
    norm = res.stages["Normalised"]
    assert norm["a"].tolist() == pytest.approx([100 / 3, 100, 0])
    assert norm["b"].tolist() == pytest.approx([100, 0, 50])  # lower is better
    assert norm["c"].tolist() == pytest.approx([100, 50, 0])
    agg = res.stages["Aggregated"]
    assert agg["P"].tolist() == pytest.approx([(100 / 3 + 100) / 2, 50, 25])
    assert agg["I"].tolist() == pytest.approx([(3 * 200 / 3 + 100) / 4, (150 + 50) / 4, 75 / 4])


def test_results_hold_scores_and_ranks_root_first():
    res = run()
    assert list(res.results.columns) == ["I", "P", "Q", "I_rank", "P_rank", "Q_rank"]
    assert res.results.index.tolist() == ["x", "y", "z"]
    assert res.results["I_rank"].tolist() == [1, 2, 3]


def test_analysis_has_statistics_correlations_pca_alpha_and_effective_weights():
    res = run({"impute": "mean", "treat": "winsorise"})
    an = res.analysis
    assert an["statistics"]["Raw"]["c"]["missing_share"] == pytest.approx(1 / 3)
    assert an["statistics"]["Treated"]["a"]["treatment"] == "none"
    assert an["effective_weights"]["a"] == pytest.approx(0.375)
    assert set(an["correlations"]["within"]["P"]) == {"a", "b"}
    assert an["correlations"]["with_parent"]["a"] == pytest.approx(
        np.corrcoef([100 / 3, 100, 0], [200 / 3, 50, 25])[0, 1]
    )
    assert "P" in an["cronbach_alpha"]
    json.dumps(an)  # JSON-ready


def test_progress_is_reported_up_to_one():
    seen = []
    run(progress=lambda f, m: seen.append((f, m)))
    assert seen[-1] == (1.0, "done") and [f for f, _ in seen] == sorted(f for f, _ in seen)


def test_weights_methods_change_the_aggregation():
    eq = run({"impute": "mean", "weights": "equal"})
    assert eq.weights["P"] == 1.0 and eq.effective_weights["a"] == pytest.approx(0.25)
    manual = run({"impute": "mean", "weights": {"method": "manual", "values": {"a": 0}}})
    assert manual.stages["Aggregated"]["P"].tolist() == pytest.approx(
        manual.stages["Normalised"]["b"].tolist()
    )
    ahp = run({"impute": "mean", "weights": {"method": "ahp", "judgements": {"I": {"P>Q": 3}}}})
    assert ahp.weights["P"] == pytest.approx(0.75) and ahp.analysis["ahp"]["I"]["cr"] == 0.0
    budget = run(
        {"impute": "mean", "weights": {"method": "budget", "allocations": {"P": [{"a": 80, "b": 20}]}}}
    )
    assert budget.weights["a"] == pytest.approx(0.8)


def test_inconsistent_ahp_is_refused_naming_the_aggregate():
    fw = dict(
        FW,
        aggregates=[
            {"code": "P", "parent": "I"},
            {"code": "Q", "parent": "I"},
            {"code": "R", "parent": "I"},
            {"code": "I"},
        ],
    )
    fw["indicators"] = [*FW["indicators"], {"code": "d", "parent": "R"}]
    data = DATA.assign(d=[1.0, 2.0, 3.0])
    m = Method.from_dict(
        {"impute": "mean", "weights": {"method": "ahp", "judgements": {"I": {"P>Q": 9, "Q>R": 9, "R>P": 9}}}}
    )
    with pytest.raises(MethodError, match="'I' are inconsistent"):
        Pipeline(Framework.from_dict(fw), m).run(data)


def test_geometric_mean_of_z_scores_is_refused_with_the_element_named():
    with pytest.raises(DataError, match="aggregate 'P' \\(geometric mean\\)"):
        run({"impute": "mean", "normalise": "zscore", "aggregate": "geometric"})


def test_a_unit_below_the_aggregation_threshold_is_named():
    with pytest.raises(DataError, match="aggregate 'Q': unit 'y'"):
        run({"aggregate": {"threshold": 1.0}})


def test_missing_columns_bad_numbers_and_unknown_options_are_named():
    with pytest.raises(DataError, match="missing column\\(s\\) c"):
        Pipeline(Framework.from_dict(FW), Method()).run(DATA.drop(columns="c"))
    with pytest.raises(DataError, match="indicator 'b' of unit 'y' is not a number"):
        Pipeline(Framework.from_dict(FW), Method()).run(DATA.assign(b=["1", "n/a", "2"]))
    with pytest.raises(MethodError, match="impute: unknown method 'magic'"):
        Method.from_dict({"impute": "magic"})
    with pytest.raises(MethodError, match="treat: unknown option"):
        Method.from_dict({"treat": {"skew_limit": 3}})


def test_panel_data_is_reduced_to_the_latest_period_after_imputation():
    fw = dict(FW, time_column="t")
    older = DATA.assign(t=2020, c=[5.0, 7.0, 1.0])
    newer = DATA.assign(t=2021)
    res = Pipeline(Framework.from_dict(fw), Method.from_dict({"impute": "latest"})).run(
        pd.concat([older, newer])
    )
    assert res.stages["Imputed"].loc["y", "c"] == 7.0


def test_write_result_writes_every_stage_results_and_analysis(tmp_path):
    files = write_result(run(), tmp_path)
    names = {f.name for f in files}
    assert {"Data_Raw.csv", "Data_Aggregated.csv", "results.csv", "analysis.json", "treatment.csv"} <= names
    back = pd.read_csv(tmp_path / "Data_Normalised.csv", index_col="u")
    assert back.loc["x", "b"] == 100.0


def test_copeland_and_per_level_methods_can_be_chosen():
    res = run({"impute": "mean", "aggregate": {"method": "arithmetic", "by_node": {"P": "copeland"}}})
    # normalised a = (33.3, 100, 0), b = (100, 0, 50), equal weights:
    # x vs y: one child each (tie); x vs z: x wins both; y vs z: one each (tie) -> x +1, y 0, z -1
    assert res.stages["Aggregated"]["P"].tolist() == [1.0, 0.0, -1.0]


def test_pca_weights_are_used_for_indicator_groups():
    res = run({"impute": "mean", "weights": "pca"})
    assert res.weights["a"] + res.weights["b"] == pytest.approx(1.0)
    assert res.weights["c"] == 1.0  # single child keeps its framework weight
