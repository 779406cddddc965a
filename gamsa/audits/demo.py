"""Demo audits shaped like the seed report's 2025 work (재무·성과·특정·복무·종합), carried into a 2026 plan.

Idempotent: nothing is created when the 2026 plan already exists (the citizen-auditor account is checked apart).
"""

from __future__ import annotations

import datetime as dt

from gamsa.audits.models import AuditPlan, CitizenAuditor, EngagementType, MemberKind
from gamsa.audits.services import citizen as citizen_svc
from gamsa.audits.services import findings as fsvc
from gamsa.audits.services import plans as svc
from gamsa.core.calendar import SEOUL
from gamsa.core.demo import DEMO_PASSWORD
from gamsa.core.models import OrgUnit, User, UserKind
from gamsa.core.services import create_person

T = EngagementType

CHECKLIST_HOLIDAY = [
    ("근무기강", "근무시간 중 무단 이석·사적 용무 여부"),
    ("근무기강", "당직·비상근무 편성 및 실제 근무 여부"),
    ("청렴", "직무 관련자로부터 선물·향응 수수 여부 (청탁금지법)"),
    ("예산", "업무추진비 집행 시 휴일·심야 사용 여부"),
    ("안전", "다중이용시설 안전점검 이행 여부"),
]


def _unit(name: str) -> OrgUnit:
    return OrgUnit.objects.get(name=name)


def _day(y, m, d) -> dt.date:
    return dt.date(y, m, d)


def _moment(y, m, d, h=10) -> dt.datetime:
    return dt.datetime(y, m, d, h, tzinfo=SEOUL)


def _citizen_auditor(leader) -> CitizenAuditor:
    user = User.objects.filter(username="citizenauditor").first()
    if user is None:
        user = create_person(
            None,
            username="citizenauditor",
            password=DEMO_PASSWORD,
            kind=UserKind.VOLUNTEER,
            full_name="정하윤",
            volunteer_programme="citizen_auditor",
            phone="010-0000-0003",
        )
    auditor = CitizenAuditor.objects.filter(user=user).first()
    if auditor is None:
        auditor = citizen_svc.appoint(
            leader,
            user=user,
            unit=OrgUnit.objects.get(code="audit-audit"),
            cohort=8,
            field="expert",
            specialty="토목",
            term_start=_day(2025, 1, 1),
            term_end=_day(2026, 12, 31),
        )
    return auditor


def _run(leader, engagement, *, notify, start=True, end=None, result_at=None, publish_on=None, summary=""):
    svc.notify_engagement(leader, engagement, notified_on=notify)
    if start:
        svc.start_fieldwork(leader, engagement)
    if end:
        svc.finish_fieldwork(leader, engagement, ended_on=end)
    if result_at:
        svc.notify_result(leader, engagement, notified_at=result_at)
    if publish_on:
        svc.publish(leader, engagement, summary=summary, published_on=publish_on)


def load_demo_audits() -> None:
    leader = User.objects.get(username="leader")
    auditor_user = User.objects.get(username="auditor")
    citizen = _citizen_auditor(leader)
    if AuditPlan.objects.filter(year=2026).exists():
        return
    construction = _unit("건설과")

    plan25 = svc.create_plan(
        leader,
        year=2025,
        title="2025년 자체감사계획",
        adopted_on=_day(2025, 1, 20),
        policy="기본과 원칙에 따른 충실한 자체감사: 10건. 사전예방·제도개선 중심.",
    )
    holiday25 = svc.create_engagement(
        leader,
        plan=plan25,
        targets=[construction, _unit("총무과")],
        title="설 명절 대비 공직기강 확립 특별점검",
        purpose="명절 전후 공직기강 해이 예방",
        type=T.DISCIPLINE,
        theme="holiday",
        scope="근무기강·청렴·예산",
        start_date=_day(2025, 1, 20),
        end_date=_day(2025, 1, 24),
        headcount=4,
    )
    for area, text in CHECKLIST_HOLIDAY:
        svc.add_checklist_item(leader, holiday25, area=area, text=text)
    _run(
        leader,
        holiday25,
        notify=_day(2025, 1, 10),
        end=_day(2025, 1, 24),
        result_at=_moment(2025, 2, 3),
        publish_on=_day(2025, 2, 10),
        summary="설 명절 공직기강 특별점검 결과 지적사항이 없었습니다.",
    )
    svc.close(leader, holiday25)

    plan = svc.create_plan(
        leader,
        year=2026,
        title="2026년 자체감사계획",
        adopted_on=_day(2026, 1, 22),
        policy="종합·특정·재무감사로 감사 사각지대 해소, 구민감사관 현장점검 참여 강화, 취약 시기 공직기강 특별점검.",
    )
    # 재무감사: 일상경비 및 청백-e 운영실태 — result notified in August; 건설과's 시정 is overdue (demo).
    finance = svc.create_engagement(
        leader,
        plan=plan,
        targets=[construction, _unit("재산관리과")],
        title="일상경비 및 청백-e 시스템 운영실태",
        purpose="일상경비 집행의 적정성과 청백-e 경보 처리실태 점검",
        type=T.FINANCIAL,
        scope="2025. 1. 1. ~ 2026. 5. 31. 일상경비 집행 및 청백-e 경보 처리",
        start_date=_day(2026, 6, 15),
        end_date=_day(2026, 6, 26),
        headcount=4,
    )
    svc.add_member(leader, finance, user=leader, kind=MemberKind.OFFICE, is_lead=True, duty="총괄")
    svc.add_member(leader, finance, user=auditor_user, kind=MemberKind.OFFICE, duty="일상경비")
    _run(leader, finance, notify=_day(2026, 6, 5), end=_day(2026, 6, 26), result_at=_moment(2026, 8, 3))
    fsvc.record_finding(
        leader,
        finance,
        title="일상경비 분할 집행으로 계약 절차 회피",
        condition="건설과는 도로 보수 자재 구입비를 3회로 나누어 일상경비로 집행하여 계약 절차를 거치지 않았음. "
        "담당 주무관 김민준이 집행하였음.",
        criteria="지방자치단체 회계관리에 관한 훈령",
        unit=construction,
        responsible_person="김민준",
        is_key=True,
        disposition={
            "kind": "correction",
            "target_unit": construction,
            "demand": "부당 집행액 회수 및 재발 방지",
            "amount_recover": 1_250_000,
            "amount_reduce": 0,
        },
    )
    fsvc.record_finding(
        leader,
        finance,
        title="청백-e 경보 처리 지연",
        condition="청백-e 경보 12건을 30일 넘게 처리하지 않음.",
        unit=_unit("재산관리과"),
        disposition={
            "kind": "caution",
            "target_unit": _unit("재산관리과"),
            "demand": "경보 처리 철저",
            "amount_recover": 0,
            "amount_reduce": 0,
        },
    )
    # 성과감사: 채용실태 감사 집행전말 — published.
    hiring = svc.create_engagement(
        leader,
        plan=plan,
        targets=[_unit("총무과")],
        title="채용실태 감사 집행전말",
        type=T.PERFORMANCE,
        purpose="이전 채용실태 감사 처분요구의 이행 확인",
        scope="2024~2025 채용 처분요구 이행",
        start_date=_day(2026, 3, 16),
        end_date=_day(2026, 3, 20),
        headcount=3,
    )
    fsvc_hiring_end = _day(2026, 3, 20)
    _run(leader, hiring, notify=_day(2026, 3, 6), end=fsvc_hiring_end)
    fsvc.record_finding(
        leader,
        hiring,
        title="기간제 채용 공고기간 미준수",
        condition="기간제근로자 채용 공고를 법정 기간보다 짧게 게시함.",
        unit=_unit("총무과"),
        disposition={
            "kind": "improvement",
            "target_unit": _unit("총무과"),
            "demand": "채용 공고 절차 개선",
            "amount_recover": 0,
            "amount_reduce": 0,
        },
    )
    svc.notify_result(leader, hiring, notified_at=_moment(2026, 4, 20))
    svc.publish(
        leader,
        hiring,
        summary="채용 공고기간 미준수 1건에 개선을 요구했습니다.",
        published_on=_day(2026, 5, 4),
    )
    # 특정감사: 국공립어린이집 운영 실태 — results being processed.
    daycare = svc.create_engagement(
        leader,
        plan=plan,
        targets=[_unit("아동청소년과")],
        title="국공립어린이집 운영 실태",
        type=T.SPECIAL,
        purpose="보조금 집행 및 운영 적정성",
        scope="국공립어린이집 보조금·운영위원회",
        start_date=_day(2026, 9, 7),
        end_date=_day(2026, 9, 18),
        headcount=4,
    )
    _run(leader, daycare, notify=_day(2026, 8, 27), end=_day(2026, 9, 18))
    fsvc.record_finding(
        leader,
        daycare,
        title="보조금 목적 외 사용",
        condition="보조금 일부를 운영비로 전용함.",
        unit=_unit("아동청소년과"),
        disposition={
            "kind": "restitution",
            "target_unit": _unit("아동청소년과"),
            "demand": "목적 외 사용액 반환",
            "amount_recover": 3_400_000,
            "amount_reduce": 0,
        },
    )
    # 종합감사: 보건소 — fieldwork.
    health = svc.create_engagement(
        leader,
        plan=plan,
        targets=[_unit("보건행정과"), _unit("위생과")],
        title="보건소 종합감사",
        type=T.COMPREHENSIVE,
        purpose="보건소 업무 전반 점검",
        scope="2023. 1. 1. 이후 업무 전반",
        start_date=_day(2026, 11, 16),
        end_date=_day(2026, 12, 4),
        headcount=6,
    )
    svc.add_member(leader, health, user=citizen.user, kind=MemberKind.CITIZEN, duty="시설 안전 분야")
    _run(leader, health, notify=_day(2026, 11, 6))
    # 종합감사: 대림1·2·3동 — planned; 복무감사: 연말연시 특별점검 — planned with last year's checklist.
    dongs = [OrgUnit.objects.get(short_name=n) for n in ("대림1동", "대림2동", "대림3동")]
    svc.create_engagement(
        leader,
        plan=plan,
        targets=dongs,
        title="동주민센터 종합감사 (대림1·2·3동)",
        type=T.COMPREHENSIVE,
        purpose="동 행정 전반 점검",
        scope="동 주민센터 업무 전반",
        start_date=_day(2026, 12, 7),
        end_date=_day(2026, 12, 18),
        headcount=5,
    )
    year_end = svc.create_engagement(
        leader,
        plan=plan,
        targets=[construction, _unit("총무과")],
        title="연말연시 대비 공직기강 확립 특별점검",
        type=T.DISCIPLINE,
        theme="year_end",
        purpose="연말연시 공직기강 해이 예방",
        scope="근무기강·청렴·예산",
        start_date=_day(2026, 12, 21),
        end_date=_day(2026, 12, 31),
        headcount=4,
    )
    svc.copy_checklist(leader, holiday25, year_end)
    # Citizen auditors' site checks of public works (관급공사 부조리 예방).
    citizen_svc.assign(
        leader,
        citizen,
        site="신길로 보도 정비공사 현장",
        scheduled_on=_day(2026, 11, 30),
        unit=construction,
        instructions="안전시설, 자재 반입, 하도급 대금 체불 여부",
    )
    citizen_svc.assign(
        leader, citizen, site="보건소 시설 안전 점검", scheduled_on=_day(2026, 11, 20), engagement=health
    )
