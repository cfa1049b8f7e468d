"""Rules through the web UI: who sees and does what with profiles (allowed and denied)."""

import pytest
from django.urls import reverse

from techbridge.marketplace.models import Profile


def detail(profile):
    return reverse("profile-detail", args=[profile.reference])


def test_anonymous_visitors_are_sent_to_sign_in(client, world):
    response = client.get(reverse("profile-list"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("who", ["member", "member_pl", "broker", "analyst", "evaluator"])
def test_everyone_signed_in_sees_a_published_profile(login, world, who):
    response = login(world["users"][who]).get(detail(world["published"]))
    assert response.status_code == 200
    assert "Solid-state battery cells" in response.content.decode()


@pytest.mark.parametrize(
    ("who", "visible"), [("member", True), ("broker", True), ("member_pl", False), ("analyst", False)]
)
def test_a_draft_is_visible_only_to_its_organisation_and_brokers(login, world, who, visible):
    response = login(world["users"][who]).get(detail(world["draft"]))
    assert response.status_code == (200 if visible else 404)


@pytest.mark.parametrize(
    ("who", "shown"),
    [("member_pl", True), ("broker", True), ("member", False), ("member_third", False), ("analyst", False)],
)
def test_confidential_details_only_for_owner_and_brokers(login, world, who, shown):
    body = login(world["users"][who]).get(detail(world["published"])).content.decode()
    assert ("Price: EUR 2m" in body) is shown


def test_an_accepted_interest_reveals_the_confidential_details(login, world):
    from techbridge.docking import services

    interest = services.interest_express(
        profile=world["published"], by=world["users"]["member"], message="We make port trucks."
    )
    client = login(world["users"]["member"])
    assert "Price: EUR 2m" not in client.get(detail(world["published"])).content.decode()
    login(world["users"]["member_pl"]).post(
        reverse("interest-decide", args=[interest.pk]), {"decision": "accept"}
    )
    client = login(world["users"]["member"])
    assert "Price: EUR 2m" in client.get(detail(world["published"])).content.decode()
    assert (
        "Price: EUR 2m"
        not in login(world["users"]["member_third"]).get(detail(world["published"])).content.decode()
    )


def test_a_member_cannot_decide_on_interests_in_someone_elses_profile(login, world):
    from techbridge.docking import services

    interest = services.interest_express(
        profile=world["published"], by=world["users"]["member"], message="Hi"
    )
    response = login(world["users"]["member_third"]).post(
        reverse("interest-decide", args=[interest.pk]), {"decision": "accept"}
    )
    assert response.status_code == 403
    interest.refresh_from_db()
    assert interest.status == "pending"


@pytest.mark.parametrize(
    ("who", "status"), [("member_pl", 200), ("broker", 200), ("member", 403), ("analyst", 403)]
)
def test_only_the_organisation_and_brokers_may_edit(login, world, who, status):
    response = login(world["users"][who]).get(reverse("profile-edit", args=[world["published"].reference]))
    assert response.status_code == status


@pytest.mark.parametrize(
    ("who", "status"), [("broker", 200), ("admin", 200), ("member", 403), ("analyst", 403)]
)
def test_the_review_queue_is_for_brokers(login, world, who, status):
    assert login(world["users"][who]).get(reverse("review-queue")).status_code == status


@pytest.mark.parametrize(
    ("who", "status"), [("member", 200), ("broker", 200), ("analyst", 403), ("evaluator", 403)]
)
def test_creating_profiles_is_for_members_and_brokers(login, world, who, status):
    assert login(world["users"][who]).get(reverse("profile-create")).status_code == status


def test_a_member_creates_and_submits_a_request_with_field_errors_first(login, world):
    client = login(world["users"]["member"])
    response = client.post(
        reverse("profile-create"), {"kind": "request", "title": "", "summary": "x" * 501, "language": "zh"}
    )
    body = response.content.decode()
    assert response.status_code == 200 and "This field is required." in body
    assert "at most 500 characters" in body
    assert Profile.objects.count() == 2  # nothing saved
    response = client.post(
        reverse("profile-create"),
        {
            "kind": "request",
            "title": "寻求港口自动化储能技术合作伙伴",
            "language": "zh",
            "summary": "宁波港口企业寻求大容量储能电池管理技术，用于电动集卡充换电站，要求循环寿命四千次以上，"
            "希望与中东欧研究机构或企业开展技术合作。",
            "description": "详细说明" * 80,
            "technology_keywords": ["energy.storage"],
            "partnership_types": ["technical_cooperation"],
            "target_countries": ["PL"],
            "submit": "1",
        },
    )
    profile = Profile.objects.get(title="寻求港口自动化储能技术合作伙伴")
    assert response.status_code == 302 and profile.status == "submitted"
    assert profile.organisation == world["orgs"]["ningbo"] and profile.reference.startswith("TRCN")


def test_the_broker_publishes_from_the_detail_page(login, world):
    profile = world["draft"]
    Profile.objects.filter(pk=profile.pk).update(status="submitted")
    client = login(world["users"]["broker"])
    client.post(reverse("profile-action", args=[profile.reference]), {"action": "publish"})
    profile.refresh_from_db()
    assert profile.status == "published"


def test_a_member_posting_publish_gets_an_error_and_nothing_changes(login, world):
    profile = world["draft"]
    Profile.objects.filter(pk=profile.pk).update(status="submitted")
    response = login(world["users"]["member"]).post(
        reverse("profile-action", args=[profile.reference]), {"action": "publish"}, follow=True
    )
    assert "Only broker may publish" in response.content.decode()
    profile.refresh_from_db()
    assert profile.status == "submitted"


@pytest.mark.parametrize("query", ["battery", "电池", "Magazynowanie", "solid-state"])
def test_search_finds_a_profile_in_any_language_through_taxonomy_labels(login, world, query):
    body = login(world["users"]["member"]).get(reverse("profile-list"), {"q": query}).content.decode()
    assert "Solid-state battery cells" in body


def test_search_filters_combine(login, world):
    client = login(world["users"]["member"])
    assert (
        "Solid-state" in client.get(reverse("profile-list"), {"kind": "offer", "trl_min": 5}).content.decode()
    )
    assert "Solid-state" not in client.get(reverse("profile-list"), {"trl_min": 7}).content.decode()
    assert "Solid-state" in client.get(reverse("profile-list"), {"term": "energy"}).content.decode()
    assert (
        "Solid-state"
        not in client.get(reverse("profile-list"), {"partnership": "investment"}).content.decode()
    )
    assert "Solid-state" in client.get(reverse("profile-list"), {"partnership": "licence"}).content.decode()


def test_bad_filter_values_do_not_break_the_page(login, world):
    response = login(world["users"]["member"]).get(reverse("profile-list"), {"trl_min": "abc", "page": "x"})
    assert response.status_code == 200


def test_the_live_quality_check_returns_findings(login, world):
    response = login(world["users"]["member"]).post(
        reverse("profile-check"),
        {"kind": "offer", "title": "X", "summary": "mail me at a@b.com", "language": "en"},
    )
    body = response.content.decode()
    assert response.status_code == 200 and "Remove an e-mail address" in body


def test_the_ui_switches_to_chinese_and_remembers_it(login, world):
    client = login(world["users"]["member"])
    client.post(reverse("set-language"), {"language": "zh-hans", "next": "/"})
    world["users"]["member"].refresh_from_db()
    assert world["users"]["member"].language == "zh-hans"
    assert 'lang="zh-hans"' in client.get(reverse("profile-list")).content.decode()


def test_a_profile_tagged_twice_is_listed_once_without_sorting_whole_rows(world):
    from techbridge.marketplace import selectors

    profile = world["published"]
    profile.technology_keywords.set([world["terms"]["energy"], world["terms"]["battery"]])
    profile.market_keywords.set([world["terms"]["energy"]])
    viewer = world["users"]["member"]
    for filters in (
        selectors.ProfileFilters(term="energy"),
        selectors.ProfileFilters(q="energy"),
        selectors.ProfileFilters(q="new energy"),
    ):
        qs = selectors.profile_list(filters=filters, viewer=viewer)
        assert [p.pk for p in qs] == [profile.pk], filters
        assert qs.count() == 1 and "DISTINCT" not in str(qs.query)


def test_free_text_search_finds_references_organisations_and_takes_wildcards_literally(world):
    from techbridge.marketplace import selectors

    profile, viewer = world["published"], world["users"]["member"]

    def found(q: str) -> list[int]:
        return [p.pk for p in selectors.profile_list(filters=selectors.ProfileFilters(q=q), viewer=viewer)]

    assert found(profile.reference.lower()) == [profile.pk]  # the whole reference, in any case
    assert found(profile.reference[:6]) == []  # ... not a part of it
    assert found(profile.organisation.name.split()[0]) == [profile.pk]
    assert found("Solid-state cells") == [profile.pk]  # every word must match, in any field
    assert found("30%") == [profile.pk]  # "30% higher energy density": a literal percent sign
    assert found("Solid_state") == [] and found("Solid%cells") == []  # not wildcards


def test_a_two_character_chinese_word_finds_exactly_the_profiles_that_contain_it(world):
    """Two Han characters are too short for the trigram index; on PostgreSQL an index of adjacent Han pairs
    answers instead (migration 0003). Either way the hits are the profiles whose text holds the word."""
    from django.db import connection

    from techbridge.marketplace import selectors

    broker = world["users"]["broker"]  # sees drafts too
    org = world["published"].organisation
    made = {
        name: Profile.objects.create(
            reference=f"TOPL2026010110{i}",
            kind="offer",
            organisation=org,
            language="zh",
            status="published",
            **fields,
        )  # fmt: skip
        for i, (name, fields) in enumerate(
            {
                "title": {"title": "储能系统"},
                "middle": {"title": "x", "description": "用于家庭的储能系统。"},
                "translation": {"title": "Storage", "translations": {"zh": {"title": "新型储能"}}},
                "split": {"title": "储 能"},  # a space between: not the word
                "other": {"title": "电池管理"},
            }.items()
        )
    }

    def found(q: str) -> set[str]:
        qs = selectors.profile_list(filters=selectors.ProfileFilters(q=q), viewer=broker)
        return {name for name, p in made.items() if p.pk in {p.pk for p in qs}} | (
            {"draft"} if qs.filter(pk=world["draft"].pk).exists() else set()
        )

    assert found("储能") == {"title", "middle", "translation", "draft"}  # the draft: 寻求储能电池管理技术
    assert found("能系") == {"title", "middle"}  # the middle of a longer run of Han characters
    assert found("电池") == {"other", "draft"}
    assert found("储能 电池") == {"draft"}  # every word must match
    assert found("能源") == set()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET enable_seqscan = off")
            qs = selectors.profile_list(filters=selectors.ProfileFilters(q="储能"), viewer=broker)
            plan = qs.explain()
            cursor.execute("SET enable_seqscan = on")
        assert "marketplace_profile_search_han2" in plan


def test_a_word_of_one_or_two_characters_is_found_as_a_whole_word(world):
    """AI, 5G, 3D: too short for the trigram index and, as substrings, inside most longer words. They match
    whole words on both databases (on PostgreSQL through the short-word index of migration 0006)."""
    from django.db import connection

    from techbridge.marketplace import selectors

    broker = world["users"]["broker"]
    org = world["published"].organisation
    made = {
        name: Profile.objects.create(
            reference=f"TOPL2026010120{i}", kind="offer", organisation=org, status="published", **fields
        )
        for i, (name, fields) in enumerate(
            {
                "title": {"title": "3D-printed rotor blades"},
                "summary": {"title": "x", "summary": "Edge AI for OT networks."},
                "translation": {"title": "Sieci", "translations": {"en": {"title": "5G campus networks"}}},
                "inside": {"title": "Hot rotor: not both", "summary": "maintained"},
                "longer": {"title": "AIoT sensors, 3DS scans, A_I"},
            }.items()
        )
    }

    def found(q: str) -> set[str]:
        qs = selectors.profile_list(filters=selectors.ProfileFilters(q=q), viewer=broker)
        hits = set(qs.values_list("pk", flat=True))
        return {name for name, p in made.items() if p.pk in hits}

    assert found("3d") == {"title"} and found("3D") == {"title"}
    assert found("ai") == {"summary"}  # not AIoT, not "maintained"
    assert found("OT") == {"summary"}  # not rotor, not, both, Hot
    assert found("5G") == {"translation"}
    assert found("en") == set()  # the key of a translation is not a word of it
    assert found("AI OT") == {"summary"} and found("3D rotor") == {"title"}
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET enable_seqscan = off")
            plan = selectors.profile_list(filters=selectors.ProfileFilters(q="5G"), viewer=broker).explain()
            cursor.execute("SET enable_seqscan = on")
        assert "marketplace_profile_search_short" in plan


def test_the_keys_of_the_translations_are_not_words_of_a_profile(world):
    """Translations are stored as JSON ({"en": {"title": ..., "summary": ...}}) and searched as text: a word
    inside a key ("title", "mary" of summary) finds only the profiles that really contain it."""
    from django.db import connection

    from techbridge.marketplace import selectors

    broker = world["users"]["broker"]
    org = world["published"].organisation
    made = {
        name: Profile.objects.create(
            reference=f"TOPL2026010130{i}", kind="offer", organisation=org, status="published", **fields
        )
        for i, (name, fields) in enumerate(
            {
                "translated": {
                    "title": "Zbiornik kriogeniczny",
                    "language": "pl",
                    "translations": {"en": {"title": "Cryogenic tank", "summary": "Primary title holder"}},
                },
                "plain": {"title": "Cryogenic pump", "summary": "Summary statistics of the pump, by script"},
                "only keys": {
                    "title": "Zbiornik",
                    "language": "pl",
                    "translations": {"en": {"title": "Tank", "summary": "Storage"}},
                },
            }.items()
        )
    }

    def found(q: str) -> set[str]:
        qs = selectors.profile_list(filters=selectors.ProfileFilters(q=q), viewer=broker)
        hits = set(qs.values_list("pk", flat=True))
        return {name for name, p in made.items() if p.pk in hits}

    assert found("title") == {"translated"}  # in its English summary, not in a key
    assert found("Summary") == {"plain"}
    assert found("mary") == {"translated", "plain"}  # "Primary", "Summary"; not the key of "only keys"
    assert found("script") == {"plain"}
    assert found("cryogenic") == {"translated", "plain"}
    assert found("Tank") == {"translated", "only keys"}  # translation values are searched as before
    assert found("title tank") == {"translated"}
    if connection.vendor == "postgresql":  # the key check rechecks rows of the trigram index, no full scan
        with connection.cursor() as cursor:
            cursor.execute("SET enable_seqscan = off")
            plan = selectors.profile_list(
                filters=selectors.ProfileFilters(q="title"), viewer=broker
            ).explain()
            cursor.execute("SET enable_seqscan = on")
        assert "marketplace_profile_search_trgm" in plan


def test_a_long_list_is_counted_up_to_the_cap_and_paged_in_order(login, world, monkeypatch, settings):
    """Above the cap the list says "more than N" and offers the first N hits, newest first, page by page."""
    import datetime as dt

    from django.utils import timezone

    from techbridge.marketplace import views

    org = world["published"].organisation
    start = timezone.now() - dt.timedelta(days=30)
    made = [
        Profile.objects.create(
            reference=f"TOPL2026020100{i}",
            kind="offer",
            organisation=org,
            title=f"Hydrogen valve {i}",
            language="en",
            status="published",
            published_at=start + dt.timedelta(days=i),
        )
        for i in range(5)
    ]
    newest_first = [p.reference for p in reversed(made)]
    monkeypatch.setattr(views, "LIST_COUNT_CAP", 3)
    settings.TECHBRIDGE_PAGE_SIZE = 2
    client = login(world["users"]["member"])

    def page(n: int) -> tuple[str, list[str]]:
        body = client.get(reverse("profile-list"), {"q": "hydrogen", "page": n}).content.decode()
        return body, [ref for ref in newest_first if ref in body]

    body, shown = page(1)
    assert "More than 3 profiles found" in body and "Page 1 of 2" in body
    assert shown == newest_first[:2]
    assert page(2)[1] == newest_first[2:3]  # the third, and no further: the cap
    assert page(9)[1] == newest_first[2:3]  # past the end: the last page
    monkeypatch.setattr(views, "LIST_COUNT_CAP", 5)
    body, shown = page(3)
    assert "5 profiles found" in body and "More than" not in body and shown == newest_first[4:]


def test_the_api_list_reads_pages_by_id_in_order_with_an_exact_count(api, world):
    import datetime as dt

    from django.utils import timezone

    org = world["published"].organisation
    start = timezone.now() - dt.timedelta(days=30)
    refs = [
        Profile.objects.create(
            reference=f"TOPL2026020200{i}",
            kind="offer",
            organisation=org,
            title=f"Hydrogen valve {i}",
            language="en",
            status="published",
            published_at=start + dt.timedelta(days=i),
        ).reference
        for i in range(5)
    ]
    call = api("member")
    first = call("get", "/api/profiles", q="hydrogen", page_size=2).json()
    third = call("get", "/api/profiles", q="hydrogen", page_size=2, page=3).json()
    assert first["count"] == third["count"] == 5
    assert [p["reference"] for p in first["items"]] == refs[::-1][:2]
    assert [p["reference"] for p in third["items"]] == refs[:1]
    assert first["items"][0]["organisation"] and first["items"][0]["country"] == org.country_id


def test_profile_lists_have_a_covering_index_on_postgresql(db):
    """The newest-first walk of a list filters on status, kind, TRL, organisation and language without the table."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("covering indexes are a PostgreSQL feature; SQLite lists are small")
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'profile_list_order_cover_idx'")
        (definition,) = cursor.fetchone()
    assert "published_at DESC, created_at DESC, id DESC" in definition
    assert "INCLUDE (status, kind, trl, organisation_id, language)" in definition


def test_the_filter_form_keeps_the_chosen_values_and_leaves_the_others_at_all(login, world):
    body = login(world["users"]["member"]).get("/profiles/?country=PL&term=energy&q=lithium").content.decode()
    assert '<option value="PL" selected>' in body and '<option value="CN">China</option>' in body
    assert '<option value="energy" selected>' in body
    assert 'name="q" value="lithium"' in body
    assert "selected>" not in body.split('id="f-kind"')[1].split("</select>")[0]  # kind not chosen: All
