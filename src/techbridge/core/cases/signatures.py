"""Document type by content signature (magic bytes), not by the file name.

PDF, PNG and JPEG have fixed signatures; DOCX, XLSX and ODT are ZIP containers recognised by a member
(``word/document.xml``, ``xl/workbook.xml``) or the ODF ``mimetype`` entry (ISO/IEC 26300, 29500).
"""

from __future__ import annotations

import io
import zipfile

ALLOWED = ("pdf", "docx", "xlsx", "odt", "png", "jpg")
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "odt": "application/vnd.oasis.opendocument.text",
    "png": "image/png",
    "jpg": "image/jpeg",
}
ODT_MIME = b"application/vnd.oasis.opendocument.text"


def sniff(data: bytes) -> str | None:
    """The allowed type the bytes are, or None."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if data.startswith(b"PK\x03\x04"):
        return _zip_kind(data)
    return None


def _zip_kind(data: bytes) -> str | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            names = set(z.namelist())
            if "mimetype" in names and z.read("mimetype").strip() == ODT_MIME:
                return "odt"
    except (zipfile.BadZipFile, KeyError, OSError):
        return None
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    return None


def extension_of(name: str) -> str:
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    return "jpg" if ext == "jpeg" else ext


def check(name: str, data: bytes, max_bytes: int) -> tuple[str | None, str | None]:
    """(type, None) when the file is acceptable, else (None, reason naming the problem)."""
    if not data:
        return None, "The file is empty."
    if len(data) > max_bytes:
        return None, f"The file is {len(data) / 1e6:.1f} MB; the limit is {max_bytes / 1e6:.0f} MB."
    ext = extension_of(name)
    if ext not in ALLOWED:
        return None, f"Files of type .{ext or '?'} are not accepted; allowed: {', '.join(ALLOWED)}."
    kind = sniff(data)
    if kind is None:
        return None, f"The content is not a {ext.upper()} file (its signature does not match)."
    if kind != ext:
        return None, f"The file is named .{ext} but its content is {kind.upper()}."
    return kind, None
