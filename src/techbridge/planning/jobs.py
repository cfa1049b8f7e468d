"""Background jobs of planning (autodiscovered by techbridge.jobs): ranking a study with SMAA-2."""

from __future__ import annotations

from techbridge.core.decision import DecisionInputError
from techbridge.jobs.registry import JobError, job


@job("planning.plan_sites", title="Rank candidate sites (TOPSIS, PROMETHEE II, VIKOR, SMAA-2)")
def plan_sites_job(ctx, *, study_id: int) -> dict:
    """Rank the study's sites with every method and SMAA-2; the result is stored on the study."""
    from techbridge.planning.models import Study
    from techbridge.planning.services import study_run

    study = Study.objects.filter(pk=study_id).first()
    if study is None:
        raise JobError(f"Study {study_id} no longer exists.")
    try:
        result = study_run(study=study, progress=ctx.progress)
    except DecisionInputError as exc:
        raise JobError(str(exc)) from None
    return {"study_id": study_id, "top": result["rankings"]["compromise"]["order"][0]}
