"""The Celery application for production: `celery -A techbridge.jobs.celery_app worker` (or `techbridge worker
--backend celery`). Broker: TECHBRIDGE_REDIS_URL. One task runs a job by id; results stay in the database.

acks_late + reject_on_worker_lost make the broker redeliver a job whose worker process died; the claim is a
compare-and-set on the job row, so a redelivered or duplicated message never runs a job twice. Each worker
also runs a sweeper thread that re-queues jobs whose heartbeat went stale (e.g. the whole machine died).

Periodic work runs under `celery -A techbridge.jobs.celery_app beat` (exactly one beat per installation):
BEAT_SCHEDULE submits registered job kinds, the same job functions `techbridge cases remind` queues in the
embedded platform, so a run is a visible, retryable job like any other.
"""

from __future__ import annotations

import logging
import os
import threading

from celery import Celery, signals
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "techbridge.web.settings")

from django.conf import settings  # noqa: E402  (needs DJANGO_SETTINGS_MODULE)

log = logging.getLogger("techbridge.jobs")

app = Celery("techbridge")
app.conf.update(
    broker_url=getattr(settings, "TECHBRIDGE_REDIS_URL", None) or "redis://127.0.0.1:6379/0",
    task_default_queue=getattr(settings, "TECHBRIDGE_JOBS_QUEUE", None) or "techbridge",
    task_acks_late=True,
    task_reject_on_worker_lost=True,
    task_ignore_result=True,
    worker_prefetch_multiplier=1,  # long jobs: do not hoard messages other workers could run
    broker_connection_retry_on_startup=True,
    # A web request that submits a job while Redis is down must not hang: the job stays queued in the
    # database and a worker's sweeper sends it once the broker is back.
    broker_connection_timeout=2,
    task_publish_retry_policy={
        "max_retries": 2,
        "interval_start": 0,
        "interval_step": 0.2,
        "interval_max": 0.5,
    },
    broker_transport_options={"visibility_timeout": 3600},
    worker_hijack_root_logger=False,
    timezone=getattr(settings, "TIME_ZONE", None) or "UTC",  # crontab entries below are in local time
)

# name -> entry; "techbridge.jobs.submit" entries name a registered job kind (a test checks they exist).
BEAT_SCHEDULE = {
    "cases-reminders": {  # overdue next actions of cases, once a day before office hours
        "task": "techbridge.jobs.submit",
        "schedule": crontab(hour=7, minute=30),
        "kwargs": {"kind": "cases.reminders"},
    },
    "jobs-sweep": {  # also done by every worker's own sweeper thread; cheap, and covers a worker-less pause
        "task": "techbridge.jobs.sweep",
        "schedule": 60.0,
    },
}
app.conf.beat_schedule = BEAT_SCHEDULE


@app.task(name="techbridge.jobs.run", acks_late=True, reject_on_worker_lost=True, ignore_result=True)
def run_job(job_id: str) -> str | None:
    """Claim and run one job; a re-queued retry is sent back with its backoff as countdown."""
    from techbridge.jobs import backends, runner

    outcome = runner.execute(job_id, worker=runner.worker_name("celery"))
    if outcome is not None and outcome.retry_in is not None:
        backends.send_to_celery(job_id, countdown=outcome.retry_in)
    return None if outcome is None else outcome.state


@app.task(name="techbridge.jobs.sweep", ignore_result=True)
def sweep() -> int:
    """Also schedulable with celery beat; every worker runs it on its own thread anyway."""
    from techbridge.jobs import backends

    return backends.sweep(send=backends.send_to_celery)


@app.task(name="techbridge.jobs.submit", ignore_result=True)
def submit(kind: str) -> str:
    """Queue a run of a parameterless job kind (celery beat); while one is queued or running, no second one."""
    from techbridge.jobs.services import job_submit

    return str(job_submit(kind=kind, params={}, by=None, unique_key=f"beat:{kind}").pk)


_sweeper_stop = threading.Event()


def _sweeper_loop() -> None:
    from django.db import close_old_connections, connection

    from techbridge.jobs import backends, conf

    try:
        while not _sweeper_stop.wait(conf.heartbeat()):
            try:
                backends.sweep(send=backends.send_to_celery)
            except Exception:  # the database or broker may be briefly away; try again next round
                log.exception("job sweeper failed")
                close_old_connections()  # after a database restart: reconnect, not reuse the dead one
    finally:
        connection.close()


@signals.worker_ready.connect
def _start_sweeper(**_kwargs) -> None:
    _sweeper_stop.clear()
    threading.Thread(target=_sweeper_loop, name="techbridge-job-sweeper", daemon=True).start()


@signals.worker_shutdown.connect
def _stop_sweeper(**_kwargs) -> None:
    _sweeper_stop.set()
