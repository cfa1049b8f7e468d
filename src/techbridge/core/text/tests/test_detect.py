"""Language identification on short samples written for these tests."""

from __future__ import annotations

import pytest

from techbridge.core.text.detect import detect_language

SAMPLES = [
    ("zh", "我们公司开发太阳能电池板"),
    ("en", "We are looking for a partner in solar energy."),
    ("pl", "Szukamy partnera do wspólnego projektu badawczego."),
    ("cs", "Hledáme průmyslového partnera pro výzkum."),
    ("sk", "Hľadáme partnera pre spoločný výskum a vývoj."),
    ("hu", "Kutatási partnert keresünk a közös fejlesztéshez."),
    ("ro", "Căutăm un partener pentru cercetare și dezvoltare."),
    ("bg", "Търсим партньор за съвместен изследователски проект."),
    ("sr", "Тражимо партнера за заједнички истраживачки пројекат."),
    ("hr", "Tko želi surađivati s nama na ovom projektu?"),
    ("sl", "Iščemo partnerja, ki bi sodeloval pri razvoju."),
    ("el", "Αναζητούμε συνεργάτη για κοινό ερευνητικό έργο."),
    ("et", "Otsime partnerit ühiseks teadusprojektiks."),
    ("lv", "Mēs meklējam partneri kopīgam pētniecības projektam."),
    ("lt", "Ieškome partnerio bendram mokslinių tyrimų projektui."),
    ("mk", "Бараме партнер за заеднички истражувачки проект."),
    ("sq", "Kërkojmë një partner për një projekt të përbashkët kërkimor."),
    ("de", "Wir suchen einen Partner für die gemeinsame Forschung."),
]


@pytest.mark.parametrize(("lang", "text"), SAMPLES)
def test_it_identifies_the_language_of_a_short_sentence(lang: str, text: str) -> None:
    assert detect_language(text) == lang


@pytest.mark.parametrize(
    ("lang", "text"),
    [("pl", "Dziękuję bardzo"), ("cs", "Děkuji"), ("hu", "Köszönöm szépen"), ("ro", "Mulțumesc"),
     ("zh", "谢谢"), ("el", "Ευχαριστώ"), ("lv", "Labrīt, draugi"), ("sq", "Faleminderit për ndihmën")],
)  # fmt: skip
def test_it_identifies_two_word_texts_by_their_letters(lang: str, text: str) -> None:
    assert detect_language(text) == lang


def test_bosnian_falls_in_the_serbo_croatian_group() -> None:
    # Bosnian, Croatian and Serbian in Latin script differ in a few words only
    assert detect_language("Gdje je moja knjiga? Šta radiš danas?") in {"bs", "hr", "sr"}


@pytest.mark.parametrize("text", ["", "   ", "12345 !!", "---"])
def test_it_returns_the_default_for_text_without_letters(text: str) -> None:
    assert detect_language(text) == "en"
    assert detect_language(text, default="und") == "und"


def test_a_very_long_text_is_identified_from_its_opening() -> None:
    assert detect_language("Szukamy partnera. " * 100_000) == "pl"


def test_a_lexicon_vocabulary_breaks_a_tie_between_close_languages() -> None:
    vocabularies = {"sk": {"jablká": "apples"}, "cs": {}}
    assert detect_language("Jeme jablká.", vocabularies=vocabularies) == "sk"
