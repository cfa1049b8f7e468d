"""Pages of plans and targets, exchange programmes and the events calendar (with its ICS feed)."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from techbridge.directory.models import Country
from techbridge.planning import exports, ics, rules, selectors, services_plans
from techbridge.planning.forms import (
    CalendarEventForm,
    GoalForm,
    MilestoneForm,
    PlanForm,
    ProgrammeForm,
    ReadingForm,
    TargetForm,
)
from techbridge.planning.models import CalendarKind, Milestone, Plan, Programme, ProgrammeKind, Target
from techbridge.planning.progress import AT_RISK_GAP, LATE_GAP
from techbridge.planning.views import planner_required

# --- plans --------------------------------------------------------------------------------------------


@planner_required
def plan_list(request: HttpRequest) -> HttpResponse:
    form = PlanForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        plan = services_plans.plan_create(by=request.user, data=form.cleaned_data)
        return redirect("planning-plan", plan.pk)
    return render(request, "planning/plan_list.html", {"plans": Plan.objects.all(), "form": form})


@planner_required
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_object_or_404(Plan, pk=pk)
    goal_form = GoalForm(request.POST if "add_goal" in request.POST else None, plan=plan)
    target_form = TargetForm(
        request.POST if "add_target" in request.POST else None,
        plan=plan,
        initial={"start": plan.start, "due": plan.end},
    )
    if request.method == "POST":
        if "add_goal" in request.POST and goal_form.is_valid():
            services_plans.goal_add(plan=plan, **goal_form.cleaned_data)
            return redirect("planning-plan", plan.pk)
        if "add_target" in request.POST and target_form.is_valid():
            services_plans.target_add(goal=target_form.cleaned_data["goal"], data=target_form.cleaned_data)
            messages.success(request, _("Target added."))
            return redirect("planning-plan", plan.pk)
    goals = selectors.plan_dashboard(plan)
    context = {
        "plan": plan,
        "goals": goals,
        "counts": selectors.status_counts(goals),
        "goal_form": goal_form,
        "target_form": target_form,
        "at_risk_gap": round(100 * AT_RISK_GAP),
        "late_gap": round(100 * LATE_GAP),
    }
    return render(
        request, "planning/plan_detail.html", context, status=400 if request.method == "POST" else 200
    )


@planner_required
@require_POST
def target_reading(request: HttpRequest, pk: int) -> HttpResponse:
    target = get_object_or_404(Target.objects.select_related("goal"), pk=pk)
    form = ReadingForm(request.POST)
    if target.metric:
        services_plans.reading_record(target=target)
        messages.success(request, _("Snapshot of the computed value recorded."))
    elif form.is_valid():
        services_plans.reading_record(target=target, value=form.cleaned_data["value"])
        messages.success(request, _("Value recorded."))
    else:
        messages.error(request, _("Enter a number."))
    return redirect("planning-plan", target.goal.plan_id)


@planner_required
def plan_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    plan = get_object_or_404(Plan, pk=pk)
    if fmt not in ("pdf", "xlsx"):
        raise Http404("Export as pdf or xlsx.")
    goals = selectors.plan_dashboard(plan)
    if fmt == "pdf":
        response = HttpResponse(exports.plan_pdf(plan, goals), content_type="application/pdf")
    else:
        response = HttpResponse(
            exports.plan_xlsx(plan, goals),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="plan-{plan.pk}.{fmt}"'
    return response


# --- programmes ---------------------------------------------------------------------------------------


@login_required
def programme_list(request: HttpRequest) -> HttpResponse:
    qs = selectors.visible_programmes(request.user).prefetch_related("partners")
    kind = request.GET.get("kind", "")
    if kind:
        qs = qs.filter(kind=kind)
    context = {
        "programmes": qs,
        "kinds": ProgrammeKind.choices,
        "kind": kind,
        "can_edit": rules.can_plan(request.user),
    }
    return render(request, "planning/programme_list.html", context)


def _visible_programme(request: HttpRequest, pk: int) -> Programme:
    programme = selectors.visible_programmes(request.user).filter(pk=pk).first()
    if programme is None:
        raise Http404("No such programme.")
    return programme


@login_required
def programme_detail(request: HttpRequest, pk: int) -> HttpResponse:
    programme = _visible_programme(request, pk)
    can_edit = rules.can_plan(request.user)
    milestone_form = MilestoneForm(request.POST or None)
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied("Only planners edit programmes.")
        if milestone_form.is_valid():
            services_plans.milestone_add(programme=programme, **milestone_form.cleaned_data)
            return redirect("planning-programme", programme.pk)
    context = {
        "programme": programme,
        "participations": programme.participations.select_related("person", "person__organisation"),
        "show_people": rules.can_view_people(request.user),
        "milestones": programme.milestones.all(),
        "milestone_form": milestone_form,
        "can_edit": can_edit,
    }
    return render(request, "planning/programme_detail.html", context)


@planner_required
def programme_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    programme = get_object_or_404(Programme, pk=pk) if pk else None
    form = ProgrammeForm(request.POST or None, instance=programme)
    if request.method == "POST" and form.is_valid():
        programme = services_plans.programme_save(by=request.user, form=form, programme=programme)
        messages.success(request, _("Programme saved."))
        return redirect("planning-programme", programme.pk)
    return render(request, "planning/programme_form.html", {"form": form, "programme": programme})


@planner_required
@require_POST
def milestone_done(request: HttpRequest, pk: int) -> HttpResponse:
    milestone = get_object_or_404(Milestone, pk=pk)
    services_plans.milestone_done(milestone=milestone)
    return redirect("planning-programme", milestone.programme_id)


# --- calendar -----------------------------------------------------------------------------------------


def _calendar_filters(request: HttpRequest) -> dict:
    return {"country": request.GET.get("country", "")[:2], "kind": request.GET.get("kind", "")[:12]}


@login_required
def calendar(request: HttpRequest) -> HttpResponse:
    can_edit = rules.can_edit_calendar(request.user)
    form = CalendarEventForm(request.POST or None) if can_edit else None
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied("Only planners add calendar events.")
        if form.is_valid():
            services_plans.calendar_event_save(form=form)
            messages.success(request, _("Event added to the calendar."))
            return redirect("planning-calendar")
    filters = _calendar_filters(request)
    context = {
        "events": selectors.calendar_events(**filters),
        "filters": filters,
        "kinds": CalendarKind.choices,
        "countries": Country.objects.all(),
        "form": form,
        "today": dt.date.today(),
    }
    return render(request, "planning/calendar.html", context, status=400 if request.method == "POST" else 200)


@login_required
def calendar_ics(request: HttpRequest) -> HttpResponse:
    events = selectors.calendar_events(**_calendar_filters(request))
    response = HttpResponse(
        ics.calendar_ics(events, host=request.get_host()), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="techbridge-calendar.ics"'
    return response
