"""How the taxpayer advocate plugs into core: the menu entry and the '내 업무' desk."""

from __future__ import annotations

from django.urls import reverse

from gamsa.complaints.taxpayer import permissions as perms
from gamsa.core import nav, work

nav.register("complaints", "납세자보호관", "complaints_taxpayer:list", perms.can_view, order=70)


def taxpayer_work(user, now):
    from gamsa.complaints.taxpayer.models import TaxpayerCase

    if not perms.can_manage(user):
        return []
    rows = (
        TaxpayerCase.objects.filter(status=TaxpayerCase.Status.OPEN)
        .only("case_number", "kind", "tax_item", "due_at", "status", "handled_by_id")
        .order_by("due_at")[:50]
    )
    return [
        work.WorkItem(
            title=f"{c.get_kind_display()}{' · ' + c.tax_item if c.tax_item else ''}",
            url=reverse("complaints_taxpayer:detail", args=[c.case_number]),
            kind_label="납세자보호관",
            due_at=c.due_at,
            status_label=c.get_status_display(),
            assigned_to_me=c.handled_by_id == user.pk,
            reference=c.case_number,
        )
        for c in rows
    ]


work.register_provider(taxpayer_work)
