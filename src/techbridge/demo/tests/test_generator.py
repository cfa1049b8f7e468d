"""The demo data generator: sizes, value domains, text rules, language mix, matchability and determinism."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from techbridge.demo import phrasebank
from techbridge.demo.generator import _check_topics, generate
from techbridge.demo.profiles import _distinct_title
from techbridge.directory import reference

CEE = {"AL", "BA", "BG", "HR", "CZ", "EE", "GR", "HU", "LV", "LT", "ME", "MK", "PL", "RO", "RS", "SK", "SI"}
CJK = re.compile(r"[\u4e00-\u9fff]")
EMAIL = re.compile(r"\S+@\S+")
URL = re.compile(r"https?://|www\.|\.example\b|\.(com|org|net|eu|cn)\b", re.IGNORECASE)
PHONE = re.compile(r"\+?\d[\d\s().-]{7,}\d")


@pytest.fixture(scope="module")
def data():
    return generate()


@pytest.fixture(scope="module")
def vocab():
    return {name: {e.code for e in entries} for name, entries in reference.load_vocabularies().items()}


@pytest.fixture(scope="module")
def terms():
    return {t.code: t for t in reference.load_taxonomy()}


def test_it_generates_enough_organisations_people_and_profiles(data):
    assert len(data.organisations) >= 220
    assert sum(o.city == "ningbo" for o in data.organisations) >= 80
    experts = [p for p in data.persons if p.kind == "expert"]
    assert len(data.persons) >= 60 and len(experts) >= 50
    assert any(p.kind == "talent" for p in data.persons)
    assert len(data.profiles) >= 320


def test_every_cee_country_has_at_least_five_organisations(data):
    counts = Counter(o.country for o in data.organisations)
    assert {c for c in CEE if counts[c] >= 5} == CEE
    centres = [o for o in data.organisations if o.kind == "innovation_centre"]
    assert 2 <= len(centres) <= 3 and all(o.country in CEE for o in centres)
    assert any(o.country not in CEE | {"CN"} for o in data.organisations)


def test_keys_are_unique_and_references_resolve(data):
    cities = {c.key: c for c in reference.load_cities()}
    org_keys = [o.key for o in data.organisations]
    assert len(set(org_keys)) == len(org_keys)
    assert len({p.key for p in data.persons}) == len(data.persons)
    assert len({p.key for p in data.profiles}) == len(data.profiles)
    for org in data.organisations:
        assert cities[org.city].country == org.country, org.key
    known = set(org_keys)
    assert all(p.organisation in known for p in data.persons)
    assert all(p.organisation in known for p in data.profiles)


def test_organisation_fields_use_the_vocabularies(data, vocab, terms):
    for org in data.organisations:
        assert org.kind in vocab["organisation_kinds"], org.key
        assert org.size in vocab["organisation_sizes"], org.key
        assert org.sectors and all(terms[c].scheme == "technology" for c in org.sectors), org.key
        assert re.fullmatch(r"https://[a-z0-9-]+\.example", org.website), org.website
        assert 1950 <= org.founded <= 2026 and org.languages and org.description
        assert org.demo is True


def test_chinese_organisations_have_chinese_names_and_descriptions(data):
    for org in data.organisations:
        if org.country == "CN":
            assert CJK.search(org.name) and CJK.search(org.description), org.key
            assert not CJK.search(org.name_en), org.key


def test_person_fields_use_the_vocabularies(data, vocab, terms):
    for person in data.persons:
        assert person.kind in vocab["person_kinds"] and person.availability in vocab["availabilities"]
        assert person.expertise_terms and all(code in terms for code in person.expertise_terms)
        assert re.fullmatch(r"[a-z0-9.]+@[a-z0-9-]+\.example", person.email), person.email
        assert person.expertise and person.title and person.demo is True


def test_profile_fields_use_the_vocabularies_and_taxonomy(data, vocab, terms):
    countries = {c.code for c in reference.load_countries()}
    for p in data.profiles:
        assert p.kind in vocab["profile_kinds"] and p.status in vocab["profile_statuses"], p.key
        assert p.ipr_status in vocab["ipr_statuses"] and p.trl in vocab["trl_levels"], p.key
        assert 1 <= len(p.partnership_types) <= 3 and set(p.partnership_types) <= vocab["partnership_types"]
        assert p.partner_kinds and set(p.partner_kinds) <= vocab["organisation_kinds"]
        assert 1 <= len(p.technology_keywords) <= 4
        assert all(terms[c].scheme == "technology" for c in p.technology_keywords), p.key
        assert len(p.market_keywords) <= 3 and all(terms[c].scheme == "market" for c in p.market_keywords)
        assert p.target_countries and set(p.target_countries) <= countries
        assert 1 <= p.created_days_ago <= 700
        assert p.deadline_days is None or p.deadline_days > 0
        assert p.confidential_details and p.demo is True


def test_summaries_are_short_and_free_of_contact_details(data):
    for p in data.profiles:
        assert 0 < len(p.summary) <= 500, p.key
        for pattern in (EMAIL, URL, PHONE):
            assert not pattern.search(p.summary), (p.key, p.summary)


def test_no_two_profiles_share_a_title(data):
    # 35 titles were doubled (two zh requests of one topic drew the same phrase) and sat side by side in match lists
    titles = Counter(p.title for p in data.profiles)
    assert [t for t, n in titles.items() if n > 1] == []


def test_a_distinct_title_is_the_drawn_one_else_the_next_free_one():
    taken: set[int] = set()
    assert [_distinct_title(drawn, 3, taken) for drawn in (2, 2, 2)] == [2, 0, 1]
    assert _distinct_title(1, 3, taken) == 1  # all three taken: the drawn phrase repeats


def test_descriptions_have_two_to_four_paragraphs(data):
    for p in data.profiles:
        assert 2 <= len(p.description.split("\n\n")) <= 4, p.key


def test_the_language_mix_is_about_45_40_15(data):
    share = Counter(p.language for p in data.profiles)
    total = len(data.profiles)
    assert 0.40 <= share["zh"] / total <= 0.50
    assert 0.35 <= share["en"] / total <= 0.45
    assert 0.10 <= (share["pl"] + share["cs"] + share["hu"]) / total <= 0.20
    assert min(share["pl"], share["cs"], share["hu"]) >= 5
    assert set(share) == {"zh", "en", "pl", "cs", "hu"}


def test_texts_are_written_in_their_declared_language(data):
    for p in data.profiles:
        assert bool(CJK.search(p.title + p.summary)) == (p.language == "zh"), p.key


def test_some_non_english_profiles_carry_an_english_translation(data):
    translated = [p for p in data.profiles if p.translation_en]
    assert len(translated) >= 50
    for p in translated:
        assert p.language != "en" and not CJK.search(p.translation_en["title"] + p.translation_en["summary"])
        assert len(p.translation_en["summary"]) <= 500


def test_ningbo_requests_in_chinese_have_cee_offers_on_the_same_topic(data):
    orgs = {o.key: o for o in data.organisations}
    cee_offers = [p for p in data.profiles if p.kind == "offer" and orgs[p.organisation].country in CEE]
    requests = [
        p for p in data.profiles
        if p.kind == "request" and p.language == "zh" and orgs[p.organisation].city == "ningbo"
    ]  # fmt: skip
    assert len(requests) >= 40
    for request in requests:
        partners = [o for o in cee_offers if o.topic == request.topic]
        assert len(partners) >= 2, request.key
        assert any(set(o.technology_keywords) & set(request.technology_keywords) for o in partners)


def test_most_profiles_are_published_with_some_in_every_other_status(data):
    statuses = Counter(p.status for p in data.profiles)
    assert statuses["published"] / len(data.profiles) >= 0.6
    assert {"draft", "submitted", "in_review", "expired", "withdrawn"} <= set(statuses)


def test_the_same_seed_gives_the_same_data_and_another_seed_differs(data):
    assert generate(2026).as_dict() == data.as_dict()
    other = generate(7)
    assert other.as_dict() != data.as_dict()
    assert generate(7).as_dict() == other.as_dict()


def test_it_rejects_a_topic_seed_with_an_unknown_taxonomy_code():
    topic = phrasebank.topics()[0]
    broken = phrasebank.Topic(
        topic.key,
        ("it.quantum_typo",),
        topic.markets,
        topic.countries,
        topic.org_zh,
        topic.org_en,
        topic.text,
    )
    with pytest.raises(ValueError, match="demo topic port_automation: unknown taxonomy code"):
        _check_topics((broken,))


def test_the_module_docstring_says_it_is_demo_data():
    import techbridge.demo.generator as module

    assert "DEMO DATA" in (module.__doc__ or "")
