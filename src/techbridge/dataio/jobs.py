"""Background job of the import page: a big file is checked or imported by a worker, with progress.

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

PROGRESS_EVERY = 200  # rows between progress reports (each is a database write)


def _progress(ctx):
    def wrap(rows: Iterable[Row], total: int | None) -> Iterator[Row]:
        for n, row in enumerate(rows, start=1):
            if n % PROGRESS_EVERY == 0:
                ctx.progress(min(n / total, 0.99) if total else 0.5, f"{n} rows")
                if ctx.cancelled():
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
    try:
        run = services.run_stored(user, kind, options, stored, progress=_progress(ctx))
    finally:
        if dry_run_of is not None:  # a commit: its dry run's files are no longer needed
            services.delete_stored(stored)
    if ctx.cancelled():
        raise JobCancelled()
    return {
        "import_run": run.pk,
        "rows": run.rows,
        "created": run.created,
        "updated": run.updated,
        "errors": run.error_count,
    }
