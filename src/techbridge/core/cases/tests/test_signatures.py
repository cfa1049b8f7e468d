import io
import zipfile

from techbridge.core.cases.signatures import check, sniff

MB = 1_000_000


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buf.getvalue()


def test_it_recognises_each_allowed_type_by_content():
    assert sniff(b"%PDF-1.7\n...") == "pdf"
    assert sniff(b"\x89PNG\r\n\x1a\nrest") == "png"
    assert sniff(b"\xff\xd8\xff\xe0rest") == "jpg"
    assert sniff(_zip({"word/document.xml": b"<w/>"})) == "docx"
    assert sniff(_zip({"xl/workbook.xml": b"<x/>"})) == "xlsx"
    assert sniff(_zip({"mimetype": b"application/vnd.oasis.opendocument.text"})) == "odt"
    assert sniff(b"MZ\x90\x00") is None


def test_it_rejects_a_renamed_executable():
    kind, reason = check("contract.pdf", b"MZ\x90\x00binary", 20 * MB)
    assert kind is None and "signature" in reason


def test_it_rejects_a_forbidden_extension_and_a_mismatch():
    assert "not accepted" in check("run.exe", b"%PDF-1.4", 20 * MB)[1]
    assert "content is PNG" in check("scan.jpg", b"\x89PNG\r\n\x1a\n", 20 * MB)[1]


def test_it_rejects_too_large_and_empty_files():
    assert "limit is 20 MB" in check("big.pdf", b"%PDF-" + b"0" * (20 * MB), 20 * MB)[1]
    assert check("empty.pdf", b"", 20 * MB)[1] == "The file is empty."


def test_it_accepts_jpeg_spelled_jpeg():
    assert check("photo.JPEG", b"\xff\xd8\xff\xe0", 20 * MB) == ("jpg", None)
