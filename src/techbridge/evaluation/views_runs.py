"""Index run pages: start a run, its progress, results (ranking, charts, intervals, sensitivity, map, years),
a unit's strengths and weaknesses, XLSX export and the PDF report."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from techbridge.evaluation import charts, rules, runs, selectors
from techbridge.evaluation.forms import RunForm
from techbridge.evaluation.gridmap import tile_map
from techbridge.evaluation.models import Framework, IndexRun, RunState
from techbridge.evaluation.views import _framework


def factor_label(name: str) -> str:
    """The uncertainty analysis' factor names in the UI language."""
    labels = {
        "weights": _("Weights"),
        "normalise": _("Normalisation"),
        "aggregate": _("Aggregation"),
        "treatment": _("Outlier treatment"),
        "imputation": _("Imputation"),
    }
    return labels.get(name, name)


def _run(request: HttpRequest, pk: int) -> IndexRun:
    run = get_object_or_404(IndexRun.objects.select_related("framework", "dataset"), pk=pk)
    if not rules.can_view_run(request.user, run):
        if rules.can_view_published(request.user):
            raise Http404("No such run.")
        raise PermissionDenied(_("The cooperation index is not available to your role."))
    return run


@login_required
@require_POST
def run_create(request: HttpRequest, pk: int) -> HttpResponse:
    framework: Framework = _framework(request, pk)
    form = RunForm(request.POST, datasets=framework.datasets.all())
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
        return redirect("evaluation-framework", framework.pk)
    try:
        run = runs.run_create(
            framework=framework,
            dataset=framework.datasets.get(pk=form.cleaned_data["dataset"]),
            by=request.user,
            mc_runs=form.cleaned_data["mc_runs"],
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("evaluation-framework", framework.pk)
    runs.run_start(run=run, by=request.user, result_url=reverse("evaluation-run", args=[run.pk]))
    return redirect("evaluation-run", run.pk)


def _job(run: IndexRun):
    return run.job if run.job_id and run.state in (RunState.QUEUED, RunState.RUNNING) else None


@login_required
def run_progress(request: HttpRequest, pk: int) -> HttpResponse:
    """HTMX partial polled while the run is queued or running; a finished run reloads the page."""
    run = _run(request, pk)
    response = render(request, "evaluation/_run_progress.html", {"run": run, "job": _job(run)})
    if run.state not in (RunState.QUEUED, RunState.RUNNING) and request.htmx:
        response["HX-Refresh"] = "true"
    return response


@login_required
def run_detail(request: HttpRequest, pk: int) -> HttpResponse:
    run = _run(request, pk)
    context = {
        "run": run,
        "job": _job(run),
        "can_edit": rules.can_edit(request.user),
        "illustrative": run.illustrative,
    }
    if run.state == RunState.DONE:
        context.update(_result_context(request, run))
    return render(request, "evaluation/run_detail.html", context)


def _result_context(request: HttpRequest, run: IndexRun) -> dict:
    res = run.results
    rows = selectors.ranking(run)
    dims = res.get("dimensions", [])
    dim_labels = [selectors.label(res, d) for d in dims]
    unit = request.GET.get("unit") or (rows[0]["unit"] if rows else "")
    chosen = next((r for r in rows if r["unit"] == unit), rows[0] if rows else None)
    mean = [sum(r["dimensions"][i] or 0 for r in rows) / max(len(rows), 1) for i in range(len(dims))]
    unc = run.uncertainty or {}
    tiles, off_map = selectors.map_tiles(run, href=lambda u: reverse("evaluation-unit", args=[run.pk, u]))
    context = {
        "rows": rows,
        "dimension_labels": dim_labels,
        "root_label": selectors.label(res, res.get("root") or ""),
        "bar_svg": charts.bar_chart([(r["label"], r["score"]) for r in rows], title=_("Index score by unit")),
        "radar_svg": charts.radar_chart(
            dim_labels,
            [(chosen["label"], chosen["dimensions"]), (_("Average"), mean)],
            title=_("Dimension profile"),
        )
        if chosen and len(dims) >= 3
        else None,
        "radar_unit": chosen,
        "map_svg": tile_map(tiles, title=_("Index score on a tile map")) if tiles else None,
        "off_map": off_map,
        "years": selectors.year_comparison(run),
    }
    if unc.get("ranks"):
        context["interval_svg"] = charts.interval_chart(rows, title=_("Rank uncertainty"), n_units=len(rows))
        context["sobol_svg"] = charts.sobol_chart(
            [(factor_label(k), v.get("S1"), v.get("ST")) for k, v in unc.get("sobol", {}).items()],
            title=_("Sensitivity"),
        )
        context["mc_runs"] = unc.get("runs")
    return context


@login_required
def unit_detail(request: HttpRequest, pk: int, unit: str) -> HttpResponse:
    run = _run(request, pk)
    if run.state != RunState.DONE:
        raise Http404("The run has no results.")
    profile = selectors.unit_profile(run, unit)
    if profile is None:
        raise Http404("No such unit in this run.")
    items = [(i["label"], i["value"]) for i in profile["indicators"]]
    years = selectors.year_comparison(run)
    context = {
        "run": run,
        "profile": profile,
        "illustrative": run.illustrative,
        "indicator_svg": charts.bar_chart(items, title=_("Normalised indicator values")),
        "years": years,
        "years_svg": _years_chart(years, unit),
    }
    return render(request, "evaluation/unit_detail.html", context)


def _years_chart(years: dict, unit: str):
    row = next((r for r in years["rows"] if r["unit"] == unit), None)
    if row is None or len(years["years"]) < 2:
        return None
    values = [c["score"] if c else None for c in row["cells"]]
    return charts.line_chart(years["years"], [(row["label"], values)], title=_("Index score by year"))


@login_required
def run_export(request: HttpRequest, pk: int) -> HttpResponse:
    run = _run(request, pk)
    if run.state != RunState.DONE:
        raise Http404("The run has no results.")
    from techbridge.evaluation.reports import xlsx_export

    response = HttpResponse(
        xlsx_export(run), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="index-run-{run.pk}.xlsx"'
    return response


@login_required
def run_report(request: HttpRequest, pk: int) -> HttpResponse:
    run = _run(request, pk)
    if run.state != RunState.DONE:
        raise Http404("The run has no results.")
    from techbridge.evaluation.reports import pdf_report

    lang = "zh" if request.GET.get("lang", "").startswith("zh") else "en"
    response = HttpResponse(pdf_report(run, lang), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="index-run-{run.pk}-{lang}.pdf"'
    return response


@login_required
@require_POST
def run_publish(request: HttpRequest, pk: int) -> HttpResponse:
    if not rules.can_edit(request.user):
        raise PermissionDenied(_("Only analysts, brokers and administrators publish results."))
    run = _run(request, pk)
    try:
        runs.run_publish(run=run, by=request.user, published=request.POST.get("published") != "0")
        messages.success(request, _("Visibility changed."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("evaluation-run", run.pk)
