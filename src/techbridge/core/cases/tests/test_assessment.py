import math

import pytest

from techbridge.core.cases.assessment import (
    CRITERIA,
    aggregate,
    conflict_reason,
    overall,
    summarise,
    validate_scores,
)


def test_it_summarises_two_evaluators_by_hand():
    # 2 and 4: mean 3, deviations -1 and +1, population variance 1, sd 1
    assert summarise([2, 4]) == (2, 3.0, 2, 4, 1.0)


def test_three_scores_have_the_hand_computed_spread():
    # 1, 3, 5: mean 3; squared deviations 4, 0, 4 -> variance 8/3
    n, mean, lo, hi, std = summarise([1, 3, 5])
    assert (n, mean, lo, hi) == (3, 3.0, 1, 5)
    assert std == pytest.approx(math.sqrt(8 / 3))


def test_one_evaluator_has_no_spread_and_none_has_no_mean():
    assert summarise([4]) == (1, 4.0, 4, 4, 0.0)
    assert summarise([]) == (0, None, None, None, None)


def test_it_aggregates_per_criterion_and_skips_missing_scores():
    sheets = [{"readiness": 5, "ip": 2}, {"readiness": 3}]
    out = {s.criterion: s for s in aggregate(sheets, criteria=("readiness", "ip", "team"))}
    assert out["readiness"].mean == 4.0 and out["readiness"].std == 1.0
    assert out["ip"].n == 1 and out["ip"].mean == 2.0
    assert out["team"].n == 0 and out["team"].mean is None
    assert overall(list(out.values())) == 3.0  # (4 + 2) / 2


def test_it_rejects_a_score_out_of_range_naming_the_field():
    scores = dict.fromkeys(CRITERIA, 3) | {"market": 6}
    clean, errors = validate_scores(scores)
    assert list(errors) == ["score_market"]
    assert "from 1 to 5" in errors["score_market"] and "6" in errors["score_market"]
    assert "market" not in clean


def test_it_rejects_missing_non_integer_and_unknown_scores():
    scores = dict.fromkeys(CRITERIA, "4") | {"ip": "", "team": "3.5", "charm": 5}
    clean, errors = validate_scores(scores)
    assert set(errors) == {"score_ip", "score_team", "scores"}
    assert clean["readiness"] == 4


def test_conflict_of_interest_names_the_reason():
    assert conflict_reason(7, [7, 9], []) == "organisation"
    assert conflict_reason(None, [7, 9], [9]) == "tie"
    assert conflict_reason(1, [7, 9], [3]) is None
