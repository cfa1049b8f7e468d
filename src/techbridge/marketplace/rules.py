"""Who may see and do what with profiles. One place, used by the UI, the API and the importers."""

from __future__ import annotations

from techbridge.core.marketplace.lifecycle import Actor, Status


def is_broker(user) -> bool:
    return bool(user and user.is_authenticated and (user.is_superuser or user.role in ("broker", "admin")))


def is_owner(user, profile) -> bool:
    """A member of the profile's organisation."""
    return bool(
        user
        and user.is_authenticated
        and user.organisation_id
        and user.organisation_id == profile.organisation_id
    )


def actor_for(user, profile) -> Actor | None:
    if is_broker(user):
        return Actor.BROKER
    if is_owner(user, profile):
        return Actor.OWNER
    return None


def can_view_profile(user, profile) -> bool:
    if not (user and user.is_authenticated):
        return False
    return profile.status == Status.PUBLISHED.value or actor_for(user, profile) is not None


def can_view_confidential(user, profile, accepted: set[int] | None = None) -> bool:
    """Brokers, the owner, and organisations whose expression of interest the owner accepted.

    ``accepted``: the ids of the profiles whose owners accepted the user's organisation's interest,
    when the caller checks a whole list (one query instead of one per profile)."""
    if actor_for(user, profile) is not None:
        return True
    if not (user and user.is_authenticated and user.organisation_id):
        return False
    if accepted is not None:
        return profile.pk in accepted
    return profile.interests.filter(organisation_id=user.organisation_id, status="accepted").exists()


def accepted_profile_ids(user) -> set[int]:
    """Profiles whose owners accepted an expression of interest of the user's organisation."""
    if not (user and user.is_authenticated and user.organisation_id):
        return set()
    from techbridge.docking.models import Interest

    rows = Interest.objects.filter(organisation_id=user.organisation_id, status="accepted")
    return set(rows.values_list("profile_id", flat=True))


def can_create_profile(user) -> bool:
    return is_broker(user) or bool(
        user and user.is_authenticated and user.role == "member" and user.organisation_id
    )


def can_edit_profile(user, profile) -> bool:
    return actor_for(user, profile) is not None


def can_review(user) -> bool:
    return is_broker(user)


def can_express_interest(user, profile) -> bool:
    return bool(
        user
        and user.is_authenticated
        and user.role == "member"
        and user.organisation_id
        and user.organisation_id != profile.organisation_id
        and profile.status == Status.PUBLISHED.value
    )


def can_view_people(user) -> bool:
    """Personal data (people, their e-mails) is not for analysts, who see aggregates only."""
    return bool(user and user.is_authenticated and user.role != "analyst")


def can_see_email(user, person) -> bool:
    return is_broker(user) or bool(
        user and user.is_authenticated and user.email and user.email == person.email
    )
