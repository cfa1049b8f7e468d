"""Import CORDIS project and organisation files (official field names, JSON or CSV with ';').

Organisations become directory Organisations (found again by external_ids["cordis"], so a re-import updates
and never duplicates); each project becomes a published R&D partner search (kind "rnd") of its coordinator,
found again through an ExternalRecord. Source: CORDIS, European Union (CC BY 4.0).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.forms import URLField
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from techbridge.dataio.forms import CordisOrganisationForm
from techbridge.dataio.importers import ImportOptions, Lookups, Progress, RowInvalid, form_problems, run_rows
from techbridge.dataio.models import ExternalRecord
from techbridge.dataio.readers import Row, Table, open_table
from techbridge.dataio.report import FileError, ImportReport
from techbridge.directory.models import (
    City,
    Country,
    CountryGroup,
    Organisation,
    TaxonomyScheme,
    TaxonomyTerm,
)
from techbridge.marketplace import services
from techbridge.marketplace.forms import ProfileForm
from techbridge.marketplace.models import Profile, ProfileAction, ProfileEvent

ACTIVITY_KIND = {
    "HES": "university",
    "REC": "research_institute",
    "PRC": "enterprise",
    "PUB": "government",
    "OTH": "intermediary",
}
# CORDIS writes EU country codes where they differ from ISO 3166-1.
COUNTRY_ALIASES = {"EL": "GR", "UK": "GB"}
PROJECT_COLUMNS = ("id", "acronym", "title", "objective")
ORGANISATION_COLUMNS = ("organisationID", "name", "country", "projectID", "role", "activityType")
MAX_KEYWORDS = 5


def _first(value: str) -> str:
    """CORDIS sometimes repeats a value ('PRC;PRC', 'FI;FI'): keep the first."""
    return value.split(";")[0].strip()


def _require(table: Table, columns: tuple[str, ...], name: str) -> None:
    missing = [c for c in columns if c not in table.columns]
    if missing:
        raise FileError(
            ngettext(
                "The CORDIS file '{name}' lacks the column {columns} (official CORDIS field names are expected).",
                "The CORDIS file '{name}' lacks the columns {columns} (official CORDIS field names are expected).",
                len(missing),
            ).format(name=name, columns=", ".join(missing))
        )


def _shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0]
    return cut.rstrip(",;:.") + "…"


class _Keywords:
    """Technology terms whose English label or synonym occurs in a text (whole words)."""

    def __init__(self) -> None:
        self.patterns = []
        for term in TaxonomyTerm.objects.filter(scheme=TaxonomyScheme.TECHNOLOGY):
            words = [term.label_en, *term.synonyms.get("en", [])]
            alternatives = "|".join(re.escape(w) for w in words if w and len(w) > 2)
            if alternatives:
                self.patterns.append((term.code, re.compile(rf"\b(?:{alternatives})\b", re.IGNORECASE)))

    def __call__(self, text: str) -> list[str]:
        hits = [(len(p.findall(text)), code) for code, p in self.patterns]
        ranked = sorted(((n, code) for n, code in hits if n), key=lambda h: (-h[0], h[1]))
        return [code for _n, code in ranked[:MAX_KEYWORDS]]


class _State:
    """What the organisations pass learns and the projects pass uses."""

    def __init__(self) -> None:
        self.by_cordis = {
            str(o.external_ids["cordis"]): o
            for o in Organisation.objects.filter(external_ids__has_key="cordis")
        }
        self.cities = {(c.country_id, c.name_en.lower()): c.key for c in City.objects.all()}
        self.coordinators: dict[str, str] = {}  # projectID -> organisationID
        self.seen: set[str] = set()
        self.lookups = Lookups()
        self.keywords = _Keywords()


def _country(code: str, row: Row, state: _State, report: ImportReport) -> str:
    code = COUNTRY_ALIASES.get(code.upper(), code.upper())
    if not re.fullmatch(r"[A-Z]{2}", code):
        raise RowInvalid(
            [
                (
                    "country",
                    _("'{value}' is not a two-letter country code.").format(
                        value=row.values.get("country", "")
                    ),
                )
            ]
        )
    if code not in state.lookups.countries:
        Country.objects.create(code=code, name_en=code, name_zh=code, group=CountryGroup.OTHER)
        state.lookups.countries.add(code)
        report.note(
            _(
                "The country '{code}' is not in the directory: a minimal entry (group 'other', name = code) is "
                "created; complete its names in the back office."
            ).format(code=code)
        )
    return code


def _new_key(row: Row, cordis_id: str, taken: dict) -> str:
    """`<shortName or name>-<organisationID>`, with a suffix in the rare case the key is taken already."""
    stem = slugify(_first(row.values.get("shortName", "")) or row.values["name"])[:80].strip("-") or "org"
    key, n = f"{stem}-{cordis_id}", 1
    while key in taken:
        n += 1
        key = f"{stem}-{cordis_id}-{n}"
    return key


def _organisation(row: Row, user, options: ImportOptions, state: _State, report: ImportReport) -> None:
    v = row.values
    cordis_id = v["organisationID"].strip()
    if not cordis_id:
        raise RowInvalid([("organisationID", _("The organisationID is empty."))])
    if v.get("role", "").strip().lower() == "coordinator" and v.get("projectID"):
        state.coordinators[v["projectID"].strip()] = cordis_id
    if cordis_id in state.seen:
        return
    state.seen.add(cordis_id)
    activity = _first(v.get("activityType", "")) or "OTH"
    if activity not in ACTIVITY_KIND:
        raise RowInvalid(
            [
                (
                    "activityType",
                    _("Unknown activityType '{value}' (PRC, HES, REC, PUB or OTH).").format(value=activity),
                )
            ]
        )
    country = _country(_first(v.get("country", "")), row, state, report)
    existing = state.by_cordis.get(cordis_id)
    url = _website(v.get("organizationURL", ""), row, report)
    data = {
        "key": existing.key if existing else _new_key(row, cordis_id, state.lookups.organisations),
        "name": v["name"].strip()[:200],
        "name_en": existing.name_en if existing else "",
        "kind": ACTIVITY_KIND[activity],
        "country": country,
        "city": state.cities.get((country, v.get("city", "").strip().lower()), ""),
        "website": url,
    }
    form = CordisOrganisationForm(data, instance=existing)
    if not form.is_valid():
        raise RowInvalid(form_problems(form, {"key": data["key"], "website": url}))
    org = form.save(commit=False)
    org.external_ids = {**(existing.external_ids if existing else {}), "cordis": cordis_id}
    org.save()
    state.by_cordis[cordis_id] = org
    state.lookups.organisations[org.key] = org.pk
    report.change(row.number, "update" if existing else "create", org.key, org.name)


def _website(raw: str, row: Row, report: ImportReport) -> str:
    """The first address of the cell ('www.a.eu / www.b.eu' occurs), with a scheme; "" and a note if invalid."""
    url = re.split(r"[\s;,]+", raw.strip())[0] if raw.strip() else ""
    if url and not re.match(r"https?://", url, re.IGNORECASE):
        url = "http://" + url
    try:
        return URLField(max_length=200, assume_scheme="http").clean(url) if url else ""
    except ValidationError:
        report.note(
            _(
                "Row {row}: the organizationURL '{value}' is not a web address; the website is left empty."
            ).format(row=row.number, value=raw)
        )
        return ""


def _footer(v: dict[str, str]) -> str:
    parts = [f"CORDIS project {v['id']} ({v.get('acronym', '')})"]
    programme = " ".join(x for x in (v.get("frameworkProgramme", ""), v.get("fundingScheme", "")) if x)
    if programme:
        parts.append(programme)
    if v.get("topics"):
        parts.append(f"topics: {v['topics']}")
    if v.get("startDate") or v.get("endDate"):
        parts.append(f"{v.get('startDate', '?')} to {v.get('endDate', '?')}")
    with contextlib.suppress(ValueError):
        amount = v.get("ecMaxContribution", "").replace(" ", "")
        if "," in amount and "." not in amount:
            amount = amount.replace(",", ".")  # CORDIS CSV files write decimal commas
        parts.append(f"EU contribution: EUR {float(amount):,.2f}")
    return (
        " · ".join(parts) + f"\nSource: CORDIS, European Union (CC BY 4.0), "
        f"https://cordis.europa.eu/project/id/{v['id']}"
    )


def _publish(profile: Profile, user) -> None:
    """CORDIS projects are public records: a broker's import publishes them directly, recorded in the history."""
    if profile.status == "published":
        return
    before, today = profile.status, timezone.localdate()
    profile.status, profile.published_at = "published", timezone.now()
    if not profile.expires_at or profile.expires_at <= today:
        profile.expires_at = today + dt.timedelta(days=settings.TECHBRIDGE_PROFILE_VALIDITY_DAYS)
    profile.save()
    ProfileEvent.objects.create(
        profile=profile,
        actor=user,
        action=ProfileAction.PUBLISH,
        from_status=before,
        to_status=profile.status,
        comment="Published on import from CORDIS.",
    )


def _project(row: Row, user, options: ImportOptions, state: _State, report: ImportReport) -> None:
    v = row.values
    project_id = v["id"].strip()
    if not project_id.isdigit():
        raise RowInvalid(
            [("id", _("The project id must be a number, not '{value}'.").format(value=project_id))]
        )
    org = state.by_cordis.get(state.coordinators.get(project_id, ""))
    if org is None:
        raise RowInvalid(
            [("id", _("The organisations file names no coordinator of project {id}.").format(id=project_id))]
        )
    record = (
        ExternalRecord.objects.filter(source="cordis", external_id=project_id)
        .select_related("profile")
        .first()
    )
    existing = record.profile if record else None
    if existing is not None and existing.status in ("expired", "withdrawn"):
        # A broker withdrew it, or it ran out: a re-import does not bring it back.
        report.note(
            _("Project {id}: the profile {reference} is {status} and was left unchanged.").format(
                id=project_id, reference=existing.reference, status=existing.get_status_display()
            )
        )
        return
    objective = v.get("objective", "").strip() or v.get("title", "")
    acronym = v.get("acronym", "").strip()
    title = v.get("title", "").strip()
    data = {
        "kind": "rnd",
        "title": _shorten(f"{acronym}: {title}" if acronym else title, 200),
        "summary": _shorten(objective, 500),
        "description": f"{objective}\n\n---\n{_footer(v)}",
        "language": "en",
        "technology_keywords": state.keywords(f"{title}\n{objective}"),
        "partnership_types": ["research_cooperation"],
        "partner_kinds": [],
        "market_keywords": [],
        "target_countries": [],
    }
    if existing is not None:
        data["target_countries"] = list(existing.target_countries.values_list("code", flat=True))
        data["confidential_details"] = existing.confidential_details
    form = ProfileForm(data, instance=existing)
    if not form.is_valid():
        raise RowInvalid(form_problems(form, {}))
    if existing is None:
        profile = services.profile_create(by=user, organisation=org, cleaned=dict(form.cleaned_data))
        ExternalRecord.objects.create(source="cordis", external_id=project_id, profile=profile)
    else:
        profile = services.profile_update(profile=existing, by=user, form=form)
        if profile.organisation_id != org.pk:
            profile.organisation = org
            profile.save(update_fields=["organisation"])
    _publish(profile, user)
    report.change(row.number, "update" if existing else "create", profile.reference, profile.title)


def import_cordis(
    projects_path: Path,
    organisations_path: Path,
    *,
    user,
    options: ImportOptions,
    report: ImportReport,
    fmt: str | None,
    names: tuple[str, str],
    progress: Progress | None = None,
) -> None:
    """Organisations first, then projects, in one transaction; rolled back on any error or for a dry run."""
    projects = open_table(projects_path, fmt=fmt, name=names[0], lower_headers=False)
    organisations = open_table(organisations_path, fmt=fmt, name=names[1], lower_headers=False)
    _require(projects, PROJECT_COLUMNS, names[0])
    _require(organisations, ORGANISATION_COLUMNS, names[1])
    wrap = progress or (lambda rows, total: rows)
    with transaction.atomic():
        state = _State()
        run_rows(
            wrap(organisations.rows, organisations.total),
            _organisation,
            key="",
            user=user,
            options=options,
            report=report,
            lookups=state,
            source=names[1],
        )
        run_rows(
            wrap(projects.rows, projects.total),
            _project,
            key="id",
            user=user,
            options=options,
            report=report,
            lookups=state,
            source=names[0],
        )
        if not report.ok or options.dry_run:
            transaction.set_rollback(True)
        else:
            report.committed = True
