"""The agreements register and follow-up records (outcome tracking after signing)."""

from __future__ import annotations

import datetime as dt
import decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from techbridge.cases import rules
from techbridge.cases.audit import audit_record, diff, snapshot
from techbridge.cases.models import SIGNED_STATUSES, Agreement, AgreementKind, AgreementStatus, FollowUp

FIELDS = ["kind", "title", "value", "currency", "signed_on", "starts_on", "ends_on", "status"]
COUNTS = ("products_launched", "jobs", "patents", "follow_on_projects")


def _date(data: dict, name: str, errors: dict) -> dt.date | None:
    raw = data.get(name)
    if raw in (None, ""):
        return None
    if isinstance(raw, dt.date):
        return raw
    try:
        return dt.date.fromisoformat(str(raw))
    except ValueError:
        errors[name] = [_("Give the date as YYYY-MM-DD.")]
        return None


def _decimal(data: dict, name: str, errors: dict) -> decimal.Decimal | None:
    raw = data.get(name)
    if raw in (None, ""):
        return None
    try:
        value = decimal.Decimal(str(raw).replace(",", ""))
    except decimal.InvalidOperation:
        errors[name] = [_("Give a number.")]
        return None
    if not value.is_finite() or value < 0 or value >= 10**14:
        errors[name] = [_("Give a number between 0 and 10^14.")]
        return None
    return value.quantize(decimal.Decimal("0.01"))


def _clean(case, data: dict) -> tuple[dict, list]:
    errors: dict[str, list[str]] = {}
    out: dict = {}
    out["kind"] = data.get("kind") or ""
    if out["kind"] not in AgreementKind.values:
        errors["kind"] = [_("Choose the type of agreement.")]
    out["title"] = (data.get("title") or "").strip()
    if not out["title"] or len(out["title"]) > 200:
        errors["title"] = [_("Give the agreement a title of at most 200 characters.")]
    out["value"] = _decimal(data, "value", errors)
    out["currency"] = (data.get("currency") or "").strip().upper()
    if out["currency"] and (len(out["currency"]) != 3 or not out["currency"].isalpha()):
        errors["currency"] = [_("Give the currency as a three-letter ISO code, e.g. EUR or CNY.")]
    if out["value"] is not None and not out["currency"]:
        errors["currency"] = [_("Give the currency of the value.")]
    for name in ("signed_on", "starts_on", "ends_on"):
        out[name] = _date(data, name, errors)
    if out["starts_on"] and out["ends_on"] and out["ends_on"] < out["starts_on"]:
        errors["ends_on"] = [_("The end date is before the start date.")]
    out["status"] = data.get("status") or AgreementStatus.DRAFT
    if out["status"] not in AgreementStatus.values:
        errors["status"] = [_("Unknown status.")]
    elif out["status"] in SIGNED_STATUSES and not out["signed_on"]:
        errors["signed_on"] = [_("A signed agreement needs its signature date.")]
    party_ids = [int(p) for p in (data.get("parties") or []) if str(p).isdigit()]
    parties = list(case.parties.filter(organisation_id__in=party_ids).select_related("organisation"))
    sides = {p.side for p in parties}
    if len(parties) != len(set(party_ids)):
        errors["parties"] = [_("Every party of the agreement must be a party of the case.")]
    elif not {"a", "b"} <= sides:
        errors["parties"] = [_("Name the parties of the agreement on both sides.")]
    if errors:
        raise ValidationError(errors)
    return out, [p.organisation for p in parties]


@transaction.atomic
def agreement_record(*, case, by, data: dict) -> Agreement:
    """Add an agreement to the register (parties: organisation ids, from both sides of the case)."""
    if not rules.can_manage(by):
        raise PermissionDenied(_("Only brokers record agreements."))
    if case.stage == "closed":
        raise ValidationError({"case": [_("The case is closed.")]})
    fields, parties = _clean(case, data)
    agreement = Agreement.objects.create(case=case, **fields)
    agreement.parties.set(parties)
    audit_record(agreement, by, diff({}, snapshot(agreement, FIELDS)), action="create")
    return agreement


@transaction.atomic
def agreement_update(*, agreement: Agreement, by, data: dict) -> Agreement:
    if not rules.can_manage(by):
        raise PermissionDenied(_("Only brokers edit agreements."))
    merged = snapshot(agreement, FIELDS) | {"parties": list(agreement.parties.values_list("pk", flat=True))}
    merged |= {k: v for k, v in data.items() if k in (*FIELDS, "parties")}
    fields, parties = _clean(agreement.case, merged)
    before = snapshot(agreement, FIELDS)
    for k, v in fields.items():
        setattr(agreement, k, v)
    agreement.save()
    agreement.parties.set(parties)
    audit_record(agreement, by, diff(before, snapshot(agreement, FIELDS)))
    return agreement


@transaction.atomic
def follow_up_record(*, agreement: Agreement, by, data: dict) -> FollowUp:
    """An outcome record after signing: products launched, revenue, jobs, patents, follow-on projects."""
    if not rules.can_manage(by):
        raise PermissionDenied(_("Only brokers record follow-ups."))
    errors: dict[str, list[str]] = {}
    if agreement.status not in SIGNED_STATUSES:
        errors["agreement"] = [_("Follow-ups are recorded for signed agreements only.")]
    on = _date(data, "on", errors)
    if on is None and "on" not in errors:
        errors["on"] = [_("Give the date of the follow-up.")]
    elif on and agreement.signed_on and on < agreement.signed_on:
        errors["on"] = [_("The follow-up is dated before the signature.")]
    counts = {}
    for name in COUNTS:
        raw = data.get(name) or 0
        try:
            counts[name] = int(str(raw))
            if not 0 <= counts[name] <= 10**9:
                raise ValueError
        except ValueError:
            errors[name] = [_("Give a whole number of at least 0.")]
    revenue = _decimal(data, "revenue", errors)
    if errors:
        raise ValidationError(errors)
    follow = FollowUp.objects.create(
        agreement=agreement,
        on=on,
        revenue=revenue or 0,
        note=(data.get("note") or "").strip()[:2000],
        by=by,
        **counts,
    )
    audit_record(agreement, by, {"follow_up": [None, f"{on}: {counts}, revenue {revenue or 0}"]}, "follow_up")
    return follow
