"""How findings plug into core: navigation, the '내 업무' desk, photo access, the shared notices, demo data, verbs."""

from __future__ import annotations

from django.urls import reverse

from gamsa.core import demo, nav, verbs, work
from gamsa.core import permissions as core_perms
from gamsa.patrols.findings import notices  # noqa: F401  (findings in the shared notices)
from gamsa.patrols.findings import permissions as perms
from gamsa.patrols.roles import department_ids, is_patrol_team

nav.register("patrol", "적출사항", "patrols:finding_list", perms.can_see_findings, order=30)

verbs.register(
    {
        "finding.created": "적출사항 등록",
        "finding.routed": "부서 통보",
        "finding.answered": "부서 조치 결과 등록",
        "finding.closed": "확인 종결",
        "finding.returned": "보완 요구",
        "finding.dismissed": "반려",
        "finding.photo_added": "사진 추가",
    }
)


def finding_work(user, now):
    """Departments: their open findings with due dates. Patrol team: reports to route, answers to verify."""
    from gamsa.patrols.clock import finding_due_moment
    from gamsa.patrols.models import Finding, FindingStatus

    items = []
    units = department_ids(user)
    if units:
        qs = Finding.objects.filter(
            unit_id__in=units, status__in=[FindingStatus.ROUTED, FindingStatus.RETURNED]
        ).order_by("due_date")[:50]
        for f in qs:
            items.append(
                work.WorkItem(
                    title=f.title,
                    url=reverse("patrols:finding_detail", args=[f.case_number]),
                    kind_label="적출사항",
                    due_at=finding_due_moment(f.due_date) if f.due_date else None,
                    status_label=f.get_status_display(),
                    assigned_to_me=True,
                    reference=f.case_number,
                )
            )
    if is_patrol_team(user):
        qs = Finding.objects.filter(status__in=[FindingStatus.REPORTED, FindingStatus.ANSWERED]).order_by(
            "reported_at"
        )[:50]
        for f in qs:
            items.append(
                work.WorkItem(
                    title=f.title,
                    url=reverse("patrols:finding_detail", args=[f.case_number]),
                    kind_label="적출사항",
                    due_at=None,
                    status_label="부서 통보 필요" if f.status == FindingStatus.REPORTED else "조치 확인 필요",
                    assigned_to_me=True,
                    reference=f.case_number,
                )
            )
    return items


work.register_provider(finding_work)


def _finding_photo_rule(user, attachment):
    from gamsa.patrols.models import Finding

    finding = Finding.objects.filter(case_number=attachment.owner_id).first()
    return finding is not None and perms.can_download_finding_photos(user, finding)


core_perms.register_attachment_rule("patrols.finding", _finding_photo_rule)


def _demo():
    from gamsa.patrols.findings.demo import load_demo_patrols

    load_demo_patrols()


demo.DEMO_HOOKS.append(_demo)
