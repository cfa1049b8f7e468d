"""Import and export pages: permissions, the dry-run report, the commit, and bad uploads without a 500."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from techbridge.dataio.models import ImportRun
from techbridge.directory.models import Organisation
from techbridge.marketplace.models import Profile

pytestmark = pytest.mark.django_db

ORGS = "key,name,kind,country\nnb-motor,宁波电机,enterprise,CN\nagh,AGH,university,PL\n"
SUMMARY = (
    "Solid-state lithium cells with 30% higher energy density for electric buses; we seek a licence "
    "partner with a production line in China."
)


def _upload(client, kind, text, name="data.csv", **fields):
    data = {
        "kind": kind,
        "mode": "create",
        "status": "draft",
        "file": SimpleUploadedFile(name, text.encode() if isinstance(text, str) else text),
    }
    data.update(fields)
    return client.post(reverse("import-start"), data)


def test_export_needs_login_and_people_are_not_for_analysts(ref, client):
    url = reverse("export-list", args=["people"])
    assert client.get(url).status_code == 302
    client.force_login(ref["users"]["analyst"])
    assert client.get(url).status_code == 403
    assert client.get(reverse("export-list", args=["planets"])).status_code == 404
    assert client.get(reverse("export-list", args=["countries"]) + "?format=pdf").status_code == 400


def test_export_sends_csv_with_bom_and_xlsx_as_attachments(ref, client):
    client.force_login(ref["users"]["member"])
    response = client.get(reverse("export-list", args=["organisations"]) + "?country=CN&format=csv")
    body = b"".join(response.streaming_content).decode("utf-8")
    assert response["Content-Type"].startswith("text/csv")
    assert 'attachment; filename="techbridge-organisations-' in response["Content-Disposition"]
    assert body.startswith("\ufeffkey,name") and "宁波电池科技有限公司" in body and "Kraków" not in body
    response = client.get(reverse("export-list", args=["profiles"]) + "?format=xlsx")
    assert response.status_code == 200 and response.content[:2] == b"PK"


def test_the_import_page_is_for_brokers_and_members_only(ref, client):
    client.force_login(ref["users"]["analyst"])
    assert client.get(reverse("import-start")).status_code == 403
    client.force_login(ref["users"]["member"])
    page = client.get(reverse("import-start")).content.decode()
    assert 'value="profiles"' in page and 'value="organisations"' not in page
    assert 'for="id_file"' in page


def test_a_broker_sees_the_dry_run_then_commits(ref, client):
    client.force_login(ref["users"]["broker"])
    response = _upload(client, "organisations", ORGS)
    run = ImportRun.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("import-run", args=[run.pk])
    page = client.get(response["Location"]).content.decode()
    assert "nb-motor" in page and reverse("import-commit", args=[run.pk]) in page
    assert not Organisation.objects.filter(key="nb-motor").exists()
    response = client.post(reverse("import-commit", args=[run.pk]))
    assert Organisation.objects.filter(key__in=["nb-motor", "agh"]).count() == 2
    committed = ImportRun.objects.get(dry_run=False)
    assert committed.committed and response["Location"] == reverse("import-run", args=[committed.pk])
    client.post(reverse("import-commit", args=[run.pk]))  # a second commit of the same dry run does nothing
    assert ImportRun.objects.filter(dry_run=False).count() == 1


def test_row_errors_are_shown_in_a_table_and_offer_no_commit(ref, client):
    client.force_login(ref["users"]["broker"])
    response = _upload(client, "organisations", ORGS.replace(",CN\n", ",XX\n"))
    page = client.get(response["Location"]).content.decode()
    assert "Unknown country code &#x27;XX&#x27;." in page and "<td>2</td><td>country</td>" in page
    run = ImportRun.objects.get()
    assert reverse("import-commit", args=[run.pk]) not in page
    client.post(reverse("import-commit", args=[run.pk]))
    assert not Organisation.objects.filter(key="agh").exists()


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"", "empty.csv", "The submitted file is empty."),
        (b"key\n", "header.csv", "Missing required columns"),
        ("名字,国家\n宁波,CN\n".encode("gb18030"), "gbk.csv", "not in UTF-8"),
        (b"not a zip", "bad.xlsx", "not an XLSX workbook"),
    ],
)
def test_bad_files_give_a_report_not_a_server_error(ref, client, content, name, message):
    client.force_login(ref["users"]["broker"])
    response = _upload(client, "organisations", content, name=name)
    assert response.status_code in (200, 302)  # the form with its error, or the report
    page = (client.get(response["Location"]) if response.status_code == 302 else response).content.decode()
    assert message in page


def test_members_import_drafts_for_their_own_organisation_only(ref, client):
    client.force_login(ref["users"]["member"])
    head = "kind,organisation,title,summary,language,technology_keywords,partnership_types\n"
    row = f'offer,nb-battery,Solid-state battery cells,"{SUMMARY}",en,energy.storage,licence\n'
    response = _upload(client, "organisations", ORGS)
    assert response.status_code == 200 and not ImportRun.objects.exists()  # not offered to members
    response = _upload(client, "profiles", head + row + row.replace("nb-battery", "pl-storage"))
    run = ImportRun.objects.get()
    assert run.errors == [
        {
            "row": 3,
            "column": "organisation",
            "source": "",
            "message": "You may import profiles only for your own organisation.",
        }
    ]
    _upload(client, "profiles", head + row)
    client.post(reverse("import-commit", args=[ImportRun.objects.latest("id").pk]))
    assert Profile.objects.get().status == "draft"


def test_another_user_cannot_see_or_commit_a_run(ref, client):
    client.force_login(ref["users"]["broker"])
    _upload(client, "organisations", ORGS)
    run = ImportRun.objects.get()
    client.force_login(ref["users"]["admin"])
    assert client.get(reverse("import-run", args=[run.pk])).status_code == 404
    assert client.post(reverse("import-commit", args=[run.pk])).status_code == 404


def test_a_broker_imports_cordis_files_through_the_page(ref, client):
    from techbridge.dataio.tests.test_cordis import ORGS_CSV, PROJECTS_CSV

    client.force_login(ref["users"]["broker"])
    response = _upload(client, "cordis-projects", PROJECTS_CSV, name="project.csv")
    assert response.status_code == 200 and "needs the organisations file" in response.content.decode()
    orgs = SimpleUploadedFile("organization.csv", ORGS_CSV.encode())
    response = _upload(client, "cordis-projects", PROJECTS_CSV, name="project.csv", organisations_file=orgs)
    run = ImportRun.objects.get()
    assert run.ok and run.created == 4
    client.post(reverse("import-commit", args=[run.pk]))
    assert Profile.objects.get().status == "published"


def test_an_upload_over_the_limit_is_refused_before_it_is_stored(ref, client, monkeypatch):
    from techbridge.dataio import views

    monkeypatch.setattr(views, "MAX_BYTES", 10)
    client.force_login(ref["users"]["broker"])
    response = _upload(client, "organisations", ORGS)
    assert response.status_code == 200 and "larger than" in response.content.decode()
    assert not ImportRun.objects.exists()


def test_a_big_file_is_checked_and_committed_by_a_background_job(ref, client, settings, monkeypatch):
    from django.apps import apps

    if not apps.is_installed("techbridge.jobs"):
        pytest.skip("the job system (techbridge.jobs) is not installed")
    from techbridge.dataio import views
    from techbridge.jobs.models import Job

    settings.TECHBRIDGE_JOBS_BACKEND = "eager"
    monkeypatch.setattr(views, "BACKGROUND_BYTES", 10)
    client.force_login(ref["users"]["broker"])
    response = _upload(client, "organisations", ORGS)
    run = ImportRun.objects.get()
    assert response["Location"] == reverse("import-run", args=[run.pk]) and run.ok and run.dry_run
    client.post(reverse("import-commit", args=[run.pk]))
    assert Organisation.objects.filter(key__in=["nb-motor", "agh"]).count() == 2
    assert list(Job.objects.values_list("kind", "state")) == [("dataio.import", "done")] * 2
    run.refresh_from_db()
    assert run.stored_files == {}
