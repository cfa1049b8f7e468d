"""Structured logs: one JSON object per line (production) or a readable line (embedded), both on stderr.

Every record carries the context it was written in: the request (id, method, path without the query string,
the signed-in user's numeric id once known) and the background job (id). Personal data never goes into a log:
the platform logs ids, not names, e-mail addresses, passwords, tokens, session ids, query strings or form
bodies, and `RedactFilter` scrubs e-mail-, phone-, token- and secret-like strings from every message and
traceback as a last line of defence. Chosen by TECHBRIDGE_LOG_FORMAT (docs/operations.md).

This module is imported by the logging configuration before the apps are ready: no models here.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import re
import secrets
import sys
import time
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from typing import Any

from django.utils.functional import LazyObject

# -- context ---------------------------------------------------------------------------------------------------

_context: ContextVar[dict[str, Any] | None] = ContextVar("techbridge_log_context", default=None)
_request: ContextVar[Any] = ContextVar("techbridge_log_request", default=None)

CONTEXT_FIELDS = ("request_id", "method", "path", "status", "duration_ms", "user_id", "job_id")


@contextlib.contextmanager
def log_context(**fields: Any) -> Iterator[None]:
    """Add fields (e.g. job_id=...) to every record logged inside the block, in this thread or task."""
    token = _context.set({**(_context.get() or {}), **{k: v for k, v in fields.items() if v is not None}})
    try:
        yield
    finally:
        _context.reset(token)


def _user_id(request: Any) -> int | None:
    """The signed-in user's numeric id, only when the request already knows its user (never a database query
    from inside a log call)."""
    attributes = getattr(request, "__dict__", None)
    if not isinstance(attributes, dict):
        return None
    user = attributes.get("user")
    if isinstance(user, LazyObject):  # AuthenticationMiddleware's lazy user: resolved once read
        user = attributes.get("_cached_user")
    if user is not None and getattr(user, "is_authenticated", False) is True:
        pk = getattr(user, "pk", None)
        return pk if isinstance(pk, int) else None
    return None


def current_context(request: Any = None) -> dict[str, Any]:
    """The fields of the running request or job; `request` (django.request's records carry theirs, logged
    after the middleware returned) supplies them outside the request's context."""
    fields = dict(_context.get() or {})
    if request is not None and not fields.get("request_id"):
        fields.update(getattr(request, "_log_context", None) or {})
    user_id = _user_id(request if request is not None else _request.get())
    if user_id is not None:
        fields.setdefault("user_id", user_id)
    return fields


# -- redaction -------------------------------------------------------------------------------------------------

_SCRUBS: list[tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]]] = [
    # key=value pairs naming a secret, in text, query strings, JSON or repr()s
    (
        re.compile(
            r"(?i)\b(password\d?|passwd|pwd|secret|token|api[_-]?key|session(?:id|_key)?|csrf\w*|authorization)"
            r"""(["']?\s*[:=]\s*["']?)(?!\[)[^\s"'&,;)}\]]+"""
        ),
        r"\1\2[redacted]",
    ),
    (re.compile(r"(?i)\b(bearer|basic|token)\s+[A-Za-z0-9._~+/=-]{8,}"), r"\1 [token]"),
    (re.compile(r"\btb_[A-Za-z0-9_-]{8,}"), "[token]"),
    (
        re.compile(r"[A-Za-z0-9.!#$%&'*+?^_`{|}~-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"),
        "[email]",
    ),
    # a path's query string (the path stays)
    (re.compile(r"(/[^\s?\"'<>]*)\?[^\s\"'<>]+"), r"\1?[query]"),
    # international phone numbers (+48 12 345 67 89, +86-138-0000-0000) and Chinese mobile numbers
    (re.compile(r"(?<![\w+])\+\d{1,3}(?:[\s.-]?\(?\d{1,4}\)?){2,5}(?!\w)"), "[phone]"),
    (re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)"), "[phone]"),
    # long random strings: session keys, raw tokens, signed values (letters and digits mixed, 24+ chars); not
    # the UUIDs that name jobs
    (
        re.compile(
            r"(?<![\w-])(?![0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?![\w-]))"
            r"(?=[\w-]*\d)(?=[\w-]*[A-Za-z])[A-Za-z0-9_-]{24,}(?![\w-])"
        ),
        "[secret]",
    ),
]


def scrub(text: str) -> str:
    """Remove e-mail addresses, phone numbers, tokens, secrets and query strings from a log text."""
    for pattern, replacement in _SCRUBS:
        text = pattern.sub(replacement, text)
    return text


class RedactFilter(logging.Filter):
    """On the handler: renders and scrubs each record's message, traceback and stack, and stamps the context
    (request, job) on it. It never drops a record."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a bad format string in a third-party call: keep the raw text
            message = str(record.msg)
        record.msg, record.args = scrub(message), None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = scrub(record.exc_text)
        if record.stack_info:
            record.stack_info = scrub(record.stack_info)
        for key, value in current_context(getattr(record, "request", None)).items():
            if not hasattr(record, key):
                setattr(record, key, value)
        return True


# -- formatters ------------------------------------------------------------------------------------------------


def _fields(record: logging.LogRecord) -> dict[str, Any]:
    fields = current_context(getattr(record, "request", None))
    for key in CONTEXT_FIELDS:
        value = getattr(record, key, None)
        if value is not None:
            fields[key] = value
    if "status" not in fields and isinstance(getattr(record, "status_code", None), int):
        fields["status"] = record.status_code  # django.request's own records
    if not isinstance(fields.get("user_id"), int):
        fields.pop("user_id", None)  # numeric ids only, whatever a caller passed
    if "path" in fields:
        fields["path"] = scrub(str(fields["path"]))  # a path can carry an e-mail address too
    return {key: fields[key] for key in CONTEXT_FIELDS if key in fields}


def _time(record: logging.LogRecord) -> str:
    stamp = dt.datetime.fromtimestamp(record.created, tz=dt.UTC)
    return stamp.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _traceback(record: logging.LogRecord, formatter: logging.Formatter) -> str:
    text = record.exc_text or (formatter.formatException(record.exc_info) if record.exc_info else "")
    if record.stack_info:
        text = f"{text}\n{formatter.formatStack(record.stack_info)}".strip()
    return scrub(text) if text else ""


class JsonFormatter(logging.Formatter):
    """One JSON object per record: time (ISO-8601 UTC), level, logger, message, the context fields, exc."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": _time(record),
            "level": record.levelname,
            "logger": record.name,
            "message": scrub(record.getMessage()),
            **_fields(record),
        }
        exc = _traceback(record, self)
        if exc:
            entry["exc"] = exc
        return json.dumps(entry, ensure_ascii=False, default=str)


class TextFormatter(logging.Formatter):
    """A readable line: time level logger message [request=... user=... job=... 12.3 ms]."""

    def format(self, record: logging.LogRecord) -> str:
        fields = _fields(record)
        tags = [
            f"{label}={fields[key]}"
            for key, label in (("request_id", "request"), ("user_id", "user"), ("job_id", "job"))
            if key in fields
        ]
        if "duration_ms" in fields:
            tags.append(f"{fields['duration_ms']} ms")
        line = f"{_time(record)} {record.levelname:<7} {record.name}: {scrub(record.getMessage())}"
        if tags:
            line += f" [{' '.join(tags)}]"
        exc = _traceback(record, self)
        return f"{line}\n{exc}" if exc else line


# -- request logging -------------------------------------------------------------------------------------------

access_log = logging.getLogger("techbridge.request")
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


def request_id(header: str | None) -> str:
    """The reverse proxy's X-Request-ID when it is a plain token, else a new random id."""
    if header and _REQUEST_ID.match(header):
        return header
    return secrets.token_hex(8)


class RequestLogMiddleware:
    """First in the chain: gives the request an id (also sent back as X-Request-ID), puts it in the log context
    and writes one access record per request: method, path (never the query string), status, duration, user id."""

    def __init__(self, get_response: Callable[[Any], Any]):
        self.get_response = get_response

    def __call__(self, request: Any) -> Any:
        rid = request_id(request.headers.get("X-Request-ID"))
        started = time.perf_counter()
        request._log_context = {"request_id": rid, "method": request.method, "path": request.path}
        context = _context.set(request._log_context)
        current = _request.set(request)
        try:
            response = self.get_response(request)
            duration = round((time.perf_counter() - started) * 1000, 1)
            status = response.status_code
            level = logging.ERROR if status >= 500 else logging.WARNING if status >= 400 else logging.INFO
            access_log.log(
                level,
                "%s %s %s",
                request.method,
                request.path,
                status,
                extra={"status": status, "duration_ms": duration, "user_id": _user_id(request)},
            )
            response.headers.setdefault("X-Request-ID", rid)
            return response
        finally:
            _request.reset(current)
            _context.reset(context)


class StderrHandler(logging.StreamHandler):
    """A stream handler on the process's own stderr (``sys.__stderr__``), whatever ``sys.stderr`` is
    replaced with later: a test runner's capture object that gets closed, or Celery's logging proxy
    (writing to that would feed records back into logging). Another stream can be set (tests capture
    into a buffer); setting None goes back to the process's stderr."""

    def __init__(self, level: int = logging.NOTSET) -> None:
        logging.Handler.__init__(self, level)
        self._own_stream = None

    @property
    def stream(self):  # type: ignore[override]
        return self._own_stream or sys.__stderr__

    @stream.setter
    def stream(self, value) -> None:
        self._own_stream = None if value is sys.__stderr__ else value
