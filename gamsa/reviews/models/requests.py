"""Requests that departments file before they act: 일상감사 (pre-execution review) and 계약심사 / 준공 전 제비율 심사
(contract cost review). Amounts are integers in won."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from gamsa.reviews.models.thresholds import Category, ReviewKind, ThresholdRule


class Field(models.TextChoices):
    MAJOR_PROJECT = "major_project", "주요사업"
    CONTRACT = "contract", "계약"
    SAFETY = "safety", "안전관리"
    SPENDING = "spending", "예산집행"


class Status(models.TextChoices):
    FILED = "filed", "접수"
    ASSIGNED = "assigned", "검토 중"
    DONE = "done", "처리 완료"
    WITHDRAWN = "withdrawn", "취하"


OPEN_STATUSES = (Status.FILED, Status.ASSIGNED)


class Opinion(models.TextChoices):
    APPROPRIATE = "appropriate", "적정"
    CONDITIONAL = "conditional", "조건부 적정"
    INAPPROPRIATE = "inappropriate", "부적정"


class ReviewRequestBase(models.Model):
    """What both kinds of request share: the number, the requesting unit, the threshold decision, the clock."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case_number = models.CharField("접수번호", max_length=20, unique=True)
    unit = models.ForeignKey(
        "core.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name="요청부서"
    )
    filed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    title = models.CharField("사업명(건명)", max_length=200)
    description = models.TextField("내용", blank=True)
    category = models.CharField("유형", max_length=30, choices=Category.choices)
    filed_at = models.DateTimeField("요청일시", db_index=True)
    required = models.BooleanField("심사 대상", default=False)
    rule = models.ForeignKey(
        ThresholdRule,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="적용 기준",
    )
    decision_reason = models.CharField("대상 판단 사유", max_length=300, blank=True)
    status = models.CharField("상태", max_length=20, choices=Status.choices, default=Status.FILED)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    due_at = models.DateTimeField("처리기한", db_index=True)
    completed_at = models.DateTimeField("처리일시", null=True, blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.case_number} {self.title}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class PreExecutionReview(ReviewRequestBase):
    """일상감사 (공공감사법 제22조, 시행령 제13조): one request and the office's opinion on it."""

    field = models.CharField("분야", max_length=20, choices=Field.choices)
    estimated_price = models.BigIntegerField("추정가격(원)", null=True, blank=True)
    estimated_amount = models.BigIntegerField("추정금액(원)", null=True, blank=True)
    opinion = models.CharField("감사의견", max_length=20, choices=Opinion.choices, blank=True)
    opinion_text = models.TextField("의견 내용", blank=True)

    class Meta:
        ordering = ["-filed_at", "-id"]
        indexes = [
            models.Index(fields=["unit", "filed_at"]),
            models.Index(fields=["status", "due_at"]),
            models.Index(fields=["category", "filed_at"]),
        ]

    @property
    def amount(self) -> int | None:
        return self.estimated_price if self.estimated_price is not None else self.estimated_amount


class ContractReview(ReviewRequestBase):
    """계약심사 before tendering, or 준공 전 제비율 심사 before the completion inspection (review_kind)."""

    review_kind = models.CharField(
        "심사 종류",
        max_length=20,
        choices=[(ReviewKind.CONTRACT, "계약심사"), (ReviewKind.COMPLETION, "준공 전 제비율 심사")],
        default=ReviewKind.CONTRACT,
    )
    designed_amount = models.BigIntegerField("설계금액(원)")
    reviewed_amount = models.BigIntegerField("심사금액(원)", null=True, blank=True)
    savings = models.BigIntegerField("절감액(원)", null=True, blank=True)
    review_note = models.TextField("심사 내용", blank=True)
    cost_review = models.ForeignKey(
        "costing.CostReview",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="원가계산서 검토",
    )

    class Meta:
        ordering = ["-filed_at", "-id"]
        indexes = [
            models.Index(fields=["unit", "filed_at"]),
            models.Index(fields=["status", "due_at"]),
            models.Index(fields=["review_kind", "category", "filed_at"]),
        ]

    @property
    def savings_rate(self) -> float | None:
        if self.savings is None or not self.designed_amount:
            return None
        return round(self.savings * 100 / self.designed_amount, 2)
