"""A tile map: each unit a labelled square in its rough geographic position (no world geometry needed).

Positions come from latitude/longitude snapped to a grid; a unit whose cell is taken moves to the nearest
free cell (ties broken by distance, then row, then column), so neighbours stay roughly neighbours.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from techbridge.evaluation.charts import shade

# The CASS preset's cities (approximate city centres), so its map never depends on the directory's contents.
EXTRA_PLACES = {
    "ningbo": (29.87, 121.54),
    "tianjin": (39.34, 117.36),
    "shanghai": (31.23, 121.47),
    "beijing": (39.90, 116.41),
    "chengdu": (30.57, 104.07),
    "hangzhou": (30.27, 120.16),
    "shenzhen": (22.54, 114.06),
    "chongqing": (29.56, 106.55),
    "xi'an": (34.34, 108.94),
    "wuhan": (30.59, 114.31),
    "guangzhou": (23.13, 113.26),
    "qingdao": (36.07, 120.38),
    "xiamen": (24.48, 118.09),
    "harbin": (45.80, 126.53),
    "zhengzhou": (34.75, 113.63),
}


@dataclass(frozen=True)
class Tile:
    code: str
    label: str
    value: float | None
    lat: float
    lon: float
    href: str = ""


def place(tiles: Sequence[Tile], columns: int | None = None) -> dict[str, tuple[int, int]]:
    """code -> (row, column) with no two tiles in one cell; the grid has about 1.5 sqrt(n) cells across."""
    if not tiles:
        return {}
    lons = [t.lon for t in tiles]
    lats = [t.lat for t in tiles]
    columns = columns or max(3, round(1.5 * math.sqrt(len(tiles))))
    span = max(max(lons) - min(lons), max(lats) - min(lats), 1e-6)
    step = span / max(columns - 1, 1)
    taken: dict[tuple[int, int], str] = {}
    out: dict[str, tuple[int, int]] = {}
    # place the densest-looking tiles first in a fixed order so the layout is deterministic
    for t in sorted(tiles, key=lambda t: (-t.lat, t.lon, t.code)):
        want = (round((max(lats) - t.lat) / step), round((t.lon - min(lons)) / step))
        cell = _nearest_free(want, taken)
        taken[cell] = t.code
        out[t.code] = cell
    return out


def _nearest_free(want: tuple[int, int], taken: dict[tuple[int, int], str]) -> tuple[int, int]:
    if want not in taken:
        return want
    for radius in range(1, 50):
        ring = [
            (want[0] + dr, want[1] + dc)
            for dr in range(-radius, radius + 1)
            for dc in range(-radius, radius + 1)
            if max(abs(dr), abs(dc)) == radius
        ]
        free = [c for c in ring if c not in taken and c[0] >= 0 and c[1] >= 0]
        if free:
            return min(free, key=lambda c: (math.dist(c, want), c))
    raise ValueError("no free cell")  # unreachable for fewer than ~10,000 tiles


def tile_map(tiles: Sequence[Tile], *, title: str, low: float = 0, high: float = 100) -> SafeString:
    """SVG of the placed tiles, coloured by value and labelled with name and value."""
    cells = place(tiles)
    size, gap = 78, 4
    rows = max((r for r, _ in cells.values()), default=0) + 1
    cols = max((c for _, c in cells.values()), default=0) + 1
    body = []
    for t in tiles:
        r, c = cells[t.code]
        x, y = c * (size + gap) + 4, r * (size + gap) + 4
        fill, ink = shade(t.value, low, high)
        value = "n/a" if t.value is None else f"{t.value:.1f}"
        square = (
            f'<rect x="{x}" y="{y}" width="{size}" height="{size}" rx="6" fill="{fill}" stroke="#fff"/>'
            f'<text x="{x + size / 2}" y="{y + size / 2 - 4}" text-anchor="middle" font-size="12" fill="{ink}">'
            f"{escape(t.label[:12])}</text>"
            f'<text x="{x + size / 2}" y="{y + size / 2 + 14}" text-anchor="middle" font-size="13" '
            f'font-weight="700" fill="{ink}">{value}</text>'
        )
        if t.href:
            square = f'<a href="{escape(t.href)}"><title>{escape(t.label)}: {value}</title>{square}</a>'
        body.append(square)
    width, height = cols * (size + gap) + 8, rows * (size + gap) + 8
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" role="img" '
        f'class="chart tilemap" style="max-width:{width}px"><title>{escape(title)}</title>'
    )
    return mark_safe(head + "".join(body) + "</svg>")
