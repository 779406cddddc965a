"""Demo data shaped like the seed's 2025 integrity figures (Ⅱ-2): 1,602 of 1,704 staff signed the pledge (94%),
about 1,100 self-learning completions a month, 67 managers at the 갑질 training and the 청렴리더 결의대회, 287 at
the 청렴콘서트, 60 at the 골든벨, 4,475 letters, the May self-assessment of the managers, monitoring of
corruption-prone areas, December awards, a status meeting; the 2025 budget 66,932천원 (57,265 spent) and the 2026
priority project's 102,946천원. Idempotent: each part is made only when it is missing.

The district's ~1,700 officials are staff accounts without a password (they sign in through the district's login
in production); the demo logins keep theirs and are left unsigned for this year so that 내 업무 shows the reminder."""

from __future__ import annotations

import datetime as dt
import random

from django.db import transaction

from gamsa.core import services as core
from gamsa.core.calendar import SEOUL
from gamsa.core.models import OrgUnit, UnitKind, User, UserKind

TOTAL_STAFF = 1704
SIGNED_2025 = 1602
SURNAMES = "김이박최정강조윤장임한오서신권황안송류홍전고문양손배백허유남심노하곽성차주우구민"
GIVEN = "민서도지하은유준시수예채건소현다우선연진영태재승희경미정혜성원규동호"
D = dt.date.fromisoformat


def _name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN)


def _at(day: dt.date, hour: int = 10) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, 0), SEOUL)


def _programme_user() -> User:
    return User.objects.get(username="leader")


def _staff(rng: random.Random) -> None:
    """Staff accounts until the district has 1,704: a 과장 (grade 5) per department and 동, a 국장 (grade 4) per
    실·국, the rest grades 6–9 spread over the units."""
    have = User.objects.filter(kind=UserKind.STAFF).count()
    if have >= TOTAL_STAFF:
        return
    units = list(
        OrgUnit.objects.filter(kind__in=[UnitKind.DEPARTMENT, UnitKind.DONG], is_audit_office=False).order_by(
            "path"
        )
    )
    bureaus = list(
        OrgUnit.objects.filter(kind=UnitKind.BUREAU, depth=1).exclude(code="dongs").order_by("path")
    )
    plan: list[tuple[OrgUnit, str, str]] = []
    for bureau in bureaus:
        plan.append((bureau, "4", "국장"))
    for unit in units:
        if not User.objects.filter(unit=unit, grade="5").exists():
            plan.append((unit, "5", "동장" if unit.kind == UnitKind.DONG else "과장"))
    rest = TOTAL_STAFF - have - len(plan)
    for i in range(rest):
        unit = units[i % len(units)]
        grade = rng.choices(["6", "7", "8", "9"], weights=[2, 4, 4, 3])[0]
        plan.append((unit, grade, "팀장" if grade == "6" and rng.random() < 0.3 else "주무관"))
    for i, (unit, grade, position) in enumerate(plan, start=1):
        core.create_person(
            None,
            username=f"staff{i:04d}",
            kind=UserKind.STAFF,
            full_name=_name(rng),
            employee_number=f"3182{i:04d}",
            grade=grade,
            position=position,
            job_series="행정",
            unit=unit,
        )


DEMO_LOGINS = (
    "head",
    "leader",
    "auditor",
    "investigator",
    "complaints",
    "patrol",
    "liaison",
    "teamlead",
    "depthead",
    "admin",
)


def _pledges(rng: random.Random) -> None:
    from gamsa.integrity.pledges import services as svc
    from gamsa.integrity.pledges.models import PledgeSignature, PledgeText

    leader = _programme_user()
    body = (
        "나는 영등포구 공직자로서 구민에게 신뢰받는 청렴한 공직문화를 만들기 위하여 다음 사항을 성실히 지킬 것을 서약합니다.\n\n"
        "1. 직무와 관련하여 금품·향응·편의를 주거나 받지 않겠습니다.\n"
        "2. 부정청탁을 하거나 받지 않으며, 청탁을 받으면 거절하고 신고하겠습니다.\n"
        "3. 직위를 이용한 갑질과 부당한 지시를 하지 않겠습니다.\n"
        "4. 예산을 목적에 맞게 아껴 쓰고, 공정하고 투명하게 업무를 처리하겠습니다.\n"
        "5. 이해충돌이 생기면 미리 신고하고 회피하겠습니다."
    )
    for year, signed in ((2025, SIGNED_2025), (2026, 1585)):
        if not PledgeText.objects.filter(year=year).exists():
            svc.publish_text(
                leader,
                year=year,
                title=f"{year}년 청렴서약서",
                body=body,
                effective_from=D(f"{year}-01-02"),
                sign_by=D(f"{year}-02-27"),
            )
        if PledgeSignature.objects.filter(year=year).exists():
            continue
        staff = list(User.objects.filter(kind=UserKind.STAFF, is_active=True).order_by("pk"))
        if year == 2026:
            staff = [u for u in staff if u.username not in DEMO_LOGINS]
        chosen = rng.sample(staff, min(signed, len(staff)))
        for user in chosen:
            day = D(f"{year}-01-05") + dt.timedelta(days=rng.randrange(0, 50))
            svc.sign(user, now=_at(day, rng.randrange(9, 18)))


def _training(rng: random.Random) -> dict:
    from gamsa.integrity.training import services as svc
    from gamsa.integrity.training.models import Completion, Course, Session, StaffStage

    leader = _programme_user()
    staff = list(
        User.objects.filter(kind=UserKind.STAFF, is_active=True).exclude(employee_number="").order_by("pk")
    )
    # 간부진 67명: every manager (5급 이상) and, to make up the number, the first 6급 팀장s
    managers = [u for u in staff if u.grade in ("4", "5")]
    managers += [u for u in staff if u.grade == "6" and u.position == "팀장"][: max(0, 67 - len(managers))]
    juniors = [u for u in staff if u.grade in ("8", "9")]
    middles = [u for u in staff if u.grade in ("6", "7")]
    new = rng.sample(juniors, min(150, len(juniors)))
    promoted = rng.sample(middles, min(160, len(middles)))
    if not StaffStage.objects.filter(year=2025).exists():
        svc.set_stage(leader, year=2025, stage="new", numbers=[u.employee_number for u in new])
        svc.set_stage(leader, year=2025, stage="promoted", numbers=[u.employee_number for u in promoted])
    courses = {c.name: c for c in Course.objects.all()}
    self_learning = courses["청렴 자가학습"]
    if not Completion.objects.filter(course=self_learning, completed_on__year=2025).exists():
        rows = []
        for month in range(1, 10):
            for user in rng.sample(staff, 1100 + rng.randrange(-40, 41)):
                rows.append(
                    {
                        "user": user,
                        "course": self_learning,
                        "completed_on": D(f"2025-{month:02d}-01") + dt.timedelta(days=rng.randrange(0, 27)),
                    }
                )
        svc.import_completions(leader, rows)
    sessions = {}
    for course, title, day, people in (
        ("갑질 예방교육", "간부공무원 갑질 예방교육", "2025-04-15", managers),
        ("청렴콘서트", "2025 청렴콘서트 (강연과 공연)", "2025-09-18", None),
        ("신규·승진자 청렴교육", "상반기 신규·승진자 청렴교육", "2025-06-12", None),
    ):
        session = Session.objects.filter(course=courses[course], held_on=D(day)).first()
        if session is None:
            session = svc.create_session(
                leader, course=courses[course], title=title, held_on=D(day), place="구청 별관 대강당"
            )
            if people is None:
                pool = new + promoted
                people = rng.sample(pool, 287) if course == "청렴콘서트" else rng.sample(pool, 180)
            svc.add_participants(leader, session, [u.employee_number for u in people])
        sessions[course] = session
    return {"managers": managers, "concert": sessions["청렴콘서트"]}


def _events(rng: random.Random, trained: dict) -> None:
    from gamsa.integrity.events import services as svc
    from gamsa.integrity.events.models import AwardRound, IntegrityEvent
    from gamsa.integrity.training.models import Completion

    leader = _programme_user()
    if not IntegrityEvent.objects.filter(held_on__year=2025).exists():
        resolution = svc.create_event(
            leader,
            kind="resolution",
            title="청렴리더 결의대회",
            held_on=D("2025-04-15"),
            place="구청 기획상황실",
        )
        svc.add_participants(
            leader, resolution, staff_lines="\n".join(u.employee_number for u in trained["managers"])
        )
        concert = svc.create_event(
            leader,
            kind="concert",
            title="2025 청렴콘서트",
            held_on=D("2025-09-18"),
            place="구청 별관 대강당",
            description="강연과 공연을 접목한 청렴콘서트 (신규·승진자 등)",
        )
        numbers = Completion.objects.filter(session=trained["concert"]).values_list(
            "employee_number", flat=True
        )
        svc.add_participants(leader, concert, staff_lines="\n".join(numbers))
        bell = svc.create_event(
            leader,
            kind="golden_bell",
            title="함께하는 어울림 청렴골든벨",
            held_on=D("2025-10-22"),
            place="영등포아트홀",
            description="구청·교육청 직원과 학생이 함께하는 청렴 퀴즈",
        )
        staff = list(User.objects.filter(kind=UserKind.STAFF, grade__in=["7", "8", "9"]).order_by("pk")[:400])
        svc.add_participants(
            leader,
            bell,
            staff_lines="\n".join(
                f"{u.employee_number}, {rng.randrange(40, 100)}" for u in rng.sample(staff, 24)
            ),
        )
        svc.add_participants(
            leader,
            bell,
            other_kind="partner",
            other_lines="\n".join(
                f"{_name(rng)}, 서울특별시남부교육지원청, {rng.randrange(40, 100)}" for _ in range(8)
            ),
        )
        svc.add_participants(
            leader,
            bell,
            other_kind="student",
            other_lines="\n".join(
                f"{_name(rng)}, {rng.choice(['영등포고등학교', '여의도중학교', '당산중학교'])}, {rng.randrange(40, 100)}"
                + (", 골든벨 최후의 1인" if i == 0 else "")
                for i in range(28)
            ),
        )
    if not IntegrityEvent.objects.filter(kind="cluster").exists():
        svc.create_event(
            leader,
            kind="cluster",
            title="민·관 청렴클러스터 워크숍",
            held_on=D("2026-06-24"),
            place="구청 기획상황실",
            description="영등포구 공공기관·시민단체 합동 청렴 실천 다짐",
            other_count=34,
        )
    if not AwardRound.objects.filter(year=2025).exists():
        dept = svc.open_round(leader, year=2025, kind="department", judged_on=D("2025-12-05"), winners=3)
        candidates = list(
            OrgUnit.objects.filter(kind=UnitKind.DEPARTMENT, is_audit_office=False).order_by("path")
        )
        criteria = svc.criteria_for("department", dept.judged_on)
        for unit in rng.sample(candidates, 6):
            nominee = svc.nominate(leader, dept, unit=unit, reason="청렴 시책 참여와 취약분야 개선 실적")
            svc.score(
                leader,
                nominee,
                {c.pk: str(round(float(c.max_points) * rng.uniform(0.6, 1.0), 1)) for c in criteria},
            )
        svc.decide(leader, dept)
        official = svc.open_round(leader, year=2025, kind="cheongbaek", judged_on=D("2025-12-05"), winners=1)
        criteria = svc.criteria_for("cheongbaek", official.judged_on)
        for user in rng.sample(list(User.objects.filter(kind=UserKind.STAFF, grade="6")[:200]), 3):
            nominee = svc.nominate(
                leader, official, user=user, reason="30년 재직 동안 청렴하고 성실한 직무 수행"
            )
            svc.score(
                leader,
                nominee,
                {c.pk: str(round(float(c.max_points) * rng.uniform(0.7, 1.0), 1)) for c in criteria},
            )
        svc.decide(leader, official)


def _letters(rng: random.Random) -> None:
    from gamsa.integrity.letters import services as svc
    from gamsa.integrity.letters.models import Batch, LetterTemplate
    from gamsa.integrity.letters.recipients import Row

    leader = _programme_user()
    if LetterTemplate.objects.count() < 2:
        first = LetterTemplate.objects.order_by("version").first()
        fields = {f: getattr(first, f) for f in svc.TEMPLATE_FIELDS if f != "effective_from"}
        svc.publish_template(leader, **{**fields, "head_name": "최영등", "effective_from": D("2025-01-02")})
    if Batch.objects.exists():
        return
    kinds = [
        ("건축 인허가", "건축과"),
        ("영업 신고", "위생과"),
        ("공사 준공검사", "도로과"),
        ("보조금 정산", "사회복지과"),
        ("옥외광고물 허가", "도시계획과"),
        ("주택 인허가", "주택과"),
    ]
    months = [(m, 497) for m in range(1, 9)] + [(9, 4475 - 497 * 8)]
    for month, count in months:
        rows = []
        for i in range(count):
            business, unit = rng.choice(kinds)
            rows.append(
                Row(
                    line=i + 2,
                    name=_name(rng),
                    address=f"서울특별시 영등포구 {rng.choice(['당산로', '도림로', '신길로', '여의대로'])} {rng.randrange(1, 300)}",
                    postal_code=f"07{rng.randrange(200, 450):03d}",
                    business_type=business,
                    handling_unit=unit,
                    handled_on=D(f"2025-{month:02d}-01") - dt.timedelta(days=rng.randrange(1, 25)),
                    email=f"resident{month}{i}@example.com" if rng.random() < 0.15 else "",
                )
            )
        svc.create_batch(
            leader,
            rows,
            source_name=f"2025년 {month}월 부패취약업무 처리 민원인.xlsx",
            now=_at(D(f"2025-{month:02d}-05")),
        )
    rows = [
        Row(
            line=i + 2,
            name=_name(rng),
            address="서울특별시 영등포구 당산로 123",
            postal_code="07260",
            business_type="건축 인허가",
            handling_unit="건축과",
            handled_on=D("2026-11-20"),
            email=f"resident2026-{i}@example.com" if i % 2 else "",
        )
        for i in range(20)
    ]
    svc.create_batch(
        leader, rows, source_name="2026년 11월 부패취약업무 처리 민원인.xlsx", now=_at(D("2026-12-01"))
    )


def _survey(rng: random.Random) -> None:
    from gamsa.integrity.survey import services as svc
    from gamsa.integrity.survey.models import Questionnaire

    leader = _programme_user()
    bias = {"계약": 1.0, "인허가": 0.8, "지도·단속": 0.4, "예산·회계": 0.2, "인사": -0.1, "조직문화": 0.3}
    for year, shift in ((2025, 0.0), (2026, -0.3)):
        if Questionnaire.objects.filter(year=year).exists():
            continue
        q = svc.create_questionnaire(
            leader,
            year=year,
            title=f"{year}년 간부 부패위험성 진단평가",
            opens_on=D(f"{year}-05-07"),
            closes_on=D(f"{year}-05-23"),
            questions=svc.default_questions(),
        )
        svc.open_questionnaire(leader, q)
        questions = list(q.questions.select_related("area"))
        for invitation in list(q.invitations.select_related("user", "user__unit"))[:-6]:
            values = {}
            for item in questions:
                risk = 2 + bias.get(item.area.name, 0) + shift + rng.gauss(0, 0.8)
                risk = max(0, min(4, round(risk)))
                values[item.pk] = (5 - risk) if item.reverse else (risk + 1)
            svc.submit(invitation.user, q, values)
        svc.close_questionnaire(leader, q)


def _monitoring(rng: random.Random) -> None:
    from gamsa.integrity.monitoring import routing
    from gamsa.integrity.monitoring import services as svc
    from gamsa.integrity.monitoring.models import MonitoringRound, VulnerableArea

    if MonitoringRound.objects.exists():
        return
    leader = _programme_user()
    plans = [
        (
            "인허가",
            "건축 인허가 처리 실태 모니터링",
            "2025-03-10",
            [
                ("처리기한을 넘긴 인허가 3건의 지연 사유 미기재", "건축과"),
                ("보완 요구를 반복한 민원 처리 절차 개선 필요", "건축과"),
            ],
        ),
        (
            "공사·용역 계약",
            "수의계약 업체 편중 모니터링",
            "2025-06-02",
            [
                ("같은 업체와 1인 견적 수의계약 5회 반복", "도로과"),
            ],
        ),
        (
            "보조금",
            "민간 보조금 정산 모니터링",
            "2025-09-08",
            [
                ("보조사업 정산 증빙 누락 2건", "사회복지과"),
                ("정산 검사 결과 통보 지연", "문화체육과"),
            ],
        ),
    ]
    for area_name, title, day, findings in plans:
        area = VulnerableArea.objects.get(name=area_name)
        monitoring = svc.create_round(
            leader,
            area=area,
            title=title,
            starts_on=D(day),
            ends_on=D(day) + dt.timedelta(days=14),
            method="처리 서류 표본 점검과 민원인 전화 설문",
        )
        for i, (text, unit_name) in enumerate(findings):
            unit = OrgUnit.objects.get(name=unit_name)
            link = svc.add_finding(
                leader,
                monitoring,
                title=text,
                description=text,
                unit=unit,
                requested_action="원인 파악과 재발 방지 대책 제출",
                due_date=D(day) + dt.timedelta(days=40),
            )
            if i == 0:
                answerer = User.objects.filter(unit=unit, grade="5").first() or leader
                routing.answer_finding(
                    answerer,
                    link.finding,
                    answer="처리 지연 사유를 보완하고 부서 자체 점검표를 만들었습니다.",
                )
                svc.close(leader, link, note="조치 확인")
        svc.record_summary(
            leader, monitoring, summary=f"{title}: 지적 {len(findings)}건을 부서에 통보했습니다."
        )


def _meetings_and_news() -> None:
    from gamsa.core.board.cards import publish_card
    from gamsa.core.board.models import Post
    from gamsa.integrity.cardnews.services import PROGRAMME
    from gamsa.integrity.meetings import services as svc
    from gamsa.integrity.meetings.models import StatusMeeting
    from gamsa.integrity.overview.models import ProgrammeYear

    leader = _programme_user()
    if not StatusMeeting.objects.exists():
        meeting = svc.create_meeting(
            leader,
            held_on=D("2025-06-20"),
            title="2025년 상반기 반부패 추진상황 보고회",
            place="구청 기획상황실",
            chair="부구청장",
            attendees="실·국장, 주요 부서장, 감사담당관",
        )
        for title, unit_name, summary, decision in (
            (
                "청렴 시책 추진상황",
                "감사담당관",
                "청렴서약 94%, 자가학습 월 평균 1,100명 수료",
                "하반기 청렴콘서트 확대",
            ),
            (
                "부패취약분야 인허가 개선",
                "건축과",
                "처리기한 관리와 보완 요구 절차 개선",
                "처리지연 사유 기재 의무화",
            ),
            ("수의계약 편중 해소", "재산관리과", "1인 견적 수의계약 현황 점검", "업체 순환 원칙 수립"),
        ):
            svc.add_item(
                leader,
                meeting,
                title=title,
                unit=OrgUnit.objects.filter(name=unit_name).first(),
                summary=summary,
                decision=decision,
            )
        svc.record_minutes(
            leader, meeting, minutes="부서별 반부패 추진상황을 보고받고 하반기 중점 과제를 정했다."
        )
    if not ProgrammeYear.objects.exists():
        ProgrammeYear.objects.create(year=2025, budget=66932, spent=57265, note="구비")
        ProgrammeYear.objects.create(
            year=2026, budget=102946, spent=0, note="2026년 신규·중점 추진사업 (구비)"
        )
    if not Post.objects.filter(category="integrity").exists():
        publish_card(
            leader,
            PROGRAMME,
            title="명절 선물, 주지도 받지도 않아요",
            subheading="2026 설 명절 청렴 캠페인",
            message="직무 관련자에게서 받는 선물은 금액과 관계없이 청탁금지법 위반이 될 수 있습니다.\n받은 선물은 바로 돌려주고 청렴톡이나 감사담당관에 알려 주세요.",
            actions="선물 안 주고 안 받기\n부정청탁은 거절하고 신고하기\n갑질 없는 상호존중 실천",
        )


@transaction.atomic
def load() -> None:
    rng = random.Random(2025)
    _staff(rng)
    _pledges(rng)
    trained = _training(rng)
    _events(rng, trained)
    _letters(rng)
    _survey(rng)
    _monitoring(rng)
    _meetings_and_news()
