"""Template context shared by every page."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


class QueryParams(dict):
    """The query string's last value per name; a name not in it reads as "" (templates compare options with
    these: a missing key of request.GET made Django's lookup fall back to dir() of the QueryDict, a
    hundred times per filter form)."""

    def __missing__(self, key: str) -> str:
        return ""


def platform(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    unread = None
    if user is not None and user.is_authenticated:
        from techbridge.docking.models import Notification

        unread = Notification.objects.filter(user=user, read_at__isnull=True).count()
    return {
        "unread_notifications": unread,
        "platform_name": "TechBridge",
        "platform_environment": settings.ENVIRONMENT,
        "user_role": getattr(user, "role", "") if user is not None and user.is_authenticated else "",
        "params": QueryParams(request.GET.items()),
    }
