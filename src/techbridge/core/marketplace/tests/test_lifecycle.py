import pytest

from techbridge.core.marketplace.lifecycle import (
    Actor,
    Status,
    TransitionError,
    available_actions,
    next_status,
    status_after_edit,
)


@pytest.mark.parametrize(
    ("status", "action", "actor", "expected"),
    [
        (Status.DRAFT, "submit", Actor.OWNER, Status.SUBMITTED),
        (Status.SUBMITTED, "start_review", Actor.BROKER, Status.IN_REVIEW),
        (Status.IN_REVIEW, "publish", Actor.BROKER, Status.PUBLISHED),
        (Status.PUBLISHED, "expire", Actor.SYSTEM, Status.EXPIRED),
        (Status.EXPIRED, "renew", Actor.OWNER, Status.PUBLISHED),
        (Status.PUBLISHED, "withdraw", Actor.OWNER, Status.WITHDRAWN),
        (Status.WITHDRAWN, "reopen", Actor.OWNER, Status.DRAFT),
    ],
)
def test_the_lifecycle_moves_forward(status, action, actor, expected):
    assert next_status(status, action, actor) is expected


def test_an_owner_cannot_publish_their_own_profile():
    with pytest.raises(TransitionError, match="Only broker may publish"):
        next_status(Status.IN_REVIEW, "publish", Actor.OWNER)


def test_it_rejects_publishing_a_draft():
    with pytest.raises(TransitionError, match="Cannot publish a profile that is draft"):
        next_status(Status.DRAFT, "publish", Actor.BROKER)


def test_requesting_changes_needs_a_comment():
    with pytest.raises(TransitionError, match="comment is required"):
        next_status(Status.IN_REVIEW, "request_changes", Actor.BROKER, comment="  ")
    assert next_status(Status.IN_REVIEW, "request_changes", Actor.BROKER, comment="Add TRL") is Status.DRAFT


def test_it_rejects_an_unknown_action():
    with pytest.raises(TransitionError, match="Unknown action 'delete'"):
        next_status(Status.DRAFT, "delete", Actor.BROKER)


def test_available_actions_for_a_broker_on_a_submitted_profile():
    assert available_actions(Status.SUBMITTED, Actor.BROKER) == [
        "start_review",
        "request_changes",
        "publish",
        "withdraw",
    ]
    assert available_actions(Status.SUBMITTED, Actor.OWNER) == ["withdraw"]


def test_an_owners_edit_of_a_published_profile_sends_it_back_to_review():
    assert status_after_edit(Status.PUBLISHED, Actor.OWNER) is Status.SUBMITTED
    assert status_after_edit(Status.PUBLISHED, Actor.BROKER) is Status.PUBLISHED
    assert status_after_edit(Status.DRAFT, Actor.OWNER) is Status.DRAFT


def test_an_owner_cannot_edit_a_profile_under_review():
    with pytest.raises(TransitionError, match="in_review cannot be edited"):
        status_after_edit(Status.IN_REVIEW, Actor.OWNER)
