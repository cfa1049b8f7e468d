"""Background job of the evaluation area (autodiscovered by techbridge.jobs)."""

from __future__ import annotations

from techbridge.jobs.registry import JobError, job


@job("evaluation.run_index", title="Cooperation index run")
def run_index(ctx, *, run_id: int) -> dict:
    """Compute an index run (pipeline, then Monte Carlo uncertainty and sensitivity if asked)."""
    from techbridge.evaluation.models import IndexRun
    from techbridge.evaluation.runs import run_execute

    run = IndexRun.objects.select_related("dataset", "framework").filter(pk=run_id).first()
    if run is None:
        raise JobError(f"Index run {run_id} no longer exists.")
    run = run_execute(run=run, progress=ctx.progress, cancelled=ctx.cancelled)
    # A run that fails on its data is recorded on the run (state "failed" and the core's message), and the job
    # ends normally: raising here would roll the run's record back with the eager backend's transaction.
    return {
        "run_id": run.pk,
        "state": run.state,
        "error": run.error,
        "units": len(run.results.get("units", [])),
    }
