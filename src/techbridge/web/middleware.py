"""Request middleware: a signed-in user's language, and security headers (CSP without inline scripts)."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.utils import translation

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'none'"
)


class UserLanguageMiddleware:
    """Use the signed-in user's remembered language when the browser sent no language cookie."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        remembered = getattr(user, "language", "") if user is not None and user.is_authenticated else ""
        if remembered and settings.LANGUAGE_COOKIE_NAME not in request.COOKIES:
            translation.activate(remembered)
            request.LANGUAGE_CODE = remembered
        return self.get_response(request)


class SecurityHeadersMiddleware:
    """Adds the Content-Security-Policy and related headers to every response."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        return response


class NullCharacterMiddleware:
    """Refuse parameters holding NUL characters with a 400 naming the parameter.

    No text field of the platform may hold them, and PostgreSQL cannot store or even compare them (a
    query would fail with a server error); SQLite would keep them silently.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        bad = next((name for name, value in request.GET.lists() if any("\x00" in v for v in value)), None)
        if bad is None and "\x00" in request.path:
            bad = "path"
        if bad is None:
            return self.get_response(request)
        message = f"{bad}: null characters are not allowed"
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": message}, status=400)
        return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
