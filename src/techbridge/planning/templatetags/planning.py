"""Template helpers of planning: dictionary lookup, bar widths, and a partner's cooperation timeline."""

from __future__ import annotations

from django import template

register = template.Library()


@register.filter
def get(mapping, key):
    return (mapping or {}).get(key)


@register.simple_tag
def widthpct(weight: float, criteria) -> int:
    """Bar width in percent of the largest weight."""
    top = max((c.weight for c in criteria), default=0) or 1
    return round(100 * weight / top)


@register.simple_tag
def cooperation_timeline(country=None, city=None) -> dict:
    from techbridge.planning.overview import cooperation_overview

    return cooperation_overview(country=country, city=city)
