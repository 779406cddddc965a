"""Retention (deletion with a tombstone, legal hold) and content-free statistics for the yearly report."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from gamsa.core.services import record_event
from gamsa.hotline import privacy
from gamsa.hotline.models import Category, IdentityEnvelope, Report, Tombstone

SUBJECT = "hotline.report"


def _month(moment: dt.datetime | None) -> dt.date | None:
    if moment is None:
        return None
    return timezone.localtime(moment).date().replace(day=1)


def _ack_kept(report: Report) -> bool | None:
    if report.acknowledged_at is None:
        return None if report.status in ("received", "in_progress") else False
    return report.acknowledged_at <= report.ack_due_at


def _feedback_kept(report: Report) -> bool | None:
    if report.first_feedback_at is None:
        return None
    return report.first_feedback_at <= report.feedback_due_at


def purge_expired(now: dt.datetime | None = None) -> int:
    """Delete finished reports past their retention date (rows, files, identity), keeping a tombstone.
    A legal hold stops deletion. Returns how many were deleted."""
    now = now or timezone.now()
    deleted = 0
    due = Report.objects.filter(retain_until__lt=now, legal_hold=False).exclude(
        status__in=["received", "in_progress"]
    )
    for report in due.select_related("category").iterator(chunk_size=200):
        with transaction.atomic():
            report = Report.objects.select_for_update().select_related("category").get(pk=report.pk)
            if report.legal_hold:
                continue
            paths = [Path(settings.MEDIA_ROOT) / a.path for a in report.attachments.all()]
            Tombstone.objects.update_or_create(
                case_number=report.case_number,
                defaults={
                    "category_code": report.category.code,
                    "received_month": _month(report.received_at),
                    "closed_month": _month(report.closed_at),
                    "final_status": report.status,
                    "ack_kept": _ack_kept(report),
                    "feedback_kept": _feedback_kept(report),
                    "deleted_at": now,
                },
            )
            IdentityEnvelope.objects.filter(subject_type=SUBJECT, subject_id=str(report.public_id)).delete()
            record_event(None, "hotline.deleted", report, retention="expired")
            report.delete()

            def remove(paths=paths):
                for path in paths:
                    shred(path)

            transaction.on_commit(remove)
            deleted += 1
    privacy.prune_budgets(now)
    return deleted


def shred(path: Path) -> None:
    """Overwrite once, then unlink (the content is ciphertext already; this removes even that)."""
    try:
        size = path.stat().st_size
        with path.open("r+b") as handle:
            handle.write(b"\0" * size)
        path.unlink()
    except FileNotFoundError:
        pass


def statistics(year: int) -> dict:
    """Counts by category, month, status and clock kept, for reports received in `year`. No content."""
    rows = []
    for r in Report.objects.filter(received_at__year=year).select_related("category"):
        rows.append(
            (
                r.category.name,
                _month(r.received_at).month,
                r.get_status_display(),
                _ack_kept(r),
                _feedback_kept(r),
            )
        )
    names = dict(Category.objects.values_list("code", "name"))
    for t in Tombstone.objects.filter(received_month__year=year):
        rows.append(
            (
                names.get(t.category_code, t.category_code),
                t.received_month.month,
                dict(Report.Status.choices).get(t.final_status, t.final_status),
                t.ack_kept,
                t.feedback_kept,
            )
        )
    by_category = Counter(r[0] for r in rows)
    by_month = Counter(r[1] for r in rows)
    by_status = Counter(r[2] for r in rows)
    ack = Counter("kept" if r[3] else ("missed" if r[3] is False else "open") for r in rows)
    feedback = Counter("kept" if r[4] else ("missed" if r[4] is False else "open") for r in rows)
    return {
        "year": year,
        "total": len(rows),
        "by_category": sorted(by_category.items()),
        "by_month": [(m, by_month.get(m, 0)) for m in range(1, 13)],
        "by_status": sorted(by_status.items()),
        "ack": dict(ack),
        "feedback": dict(feedback),
    }
