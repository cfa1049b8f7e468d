"""Writes of data import: run an import (dry run or commit) and record it as an ImportRun."""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from techbridge.dataio import cordis
from techbridge.dataio.importers import ImportOptions, Progress, import_table
from techbridge.dataio.models import ImportKind, ImportRun
from techbridge.dataio.readers import detect_format, open_table
from techbridge.dataio.report import FileError, ImportCancelled, ImportReport
from techbridge.marketplace import rules

logger = logging.getLogger(__name__)
STALE_UPLOADS = dt.timedelta(days=1)


def can_import(user, kind: str) -> bool:
    """Brokers and administrators import everything; members only profiles of their own organisation.

    `user` None is the operator at the command line, who may import organisations and people.
    """
    if user is None:
        return kind in (ImportKind.ORGANISATIONS, ImportKind.PEOPLE)
    if rules.is_broker(user):
        return True
    return kind == ImportKind.PROFILES and rules.can_create_profile(user)


def check_allowed(user, kind: str, options: ImportOptions) -> None:
    """Raise PermissionDenied with a message saying what is not allowed."""
    if kind not in ImportKind.values:
        raise PermissionDenied(
            _("Unknown entity '{kind}': choose one of {kinds}.").format(
                kind=kind, kinds=", ".join(ImportKind.values)
            )
        )
    if options.mode not in ("create", "upsert"):
        raise PermissionDenied(_("Unknown mode '{mode}': choose create or upsert.").format(mode=options.mode))
    if options.status not in ("draft", "published"):
        raise PermissionDenied(
            _("Unknown status '{status}': choose draft or published.").format(status=options.status)
        )
    if user is None and kind in (ImportKind.PROFILES, ImportKind.CORDIS_PROJECTS):
        raise PermissionDenied(_("Importing profiles needs the user who creates them (--as USERNAME)."))
    if not can_import(user, kind):
        raise PermissionDenied(
            _(
                "You may not import this entity: brokers and administrators import organisations and people; "
                "members import profiles of their own organisation."
            )
        )
    if options.status == "published" and not rules.is_broker(user):
        raise PermissionDenied(_("Only brokers may import profiles as published."))


def run_import(
    kind: str,
    path: Path,
    *,
    user=None,
    options: ImportOptions,
    fmt: str | None = None,
    name: str = "",
    organisations_path: Path | None = None,
    organisations_name: str = "",
    progress: Progress | None = None,
    stored_files: dict | None = None,
) -> tuple[ImportReport, ImportRun]:
    """Import a file (with the organisations file for CORDIS); never raises for bad data, the report says.

    Raises PermissionDenied when the user may not run this import at all.
    """
    check_allowed(user, kind, options)
    report = ImportReport()
    name = name or path.name
    file_format = ""
    try:
        file_format = detect_format(name, fmt)
        if kind == ImportKind.CORDIS_PROJECTS:
            if organisations_path is None:
                raise FileError(
                    _("A CORDIS import needs the organisations file (organization.json or .csv).")
                )
            cordis.import_cordis(
                path,
                organisations_path,
                user=user,
                options=options,
                report=report,
                fmt=fmt,
                names=(name, organisations_name or organisations_path.name),
                progress=progress,
            )
        else:
            table = open_table(path, fmt=file_format, name=name)
            import_table(kind, table, user=user, options=options, report=report, progress=progress)
    except FileError as exc:
        report.error(0, "", str(exc))
        report.committed = False
    except ImportCancelled:
        report.error(0, "", _("The import was cancelled; nothing was saved."))
        report.committed = False
    except Exception as exc:  # never a traceback for the user; the transaction has rolled back
        logger.exception("import of %s (%s) failed", name, kind)
        report.error(
            0,
            "",
            _("The import failed unexpectedly ({error}); nothing was saved.").format(
                error=f"{type(exc).__name__}: {exc}"
            ),
        )
        report.committed = False
    run = ImportRun.objects.create(
        user=user,
        kind=kind,
        file_name=name[:255],
        file_format=file_format,
        mode=options.mode,
        profile_status=options.status,
        dry_run=options.dry_run,
        committed=report.committed,
        rows=report.rows,
        created=report.created,
        updated=report.updated,
        error_count=report.error_count,
        errors=[e.as_dict() for e in report.errors],
        changes=[c.as_dict() for c in report.changes],
        notes=report.notes,
        stored_files=stored_files or {},
    )
    return report, run


def run_stored(
    user, kind: str, options: ImportOptions, stored: dict, progress: Progress | None = None
) -> ImportRun:
    """Import uploaded files kept by store_upload ({"file": ..., "organisations_file": ...})."""
    organisations = stored.get("organisations_file")
    _report, run = run_import(
        kind,
        stored_path(stored["file"]),
        user=user,
        options=options,
        name=stored["file"]["name"],
        organisations_path=stored_path(organisations) if organisations else None,
        organisations_name=organisations["name"] if organisations else "",
        progress=progress,
        stored_files=stored if options.dry_run else None,
    )
    return run


def upload_dir() -> Path:
    path = Path(settings.MEDIA_ROOT) / "imports"
    path.mkdir(parents=True, exist_ok=True)
    return path


def store_upload(upload) -> dict:
    """Keep an uploaded file between the dry run and the commit; returns {"path", "name"}."""
    suffix = Path(upload.name).suffix.lower()[:8]
    target = upload_dir() / f"{uuid.uuid4().hex}{suffix}"
    with target.open("wb") as fh:
        for chunk in upload.chunks():
            fh.write(chunk)
    return {"path": target.name, "name": Path(upload.name).name}


def discard_stale_uploads(now: dt.datetime) -> int:
    """Delete files of dry runs never committed, older than a day; returns how many runs were cleaned."""
    count = 0
    for run in ImportRun.objects.filter(started_at__lt=now - STALE_UPLOADS).exclude(stored_files={}):
        discard_stored(run)
        count += 1
    return count


def stored_path(entry: dict) -> Path:
    """The stored file of an entry made by store_upload (names only: no path from a user reaches the disk)."""
    return upload_dir() / Path(entry["path"]).name


def delete_stored(stored: dict) -> None:
    for entry in (stored or {}).values():
        stored_path(entry).unlink(missing_ok=True)


def discard_stored(run: ImportRun) -> None:
    """Delete the kept files of a dry run; it can no longer be committed."""
    delete_stored(run.stored_files)
    run.stored_files = {}
    run.save(update_fields=["stored_files"])
