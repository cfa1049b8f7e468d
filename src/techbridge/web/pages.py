"""Helpers shared by list pages: pagination that keeps the filters in the query string."""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpRequest


def page_context(request: HttpRequest, queryset, per_page: int | None = None) -> dict:
    paginator = Paginator(queryset, per_page or settings.TECHBRIDGE_PAGE_SIZE)
    page_obj = paginator.get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    encoded = params.urlencode()
    return {
        "page_obj": page_obj,
        "object_list": page_obj.object_list,
        "querystring_without_page": f"{encoded}&" if encoded else "",
        "querystring": encoded,
        "total": paginator.count,
    }
