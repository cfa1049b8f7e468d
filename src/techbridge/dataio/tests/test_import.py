"""Import of organisations, people and profiles: dry run, row errors, all-or-nothing commit, bad files."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from techbridge.dataio.importers import ImportOptions
from techbridge.dataio.models import ImportRun
from techbridge.dataio.services import run_import
from techbridge.directory.models import Organisation, Person
from techbridge.marketplace.models import Profile

pytestmark = pytest.mark.django_db

ORGS = (
    "key,name,name_en,kind,country,city,sectors,languages,website,founded\n"
    "nb-motor,宁波电机有限公司,Ningbo Motors,enterprise,CN,ningbo,energy;energy.storage,zh;en,nbmotor.cn,1998\n"
    "agh,AGH University,,university,pl,krakow,energy,pl,,\n"
)
SUMMARY = (
    "Solid-state lithium cells with 30% higher energy density for electric buses; we seek a licence "
    "partner with a production line in China."
)


def _import(kind, path, user=None, **options):
    dry_run = options.pop("dry_run", False)
    report, _run = run_import(kind, path, user=user, options=ImportOptions(dry_run=dry_run, **options))
    return report


def _errors(report):
    return [(e.row, e.column, e.message) for e in report.errors]


def test_a_dry_run_validates_every_row_and_saves_nothing(ref, write):
    report = _import("organisations", write("orgs.csv", ORGS), dry_run=True)
    assert report.ok and not report.committed
    assert (report.rows, report.created, report.updated) == (2, 2, 0)
    assert [c.key for c in report.changes] == ["nb-motor", "agh"]
    assert not Organisation.objects.filter(key__in=["nb-motor", "agh"]).exists()
    assert ImportRun.objects.get().dry_run is True


def test_a_commit_saves_references_and_multi_valued_columns(ref, write):
    report = _import("organisations", write("orgs.csv", ORGS))
    assert report.ok and report.committed
    org = Organisation.objects.get(key="nb-motor")
    assert (org.country_id, org.city.key, org.founded, org.website) == (
        "CN",
        "ningbo",
        1998,
        "https://nbmotor.cn",
    )
    assert sorted(org.sectors.values_list("code", flat=True)) == ["energy", "energy.storage"]
    assert org.languages == ["zh", "en"]
    assert Organisation.objects.get(key="agh").country_id == "PL"  # codes are case-insensitive


def test_it_reports_each_bad_row_with_row_column_and_message_and_saves_nothing(ref, write):
    text = (
        "key,name,kind,country,sectors\n"
        "good-one,Good,enterprise,CN,energy\n"
        "bad-country,Bad,enterprise,XX,\n"
        "bad-term,Bad,enterprise,CN,energy;nanotech\n"
        "good-one,Again,enterprise,CN,\n"
        "nb-battery,Exists,enterprise,CN,\n"
        "bad-kind,Bad,spaceship,CN,\n"
    )
    report = _import("organisations", write("bad.csv", text))
    errors = _errors(report)
    assert (3, "country", "Unknown country code 'XX'.") in errors
    assert (4, "sectors", "Unknown taxonomy code 'nanotech'.") in errors
    assert (5, "key", "Duplicate key 'good-one' (already on row 2).") in errors
    assert any(r == 6 and c == "key" and "already exists" in m and "upsert" in m for r, c, m in errors)
    assert any(r == 7 and c == "kind" and "spaceship" in m for r, c, m in errors)
    assert not report.committed
    assert not Organisation.objects.filter(key="good-one").exists()  # all or nothing


def test_upsert_updates_an_existing_key_and_keeps_columns_absent_from_the_file(ref, write):
    path = write("upd.csv", "key,name,kind,country\nnb-battery,宁波电池科技股份有限公司,enterprise,CN\n")
    report = _import("organisations", path, mode="upsert")
    assert (report.created, report.updated) == (0, 1)
    org = Organisation.objects.get(key="nb-battery")
    assert org.name == "宁波电池科技股份有限公司" and org.name_en == "Ningbo Battery Tech"


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        (
            "key,name,kind,country,colour,shape\nx,X,enterprise,CN,red,round\n",
            "Unknown columns 'colour', 'shape'",
        ),
        ("key,name\nx,X\n", "Missing required columns 'kind', 'country'"),
        ("key,name,kind,country\n", "header row but no records"),
        ("", "is empty"),
        ("key,name,key\n", "appears twice"),
        ("key,name,kind,country\nx,X,enterprise,CN,extra\n", "more cells than the header"),
    ],
)
def test_it_rejects_a_malformed_file_with_a_clear_message(ref, write, text, fragment):
    report = _import("organisations", write("f.csv", text))
    assert not report.ok
    assert fragment in report.errors[0].message


def test_it_names_the_encoding_of_a_file_that_is_not_utf8(ref, write):
    path = write("gbk.csv", "key,name,kind,country\nnb-x,宁波新材料,enterprise,CN\n", encoding="gb18030")
    report = _import("organisations", path)
    message = report.errors[0].message
    assert "not in UTF-8" in message and "GB18030" in message and report.errors[0].row == 0


def test_it_reads_utf8_with_bom_and_semicolons(ref, write):
    path = write("excel.csv", "\ufeffkey;name;kind;country\nnb-x;宁波新材料;enterprise;CN\n")
    assert _import("organisations", path).created == 1
    assert Organisation.objects.get(key="nb-x").name == "宁波新材料"


def test_it_refuses_a_file_over_20_mb(ref, tmp_path):
    path = tmp_path / "big.csv"
    with path.open("wb") as fh:
        fh.truncate(21 * 1024 * 1024)
    message = _import("organisations", path).errors[0].message
    assert "21.0 MB" in message and "20 MB" in message


def _xlsx(path, rows, formula=None, merge=None):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    if formula:
        sheet[formula[0]] = formula[1]
    if merge:
        sheet.merge_cells(merge)
    book.save(path)
    return path


def test_it_imports_xlsx_with_numbers_as_text(ref, tmp_path):
    path = _xlsx(
        tmp_path / "o.xlsx",
        [
            ["key", "name", "kind", "country", "founded"],
            ["x-1", "X", "enterprise", "PL", 2001],
            [None, None, None, None, None],
            ["x-2", "Y", "university", "CN", None],
        ],
    )
    report = _import("organisations", path)
    assert report.ok and report.created == 2
    assert Organisation.objects.get(key="x-1").founded == 2001


def test_it_reports_a_formula_cell_and_merged_cells(ref, tmp_path):
    rows = [["key", "name", "kind", "country"], ["x-1", "X", "enterprise", "PL"]]
    report = _import("organisations", _xlsx(tmp_path / "f.xlsx", rows, formula=("B2", '=A2&"!"')))
    assert _errors(report)[0][:2] == (2, "name") and "formula" in report.errors[0].message
    report = _import("organisations", _xlsx(tmp_path / "m.xlsx", rows, merge="A2:B2"))
    assert "merged cells (A2:B2)" in report.errors[0].message


def test_it_rejects_a_file_that_is_not_a_workbook(ref, write):
    assert "not an XLSX workbook" in _import("organisations", write("x.xlsx", "key,name")).errors[0].message
    assert ".xls is not supported" in _import("organisations", write("x.xls", "key")).errors[0].message


def test_people_refer_to_their_organisation_by_key(ref, write):
    text = (
        "key,full_name,kind,organisation,country,expertise_terms,email\n"
        "wang-li,王立,expert,nb-battery,CN,energy.storage,wang@example.cn\n"
        "jan-nowak,Jan Nowak,talent,no-such-org,PL,,not-an-email\n"
    )
    report = _import("people", write("p.csv", text))
    errors = _errors(report)
    assert (3, "organisation", "Unknown organisation key 'no-such-org'.") in errors
    assert any(r == 3 and c == "email" for r, c, _m in errors)
    text = text.splitlines()[0] + "\n" + text.splitlines()[1] + "\n"
    assert _import("people", write("p2.csv", text)).committed
    person = Person.objects.get(key="wang-li")
    assert person.organisation.key == "nb-battery" and person.availability == "available"


PROFILE_HEAD = (
    "kind,organisation,title,summary,language,technology_keywords,trl,partnership_types,target_countries\n"
)


def _profile_row(org="nb-battery", trl="6", terms="energy.storage", kind="offer"):
    return f'{kind},{org},Solid-state battery cells for buses,"{SUMMARY}",en,{terms},{trl},licence,PL;cz\n'


def test_profiles_are_validated_by_the_profile_form_and_imported_as_drafts(ref, write):
    member = ref["users"]["member"]
    report = _import("profiles", write("pr.csv", PROFILE_HEAD + _profile_row()), user=member)
    assert report.ok, report.errors
    profile = Profile.objects.get()
    assert (profile.status, profile.organisation.key, profile.trl, profile.created_by) == (
        "draft",
        "nb-battery",
        6,
        member,
    )
    assert sorted(profile.target_countries.values_list("code", flat=True)) == ["CZ", "PL"]


def test_profile_rows_report_non_numeric_trl_unknown_terms_and_foreign_organisations(ref, write):
    rows = _profile_row(trl="high") + _profile_row(terms="auto") + _profile_row(org="pl-storage")
    report = _import("profiles", write("pr.csv", PROFILE_HEAD + rows), user=ref["users"]["member"])
    errors = _errors(report)
    assert (2, "trl", "The TRL must be a whole number from 1 to 9, not 'high'.") in errors
    assert (
        3,
        "technology_keywords",
        "The taxonomy code 'auto' is a market term, not a technology term.",
    ) in errors
    assert (4, "organisation", "You may import profiles only for your own organisation.") in errors
    assert not Profile.objects.exists()


def test_only_brokers_import_published_profiles(ref, write):
    path = write("pr.csv", PROFILE_HEAD + _profile_row())
    with pytest.raises(PermissionDenied):
        _import("profiles", path, user=ref["users"]["member"], status="published")
    report = _import("profiles", path, user=ref["users"]["broker"], status="published")
    assert report.ok, report.errors
    profile = Profile.objects.get()
    assert profile.status == "published" and profile.published_at is not None


def test_a_profile_failing_the_publication_checks_stops_the_whole_import(ref, write):
    rows = _profile_row() + _profile_row(terms="")  # the second has no technology keyword
    report = _import(
        "profiles", write("pr.csv", PROFILE_HEAD + rows), user=ref["users"]["broker"], status="published"
    )
    assert [(r, c) for r, c, _m in _errors(report)] == [(3, "technology_keywords")]
    assert not Profile.objects.exists()


def test_upsert_of_profiles_finds_them_by_reference(ref, write):
    broker = ref["users"]["broker"]
    _import("profiles", write("pr.csv", PROFILE_HEAD + _profile_row()), user=broker)
    reference = Profile.objects.get().reference
    path = write("upd.csv", f"reference,trl\n{reference},7\nTO-NONE,3\n")
    report = _import("profiles", path, user=broker, mode="upsert")
    assert _errors(report) == [
        (
            3,
            "reference",
            "No profile has the reference 'TO-NONE'; leave the cell empty to create a new profile.",
        )
    ]
    report = _import(
        "profiles", write("upd2.csv", f"reference,trl\n{reference},7\n"), user=broker, mode="upsert"
    )
    assert report.updated == 1 and Profile.objects.get().trl == 7
    report = _import("profiles", write("upd3.csv", f"reference,trl\n{reference},8\n"), user=broker)
    assert "Missing required columns 'kind', 'organisation'" in report.errors[0].message  # create needs all
    again = "reference," + PROFILE_HEAD + reference + "," + _profile_row(trl="8")
    report = _import("profiles", write("upd4.csv", again), user=broker)
    assert "already exists" in report.errors[0].message and Profile.objects.get().trl == 7


def test_organisations_are_not_for_members_and_profiles_need_a_user(ref, write):
    with pytest.raises(PermissionDenied):
        _import("organisations", write("o.csv", ORGS), user=ref["users"]["member"])
    with pytest.raises(PermissionDenied):
        _import("profiles", write("p.csv", PROFILE_HEAD), user=None)


def test_an_unexpected_failure_is_reported_and_rolls_everything_back(ref, write, monkeypatch):
    from techbridge.dataio import importers

    calls = []

    def explode(row, *args):
        calls.append(row.number)
        if row.number == 3:
            raise RuntimeError("disk on fire")
        importers.import_organisation(row, *args)

    monkeypatch.setitem(importers.HANDLERS, "organisations", explode)
    report = _import("organisations", write("o.csv", ORGS))
    assert calls == [2, 3] and "failed unexpectedly (RuntimeError: disk on fire)" in report.errors[0].message
    assert not Organisation.objects.filter(key="nb-motor").exists()


def test_stale_uploads_of_dry_runs_are_discarded(ref, write):
    import datetime as dt

    from django.utils import timezone

    from techbridge.dataio import services

    class Upload:
        name = "orgs.csv"

        def chunks(self):
            yield ORGS.encode()

    entry = services.store_upload(Upload())
    _report, run = run_import(
        "organisations", services.stored_path(entry), options=ImportOptions(), stored_files={"file": entry}
    )
    assert services.discard_stale_uploads(timezone.now()) == 0
    assert services.discard_stale_uploads(timezone.now() + dt.timedelta(days=2)) == 1
    assert not services.stored_path(entry).exists()
    run.refresh_from_db()
    assert run.stored_files == {}


def test_it_imports_json_records_with_lists_for_multi_valued_fields(ref, write):
    text = (
        '[{"key": "nb-x", "name": "宁波新材料", "kind": "enterprise", "country": "CN", "sectors": ["energy"],'
        ' "founded": 2015}, {"key": "nb-y", "name": "Y", "kind": "enterprise", "country": "CN"}]'
    )
    report = _import("organisations", write("o.json", text))
    assert report.ok and report.created == 2
    org = Organisation.objects.get(key="nb-x")
    assert (org.founded, list(org.sectors.values_list("code", flat=True))) == (2015, ["energy"])
    bad = _import("organisations", write("bad.json", '{"a": 1, "b": 2}'))
    assert "must hold a list of records" in bad.errors[0].message


def test_a_member_edit_of_a_published_profile_goes_back_to_review(ref, write):
    member, broker = ref["users"]["member"], ref["users"]["broker"]
    _import("profiles", write("pr.csv", PROFILE_HEAD + _profile_row()), user=broker, status="published")
    reference = Profile.objects.get().reference
    report = _import(
        "profiles", write("u.csv", f"reference,trl\n{reference},7\n"), user=member, mode="upsert"
    )
    assert report.ok, report.errors
    profile = Profile.objects.get()
    assert (profile.trl, profile.status) == (7, "submitted")
