"""Job life cycle through the services and the runner: states, progress, cancellation, failures, retries."""

from __future__ import annotations

import datetime as dt
import logging

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from techbridge.jobs import runner
from techbridge.jobs.models import Job
from techbridge.jobs.registry import job
from techbridge.jobs.services import job_cancel, job_run_due, job_submit


def _member(world):
    return world["users"]["member"]


def test_a_submitted_job_runs_to_done_with_its_result(world):
    job = job_submit(kind="tests.echo", params={"value": [1, "二"]}, by=_member(world), result_url="/x/1/")
    assert job.state == "done"
    assert job.result == {"value": [1, "二"], "attempt": 1}
    assert job.progress == 1.0
    assert job.attempts == 1 and job.max_attempts == 1
    assert job.created_by == _member(world)
    assert job.started_at <= job.finished_at
    assert job.error == "" and job.worker == "eager"


def test_it_rejects_an_unknown_kind(world):
    with pytest.raises(ValidationError) as err:
        job_submit(kind="tests.nope", by=_member(world))
    assert "tests.nope" in str(err.value.message_dict["kind"])
    assert not Job.objects.exists()


def test_it_rejects_parameters_that_are_not_json(world):
    with pytest.raises(ValidationError) as err:
        job_submit(kind="tests.echo", params={"value": object()}, by=_member(world))
    assert "JSON" in err.value.message_dict["params"][0]


@pytest.mark.parametrize("url", ["https://evil.example/", "//evil.example/", "javascript:alert(1)"])
def test_it_rejects_a_result_url_outside_the_site(world, url):
    with pytest.raises(ValidationError) as err:
        job_submit(kind="tests.echo", by=_member(world), result_url=url)
    assert "result_url" in err.value.message_dict


def test_a_job_stays_queued_until_a_worker_claims_it(world, held):
    job = job_submit(kind="tests.echo", params={"value": 1}, by=_member(world))
    assert job.state == "queued" and job.attempts == 0
    assert job_run_due() == 1
    job.refresh_from_db()
    assert job.state == "done" and job.result["value"] == 1


def test_a_job_is_claimed_only_once(world, held):
    job = job_submit(kind="tests.echo", by=_member(world))
    first = runner.claim(job.pk, "w1")
    assert first is not None and first.state == "running" and first.attempts == 1 and first.worker == "w1"
    assert runner.claim(job.pk, "w2") is None
    assert runner.execute(job.pk, worker="w2") is None


def test_a_job_is_not_claimed_before_its_time(world, held):
    job = job_submit(kind="tests.echo", by=_member(world), run_after=timezone.now() + dt.timedelta(hours=1))
    assert runner.claim(job.pk, "w1") is None
    assert job_run_due() == 0


def test_progress_is_recorded_and_clamped(world, held):
    job = job_submit(kind="tests.echo", by=_member(world))
    ctx = runner.RunContext(runner.claim(job.pk, "w1"), check_interval=0)
    ctx.progress(0.3, "Normalising")
    job.refresh_from_db()
    assert (job.progress, job.message) == (0.3, "Normalising")
    ctx.progress(1.7, "x" * 400)
    job.refresh_from_db()
    assert job.progress == 1.0 and len(job.message) == 300
    ctx.progress(-2)
    job.refresh_from_db()
    assert job.progress == 0.0


def test_a_failure_stores_a_readable_reason_and_logs_the_traceback(world, caplog):
    with caplog.at_level(logging.ERROR, logger="techbridge.jobs"):
        job = job_submit(kind="tests.crash", by=_member(world))
    assert job.state == "failed"
    assert job.error == "ValueError: the table has no column 'weight'"
    assert "Traceback" not in job.error
    assert any(r.exc_info for r in caplog.records)
    assert job.attempts == 1  # not a retry kind


def test_a_job_error_message_is_shown_as_written(world):
    job = job_submit(kind="tests.refuse", by=_member(world))
    assert (job.state, job.error) == ("failed", "The file has no header row.")


def test_a_result_that_is_not_json_fails_the_job_with_a_reason(world):
    job = job_submit(kind="tests.unserialisable", by=_member(world))
    assert job.state == "failed"
    assert job.error.startswith("The job's result cannot be stored as JSON")


def test_a_job_that_sees_a_cancel_request_ends_cancelled(world):
    job = job_submit(kind="tests.steps", params={"count": 4, "cancel_at": 2}, by=_member(world))
    assert job.state == "cancelled"
    assert job.result == {"stopped_at": 2}
    assert job.progress == 0.5 and job.message == "Step 2 of 4"


def test_raising_job_cancelled_ends_cancelled(world):
    job = job_submit(kind="tests.steps", params={"cancel_at": 1, "raise_on_cancel": True}, by=_member(world))
    assert job.state == "cancelled" and job.result is None


def test_cancelling_a_queued_job_cancels_it_at_once(world, held):
    job = job_submit(kind="tests.echo", by=_member(world))
    job = job_cancel(job=job, by=_member(world))
    assert job.state == "cancelled" and job.finished_at is not None
    assert job_run_due() == 0


def test_cancelling_a_running_job_asks_it_to_stop(world, held):
    job = job_submit(kind="tests.steps", by=_member(world))
    ctx = runner.RunContext(runner.claim(job.pk, "w1"), check_interval=0)
    assert not ctx.cancelled()
    job = job_cancel(job=job, by=_member(world))
    assert job.state == "running" and job.cancel_requested
    assert ctx.cancelled()


def test_a_job_sent_back_to_the_queue_while_it_is_cancelled_is_still_cancelled(world, held, monkeypatch):
    """The race CI met once: the job is running when the cancel looks for a queued job, and a failed attempt
    puts it back in the queue before the cancel looks for a running one. It used to answer "The job is already
    queued." Here the worker's move is made (for real, in the database) at exactly that moment."""
    job = job_submit(kind="tests.steps", by=_member(world))
    runner.claim(job.pk, "w1")
    real_filter = Job.objects.filter
    moved = []

    def filter_then_requeue(*args, **kwargs):
        if kwargs.get("state") == "running" and not moved:  # between the two updates of job_cancel
            moved.append(real_filter(pk=job.pk).update(state="queued", worker=""))
        return real_filter(*args, **kwargs)

    monkeypatch.setattr(Job.objects, "filter", filter_then_requeue)
    job = job_cancel(job=job, by=_member(world))
    assert moved == [1]
    assert job.state == "cancelled" and job.finished_at is not None


def test_cancelling_a_finished_job_is_refused(world):
    job = job_submit(kind="tests.echo", by=_member(world))
    with pytest.raises(ValidationError) as err:
        job_cancel(job=job, by=_member(world))
    assert "already done" in err.value.message_dict["state"][0]


def test_only_the_starter_or_an_administrator_may_cancel(world, held):
    job = job_submit(kind="tests.echo", by=_member(world))
    with pytest.raises(PermissionDenied):
        job_cancel(job=job, by=world["users"]["member_pl"])
    with pytest.raises(PermissionDenied):
        job_cancel(job=job, by=world["users"]["broker"])
    assert job_cancel(job=job, by=world["users"]["admin"]).state == "cancelled"


def _make_due(job):
    Job.objects.filter(pk=job.pk).update(run_after=timezone.now() - dt.timedelta(seconds=1))


def test_a_retry_kind_is_requeued_with_exponential_backoff(world, held, settings):
    settings.TECHBRIDGE_JOBS_RETRY_BASE = 10
    job = job_submit(kind="tests.flaky", params={"succeed_on": 3}, by=_member(world))
    assert job.max_attempts == 3
    delays = []
    for _attempt in (1, 2):
        before = timezone.now()
        outcome = runner.execute(job.pk, worker="w")
        job.refresh_from_db()
        assert job.state == "queued" and outcome.state == "queued"
        delays.append(outcome.retry_in)
        assert job.run_after >= before + dt.timedelta(seconds=outcome.retry_in)
        assert job.error.startswith("ConnectionError: upstream unavailable")
        assert runner.execute(job.pk, worker="w") is None  # not before its backoff
        _make_due(job)
    assert delays == [10, 20]
    runner.execute(job.pk, worker="w")
    job.refresh_from_db()
    assert (job.state, job.attempts, job.result) == ("done", 3, {"attempt": 3})
    assert job.error == ""


def test_a_retry_kind_fails_after_its_last_attempt(world, held):
    job = job_submit(kind="tests.flaky", params={"succeed_on": 99}, by=_member(world))
    for _attempt in range(3):
        _make_due(job)
        runner.execute(job.pk, worker="w")
    job.refresh_from_db()
    assert (job.state, job.attempts) == ("failed", 3)
    assert job.error == "ConnectionError: upstream unavailable (attempt 3)"


def test_a_job_error_is_never_retried(world, held):
    job = job_submit(kind="tests.flaky", params={"succeed_on": 1, "permanent": True}, by=_member(world))
    runner.execute(job.pk, worker="w")
    job.refresh_from_db()
    assert (job.state, job.attempts, job.error) == ("failed", 1, "The index run was deleted.")


def test_the_eager_backend_runs_retries_at_once(world):
    job = job_submit(kind="tests.flaky", params={"succeed_on": 2}, by=_member(world))
    assert (job.state, job.attempts) == ("done", 2)


def test_backoff_doubles_up_to_the_cap(settings):
    settings.TECHBRIDGE_JOBS_RETRY_BASE = 10
    settings.TECHBRIDGE_JOBS_RETRY_CAP = 60
    assert [runner.retry_delay(n) for n in (1, 2, 3, 4, 5)] == [10, 20, 40, 60, 60]


def _stale(job, seconds=3600):
    Job.objects.filter(pk=job.pk).update(heartbeat_at=timezone.now() - dt.timedelta(seconds=seconds))


def test_a_job_whose_worker_died_is_requeued_and_completed_once(world, held):
    job = job_submit(kind="tests.echo", params={"value": 7}, by=_member(world))
    runner.claim(job.pk, "host:1")
    assert runner.recover_stale() == []  # heartbeat still fresh
    _stale(job)
    assert runner.recover_stale() == [str(job.pk)]
    job.refresh_from_db()
    assert (job.state, job.recoveries) == ("queued", 1)
    assert "host:1" in job.message
    runner.execute(job.pk, worker="host:2")
    job.refresh_from_db()
    assert (job.state, job.attempts, job.result) == ("done", 2, {"value": 7, "attempt": 2})


def test_a_worker_presumed_dead_cannot_overwrite_the_run_that_replaced_it(world, held):
    job = job_submit(kind="tests.echo", by=_member(world))
    old = runner.RunContext(runner.claim(job.pk, "old"), check_interval=0)
    _stale(job)
    runner.recover_stale()
    new = runner.RunContext(runner.claim(job.pk, "new"), check_interval=0)
    old.progress(0.9, "late")
    assert old.lost and old.cancelled()
    assert not runner._finish(old, state="done", result={"from": "old"})
    assert runner._finish(new, state="done", result={"from": "new"})
    job.refresh_from_db()
    assert job.result == {"from": "new"} and job.message == ""


def test_a_job_that_keeps_losing_its_worker_is_failed(world, held, settings):
    settings.TECHBRIDGE_JOBS_MAX_RECOVERIES = 1
    job = job_submit(kind="tests.echo", by=_member(world))
    for _round in range(2):
        runner.claim(job.pk, "w")
        _stale(job)
        runner.recover_stale()
    job.refresh_from_db()
    assert job.state == "failed"
    assert job.error == "The worker running this job stopped 2 times; giving up."


def test_a_stale_job_with_a_cancel_request_is_cancelled(world, held):
    job = job_submit(kind="tests.echo", by=_member(world))
    runner.claim(job.pk, "w")
    job_cancel(job=job, by=_member(world))
    _stale(job)
    assert runner.recover_stale() == []
    job.refresh_from_db()
    assert job.state == "cancelled"


def test_the_sweeper_dispatches_a_job_once_it_becomes_due(world, held):
    from techbridge.jobs.backends import sweep

    soon = timezone.now() + dt.timedelta(hours=1)
    job = job_submit(kind="tests.echo", by=_member(world), run_after=soon)
    sent: list[str] = []
    assert sweep(send=sent.append) == 0  # not due yet
    now = timezone.now()  # an hour later, as it were: submitted (and dispatched) 11 s before it became due
    Job.objects.filter(pk=job.pk).update(
        run_after=now - dt.timedelta(seconds=1), heartbeat_at=now - dt.timedelta(seconds=12)
    )
    assert sweep(send=sent.append) == 1 and sent == [str(job.pk)]
    assert sweep(send=sent.append) == 0  # dispatched just now: not again


def test_the_sweeper_dispatches_a_job_whose_message_was_lost(world, held):
    from techbridge.jobs.backends import sweep

    job = job_submit(kind="tests.echo", by=_member(world))
    sent: list[str] = []
    assert sweep(send=sent.append) == 0  # dispatched at submit
    old = timezone.now() - dt.timedelta(hours=2)
    Job.objects.filter(pk=job.pk).update(heartbeat_at=old, run_after=old)
    assert sweep(send=sent.append) == 1 and sent == [str(job.pk)]


def test_a_job_sent_with_a_countdown_is_not_sent_again_when_due(world, held, monkeypatch):
    from techbridge.jobs import backends, celery_app

    calls = []
    monkeypatch.setattr(celery_app.run_job, "apply_async", lambda **kw: calls.append(kw))
    job = job_submit(kind="tests.echo", by=_member(world))
    backends.send_to_celery(str(job.pk), countdown=30)
    assert calls[0]["countdown"] == 30 and calls[0]["args"] == [str(job.pk)]
    Job.objects.filter(pk=job.pk).update(run_after=timezone.now() - dt.timedelta(seconds=1))
    assert backends.sweep(send=calls.append) == 0
    backends.send_to_celery(str(job.pk), countdown=backends.MAX_COUNTDOWN + 1)
    assert len(calls) == 1  # far in the future: the sweeper sends it when due


def test_a_kind_cannot_be_registered_twice_by_different_functions():
    def other(ctx):
        return {}

    with pytest.raises(ValueError, match="already registered"):
        job("tests.echo")(other)


def test_the_eager_backend_keeps_a_job_scheduled_for_later_until_it_is_due(world):
    later = timezone.now() + dt.timedelta(days=1)
    job = job_submit(kind="tests.echo", by=_member(world), run_after=later)
    assert job.state == "queued"
    assert job_run_due() == 0
    Job.objects.filter(pk=job.pk).update(run_after=timezone.now())
    assert job_run_due() == 1
    job.refresh_from_db()
    assert job.state == "done"


def test_a_submit_while_redis_is_down_leaves_the_job_queued_for_the_sweeper(world, held, monkeypatch, caplog):
    from kombu.exceptions import OperationalError

    from techbridge.jobs import backends, celery_app

    def refuse(**_kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(celery_app.run_job, "apply_async", refuse)
    job = job_submit(kind="tests.echo", by=_member(world))
    with caplog.at_level(logging.ERROR, logger="techbridge.jobs"):
        backends.send_to_celery(str(job.pk))
    assert "could not send job" in caplog.text
    job.refresh_from_db()
    assert job.state == "queued"


def test_job_modules_of_the_apps_are_discovered():
    from techbridge.jobs.registry import get_spec, registered_kinds

    assert "jobs.selfcheck" in registered_kinds()
    assert get_spec("jobs.selfcheck").retry and get_spec("jobs.selfcheck").max_attempts == 2


@pytest.mark.parametrize(
    ("exc", "reason"),
    [(ValueError(), "ValueError"), (RuntimeError("  disk full "), "RuntimeError: disk full")],
)
def test_a_reason_names_the_error_even_without_a_message(exc, reason):
    assert runner.readable(exc) == reason


def test_progress_reported_per_row_is_written_a_few_times_only(world, held):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    job = job_submit(kind="tests.chatty", params={"rows": 1000}, by=_member(world))
    with CaptureQueriesContext(connection) as queries:
        runner.execute(job.pk, worker="w")
    assert len(queries) < 20
    job.refresh_from_db()
    assert (job.state, job.progress, job.message) == ("done", 1.0, "Row 1000 of 1000")


def test_a_unique_key_coalesces_submissions_while_a_job_is_active(world, held):
    first = job_submit(kind="tests.echo", params={"value": 1}, by=_member(world), unique_key="reindex:7")
    again = job_submit(kind="tests.echo", params={"value": 2}, by=_member(world), unique_key="reindex:7")
    assert again.pk == first.pk and Job.objects.count() == 1
    job_run_due()
    later = job_submit(kind="tests.echo", params={"value": 3}, by=_member(world), unique_key="reindex:7")
    assert later.pk != first.pk and later.state == "queued"


@pytest.fixture
def hourly():
    """A periodic kind, registered for one test only (a sweeper anywhere else would queue it)."""
    from techbridge.jobs import registry

    job("tests.hourly", every=3600)(lambda ctx: {"ran": True})
    yield
    registry._REGISTRY.pop("tests.hourly")


def test_a_periodic_kind_keeps_one_run_queued_every_interval(world, held, hourly):
    first = runner.schedule_periodic()
    job = Job.objects.get(kind="tests.hourly")
    assert first == [str(job.pk)] and job.unique_key == "periodic:tests.hourly"
    assert runner.schedule_periodic() == []  # one is queued already
    runner.execute(job.pk, worker="w")
    job.refresh_from_db()
    assert job.state == "done"
    runner.schedule_periodic()
    following = Job.objects.filter(kind="tests.hourly", state="queued").get()
    assert following.run_after == job.finished_at + dt.timedelta(hours=1)


def test_a_periodic_kind_is_dispatched_at_once_the_first_time_and_then_when_due(world, held, hourly):
    now = timezone.now()
    runner.schedule_periodic(now)
    first = Job.objects.get(kind="tests.hourly")
    assert str(first.pk) in runner.to_dispatch(now)  # not after the lost-dispatch delay (5 x stale)
    runner.execute(first.pk, worker="w")
    first.refresh_from_db()
    runner.schedule_periodic(first.finished_at)
    following = Job.objects.get(kind="tests.hourly", state="queued")
    assert str(following.pk) not in runner.to_dispatch(first.finished_at + dt.timedelta(minutes=59))
    assert str(following.pk) in runner.to_dispatch(following.run_after)


@pytest.mark.parametrize("params", [{"value": 1, "colour": "red"}, {}])
def test_it_rejects_parameters_the_job_function_does_not_take(world, params):
    with pytest.raises(ValidationError) as err:
        job_submit(kind="tests.flaky", params=params, by=_member(world))
    assert "Parameters do not fit the job 'tests.flaky'" in err.value.message_dict["params"][0]
