import logging

from django.apps import AppConfig
from django.core.signals import request_started
from django.utils.module_loading import autodiscover_modules


def _resume_embedded_jobs(**_kwargs) -> None:
    """First request of a serving process: start the embedded pool if jobs wait (from before a restart) or
    periodic kinds exist."""
    request_started.disconnect(_resume_embedded_jobs, dispatch_uid="techbridge.jobs.resume")
    from techbridge.jobs import backends, conf
    from techbridge.jobs.models import ACTIVE_STATES, Job
    from techbridge.jobs.registry import periodic_specs

    if conf.backend() != "thread":
        return
    try:
        if periodic_specs() or Job.objects.filter(state__in=ACTIVE_STATES).exists():
            backends.ensure_pool()
    except Exception:  # never fail a request over this; the next submit starts the pool anyway
        logging.getLogger("techbridge.jobs").exception("could not resume the embedded job pool")


class JobsConfig(AppConfig):
    name = "techbridge.jobs"
    label = "jobs"
    verbose_name = "Background jobs"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Every app's jobs.py registers its job functions, like admin.py registers ModelAdmins.
        autodiscover_modules("jobs")
        request_started.connect(_resume_embedded_jobs, dispatch_uid="techbridge.jobs.resume")
