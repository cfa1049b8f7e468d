"""Writes of the marketplace: create, edit and move profiles through their lifecycle, recording each step."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from techbridge.core.marketplace.lifecycle import (
    Actor,
    Status,
    TransitionError,
    next_status,
    status_after_edit,
)
from techbridge.core.marketplace.quality import ProfileDraft, QualityReport, check_profile  # noqa: F401 (re-exported)
from techbridge.marketplace import rules
from techbridge.marketplace.models import Profile, ProfileAction, ProfileEvent

_PREFIX = {"offer": "TO", "request": "TR", "rnd": "RD", "business": "BC"}


class QualityError(ValidationError):
    """Submission blocked by quality checks; `report` holds every finding."""

    def __init__(self, report: QualityReport):
        super().__init__({f.field: [f.message] for f in report.errors})
        self.report = report


def reference_stem(kind: str, country: str, when: dt.date) -> str:
    """The reference up to its sequence number: kind prefix, country, date (EEN style, e.g. TOPL20260101)."""
    return f"{_PREFIX[kind]}{country}{when:%Y%m%d}"


def _new_reference(profile: Profile, when: dt.date) -> str:
    stem = reference_stem(profile.kind, profile.organisation.country_id, when)
    taken = Profile.objects.filter(reference__startswith=stem).count()
    return f"{stem}{taken + 1:03d}"


def _save_new(profile: Profile) -> None:
    today = timezone.localdate()
    for _attempt in range(20):
        profile.reference = _new_reference(profile, today)
        try:
            with transaction.atomic():
                profile.save()
            return
        except IntegrityError:
            if not Profile.objects.filter(reference=profile.reference).exists():
                raise
    raise RuntimeError("could not allocate a profile reference")


def _changed(profile: Profile) -> None:
    """Tell docking (match index, alerts) once the transaction has committed."""
    from techbridge.docking.services import profile_changed

    profile_changed(profile)


def draft_of(profile: Profile) -> ProfileDraft:
    return ProfileDraft(
        kind=profile.kind,
        title=profile.title,
        summary=profile.summary,
        description=profile.description,
        language=profile.language,
        technology_keywords=tuple(profile.technology_keywords.values_list("code", flat=True)),
        trl=profile.trl,
        partnership_types=tuple(profile.partnership_types),
        target_countries=tuple(profile.target_countries.values_list("code", flat=True)),
        ipr_status=profile.ipr_status,
    )


def _record(profile: Profile, by, action: str, before: str, comment: str = "") -> None:
    ProfileEvent.objects.create(
        profile=profile,
        actor=by if by is not None and by.is_authenticated else None,
        action=action,
        from_status=before,
        to_status=profile.status,
        comment=comment,
    )


@transaction.atomic
def profile_create(*, by, organisation, cleaned: dict) -> Profile:
    """Create a draft profile for `organisation` from a validated ProfileForm's cleaned_data."""
    if not rules.can_create_profile(by) or (
        not rules.is_broker(by) and by.organisation_id != organisation.pk
    ):
        raise PermissionDenied("You may create profiles only for your own organisation.")
    cleaned = {k: v for k, v in cleaned.items() if not k.startswith("translation_")}
    m2m = {k: cleaned.pop(k, None) for k in ("technology_keywords", "market_keywords", "target_countries")}
    profile = Profile(organisation=organisation, created_by=by, status=Status.DRAFT.value, **cleaned)
    _save_new(profile)
    for name, values in m2m.items():
        if values is not None:
            getattr(profile, name).set(values)
    _record(profile, by, ProfileAction.CREATE, "")
    return profile


@transaction.atomic
def profile_update(*, profile: Profile, by, form) -> Profile:
    """Save an edit from a valid bound ProfileForm; an owner's edit of a published profile goes to review."""
    actor = rules.actor_for(by, profile)
    if actor is None:
        raise PermissionDenied("You may edit only your organisation's profiles.")
    before = profile.status
    try:
        new_status = status_after_edit(Status(before), actor)
    except TransitionError as exc:
        raise ValidationError(str(exc)) from None
    changes = {f: [form.initial.get(f), form.cleaned_data.get(f)] for f in form.changed_data}
    profile = form.save(commit=False)
    profile.status = new_status.value
    profile.save()
    form.save_m2m()
    from techbridge.cases.audit import audit_record

    audit_record(profile, by, changes)
    _record(profile, by, ProfileAction.EDIT, before)
    _changed(profile)
    return profile


@transaction.atomic
def profile_transition(*, profile: Profile, by, action: str, comment: str = "", today: dt.date | None = None):
    """Apply a lifecycle action (submit, start_review, request_changes, publish, withdraw, expire, renew, reopen).

    Submission runs the quality checks and is refused on errors (QualityError). Returns the quality report.
    """
    actor = Actor.SYSTEM if by is None else rules.actor_for(by, profile)
    if actor is None:
        raise PermissionDenied("You may not change this profile.")
    before = profile.status
    try:
        target = next_status(Status(before), action, actor, comment)
    except TransitionError as exc:
        raise ValidationError(str(exc)) from None
    report = check_profile(draft_of(profile))
    if action == "submit":
        if not report.ok:
            raise QualityError(report)
        profile.submitted_at = timezone.now()
    today = today or timezone.localdate()
    validity = dt.timedelta(days=settings.TECHBRIDGE_PROFILE_VALIDITY_DAYS)
    if action == "publish":
        profile.published_at = timezone.now()
        if not profile.expires_at or profile.expires_at <= today:
            profile.expires_at = today + validity
    if action == "renew":
        profile.expires_at = max(profile.expires_at or today, today) + validity
    profile.status = target.value
    profile.save()
    _record(profile, by, action, before, comment)
    _changed(profile)
    return report


@transaction.atomic
def profile_comment(*, profile: Profile, by, comment: str) -> ProfileEvent:
    """A broker's review comment, visible to the owner."""
    if not rules.can_review(by):
        raise PermissionDenied("Only brokers comment on reviews.")
    if not comment.strip():
        raise ValidationError({"comment": ["The comment is empty."]})
    return ProfileEvent.objects.create(
        profile=profile,
        actor=by,
        action=ProfileAction.COMMENT,
        from_status=profile.status,
        to_status=profile.status,
        comment=comment.strip(),
    )


def profiles_expire_due(*, today: dt.date | None = None) -> int:
    """Expire every published profile whose expiry date has passed; returns how many."""
    today = today or timezone.localdate()
    count = 0
    for profile in Profile.objects.filter(status=Status.PUBLISHED.value, expires_at__lt=today):
        profile_transition(profile=profile, by=None, action="expire", today=today)
        count += 1
    return count
