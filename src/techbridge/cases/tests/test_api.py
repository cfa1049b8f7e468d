"""Cases through the API: the same rules as the pages for every role, errors naming the field."""

import pytest

from techbridge.cases import assessments
from techbridge.cases.tests.conftest import SCORES

pytestmark = pytest.mark.django_db
ROLES = ["admin", "broker", "member", "member_pl", "member_third", "evaluator", "analyst"]


def test_the_api_needs_authentication(client, case):
    assert client.get("/api/cases").status_code == 401


VISIBLE = {"admin": 1, "broker": 1, "member": 1, "member_pl": 1, "member_third": 0, "evaluator": 0}


@pytest.mark.parametrize("role", ROLES)
def test_each_role_lists_only_the_cases_it_may_see(api, case, role):
    resp = api(role)("get", "/api/cases")
    if role == "analyst":
        assert resp.status_code == 403
        return
    assert len(resp.json()) == VISIBLE[role]
    assert api(role)("get", f"/api/cases/{case.pk}").status_code == (200 if VISIBLE[role] else 404)


@pytest.mark.parametrize("role", ROLES)
def test_only_brokers_move_cases(api, case, role):
    resp = api(role)("post", f"/api/cases/{case.pk}/move", {"to": "evaluation"})
    expected = {"admin": 200, "broker": 200, "member": 403, "member_pl": 403}.get(role, 404)
    assert resp.status_code == expected


@pytest.mark.parametrize("role", ROLES)
def test_the_funnel_is_for_brokers_and_analysts(api, case, role):
    resp = api(role)("get", "/api/cases/funnel")
    assert resp.status_code == (200 if role in ("admin", "broker", "analyst") else 403)
    if resp.status_code == 200:
        steps = {s["key"]: s["count"] for s in resp.json()["steps"]}
        assert steps["cases"] == 1 and round(resp.json()["reference"], 3) == 0.258


def test_a_skipping_move_gives_422_naming_the_field(api, case):
    resp = api("broker")("post", f"/api/cases/{case.pk}/move", {"to": "agreement"})
    assert resp.status_code == 422
    assert resp.json()["detail"][0]["field"] == "stage"


def test_evaluators_see_their_own_sheet_only(api, case, world, evaluator2):
    broker = api("broker")
    assert broker("post", f"/api/cases/{case.pk}/assessments", {"evaluator": "evaluator"}).status_code == 201
    assert broker("post", f"/api/cases/{case.pk}/assessments", {"evaluator": "evaluator2"}).status_code == 201
    ev = api("evaluator")
    sheets = ev("get", f"/api/cases/{case.pk}/assessments").json()
    assert [s["evaluator"] for s in sheets] == ["evaluator"]
    assert ev("get", f"/api/cases/{case.pk}/assessments/summary").status_code == 403
    bad = ev("put", f"/api/assessments/{sheets[0]['id']}", {"scores": SCORES | {"ip": 0}})
    assert bad.status_code == 422 and bad.json()["detail"][0]["field"] == "score_ip"
    ok = ev("put", f"/api/assessments/{sheets[0]['id']}", {"scores": SCORES, "comment": "fine"})
    assert ok.status_code == 200 and ok.json()["scores"]["market"] == 5
    other = case.assessments.get(evaluator=evaluator2)
    assert ev("put", f"/api/assessments/{other.pk}", {"scores": SCORES}).status_code == 404
    summary = broker("get", f"/api/cases/{case.pk}/assessments/summary").json()
    assert summary["submitted"] == 1 and summary["criteria"][0]["mean"] == 4.0


def test_a_conflicted_evaluator_is_refused_with_the_reason(api, case, world):
    assessments.tie_declare(evaluator=world["users"]["evaluator"], organisation=world["orgs"]["ningbo"])
    resp = api("broker")("post", f"/api/cases/{case.pk}/assessments", {"evaluator": "evaluator"})
    assert resp.status_code == 422 and "Conflict of interest" in resp.json()["detail"][0]["message"]


def test_agreements_through_the_api(api, case, world):
    broker = api("broker")
    bad = broker(
        "post",
        f"/api/cases/{case.pk}/agreements",
        {"kind": "licence", "title": "L", "parties": ["pl-storage"]},
    )
    assert bad.status_code == 422 and bad.json()["detail"][0]["field"] == "parties"
    resp = broker(
        "post",
        f"/api/cases/{case.pk}/agreements",
        {
            "kind": "licence",
            "title": "L",
            "parties": ["pl-storage", "nb-battery"],
            "value": "1000",
            "currency": "EUR",
            "signed_on": "2026-05-01",
            "status": "signed",
        },
    )
    assert resp.status_code == 201 and sorted(resp.json()["parties"]) == ["nb-battery", "pl-storage"]
    fu = broker("post", f"/api/agreements/{resp.json()['id']}/follow-ups", {"on": "2026-06-01", "jobs": 3})
    assert fu.status_code == 201
    assert len(api("member")("get", "/api/agreements").json()) == 1
    assert api("member_third")("get", "/api/agreements").json() == []
    assert api("analyst")("get", "/api/agreements").status_code == 403
    assert (
        api("member")(
            "post", f"/api/agreements/{resp.json()['id']}/follow-ups", {"on": "2026-07-01"}
        ).status_code
        == 403
    )


def test_an_evaluator_declares_a_tie_and_is_then_refused(api, case):
    ev = api("evaluator")
    assert (
        ev("post", "/api/evaluators/me/ties", {"organisation": "nope"}).json()["detail"][0]["field"]
        == "organisation"
    )
    assert (
        ev("post", "/api/evaluators/me/ties", {"organisation": "pl-storage", "note": "adviser"}).status_code
        == 201
    )
    assert api("member")("post", "/api/evaluators/me/ties", {"organisation": "pl-storage"}).status_code == 403
    resp = api("broker")("post", f"/api/cases/{case.pk}/assessments", {"evaluator": "evaluator"})
    assert resp.status_code == 422 and "declared a tie" in resp.json()["detail"][0]["message"]
