"""Server-rendered inline SVG charts (no JavaScript library, no CDN): the funnel and the conversion by
group with the China-ASEAN centre's 25.8 % reference line."""

from __future__ import annotations

from html import escape

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

W = 720
BAR = 26
GAP = 10
LEFT = 210


def _pct(x: float | None) -> str:
    return "-" if x is None else f"{x * 100:.1f}%"


def funnel_svg(rows: list[dict]) -> SafeString:
    """Horizontal bars, one per funnel step, widths on a common scale, with counts and step conversion."""
    top = max([r["count"] or 0 for r in rows] + [1])
    h = len(rows) * (BAR + GAP) + GAP
    parts = [
        f'<svg class="chart" role="img" viewBox="0 0 {W} {h}" width="100%" '
        f'aria-label="{escape(_("Funnel"))}" xmlns="http://www.w3.org/2000/svg">'
    ]
    for i, r in enumerate(rows):
        y = GAP + i * (BAR + GAP)
        width = max(2, (W - LEFT - 150) * (r["count"] or 0) / top)
        parts.append(
            f'<text x="{LEFT - 8}" y="{y + BAR * 0.68:.0f}" text-anchor="end" class="chart-label">'
            f"{escape(str(r['label']))}</text>"
            f'<rect x="{LEFT}" y="{y}" width="{width:.1f}" height="{BAR}" class="chart-bar"><title>'
            f"{escape(str(r['label']))}: {r['count'] if r['count'] is not None else '-'}</title></rect>"
            f'<text x="{LEFT + width + 6:.1f}" y="{y + BAR * 0.68:.0f}" class="chart-value">'
            f"{r['count'] if r['count'] is not None else '-'}"
            f"{'' if r.get('rate') is None else ' (' + _pct(r['rate']) + ')'}</text>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text is escaped above


def rate_svg(rows: list[dict], reference: float) -> SafeString:
    """Cases -> agreements conversion per group as bars on 0-100 %, the reference as a dashed line."""
    h = max(1, len(rows)) * (BAR + GAP) + GAP + 24
    scale = W - LEFT - 140
    parts = [
        f'<svg class="chart" role="img" viewBox="0 0 {W} {h}" width="100%" '
        f'aria-label="{escape(_("Conversion from cases to agreements"))}" xmlns="http://www.w3.org/2000/svg">'
    ]
    for i, r in enumerate(rows):
        y = GAP + i * (BAR + GAP)
        rate = r.get("rate")
        width = 0 if rate is None else max(2, scale * min(rate, 1.0))
        parts.append(
            f'<text x="{LEFT - 8}" y="{y + BAR * 0.68:.0f}" text-anchor="end" class="chart-label">'
            f"{escape(str(r['label']))}</text>"
            f'<rect x="{LEFT}" y="{y}" width="{width:.1f}" height="{BAR}" class="chart-bar alt"></rect>'
            f'<text x="{LEFT + width + 6:.1f}" y="{y + BAR * 0.68:.0f}" class="chart-value">'
            f"{_pct(rate)} ({r.get('agreements', 0)}/{r.get('cases', 0)})</text>"
        )
    x = LEFT + scale * reference
    parts.append(
        f'<line x1="{x:.1f}" x2="{x:.1f}" y1="0" y2="{h - 20}" class="chart-ref"></line>'
        f'<text x="{x:.1f}" y="{h - 6}" text-anchor="middle" class="chart-ref-label">'
        f"{escape(_('China-ASEAN centre: 491 / 1,900 = 25.8%'))}</text></svg>"
    )
    return mark_safe("".join(parts))  # noqa: S308 - every text is escaped above
