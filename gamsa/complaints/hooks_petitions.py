"""How petitions and the 민원조정위원회 plug into core: navigation and the '내 업무' desk."""

from __future__ import annotations

from django.urls import reverse

from gamsa.complaints.views.petitions import can_manage, can_read
from gamsa.core import nav, work

nav.register("complaints", "청원", "petitions:list", can_read, order=40)
nav.register("complaints", "민원조정위원회", "committee:meetings", can_read, order=50)


def petition_work(user, now):
    """Open petitions with their due dates (the disclosure decision's while it is pending), for the complaint team."""
    from gamsa.complaints.models import Petition
    from gamsa.complaints.services import petitions as svc

    if not can_manage(user):
        return []
    items = []
    for p in Petition.objects.filter(status__in=svc.OPEN_STATUSES).order_by("due_at")[:50]:
        due = svc.disclosure_due(p) if p.status == Petition.Status.DISCLOSURE_REVIEW else p.due_at
        items.append(
            work.WorkItem(
                title=p.title,
                url=reverse("petitions:detail", args=[p.case_number]),
                kind_label="청원",
                due_at=due,
                status_label=p.get_status_display(),
                assigned_to_me=p.created_by_id == user.pk or p.status == Petition.Status.RECEIVED,
                reference=p.case_number,
            )
        )
    return items


work.register_provider(petition_work)
