"""Review thresholds as versioned data: which requests must be reviewed, from which date, on which amount basis.

A rule is one version for one (review kind, category). The version in force on a date is the one with the latest
`effective_from` on or before that date; older versions are never changed or deleted, so every decision can be
traced to the version it used (the request keeps a foreign key to it). See docs/adr/0011-review-thresholds.md.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models


class ReviewKind(models.TextChoices):
    PRE_EXECUTION = "pre_execution", "일상감사"
    CONTRACT = "contract", "계약심사"
    COMPLETION = "completion", "준공 전 제비율 심사"


class Category(models.TextChoices):
    WORKS_GENERAL = "works_general", "종합·일반공사"
    WORKS_SPECIALTY = "works_specialty", "전문·기타공사"
    WORKS = "works", "공사"
    SERVICES = "services", "용역"
    GOODS = "goods", "물품 제조·구매"
    POLICY = "policy", "주요(신규) 정책사업"
    BUDGET_TRANSFER = "budget_transfer", "예산 전용"
    SAFETY = "safety", "안전관리 분야"
    OTHER = "other", "기타"


# Which categories each review kind uses (forms and the threshold page show only these).
CATEGORIES_FOR = {
    ReviewKind.PRE_EXECUTION: [
        Category.WORKS_GENERAL,
        Category.WORKS_SPECIALTY,
        Category.SERVICES,
        Category.GOODS,
        Category.POLICY,
        Category.BUDGET_TRANSFER,
        Category.SAFETY,
        Category.OTHER,
    ],
    ReviewKind.CONTRACT: [Category.WORKS, Category.SERVICES, Category.GOODS],
    ReviewKind.COMPLETION: [Category.WORKS, Category.SERVICES, Category.GOODS],
}


class Basis(models.TextChoices):
    ESTIMATED_PRICE = "estimated_price", "추정가격 (부가가치세 제외)"
    ESTIMATED_AMOUNT = "estimated_amount", "추정금액 (부가가치세·관급자재 포함)"


class ThresholdRule(models.Model):
    """One version of one threshold. `applies=False` records that from `effective_from` on the category is no
    longer reviewed by amount (a version, not a deletion)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    review_kind = models.CharField("심사 종류", max_length=20, choices=ReviewKind.choices)
    category = models.CharField("유형", max_length=30, choices=Category.choices)
    basis = models.CharField("금액 기준", max_length=20, choices=Basis.choices)
    min_amount = models.BigIntegerField("기준금액(원)", help_text="이 금액 이상이면 심사 대상입니다.")
    applies = models.BooleanField("심사 대상 여부", default=True)
    effective_from = models.DateField("시행일")
    source = models.CharField("근거", max_length=300, help_text="규칙·별표 조항 또는 공개 자료")
    note = models.CharField("비고", max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["review_kind", "category", "-effective_from", "-id"]
        indexes = [models.Index(fields=["review_kind", "category", "effective_from"])]
        constraints = [
            models.UniqueConstraint(
                fields=["review_kind", "category", "effective_from"],
                name="reviews_threshold_one_version_a_day",
            ),
            models.CheckConstraint(
                condition=models.Q(min_amount__gte=0), name="reviews_threshold_nonnegative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_review_kind_display()} {self.get_category_display()} {self.min_amount:,}원 이상"

    @property
    def summary(self) -> str:
        """'용역: 추정가격 70,000,000원 이상 (2021. 1. 1. 시행)' — what a department reads on the form."""
        basis = "추정가격" if self.basis == Basis.ESTIMATED_PRICE else "추정금액"
        eff = f"{self.effective_from.year}. {self.effective_from.month}. {self.effective_from.day}."
        if not self.applies:
            return f"{self.get_category_display()}: 금액 기준 심사 대상 아님 ({eff} 시행)"
        return f"{self.get_category_display()}: {basis} {self.min_amount:,}원 이상 ({eff} 시행)"


class AnswerPeriod(models.Model):
    """How many working days the office has to answer a review request of one kind, as versioned data (house rule
    5). The version in force on the day of filing applies; versions are added, never changed. Shipped default: 7
    working days for every kind (의성군 규정의 결과 통보 7일, anchors §1.5), what GAMSA_REVIEW_WORKING_DAYS was."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    review_kind = models.CharField("심사 종류", max_length=20, choices=ReviewKind.choices)
    working_days = models.PositiveSmallIntegerField(
        "처리기한(근무일)",
        help_text="접수일(근무시간 뒤면 다음 근무일)을 1일째로 세어 이 근무일의 18시까지 답합니다.",
    )
    effective_from = models.DateField("시행일")
    source = models.CharField("근거", max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["review_kind", "-effective_from"]
        verbose_name = "심사 처리기한"
        verbose_name_plural = "심사 처리기한"
        constraints = [
            models.UniqueConstraint(
                fields=["review_kind", "effective_from"], name="reviews_answer_period_one_version_a_day"
            ),
            models.CheckConstraint(
                condition=models.Q(working_days__gte=1, working_days__lte=60),
                name="reviews_answer_period_1_to_60_days",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_review_kind_display()} {self.effective_from:%Y. %-m. %-d.}부터 {self.working_days}근무일"
