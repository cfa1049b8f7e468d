"""The REST API under /api/: token (or session) authentication, OpenAPI schema at /api/openapi.json."""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth import authenticate
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError
from ninja.security import HttpBearer, django_auth

from techbridge.accounts.models import ApiToken

# "Last used" is for spotting forgotten tokens; writing it on every call was a database write (and a commit)
# per API request. It is kept to this precision.
LAST_USED_PRECISION = timedelta(minutes=5)


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str):
        found = ApiToken.objects.select_related("user").filter(digest=ApiToken.digest_of(token)).first()
        if found is None or not found.user.is_active:
            return None
        now = timezone.now()
        if found.last_used_at is None or now - found.last_used_at >= LAST_USED_PRECISION:
            ApiToken.objects.filter(pk=found.pk).update(last_used_at=now)
        request.user = found.user
        return found.user


api = NinjaAPI(
    title="TechBridge API",
    version="1.0.0",
    description="Directory, marketplace profiles and docking of the TechBridge technology-transfer platform. "
    "Authenticate with `Authorization: Bearer <token>` (POST /api/auth/token).",
    auth=[TokenAuth(), django_auth],
)


def _errors(exc: ValidationError) -> list[dict]:
    if hasattr(exc, "error_dict"):
        return [{"field": f, "message": m} for f, errs in exc.message_dict.items() for m in errs]
    return [{"field": None, "message": m} for m in exc.messages]


@api.exception_handler(ValidationError)
def on_validation_error(request, exc: ValidationError):
    return api.create_response(request, {"detail": _errors(exc)}, status=422)


@api.exception_handler(PermissionDenied)
def on_permission_denied(request, exc: PermissionDenied):
    return api.create_response(request, {"detail": str(exc) or "Permission denied."}, status=403)


@api.exception_handler(Http404)
def on_not_found(request, exc: Http404):
    return api.create_response(request, {"detail": str(exc) or "Not found."}, status=404)


@api.exception_handler(AuthenticationError)
def on_unauthenticated(request, exc):
    return api.create_response(request, {"detail": "Authentication required."}, status=401)


class TokenIn(Schema):
    username: str
    password: str


class TokenOut(Schema):
    token: str
    username: str
    role: str


@api.post("/auth/token", auth=None, response={200: TokenOut, 401: dict, 429: dict}, tags=["auth"])
def issue_token(request: HttpRequest, payload: TokenIn):
    """Exchange a user name and password for a bearer token (shown once)."""
    from techbridge.accounts import throttle

    address = throttle.client_address(request)
    if throttle.is_blocked(payload.username, address):
        raise HttpError(429, "Too many failed sign-ins: try again in 15 minutes.")
    user = authenticate(request, username=payload.username, password=payload.password)
    if user is None or not user.is_active:
        throttle.record_failure(payload.username, address)
        raise HttpError(401, "Wrong user name or password.")
    throttle.record_success(payload.username, address)
    _token, raw = ApiToken.issue(user, name="api")
    return {"token": raw, "username": user.username, "role": user.role}


def _add_routers() -> None:
    from techbridge.cases.api import router as cases_router
    from techbridge.directory.api import router as directory_router
    from techbridge.docking.api import router as docking_router
    from techbridge.evaluation.api import router as evaluation_router
    from techbridge.events.api import router as events_router
    from techbridge.jobs.api import router as jobs_router
    from techbridge.marketplace.api import router as marketplace_router
    from techbridge.planning.api import router as planning_router

    api.add_router("/", directory_router)
    api.add_router("/", marketplace_router)
    api.add_router("/", docking_router)
    api.add_router("/", jobs_router)
    api.add_router("/", evaluation_router)
    api.add_router("/", planning_router)
    api.add_router("/", events_router)
    api.add_router("/", cases_router)


_add_routers()
