"""Job kinds of the job system itself."""

from __future__ import annotations

import time

from techbridge.jobs.registry import job


@job("jobs.selfcheck", retry=True, max_attempts=2, title="Job queue self-check")
def selfcheck(ctx, *, steps: int = 3, seconds: float = 0.2) -> dict:
    """Walks through `steps` short pauses reporting progress: proves a worker takes and finishes jobs."""
    steps = max(1, min(int(steps), 100))
    for step in range(steps):
        if ctx.cancelled():
            return {"steps": step}
        time.sleep(max(0.0, min(float(seconds), 10.0)))
        ctx.progress((step + 1) / steps, f"Step {step + 1} of {steps}")
    return {"steps": steps}
