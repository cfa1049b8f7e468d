"""Structured logs: each record is one JSON object (or one readable line) on the configured stderr handler, with
the request's id, method, path (no query string), status, duration and the signed-in user's numeric id, and the
job id inside a job; the redaction filter scrubs e-mail-, phone-, token- and secret-like strings."""

from __future__ import annotations

import io
import json
import logging
import sys

import pytest

from techbridge.web import logs

pytestmark = pytest.mark.django_db


def _console() -> logging.Handler:
    (handler,) = [h for h in logging.getLogger().handlers if h.name == "console"]
    return handler


@pytest.fixture
def log_output():
    """log_output(fmt) -> a buffer receiving what the configured console handler writes, in `fmt`."""
    handler = _console()
    saved = handler.stream, handler.formatter
    root = logging.getLogger()
    level = root.level

    def start(fmt: str = "json", level: int = logging.INFO) -> io.StringIO:
        buffer = io.StringIO()
        with handler.lock:  # not setStream: it flushes the old stream, which pytest may have closed
            handler.stream = buffer
        handler.setFormatter(logs.JsonFormatter() if fmt == "json" else logs.TextFormatter())
        root.setLevel(level)
        return buffer

    yield start
    with handler.lock:
        handler.stream = saved[0]
    handler.setFormatter(saved[1])
    root.setLevel(level)


def records(buffer: io.StringIO) -> list[dict]:
    return [json.loads(line) for line in buffer.getvalue().splitlines()]


def test_the_handler_is_configured_with_the_filter_and_the_chosen_format(settings):
    handler = _console()
    assert any(isinstance(f, logs.RedactFilter) for f in handler.filters)
    assert isinstance(handler.formatter, logs.TextFormatter) and settings.LOG_FORMAT == "text"  # embedded


def test_a_request_is_logged_as_one_json_object_with_its_context(world, login, log_output):
    out = log_output("json")
    member = world["users"]["member"]
    response = login(member).get("/profiles/?q=secret+search&page=1")
    (entry,) = [e for e in records(out) if e["logger"] == "techbridge.request"]
    assert entry == {
        "time": entry["time"],
        "level": "INFO",
        "logger": "techbridge.request",
        "message": "GET /profiles/ 200",
        "request_id": response["X-Request-ID"],
        "method": "GET",
        "path": "/profiles/",
        "status": 200,
        "duration_ms": entry["duration_ms"],
        "user_id": member.pk,
    }
    assert isinstance(entry["duration_ms"], float) and 0 < entry["duration_ms"] < 60_000
    assert len(entry["time"]) == 24 and entry["time"].endswith("Z") and entry["time"][10] == "T"
    assert "secret" not in out.getvalue()


def test_django_s_own_records_carry_the_request_context(world, login, log_output):
    out = log_output("json")
    response = login(world["users"]["broker"]).get("/profiles/NO-SUCH-PROFILE/?token=abc")
    assert response.status_code == 404
    access, django_record = records(out)  # Django logs a 4xx after the middleware chain returned
    assert django_record["logger"] == "django.request" and django_record["level"] == "WARNING"
    assert django_record["status"] == 404 and django_record["request_id"] == access["request_id"]
    assert django_record["path"] == "/profiles/NO-SUCH-PROFILE/"
    assert (access["level"], access["status"], access["user_id"]) == (
        "WARNING",
        404,
        world["users"]["broker"].pk,
    )


def test_an_anonymous_request_has_no_user_id_and_a_proxy_request_id_is_kept(client, db, log_output):
    out = log_output("json")
    client.get("/accounts/login/", HTTP_X_REQUEST_ID="nginx-7f3a9c21")
    client.get("/accounts/login/", HTTP_X_REQUEST_ID="bad id\nFAKE LOG LINE")
    first, second = records(out)
    assert first["request_id"] == "nginx-7f3a9c21" and "user_id" not in first
    assert len(second["request_id"]) == 16 and "FAKE" not in out.getvalue()


def test_a_failing_job_logs_its_id_and_the_scrubbed_traceback(world, log_output):
    from techbridge.jobs.services import job_submit
    from techbridge.jobs.tests import sample_jobs  # noqa: F401  (registers tests.crash)

    out = log_output("json")
    job = job_submit(
        kind="tests.crash",
        params={"message": "no reply from anna.nowak@example.pl"},
        by=world["users"]["member"],
    )
    entries = [e for e in records(out) if e["logger"] == "techbridge.jobs"]
    assert [e["level"] for e in entries] == ["INFO", "ERROR", "INFO"]
    assert all(e["job_id"] == str(job.pk) for e in entries)
    failure = entries[1]
    assert "Traceback" in failure["exc"] and "no reply from [email]" in failure["exc"]
    assert "anna.nowak" not in out.getvalue()


def test_the_text_format_is_one_readable_line(world, login, log_output):
    out = log_output("text")
    member = world["users"]["member"]
    response = login(member).get("/profiles/")
    line = out.getvalue().strip()
    assert "\n" not in line
    stamp, rest = line.split(" ", 1)
    assert stamp.endswith("Z")
    assert rest.startswith("INFO    techbridge.request: GET /profiles/ 200 [request=")
    assert f"request={response['X-Request-ID']} user={member.pk} " in rest and rest.endswith(" ms]")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("mail to jan.kowalski+cases@uni-lodz.edu.pl now", "mail to [email] now"),
        ("Authorization: Bearer tb_Zx9_aB3dEf6hIj0kLm4nOp", "Authorization: [redacted] [token]"),
        ("token tb_Zx9_aB3dEf6hIj0kLm4nOp used", "token [token] used"),
        ("login with password=hunter2&next=/", "login with password=[redacted]&next=/"),
        ("{'password1': 'Secret-12345', 'username': 'x'}", "{'password1': '[redacted]', 'username': 'x'}"),
        ("sessionid=q8v2k1x0z9m3n4b5v6c7x8z9l0k1j2h3", "sessionid=[redacted]"),
        ("cookie q8v2k1x0z9m3n4b5v6c7x8z9l0k1j2h3 reused", "cookie [secret] reused"),
        ("call +48 601 234 567 or +86-138-0000-0000", "call [phone] or [phone]"),
        ("mobile 13812345678.", "mobile [phone]."),
        ("GET /people/?q=Kowalski&page=2 failed", "GET /people/?[query] failed"),
        # left alone: dates, times, ids, amounts, plain words and paths
        (
            "job 42 at 2026-11-21 10:09:41+00:00 took 1234567 ms for /cases/17/ (EUR 2,000,000)",
            "job 42 at 2026-11-21 10:09:41+00:00 took 1234567 ms for /cases/17/ (EUR 2,000,000)",
        ),
        ("Not Found: /profiles/TOPL20260101001/", "Not Found: /profiles/TOPL20260101001/"),
    ],
)
def test_scrub(text, expected):
    assert logs.scrub(text) == expected
    assert logs.scrub(expected) == expected  # idempotent: scrubbing twice changes nothing


def test_the_filter_scrubs_any_logger_s_message_arguments_and_traceback(log_output):
    out = log_output("json")
    try:
        raise ValueError("duplicate e-mail ewa@example.org")
    except ValueError:
        logging.getLogger("some.library").exception(
            "could not save %s with %r", "ewa@example.org", {"token": "s3cr3t"}
        )
    (entry,) = records(out)
    assert entry["message"] == "could not save [email] with {'token': '[redacted]'}"
    assert entry["exc"].endswith("ValueError: duplicate e-mail [email]") and "ewa@" not in out.getvalue()


def test_a_record_whose_request_is_not_a_request_is_still_written(log_output):
    out = log_output("json")
    logging.getLogger("some.library").warning("odd extra", extra={"request": "GET /x", "user_id": "ewa"})
    (entry,) = records(out)
    assert entry["message"] == "odd extra" and "user_id" not in entry and "request_id" not in entry


def test_the_console_writes_to_the_process_stderr_whatever_replaces_sys_stderr(monkeypatch, capfd):
    import io

    replacement = io.StringIO()
    monkeypatch.setattr(sys, "stderr", replacement)  # a capture object, or Celery's logging proxy
    logging.getLogger("techbridge.tests").warning("written to file descriptor 2")
    assert "written to file descriptor 2" in capfd.readouterr().err
    assert replacement.getvalue() == ""
