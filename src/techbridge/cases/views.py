"""Case pages: the broker's board, opening cases, the case page, stage moves, next action, parties."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from techbridge.cases import assessments, rules, selectors, services
from techbridge.cases.criteria import SCALE_MAX, SCALE_MIN, TEMPLATE
from techbridge.cases.models import (
    AgreementKind,
    AgreementStatus,
    Case,
    CloseReason,
    Decision,
    DocumentKind,
    Stage,
)
from techbridge.core.cases.stages import allowed_targets
from techbridge.web.pages import page_context


def flash_errors(request: HttpRequest, exc: ValidationError) -> None:
    """One message per field, naming it ("parties: Name the parties on both sides ...")."""
    if hasattr(exc, "error_dict"):
        for field, errs in exc.message_dict.items():
            for m in errs:
                messages.error(request, f"{field}: {m}" if field != "__all__" else m)
    else:
        for m in exc.messages:
            messages.error(request, m)


def posted_id(request: HttpRequest, name: str) -> int:
    """A posted primary key, or 0 when absent or not a number (the service then names the field)."""
    raw = (request.POST.get(name) or "").strip()
    return int(raw) if raw.isdigit() and len(raw) < 18 else 0


def get_case(request: HttpRequest, pk: int) -> Case:
    case = get_object_or_404(Case.objects.select_related("broker"), pk=pk)
    if not rules.can_view_case(request.user, case):
        raise Http404("No such case.")
    return case


FILTERS = ("q", "stage", "broker", "country", "sector", "overdue")


@login_required
def case_board(request: HttpRequest) -> HttpResponse:
    if rules.is_analyst(request.user):
        return redirect("case-funnel")
    filters = {k: request.GET.get(k, "") for k in FILTERS}
    context = {
        "filters": filters,
        "stages": Stage.choices,
        "is_broker": rules.can_manage(request.user),
        "today": timezone.localdate(),
    }
    if rules.can_manage(request.user) and request.GET.get("view") != "list":
        from techbridge.accounts.models import User

        context["columns"] = [
            (
                s,
                label,
                cases,
                [(t.value, dict(Stage.choices)[t.value]) for t in allowed_targets(s) if t != Stage.CLOSED],
            )
            for s, label, cases in selectors.board(viewer=request.user, filters=filters)
        ]
        context["brokers"] = User.objects.filter(role__in=["broker", "admin"]).order_by("username")
        return render(request, "cases/board.html", context)
    context.update(page_context(request, selectors.case_list(viewer=request.user, filters=filters)))
    return render(request, "cases/case_list.html", context)


@login_required
def case_new(request: HttpRequest) -> HttpResponse:
    if not rules.can_manage(request.user):
        raise PermissionDenied(_("Only brokers open cases."))
    from techbridge.directory.models import Organisation
    from techbridge.docking.models import Interest
    from techbridge.marketplace.models import Profile

    if request.method == "POST":
        org = Organisation.objects.filter(pk=posted_id(request, "organisation")).first()
        refs = [r.strip() for r in request.POST.get("profiles", "").replace(",", " ").split() if r.strip()]
        profiles = list(Profile.objects.filter(reference__in=refs))
        missing = sorted(set(refs) - {p.reference for p in profiles})
        try:
            if missing:
                raise ValidationError(
                    {"profiles": [_("Unknown profile references: %s") % ", ".join(missing)]}
                )
            case = services.case_open_from_consultation(
                by=request.user,
                title=request.POST.get("title", ""),
                summary=request.POST.get("summary", ""),
                organisation=org,
                profiles=profiles,
            )
            messages.success(request, _("Case opened."))
            return redirect("case-detail", case.pk)
        except ValidationError as exc:
            flash_errors(request, exc)
    interests = (
        Interest.objects.filter(status="accepted", cases=None)
        .select_related("profile", "organisation")
        .order_by("-decided_at")[:50]
    )
    context = {
        "interests": interests,
        "meetings": _meetings_to_open(),
        "organisations": Organisation.objects.order_by("name")[:2000],
        "data": request.POST,
    }
    return render(request, "cases/case_new.html", context)


def _meetings_to_open():
    try:
        from techbridge.events.models import Meeting
    except ImportError:
        return []
    return (
        Meeting.objects.filter(outcome__in=["follow_up", "cooperation"], cases=None)
        .select_related("event", "request__requester__organisation", "request__recipient__organisation")
        .order_by("-outcome_at")[:50]
    )


@login_required
@require_POST
def case_from_interest(request: HttpRequest, interest_id: int) -> HttpResponse:
    from techbridge.docking.models import Interest

    interest = get_object_or_404(Interest.objects.select_related("profile"), pk=interest_id)
    try:
        case = services.case_open_from_interest(interest=interest, by=request.user)
    except ValidationError as exc:
        flash_errors(request, exc)
        return redirect("case-new")
    messages.success(request, _("Case opened from the expression of interest."))
    return redirect("case-detail", case.pk)


@login_required
@require_POST
def case_from_meeting(request: HttpRequest, meeting_id: int) -> HttpResponse:
    from techbridge.events.models import Meeting

    meeting = get_object_or_404(Meeting, pk=meeting_id)
    try:
        case = services.case_open_from_meeting(meeting=meeting, by=request.user)
    except ValidationError as exc:
        flash_errors(request, exc)
        return redirect("case-new")
    messages.success(request, _("Case opened from the meeting."))
    return redirect("case-detail", case.pk)


@login_required
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_case(request, pk)
    user = request.user
    broker = rules.can_manage(user)
    own = case.assessments.filter(evaluator=user).first()
    context = {
        "case": case,
        "is_broker": broker,
        "parties": case.parties.select_related("organisation", "person"),
        "profiles": case.profiles.all(),
        "transitions": case.transitions.select_related("by"),
        "targets": [(t.value, dict(Stage.choices)[t.value]) for t in allowed_targets(case.stage)]
        if broker
        else [],
        "close_reasons": CloseReason.choices,
        "decisions": [d for d in Decision.choices if d[0]],
        "criteria": TEMPLATE,
        "scale": range(SCALE_MIN, SCALE_MAX + 1),
        "own_assessment": own,
        "show_documents": rules.can_see_documents(user, case),
        "can_upload": rules.can_upload(user, case),
        "document_kinds": DocumentKind.choices,
        "agreement_kinds": AgreementKind.choices,
        "agreement_statuses": AgreementStatus.choices,
    }
    if broker:
        from techbridge.accounts.models import User

        context["assessments"] = case.assessments.select_related("evaluator")
        context["summary"] = assessments.assessment_summary(case)
        context["evaluators"] = User.objects.filter(role="evaluator", is_active=True).order_by("username")
        context["party_orgs"] = [p for p in context["parties"] if p.organisation_id]
    if context["show_documents"]:
        context["documents"] = case.documents.select_related("uploaded_by")
    if broker or rules.is_party(user, case):
        context["agreements"] = case.agreements.prefetch_related("parties", "follow_ups")
    return render(request, "cases/case_detail.html", context)


def _post_action(request: HttpRequest, pk: int, fn, success: str) -> HttpResponse:
    case = get_case(request, pk)
    try:
        fn(case)
        messages.success(request, success)
    except ValidationError as exc:
        flash_errors(request, exc)
    return redirect("case-detail", case.pk)


@login_required
@require_POST
def case_move(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_case(request, pk)
    try:
        services.case_move(
            case=case,
            by=request.user,
            to=request.POST.get("to", ""),
            note=request.POST.get("note", ""),
            reason=request.POST.get("reason", ""),
        )
        messages.success(request, _("Case #%(pk)d moved.") % {"pk": case.pk})
    except ValidationError as exc:
        flash_errors(request, exc)
    if request.POST.get("back") == "board":
        return redirect("case-board")
    return redirect("case-detail", case.pk)


@login_required
@require_POST
def case_update(request: HttpRequest, pk: int) -> HttpResponse:
    keys = ("title", "summary", "next_action", "next_action_due")
    return _post_action(
        request,
        pk,
        lambda c: services.case_update(
            case=c, by=request.user, data={k: request.POST[k] for k in keys if k in request.POST}
        ),
        _("Case updated."),
    )


@login_required
@require_POST
def party_add(request: HttpRequest, pk: int) -> HttpResponse:
    from techbridge.directory.models import Organisation

    key = (request.POST.get("organisation") or "").strip()[:100]
    org = Organisation.objects.filter(key=key).first() if key else None
    return _post_action(
        request,
        pk,
        lambda c: services.party_add(
            case=c,
            by=request.user,
            side=request.POST.get("side", ""),
            organisation=org,
            role=request.POST.get("role", ""),
        ),
        _("Party added."),
    )


@login_required
@require_POST
def case_decide(request: HttpRequest, pk: int) -> HttpResponse:
    return _post_action(
        request,
        pk,
        lambda c: services.case_decide(
            case=c,
            by=request.user,
            decision=request.POST.get("decision", ""),
            note=request.POST.get("note", ""),
        ),
        _("Decision recorded."),
    )
