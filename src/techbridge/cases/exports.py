"""XLSX and CSV exports: the funnel with its breakdowns, and the audit log."""

from __future__ import annotations

import csv
import io
import json

from openpyxl import Workbook

from techbridge.cases import analytics

SAFE_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def _cell(value):
    """Text that a spreadsheet would run as a formula is prefixed with a quote (CSV/XLSX injection)."""
    if isinstance(value, str) and value.startswith(SAFE_PREFIXES):
        return "'" + value
    return value


def funnel_xlsx(filters: dict) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "funnel"
    data = analytics.funnel(filters)
    ws.append(["step", "count", "conversion from previous", "conversion from first"])
    for r in data["rows"]:
        ws.append([str(r["label"]), r["count"], r["rate"], r["overall"]])
    ws.append([])
    ws.append(
        [
            "reference: China-ASEAN centre matched -> agreements",
            data["reference_matched"],
            data["reference_agreements"],
            data["reference"],
        ]
    )
    for dim in analytics.DIMENSIONS:
        sheet = wb.create_sheet(dim)
        sheet.append([dim, *[k for k, _l in analytics.STEPS], "cases -> agreements"])
        for row in analytics.breakdown(dim, filters):
            sheet.append([_cell(row["label"]), *[row[k] for k, _l in analytics.STEPS], row["rate"]])
    times = wb.create_sheet("days per stage")
    times.append(["stage", "mean days"])
    for row in analytics.stage_times():
        times.append([row["stage"], row["days"]])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


AUDIT_HEADER = ["at", "by", "model", "object_id", "object", "action", "field", "before", "after"]


def _text(value) -> str:
    if value is None:
        return ""
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def _audit_rows(entries):
    for e in entries:
        base = [
            e.at.isoformat(),
            e.by.username if e.by_id else "",
            e.model,
            e.object_id,
            e.object_repr,
            e.action,
        ]
        for field, (before, after) in (e.changes or {}).items() or [("", (None, None))]:
            yield [
                *base,
                field,
                _text(before),
                _text(after),
            ]


def audit_csv(entries) -> str:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(AUDIT_HEADER)
    for row in _audit_rows(entries):
        w.writerow([_cell(v) for v in row])
    return buf.getvalue()


def audit_xlsx(entries) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "audit"
    ws.append(AUDIT_HEADER)
    for row in _audit_rows(entries):
        ws.append([_cell(v) for v in row])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
