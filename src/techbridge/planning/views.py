"""Location-planner pages: studies, sites (form and import), weights (AHP, BWM), run, robustness, map,
portfolio and exports. Analysts, brokers and administrators only."""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from techbridge.core.decision import DecisionInputError, InconsistentJudgementError, PortfolioInfeasible
from techbridge.planning import exports, rules, selectors, services, site_import
from techbridge.planning.forms import (
    BestWorstForm,
    CriterionForm,
    PairwiseForm,
    PortfolioForm,
    SiteForm,
    SiteImportForm,
    StudyForm,
)
from techbridge.planning.geo.svgmap import site_map
from techbridge.planning.models import Plan, Programme, Site, Study

HEAT_RANKS = 10


def planner_required(view):
    @wraps(view)
    @login_required
    def wrapped(request: HttpRequest, *args, **kwargs):
        if not rules.can_plan(request.user):
            raise PermissionDenied("Planning is for analysts, brokers and administrators.")
        return view(request, *args, **kwargs)

    return wrapped


@planner_required
def planning_home(request: HttpRequest) -> HttpResponse:
    form = StudyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        study = services.study_create(
            by=request.user, **{k: form.cleaned_data[k] for k in ("title", "level", "description")}
        )
        study.smaa_samples, study.seed = form.cleaned_data["smaa_samples"], form.cleaned_data["seed"]
        study.save(update_fields=["smaa_samples", "seed"])
        messages.success(request, _("Study created with the default criteria."))
        return redirect("planning-study", study.pk)
    context = {
        "studies": Study.objects.all(),
        "plans": Plan.objects.all(),
        "programmes": Programme.objects.all()[:10],
        "form": form,
    }
    return render(request, "planning/home.html", context)


def _map(study: Study, rows) -> object | None:
    if not rows:
        return None
    sites = {s.name: s for s in study.sites.all()}
    topsis = study.result["rankings"]["topsis"]["scores"]
    marks = [
        {
            "name": r.site,
            "lat": sites[r.site].lat,
            "lon": sites[r.site].lon,
            "score": topsis[r.site],
            "label": _("{site}: compromise rank {rank}, TOPSIS {score:.2f}").format(
                site=r.site, rank=r.ranks["compromise"], score=topsis[r.site]
            ),
        }
        for r in rows
        if r.site in sites
    ]
    return site_map(marks)


def _heat(rows) -> list[tuple[str, list[tuple[int, str]]]]:
    """SMAA rank acceptability as (site, [(percent, colour)]) for the first ranks."""
    out = []
    for r in rows:
        cells = [(round(100 * b), f"rgba(31, 95, 168, {b:.2f})") for b in r.acceptability[:HEAT_RANKS]]
        out.append((r.site, cells))
    return out


@planner_required
def study_detail(request: HttpRequest, pk: int) -> HttpResponse:
    study = get_object_or_404(Study, pk=pk)
    rows = selectors.result_rows(study)
    labels = {c.key: c.label for c in study.criteria.all()}
    reversal, reversal_error = None, ""
    mode = "add" if request.GET.get("mode") == "add" else "remove"
    if request.GET.get("site") and study.result:
        try:
            reversal = selectors.study_reversal(
                study, site=request.GET["site"], mode=mode, method=request.GET.get("method", "topsis")
            )
        except DecisionInputError as exc:
            reversal_error = str(exc)
    context = {
        "study": study,
        "criteria": list(study.criteria.all()),
        "sites": study.sites.select_related("country", "city"),
        "rows": rows,
        "heat": _heat(rows),
        "heat_ranks": range(1, min(HEAT_RANKS, len(rows)) + 1),
        "map": _map(study, rows),
        "stability": [
            {**w, "label": labels.get(w["criterion"], w["criterion"])}
            for w in (study.result or {}).get("stability") or []
        ],
        "vikor_set": (study.result or {}).get("vikor_compromise_set") or [],
        "portfolio_form": PortfolioForm(initial=study.portfolio or None),
        "reversal": reversal,
        "reversal_error": reversal_error,
        "checked_site": request.GET.get("site", ""),
        "reversal_mode": mode,
    }
    return render(request, "planning/study_detail.html", context)


@planner_required
def study_sites(request: HttpRequest, pk: int) -> HttpResponse:
    study = get_object_or_404(Study, pk=pk)
    site_form = SiteForm(request.POST if "add_site" in request.POST else None, study=study)
    import_form = SiteImportForm(request.POST if "import" in request.POST else None, request.FILES or None)
    criterion_form = CriterionForm(request.POST if "add_criterion" in request.POST else None, study=study)
    import_errors: list[str] = []
    if request.method == "POST":
        if "add_site" in request.POST and site_form.is_valid():
            services.site_save(study=study, data=site_form.cleaned_data)
            messages.success(request, _("Site added."))
            return redirect("planning-sites", study.pk)
        if "import" in request.POST and import_form.is_valid():
            upload = import_form.cleaned_data["file"]
            outcome = site_import.sites_import(study=study, upload=upload, filename=upload.name)
            if outcome.ok:
                messages.success(
                    request,
                    _("Imported: {created} new, {updated} updated sites.").format(
                        created=outcome.created, updated=outcome.updated
                    ),
                )
                return redirect("planning-sites", study.pk)
            import_errors = outcome.errors
        if "add_criterion" in request.POST and criterion_form.is_valid():
            services.criterion_add(study=study, **criterion_form.cleaned_data)
            messages.success(request, _("Criterion added."))
            return redirect("planning-sites", study.pk)
    context = {
        "study": study,
        "criteria": list(study.criteria.all()),
        "sites": study.sites.select_related("country", "city"),
        "site_form": site_form,
        "import_form": import_form,
        "import_errors": import_errors,
        "criterion_form": criterion_form,
    }
    return render(request, "planning/study_sites.html", context, status=400 if import_errors else 200)


@planner_required
@require_POST
def site_delete(request: HttpRequest, pk: int, site_pk: int) -> HttpResponse:
    site = get_object_or_404(Site, pk=site_pk, study_id=pk)
    services.site_delete(site=site)
    messages.success(request, _("Site removed."))
    return redirect("planning-sites", pk)


@planner_required
def study_weights(request: HttpRequest, pk: int) -> HttpResponse:
    study = get_object_or_404(Study, pk=pk)
    criteria = list(study.criteria.all())
    judge = request.user.get_full_name() or request.user.username
    method = request.POST.get("method", "")
    ahp = PairwiseForm(request.POST if method == "ahp" else None, criteria=criteria, initial={"judge": judge})
    bwm = BestWorstForm(
        request.POST if method == "bwm" else None, criteria=criteria, initial={"judge": judge}
    )
    inconsistency, triple_text = None, ""
    labels = {c.key: c.label for c in criteria}
    if method == "ahp" and ahp.is_valid():
        try:
            result = services.ahp_judgement_save(
                study=study,
                judge=ahp.cleaned_data["judge"],
                by=request.user,
                judgements=ahp.judgements(),
                accept_inconsistent=ahp.cleaned_data["accept_inconsistent"],
            )
            messages.success(
                request,
                _("Judgements saved; consistency ratio {cr:.3f}.").format(cr=result.consistency_ratio),
            )
            if not result.is_consistent:
                messages.warning(
                    request,
                    _("Kept although inconsistent; most inconsistent triple: {triple}").format(
                        triple=services.describe_triple(result.worst_triple, labels)
                        if result.worst_triple
                        else ""
                    ),
                )
            return redirect("planning-study", study.pk)
        except InconsistentJudgementError as exc:
            inconsistency = exc.result
            if exc.result.worst_triple:
                triple_text = services.describe_triple(exc.result.worst_triple, labels)
    if method == "bwm" and bwm.is_valid():
        try:
            best_to_others, others_to_worst = bwm.vectors()
            services.bwm_judgement_save(
                study=study,
                judge=bwm.cleaned_data["judge"],
                by=request.user,
                best_to_others=best_to_others,
                others_to_worst=others_to_worst,
            )
            messages.success(request, _("Best-worst judgements saved."))
            return redirect("planning-study", study.pk)
        except DecisionInputError as exc:
            bwm.add_error(None, str(exc))
    context = {
        "study": study,
        "criteria": criteria,
        "ahp": ahp,
        "bwm": bwm,
        "inconsistency": inconsistency,
        "triple_text": triple_text,
        "judgements": study.judgements.all(),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "planning/study_weights.html", context, status=status)


def _start_run(request: HttpRequest, study: Study):
    """Validate the table now (clear message), then rank in a background job with visible progress."""
    from techbridge.jobs.services import job_submit

    services.criteria_compute(study=study)
    selectors.study_matrix(study)  # a missing value raises here, naming the site and criterion
    return job_submit(
        kind="planning.plan_sites",
        params={"study_id": study.pk},
        by=request.user,
        result_url=reverse("planning-study", args=[study.pk]) + "#results",
    )


@planner_required
@require_POST
def study_run(request: HttpRequest, pk: int) -> HttpResponse:
    study = get_object_or_404(Study, pk=pk)
    try:
        job = _start_run(request, study)
    except DecisionInputError as exc:
        messages.error(request, _("Cannot rank: {reason}").format(reason=exc))
        return redirect("planning-study", study.pk)
    if job.state in ("queued", "running"):
        return render(request, "planning/study_running.html", {"study": study, "job": job})
    if job.state != "done":
        messages.error(request, _("The ranking failed: {error}").format(error=job.error))
        return redirect("planning-study", study.pk)
    messages.success(request, _("Sites ranked."))
    return redirect(reverse("planning-study", args=[study.pk]) + "#results")


@planner_required
@require_POST
def study_portfolio(request: HttpRequest, pk: int) -> HttpResponse:
    study = get_object_or_404(Study, pk=pk)
    form = PortfolioForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for e in errors:
                messages.error(request, e)
        return redirect(reverse("planning-study", args=[study.pk]) + "#portfolio")
    try:
        services.portfolio_choose(study=study, **form.cleaned_data)
        messages.success(request, _("Portfolio chosen."))
    except PortfolioInfeasible as exc:
        messages.error(request, _("No feasible portfolio:"))
        for reason in exc.reasons:
            messages.error(request, reason)
    except DecisionInputError as exc:
        messages.error(request, str(exc))
    return redirect(reverse("planning-study", args=[study.pk]) + "#portfolio")


@planner_required
def study_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    study = get_object_or_404(Study, pk=pk)
    if fmt not in ("pdf", "xlsx"):
        raise Http404("Export as pdf or xlsx.")
    if fmt == "pdf":
        response = HttpResponse(exports.study_pdf(study), content_type="application/pdf")
    else:
        response = HttpResponse(
            exports.study_xlsx(study),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="study-{study.pk}.{fmt}"'
    return response
