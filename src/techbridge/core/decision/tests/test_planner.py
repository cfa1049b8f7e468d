"""The planner's full run on the illustrative sites: deterministic, progress reported, plain-data output."""

import json

from techbridge.core.decision import plan_sites
from techbridge.core.decision.sites_demo import demo_matrix, synthetic_matrix


def test_it_ranks_the_demo_sites_with_every_method():
    seen = []
    plan = plan_sites(demo_matrix(), smaa_samples=1_000, seed=3, progress=lambda f, m: seen.append(f))
    assert {r.method for r in plan.rankings} == {"topsis", "promethee_ii", "vikor"}
    assert plan.compromise.method == "copeland"
    assert len(plan.stability) == 7 and all(w.top == plan.topsis.top for w in plan.stability)
    assert seen == sorted(seen) and seen[0] == 0.0 and seen[-1] == 1.0
    json.dumps(plan.as_dict())


def test_same_seed_same_plan():
    a = plan_sites(demo_matrix(), smaa_samples=500, seed=11)
    b = plan_sites(demo_matrix(), smaa_samples=500, seed=11)
    assert a.as_dict() == b.as_dict()


def test_smaa_can_be_skipped_and_large_tables_run():
    plan = plan_sites(synthetic_matrix(60, 8, seed=1), smaa_samples=0)
    assert plan.smaa is None and len(plan.compromise.order) == 60


def test_degenerate_tables_rank_without_errors():
    import warnings

    from techbridge.core.decision import Criterion, DecisionMatrix, topsis, weight_stability

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        one_site = DecisionMatrix(["A"], [Criterion("x"), Criterion("y")], [[1, 2]])
        assert plan_sites(one_site, smaa_samples=10).compromise.order == ("A",)
        identical = DecisionMatrix(["A", "B"], [Criterion("x"), Criterion("y")], [[1, 1], [1, 1]])
        assert topsis(identical).scores.tolist() == [0.5, 0.5]
        assert plan_sites(identical, smaa_samples=10).compromise.ranks.tolist() == [1, 1]
        one_criterion = DecisionMatrix(["A", "B"], [Criterion("x")], [[1], [2]])
        (interval,) = weight_stability(one_criterion)
        assert (interval.top, interval.low, interval.high) == ("B", 0.0, 1.0)
