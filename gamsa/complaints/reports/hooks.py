"""How public-interest reports plug into core: the menu entry and the '내 업무' desk."""

from __future__ import annotations

from django.urls import reverse

from gamsa.complaints.reports import permissions as perms
from gamsa.complaints.reports import services as svc
from gamsa.core import nav, work

nav.register("complaints", "공익신고", "complaints_reports:list", perms.can_view, order=60)


def report_work(user, now):
    """Open reports (60-day clock) and finished ones whose result is still owed to 권익위 (10 days)."""
    from gamsa.complaints.reports.models import PublicInterestReport

    if not perms.can_manage(user):
        return []
    items = []
    rows = (
        PublicInterestReport.objects.filter(status__in=[*svc.OPEN_STATUSES, svc.Status.DONE])
        .only("case_number", "pseudonym", "subject", "status", "due_at", "acrc_report_due_at")
        .order_by("due_at")[:50]
    )
    for r in rows:
        owed = r.status == svc.Status.DONE
        items.append(
            work.WorkItem(
                title=f"{r.subject} ({r.pseudonym})" + (" — 권익위 결과 통보" if owed else ""),
                url=reverse("complaints_reports:detail", args=[r.case_number]),
                kind_label="공익신고",
                due_at=r.acrc_report_due_at if owed else r.due_at,
                status_label=r.get_status_display(),
                assigned_to_me=True,
                reference=r.case_number,
            )
        )
    return items


work.register_provider(report_work)
