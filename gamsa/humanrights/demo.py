"""Demo records shaped like the seed's 2025 figures (Ⅱ-2 인권): the 2025 plan (March) and its December evaluation;
education 직원 2회 153명, 주민 3회 68명, 찾아가는 교육 6개소 126명, 현장 탐방 4회 70명; 제6기 인권위원회; 제7기
구민인권지킴이단 22명 (one of them the `monitor` login) with their training, monitoring and campaigns (10~12월);
41 draft ordinances assessed with 9 revision recommendations; and 2026: the plan, sessions, assessments (two being
assessed, one 건설과 answer pending) and the October contest with its winners. People are invented.

Idempotent: each part is skipped once its records exist (`gamsa demo` twice changes nothing).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from gamsa.core import calendar as legal
from gamsa.core.demo import DEMO_PASSWORD
from gamsa.core.models import OrgUnit, Role, UnitKind, User
from gamsa.humanrights.assessments import services as assessments
from gamsa.humanrights.committee import services as committee
from gamsa.humanrights.contest import services as contest
from gamsa.humanrights.education import services as education
from gamsa.humanrights.models import (
    ActivityKind,
    AgendaKind,
    AnswerResult,
    Audience,
    Cohort,
    Contest,
    Decision,
    Draft,
    MemberKind,
    MemberPosition,
    Metric,
    Plan,
    Recommendation,
    Response,
    Session,
    Term,
)
from gamsa.humanrights.monitors import services as monitors
from gamsa.humanrights.plan import services as plans
from gamsa.humanrights.seeds import seed_all

D = dt.date.fromisoformat
SURNAMES = "김이박최정강조윤장임한오서신권황안송류홍전고문양손배백허"
GIVEN = ["지현", "성민", "혜진", "동현", "미경", "준호", "수정", "영수", "은정", "상훈", "유진", "태윤", "나연", "정우",
         "소희", "민재", "가은", "현석", "보람", "재원", "하린", "승우", "다솔", "기범"]  # fmt: skip


def _name(i: int) -> str:
    return SURNAMES[(i * 5) % len(SURNAMES)] + GIVEN[(i * 7) % len(GIVEN)]


def _lead() -> User | None:
    return (
        User.objects.filter(
            memberships__role=Role.TEAM_LEADER, memberships__unit__office_team="investigation"
        )
        .order_by("pk")
        .first()
    )


def load() -> None:
    from django.apps import apps

    seed_all(apps)
    lead = _lead()
    if lead is None:
        return
    _plans(lead)
    _education(lead)
    _committee(lead)
    _monitors(lead)
    _assessments(lead)
    _contest(lead)
    _evaluate_2025(lead)  # last: it counts the records above


# --- plan -------------------------------------------------------------------------------------------------------

MEASURES = [
    ("인권감수성 향상 교육", "전 직원 인권교육", 2, "회", Metric.EDU_STAFF_SESSIONS),
    ("인권감수성 향상 교육", "전 직원 인권교육 참여", 150, "명", Metric.EDU_STAFF_PEOPLE),
    ("인권감수성 향상 교육", "주민 인권역량강화 프로그램", 3, "회", Metric.EDU_RESIDENT_SESSIONS),
    ("인권감수성 향상 교육", "찾아가는 인권교육", 6, "개소", Metric.EDU_VISITING_SITES),
    ("인권감수성 향상 교육", "인권현장 탐방 프로그램", 4, "회", Metric.EDU_TOUR_SESSIONS),
    ("인권문화 확산", "인권문화 카드뉴스 게시", 6, "회", Metric.MANUAL),
    ("인권문화 확산", "복지업무 담당 공무원 점자 명함 제작", 100, "명", Metric.MANUAL),
    ("지역사회 자원 활용·연계", "인권위원회 운영", 2, "회", Metric.COMMITTEE_MEETINGS),
    ("지역사회 자원 활용·연계", "구민인권지킴이단 위촉", 20, "명", Metric.MONITOR_MEMBERS),
    ("자치법규 인권영향평가", "자치법규 제·개정안 사전 인권영향평가", 40, "건", Metric.ASSESSMENTS),
]
MANUAL_RESULTS = {"인권문화 카드뉴스 게시": 8, "복지업무 담당 공무원 점자 명함 제작": 112}


def _plans(lead: User) -> None:
    if not Plan.objects.filter(year=2025).exists():
        plan = plans.create_plan(
            lead, year=2025, title="2025년 인권보장 및 증진 세부추진계획", established_on=D("2025-03-14"),
            basis="제2기 영등포구 인권보장 및 증진 기본계획",
            summary="인권 친화적 행정환경 조성, 인권정책·교육 프로그램 시행, 인권 거버넌스 확대",
        )  # fmt: skip
        for area, title, target, unit, metric in MEASURES:
            plans.add_measure(lead, plan, area=area, title=title, target=target, unit=unit, metric=metric)
    if not Plan.objects.filter(year=2026).exists():
        plan = plans.create_plan(
            lead, year=2026, title="2026년 인권보장 및 증진 세부추진계획", established_on=D("2026-03-13"),
            basis="제3기 영등포구 인권보장 및 증진 기본계획",
            summary="인권감수성 향상 교육(5~11월), 주민 참여형 인권 공모전(10월), 인권위원회·구민인권지킴이단 운영",
        )  # fmt: skip
        for area, title, target, unit, metric in MEASURES:
            plans.add_measure(lead, plan, area=area, title=title, target=target, unit=unit, metric=metric)
        plans.add_measure(lead, plan, area="인권문화 확산", title="주민 참여형 인권 공모전", target=15, unit="점",
                          metric=Metric.CONTEST_ENTRIES)  # fmt: skip


def _evaluate_2025(lead: User) -> None:
    from gamsa.humanrights.stats import metric_value

    plan = Plan.objects.get(year=2025)
    if plan.evaluated_on:
        return
    results = {}
    for m in plan.measures.all():
        value = metric_value(m.metric, 2025)
        value = MANUAL_RESULTS.get(m.title, m.target) if value is None else value
        results[str(m.public_id)] = (value, "목표 달성" if value >= m.target else "하반기 일정 조정으로 미달")
    plans.evaluate_plan(lead, plan, evaluated_on=D("2025-12-19"), results=results,
                        summary="교육·위원회·인권영향평가 모두 계획대로 추진. 2026년 주민 참여형 공모전 신설.")  # fmt: skip


# --- education --------------------------------------------------------------------------------------------------

SESSIONS_2025 = [
    (Audience.STAFF, "전 직원 인권교육 (상반기)", "2025-05-21", 80, "구청 별관 대강당", ""),
    (Audience.STAFF, "전 직원 인권교육 (하반기)", "2025-09-17", 73, "구청 별관 대강당", ""),
    (Audience.RESIDENT, "주민 인권역량강화 프로그램 1회차", "2025-06-12", 25, "영등포아트홀 세미나실", ""),
    (Audience.RESIDENT, "주민 인권역량강화 프로그램 2회차", "2025-06-19", 22, "영등포아트홀 세미나실", ""),
    (Audience.RESIDENT, "주민 인권역량강화 프로그램 3회차", "2025-06-26", 21, "영등포아트홀 세미나실", ""),
    (Audience.VISITING, "찾아가는 인권교육", "2025-04-23", 20, "", "당산 어르신복지관"),
    (Audience.VISITING, "찾아가는 인권교육", "2025-05-14", 22, "", "영등포 장애인종합복지관"),
    (Audience.VISITING, "찾아가는 인권교육", "2025-06-04", 18, "", "신길 지역아동센터"),
    (Audience.VISITING, "찾아가는 인권교육", "2025-07-09", 24, "", "대림 다문화가족지원센터"),
    (Audience.VISITING, "찾아가는 인권교육", "2025-08-20", 21, "", "문래 청소년수련관"),
    (Audience.VISITING, "찾아가는 인권교육", "2025-09-03", 21, "", "여의도 공공도서관"),
    (Audience.TOUR, "인권현장 탐방 (남영동 민주인권기념관)", "2025-05-08", 18, "민주인권기념관", ""),
    (Audience.TOUR, "인권현장 탐방 (서대문형무소역사관)", "2025-06-05", 17, "서대문형무소역사관", ""),
    (Audience.TOUR, "인권현장 탐방 (전태일기념관)", "2025-09-25", 16, "전태일기념관", ""),
    (Audience.TOUR, "인권현장 탐방 (국립4·19민주묘지)", "2025-10-16", 19, "국립4·19민주묘지", ""),
]
SESSIONS_2026 = [
    (Audience.STAFF, "전 직원 인권감수성 향상 교육", "2026-05-20", 84, "구청 별관 대강당", ""),
    (Audience.STAFF, "관리자 인권 리더십 교육", "2026-09-16", 41, "구청 기획상황실", ""),
    (Audience.RESIDENT, "주민 인권역량강화 프로그램", "2026-11-19", 12, "영등포구청 인권교육장", ""),
    (Audience.VISITING, "찾아가는 인권교육", "2026-10-14", 23, "", "양평 노인요양원"),
    (Audience.VISITING, "찾아가는 인권교육", "2026-10-28", 19, "", "도림 장애인주간보호센터"),
    (Audience.TOUR, "인권현장 탐방 (민주인권기념관)", "2026-06-11", 20, "민주인권기념관", ""),
]


def _education(lead: User) -> None:
    if Session.objects.filter(year=2025).exists():
        return
    for audience, title, held_on, headcount, place, institution in SESSIONS_2025 + SESSIONS_2026:
        education.record_session(lead, audience=audience, title=title, held_on=D(held_on), headcount=headcount,
                                 place=place, institution=institution, instructor="서울시 인권강사단")  # fmt: skip
    listed = Session.objects.get(year=2026, audience=Audience.RESIDENT)
    raw = "\n".join(
        f"{_name(40 + i)}, {'영등포동 신길동 대림동 문래동'.split()[i % 4]} 주민, 010-5{i:03d}-{1200 + i}"
        for i in range(12)
    )
    education.add_participants(lead, listed, raw=raw, consented=True)


# --- committee --------------------------------------------------------------------------------------------------

MEMBERS = [
    ("위원장", MemberPosition.CHAIR, MemberKind.APPOINTED, "대학교 법학과 교수"),
    ("부위원장", MemberPosition.VICE_CHAIR, MemberKind.APPOINTED, "인권단체 활동가"),
    ("", MemberPosition.MEMBER, MemberKind.EX_OFFICIO, "영등포구 행정국장"),
    ("", MemberPosition.MEMBER, MemberKind.APPOINTED, "변호사"),
    ("", MemberPosition.MEMBER, MemberKind.APPOINTED, "장애인단체 대표"),
    ("", MemberPosition.MEMBER, MemberKind.APPOINTED, "사회복지사"),
    ("", MemberPosition.MEMBER, MemberKind.APPOINTED, "이주민지원센터 상담원"),
    ("", MemberPosition.MEMBER, MemberKind.APPOINTED, "구의원"),
    ("", MemberPosition.MEMBER, MemberKind.APPOINTED, "청소년단체 활동가"),
    ("", MemberPosition.MEMBER, MemberKind.APPOINTED, "주민 (공개 모집)"),
    ("", MemberPosition.MEMBER, MemberKind.APPOINTED, "주민 (공개 모집)"),
]


def _committee(lead: User) -> None:
    if Term.objects.filter(number=6).exists():
        return
    term = committee.create_term(lead, number=6, starts_on=D("2024-07-01"), ends_on=D("2026-06-30"))
    members = [
        committee.appoint_member(
            lead,
            term,
            name=_name(100 + i),
            affiliation=aff,
            position=pos,
            kind=kind,
            phone=f"010-7{i:03d}-{3300 + i}",
        )  # fmt: skip
        for i, (_, pos, kind, aff) in enumerate(MEMBERS)
    ]
    meetings = [
        (
            "2025-03-06",
            "2025년 인권보장 및 증진 세부추진계획(안) 심의",
            AgendaKind.DELIBERATION,
            Decision.ADOPTED,
        ),
        ("2025-11-20", "2025년 인권정책 추진사항 점검 보고", AgendaKind.REPORT, Decision.NOTED),
        (
            "2026-03-05",
            "2026년 인권보장 및 증진 세부추진계획(안) 심의",
            AgendaKind.DELIBERATION,
            Decision.AMENDED,
        ),
    ]
    for held_on, title, kind, decision in meetings:
        meeting = committee.schedule_meeting(lead, term, held_on=D(held_on), place="구청 기획상황실")
        agenda = committee.add_agenda(lead, meeting, title=title, kind=kind)
        committee.decide_agenda(lead, agenda, decision=decision,
                                decision_text="공모전 분야에 인권 표어·수기를 더하여 의결" if decision == Decision.AMENDED else "")  # fmt: skip
        committee.record_minutes(lead, meeting, attendees=members[: 8 + len(held_on) % 3],
                                 minutes=f"간사가 '{title}'을(를) 설명하고 위원들이 질의·토론함.\n위원장이 결과를 선포함.",
                                 recorded_on=D(held_on) + dt.timedelta(days=2))  # fmt: skip
    term7 = committee.create_term(lead, number=7, starts_on=D("2026-07-01"), ends_on=D("2028-06-30"))
    for i, (_, pos, kind, aff) in enumerate(MEMBERS):
        committee.appoint_member(lead, term7, name=_name(130 + i), affiliation=aff, position=pos, kind=kind)
    meeting = committee.schedule_meeting(lead, term7, held_on=D("2026-09-10"), place="구청 기획상황실")
    committee.add_agenda(lead, meeting, title="제7기 인권위원회 운영 방향 보고", kind=AgendaKind.REPORT)


# --- resident rights monitors -----------------------------------------------------------------------------------

ACTIVITIES = [
    (ActivityKind.MONITORING, "2025-10-08", "영등포역 지하상가", "장애인 이동 편의시설 점검", None),
    (ActivityKind.MONITORING, "2025-10-15", "신길 어린이공원", "어린이 놀이시설 안전·접근성 점검", None),
    (ActivityKind.CAMPAIGN, "2025-10-22", "타임스퀘어 앞 광장", "세계인권선언 기념 인권 캠페인", 240),
    (ActivityKind.MONITORING, "2025-10-29", "대림동 주민센터", "외국인 주민 민원 안내 실태", None),
    (ActivityKind.MONITORING, "2025-11-05", "문래동 경로당", "어르신 시설 인권 모니터링", None),
    (ActivityKind.CAMPAIGN, "2025-11-12", "영등포시장 사거리", "차별 없는 영등포 캠페인", 180),
    (ActivityKind.MONITORING, "2025-11-19", "여의도 한강공원", "공공화장실 성별·장애 접근성", None),
    (ActivityKind.MONITORING, "2025-11-26", "양평동 버스정류장", "교통약자 정류장 시설 점검", None),
    (ActivityKind.CAMPAIGN, "2025-12-10", "구청 광장", "세계인권의 날 캠페인", 310),
    (ActivityKind.MONITORING, "2025-12-03", "도림천 산책로", "보행 약자 안전 점검", None),
    (ActivityKind.MONITORING, "2026-05-13", "당산역 환승통로", "엘리베이터·점자블록 점검", None),
    (ActivityKind.CAMPAIGN, "2026-10-21", "영등포역 광장", "인권 공모전 홍보 캠페인", 150),
    (ActivityKind.MONITORING, "2026-11-25", "신길 지역아동센터 주변", "아동 통학로 안전 점검", None),
]


def _monitors(lead: User) -> None:
    if Cohort.objects.filter(number=7).exists():
        return
    cohort = monitors.create_cohort(lead, number=7, starts_on=D("2025-04-01"), ends_on=D("2026-12-31"))
    dongs = list(OrgUnit.objects.filter(kind=UnitKind.DONG).order_by("sort_order"))
    appointed = []
    for i in range(22):
        team = f"{i % 4 + 1}조"
        username = "monitor" if i == 0 else f"hrmon{i:02d}"
        appointed.append(
            monitors.appoint_monitor(
                None, cohort, username=username, full_name="이인권" if i == 0 else _name(200 + i),
                phone=f"010-8{i:03d}-{4400 + i}", password=DEMO_PASSWORD if i == 0 else None, team=team,
                dong=dongs[i % len(dongs)] if dongs else None, appointed_on=D("2025-04-01"),
            )
        )  # fmt: skip
    monitors.record_training(lead, cohort, title="제7기 구민인권지킴이단 위촉식 및 인권 기본교육",
                             held_on=D("2025-04-18"), hours=3, place="구청 기획상황실", attendees=appointed)  # fmt: skip
    monitors.record_training(lead, cohort, title="인권현장 모니터링 실무교육", held_on=D("2025-09-24"), hours=2,
                             place="구청 인권교육장", attendees=appointed[:19])  # fmt: skip
    for i, (kind, held_on, place, title, reached) in enumerate(ACTIVITIES):
        member = User.objects.get(
            pk=appointed[i % 8].user_id
        )  # fresh: the role and profile caches start empty
        activity = monitors.file_activity(member, kind=kind, held_on=D(held_on), place=place, title=title,
                                          content=f"{place}에서 {title}을(를) 했습니다. 개선이 필요한 점을 사진과 함께 정리했습니다.",
                                          reached=reached)  # fmt: skip
        if held_on < "2026-11-01":
            monitors.check_activity(
                lead, activity, note="부서에 개선 의견 전달", on=D(held_on) + dt.timedelta(days=7)
            )


# --- impact assessments -----------------------------------------------------------------------------------------

TOPICS = ["주차장 설치 및 관리", "공유재산 관리", "청소년 시설 운영", "노인복지관 운영", "도로 점용료 징수",
          "장애인 편의증진", "생활체육 진흥", "공공도서관 운영", "자원봉사활동 지원", "재난 예방",
          "마을공동체 지원", "어린이집 운영", "문화예술 진흥", "보건소 수수료", "청년 기본",
          "소상공인 지원", "옥외광고물 관리", "가로수 조성", "건축 조례", "공동주택 관리"]  # fmt: skip


def _at(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(10), legal.SEOUL)


def _drafts(
    lead: User, year: int, count: int, revise: set[int], start: str, *, keep_open=(), answer_skip=()
) -> None:
    cal = legal.get_calendar()
    units = list(OrgUnit.objects.filter(kind=UnitKind.DEPARTMENT, is_audit_office=False).order_by("path"))
    construction = OrgUnit.objects.filter(name="건설과").first()
    day = cal.next_working_day(D(start), include_self=True)
    latest = cal.previous_working_day(legal.now().date())
    recent = [
        cal.previous_working_day(cal.previous_working_day(latest)),
        latest,
    ]  # still within their 10 days
    for i in range(count):
        unit = construction if (i in answer_skip and construction) else units[(i * 7 + year) % len(units)]
        topic = TOPICS[(i + year) % len(TOPICS)]
        kind = "enact" if i % 9 == 4 else "amend"
        title = f"서울특별시 영등포구 {topic} 조례 {'제정조례안' if kind == 'enact' else '일부개정조례안'}"
        received = recent[keep_open.index(i) % 2] if i in keep_open else day
        draft = assessments.submit_draft(
            lead, title=title, kind=kind, department=unit, received_at=_at(received),
            summary=f"{topic}에 관한 사항을 정비하려는 것임.\n주요 내용: 대상·절차·위원회 구성 등을 정함.",
        )  # fmt: skip
        if i not in keep_open:
            items = list(assessments.checklist_in_force(day).items.all())
            concern = i in revise
            answers = {
                it.pk: (AnswerResult.CONCERN, "위원회 구성에 성별 균형 규정이 없음")
                if concern and it.order == 8
                else (AnswerResult.FITS if it.order % 3 else AnswerResult.NOT_APPLICABLE, "")
                for it in items
            }
            assessments.assess(
                lead, draft, answers=answers,
                recommendation=Recommendation.REVISE if concern else Recommendation.AGREE,
                recommendation_text="위원회 위촉직 위원의 특정 성별이 10분의 6을 넘지 않도록 하는 조항을 신설할 것을 권고함."
                if concern else "",
                assessed_on=cal.add_working_days(day, 5),
            )  # fmt: skip
            if concern and i not in answer_skip:
                response = [Response.ACCEPTED] * 6 + [Response.PARTLY, Response.PARTLY, Response.DECLINED]
                chosen = response[sorted(revise).index(i) % len(response)]
                assessments.respond(lead, draft, response=chosen, responded_on=cal.add_working_days(day, 9),
                                    response_text="" if chosen == Response.ACCEPTED else "상위 법령과의 관계를 검토하여 다음 개정 때 반영하겠음.")  # fmt: skip
        day = cal.add_working_days(day, 5)


def _assessments(lead: User) -> None:
    if Draft.objects.filter(year=2025).exists():
        return
    # 2025: 41 assessed, 9 revision recommendations, every one answered (received every 5 working days from 6 Jan).
    _drafts(lead, 2025, 41, {2, 7, 11, 16, 20, 25, 29, 33, 38}, "2025-01-06")
    # 2026: 36 received, two in the last working days still being assessed, 7 recommendations, 건설과's answer pending.
    _drafts(lead, 2026, 36, {3, 8, 14, 19, 24, 28, 31}, "2026-01-05", keep_open=(34, 35), answer_skip=(31,))


# --- contest ----------------------------------------------------------------------------------------------------

ENTRIES = [("우리 동네 인권 지도", "video"), ("다름을 존중하는 하루", "card_news"), ("모두의 버스정류장", "poster"),
           ("차별 없는 영등포", "slogan"), ("휠체어로 본 골목", "video"), ("엄마 나라 말", "card_news"),
           ("어르신의 목소리", "poster"), ("함께 걷는 길", "slogan"), ("일터의 존엄", "video"),
           ("아이의 권리, 어른의 약속", "card_news"), ("점자 명함 이야기", "poster"), ("인권은 가까이에", "slogan"),
           ("공원 벤치의 높이", "video"), ("모두를 위한 화장실", "card_news"), ("다문화 밥상", "poster"),
           ("우리가 지킨 약속", "slogan"), ("계단 대신 경사로", "video"), ("당신의 이름을 불러요", "card_news")]  # fmt: skip


def _contest(lead: User) -> None:
    if Contest.objects.filter(year=2026).exists():
        return
    c = contest.create_contest(lead, year=2026, title="2026 영등포 주민 참여형 인권 공모전", opens_on=D("2026-09-01"),
                               closes_on=D("2026-10-16"), theme="일상 속 인권, 함께 만드는 인권도시 영등포")  # fmt: skip
    criteria = [contest.add_criterion(lead, c, name=n, max_score=s)
                for n, s in (("주제 적합성", 30), ("창의성", 30), ("완성도", 20), ("전달력", 20))]  # fmt: skip
    for label, count in (("대상", 1), ("최우수상", 1), ("우수상", 2), ("장려상", 3)):
        contest.add_prize(lead, c, label=label, count=count)
    jurors = [contest.add_juror(lead, c, name=_name(300 + i), affiliation=a)
              for i, a in enumerate(("인권위원회 위원", "영상 제작자", "디자인학과 교수"))]  # fmt: skip
    for i, (title, category) in enumerate(ENTRIES):
        entry = contest.register_entry(lead, c, title=title, category=category, entrant_name=_name(400 + i),
                                       entrant_phone=f"010-9{i:03d}-{5500 + i}",
                                       submitted_on=D("2026-09-01") + dt.timedelta(days=(i * 5) % 45))  # fmt: skip
        for j, juror in enumerate(jurors):
            scores = {cr.pk: Decimal(cr.max_score) * Decimal(55 + (i * 13 + j * 7 + cr.order * 5) % 45) / 100
                      for cr in criteria}  # fmt: skip
            contest.record_scores(lead, entry, juror=juror, scores=scores)
    contest.announce_winners(lead, c, on=D("2026-10-30"))
