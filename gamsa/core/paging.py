"""Paging long lists: counts that stop at a cap, and a page plan for lists where many rows match.

Why the plan (docs/adr/0009, addendum): a keyword such as 불법주차 matches 6 % of a million grievances. PostgreSQL
estimates the rows of a tsquery joining three syllable pairs as if the pairs were independent (808 rows estimated,
60,256 found), so it reads every match through the GIN bitmap and sorts them for the newest 30: 210 ms. Walking the
(received_at, id) index from the newest row and checking each row finds the 30 in under a millisecond. The capped
count tells the two cases apart: when more rows match than the cap, the page is read with every plan but the ordered
index walk penalised for that one query (`set_config(…, true)` inside a transaction, put back right after;
WALK_SETTINGS says which and why); otherwise (few matches)
the bitmap plan is the right one and is left alone. Where the page plan is used, "more than the cap" is also remembered for five minutes per
query (`capped_count(remember=True)`), so paging through a common keyword does not count its matches again.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import re

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.core.paginator import Paginator
from django.db import OperationalError, connection, transaction
from django.utils.functional import cached_property
from ninja import Field
from ninja.pagination import LimitOffsetPagination

from gamsa.core.validators import MAX_INT

logger = logging.getLogger(__name__)

# How long "more than the cap" is remembered for the same query. It can only stop being true when hundreds of rows
# are deleted, so a stale answer is harmless; a count at or under the cap is never remembered.
REMEMBER_CAPPED_SECONDS = 300


_MOMENT_TEXT = re.compile(r"(\d{4}-\d\d-\d\d[ T]\d\d:\d\d):\d\d(\.\d+)?")


def _to_the_minute(param):
    """A moment parameter cut to its minute (SQLite's driver has it as text already)."""
    if isinstance(param, dt.datetime):
        return param.replace(second=0, microsecond=0)
    if isinstance(param, str):
        return _MOMENT_TEXT.sub(r"\1", param)
    return param


def capped_count(queryset, cap: int, remember: bool = False) -> int:
    """The number of rows, counted up to `cap` + 1 (more than `cap` reads as cap + 1).

    With `remember`, a query found to match more than `cap` rows is not counted again for a while (paging through
    a common keyword's results, or the next official searching the same word in the same scope). The key is the
    query's own SQL and parameters, so filters and the user's scope are part of it. Moments among the parameters
    (the overdue filter's "now") count to the minute, so the same list asked again a second later is the same query.
    """
    plain = queryset.order_by()
    key = None
    if remember:
        try:
            sql, params = plain.query.sql_with_params()
        except EmptyResultSet:  # .none(): a filter form that did not validate
            return 0
        params = tuple(_to_the_minute(p) for p in params)
        key = "paging:capped:" + hashlib.sha256(repr((sql, params, cap)).encode()).hexdigest()
        if cache.get(key):
            return cap + 1
    count = plain[: cap + 1].count()
    if key and count > cap:
        cache.set(key, True, REMEMBER_CAPPED_SECONDS)
    return count


# The walk: an ordered index scan is the only plan left without a penalty. Sorting, bitmap and sequential scans are
# what the planner picks when it underestimates the matches (an AND of syllable pairs, or a keyword and a status,
# estimated at 20 rows when 12,000 match: a parallel scan of the whole table, 420 ms, against 4 ms walking);
# JIT compiling and parallel workers cost more than a walk that stops after a few thousand rows.
WALK_SETTINGS = {
    "enable_bitmapscan": "off",
    "enable_seqscan": "off",
    "enable_sort": "off",
    "jit": "off",
    "max_parallel_workers_per_gather": "0",
}
# A walk is cheap when matches are dense along the order. A deep page of a list with just over the cap of sparse
# matches (a keyword in one department, page 34) would walk most of the table (550 ms on a million rows), where the
# planner's own plan takes 50 ms. So the walk gets this long, and past it the planner's plan answers instead.
WALK_BUDGET_MS = 60


def _walk(queryset) -> list | None:
    """The rows by walking the ordering index, or None when the walk ran past WALK_BUDGET_MS."""
    settings = {**WALK_SETTINGS, "statement_timeout": str(WALK_BUDGET_MS)}
    names = list(settings)
    set_each = ", ".join(["set_config(%s, %s, true)"] * len(names))
    walk_values = [value for name in names for value in (name, settings[name])]
    try:
        if not connection.in_atomic_block:
            # The usual case (a page request): the settings live in a transaction of their own, which ends with
            # the walk. Four statements in all; a cancelled walk rolls back only this transaction.
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(f"SELECT {set_each}", walk_values)
                return list(queryset)
        # Inside an enclosing transaction (a test's, a service's): set locally, walk in a savepoint, put back.
        with transaction.atomic(), connection.cursor() as cursor:
            read_each = ", ".join(["current_setting(%s)"] * len(names))
            cursor.execute(f"SELECT {read_each}, {set_each}", [*names, *walk_values])
            previous = cursor.fetchone()[: len(names)]
            try:
                with transaction.atomic():  # a savepoint: a cancelled walk leaves the transaction usable
                    return list(queryset)
            finally:
                cursor.execute(
                    f"SELECT {set_each}",
                    [value for pair in zip(names, previous, strict=True) for value in pair],
                )
    except OperationalError as exc:
        if getattr(exc.__cause__, "sqlstate", None) != "57014":  # not query_canceled: a real error
            raise
        # No query text or parameters: a keyword typed by staff may hold a person's name.
        logger.info("Index walk passed its %d ms budget; the planner's plan answered.", WALK_BUDGET_MS)
        return None


def rows_walking_order(queryset) -> list:
    """Evaluate an ordered, sliced queryset by walking its ordering index (PostgreSQL; elsewhere a plain read)."""
    # Unfiltered, the planner walks the ordering index by itself: no settings needed.
    if connection.vendor == "postgresql" and queryset.query.where:
        rows = _walk(queryset)
        if rows is not None:
            return rows
    return list(queryset)


class CappedPaginator(Paginator):
    """Counts at most `cap` rows: a keyword that matches 80,000 rows need not count them all.

    With `walk_when_capped`, a page of a list with more matches than the cap is read along the ordering index.
    """

    cap = 1_000
    walk_when_capped = False

    @cached_property
    def count(self) -> int:
        return capped_count(self.object_list, self.cap, remember=self.walk_when_capped)

    @property
    def capped(self) -> bool:
        return self.count > self.cap

    def page(self, number):
        if not (self.walk_when_capped and self.capped):
            return super().page(number)
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        return self._get_page(
            rows_walking_order(self.object_list[bottom : bottom + self.per_page]), number, self
        )


class BoundedPagination(LimitOffsetPagination):
    """Ninja's limit/offset pages with both numbers bounded in the schema (offset=10**30 overflowed the drivers)."""

    class Input(LimitOffsetPagination.Input):
        limit: int = Field(settings.NINJA_PAGINATION_PER_PAGE, ge=1, le=settings.NINJA_PAGINATION_MAX_LIMIT)
        offset: int = Field(0, ge=0, le=MAX_INT)


class CappedPagination(BoundedPagination):
    """The API's limit/offset pages with the same capped count (and the same page plan when asked)."""

    cap = 1_000
    walk_when_capped = False

    def _items_count(self, queryset) -> int:
        return capped_count(queryset, self.cap, remember=self.walk_when_capped)

    def paginate_queryset(self, queryset, pagination, request, **params):
        offset, limit = pagination.offset, min(pagination.limit, self.max_limit)
        count = self._items_count(queryset)
        items = queryset[offset : offset + limit]
        if self.walk_when_capped and count > self.cap:
            items = rows_walking_order(items)
        return {self.items_attribute: items, "count": count}
