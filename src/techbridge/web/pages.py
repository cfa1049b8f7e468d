"""Helpers shared by list pages: pagination that keeps the filters in the query string."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cached_property

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest


class CappedPaginator(Paginator):
    """A paginator for large lists: at most ``cap`` items, found with one query of their ids.

    Counting every one of tens of thousands of hits reads all their rows, although nobody pages through
    them: one query reads the ids of the first ``cap + 1`` items in order (filters and order only), which
    gives both the count ("more than cap" when ``capped``) and every page's ids; ``fetch(ids)`` then reads
    the whole rows of one page with their joins and prefetches. Before, joining organisation and country rows
    to every hit before sorting, and evaluating the filters twice (count, then page), cost more than the page.
    """

    def __init__(self, object_list: QuerySet, per_page: int, *, cap: int, fetch: Callable[[list], Iterable]):
        super().__init__(object_list, per_page)
        self.cap = cap
        self.fetch = fetch

    @cached_property
    def ids(self) -> list:
        return list(self.object_list.values_list("pk", flat=True)[: self.cap + 1])

    @property
    def capped(self) -> bool:
        return len(self.ids) > self.cap

    @cached_property
    def count(self) -> int:
        return min(len(self.ids), self.cap)

    def page(self, number) -> Page:
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        ids = self.ids[bottom : min(bottom + self.per_page, self.count)]
        rows = {row.pk: row for row in self.fetch(ids)}
        return self._get_page([rows[pk] for pk in ids if pk in rows], number, self)


def page_context(
    request: HttpRequest,
    queryset,
    per_page: int | None = None,
    *,
    cap: int | None = None,
    fetch: Callable[[list], Iterable] | None = None,
) -> dict:
    """Context of one page of ``queryset``; with ``cap`` and ``fetch``, a :class:`CappedPaginator`."""
    size = per_page or settings.TECHBRIDGE_PAGE_SIZE
    paginator = (
        CappedPaginator(queryset, size, cap=cap, fetch=fetch)
        if cap is not None and fetch is not None
        else Paginator(queryset, size)
    )
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
        "total_capped": getattr(paginator, "capped", False),
    }
