import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from techbridge.marketplace import services
from techbridge.marketplace.models import Profile, ProfileEvent


def complete(profile, world):
    profile.summary = (
        "宁波企业寻求储能电池管理系统技术，用于港口电动集卡，要求循环寿命超过四千次。"
        "希望与中东欧研究机构开展技术合作或许可。"
    )
    profile.description = "详" * 200
    profile.partnership_types = ["licence"]
    profile.save()
    profile.technology_keywords.set([world["terms"]["battery"]])


def test_submission_with_quality_errors_is_refused_and_nothing_changes(world):
    draft = world["draft"]
    with pytest.raises(services.QualityError) as exc:
        services.profile_transition(profile=draft, by=world["users"]["member"], action="submit")
    assert "technology_keywords" in exc.value.message_dict
    draft.refresh_from_db()
    assert draft.status == "draft" and draft.submitted_at is None
    assert not ProfileEvent.objects.filter(profile=draft, action="submit").exists()


def test_the_full_review_path_is_recorded(world):
    draft, member, broker = world["draft"], world["users"]["member"], world["users"]["broker"]
    complete(draft, world)
    services.profile_transition(profile=draft, by=member, action="submit")
    services.profile_transition(profile=draft, by=broker, action="start_review")
    services.profile_comment(profile=draft, by=broker, comment="Please add the cycle life target.")
    services.profile_transition(profile=draft, by=broker, action="publish")
    draft.refresh_from_db()
    assert draft.status == "published" and draft.published_at is not None and draft.expires_at is not None
    actions = list(ProfileEvent.objects.filter(profile=draft).values_list("action", "to_status"))
    assert actions == [
        ("submit", "submitted"),
        ("start_review", "in_review"),
        ("comment", "in_review"),
        ("publish", "published"),
    ]


def test_a_member_of_another_organisation_cannot_submit(world):
    with pytest.raises(PermissionDenied):
        services.profile_transition(profile=world["draft"], by=world["users"]["member_pl"], action="submit")


def test_a_member_cannot_publish(world):
    draft = world["draft"]
    complete(draft, world)
    services.profile_transition(profile=draft, by=world["users"]["member"], action="submit")
    with pytest.raises(ValidationError, match="Only broker may publish"):
        services.profile_transition(profile=draft, by=world["users"]["member"], action="publish")


def test_expiry_runs_on_published_profiles_past_their_date(world):
    import datetime as dt

    published = world["published"]
    published.expires_at = dt.date(2026, 1, 31)
    published.save()
    assert services.profiles_expire_due(today=dt.date(2026, 2, 1)) == 1
    published.refresh_from_db()
    assert published.status == "expired"
    services.profile_transition(
        profile=published, by=world["users"]["member_pl"], action="renew", today=dt.date(2026, 2, 1)
    )
    published.refresh_from_db()
    assert published.status == "published" and published.expires_at == dt.date(2027, 2, 1)


def test_references_follow_kind_country_and_date(world):
    from techbridge.marketplace.forms import ProfileForm

    form = ProfileForm(
        data={"kind": "offer", "title": "Heat pumps for ports", "summary": "s", "language": "en"}
    )
    assert form.is_valid(), form.errors
    profile = services.profile_create(
        by=world["users"]["member_pl"], organisation=world["orgs"]["polish"], cleaned=dict(form.cleaned_data)
    )
    assert profile.reference.startswith("TOPL") and len(profile.reference) == 15
    assert Profile.objects.filter(reference=profile.reference).count() == 1


def test_a_member_cannot_create_for_another_organisation(world):
    with pytest.raises(PermissionDenied):
        services.profile_create(
            by=world["users"]["member"],
            organisation=world["orgs"]["polish"],
            cleaned={"kind": "offer", "title": "t", "summary": "s", "language": "en"},
        )
