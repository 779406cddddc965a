"""Data behind the legal calendar: extra closures and the deadline rules (kind → period)."""

from __future__ import annotations

from django.db import models


class Closure(models.Model):
    """A day the office is closed beyond the national holidays: 임시공휴일 not yet in the library, 지방공휴일."""

    class Kind(models.TextChoices):
        TEMPORARY = "temporary", "임시공휴일"
        LOCAL = "local", "지방공휴일"
        OTHER = "other", "기타 휴무"

    date = models.DateField("날짜", unique=True)
    name = models.CharField("명칭", max_length=100)
    kind = models.CharField("구분", max_length=20, choices=Kind.choices, default=Kind.TEMPORARY)
    basis = models.CharField("근거", max_length=200, blank=True)
    note = models.CharField(
        "비고",
        max_length=300,
        blank=True,
        help_text="지방공휴일이 민원 처리기간에서 제외되는지는 법령상 확인되지 않았습니다(신뢰도 낮음).",
    )

    class Meta:
        verbose_name = "추가 휴무일"
        verbose_name_plural = "추가 휴무일"
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date} {self.name}"


class CountingMethod(models.TextChoices):
    AUTO = "auto", "법 제19조에 따라 자동 (5일 이하 시간, 6일 이상 근무일)"
    HOURS = "hours", "근무시간"
    WORKING_DAYS = "working_days", "근무일 (초일 산입)"
    CALENDAR_DAYS = "calendar_days", "역일 (초일 불산입, 민법)"
    MONTHS = "months", "월 (민법 제157조·제160조·제161조)"
    MONTH_END = "month_end", "월말 (그 날이 속하는 달의 말일, 공직자윤리법 제5조①)"


class PeriodUnit(models.TextChoices):
    HOURS = "hours", "시간"
    DAYS = "days", "일"
    MONTHS = "months", "개월"


class DeadlineRule(models.Model):
    """One kind of legal clock: how long, in what unit, counted how, and on what legal basis."""

    kind = models.SlugField("종류 코드", max_length=50, unique=True)
    label = models.CharField("명칭", max_length=100)
    amount = models.PositiveIntegerField("기간")
    unit = models.CharField("단위", max_length=10, choices=PeriodUnit.choices)
    method = models.CharField(
        "계산 방법", max_length=20, choices=CountingMethod.choices, default=CountingMethod.AUTO
    )
    basis = models.CharField("법적 근거", max_length=200)
    confidence = models.CharField(
        "신뢰도",
        max_length=20,
        choices=[("high", "법령 명시"), ("general_rule", "일반원칙 적용"), ("local", "자치법규·내부기준")],
        default="high",
    )
    note = models.TextField("비고", blank=True)
    active = models.BooleanField("사용", default=True)

    class Meta:
        verbose_name = "처리기간 규칙"
        verbose_name_plural = "처리기간 규칙"
        ordering = ["kind"]

    def __str__(self) -> str:
        return f"{self.label} ({self.amount}{self.get_unit_display()})"
