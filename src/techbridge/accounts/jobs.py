"""Background jobs of accounts: expired sessions are deleted once a day (they can no longer be used, but their
rows would otherwise stay in the database for ever)."""

from django.utils.translation import gettext_lazy as _

from techbridge.jobs.registry import job


@job("accounts.clear_sessions", retry=True, every=24 * 3600, title=_("Delete expired sessions"))
def clear_sessions(ctx) -> dict:
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    deleted, _by_model = Session.objects.filter(expire_date__lt=timezone.now()).delete()
    return {"deleted": deleted}
