"""How the public-interest reports, the taxpayer advocate and staff protection plug into core."""

from __future__ import annotations

from django.urls import reverse

from gamsa.complaints.services import protection as protection_svc
from gamsa.complaints.services import reports as reports_svc
from gamsa.complaints.services import taxpayer as taxpayer_svc
from gamsa.core import nav, work

nav.register("complaints", "공익신고", "complaints_other:reports", reports_svc.can_view, order=60)
nav.register("complaints", "납세자보호관", "complaints_other:taxpayer", taxpayer_svc.can_view, order=70)
nav.register(
    "complaints",
    "특이민원·직원 보호",
    "complaints_other:protection",
    protection_svc.can_use_protection_page,
    order=80,
)


def report_work(user, now):
    """Open reports (60-day clock) and finished ones whose result is still owed to 권익위 (10 days)."""
    from gamsa.complaints.models import PublicInterestReport

    if not reports_svc.can_manage(user):
        return []
    items = []
    rows = (
        PublicInterestReport.objects.filter(status__in=[*reports_svc.OPEN_STATUSES, reports_svc.Status.DONE])
        .only("case_number", "pseudonym", "subject", "status", "due_at", "acrc_report_due_at")
        .order_by("due_at")[:50]
    )
    for r in rows:
        owed = r.status == reports_svc.Status.DONE
        items.append(
            work.WorkItem(
                title=f"{r.subject} ({r.pseudonym})" + (" — 권익위 결과 통보" if owed else ""),
                url=reverse("complaints_other:report_detail", args=[r.case_number]),
                kind_label="공익신고",
                due_at=r.acrc_report_due_at if owed else r.due_at,
                status_label=r.get_status_display(),
                assigned_to_me=True,
                reference=r.case_number,
            )
        )
    return items


def taxpayer_work(user, now):
    from gamsa.complaints.models import TaxpayerCase

    if not taxpayer_svc.can_manage(user):
        return []
    rows = (
        TaxpayerCase.objects.filter(status=TaxpayerCase.Status.OPEN)
        .only("case_number", "kind", "tax_item", "due_at", "status", "handled_by_id")
        .order_by("due_at")[:50]
    )
    return [
        work.WorkItem(
            title=f"{c.get_kind_display()}{' · ' + c.tax_item if c.tax_item else ''}",
            url=reverse("complaints_other:taxpayer_detail", args=[c.case_number]),
            kind_label="납세자보호관",
            due_at=c.due_at,
            status_label=c.get_status_display(),
            assigned_to_me=c.handled_by_id == user.pk,
            reference=c.case_number,
        )
        for c in rows
    ]


def protection_work(user, now):
    from gamsa.complaints.models import ProtectionRequest

    if not protection_svc.can_decide_requests(user):
        return []
    rows = ProtectionRequest.objects.filter(status=ProtectionRequest.Status.REQUESTED).order_by(
        "requested_at"
    )[:50]
    return [
        work.WorkItem(
            title="민원 담당자 보호조치 요청",
            url=reverse("complaints_other:protection_requests"),
            kind_label="직원 보호",
            status_label=r.get_status_display(),
            assigned_to_me=True,
            reference=f"{r.requested_at:%Y-%m-%d}",
        )
        for r in rows
    ]


work.register_provider(report_work)
work.register_provider(taxpayer_work)
work.register_provider(protection_work)
