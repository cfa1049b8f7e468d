"""Server-rendered inline SVG charts (no JavaScript, no chart library): bars, radar, rank intervals, Sobol'.

Each function returns safe SVG markup with role="img" and a <title> for screen readers; every label is
escaped. Values outside the axis are clipped, missing values are drawn as "n/a".
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

BLUE = "#2563a8"
ORANGE = "#d9822b"
GREY = "#9aa5b1"


def _svg(width: int, height: int, title: str, body: list[str]) -> SafeString:
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" '
        f'role="img" class="chart" style="max-width:{width}px"><title>{escape(title)}</title>'
    )
    return mark_safe(head + "".join(body) + "</svg>")


def text_width(text: str, size: float = 12) -> float:
    """Rough rendered width: CJK characters are square, Latin ones about half as wide."""
    return sum(size if ord(c) >= 0x2E80 else size * 0.55 for c in text)


def _left(labels, minimum: int = 80, maximum: int = 280) -> int:
    return int(min(max([minimum, *(text_width(str(t)) + 14 for t in labels)]), maximum))


def _x(value: float, low: float, high: float, left: float, width: float) -> float:
    value = min(max(value, low), high)
    return left + (value - low) / (high - low or 1) * width


def bar_chart(
    items: Sequence[tuple[str, float | None]],
    *,
    title: str,
    low: float = 0,
    high: float = 100,
    highlight: str = "",
) -> SafeString:
    """Horizontal bars, one per (label, value), in the given order."""
    left, width, row = _left(label for label, _ in items), 380, 22
    body = []
    for i, (label, value) in enumerate(items):
        y = 10 + i * row
        colour = ORANGE if label == highlight else BLUE
        body.append(
            f'<text x="{left - 6}" y="{y + 14}" text-anchor="end" font-size="12">{escape(label)}</text>'
        )
        if value is None:
            body.append(f'<text x="{left + 4}" y="{y + 14}" font-size="11" fill="{GREY}">n/a</text>')
            continue
        end = _x(value, low, high, left, width)
        body.append(
            f'<rect x="{left}" y="{y + 3}" width="{end - left:.1f}" height="{row - 8}" fill="{colour}"/>'
        )
        body.append(f'<text x="{end + 4:.1f}" y="{y + 14}" font-size="11">{value:.1f}</text>')
    return _svg(left + width + 50, 20 + len(items) * row, title, body)


def radar_chart(
    axes: Sequence[str],
    series: Sequence[tuple[str, Sequence[float | None]]],
    *,
    title: str,
    high: float = 100,
) -> SafeString:
    """A polygon per series over the axes (0 at the centre, ``high`` at the rim); missing values count as 0."""
    size, cx, cy, r = 420, 210, 200, 140
    n = max(len(axes), 3)
    colours = [BLUE, ORANGE, "#3a9a5b", "#8e44ad"]

    def point(i: int, value: float) -> tuple[float, float]:
        angle = -math.pi / 2 + 2 * math.pi * i / n
        share = min(max(value, 0.0), high) / high
        return cx + r * share * math.cos(angle), cy + r * share * math.sin(angle)

    body = []
    for ring in (0.25, 0.5, 0.75, 1.0):
        pts = " ".join(f"{x:.1f},{y:.1f}" for x, y in (point(i, ring * high) for i in range(n)))
        body.append(f'<polygon points="{pts}" fill="none" stroke="#d5dbe3"/>')
    for i, label in enumerate(axes):
        x, y = point(i, high * 1.13)
        anchor = "middle" if abs(x - cx) < 10 else ("start" if x > cx else "end")
        body.append(
            f'<line x1="{cx}" y1="{cy}" x2="{point(i, high)[0]:.1f}" y2="{point(i, high)[1]:.1f}" stroke="#d5dbe3"/>'
        )
        body.append(
            f'<text x="{x:.1f}" y="{y + 4:.1f}" text-anchor="{anchor}" font-size="12">{escape(label)}</text>'
        )
    for k, (name, values) in enumerate(series):
        colour = colours[k % len(colours)]
        pts = " ".join(f"{x:.1f},{y:.1f}" for x, y in (point(i, v or 0.0) for i, v in enumerate(values)))
        body.append(
            f'<polygon points="{pts}" fill="{colour}" fill-opacity="0.18" stroke="{colour}" stroke-width="2"/>'
        )
        body.append(f'<rect x="10" y="{size - 20 - 16 * k}" width="10" height="10" fill="{colour}"/>')
        body.append(f'<text x="26" y="{size - 11 - 16 * k}" font-size="12">{escape(name)}</text>')
    return _svg(size + 60, size, title, body)


def interval_chart(rows: Sequence[dict], *, title: str, n_units: int) -> SafeString:
    """Rank intervals: a line from the 5th to the 95th percentile rank, a dot at the median, a ring at the
    nominal rank (rank 1 on the left). ``rows``: label, nominal_rank, median_rank, rank_p05, rank_p95."""
    left, width, row = (
        160,
        370,
        20,
    )  # 10 px between the labels and rank 1, so a ring there does not touch them
    high = max(n_units, 2)
    body = [
        f'<text x="{left}" y="12" font-size="11" fill="{GREY}">1</text>',
        f'<text x="{left + width}" y="12" font-size="11" text-anchor="end" fill="{GREY}">{high}</text>',
    ]
    for i, r in enumerate(rows):
        y = 26 + i * row
        body.append(
            f'<text x="{left - 14}" y="{y + 4}" text-anchor="end" font-size="12">{escape(r["label"])}</text>'
        )
        if r.get("rank_p05") is None:
            continue
        x1, x2 = (_x(r[k], 1, high, left, width) for k in ("rank_p05", "rank_p95"))
        body.append(
            f'<line x1="{x1:.1f}" y1="{y}" x2="{x2:.1f}" y2="{y}" stroke="{BLUE}" stroke-width="4" stroke-linecap="round" stroke-opacity="0.45"/>'
        )
        body.append(
            f'<circle cx="{_x(r["median_rank"], 1, high, left, width):.1f}" cy="{y}" r="4.5" fill="{BLUE}"/>'
        )
        if r.get("nominal_rank") is not None:
            body.append(
                f'<circle cx="{_x(r["nominal_rank"], 1, high, left, width):.1f}" cy="{y}" r="6.5" fill="none" stroke="{ORANGE}" stroke-width="2"/>'
            )
    return _svg(left + width + 30, 36 + len(rows) * row, title, body)


def sobol_chart(factors: Sequence[tuple[str, float | None, float | None]], *, title: str) -> SafeString:
    """First-order (S1) and total (ST) Sobol' index per assumption, clipped to [0, 1]."""
    left, width, row = _left(name for name, _, _ in factors), 360, 34
    body = [
        f'<rect x="{left}" y="4" width="10" height="10" fill="{BLUE}"/><text x="{left + 14}" y="13" font-size="11">S1</text>',
        f'<rect x="{left + 50}" y="4" width="10" height="10" fill="{ORANGE}"/><text x="{left + 64}" y="13" font-size="11">ST</text>',
    ]
    for i, (name, s1, st) in enumerate(factors):
        y = 22 + i * row
        body.append(
            f'<text x="{left - 6}" y="{y + 16}" text-anchor="end" font-size="12">{escape(name)}</text>'
        )
        for k, (value, colour) in enumerate(((s1, BLUE), (st, ORANGE))):
            v = 0.0 if value is None else min(max(value, 0.0), 1.0)
            body.append(
                f'<rect x="{left}" y="{y + 2 + k * 13}" width="{v * width:.1f}" height="11" fill="{colour}"/>'
            )
            label = "n/a" if value is None else f"{value:.2f}"
            body.append(
                f'<text x="{left + v * width + 4:.1f}" y="{y + 11 + k * 13}" font-size="10">{label}</text>'
            )
    return _svg(left + width + 50, 30 + len(factors) * row, title, body)


def shade(value: float | None, low: float = 0, high: float = 100) -> tuple[str, str]:
    """(fill, text colour) on a light-to-dark blue scale."""
    if value is None:
        return "#eceff3", "#444"
    t = (min(max(value, low), high) - low) / (high - low or 1)
    a, b = (232, 238, 246), (24, 62, 122)
    rgb = tuple(round(a[i] + (b[i] - a[i]) * t) for i in range(3))
    return "#{:02x}{:02x}{:02x}".format(*rgb), "#fff" if t > 0.5 else "#1b1f24"


def line_chart(
    xs: Sequence[int], series: Sequence[tuple[str, Sequence[float | None]]], *, title: str, high: float = 100
) -> SafeString:
    """A line per series over the years ``xs`` (gaps where a value is missing), y from 0 to ``high``."""
    left, top, width, height = 40, 10, 420, 180
    colours = [BLUE, ORANGE, "#3a9a5b", "#8e44ad"]

    def at(i: int, v: float) -> tuple[float, float]:
        x = left + (i / max(len(xs) - 1, 1)) * width
        return x, top + height - min(max(v, 0.0), high) / high * height

    body = [
        f'<line x1="{left}" y1="{top + height}" x2="{left + width}" y2="{top + height}" stroke="#c9d1db"/>'
    ]
    for tick in (0, high / 2, high):
        y = at(0, tick)[1]
        body.append(f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="10">{tick:g}</text>')
    for i, year in enumerate(xs):
        body.append(
            f'<text x="{at(i, 0)[0]:.1f}" y="{top + height + 16}" text-anchor="middle" font-size="11">{year}</text>'
        )
    for k, (name, values) in enumerate(series):
        colour = colours[k % len(colours)]
        points = [at(i, v) for i, v in enumerate(values) if v is not None]
        if len(points) > 1:
            path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
            body.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"/>')
        body.extend(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{colour}"/>' for x, y in points)
        body.append(
            f'<text x="{left + width + 6}" y="{top + 12 + 14 * k}" font-size="11" fill="{colour}">{escape(name)}</text>'
        )
    return _svg(left + width + 110, top + height + 26, title, body)
