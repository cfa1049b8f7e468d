"""The analyzer: English path, pivot through lexicons, glossary override, taxonomy concepts, bad input."""

from __future__ import annotations

import pytest

from techbridge.core.text.analysis import Analyzer, TextError
from techbridge.core.text.languages import UnknownLanguageError, normalize_language
from techbridge.core.text.lexicon import SEP

POLISH = {
    "kot": SEP.join(["cat", "tomcat"]),
    "panel": SEP.join(["panel"]),
    "słoneczny": SEP.join(["solar", "sunny"]),
    "mój": SEP.join(["my"]),
    "ogniwo": SEP.join(["cell", "link (of a chain)", "to be a link"]),
}


def test_english_text_becomes_stems_without_stop_words() -> None:
    assert Analyzer().analyze("The solar panels are installed on roofs.", "en") == [
        "solar", "panel", "instal", "roof",
    ]  # fmt: skip


def test_a_content_word_is_never_lemmatised_into_a_function_word() -> None:
    # simplemma reads "ai" as a form of "be" and "na" of "to": AI was the term "be" in every English text
    analyzer = Analyzer()
    assert analyzer.analyze("AI for quality inspection", "en") == ["ai", "qualiti", "inspect"]
    assert analyzer.analyze("NA", "en") == ["na"]
    # real inflections are still joined, function words included where they are kept
    assert Analyzer(function_words=True).analyze("the children were", "en") == ["the", "child", "be"]


def test_foreign_words_map_to_english_stems_via_the_lexicon() -> None:
    analyzer = Analyzer(lexicons={"pl": POLISH}, identity_weight=0)
    assert analyzer.analyze("Panele słoneczne", "pl") == ["panel", "solar", "sunni"]


def test_translations_are_weighted_by_gloss_support() -> None:
    terms = Analyzer(lexicons={"pl": POLISH}, identity_weight=0).terms("ogniwo", "pl")
    weights = {t.term: t.weight for t in terms}
    # glosses "cell" and "link", "link": link is supported twice -> 1.0, cell 0.5
    assert weights == {"link": 1.0, "cell": 0.5}
    assert {t.word for t in terms} == {"ogniwo"}


def test_function_word_glosses_are_kept_only_when_asked() -> None:
    plain = Analyzer(lexicons={"pl": POLISH}, identity_weight=0)
    keeping = Analyzer(lexicons={"pl": POLISH}, identity_weight=0, function_words=True)
    assert plain.analyze("mój kot", "pl") == ["cat", "tomcat"]
    assert keeping.analyze("mój kot", "pl") == ["my", "cat", "tomcat"]


def test_untranslated_words_are_kept_as_shared_strings() -> None:
    analyzer = Analyzer(lexicons={"pl": POLISH})
    terms = analyzer.terms("Tomasz 2024", "pl")
    # the word's own stem is kept too, so inflected names ("Tomasza") still meet
    assert [(t.term, t.via) for t in terms] == [("tomasz", "same"), ("tom", "same"), ("2024", "same")]


def test_the_glossary_overrides_the_lexicon() -> None:
    analyzer = Analyzer(lexicons={"pl": POLISH}, glossary={"pl": {"ogniwo": "photovoltaic cell"}})
    terms = analyzer.terms("ogniwo", "pl")
    assert [(t.term, t.via, t.weight) for t in terms] == [
        ("photovolta", "glossary", 0.5), ("cell", "glossary", 0.5),
    ]  # fmt: skip


def test_taxonomy_labels_in_any_language_give_the_same_concept() -> None:
    taxonomy = {"solar panel": "energy.pv", "panel słoneczny": "energy.pv", "光伏": "energy.pv"}
    analyzer = Analyzer(lexicons={"pl": POLISH}, taxonomy=taxonomy)
    assert "tax:energy.pv" in analyzer.analyze("We install solar panels", "en")
    assert "tax:energy.pv" in analyzer.analyze("光伏电站建设", "zh")
    assert "tax:energy.pv" in analyzer.analyze("panel słoneczny na dachu", "pl")
    assert not [t for t in analyzer.analyze("solar energy", "en") if t.startswith("tax:")]


def test_the_language_is_detected_when_not_given() -> None:
    assert Analyzer(lexicons={"pl": POLISH}, identity_weight=0).analyze("Mój kot śpi.") == ["cat", "tomcat"]


def test_chinese_words_are_translated_through_the_lexicon() -> None:
    analyzer = Analyzer(lexicons={"zh": {"太阳能": "solar energy", "电池": "battery" + SEP + "cell"}})
    assert analyzer.analyze("太阳能电池", "zh") == ["solar", "energi", "batteri", "cell"]


def test_an_unknown_chinese_word_is_split_into_known_words() -> None:
    analyzer = Analyzer(lexicons={"zh": {"太阳": "sun", "能": "can" + SEP + "energy"}})
    terms = analyzer.weighted("太阳能", "zh")
    assert terms["sun"] == 1.0 and "energi" in terms


def test_the_terms_a_split_chinese_word_keeps_name_each_of_its_pieces() -> None:
    # a word keeps its three best terms in the index; in piece order 储氢 kept store, heir, throne: no hydrogen
    analyzer = Analyzer(lexicons={"zh": {"储": SEP.join(["to store", "heir", "throne"]), "氢": "hydrogen"}})
    assert analyzer.analyze("储氢", "zh") == ["store", "hydrogen", "heir"]


def test_latin_words_in_chinese_text_are_read_as_english() -> None:
    # CC-CEDICT holds letters as slang (P: femme, A: to steal); an acronym split into them gave nonsense terms
    analyzer = Analyzer(lexicons={"zh": {"p": "femme", "a": "to steal", "电解槽": "electrolyser"}})
    assert analyzer.analyze("PEM电解槽", "zh") == ["pem", "electrolys"]
    assert analyzer.analyze("用于 storage tanks 的 AI", "zh")[:2] == ["storag", "tank"]
    assert "steal" not in analyzer.analyze("AI", "zh") and analyzer.analyze("for", "zh") == []


def test_analyze_fields_detects_the_language_once() -> None:
    analyzer = Analyzer(lexicons={"pl": POLISH}, identity_weight=0)
    fields = analyzer.analyze_fields({"title": "Panel", "summary": "Mój kot jest słoneczny"})
    assert fields == {"title": ["panel"], "summary": ["cat", "tomcat", "solar", "sunni"]}


@pytest.mark.parametrize("text", ["", "   \n", "!!!"])
def test_empty_text_gives_no_terms(text: str) -> None:
    assert Analyzer().analyze(text) == []


def test_oversized_text_is_refused_with_its_length() -> None:
    with pytest.raises(TextError, match="too long: 101 characters, limit 100"):
        Analyzer(max_chars=100).analyze("a" * 101)


def test_a_non_string_is_refused() -> None:
    with pytest.raises(TextError, match="must be a string"):
        Analyzer().analyze(None)  # type: ignore[arg-type]


def test_an_unknown_language_is_refused_naming_the_supported_ones() -> None:
    with pytest.raises(UnknownLanguageError, match="unknown language 'xx'.*supported: bg"):
        Analyzer().analyze("text", "xx")


def test_language_codes_and_locale_tags_are_normalised() -> None:
    assert [normalize_language(c) for c in ("pol", "zh-Hans", "pl_PL", "HUN")] == ["pl", "zh", "pl", "hu"]


def test_a_language_without_a_lexicon_keeps_its_words() -> None:
    assert Analyzer().analyze("Kutatási partner", "hu") == ["kutatási", "kutatá", "partner"]


def test_an_unknown_compound_is_split_into_two_known_words() -> None:
    analyzer = Analyzer(lexicons={"hu": {"nap": "sun", "elem": "cell" + SEP + "battery"}})
    weights = analyzer.weighted("napelemek", "hu")  # "solar cells": nap + elemek
    assert {"sun", "cell", "batteri"} <= set(weights)


def test_a_verbal_noun_missing_from_the_lexicon_is_read_through_its_verb() -> None:
    # technical text is made of them (cooling, welding, storage); lexicons list the verbs
    analyzer = Analyzer(
        lexicons={
            "cs": {"svařovat": "to weld", "sklad": "warehouse", "čistit": "to clean"},
            "pl": {"chłodzić": "to cool"},
        },
        identity_weight=0,
    )
    assert analyzer.analyze("svařování", "cs") == ["weld"]
    assert analyzer.analyze("skladování", "cs") == ["warehous"]  # skladovat is known through its stem, sklad
    assert analyzer.analyze("svařováním", "cs") == ["weld"]  # an inflected form, through its lemma
    assert analyzer.analyze("chłodzenie chłodzenia", "pl") == ["cool", "cool"]
    assert analyzer.analyze("čištění", "cs") == []  # an alternation (čistit) is not undone
    others = Analyzer(
        lexicons={"bg": {"охлаждам": "to cool"}, "et": {"jahutama": "to cool"}}, identity_weight=0
    )
    assert others.analyze("охлаждане", "bg") == ["cool"]  # Bulgarian verbs are cited in the first person
    assert others.analyze("jahutamine", "et") == ["cool"]


def test_a_compound_is_split_into_two_headwords_before_a_fallback_reading() -> None:
    # hős (hero) + zivattyú, read as zivatar (rainstorm) through a shared stem, was the first split found
    lexicon = {"hős": "hero", "hő": "heat", "szivattyú": "pump", "zivatar": "rainstorm"}
    analyzer = Analyzer(lexicons={"hu": lexicon}, identity_weight=0)
    assert analyzer.analyze("hőszivattyú", "hu") == ["heat", "pump"]
    # two-letter first parts are Hungarian and Estonian words; in Polish po- is a prefix (po: polonium)
    polish = Analyzer(lexicons={"pl": {"po": "polonium", "południowy": "southern"}}, identity_weight=0)
    assert "polonium" not in polish.analyze("popołudniowy", "pl")


def test_a_slavic_verb_unknown_with_its_prefix_is_read_without_it() -> None:
    analyzer = Analyzer(
        lexicons={"pl": {"lądować": "to land"}, "sl": {"hraniti": "to keep"}}, identity_weight=0
    )
    assert analyzer.analyze("wylądować", "pl") == ["land"]
    assert analyzer.analyze("shraniti", "sl") == ["keep"]
    assert analyzer.analyze("wyspa", "pl") == []  # the rest must be a word of five letters or more


def test_glosses_made_of_placeholders_count_as_function_words() -> None:
    analyzer = Analyzer(lexicons={"hu": {"valami": "something"}}, function_words=True, identity_weight=0)
    assert analyzer.analyze("valami", "hu") == ["someth"]


def test_a_czech_negated_verb_also_gives_not() -> None:
    analyzer = Analyzer(lexicons={"cs": {"vědět": "to know"}}, function_words=True, identity_weight=0)
    assert analyzer.analyze("nevím", "cs") == ["know", "not"]


def test_a_multi_word_glossary_term_matches_inflected_text_and_replaces_its_words() -> None:
    glossary = {"pl": {"magazyn energii": "energy storage"}}
    analyzer = Analyzer(lexicons={"pl": POLISH}, glossary=glossary, identity_weight=0)
    groups = analyzer.groups("magazyny energii i ogniwo", "pl")
    assert [(t.term, t.word, t.via) for t in groups[0]] == [
        ("energi", "magazyny energii", "glossary"), ("storag", "magazyny energii", "glossary"),
    ]  # fmt: skip
    assert [t.term for t in groups[1]] == ["link", "cell"]


def test_a_chinese_glossary_term_stays_one_word() -> None:
    analyzer = Analyzer(glossary={"zh": {"储能系统": "energy storage system"}})
    assert analyzer.analyze("开发储能系统", "zh")[-3:] == ["energi", "storag", "system"]


def test_a_one_word_label_that_is_a_function_word_there_is_not_a_concept() -> None:
    analyzer = Analyzer(taxonomy={"AI": "it.ai"})
    assert "tax:it.ai" in analyzer.analyze("AI for factories", "en")
    assert "tax:it.ai" not in analyzer.analyze("Ai është inxhinier", "sq")  # Albanian "he"


def test_warm_up_accepts_language_codes_and_refuses_unknown_ones() -> None:
    Analyzer().warm_up(["ces"])
    with pytest.raises(UnknownLanguageError):
        Analyzer().warm_up(["xx"])


def test_a_related_language_lends_words_its_neighbour_lacks() -> None:
    analyzer = Analyzer(lexicons={"sk": {"pes": "dog"}, "cs": {"kočka": "cat"}}, identity_weight=0)
    assert analyzer.analyze("pes kočka", "sk") == ["dog", "cat"]
    assert "dog" not in Analyzer(lexicons={"cs": {"pes": "dog"}}).analyze("pes", "pl")  # not related


def test_a_czech_superlative_is_not_a_negation() -> None:
    analyzer = Analyzer(lexicons={"cs": {"dobrý": "good"}}, function_words=True, identity_weight=0)
    assert "not" not in analyzer.analyze("nejlepší", "cs")
