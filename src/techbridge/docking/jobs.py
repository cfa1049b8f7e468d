"""Background jobs of docking: alerts for saved searches, index rebuilds."""

from techbridge.jobs.registry import job


@job("docking.profile_changed", retry=True)
def profile_changed(ctx, *, reference: str) -> dict:
    from techbridge.docking.services import profile_reindex

    ctx.progress(0.1, "Updating the match index and checking saved searches")
    return {"notified": profile_reindex(reference)}


@job("docking.reindex", retry=True)
def reindex(ctx) -> dict:
    from techbridge.docking import engine

    ctx.progress(0.1, "Rebuilding the profile index")
    profiles = engine.rebuild("profiles")
    ctx.progress(0.7, "Rebuilding the people index")
    return {"profiles": profiles, "people": engine.rebuild("people")}


@job("docking.refit_calibration", retry=True, every=24 * 3600)
def refit_calibration(ctx) -> dict:
    from techbridge.docking import engine

    ctx.progress(0.1, "Scoring decided expressions of interest")
    return engine.refit_calibration().as_dict()
