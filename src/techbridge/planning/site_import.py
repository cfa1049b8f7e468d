"""Sites from a CSV or XLSX upload: every row checked first, then all saved or none (row-level errors)."""

from __future__ import annotations

import math
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from techbridge.directory.models import City, Country
from techbridge.planning.models import Study, StudyCriterion
from techbridge.planning.services import site_save


@dataclass
class ImportOutcome:
    created: int = 0
    updated: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def _number(text: str) -> float | None:
    text = text.strip().replace(",", ".") if text else ""
    if not text:
        return None
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(text)
    return value


def _site_row(study: Study, values: dict[str, str], criteria: list[StudyCriterion]) -> tuple[dict, list[str]]:
    problems: list[str] = []
    data: dict = {"name": values.get("name", "").strip()}
    if not data["name"]:
        problems.append(_("column name is empty"))
    code = values.get("country", "").strip().upper()
    data["country"] = Country.objects.filter(code=code).first()
    if data["country"] is None:
        problems.append(_("unknown country code '{code}'").format(code=code))
    city = values.get("city", "").strip()
    data["city"] = None
    if city:
        data["city"] = (
            City.objects.filter(key=city).first() or City.objects.filter(name_en__iexact=city).first()
        )
    for col in ("lat", "lon", "cost", *[c.key for c in criteria if not c.metric]):
        try:
            data[col] = _number(values.get(col, ""))
        except ValueError:
            problems.append(
                _("column {column}: '{value}' is not a number").format(column=col, value=values[col])
            )
    for col, limit in (("lat", 90), ("lon", 180)):
        if data.get(col) is not None and abs(data[col]) > limit:
            problems.append(_("column {column}: {value} is out of range").format(column=col, value=data[col]))
    return data, problems


def sites_import(*, study: Study, upload, filename: str) -> ImportOutcome:
    """Sites from a CSV or XLSX file (columns: name, country, city, lat, lon, cost, criterion keys).

    All or nothing: any row error -> nothing saved and every error reported with its row number.
    """
    from techbridge.dataio.readers import open_table
    from techbridge.dataio.report import FileError

    outcome = ImportOutcome()
    suffix = Path(filename).suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        outcome.errors.append(_("Upload a .csv or .xlsx file."))
        return outcome
    criteria = list(study.criteria.all())
    with tempfile.NamedTemporaryFile(suffix=suffix) as tmp:
        for chunk in upload.chunks():
            tmp.write(chunk)
        tmp.flush()
        try:
            table = open_table(Path(tmp.name), name=filename)
            missing = [c for c in ("name", "country") if c not in table.columns]
            if missing:
                outcome.errors.append(_("Missing column(s): {columns}.").format(columns=", ".join(missing)))
                return outcome
            rows = []
            for row in table.rows:
                data, problems = _site_row(study, row.values, criteria)
                problems = [f"{col}: {msg}" for col, msg in row.problems] + problems
                outcome.errors += [
                    _("Row {row}: {problem}").format(row=row.number, problem=p) for p in problems
                ]
                rows.append(data)
        except FileError as exc:
            outcome.errors.append(str(exc))
            return outcome
    names = [r["name"] for r in rows]
    dupes = sorted({n for n in names if names.count(n) > 1 and n})
    if dupes:
        outcome.errors.append(_("Site names appear twice: {names}.").format(names=", ".join(dupes)))
    if not rows:
        outcome.errors.append(_("The file has no rows."))
    if outcome.errors:
        return outcome
    with transaction.atomic():
        for data in rows:
            existing = study.sites.filter(name=data["name"]).first()
            site_save(study=study, site=existing, data=data)
            if existing:
                outcome.updated += 1
            else:
                outcome.created += 1
    return outcome
