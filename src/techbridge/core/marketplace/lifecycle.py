"""The profile lifecycle: draft -> submitted -> in review -> published -> expired or withdrawn, with renewal.

A pure state machine: it says which transition an actor may make and which status follows; the marketplace
services apply it and record the event.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Status(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    IN_REVIEW = "in_review"
    PUBLISHED = "published"
    EXPIRED = "expired"
    WITHDRAWN = "withdrawn"


class Actor(StrEnum):
    OWNER = "owner"  # a member of the profile's organisation
    BROKER = "broker"  # a broker or administrator
    SYSTEM = "system"  # the scheduler (expiry)


@dataclass(frozen=True)
class Transition:
    action: str
    sources: frozenset[Status]
    target: Status
    actors: frozenset[Actor]
    needs_comment: bool = False


def _t(action: str, sources: set[Status], target: Status, actors: set[Actor], needs_comment: bool = False):
    return Transition(action, frozenset(sources), target, frozenset(actors), needs_comment)


S, A = Status, Actor
TRANSITIONS: dict[str, Transition] = {
    t.action: t
    for t in [
        _t("submit", {S.DRAFT}, S.SUBMITTED, {A.OWNER, A.BROKER}),
        _t("start_review", {S.SUBMITTED}, S.IN_REVIEW, {A.BROKER}),
        _t("request_changes", {S.SUBMITTED, S.IN_REVIEW}, S.DRAFT, {A.BROKER}, needs_comment=True),
        _t("publish", {S.SUBMITTED, S.IN_REVIEW}, S.PUBLISHED, {A.BROKER}),
        _t("withdraw", {S.DRAFT, S.SUBMITTED, S.IN_REVIEW, S.PUBLISHED}, S.WITHDRAWN, {A.OWNER, A.BROKER}),
        _t("expire", {S.PUBLISHED}, S.EXPIRED, {A.SYSTEM, A.BROKER}),
        _t("renew", {S.PUBLISHED, S.EXPIRED}, S.PUBLISHED, {A.OWNER, A.BROKER}),
        _t("reopen", {S.WITHDRAWN, S.EXPIRED}, S.DRAFT, {A.OWNER, A.BROKER}),
    ]
}

EDITABLE = {
    Actor.OWNER: {S.DRAFT, S.PUBLISHED},
    Actor.BROKER: {S.DRAFT, S.SUBMITTED, S.IN_REVIEW, S.PUBLISHED},
}


class TransitionError(ValueError):
    """The action is not allowed now; the message says why in words a user understands."""


def next_status(status: Status, action: str, actor: Actor, comment: str = "") -> Status:
    """The status after `actor` performs `action` on a profile in `status`; raises TransitionError."""
    transition = TRANSITIONS.get(action)
    if transition is None:
        raise TransitionError(f"Unknown action '{action}'.")
    if actor not in transition.actors:
        raise TransitionError(f"Only {' or '.join(sorted(a.value for a in transition.actors))} may {action}.")
    if status not in transition.sources:
        allowed = ", ".join(sorted(s.value for s in transition.sources))
        raise TransitionError(f"Cannot {action} a profile that is {status.value} (only when {allowed}).")
    if transition.needs_comment and not comment.strip():
        raise TransitionError(f"A comment is required to {action.replace('_', ' ')}.")
    return transition.target


def available_actions(status: Status, actor: Actor) -> list[str]:
    """Actions the actor may take now, in a stable order (for buttons)."""
    return [a for a, t in TRANSITIONS.items() if status in t.sources and actor in t.actors]


def status_after_edit(status: Status, actor: Actor) -> Status:
    """An owner's edit of a published profile sends it back to review; raises if the status is locked."""
    if status not in EDITABLE.get(actor, set()):
        raise TransitionError(f"A profile that is {status.value} cannot be edited.")
    if actor is Actor.OWNER and status is Status.PUBLISHED:
        return Status.SUBMITTED
    return status
