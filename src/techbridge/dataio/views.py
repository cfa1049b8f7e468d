"""Import and export pages: upload, dry-run report, commit; list exports honouring the list filters."""

from __future__ import annotations

import io

from django.apps import apps
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from techbridge.dataio import exports, services
from techbridge.dataio.columns import EXPORTABLE
from techbridge.dataio.forms import UploadForm
from techbridge.dataio.importers import ImportOptions
from techbridge.dataio.models import ImportRun
from techbridge.dataio.readers import MAX_BYTES
from techbridge.marketplace import rules


@login_required
def export_list(request: HttpRequest, kind: str) -> HttpResponse:
    if kind not in EXPORTABLE:
        raise Http404("No such list.")
    fmt = request.GET.get("format", "csv")
    if fmt not in exports.FORMATS:
        return HttpResponseBadRequest(_("Unknown format: choose csv or xlsx."))
    export = exports.build_export(kind, request.GET, request.user)
    name = exports.file_name(kind, fmt, timezone.localdate())
    if fmt == "csv":
        response = StreamingHttpResponse(
            exports.csv_chunks(export), content_type=exports.CONTENT_TYPES["csv"]
        )
    else:
        buffer = io.BytesIO()
        exports.write_xlsx(export, buffer)
        response = HttpResponse(buffer.getvalue(), content_type=exports.CONTENT_TYPES["xlsx"])
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _may_import(user) -> bool:
    return rules.is_broker(user) or rules.can_create_profile(user)


@login_required
def import_start(request: HttpRequest) -> HttpResponse:
    """Upload a file and run a dry run; the report page then offers the commit."""
    if not _may_import(request.user):
        raise PermissionDenied("Brokers, administrators and members of an organisation import data.")
    form = UploadForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        uploads = {"file": data["file"]}
        if data["kind"] == "cordis-projects":
            uploads["organisations_file"] = data["organisations_file"]
        too_big = [u.name for u in uploads.values() if u.size > MAX_BYTES]
        if too_big:
            form.add_error(
                None,
                _("The file %(name)s is larger than %(limit)d MB; split it into smaller files.")
                % {"name": too_big[0], "limit": MAX_BYTES // 1024 // 1024},
            )
        else:
            options = ImportOptions(mode=data["mode"], status=data["status"], dry_run=True)
            try:
                services.check_allowed(request.user, data["kind"], options)
            except PermissionDenied as exc:
                form.add_error(None, str(exc))
            else:
                services.discard_stale_uploads(timezone.now())
                stored = {field: services.store_upload(upload) for field, upload in uploads.items()}
                return _start(request, data["kind"], options, stored)
    runs = ImportRun.objects.filter(user=request.user)[:10]
    return render(
        request, "dataio/import_start.html", {"form": form, "runs": runs, "limit_mb": MAX_BYTES >> 20}
    )


BACKGROUND_BYTES = 2 * 1024 * 1024  # bigger uploads are imported by a background job, with progress


def _start(request: HttpRequest, kind: str, options: ImportOptions, stored: dict, dry_run_of=None):
    """Run the import now, or hand a big file to the job system; redirect to the report or the job's page."""
    size = sum(services.stored_path(entry).stat().st_size for entry in stored.values())
    if size > BACKGROUND_BYTES and apps.is_installed("techbridge.jobs"):
        from techbridge.jobs.services import job_submit

        params = {
            "kind": kind,
            "stored": stored,
            "mode": options.mode,
            "status": options.status,
            "dry_run": options.dry_run,
            "user_id": request.user.pk,
            "dry_run_of": dry_run_of,
        }
        if dry_run_of is not None:  # the job owns the files now: the dry run cannot be committed twice
            ImportRun.objects.filter(pk=dry_run_of).update(stored_files={})
        job = job_submit(
            kind="dataio.import", params=params, by=request.user, result_url=reverse("import-start")
        )
        if isinstance(job.result, dict) and job.result.get("import_run"):  # already done (eager backend)
            return redirect("import-run", pk=job.result["import_run"])
        messages.info(
            request,
            _(
                "The file is big: it is imported in the background. The report appears "
                "under 'Your recent imports' when it is ready."
            ),
        )
        return redirect("job-detail", job_id=job.pk)
    try:
        run = services.run_stored(request.user, kind, options, stored)
    finally:
        if dry_run_of is not None:
            services.discard_stored(ImportRun.objects.get(pk=dry_run_of))
    if dry_run_of is not None and run.committed:
        messages.success(
            request,
            _("Imported: %(created)d created, %(updated)d updated.")
            % {"created": run.created, "updated": run.updated},
        )
    elif dry_run_of is not None:
        messages.error(request, _("Nothing was saved: the file no longer imports cleanly."))
    return redirect("import-run", pk=run.pk)


@login_required
def import_run(request: HttpRequest, pk: int) -> HttpResponse:
    run = get_object_or_404(ImportRun, pk=pk, user=request.user)
    can_commit = run.dry_run and run.ok and bool(run.stored_files)
    return render(request, "dataio/import_run.html", {"run": run, "can_commit": can_commit})


@login_required
@require_POST
def import_commit(request: HttpRequest, pk: int) -> HttpResponse:
    """Import for real the file of a clean dry run (validated again: nothing is saved if anything fails)."""
    dry = get_object_or_404(ImportRun, pk=pk, user=request.user, dry_run=True)
    if not (dry.ok and dry.stored_files):
        messages.error(
            request, _("This dry run cannot be committed: it had errors, or it was committed already.")
        )
        return redirect("import-run", pk=dry.pk)
    options = ImportOptions(mode=dry.mode, status=dry.profile_status, dry_run=False)
    try:
        return _start(request, dry.kind, options, dry.stored_files, dry_run_of=dry.pk)
    except PermissionDenied as exc:
        messages.error(request, str(exc))
        return redirect("import-run", pk=dry.pk)
