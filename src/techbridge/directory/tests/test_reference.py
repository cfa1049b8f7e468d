"""Reference data files and their loader: contents of the shipped files and validation errors."""

from __future__ import annotations

import zoneinfo

import pytest

from techbridge.directory import reference

CEE = {"AL", "BA", "BG", "HR", "CZ", "EE", "GR", "HU", "LV", "LT", "ME", "MK", "PL", "RO", "RS", "SK", "SI"}


def _term(code, parent=None, scheme="technology", **labels):
    base = {"en": code, "zh": code, "pl": code, "cs": code, "hu": code}
    return {"code": code, "parent": parent, "scheme": scheme, "labels": {**base, **labels}}


def test_the_shipped_countries_cover_china_and_the_17_cee_countries():
    countries = {c.code: c for c in reference.load_countries()}
    assert {code for code, c in countries.items() if c.group == "cee"} == CEE
    assert countries["CN"].group == "china"
    assert len([c for c in countries.values() if c.group == "other"]) >= 6


def test_every_country_has_a_valid_time_zone_culture_and_policy_notes():
    for country in reference.load_countries():
        zoneinfo.ZoneInfo(country.time_zone)  # raises on an unknown IANA name
        assert country.business_culture_en and country.business_culture_zh, country.code
        assert country.policy_notes_en and country.policy_notes_zh, country.code
        assert country.public_holidays, country.code
        assert all(len(lang) == 2 for lang in country.official_languages), country.code


def test_poland_lists_independence_day_on_11_november():
    poland = next(c for c in reference.load_countries() if c.code == "PL")
    assert any(h.month == 11 and h.day == 11 for h in poland.public_holidays)
    assert poland.time_zone == "Europe/Warsaw" and poland.currency == "PLN"


def test_every_cee_country_has_its_capital_and_another_city():
    cities = reference.load_cities()
    per_country = {}
    for city in cities:
        per_country.setdefault(city.country, []).append(city)
    for code in CEE:
        assert len(per_country[code]) >= 2, code
    assert any(c.key == "ningbo" and c.country == "CN" for c in cities)


def test_ties_refer_to_known_cities_and_mark_unconfirmed_ones_as_demo():
    ties = reference.load_city_ties()
    assert any(t.city_a == "ningbo" for t in ties)
    assert all(t.kind in reference.TIE_KINDS for t in ties)
    assert any(not t.demo for t in ties) and any(t.demo for t in ties)


def test_the_taxonomy_covers_the_strategic_emerging_industries():
    terms = reference.load_taxonomy()
    roots = {t.code for t in terms if t.parent is None and t.scheme == "technology"}
    assert roots == {
        "it",
        "software",
        "bio",
        "materials",
        "equipment",
        "energy",
        "creative",
        "marine",
        "environment",
    }
    for root in roots:
        children = [t for t in terms if t.parent == root]
        assert 5 <= len(children) <= 10, root
    assert len([t for t in terms if t.scheme == "market"]) >= 15
    assert all(t.code.startswith(t.parent + ".") for t in terms if t.parent)


def test_vocabularies_hold_the_profile_enumerations():
    vocab = reference.load_vocabularies()
    assert [e.code for e in vocab["profile_kinds"]] == ["offer", "request", "rnd", "business"]
    assert [e.code for e in vocab["trl_levels"]] == list(range(1, 10))
    assert reference.vocabulary_codes("availabilities") == {"available", "limited", "unavailable"}


def test_it_rejects_a_duplicate_taxonomy_code():
    with pytest.raises(ValueError, match="taxonomy term it: duplicate code"):
        reference.parse_taxonomy({"terms": [_term("it"), _term("it")]})


def test_it_rejects_an_unknown_parent_code():
    with pytest.raises(ValueError, match="taxonomy term it.ai: unknown parent 'itx'"):
        reference.parse_taxonomy({"terms": [_term("it"), _term("it.ai", parent="itx")]})


def test_it_rejects_a_term_without_a_polish_label():
    term = _term("it")
    del term["labels"]["pl"]
    with pytest.raises(ValueError, match="taxonomy term it: missing label"):
        reference.parse_taxonomy({"terms": [term]})


def test_it_rejects_a_city_in_an_unknown_country():
    data = {"cities": [{"key": "atlantis", "name_en": "Atlantis", "country": "XX", "lat": 0, "lon": 0}]}
    with pytest.raises(ValueError, match="city atlantis: unknown country 'XX'"):
        reference.parse_cities(data, {"PL"})


def test_it_rejects_a_tie_to_an_unknown_city():
    data = {"city_ties": [{"city_a": "ningbo", "city_b": "atlantis", "kind": "sister", "since": 2000}]}
    with pytest.raises(ValueError, match="city tie ningbo-atlantis: unknown city 'atlantis'"):
        reference.parse_city_ties(data, {"ningbo"})


def test_it_rejects_a_duplicate_country_code():
    row = {
        "code": "PL",
        "name_en": "Poland",
        "name_zh": "波兰",
        "group": "cee",
        "capital": "Warsaw",
        "time_zone": "Europe/Warsaw",
        "currency": "PLN",
        "lat": 52.2,
        "lon": 21.0,
    }
    with pytest.raises(ValueError, match="country PL: duplicate code"):
        reference.parse_countries({"countries": [row, dict(row)]})


def test_it_rejects_a_missing_vocabulary():
    with pytest.raises(ValueError, match="vocabulary profile_kinds: missing"):
        reference.parse_vocabularies({})
