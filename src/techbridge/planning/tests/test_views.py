"""Planning pages: who may open them, the planner's flow, bad input, exports and the ICS feed."""

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from techbridge.planning import services
from techbridge.planning.models import CalendarEvent, Goal, Plan, Programme, Study

PLANNERS = ["analyst", "broker", "admin"]
OTHERS = ["member", "evaluator"]


@pytest.fixture
def plan(world):
    p = Plan.objects.create(title="Five-year plan", start=dt.date(2025, 1, 1), end=dt.date(2029, 12, 31))
    goal = Goal.objects.create(plan=p, title="Three prime destinations")
    from techbridge.planning.services_plans import target_add

    target_add(
        goal=goal,
        data={
            "title": "Profiles published",
            "target_value": 4,
            "start": p.start,
            "due": p.end,
            "metric": "profiles_published",
            "metric_params": {},
        },
    )
    target_add(
        goal=goal,
        data={
            "title": "Talents trained",
            "target_value": 100,
            "start": p.start,
            "due": p.end,
            "manual_value": 10,
        },
    )
    return p


@pytest.fixture
def programmes(world):
    mine = Programme.objects.create(title="Joint lab", kind="joint_lab", start=dt.date(2025, 3, 1))
    mine.partners.add(world["orgs"]["ningbo"])
    other = Programme.objects.create(title="Polish tour", kind="talent_visit", start=dt.date(2025, 4, 1))
    other.partners.add(world["orgs"]["polish"])
    return {"mine": mine, "other": other}


def planner_urls(study, plan):
    return [
        reverse("planning-home"),
        reverse("planning-study", args=[study.pk]),
        reverse("planning-sites", args=[study.pk]),
        reverse("planning-weights", args=[study.pk]),
        reverse("planning-study-export", args=[study.pk, "xlsx"]),
        reverse("planning-plans"),
        reverse("planning-plan", args=[plan.pk]),
        reverse("planning-plan-export", args=[plan.pk, "pdf"]),
    ]


@pytest.mark.parametrize("role", PLANNERS)
def test_planners_open_every_planning_page(world, login, study, plan, role):
    client = login(world["users"][role])
    for url in planner_urls(study, plan):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("role", OTHERS)
def test_members_and_evaluators_are_refused_the_planner(world, login, study, plan, role):
    client = login(world["users"][role])
    for url in planner_urls(study, plan):
        assert client.get(url).status_code == 403, url
    assert client.post(reverse("planning-run", args=[study.pk])).status_code == 403
    assert client.post(reverse("planning-portfolio", args=[study.pk]), {"k": 1}).status_code == 403


def test_anonymous_visitors_are_sent_to_sign_in(client, study, plan):
    for url in [*planner_urls(study, plan), reverse("planning-calendar"), reverse("programme-list")]:
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_analyst_weighs_ranks_and_chooses_a_portfolio(world, login, study):
    client = login(world["users"]["analyst"])
    pairs = {"method": "ahp", "judge": "Analyst", "pair_0_1": "3", "pair_0_2": "3", "pair_1_2": "1"}
    response = client.post(reverse("planning-weights", args=[study.pk]), pairs)
    assert response.status_code == 302
    response = client.post(reverse("planning-run", args=[study.pk]), follow=True)
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="ranking-table"' in page and 'id="smaa-heat"' in page and "<svg" in page
    assert "<circle" in page and "Warsaw" in page
    response = client.post(
        reverse("planning-portfolio", args=[study.pk]),
        {"k": 2, "budget": 1300, "max_per_country": 1, "score": "compromise"},
        follow=True,
    )
    assert 'id="portfolio-result"' in response.content.decode()
    pdf = client.get(reverse("planning-study-export", args=[study.pk, "pdf"]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_inconsistent_pairwise_judgements_are_shown_with_the_triple_and_not_saved(world, login, study):
    client = login(world["users"]["analyst"])
    bad = {"method": "ahp", "judge": "A", "pair_0_1": "9", "pair_1_2": "9", "pair_0_2": "-9"}
    response = client.post(reverse("planning-weights", args=[study.pk]), bad)
    assert response.status_code == 400
    page = response.content.decode()
    assert 'id="inconsistency"' in page
    assert "Rail / Talent = 9 and Talent / Risk = 9 imply Rail / Risk = 81, but it was judged 1/9" in page
    assert not study.judgements.exists()


def test_an_infeasible_portfolio_is_explained_on_the_page(world, login, study):
    services.study_run(study=study)
    client = login(world["users"]["broker"])
    response = client.post(
        reverse("planning-portfolio", args=[study.pk]),
        {"k": 3, "budget": 5000, "max_per_country": 1, "score": "topsis"},
        follow=True,
    )
    assert response.status_code == 200
    assert "No feasible portfolio" in response.content.decode()
    assert "too few countries" in response.content.decode()


def test_ranking_with_a_missing_value_names_the_site(world, login, study):
    study.sites.filter(name="Lodz").update(values={"rail": 3, "talent": 5})
    client = login(world["users"]["analyst"])
    response = client.post(reverse("planning-run", args=[study.pk]), follow=True)
    assert "Lodz" in response.content.decode() and "risk" in response.content.decode()
    assert Study.objects.get(pk=study.pk).result is None


def test_a_bad_upload_lists_row_errors_and_saves_nothing(world, login, study):
    client = login(world["users"]["analyst"])
    upload = SimpleUploadedFile("s.csv", b"name,country,rail,talent,risk\nX,ZZ,1,1,1\n")
    response = client.post(reverse("planning-sites", args=[study.pk]), {"import": "1", "file": upload})
    assert response.status_code == 400
    assert "Row 2" in response.content.decode() and study.sites.count() == 4
    garbage = SimpleUploadedFile("s.xlsx", b"not a workbook")
    response = client.post(reverse("planning-sites", args=[study.pk]), {"import": "1", "file": garbage})
    assert response.status_code == 400 and study.sites.count() == 4


def test_the_rank_reversal_check_reports_flipped_pairs_or_none(world, login, study):
    services.study_run(study=study)
    client = login(world["users"]["analyst"])
    for mode in ("remove", "add"):
        response = client.get(reverse("planning-study", args=[study.pk]), {"site": "Brno", "mode": mode})
        assert 'id="reversal-result"' in response.content.decode()
    response = client.get(reverse("planning-study", args=[study.pk]), {"site": "Atlantis"})
    assert "unknown site" in response.content.decode()


def test_the_plan_dashboard_shows_live_and_entered_targets(world, login, plan):
    client = login(world["users"]["analyst"])
    page = client.get(reverse("planning-plan", args=[plan.pk])).content.decode()
    assert "Profiles published" in page and 'data-status="' in page and 'id="status-rule"' in page
    xlsx = client.get(reverse("planning-plan-export", args=[plan.pk, "xlsx"]))
    from openpyxl import load_workbook

    rows = list(load_workbook(io.BytesIO(xlsx.content)).active.values)
    assert rows[1][1] == "Profiles published" and rows[1][5] == 1  # live value: one published profile


def test_an_unknown_export_format_is_not_found(world, login, study):
    client = login(world["users"]["analyst"])
    assert client.get(reverse("planning-study-export", args=[study.pk, "doc"])).status_code == 404


def test_members_see_only_the_programmes_they_take_part_in(world, login, programmes):
    client = login(world["users"]["member"])
    page = client.get(reverse("programme-list")).content.decode()
    assert "Joint lab" in page and "Polish tour" not in page
    assert client.get(reverse("planning-programme", args=[programmes["other"].pk])).status_code == 404
    assert client.get(reverse("planning-programme", args=[programmes["mine"].pk])).status_code == 200
    assert client.get(reverse("programme-create")).status_code == 403
    response = client.post(
        reverse("planning-programme", args=[programmes["mine"].pk]), {"title": "x", "due": "2025-05-01"}
    )
    assert response.status_code == 403


def test_a_broker_creates_a_programme_with_participants(world, login):
    from techbridge.directory.models import Person

    person = Person.objects.create(key="p1", full_name="Anna Nowak", kind="talent", country_id="PL")
    client = login(world["users"]["broker"])
    response = client.post(
        reverse("programme-create"),
        {
            "title": "Training",
            "kind": "training",
            "status": "planned",
            "start": "2026-01-10",
            "currency": "CNY",
            "partners": [world["orgs"]["polish"].pk],
            "participants": [person.pk],
        },
    )
    assert response.status_code == 302
    programme = Programme.objects.get(title="Training")
    assert list(programme.participations.values_list("person__full_name", flat=True)) == ["Anna Nowak"]
    from django.template.loader import render_to_string

    html = render_to_string("planning/_person_programmes.html", {"person": person})
    assert "Training" in html


def test_the_calendar_filters_and_its_ics_feed_parses(world, login):
    from icalendar import Calendar

    CalendarEvent.objects.create(
        title="CEEC Expo 2026",
        kind="expo",
        country_id="CN",
        start=dt.date(2026, 5, 20),
        end=dt.date(2026, 5, 23),
    )
    CalendarEvent.objects.create(title="Docking", kind="docking", country_id="PL", start=dt.date(2026, 10, 1))
    client = login(world["users"]["member"])
    page = client.get(reverse("planning-calendar"), {"country": "PL"}).content.decode()
    assert "Docking" in page and "CEEC Expo 2026" not in page
    feed = client.get(reverse("planning-calendar-ics"), {"kind": "expo"})
    events = Calendar.from_ical(feed.content).walk("VEVENT")
    assert [str(e["SUMMARY"]) for e in events] == ["CEEC Expo 2026"]
    assert events[0].decoded("DTEND") == dt.date(2026, 5, 24)  # exclusive end of an all-day event


def test_only_planners_add_calendar_events(world, login):
    data = {"title": "Delegation", "kind": "delegation", "start": "2026-06-01"}
    assert login(world["users"]["member"]).post(reverse("planning-calendar"), data).status_code == 403
    assert login(world["users"]["analyst"]).post(reverse("planning-calendar"), data).status_code == 302
    assert CalendarEvent.objects.filter(title="Delegation").exists()


def test_the_cooperation_overview_include_renders_for_a_country(world, programmes):
    from django.template.loader import render_to_string

    html = render_to_string("planning/_cooperation_overview.html", {"country": world["countries"]["PL"]})
    assert "Polish tour" in html and "Cooperation overview" in html


def test_tampered_judgements_are_form_errors_not_server_errors(world, login, study):
    client = login(world["users"]["analyst"])
    url = reverse("planning-weights", args=[study.pk])
    response = client.post(
        url, {"method": "ahp", "judge": "A", "pair_0_1": "0", "pair_0_2": "x", "pair_1_2": "1"}
    )
    assert response.status_code == 400 and not study.judgements.exists()
    same = {"method": "bwm", "judge": "B", "best": "rail", "worst": "rail"}
    response = client.post(url, same)
    assert response.status_code == 400 and "must differ" in response.content.decode()


def test_a_site_is_added_by_form_and_a_duplicate_name_refused(world, login, study):
    client = login(world["users"]["analyst"])
    url = reverse("planning-sites", args=[study.pk])
    data = {
        "add_site": "1",
        "name": "Gdansk",
        "country": "PL",
        "cost": "500",
        "rail": "2",
        "talent": "6",
        "risk": "3",
    }
    assert client.post(url, data).status_code == 302
    assert study.sites.get(name="Gdansk").values == {"rail": 2.0, "talent": 6.0, "risk": 3.0}
    assert "already has a site" in client.post(url, data).content.decode()


def test_reports_render_chinese_text(world, login, study):
    study.title = "海外创新中心选址研究"
    study.save()
    services.study_run(study=study)
    services.portfolio_choose(study=study, k=2, budget=1300, max_per_country=1)
    from techbridge.planning import exports

    pdf = exports.study_pdf(study)
    assert pdf.startswith(b"%PDF") and b"STSong-Light" in pdf
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(exports.study_xlsx(study)))
    assert book.sheetnames == ["Sites", "Criteria", "Ranking"]
    assert book["Ranking"].max_row == 5


def test_best_worst_judgements_by_form_set_the_weights(world, login, study):
    client = login(world["users"]["broker"])
    data = {
        "method": "bwm",
        "judge": "B",
        "best": "rail",
        "worst": "risk",
        "bo_rail": "1",
        "bo_talent": "2",
        "bo_risk": "4",
        "ow_rail": "4",
        "ow_talent": "2",
        "ow_risk": "1",
    }
    assert client.post(reverse("planning-weights", args=[study.pk]), data).status_code == 302
    weights = {c.key: c.weight for c in study.criteria.all()}
    assert weights["rail"] > weights["talent"] > weights["risk"]


def test_targets_are_added_by_form_and_values_recorded(world, login, plan):
    client = login(world["users"]["analyst"])
    goal = plan.goals.first()
    data = {
        "add_target": "1",
        "goal": goal.pk,
        "title": "Polish organisations",
        "baseline": "0",
        "target_value": "10",
        "start": "2025-01-01",
        "due": "2029-12-31",
        "metric": "organisations",
        "metric_country": "PL",
    }
    assert client.post(reverse("planning-plan", args=[plan.pk]), data).status_code == 302
    target = goal.targets.get(title="Polish organisations")
    assert target.metric_params == {"country": "PL"} and target.readings.get().value == 2
    wrong = {**data, "title": "Bad", "metric": "profiles_published", "metric_kind": "offer"}
    assert "does not take" in client.post(reverse("planning-plan", args=[plan.pk]), wrong).content.decode()
    manual = goal.targets.get(title="Talents trained")
    client.post(reverse("planning-target-reading", args=[manual.pk]), {"value": "35"})
    manual.refresh_from_db()
    assert manual.manual_value == 35 and manual.readings.last().value == 35
