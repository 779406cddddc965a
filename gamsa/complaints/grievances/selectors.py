"""Reads the complaint desk shares: list filters, Korean keyword search, the overdue board."""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.db.models import BooleanField, Count, F, Q, QuerySet
from django.db.models.expressions import RawSQL

from gamsa.complaints.grievances.models import OPEN_STATUSES, Grievance
from gamsa.core import paging
from gamsa.core.calendar import SEOUL
from gamsa.text.grams import query_bigrams


def keyword_search(queryset: QuerySet, q: str) -> QuerySet:
    """Korean keyword search over title and body.

    Syllable bigrams find the rows (on PostgreSQL through the GIN index on the stored `search_tsv` column, see
    migration 0004; on SQLite by substring), all of a keyword's bigrams being required, as Korean search engines
    do: 주차 or 소음 are found exactly, and 불법주차 finds texts holding 불법, 법주 and 주차. A re-check of the
    whole phrase was measured at 0.7 s a page on a million complaints and dropped (docs/adr/0009).
    """
    q = (q or "").strip()
    if not q:
        return queryset
    terms = query_bigrams(q).split() if len(q) > 1 else [q]
    grams = [t for t in terms if len(t) > 1]
    singles = [
        t for t in terms if len(t) == 1
    ]  # a one-syllable word: no pair exists, a substring check instead
    if grams and connection.vendor == "postgresql":
        # The column named with its table: a department's view of the desk joins the grievance table again
        # (re-filed cases, `reopened_from`), and a bare `search_tsv` would then be ambiguous.
        column = f"{connection.ops.quote_name(queryset.model._meta.db_table)}.search_tsv"
        queryset = queryset.filter(
            RawSQL(  # noqa: S611  (the table name is the model's own, quoted; the terms are a parameter)
                f"{column} @@ to_tsquery('simple', %s)", (" & ".join(grams),), output_field=BooleanField()
            )
        )
    else:
        for gram in grams:
            queryset = queryset.filter(search_grams__contains=gram)
    for single in singles:
        queryset = queryset.filter(Q(title__icontains=single) | Q(body__icontains=single))
    return queryset


def filtered(queryset: QuerySet, data: dict, now: dt.datetime) -> QuerySet:
    """Apply the cleaned values of FilterForm."""
    status = data.get("status")
    if status == "open":
        queryset = queryset.filter(status__in=OPEN_STATUSES)
    elif status:
        queryset = queryset.filter(status=status)
    for field in ("channel", "kind", "department"):
        if data.get(field):
            queryset = queryset.filter(**{field: data[field]})
    due = data.get("due")
    if due:
        today = now.astimezone(SEOUL).date()
        open_qs = Q(status__in=OPEN_STATUSES)
        if due == "overdue":
            queryset = queryset.filter(open_qs, due_at__lt=now)
        elif due == "today":
            end = dt.datetime.combine(today + dt.timedelta(days=1), dt.time.min, SEOUL)
            queryset = queryset.filter(open_qs, due_at__gte=now, due_at__lt=end)
        elif due == "week":
            monday = today - dt.timedelta(days=today.weekday())
            end = dt.datetime.combine(monday + dt.timedelta(days=7), dt.time.min, SEOUL)
            queryset = queryset.filter(open_qs, due_at__lt=end, due_at__gte=now)
        elif due == "next7":
            queryset = queryset.filter(open_qs, due_at__gte=now, due_at__lt=now + dt.timedelta(days=7))
    received = data.get("received")
    if received:
        local = now.astimezone(SEOUL)
        start = local.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
        queryset = queryset.filter(received_at__gte=start.replace(month=1) if received == "year" else start)
    return keyword_search(queryset, data.get("q", ""))


def overdue_board(queryset: QuerySet, now: dt.datetime) -> list[dict]:
    """Per department: open, open and overdue (not only closed late ones), and answered late."""
    rows = (
        queryset.values("department__name")
        .annotate(
            open=Count("id", filter=Q(status__in=OPEN_STATUSES)),
            overdue=Count("id", filter=Q(status__in=OPEN_STATUSES, due_at__lt=now)),
            answered_late=Count("id", filter=Q(answered_at__isnull=False, answered_at__gt=F("due_at"))),
            total=Count("id"),
        )
        .order_by("-overdue", "-open")
    )
    return [dict(r, department=r["department__name"] or "미배정") for r in rows]


def list_queryset() -> QuerySet:
    """The columns the lists show (the desk, the overdue board, the API's list): one join, for the department."""
    return Grievance.objects.select_related("department").only(
        "public_id",
        "case_number",
        "title",
        "status",
        "channel",
        "kind",
        "received_at",
        "due_at",
        "answered_at",
        "department__name",
        "extension_count",
        "repeat_of_id",
        "reopened_from_id",
    )


class CappedPaginator(paging.CappedPaginator):
    """The desk's pages: a common keyword's page is read along the received_at index (core/paging.py)."""

    walk_when_capped = True
