"""Data uploads: CSV/XLSX per unit (and year) checked row by row; all-or-nothing.

Errors name the row (as numbered in the file, header = row 1) and the column: unknown units or
indicators, values that are not numbers, duplicate units within a year. Nothing is saved unless every row
is clean.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import pandas as pd
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from techbridge.evaluation.models import Dataset, DatasetSource, Framework

MAX_DATA_BYTES = 5 * 1024 * 1024
MAX_ERRORS = 50
YEAR_COLUMNS = ("year", "年份")
FREE_COLUMNS = ("note", "notes", "source", "comment")


@dataclass(frozen=True)
class RowError:
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = []
        if self.row is not None:
            where.append(_("row %(row)s") % {"row": self.row})
        if self.column:
            where.append(_("column '%(column)s'") % {"column": self.column})
        return f"{', '.join(where)}: {self.message}" if where else self.message


class UploadError(ValidationError):
    """A rejected upload; ``errors`` lists every problem found (up to MAX_ERRORS)."""

    def __init__(self, errors: list[RowError]):
        self.row_errors = errors
        super().__init__([str(e) for e in errors])


# ---- reading -------------------------------------------------------------------------------------------
def read_table(upload) -> tuple[list[str], list[list[Any]]]:
    """Header and rows of a CSV (UTF-8, comma or semicolon) or XLSX (first sheet) upload."""
    name = (upload.name or "").lower()
    if upload.size > MAX_DATA_BYTES:
        raise UploadError([RowError(None, None, _("The file is larger than 5 MB."))])
    raw = upload.read()
    if name.endswith(".xlsx"):
        rows = _xlsx_rows(raw)
    elif name.endswith((".csv", ".txt")):
        rows = _csv_rows(raw)
    else:
        raise UploadError([RowError(None, None, _("Upload a .csv or .xlsx file."))])
    rows = [r for r in rows if any(v not in (None, "") for v in r)]
    if not rows:
        raise UploadError([RowError(None, None, _("The file is empty."))])
    header = [str(h).strip() if h is not None else "" for h in rows[0]]
    return header, [list(r) + [None] * (len(header) - len(r)) for r in rows[1:]]


def _csv_rows(raw: bytes) -> list[list[Any]]:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UploadError([RowError(None, None, _("The CSV file is not UTF-8 text."))]) from None
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    return [list(r) for r in csv.reader(io.StringIO(text), delimiter=delimiter)]


def _xlsx_rows(raw: bytes) -> list[list[Any]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many types for a damaged or foreign file
        raise UploadError([RowError(None, None, _("The file is not a readable .xlsx workbook."))]) from None
    rows = [list(r) for r in book.worksheets[0].iter_rows(values_only=True)]
    book.close()
    return rows


# ---- checking ------------------------------------------------------------------------------------------
def known_units(spec: dict) -> set[str] | None:
    """Lower-cased unit codes/names a dataset may contain: the framework's declared units, else the directory's
    countries and cities (codes, keys and names)."""
    declared = spec.get("units") or []
    if declared:
        return {str(u.get("code", u) if isinstance(u, dict) else u).lower() for u in declared}
    from techbridge.directory.models import City, Country

    names: set[str] = set()
    for code, en, zh in Country.objects.values_list("code", "name_en", "name_zh"):
        names.update({code.lower(), en.lower(), zh.lower()})
    for key, en, zh in City.objects.values_list("key", "name_en", "name_zh"):
        names.update({key.lower(), en.lower(), zh.lower()})
    names.discard("")
    return names


def _number(value: Any) -> float | None | str:
    """A float, None for an empty cell, or the offending text."""
    if value is None or (isinstance(value, str) and value.strip() in ("", "NA", "n/a", "-")):
        return None
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, (int, float)):
        return float(value) if math.isfinite(value) else str(value)
    text = str(value).strip().replace(" ", "")
    try:
        number = float(text)
    except ValueError:
        return str(value)
    return number if math.isfinite(number) else str(value)


def check_rows(
    spec: dict,
    header: list[str],
    rows: Iterable[list[Any]],
    *,
    year: int | None,
    platform_codes: Iterable[str] = (),
) -> dict[int | None, list[dict]]:
    """Records grouped by year, or UploadError listing every bad row/column (nothing partial)."""
    fw = spec["framework"]
    unit_col = fw.get("unit_column", "uCode")
    indicators = [n["code"] for n in fw.get("indicators") or []]
    extra = [*(fw.get("groups") or []), *filter(None, [fw.get("name_column"), fw.get("time_column")])]
    extra += [n["denominator"] for n in fw.get("indicators") or [] if n.get("denominator")]
    errors: list[RowError] = []
    if unit_col not in header and "unit" in header:
        unit_col = "unit"
    if unit_col not in header:
        raise UploadError([RowError(1, unit_col, _("the unit column is missing"))])
    year_col = next((c for c in header if c.lower() in YEAR_COLUMNS), None)
    allowed = {unit_col, *indicators, *extra, *FREE_COLUMNS, *(year_col and [year_col] or [])}
    for col in header:
        if col not in allowed:
            errors.append(RowError(1, col or "?", _("unknown indicator (not in the framework)")))
    for code in indicators:
        if code not in header and code not in platform_codes:
            errors.append(RowError(1, code, _("indicator of the framework missing from the file")))
    if len(set(header)) != len(header):
        errors.append(RowError(1, None, _("a column name appears twice")))
    if errors:
        raise UploadError(errors)
    units = known_units(spec)
    seen: dict[tuple[str, int | None], int] = {}
    out: dict[int | None, list[dict]] = {}
    numeric = {*indicators, *(n["denominator"] for n in fw.get("indicators") or [] if n.get("denominator"))}
    for offset, values in enumerate(rows):
        line = offset + 2
        cell = dict(zip(header, values, strict=False))
        unit = str(cell.get(unit_col) or "").strip()
        row_year = year
        if year_col and cell.get(year_col) not in (None, ""):
            parsed = _number(cell[year_col])
            if not isinstance(parsed, float) or not parsed.is_integer() or not 1900 <= parsed <= 2100:
                errors.append(RowError(line, year_col, _("'%(v)s' is not a year") % {"v": cell[year_col]}))
                continue
            row_year = int(parsed)
        if not unit:
            errors.append(RowError(line, unit_col, _("the unit is empty")))
            continue
        if units is not None and unit.lower() not in units:
            errors.append(RowError(line, unit_col, _("unknown unit '%(unit)s'") % {"unit": unit}))
        if (unit, row_year) in seen:
            errors.append(
                RowError(
                    line,
                    unit_col,
                    _("unit '%(unit)s' duplicates row %(first)s")
                    % {"unit": unit, "first": seen[(unit, row_year)]},
                )
            )
        seen.setdefault((unit, row_year), line)
        record: dict[str, Any] = {fw.get("unit_column", "uCode"): unit}
        for col in header:
            if col in numeric:
                value = _number(cell.get(col))
                if isinstance(value, str):
                    errors.append(RowError(line, col, _("'%(v)s' is not a number") % {"v": value}))
                record[col] = value
            elif col not in (unit_col, year_col):
                record[col] = None if cell.get(col) is None else str(cell.get(col))
        out.setdefault(row_year, []).append(record)
        if len(errors) >= MAX_ERRORS:
            break
    if errors:
        raise UploadError(errors)
    if not out:
        raise UploadError([RowError(None, None, _("The file has a header but no data rows."))])
    return out


def records_from_frame(frame: pd.DataFrame, spec: dict) -> tuple[list[str], list[dict]]:
    """Columns and JSON-ready records of a checked frame (used for the preset's own file)."""
    header = [str(c) for c in frame.columns]
    grouped = check_rows(spec, header, frame.astype(object).values.tolist(), year=None)
    rows = grouped[None]
    return _columns(rows), rows


def _columns(rows: list[dict]) -> list[str]:
    columns: list[str] = []
    for row in rows:
        columns.extend(c for c in row if c not in columns)
    return columns


@transaction.atomic
def dataset_upload(
    *, framework: Framework, by, upload, year: int | None, name: str = "", platform_level: str = ""
) -> list[Dataset]:
    """One dataset per year in the file; framework indicators that are platform indicators are filled from the
    platform's records when ``platform_level`` is "city" or "country"."""
    from techbridge.evaluation import platform

    header, rows = read_table(upload)
    codes = platform.indicator_codes() if platform_level else ()
    grouped = check_rows(framework.spec, header, rows, year=year, platform_codes=codes)
    created = []
    for row_year, records in sorted(grouped.items(), key=lambda kv: kv[0] or 0):
        if platform_level:
            records = platform.fill(framework.spec, records, level=platform_level, year=row_year)
        created.append(
            Dataset.objects.create(
                framework=framework,
                name=(name or upload.name or _("Upload"))[:200],
                year=row_year,
                source=DatasetSource.UPLOAD,
                columns=_columns(records),
                rows=records,
                created_by=by,
            )
        )
    return created


@transaction.atomic
def dataset_from_platform(*, framework: Framework, by, level: str, year: int) -> Dataset:
    """A dataset computed from TechBridge's own records (see :mod:`techbridge.evaluation.platform`)."""
    from techbridge.evaluation import platform

    if level not in platform.LEVELS:
        raise ValidationError(_("Choose city or country units."))
    rows = platform.platform_rows(framework.spec, level=level, year=year)
    if not rows:
        raise ValidationError(_("No platform activity recorded for %(year)s.") % {"year": year})
    return Dataset.objects.create(
        framework=framework,
        name=_("Platform indicators per city") if level == "city" else _("Platform indicators per country"),
        year=year,
        source=DatasetSource.PLATFORM,
        columns=_columns(rows),
        rows=rows,
        created_by=by,
    )
