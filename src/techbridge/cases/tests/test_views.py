import pytest

from techbridge.cases import agreements, assessments, services
from techbridge.cases.models import AuditEntry, MatchView
from techbridge.cases.tests.conftest import SCORES

pytestmark = pytest.mark.django_db


def test_the_board_shows_the_case_in_its_column_for_brokers(case, world, login):
    resp = login(world["users"]["broker"]).get("/cases/")
    html = resp.content.decode()
    assert (
        resp.status_code == 200 and 'data-stage="consultation"' in html and f'data-case="{case.pk}"' in html
    )
    resp = login(world["users"]["broker"]).get("/cases/?q=nomatch")
    assert f'data-case="{case.pk}"' not in resp.content.decode()


def test_members_see_only_their_organisations_cases(case, world, login):
    assert f"/cases/{case.pk}/" in login(world["users"]["member"]).get("/cases/").content.decode()
    assert f"/cases/{case.pk}/" not in login(world["users"]["member_third"]).get("/cases/").content.decode()
    assert login(world["users"]["member_third"]).get(f"/cases/{case.pk}/").status_code == 404
    assert login(world["users"]["member"]).get(f"/cases/{case.pk}/").status_code == 200


def test_evaluators_see_only_assigned_cases_and_analysts_only_the_funnel(case, world, login):
    ev = world["users"]["evaluator"]
    assert login(ev).get(f"/cases/{case.pk}/").status_code == 404
    assessments.evaluator_assign(case=case, by=world["users"]["broker"], evaluator=ev)
    resp = login(ev).get(f"/cases/{case.pk}/")
    assert resp.status_code == 200 and 'id="score-sheet"' in resp.content.decode()
    assert "Documents" not in resp.content.decode()
    analyst = login(world["users"]["analyst"])
    assert analyst.get(f"/cases/{case.pk}/").status_code == 404
    assert analyst.get("/cases/").status_code == 302
    assert analyst.get("/cases/funnel/").status_code == 200
    assert login(world["users"]["member"]).get("/cases/funnel/").status_code == 403


def test_a_skipping_move_through_the_page_names_the_field(case, world, login):
    resp = login(world["users"]["broker"]).post(f"/cases/{case.pk}/move/", {"to": "agreement"}, follow=True)
    html = resp.content.decode()
    assert resp.status_code == 200 and "stage: A case cannot move from Consultation to Agreement" in html


def test_a_score_out_of_range_through_the_page_names_the_criterion(case, world, login):
    ev = world["users"]["evaluator"]
    assessments.evaluator_assign(case=case, by=world["users"]["broker"], evaluator=ev)
    data = {f"score_{k}": v for k, v in SCORES.items()} | {"score_market": "7"}
    resp = login(ev).post(f"/cases/{case.pk}/assessment/", data, follow=True)
    assert "score_market: Market potential: give a whole number from 1 to 5." in resp.content.decode()


def test_the_funnel_counts_the_case_and_its_agreement_and_exports_xlsx(case, world, login):
    broker = world["users"]["broker"]
    orgs = world["orgs"]
    agreements.agreement_record(
        case=case,
        by=broker,
        data={
            "kind": "licence",
            "title": "L",
            "parties": [orgs["polish"].pk, orgs["ningbo"].pk],
            "status": "signed",
            "signed_on": "2026-03-01",
        },
    )
    c = login(broker)
    resp = c.get("/cases/funnel/?by=country")
    html = resp.content.decode()
    assert '<svg class="chart"' in html and "25.8%" in html
    assert '<tr data-step="cases"><td>Cases</td><td class="count">1</td>' in html
    assert '<tr data-step="agreements"><td>Agreements</td><td class="count">1</td>' in html
    resp = c.get("/cases/funnel.xlsx")
    assert resp.status_code == 200 and resp.content[:2] == b"PK"


def test_the_match_link_records_a_view_and_opens_the_profile(world, login):
    resp = login(world["users"]["member"]).get(f"/cases/match/{world['published'].reference}/")
    assert resp.status_code == 302 and resp["Location"].endswith(f"/profiles/{world['published'].reference}/")
    assert MatchView.objects.filter(user=world["users"]["member"], profile=world["published"]).count() == 1
    assert (
        login(world["users"]["member_pl"]).get(f"/cases/match/{world['draft'].reference}/").status_code == 404
    )


def test_the_audit_log_is_for_administrators_and_exports(case, world, login):
    services.case_update(case=case, by=world["users"]["broker"], data={"next_action": "=HYPERLINK(1)"})
    assert login(world["users"]["broker"]).get("/cases/audit/").status_code == 403
    admin = login(world["users"]["admin"])
    assert "next_action" in admin.get("/cases/audit/").content.decode()
    csv = admin.get("/cases/audit.csv").content.decode()
    assert "'=HYPERLINK(1)" in csv and csv.startswith("at,by,model")
    assert admin.get("/cases/audit.xlsx").content[:2] == b"PK"
    assert admin.get("/cases/audit.exe").status_code == 404
    assert AuditEntry.objects.count() >= 2


def test_audit_record_takes_profile_changes_from_the_marketplace(world):
    from techbridge.cases.audit import audit_record

    entry = audit_record(world["published"], world["users"]["member_pl"], {"title": ["Old", "New"]})
    assert entry.model == "marketplace.profile" and entry.object_id == str(world["published"].pk)
    assert audit_record(world["published"], None, {}) is None
    terms = world["published"].technology_keywords.all()
    entry = audit_record(world["published"], None, {"technology_keywords": [[], terms], "trl": [5, 6]})
    assert entry.changes == {"technology_keywords": [[], [str(world["terms"]["battery"])]], "trl": [5, 6]}


def test_the_pages_render_in_chinese(case, world, login):
    c = login(world["users"]["broker"])
    c.cookies["django_language"] = "zh-hans"
    for url in (
        "/cases/",
        "/cases/new/",
        f"/cases/{case.pk}/",
        "/cases/funnel/?by=period",
        "/cases/?view=list",
    ):
        assert c.get(url, HTTP_ACCEPT_LANGUAGE="zh-hans").status_code == 200


def test_garbage_ids_in_forms_give_a_message_not_a_500(case, world, login):
    c = login(world["users"]["broker"])
    resp = c.post(f"/cases/{case.pk}/parties/", {"side": "a", "organisation": "x'; drop"}, follow=True)
    assert resp.status_code == 200 and "organisation:" in resp.content.decode()
    resp = c.post(f"/cases/{case.pk}/evaluators/", {"evaluator": "abc"}, follow=True)
    assert resp.status_code == 200 and "evaluator:" in resp.content.decode()
    resp = c.post(f"/cases/{case.pk}/move/", {"to": "<script>"}, follow=True)
    assert resp.status_code == 200 and "<script>" not in resp.content.decode()
