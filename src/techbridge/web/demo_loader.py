"""Load the demo: reference data, generated organisations, people, profiles, interests and sign-ins.

Idempotent: records are matched by their stable keys, so running it twice changes nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from techbridge.accounts.models import User
from techbridge.directory.models import City, Country, Organisation, Person, TaxonomyTerm
from techbridge.directory.services import record_value, reference_data_load
from techbridge.docking.models import Interest
from techbridge.marketplace.models import Profile, ProfileAction, ProfileEvent
from techbridge.marketplace.services import reference_stem

DEMO_PASSWORD = "techbridge-demo"
Progress = Callable[[Iterable], Iterable]


_f = record_value


def demo_load(*, seed: int = 2026, progress: Progress = lambda items: items) -> dict[str, int]:
    """Load everything; `progress` wraps long iterations (a tqdm bar in the command line)."""
    from techbridge.demo.generator import generate

    counts = reference_data_load()
    data = generate(seed=seed)
    with transaction.atomic():
        counts["organisations"] = _load_organisations(progress(list(_f(data, "organisations"))))
        counts["people"] = _load_people(progress(list(_f(data, "persons"))))
        counts["profiles"] = _load_profiles(progress(list(_f(data, "profiles"))))
        counts["users"] = _load_users()
        counts["interests"] = _load_interests()
    from techbridge.events.demo import events_demo_load

    counts.update(_labelled("events", events_demo_load()))
    from techbridge.planning.demo import planning_demo_load

    counts.update(_labelled("planning", planning_demo_load()))
    from techbridge.docking.demo import glossary_demo_load

    counts["glossary terms"] = glossary_demo_load()
    from techbridge.cases.demo import cases_demo_load

    counts.update(_labelled("cases", cases_demo_load()))
    return counts


def _labelled(area: str, counts: object) -> dict[str, int]:
    """An area's counts under readable names: "events registrations", but "events", not "events events"."""
    if not isinstance(counts, dict):
        return {}
    return {
        key if key.split()[0] == area else f"{area} {key.replace('_', ' ')}": value
        for key, value in counts.items()
        if isinstance(value, int)
    }


def _terms() -> dict[str, TaxonomyTerm]:
    return {t.code: t for t in TaxonomyTerm.objects.all()}


def _load_organisations(rows) -> int:
    terms, cities = _terms(), {c.key: c for c in City.objects.all()}
    n = 0
    for r in rows:
        org, _ = Organisation.objects.update_or_create(
            key=_f(r, "key"),
            defaults={
                "name": _f(r, "name"),
                "name_en": _f(r, "name_en") or "",
                "kind": _f(r, "kind"),
                "country_id": _f(r, "country"),
                "city": cities.get(_f(r, "city")),
                "size": _f(r, "size") or "",
                "website": _f(r, "website") or "",
                "languages": list(_f(r, "languages") or []),
                "description": _f(r, "description") or "",
                "founded": _f(r, "founded"),
                "is_demo": True,
            },
        )
        org.sectors.set([terms[c] for c in _f(r, "sectors") or [] if c in terms])
        n += 1
    return n


def _load_people(rows) -> int:
    terms, orgs = _terms(), {o.key: o for o in Organisation.objects.all()}
    n = 0
    for r in rows:
        person, _ = Person.objects.update_or_create(
            key=_f(r, "key"),
            defaults={
                "full_name": _f(r, "full_name"),
                "kind": _f(r, "kind"),
                "title": _f(r, "title") or "",
                "organisation": orgs.get(_f(r, "organisation")),
                "country_id": _f(r, "country"),
                "expertise": _f(r, "expertise") or "",
                "languages": list(_f(r, "languages") or []),
                "availability": _f(r, "availability") or "available",
                "email": _f(r, "email") or "",
                "is_demo": True,
            },
        )
        person.expertise_terms.set([terms[c] for c in _f(r, "expertise_terms") or [] if c in terms])
        n += 1
    return n


def _load_profiles(rows) -> int:
    terms, orgs = _terms(), {o.key: o for o in Organisation.objects.all()}
    countries = set(Country.objects.values_list("code", flat=True))
    existing = set(Profile.objects.filter(is_demo=True).values_list("source_key", flat=True))
    now, n = timezone.now(), 0
    per_stem: dict[str, int] = {}
    for r in rows:
        key = _f(r, "key")
        if key in existing:
            continue
        org = orgs[_f(r, "organisation")]
        created = now - dt.timedelta(days=int(_f(r, "created_days_ago") or 1))
        stem = reference_stem(_f(r, "kind"), org.country_id, created.date())
        per_stem[stem] = per_stem.get(stem, Profile.objects.filter(reference__startswith=stem).count()) + 1
        status = _f(r, "status") or "published"
        translation = _f(r, "translation_en")
        deadline_days = _f(r, "deadline_days")
        published = created + dt.timedelta(days=3) if status in ("published", "expired") else None
        expires = (published.date() + dt.timedelta(days=365)) if published else None
        if status == "expired":
            expires = min(expires, now.date() - dt.timedelta(days=1))
        profile = Profile.objects.create(
            reference=f"{stem}{per_stem[stem]:03d}",
            kind=_f(r, "kind"),
            organisation=org,
            title=_f(r, "title"),
            summary=_f(r, "summary"),
            description=_f(r, "description") or "",
            language=_f(r, "language"),
            translations={"en": dict(translation)} if translation else {},
            trl=_f(r, "trl"),
            ipr_status=_f(r, "ipr_status") or "",
            partnership_types=list(_f(r, "partnership_types") or []),
            partner_kinds=list(_f(r, "partner_kinds") or []),
            confidential_details=_f(r, "confidential_details") or "",
            deadline=(created + dt.timedelta(days=deadline_days)).date() if deadline_days else None,
            expires_at=expires,
            status=status,
            published_at=published,
            submitted_at=created + dt.timedelta(days=1) if status != "draft" else None,
            source_key=key,
            is_demo=True,
        )
        Profile.objects.filter(pk=profile.pk).update(created_at=created)
        profile.technology_keywords.set([terms[c] for c in _f(r, "technology_keywords") or [] if c in terms])
        profile.market_keywords.set([terms[c] for c in _f(r, "market_keywords") or [] if c in terms])
        profile.target_countries.set([c for c in _f(r, "target_countries") or [] if c in countries])
        _demo_history(profile, created, status)
        n += 1
    return n


def _demo_history(profile: Profile, created, status: str) -> None:
    steps = [(ProfileAction.CREATE, "", "draft", 0)]
    if status != "draft":
        steps.append((ProfileAction.SUBMIT, "draft", "submitted", 1))
    if status in ("in_review", "published", "expired"):
        steps.append((ProfileAction.START_REVIEW, "submitted", "in_review", 2))
    if status in ("published", "expired"):
        steps.append((ProfileAction.PUBLISH, "in_review", "published", 3))
    if status == "expired":
        steps.append((ProfileAction.EXPIRE, "published", "expired", 365))
    if status == "withdrawn":
        steps.append((ProfileAction.WITHDRAW, "submitted", "withdrawn", 5))
    for action, before, after, days in steps:
        event = ProfileEvent.objects.create(
            profile=profile, action=action, from_status=before, to_status=after
        )
        ProfileEvent.objects.filter(pk=event.pk).update(created_at=created + dt.timedelta(days=days))


DEMO_USERS = [
    # username, role, full name, organisation choice (country, kind) or None, language
    ("admin", "admin", ("Admin", "TechBridge"), None, "en"),
    ("broker", "broker", ("Li", "Na"), None, "zh-hans"),
    ("broker2", "broker", ("Anna", "Kowalska"), None, "en"),
    ("member", "member", ("Wang", "Jun"), ("CN", "enterprise", "ningbo"), "zh-hans"),
    ("member-pl", "member", ("Piotr", "Nowak"), ("PL", "enterprise"), "en"),
    ("member-cz", "member", ("Jana", "Dvořáková"), ("CZ", "research_institute"), "en"),
    ("evaluator", "evaluator", ("Zhang", "Min"), None, "zh-hans"),
    ("analyst", "analyst", ("Chen", "Hui"), None, "zh-hans"),
]


def _load_users() -> int:
    for username, role, (first, last), org_choice, language in DEMO_USERS:
        org = None
        if org_choice:
            orgs = Organisation.objects.filter(country_id=org_choice[0], kind=org_choice[1], is_demo=True)
            if len(org_choice) > 2:
                orgs = orgs.filter(city__key=org_choice[2])
            org = orgs.annotate(n=Count("profiles")).order_by("-n", "key").first()
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "role": role,
                "first_name": first,
                "last_name": last,
                "organisation": org,
                "language": language,
                "email": f"{username}@techbridge.example",
                "is_staff": role == "admin",
                "is_superuser": role == "admin",
                "is_demo": True,
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
    return len(DEMO_USERS)


def _load_interests() -> int:
    """A few expressions of interest between demo organisations, some accepted, so the flow is visible."""
    if Interest.objects.exists():
        return Interest.objects.count()
    member = User.objects.get(username="member")
    published = (
        Profile.objects.filter(status="published", is_demo=True)
        .exclude(organisation=member.organisation)
        .order_by("reference")
    )
    offers = list(published.filter(kind="offer")[:6])
    for i, profile in enumerate(offers):
        interest = Interest.objects.create(
            profile=profile,
            organisation=member.organisation,
            sent_by=member,
            message="我们对贵方技术很感兴趣，希望进一步了解合作方式。We would like to discuss a cooperation.",
        )
        if i % 3 == 0:
            interest.status, interest.decided_at = "accepted", timezone.now()
            interest.save()
    return len(offers)


def demo_logins() -> list[tuple[str, str, str]]:
    """(user name, role, organisation) for the console banner."""
    rows = []
    for username, role, *_rest in DEMO_USERS:
        user = User.objects.filter(username=username).select_related("organisation").first()
        if user is not None:
            rows.append((username, role, str(user.organisation or "")))
    return rows
