"""Filing and answering 일상감사 and 계약심사 / 준공 전 제비율 심사 requests."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from gamsa.core.calendar import SEOUL, LegalCalendar, get_calendar
from gamsa.core.services import next_case_number, record_event
from gamsa.reviews.models import (
    CATEGORIES_FOR,
    ContractReview,
    Opinion,
    PreExecutionReview,
    ReviewKind,
    Status,
)
from gamsa.reviews.services.thresholds import ThresholdError, decide

DEFAULT_WORKING_DAYS = 7  # the seeded version (migration 0004); used only if a kind has no version at all
PREFIX = {ReviewKind.PRE_EXECUTION: "PE-", ReviewKind.CONTRACT: "CR-", ReviewKind.COMPLETION: "CC-"}


class ReviewError(ValueError):
    """A Korean message safe to show."""


def working_days(kind: str, on: dt.date | None = None) -> int:
    """Working days the office has to answer a request of `kind` filed on `on` (today if None): the AnswerPeriod
    version in force that day (editable data; seeded with 7 for every kind)."""
    from gamsa.reviews.models import AnswerPeriod

    on = on or timezone.now().astimezone(SEOUL).date()
    period = (
        AnswerPeriod.objects.filter(review_kind=kind, effective_from__lte=on)
        .order_by("-effective_from")
        .first()
    )
    return period.working_days if period else DEFAULT_WORKING_DAYS


def due_for(kind: str, filed_at: dt.datetime, calendar: LegalCalendar | None = None) -> dt.datetime:
    """The answer is due at 18:00 of the N-th working day, the (effective) day of filing being day 1; N is the
    answer period in force on the day of filing."""
    days = working_days(kind, filed_at.astimezone(SEOUL).date())
    return (calendar or get_calendar()).due_in_working_days(filed_at, days)[1]


@transaction.atomic
def add_answer_period(
    actor, *, review_kind: str, working_days: int, effective_from: dt.date, source: str = ""
):
    """A new version of a review kind's answer period, in force from `effective_from` (never edited in place)."""
    from gamsa.reviews.models import AnswerPeriod

    if review_kind not in ReviewKind.values:
        raise ReviewError("심사 종류를 고르세요.")
    if not 1 <= int(working_days) <= 60:
        raise ReviewError("처리기한은 1–60 근무일로 정하세요.")
    if AnswerPeriod.objects.filter(review_kind=review_kind, effective_from=effective_from).exists():
        raise ReviewError("그 시행일의 처리기한이 이미 있습니다. 다른 시행일로 새 기준을 등록하세요.")
    period = AnswerPeriod.objects.create(
        review_kind=review_kind,
        working_days=working_days,
        effective_from=effective_from,
        source=source[:300],
        created_by=actor if actor and actor.pk else None,
    )
    record_event(
        actor,
        "answer_period.added",
        period,
        kind=review_kind,
        days=working_days,
        effective_from=effective_from,
    )
    return period


def _check_category(kind: str, category: str) -> None:
    if category not in CATEGORIES_FOR[kind]:
        raise ReviewError("이 심사에서 쓸 수 없는 유형입니다.")


def _case_number(kind: str, filed_at: dt.datetime) -> str:
    return next_case_number(f"reviews.{kind}", filed_at.astimezone(SEOUL).year, prefix=PREFIX[kind])[0]


@transaction.atomic
def file_pre_execution(
    actor,
    unit,
    *,
    title: str,
    field: str,
    category: str,
    estimated_price: int | None,
    estimated_amount: int | None,
    description: str = "",
    filed_at: dt.datetime | None = None,
    calendar: LegalCalendar | None = None,
) -> PreExecutionReview:
    kind = ReviewKind.PRE_EXECUTION
    _check_category(kind, category)
    filed_at = filed_at or timezone.now()
    try:
        decision = decide(
            kind,
            category,
            on=filed_at.astimezone(SEOUL).date(),
            estimated_price=estimated_price,
            estimated_amount=estimated_amount,
        )
    except ThresholdError as exc:
        raise ReviewError(str(exc)) from exc
    review = PreExecutionReview.objects.create(
        case_number=_case_number(kind, filed_at),
        unit=unit,
        filed_by=actor,
        title=title,
        description=description,
        field=field,
        category=category,
        estimated_price=estimated_price,
        estimated_amount=estimated_amount,
        filed_at=filed_at,
        required=decision.required,
        rule=decision.rule,
        decision_reason=decision.reason[:300],
        due_at=due_for(kind, filed_at, calendar),
    )
    record_event(
        actor,
        "pre_review.filed",
        review,
        unit=unit.name,
        required=decision.required,
        rule=str(decision.rule.public_id) if decision.rule else None,
    )
    return review


@transaction.atomic
def file_contract_review(
    actor,
    unit,
    *,
    review_kind: str,
    title: str,
    category: str,
    designed_amount: int,
    description: str = "",
    filed_at: dt.datetime | None = None,
    calendar: LegalCalendar | None = None,
) -> ContractReview:
    """계약심사 or 준공 전 제비율 심사. The designed amount (설계금액) includes VAT and supplied materials, i.e. it is
    the 추정금액 the seeded rules use."""
    if review_kind not in (ReviewKind.CONTRACT, ReviewKind.COMPLETION):
        raise ReviewError("알 수 없는 심사 종류입니다.")
    _check_category(review_kind, category)
    if designed_amount is None or designed_amount <= 0:
        raise ReviewError("설계금액은 1원 이상이어야 합니다.")
    filed_at = filed_at or timezone.now()
    try:
        decision = decide(
            review_kind, category, on=filed_at.astimezone(SEOUL).date(), estimated_amount=designed_amount
        )
    except ThresholdError as exc:
        raise ReviewError(str(exc)) from exc
    review = ContractReview.objects.create(
        case_number=_case_number(review_kind, filed_at),
        review_kind=review_kind,
        unit=unit,
        filed_by=actor,
        title=title,
        description=description,
        category=category,
        designed_amount=designed_amount,
        filed_at=filed_at,
        required=decision.required,
        rule=decision.rule,
        decision_reason=decision.reason[:300],
        due_at=due_for(review_kind, filed_at, calendar),
    )
    record_event(
        actor, "contract_review.filed", review, unit=unit.name, kind=review_kind, required=decision.required
    )
    return review


def _verb(review) -> str:
    return "pre_review" if isinstance(review, PreExecutionReview) else "contract_review"


@transaction.atomic
def assign_reviewer(actor, review, reviewer) -> None:
    if not review.is_open:
        raise ReviewError("이미 처리가 끝난 요청입니다.")
    review.reviewer = reviewer
    review.status = Status.ASSIGNED
    review.save(update_fields=["reviewer", "status"])
    record_event(actor, f"{_verb(review)}.assigned", review, reviewer=reviewer.username)


@transaction.atomic
def record_opinion(actor, review: PreExecutionReview, *, opinion: str, text: str) -> None:
    """적정 / 조건부 적정 / 부적정 with the reasons (조건부·부적정 need text)."""
    if not review.is_open:
        raise ReviewError("이미 처리가 끝난 요청입니다.")
    if opinion not in Opinion.values:
        raise ReviewError("감사의견을 고르세요.")
    if opinion != Opinion.APPROPRIATE and not text.strip():
        raise ReviewError("조건부 적정이나 부적정 의견에는 조건이나 사유를 적어야 합니다.")
    review.opinion = opinion
    review.opinion_text = text.strip()
    review.status = Status.DONE
    review.completed_at = timezone.now()
    if review.reviewer_id is None:
        review.reviewer = actor
    review.save(update_fields=["opinion", "opinion_text", "status", "completed_at", "reviewer"])
    record_event(actor, "pre_review.opinion", review, opinion=opinion)


@transaction.atomic
def record_contract_result(
    actor, review: ContractReview, *, reviewed_amount: int | None = None, note: str = "", cost_review=None
) -> None:
    """The reviewed amount and the savings (designed − reviewed). With a cost-sheet review attached, the reviewed
    amount is its allowed total."""
    if not review.is_open:
        raise ReviewError("이미 처리가 끝난 요청입니다.")
    if cost_review is not None:
        if review.category != "works":
            raise ReviewError("원가계산서 검토는 공사에만 연결할 수 있습니다.")
        reviewed_amount = _allowed_total(cost_review)
        review.cost_review = cost_review
    if reviewed_amount is None or reviewed_amount < 0:
        raise ReviewError("심사금액은 0원 이상의 정수로 입력하세요.")
    review.reviewed_amount = int(reviewed_amount)
    review.savings = review.designed_amount - review.reviewed_amount
    review.review_note = note.strip()
    review.status = Status.DONE
    review.completed_at = timezone.now()
    if review.reviewer_id is None:
        review.reviewer = actor
    fields = ["reviewed_amount", "savings", "review_note", "status", "completed_at", "reviewer"]
    if cost_review is not None:
        fields.append("cost_review")
    review.save(update_fields=fields)
    record_event(
        actor,
        "contract_review.reviewed",
        review,
        designed_amount=review.designed_amount,
        reviewed_amount=review.reviewed_amount,
        savings=review.savings,
    )


def _allowed_total(cost_review) -> int:
    """The allowed total (인정 금액) of a costing.CostReview."""
    if cost_review.allowed_total is None:
        raise ReviewError("원가계산서 검토 결과에 인정금액이 없습니다.")
    return int(cost_review.allowed_total)
