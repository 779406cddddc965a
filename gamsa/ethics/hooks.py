"""How the ethics app plugs into core: the menu, 내 업무 (filing, answer, decision and reminder clocks), review
documents' download rule, the Korean labels of its verbs, and its demo data. Desk titles carry no names."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count
from django.urls import reverse

from gamsa.core import demo as core_demo
from gamsa.core import nav, verbs, work
from gamsa.core import permissions as core_perms
from gamsa.core.calendar import END_OF_DAY, SEOUL
from gamsa.ethics import permissions as perms


def _only_members(user) -> bool:
    return perms.is_committee_member(user) and not perms.can_use_desk(user)


nav.register("investigation", "등록의무자 명부", "ethics:roster", perms.can_use_desk, order=40)
nav.register("investigation", "재산등록 심사", "ethics:reviews", perms.can_use_desk, order=41)
nav.register("investigation", "고지거부", "ethics:refusals", perms.can_use_desk, order=42)
nav.register("investigation", "퇴직공직자 취업제한", "ethics:restrictions", perms.can_use_desk, order=43)
nav.register("investigation", "공직자윤리위원회", "ethics:committee", perms.can_use_desk, order=44)
nav.register("home", "공직자윤리위원회 안건", "ethics:items", _only_members, order=5)
core_perms.register_attachment_rule("ethics.review", perms.can_download_document)

verbs.register(
    {
        "ethics.unit_designated": "특정분야 부서 지정",
        "ethics.unit_released": "특정분야 부서 지정 해제",
        "ethics.roster_proposed": "등록의무자 변경 제안",
        "ethics.proposal_dismissed": "제안 해당 없음",
        "ethics.declarant_added": "등록의무자 등록",
        "ethics.declarant_left": "등록의무 종료(퇴직·면제)",
        "ethics.declarant_deferred": "변동신고 유예",
        "ethics.declarant_resumed": "유예 종료",
        "ethics.regular_filings_opened": "정기 변동신고 생성",
        "ethics.filing_received": "재산 신고 접수",
        "ethics.filing_extended": "등록기간 연장",
        "ethics.review_started": "심사 시작",
        "ethics.review_request_issued": "보완명령·자료제출·질의·소명 요구",
        "ethics.review_answer_recorded": "답변 기록",
        "ethics.review_amount_added": "심사 금액 기록",
        "ethics.review_document_added": "심사 문서 등록",
        "ethics.review_concluded": "심사 결과",
        "ethics.review_closed": "심사 종결",
        "ethics.refusal_received": "고지거부 신청 접수",
        "ethics.refusal_extended": "고지거부 결정 기간 연장",
        "ethics.refusal_decided": "고지거부 결정",
        "ethics.restriction_guidance": "취업제한 안내",
        "ethics.restriction_reminded": "취업제한 종료 안내",
        "ethics.employment_check_received": "취업심사 신청 접수",
        "ethics.employment_check_decided": "취업심사 결과",
        "ethics.member_appointed": "공직자윤리위원 위촉",
        "ethics.member_ended": "공직자윤리위원 해촉",
        "ethics.meeting_scheduled": "공직자윤리위원회 회의 소집",
        "ethics.item_added": "안건 상정",
        "ethics.agenda_built": "안건 만들기",
        "ethics.item_decided": "안건 의결",
        "ethics.minutes_recorded": "회의 요지 기록",
    }
)


def _at(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, END_OF_DAY, SEOUL)


def desk_work(user, now):
    """The ethics officer's clocks: unfiled filings (grouped), filers' answers, 고지거부 decisions, 취업제한
    reminders and employment checks, pending roster proposals and this year's re-examinations."""
    from gamsa.ethics.models import (
        CheckResult,
        DisclosureRefusal,
        EmploymentCheck,
        Filing,
        ProposalStatus,
        RefusalKind,
        RefusalStatus,
        Restriction,
        Review,
        ReviewStatus,
        RosterProposal,
    )

    if not perms.can_manage(user):
        return []
    today = now.astimezone(SEOUL).date()
    items = []
    soon = today + dt.timedelta(days=30)
    unfiled = (
        Filing.objects.filter(filed_on__isnull=True, due_on__lte=soon)
        .values("kind", "due_on")
        .annotate(n=Count("id"))
        .order_by("due_on")[:20]
    )
    labels = dict(Filing._meta.get_field("kind").choices)
    for row in unfiled:
        items.append(
            work.WorkItem(
                title=f"재산 신고 기한 — {labels[row['kind']]} 미신고 {row['n']}건",
                url=reverse("ethics:filings"),
                kind_label="공직윤리",
                due_at=_at(row["due_on"]),
                assigned_to_me=True,
                urgent=row["due_on"] < today,
            )
        )
    waiting = Review.objects.filter(status=ReviewStatus.WAITING, answer_due_on__isnull=False)
    for r in waiting.order_by("answer_due_on")[:50].only("case_number", "answer_due_on"):
        items.append(
            work.WorkItem(
                title="재산등록 심사 — 신고자 답변 기한",
                url=reverse("ethics:review", args=[r.case_number]),
                kind_label="공직윤리",
                due_at=_at(r.answer_due_on),
                status_label="답변 대기",
                assigned_to_me=True,
                reference=r.case_number,
            )
        )
    open_refusals = DisclosureRefusal.objects.filter(
        status__in=[RefusalStatus.RECEIVED, RefusalStatus.REFERRED]
    )
    for x in open_refusals.order_by("decision_due_on")[:50].only("case_number", "decision_due_on", "status"):
        items.append(
            work.WorkItem(
                title="고지거부 — 위원회 결정 기한",
                url=reverse("ethics:refusal", args=[x.case_number]),
                kind_label="공직윤리",
                due_at=_at(x.decision_due_on),
                status_label=x.get_status_display(),
                assigned_to_me=True,
                reference=x.case_number,
            )
        )
    reminders = Restriction.objects.filter(
        reminded_on__isnull=True, reminder_from__lte=today, ends_on__gte=today
    )
    for x in reminders.order_by("ends_on")[:50]:
        items.append(
            work.WorkItem(
                title=f"취업제한 종료 안내 — 제한 종료 {x.ends_on:%Y. %-m. %-d.}",
                url=reverse("ethics:restriction", args=[x.public_id]),
                kind_label="공직윤리",
                due_at=_at(x.reminder_from),
                assigned_to_me=True,
            )
        )
    checks = EmploymentCheck.objects.filter(result=CheckResult.PENDING).select_related("restriction")
    for c in checks.order_by("planned_start_on")[:50]:
        items.append(
            work.WorkItem(
                title=f"취업심사 신청 — 취업예정일 {c.planned_start_on:%Y. %-m. %-d.}",
                url=reverse("ethics:restriction", args=[c.restriction.public_id]),
                kind_label="공직윤리",
                due_at=_at(c.planned_start_on),
                assigned_to_me=True,
            )
        )
    pending = RosterProposal.objects.filter(status=ProposalStatus.PENDING).count()
    if pending:
        items.append(
            work.WorkItem(
                title=f"등록의무자 변경 제안 {pending}건 확인",
                url=reverse("ethics:proposals"),
                kind_label="공직윤리",
                assigned_to_me=True,
            )
        )
    due_permissions = (
        DisclosureRefusal.objects.filter(
            kind=RefusalKind.NEW,
            status=RefusalStatus.GRANTED,
            ended_on__isnull=True,
            next_reexamination_on__year=today.year,
        )
        .exclude(reexaminations__trigger_on__year=today.year)
        .count()
    )
    if due_permissions:
        from gamsa.ethics.refusals.services import reexamination_window

        apply_until, _ = reexamination_window(dt.date(today.year, 1, 1))
        items.append(
            work.WorkItem(
                title=f"고지거부 재심사 대상 {due_permissions}건 (신청 {apply_until:%Y. %-m. %-d.}까지)",
                url=reverse("ethics:reexaminations"),
                kind_label="공직윤리",
                due_at=_at(apply_until),
                assigned_to_me=True,
            )
        )
    return items


def member_work(user, now):
    """A committee member's upcoming meetings with the number of items put to them."""
    from gamsa.ethics.models import Meeting

    ids = perms.member_ids(user) if _only_members(user) else []
    if not ids:
        return []
    meetings = Meeting.objects.filter(members__in=ids, held=False).annotate(n=Count("items", distinct=True))
    return [
        work.WorkItem(
            title=f"{m.log_label} — 상정 안건 {m.n}건",
            url=reverse("ethics:items"),
            kind_label="공직윤리",
            due_at=_at(m.held_on),
            assigned_to_me=True,
        )
        for m in meetings.order_by("held_on")[:10]
    ]


work.register_provider(desk_work)
work.register_provider(member_work)


def _demo():
    from gamsa.ethics.demo import load

    load()


core_demo.DEMO_HOOKS.append(_demo)
