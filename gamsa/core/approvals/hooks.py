"""How the approval engine plugs into core: the menu, the '내 업무' panels, demo data."""

from __future__ import annotations

from django.urls import reverse

from gamsa.core import demo, nav, work
from gamsa.core.approvals import permissions as perms

nav.register("home", "결재함", "approvals:inbox", perms.can_use_inbox, order=5)
nav.register("office", "위임전결규정", "approvals:rules", perms.can_read_rules, order=60)
nav.register("office", "결재 직위·부재", "approvals:positions", perms.can_read_rules, order=61)


def approval_panels(user, now):
    from gamsa.core.approvals import selectors

    if not perms.can_use_inbox(user):
        return []
    inbox = reverse("approvals:inbox")

    def item(a, status=""):
        return work.WorkItem(
            title=a.title,
            url=reverse("approvals:detail", args=[a.public_id]),
            kind_label=selectors.kind_label(a),
            status_label=status or selectors.status_label(a),
            assigned_to_me=True,
            reference=a.number,
        )

    waiting = [item(a, f"기안 {a.drafter.display_name}") for a in selectors.waiting_for(user)[:20]]
    returned = [
        item(a, f"{a.get_status_display()}: {a.note[:40]}" if a.note else "")
        for a in selectors.returned_to(user)[:20]
    ]
    post = [
        item(step.approval, f"{step.acted_by.display_name if step.acted_by else ''} 대결 · 후결 필요")
        for step in selectors.post_review_for(user)[:20]
    ]
    panels = [work.Panel("approvals-waiting", "결재할 문서", waiting, "결재할 문서가 없습니다.", inbox)]
    if returned:
        panels.append(work.Panel("approvals-returned", "반려된 문서", returned, "", inbox))
    if post:
        panels.append(work.Panel("approvals-post", "후결", post, "", inbox))
    return panels


work.register_panel(approval_panels)


def _demo():
    from gamsa.core.approvals.demo import load

    load()


demo.DEMO_HOOKS.append(_demo)
