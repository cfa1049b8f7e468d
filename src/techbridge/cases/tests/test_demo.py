import pytest

from techbridge.cases.demo import PLAN, cases_demo_load
from techbridge.cases.models import Agreement, Assessment, Case, FollowUp

pytestmark = pytest.mark.django_db


def test_the_demo_fills_every_stage_with_agreements_and_follow_ups(world):
    from techbridge.directory.models import Organisation
    from techbridge.marketplace.models import Profile

    for k in range(3):
        Organisation.objects.create(key=f"cn-{k}", name=f"CN {k}", kind="enterprise", country_id="CN")

    for i in range(20):
        Profile.objects.create(
            reference=f"TOPL2026090{i:04d}",
            kind="offer",
            organisation=world["orgs"]["polish" if i % 2 else "third"],
            title=f"Demo offer {i}",
            summary="s",
            language="en",
            status="published",
        )
    counts = cases_demo_load(seed=7)
    assert counts["cases"] == len(PLAN) == 40
    stages = {s: Case.objects.filter(stage=s).count() for s in set(PLAN)}
    assert stages == {s: PLAN.count(s) for s in set(PLAN)}
    signed = Agreement.objects.filter(status="signed")
    assert signed.count() == 8
    assert FollowUp.objects.values("agreement").distinct().count() == 8
    assert Assessment.objects.exclude(submitted_at=None).count() >= 2 * 26
    assert cases_demo_load(seed=7) == {"cases": 40}  # idempotent
