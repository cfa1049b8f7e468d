import io
import zipfile

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from techbridge.cases.documents import document_upload
from techbridge.cases.models import Document

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _docx() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("word/document.xml", "<w:document/>")
    return buf.getvalue()


def test_a_second_upload_with_the_same_title_is_version_2(case, world):
    broker = world["users"]["broker"]
    d1 = document_upload(
        case=case, by=broker, title="NDA", kind="nda", upload=SimpleUploadedFile("nda.pdf", PDF)
    )
    d2 = document_upload(
        case=case,
        by=world["users"]["member"],
        title="NDA",
        kind="nda",
        upload=SimpleUploadedFile("nda.docx", _docx()),
    )
    assert (d1.version, d2.version, d2.file_type) == (1, 2, "docx")
    assert str(settings.MEDIA_ROOT) in d2.file.path
    assert "static" not in d2.file.path


def test_a_renamed_executable_is_refused_by_its_signature(case, world):
    with pytest.raises(ValidationError) as exc:
        document_upload(
            case=case,
            by=world["users"]["broker"],
            title="x",
            kind="report",
            upload=SimpleUploadedFile("report.pdf", b"MZ\x90\x00\x03"),
        )
    assert "signature" in exc.value.message_dict["file"][0]
    assert Document.objects.count() == 0


def test_a_forbidden_type_and_a_too_large_file_are_refused(case, world, settings):
    broker = world["users"]["broker"]
    with pytest.raises(ValidationError, match=r"\.exe are not accepted"):
        document_upload(
            case=case, by=broker, title="x", kind="other", upload=SimpleUploadedFile("x.exe", PDF)
        )
    settings.TECHBRIDGE_CASE_DOCUMENT_MAX_MB = 1
    with pytest.raises(ValidationError) as exc:
        document_upload(
            case=case,
            by=broker,
            title="x",
            kind="other",
            upload=SimpleUploadedFile("x.pdf", PDF + b"0" * 1_000_001),
        )
    assert "limit is 1 MB" in exc.value.message_dict["file"][0]
    assert Document.objects.count() == 0


def test_outsiders_and_evaluators_cannot_upload(case, world):
    for name in ("member_third", "evaluator", "analyst"):
        with pytest.raises(PermissionDenied):
            document_upload(
                case=case,
                by=world["users"][name],
                title="x",
                kind="nda",
                upload=SimpleUploadedFile("a.pdf", PDF),
            )


def test_the_download_is_an_attachment_for_parties_and_brokers_only(case, world, login, client):
    d = document_upload(
        case=case,
        by=world["users"]["broker"],
        title="MoU",
        kind="mou",
        upload=SimpleUploadedFile("mou.pdf", PDF),
    )
    url = f"/cases/{case.pk}/documents/{d.pk}/"
    for name in ("broker", "member", "member_pl"):
        resp = login(world["users"][name]).get(url)
        assert resp.status_code == 200
        assert resp["Content-Disposition"].startswith("attachment")
        assert resp["X-Content-Type-Options"] == "nosniff"
        assert b"".join(resp.streaming_content) == PDF
    for name in ("member_third", "evaluator", "analyst"):
        assert login(world["users"][name]).get(url).status_code == 404


def test_a_bad_upload_through_the_page_shows_the_field_not_a_500(case, world, login):
    c = login(world["users"]["broker"])
    resp = c.post(
        f"/cases/{case.pk}/documents/",
        {"title": "Contract", "kind": "contract", "file": SimpleUploadedFile("c.docx", b"not a zip")},
        follow=True,
    )
    assert resp.status_code == 200
    assert "file:" in resp.content.decode() and "signature" in resp.content.decode()
