"""Template filters and tags: labels for stored choice values, options of filter forms."""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from techbridge.directory.models import OrganisationKind
from techbridge.marketplace.models import PartnershipType, ProfileKind

register = template.Library()
_LABELS = {
    "partnership": dict(PartnershipType.choices),
    "organisation_kind": dict(OrganisationKind.choices),
    "profile_kind": dict(ProfileKind.choices),
}


@register.filter
def label(value: str, vocabulary: str) -> str:
    """`{{ value|label:"partnership" }}`: the translated label of a stored choice value."""
    return str(_LABELS.get(vocabulary, {}).get(value, value))


@register.simple_tag
def options(choices, selected, indent: str = "") -> str:
    """`{% options countries params.country %}`: the <option> elements of a filter's <select>, the chosen one
    selected. ``choices`` are (value, label) pairs or objects with ``code`` and ``label``/``name``; with
    ``indent="parent_id"`` an object that has a parent is indented. Rendered in Python: a filter form
    has a couple of hundred options, and a template loop with a comparison per option was a third of the
    page's rendering."""
    selected = str(selected)
    out = []
    for choice in choices:
        if isinstance(choice, tuple | list):
            value, text, nested = choice[0], choice[1], False
        else:
            value = choice.code
            text = choice.label if hasattr(choice, "label") else choice.name
            nested = bool(indent and getattr(choice, indent))
        value = str(value)
        out.append(
            format_html(
                '<option value="{}"{}>{}{}</option>',
                value,
                mark_safe(" selected") if value == selected else "",
                mark_safe("&nbsp;&nbsp;") if nested else "",
                text,
            )
        )
    return mark_safe("".join(out))
