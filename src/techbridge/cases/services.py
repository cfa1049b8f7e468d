"""Writes of cases: open (from a consultation, an accepted interest or an event meeting), parties, stage
moves checked by the core stage machine, next action, evaluation decision. Every change is audited."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from techbridge.cases import rules
from techbridge.cases.audit import audit_record, diff, snapshot
from techbridge.cases.models import SIGNED_STATUSES, Case, CaseParty, Decision, Origin, Stage, Transition
from techbridge.core.cases import stages as core

TITLE_MAX = 200


def _broker(by) -> None:
    if not rules.can_manage(by):
        raise PermissionDenied(_("Only brokers run cases."))


def facts_of(case: Case, close_reason: str = "") -> core.CaseFacts:
    """What the stage machine needs to know about the case."""
    return core.CaseFacts(
        profiles=case.profiles.count(),
        sides_named=frozenset(case.parties.values_list("side", flat=True)),
        evaluation_decided=bool(case.decision),
        signed_agreement=case.agreements.filter(status__in=SIGNED_STATUSES).exists(),
        close_reason=close_reason,
    )


def _problem_text(p: core.Problem, current: str, target: str) -> str:
    labels = dict(Stage.choices)
    texts = {
        "no_profile": _("Name at least one profile (the technology or the need) before %(stage)s."),
        "no_decision": _("Record the evaluation decision before moving to docking."),
        "parties": _("Name the parties on both sides (side A and side B) before %(stage)s."),
        "no_agreement": _("Record a signed agreement in the register before %(stage)s."),
        "close_reason": _("Choose the reason for closing without agreement."),
        "same_stage": _("The case is already in %(stage)s."),
        "unknown_stage": _("Unknown stage."),
    }
    if p.code == "skip":
        allowed = ", ".join(str(labels[s.value]) for s in core.allowed_targets(current)) or "-"
        return _("A case cannot move from %(current)s to %(stage)s; allowed next: %(allowed)s.") % {
            "current": labels.get(current, current),
            "stage": labels.get(target, target),
            "allowed": allowed,
        }
    return texts.get(p.code, p.message) % {"stage": labels.get(target, target)}


@transaction.atomic
def case_open(
    *,
    by,
    title: str,
    origin: str = Origin.CONSULTATION,
    summary: str = "",
    profiles=(),
    parties=(),
    interest=None,
    meeting=None,
    note: str = "",
    at=None,
) -> Case:
    """Open a case in consultation with its profiles and parties ((side, organisation, person, role) tuples)."""
    _broker(by)
    title = (title or "").strip()
    errors = {}
    if not title:
        errors["title"] = [_("Give the case a title.")]
    elif len(title) > TITLE_MAX:
        errors["title"] = [_("The title is longer than %(n)d characters.") % {"n": TITLE_MAX}]
    if origin not in Origin.values:
        errors["origin"] = [_("Unknown origin.")]
    if errors:
        raise ValidationError(errors)
    now = at or timezone.now()
    case = Case.objects.create(
        title=title,
        summary=(summary or "").strip()[:4000],
        origin=origin,
        interest=interest,
        meeting=meeting,
        broker=by,
        stage=Stage.CONSULTATION,
        stage_since=now,
    )
    case.profiles.set(list(profiles))
    for side, org, person, role in parties:
        CaseParty.objects.create(case=case, side=side, organisation=org, person=person, role=role or "")
    Transition.objects.create(case=case, from_stage="", to_stage=Stage.CONSULTATION, by=by, at=now, note=note)
    audit_record(case, by, {"stage": [None, Stage.CONSULTATION], "title": [None, title]}, action="create")
    return case


def case_open_from_consultation(*, by, title: str, summary: str = "", organisation=None, profiles=()):
    """A broker's first consultation with an organisation (side A), before any counterpart is known."""
    parties = [("a", organisation, None, "")] if organisation is not None else []
    return case_open(by=by, title=title, summary=summary, profiles=profiles, parties=parties)


def case_open_from_interest(*, interest, by) -> Case:
    """A case from an accepted expression of interest: side A the profile's owner, side B the interested."""
    if interest.status != "accepted":
        raise ValidationError({"interest": [_("Only an accepted expression of interest opens a case.")]})
    if Case.objects.filter(interest=interest).exists():
        raise ValidationError({"interest": [_("A case was already opened for this expression of interest.")]})
    profile = interest.profile
    return case_open(
        by=by,
        title=profile.title[:TITLE_MAX],
        summary=interest.message,
        origin=Origin.INTEREST,
        profiles=[profile],
        parties=[("a", profile.organisation, None, ""), ("b", interest.organisation, None, "")],
        interest=interest,
    )


def case_open_from_meeting(*, meeting, by) -> Case:
    """A case from a brokerage-event meeting with a follow-up or cooperation intention (events app)."""
    if meeting.outcome not in ("follow_up", "cooperation"):
        raise ValidationError(
            {"meeting": [_("Only a meeting with a follow-up or cooperation intention opens a case.")]}
        )
    if Case.objects.filter(meeting=meeting).exists():
        raise ValidationError({"meeting": [_("A case was already opened for this meeting.")]})
    requester, recipient = meeting.request.requester, meeting.request.recipient
    profiles = {p.pk: p for reg in (recipient, requester) for p in reg.profiles.all()}
    return case_open(
        by=by,
        title=f"{meeting.event.title}: {recipient.organisation} - {requester.organisation}"[:TITLE_MAX],
        summary=meeting.request.message,
        origin=Origin.MEETING,
        profiles=list(profiles.values()),
        parties=[("a", recipient.organisation, None, ""), ("b", requester.organisation, None, "")],
        meeting=meeting,
    )


@transaction.atomic
def party_add(*, case: Case, by, side: str, organisation=None, person=None, role: str = "") -> CaseParty:
    _broker(by)
    if side not in ("a", "b"):
        raise ValidationError({"side": [_("Choose side A or side B.")]})
    if organisation is None and person is None:
        raise ValidationError({"organisation": [_("Choose an organisation or a person.")]})
    if organisation is not None and case.parties.filter(organisation=organisation).exists():
        raise ValidationError({"organisation": [_("This organisation is already a party of the case.")]})
    party = CaseParty.objects.create(
        case=case, side=side, organisation=organisation, person=person, role=(role or "")[:100]
    )
    audit_record(case, by, {"parties": [None, f"{side}: {organisation or person}"]}, action="party")
    return party


@transaction.atomic
def case_move(*, case: Case, by, to: str, note: str = "", reason: str = "", at=None) -> Case:
    """Move the case to another stage if the stage machine allows it; the move is recorded with its note."""
    _broker(by)
    given, case = case, Case.objects.select_for_update().get(pk=case.pk)
    problems = core.check_transition(case.stage, to, facts_of(case, close_reason=reason))
    if problems:
        errors: dict[str, list[str]] = {}
        for p in problems:
            errors.setdefault(p.field, []).append(_problem_text(p, case.stage, to))
        raise ValidationError(errors)
    now = at or timezone.now()
    before = snapshot(case, ["stage", "close_reason"])
    Transition.objects.create(
        case=case, from_stage=case.stage, to_stage=to, by=by, at=now, note=(note or "")[:2000]
    )
    case.stage, case.stage_since = to, now
    case.close_reason = reason if to == Stage.CLOSED else ""
    case.save(update_fields=["stage", "stage_since", "close_reason", "updated_at"])
    given.stage, given.stage_since, given.close_reason = case.stage, case.stage_since, case.close_reason
    audit_record(case, by, diff(before, snapshot(case, ["stage", "close_reason"])), action="move")
    return case


@transaction.atomic
def case_update(*, case: Case, by, data: dict) -> Case:
    """Edit title, summary, next action and its due date (ISO date or empty)."""
    import datetime as dt

    _broker(by)
    fields = ["title", "summary", "next_action", "next_action_due"]
    before = snapshot(case, fields)
    errors = {}
    if "title" in data:
        title = (data.get("title") or "").strip()
        if not title or len(title) > TITLE_MAX:
            errors["title"] = [_("Give a title of at most %(n)d characters.") % {"n": TITLE_MAX}]
        case.title = title
    if "summary" in data:
        case.summary = (data.get("summary") or "").strip()[:4000]
    if "next_action" in data:
        action = (data.get("next_action") or "").strip()
        if len(action) > 200:
            errors["next_action"] = [_("The next action is longer than 200 characters.")]
        case.next_action = action
    if "next_action_due" in data:
        raw = data.get("next_action_due")
        try:
            due = raw if isinstance(raw, dt.date) or not raw else dt.date.fromisoformat(str(raw))
        except ValueError:
            errors["next_action_due"] = [_("Give the due date as YYYY-MM-DD.")]
            due = None
        case.next_action_due = due or None
        case.reminded_on = None
    if errors:
        raise ValidationError(errors)
    case.save(update_fields=[*fields, "reminded_on", "updated_at"])
    audit_record(case, by, diff(before, snapshot(case, fields)))
    return case


@transaction.atomic
def case_decide(*, case: Case, by, decision: str, note: str = "") -> Case:
    """The broker's decision after the technology evaluation."""
    _broker(by)
    if decision not in Decision.values or not decision:
        raise ValidationError({"decision": [_("Choose proceed, proceed with conditions or do not proceed.")]})
    before = snapshot(case, ["decision", "decision_note"])
    case.decision, case.decision_note = decision, (note or "").strip()[:2000]
    case.save(update_fields=["decision", "decision_note", "updated_at"])
    audit_record(case, by, diff(before, snapshot(case, ["decision", "decision_note"])), action="decide")
    return case


def notify(user, title: str, body: str = "", url: str = "") -> None:
    """An in-app message (the docking app's Notification)."""
    from techbridge.docking.models import Notification

    Notification.objects.create(user=user, title=title[:200], body=body, url=url[:300])


def match_view_record(*, profile, user):
    """Record that `user` opened `profile` from a match list (the funnel's "matches viewed" step)."""
    from techbridge.cases.models import MatchView

    return MatchView.objects.create(profile=profile, user=user if user.is_authenticated else None)
