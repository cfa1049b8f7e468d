"""Build `world_110m.json` (country outlines for the planner's map) from world-atlas's TopoJSON.

Source: the npm package world-atlas 2.0.2 (`npm pack world-atlas@2.0.2`, file countries-110m.json,
ISC licence, Copyright 2013-2019 Michael Bostock), itself Natural Earth 1:110m Admin 0 countries
(public domain, naturalearthdata.com). Kept: countries touching the map extent, coordinates rounded to
0.1 degree. Run: `python -m techbridge.planning.geo.build_world path/to/countries-110m.json`.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

EXTENT = (-25.0, 0.0, 150.0, 72.0)  # lon_min, lat_min, lon_max, lat_max: Europe and Asia
OUT = Path(__file__).with_name("world_110m.json")


def decode_arcs(topo: dict) -> list[list[tuple[float, float]]]:
    """Delta-decoded, quantised arcs -> absolute (lon, lat) points (TopoJSON specification, section 2.1.2)."""
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring(arcs: list[list[tuple[float, float]]], indexes: list[int]) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def build(source: Path) -> dict:
    topo = json.loads(source.read_text())
    arcs = decode_arcs(topo)
    countries = []
    for geom in topo["objects"]["countries"]["geometries"]:
        polygons = geom.get("arcs") or []
        if geom["type"] == "Polygon":
            polygons = [polygons]
        rings = [[[round(x, 1), round(y, 1)] for x, y in ring(arcs, r)] for poly in polygons for r in poly]
        xs = [p[0] for r in rings for p in r]
        ys = [p[1] for r in rings for p in r]
        if not xs or max(xs) < EXTENT[0] or min(xs) > EXTENT[2] or max(ys) < EXTENT[1] or min(ys) > EXTENT[3]:
            continue
        countries.append({"id": geom.get("id", ""), "name": geom["properties"]["name"], "rings": rings})
    return {
        "source": "Natural Earth 1:110m admin 0 countries (public domain) via world-atlas 2.0.2 (ISC)",
        "countries": countries,
    }


if __name__ == "__main__":
    OUT.write_text(json.dumps(build(Path(sys.argv[1])), separators=(",", ":"), ensure_ascii=False))
    print(OUT, OUT.stat().st_size, "bytes")
