"""Organiser pages: create an event, schedule it (background job), lock, check in, table plan, hand-over;
statistics for organisers and analysts."""

from __future__ import annotations

import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from techbridge.directory.models import Organisation
from techbridge.events import rules, schedule, selectors, services, timeplan
from techbridge.events.forms import EventForm
from techbridge.events.models import Meeting, Registration
from techbridge.events.views import _event, _flash_errors


def _organiser(request: HttpRequest) -> None:
    if not rules.is_organiser(request.user):
        raise PermissionDenied("Only brokers and administrators organise events.")


@login_required
def event_create(request: HttpRequest) -> HttpResponse:
    _organiser(request)
    form = EventForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            event = services.event_create(by=request.user, data=form.cleaned_data)
            messages.success(request, _("Event created."))
            return redirect("event-detail", event.pk)
        except ValidationError as exc:
            for field, errs in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errs)
    return render(request, "events/event_form.html", {"form": form})


@login_required
def event_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Change the event's settings; the time plan is checked again (reschedule after changing slots)."""
    _organiser(request)
    event = _event(pk)
    form = EventForm(request.POST or None, instance=event)
    if request.method == "POST" and form.is_valid():
        try:
            services.event_update(event=_event(pk), by=request.user, data=form.cleaned_data)
            messages.success(request, _("Event saved."))
            return redirect("event-detail", event.pk)
        except ValidationError as exc:
            for field, errs in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errs)
    return render(request, "events/event_form.html", {"form": form, "event": event})


def _named(message: str, regs: dict[int, Registration], meetings: dict[int, Meeting]) -> str:
    """The core names participants 'p<registration>' and meetings 'm<meeting>': show people's names."""

    def person(m: re.Match) -> str:
        reg = regs.get(int(m.group(1)))
        return reg.name if reg else m.group(0)

    def meeting(m: re.Match) -> str:
        found = meetings.get(int(m.group(1)))
        return f"{found.request.requester.name} – {found.request.recipient.name}" if found else m.group(0)

    return re.sub(r"'m(\d+)'", meeting, re.sub(r"'p(\d+)'", person, message))


def _conflicts(event, regs: dict[int, Registration], meetings: dict[int, Meeting], slots: dict) -> list[dict]:
    out = []
    for c in event.schedule_conflicts or []:
        out.append(
            {
                "message": _named(c.get("message", ""), regs, meetings),
                "kind": c.get("kind", ""),
                "participants": [regs[p] for p in c.get("participants", []) if p in regs],
                "meetings": [meetings[m] for m in c.get("meetings", []) if m in meetings],
                "slots": [slots[s] for s in c.get("slots", []) if s in slots],
            }
        )
    return out


@login_required
def schedule_page(request: HttpRequest, pk: int) -> HttpResponse:
    _organiser(request)
    event = _event(pk)
    meetings = list(selectors.meetings(event=event))
    slots = {s.index: s for s in timeplan.slot_times(event)}
    regs = {r.pk: r for r in selectors.catalogue(event=event)}
    context = {
        "event": event,
        "job": event.schedule_job,
        "meetings": meetings,
        "slots": slots,
        "registrations": regs.values(),
        "conflicts": _conflicts(event, regs, {m.pk: m for m in meetings}, slots),
        "second_zone": timeplan.second_zone(event),
    }
    return render(request, "events/schedule.html", context)


@login_required
@require_POST
def schedule_run(request: HttpRequest, pk: int) -> HttpResponse:
    _organiser(request)
    event = _event(pk)
    mode = "reschedule" if request.POST.get("mode") == "reschedule" else "schedule"
    try:
        schedule.schedule_submit(event=event, by=request.user, mode=mode)
    except ValidationError as exc:
        _flash_errors(request, exc)
    return redirect("event-schedule", event.pk)


@login_required
@require_POST
def meeting_action(request: HttpRequest, pk: int) -> HttpResponse:
    """Lock, unlock, cancel (organiser page) or hand over a meeting."""
    meeting = get_object_or_404(
        Meeting.objects.select_related("request__requester", "request__recipient"), pk=pk
    )
    action = request.POST.get("action")
    try:
        if action in ("lock", "unlock"):
            services.meeting_lock(meeting=meeting, by=request.user, locked=action == "lock")
        elif action == "cancel":
            services.meeting_cancel(meeting=meeting, by=request.user)
        elif action == "hand_over":
            services.meeting_hand_over(meeting=meeting, by=request.user)
        else:
            raise ValidationError({"action": [_("Choose lock, unlock, cancel or hand over.")]})
        messages.success(request, _("Done."))
    except ValidationError as exc:
        _flash_errors(request, exc)
    if not rules.is_organiser(request.user):  # a participant cancelling their own meeting
        return redirect("event-detail", meeting.event_id)
    if action == "hand_over":
        return redirect("event-handovers", meeting.event_id)
    return redirect("event-schedule", meeting.event_id)


@login_required
@require_POST
def checkin(request: HttpRequest, pk: int) -> HttpResponse:
    registration = get_object_or_404(Registration, pk=pk)
    present = request.POST.get("present") != "no"
    services.checkin_mark(registration=registration, by=request.user, present=present)
    messages.success(
        request, _("Checked in.") if present else _("Marked as no-show; reschedule to use the freed slots.")
    )
    return redirect("event-schedule", registration.event_id)


@login_required
@require_POST
def register_participant(request: HttpRequest, pk: int) -> HttpResponse:
    """The organiser registers a named participant of an organisation (walk-ins, delegations)."""
    _organiser(request)
    event = _event(pk)
    org = Organisation.objects.filter(key=request.POST.get("organisation", "").strip()[:100]).first()
    try:
        if org is None:
            raise ValidationError({"organisation": [_("No organisation with this key in the directory.")]})
        reg = services.registration_create(
            event=event,
            by=request.user,
            organisation=org,
            name=request.POST.get("name", ""),
            description=request.POST.get("description", ""),
            profiles=org.profiles.filter(status="published")[:2],
        )
        messages.success(request, _("%(name)s is registered.") % {"name": reg.name})
    except ValidationError as exc:
        _flash_errors(request, exc)
    return redirect("event-schedule", event.pk)


@login_required
def table_plan(request: HttpRequest, pk: int) -> HttpResponse:
    _organiser(request)
    event = _event(pk)
    tables, rows = selectors.table_plan(event=event)
    context = {"event": event, "tables": tables, "rows": rows, "second_zone": timeplan.second_zone(event)}
    return render(request, "events/table_plan.html", context)


@login_required
def handovers(request: HttpRequest, pk: int) -> HttpResponse:
    _organiser(request)
    event = _event(pk)
    candidates = selectors.meetings(event=event).filter(
        outcome__in=("follow_up", "cooperation"), handed_over=False
    )
    context = {"event": event, "handed": selectors.handed_over(event=event), "candidates": candidates}
    return render(request, "events/handovers.html", context)


@login_required
def stats(request: HttpRequest, pk: int) -> HttpResponse:
    if not rules.can_view_stats(request.user):
        raise PermissionDenied("Event statistics are for organisers and analysts.")
    event = _event(pk)
    return render(request, "events/stats.html", {"event": event, "stats": selectors.stats(event=event)})
