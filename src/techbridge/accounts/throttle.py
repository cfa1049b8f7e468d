"""Sign-in rate limiting: after too many failed attempts for one user name or from one address, refuse
further attempts for a while (web form and API token endpoint alike)."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache

MAX_FAILURES = 5
WINDOW_SECONDS = 15 * 60


def _keys(username: str, address: str) -> list[str]:
    def key(kind: str, value: str) -> str:
        # hashed so that neither names nor addresses sit in the cache in clear
        return f"signin-fail:{kind}:{hashlib.sha256(value.encode()).hexdigest()[:32]}"

    return [key("user", (username or "").strip().lower()), key("addr", address or "")]


def limit() -> int:
    return getattr(settings, "TECHBRIDGE_SIGNIN_MAX_FAILURES", MAX_FAILURES)


def is_blocked(username: str, address: str) -> bool:
    return any((cache.get(k) or 0) >= limit() for k in _keys(username, address))


def record_failure(username: str, address: str) -> None:
    for k in _keys(username, address):
        try:
            cache.incr(k)
        except ValueError:
            cache.set(k, 1, WINDOW_SECONDS)


def record_success(username: str, address: str) -> None:
    cache.delete(_keys(username, address)[0])


def client_address(request) -> str:
    return request.META.get("REMOTE_ADDR", "")
