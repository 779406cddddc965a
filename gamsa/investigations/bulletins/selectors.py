"""Reads the bulletin pages share: searches of items and trend reports, a bulletin's read rate (from the board's
receipts) and the yearly figures."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q, QuerySet

from gamsa.core.board import selectors as board
from gamsa.core.board.models import ReadReceipt
from gamsa.core.models import OrgUnit
from gamsa.investigations.bulletins.models import (
    Bulletin,
    BulletinItem,
    ItemKind,
    MisconductItem,
    TrendReport,
)


def _units_under(unit: OrgUnit) -> QuerySet:
    return OrgUnit.objects.filter(path__startswith=unit.path).values("pk")


def search_items(queryset: QuerySet, filters: dict) -> QuerySet:
    """Text (title, source, summary), tag, kind, department (its teams included) and a date range."""
    q = (filters.get("q") or "").strip()
    if q:
        queryset = queryset.filter(
            Q(title__icontains=q) | Q(source__icontains=q) | Q(summary__icontains=q) | Q(tags__name=q)
        )
    if filters.get("tag"):
        queryset = queryset.filter(tags__name=filters["tag"])
    if filters.get("kind"):
        queryset = queryset.filter(kind=filters["kind"])
    if filters.get("unit"):
        queryset = queryset.filter(departments__in=_units_under(filters["unit"]))
    if filters.get("date_from"):
        queryset = queryset.filter(published_on__gte=filters["date_from"])
    if filters.get("date_to"):
        queryset = queryset.filter(published_on__lte=filters["date_to"])
    if filters.get("unbundled"):
        queryset = queryset.filter(entries__isnull=True)
    return queryset.distinct()


def search_trends(queryset: QuerySet, filters: dict) -> QuerySet:
    q = (filters.get("q") or "").strip()
    if q:
        queryset = queryset.filter(Q(title__icontains=q) | Q(summary__icontains=q) | Q(tags__name=q))
    if filters.get("tag"):
        queryset = queryset.filter(tags__name=filters["tag"])
    if filters.get("unit"):
        queryset = queryset.filter(unit__in=_units_under(filters["unit"]))
    if filters.get("date_from"):
        queryset = queryset.filter(reported_on__gte=filters["date_from"])
    if filters.get("date_to"):
        queryset = queryset.filter(reported_on__lte=filters["date_to"])
    return queryset.distinct()


def read_rate(bulletin: Bulletin) -> dict | None:
    """The board's receipts of the bulletin's post: overall and by department. None before posting."""
    if bulletin.post is None:
        return None
    rows = board.receipts_by_department(bulletin.post)
    staff = sum(r["staff"] for r in rows)
    read = sum(r["read"] for r in rows)
    return {
        "rows": rows,
        "staff": staff,
        "read": read,
        "rate": round(100 * read / staff, 1) if staff else 0,
    }


def overall_rates(bulletins) -> dict[int, dict]:
    """bulletin pk → {"staff", "read", "rate"} for a page of bulletins, in a few queries (no per-department split)."""
    posted = [b for b in bulletins if b.post_id]
    out: dict[int, dict] = {}
    if not posted:
        return out
    reads = dict(
        ReadReceipt.objects.filter(post_id__in=[b.post_id for b in posted])
        .values("post_id")
        .annotate(n=Count("id"))
        .values_list("post_id", "n")
    )
    for b in posted:
        audience = board.audience_staff(b.post)
        staff = audience.count()
        read = reads.get(b.post_id, 0)
        if not b.post.audience_all:  # receipts of people outside the audience (moved units) do not count
            read = ReadReceipt.objects.filter(post_id=b.post_id, user__in=audience).count()
        out[b.pk] = {"staff": staff, "read": read, "rate": round(100 * read / staff, 1) if staff else 0}
    return out


def statistics(year: int) -> dict:
    """The yearly report's figures: bulletins posted, items shared (by kind), trend reports, the average read rate."""
    bulletins = list(Bulletin.objects.filter(year=year, post__isnull=False).select_related("post"))
    items = MisconductItem.objects.filter(
        pk__in=BulletinItem.objects.filter(bulletin__in=bulletins).values("item_id")
    ).order_by()
    by_kind = dict(items.values("kind").annotate(n=Count("id")).values_list("kind", "n"))
    rates = overall_rates(bulletins)
    staff = sum(r["staff"] for r in rates.values())
    read = sum(r["read"] for r in rates.values())
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    return {
        "year": year,
        "bulletins": len(bulletins),
        "items": items.count(),
        "by_kind": [(label, by_kind.get(value, 0)) for value, label in ItemKind.choices],
        "trend_reports": TrendReport.objects.filter(reported_on__range=(start, end)).count(),
        "read_rate": round(100 * read / staff, 1) if staff else 0,
    }


def yearly() -> list[dict]:
    """Bulletins and items per year, every year that has a posted bulletin (newest first)."""
    rows = (
        Bulletin.objects.filter(post__isnull=False)
        .values("year")
        .annotate(bulletins=Count("id", distinct=True), items=Count("entries__item", distinct=True))
        .order_by("-year")
    )
    return list(rows)
