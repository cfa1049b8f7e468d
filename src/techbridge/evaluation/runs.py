"""Index runs: create, start (as a background job when techbridge.jobs is installed) and execute.

Execution calls the core (:class:`Pipeline`, then :class:`UncertaintyAnalysis` for Monte Carlo rank
intervals and Sobol' indices, Saisana, Saltelli & Tarantola 2005) and stores JSON results on the run.
A bad framework/dataset combination ends as a failed run with the core's message, never a server error.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace

import pandas as pd
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from techbridge.core.indicators import IndicatorError, Pipeline, UncertaintyAnalysis, UncertaintySpec
from techbridge.core.indicators.analysis import clean
from techbridge.evaluation.models import Dataset, Framework, IndexRun, RunState
from techbridge.evaluation.services import spec_check

log = logging.getLogger(__name__)
MAX_MC_RUNS = 20000
Progress = Callable[[float, str], None]


class _Cancelled(Exception):
    """The job was asked to stop."""


def run_create(*, framework: Framework, dataset: Dataset, by, mc_runs: int = 0) -> IndexRun:
    """A queued run of the framework's current spec on ``dataset`` (``mc_runs`` = 0: no uncertainty analysis)."""
    if dataset.framework_id != framework.pk:
        raise ValidationError(_("The dataset belongs to another framework."))
    if not 0 <= int(mc_runs) <= MAX_MC_RUNS:
        raise ValidationError(_("Monte Carlo runs must be between 0 and %(max)s.") % {"max": MAX_MC_RUNS})
    spec_check(framework.spec)
    return IndexRun.objects.create(
        framework=framework, dataset=dataset, spec=framework.spec, mc_runs=int(mc_runs), created_by=by
    )


def run_start(*, run: IndexRun, by, result_url: str = "") -> IndexRun:
    """Submit the run as the background job "evaluation.run_index" (it runs at once with the eager backend)."""
    from techbridge.jobs.services import job_submit

    job = job_submit(kind="evaluation.run_index", params={"run_id": run.pk}, by=by, result_url=result_url)
    IndexRun.objects.filter(pk=run.pk).update(job=job)
    run.refresh_from_db()
    return run


def _frame(run: IndexRun) -> pd.DataFrame:
    frame = pd.DataFrame(run.dataset.rows)
    fw = run.spec["framework"]
    for col in [n["code"] for n in fw.get("indicators") or []]:
        if col in frame.columns:
            frame[col] = pd.to_numeric(frame[col], errors="coerce")
    return frame


def run_execute(
    *, run: IndexRun, progress: Progress | None = None, cancelled: Callable[[], bool] | None = None
) -> IndexRun:
    """Compute the run now; progress goes to ``progress`` and to the run row."""

    def report(fraction: float, message: str) -> None:
        if cancelled is not None and cancelled():
            raise _Cancelled
        IndexRun.objects.filter(pk=run.pk).update(progress=fraction, message=message[:300])
        if progress is not None:
            progress(fraction, message)

    IndexRun.objects.filter(pk=run.pk).update(state=RunState.RUNNING, progress=0.0, error="")
    try:
        spec = spec_check(run.spec)
        data = _frame(run)
        share = 0.3 if run.mc_runs else 1.0
        result = Pipeline(spec.framework, spec.method, progress=lambda f, m: report(f * share, m)).run(data)
        run.results = results_json(result, spec.framework)
        run.analysis = clean(result.analysis)
        run.uncertainty = {}
        if run.mc_runs:
            ua_spec = replace(spec.uncertainty or UncertaintySpec(weights_noise=0.25), runs=run.mc_runs)
            ua = UncertaintyAnalysis(
                Pipeline(spec.framework, spec.method), ua_spec, progress=lambda f, m: report(0.3 + 0.7 * f, m)
            ).fit(data)
            run.uncertainty = ua.result_.as_dict()
    except _Cancelled:
        return _finish(run, RunState.CANCELLED, _("Cancelled."))
    except (IndicatorError, ValidationError) as exc:
        message = " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
        return _finish(run, RunState.FAILED, message)
    except Exception as exc:  # a job must end with a visible state; the traceback goes to the log
        log.exception("index run %s failed", run.pk)
        return _finish(run, RunState.FAILED, _("Unexpected error: %(error)s") % {"error": exc})
    return _finish(run, RunState.DONE, _("Done."))


def _finish(run: IndexRun, state: str, message: str) -> IndexRun:
    run.state = state
    run.error = message if state == RunState.FAILED else ""
    run.message = message[:300]
    run.progress = 1.0
    run.finished_at = timezone.now()
    run.save()
    return run


def results_json(result, framework) -> dict:
    """Scores and ranks per unit (sorted by the root's rank), raw and normalised indicator values, names."""
    table = result.results
    aggregates = [c for c in table.columns if c in framework.nodes]
    root = aggregates[0] if aggregates else None
    units = []
    for unit, row in table.iterrows():
        units.append(
            {
                "unit": str(unit),
                "name": "" if "name" not in table.columns or pd.isna(row.get("name")) else str(row["name"]),
                "scores": {c: row[c] for c in aggregates},
                "ranks": {c: row[f"{c}_rank"] for c in aggregates},
            }
        )
    names = {c: {"en": n.name or c, "zh": n.name_zh or n.name or c} for c, n in framework.nodes.items()}
    return clean(
        {
            "root": root,
            "aggregates": aggregates,
            "dimensions": framework.children(root) if root else [],
            "indicators": framework.indicators,
            "units": units,
            "raw": result.stages["Raw"].to_dict("index"),
            "normalised": result.stages["Normalised"].to_dict("index"),
            "names": names,
            "dropped_units": list(result.dropped_units),
        }
    )


def run_publish(*, run: IndexRun, by, published: bool = True) -> IndexRun:
    if run.state != RunState.DONE:
        raise ValidationError(_("Only a finished run can be published."))
    run.published = published
    run.save(update_fields=["published"])
    return run
