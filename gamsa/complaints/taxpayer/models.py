"""납세자보호관 (지방세기본법 제77조, 영 제51조의2): protection requests and tax consultations.

Processing periods are set by the district's own 조례 (no national number): they live in core's
DeadlineRule table as `taxpayer_grievance` and `taxpayer_protection`, editable by an administrator.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models


class TaxpayerCase(models.Model):
    class Kind(models.TextChoices):
        PROTECTION = "protection", "권리보호요청"
        GRIEVANCE = "grievance", "지방세 고충민원"
        CONSULTATION = "consultation", "세무상담"

    class Status(models.TextChoices):
        OPEN = "open", "처리중"
        DONE = "done", "처리 완료"

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case_number = models.CharField("접수번호", max_length=20, unique=True)
    kind = models.CharField("구분", max_length=20, choices=Kind.choices)
    taxpayer = models.ForeignKey("complaints.Complainant", on_delete=models.PROTECT, related_name="tax_cases")
    tax_item = models.CharField("세목", max_length=60, blank=True)
    summary = models.TextField("요청 내용")
    received_at = models.DateTimeField("접수일시")
    due_at = models.DateTimeField("처리기한", null=True, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.OPEN)
    measure = models.TextField("조치 내용", blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = "납세자보호관 사건"
        verbose_name_plural = "납세자보호관 사건"
        ordering = ["-received_at"]

    @property
    def log_label(self) -> str:
        return self.case_number
