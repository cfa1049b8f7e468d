"""Rules through the API: token authentication, pagination, same permissions and validation as the UI."""

import pytest

from techbridge.conftest import PASSWORD
from techbridge.marketplace.models import Profile


def test_requests_without_a_token_are_refused(client, world):
    assert client.get("/api/profiles").status_code == 401


def test_a_wrong_token_is_refused(client, world):
    assert client.get("/api/profiles", HTTP_AUTHORIZATION="Bearer tb_nope").status_code == 401


def test_a_token_is_issued_for_a_password_and_refused_for_a_wrong_one(client, world):
    ok = client.post(
        "/api/auth/token", {"username": "member", "password": PASSWORD}, content_type="application/json"
    )
    assert ok.status_code == 200 and ok.json()["token"].startswith("tb_") and ok.json()["role"] == "member"
    bad = client.post(
        "/api/auth/token", {"username": "member", "password": "nope"}, content_type="application/json"
    )
    assert bad.status_code == 401
    token = ok.json()["token"]
    assert client.get("/api/profiles", HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 200


def test_the_list_is_paginated_and_hides_other_organisations_drafts(api, world):
    body = api("member_pl")("get", "/api/profiles").json()
    assert body["count"] == 1 and [p["reference"] for p in body["items"]] == ["TOPL20260101001"]
    body = api("member")("get", "/api/profiles").json()
    assert body["count"] == 2
    assert api("broker")("get", "/api/profiles", status="draft").json()["count"] == 1


@pytest.mark.parametrize(
    ("who", "shown"), [("member_pl", True), ("broker", True), ("member", False), ("analyst", False)]
)
def test_confidential_details_follow_the_same_rule(api, world, who, shown):
    body = api(who)("get", "/api/profiles/TOPL20260101001").json()
    assert (body["confidential_details"] == "Price: EUR 2m") is shown
    if not shown:
        assert body["confidential_details"] is None


def _published_offers(world, count):
    for n in range(count):
        Profile.objects.create(
            reference=f"TOPL2026020{n:04d}"[:15],
            kind="offer",
            organisation=world["orgs"]["polish"],
            title=f"Offer {n}",
            summary="A published offer.",
            language="en",
            status="published",
            confidential_details=f"Secret {n}",
        )


def test_the_list_shows_confidential_details_where_an_interest_was_accepted_in_one_query(
    api, world, django_assert_max_num_queries
):
    from techbridge.docking.models import Interest

    Interest.objects.create(
        profile=world["published"], organisation=world["orgs"]["ningbo"], message="x", status="accepted"
    )
    call = api("member")
    call("get", "/api/profiles")  # warm: session-independent caches, token lookup
    with django_assert_max_num_queries(12) as few:
        body = call("get", "/api/profiles").json()
    _published_offers(world, 10)
    with django_assert_max_num_queries(len(few.captured_queries)):  # ten more profiles, no more queries
        more = call("get", "/api/profiles").json()
    shown = {p["reference"]: p["confidential_details"] for p in more["items"]}
    assert body["count"] == 2 and more["count"] == 12
    assert shown["TOPL20260101001"] == "Price: EUR 2m"  # the owner accepted the Ningbo company's interest
    assert [v for k, v in shown.items() if k.startswith("TOPL202602")] == [None] * 10


def test_another_organisations_draft_is_not_found(api, world):
    assert api("member_pl")("get", "/api/profiles/TRCN20260101001").status_code == 404
    assert api("member")("get", "/api/profiles/TRCN20260101001").status_code == 200


def test_a_member_creates_a_profile_for_their_own_organisation(api, world):
    response = api("member")(
        "post",
        "/api/profiles",
        json={
            "kind": "request",
            "title": "寻求氢燃料电池技术",
            "summary": "宁波企业寻求氢燃料电池电堆技术。",
            "language": "zh",
            "technology_keywords": ["energy.storage"],
            "target_countries": ["PL"],
        },
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "draft" and body["organisation"] == "nb-battery"
    assert body["technology_keywords"] == ["energy.storage"] and body["target_countries"] == ["PL"]


def test_invalid_input_names_every_field_and_saves_nothing(api, world):
    response = api("member")(
        "post",
        "/api/profiles",
        json={
            "kind": "gadget",
            "title": "",
            "summary": "x" * 501,
            "language": "zh",
            "trl": 12,
            "technology_keywords": ["no.such.term"],
        },
    )
    assert response.status_code == 422
    fields = {e["field"] for e in response.json()["detail"]}
    assert {"kind", "title", "summary", "trl", "technology_keywords"} <= fields
    assert Profile.objects.count() == 2


def test_a_member_cannot_create_for_another_organisation(api, world):
    response = api("member")(
        "post",
        "/api/profiles",
        json={"organisation": "pl-storage", "kind": "offer", "title": "t", "summary": "s", "language": "en"},
    )
    assert response.status_code == 403


def test_a_broker_must_name_a_known_organisation(api, world):
    response = api("broker")(
        "post",
        "/api/profiles",
        json={"organisation": "nowhere", "kind": "offer", "title": "t", "summary": "s", "language": "en"},
    )
    assert response.status_code == 422 and response.json()["detail"][0]["field"] == "organisation"


@pytest.mark.parametrize(
    ("who", "status"), [("member", 200), ("broker", 200), ("member_pl", 404), ("analyst", 404)]
)
def test_editing_follows_the_ownership_rule(api, world, who, status):
    response = api(who)(
        "patch", "/api/profiles/TRCN20260101001", json={"title": "寻求储能电池管理系统技术合作"}
    )
    assert response.status_code == status


def test_an_analyst_cannot_edit_a_published_profile(api, world):
    response = api("analyst")("patch", "/api/profiles/TOPL20260101001", json={"title": "Hacked"})
    assert response.status_code == 403


def test_submission_through_the_api_returns_the_quality_findings(api, world):
    response = api("member")("post", "/api/profiles/TRCN20260101001/actions", json={"action": "submit"})
    assert response.status_code == 422
    assert "technology_keywords" in {e["field"] for e in response.json()["detail"]}


def test_publishing_is_for_brokers(api, world):
    Profile.objects.filter(reference="TRCN20260101001").update(status="submitted")
    denied = api("member")("post", "/api/profiles/TRCN20260101001/actions", json={"action": "publish"})
    assert denied.status_code == 422 and "Only broker" in denied.json()["detail"][0]["message"]
    ok = api("broker")("post", "/api/profiles/TRCN20260101001/actions", json={"action": "publish"})
    assert ok.status_code == 200 and ok.json()["profile"]["status"] == "published"


def test_the_interest_flow_over_the_api(api, world):
    member, owner = api("member"), api("member_pl")
    created = member(
        "post", "/api/profiles/TOPL20260101001/interests", json={"message": "We build port trucks."}
    )
    assert created.status_code == 201
    again = member("post", "/api/profiles/TOPL20260101001/interests", json={"message": "again"})
    assert again.status_code == 422
    interest_id = created.json()["id"]
    assert (
        api("member_third")(
            "post", f"/api/interests/{interest_id}/decision", json={"accept": True}
        ).status_code
        == 404
    )
    assert (
        owner("post", f"/api/interests/{interest_id}/decision", json={"accept": True}).json()["status"]
        == "accepted"
    )
    assert member("get", "/api/profiles/TOPL20260101001").json()["confidential_details"] == "Price: EUR 2m"


def test_analysts_get_no_personal_data(api, world):
    assert api("analyst")("get", "/api/people").status_code == 403
    assert api("member")("get", "/api/people").status_code == 200


def test_the_openapi_schema_is_served(client, world):
    schema = client.get("/api/openapi.json").json()
    assert "/api/profiles" in schema["paths"] and "/api/profiles/{reference}/actions" in schema["paths"]
