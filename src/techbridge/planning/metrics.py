"""Values computed from platform records: plan-target metrics and per-site criterion metrics.

Extensible: `register_target_metric` / `register_site_metric` add a metric (agreements and events will
register theirs once those apps exist). A metric function only reads; it never writes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from techbridge.directory.models import CityTie, Organisation
from techbridge.docking.models import Interest
from techbridge.marketplace.models import Profile


@dataclass(frozen=True)
class Metric:
    key: str
    label: object  # lazy translation
    fn: Callable[..., float]
    params: tuple[str, ...] = ()  # accepted parameters (e.g. "country", "kind")


TARGET_METRICS: dict[str, Metric] = {}
SITE_METRICS: dict[str, Metric] = {}


def register_target_metric(metric: Metric) -> Metric:
    TARGET_METRICS[metric.key] = metric
    return metric


def register_site_metric(metric: Metric) -> Metric:
    SITE_METRICS[metric.key] = metric
    return metric


def target_metric_value(key: str, params: dict | None = None) -> float:
    """The metric's value now; unknown metric or parameter -> ValueError naming it."""
    metric = TARGET_METRICS.get(key)
    if metric is None:
        raise ValueError(f"unknown metric {key!r}")
    params = {k: v for k, v in (params or {}).items() if v not in (None, "")}
    unknown = set(params) - set(metric.params)
    if unknown:
        raise ValueError(f"metric {key!r} takes no parameter {', '.join(sorted(unknown))}")
    return float(metric.fn(**params))


# --- target metrics -----------------------------------------------------------------------------------


def _profiles_published(country: str = "") -> int:
    qs = Profile.objects.filter(status="published")
    if country:
        qs = qs.filter(Q(organisation__country_id=country) | Q(target_countries=country)).distinct()
    return qs.count()


def _interests_accepted(country: str = "") -> int:
    qs = Interest.objects.filter(status="accepted")
    if country:
        qs = qs.filter(Q(organisation__country_id=country) | Q(profile__organisation__country_id=country))
    return qs.count()


def _organisations(country: str = "", kind: str = "") -> int:
    qs = Organisation.objects.all()
    if country:
        qs = qs.filter(country_id=country)
    if kind:
        qs = qs.filter(kind=kind)
    return qs.count()


def _city_ties(city: str = "", country: str = "") -> int:
    qs = CityTie.objects.all()
    if city:
        qs = qs.filter(Q(city_a__key=city) | Q(city_b__key=city))
    if country:
        qs = qs.filter(Q(city_a__country_id=country) | Q(city_b__country_id=country))
    return qs.count()


def _programmes(kind: str = "", country: str = "") -> int:
    from techbridge.planning.models import Programme

    qs = Programme.objects.filter(status__in=("running", "completed"))
    if kind:
        qs = qs.filter(kind=kind)
    if country:
        qs = qs.filter(Q(country_id=country) | Q(partners__country_id=country)).distinct()
    return qs.count()


def _calendar_events(kind: str = "", country: str = "") -> int:
    from techbridge.planning.models import CalendarEvent

    qs = CalendarEvent.objects.all()
    if kind:
        qs = qs.filter(kind=kind)
    if country:
        qs = qs.filter(country_id=country)
    return qs.count()


register_target_metric(
    Metric("profiles_published", _("Profiles published"), _profiles_published, ("country",))
)
register_target_metric(
    Metric("interests_accepted", _("Expressions of interest accepted"), _interests_accepted, ("country",))
)
register_target_metric(
    Metric("organisations", _("Organisations in the directory"), _organisations, ("country", "kind"))
)
register_target_metric(Metric("city_ties", _("City ties"), _city_ties, ("city", "country")))
register_target_metric(Metric("programmes", _("Programmes run"), _programmes, ("kind", "country")))
register_target_metric(Metric("calendar_events", _("Calendar events"), _calendar_events, ("kind", "country")))


# --- site metrics: one number per candidate site (a city, or a whole country) --------------------------


def _where(site, prefix: str = "") -> Q:
    if site.city_id:
        return Q(**{f"{prefix}city_id": site.city_id})
    return Q(**{f"{prefix}country_id": site.country_id})


def _site_partner_density(site) -> int:
    return Organisation.objects.filter(_where(site)).count()


def _site_profiles(site) -> int:
    return Profile.objects.filter(_where(site, "organisation__"), status="published").count()


def _site_interests(site) -> int:
    return Interest.objects.filter(
        _where(site, "organisation__") | _where(site, "profile__organisation__")
    ).count()


def _site_city_ties(site) -> int:
    if site.city_id:
        return CityTie.objects.filter(Q(city_a_id=site.city_id) | Q(city_b_id=site.city_id)).count()
    return _city_ties(country=site.country_id)


register_site_metric(
    Metric("partner_density", _("Partner density (organisations in the directory)"), _site_partner_density)
)
register_site_metric(Metric("published_profiles", _("Published profiles"), _site_profiles))
register_site_metric(Metric("interests", _("Expressions of interest"), _site_interests))
register_site_metric(Metric("city_ties", _("City ties"), _site_city_ties))
