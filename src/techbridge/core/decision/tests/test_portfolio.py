"""Portfolio choice: exact optimum on hand-solved cases, and explained infeasibility."""

import itertools

import pytest

from techbridge.core.decision import (
    DecisionInputError,
    PortfolioInfeasible,
    PortfolioSite,
    choose_portfolio,
    topsis,
)
from techbridge.core.decision.portfolio import min_cost
from techbridge.core.decision.sites_demo import demo_matrix, demo_portfolio_sites

SITES = [
    PortfolioSite("Warsaw", "PL", 10, 5),
    PortfolioSite("Lodz", "PL", 9, 3),
    PortfolioSite("Budapest", "HU", 7, 2),
    PortfolioSite("Belgrade", "RS", 4, 1),
]


def test_it_picks_the_best_pair_under_budget_and_country_cap():
    # at most 1 per country, budget 8: Warsaw+Budapest 17 (cost 7) beats Lodz+Budapest 16 and Warsaw+Belgrade 14
    p = choose_portfolio(SITES, k=2, budget=8, max_per_country=1)
    assert p.sites == ("Warsaw", "Budapest")
    assert (p.total_score, p.total_cost) == (17, 7)
    assert p.per_country == {"PL": 1, "HU": 1}


def test_without_a_country_cap_two_polish_sites_win():
    assert choose_portfolio(SITES, k=2, budget=8).sites == ("Warsaw", "Lodz")


def test_a_tight_budget_changes_the_choice():
    # budget 6: Lodz+Budapest 16 (cost 5) beats Warsaw+Belgrade 14 (cost 6)
    assert choose_portfolio(SITES, k=2, budget=6, max_per_country=1).sites == ("Lodz", "Budapest")


def test_at_most_k_may_choose_fewer_sites():
    p = choose_portfolio(SITES, k=3, budget=5, exactly_k=False)
    # Lodz+Budapest 16 (cost 5) beats Warsaw alone 10; any three sites cost more than 5
    assert p.sites == ("Lodz", "Budapest")


def test_required_and_excluded_sites_are_respected():
    p = choose_portfolio(SITES, k=2, budget=8, max_per_country=1, required=["Belgrade"], excluded=["Warsaw"])
    assert p.sites == ("Lodz", "Belgrade")


def test_an_unaffordable_request_names_the_cheapest_sites():
    with pytest.raises(PortfolioInfeasible) as err:
        choose_portfolio(SITES, k=2, budget=2, max_per_country=1)
    assert "the cheapest 2 sites allowed (Belgrade, Budapest) cost 3 > budget 2" in str(err.value)


def test_too_few_countries_is_explained():
    with pytest.raises(PortfolioInfeasible) as err:
        choose_portfolio(SITES, k=4, budget=100, max_per_country=1)
    assert err.value.reasons == (
        "too few countries: 3 countries allow at most 3 sites at <= 1 per country, but k = 4",
    )


def test_too_many_sites_and_conflicting_requirements_are_explained():
    with pytest.raises(PortfolioInfeasible, match="k = 5 sites requested but only 4 candidates"):
        choose_portfolio(SITES, k=5, budget=100)
    with pytest.raises(PortfolioInfeasible, match="2 required sites in PL exceed 1 per country"):
        choose_portfolio(SITES, k=2, budget=100, max_per_country=1, required=["Warsaw", "Lodz"])
    with pytest.raises(PortfolioInfeasible, match="the required sites alone cost 8 > budget 7"):
        choose_portfolio(SITES, k=3, budget=7, required=["Warsaw", "Lodz"])


def test_the_cheapest_choice_respects_the_country_cap():
    assert min_cost(SITES, 2, 1) == (3, ["Belgrade", "Budapest"])
    assert min_cost(SITES, 4, 1) is None


def test_it_rejects_bad_input():
    with pytest.raises(DecisionInputError, match="k .* must be >= 1"):
        choose_portfolio(SITES, k=0, budget=1)
    with pytest.raises(DecisionInputError, match="unknown site"):
        choose_portfolio(SITES, k=1, budget=1, required=["Oslo"])
    with pytest.raises(DecisionInputError, match="duplicate site name"):
        choose_portfolio([*SITES, SITES[0]], k=1, budget=10)
    with pytest.raises(DecisionInputError, match="both required and excluded"):
        choose_portfolio(SITES, k=1, budget=10, required=["Lodz"], excluded=["Lodz"])


def test_it_finds_the_brute_force_optimum_on_the_demo_sites():
    dm = demo_matrix()
    sites = demo_portfolio_sites(dict(zip(dm.alternatives, topsis(dm).scores, strict=True)))
    p = choose_portfolio(sites, k=3, budget=1200, max_per_country=1)
    best = max(
        (
            c
            for c in itertools.combinations(sites, 3)
            if sum(s.cost for s in c) <= 1200 and len({s.country for s in c}) == 3
        ),
        key=lambda c: sum(s.score for s in c),
    )
    assert p.total_score == pytest.approx(sum(s.score for s in best))
    assert p.total_cost <= 1200
