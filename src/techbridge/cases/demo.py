"""Demo cases: ~40 cases across every stage from the demo's published profiles and accepted interests,
~8 signed agreements with follow-ups, assessments by two evaluators, match views; enough for the funnel.

Idempotent: does nothing when demo cases exist. Call after the demo's users, profiles and interests.
"""

from __future__ import annotations

import datetime as dt
import random

from django.db import transaction
from django.utils import timezone

from techbridge.cases import agreements, assessments, services
from techbridge.cases.models import Case, MatchView, Transition

# final stage of each demo case (40): the funnel narrows like a real pipeline
PLAN = ["consultation"] * 6 + ["evaluation"] * 6 + ["docking"] * 6 + ["negotiation"] * 6
PLAN += ["agreement"] * 3 + ["tracking"] * 5 + ["closed"] * 8
PATH = ["evaluation", "docking", "negotiation", "agreement", "tracking"]
KINDS = ["licence", "joint_venture", "research", "service", "joint_lab", "training", "mou"]
ACTIONS = [
    "Call the licensor",
    "Send the NDA",
    "Prepare the evaluation report",
    "Arrange a site visit",
    "Draft the term sheet",
    "Follow up after the meeting",
]


def _users():
    from techbridge.accounts.models import User

    brokers = list(User.objects.filter(role="broker").order_by("username")) or list(
        User.objects.filter(is_superuser=True).order_by("username")
    )
    evaluators = list(User.objects.filter(role="evaluator", organisation=None).order_by("username"))
    for name in ("evaluator-2", "evaluator-3")[: max(0, 2 - len(evaluators))]:
        user, _created = User.objects.get_or_create(
            username=name,
            defaults={
                "role": "evaluator",
                "email": f"{name}@techbridge.example",
                "is_demo": True,
                "first_name": "Demo",
                "last_name": name.split("-")[1],
            },
        )
        evaluators.append(user)
    return brokers, evaluators


def _pairs(rng, profiles, orgs_by_group):
    """(profile, counterpart organisation) pairs without a case yet: Chinese <-> non-Chinese."""
    from techbridge.docking.models import Interest

    taken = set(Interest.objects.exclude(cases=None).values_list("profile_id", "organisation_id"))
    for _round in range(3):
        for profile in profiles:
            group = "china" if profile.organisation.country.group != "china" else None
            pool = [
                o
                for g, orgs in orgs_by_group.items()
                if (g == "china") == (group == "china")
                for o in orgs
                if o.pk != profile.organisation_id and (profile.pk, o.pk) not in taken
            ]
            if pool:
                org = rng.choice(pool)
                taken.add((profile.pk, org.pk))
                yield profile, org


def _interest(profile, org, at):
    from techbridge.docking.models import Interest

    interest, _created = Interest.objects.get_or_create(
        profile=profile,
        organisation=org,
        defaults={"message": "Demo: we would like to discuss a cooperation.", "status": "accepted"},
    )
    Interest.objects.filter(pk=interest.pk).update(status="accepted", created_at=at, decided_at=at)
    interest.refresh_from_db()
    return interest


def _follow_ups(rng, ag, broker, signed: dt.date) -> None:
    """Outcome records 3 and 9 months after signing (at least one, dated today at the latest)."""
    today = timezone.localdate()
    dates = [d for d in (signed + dt.timedelta(days=90), signed + dt.timedelta(days=270)) if d <= today]
    for on in dates or [today]:
        agreements.follow_up_record(
            agreement=ag,
            by=broker,
            data={
                "on": on,
                "products_launched": rng.randint(0, 2),
                "revenue": rng.randint(0, 900) * 1000,
                "jobs": rng.randint(0, 25),
                "patents": rng.randint(0, 3),
                "follow_on_projects": rng.randint(0, 2),
            },
        )


def _walk(rng, case, final, broker, evaluators, t):
    """Move the case step by step to its final stage, days apart, with the facts each stage needs."""
    orgs = [p.organisation for p in case.parties.exclude(organisation=None)]
    target = (
        final if final != "closed" else rng.choice(["consultation", "evaluation", "docking", "negotiation"])
    )
    for stage in PATH:
        if target == "consultation":
            break
        t = min(t + dt.timedelta(days=rng.randint(5, 40)), timezone.now() - dt.timedelta(days=1))
        if stage == "evaluation":
            services.case_move(case=case, by=broker, to=stage, at=t)
            for ev in evaluators[:2]:
                sheet = assessments.evaluator_assign(case=case, by=broker, evaluator=ev)
                scores = {k: rng.randint(2, 5) for k in ("readiness", "ip", "market", "team", "fit", "risks")}
                assessments.assessment_submit(
                    assessment=sheet, by=ev, scores=scores, comment="Demo assessment."
                )
        elif stage == "docking":
            services.case_decide(case=case, by=broker, decision=rng.choice(["proceed", "conditions"]))
            services.case_move(case=case, by=broker, to=stage, at=t)
        elif stage == "agreement":
            signed = t.date()
            ag = agreements.agreement_record(
                case=case,
                by=broker,
                data={
                    "kind": rng.choice(KINDS),
                    "title": f"Agreement: {case.title[:150]}",
                    "parties": [o.pk for o in orgs],
                    "value": rng.choice([50, 120, 300, 800, 2000]) * 1000,
                    "currency": rng.choice(["EUR", "CNY"]),
                    "signed_on": signed,
                    "starts_on": signed,
                    "status": "signed",
                },
            )
            services.case_move(case=case, by=broker, to=stage, at=t, note="Signed.")
            _follow_ups(rng, ag, broker, signed)
        else:
            services.case_move(case=case, by=broker, to=stage, at=t)
        if stage == target:
            break
    if final == "closed":
        t = min(t + dt.timedelta(days=rng.randint(5, 30)), timezone.now())
        services.case_move(
            case=case,
            by=broker,
            to="closed",
            at=t,
            reason=rng.choice(
                ["no_interest", "technology_unsuitable", "terms_not_agreed", "funding", "partner_withdrew"]
            ),
        )
    return t


@transaction.atomic
def cases_demo_load(*, seed: int = 2026) -> dict[str, int]:
    """Create the demo cases (once); returns counts."""
    from techbridge.directory.models import Organisation
    from techbridge.marketplace.models import Profile

    if Case.objects.filter(is_demo=True).exists():
        return {"cases": Case.objects.filter(is_demo=True).count()}
    rng = random.Random(seed)
    brokers, evaluators = _users()
    profiles = list(
        Profile.objects.filter(status="published")
        .select_related("organisation__country")
        .order_by("reference")
    )
    if not brokers or not profiles:
        return {"cases": 0}
    orgs_by_group: dict[str, list] = {}
    for org in Organisation.objects.select_related("country").order_by("key"):
        orgs_by_group.setdefault(org.country.group, []).append(org)
    now = timezone.now()
    rng.shuffle(profiles)
    made = 0
    pairs = _pairs(rng, profiles, orgs_by_group)
    for i, final in enumerate(PLAN):
        profile, other = next(pairs, (None, None))
        if profile is None:
            break
        broker = brokers[i % len(brokers)]
        start = now - dt.timedelta(days=rng.randint(60, 480))
        interest = _interest(profile, other, start - dt.timedelta(days=rng.randint(3, 20)))
        case = services.case_open_from_interest(interest=interest, by=broker)
        Case.objects.filter(pk=case.pk).update(created_at=start, is_demo=True)
        Transition.objects.filter(case=case).update(at=start)
        end = _walk(rng, case, final, broker, evaluators, start)
        if final not in ("closed", "tracking"):
            due = (min(end, now) + dt.timedelta(days=rng.randint(-10, 30))).date()
            services.case_update(
                case=case, by=broker, data={"next_action": rng.choice(ACTIONS), "next_action_due": due}
            )
        made += 1
    views = _match_views(rng, profiles, now)
    return {"cases": made, "match views": views}


def _match_views(rng, profiles, now) -> int:
    from techbridge.accounts.models import User

    viewers = list(User.objects.filter(role__in=["member", "broker"]))
    if not viewers:
        return 0
    rows = []
    for p in profiles:
        for _k in range(rng.randint(0, 3)):
            rows.append(MatchView(profile=p, user=rng.choice(viewers)))
    MatchView.objects.bulk_create(rows)
    for mv in MatchView.objects.filter(pk__in=[r.pk for r in rows if r.pk]):
        MatchView.objects.filter(pk=mv.pk).update(at=now - dt.timedelta(days=rng.randint(1, 480)))
    return len(rows)
