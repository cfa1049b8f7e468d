"""Writes of the directory: loading the reference data (countries, cities, ties, taxonomy) idempotently."""

from __future__ import annotations

from django.db import transaction

from techbridge.directory import reference
from techbridge.directory.models import City, CityTie, Country, TaxonomyTerm


def record_value(obj, name, default=None):
    """A field of a reference or demo record, whether it is a dict or a dataclass."""
    if isinstance(obj, dict):
        return obj.get(name, default)
    return getattr(obj, name, default)


_f = record_value


@transaction.atomic
def reference_data_load() -> dict[str, int]:
    """Upsert countries, cities, city ties and the taxonomy from the packaged reference files."""
    counts = {"countries": 0, "cities": 0, "city_ties": 0, "taxonomy_terms": 0}
    for c in reference.load_countries():
        Country.objects.update_or_create(
            code=_f(c, "code"),
            defaults={
                "name_en": _f(c, "name_en"),
                "name_zh": _f(c, "name_zh"),
                "name_local": _f(c, "name_local") or "",
                "group": _f(c, "group"),
                "capital": _f(c, "capital") or "",
                "official_languages": list(_f(c, "official_languages") or []),
                "time_zone": _f(c, "time_zone") or "",
                "currency": _f(c, "currency") or "",
                "public_holidays": [_as_dict(h) for h in _f(c, "public_holidays") or []],
                "movable_holidays": [_as_dict(h) for h in _f(c, "movable_holidays") or []],
                "business_culture_en": _f(c, "business_culture_en") or "",
                "business_culture_zh": _f(c, "business_culture_zh") or "",
                "policy_notes_en": _f(c, "policy_notes_en") or "",
                "policy_notes_zh": _f(c, "policy_notes_zh") or "",
                "lat": _f(c, "lat"),
                "lon": _f(c, "lon"),
            },
        )
        counts["countries"] += 1
    for c in reference.load_cities():
        City.objects.update_or_create(
            key=_f(c, "key"),
            defaults={
                "name_en": _f(c, "name_en"),
                "name_zh": _f(c, "name_zh") or "",
                "name_local": _f(c, "name_local") or "",
                "country_id": _f(c, "country"),
                "lat": _f(c, "lat"),
                "lon": _f(c, "lon"),
                "population": _f(c, "population"),
            },
        )
        counts["cities"] += 1
    cities = {c.key: c for c in City.objects.all()}
    for t in reference.load_city_ties():
        a, b = cities[_f(t, "city_a")], cities[_f(t, "city_b")]
        CityTie.objects.update_or_create(
            city_a=a,
            city_b=b,
            defaults={
                "kind": _f(t, "kind"),
                "since": _f(t, "since"),
                "is_demo": bool(_f(t, "demo", False)),
            },
        )
        counts["city_ties"] += 1
    counts["taxonomy_terms"] = _load_taxonomy()
    return counts


def _as_dict(value) -> dict | str:
    if isinstance(value, dict | str):
        return value
    return {k: v for k, v in vars(value).items() if not k.startswith("_")}


def _load_taxonomy() -> int:
    terms = list(reference.load_taxonomy())
    by_code: dict[str, TaxonomyTerm] = {}
    for position, t in enumerate(terms):  # parents come before children in the file
        labels = dict(_f(t, "labels") or {})
        term, _created = TaxonomyTerm.objects.update_or_create(
            code=_f(t, "code"),
            defaults={
                "scheme": _f(t, "scheme"),
                "label_en": labels.pop("en"),
                "label_zh": labels.pop("zh"),
                "labels": labels,
                "synonyms": dict(_f(t, "synonyms") or {}),
                "position": position,
                "parent": by_code.get(_f(t, "parent")) if _f(t, "parent") else None,
            },
        )
        by_code[term.code] = term
    return len(terms)
