"""Writes and reads of technology assessments: evaluator assignment with the conflict-of-interest check,
score sheets, the aggregate with the spread between evaluators (core.cases.assessment)."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from techbridge.cases import rules
from techbridge.cases.audit import audit_record, diff
from techbridge.cases.criteria import BY_KEY, SCALE_MAX, SCALE_MIN, TEMPLATE
from techbridge.cases.models import Assessment, Case, EvaluatorTie
from techbridge.cases.services import notify
from techbridge.core.cases import assessment as core

COMMENT_MAX = 4000


def conflict_of_interest(case: Case, evaluator) -> str | None:
    """Why the evaluator may not assess the case (translated), or None."""
    party_orgs = set(case.parties.exclude(organisation=None).values_list("organisation_id", flat=True))
    party_orgs |= set(
        case.parties.exclude(person__organisation=None).values_list("person__organisation_id", flat=True)
    )
    ties = EvaluatorTie.objects.filter(evaluator=evaluator).values_list("organisation_id", flat=True)
    reason = core.conflict_reason(evaluator.organisation_id, party_orgs, ties)
    if reason == "organisation":
        return _("Conflict of interest: %(name)s belongs to %(org)s, a party of this case.") % {
            "name": evaluator.get_full_name() or evaluator.username,
            "org": evaluator.organisation,
        }
    if reason == "tie":
        return _("Conflict of interest: %(name)s declared a tie to a party of this case.") % {
            "name": evaluator.get_full_name() or evaluator.username
        }
    return None


@transaction.atomic
def evaluator_assign(*, case: Case, by, evaluator) -> Assessment:
    """A broker assigns an evaluator; refused (with the reason) on a conflict of interest."""
    if not rules.can_manage(by):
        raise PermissionDenied(_("Only brokers assign evaluators."))
    if evaluator is None or evaluator.role != "evaluator" or not evaluator.is_active:
        raise ValidationError({"evaluator": [_("Choose an active user with the evaluator role.")]})
    if case.stage == "closed":
        raise ValidationError({"evaluator": [_("The case is closed.")]})
    reason = conflict_of_interest(case, evaluator)
    if reason:
        raise ValidationError({"evaluator": [reason]})
    if case.assessments.filter(evaluator=evaluator).exists():
        raise ValidationError({"evaluator": [_("This evaluator is already assigned to the case.")]})
    sheet = Assessment.objects.create(case=case, evaluator=evaluator, assigned_by=by)
    audit_record(sheet, by, {"evaluator": [None, evaluator.username]}, action="assign")
    notify(
        evaluator,
        _("You were asked to evaluate: %(title)s") % {"title": case.title},
        url=reverse("case-detail", args=[case.pk]),
    )
    return sheet


@transaction.atomic
def assessment_submit(*, assessment: Assessment, by, scores: dict, comment: str = "") -> Assessment:
    """The assigned evaluator submits (or revises) the score sheet; every criterion on the scale."""
    if by.pk != assessment.evaluator_id:
        raise PermissionDenied(_("Only the assigned evaluator fills in this sheet."))
    if assessment.case.stage == "closed":
        raise ValidationError({"scores": [_("The case is closed.")]})
    clean, problems = core.validate_scores(scores)
    errors: dict[str, list[str]] = {}
    for name, _msg in problems.items():
        key = name.removeprefix("score_")
        label = BY_KEY[key].label if key in BY_KEY else _("score")
        errors[name] = [
            _("%(criterion)s: give a whole number from %(lo)d to %(hi)d.")
            % {"criterion": label, "lo": SCALE_MIN, "hi": SCALE_MAX}
        ]
    comment = (comment or "").strip()
    if len(comment) > COMMENT_MAX:
        errors["comment"] = [_("The comment is longer than %(n)d characters.") % {"n": COMMENT_MAX}]
    if errors:
        raise ValidationError(errors)
    before = {"scores": assessment.scores, "comment": assessment.comment}
    assessment.scores, assessment.comment, assessment.submitted_at = clean, comment, timezone.now()
    assessment.save()
    audit_record(assessment, by, diff(before, {"scores": clean, "comment": comment}), action="submit")
    return assessment


def tie_declare(*, evaluator, organisation, note: str = "") -> EvaluatorTie:
    tie, _created = EvaluatorTie.objects.get_or_create(
        evaluator=evaluator, organisation=organisation, defaults={"note": note[:200]}
    )
    return tie


@dataclass(frozen=True)
class Row:
    key: str
    label: object
    guidance: object
    summary: core.CriterionSummary


def assessment_summary(case: Case) -> dict:
    """Per criterion: mean, min, max and standard deviation over the submitted sheets; overall mean."""
    sheets = [a.scores for a in case.assessments.exclude(submitted_at=None)]
    summaries = core.aggregate(sheets)
    rows = [Row(c.key, c.label, c.guidance, s) for c, s in zip(TEMPLATE, summaries, strict=True)]
    return {"rows": rows, "overall": core.overall(summaries), "submitted": len(sheets)}
