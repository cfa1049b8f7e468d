"""CORDIS import: real JSON sample (shared data) and a small CSV in the official ';' layout."""

from __future__ import annotations

import json

import pytest

from techbridge.dataio.importers import ImportOptions
from techbridge.dataio.models import ExternalRecord
from techbridge.dataio.services import run_import
from techbridge.directory.models import Country, Organisation
from techbridge.marketplace.models import Profile

pytestmark = pytest.mark.django_db

PROJECTS_CSV = (
    "id;acronym;status;title;startDate;endDate;totalCost;ecMaxContribution;frameworkProgramme;topics;objective\n"
    '101007247;EVC1000;SIGNED;"Electric vehicle components for 1000 km range";2021-01-01;2024-12-31;'
    '"10000000";"9000000,5";H2020;LC-GV-2020;"Batteries and chips for electric cars; semiconductors for the '
    'power electronics of the next generation of electric vehicles, tested on two demonstrators."\n'
)
ORGS_CSV = (
    "projectID;projectAcronym;organisationID;vatNumber;name;shortName;SME;activityType;street;postCode;city;"
    "country;nutsCode;geolocation;organizationURL;contactForm;contentUpdateDate;rcn;order;role;ecContribution\n"
    '101007247;EVC1000;999999001;;"TECHNISCHE UNIVERSITAET GRAZ";TU Graz;false;HES;Rechbauerstrasse 12;8010;Graz;'
    'AT;AT221;"47.06,15.45";www.tugraz.at;;;1;1;coordinator;1000\n'
    '101007247;EVC1000;999999002;;"Elektro Ljubljana d.o.o.";;true;PRC;;;Ljubljana;SI;;;;;;;2;participant;500\n'
    '101007247;EVC1000;999999003;;"Hellenic Institute";HI;false;REC;;;Athens;EL;;;;;;;3;participant;500\n'
)


def _cordis(projects, organisations, user, dry_run=False, fmt=None):
    report, _run = run_import(
        "cordis-projects",
        projects,
        user=user,
        options=ImportOptions(dry_run=dry_run),
        organisations_path=organisations,
        fmt=fmt,
    )
    return report


@pytest.fixture
def csv_files(tmp_path):
    projects, orgs = tmp_path / "project.csv", tmp_path / "organization.csv"
    projects.write_text(PROJECTS_CSV, encoding="utf-8")
    orgs.write_text(ORGS_CSV, encoding="utf-8")
    return projects, orgs


def test_it_imports_a_cordis_csv_pair_as_organisations_and_a_published_rnd_profile(ref, csv_files):
    report = _cordis(*csv_files, ref["users"]["broker"])
    assert report.ok, report.errors
    tu = Organisation.objects.get(external_ids__cordis="999999001")
    assert (tu.kind, tu.country_id, tu.key, tu.website) == (
        "university",
        "AT",
        "tu-graz-999999001",
        "http://www.tugraz.at",
    )
    assert Organisation.objects.get(external_ids__cordis="999999003").country_id == "GR"  # CORDIS 'EL'
    profile = Profile.objects.get()
    assert (profile.kind, profile.status, profile.language, profile.organisation) == (
        "rnd",
        "published",
        "en",
        tu,
    )
    assert profile.title == "EVC1000: Electric vehicle components for 1000 km range"
    assert "CORDIS project 101007247 (EVC1000)" in profile.description
    assert "Source: CORDIS, European Union" in profile.description
    assert "EU contribution: EUR 9,000,000.50" in profile.description
    assert sorted(profile.technology_keywords.values_list("code", flat=True)) == [
        "energy.storage",
        "it.semiconductors",
    ]
    assert profile.partnership_types == ["research_cooperation"]
    assert ExternalRecord.objects.get(source="cordis").profile == profile


def test_it_creates_and_reports_missing_countries(ref, csv_files):
    report = _cordis(*csv_files, ref["users"]["broker"])
    for code in ("AT", "SI", "GR"):
        country = Country.objects.get(code=code)
        assert (country.group, country.name_en) == ("other", code)
    assert sum("minimal entry" in n for n in report.notes) == 3


def test_a_second_import_updates_without_duplicates(ref, csv_files):
    broker = ref["users"]["broker"]
    _cordis(*csv_files, broker)
    projects, orgs = csv_files
    orgs.write_text(
        ORGS_CSV.replace('"Elektro Ljubljana d.o.o."', '"Elektro Ljubljana d.d."'), encoding="utf-8"
    )
    report = _cordis(projects, orgs, broker)
    assert (report.created, report.updated) == (0, 4)
    assert Organisation.objects.filter(external_ids__has_key="cordis").count() == 3
    assert Organisation.objects.get(external_ids__cordis="999999002").name == "Elektro Ljubljana d.d."
    assert Profile.objects.count() == 1


def test_a_dry_run_saves_nothing(ref, csv_files):
    report = _cordis(*csv_files, ref["users"]["broker"], dry_run=True)
    assert report.ok and report.created == 4
    assert not Organisation.objects.filter(external_ids__has_key="cordis").exists()
    assert not Country.objects.filter(code="AT").exists()


def test_it_reports_a_project_without_coordinator_and_bad_activity_types(ref, csv_files):
    projects, orgs = csv_files
    orgs.write_text(
        ORGS_CSV.replace("coordinator", "participant").replace(";REC;", ";XYZ;"), encoding="utf-8"
    )
    report = _cordis(projects, orgs, ref["users"]["broker"])
    errors = [(e.source, e.row, e.column) for e in report.errors]
    assert ("organization.csv", 4, "activityType") in errors
    assert ("project.csv", 2, "id") in errors
    assert not Organisation.objects.filter(external_ids__has_key="cordis").exists()


def test_it_names_missing_official_columns(ref, tmp_path, csv_files):
    projects, _orgs = csv_files
    orgs = tmp_path / "org.csv"
    orgs.write_text("organisation;name\n1;X\n", encoding="utf-8")
    message = _cordis(projects, orgs, ref["users"]["broker"]).errors[0].message
    assert "lacks the columns" in message and "organisationID" in message


def test_it_imports_the_real_cordis_json_sample(ref, shared_data):
    folder = shared_data / "cordis-json-sample"
    projects, orgs = folder / "project.json", folder / "organization.json"
    expected_orgs = len({r["organisationID"] for r in json.loads(orgs.read_text())})
    report = _cordis(projects, orgs, ref["users"]["broker"])
    assert report.ok, report.errors[:5]
    assert Profile.objects.filter(kind="rnd", status="published").count() == 26
    assert Organisation.objects.filter(external_ids__has_key="cordis").count() == expected_orgs == 765
    project = Profile.objects.get(title__startswith="3Ccar:")
    coordinator = project.organisation
    assert coordinator.external_ids["cordis"] in {
        str(r["organisationID"])
        for r in json.loads(orgs.read_text())
        if r["projectID"] == 662192 and r["role"] == "coordinator"
    }
    report = _cordis(projects, orgs, ref["users"]["broker"])  # idempotent
    assert report.ok and report.created == 0
    assert Profile.objects.count() == 26


def test_a_re_import_leaves_a_withdrawn_project_profile_alone(ref, csv_files):
    broker = ref["users"]["broker"]
    _cordis(*csv_files, broker)
    Profile.objects.update(status="withdrawn", title="Withdrawn by the broker")
    report = _cordis(*csv_files, broker)
    assert report.ok and any("left unchanged" in n for n in report.notes)
    assert Profile.objects.get().title == "Withdrawn by the broker"
