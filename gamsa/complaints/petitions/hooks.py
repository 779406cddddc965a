"""How petitions plug into core: navigation and the '내 업무' desk."""

from __future__ import annotations

from django.urls import reverse

from gamsa.complaints.petitions import permissions as perms
from gamsa.core import nav, work

nav.register("complaints", "청원", "petitions:list", perms.can_read, order=40)


def petition_work(user, now):
    """Open petitions with their due dates (the disclosure decision's while it is pending), for the complaint team."""
    from gamsa.complaints.petitions import services as svc
    from gamsa.complaints.petitions.models import Petition

    if not perms.can_manage(user):
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
