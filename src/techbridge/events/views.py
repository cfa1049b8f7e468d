"""Event pages for everyone signed in: list, detail with registration, catalogue, requests, agendas."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from techbridge.events import exports, rules, selectors, services, timeplan
from techbridge.events.forms import RegistrationForm
from techbridge.events.models import Event, Meeting, MeetingRequest, Outcome, Registration
from techbridge.marketplace.models import Profile


def _event(pk: int) -> Event:
    return get_object_or_404(Event, pk=pk)


def _people(request: HttpRequest) -> None:
    if not rules.can_view_people(request.user):
        raise PermissionDenied("Analysts see aggregate event statistics only.")


def _back(request: HttpRequest, name: str, *args) -> HttpResponse:
    """Back to the page the form came from (a path on this site only), else to `name`."""
    nxt = request.POST.get("next", "")
    if (
        nxt
        and url_has_allowed_host_and_scheme(nxt, allowed_hosts={request.get_host()})
        and nxt.startswith("/")
    ):
        return redirect(nxt)
    return redirect(name, *args)


def _flash_errors(request: HttpRequest, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errs in exc.message_dict.items():
            messages.error(request, f"{field}: {' '.join(errs)}")
    else:
        messages.error(request, " ".join(exc.messages))


@login_required
def event_list(request: HttpRequest) -> HttpResponse:
    events = selectors.event_list(viewer=request.user)
    return render(
        request, "events/event_list.html", {"events": events, "organiser": rules.is_organiser(request.user)}
    )


def _own_profiles(user):
    if not user.organisation_id:
        return []
    return list(Profile.objects.filter(organisation=user.organisation_id, status="published"))


@login_required
def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event(pk)
    user = request.user
    mine = selectors.registration_of(event=event, user=user)
    context = {
        "event": event,
        "mine": mine,
        "organiser": rules.is_organiser(user),
        "can_people": rules.can_view_people(user),
        "can_stats": rules.can_view_stats(user),
        "slots": len(timeplan.slot_times(event)),
        "second_zone": timeplan.second_zone(event),
    }
    if mine is None and rules.can_register(user) and event.registration_open:
        form = RegistrationForm(request.POST or None, profiles=_own_profiles(user), event=event)
        if request.method == "POST" and form.is_valid():
            chosen = Profile.objects.filter(reference__in=form.cleaned_data["profiles"])
            try:
                services.registration_create(
                    event=event,
                    by=user,
                    profiles=chosen,
                    description=form.cleaned_data["description"],
                    attends_virtually=form.cleaned_data.get("attends_virtually", False),
                )
                messages.success(request, _("You are registered."))
                return redirect("event-detail", event.pk)
            except ValidationError as exc:
                for field, errs in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, errs)
        context["form"] = form
    if mine is not None:
        context["requests"] = selectors.requests_of(registration=mine)
    return render(request, "events/event_detail.html", context)


@login_required
def catalogue(request: HttpRequest, pk: int) -> HttpResponse:
    _people(request)
    event = _event(pk)
    mine = selectors.registration_of(event=event, user=request.user)
    asked = set()
    if mine is not None:
        asked = set(mine.requests_sent.values_list("recipient_id", flat=True)) | set(
            mine.requests_received.values_list("requester_id", flat=True)
        )
    context = {"event": event, "participants": selectors.catalogue(event=event), "mine": mine, "asked": asked}
    return render(request, "events/catalogue.html", context)


@login_required
def suggestions(request: HttpRequest, pk: int) -> HttpResponse:
    _people(request)
    event = _event(pk)
    mine = selectors.registration_of(event=event, user=request.user)
    found = selectors.suggestions(registration=mine) if mine is not None else []
    return render(request, "events/suggestions.html", {"event": event, "mine": mine, "suggestions": found})


@login_required
@require_POST
def request_create(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event(pk)
    raw = request.POST.get("recipient", "")
    recipient = get_object_or_404(Registration, pk=int(raw) if raw.isdigit() else 0, event=event)
    try:
        services.request_send(
            event=event, by=request.user, recipient=recipient, message=request.POST.get("message", "")
        )
        messages.success(request, _("Meeting request sent to %(name)s.") % {"name": recipient.name})
    except ValidationError as exc:
        _flash_errors(request, exc)
    return _back(request, "event-catalogue", event.pk)


@login_required
@require_POST
def request_decide(request: HttpRequest, pk: int) -> HttpResponse:
    req = get_object_or_404(MeetingRequest.objects.select_related("recipient"), pk=pk)
    decision = request.POST.get("decision")
    if decision not in ("accept", "decline"):
        messages.error(request, _("decision: choose accept or decline."))
    else:
        try:
            services.request_decide(meeting_request=req, by=request.user, accept=decision == "accept")
            messages.success(request, _("Decision recorded."))
        except ValidationError as exc:
            _flash_errors(request, exc)
    return _back(request, "event-detail", req.event_id)


def _agenda_registration(request: HttpRequest, pk: int, reg: int) -> Registration:
    registration = get_object_or_404(
        Registration.objects.select_related("event", "organisation"), pk=reg, event_id=pk
    )
    if not rules.can_view_agenda(request.user, registration):
        raise PermissionDenied("Agendas are for their participant and the organisers.")
    return registration


@login_required
def agenda(request: HttpRequest, pk: int, reg: int) -> HttpResponse:
    registration = _agenda_registration(request, pk, reg)
    context = {
        "event": registration.event,
        "registration": registration,
        "items": selectors.agenda(registration=registration),
        "second_zone": timeplan.second_zone(registration.event),
        "outcomes": [c for c in Outcome.choices if c[0]],
        "can_act": True,
    }
    return render(request, "events/agenda.html", context)


@login_required
def agenda_ics(request: HttpRequest, pk: int, reg: int) -> HttpResponse:
    registration = _agenda_registration(request, pk, reg)
    body = exports.agenda_ics(
        registration, selectors.agenda(registration=registration), host=request.get_host()
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="agenda-{pk}-{reg}.ics"'
    return response


@login_required
def agenda_pdf(request: HttpRequest, pk: int, reg: int) -> HttpResponse:
    registration = _agenda_registration(request, pk, reg)
    second = timeplan.second_zone(registration.event)
    body = exports.agenda_pdf(
        registration, selectors.agenda(registration=registration), str(second) if second else None
    )
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="agenda-{pk}-{reg}.pdf"'
    return response


@login_required
@require_POST
def outcome_record(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_object_or_404(
        Meeting.objects.select_related("request__requester", "request__recipient"), pk=pk
    )
    try:
        services.outcome_record(meeting=meeting, by=request.user, outcome=request.POST.get("outcome", ""))
        messages.success(request, _("Outcome recorded."))
    except ValidationError as exc:
        _flash_errors(request, exc)
    return _back(request, "event-detail", meeting.event_id)
