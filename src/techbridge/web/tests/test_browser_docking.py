"""In a real browser: a Chinese request is matched to a Polish and an English offer, explained in Chinese,
and the expression of interest goes from the request's owner to the Polish institute and back."""

import pytest

from techbridge.web.tests.browser import shot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "correct-horse-battery-9"


@pytest.fixture
def docking_demo(transactional_db, shared_data):
    from techbridge.accounts.models import User
    from techbridge.core.text.library import add_source
    from techbridge.directory.models import Organisation, TaxonomyTerm
    from techbridge.directory.services import reference_data_load
    from techbridge.docking import engine
    from techbridge.marketplace.models import Profile

    reference_data_load()
    add_source(shared_data / "lexicons" / "pol-eng.wikt.tsv")  # what `techbridge lexicon add` does
    orgs = {
        "cn": Organisation.objects.create(
            key="nb-scooter", name="宁波电驰车业有限公司", kind="enterprise", country_id="CN"
        ),
        "pl": Organisation.objects.create(
            key="pl-ibe", name="Instytut Baterii i Energii", kind="research_institute", country_id="PL"
        ),
        "si": Organisation.objects.create(
            key="si-cells", name="Ljubljana Cell Works d.o.o.", kind="enterprise", country_id="SI"
        ),
        "hr": Organisation.objects.create(
            key="hr-agro", name="Osijek Agro Drones d.o.o.", kind="enterprise", country_id="HR"
        ),
    }
    battery = (
        TaxonomyTerm.objects.get(code="energy.storage")
        if TaxonomyTerm.objects.filter(code="energy.storage").exists()
        else TaxonomyTerm.objects.filter(label_en__icontains="batter").first()
    )

    def publish(
        ref, org, kind, lang, title, summary, description, terms, partnerships, confidential="", trl=None
    ):
        p = Profile.objects.create(
            reference=ref,
            kind=kind,
            organisation=org,
            language=lang,
            title=title,
            summary=summary,
            description=description,
            status="published",
            trl=trl,
            partnership_types=partnerships,
            confidential_details=confidential,
        )
        p.technology_keywords.set(terms)
        return p

    publish(
        "TRCN20261101001",
        orgs["cn"],
        "request",
        "zh",
        "寻求电动滑板车用锂离子电池储能技术",
        "宁波电动滑板车企业寻求高能量密度、长循环寿命的锂离子电池及电池管理技术，希望获得技术许可或开展技术合作。",
        "我们每年生产二十万辆电动滑板车，需要更安全、更长寿命的锂离子电池模组和电池管理系统。",
        [battery],
        ["licence", "technical_cooperation"],
        trl=6,
    )
    publish(
        "TOPL20261101001",
        orgs["pl"],
        "offer",
        "pl",
        "Akumulatory litowo-jonowe o wysokiej gęstości energii",
        "Instytut opracował akumulatory litowo-jonowe o wysokiej gęstości energii i długiej żywotności oraz "
        "system zarządzania baterią dla pojazdów elektrycznych. Oferujemy licencję.",
        "Ogniwa litowo-jonowe, magazynowanie energii, bateria dla skuterów elektrycznych.",
        [battery],
        ["licence"],
        confidential="Opłata licencyjna: 3% obrotu",
        trl=7,
    )
    publish(
        "TOSI20261101001",
        orgs["si"],
        "offer",
        "en",
        "Long-life lithium-ion battery modules for e-scooters",
        "Lithium-ion battery modules with a battery management system that doubles cycle life for electric "
        "scooters; licence or technical cooperation.",
        "Cells, modules and battery management.",
        [battery],
        ["licence", "technical_cooperation"],
        trl=8,
    )
    publish(
        "TOHR20261101001",
        orgs["hr"],
        "offer",
        "en",
        "Crop-mapping drones for precision agriculture",
        "Multispectral drones that map crop health and plan fertiliser use on large farms.",
        "Drones, cameras and agronomy software.",
        [],
        ["commercial_technical_assistance"],
        trl=9,
    )
    User.objects.create_user(
        "wang", password=PASSWORD, role="member", organisation=orgs["cn"], language="zh-hans"
    )
    User.objects.create_user(
        "nowak", password=PASSWORD, role="member", organisation=orgs["pl"], language="en"
    )
    engine.reset()
    engine.analyzer().analyze("预热中文词典", "zh")


def test_a_chinese_request_is_matched_across_languages_and_explained_in_chinese(
    browser, live_server, docking_demo
):
    member = sign_in(browser, live_server, "wang", PASSWORD, language="zh-hans")
    member.goto(f"{live_server.url}/profiles/TRCN20261101001/")
    member.wait_for_selector("#matches")
    matches = member.locator("#matches article")
    titles = [matches.nth(i).locator("h3").inner_text() for i in range(matches.count())]
    assert titles[:2] and {
        "Akumulatory litowo-jonowe o wysokiej gęstości energii",
        "Long-life lithium-ion battery modules for e-scooters",
    } == set(titles[:2])
    assert "Crop-mapping drones for precision agriculture" not in titles[:2]
    first = matches.nth(0).inner_text()
    from techbridge.directory.models import TaxonomyTerm

    topic = TaxonomyTerm.objects.get(code="energy.storage").label_zh
    assert topic in first  # the shared taxonomy topic, in the viewer's language
    assert "许可协议" in first  # "both seek: licence agreement", in Chinese
    shot(member, "10-docking-matches-in-chinese")

    member.click("#matches >> text=Akumulatory litowo-jonowe o wysokiej gęstości energii")
    assert "Opłata licencyjna" not in member.content()
    member.fill("#id_message", "我们对贵所的锂电池技术很感兴趣，希望洽谈许可。")
    member.click("form[action$='/interest/'] button[type=submit]")
    member.wait_for_selector(".msg-success")

    owner = sign_in(browser, live_server, "nowak", PASSWORD)
    owner.goto(f"{live_server.url}/profiles/TOPL20261101001/")
    owner.click("form[action*='/decide/'] button:has-text('Accept')")
    owner.wait_for_selector(".msg-success")
    shot(owner, "11-interest-accepted")

    member.goto(f"{live_server.url}/profiles/TOPL20261101001/")
    assert "Opłata licencyjna: 3% obrotu" in member.content()
    shot(member, "12-confidential-details-revealed")
