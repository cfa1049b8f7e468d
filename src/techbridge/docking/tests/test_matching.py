"""Docking in the platform: match lists, the idea search, experts, saved searches and alerts, in UI and API."""

import pytest
from django.urls import reverse
from django.utils import translation

from techbridge.accounts.models import ApiToken
from techbridge.docking import matches
from techbridge.docking.models import Notification
from techbridge.marketplace import services
from techbridge.marketplace.models import Profile


def test_a_chinese_request_finds_the_battery_offer_first(docking_world):
    found = matches.matches_for_profile(docking_world["request"])
    assert [e.obj.reference for e in found][:1] == ["TOPL20260101001"]
    assert "TOPL20260101002" not in [e.obj.reference for e in found[:1]]
    best = found[0]
    assert 0 <= best.match.score <= 100 and best.match.score_forward > 0 and best.match.score_backward > 0


def test_the_explanation_is_in_the_viewers_language(docking_world):
    with translation.override("zh-hans"):
        best = matches.matches_for_profile(docking_world["request"])[0]
        assert "储能与电池" in best.concepts  # the shared taxonomy topic, in Chinese
        assert any("许可" in r for r in best.reasons)  # both seek a licence
    with translation.override("en"):
        best = matches.matches_for_profile(docking_world["request"])[0]
        assert "Energy storage and batteries" in best.concepts


@pytest.mark.django_db
def test_generic_shared_words_are_shown_only_when_nothing_specific_is_shared():
    from techbridge.core.matching import Match, MatchDocument, TermContribution

    def match(*terms):  # (pivot term, contribution, generic) as the engine reports them
        parts = tuple(TermContribution(t, "title", c, g) for t, c, g in terms)
        return Match("m", 50.0, 50.0, 50.0, 0.5, parts)

    explain = matches._Explainer(MatchDocument("q", text="hydrogen tank technology", lang="en"), [])
    # "technology" contributes most but most profiles hold it: the specific words are the evidence
    both = match(("technolog", 0.9, True), ("hydrogen", 0.5, False), ("tank", 0.4, False))
    assert explain(both, None, [("Hydrogen tank technology", "en")]).shared_terms == ["hydrogen", "tank"]
    # when only generic words are shared, they are still shown rather than nothing
    only = match(("technolog", 0.9, True))
    assert explain(only, None, [("Technology", "en")]).shared_terms == ["technology"]


def test_a_compound_that_meets_several_words_is_shown_once(db):
    """hőszivattyú (heat pump) gives heat and pump: one pair "hőszivattyú ↔ pumps, heat", not two."""
    mine = {"heat": "hőszivattyú", "pump": "hőszivattyú", "hydrogen": "hydrogen"}
    shown = matches._shared_words(mine, [("Heat pumps and hydrogen", "en")], ["pump", "heat", "hydrogen"])
    assert shown == ["hőszivattyú ↔ pumps, heat", "hydrogen"]


def test_profiles_of_the_same_organisation_are_not_proposed(docking_world):
    refs = [e.obj.reference for e in matches.matches_for_profile(docking_world["published"])]
    assert "TRCN20260101001" in refs
    assert "TOPL20260101001" not in refs


def test_the_idea_search_works_from_english_to_a_chinese_request(docking_world):
    found = matches.matches_for_idea("solid-state lithium battery cells for scooters", target="needs")
    assert [e.obj.reference for e in found][:1] == ["TRCN20260101001"]


@pytest.mark.parametrize("text", ["", "   ", "x" * 5001])
def test_empty_or_oversized_ideas_are_refused(docking_world, text):
    with pytest.raises(matches.QueryError):
        matches.matches_for_idea(text, target="technologies")


def test_the_match_list_on_the_profile_page(login, docking_world):
    client = login(docking_world["users"]["member"])
    body = client.get(reverse("profile-matches", args=["TRCN20260101001"])).content.decode()
    assert "Solid-state battery cells" in body


def test_match_lists_follow_visibility(login, docking_world):
    Profile.objects.filter(reference="TRCN20260101001").update(status="draft")
    client = login(docking_world["users"]["member_pl"])
    assert client.get(reverse("profile-matches", args=["TRCN20260101001"])).status_code == 404


def test_the_api_lists_matches_with_explanations(client, docking_world):
    _t, raw = ApiToken.issue(docking_world["users"]["member"])
    body = client.get("/api/profiles/TRCN20260101001/matches", HTTP_AUTHORIZATION=f"Bearer {raw}").json()
    assert body[0]["id"] == "TOPL20260101001" and body[0]["why"]["reasons"]
    bad = client.get(
        "/api/docking/search", {"q": " ", "target": "technologies"}, HTTP_AUTHORIZATION=f"Bearer {raw}"
    )
    assert bad.status_code == 422 and bad.json()["detail"][0]["field"] == "q"


def test_analysts_cannot_search_experts(client, login, docking_world):
    _t, raw = ApiToken.issue(docking_world["users"]["analyst"])
    response = client.get(
        "/api/docking/search", {"q": "battery", "target": "experts"}, HTTP_AUTHORIZATION=f"Bearer {raw}"
    )
    assert response.status_code == 403
    assert (
        login(docking_world["users"]["analyst"])
        .get(reverse("idea-search"), {"q": "battery", "target": "experts"})
        .status_code
        == 403
    )


def _alert_on_publishing(world, capture, name: str, query: str, threshold: int) -> Notification:
    """Save a search for needs as a third organisation's member, publish the Chinese request, return the alert."""
    from techbridge.docking.services import saved_search_create

    user = world["users"]["member_third"]
    saved_search_create(by=user, name=name, query=query, target="needs", threshold=threshold)
    request = world["request"]
    Profile.objects.filter(pk=request.pk).update(status="in_review")
    request.refresh_from_db()
    with capture(execute=True):
        services.profile_transition(profile=request, by=world["users"]["broker"], action="publish")
    return Notification.objects.get(user=user)


def test_a_saved_search_alerts_on_a_newly_published_match(
    docking_world, mailoutbox, django_capture_on_commit_callbacks
):
    query = "solid-state lithium battery technology for e-mobility"
    note = _alert_on_publishing(docking_world, django_capture_on_commit_callbacks, "Batteries", query, 1)
    assert note.profile == docking_world["request"] and note.url == "/profiles/TRCN20260101001/"
    assert len(mailoutbox) == 1 and "Batteries" in mailoutbox[0].subject


def test_a_short_saved_search_is_scored_by_how_well_a_profile_answers_it(
    docking_world, mailoutbox, django_capture_on_commit_callbacks
):
    """A few words cover little of any profile. Scored two-sided, the Chinese battery request, which answers all
    of "solid-state lithium battery" (forward 100), scored 61, and a search saved with a minimum of 90 stayed
    silent; on the demo data the best answer to a short idea scored 5-10, under the default minimum of 40."""
    query = "solid-state lithium battery"
    note = _alert_on_publishing(docking_world, django_capture_on_commit_callbacks, "Solid-state", query, 90)
    request = docking_world["request"]
    assert note.profile == request and note.body.startswith("100/100")
    # the idea search shows the same score as its headline, the two directions beside it
    ideas = matches.matches_for_idea("solid-state lithium battery", target="needs")
    [found] = [e for e in ideas if e.obj == request]
    assert found.percent == found.percent_forward == 100 and found.percent_backward < 40


def test_saved_search_input_is_checked(docking_world):
    from django.core.exceptions import ValidationError

    from techbridge.docking.services import saved_search_create

    with pytest.raises(ValidationError) as exc:
        saved_search_create(
            by=docking_world["users"]["member"], name="", query="", target="gadgets", threshold=120
        )
    assert set(exc.value.message_dict) == {"name", "query", "target", "threshold"}


def test_a_match_list_costs_the_same_few_queries_however_many_matches_it_explains(
    docking_world, django_assert_max_num_queries
):
    offer = Profile.objects.get(reference="TOPL20260101001")
    for n in range(3, 15):  # twelve more battery offers from Poland, each with a country reason
        twin = Profile.objects.get(pk=offer.pk)
        twin.pk, twin.reference = None, f"TOPL20260101{n:03d}"
        twin.organisation = docking_world["orgs"]["third"]
        twin.save()
        twin.technology_keywords.set([docking_world["terms"]["battery"]])
    from techbridge.docking import engine

    engine.rebuild("profiles")
    request = Profile.objects.get(pk=docking_world["request"].pk)
    with django_assert_max_num_queries(10):  # was 8 + one per match and per country reason
        found = matches.matches_for_profile(request, top=10)
    assert len(found) == 10 and all(e.concepts for e in found)
