"""The illustrative reference dataset: coverage, real coordinates, complete values."""

import pytest

from techbridge.core.decision import sites_demo
from techbridge.core.decision.sites_demo import DEMO_SITES, demo_matrix, haversine_km, synthetic_matrix

CEE_17 = {
    "AL",
    "BA",
    "BG",
    "HR",
    "CZ",
    "EE",
    "GR",
    "HU",
    "LV",
    "LT",
    "ME",
    "MK",
    "PL",
    "RO",
    "RS",
    "SK",
    "SI",
}


def test_it_is_marked_illustrative():
    assert sites_demo.ILLUSTRATIVE is True
    assert "ILLUSTRATIVE" in (sites_demo.__doc__ or "")


def test_it_covers_the_17_cee_countries_and_other_partners():
    countries = {s.country for s in DEMO_SITES}
    assert countries >= CEE_17
    assert countries - CEE_17 == {"BY", "KZ", "UZ", "GE", "TR"}
    assert len(DEMO_SITES) == 32


def test_coordinates_are_plausible_and_distances_real():
    for s in DEMO_SITES:
        assert 35 < s.lat < 60 and 14 < s.lon < 77, s.name
    # Warsaw - Budapest great-circle distance is about 545 km
    assert haversine_km((52.23, 21.01), (47.50, 19.04)) == pytest.approx(545, abs=5)


def test_the_demo_matrix_is_complete():
    dm = demo_matrix()
    assert dm.shape == (32, 7)
    assert dm.weights.sum() == pytest.approx(1.0)
    minsk = dm.values[dm.index_of("Minsk"), 0]
    assert minsk < 30  # Great Stone industrial park is next to Minsk


def test_synthetic_matrix_is_seeded():
    a, b = synthetic_matrix(20, 5, seed=3), synthetic_matrix(20, 5, seed=3)
    assert (a.values == b.values).all() and a.shape == (20, 5)
