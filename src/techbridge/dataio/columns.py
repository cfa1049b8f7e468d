"""The columns of each importable and exportable list: model field names, the same for import and export.

Multi-valued columns hold values separated by ';'. References: an organisation by its key, a country by its
ISO code, a city by its key, a taxonomy term by its code. docs/import-export.md documents every column.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import ngettext

SEPARATOR = ";"


@dataclass(frozen=True)
class Entity:
    name: str
    columns: tuple[str, ...]
    required: tuple[str, ...]
    key: str  # the column that identifies a record (for upsert and duplicate checks)
    multi: frozenset[str] = frozenset()
    export_only: frozenset[str] = frozenset()  # written by the export, accepted and ignored by the import


ORGANISATIONS = Entity(
    "organisations",
    (
        "key",
        "name",
        "name_en",
        "kind",
        "country",
        "city",
        "size",
        "sectors",
        "website",
        "languages",
        "description",
        "founded",
        "external_ids",
    ),
    ("key", "name", "kind", "country"),
    "key",
    frozenset({"sectors", "languages", "external_ids"}),
)
PEOPLE = Entity(
    "people",
    (
        "key",
        "full_name",
        "kind",
        "title",
        "organisation",
        "country",
        "expertise",
        "expertise_terms",
        "languages",
        "availability",
        "email",
    ),
    ("key", "full_name", "kind", "country"),
    "key",
    frozenset({"expertise_terms", "languages"}),
)
PROFILES = Entity(
    "profiles",
    (
        "reference",
        "kind",
        "organisation",
        "title",
        "summary",
        "description",
        "language",
        "technology_keywords",
        "market_keywords",
        "trl",
        "ipr_status",
        "partnership_types",
        "target_countries",
        "partner_kinds",
        "confidential_details",
        "deadline",
        "expires_at",
        "status",
    ),
    ("kind", "organisation", "title", "summary", "language"),
    "reference",
    frozenset(
        {"technology_keywords", "market_keywords", "partnership_types", "target_countries", "partner_kinds"}
    ),
    frozenset({"status"}),
)
COUNTRIES = Entity(
    "countries",
    (
        "code",
        "name_en",
        "name_zh",
        "name_local",
        "group",
        "capital",
        "official_languages",
        "time_zone",
        "currency",
        "lat",
        "lon",
    ),
    ("code", "name_en", "group"),
    "code",
    frozenset({"official_languages"}),
)
IMPORTABLE = {e.name: e for e in (ORGANISATIONS, PEOPLE, PROFILES)}
EXPORTABLE = {e.name: e for e in (PROFILES, ORGANISATIONS, PEOPLE, COUNTRIES)}


def split(text: str) -> list[str]:
    """The values of a multi-valued cell, in order, without blanks or repeats."""
    values: list[str] = []
    for part in text.split(SEPARATOR):
        part = part.strip()
        if part and part not in values:
            values.append(part)
    return values


def join(values) -> str:
    return SEPARATOR.join(str(v) for v in values)


def check_columns(entity: Entity, columns: list[str], mode: str = "create") -> list[str]:
    """Problems with a file's header: unknown and missing columns, each message naming them.

    In upsert mode only the key column is required: a partial file updates the columns it has.
    """
    problems = []
    required = (entity.key,) if mode == "upsert" else entity.required
    unknown = [c for c in columns if c not in entity.columns]
    if unknown:
        problems.append(
            ngettext(
                "Unknown column {names}; the columns of {entity} are: {columns}.",
                "Unknown columns {names}; the columns of {entity} are: {columns}.",
                len(unknown),
            ).format(
                names=", ".join(repr(c) for c in unknown),
                entity=entity.name,
                columns=", ".join(entity.columns),
            )
        )
    missing = [c for c in required if c not in columns]
    if missing:
        problems.append(
            ngettext(
                "Missing required column {names}.", "Missing required columns {names}.", len(missing)
            ).format(names=", ".join(repr(c) for c in missing))
        )
    return problems
