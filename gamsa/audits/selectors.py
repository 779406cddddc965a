"""Reads that pages, the API, the desk and the benchmark share."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q, QuerySet, Sum

from gamsa.audits.models import OPEN_DISPOSITION_STATUSES, Disposition


def open_dispositions() -> QuerySet:
    return Disposition.objects.filter(status__in=(*OPEN_DISPOSITION_STATUSES, "reported"))


def overdue_dispositions(now: dt.datetime) -> QuerySet:
    """Open dispositions past their due moment (uses the (status, due_at) index)."""
    return (
        Disposition.objects.filter(status__in=OPEN_DISPOSITION_STATUSES, due_at__lt=now)
        .select_related("finding__engagement", "target_unit")
        .order_by("due_at", "pk")
    )


def overdue_by_unit(now: dt.datetime) -> list[dict]:
    return list(
        Disposition.objects.filter(status__in=OPEN_DISPOSITION_STATUSES, due_at__lt=now)
        .values("target_unit__name")
        .annotate(count=Count("pk"), amount=Sum("amount_recover"))
        .order_by("-count", "target_unit__name")
    )


def board_counts(now: dt.datetime) -> dict:
    base = Disposition.objects.exclude(status="draft")
    return base.aggregate(
        open=Count("pk", filter=Q(status__in=OPEN_DISPOSITION_STATUSES)),
        reported=Count("pk", filter=Q(status="reported")),
        overdue=Count("pk", filter=Q(status__in=OPEN_DISPOSITION_STATUSES, due_at__lt=now)),
        done=Count("pk", filter=Q(status="done")),
        to_recover=Sum("amount_recover"),
        recovered=Sum("amount_recovered"),
    )
