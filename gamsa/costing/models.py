"""Rate tables as versioned data, and saved cost-sheet reviews."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from gamsa.costing.engine.rates import CAP, KINDS, LEGAL, REFERENCE, RateEntry
from gamsa.costing.engine.sheet import LABELS, RATE_LINES

CONFIDENCE_CHOICES = [("A", "A (법령 원문)"), ("B", "B (공식 자료 확인)"), ("C", "C (검증 전)")]
CHECK_CHOICES = [(LEGAL, KINDS[LEGAL]), (CAP, KINDS[CAP]), (REFERENCE, KINDS[REFERENCE])]
KEY_CHOICES = [(key, label) for key, label in RATE_LINES.items()]
SHEET_KIND_CHOICES = [("", "공사·용역 모두"), ("works", "공사"), ("services", "용역")]


class RateVersion(models.Model):
    """One rate or cap in force from `effective_from` (the newest one on or before a sheet's date applies).

    Rows are never edited in place once active: a new version is added instead, so old reviews stay explainable.
    """

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    key = models.CharField("비목", max_length=40, choices=KEY_CHOICES)
    check_kind = models.CharField("심사 방식", max_length=12, choices=CHECK_CHOICES)
    rate = models.DecimalField("요율(소수)", max_digits=9, decimal_places=6)
    base_amount = models.BigIntegerField("기초액(원)", default=0)
    base = models.CharField("적용 기준(곱하는 금액)", max_length=100)
    effective_from = models.DateField("적용 시작일")
    source = models.TextField("근거(법령·고시)")
    confidence = models.CharField("신뢰도", max_length=1, choices=CONFIDENCE_CHOICES)
    active = models.BooleanField("사용", default=False)
    sheet_kind = models.CharField("구분", max_length=10, choices=SHEET_KIND_CHOICES, blank=True, default="")
    variant = models.CharField("공사종류·용역종류", max_length=20, blank=True, default="")
    band_min = models.BigIntegerField("구간 하한(이상)", null=True, blank=True)
    band_max = models.BigIntegerField("구간 상한(미만)", null=True, blank=True)
    duration_min = models.PositiveIntegerField("공사기간 하한(일, 이상)", null=True, blank=True)
    duration_max = models.PositiveIntegerField("공사기간 상한(일, 미만)", null=True, blank=True)
    note = models.TextField("비고", blank=True, default="")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    activated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["key", "-effective_from", "variant", "band_min"]
        indexes = [models.Index(fields=["active", "key", "effective_from"])]
        verbose_name = "제비율 요율"

    def __str__(self):
        return f"{self.key_label} {self.rate_percent} ({self.effective_from})"

    @property
    def key_label(self) -> str:
        return LABELS.get(self.key, self.key)

    @property
    def rate_percent(self) -> str:
        return f"{(self.rate * 100).normalize():f}%"

    @property
    def log_label(self) -> str:
        return f"{self.key_label} {self.rate_percent} {self.effective_from.isoformat()}"

    def to_entry(self) -> RateEntry:
        return RateEntry(
            key=self.key,
            check=self.check_kind,
            rate=self.rate,
            effective_from=self.effective_from,
            base=self.base,
            source=self.source,
            confidence=self.confidence,
            base_amount=self.base_amount,
            sheet_kind=self.sheet_kind,
            variant=self.variant,
            band_min=self.band_min,
            band_max=self.band_max,
            duration_min=self.duration_min,
            duration_max=self.duration_max,
            note=self.note,
            ident=str(self.public_id),
        )


class CostReview(models.Model):
    """A saved review of one cost sheet. Other apps (audits) link to it by `public_id`."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField("공사명", max_length=200)
    kind = models.CharField("구분", max_length=10, default="works")
    base_date = models.DateField("기준일")
    sheet = models.JSONField("원가계산서")
    result = models.JSONField("심사 결과")
    summary = models.JSONField("소계", default=dict)
    stated_total = models.BigIntegerField("신고 금액")
    allowed_total = models.BigIntegerField("인정 금액")
    savings = models.BigIntegerField("절감액")
    source_file = models.ForeignKey(
        "core.Attachment", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "제비율 심사"

    def __str__(self):
        return self.title

    @property
    def log_label(self) -> str:
        return self.title
