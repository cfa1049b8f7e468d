"""ILLUSTRATIVE reference dataset: 32 candidate sites for an overseas innovation centre.

City coordinates are real (city centres, rounded). Every criterion value is ILLUSTRATIVE: plausible
orders of magnitude chosen for demos and tests, not measurements or an assessment of any country or city.
The criteria follow the seed text: proximity to overseas economic and trade cooperation zones (computed
from the coordinates below, which are approximate), access to China-Europe Railway Express lines (e.g.
Yiwu-Xinjiang-Europe) and the China-Europe Land-Sea Express, leading enterprises as backbone, the
country's lead in the target technologies, international standards alignment, risk and annual cost.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from .matrix import Criterion, DecisionMatrix
from .portfolio import PortfolioSite

ILLUSTRATIVE = True


@dataclass(frozen=True)
class DemoSite:
    """A candidate city; scores 0-10 except rail (0-3 ordinal) and cost (k EUR per year)."""

    name: str
    country: str  # ISO 3166-1 alpha-2
    lat: float
    lon: float
    rail_access: int  # 3 hub/terminal, 2 on a line, 1 connected by a branch, 0 none
    leading_enterprises: float
    tech_leadership: float
    standards_alignment: float
    risk: float
    cost_keur: float


# Approximate locations of cooperation zones and hubs named in public sources (illustrative).
ZONES: Mapping[str, tuple[float, float]] = {
    "China-Belarus Industrial Park Great Stone (Minsk region)": (53.93, 27.87),
    "China-Hungary Borsod Industrial Zone (Kazincbarcika)": (48.25, 20.62),
    "Central European Trade and Logistics Cooperation Zone (Budapest)": (47.43, 19.07),
    "Piraeus port logistics hub": (37.94, 23.63),
    "Borca industrial park (Belgrade)": (44.87, 20.46),
    "Khorgos Gateway dry port (Kazakhstan)": (44.21, 80.40),
}

_S = DemoSite
DEMO_SITES: tuple[DemoSite, ...] = (
    _S("Warsaw", "PL", 52.23, 21.01, 3, 8, 6, 9, 3, 620),
    _S("Lodz", "PL", 51.76, 19.46, 3, 5, 6, 9, 3, 430),
    _S("Poznan", "PL", 52.41, 16.93, 2, 5, 6, 9, 3, 470),
    _S("Krakow", "PL", 50.06, 19.94, 1, 5, 6, 9, 3, 520),
    _S("Prague", "CZ", 50.08, 14.44, 2, 7, 7, 9, 3, 650),
    _S("Brno", "CZ", 49.20, 16.61, 1, 4, 7, 9, 3, 480),
    _S("Budapest", "HU", 47.50, 19.04, 3, 9, 6, 9, 3, 560),
    _S("Debrecen", "HU", 47.53, 21.63, 1, 6, 6, 9, 3, 380),
    _S("Bratislava", "SK", 48.15, 17.11, 2, 5, 5, 9, 3, 560),
    _S("Kosice", "SK", 48.72, 21.26, 2, 2, 5, 9, 3, 360),
    _S("Ljubljana", "SI", 46.06, 14.51, 1, 4, 7, 9, 2, 560),
    _S("Zagreb", "HR", 45.82, 15.98, 1, 4, 4, 9, 3, 500),
    _S("Belgrade", "RS", 44.79, 20.45, 2, 8, 4, 7, 4, 400),
    _S("Novi Sad", "RS", 45.27, 19.83, 1, 5, 4, 7, 4, 340),
    _S("Sofia", "BG", 42.70, 23.32, 1, 5, 4, 9, 4, 360),
    _S("Plovdiv", "BG", 42.14, 24.75, 1, 3, 4, 9, 4, 290),
    _S("Bucharest", "RO", 44.43, 26.10, 1, 5, 5, 9, 4, 480),
    _S("Cluj-Napoca", "RO", 46.77, 23.62, 0, 3, 5, 9, 4, 400),
    _S("Piraeus", "GR", 37.94, 23.65, 3, 8, 5, 9, 3, 540),
    _S("Thessaloniki", "GR", 40.64, 22.94, 1, 3, 5, 9, 3, 420),
    _S("Tirana", "AL", 41.33, 19.82, 0, 2, 2, 6, 5, 300),
    _S("Sarajevo", "BA", 43.86, 18.41, 0, 2, 2, 5, 5, 300),
    _S("Podgorica", "ME", 42.43, 19.26, 0, 2, 2, 7, 5, 310),
    _S("Skopje", "MK", 42.00, 21.43, 2, 3, 3, 7, 5, 280),
    _S("Tallinn", "EE", 59.44, 24.75, 1, 2, 8, 9, 6, 600),
    _S("Riga", "LV", 56.95, 24.11, 2, 2, 5, 9, 6, 480),
    _S("Vilnius", "LT", 54.69, 25.28, 2, 2, 6, 9, 7, 500),
    _S("Minsk", "BY", 53.90, 27.56, 3, 7, 4, 4, 8, 320),
    _S("Almaty", "KZ", 43.22, 76.85, 3, 5, 3, 4, 5, 380),
    _S("Tashkent", "UZ", 41.30, 69.24, 2, 4, 2, 3, 6, 300),
    _S("Tbilisi", "GE", 41.72, 44.83, 2, 3, 3, 6, 5, 290),
    _S("Istanbul", "TR", 41.01, 28.98, 2, 7, 6, 7, 6, 580),
)

DEMO_CRITERIA: tuple[Criterion, ...] = (
    Criterion("zone_distance_km", "cost", 0.15),
    Criterion("rail_access", "benefit", 0.15),
    Criterion("leading_enterprises", "benefit", 0.15),
    Criterion("tech_leadership", "benefit", 0.15),
    Criterion("standards_alignment", "benefit", 0.10),
    Criterion("risk", "cost", 0.15),
    Criterion("cost_keur", "cost", 0.15),
)


def haversine_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in km between two (lat, lon) points (mean Earth radius 6371 km)."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def zone_distance_km(site: DemoSite) -> float:
    """Distance from the site to the nearest zone or hub in ZONES."""
    return min(haversine_km((site.lat, site.lon), z) for z in ZONES.values())


def demo_matrix() -> DecisionMatrix:
    """The 32 illustrative sites x 7 criteria, with the default weights."""
    rows = [
        [
            round(zone_distance_km(s), 1),
            s.rail_access,
            s.leading_enterprises,
            s.tech_leadership,
            s.standards_alignment,
            s.risk,
            s.cost_keur,
        ]
        for s in DEMO_SITES
    ]
    return DecisionMatrix([s.name for s in DEMO_SITES], DEMO_CRITERIA, rows)


def demo_portfolio_sites(scores: Mapping[str, float]) -> list[PortfolioSite]:
    """Portfolio candidates from the demo sites: given scores, cost = annual cost in k EUR."""
    return [PortfolioSite(s.name, s.country, float(scores[s.name]), s.cost_keur) for s in DEMO_SITES]


def synthetic_matrix(n_sites: int = 200, n_criteria: int = 12, seed: int = 0) -> DecisionMatrix:
    """A random (seeded) sites x criteria table for benchmarks: a third cost criteria, random weights."""
    rng = np.random.default_rng(seed)
    crits = [
        Criterion(f"c{j + 1}", "cost" if j % 3 == 2 else "benefit", float(rng.uniform(0.5, 2.0)))
        for j in range(n_criteria)
    ]
    values = rng.gamma(2.0, 10.0, size=(n_sites, n_criteria)) + 1.0
    return DecisionMatrix([f"site{i:04d}" for i in range(n_sites)], crits, values)
