"""In a real browser: an accepted expression of interest becomes a case, is evaluated by two evaluators
(a third refused for a conflict of interest), reaches a signed agreement with a follow-up record, and the
funnel page counts it."""

import pytest

from techbridge.web.tests.browser import shot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "correct-horse-battery-9"


@pytest.fixture
def people(world):
    from techbridge.accounts.models import User
    from techbridge.docking.models import Interest

    Interest.objects.create(
        profile=world["published"],
        organisation=world["orgs"]["ningbo"],
        sent_by=world["users"]["member"],
        message="We would like to license the solid-state cells.",
    )
    conflicted = User.objects.create_user(
        username="eval_ningbo", password=PASSWORD, role="evaluator", organisation=world["orgs"]["ningbo"]
    )
    second = User.objects.create_user(username="evaluator2", password=PASSWORD, role="evaluator")
    return {"conflicted": conflicted, "second": second}


def _move(page, stage):
    page.select_option("#id_to", stage)
    page.click("#move-button")
    page.wait_for_selector(".msg-success")


def _score(browser, live_server, username, case_url, scores):
    page = sign_in(browser, live_server, username, PASSWORD)
    page.goto(case_url)
    for key, value in scores.items():
        page.check(f"input[name=score_{key}][value='{value}']")
    page.fill("#id_comment", f"Scored by {username}.")
    page.click("#score-sheet button[type=submit]")
    page.wait_for_selector(".msg-success")
    page.context.close()


def test_a_case_from_interest_to_signed_agreement_with_follow_up(browser, live_server, world, people):
    owner = sign_in(browser, live_server, "member_pl", PASSWORD)
    owner.goto(f"{live_server.url}/profiles/{world['published'].reference}/")
    owner.click("form[action*='/decide/'] button:has-text('Accept')")
    owner.wait_for_selector(".msg-success")
    owner.context.close()

    broker = sign_in(browser, live_server, "broker", PASSWORD)
    broker.goto(f"{live_server.url}/cases/new/")
    broker.click("button[data-interest]")
    broker.wait_for_selector("#case-stage")
    case_url = broker.url
    assert "Kraków Storage" in broker.inner_text("#parties") and "Ningbo Battery" in broker.inner_text(
        "#parties"
    )

    broker.goto(f"{live_server.url}/cases/")  # the board: drag the card from consultation to evaluation
    broker.locator(".case-card[data-case]").drag_to(broker.locator(".board-col[data-stage=evaluation]"))
    broker.wait_for_selector(".msg-success")
    assert broker.locator(".board-col[data-stage=evaluation] .case-card").count() == 1
    shot(broker, "cases-00-board")
    broker.goto(case_url)
    broker.select_option("#id_evaluator", label="eval_ningbo (Ningbo Battery Tech)")
    broker.click("#assign-button")
    broker.wait_for_selector(".msg-error")
    assert "Conflict of interest" in broker.inner_text(".messages")
    shot(broker, "cases-01-conflict-of-interest-refused")
    for name in ("evaluator", "evaluator2"):
        broker.select_option("#id_evaluator", label=name)
        broker.click("#assign-button")
        broker.wait_for_selector(".msg-success")

    _score(
        browser,
        live_server,
        "evaluator",
        case_url,
        {"readiness": 4, "ip": 3, "market": 5, "team": 4, "fit": 3, "risks": 2},
    )
    _score(
        browser,
        live_server,
        "evaluator2",
        case_url,
        {"readiness": 2, "ip": 3, "market": 3, "team": 4, "fit": 5, "risks": 2},
    )

    broker.goto(case_url)
    summary = broker.inner_text("#score-summary")
    assert "Technology readiness\t3.00\t2\t4\t1.00" in summary  # mean of 4 and 2, spread 1
    broker.select_option("#id_decision", "proceed")
    broker.click("#decide-button")
    broker.wait_for_selector(".msg-success")
    _move(broker, "docking")
    _move(broker, "negotiation")

    broker.select_option("#id_to", "agreement")  # no signed agreement yet: refused, naming the field
    broker.click("#move-button")
    broker.wait_for_selector(".msg-error")
    assert "agreement: Record a signed agreement" in broker.inner_text(".messages")

    broker.select_option("#id_ag_kind", "licence")
    broker.fill("#id_ag_title", "Solid-state cell licence")
    broker.select_option("#id_ag_status", "signed")
    broker.fill("#id_ag_value", "250000")
    broker.fill("#id_ag_currency", "EUR")
    broker.fill("#id_ag_signed", "2026-10-15")
    broker.click("#agreement-form button[type=submit]")
    broker.wait_for_selector(".msg-success")
    _move(broker, "agreement")
    broker.fill("form.follow-up-form input[name=on]", "2026-11-15")
    broker.fill("form.follow-up-form input[name=jobs]", "12")
    broker.fill("form.follow-up-form input[name=products_launched]", "1")
    broker.click("form.follow-up-form button[type=submit]")
    broker.wait_for_selector("tr.follow-up")
    _move(broker, "tracking")
    assert broker.inner_text("#case-stage") == "Tracking / incubation"
    shot(broker, "cases-02-signed-agreement-with-follow-up")

    broker.goto(f"{live_server.url}/cases/funnel/")
    assert broker.inner_text("tr[data-step=cases] td.count") == "1"
    assert broker.inner_text("tr[data-step=agreements] td.count") == "1"
    assert broker.inner_text("tr[data-step=interests] td.count") == "1"
    assert "25.8%" in broker.content()
    shot(broker, "cases-03-funnel")
