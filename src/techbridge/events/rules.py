"""Who may see and do what at events; one place for the UI and the API.

Organisers are brokers and administrators; members register themselves for their organisation and
request meetings; evaluators see events and catalogues; analysts see aggregate statistics only.
"""

from __future__ import annotations


def _signed_in(user) -> bool:
    return bool(user and user.is_authenticated)


def is_organiser(user) -> bool:
    return _signed_in(user) and (user.is_superuser or user.role in ("broker", "admin"))


def can_view_events(user) -> bool:
    return _signed_in(user)


def can_view_people(user) -> bool:
    """Catalogues, agendas and meetings are personal data: not for analysts."""
    return _signed_in(user) and user.role != "analyst"


def can_view_stats(user) -> bool:
    return is_organiser(user) or (_signed_in(user) and user.role == "analyst")


def can_register(user) -> bool:
    return _signed_in(user) and user.role == "member" and bool(user.organisation_id)


def is_participant(user, registration) -> bool:
    return _signed_in(user) and registration is not None and registration.user_id == user.pk


def can_view_agenda(user, registration) -> bool:
    return is_organiser(user) or is_participant(user, registration)


def can_act_on_meeting(user, meeting) -> bool:
    """The two participants and the organisers (outcomes, cancellations)."""
    req = meeting.request
    return is_organiser(user) or is_participant(user, req.requester) or is_participant(user, req.recipient)
