"""적극행정: selection rounds with committee scores, 사전컨설팅, 면책 and the quarterly 면책 report."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.utils import timezone

from gamsa.core.calendar import SEOUL, LegalCalendar, get_calendar
from gamsa.core.services import next_case_number, record_event
from gamsa.reviews.proactive.models import (
    DEFAULT_CRITERIA,
    CommitteeMember,
    ExemptionCase,
    Nomination,
    PreConsulting,
    QuarterlyExemptionReport,
    Score,
    SelectionRound,
)

REPORT_DAYS = 10  # 공공감사법 시행령 제13조의4: 분기 종료 후 10일 이내 감사원에 통보


class ProactiveError(ValueError):
    """A Korean message safe to show."""


# --- selection of outstanding officials ------------------------------------------------------------------------


@transaction.atomic
def open_round(
    actor, *, year: int, half: int, quota: int = 8, criteria: list | None = None
) -> SelectionRound:
    if half not in (1, 2):
        raise ProactiveError("반기는 상반기(1) 또는 하반기(2)입니다.")
    if SelectionRound.objects.filter(year=year, half=half).exists():
        raise ProactiveError("이 반기의 선정 절차가 이미 있습니다.")
    if quota < 1:
        raise ProactiveError("선정 인원은 1명 이상이어야 합니다.")
    rnd = SelectionRound.objects.create(
        year=year, half=half, quota=quota, criteria=criteria or DEFAULT_CRITERIA
    )
    record_event(actor, "proactive_round.opened", rnd, year=year, half=half, quota=quota)
    return rnd


@transaction.atomic
def add_member(actor, rnd: SelectionRound, *, name: str, affiliation: str = "", external: bool = False):
    if rnd.decided_at:
        raise ProactiveError("선정이 끝난 절차에는 위원을 추가할 수 없습니다.")
    member = CommitteeMember.objects.create(round=rnd, name=name, affiliation=affiliation, external=external)
    record_event(actor, "proactive_round.member_added", rnd, external=external)
    return member


@transaction.atomic
def nominate(
    actor, rnd: SelectionRound, *, nominee_name: str, nominee_unit, achievement: str, description: str
):
    if rnd.decided_at:
        raise ProactiveError("선정이 끝난 절차에는 추천할 수 없습니다.")
    nomination = Nomination.objects.create(
        round=rnd,
        nominee_name=nominee_name,
        nominee_unit=nominee_unit,
        achievement=achievement,
        description=description,
        nominated_by=actor,
        nominated_at=timezone.now(),
    )
    record_event(actor, "proactive.nominated", rnd, unit=nominee_unit.name, achievement=achievement)
    return nomination


@transaction.atomic
def record_scores(actor, nomination: Nomination, member: CommitteeMember, points: dict[str, int]) -> None:
    """One member's points on every criterion of the round for one nomination (replaces earlier points)."""
    rnd = nomination.round
    if rnd.decided_at:
        raise ProactiveError("선정이 끝나 점수를 바꿀 수 없습니다.")
    if member.round_id != rnd.pk:
        raise ProactiveError("이 선정 절차의 위원이 아닙니다.")
    for criterion in rnd.criteria:
        value = points.get(criterion["code"])
        if value is None or not 0 <= int(value) <= criterion["max"]:
            raise ProactiveError(f"「{criterion['label']}」 점수는 0점부터 {criterion['max']}점까지입니다.")
    for criterion in rnd.criteria:
        Score.objects.update_or_create(
            nomination=nomination,
            member=member,
            criterion=criterion["code"],
            defaults={"points": int(points[criterion["code"]])},
        )
    record_event(actor, "proactive.scored", rnd, nomination=str(nomination.public_id))


def ranking(rnd: SelectionRound) -> list[tuple[Nomination, Decimal | None]]:
    """Nominations by average total score over the members who scored every criterion; unscored ones last."""
    codes = {c["code"] for c in rnd.criteria}
    rows = []
    for nomination in rnd.nominations.select_related("nominee_unit").prefetch_related("scores"):
        per_member: dict[int, dict[str, int]] = {}
        for score in nomination.scores.all():
            per_member.setdefault(score.member_id, {})[score.criterion] = score.points
        totals = [sum(p.values()) for p in per_member.values() if set(p) >= codes]
        avg = (
            (Decimal(sum(totals)) / len(totals)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
            if totals
            else None
        )
        rows.append((nomination, avg))
    rows.sort(key=lambda r: (r[1] is None, -(r[1] or 0), r[0].nominated_at, r[0].pk))
    return rows


@transaction.atomic
def decide_round(actor, rnd: SelectionRound) -> list[Nomination]:
    """Rank the nominations and select the top `quota` that have scores."""
    if rnd.decided_at:
        raise ProactiveError("이미 선정을 마쳤습니다.")
    rows = ranking(rnd)
    if not any(avg is not None for _, avg in rows):
        raise ProactiveError("채점된 추천 건이 없습니다. 위원 점수를 먼저 입력하세요.")
    selected = []
    for position, (nomination, avg) in enumerate(rows, start=1):
        nomination.total_score = avg
        nomination.rank = position if avg is not None else None
        nomination.selected = avg is not None and position <= rnd.quota
        nomination.save(update_fields=["total_score", "rank", "selected"])
        if nomination.selected:
            selected.append(nomination)
    rnd.decided_at = timezone.now()
    rnd.save(update_fields=["decided_at"])
    record_event(actor, "proactive_round.decided", rnd, selected=len(selected), nominations=len(rows))
    return selected


# --- pre-consulting and exemption ----------------------------------------------------------------------------


def _number(scope: str, prefix: str) -> str:
    return next_case_number(scope, timezone.now().astimezone(SEOUL).year, prefix=prefix)[0]


@transaction.atomic
def request_consulting(actor, unit, *, subject: str, question: str, facts: str = "") -> PreConsulting:
    consulting = PreConsulting.objects.create(
        case_number=_number("reviews.consulting", "PC-"),
        unit=unit,
        requested_by=actor,
        subject=subject,
        question=question,
        facts=facts,
        requested_at=timezone.now(),
    )
    record_event(actor, "consulting.requested", consulting, unit=unit.name)
    return consulting


@transaction.atomic
def answer_consulting(actor, consulting: PreConsulting, *, advice: str, decline: bool = False) -> None:
    if consulting.status != PreConsulting.Status.REQUESTED:
        raise ProactiveError("이미 회신한 요청입니다.")
    if not advice.strip():
        raise ProactiveError("의견(또는 반려 사유)을 적어 주세요.")
    consulting.advice = advice.strip()
    consulting.status = PreConsulting.Status.DECLINED if decline else PreConsulting.Status.ADVISED
    consulting.advised_by = actor
    consulting.advised_at = timezone.now()
    consulting.save(update_fields=["advice", "status", "advised_by", "advised_at"])
    record_event(actor, "consulting.declined" if decline else "consulting.advised", consulting)


@transaction.atomic
def file_exemption(
    actor,
    unit,
    *,
    applicant_name: str,
    matter: str,
    audit_reference: str = "",
    consulting: PreConsulting | None = None,
    ex_officio: bool = False,
    public_interest: bool = False,
    no_private_interest: bool = False,
    no_serious_defect: bool = False,
) -> ExemptionCase:
    if consulting is not None and consulting.unit_id != unit.pk:
        raise ProactiveError("같은 부서의 사전컨설팅만 연결할 수 있습니다.")
    case = ExemptionCase.objects.create(
        case_number=_number("reviews.exemption", "EX-"),
        unit=unit,
        applicant_name=applicant_name,
        matter=matter,
        audit_reference=audit_reference,
        consulting=consulting,
        ex_officio=ex_officio,
        public_interest=public_interest,
        no_private_interest=no_private_interest,
        no_serious_defect=no_serious_defect,
        filed_by=actor,
        filed_at=timezone.now(),
    )
    record_event(actor, "exemption.filed", case, unit=unit.name, ex_officio=ex_officio)
    return case


@transaction.atomic
def decide_exemption(
    actor, case: ExemptionCase, *, decision: str, reason: str, at: dt.datetime | None = None
):
    if case.decision:
        raise ProactiveError("이미 결정한 신청입니다.")
    if decision not in (ExemptionCase.Decision.GRANTED, ExemptionCase.Decision.DENIED):
        raise ProactiveError("결정을 고르세요.")
    if not reason.strip():
        raise ProactiveError("결정 사유를 적어 주세요.")
    case.decision = decision
    case.decision_reason = reason.strip()
    case.decided_by = actor
    case.decided_at = at or timezone.now()
    case.save(update_fields=["decision", "decision_reason", "decided_by", "decided_at"])
    record_event(actor, "exemption.decided", case, decision=decision)


# --- the quarterly report (시행령 제13조의4) -------------------------------------------------------------------


def quarter_of(day: dt.date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def quarter_bounds(year: int, quarter: int) -> tuple[dt.date, dt.date]:
    if quarter not in (1, 2, 3, 4):
        raise ProactiveError("분기는 1부터 4까지입니다.")
    start = dt.date(year, 3 * quarter - 2, 1)
    end = dt.date(year + (quarter == 4), (3 * quarter) % 12 + 1, 1) - dt.timedelta(days=1)
    return start, end


def report_due(year: int, quarter: int, calendar: LegalCalendar | None = None) -> dt.datetime:
    """'분기 종료 후 10일 이내': ten calendar days counted from the day after the quarter's last day (민법 제157조),
    a last day on a Saturday, Sunday or holiday moving to the next working day (제161조)."""
    end = quarter_bounds(year, quarter)[1]
    end_moment = dt.datetime.combine(end, dt.time(18), SEOUL)
    return (calendar or get_calendar()).due_in_calendar_days(end_moment, REPORT_DAYS)


def previous_quarter(day: dt.date) -> tuple[int, int]:
    year, quarter = quarter_of(day)
    return (year - 1, 4) if quarter == 1 else (year, quarter - 1)


def decisions_in(year: int, quarter: int):
    start, end = quarter_bounds(year, quarter)
    start_at = dt.datetime.combine(start, dt.time(0), SEOUL)
    end_at = dt.datetime.combine(end + dt.timedelta(days=1), dt.time(0), SEOUL)
    return ExemptionCase.objects.filter(decided_at__gte=start_at, decided_at__lt=end_at).select_related(
        "unit"
    )


@transaction.atomic
def submit_quarterly_report(actor, year: int, quarter: int) -> QuarterlyExemptionReport:
    end = quarter_bounds(year, quarter)[1]
    if timezone.now().astimezone(SEOUL).date() <= end:
        raise ProactiveError("분기가 끝난 뒤에 보고할 수 있습니다.")
    if QuarterlyExemptionReport.objects.filter(year=year, quarter=quarter).exists():
        raise ProactiveError("이 분기는 이미 보고했습니다.")
    report = QuarterlyExemptionReport.objects.create(
        year=year,
        quarter=quarter,
        submitted_at=timezone.now(),
        submitted_by=actor,
        case_count=decisions_in(year, quarter).count(),
    )
    record_event(
        actor, "exemption.quarterly_reported", None, year=year, quarter=quarter, cases=report.case_count
    )
    return report
