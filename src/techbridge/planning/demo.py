"""Demo content of planning (ILLUSTRATIVE): a location study over ~30 candidate cities from
core.decision.sites_demo, Ningbo's "3362" plan with live targets, a few programmes and calendar events.

`planning_demo_load()` is idempotent (records matched by title) and expects the directory's reference
data (countries and cities) to be loaded; candidate cities of countries not in the directory are skipped.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from techbridge.core.decision.sites_demo import DEMO_SITES, demo_matrix
from techbridge.directory.models import City, Country, Organisation, Person
from techbridge.planning import services, services_plans
from techbridge.planning.models import (
    CalendarEvent,
    Goal,
    Plan,
    Programme,
    Site,
    Study,
    Target,
    TargetReading,
)

STUDY_TITLE = "Overseas innovation centre: candidate cities (illustrative)"
PLAN_TITLE = 'Ningbo "3362" cooperation framework (illustrative)'
DEMO_SMAA_SAMPLES = 2000


def _city_for(name: str, country: str) -> City | None:
    key = name.lower().replace(" ", "-")
    return (
        City.objects.filter(key=key).first() or City.objects.filter(name_en=name, country_id=country).first()
    )


def demo_study(*, run: bool = True) -> Study:
    """The illustrative study: the demo sites whose country exists, the seed criteria + partner density."""
    study = Study.objects.filter(title=STUDY_TITLE).first()
    if study is None:
        study = services.study_create(
            title=STUDY_TITLE,
            by=None,
            description="ILLUSTRATIVE values from core.decision.sites_demo, not an assessment of any place.",
        )
        study.is_demo, study.smaa_samples = True, DEMO_SMAA_SAMPLES
        study.save(update_fields=["is_demo", "smaa_samples"])
    dm = demo_matrix()
    countries = set(Country.objects.values_list("code", flat=True))
    for i, s in enumerate(DEMO_SITES):
        if s.country not in countries:
            continue
        city = _city_for(s.name, s.country)
        values = dict(zip(dm.criterion_names, map(float, dm.values[i]), strict=True))
        Site.objects.update_or_create(
            study=study,
            name=s.name,
            defaults={
                "country_id": s.country,
                "city": city,
                "lat": s.lat,
                "lon": s.lon,
                "cost": s.cost_keur,
                "values": values,
            },
        )
    if not study.criteria.filter(key="partner_density").exists():
        services.criterion_add(
            study=study,
            key="partner_density",
            label="Partner density (organisations in the directory)",
            kind="benefit",
            metric="partner_density",
        )
        crit = study.criteria.get(key="partner_density")
        crit.weight = 0.10
        crit.save(update_fields=["weight"])
    services.criteria_compute(study=study)
    if run:
        services.study_run(study=study)
    return study


def _target(
    goal: Goal,
    title: str,
    target_value: float,
    *,
    start: dt.date,
    due: dt.date,
    metric: str = "",
    params: dict | None = None,
    unit: str = "",
    manual: float | None = None,
    baseline: float = 0,
) -> Target:
    target, _created = Target.objects.update_or_create(
        goal=goal,
        title=title,
        defaults={
            "target_value": target_value,
            "start": start,
            "due": due,
            "metric": metric,
            "metric_params": params or {},
            "unit": unit,
            "manual_value": manual,
            "baseline": baseline,
            "position": goal.targets.count(),
        },
    )
    return target


def demo_plan(today: dt.date | None = None) -> Plan:
    today = today or dt.date.today()
    start, end = dt.date(today.year - 2, 1, 1), dt.date(today.year + 2, 12, 31)
    plan, _created = Plan.objects.update_or_create(
        title=PLAN_TITLE,
        defaults={
            "start": start,
            "end": end,
            "is_demo": True,
            "description": (
                "Three prime destinations, three platforms, six demonstration projects and 20 key cooperation "
                "projects with the CEE countries. Targets are ILLUSTRATIVE; values marked live are computed "
                "from the platform's records."
            ),
        },
    )

    def goal(title: str, parent: Goal | None = None) -> Goal:
        found, _c = Goal.objects.get_or_create(
            plan=plan, title=title, parent=parent, defaults={"position": plan.goals.count()}
        )
        return found

    dest = goal("Three prime destinations")
    for code, name in (("PL", "Poland"), ("HU", "Hungary"), ("CZ", "Czechia")):
        sub = goal(f"Destination: {name}", dest)
        _target(
            sub,
            f"Partner organisations in {name}",
            25,
            start=start,
            due=end,
            metric="organisations",
            params={"country": code},
            unit="organisations",
        )
        _target(
            sub,
            f"Published profiles involving {name}",
            40,
            start=start,
            due=end,
            metric="profiles_published",
            params={"country": code},
            unit="profiles",
        )
    platforms = goal("Three platforms")
    _target(
        platforms,
        "Joint laboratories running",
        3,
        start=start,
        due=end,
        metric="programmes",
        params={"kind": "joint_lab"},
        unit="laboratories",
    )
    _target(
        platforms,
        "Science-park cooperation programmes",
        3,
        start=start,
        due=end,
        metric="programmes",
        params={"kind": "park"},
        unit="programmes",
    )
    demo = goal("Six demonstration projects")
    _target(
        demo,
        "Expressions of interest accepted",
        6,
        start=start,
        due=end,
        metric="interests_accepted",
        unit="interests",
    )
    key = goal("20 key cooperation projects")
    _target(key, "Profiles published", 20, start=start, due=end, metric="profiles_published", unit="profiles")
    _target(
        key,
        "City ties of Ningbo",
        12,
        start=start,
        due=end,
        metric="city_ties",
        params={"city": "ningbo"},
        unit="ties",
    )
    talent = _target(
        key, "Talents trained in exchange programmes", 200, start=start, due=end, unit="people", manual=70
    )
    for months, value in ((6, 10), (12, 25), (18, 42), (24, 60)):
        on = start + dt.timedelta(days=30 * months)
        if on < today:
            TargetReading.objects.update_or_create(target=talent, on=on, defaults={"value": value})
    return plan


def demo_programmes(today: dt.date) -> int:
    orgs = {
        c: list(Organisation.objects.filter(country_id=c).order_by("key")[:2])
        for c in ("PL", "HU", "CZ", "RS")
    }
    people = list(Person.objects.order_by("key")[:8])
    rows = [
        ("Ningbo-Poland talent tour: smart manufacturing", "talent_visit", "completed", "PL", -400, -390),
        ("China-CEEC training agreement: port logistics", "training", "running", "HU", -200, 160),
        ("Ningbo-Czech joint laboratory on new energy materials", "joint_lab", "running", "CZ", -500, 600),
        ("Science-park cooperation: Ningbo and Belgrade", "park", "planned", "RS", 60, 400),
        (
            "Delegation and on-the-spot investigation: Hungarian battery cluster",
            "delegation",
            "completed",
            "HU",
            -120,
            -114,
        ),
    ]
    for i, (title, kind, status, country, s, e) in enumerate(rows):
        prog, _c = Programme.objects.update_or_create(
            title=title,
            defaults={
                "kind": kind,
                "status": status,
                "country_id": country,
                "is_demo": True,
                "start": today + dt.timedelta(days=s),
                "end": today + dt.timedelta(days=e),
                "budget": 200_000 + 50_000 * i,
                "currency": "CNY",
            },
        )
        prog.partners.set(orgs.get(country, []))
        for person in people[i : i + 3]:
            prog.participations.get_or_create(person=person, defaults={"role": "participant"})
        prog.milestones.get_or_create(
            title="Kick-off",
            defaults={"due": prog.start, "done_on": prog.start if prog.start <= today else None},
        )
    return len(rows)


def demo_calendar(today: dt.date) -> int:
    year = today.year
    rows = [
        (
            "China-CEEC Expo and International Consumer Goods Fair",
            "expo",
            "CN",
            "ningbo",
            dt.date(year, 5, 20),
            4,
        ),
        (
            "China-CEEC ministerial conference on innovation cooperation (illustrative)",
            "ministerial",
            "HU",
            "budapest",
            dt.date(year, 9, 15),
            1,
        ),
        (
            "Ningbo-CEEC technology docking conference (illustrative)",
            "docking",
            "PL",
            "warsaw",
            dt.date(year, 10, 20),
            1,
        ),
        (
            "Czech delegation visit to Ningbo science parks (illustrative)",
            "delegation",
            "CN",
            "ningbo",
            dt.date(year, 11, 5),
            2,
        ),
    ]
    for title, kind, country, city, start, days in rows:
        if not Country.objects.filter(code=country).exists():
            continue
        CalendarEvent.objects.update_or_create(
            title=title,
            defaults={
                "kind": kind,
                "country_id": country,
                "city": City.objects.filter(key=city).first(),
                "start": start,
                "end": start + dt.timedelta(days=days - 1),
                "is_demo": True,
            },
        )
    return len(rows)


def planning_demo_load(*, run: bool = True, today: dt.date | None = None) -> dict[str, int]:
    """Create (or refresh) the demo study, the "3362" plan, programmes and calendar events."""
    today = today or dt.date.today()
    with transaction.atomic():
        programmes = demo_programmes(today)
        events = demo_calendar(today)
        plan = demo_plan(today)
        study = demo_study(run=run)
    services_plans.plan_snapshot(plan=plan, on=today)
    return {
        "sites": study.sites.count(),
        "targets": Target.objects.filter(goal__plan=plan).count(),
        "programmes": programmes,
        "calendar_events": events,
    }
