"""End to end in a real browser: an analyst uploads a framework and data, runs the index, sees the ranking
and downloads the PDF report in Chinese."""

import shutil
import subprocess

import pytest

from techbridge.web.tests.browser import ARTEFACTS, shot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "correct-horse-battery-9"

FRAMEWORK = """\
framework:
  name: CEEC technology cooperation
  unit_column: country
  aggregates:
    - {code: Index, name: Technology cooperation index, name_zh: 科技合作指数}
    - {code: TRADE, parent: Index, weight: 2, name: Trade, name_zh: 贸易}
    - {code: PEOPLE, parent: Index, name: People, name_zh: 人员}
    - {code: SCIENCE, parent: Index, name: Science, name_zh: 科学}
  indicators:
    - {code: exports, parent: TRADE, name: Exports to China}
    - {code: imports, parent: TRADE, name: Imports from China}
    - {code: students, parent: PEOPLE, name: Students in China}
    - {code: visitors, parent: PEOPLE, name: Visitors from China}
    - {code: copubs, parent: SCIENCE, name: Joint publications}
    - {code: delay, parent: SCIENCE, name: Visa delay (days), direction: -1}
method:
  denominate: false
  normalise: {method: minmax, low: 1, high: 100}
uncertainty:
  weights_noise: 0.3
  aggregate: [arithmetic, geometric]
  normalise: [minmax, prank]
"""
DATA = """\
country,exports,imports,students,visitors,copubs,delay
PL,32.1,18.2,2100,41,850,12
CZ,21.7,9.5,900,35,420,10
HU,18.9,12.4,1500,52,390,8
RO,11.2,6.1,700,18,260,15
RS,6.8,9.9,1300,61,210,5
SK,9.1,4.2,400,12,180,11
BG,3.9,2.7,500,20,140,14
GR,12.5,8.8,600,70,300,9
"""


@pytest.fixture
def analyst(transactional_db):
    from techbridge.accounts.models import User
    from techbridge.directory.services import reference_data_load

    reference_data_load()
    User.objects.create_user("zhao", password=PASSWORD, role="analyst", first_name="Min", last_name="Zhao")


def test_an_analyst_uploads_runs_sees_the_ranking_and_gets_a_chinese_pdf(
    browser, live_server, analyst, tmp_path
):
    (tmp_path / "framework.yaml").write_text(FRAMEWORK, encoding="utf-8")
    (tmp_path / "data.csv").write_text(DATA, encoding="utf-8")
    page = sign_in(browser, live_server, "zhao", PASSWORD)
    page.click("nav summary:has-text('Analysis')")  # the menu group opens, then its link
    page.click("nav >> text=Cooperation index")
    page.set_input_files("#id_file", str(tmp_path / "framework.yaml"))
    page.click("#upload-framework")
    page.wait_for_selector("text=Framework uploaded.")
    assert page.locator("#tree li[data-code]").count() == 10

    # the tree editor answers in place (HTMX): re-weight an indicator, and a refused move names the problem
    node = page.locator("li[data-code=imports] > form.node-form")
    node.locator("input[name=weight]").fill("0.5")
    node.locator("button[type=submit]").click()
    page.wait_for_selector("#tree .msg-success")
    page.locator("li[data-code=Index] > form.node-form select[name=parent]").select_option("TRADE")
    page.locator("li[data-code=Index] > form.node-form button[type=submit]").click()
    page.wait_for_selector("#tree .errors")
    assert "cycle" in page.inner_text("#tree .errors")
    shot(page, "evaluation-01-framework-tree")

    page.set_input_files("#id_file", str(tmp_path / "data.csv"))
    page.fill("#id_year", "2025")
    page.click("#upload-data")
    page.wait_for_selector("text=1 dataset(s) saved.")
    page.fill("#id_mc_runs", "300")
    page.click("#run-index")
    page.wait_for_selector("#ranking")
    rows = page.locator("#ranking tbody tr")
    assert rows.count() == 8
    assert rows.nth(0).locator("td").nth(0).inner_text() == "1"
    assert page.locator("svg.chart").count() == 5  # bars, radar, rank intervals, Sobol', tile map
    shot(page, "evaluation-02-results")

    response = page.request.get(live_server.url + page.locator("#report-zh").get_attribute("href"))
    assert response.headers["content-type"] == "application/pdf"
    with page.expect_download() as info:
        page.click("#report-zh")
    target = tmp_path / "report.pdf"
    info.value.save_as(target)
    assert target.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", str(target), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert "合作指数评价报告" in text and "排名" in text  # the Chinese title and heading
    if shutil.which("pdftoppm"):
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "60",
                "-f",
                "1",
                "-l",
                "1",
                str(target),
                str(ARTEFACTS / "evaluation-04-report-zh"),
            ],
            check=True,
        )

    page.click("#ranking tbody tr:first-child a")
    page.wait_for_selector("#strengths li")
    shot(page, "evaluation-03-unit")
