"""Case documents (NDAs, MoUs, contracts, reports): type checked by content signature, size limit, versions
by title; stored under MEDIA_ROOT, which the web server never serves (downloads go through a view)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from techbridge.cases import rules
from techbridge.cases.audit import audit_record
from techbridge.cases.models import Document, DocumentKind
from techbridge.core.cases import signatures


def max_bytes() -> int:
    return int(getattr(settings, "TECHBRIDGE_CASE_DOCUMENT_MAX_MB", 20)) * 1_000_000


def _reason(name: str, data: bytes) -> tuple[str | None, str | None]:
    limit = max_bytes()
    kind, reason = signatures.check(name, data, limit)
    if reason is None:
        return kind, None
    ext = signatures.extension_of(name)
    if not data:
        return None, _("The file is empty.")
    if len(data) > limit:
        return None, _("The file is %(size).1f MB; the limit is %(limit)d MB.") % {
            "size": len(data) / 1e6,
            "limit": limit // 1_000_000,
        }
    if ext not in signatures.ALLOWED:
        return None, _("Files of type .%(ext)s are not accepted; allowed: %(allowed)s.") % {
            "ext": ext or "?",
            "allowed": ", ".join(signatures.ALLOWED),
        }
    return None, _("The content of %(name)s is not a %(ext)s file (its signature does not match).") % {
        "name": name,
        "ext": ext.upper(),
    }


def document_upload(*, case, by, title: str, kind: str, upload) -> Document:
    """Store an upload as a new version (n+1 when a document with the same title exists)."""
    if not rules.can_upload(by, case):
        raise PermissionDenied(_("Only the case's parties and brokers upload documents."))
    title = (title or "").strip()
    errors: dict[str, list[str]] = {}
    if not title or len(title) > 200:
        errors["title"] = [_("Give the document a title of at most 200 characters.")]
    if kind not in DocumentKind.values:
        errors["kind"] = [_("Choose the kind of document.")]
    if upload is None:
        errors["file"] = [_("Choose a file.")]
    elif upload.size > max_bytes():
        errors["file"] = [
            _("The file is %(size).1f MB; the limit is %(limit)d MB.")
            % {"size": upload.size / 1e6, "limit": max_bytes() // 1_000_000}
        ]
    if errors:
        raise ValidationError(errors)
    name = (upload.name or "file").rsplit("/", 1)[-1][:200]
    data = upload.read()
    file_type, reason = _reason(name, data)
    if reason:
        raise ValidationError({"file": [reason]})
    with transaction.atomic():
        last = Document.objects.select_for_update().filter(case=case, title=title).aggregate(v=Max("version"))
        doc = Document(
            case=case,
            title=title,
            kind=kind,
            version=(last["v"] or 0) + 1,
            filename=name,
            file_type=file_type,
            size=len(data),
            uploaded_by=by,
        )
        doc.file.save(f"{uuid.uuid4().hex}.{file_type}", ContentFile(data), save=False)
        try:
            doc.save()
            audit_record(case, by, {"documents": [None, f"{title} v{doc.version}"]}, action="document")
        except Exception:
            doc.file.delete(save=False)  # nothing half-saved
            raise
    return doc


def content_type(doc: Document) -> str:
    return signatures.CONTENT_TYPES.get(doc.file_type, "application/octet-stream")
