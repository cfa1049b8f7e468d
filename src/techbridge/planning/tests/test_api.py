"""Planning through the API: the same roles as the pages, ranking as a job, portfolios, plans, calendar."""

import datetime as dt

import pytest

from techbridge.planning.models import CalendarEvent, Goal, Plan, Programme


@pytest.mark.parametrize("role", ["analyst", "broker", "admin"])
def test_planners_list_read_and_rank_studies(api, study, role):
    call = api(role)
    assert [s["title"] for s in call("get", "/api/planning/studies").json()] == ["Test study"]
    ran = call("post", f"/api/planning/studies/{study.pk}/run", json={})
    assert ran.status_code == 200 and ran.json()["state"] == "done"  # eager jobs in tests
    detail = call("get", f"/api/planning/studies/{study.pk}").json()
    assert detail["result"]["rankings"]["compromise"]["order"][0] in {"Warsaw", "Prague", "Lodz", "Brno"}
    assert len(detail["site_values"]) == 4


@pytest.mark.parametrize("role", ["member", "evaluator"])
def test_others_are_refused_studies_and_plans(api, study, role, world):
    call = api(role)
    plan = Plan.objects.create(title="P", start=dt.date(2025, 1, 1), end=dt.date(2026, 1, 1))
    for path in (
        "/api/planning/studies",
        f"/api/planning/studies/{study.pk}",
        "/api/planning/plans",
        f"/api/planning/plans/{plan.pk}",
    ):
        assert call("get", path).status_code == 403, path
    assert call("post", f"/api/planning/studies/{study.pk}/run", json={}).status_code == 403
    assert (
        call("post", f"/api/planning/studies/{study.pk}/portfolio", json={"k": 1, "budget": 1}).status_code
        == 403
    )


def test_the_api_refuses_anonymous_callers(client, study):
    assert client.get("/api/planning/studies").status_code == 401
    assert client.get("/api/planning/calendar").status_code == 401


def test_an_infeasible_portfolio_answers_422_with_the_reasons(api, study):
    call = api("analyst")
    call("post", f"/api/planning/studies/{study.pk}/run", json={})
    bad = call(
        "post",
        f"/api/planning/studies/{study.pk}/portfolio",
        json={"k": 3, "budget": 10, "max_per_country": 1},
    )
    assert bad.status_code == 422
    assert any("too few countries" in d["message"] for d in bad.json()["detail"])
    ok = call(
        "post",
        f"/api/planning/studies/{study.pk}/portfolio",
        json={"k": 2, "budget": 1300, "max_per_country": 1},
    )
    assert ok.status_code == 200 and len(ok.json()["sites"]) == 2


def test_ranking_with_a_missing_value_answers_422_naming_the_site(api, study):
    study.sites.filter(name="Prague").update(values={"rail": 2})
    response = api("broker")("post", f"/api/planning/studies/{study.pk}/run", json={})
    assert response.status_code == 422 and "Prague" in response.json()["detail"][0]["message"]


def test_a_plan_reports_live_target_status(api, world):
    plan = Plan.objects.create(title="P", start=dt.date(2025, 1, 1), end=dt.date(2030, 1, 1))
    goal = Goal.objects.create(plan=plan, title="G")
    goal.targets.create(
        title="Profiles", target_value=1, start=plan.start, due=plan.end, metric="profiles_published"
    )
    body = api("analyst")("get", f"/api/planning/plans/{plan.pk}").json()
    target = body["goals"][0]["targets"][0]
    assert target["value"] == 1 and target["status"] == "achieved"


def test_programmes_are_filtered_by_participation_and_the_calendar_is_for_all(api, world):
    mine = Programme.objects.create(title="Mine", kind="training", start=dt.date(2025, 1, 1))
    mine.partners.add(world["orgs"]["ningbo"])
    Programme.objects.create(title="Not mine", kind="training", start=dt.date(2025, 1, 1))
    CalendarEvent.objects.create(title="Expo", kind="expo", country_id="CN", start=dt.date(2026, 5, 20))
    assert [p["title"] for p in api("member")("get", "/api/planning/programmes").json()] == ["Mine"]
    assert len(api("broker")("get", "/api/planning/programmes").json()) == 2
    assert [e["title"] for e in api("evaluator")("get", "/api/planning/calendar", kind="expo").json()] == [
        "Expo"
    ]
    assert api("evaluator")("get", "/api/planning/calendar", country="PL").json() == []


def test_ahp_judgements_through_the_api_set_weights_or_explain_the_inconsistency(api, study):
    call = api("analyst")
    url = f"/api/planning/studies/{study.pk}/judgements/ahp"
    ok = call(
        "post", url, json={"judge": "A", "judgements": {"rail/talent": 2, "rail/risk": 2, "talent/risk": 1}}
    )
    assert ok.status_code == 200 and ok.json()["weights"] == pytest.approx(
        {"rail": 0.5, "talent": 0.25, "risk": 0.25}
    )
    cycle = {"rail/talent": 9, "talent/risk": 9, "risk/rail": 9}
    bad = call("post", url, json={"judge": "B", "judgements": cycle})
    assert bad.status_code == 422 and "Rail / Talent = 9" in bad.json()["detail"][0]["message"]
    wrong = call("post", url, json={"judge": "C", "judgements": {"rail/moon": 3}})
    assert wrong.status_code == 422 and "rail/moon" in wrong.json()["detail"][0]["message"]
    assert api("member")("post", url, json={"judge": "D", "judgements": {}}).status_code == 403
