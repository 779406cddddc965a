"""How 특이민원 and staff protection plug into core: the menu entry and the '내 업무' desk."""

from __future__ import annotations

from django.urls import reverse

from gamsa.complaints.protection import permissions as perms
from gamsa.core import nav, work

nav.register("complaints", "특이민원·직원 보호", "complaints_protection:index", perms.can_use_page, order=80)


def protection_work(user, now):
    from gamsa.complaints.protection.models import ProtectionRequest

    if not perms.can_decide(user):
        return []
    rows = ProtectionRequest.objects.filter(status=ProtectionRequest.Status.REQUESTED).order_by(
        "requested_at"
    )[:50]
    return [
        work.WorkItem(
            title="민원 담당자 보호조치 요청",
            url=reverse("complaints_protection:requests"),
            kind_label="직원 보호",
            status_label=r.get_status_display(),
            assigned_to_me=True,
            reference=f"{r.requested_at:%Y-%m-%d}",
        )
        for r in rows
    ]


work.register_provider(protection_work)
