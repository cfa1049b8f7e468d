"""Fill a PostgreSQL database with a large marketplace for the load test (docs/benchmarks/load.md).

Loads the demo (reference data, demo organisations, people, profiles, sign-ins), then bulk-inserts generated
organisations and profiles up to --profiles, with texts composed by the demo generator's phrase banks (its 26
topics in Chinese, English, Polish, Czech and Hungarian, the same kinds, statuses, TRL, IPR, partnerships and
target countries), creates the virtual users' sign-ins and builds the match indexes. Writes a plan file
(users, password, profile references, queries) for benchmarks/load_http.py.

    export TECHBRIDGE_ENV=production DATABASE_URL=postgres://postgres@127.0.0.1:5432/techbridge_load \\
           TECHBRIDGE_DATA_DIR=/tmp/techbridge-load TECHBRIDGE_SECRET_KEY=...
    .venv/bin/python benchmarks/load_seed.py --profiles 100000 --users 50
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import sys
import time
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "techbridge.web.settings")

LOAD_PASSWORD = "techbridge-load-2026"
BATCH = 2000
PROFILES_PER_ORGANISATION = 20  # generated organisations: about this many profiles each


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--profiles", type=int, default=100_000, help="profiles in the database at the end")
    parser.add_argument("--users", type=int, default=50, help="sign-ins for the virtual users")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument(
        "--plan", type=Path, help="plan file for load_http.py (default: <data dir>/load-plan.json)"
    )
    parser.add_argument(
        "--allow-sqlite", action="store_true", help="seed a SQLite database (small trials only)"
    )
    args = parser.parse_args(argv)
    if args.profiles < 1 or args.users < 1:
        parser.error("--profiles and --users must be at least 1")

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    if connection.vendor != "postgresql" and not args.allow_sqlite:
        parser.error("DATABASE_URL must point to PostgreSQL (or pass --allow-sqlite for a small trial)")
    started = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0)
    from techbridge.marketplace.models import Profile
    from techbridge.web.demo_loader import demo_load

    if not Profile.objects.filter(is_demo=True).exists():
        counts = demo_load(seed=args.seed)
        print(
            f"demo: {counts.get('profiles')} profiles, {counts.get('organisations')} organisations",
            flush=True,
        )
    rng = random.Random(args.seed)
    missing = args.profiles - Profile.objects.count()
    if missing > 0:
        organisations = _organisations(rng, -(-missing // PROFILES_PER_ORGANISATION))
        t0 = time.perf_counter()
        _profiles(rng, missing, organisations)
        rate = missing / (time.perf_counter() - t0)
        print(f"profiles: {missing} inserted ({rate:.0f}/s)", flush=True)
    users = _users(args.users)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # a compact profile table (VACUUM FULL: on this machine the freshly seeded table held about half
            # free space, 297 MB against 149 MB rewritten), then what autovacuum does to a table that has been
            # live for a while: the visibility map set (plain VACUUM; without it no count can skip the table's
            # rows) and fresh planner statistics after the bulk inserts
            cursor.execute("VACUUM (FULL) marketplace_profile")
            cursor.execute("VACUUM (ANALYZE)")
    from techbridge.docking import engine
    from techbridge.paths import data_dir

    t0 = time.perf_counter()
    indexed = engine.rebuild("profiles")
    people = engine.rebuild("people")
    print(f"match index: {indexed} published profiles, {people} people in {time.perf_counter() - t0:.0f} s")
    plan_path = args.plan or data_dir() / "load-plan.json"
    plan_path.write_text(json.dumps(_plan(rng, users), ensure_ascii=False, indent=1))
    print(f"{Profile.objects.count()} profiles; plan written to {plan_path}")
    print(f"seeding took {time.perf_counter() - started:.0f} s")
    return 0


def _organisations(rng: random.Random, count: int) -> list:
    """`count` generated organisations (beside the demo's), shaped like the demo's: same kinds and countries."""
    from techbridge.directory.models import Organisation

    demo = list(Organisation.objects.filter(is_demo=True).exclude(kind="government").order_by("key"))
    have = Organisation.objects.filter(key__startswith="load-").count()
    new = []
    for n in range(have, count):
        base = demo[n % len(demo)]
        new.append(
            Organisation(
                key=f"load-{n:05d}-{base.key}"[:100],
                name=f"{base.name} #{n // len(demo) + 2}"[:200],
                name_en=f"{base.name_en} #{n // len(demo) + 2}"[:200] if base.name_en else "",
                kind=base.kind,
                country_id=base.country_id,
                city_id=base.city_id,
                size=base.size,
                languages=base.languages,
                description=base.description,
                founded=base.founded,
                is_demo=True,
            )
        )
    Organisation.objects.bulk_create(new, batch_size=BATCH)
    return demo + list(Organisation.objects.filter(key__startswith="load-"))


def _profiles(rng: random.Random, count: int, organisations: list) -> None:
    from django.db import connection, transaction
    from django.utils import timezone

    from techbridge.demo import phrasebank as pb
    from techbridge.demo import profiles as demo
    from techbridge.directory.models import Country, TaxonomyTerm
    from techbridge.marketplace.models import Profile
    from techbridge.marketplace.services import reference_stem

    topics = pb.topics()
    terms = {t.code: t.pk for t in TaxonomyTerm.objects.all()}
    countries = set(Country.objects.values_list("code", flat=True))
    local = {code: lang for code, lang in demo.LOCAL_TEXT.items()}
    by_country: dict[str, list] = {}
    for org in organisations:
        by_country.setdefault("CN" if org.country_id == "CN" else "other", []).append(org)
    now = timezone.now()
    seq: dict[str, int] = {}
    taken = set(Profile.objects.values_list("reference", flat=True))
    statuses = [s for s, _w in demo.STATUS_WEIGHTS]
    weights = [w for _s, w in demo.STATUS_WEIGHTS]
    tech_through = Profile.technology_keywords.through
    market_through = Profile.market_keywords.through
    country_through = Profile.target_countries.through
    done = 0
    while done < count:
        rows, links = [], []
        for _i in range(min(BATCH, count - done)):
            topic = rng.choice(topics)
            kind = rng.choices(("offer", "request", "rnd", "business"), (5, 4, 2, 2))[0]
            org = rng.choice(by_country["CN" if rng.random() < 0.5 else "other"])
            if org.country_id == "CN":
                lang = "zh" if rng.random() < 0.85 else "en"
            else:
                lang = local.get(org.country_id, "en") if rng.random() < 0.35 else "en"
            choice = {name: rng.randrange(3) for name in (
                "title", "intro", "context", "core", "core2", "advantages", "application", "collab", "collab2"
            )}  # fmt: skip
            choice["paragraphs"] = rng.choice([2, 3, 4, 4])
            if kind == "rnd":
                choice["advantages"] %= 2
            region = "cee" if org.country_id == "CN" else "china"
            text = demo._render(lang, kind, topic, region, choice)
            translation = {}
            if lang != "en" and rng.random() < 0.5:
                english = demo._render("en", kind, topic, region, choice)
                translation = {"en": {"title": english["title"], "summary": english["summary"]}}
            status = rng.choices(statuses, weights)[0]
            created = now - dt.timedelta(days=demo._age(rng, status), minutes=rng.randrange(1440))
            published = created + dt.timedelta(days=3) if status in ("published", "expired") else None
            expires = published.date() + dt.timedelta(days=365) if published else None
            if status == "published" and expires <= now.date():
                expires = now.date() + dt.timedelta(days=rng.randint(1, 300))  # renewed
            if status == "expired":
                expires = min(expires, now.date() - dt.timedelta(days=1))
            stem = reference_stem(kind, org.country_id, created.date())
            seq[stem] = seq.get(stem, 0) + 1
            while f"{stem}{seq[stem]:03d}" in taken:
                seq[stem] += 1
            deadline_days = demo._deadline(rng, kind)
            ipr = demo.IPR_WEIGHTS[kind]
            rows.append(
                Profile(
                    reference=f"{stem}{seq[stem]:03d}",
                    kind=kind,
                    organisation_id=org.pk,
                    title=text["title"][:200],
                    summary=text["summary"],
                    description=text["description"],
                    language=lang,
                    translations=translation,
                    trl=rng.randint(*demo.TRL_RANGE[kind]),
                    ipr_status=rng.choices(list(ipr), list(ipr.values()))[0],
                    partnership_types=sorted(rng.sample(demo.PARTNERSHIPS[kind], rng.randint(1, 2))),
                    partner_kinds=demo.PARTNER_KINDS[kind][: rng.randint(1, 3)],
                    deadline=(created + dt.timedelta(days=deadline_days)).date() if deadline_days else None,
                    expires_at=expires,
                    status=status,
                    published_at=published,
                    submitted_at=created + dt.timedelta(days=1) if status != "draft" else None,
                    source_key=f"load:{done + len(rows)}",
                    is_demo=True,
                )
            )
            tech = [terms[c] for c in topic.tech[: rng.randint(1, len(topic.tech))] if c in terms]
            markets = [terms[c] for c in rng.sample(list(topic.markets), rng.randint(0, len(topic.markets)))]
            targets = [c for c in _targets(rng, org.country_id, topic) if c in countries]
            links.append((tech, markets, targets, created))
        with transaction.atomic():
            Profile.objects.bulk_create(rows, batch_size=BATCH)
            tech_through.objects.bulk_create(
                [
                    tech_through(profile_id=p.pk, taxonomyterm_id=t)
                    for p, lk in zip(rows, links, strict=True)
                    for t in lk[0]
                ]
            )
            market_through.objects.bulk_create(
                [
                    market_through(profile_id=p.pk, taxonomyterm_id=t)
                    for p, lk in zip(rows, links, strict=True)
                    for t in lk[1]
                ]
            )
            country_through.objects.bulk_create(
                [
                    country_through(profile_id=p.pk, country_id=c)
                    for p, lk in zip(rows, links, strict=True)
                    for c in lk[2]
                ]
            )
            with connection.cursor() as cursor:  # created_at is auto_now_add: spread it like real history
                cursor.executemany(
                    f"UPDATE {Profile._meta.db_table} SET created_at = %s WHERE id = %s",
                    [(lk[3], p.pk) for p, lk in zip(rows, links, strict=True)],
                )
        done += len(rows)
        print(f"  {done}/{count} profiles", end="\r", flush=True)
    print()


def _targets(rng: random.Random, country: str, topic) -> list[str]:
    from techbridge.demo.organisations import CEE_CODES

    cee = [c for c in topic.countries if c in CEE_CODES]
    if country == "CN":
        return sorted(rng.sample(cee, min(len(cee), rng.randint(2, 4))))
    return ["CN"] if country in CEE_CODES else ["CN", *sorted(rng.sample(cee, 2))]


def _users(count: int) -> list[dict]:
    """Virtual users: one broker in ten, the others members of organisations that publish profiles."""
    from django.contrib.auth.hashers import make_password
    from django.db.models import Count

    from techbridge.accounts.models import User
    from techbridge.directory.models import Organisation

    password = make_password(LOAD_PASSWORD)  # one hash for all: hashing is the slow part of creating users
    orgs = list(
        Organisation.objects.annotate(n=Count("profiles")).filter(n__gt=0).order_by("-n", "key")[: count * 2]
    )
    users = []
    for n in range(count):
        username = f"load-{n + 1:03d}"
        role = "broker" if n % 10 == 9 else "member"
        org = orgs[(n * 2) % len(orgs)] if role == "member" else None
        User.objects.update_or_create(
            username=username,
            defaults={
                "role": role,
                "organisation": org,
                "password": password,
                "email": f"{username}@load.example",
                "language": "zh-hans" if org is not None and org.country_id == "CN" else "en",
                "is_demo": True,
            },
        )
        users.append({"username": username, "role": role})
    return users


def _plan(rng: random.Random, users: list[dict]) -> dict:
    from techbridge.demo import phrasebank as pb
    from techbridge.directory.models import TaxonomyTerm
    from techbridge.marketplace.models import Profile

    refs = list(Profile.objects.filter(status="published").values_list("reference", flat=True))
    queries, words = [], []
    for topic in pb.topics():
        for lang in ("zh", "en", "pl", "cs", "hu"):
            text = topic.text[lang]
            queries.append(f"{text['subject']}: {text['benefit']}")
            queries.append(text["challenge"])
            words.append(rng.choice(text["terms"]).split()[0])
    return {
        "password": LOAD_PASSWORD,
        "users": users,
        "references": rng.sample(refs, min(2000, len(refs))),
        "idea_queries": queries,
        "search_words": sorted(set(w for w in words if len(w) >= 2)),  # 储能: two characters
        "terms": sorted(TaxonomyTerm.objects.filter(scheme="technology").values_list("code", flat=True)),
        "countries": ["CN", "PL", "CZ", "HU", "SK", "RO", "BG", "HR", "SI", "RS", "GR", "DE"],
    }


if __name__ == "__main__":
    sys.exit(main())
