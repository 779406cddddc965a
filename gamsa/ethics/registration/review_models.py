"""The review (심사) of a filing: orders and requests to the filer with their 20-day answer clocks, the amounts the
review is about, and the committee's measures (법 제8조의2). The assets themselves stay in PETI."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from gamsa.ethics.registration.models import Declarant, Filing


class ReviewStatus(models.TextChoices):
    OPEN = "open", "심사 중"
    WAITING = "waiting", "답변 대기"
    REFERRED = "referred", "위원회 상정"
    DECIDED = "decided", "위원회 의결"
    CLOSED = "closed", "종결"


OPEN_REVIEW_STATUSES = (ReviewStatus.OPEN, ReviewStatus.WAITING, ReviewStatus.REFERRED, ReviewStatus.DECIDED)


class Conclusion(models.TextChoices):
    NO_ISSUE = "no_issue", "이상 없음"
    CORRECTED = "corrected", "보완 완료"
    REFERRED = "referred", "위원회 상정"


class Measure(models.TextChoices):
    """공직자윤리법 제8조의2② (공표 is only alongside another measure)."""

    WARNING = "warning", "경고 및 시정조치"
    FINE = "fine", "과태료 부과"
    PUBLICATION = "publication", "허위등록사실 일간신문 공표"
    DISMISSAL = "dismissal", "해임 또는 징계의결 요구"


class Review(models.Model):
    case_number = models.CharField("심사번호", max_length=20, unique=True)
    year = models.PositiveSmallIntegerField("연도", editable=False)
    filing = models.OneToOneField(Filing, on_delete=models.PROTECT, related_name="review")
    declarant = models.ForeignKey(Declarant, on_delete=models.PROTECT, related_name="reviews")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    started_on = models.DateField("심사 시작일")
    status = models.CharField("상태", max_length=10, choices=ReviewStatus.choices, default=ReviewStatus.OPEN)
    opinion = models.TextField("심사 의견", blank=True)
    conclusion = models.CharField("심사 결과", max_length=10, choices=Conclusion.choices, blank=True)
    concluded_on = models.DateField("심사 결과일", null=True, blank=True)
    measures = models.JSONField("윤리위원회 조치", default=list, blank=True)
    fine_amount = models.PositiveBigIntegerField("과태료 (원)", null=True, blank=True)
    decided_on = models.DateField("의결일", null=True, blank=True)
    closed_on = models.DateField("종결일", null=True, blank=True)
    # Denormalised: the nearest due day of the filer's open answers (for the desk and the list).
    answer_due_on = models.DateField("답변 기한", null=True, blank=True)

    class Meta:
        verbose_name = "재산등록 심사"
        verbose_name_plural = "재산등록 심사"
        ordering = ["-started_on", "-id"]
        indexes = [
            # the open reviews by the filer's nearest answer day (the list, the desk): a few per cent of the rows
            models.Index(
                fields=["answer_due_on", "started_on", "id"],
                condition=models.Q(status__in=["open", "waiting", "referred", "decided"]),
                name="eth_review_open_due",
            ),
            models.Index(fields=["year", "started_on", "id"], name="eth_review_year"),
            models.Index(fields=["started_on", "id"], name="eth_review_started"),
        ]

    def __str__(self) -> str:
        return self.case_number

    @property
    def log_label(self) -> str:
        return self.case_number

    @property
    def is_open(self) -> bool:
        return self.status != ReviewStatus.CLOSED

    def measure_labels(self) -> list[str]:
        return [Measure(m).label for m in self.measures if m in Measure.values]


class RequestKind(models.TextChoices):
    SUPPLEMENT = "supplement", "보완명령 (법 제8조②, 영 제10조①)"
    MATERIALS = "materials", "자료제출 요구 (법 제8조③, 영 제10조②)"
    QUESTION = "question", "서면질의 (법 제8조③, 영 제10조②)"
    EXPLANATION = "explanation", "재산형성과정 소명요구 (법 제8조⑬, 영 제14조의2②)"


REQUEST_RULES = {
    RequestKind.SUPPLEMENT: "property_review_answer",
    RequestKind.MATERIALS: "property_review_answer",
    RequestKind.QUESTION: "property_review_answer",
    RequestKind.EXPLANATION: "property_review_explanation",
}


class ReviewRequest(models.Model):
    """An order or request to the filer, due 20 days after they received it (민법 제157조·제161조)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="requests")
    kind = models.CharField("구분", max_length=20, choices=RequestKind.choices)
    issued_on = models.DateField("발송일")
    received_on = models.DateField("수령일")
    due_on = models.DateField("답변 기한")
    content = models.TextField("요구 내용")
    answered_on = models.DateField("답변일", null=True, blank=True)
    answer_note = models.TextField("답변 요지", blank=True)

    class Meta:
        verbose_name = "심사 요구"
        verbose_name_plural = "심사 요구"
        ordering = ["issued_on", "id"]


class Owner(models.TextChoices):
    SELF = "self", "본인"
    SPOUSE = "spouse", "배우자"
    ASCENDANT = "ascendant", "직계존속"
    DESCENDANT = "descendant", "직계비속"


class ReviewAmount(models.Model):
    """An amount the review is about: as registered, as verified, and the difference (원)."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="amounts")
    item = models.CharField("재산 항목", max_length=60)
    owner = models.CharField("소유자", max_length=20, choices=Owner.choices, default=Owner.SELF)
    registered_amount = models.BigIntegerField("신고 금액 (원)")
    verified_amount = models.BigIntegerField("확인 금액 (원)", null=True, blank=True)
    note = models.CharField("비고", max_length=200, blank=True)

    class Meta:
        verbose_name = "심사 대상 금액"
        verbose_name_plural = "심사 대상 금액"
        ordering = ["id"]

    @property
    def difference(self) -> int | None:
        return None if self.verified_amount is None else self.verified_amount - self.registered_amount
