"""Demo profiles generated from topic seeds, so that Ningbo requests have real CEE offers to match.

Per topic, 13 slots fix the kind, the author pool and the text language (about 45% zh, 40% en, 15% pl/cs/hu).
Texts are composed from aligned phrase banks; the English translation reuses the same phrase indices.
"""

from __future__ import annotations

import random
from typing import Any

from techbridge.demo import phrasebank as pb
from techbridge.demo.organisations import CEE_CODES, LOCAL_TEXT
from techbridge.demo.records import Organisation, Profile

RESEARCH_KINDS = ("university", "research_institute")
STATUS_WEIGHTS = (
    ("published", 72),
    ("draft", 6),
    ("submitted", 6),
    ("in_review", 6),
    ("expired", 7),
    ("withdrawn", 3),
)
TRL_RANGE = {"offer": (5, 9), "request": (6, 9), "rnd": (2, 5), "business": (7, 9)}
IPR_WEIGHTS = {
    "offer": {"patent_granted": 35, "patent_applied": 25, "secret_knowhow": 20, "exclusive_rights": 5,
              "copyright": 5, "registered_design": 5, "trademark": 5},
    "request": {"none": 70, "secret_knowhow": 15, "exclusive_rights": 15},
    "rnd": {"none": 50, "patent_applied": 30, "secret_knowhow": 20},
    "business": {"trademark": 30, "patent_granted": 30, "registered_design": 20, "none": 20},
}  # fmt: skip
PARTNERSHIPS = {
    "offer": ["licence", "commercial_technical_assistance", "technical_cooperation", "joint_venture"],
    "request": ["technical_cooperation", "commercial_technical_assistance", "licence"],
    "rnd": ["research_cooperation", "technical_cooperation"],
    "business": ["joint_venture", "investment", "commercial_technical_assistance"],
}
PARTNER_KINDS = {
    "offer": ["enterprise", "research_institute", "intermediary"],
    "request": ["enterprise", "research_institute", "university"],
    "rnd": ["university", "research_institute", "enterprise"],
    "business": ["enterprise", "investor", "intermediary"],
}
CONFIDENTIAL = {"offer": (0, 1), "request": (2,), "rnd": (3,), "business": (0, 2)}
PATENT_PREFIX = {"PL": ("PL", "B1"), "CZ": ("CZ", "B6"), "HU": ("HU", "B")}


def _slots(topic_index: int) -> list[tuple[str, str, str]]:
    """(kind, author pool, language) for the 13 profiles of one topic."""
    last = ("offer", "ningbo_ent", "en") if topic_index % 3 == 0 else ("business", "partner", "en")
    return [
        ("request", "ningbo_ent", "zh"), ("request", "ningbo_ent", "zh"), ("request", "china_ent", "zh"),
        ("offer", "ningbo_any", "zh"), ("rnd", "ningbo_research", "zh"), ("business", "china_ent", "zh"),
        ("offer", "cee_ent", "en"), ("offer", "cee_ent", "en"), ("offer", "cee_local", "local"),
        ("request" if topic_index % 2 == 0 else "rnd", "cee_local", "local"),
        ("rnd", "cee_research", "en"), ("request", "cee_ent", "en"), last,
    ]  # fmt: skip


def build_profiles(
    rng: random.Random, orgs: list[Organisation], topics: tuple[pb.Topic, ...]
) -> list[Profile]:
    """Thirteen profiles per topic, authored by organisations working on that topic."""
    profiles = []
    for index, topic in enumerate(topics):
        pools = _pools(orgs, topic.key)
        titles: dict[tuple[str, str], set[int]] = {}  # (kind, language) -> title phrases taken in this topic
        for slot, (kind, pool, lang) in enumerate(_slots(index)):
            candidates = pools[pool]
            if pool == "cee_local":  # rotate Polish, Czech and Hungarian authors for a balanced language mix
                wanted = tuple(LOCAL_TEXT)[(index + slot) % len(LOCAL_TEXT)]
                candidates = [o for o in candidates if o.country == wanted] or [
                    o for o in pools["cee_research_any"] if o.country == wanted
                ]
            org = rng.choice(candidates)
            language = LOCAL_TEXT.get(org.country, "en") if lang == "local" else lang
            key = f"{kind}-{topic.key.replace('_', '-')}-{slot + 1:02d}"
            taken = titles.setdefault((kind, language), set())
            profiles.append(_profile(rng, key, kind, org, topic, language, orgs, taken))
    return profiles


def _pools(orgs: list[Organisation], topic_key: str) -> dict[str, list[Organisation]]:
    on_topic = [o for o in orgs if topic_key in o.topics]

    def pick(candidates: list[Organisation], fallback: list[Organisation]) -> list[Organisation]:
        return candidates or fallback

    ningbo_research_all = [o for o in orgs if o.city == "ningbo" and o.kind in RESEARCH_KINDS]
    cee_research_all = [o for o in orgs if o.country in CEE_CODES and o.kind in RESEARCH_KINDS]
    ningbo_ent = [o for o in on_topic if o.city == "ningbo" and o.kind == "enterprise"]
    ningbo_research = pick([o for o in on_topic if o in ningbo_research_all], ningbo_research_all)
    cee_ent = [o for o in on_topic if o.country in CEE_CODES and o.kind == "enterprise"]
    cee_local = [o for o in on_topic if o.country in LOCAL_TEXT and o.kind in ("enterprise", *RESEARCH_KINDS)]
    cee_local = pick(cee_local, [o for o in cee_research_all if o.country in LOCAL_TEXT])
    partner = [o for o in on_topic if o.country not in CEE_CODES and o.country != "CN"]
    return {
        "ningbo_ent": ningbo_ent,
        "china_ent": [o for o in on_topic if o.country == "CN" and o.kind == "enterprise"],
        "ningbo_any": ningbo_ent + ningbo_research,
        "ningbo_research": ningbo_research,
        "cee_ent": cee_ent,
        "cee_local": cee_local,
        "cee_research": pick([o for o in on_topic if o in cee_research_all], cee_research_all),
        "partner": partner or cee_ent,
        "cee_research_any": cee_research_all,
    }


def _render(lang: str, kind: str, topic: pb.Topic, region: str, choice: dict[str, int]) -> dict[str, str]:
    """Title, summary and description in one language from fixed phrase indices."""
    bank = pb.profile_phrases()
    slots: dict[str, Any] = {**topic.slots(lang), "region": bank["region"][region][lang]}

    def say(section: list[dict[str, str]], name: str) -> str:
        return pb.fill(section[choice[name] % len(section)][lang], slots)

    intro, context = say(bank["intro"][kind], "intro"), say(bank["context"], "context")
    advantage, application = say(bank["advantages"], "advantages"), say(bank["application"], "application")
    core = [say(bank["core"][kind], "core")]
    if choice["core2"] != choice["core"]:
        core.append(say(bank["core"][kind], "core2"))
    collab = [say(bank["collaboration"][kind], "collab")]
    if choice["collab2"] != choice["collab"]:
        collab.append(say(bank["collaboration"][kind], "collab2"))
    summary = pb.join([intro, context, advantage], lang)
    if len(summary) > 500:
        summary = pb.join([intro, advantage], lang)
    paragraphs = [pb.join([intro, context], lang), pb.join(core, lang),
                  pb.join([advantage, application], lang), pb.join(collab, lang)]  # fmt: skip
    sep = "" if lang == "zh" else " "
    if choice["paragraphs"] == 3:
        paragraphs = [paragraphs[0], paragraphs[1] + sep + paragraphs[2], paragraphs[3]]
    elif choice["paragraphs"] == 2:
        paragraphs = [paragraphs[0] + sep + paragraphs[1], paragraphs[2] + sep + paragraphs[3]]
    return {
        "title": say(bank["title"][kind], "title"),
        "summary": summary[:500],
        "description": "\n\n".join(paragraphs),
    }


def _profile(
    rng: random.Random,
    key: str,
    kind: str,
    org: Organisation,
    topic: pb.Topic,
    lang: str,
    orgs: list[Organisation],
    taken_titles: set[int],
) -> Profile:
    choice = {name: rng.randrange(3) for name in ("title", "intro", "context", "core", "core2", "advantages",
                                                  "application", "collab", "collab2")}  # fmt: skip
    choice["title"] = _distinct_title(choice["title"], len(pb.profile_phrases()["title"][kind]), taken_titles)
    choice["paragraphs"] = rng.choice([2, 3, 4, 4])
    if kind == "rnd":  # a payback period makes no sense for a research project
        choice["advantages"] %= 2
    chinese_author = org.country == "CN"
    region = "cee" if chinese_author else "china"
    text = _render(lang, kind, topic, region, choice)
    translation = None
    if lang != "en" and rng.random() < 0.5:
        english = _render("en", kind, topic, region, choice)
        translation = {"title": english["title"], "summary": english["summary"]}
    status = rng.choices([s for s, _ in STATUS_WEIGHTS], [w for _, w in STATUS_WEIGHTS])[0]
    ipr = IPR_WEIGHTS[kind]
    return Profile(
        key=key, kind=kind, organisation=org.key, title=text["title"], summary=text["summary"],
        description=text["description"], language=lang,
        technology_keywords=list(topic.tech[: rng.randint(1, len(topic.tech))]),
        market_keywords=rng.sample(list(topic.markets), rng.randint(0, len(topic.markets))),
        trl=rng.randint(*TRL_RANGE[kind]), ipr_status=rng.choices(list(ipr), list(ipr.values()))[0],
        partnership_types=sorted(rng.sample(PARTNERSHIPS[kind], rng.randint(1, min(3, len(PARTNERSHIPS[kind]))))),
        target_countries=_targets(rng, org, topic), partner_kinds=PARTNER_KINDS[kind][: rng.randint(1, 3)],
        confidential_details=_confidential(rng, kind, org, lang, orgs), status=status,
        created_days_ago=_age(rng, status), deadline_days=_deadline(rng, kind), translation_en=translation,
        topic=topic.key,
    )  # fmt: skip


def _distinct_title(drawn: int, count: int, taken: set[int]) -> int:
    """The drawn title phrase, or the next one not yet taken by a profile of the same kind and language on the
    topic: two identical titles side by side in a match list read as a duplicate entry. Draws nothing more from
    the random stream, so the rest of the demo stays as it was."""
    for step in range(count):
        candidate = (drawn + step) % count
        if candidate not in taken:
            taken.add(candidate)
            return candidate
    return drawn  # more profiles than title phrases: a repeat cannot be avoided


def _targets(rng: random.Random, org: Organisation, topic: pb.Topic) -> list[str]:
    cee = [c for c in topic.countries if c in CEE_CODES]
    if org.country == "CN":
        return sorted(rng.sample(cee, min(len(cee), rng.randint(2, 4))))
    if org.country in CEE_CODES:
        return ["CN"]
    return ["CN", *sorted(rng.sample(cee, 2))]


def _age(rng: random.Random, status: str) -> int:
    low, high = {"expired": (400, 700), "draft": (1, 60), "submitted": (1, 30), "in_review": (2, 45),
                 "withdrawn": (30, 500)}.get(status, (1, 700))  # fmt: skip
    return rng.randint(low, high)


def _deadline(rng: random.Random, kind: str) -> int | None:
    chance = {"request": 0.65, "rnd": 0.65, "business": 0.2, "offer": 0.1}[kind]
    return rng.choice([60, 90, 120, 180, 270, 365]) if rng.random() < chance else None


def _confidential(
    rng: random.Random, kind: str, org: Organisation, lang: str, orgs: list[Organisation]
) -> str:
    """Broker-only details: a price band, a pilot customer (another demo organisation) or a patent number."""
    low = rng.choice([5, 8, 12, 20, 35, 50])
    high = low * rng.choice([2, 3])
    if lang == "zh":
        price = f"人民币{low * 10}万至{high * 10}万元"
    elif lang == "en":
        price = f"EUR {low * 10},000–{high * 10},000"
    else:
        price = f"{low * 10} 000–{high * 10} 000 EUR"
    peers = [o for o in orgs if o.country == org.country and o.kind == "enterprise" and o.key != org.key]
    customer = rng.choice(peers).name if peers else "—"
    template = pb.profile_phrases()["confidential"][rng.choice(CONFIDENTIAL[kind])][lang]
    text = pb.fill(template, {"price": price, "customer": customer, "patent": _patent(rng, org.country)})
    return text.replace("..", ".")


def _patent(rng: random.Random, country: str) -> str:
    if country == "CN":
        return f"ZL{rng.randint(2015, 2024)}1{rng.randint(0, 9_999_999):07d}.{rng.randint(0, 9)}"
    prefix, kind_code = PATENT_PREFIX.get(country, ("EP", "B1"))
    digits = 6 if prefix != "EP" else 7
    return f"{prefix} {rng.randint(10 ** (digits - 1), 10**digits - 1)} {kind_code}"
