"""Monte Carlo uncertainty and Sobol' sensitivity: reproducible with a seed, consistent with SALib."""

import numpy as np
import pandas as pd
import pytest
from SALib.analyze import sobol as sobol_analyze

from techbridge.core.indicators import (
    Framework,
    Method,
    MethodError,
    Pipeline,
    UncertaintyAnalysis,
    UncertaintySpec,
)
from techbridge.core.indicators.uncertainty import sobol_per_unit

RNG = np.random.default_rng(3)
N_UNITS = 12
FW = Framework.from_dict(
    {
        "groups": ["g"],
        "indicators": [{"code": f"i{j}", "parent": f"P{j % 3}"} for j in range(9)],
        "aggregates": [{"code": f"P{p}", "parent": "I"} for p in range(3)] + [{"code": "I"}],
    }
)
DATA = pd.DataFrame(RNG.lognormal(size=(N_UNITS, 9)), columns=[f"i{j}" for j in range(9)])
DATA.iloc[2, 4] = np.nan
DATA.insert(0, "uCode", [f"U{i}" for i in range(N_UNITS)])
DATA.insert(1, "g", ["a", "b"] * (N_UNITS // 2))
METHOD = Method.from_dict(
    {
        "impute": {"method": "group_mean", "group": "g"},
        "treat": "winsorise",
        "normalise": {"method": "minmax", "low": 1, "high": 100},
    }
)
SPEC = UncertaintySpec(
    weights_noise=0.3,
    normalise=({"method": "minmax", "low": 1, "high": 100}, "rank"),
    aggregate=("arithmetic", "geometric"),
    treat_skew=(2.0, None),
    impute=("group_mean", "median"),
    runs=200,
    seed=11,
    resamples=20,
)


def fit(spec=SPEC, progress=None):
    return UncertaintyAnalysis(Pipeline(FW, METHOD), spec, progress=progress).fit(DATA).result_


def test_the_same_seed_gives_identical_results():
    a, b = fit(), fit()
    assert np.array_equal(a.scores, b.scores)
    pd.testing.assert_frame_equal(a.ranks, b.ranks)
    pd.testing.assert_frame_equal(a.sobol, b.sobol)
    pd.testing.assert_frame_equal(a.sobol_units["ST"], b.sobol_units["ST"])


def test_another_seed_gives_another_sample():
    assert not np.array_equal(fit().samples, fit(UncertaintySpec(**{**SPEC.__dict__, "seed": 12})).samples)


def test_rank_intervals_contain_the_median_and_cover_every_unit():
    res = fit()
    assert res.runs == 32 * 7  # N = 32 (power of two) x (5 factors + 2) >= 200
    assert len(res.ranks) == N_UNITS and res.factors == [
        "weights",
        "normalise",
        "aggregate",
        "treatment",
        "imputation",
    ]
    r = res.ranks
    assert ((r.rank_p05 <= r.median_rank) & (r.median_rank <= r.rank_p95)).all()
    assert r.rank_p05.min() >= 1 and r.rank_p95.max() <= N_UNITS


def test_sobol_indices_are_bounded_and_total_at_least_about_first_order():
    s = fit().sobol
    assert list(s.index) == ["weights", "normalise", "aggregate", "treatment", "imputation"]
    assert (s["ST"] >= -0.05).all() and s["ST"].sum() > 0


def test_per_unit_indices_equal_salib_analyze_for_each_unit():
    res = fit()
    ua = UncertaintyAnalysis(Pipeline(FW, METHOD), SPEC)
    prob, _ = ua._problem(res.factors)
    ranks = pd.DataFrame(res.scores).rank(ascending=False, method="min").to_numpy()
    mine = sobol_per_unit(ranks.T, len(res.factors))
    for unit in (0, 5):
        ref = sobol_analyze.analyze(prob, ranks[unit], calc_second_order=False, num_resamples=2, seed=1)
        np.testing.assert_allclose(mine["S1"][unit], ref["S1"], atol=1e-12)
        np.testing.assert_allclose(mine["ST"][unit], ref["ST"], atol=1e-12)


def test_progress_reaches_one_and_never_goes_back():
    seen = []
    fit(progress=lambda f, m: seen.append(f))
    assert seen[-1] == 1.0 and seen == sorted(seen)


def test_the_summary_is_json_ready():
    import json

    out = fit().as_dict()
    assert json.loads(json.dumps(out))["sobol"]["weights"]["ST"] == out["sobol"]["weights"]["ST"]
    assert len(out["ranks"]) == N_UNITS and set(out["sobol_units"]) == {"S1", "ST"}


def test_nothing_to_vary_is_an_error():
    with pytest.raises(MethodError, match="nothing varies"):
        fit(UncertaintySpec(weights_noise=0))
