"""Cases and agreements as plan-target metrics (planning) and platform-derived indicators (evaluation)."""

from __future__ import annotations

from collections import Counter

from django.db.models import Q
from django.utils.translation import gettext_lazy as _


def _cases(country: str = "", stage: str = "") -> int:
    from techbridge.cases.models import Case

    qs = Case.objects.all()
    if country:
        qs = qs.filter(parties__organisation__country_id=country)
    if stage:
        qs = qs.filter(stage=stage)
    return qs.distinct().count()


def _agreements(country: str = "", kind: str = "") -> int:
    from techbridge.cases.models import SIGNED_STATUSES, Agreement

    qs = Agreement.objects.filter(status__in=SIGNED_STATUSES)
    if country:
        qs = qs.filter(parties__country_id=country)
    if kind:
        qs = qs.filter(kind=kind)
    return qs.distinct().count()


def _site_agreements(site) -> int:
    from techbridge.cases.models import SIGNED_STATUSES, Agreement

    where = Q(parties__city_id=site.city_id) if site.city_id else Q(parties__country_id=site.country_id)
    return Agreement.objects.filter(where, status__in=SIGNED_STATUSES).distinct().count()


def count_cases(level: str, year: int | None) -> Counter:
    """Cases opened in the year, once per city/country of their party organisations."""
    from techbridge.cases.models import CaseParty

    field = "organisation__city_id" if level == "city" else "organisation__country_id"
    qs = CaseParty.objects.exclude(organisation=None)
    if year:
        qs = qs.filter(case__created_at__year=year)
    return Counter(u for _c, u in set(qs.values_list("case_id", field)) if u is not None)


def count_agreements(level: str, year: int | None) -> Counter:
    """Signed agreements in the year, once per city/country of their parties."""
    from techbridge.cases.models import SIGNED_STATUSES, Agreement

    field = "parties__city_id" if level == "city" else "parties__country_id"
    qs = Agreement.objects.filter(status__in=SIGNED_STATUSES)
    if year:
        qs = qs.filter(signed_on__year=year)
    return Counter(u for _a, u in set(qs.values_list("pk", field)) if u is not None)


def register() -> None:
    try:
        from techbridge.planning.metrics import Metric, register_site_metric, register_target_metric

        register_target_metric(Metric("cases", _("Cooperation cases"), _cases, ("country", "stage")))
        register_target_metric(Metric("agreements", _("Agreements signed"), _agreements, ("country", "kind")))
        register_site_metric(Metric("agreements", _("Agreements signed"), _site_agreements))
    except ImportError:  # planning not installed
        pass
    try:
        from techbridge.evaluation import platform

        platform.COUNTERS.setdefault("cases", count_cases)
        platform.COUNTERS.setdefault("agreements", count_agreements)
    except ImportError:
        pass
