"""How the human-rights programme plugs into core: the menu, 내 업무, event-log labels, attachment rules,
reference data after a flush, and the demo."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from gamsa.core import demo as core_demo
from gamsa.core import nav, seeds, verbs, work
from gamsa.core import permissions as core_perms
from gamsa.core.calendar import END_OF_DAY, SEOUL
from gamsa.humanrights import permissions as perms
from gamsa.humanrights import seeds as hr_seeds

nav.register("investigation", "인권 업무", "humanrights:home", perms.is_reader, order=40)
nav.register("investigation", "인권영향평가", "humanrights:assessments", perms.can_see_assessments, order=41)
nav.register("investigation", "인권교육", "humanrights:education", perms.is_reader, order=42)
nav.register("investigation", "인권위원회", "humanrights:committee", perms.is_reader, order=43)
nav.register("investigation", "구민인권지킴이단", "humanrights:monitors", perms.is_rights_team, order=44)
nav.register("investigation", "인권 공모전", "humanrights:contests", perms.is_reader, order=45)
nav.register("investigation", "인권지킴이 활동 보고", "humanrights:monitor_home", perms.is_monitor, order=46)

core_perms.register_attachment_rule("humanrights.draft", perms.can_download_draft_file)
core_perms.register_attachment_rule("humanrights.activity", perms.can_download_activity_photo)

seeds.register_reference_seed("humanrights.ChecklistVersion", hr_seeds.seed_all)
seeds.register_reference_seed("humanrights.ConsentNotice", hr_seeds.seed_all)

verbs.register(
    {
        "humanrights.plan_created": "인권 세부추진계획 수립",
        "humanrights.measure_added": "세부 사업 추가",
        "humanrights.plan_evaluated": "인권 세부사업 종합평가",
        "humanrights.session_recorded": "인권교육 기록",
        "humanrights.participants_added": "교육 참여자 명단 등록",
        "humanrights.participant_removed": "교육 참여자 삭제",
        "humanrights.participants_purged": "보유 기간이 지난 교육 참여자 명단 삭제",
        "humanrights.term_created": "인권위원회 기수 구성",
        "humanrights.member_appointed": "인권위원 위촉",
        "humanrights.member_left": "인권위원 해촉·사임",
        "humanrights.meeting_scheduled": "인권위원회 회의 등록",
        "humanrights.agenda_added": "안건 등록",
        "humanrights.agenda_decided": "안건 의결",
        "humanrights.minutes_recorded": "회의록 작성",
        "humanrights.cohort_created": "구민인권지킴이단 기수 구성",
        "humanrights.monitor_appointed": "구민인권지킴이 위촉",
        "humanrights.monitor_ended": "구민인권지킴이 해촉",
        "humanrights.training_recorded": "지킴이단 교육 기록",
        "humanrights.activity_filed": "지킴이단 활동 보고",
        "humanrights.activity_checked": "지킴이단 활동 확인",
        "humanrights.draft_submitted": "인권영향평가 요청",
        "humanrights.draft_assessed": "인권영향평가",
        "humanrights.draft_answered": "개정 권고 회신",
        "humanrights.contest_created": "인권 공모전 등록",
        "humanrights.criterion_added": "심사 기준 추가",
        "humanrights.prize_added": "시상 내역 추가",
        "humanrights.juror_added": "심사위원 등록",
        "humanrights.entry_registered": "응모작 접수",
        "humanrights.scores_recorded": "심사 점수 기록",
        "humanrights.winners_announced": "수상작 발표",
    }
)


def _end_of(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, END_OF_DAY, SEOUL)


def team_work(user, now):
    """The 조사팀's human-rights desk: drafts to assess (due by the calendar), reports to check, the plan's
    March and December milestones."""
    from gamsa.humanrights.models import Activity, ActivityStatus, Draft, Plan, Status

    if not perms.is_rights_team(user):
        return []
    items = []
    for draft in (
        Draft.objects.filter(status=Status.RECEIVED).select_related("department").order_by("due_at")[:50]
    ):
        items.append(
            work.WorkItem(
                title=f"인권영향평가 — {draft.title}",
                url=reverse("humanrights:assessment", args=[draft.case_number]),
                kind_label="인권",
                due_at=draft.due_at,
                status_label=f"{draft.department.name} · 평가 중",
                assigned_to_me=True,
                reference=draft.case_number,
            )
        )
    waiting = Activity.objects.filter(status=ActivityStatus.SUBMITTED).count()
    if waiting:
        items.append(
            work.WorkItem(
                title=f"구민인권지킴이단 활동 보고 {waiting:,}건 확인",
                url=reverse("humanrights:activities") + "?status=submitted",
                kind_label="인권",
                assigned_to_me=True,
            )
        )
    today = now.astimezone(SEOUL).date()
    plan = Plan.objects.filter(year=today.year).first()
    if plan is None:
        items.append(
            work.WorkItem(
                title=f"{today.year}년 인권보장 및 증진 세부추진계획 수립 (3월)",
                url=reverse("humanrights:plans"),
                kind_label="인권",
                due_at=_end_of(dt.date(today.year, 3, 31)),
                assigned_to_me=True,
            )
        )
    elif plan.evaluated_on is None and today.month == 12:
        items.append(
            work.WorkItem(
                title=f"{today.year}년 인권보장 및 증진 세부사업 종합평가 (12월)",
                url=reverse("humanrights:plan_evaluate", args=[today.year]),
                kind_label="인권",
                due_at=_end_of(dt.date(today.year, 12, 31)),
                assigned_to_me=True,
            )
        )
    return items


def department_work(user, now):
    """A drafting department's desk: every 개정 권고 waiting for its answer."""
    from gamsa.humanrights.models import Draft, Status

    units = perms.department_units(user)
    if not units:
        return []
    rows = Draft.objects.filter(department_id__in=units, status=Status.RECOMMENDED).order_by("assessed_on")[
        :50
    ]
    return [
        work.WorkItem(
            title=f"인권영향평가 개정 권고 회신 — {d.title}",
            url=reverse("humanrights:assessment", args=[d.case_number]),
            kind_label="인권",
            status_label=f"개정 권고 {d.assessed_on:%Y. %-m. %-d.}",
            assigned_to_me=True,
            reference=d.case_number,
        )
        for d in rows
    ]


work.register_provider(team_work)
work.register_provider(department_work)


def _demo():
    from gamsa.humanrights.demo import load

    load()


core_demo.DEMO_HOOKS.append(_demo)
