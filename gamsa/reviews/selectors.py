"""Reads the pages, the exports, the API and the bench share: ledger filters and yearly savings totals."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q, QuerySet, Sum

from gamsa.core.calendar import SEOUL
from gamsa.reviews.models import Category, ContractReview, PreExecutionReview, ReviewKind


def year_range(year: int) -> tuple[dt.datetime, dt.datetime]:
    return (
        dt.datetime(year, 1, 1, tzinfo=SEOUL),
        dt.datetime(year + 1, 1, 1, tzinfo=SEOUL),
    )


def filter_ledger(qs: QuerySet, data: dict) -> QuerySet:
    """Apply the ledger filters (cleaned data of a LedgerFilterForm)."""
    if data.get("year"):
        start, end = year_range(data["year"])
        qs = qs.filter(filed_at__gte=start, filed_at__lt=end)
    if data.get("status"):
        qs = qs.filter(status=data["status"])
    if data.get("required") == "yes":
        qs = qs.filter(required=True)
    elif data.get("required") == "no":
        qs = qs.filter(required=False)
    if data.get("category"):
        qs = qs.filter(category=data["category"])
    if data.get("unit"):
        qs = qs.filter(unit=data["unit"])
    if data.get("q"):
        qs = qs.filter(title__icontains=data["q"])
    if data.get("opinion"):
        qs = qs.filter(opinion=data["opinion"])
    if data.get("review_kind"):
        qs = qs.filter(review_kind=data["review_kind"])
    return qs


def pre_ledger() -> QuerySet:
    return PreExecutionReview.objects.select_related("unit", "reviewer", "rule")


def contract_ledger() -> QuerySet:
    return ContractReview.objects.select_related("unit", "reviewer")


KIND_LABEL = {ReviewKind.CONTRACT.value: "계약심사", ReviewKind.COMPLETION.value: "준공 전 제비율 심사"}


def savings_totals(qs: QuerySet, year: int) -> dict:
    """Reviewed contract reviews of `year` (by filing date): totals by kind × category and by department."""
    start, end = year_range(year)
    done = qs.filter(filed_at__gte=start, filed_at__lt=end, reviewed_amount__isnull=False)
    aggregates = {
        "count": Count("id"),
        "designed": Sum("designed_amount"),
        "reviewed": Sum("reviewed_amount"),
        "savings": Sum("savings"),
    }

    def rate(row):
        row["rate"] = round(row["savings"] * 100 / row["designed"], 2) if row["designed"] else 0
        return row

    by_type = [
        rate(
            {
                **row,
                "kind_label": KIND_LABEL.get(row["review_kind"], row["review_kind"]),
                "category_label": Category(row["category"]).label,
            }
        )
        for row in done.values("review_kind", "category")
        .annotate(**aggregates)
        .order_by("review_kind", "category")
    ]
    by_unit = [
        rate(row)
        for row in done.values("unit__name").annotate(**aggregates).order_by("-savings", "unit__name")
    ]
    total = rate(
        {
            "count": 0,
            "designed": 0,
            "reviewed": 0,
            "savings": 0,
            **{k: v or 0 for k, v in done.aggregate(**aggregates).items()},
        }
    )
    return {"year": year, "by_type": by_type, "by_unit": by_unit, "total": total}


def open_counts(qs: QuerySet, now: dt.datetime) -> dict:
    return qs.aggregate(
        open=Count("id", filter=Q(status__in=("filed", "assigned"))),
        overdue=Count("id", filter=Q(status__in=("filed", "assigned"), due_at__lt=now)),
    )
