"""How audits plugs into core: navigation, the '내 업무' desk, attachment access, demo data, verb labels."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from gamsa.audits import permissions as perms
from gamsa.core import demo, frontdoor, nav, office, verbs, work
from gamsa.core import permissions as core_perms

nav.register("audit", "연간 감사계획", "audits:plans", perms.can_read_office, order=10)
nav.register("audit", "처분요구 이행 관리", "audits:board", perms.can_read_office, order=20)
nav.register("audit", "구민감사관", "audits:citizen_roster", perms.can_read_office, order=30)
nav.register("audit", "감사결과 공개 화면", "audits:public_list", perms.can_read_office, order=40)
nav.register("audit", "우리 부서 감사 처분", "audits:my_unit", perms.can_see_own_unit_screen, order=50)
nav.register("audit", "나의 현장점검", "audits:citizen_mine", perms.can_see_citizen_desk, order=60)

verbs.register(
    {
        "audit_plan.created": "감사계획 수립",
        "audit_plan.copied": "감사계획 복사",
        "engagement.planned": "감사 계획",
        "engagement.member_added": "감사단 편성",
        "engagement.checklist_copied": "점검 항목 복사",
        "engagement.checklist_item_added": "점검 항목 추가",
        "engagement.checklist_checked": "점검 결과 기록",
        "engagement.notified": "감사 사전 통보",
        "engagement.fieldwork_started": "감사 실시",
        "engagement.fieldwork_finished": "실지감사 종료",
        "engagement.result_notified": "감사결과 통보",
        "engagement.published": "감사결과 공개",
        "engagement.closed": "감사 종료",
        "finding.recorded": "지적사항 기록",
        "disposition.issued": "처분요구",
        "disposition.reminded": "이행 독촉",
        "followup.reported": "이행결과 제출",
        "followup.verified": "이행결과 검토",
        "reexamination.filed": "재심의 청구",
        "reexamination.decided": "재심의 결정",
        "citizen_auditor.appointed": "구민감사관 위촉",
        "citizen_auditor.assigned": "구민감사관 현장점검 배정",
        "citizen_inspection.filed": "구민감사관 점검 결과 제출",
    }
)


def disposition_work(user, now):
    """The audit team: overdue dispositions and reports waiting for review; a unit: its own open dispositions."""
    from gamsa.audits.models import Disposition
    from gamsa.audits.selectors import overdue_dispositions

    items = []
    if perms.is_audit_team(user):
        for d in overdue_dispositions(now)[:30]:
            items.append(_item(d, "처분요구 이행 (기한 지남)", assigned=False))
        reported = Disposition.objects.filter(status="reported").select_related(
            "finding__engagement", "target_unit"
        )
        for d in reported.order_by("due_at")[:30]:
            items.append(_item(d, "이행결과 검토", assigned=True, due=False))
        return items
    units = perms.department_ids(user)
    if units:
        qs = Disposition.objects.filter(target_unit_id__in=units, status__in=("open", "returned"))
        for d in qs.select_related("finding__engagement", "target_unit").order_by("due_at")[:50]:
            label = "감사 처분 이행" + (f" · 독촉 {d.reminder_count}회" if d.reminder_count else "")
            items.append(_item(d, label, assigned=True))
    return items


def _item(d, kind_label: str, *, assigned: bool, due: bool = True):
    return work.WorkItem(
        title=f"{d.get_kind_display()} · {d.finding.title}",
        url=reverse("audits:disposition", args=[d.public_id]),
        kind_label=kind_label,
        due_at=d.due_at if due else None,
        status_label=d.get_status_display(),
        assigned_to_me=assigned,
        reference=d.finding.engagement.case_number,
    )


work.register_provider(disposition_work)


def _report_rule(user, attachment):
    from gamsa.audits.models import FollowUpReport

    report = (
        FollowUpReport.objects.filter(public_id=attachment.owner_id).select_related("disposition").first()
    )
    return report is not None and perms.can_download_followup_evidence(user, report.disposition)


def _inspection_rule(user, attachment):
    from gamsa.audits.models import SiteInspection

    report = SiteInspection.objects.filter(public_id=attachment.owner_id).select_related("assignment").first()
    return report is not None and perms.can_download_inspection_photos(user, report.assignment)


def _published_results():
    """The front door's list of the latest published audit results (the same rows as the public list)."""
    from gamsa.audits.views.public import published

    rows = published()[:5]
    yield frontdoor.Highlight(
        code="audits",
        title="최근 공개된 감사결과",
        items=[
            (e.title, reverse("audits:public_detail", args=[e.case_number]), e.published_on) for e in rows
        ],
        more_url=reverse("audits:public_list"),
        empty="아직 공개된 감사결과가 없습니다.",
    )


frontdoor.register_highlights(_published_results)


core_perms.register_attachment_rule("audits.followupreport", _report_rule)
core_perms.register_attachment_rule("audits.siteinspection", _inspection_rule)


def _demo():
    from gamsa.audits.demo import load_demo_audits

    load_demo_audits()


demo.DEMO_HOOKS.append(_demo)


def office_lines(now):
    """The head's glance at the follow-up of dispositions (처분 사후관리): one aggregate query (core/office.py)."""
    from django.db.models import Count, F, Q

    from gamsa.audits.models import Disposition
    from gamsa.audits.models.findings import OPEN_DISPOSITION_STATUSES

    open_q = Q(status__in=OPEN_DISPOSITION_STATUSES)
    done = Q(completed_at__gte=office.year_start(now))
    soon = open_q & Q(due_at__gte=now, due_at__lt=now + dt.timedelta(days=office.DUE_SOON_DAYS))
    n = Disposition.objects.exclude(status="draft").aggregate(
        open=Count("pk", filter=open_q),
        overdue=Count("pk", filter=open_q & Q(due_at__lt=now)),
        intake=Count("pk", filter=Q(notified_at__gte=office.month_start(now))),
        done=Count("pk", filter=done),
        on_time=Count("pk", filter=done & Q(completed_at__lte=F("due_at"))),
        soon=Count("pk", filter=soon),
    )
    board = reverse("audits:board")
    yield office.Line(
        team="audit",
        label="처분 사후관리",
        open=office.Figure(n["open"], board),
        overdue=office.Figure(n["overdue"], f"{board}?sort=due", alert=True),
        intake=office.Figure(n["intake"], board),
        on_time=office.Figure(office.rate(n["on_time"], n["done"]), board, suffix="%"),
        due_soon=office.Figure(n["soon"], f"{board}?sort=due"),
    )


office.register(office_lines)
