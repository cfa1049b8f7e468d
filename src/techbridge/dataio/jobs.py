"""Background job of the import page: a big file is checked or imported by a worker, and can be cancelled.

Registered with the job system (techbridge.jobs) when that app is installed; small files run in the request.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from django.contrib.auth import get_user_model

from techbridge.dataio import services
from techbridge.dataio.importers import ImportOptions
from techbridge.dataio.readers import Row
from techbridge.dataio.report import ImportCancelled
from techbridge.jobs.registry import JobCancelled, job

CHECK_EVERY = 200  # rows between two looks at the job's cancellation flag


def _watch(ctx):
    """Stop the import when the job is cancelled.

    Progress is not written while the import runs: the import is one transaction, and a write to the job's
    row from inside it would hold that row (PostgreSQL) or the database (SQLite) until the end and be rolled
    back with a dry run. The job page shows the job as running until the report is ready.
    """

    def wrap(rows: Iterable[Row], total: int | None) -> Iterator[Row]:
        for n, row in enumerate(rows, start=1):
            if n % CHECK_EVERY == 0 and ctx.cancelled():
                raise ImportCancelled()
            yield row

    return wrap


@job("dataio.import", title="Import of a data file")
def import_file(
    ctx,
    *,
    kind: str,
    stored: dict,
    mode: str,
    status: str,
    dry_run: bool,
    user_id: int,
    dry_run_of: int | None = None,
) -> dict:
    """Run the dry run (or the commit of dry run `dry_run_of`); the result names the ImportRun to show."""
    user = get_user_model().objects.get(pk=user_id)
    options = ImportOptions(mode=mode, status=status, dry_run=dry_run)
    ctx.progress(0.05, "Checking the file" if dry_run else "Importing the file")
    try:
        run = services.run_stored(user, kind, options, stored, progress=_watch(ctx))
    finally:
        if dry_run_of is not None:  # a commit: its dry run's files are no longer needed
            services.delete_stored(stored)
    if ctx.cancelled():
        raise JobCancelled()
    ctx.progress(1.0, f"{run.rows} rows, {run.error_count} errors")
    return {
        "import_run": run.pk,
        "rows": run.rows,
        "created": run.created,
        "updated": run.updated,
        "errors": run.error_count,
    }
