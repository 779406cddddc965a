"""Writes of a filing's review (재산등록 심사): orders and requests with the filer's 20-day answer clocks (영 제10조,
제14조의2②), the amounts under review, documents, the conclusion, and the committee's measures (법 제8조의2)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Min

from gamsa.core.services import next_case_number, record_event, store_attachment
from gamsa.ethics.errors import EthicsError, day, due_day, require_manager, text
from gamsa.ethics.registration.models import Filing
from gamsa.ethics.registration.review_models import (
    REQUEST_RULES,
    Conclusion,
    Measure,
    Owner,
    RequestKind,
    Review,
    ReviewAmount,
    ReviewRequest,
    ReviewStatus,
)

FINE_MAX = 20_000_000  # 법 제30조②: 2천만원 이하 (윤리위원회가 정하는 과태료)


def _open(review: Review, *allowed: str) -> None:
    if review.status not in allowed:
        labels = ", ".join(ReviewStatus(s).label for s in allowed)
        raise EthicsError(
            f"현재 상태({review.get_status_display()})에서는 할 수 없습니다. 가능한 상태: {labels}"
        )


def refresh_answer_due(review: Review) -> None:
    """The nearest due day of the filer's open answers, and the status it implies (답변 대기 / 심사 중)."""
    nearest = review.requests.filter(answered_on__isnull=True).aggregate(m=Min("due_on"))["m"]
    review.answer_due_on = nearest
    if review.status in (ReviewStatus.OPEN, ReviewStatus.WAITING):
        review.status = ReviewStatus.WAITING if nearest else ReviewStatus.OPEN
    review.save(update_fields=["answer_due_on", "status"])


@transaction.atomic
def start_review(actor, filing: Filing, *, on: dt.date, reviewer=None) -> Review:
    require_manager(actor)
    if not filing.filed_on:
        raise EthicsError("신고를 받은 뒤에 심사를 시작할 수 있습니다.")
    if Review.objects.filter(filing=filing).exists():
        raise EthicsError("이미 심사를 시작한 신고입니다.")
    if filing.declarant.reviewed_by_seoul:
        raise EthicsError("4급 등록의무자는 서울특별시 공직자윤리위원회가 심사합니다 (공직자윤리법 제9조②).")
    if day(on, "심사 시작일") < filing.filed_on:
        raise EthicsError("심사 시작일은 신고일보다 빠를 수 없습니다.")
    number, _ = next_case_number("ethics_review", on.year, prefix="PR-")
    review = Review.objects.create(
        case_number=number,
        year=on.year,
        filing=filing,
        declarant=filing.declarant,
        reviewer=reviewer or actor,
        started_on=on,
    )
    record_event(actor, "ethics.review_started", review, filing=filing.kind, year=filing.year)
    return review


@transaction.atomic
def issue_request(
    actor, review: Review, *, kind: str, issued_on: dt.date, content: str, received_on: dt.date | None = None
) -> ReviewRequest:
    """보완명령·자료제출 요구·서면질의·소명요구: the filer answers within 20 days of receiving it."""
    require_manager(actor)
    _open(review, ReviewStatus.OPEN, ReviewStatus.WAITING)
    if kind not in RequestKind.values:
        raise EthicsError("요구 구분을 고르세요.")
    day(issued_on, "발송일")
    received_on = received_on or issued_on
    if received_on < issued_on:
        raise EthicsError("수령일은 발송일보다 빠를 수 없습니다.")
    if issued_on < review.started_on:
        raise EthicsError("발송일은 심사 시작일보다 빠를 수 없습니다.")
    request = ReviewRequest.objects.create(
        review=review,
        kind=kind,
        issued_on=issued_on,
        received_on=received_on,
        due_on=due_day(REQUEST_RULES[kind], received_on),
        content=text(content, "요구 내용", 2000),
    )
    refresh_answer_due(review)
    record_event(
        actor,
        "ethics.review_request_issued",
        review,
        kind=kind,
        request=str(request.public_id),
        due_on=request.due_on,
    )
    return request


@transaction.atomic
def record_answer(actor, request: ReviewRequest, *, answered_on: dt.date, note: str = "") -> ReviewRequest:
    review = request.review
    require_manager(actor)
    if request.answered_on:
        raise EthicsError("이미 답변을 기록했습니다.")
    if day(answered_on, "답변일") < request.received_on:
        raise EthicsError("답변일은 수령일보다 빠를 수 없습니다.")
    request.answered_on, request.answer_note = answered_on, text(note, "답변 요지", 2000, required=False)
    request.save(update_fields=["answered_on", "answer_note"])
    refresh_answer_due(review)
    record_event(
        actor,
        "ethics.review_answer_recorded",
        review,
        request=str(request.public_id),
        late=answered_on > request.due_on,
    )
    return request


def _amount(value, label: str, required: bool = True) -> int | None:
    if value is None or value == "":
        if required:
            raise EthicsError(f"{label}을(를) 입력하세요.")
        return None
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise EthicsError(f"{label}은(는) 원 단위 숫자로 입력하세요.") from None
    if abs(number) > 10**15:
        raise EthicsError(f"{label}이(가) 너무 큽니다.")
    return number


@transaction.atomic
def add_amount(actor, review: Review, *, item: str, owner: str, registered: int, verified: int | None = None,
               note: str = "") -> ReviewAmount:  # fmt: skip
    require_manager(actor)
    _open(review, ReviewStatus.OPEN, ReviewStatus.WAITING)
    if owner not in Owner.values:
        raise EthicsError("소유자를 고르세요.")
    amount = ReviewAmount.objects.create(
        review=review,
        item=text(item, "재산 항목", 60),
        owner=owner,
        registered_amount=_amount(registered, "신고 금액"),
        verified_amount=_amount(verified, "확인 금액", required=False),
        note=text(note, "비고", 200, required=False),
    )
    record_event(actor, "ethics.review_amount_added", review, owner=owner)
    return amount


@transaction.atomic
def add_document(actor, review: Review, *, data: bytes, original_name: str):
    """A document of the review (answer, evidence, letter), checked by content by core; the desk alone opens it."""
    require_manager(actor)
    attachment = store_attachment(actor, data=data, original_name=original_name, owner=review)
    record_event(actor, "ethics.review_document_added", review, attachment=str(attachment.public_id))
    return attachment


@transaction.atomic
def conclude(actor, review: Review, *, conclusion: str, on: dt.date, opinion: str) -> Review:
    """이상 없음 / 보완 완료 (종결), or 위원회 상정 (the committee decides the measures)."""
    require_manager(actor)
    _open(review, ReviewStatus.OPEN, ReviewStatus.WAITING)
    if conclusion not in Conclusion.values:
        raise EthicsError("심사 결과를 고르세요.")
    if conclusion != Conclusion.REFERRED and review.requests.filter(answered_on__isnull=True).exists():
        raise EthicsError("답변을 받지 않은 요구가 있습니다. 답변을 기록하거나 위원회에 상정하세요.")
    if day(on, "심사 결과일") < review.started_on:
        raise EthicsError("심사 결과일은 심사 시작일보다 빠를 수 없습니다.")
    review.conclusion, review.concluded_on, review.opinion = conclusion, on, text(opinion, "심사 의견", 4000)
    if conclusion == Conclusion.REFERRED:
        review.status = ReviewStatus.REFERRED
    else:
        review.status, review.closed_on = ReviewStatus.CLOSED, on
    review.save(update_fields=["conclusion", "concluded_on", "opinion", "status", "closed_on"])
    record_event(actor, "ethics.review_concluded", review, conclusion=conclusion, on=on)
    return review


def clean_measures(measures, fine_amount) -> tuple[list[str], int | None]:
    measures = [m for m in Measure.values if m in set(measures or [])]
    if Measure.PUBLICATION in measures and len(measures) == 1:
        raise EthicsError("공표는 다른 조치와 함께 의결합니다 (공직자윤리법 제8조의2②).")
    if Measure.FINE in measures:
        fine = _amount(fine_amount, "과태료")
        if not 0 < fine <= FINE_MAX:
            raise EthicsError("과태료는 1원 이상 2천만원 이하로 입력하세요 (공직자윤리법 제30조②).")
        return measures, fine
    return measures, None


def apply_measures(review: Review, *, measures: list[str], fine_amount: int | None, on: dt.date) -> Review:
    """The committee's decision on a referred review (called inside the committee's service, which logs it)."""
    _open(review, ReviewStatus.REFERRED)
    review.measures, review.fine_amount, review.decided_on = measures, fine_amount, on
    review.status = ReviewStatus.DECIDED
    review.save(update_fields=["measures", "fine_amount", "decided_on", "status"])
    return review


@transaction.atomic
def close_review(actor, review: Review, *, on: dt.date) -> Review:
    """종결 after the committee's measures were carried out (통보·과태료 부과 의뢰·징계의결 요구)."""
    require_manager(actor)
    _open(review, ReviewStatus.DECIDED)
    if day(on, "종결일") < review.decided_on:
        raise EthicsError("종결일은 의결일보다 빠를 수 없습니다.")
    review.status, review.closed_on = ReviewStatus.CLOSED, on
    review.save(update_fields=["status", "closed_on"])
    record_event(actor, "ethics.review_closed", review, on=on, measures=review.measures)
    return review
