"""Funnel and outcome analytics: published profiles -> matches viewed -> expressions of interest ->
meetings -> cases -> agreements, filtered by period, country, city, sector, broker and event, with the
conversion arithmetic of core.cases.funnel and time spent per stage."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from techbridge.cases.models import SIGNED_STATUSES, Agreement, Case, FollowUp, MatchView, Stage, Transition
from techbridge.core.cases import funnel as core

STEPS = (
    ("profiles", _("Published profiles")),
    ("matches_viewed", _("Matches viewed")),
    ("interests", _("Expressions of interest")),
    ("meetings", _("Meetings")),
    ("cases", _("Cases")),
    ("agreements", _("Agreements")),
)
DIMENSIONS = ("period", "country", "city", "sector", "broker", "event")


def _period(f: dict) -> tuple[dt.date | None, dt.date | None]:
    out = []
    for name in ("start", "end"):
        raw = f.get(name)
        try:
            out.append(raw if isinstance(raw, dt.date) or not raw else dt.date.fromisoformat(str(raw)))
        except ValueError:
            out.append(None)
    return out[0], out[1]


DATE_FIELDS = ("signed_on", "event__start_date")


def _dated(qs, field: str, f: dict):
    """Rows of the period; datetime fields are compared with aware local midnights."""
    start, end = _period(f)
    end = end + dt.timedelta(days=1) if end else None
    if field not in DATE_FIELDS:
        tz = timezone.get_current_timezone()
        start = dt.datetime.combine(start, dt.time(), tzinfo=tz) if start else None
        end = dt.datetime.combine(end, dt.time(), tzinfo=tz) if end else None
    if start:
        qs = qs.filter(**{f"{field}__gte": start})
    if end:
        qs = qs.filter(**{f"{field}__lt": end})
    return qs


def _profile_q(f: dict, prefix: str) -> Q:
    q = Q()
    if f.get("country"):
        q &= Q(**{f"{prefix}organisation__country_id": f["country"]})
    if f.get("city"):
        q &= Q(**{f"{prefix}organisation__city__key": f["city"]})
    if f.get("sector"):
        q &= Q(**{f"{prefix}technology_keywords__code__startswith": f["sector"]})
    return q


def _case_q(f: dict, prefix: str = "") -> Q:
    q = Q()
    if f.get("country"):
        q &= Q(**{f"{prefix}parties__organisation__country_id": f["country"]})
    if f.get("city"):
        q &= Q(**{f"{prefix}parties__organisation__city__key": f["city"]})
    if f.get("sector"):
        q &= Q(**{f"{prefix}profiles__technology_keywords__code__startswith": f["sector"]})
    if str(f.get("broker") or "").isdigit():
        q &= Q(**{f"{prefix}broker_id": int(f["broker"])})
    if str(f.get("event") or "").isdigit():
        q &= Q(**{f"{prefix}meeting__event_id": int(f["event"])})
    return q


def _meetings(f: dict) -> int | None:
    try:
        from techbridge.events.models import Meeting
    except ImportError:  # the events app is optional
        return None
    qs = _dated(Meeting.objects.exclude(status="cancelled"), "event__start_date", f)
    if f.get("country"):
        c = f["country"]
        qs = qs.filter(
            Q(request__requester__organisation__country_id=c)
            | Q(request__recipient__organisation__country_id=c)
        )
    if f.get("city"):
        c = f["city"]
        qs = qs.filter(
            Q(request__requester__organisation__city__key=c)
            | Q(request__recipient__organisation__city__key=c)
        )
    if str(f.get("event") or "").isdigit():
        qs = qs.filter(event_id=int(f["event"]))
    if f.get("sector") or str(f.get("broker") or "").isdigit():
        qs = qs.filter(cases__in=Case.objects.filter(_case_q(f)))
    return qs.distinct().count()


def counts(filters: dict | None = None) -> dict[str, int | None]:
    """The count of every funnel step under the filters (None: not recorded on this platform).

    "Matches viewed" counts distinct profiles opened from a match list, so it never exceeds the profiles.
    """
    from techbridge.docking.models import Interest
    from techbridge.marketplace.models import Profile

    f = {k: v for k, v in (filters or {}).items() if v not in (None, "")}
    case_only = bool(str(f.get("broker") or "").isdigit() or str(f.get("event") or "").isdigit())
    cases = _dated(Case.objects.filter(_case_q(f)), "created_at", f).distinct()
    agreements = _dated(
        Agreement.objects.filter(status__in=SIGNED_STATUSES).filter(_case_q(f, "case__")), "signed_on", f
    ).distinct()
    if case_only:  # a broker or an event has no profiles, views or interests of its own: count its cases'
        scope = Case.objects.filter(_case_q(f))
        profiles = Profile.objects.filter(cases__in=scope, status="published").distinct().count()
        views = MatchView.objects.filter(profile__cases__in=scope).values("profile").distinct().count()
        interests = Interest.objects.filter(cases__in=scope).distinct().count()
    else:
        profiles = _dated(
            Profile.objects.filter(status="published").filter(_profile_q(f, "")), "published_at", f
        )
        profiles = profiles.distinct().count()
        views = _dated(MatchView.objects.filter(_profile_q(f, "profile__")), "at", f)
        views = views.values("profile").distinct().count()
        interests = (
            _dated(Interest.objects.filter(_profile_q(f, "profile__")), "created_at", f).distinct().count()
        )
    return {
        "profiles": profiles,
        "matches_viewed": views,
        "interests": interests,
        "meetings": _meetings(f),
        "cases": cases.count(),
        "agreements": agreements.count(),
    }


def funnel(filters: dict | None = None) -> dict:
    """Steps with their conversion rates; the reference ratio of the China-ASEAN centre."""
    c = counts(filters)
    steps = core.conversion([(k, c[k] or 0) for k, _label in STEPS])
    labels = dict(STEPS)
    rows = [
        {
            "key": s.key,
            "label": labels[s.key],
            "count": c[s.key],
            "rate": s.rate_from_previous,
            "overall": s.rate_from_first,
        }
        for s in steps
    ]
    case_rate = (c["agreements"] / c["cases"]) if c["cases"] else None
    return {
        "rows": rows,
        "case_to_agreement": case_rate,
        "reference": core.REFERENCE_RATE,
        "reference_matched": core.REFERENCE_MATCHED,
        "reference_agreements": core.REFERENCE_AGREEMENTS,
        "meetings_recorded": c["meetings"] is not None,
    }


def _quarter_start(day: dt.date) -> dt.date:
    return dt.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def _quarters(f: dict, limit: int = 8) -> list[tuple[str, dict]]:
    """The last `limit` calendar quarters up to today, oldest first, as (label, filters)."""
    start = _quarter_start(timezone.localdate())
    out = []
    for _i in range(limit):
        nxt = _quarter_start(start + dt.timedelta(days=95))
        label = f"{start.year}-Q{(start.month - 1) // 3 + 1}"
        out.append((label, {**f, "start": start, "end": nxt - dt.timedelta(days=1)}))
        start = _quarter_start(start - dt.timedelta(days=1))
    return out[::-1]


def _values(dimension: str) -> list[tuple[str, str]]:
    from techbridge.accounts.models import User
    from techbridge.directory.models import City, Country, TaxonomyTerm

    if dimension == "country":
        used = Case.objects.values_list("parties__organisation__country_id", flat=True).distinct()
        return [(c.code, c.name_en) for c in Country.objects.filter(code__in=list(used)).order_by("code")]
    if dimension == "city":
        used = Case.objects.values_list("parties__organisation__city_id", flat=True).distinct()
        return [(c.key, c.name_en) for c in City.objects.filter(pk__in=list(used)).order_by("name_en")]
    if dimension == "sector":
        return [(t.code, t.label_en) for t in TaxonomyTerm.objects.filter(scheme="technology", parent=None)]
    if dimension == "broker":
        ids = Case.objects.values_list("broker_id", flat=True).distinct()
        return [(str(u.pk), u.get_full_name() or u.username) for u in User.objects.filter(pk__in=list(ids))]
    if dimension == "event":
        try:
            from techbridge.events.models import Event
        except ImportError:
            return []
        return [(str(e.pk), e.title) for e in Event.objects.order_by("-start_date")[:30]]
    return []


def breakdown(dimension: str, filters: dict | None = None) -> list[dict]:
    """One funnel per value of the dimension (period = the last eight quarters)."""
    f = {k: v for k, v in (filters or {}).items() if v not in (None, "")}
    if dimension not in DIMENSIONS:
        raise ValueError(f"dimension must be one of {DIMENSIONS}")
    pairs = (
        _quarters(f)
        if dimension == "period"
        else [(label, {**f, dimension: v}) for v, label in _values(dimension)]
    )
    rows = []
    for label, sub in pairs:
        c = counts(sub)
        rows.append({"label": label, **c, "rate": (c["agreements"] / c["cases"]) if c["cases"] else None})
    return rows


def stage_times() -> list[dict]:
    """Mean days a case spends in each stage (open stages counted until now)."""
    entries = [(t.case_id, t.to_stage, t.at) for t in Transition.objects.only("case_id", "to_stage", "at")]
    means = core.stage_durations(entries, timezone.now())
    labels = dict(Stage.choices)
    return [{"stage": s, "label": labels[s], "days": means.get(s)} for s in Stage.values if s != Stage.CLOSED]


def outcomes() -> dict:
    """Totals of the latest follow-up of every agreement (follow-ups are cumulative)."""
    latest = {}
    for fu in FollowUp.objects.order_by("agreement_id", "-on", "-pk"):
        latest.setdefault(fu.agreement_id, fu)
    keys = ("products_launched", "jobs", "patents", "follow_on_projects")
    out = {k: sum(getattr(fu, k) for fu in latest.values()) for k in keys}
    out["revenue"] = sum((fu.revenue for fu in latest.values()), start=0)
    out["agreements_followed"] = len(latest)
    out["value_signed"] = (
        Agreement.objects.filter(status__in=SIGNED_STATUSES).aggregate(v=Sum("value"))["v"] or 0
    )
    return out
