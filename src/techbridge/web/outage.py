"""The database is away (restart, failover, network): answer 503 with Retry-After, never a 500 or a traceback.

Connection-level failures (django.db.OperationalError, InterfaceError) raised by a view are answered by
`process_exception`; those raised by other middleware (loading the session or the signed-in user) have
already become a 500 response when they reach this middleware, so the `got_request_exception` signal marks
the request and the 500 is replaced. The page needs no database: plain template, no context processors.
Other database errors (integrity, programming) are bugs and stay 500s. Django reconnects by itself once
the database is back (CONN_HEALTH_CHECKS), so no restart is needed.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable

from django.core.signals import got_request_exception
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from techbridge.web.middleware import CONTENT_SECURITY_POLICY

log = logging.getLogger("techbridge.web")
RETRY_AFTER = 5  # seconds; a PostgreSQL restart takes a few
OUTAGE_ERRORS = (OperationalError, InterfaceError)


def is_outage(exc: BaseException | None) -> bool:
    """True for a lost or refused database connection (also when wrapped by another exception)."""
    for _depth in range(5):
        if exc is None:
            return False
        if isinstance(exc, OUTAGE_ERRORS):
            return True
        exc = exc.__cause__ or exc.__context__
    return False


def outage_response(request: HttpRequest) -> HttpResponse:
    """503 in the visitor's language: JSON under /api/, else a small HTML page."""
    language = getattr(request, "LANGUAGE_CODE", None) or translation.get_language()
    with translation.override(language):
        message = _("The service is temporarily unavailable. Please try again in a few seconds.")
        if request.path.startswith("/api/"):
            response: HttpResponse = JsonResponse({"detail": message}, status=503)
        else:
            response = HttpResponse(
                render_to_string("web/outage.html", {"message": message, "retry_after": RETRY_AFTER}),
                status=503,
            )
            response.headers["Content-Language"] = language
    response.headers["Retry-After"] = str(RETRY_AFTER)
    response.headers["Cache-Control"] = "no-store"
    response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    return response


def _mark(sender, request: HttpRequest | None = None, **_kwargs) -> None:
    """Remember that the request failed for want of a database (the exception is the one being handled)."""
    if request is not None and is_outage(sys.exc_info()[1]):
        request._database_outage = True  # type: ignore[attr-defined]


got_request_exception.connect(_mark, dispatch_uid="techbridge.web.outage")


class DatabaseOutageMiddleware:
    """Turns database connection failures anywhere in the request into a clean 503 (see the module doc)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code == 500 and getattr(request, "_database_outage", False):
            return outage_response(request)
        return response

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not is_outage(exception):
            return None
        log.warning("database unavailable: %s: %s", type(exception).__name__, str(exception)[:200])
        return outage_response(request)
