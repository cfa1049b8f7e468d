"""Who may see and do what with cases. One place, used by the pages, the API and the downloads.

Brokers and administrators: everything. Members: cases where their organisation is a party. Evaluators:
cases they are assigned to (their own score sheet, no documents). Analysts: aggregates only (the funnel).
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from techbridge.marketplace.rules import is_broker


def is_admin(user) -> bool:
    return bool(user and user.is_authenticated and (user.is_superuser or user.role == "admin"))


def is_analyst(user) -> bool:
    return bool(user and user.is_authenticated and user.role == "analyst")


def is_evaluator(user) -> bool:
    return bool(user and user.is_authenticated and user.role == "evaluator")


def visible_cases(user, qs: QuerySet | None = None) -> QuerySet:
    """The cases the user may open one by one."""
    from techbridge.cases.models import Case

    qs = Case.objects.all() if qs is None else qs
    if not (user and user.is_authenticated) or is_analyst(user):
        return qs.none()
    if is_broker(user):
        return qs
    cond = Q(assessments__evaluator=user)
    if user.organisation_id:
        cond |= Q(parties__organisation_id=user.organisation_id)
    return qs.filter(cond).distinct()


def is_party(user, case) -> bool:
    return bool(
        user
        and user.is_authenticated
        and user.organisation_id
        and case.parties.filter(organisation_id=user.organisation_id).exists()
    )


def is_assigned(user, case) -> bool:
    return bool(user and user.is_authenticated and case.assessments.filter(evaluator=user).exists())


def can_view_case(user, case) -> bool:
    return is_broker(user) or is_party(user, case) or is_assigned(user, case)


def can_manage(user) -> bool:
    """Open cases, move them, assign evaluators, record agreements."""
    return is_broker(user)


def can_see_documents(user, case) -> bool:
    """Documents are for the case's parties and brokers only."""
    return is_broker(user) or is_party(user, case)


def can_upload(user, case) -> bool:
    return can_see_documents(user, case) and case.stage != "closed"


def can_see_assessments(user, case) -> bool:
    """Brokers see every sheet and the aggregate; an evaluator sees only their own sheet."""
    return is_broker(user)


def can_see_funnel(user) -> bool:
    return is_broker(user) or is_analyst(user)


def can_see_audit(user) -> bool:
    return is_admin(user)
