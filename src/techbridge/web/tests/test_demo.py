"""The demo: enough realistic data in every place a new user looks, loaded idempotently."""

import pytest
from django.contrib.auth import authenticate

from techbridge.directory.models import Organisation, Person
from techbridge.marketplace.models import Profile
from techbridge.web.demo_loader import DEMO_PASSWORD, demo_load

pytestmark = pytest.mark.slow

CEE = {"AL", "BA", "BG", "HR", "CZ", "EE", "GR", "HU", "LV", "LT", "ME", "MK", "PL", "RO", "RS", "SK", "SI"}


def test_the_demo_is_complete_and_loads_idempotently(db):
    first = demo_load()
    assert Organisation.objects.count() >= 200
    assert set(Organisation.objects.values_list("country_id", flat=True)) >= CEE
    assert Organisation.objects.filter(city__key="ningbo").count() >= 50
    assert Person.objects.filter(kind="expert").count() >= 50
    assert not Organisation.objects.filter(is_demo=False).exists()

    assert Profile.objects.count() >= 300
    languages = set(Profile.objects.values_list("language", flat=True))
    assert {"zh", "en"} <= languages and languages & {"pl", "cs", "hu"}
    assert Profile.objects.filter(status="published").count() >= 200
    assert Profile.objects.filter(status__in=["submitted", "in_review"]).exists()  # the review queue has work

    users = ["admin", "broker", "member", "member-pl", "evaluator", "analyst"]
    roles = {authenticate(username=u, password=DEMO_PASSWORD).role for u in users}
    assert roles == {"admin", "broker", "member", "evaluator", "analyst"}

    from techbridge.cases.models import Agreement, Case
    from techbridge.directory.models import City
    from techbridge.events.models import Event
    from techbridge.planning.overview import cooperation_overview

    assert Event.objects.count() == 2 and Agreement.objects.exists()
    assert set(Case.objects.values_list("stage", flat=True)) >= {"consultation", "evaluation", "negotiation"}
    ningbo = cooperation_overview(city=City.objects.get(key="ningbo"))
    assert ningbo["agreements"] >= 1 and ningbo["conferences"] >= 1 and ningbo["map"] is not None

    from techbridge.docking.models import GlossaryEntry

    assert GlossaryEntry.objects.get(language="zh", term="储能").english == "energy storage"
    assert set(GlossaryEntry.objects.values_list("language", flat=True)) >= {"zh", "pl", "cs", "hu"}

    assert first["events"] == 2 and first["cases"] >= 1 and first["events meetings"] >= 1
    assert not [
        label for label in first if len(label.split()) != len(set(label.split()))
    ]  # no "events events"

    counts = (Organisation.objects.count(), Profile.objects.count(), Person.objects.count())
    second = demo_load()
    assert first["profiles"] >= 300 and second["profiles"] == 0
    assert first["glossary terms"] >= 10 and second["glossary terms"] == 0
    assert (Organisation.objects.count(), Profile.objects.count(), Person.objects.count()) == counts
