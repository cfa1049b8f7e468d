"""Platform-derived indicators: counts of TechBridge's own records per city or country and year.

Extensible: an app adds a counter to :data:`COUNTERS` (name -> function(level, year) -> {unit pk: count})
when its record type lands (techbridge.cases adds cases and agreements; :func:`missing_records` lists the
rest). The core's rates over registered counts become indicators too. Counts go through
the core's :func:`platform_indicators` (absent = 0, zero denominators give a missing rate, not 0).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any

import pandas as pd
from django.db.models import Q

from techbridge.core.indicators import PLATFORM_COUNTS, platform_indicators
from techbridge.core.indicators.platform import RATES as CORE_RATES

PREFIX = "platform_"
LEVELS = ("city", "country")
CounterFn = Callable[[str, int | None], Counter]


def _field(level: str, via: str = "organisation") -> str:
    return f"{via}__{'city_id' if level == 'city' else 'country_id'}"


def count_profiles(level: str, year: int | None) -> Counter:
    """Profiles published (status published) in the year, by their organisation's city/country."""
    from techbridge.marketplace.models import Profile

    qs = Profile.objects.filter(status="published")
    if year:
        qs = qs.filter(published_at__year=year)
    return Counter(v for v in qs.values_list(_field(level), flat=True) if v is not None)


def count_interests_sent(level: str, year: int | None) -> Counter:
    """Expressions of interest sent by organisations of the unit in the year."""
    from techbridge.docking.models import Interest

    qs = Interest.objects.all() if not year else Interest.objects.filter(created_at__year=year)
    return Counter(v for v in qs.values_list(_field(level), flat=True) if v is not None)


def count_interests_received(level: str, year: int | None) -> Counter:
    """Expressions of interest received on profiles of organisations of the unit in the year."""
    from techbridge.docking.models import Interest

    qs = Interest.objects.all() if not year else Interest.objects.filter(created_at__year=year)
    field = _field(level, "profile__organisation")
    return Counter(v for v in qs.values_list(field, flat=True) if v is not None)


def count_city_ties(level: str, year: int | None) -> Counter:
    """Sister/friendship city ties in force at the end of the year (undated ties count as in force)."""
    from techbridge.directory.models import CityTie

    qs = CityTie.objects.all()
    if year:
        qs = qs.filter(Q(since__lte=year) | Q(since__isnull=True))
    out: Counter = Counter()
    key = "city_{}_id" if level == "city" else "city_{}__country_id"
    for a, b in qs.values_list(key.format("a"), key.format("b")):
        out[a] += 1
        if b != a or level == "city":
            out[b] += 1
    return out


COUNTERS: dict[str, CounterFn] = {
    "profiles": count_profiles,
    "city_ties": count_city_ties,
    "interests_sent": count_interests_sent,
    "interests_received": count_interests_received,
}
# Other apps add counters when their records exist (techbridge.cases adds "cases" and "agreements").
OWN_RATES = {"interests_per_100_profiles": ("interests_received", "profiles", 100.0)}
RECORD_TYPES = ("matches", "meetings", "cases", "agreements", "programmes")


def rates() -> dict[str, tuple[str, str, float]]:
    """Our ratios plus the core's (:data:`RATES`) whose two counts are both recorded."""
    usable = {k: v for k, v in CORE_RATES.items() if v[0] in COUNTERS and v[1] in COUNTERS}
    return {**OWN_RATES, **usable}


def missing_records() -> tuple[str, ...]:
    """Record types the core knows that no installed app counts yet."""
    return tuple(name for name in RECORD_TYPES if name not in COUNTERS)


def indicator_codes() -> list[str]:
    return [PREFIX + name for name in (*COUNTERS, *rates())]


def _units(level: str) -> dict[Any, tuple[str, set[str]]]:
    """pk -> (canonical unit label, lower-cased aliases)."""
    from techbridge.directory.models import City, Country

    if level == "city":
        return {
            pk: (en, {key.lower(), en.lower(), (zh or "").lower()} - {""})
            for pk, key, en, zh in City.objects.values_list("pk", "key", "name_en", "name_zh")
        }
    return {
        code: (code, {code.lower(), en.lower(), (zh or "").lower()} - {""})
        for code, en, zh in Country.objects.values_list("code", "name_en", "name_zh")
    }


def table(*, level: str, year: int | None) -> pd.DataFrame:
    """One row per unit with any activity: ``unit`` (canonical label), the counts and the rates."""
    if level not in LEVELS:
        raise ValueError(f"level must be one of {LEVELS}, got {level!r}")
    units = _units(level)
    counts = {name: fn(level, year) for name, fn in COUNTERS.items()}
    active = sorted({pk for c in counts.values() for pk in c if pk in units}, key=lambda pk: units[pk][0])
    rows = [{"unit": units[pk][0], **{n: c.get(pk, 0) for n, c in counts.items()}} for pk in active]
    # the core checks and sums the counts it knows; the others (interests) are added alongside
    core = [n for n in COUNTERS if n in PLATFORM_COUNTS]
    base = platform_indicators(
        [{"unit": r["unit"], **{n: r[n] for n in core}} for r in rows] or [{"unit": "-"}],
        period=None,
        rates={},
    )
    frame = pd.DataFrame(rows, columns=["unit", *COUNTERS])
    frame = frame.drop(columns=core).merge(base[["unit", *core]], on="unit", how="left")
    for name, (num, den, scale) in rates().items():
        frame[name] = (frame[num] / frame[den].where(frame[den] > 0)) * scale
    return frame


def lookup(*, level: str, year: int | None) -> dict[str, dict[str, float | None]]:
    """Lower-cased alias -> {platform indicator code: value}; units without activity are absent."""
    units = _units(level)
    frame = table(level=level, year=year).set_index("unit")
    out: dict[str, dict[str, float | None]] = {}
    for label, aliases in units.values():
        if label in frame.index:
            values = {PREFIX + k: (None if pd.isna(v) else float(v)) for k, v in frame.loc[label].items()}
            for alias in aliases:
                out[alias] = values
    return out


def zero_values() -> dict[str, float | None]:
    return {PREFIX + k: 0.0 for k in COUNTERS} | {PREFIX + k: None for k in rates()}


def fill(spec: dict, records: list[dict], *, level: str, year: int | None) -> list[dict]:
    """Records with every platform indicator of the framework that the file did not give filled in."""
    unit_col = spec["framework"].get("unit_column", "uCode")
    wanted = [n["code"] for n in spec["framework"].get("indicators") or [] if n["code"] in indicator_codes()]
    found = lookup(level=level, year=year)
    out = []
    for record in records:
        values = found.get(str(record[unit_col]).lower(), zero_values())
        out.append(record | {code: values[code] for code in wanted if code not in record})
    return out


def platform_rows(spec: dict, *, level: str, year: int | None) -> list[dict]:
    """Rows for a dataset computed from the platform alone: the framework's declared units (else every unit
    with activity); indicators that are not platform indicators are left missing."""
    fw = spec["framework"]
    unit_col = fw.get("unit_column", "uCode")
    declared = [str(u.get("code") if isinstance(u, dict) else u) for u in spec.get("units") or []]
    if not declared:
        declared = list(table(level=level, year=year)["unit"])
    indicators = [n["code"] for n in fw.get("indicators") or []]
    groups = fw.get("groups") or []
    records = [
        {unit_col: u, **dict.fromkeys(groups), **{c: None for c in indicators if c not in indicator_codes()}}
        for u in declared
    ]
    return fill(spec, records, level=level, year=year)
