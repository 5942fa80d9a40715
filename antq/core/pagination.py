"""API pagination for search-like listings: a page plus `has_more`, without an exact total.

A total needs a second pass over every match; for a type-ahead or a search over ~90,000 units
that pass doubles the server time and nobody reads the number. Listings that people page through
to the end (accounts, audit) keep ninja's LimitOffsetPagination with its `count`.
"""

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination, PaginationBase

# Bounds on every paged list: a page holds at most MAX_LIMIT items, and an offset past MAX_OFFSET
# is refused (422 naming the parameter) instead of reaching the database as an integer it cannot hold.
MAX_LIMIT = 500
MAX_OFFSET = 10_000_000


class SearchPagination(PaginationBase):
    class Input(Schema):
        limit: int = Field(20, ge=1, le=100, description="Items per page (1-100)")
        offset: int = Field(0, ge=0, le=MAX_OFFSET, description="Items to skip")

    class Output(Schema):
        items: list[Any]
        has_more: bool = Field(..., description="True when a next page exists (offset + limit)")
        offset: int

    def paginate_queryset(
        self, queryset: QuerySet[Any], pagination: Input, request: HttpRequest, **params: Any
    ) -> dict[str, Any]:
        rows = list(queryset[pagination.offset : pagination.offset + pagination.limit + 1])
        return {
            "items": rows[: pagination.limit],
            "has_more": len(rows) > pagination.limit,
            "offset": pagination.offset,
        }


class LimitOffset(LimitOffsetPagination):
    """ninja's limit/offset page with a `count`, bounded (the project's default paginator)."""

    class Input(Schema):
        limit: int = Field(50, ge=1, le=MAX_LIMIT, description=f"Items per page (1-{MAX_LIMIT})")
        offset: int = Field(0, ge=0, le=MAX_OFFSET, description="Items to skip")

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(max_limit=MAX_LIMIT, **kwargs)
