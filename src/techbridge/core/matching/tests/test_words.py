"""The original words behind explained pivot terms, and the parts of a document they are read from."""

from techbridge.core.matching import MatchDocument
from techbridge.core.matching.words import with_words, words_of
from techbridge.core.text.analysis import Analyzer


def test_a_document_s_parts_come_in_the_order_an_explanation_reads_them():
    doc = MatchDocument(
        "p",
        title="Zbiornik",
        summary=" ",
        text="Opis",
        keywords=("Hydrogen", "Tanks"),
        lang="pl",
        translations=(("en", "Tank", ""), (None, "", "Réservoir")),
    )
    assert doc.parts() == [
        ("Zbiornik", "pl"),
        ("Hydrogen ; Tanks", "en"),
        ("Tank", "en"),
        ("Réservoir", None),
        ("Opis", "pl"),
    ]


def test_words_come_from_the_first_part_that_holds_the_term():
    doc = MatchDocument("p", title="Solar panels", text="panel cleaning robot", lang="en")
    assert words_of(Analyzer(), doc) == {
        "solar": "solar",
        "panel": "panels",
        "clean": "cleaning",
        "robot": "robot",
    }


def test_a_plain_analysing_function_has_no_words_and_a_refused_part_is_skipped():
    doc = MatchDocument("p", title="Solar", translations=(("xx", "Unknown language", ""),), lang="en")
    assert words_of(lambda text, lang=None: text.split(), doc) == {}
    assert words_of(Analyzer().analyze, doc) == {"solar": "solar"}  # the part in "xx" is refused, not fatal


def test_why_gains_the_words_of_each_side_where_known():
    why = {"terms": [{"term": "storag"}, {"term": "tank"}]}
    assert with_words(why, {"storag": "储能"}, {"storag": "storage", "tank": "tanks"}) == {
        "terms": [
            {"term": "storag", "query_word": "储能", "match_word": "storage"},
            {"term": "tank", "match_word": "tanks"},
        ]
    }
