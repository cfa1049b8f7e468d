"""Import organisations, people and profiles from a Table: every row validated, all rows saved or none.

Profiles are validated by marketplace.forms.ProfileForm and saved through the marketplace services, so the
rules are those of the web UI; organisations and people by the ModelForms in dataio.forms.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from techbridge.dataio.columns import IMPORTABLE, Entity, check_columns, split
from techbridge.dataio.forms import OrganisationImportForm, PersonImportForm
from techbridge.dataio.readers import Row, Table
from techbridge.dataio.report import ImportReport
from techbridge.directory.models import City, Country, Organisation, Person, TaxonomyTerm
from techbridge.marketplace import rules, services
from techbridge.marketplace.forms import ProfileForm
from techbridge.marketplace.models import Profile

Progress = Callable[[Iterable[Row], int | None], Iterable[Row]]  # (rows, estimated total)
_LANGUAGE = re.compile(r"^[a-z]{2,3}(-[a-z0-9]{2,8})?$")


@dataclass(frozen=True)
class ImportOptions:
    mode: str = "create"  # "create": an existing key is an error; "upsert": it is updated
    status: str = "draft"  # status of imported profiles; "published" for brokers only
    dry_run: bool = True


class RowInvalid(Exception):
    def __init__(self, problems: list[tuple[str, str]]):
        super().__init__(problems)
        self.problems = problems


class Lookups:
    """Reference data read once per run, so checks need no query per row."""

    def __init__(self) -> None:
        self.countries = set(Country.objects.values_list("code", flat=True))
        self.cities = dict(City.objects.values_list("key", "country_id"))
        self.terms = dict(TaxonomyTerm.objects.values_list("code", "scheme"))
        self.organisations = dict(Organisation.objects.values_list("key", "id"))
        self.people = set(Person.objects.values_list("key", flat=True))

    def country(self, column: str, code: str) -> list[tuple[str, str]]:
        if code and code not in self.countries:
            return [(column, _("Unknown country code '{code}'.").format(code=code))]
        return []

    def taxonomy(self, column: str, codes: list[str], scheme: str | None = None) -> list[tuple[str, str]]:
        problems = []
        for code in codes:
            found = self.terms.get(code)
            if found is None:
                problems.append((column, _("Unknown taxonomy code '{code}'.").format(code=code)))
            elif scheme and found != scheme:
                problems.append(
                    (
                        column,
                        _("The taxonomy code '{code}' is a {found} term, not a {scheme} term.").format(
                            code=code, found=found, scheme=scheme
                        ),
                    )
                )
        return problems


def form_problems(form, values: dict[str, str], skip: set[str] = frozenset()) -> list[tuple[str, str]]:
    """A bound form's errors as (column, message), quoting the offending value."""
    problems = []
    for name, errors in form.errors.items():
        if name in skip:
            continue
        raw = values.get(name, "")
        for message in errors:
            text = str(message)
            if raw and raw[:80] not in text:
                text += " " + _("(value: '{value}')").format(value=raw[:80])
            problems.append(("" if name == "__all__" else name, text))
    return problems


def _overlay(data: dict, row: Row, entity: Entity, upper: tuple[str, ...] = ()) -> dict:
    """Start from the existing record's values; every column present in the file replaces its field."""
    for column, value in row.values.items():
        if column in entity.export_only:
            continue
        if column in upper:
            value = value.upper()
        data[column] = split(value) if column in entity.multi else value
    return data


def _languages(row: Row) -> tuple[list[str] | None, list[tuple[str, str]]]:
    if "languages" not in row.values:
        return None, []
    codes = [c.lower() for c in split(row.values["languages"])]
    bad = [c for c in codes if not _LANGUAGE.match(c)]
    return codes, [
        ("languages", _("'{code}' is not a language code (ISO 639-1, e.g. en, zh, pl).").format(code=c))
        for c in bad
    ]


def _external_ids(row: Row) -> tuple[dict | None, list[tuple[str, str]]]:
    if "external_ids" not in row.values:
        return None, []
    ids, problems = {}, []
    for pair in split(row.values["external_ids"]):
        scheme, sep, value = pair.partition(":")
        if not sep or not scheme.strip() or not value.strip():
            problems.append(
                (
                    "external_ids",
                    _("'{pair}' is not written scheme:identifier (e.g. cordis:999993953).").format(pair=pair),
                )
            )
        else:
            ids[scheme.strip()] = value.strip()
    return ids, problems


def _existing(model, key: str, known, mode: str, what: str):
    # `what` is the message for an existing key, with a {key} placeholder.
    """The record with this key (None when new: `known` holds every key, so new rows cost no query)."""
    found = model.objects.filter(key=key).first() if key and key in known else None
    if found is not None and mode == "create":
        raise RowInvalid([("key", what.format(key=key))])
    return found


def import_organisation(
    row: Row, user, options: ImportOptions, lookups: Lookups, report: ImportReport
) -> None:
    v = row.values
    existing = _existing(
        Organisation,
        v.get("key", ""),
        lookups.organisations,
        options.mode,
        _("An organisation with the key '{key}' already exists; choose the mode 'upsert' to update it."),
    )
    data = {}
    if existing is not None:
        data = {
            "key": existing.key,
            "name": existing.name,
            "name_en": existing.name_en,
            "kind": existing.kind,
            "country": existing.country_id,
            "city": existing.city.key if existing.city else "",
            "size": existing.size,
            "sectors": list(existing.sectors.values_list("code", flat=True)),
            "website": existing.website,
            "description": existing.description,
            "founded": existing.founded or "",
        }
    data = _overlay(data, row, IMPORTABLE["organisations"], upper=("country",))
    problems = lookups.country("country", data.get("country", ""))
    if data.get("city") and data["city"] not in lookups.cities:
        problems.append(("city", _("Unknown city key '{key}'.").format(key=data["city"])))
    problems += lookups.taxonomy("sectors", data.get("sectors", []))
    languages, more = _languages(row)
    ids, more2 = _external_ids(row)
    form = OrganisationImportForm(data, instance=existing)
    problems += more + more2 + form_problems(form, v, skip={c for c, _m in problems})
    if problems:
        raise RowInvalid(problems)
    org = form.save(commit=False)
    if languages is not None:
        org.languages = languages
    if ids is not None:
        org.external_ids = ids
    org.save()
    if existing is not None or data.get("sectors"):
        form.save_m2m()
    lookups.organisations[org.key] = org.pk
    report.change(row.number, "update" if existing else "create", org.key, org.name)


def import_person(row: Row, user, options: ImportOptions, lookups: Lookups, report: ImportReport) -> None:
    v = row.values
    existing = _existing(
        Person,
        v.get("key", ""),
        lookups.people,
        options.mode,
        _("A person with the key '{key}' already exists; choose the mode 'upsert' to update it."),
    )
    data = {"availability": "available"}
    if existing is not None:
        data = {
            "key": existing.key,
            "full_name": existing.full_name,
            "kind": existing.kind,
            "title": existing.title,
            "organisation": existing.organisation.key if existing.organisation else "",
            "country": existing.country_id,
            "expertise": existing.expertise,
            "expertise_terms": list(existing.expertise_terms.values_list("code", flat=True)),
            "availability": existing.availability,
            "email": existing.email,
        }
    data = _overlay(data, row, IMPORTABLE["people"], upper=("country",))
    data["availability"] = data.get("availability") or "available"
    problems = lookups.country("country", data.get("country", ""))
    if data.get("organisation") and data["organisation"] not in lookups.organisations:
        problems.append(
            ("organisation", _("Unknown organisation key '{key}'.").format(key=data["organisation"]))
        )
    problems += lookups.taxonomy("expertise_terms", data.get("expertise_terms", []))
    languages, more = _languages(row)
    form = PersonImportForm(data, instance=existing)
    problems += more + form_problems(form, v, skip={c for c, _m in problems})
    if problems:
        raise RowInvalid(problems)
    person = form.save(commit=False)
    if languages is not None:
        person.languages = languages
    person.save()
    if existing is not None or data.get("expertise_terms"):
        form.save_m2m()
    lookups.people.add(person.key)
    report.change(row.number, "update" if existing else "create", person.key, person.full_name)


def _profile_data(profile: Profile) -> dict:
    return {
        "kind": profile.kind,
        "title": profile.title,
        "summary": profile.summary,
        "description": profile.description,
        "language": profile.language,
        "technology_keywords": list(profile.technology_keywords.values_list("code", flat=True)),
        "market_keywords": list(profile.market_keywords.values_list("code", flat=True)),
        "trl": profile.trl or "",
        "ipr_status": profile.ipr_status,
        "partnership_types": list(profile.partnership_types),
        "partner_kinds": list(profile.partner_kinds),
        "target_countries": list(profile.target_countries.values_list("code", flat=True)),
        "confidential_details": profile.confidential_details,
        "deadline": profile.deadline.isoformat() if profile.deadline else "",
        "expires_at": profile.expires_at.isoformat() if profile.expires_at else "",
    }


def _profile_checks(data: dict, lookups: Lookups, user) -> list[tuple[str, str]]:
    problems = lookups.taxonomy("technology_keywords", data.get("technology_keywords", []), "technology")
    problems += lookups.taxonomy("market_keywords", data.get("market_keywords", []), "market")
    for code in data.get("target_countries", []):
        problems += lookups.country("target_countries", code)
    trl = str(data.get("trl", "")).strip()
    if trl and not (trl.isdigit() and 1 <= int(trl) <= 9):
        problems.append(
            ("trl", _("The TRL must be a whole number from 1 to 9, not '{value}'.").format(value=trl))
        )
    key = data.get("organisation", "")
    if key not in lookups.organisations:
        problems.append(("organisation", _("Unknown organisation key '{key}'.").format(key=key)))
    elif not rules.is_broker(user) and lookups.organisations[key] != user.organisation_id:
        problems.append(("organisation", _("You may import profiles only for your own organisation.")))
    return problems


def import_profile(row: Row, user, options: ImportOptions, lookups: Lookups, report: ImportReport) -> None:
    v = row.values
    reference = v.get("reference", "")
    existing = (
        Profile.objects.filter(reference=reference).select_related("organisation").first()
        if reference
        else None
    )
    if reference and existing is None:
        raise RowInvalid(
            [
                (
                    "reference",
                    _(
                        "No profile has the reference '{reference}'; leave the cell empty to create a new profile."
                    ).format(reference=reference),
                )
            ]
        )
    if existing is not None and options.mode == "create":
        raise RowInvalid(
            [
                (
                    "reference",
                    _(
                        "The profile '{reference}' already exists; choose the mode 'upsert' to update it."
                    ).format(reference=reference),
                )
            ]
        )
    data = _profile_data(existing) if existing else {}
    data["organisation"] = existing.organisation.key if existing else ""
    data = _overlay(data, row, IMPORTABLE["profiles"], upper=("target_countries",))
    data["target_countries"] = [c.upper() for c in data.get("target_countries", [])]
    problems = _profile_checks(data, lookups, user)
    form = ProfileForm(data, instance=existing)
    problems += form_problems(form, v, skip={c for c, _m in problems})
    if problems:
        raise RowInvalid(problems)
    org = Organisation.objects.get(pk=lookups.organisations[data["organisation"]])
    if existing is None:
        profile = services.profile_create(by=user, organisation=org, cleaned=dict(form.cleaned_data))
    else:
        if existing.organisation_id != org.pk:
            raise RowInvalid(
                [("organisation", _("The organisation of an existing profile cannot be changed."))]
            )
        profile = services.profile_update(profile=existing, by=user, form=form)
    if options.status == "published":
        publish(profile, user)
    report.change(row.number, "update" if existing else "create", profile.reference, profile.title)


def publish(profile: Profile, user) -> None:
    """Bring a profile to published through the lifecycle (submission runs the quality checks)."""
    if profile.status == "draft":
        services.profile_transition(profile=profile, by=user, action="submit")
    if profile.status in ("submitted", "in_review"):
        services.profile_transition(profile=profile, by=user, action="publish")


HANDLERS = {"organisations": import_organisation, "people": import_person, "profiles": import_profile}


def problems_of(exc: Exception) -> list[tuple[str, str]]:
    """A service's refusal as (column, message) pairs."""
    if isinstance(exc, RowInvalid):
        return exc.problems
    if isinstance(exc, ValidationError) and hasattr(exc, "error_dict"):
        return [("" if f == "__all__" else f, str(m)) for f, msgs in exc.message_dict.items() for m in msgs]
    if isinstance(exc, ValidationError):
        return [("", m) for m in exc.messages]
    return [("", str(exc) or _("Permission denied."))]


def run_rows(
    rows: Iterator[Row] | Iterable[Row],
    handler,
    *,
    key: str,
    user,
    options: ImportOptions,
    report: ImportReport,
    lookups: Lookups,
    source: str = "",
) -> None:
    """Validate and save each row in its own savepoint; duplicates of `key` in the file are errors."""
    seen: dict[str, int] = {}
    for row in rows:
        report.rows += 1
        for column, message in row.problems:
            report.error(row.number, column, message, source)
        if row.problems:
            continue
        value = row.values.get(key, "")
        if value and value in seen:
            report.error(
                row.number,
                key,
                _("Duplicate {column} '{value}' (already on row {row}).").format(
                    column=key, value=value, row=seen[value]
                ),
                source,
            )
            continue
        if value:
            seen[value] = row.number
        try:
            with transaction.atomic():
                handler(row, user, options, lookups, report)
        except (RowInvalid, ValidationError, PermissionDenied) as exc:
            for column, message in problems_of(exc):
                report.error(row.number, column, message, source)


def import_table(
    kind: str,
    table: Table,
    *,
    user,
    options: ImportOptions,
    report: ImportReport,
    progress: Progress | None = None,
) -> None:
    """Check the header, then all rows in one transaction; roll back on any error or for a dry run."""
    entity = IMPORTABLE[kind]
    problems = check_columns(entity, table.columns, options.mode)
    for message in problems:
        report.error(0, "", message)
    if problems:
        return
    rows = progress(table.rows, table.total) if progress else table.rows
    with transaction.atomic():
        run_rows(
            rows, HANDLERS[kind], key=entity.key, user=user, options=options, report=report, lookups=Lookups()
        )
        if report.rows == 0:
            report.error(0, "", _("The file has a header row but no records."))
        if not report.ok or options.dry_run:
            transaction.set_rollback(True)
        else:
            report.committed = True
