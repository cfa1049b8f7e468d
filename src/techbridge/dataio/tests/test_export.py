"""Exports: columns by permission, formula guard, UTF-8 BOM, and files that import again unchanged."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.exceptions import PermissionDenied
from openpyxl import load_workbook

from techbridge.dataio.exports import Operator, build_export, csv_chunks, write_xlsx
from techbridge.dataio.importers import ImportOptions
from techbridge.dataio.services import run_import
from techbridge.directory.models import Organisation, Person, TaxonomyTerm
from techbridge.marketplace.models import Profile

pytestmark = pytest.mark.django_db


@pytest.fixture
def data(ref):
    nb, krk = ref["orgs"]["nb"], ref["orgs"]["krk"]
    nb.sectors.set(TaxonomyTerm.objects.filter(code__in=["energy", "energy.storage"]))
    nb.languages, nb.external_ids, nb.description = ["zh", "en"], {"cordis": "999"}, "=cmd|' /C calc'!A0"
    nb.save()
    Person.objects.create(
        key="wang-li",
        full_name="王立",
        kind="expert",
        organisation=nb,
        country_id="CN",
        email="wang@example.cn",
        languages=["zh"],
    )
    common = {
        "summary": "Solid-state lithium cells for buses, 30% denser.",
        "language": "en",
        "partnership_types": ["licence", "joint_venture"],
        "confidential_details": "Price: EUR 2m",
    }
    published = Profile.objects.create(
        reference="TOPL20260101001",
        kind="offer",
        organisation=krk,
        trl=6,
        title="Battery cells",
        status="published",
        **common,
    )
    published.technology_keywords.set(TaxonomyTerm.objects.filter(code="energy.storage"))
    published.target_countries.set(["CN", "CZ"])
    Profile.objects.create(
        reference="TRCN20260101001",
        kind="request",
        organisation=nb,
        title="储能电池管理技术",
        status="draft",
        **common,
    )
    return ref


def _csv(export):
    text = "".join(csv_chunks(export))
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def test_profiles_export_honours_filters_and_visibility(data):
    member = data["users"]["member"]
    rows = _csv(build_export("profiles", {}, member))
    assert "confidential_details" not in rows[0]
    assert sorted(r[0] for r in rows[1:]) == ["TOPL20260101001", "TRCN20260101001"]  # own draft + published
    rows = _csv(build_export("profiles", {"status": "published", "trl_min": "5", "trl_max": "x"}, member))
    assert [r[0] for r in rows[1:]] == ["TOPL20260101001"]
    header, row = _csv(build_export("profiles", {"kind": "offer"}, data["users"]["broker"]))
    values = dict(zip(header, row, strict=True))
    assert values["confidential_details"] == "Price: EUR 2m"
    assert (values["partnership_types"], values["target_countries"]) == ("licence;joint_venture", "CN;CZ")


def test_people_export_is_refused_to_analysts_and_shows_emails_only_to_brokers(data):
    with pytest.raises(PermissionDenied):
        build_export("people", {}, data["users"]["analyst"])
    assert "email" not in _csv(build_export("people", {}, data["users"]["member"]))[0]
    header, row = _csv(build_export("people", {"country": "CN"}, data["users"]["broker"]))
    assert dict(zip(header, row, strict=True))["email"] == "wang@example.cn"


def test_text_that_looks_like_a_formula_is_guarded(data):
    rows = _csv(build_export("organisations", {"q": "Ningbo"}, Operator()))
    values = dict(zip(rows[0], rows[1], strict=True))
    assert values["description"] == "'=cmd|' /C calc'!A0"
    assert (values["sectors"], values["external_ids"]) == ("energy;energy.storage", "cordis:999")
    buffer = io.BytesIO()
    write_xlsx(build_export("organisations", {"q": "Ningbo"}, Operator()), buffer)
    sheet = load_workbook(io.BytesIO(buffer.getvalue())).active
    cell = sheet.cell(row=2, column=rows[0].index("description") + 1)
    assert (cell.value, cell.data_type) == ("=cmd|' /C calc'!A0", "s")


def test_countries_export_lists_every_country(data):
    rows = _csv(build_export("countries", {}, data["users"]["analyst"]))
    assert rows[0][:3] == ["code", "name_en", "name_zh"]
    assert sorted(r[0] for r in rows[1:]) == ["CN", "CZ", "PL"]


def _snapshot():
    orgs = [
        (
            o.key,
            o.name,
            o.name_en,
            o.kind,
            o.country_id,
            o.city_id,
            o.description,
            o.languages,
            o.external_ids,
            sorted(o.sectors.values_list("code", flat=True)),
        )
        for o in Organisation.objects.all()
    ]
    people = list(Person.objects.values_list("key", "full_name", "organisation__key", "email", "languages"))
    return orgs, people


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_exported_organisations_and_people_import_again_unchanged(data, tmp_path, fmt):
    before = _snapshot()
    paths = {}
    for kind in ("organisations", "people"):
        export = build_export(kind, {}, Operator())
        paths[kind] = tmp_path / f"{kind}.{fmt}"
        if fmt == "csv":
            paths[kind].write_text("".join(csv_chunks(export)), encoding="utf-8")
        else:
            with paths[kind].open("wb") as fh:
                write_xlsx(export, fh)
    Profile.objects.all().delete()
    Person.objects.all().delete()
    Organisation.objects.all().delete()
    for kind in ("organisations", "people"):
        report, _run = run_import(kind, paths[kind], options=ImportOptions(dry_run=False))
        assert report.ok, report.errors
    assert _snapshot() == before


def test_exported_profiles_import_again_as_an_upsert(data, tmp_path):
    broker = data["users"]["broker"]
    fields = ["reference", "title", "summary", "trl", "partnership_types", "confidential_details", "status"]
    before = list(Profile.objects.order_by("reference").values_list(*fields))
    path = tmp_path / "profiles.csv"
    path.write_text("".join(csv_chunks(build_export("profiles", {}, broker))), encoding="utf-8")
    report, _run = run_import(
        "profiles", path, user=broker, options=ImportOptions(mode="upsert", dry_run=False)
    )
    assert report.ok, report.errors
    assert (report.created, report.updated) == (0, 2)
    assert list(Profile.objects.order_by("reference").values_list(*fields)) == before
