"""Background jobs of docking: alerts for saved searches, index rebuilds."""

from techbridge.jobs.registry import job


@job("docking.alerts", retry=True)
def alerts(ctx, *, reference: str) -> dict:
    from techbridge.docking.services import alerts_for_profile

    ctx.progress(0.1, "Checking saved searches")
    return {"notified": alerts_for_profile(reference)}


@job("docking.reindex", retry=True)
def reindex(ctx) -> dict:
    from techbridge.docking import engine

    ctx.progress(0.1, "Rebuilding the profile index")
    profiles = engine.rebuild("profiles")
    ctx.progress(0.7, "Rebuilding the people index")
    return {"profiles": profiles, "people": engine.rebuild("people")}
