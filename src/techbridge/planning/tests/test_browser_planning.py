"""End to end in a real browser: an analyst weighs criteria by pairwise comparison, ranks 30 candidate
sites, reads robustness and the map, picks a portfolio of 3 under a budget, exports the report, and sees
a plan's targets computed live from demo-like records."""

import pytest

from techbridge.web.tests.browser import shot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "correct-horse-battery-9"


@pytest.fixture
def demo(transactional_db):
    from techbridge.accounts.models import User
    from techbridge.directory.models import Organisation
    from techbridge.directory.services import reference_data_load
    from techbridge.marketplace.models import Profile
    from techbridge.planning.demo import planning_demo_load

    reference_data_load()
    for i, country in enumerate(["PL", "PL", "HU", "CZ", "CZ", "RS"]):
        org = Organisation.objects.create(
            key=f"demo-org-{i}", name=f"Demo {country} {i}", kind="enterprise", country_id=country
        )
        Profile.objects.create(
            reference=f"TO{i:013d}",
            kind="offer",
            organisation=org,
            title=f"Offer {i}",
            summary="A demo offer.",
            language="en",
            status="published",
        )
    User.objects.create_user("chen", password=PASSWORD, role="analyst", first_name="Chen", last_name="Yu")
    planning_demo_load(run=False)


def _pair(page, a: int, b: int, value: str) -> None:
    page.select_option(f"#id_pair_{a}_{b}", value)


def test_an_analyst_ranks_thirty_sites_picks_a_portfolio_and_follows_a_plan(browser, live_server, demo):
    from techbridge.planning.demo import PLAN_TITLE, STUDY_TITLE

    page = sign_in(browser, live_server, "chen", PASSWORD)
    page.click("nav.mainnav summary:has-text('Analysis')")  # the menu group opens, then its link
    page.click("nav.mainnav >> text=Planning")
    page.click(f"text={STUDY_TITLE}")
    page.click("text=Weigh the criteria")
    # criteria: 0 zone distance, 1 rail, 2 enterprises, 3 tech, 4 standards, 5 risk, 6 cost, 7 partner density
    page.fill("#id_judge", "Chen Yu")
    _pair(page, 1, 2, "9")  # rail >> enterprises
    _pair(page, 2, 3, "9")  # enterprises >> tech
    _pair(page, 1, 3, "-9")  # ... but tech >> rail: a circular judgement
    page.click("#save-ahp")
    page.wait_for_selector("#inconsistency")
    assert "judged 1/9" in page.inner_text("#worst-triple")
    shot(page, "planning-01-inconsistent-judgements")
    _pair(page, 1, 2, "3")
    _pair(page, 1, 3, "3")
    _pair(page, 2, 3, "1")
    for other in (0, 4, 5, 6, 7):
        a, b = sorted((1, other))
        _pair(page, a, b, "3" if a == 1 else "-3")  # rail three times as important as every other criterion
    shot(page, "planning-02-pairwise-form")
    page.click("#save-ahp")
    page.wait_for_selector("#group-cr")
    assert float(page.inner_text("#group-cr")) <= 0.1

    page.click("#run-study")
    page.wait_for_selector("#ranking-table")
    assert page.locator("#ranking-table tbody tr").count() == 30
    assert page.locator("#smaa-heat tbody tr").count() == 30
    assert page.locator("svg circle.site-mark").count() == 30
    assert page.locator("svg circle.site-mark title").first.text_content()
    assert page.locator("#stability tbody tr").count() == 8
    top = page.inner_text("#ranking-table tbody tr:first-child th")
    shot(page, "planning-03-ranking-robustness-map")

    page.select_option("#f-mode", "add")
    page.select_option("#f-site", page.locator("#f-site option").nth(5).get_attribute("value"))
    page.click("#check-reversal")
    page.wait_for_selector("#reversal-result")

    page.fill("#id_k", "3")
    page.fill("#id_budget", "1300")
    page.fill("#id_max_per_country", "1")
    page.click("#choose-portfolio")
    page.wait_for_selector("#portfolio-result")
    chosen = page.inner_text("#portfolio-result strong").split(", ")
    assert len(chosen) == 3
    assert page.locator("tr.chosen").count() == 3
    shot(page, "planning-04-portfolio")
    with page.expect_download() as download:
        page.click("#export-pdf")
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
    assert top

    page.click("nav.subnav >> text=Plans and targets")
    page.click(f"text={PLAN_TITLE}")
    page.wait_for_selector("#targets")
    row = page.locator("#targets tr.target", has_text="Profiles published").last
    assert row.locator(".value").inner_text() == "6"  # six published demo profiles, computed live
    assert page.locator("#targets .badge", has_text="live").count() >= 8
    assert page.locator("#targets tr.target[data-status]").count() >= 10
    shot(page, "planning-05-plan-dashboard")

    page.click("nav.mainnav summary:has-text('Directory')")
    page.click("nav.mainnav >> text=Calendar")
    page.wait_for_selector("#calendar-events")
    assert page.locator("#calendar-events tbody tr").count() == 4
    page.click("nav.subnav >> text=Exchange programmes")
    page.click("#programmes tbody tr:first-child a")
    shot(page, "planning-06-programme")
