"""Demo data in the shape of the 2025 yearly report: a roster built from the organisation data (designated units,
district staff, proposals the officer confirmed), 392 reviews over 2025, 69 고지거부 applications in 2025, the
committee's 7 members and its 2 meetings (May, December), retirees under 취업제한. People are fictional.

Idempotent: nothing is added once a declarant exists. Everything goes through the services, in date order, so the
clocks, events and agendas are what the screens would have made.
"""

from __future__ import annotations

import datetime as dt
import random

from gamsa.core import services as core
from gamsa.core.calendar import now
from gamsa.core.models import OrgUnit, User, UserKind
from gamsa.ethics.committee import services as committee
from gamsa.ethics.committee.models import Decision, MeetingKind, Seat
from gamsa.ethics.refusals import services as refusals
from gamsa.ethics.refusals.models import RefusalTrigger, Relation
from gamsa.ethics.registration import reviews
from gamsa.ethics.registration import services as roster
from gamsa.ethics.registration.models import (
    Declarant,
    DeclarantStatus,
    Field,
    FilingKind,
    ProposalKind,
    Trigger,
)
from gamsa.ethics.registration.review_models import Conclusion, Measure, RequestKind

D = dt.date
DESIGNATED = {
    "감사담당관": Field.AUDIT,
    "총무과": Field.ACCOUNTING,
    "재산관리과": Field.ACCOUNTING,
    "세무1과": Field.TAX,
    "세무2과": Field.TAX,
    "건축과": Field.PERMITS,
    "주택과": Field.PERMITS,
    "환경과": Field.PERMITS,
    "위생과": Field.PERMITS,
    "건설과": Field.PERMITS,
    "도로과": Field.PERMITS,
    "부동산정보과": Field.REAL_ESTATE,
    "도시계획과": Field.REAL_ESTATE,
    "도시재생과": Field.REAL_ESTATE,
}
SURNAMES = "김이박최정강조윤장임한오서신권황안송류홍전고문양손배백허유남심노하곽성차주우구민진나지엄"
GIVEN = "민서도지하은시수예유준채건소현다우선연주재태영경동혜성아진라희원율온결솔빈"
REVIEWS_2025 = 392


def _name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN)


def _staff(rng: random.Random) -> None:
    """District staff of the designated units and the 4급 heads (no login: unusable passwords)."""
    number = 0

    def person(unit, grade, position):
        nonlocal number
        number += 1
        core.create_person(
            None,
            username=f"ydp{number:04d}",
            kind=UserKind.STAFF,
            full_name=_name(rng),
            employee_number=f"3186{number:04d}",
            grade=grade,
            position=position,
            job_series="행정",
            unit=unit,
        )

    for bureau in OrgUnit.objects.filter(kind="bureau", parent__isnull=False).exclude(code="dongs"):
        person(bureau, "4", f"{bureau.name[:-1]}장" if bureau.name.endswith("국") else "소장")
    for name, field in DESIGNATED.items():
        unit = OrgUnit.objects.filter(name=name).first()
        if unit is None or name == "감사담당관":
            continue
        if name != "건설과":  # the demo's 건설과 already has its 과장 and a 팀장
            person(unit, "5", f"{name}장")
        for _ in range(4):
            person(unit, "6", "팀장")
        for _ in range(26 if field != Field.REAL_ESTATE else 18):
            person(unit, "7", "주무관")
        if field == Field.REAL_ESTATE:  # 부동산유관부서: 5급 이하 with no 7급 floor
            for _ in range(6):
                person(unit, rng.choice(["8", "9"]), "주무관")


def _roster(officer, rng: random.Random) -> list[Declarant]:
    for name, field in DESIGNATED.items():
        unit = OrgUnit.objects.filter(name=name).first()
        if unit is not None:
            roster.designate_unit(
                officer, unit=unit, field=field, effective_from=D(2019, 1, 1), basis="구 지정 (예시)"
            )
    _staff(rng)
    roster.propose_roster_changes(officer, on=D(2024, 12, 2))
    from gamsa.ethics.registration.models import ProposalStatus, RosterProposal

    proposals = list(
        RosterProposal.objects.filter(status=ProposalStatus.PENDING, kind=ProposalKind.ADD).order_by("id")
    )
    for p in proposals[:-5]:  # the last five stay for the officer to confirm on the demo
        became = D(2016, 1, 1) + dt.timedelta(days=rng.randrange(8 * 365))
        trigger = rng.choice([Trigger.APPOINTED, Trigger.TRANSFERRED, Trigger.TRANSFERRED, Trigger.PROMOTED])
        declarant = roster.confirm_addition(officer, p, became_on=became, trigger=trigger)
        initial = declarant.filings.get(kind=FilingKind.INITIAL)
        roster.record_filed(
            officer, initial, filed_on=initial.due_on - dt.timedelta(days=rng.randrange(3, 25))
        )
    return list(Declarant.objects.filter(status=DeclarantStatus.ACTIVE).order_by("id"))


def _retirements(officer, declarants: list[Declarant], today: dt.date) -> None:
    """Retirees: one whose 취업제한 ends within two months (a reminder on 내 업무), one with a pending check."""
    from gamsa.ethics.restrictions import services as restrictions
    from gamsa.ethics.restrictions.models import CheckKind

    soon = D(today.year - 3, today.month, 1) + dt.timedelta(days=40)
    days = [D(2023, 6, 30), D(2024, 2, 29), D(2024, 12, 31), D(2025, 6, 30), soon]
    for declarant, left_on in zip(declarants[-5:], days, strict=True):  # `declarants`: nine kept apart
        roster.leave(officer, declarant, left_on=left_on, retired=True)
        filing = declarant.filings.get(kind=FilingKind.RETIREMENT)
        if filing.due_on < today:
            roster.record_filed(officer, filing, filed_on=filing.due_on - dt.timedelta(days=5))
        restriction = declarant.restriction
        restrictions.record_guidance(officer, restriction, on=left_on - dt.timedelta(days=14))
    retiree = declarants[-2].restriction  # retired 2025-06-30
    restrictions.receive_check(
        officer,
        retiree,
        kind=CheckKind.CONFIRMATION,
        employer="(주)한강건설 (예시)",
        position="고문",
        planned_start_on=today + dt.timedelta(days=45),
        applied_on=today - dt.timedelta(days=2),
    )
    for declarant in declarants[-9:-6]:
        roster.defer(officer, declarant, reason="육아휴직", from_on=D(2025, 9, 1))


def _review(officer, rng, filing, started: dt.date, *, referred: bool, ask: bool):
    review = reviews.start_review(officer, filing, on=started)
    if ask or referred:
        kind = (
            RequestKind.EXPLANATION
            if referred
            else rng.choice(
                [RequestKind.SUPPLEMENT, RequestKind.SUPPLEMENT, RequestKind.MATERIALS, RequestKind.QUESTION]
            )
        )
        request = reviews.issue_request(
            officer,
            review,
            kind=kind,
            issued_on=started + dt.timedelta(days=3),
            content="누락 재산 보완 (예시)",
        )
        reviews.add_amount(
            officer,
            review,
            item=rng.choice(["예금", "토지", "건물(아파트)", "채무", "증권"]),
            owner=rng.choice(["self", "spouse", "descendant"]),
            registered=rng.randrange(10, 900) * 1_000_000,
            verified=rng.randrange(10, 900) * 1_000_000,
        )
        reviews.record_answer(
            officer, request, answered_on=request.due_on - dt.timedelta(days=rng.randrange(6))
        )
    if referred:
        opinion = "중대한 과실로 재산을 빠뜨려 신고함 (예시)"
        return reviews.conclude(officer, review, conclusion=Conclusion.REFERRED, on=started + dt.timedelta(days=40),
                                opinion=opinion)  # fmt: skip
    corrected = review.requests.exists()
    return reviews.conclude(
        officer,
        review,
        conclusion=Conclusion.CORRECTED if corrected else Conclusion.NO_ISSUE,
        on=started + dt.timedelta(days=30 if corrected else 12),
        opinion="보완 신고로 해소" if corrected else "이상 없음",
    )


def _regular_filings(officer, rng, year: int, today: dt.date) -> list:
    """The regular filings of `year` (trigger 31 December), recorded as filed when their due day has passed."""
    from gamsa.ethics.registration.models import Filing

    roster.open_regular_filings(officer, year=year)
    filings = list(
        Filing.objects.filter(kind=FilingKind.REGULAR, year=year).select_related("declarant").order_by("id")
    )
    for filing in filings:
        if filing.due_on < today:
            filed_on = D(year + 1, 1, 20) + dt.timedelta(days=rng.randrange(35))
            roster.record_filed(officer, filing, filed_on=min(filed_on, filing.due_on))
    return [f for f in filings if not f.declarant.reviewed_by_seoul]


def _member(officer, today):
    member_user = User.objects.filter(username="ethicsmember").first()
    seats = [
        ("정윤호", Seat.CHAIR, "변호사", None),
        ("김서진", Seat.OUTSIDE, "대학교수(행정학)", member_user),
        ("박지훈", Seat.OUTSIDE, "세무사", None),
        ("이하린", Seat.OUTSIDE, "공인회계사", None),
        ("최민아", Seat.OUTSIDE, "시민단체 활동가", None),
        ("한정수", Seat.INSIDE, "부구청장", None),
        ("오세영", Seat.INSIDE, "행정국장", None),
    ]
    for name, seat, affiliation, user in seats:
        committee.appoint_member(officer, name=name, seat=seat, affiliation=affiliation, started_on=D(2024, 7, 1),
                                 user=user)  # fmt: skip


def _application(officer, declarant, rng, *, applied_on, trigger=RefusalTrigger.REGULAR, trigger_on=None):
    return refusals.receive_application(
        officer,
        declarant,
        relation=rng.choice([Relation.FATHER, Relation.MOTHER, Relation.SON, Relation.DAUGHTER]),
        relative_name=_name(rng),
        relative_birth_year=rng.randrange(1940, 2000),
        separate_household=True,
        occupation=rng.choice(["회사원", "자영업", "연금 생활", "의사"]),
        annual_income=rng.randrange(30, 120) * 1_000_000,
        assets=rng.randrange(50, 900) * 1_000_000,
        reason="독립 생계 유지 (예시)",
        trigger=trigger,
        trigger_on=trigger_on or applied_on,
        applied_on=applied_on,
    )


def _meeting(officer, held_on, *, decisions, minutes, extra_item=""):
    meeting = committee.schedule_meeting(
        officer, kind=MeetingKind.REGULAR, held_on=held_on, place="구청 기획상황실"
    )
    committee.build_agenda(officer, meeting)
    if extra_item:
        committee.add_item(officer, meeting, title=extra_item, proposal="퇴직 예정자 안내 카드뉴스 배포")
    for item in meeting.items.order_by("number"):
        if item.review_id:
            measures, fine = decisions.pop(0)
            committee.decide_item(officer, item, decision=Decision.APPROVED, on=held_on, measures=measures,
                                  fine_amount=fine, text_="원안대로 의결")  # fmt: skip
        elif item.refusal_id:
            committee.decide_item(officer, item, decision=Decision.APPROVED, on=held_on, granted=True,
                                  text_="독립 생계 인정")  # fmt: skip
        else:
            committee.decide_item(officer, item, decision=Decision.APPROVED, on=held_on, text_="보고 접수")
    committee.record_minutes(officer, meeting, minutes=minutes)
    return meeting


def _close_decided(officer, on: dt.date) -> None:
    from gamsa.ethics.registration.review_models import Review, ReviewStatus

    for review in Review.objects.filter(status=ReviewStatus.DECIDED):
        reviews.close_review(officer, review, on=on)


def load() -> int:
    if Declarant.objects.exists():
        return 0
    officer = User.objects.get(username="ethics")
    rng = random.Random(2025)
    today = now().date()
    declarants = _roster(officer, rng)
    _member(officer, today)
    pool = [d for d in declarants if not d.reviewed_by_seoul][:-9]  # the last nine retire or defer below
    rng.shuffle(pool)
    # Permissions granted in 2022 fall due for re-examination in 2025; those of three years ago, this year.
    old = []
    for i, declarant in enumerate(pool[:14]):
        x = _application(officer, declarant, rng, applied_on=D(2022, 1, 10) + dt.timedelta(days=i))
        old.append(refusals.decide(officer, x, granted=True, on=x.applied_on + dt.timedelta(days=6)))
    recent = []
    if today.year - 3 not in (2022, 2025):
        for i, declarant in enumerate(pool[14:22]):
            x = _application(
                officer, declarant, rng, applied_on=D(today.year - 3, 1, 12) + dt.timedelta(days=i)
            )
            recent.append(refusals.decide(officer, x, granted=True, on=x.applied_on + dt.timedelta(days=7)))
    # 2025 (69 applications): 49 new and 10 re-examinations decided in writing within 10 days ...
    for i, declarant in enumerate(pool[22:71]):
        x = _application(officer, declarant, rng, applied_on=D(2025, 1, 6) + dt.timedelta(days=i % 25))
        refusals.decide(
            officer, x, granted=i % 10 != 4, on=x.applied_on + dt.timedelta(days=rng.randrange(3, 10))
        )
    for i, permission in enumerate(old[:10]):
        x = refusals.receive_application(
            officer, permission.declarant, relation=permission.relation, relative_name="", trigger="regular",
            trigger_on=D(2025, 1, 1), applied_on=D(2025, 2, 3) + dt.timedelta(days=i), renews=permission,
        )  # fmt: skip
        refusals.decide(officer, x, granted=i != 3, on=x.applied_on + dt.timedelta(days=8))
    # ... and 392 reviews of the 2024 regular filings, 8 of them referred to the committee.
    filings = _regular_filings(officer, rng, 2024, today)[:REVIEWS_2025]
    referred_at = {5, 20, 35, 50, 150, 250, 300, 370}  # four before the May meeting, four before December
    starts = [D(2025, 3, 4) + dt.timedelta(days=(i * 240) // len(filings)) for i in range(len(filings))]
    cut = sum(1 for day in starts if day <= D(2025, 4, 10))
    for i in range(cut):
        _review(officer, rng, filings[i], starts[i], referred=i in referred_at, ask=i % 8 == 3)
    # May: 3 new applications and 4 re-examinations with the referred reviews on the agenda.
    for declarant in pool[71:74]:
        _application(officer, declarant, rng, applied_on=D(2025, 5, 14), trigger=RefusalTrigger.INITIAL,
                     trigger_on=D(2025, 4, 21))  # fmt: skip
    for i, permission in enumerate(old[10:14]):
        refusals.receive_application(
            officer, permission.declarant, relation=permission.relation, relative_name="", trigger="regular",
            trigger_on=D(2025, 1, 1), applied_on=D(2025, 3, 20) + dt.timedelta(days=i), renews=permission,
        )  # fmt: skip
    first = [([Measure.WARNING], None), ([Measure.WARNING, Measure.FINE], 1_000_000)] * 2
    _meeting(
        officer, D(2025, 5, 22), decisions=first, minutes="심사 결과 조치와 고지거부 신청을 의결함. (예시)"
    )
    _close_decided(officer, D(2025, 6, 5))
    for i in range(cut, len(filings)):
        _review(officer, rng, filings[i], starts[i], referred=i in referred_at, ask=i % 8 == 3 or i % 45 == 7)
    for declarant in pool[74:77]:
        _application(officer, declarant, rng, applied_on=D(2025, 12, 2), trigger=RefusalTrigger.TRANSFER,
                     trigger_on=D(2025, 11, 10))  # fmt: skip
    second = [
        ([Measure.WARNING, Measure.FINE, Measure.PUBLICATION], 3_000_000),
        ([Measure.DISMISSAL], None),
        ([Measure.WARNING], None),
        ([Measure.WARNING], None),
        ([Measure.WARNING], None),
    ]
    _meeting(officer, D(2025, 12, 11), decisions=second, minutes="연말 정기회의. 취업제한 안내 보고. (예시)",
             extra_item="퇴직공직자 취업제한 제도 안내 (카드뉴스)")  # fmt: skip
    _close_decided(officer, D(2025, 12, 24))
    # This year: the 2025 regular filings and a few reviews under way, two of them waiting for answers.
    current = [f for f in _regular_filings(officer, rng, 2025, today) if f.filed_on][:8]
    for i, filing in enumerate(current):
        started = max(filing.filed_on, today - dt.timedelta(days=20 - i))
        review = reviews.start_review(officer, filing, on=started)
        if i < 2:
            reviews.issue_request(officer, review, kind=RequestKind.SUPPLEMENT, issued_on=started,
                                  received_on=started + dt.timedelta(days=2), content="금융재산 누락분 보완")  # fmt: skip
    # This year's re-examinations of the permissions of three years ago: six applied for, two not (yet).
    for i, permission in enumerate(recent[:6]):
        applied_on = min(D(today.year, 1, 12) + dt.timedelta(days=i), today)
        if applied_on.year == today.year:
            x = refusals.receive_application(
                officer, permission.declarant, relation=permission.relation, relative_name="", trigger="regular",
                trigger_on=D(today.year, 1, 1), applied_on=applied_on, renews=permission,
            )  # fmt: skip
            if i and applied_on + dt.timedelta(days=40) < today:  # one still waits for the committee
                refusals.decide(officer, x, granted=True, on=applied_on + dt.timedelta(days=40))
    _retirements(officer, declarants[-9:], today)
    return Declarant.objects.count()
