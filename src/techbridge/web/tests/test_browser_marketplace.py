"""End to end in a real browser: a member's Chinese request goes through review and is found in two languages."""

import pytest

from techbridge.web.tests.browser import shot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "correct-horse-battery-9"


@pytest.fixture
def people(transactional_db):
    from techbridge.accounts.models import User
    from techbridge.directory.models import Organisation
    from techbridge.directory.services import reference_data_load

    reference_data_load()
    from techbridge.docking import engine

    engine.analyzer().analyze("预热中文词典", "zh")  # compile the dictionary now, not inside a page request
    org = Organisation.objects.create(
        key="nb-port-energy",
        name="宁波港能科技有限公司",
        name_en="Ningbo Port Energy",
        kind="enterprise",
        country_id="CN",
    )
    User.objects.create_user(
        "wang", password=PASSWORD, role="member", organisation=org, first_name="Jun", last_name="Wang"
    )
    User.objects.create_user("li", password=PASSWORD, role="broker", first_name="Na", last_name="Li")


TITLE = "寻求港口电动集卡储能电池管理技术"
TITLE_EN = "Battery management for electric port trucks sought"
SUMMARY = (
    "宁波港口企业寻求大容量储能电池管理系统技术，用于电动集卡充换电站，要求循环寿命四千次以上、"
    "支持快速充电。希望与中东欧研究机构或企业开展技术合作或许可。"
)


def test_a_chinese_request_is_reviewed_published_and_found_in_both_languages(browser, live_server, people):
    member = sign_in(browser, live_server, "wang", PASSWORD)
    member.goto(f"{live_server.url}/profiles/new/")
    member.select_option("#id_kind", "request")
    member.fill("#id_title", TITLE)
    member.fill("#id_summary", SUMMARY)
    member.fill("#id_description", "港口集卡电动化需要高安全、长寿命的储能系统。" * 12)
    member.select_option("#id_language", "zh")
    member.check("#id_technology_keywords input[value='energy.storage']")
    member.check("input[name=partnership_types][value=technical_cooperation]")
    member.check("#id_target_countries input[value=PL]")
    member.check("#id_target_countries input[value=CZ]")
    member.select_option("#id_translation_language", "en")
    member.fill("#id_translation_title", TITLE_EN)
    member.wait_for_selector("#quality .finding")  # the live check answered
    shot(member, "01-member-new-request")
    member.click("button[name=submit]")
    member.wait_for_selector("text=Submitted for review by a broker.")
    assert member.locator(".badge.status-submitted").count() == 1
    shot(member, "02-member-submitted")

    broker = sign_in(browser, live_server, "li", PASSWORD)
    broker.goto(f"{live_server.url}/review/")
    broker.click(f"text={TITLE_EN}")  # the broker reads English: the translation is shown
    broker.fill("#id_comment", "内容完整，予以发布。")
    broker.click("button[value=publish]")
    broker.wait_for_selector(".badge.status-published")
    shot(broker, "03-broker-published")

    for query in ["储能电池", "battery"]:
        member.goto(f"{live_server.url}/profiles/?q={query}")
        assert member.locator(f"#results >> text={TITLE_EN}").count() == 1, query
    shot(member, "04-search-english-query")

    member.select_option("#language-select", "zh-hans")
    member.wait_for_selector("html[lang=zh-hans]")
    assert "技术市场" in member.content()
    assert member.locator(f"#results >> text={TITLE}").count() == 1  # the original title in a Chinese UI
    shot(member, "05-search-chinese-ui")
