"""The audit log: field-level before/after of profiles, cases, assessments and agreements.

`audit_record(obj, by, changes)` is the one way to write it; `snapshot`/`diff` compute `changes` for a
model instance before and after an edit.
"""

from __future__ import annotations

import datetime as dt
import decimal

from django.db import models

from techbridge.cases.models import AuditEntry


def _plain(value):
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, models.QuerySet):
        return [str(v) for v in value]
    if isinstance(value, list | tuple | set):
        return [_plain(v) for v in value]
    return value


def snapshot(obj, fields) -> dict:
    """The named fields' values, JSON-ready (foreign keys by their id)."""
    out = {}
    for name in fields:
        f = obj._meta.get_field(name)
        out[name] = _plain(getattr(obj, f.attname))
    return out


def diff(before: dict, after: dict) -> dict:
    """field -> [before, after] for every field whose value changed."""
    return {k: [before.get(k), after.get(k)] for k in after if before.get(k) != after.get(k)}


def audit_record(obj, by, changes: dict, action: str = "edit") -> AuditEntry | None:
    """Record a change of `obj` by `by`; `changes` is field -> [before, after] (nothing is written when empty
    and action is "edit")."""
    if not changes and action == "edit":
        return None
    return AuditEntry.objects.create(
        model=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_repr=str(obj)[:200],
        action=action[:20],
        by=by if (by is not None and getattr(by, "is_authenticated", False)) else None,
        changes={k: [_plain(v[0]), _plain(v[1])] for k, v in changes.items()},
    )
