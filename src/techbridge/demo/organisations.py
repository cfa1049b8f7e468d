"""Demo organisations: Ningbo's innovation ecosystem, other Chinese hubs, all CEE countries and a few partners.

All names are invented combinations (fictional brand + field + legal form); websites use ``.example``.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from dataclasses import dataclass, field

from techbridge.demo import phrasebank as pb
from techbridge.demo.records import Organisation
from techbridge.directory.reference import City, Country

CEE_CODES = (
    "AL",
    "BA",
    "BG",
    "HR",
    "CZ",
    "EE",
    "GR",
    "HU",
    "LV",
    "LT",
    "ME",
    "MK",
    "PL",
    "RO",
    "RS",
    "SK",
    "SI",
)
LOCAL_TEXT = {"PL": "pl", "CZ": "cs", "HU": "hu"}
MIN_PER_CEE_COUNTRY = 6
# Topics where Ningbo's industry is strongest get an extra Ningbo enterprise.
NINGBO_FOCUS = {
    "port_automation", "magnets", "moulds_digital", "optical_films", "smart_textiles", "battery_storage",
    "cnc_predictive", "crossborder_logistics", "green_shipping", "ocean_sensing", "cobots", "iiot_platform",
    "wastewater", "aquaculture",
}  # fmt: skip
OTHER_CHINESE_CITIES = ("hangzhou", "shanghai", "shenzhen", "tianjin", "yiwu", "chengdu", "beijing")
PARTNER_TOPICS = {
    "DE": ("cobots", "hydrogen"), "IT": ("moulds_digital", "xr_heritage"), "AT": ("heat_pumps", "ot_security"),
    "KZ": ("crossborder_logistics", "agrivoltaics"), "TR": ("smart_textiles", "wastewater"),
    "BY": ("crossborder_logistics",), "SG": ("iiot_platform", "ot_security"), "MY": ("functional_food", "aquaculture"),
}  # fmt: skip
# Legal-form endings dropped from keys ("...-co-ltd", "...-sp-z-o-o", "...-kft").
_LEGAL_TAIL = re.compile(
    r"-(co-ltd|sp-z-o-o|s-a|s-r-o|a-s|kft|zrt|s-r-l|eood|ood|ad|d-o-o|d-d|a-d|dooel|doo|sh-p-k|ike|ou|as|sia|uab|ab"
    r"|gmbh|ag|s-p-a|llp|pte-ltd|sdn-bhd|llc)$"
)
SUPPORT_KINDS = ("science_park", "intermediary", "investor", "government")
FOUNDED = {
    "enterprise": (1994, 2023), "university": (1952, 2004), "research_institute": (1985, 2020),
    "science_park": (2001, 2021), "intermediary": (2005, 2022), "investor": (2008, 2022),
    "government": (1990, 2019), "innovation_centre": (2018, 2024),
}  # fmt: skip
SIZES = {
    "university": "large", "research_institute": "medium", "science_park": "small", "intermediary": "small",
    "investor": "small", "government": "medium", "innovation_centre": "micro",
}  # fmt: skip


@dataclass
class _Context:
    rng: random.Random
    topics: dict[str, pb.Topic]
    countries: dict[str, Country]
    cities: dict[str, City]
    cities_by_country: dict[str, list[str]]
    used_keys: set[str]
    used_names: set[str]
    brands: dict[str, list[str]] = field(default_factory=dict)
    brand_cursor: int = 0
    stem_cursor: int = 0


def build_organisations(
    rng: random.Random, topics: tuple[pb.Topic, ...], countries: list[Country], cities: list[City]
) -> list[Organisation]:
    """Every demo organisation, in a deterministic order for a given random generator."""
    by_country: dict[str, list[str]] = {}
    for city in cities:
        by_country.setdefault(city.country, []).append(city.key)
    ctx = _Context(
        rng, {t.key: t for t in topics}, {c.code: c for c in countries}, {c.key: c for c in cities},
        by_country, set(), set(),
    )  # fmt: skip
    orgs = _ningbo(ctx, topics) + _other_chinese(ctx, topics) + _innovation_centres(ctx)
    orgs += _cee_institutions(ctx) + _cee_enterprises(ctx, topics)
    orgs += _fill_cee_countries(ctx, orgs, topics) + _partners(ctx)
    return orgs


def _make(ctx: _Context, *, name: str, name_en: str, kind: str, country: str, city: str,
          topic_keys: list[str], size: str | None = None) -> Organisation:  # fmt: skip
    rng = ctx.rng
    key = _LEGAL_TAIL.sub("", pb.slugify(name_en))
    base, n = key, 2
    while key in ctx.used_keys:
        key, n = f"{base}-{n}", n + 1
    ctx.used_keys.add(key)
    ctx.used_names.add(name)
    sectors: list[str] = []
    for topic_key in topic_keys:
        sectors += [code for code in ctx.topics[topic_key].tech if code not in sectors]
    low, high = FOUNDED[kind]
    if size is None:
        size = SIZES.get(kind) or rng.choices(["micro", "small", "medium", "large"], [15, 40, 30, 15])[0]
    org = Organisation(
        key=key, name=name, name_en=name_en, kind=kind, country=country, city=city, size=size,
        sectors=sectors[:4], website=f"https://{key}.example", languages=_languages(ctx, country, kind),
        description="", founded=rng.randint(low, high), topics=list(topic_keys),
    )  # fmt: skip
    org.description = _describe(ctx, org)
    return org


def _languages(ctx: _Context, country: str, kind: str) -> list[str]:
    if country == "CN" or kind == "innovation_centre":
        langs = ["zh", "en"]
        if kind == "innovation_centre":
            langs.append(ctx.countries[country].official_languages[0])
        return langs
    langs = [ctx.countries[country].official_languages[0], "en"]
    if country in ("CZ", "SK", "HU", "SI", "HR") and ctx.rng.random() < 0.3:
        langs.append("de")
    return list(dict.fromkeys(langs))


def _describe(ctx: _Context, org: Organisation) -> str:
    """Two or three sentences in the organisation's own language (zh for Chinese ones)."""
    rng = ctx.rng
    if org.country == "CN" or org.kind == "innovation_centre":
        lang = "zh"
    elif org.kind == "enterprise" and org.country in LOCAL_TEXT and rng.random() < 0.5:
        lang = LOCAL_TEXT[org.country]
    else:
        lang = "en"
    topic = ctx.topics[org.topics[0]]
    slots: dict[str, object] = dict(topic.slots(lang))
    city = ctx.cities[org.city]
    slots.update(
        name=org.name if lang == "zh" else org.name_en, founded=str(org.founded),
        city={"zh": city.name_zh, "en": city.name_en}.get(lang, city.name_local),
    )  # fmt: skip
    templates = pb.organisation_phrases()["descriptions"][org.kind][lang]
    return pb.fill(rng.choice(templates), slots)


def _next_brand(ctx: _Context, city_key: str) -> tuple[str, str]:
    """Brands in a seeded order; place-name brands only for Ningbo enterprises."""
    if not ctx.brands:
        phrases = pb.organisation_phrases()
        for name, extra in (("ningbo", phrases["ningbo_brands"]), ("other", [])):
            ctx.brands[name] = phrases["chinese_brands"] + extra
            ctx.rng.shuffle(ctx.brands[name])
    brands = ctx.brands["ningbo" if city_key == "ningbo" else "other"]
    ctx.brand_cursor += 1
    return pb.split_native(brands[ctx.brand_cursor % len(brands)])


def _next_stem(ctx: _Context) -> str:
    stems = pb.organisation_phrases()["stems"]
    ctx.stem_cursor += 1
    return stems[(ctx.stem_cursor * 11) % len(stems)]  # 11 and 30 are coprime: every stem comes round


def _chinese_enterprise(ctx: _Context, topic: pb.Topic, city_key: str, variant: int) -> Organisation:
    city = ctx.cities[city_key]
    field_zh, field_en = topic.org_zh[variant % len(topic.org_zh)], topic.org_en[variant % len(topic.org_en)]
    for _ in range(100):
        brand_zh, brand_en = _next_brand(ctx, city_key)
        name = f"{city.name_zh}{brand_zh}{field_zh}有限公司"
        if name not in ctx.used_names:
            break
    name_en = f"{city.name_en} {brand_en} {field_en} Co., Ltd."
    return _make(ctx, name=name, name_en=name_en, kind="enterprise", country="CN", city=city_key,
                 topic_keys=[topic.key])  # fmt: skip


def _ningbo(ctx: _Context, topics: tuple[pb.Topic, ...]) -> list[Organisation]:
    orgs = []
    for row in pb.organisation_phrases()["ningbo_fixed"]:
        orgs.append(_make(ctx, name=row["zh"], name_en=row["en"], kind=row["kind"], country="CN",
                          city="ningbo", topic_keys=list(row["topics"])))  # fmt: skip
    for topic in topics:
        for variant in range(3 if topic.key in NINGBO_FOCUS else 2):
            orgs.append(_chinese_enterprise(ctx, topic, "ningbo", variant))
    return orgs


def _other_chinese(ctx: _Context, topics: tuple[pb.Topic, ...]) -> list[Organisation]:
    chosen = [t for i, t in enumerate(topics) if i % 2 == 0]
    return [
        _chinese_enterprise(ctx, topic, OTHER_CHINESE_CITIES[i % len(OTHER_CHINESE_CITIES)], i + 1)
        for i, topic in enumerate(chosen)
    ]


def _innovation_centres(ctx: _Context) -> list[Organisation]:
    return [
        _make(
            ctx,
            name=row["zh"],
            name_en=row["en"],
            kind="innovation_centre",
            country=row["country"],
            city=row["city"],
            topic_keys=list(row["topics"]),
        )  # fmt: skip
        for row in pb.organisation_phrases()["innovation_centres"]
    ]


def _topics_of(ctx: _Context, country: str, k: int) -> list[str]:
    listed = [key for key, t in ctx.topics.items() if country in t.countries]
    pool = listed if len(listed) >= k else list(ctx.topics)
    return ctx.rng.sample(pool, k)


def _institution(ctx: _Context, kind: str, country: str, index: int) -> Organisation:
    rng = ctx.rng
    city_keys = ctx.cities_by_country[country]
    city = ctx.cities[city_keys[index % len(city_keys)]]
    topic_keys = _topics_of(ctx, country, 3 if kind in ("university", "investor") else 2)
    template = rng.choice(pb.organisation_phrases()["names_en"][kind])
    field = ctx.topics[topic_keys[0]].org_en[0]
    name = template.format(city=city.name_en, stem=_next_stem(ctx), field=field)
    if kind in ("intermediary", "investor"):
        name = f"{name} {rng.choice(pb.organisation_phrases()['legal_suffix'][country])}"
    return _make(ctx, name=name, name_en=name, kind=kind, country=country, city=city.key,
                 topic_keys=topic_keys)  # fmt: skip


def _cee_institutions(ctx: _Context) -> list[Organisation]:
    orgs = []
    for i, country in enumerate(CEE_CODES):
        orgs.append(_institution(ctx, "university", country, 0))
        orgs.append(_institution(ctx, "research_institute", country, 1))
        orgs.append(_institution(ctx, SUPPORT_KINDS[i % len(SUPPORT_KINDS)], country, 0))
    return orgs


def _cee_enterprise(ctx: _Context, topic: pb.Topic, country: str) -> Organisation:
    rng = ctx.rng
    city = ctx.cities[rng.choice(ctx.cities_by_country[country])]
    place = city.name_local if city.name_local.isascii() or country in LOCAL_TEXT else city.name_en
    suffix = rng.choice(pb.organisation_phrases()["legal_suffix"][country])
    for _ in range(100):
        head = place if rng.random() < 0.5 else _next_stem(ctx)
        name = f"{head} {rng.choice(topic.org_en)} {suffix}"
        if name not in ctx.used_names:
            break
    return _make(ctx, name=name, name_en=name, kind="enterprise", country=country, city=city.key,
                 topic_keys=[topic.key])  # fmt: skip


def _cee_enterprises(ctx: _Context, topics: tuple[pb.Topic, ...]) -> list[Organisation]:
    orgs = []
    for i, topic in enumerate(topics):
        cee = [c for c in topic.countries if c in CEE_CODES]
        picked = [cee[(i * 3 + j) % len(cee)] for j in range(4)]
        if not set(picked) & set(LOCAL_TEXT):
            local = [c for c in cee if c in LOCAL_TEXT] or list(LOCAL_TEXT)
            picked[-1] = ctx.rng.choice(local)
        orgs += [_cee_enterprise(ctx, topic, country) for country in picked]
    return orgs


def _fill_cee_countries(
    ctx: _Context, orgs: list[Organisation], topics: tuple[pb.Topic, ...]
) -> list[Organisation]:
    counts = Counter(o.country for o in orgs)
    extra = []
    for country in CEE_CODES:
        listed = [t for t in topics if country in t.countries] or list(topics)
        for _ in range(MIN_PER_CEE_COUNTRY - counts[country]):
            extra.append(_cee_enterprise(ctx, ctx.rng.choice(listed), country))
    return extra


def _partners(ctx: _Context) -> list[Organisation]:
    return [
        _cee_enterprise(ctx, ctx.topics[topic_key], country)
        for country, topic_keys in PARTNER_TOPICS.items()
        for topic_key in topic_keys
    ]
