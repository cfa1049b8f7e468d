"""Export the lists of the web UI (profiles, organisations, people, countries) as CSV or XLSX.

The same filters and permissions as the list pages: confidential details and e-mails only for brokers,
people not for analysts. The columns are those the importer reads, so an exported file imports again.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import IO

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from techbridge.dataio.columns import EXPORTABLE, join
from techbridge.directory import selectors as directory_selectors
from techbridge.marketplace import rules
from techbridge.marketplace.selectors import ProfileFilters, profile_list

FORMATS = ("csv", "xlsx")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
_FORMULA_START = ("=", "+", "-", "@")


class Operator:
    """The operator at the command line: sees everything, like an administrator."""

    is_authenticated = True
    is_superuser = True
    role = "admin"
    organisation_id = None
    email = ""
    pk = None


@dataclass
class Export:
    columns: list[str]
    rows: Iterator[list]


def _int(value) -> int | None:
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return None


def _get(filters: Mapping, name: str) -> str:
    return str(filters.get(name) or "").strip()


def build_export(kind: str, filters: Mapping, viewer) -> Export:
    """The rows of a list as the viewer may see them; raises PermissionDenied, or KeyError for a bad kind."""
    entity = EXPORTABLE[kind]
    if not (viewer is not None and viewer.is_authenticated):
        raise PermissionDenied(_("Sign in to export."))
    broker = rules.is_broker(viewer)
    columns = list(entity.columns)
    if kind == "profiles":
        f = ProfileFilters(
            q=_get(filters, "q"),
            kind=_get(filters, "kind"),
            term=_get(filters, "term"),
            country=_get(filters, "country"),
            trl_min=_int(filters.get("trl_min")),
            trl_max=_int(filters.get("trl_max")),
            partnership=_get(filters, "partnership"),
            language=_get(filters, "language"),
            status=_get(filters, "status"),
        )
        qs = profile_list(filters=f, viewer=viewer).prefetch_related(
            "technology_keywords", "market_keywords", "target_countries"
        )
        if not broker:
            columns.remove("confidential_details")
        return Export(columns, (_profile_row(p, columns) for p in qs.iterator(chunk_size=500)))
    if kind == "organisations":
        qs = directory_selectors.organisation_list(
            q=_get(filters, "q"),
            kind=_get(filters, "kind"),
            country=_get(filters, "country"),
            city=_get(filters, "city"),
        ).prefetch_related("sectors")
        return Export(columns, (_organisation_row(o) for o in qs.iterator(chunk_size=500)))
    if kind == "people":
        if not rules.can_view_people(viewer):
            raise PermissionDenied(_("Analysts see aggregates, not personal data."))
        qs = directory_selectors.person_list(
            q=_get(filters, "q"),
            kind=_get(filters, "kind"),
            country=_get(filters, "country"),
            term=_get(filters, "term"),
        )
        if not broker:
            columns.remove("email")
        return Export(columns, (_person_row(p, columns) for p in qs.iterator(chunk_size=500)))
    qs = directory_selectors.country_list()
    return Export(columns, ([getattr(c, col) for col in columns] for c in qs.iterator()))


def _codes(manager, field: str = "code") -> str:
    return join(getattr(t, field) for t in manager.all())


def _profile_row(p, columns: list[str]) -> list:
    values = {
        "reference": p.reference,
        "kind": p.kind,
        "organisation": p.organisation.key,
        "title": p.title,
        "summary": p.summary,
        "description": p.description,
        "language": p.language,
        "technology_keywords": _codes(p.technology_keywords),
        "market_keywords": _codes(p.market_keywords),
        "trl": p.trl,
        "ipr_status": p.ipr_status,
        "partnership_types": join(p.partnership_types),
        "target_countries": _codes(p.target_countries),
        "partner_kinds": join(p.partner_kinds),
        "confidential_details": p.confidential_details,
        "deadline": p.deadline,
        "expires_at": p.expires_at,
        "status": p.status,
    }
    return [values[c] for c in columns]


def _organisation_row(o) -> list:
    return [
        o.key,
        o.name,
        o.name_en,
        o.kind,
        o.country_id,
        o.city.key if o.city else "",
        o.size,
        _codes(o.sectors),
        o.website,
        join(o.languages),
        o.description,
        o.founded,
        join(f"{scheme}:{value}" for scheme, value in sorted((o.external_ids or {}).items())),
    ]


def _person_row(p, columns: list[str]) -> list:
    values = {
        "key": p.key,
        "full_name": p.full_name,
        "kind": p.kind,
        "title": p.title,
        "organisation": p.organisation.key if p.organisation else "",
        "country": p.country_id,
        "expertise": p.expertise,
        "expertise_terms": _codes(p.expertise_terms),
        "languages": join(p.languages),
        "availability": p.availability,
        "email": p.email,
    }
    return [values[c] for c in columns]


def cell_text(value) -> object:
    """A value for a CSV cell: lists joined, dates in ISO form, text guarded against formula injection."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return join(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return (
            "'" + value
        )  # a spreadsheet would run =..., +..., -..., @... as a formula; the importer strips '
    return value


class _Line:
    """A file-like object whose write returns the text, so csv.writer can feed a streaming response."""

    def write(self, text: str) -> str:
        return text


def csv_chunks(export: Export) -> Iterator[str]:
    """CSV text in chunks, starting with a byte-order mark so Excel reads UTF-8 (Chinese) correctly."""
    writer = csv.writer(_Line())
    yield "\ufeff" + writer.writerow(export.columns)
    for row in export.rows:
        yield writer.writerow([cell_text(v) for v in row])


def write_csv(export: Export, fh: IO[str]) -> int:
    """Write the export to a text file opened with newline=""; returns the number of records."""
    lines = 0
    for chunk in csv_chunks(export):
        fh.write(chunk)
        lines += 1
    return lines - 1


def write_xlsx(export: Export, fh: IO[bytes]) -> int:
    """A one-sheet workbook; text that looks like a formula is stored as text, never as a formula."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    book = Workbook(write_only=True)
    sheet = book.create_sheet("export")
    sheet.append(export.columns)
    count = 0
    for row in export.rows:
        cells = []
        for value in row:
            if isinstance(value, (list, tuple)):
                value = join(value)
            if isinstance(value, str):
                value = ILLEGAL_CHARACTERS_RE.sub("", value)
            cell = WriteOnlyCell(sheet, value=value)
            if isinstance(value, str):
                cell.data_type = "s"
            cells.append(cell)
        sheet.append(cells)
        count += 1
    book.save(fh)
    return count


def file_name(kind: str, fmt: str, today: dt.date) -> str:
    return f"techbridge-{kind}-{today:%Y%m%d}.{fmt}"
