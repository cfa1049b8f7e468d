from techbridge.core.matching import CompatibilityRules, MatchDocument

RULES = CompatibilityRules()


def codes(query, doc):
    factor, reasons = RULES.assess(query, doc)
    return factor, [r.code for r in reasons], reasons


def test_an_offer_answers_a_request_but_not_another_offer():
    request = MatchDocument("r", text="t", kind="request")
    assert codes(request, MatchDocument("o", text="t", kind="offer"))[:2] == (1.0, ["kind_compatible"])
    factor, found, _ = codes(
        MatchDocument("o2", text="t", kind="offer"), MatchDocument("o", text="t", kind="offer")
    )
    assert found == ["kind_mismatch"] and factor == RULES.kind_mismatch


def test_trl_below_the_required_level_is_demoted_by_the_gap():
    request = MatchDocument("r", text="t", kind="request", trl_min=7)
    factor, found, reasons = codes(request, MatchDocument("o", text="t", kind="offer", trl=5))
    assert "trl_below" in found and factor == 1.0 - 2 * RULES.trl_gap_per_level
    assert reasons[-1].params == {"required": 7, "actual": 5}
    assert "trl_ok" in codes(request, MatchDocument("o", text="t", kind="offer", trl=8))[1]
    # the rule holds from either side
    assert "trl_below" in codes(MatchDocument("o", text="t", trl=5), request)[1]


def test_shared_partnership_types_are_a_bonus_and_disjoint_ones_a_penalty():
    q = MatchDocument("r", text="t", partnerships=("licence", "joint_rd"))
    factor, found, reasons = codes(q, MatchDocument("o", text="t", partnerships=("licence",)))
    assert found == ["partnership_shared"] and factor > 1 and reasons[0].params == {"types": ["licence"]}
    factor, found, _ = codes(q, MatchDocument("o", text="t", partnerships=("investment",)))
    assert found == ["partnership_mismatch"] and factor < 1


def test_target_countries_are_checked_in_both_directions():
    q = MatchDocument("r", text="t", target_countries=("PL", "HU"), country="CN")
    factor, found, reasons = codes(q, MatchDocument("o", text="t", country="PL"))
    assert found == ["country_targeted"] and reasons[0].params == {"country": "PL"} and factor > 1
    factor, found, _ = codes(q, MatchDocument("o", text="t", country="DE"))
    assert found == ["country_not_targeted"] and factor < 1
    factor, found, _ = codes(
        MatchDocument("r", text="t", country="CN"),
        MatchDocument("o", text="t", country="PL", target_countries=("CN",)),
    )
    assert found == ["country_targets_you"]


def test_no_structured_data_is_neutral():
    assert codes(MatchDocument("a", text="t"), MatchDocument("b", text="t"))[:2] == (1.0, [])
