"""Uploaded files (case documents, import files) are data: refused when they could be run by a browser, stored
outside every static root without execute permission, never reachable under a public path, and downloaded only
through a permission check, as an attachment with a content type that is never HTML."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from techbridge.cases.models import Document

pytestmark = pytest.mark.django_db
SCRIPT = b"<html><body><script>fetch('/api/auth/token')</script></body></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>'
# A real PNG signature with a page appended: sniffing browsers would have rendered this as HTML.
POLYGLOT_PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 17 + SCRIPT


@pytest.fixture(autouse=True)
def own_media_root(settings, tmp_path):
    """Each test its own upload folder: other tests' uploads must not count as this test's."""
    settings.MEDIA_ROOT = str(tmp_path / "uploads")


@pytest.fixture
def case(world):
    from techbridge.cases.services import case_open_from_interest
    from techbridge.docking.models import Interest

    interest = Interest.objects.create(
        profile=world["published"],
        organisation=world["orgs"]["ningbo"],
        sent_by=world["users"]["member"],
        message="We want to license the cells.",
        status="accepted",
    )
    return case_open_from_interest(interest=interest, by=world["users"]["broker"])


def _upload(client: Client, case, name: str, data: bytes):
    return client.post(
        f"/cases/{case.pk}/documents/",
        {"title": name, "kind": "report", "file": SimpleUploadedFile(name, data, content_type="text/html")},
        follow=True,
    )


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("page.html", SCRIPT, "Files of type .html are not accepted"),
        ("drawing.svg", SVG, "Files of type .svg are not accepted"),
        ("page.htm", SCRIPT, "Files of type .htm are not accepted"),
        ("report.pdf", SCRIPT, "signature does not match"),
        ("photo.png", SCRIPT, "signature does not match"),
    ],
)
def test_a_document_a_browser_could_run_is_refused(case, world, login, name, data, reason):
    page = _upload(login(world["users"]["broker"]), case, name, data).content.decode()
    assert reason in page
    assert not Document.objects.exists()
    assert not any(p.is_file() for p in Path(settings.MEDIA_ROOT, "cases").rglob("*"))


def _polyglot(case, world, login) -> Document:
    _upload(login(world["users"]["broker"]), case, "scan.png", POLYGLOT_PNG)
    return Document.objects.get()


def test_a_stored_document_is_outside_every_static_root_and_not_executable(case, world, login):
    doc = _polyglot(case, world, login)
    path = Path(doc.file.path).resolve()
    assert path.is_relative_to(Path(settings.MEDIA_ROOT).resolve())
    static_roots = [Path(settings.STATIC_ROOT)] + [
        Path(storage.location) for finder in finders.get_finders() for _p, storage in finder.list([])
    ]
    assert not any(path.is_relative_to(root.resolve()) for root in static_roots)
    mode = stat.S_IMODE(path.stat().st_mode)
    assert mode & 0o111 == 0 and mode & 0o007 == 0  # no execute bit, nothing for other users
    assert (
        path.suffix == ".png" and doc.filename not in path.name
    )  # the uploader's name never reaches the disk


def test_a_document_is_not_served_under_any_public_path(case, world, login):
    doc = _polyglot(case, world, login)
    relative = Path(doc.file.path).relative_to(settings.MEDIA_ROOT).as_posix()
    client = login(world["users"]["broker"])
    for url in (f"/media/{relative}", f"/static/{relative}", f"/uploads/{relative}", f"/{relative}"):
        response = client.get(url)
        assert response.status_code == 404, url


def test_the_download_is_an_attachment_never_html(case, world, login):
    doc = _polyglot(case, world, login)
    response = login(world["users"]["member"]).get(f"/cases/{case.pk}/documents/{doc.pk}/")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"] == 'attachment; filename="v1-scan.png"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert b"".join(response.streaming_content) == POLYGLOT_PNG


def test_the_download_checks_permission(case, world, login):
    doc = _polyglot(case, world, login)
    url = f"/cases/{case.pk}/documents/{doc.pk}/"
    anonymous = Client().get(url)
    assert anonymous.status_code == 302 and anonymous["Location"].startswith("/accounts/login/")
    for outsider in ("member_third", "evaluator", "analyst"):
        assert login(world["users"][outsider]).get(url).status_code == 404
    other_case = f"/cases/{case.pk + 1000}/documents/{doc.pk}/"
    assert login(world["users"]["broker"]).get(other_case).status_code == 404


def test_an_import_file_with_a_page_inside_is_kept_out_of_reach(world, login):
    from techbridge.dataio.models import ImportRun
    from techbridge.dataio.services import upload_dir

    client = login(world["users"]["broker"])
    response = client.post(
        "/import/",
        {
            "kind": "organisations",
            "mode": "create",
            "status": "draft",
            "file": SimpleUploadedFile("orgs.html", SCRIPT, content_type="text/html"),
        },
        follow=True,
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html") and b"<script>fetch" not in response.content
    run = ImportRun.objects.get()
    assert not run.ok
    kept = list(upload_dir().iterdir())  # a failed dry run keeps its file a day, for a second look
    assert len(kept) == 1 and "orgs" not in kept[0].name
    for path in kept:
        assert stat.S_IMODE(path.stat().st_mode) & 0o111 == 0
        assert client.get(f"/media/imports/{path.name}").status_code == 404
        assert client.get(f"/static/imports/{path.name}").status_code == 404
