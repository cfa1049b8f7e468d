"""Directory pages and API: what each role sees (people are personal data, not for analysts)."""

import pytest
from django.urls import reverse


@pytest.fixture
def person(world):
    from techbridge.directory.models import Person

    return Person.objects.create(
        key="jan-nowak",
        full_name="Jan Nowak",
        kind="expert",
        title="Dr.",
        organisation=world["orgs"]["polish"],
        country=world["countries"]["PL"],
        expertise="Battery chemistry",
        email="jan.nowak@pl-storage.example",
    )


@pytest.mark.parametrize(
    ("who", "status"), [("member", 200), ("broker", 200), ("evaluator", 200), ("analyst", 403)]
)
def test_people_pages_are_not_for_analysts(login, world, person, who, status):
    client = login(world["users"][who])
    assert client.get(reverse("person-list")).status_code == status
    assert client.get(reverse("person-detail", args=["jan-nowak"])).status_code == status


@pytest.mark.parametrize(("who", "shown"), [("broker", True), ("member", False), ("evaluator", False)])
def test_email_addresses_are_shown_to_brokers_only(login, world, person, who, shown):
    body = login(world["users"][who]).get(reverse("person-detail", args=["jan-nowak"])).content.decode()
    assert ("jan.nowak@pl-storage.example" in body) is shown


def test_the_api_hides_emails_from_members(client, world, person):
    from techbridge.accounts.models import ApiToken

    _t, member = ApiToken.issue(world["users"]["member"])
    _t, broker = ApiToken.issue(world["users"]["broker"])
    as_member = client.get("/api/people/jan-nowak", HTTP_AUTHORIZATION=f"Bearer {member}").json()
    as_broker = client.get("/api/people/jan-nowak", HTTP_AUTHORIZATION=f"Bearer {broker}").json()
    assert as_member["email"] is None and as_broker["email"] == "jan.nowak@pl-storage.example"


def test_the_country_page_shows_its_profile(login, world):
    from techbridge.directory.models import Country

    Country.objects.filter(code="PL").update(
        official_languages=["pl"],
        time_zone="Europe/Warsaw",
        currency="PLN",
        public_holidays=[{"month": 5, "day": 3, "name_en": "Constitution Day", "name_zh": "宪法日"}],
        business_culture_en="Punctuality matters.",
        policy_notes_en="EU member since 2004.",
    )
    body = login(world["users"]["analyst"]).get(reverse("country-detail", args=["pl"])).content.decode()
    for text in [
        "Europe/Warsaw",
        "PLN",
        "Constitution Day",
        "05-03",
        "Punctuality matters.",
        "EU member since 2004.",
        "Solid-state battery cells",
    ]:
        assert text in body


def test_an_unknown_country_is_a_404(login, world):
    assert login(world["users"]["member"]).get(reverse("country-detail", args=["XX"])).status_code == 404


def test_the_city_page_lists_ties_both_ways(login, world):
    from techbridge.directory.models import City, CityTie

    krakow = City.objects.create(
        key="krakow", name_en="Kraków", name_zh="克拉科夫", country=world["countries"]["PL"]
    )
    CityTie.objects.create(
        city_a=City.objects.get(key="ningbo"), city_b=krakow, kind="friendship", since=2015
    )
    client = login(world["users"]["member"])
    assert "Kraków" in client.get(reverse("city-detail", args=["ningbo"])).content.decode()
    body = client.get(reverse("city-detail", args=["krakow"])).content.decode()
    assert "Ningbo" in body and "2015" in body


def test_organisation_search_and_filters(login, world):
    client = login(world["users"]["member"])
    body = client.get(reverse("organisation-list"), {"country": "PL", "kind": "enterprise"}).content.decode()
    assert "Kraków Storage" in body and "Third Party Labs" not in body and "Ningbo Battery" not in body


def test_the_organisation_page_shows_drafts_only_to_its_members(login, world):
    url = reverse("organisation-detail", args=["nb-battery"])
    assert "寻求储能电池管理技术" in login(world["users"]["member"]).get(url).content.decode()
    assert "寻求储能电池管理技术" not in login(world["users"]["member_pl"]).get(url).content.decode()
