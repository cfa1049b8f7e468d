"""The brokers' glossary: curated in the UI and the API, it maps terms of any language onto English, overrides
the lexicons, and the match indexes are rebuilt with it."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from techbridge.docking import engine, matches, services
from techbridge.docking.models import GlossaryEntry
from techbridge.jobs.models import Job
from techbridge.marketplace.models import Profile


@pytest.fixture
def tanks(world, django_capture_on_commit_callbacks):
    """An English request for a cryogenic hydrogen tank, a Polish offer of one and an unrelated English offer."""
    request = world["draft"]
    request.title = "Cryogenic hydrogen tank for trucks"
    request.summary = "We look for a cryogenic tank that stores liquid hydrogen on heavy trucks."
    request.description = "Liquid hydrogen tank, cryogenic insulation, for heavy trucks."
    request.language = "en"
    request.status = "published"
    request.save()
    polish = Profile.objects.create(
        reference="TOPL20260101010",
        kind="offer",
        organisation=world["orgs"]["polish"],
        language="pl",
        title="Zbiornik kriogeniczny na ciekły wodór",
        summary="Zbiornik kriogeniczny do ciężarówek, izolacja próżniowa.",
        description="Kriogeniczny zbiornik wodoru dla ciężarówek.",
        status="published",
        trl=6,
    )
    Profile.objects.create(
        reference="TOPL20260101011",
        kind="offer",
        organisation=world["orgs"]["third"],
        language="en",
        title="Precision agriculture drones",
        summary="Drones that map crop health for farms.",
        status="published",
        trl=7,
    )
    # glossary changes queue their re-index when the transaction commits: run those callbacks here
    return {**world, "request": request, "polish": polish, "commit": django_capture_on_commit_callbacks}


def _polish_match(world):
    found = matches.matches_for_profile(world["request"], top=10)
    return next((item for item in found if item.obj.reference == world["polish"].reference), None)


def _add(world, language, term, english, who="broker"):
    with world["commit"](execute=True):
        return services.glossary_entry_save(
            by=world["users"][who], language=language, term=term, english=english
        )


def test_glossary_terms_bring_a_polish_offer_to_an_english_request_and_explain_it(tanks):
    before = _polish_match(tanks)
    for term, english in [("zbiornik", "tank"), ("kriogeniczny", "cryogenic"), ("wodór", "hydrogen")]:
        _add(tanks, "pl", term, english)
    after = _polish_match(tanks)
    assert before is None  # no lexicon for Polish in the tests: nothing in common with the English request
    assert after is not None and after.match.score > 50
    assert after.shared_terms[:3] == ["tank ↔ zbiornik", "cryogenic ↔ kriogeniczny", "hydrogen ↔ wodór"]
    assert engine.analyzer().glossary["pl"]["zbiornik"] == "tank"


def test_a_change_queues_one_reindex_and_the_index_records_the_state_it_was_built_with(tanks):
    engine.get_index("profiles")
    entry, created = _add(tanks, "pl", "zbiornik", "tank")
    assert created
    jobs = Job.objects.filter(kind="docking.reindex")
    assert jobs.count() == 1 and jobs.get().state == "done"  # eager in the tests: run at submission
    assert engine.saved_text_state("profiles") == engine.text_state()
    with tanks["commit"](execute=True):
        services.glossary_entry_delete(entry=entry, by=tanks["users"]["broker"])
    assert Job.objects.filter(kind="docking.reindex").count() == 2
    assert "pl" not in engine.analyzer().glossary


def test_another_process_loading_a_newer_index_analyses_queries_with_the_same_glossary(tanks):
    engine.get_index("profiles")
    before = engine.analyzer()
    _add(tanks, "pl", "zbiornik", "tank")  # re-indexed (eagerly) and saved as a newer version
    # what another serving process holds: its older analyzer and index, from before the change
    engine._analyzer["default"], engine._analyzer_state["default"] = before, "an older state"
    engine._cache["profiles"].version = "v0"  # the base it loaded, since replaced
    engine.get_index("profiles")  # a newer index on disk: reloaded, with a new analyzer
    assert engine.analyzer() is not before
    assert engine.analyzer().glossary == {"pl": {"zbiornik": "tank"}}


def test_saving_a_term_again_changes_its_english_instead_of_adding_a_second(tanks):
    _add(tanks, "pl", "zbiornik", "container")
    entry, created = _add(tanks, "pl", "  Zbiornik ", "tank")
    assert not created and entry.english == "tank"
    assert GlossaryEntry.objects.count() == 1


@pytest.mark.parametrize(
    ("language", "term", "english", "field", "message"),
    [
        ("xx", "zbiornik", "tank", "language", "Unknown language 'xx'."),
        ("pl", "   ", "tank", "term", "This field is required."),
        ("pl", "zbiornik", "—!", "english", "Write a word, not only punctuation."),
        ("pl", "z" * 121, "tank", "term", "At most 120 characters (it has 121)."),
        ("en", "Tank", "tank", "english", "An English term mapped to itself changes nothing."),
    ],
)
def test_bad_input_names_the_field_and_saves_nothing(tanks, language, term, english, field, message):
    with pytest.raises(ValidationError) as caught:
        _add(tanks, language, term, english)
    assert caught.value.message_dict == {field: [message]}
    assert not GlossaryEntry.objects.exists() and not Job.objects.filter(kind="docking.reindex").exists()


@pytest.mark.parametrize("who", ["member", "analyst"])
def test_only_brokers_curate_the_glossary(tanks, who):
    with pytest.raises(PermissionDenied):
        _add(tanks, "pl", "zbiornik", "tank", who=who)
    assert not GlossaryEntry.objects.exists()


def test_a_word_shared_only_through_a_keyword_or_a_translation_is_explained(tanks):
    """The index reads a profile's keywords (taxonomy labels in English) and translations as well; the
    explanation looked for the shared words in the title, summary and description only, so a match made by a
    keyword showed no word for it."""
    from techbridge.directory.models import TaxonomyTerm

    offer = Profile.objects.create(
        reference="TOPL20260101012",
        kind="offer",
        organisation=tanks["orgs"]["third"],
        language="pl",
        title="Izolacja próżniowa",
        summary="Dla ciężarówek.",
        translations={"en": {"title": "Vacuum insulation", "summary": "For trucks: cryogenic storage."}},
        status="published",
        trl=6,
    )
    offer.technology_keywords.set(
        [
            TaxonomyTerm.objects.create(
                code="energy.h2", scheme="technology", label_en="Liquid hydrogen", label_zh="液氢"
            )
        ]
    )
    # the translation is its own part, read in English: joined to the Polish title it was read as Polish
    document = engine.profile_document(offer)
    assert (document.title, document.lang) == ("Izolacja próżniowa", "pl")
    assert document.translations == (("en", "Vacuum insulation", "For trucks: cryogenic storage."),)
    offer.translations = {**offer.translations, "xx": {"title": "Cryogenic tank", "summary": ""}}
    assert engine.profile_document(offer).translations[1] == (None, "Cryogenic tank", "")  # detected
    engine.get_index("profiles").add(engine.profile_document(offer))  # indexed, not refused
    offer.translations = {"en": offer.translations["en"]}
    engine.reset()
    found = {item.obj.reference: item for item in matches.matches_for_profile(tanks["request"], top=10)}
    # insulation, trucks (translation's title and summary), hydrogen, liquid (keyword), cryogenic (translation)
    assert sorted(found[offer.reference].shared_terms) == [
        "cryogenic",
        "hydrogen",
        "insulation",
        "liquid",
        "trucks",
    ]
