"""Server-side SVG map of candidate sites: equirectangular projection (standard parallel 45 N) over a
Europe-Asia extent, country outlines from Natural Earth 1:110m (see build_world.py), one circle per site
sized and coloured by its score. Pure Python; the template draws the returned shapes."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

WORLD = Path(__file__).with_name("world_110m.json")
DEFAULT_EXTENT = (-12.0, 30.0, 82.0, 62.0)  # lon_min, lat_min, lon_max, lat_max
WIDTH = 960.0
COS_PHI = math.cos(math.radians(45.0))


@dataclass(frozen=True)
class Mark:
    name: str
    x: float
    y: float
    r: float
    colour: str
    score: float
    label: str


@dataclass(frozen=True)
class MapShapes:
    width: float
    height: float
    countries: tuple[tuple[str, str], ...]  # (name, svg path)
    marks: tuple[Mark, ...]


@cache
def _world() -> tuple[tuple[str, tuple[tuple[tuple[float, float], ...], ...]], ...]:
    data = json.loads(WORLD.read_text())
    return tuple(
        (c["name"], tuple(tuple((p[0], p[1]) for p in ring) for ring in c["rings"]))
        for c in data["countries"]
    )


def extent_for(points: list[tuple[float, float]], pad: float = 4.0) -> tuple[float, float, float, float]:
    """A box around the (lat, lon) points with padding, never smaller than 30 x 15 degrees."""
    if not points:
        return DEFAULT_EXTENT
    lats, lons = [p[0] for p in points], [p[1] for p in points]
    lo_lon, hi_lon = min(lons) - pad, max(lons) + pad
    lo_lat, hi_lat = min(lats) - pad, max(lats) + pad
    if hi_lon - lo_lon < 30:
        mid = (hi_lon + lo_lon) / 2
        lo_lon, hi_lon = mid - 15, mid + 15
    if hi_lat - lo_lat < 15:
        mid = (hi_lat + lo_lat) / 2
        lo_lat, hi_lat = mid - 7.5, mid + 7.5
    return (lo_lon, lo_lat, hi_lon, hi_lat)


def colour(t: float) -> str:
    """Score in [0, 1] -> a red (low) to green (high) colour through amber."""
    t = min(1.0, max(0.0, t))
    hue = 120 * t
    return f"hsl({hue:.0f}, 70%, 42%)"


def site_map(sites: list[dict], extent: tuple[float, float, float, float] | None = None) -> MapShapes:
    """sites: dicts with name, lat, lon, score (any scale), label. Sites without coordinates are skipped."""
    placed = [s for s in sites if s.get("lat") is not None and s.get("lon") is not None]
    lon0, lat0, lon1, lat1 = extent or extent_for([(s["lat"], s["lon"]) for s in placed])
    sx = WIDTH / ((lon1 - lon0) * COS_PHI)
    height = round((lat1 - lat0) * sx, 1)

    def project(lon: float, lat: float) -> tuple[float, float]:
        return ((lon - lon0) * COS_PHI * sx, (lat1 - lat) * sx)

    countries = []
    for name, rings in _world():
        parts = []
        for ring in rings:
            if all(
                lon < lon0 - 20 or lon > lon1 + 20 or lat < lat0 - 20 or lat > lat1 + 20 for lon, lat in ring
            ):
                continue
            pts = [project(lon, lat) for lon, lat in ring]
            parts.append("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in pts) + "Z")
        if parts:
            countries.append((name, "".join(parts)))
    scores = [float(s["score"]) for s in placed]
    lo, hi = (min(scores), max(scores)) if scores else (0.0, 1.0)
    marks = []
    for s in sorted(placed, key=lambda s: float(s["score"])):  # best drawn last, on top
        t = 0.5 if hi == lo else (float(s["score"]) - lo) / (hi - lo)
        x, y = project(s["lon"], s["lat"])
        marks.append(
            Mark(
                s["name"],
                round(x, 1),
                round(y, 1),
                round(4 + 10 * t, 1),
                colour(t),
                float(s["score"]),
                s.get("label", s["name"]),
            )
        )
    return MapShapes(WIDTH, height, tuple(countries), tuple(marks))
