"""Background jobs of cases."""

from techbridge.jobs.registry import job


@job("cases.reminders", retry=True, title="Reminders for overdue cases")
def reminders(ctx) -> dict:
    from techbridge.cases.reminders import reminders_send

    ctx.progress(0.1, "Looking for overdue cases")
    return {"reminded": reminders_send()}
