"""Demo people: experts and talents attached to demo organisations (fictional names, ``.example`` e-mail)."""

from __future__ import annotations

import random
from typing import Any

from techbridge.demo import phrasebank as pb
from techbridge.demo.records import Organisation, Person

RESEARCH_KINDS = ("university", "research_institute")
AVAILABILITY = (("available", 60), ("limited", 30), ("unavailable", 10))
TALENT_ROLES_EN = {
    "MSc": "engineer",
    "PhD candidate": "PhD researcher",
    "Eng.": "engineer",
    "BSc": "engineer",
}


def build_persons(
    rng: random.Random,
    orgs: list[Organisation],
    topics: dict[str, pb.Topic],
    *,
    experts: int = 52,
    talents: int = 12,
) -> list[Person]:
    """Experts (about 40% Chinese, most others in CEE research organisations) and talents."""
    ningbo_research = [o for o in orgs if o.city == "ningbo" and o.kind in RESEARCH_KINDS]
    ningbo_firms = [o for o in orgs if o.city == "ningbo" and o.kind == "enterprise"]
    cee_research = [o for o in orgs if o.country not in ("CN",) and o.kind in RESEARCH_KINDS]
    partner_orgs = [o for o in orgs if o.country in ("DE", "AT", "IT")]
    n_chinese = round(experts * 0.4)
    n_partner = min(4, len(partner_orgs))
    hosts = [ningbo_research[i % len(ningbo_research)] for i in range(n_chinese - 2)]
    hosts += rng.sample(ningbo_firms, 2)
    hosts += rng.sample(cee_research, experts - n_chinese - n_partner)
    hosts += rng.sample(partner_orgs, n_partner)
    used: set[str] = set()
    persons = [_person(rng, org, "expert", topics, used) for org in hosts]
    talent_hosts = [o for o in ningbo_research if o.kind == "university"]
    cee_universities = [o for o in cee_research if o.kind == "university"]
    hosts_t = [talent_hosts[i % len(talent_hosts)] for i in range(talents // 2)]
    hosts_t += rng.sample(cee_universities, talents - talents // 2)
    persons += [_person(rng, org, "talent", topics, used) for org in hosts_t]
    return persons


def _person(
    rng: random.Random, org: Organisation, kind: str, topics: dict[str, pb.Topic], used: set[str]
) -> Person:
    phrases = pb.people_phrases()
    full_name, latin_first, latin_last, title = _name_and_title(rng, org.country, kind, phrases)
    key = base = pb.slugify(f"{latin_first} {latin_last}")
    n = 2
    while key in used:
        key, n = f"{base}-{n}", n + 1
    used.add(key)
    topic = topics[rng.choice(org.topics)]
    lang = "zh" if org.country == "CN" else "en"
    slots: dict[str, Any] = dict(topic.slots(lang))
    slots["n"] = rng.randint(3, 15) if kind == "expert" else rng.randint(1, 6)
    slots["role"] = title if lang == "zh" else TALENT_ROLES_EN.get(title, "researcher")
    template = rng.choice(phrases["expertise"][kind])[lang]
    languages = ["zh", "en"] if org.country == "CN" else list(dict.fromkeys([*org.languages[:1], "en"]))
    domain = org.website.removeprefix("https://")
    email_local = pb.slugify(f"{latin_first}.{latin_last}").replace("-", ".")
    return Person(
        key=key, full_name=full_name, kind=kind, title=title, organisation=org.key, country=org.country,
        expertise=pb.capitalise(pb.fill(template, slots)), expertise_terms=list(topic.tech), languages=languages,
        availability=rng.choices([a for a, _ in AVAILABILITY], [w for _, w in AVAILABILITY])[0],
        email=f"{email_local}@{domain}", topic=topic.key,
    )  # fmt: skip


def _name_and_title(
    rng: random.Random, country: str, kind: str, phrases: dict[str, Any]
) -> tuple[str, str, str, str]:
    """(full name in native script and order, Latin first name, Latin surname, title)."""
    if country == "CN":
        chinese = phrases["chinese"]
        surname, surname_latin = pb.split_native(rng.choice(chinese["surnames"]))
        given, given_latin = pb.split_native(rng.choice(chinese["given"]))
        titles = chinese["expert_titles"] if kind == "expert" else chinese["talent_titles"]
        return surname + given, given_latin, surname_latin, rng.choice(titles)
    names = phrases["countries"][country]
    female = rng.random() < 0.45
    first, first_latin = pb.split_native(rng.choice(names["female" if female else "male"]))
    index = rng.randrange(len(names["last_m"]))
    surnames = names["last_f"] if female and "last_f" in names else names["last_m"]
    last, last_latin = pb.split_native(surnames[index])
    full = f"{last} {first}" if names.get("family_first") else f"{first} {last}"
    title = rng.choice(names["titles"]) if kind == "expert" else rng.choice(phrases["talent_titles_en"])
    return full, first_latin, last_latin, title
