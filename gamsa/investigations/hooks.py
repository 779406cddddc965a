"""How investigations plug into core: the menu, 내 업무 (징계시효 per allegation), evidence downloads, demo data."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from gamsa.core import demo as core_demo
from gamsa.core import nav, office, seeds, verbs, work
from gamsa.core.calendar import END_OF_DAY, SEOUL
from gamsa.hotline import keys
from gamsa.investigations import permissions as perms
from gamsa.investigations.seeds import seed_allegation_types

verbs.register(
    {
        "investigation.received": "조사 사건 접수",
        "investigation.subjects_added": "대상자 추가",
        "investigation.assigned": "조사관 배정",
        "investigation.unassigned": "조사관 배정 해제",
        "investigation.started": "조사 개시",
        "investigation.statement_added": "진술 기록",
        "investigation.evidence_added": "증거 파일 등록",
        "investigation.diary_added": "조사 일지 기록",
        "investigation.block_recorded": "감사원 조사·수사 통보 기록",
        "investigation.unit_notice_start": "소속 기관에 조사 개시 통보",
        "investigation.unit_notice_end": "소속 기관에 조사 종료 통보",
        "investigation.reported": "조사 결과 보고",
        "investigation.action_decided": "조치 결정",
        "investigation.discipline_requested": "징계의결 요구",
        "investigation.decision_recorded": "징계의결 결과 기록",
        "investigation.disposed": "징계 처분",
        "investigation.closed": "사건 종결",
        "investigation.keys_granted": "사건 기록 열쇠 전달",
    }
)
nav.register("investigation", "조사 사건", "investigations:list", perms.can_use_desk, order=10)
nav.register("investigation", "조사 통계", "investigations:stats", perms.can_use_desk, order=20)
# The allegation types come back after a flush (a 청렴톡 conversion and the intake form choose from them).
seeds.register_reference_seed(
    "investigations.AllegationType",
    lambda apps, _editor: seed_allegation_types(apps.get_model("investigations.AllegationType")),
)
# Investigators, the team leader and the office head hold a staff key for the sealed case files (casefile.py).
keys.register_key_holder(perms.can_use_desk)


def limitation_work(user, now):
    """Every 징계시효 of the open cases the user may open, red under 60 days (titles carry no names)."""
    from gamsa.investigations.models import Allegation, Case, Status
    from gamsa.investigations.services import NEAR_DAYS

    if not perms.can_use_desk(user):
        return []
    cases = perms.visible_cases(user, Case.objects.exclude(status=Status.CLOSED)).order_by("nearest_expiry")[
        :50
    ]
    ids = list(cases.values_list("pk", flat=True))
    mine = (
        set(
            Case.objects.filter(
                pk__in=ids, assignments__investigator=user, assignments__ended_on__isnull=True
            ).values_list("pk", flat=True)
        )
        if perms.is_investigator(user)
        else set(ids)
    )
    today = now.astimezone(SEOUL).date()
    items = []
    rows = (
        Allegation.objects.filter(subject__case_id__in=ids)
        .select_related("subject__case", "allegation_type")
        .order_by("expires_on")
    )
    for i, a in enumerate(rows):
        case = a.subject.case
        left = (a.expires_on - today).days
        items.append(
            work.WorkItem(
                title=f"징계시효 — {a.allegation_type.label} (행위일 {a.act_date:%Y. %-m. %-d.})",
                url=reverse("investigations:detail", args=[case.case_number]),
                kind_label="조사",
                due_at=dt.datetime.combine(a.expires_on, END_OF_DAY, SEOUL),
                status_label=f"{case.get_status_display()} · {left}일 남음"
                if left >= 0
                else case.get_status_display(),
                assigned_to_me=case.pk in mine,
                reference=case.case_number,
                urgent=left < NEAR_DAYS,
            )
        )
        if i >= 100:
            break
    return items


work.register_provider(limitation_work)


def _demo():
    from gamsa.investigations.demo import load

    load()


core_demo.DEMO_HOOKS.append(_demo)


def office_lines(now):
    """The head's glance at misconduct cases: open cases, 징계시효 already past or within seven days, this month's
    intake; counts only, nothing of a sealed case file (core/office.py)."""
    from django.db.models import Count, Q

    from gamsa.investigations.models import Case

    today = now.astimezone(SEOUL).date()
    open_q = ~Q(status="closed")
    n = Case.objects.aggregate(
        open=Count("pk", filter=open_q),
        overdue=Count("pk", filter=open_q & Q(nearest_expiry__lt=today)),
        intake=Count("pk", filter=Q(received_on__gte=office.month_start(now).date())),
        soon=Count(
            "pk",
            filter=open_q
            & Q(
                nearest_expiry__gte=today, nearest_expiry__lt=today + dt.timedelta(days=office.DUE_SOON_DAYS)
            ),
        ),
    )
    url = reverse("investigations:list")
    yield office.Line(
        team="investigation",
        label="비위 조사 (징계시효)",
        open=office.Figure(n["open"], url),
        overdue=office.Figure(n["overdue"], f"{url}?sort=limit", alert=True),
        intake=office.Figure(n["intake"], f"{url}?sort=-received"),
        on_time=office.Figure(None),
        due_soon=office.Figure(n["soon"], f"{url}?sort=limit"),
    )


office.register(office_lines)
