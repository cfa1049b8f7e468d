"""The 0-100 score refitted on decided expressions of interest (the platform's own docking outcomes)."""

import json

import pytest

from techbridge.core.matching import LogisticCalibrator
from techbridge.directory.models import Organisation
from techbridge.docking import calibration, engine
from techbridge.docking.models import Interest
from techbridge.jobs.registry import get_spec
from techbridge.marketplace.models import Profile

TOPICS = {
    "battery": (
        "Solid-state battery cells",
        "Lithium battery cells with solid electrolyte for electric scooters.",
    ),
    "textile": ("Recycled textile fibres", "Dyeing and spinning of recycled polyester fibres for clothing."),
}


def _profile(ref, org, topic, kind):
    title, summary = TOPICS[topic]
    return Profile.objects.create(
        reference=ref,
        kind=kind,
        organisation=org,
        title=title,
        summary=summary,
        description=summary * 3,
        language="en",
        trl=6,
        status="published",
    )


@pytest.fixture
def outcomes(world):
    """Six organisations with one request each, six offers; interests accepted when the topics agree."""
    pl = world["countries"]["PL"]
    offers = [
        _profile(f"TOPL2026010{i}100", world["orgs"]["polish"], topic, "offer")
        for i, topic in enumerate(["battery", "textile"] * 3)
    ]
    decided = []
    for i, topic in enumerate(["battery", "textile"] * 3):
        org = Organisation.objects.create(
            key=f"org-{i}", name=f"Organisation {i}", kind="enterprise", country=pl
        )
        _profile(f"TRPL2026010{i}200", org, topic, "request")
        for offer in offers:
            same = offer.title == TOPICS[topic][0]
            accepted = same or (i == 0 and offer == offers[1])  # and one off-topic acceptance
            status = "accepted" if accepted else "declined"
            Interest.objects.create(profile=offer, organisation=org, message="Interested", status=status)
            decided.append(same)
    return decided


def test_refit_fits_the_curve_on_decided_interests_and_keeps_it(outcomes, settings):
    index = engine.get_index("profiles")
    raws, labels = calibration.outcome_pairs(index)
    assert len(raws) == 36 and sum(labels) == 19  # 6 x 3 on-topic acceptances + 1 off-topic
    on_topic = [r for r, same in zip(raws, outcomes, strict=True) if same]
    off_topic = [r for r, same in zip(raws, outcomes, strict=True) if not same]
    assert min(on_topic) > 0.1 and max(off_topic) == 0.0  # no shared word across topics

    result = engine.refit_calibration()
    expected = LogisticCalibrator().fit(raws, labels)
    assert result.fitted and (result.pairs, result.accepted) == (36, 19)
    assert (result.a, result.b) == pytest.approx((expected.a_, expected.b_))
    saved = json.loads(calibration.calibration_file().read_text())
    assert (saved["a"], saved["b"], saved["pairs"]) == pytest.approx((expected.a_, expected.b_, 36))

    engine.reset()  # another process: the saved index and the rebuilt one both use the fitted curve
    assert engine.get_index("profiles").calibrator.b_ == pytest.approx(expected.b_)
    engine.rebuild("profiles")
    assert engine.get_index("profiles").calibrator.a_ == pytest.approx(expected.a_)


def test_too_few_outcomes_keep_the_current_curve(world):
    Interest.objects.create(
        profile=world["published"], organisation=world["orgs"]["third"], message="x", status="declined"
    )
    before = engine.get_index("profiles").calibrator
    result = engine.refit_calibration()
    assert not result.fitted and "30 decided interests" in result.reason
    assert engine.get_index("profiles").calibrator is before
    assert not calibration.calibration_file().exists()


def test_outcomes_that_contradict_the_scores_are_not_fitted(outcomes):
    # every organisation accepts the offers of the other topic and declines its own topic's
    for interest, same in zip(Interest.objects.order_by("pk"), outcomes, strict=True):
        interest.status = "declined" if same else "accepted"
        interest.save()
    result = engine.refit_calibration()
    assert not result.fitted and "not positive" in result.reason


def test_a_damaged_calibration_file_falls_back_to_the_adapted_reference(world):
    path = calibration.calibration_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("{not json")
    assert calibration.outcome_calibrator() is None
    assert engine.get_index("profiles").calibrator.b_ > 0


def test_the_refit_runs_daily_as_a_background_job():
    spec = get_spec("docking.refit_calibration")
    assert spec is not None and spec.every == 24 * 3600 and spec.retry
