"""Case work pages: evaluator assignment and score sheets, documents (upload and download), agreements and
follow-ups. Thin: parse the form, call the service, report errors by field."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from techbridge.cases import agreements, assessments, documents, rules
from techbridge.cases.criteria import TEMPLATE
from techbridge.cases.models import Agreement, Document
from techbridge.cases.views import flash_errors, get_case, posted_id


@login_required
@require_POST
def evaluator_assign(request: HttpRequest, pk: int) -> HttpResponse:
    from techbridge.accounts.models import User

    case = get_case(request, pk)
    evaluator = User.objects.filter(pk=posted_id(request, "evaluator")).first()
    try:
        assessments.evaluator_assign(case=case, by=request.user, evaluator=evaluator)
        messages.success(request, _("Evaluator assigned."))
    except ValidationError as exc:
        flash_errors(request, exc)
    return redirect("case-detail", case.pk)


@login_required
@require_POST
def assessment_submit(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_case(request, pk)
    sheet = case.assessments.filter(evaluator=request.user).first()
    if sheet is None:
        raise PermissionDenied(_("You are not assigned to evaluate this case."))
    scores = {c.key: request.POST.get(f"score_{c.key}", "") for c in TEMPLATE}
    try:
        assessments.assessment_submit(
            assessment=sheet, by=request.user, scores=scores, comment=request.POST.get("comment", "")
        )
        messages.success(request, _("Assessment submitted."))
    except ValidationError as exc:
        flash_errors(request, exc)
    return redirect("case-detail", case.pk)


@login_required
@require_POST
def document_upload(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_case(request, pk)
    try:
        doc = documents.document_upload(
            case=case,
            by=request.user,
            title=request.POST.get("title", ""),
            kind=request.POST.get("kind", ""),
            upload=request.FILES.get("file"),
        )
        messages.success(
            request, _("Uploaded %(title)s, version %(v)d.") % {"title": doc.title, "v": doc.version}
        )
    except ValidationError as exc:
        flash_errors(request, exc)
    return redirect("case-detail", case.pk)


@login_required
def document_download(request: HttpRequest, pk: int, doc_id: int) -> HttpResponse:
    case = get_case(request, pk)
    if not rules.can_see_documents(request.user, case):
        raise Http404("No such document.")
    doc = get_object_or_404(Document, pk=doc_id, case=case)
    response = FileResponse(
        doc.file.open("rb"),
        as_attachment=True,
        filename=f"v{doc.version}-{doc.filename}",
        content_type=documents.content_type(doc),
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def _agreement_data(request: HttpRequest) -> dict:
    keys = ("kind", "title", "value", "currency", "signed_on", "starts_on", "ends_on", "status")
    data = {k: request.POST.get(k, "") for k in keys}
    data["parties"] = request.POST.getlist("parties")
    return data


@login_required
@require_POST
def agreement_create(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_case(request, pk)
    try:
        agreements.agreement_record(case=case, by=request.user, data=_agreement_data(request))
        messages.success(request, _("Agreement recorded."))
    except ValidationError as exc:
        flash_errors(request, exc)
    return redirect("case-detail", case.pk)


@login_required
@require_POST
def follow_up_create(request: HttpRequest, pk: int, agreement_id: int) -> HttpResponse:
    case = get_case(request, pk)
    agreement = get_object_or_404(Agreement, pk=agreement_id, case=case)
    keys = ("on", "products_launched", "revenue", "jobs", "patents", "follow_on_projects", "note")
    try:
        agreements.follow_up_record(
            agreement=agreement, by=request.user, data={k: request.POST.get(k, "") for k in keys}
        )
        messages.success(request, _("Follow-up recorded."))
    except ValidationError as exc:
        flash_errors(request, exc)
    return redirect("case-detail", case.pk)
