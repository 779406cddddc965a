"""취업제한 (post-employment restriction, 공직자윤리법 제17조, 시행령 제33조의2): a retired declarant may not work
for a 취업심사대상기관 for three years from retirement unless the committee confirms no close link or approves.

Each retiree among the declarants has one restriction (its window and the reminder before it ends) and the
applications they file (확인 or 승인, at least 30 days before starting work)."""

from __future__ import annotations

import uuid

from django.db import models

from gamsa.ethics.registration.models import Declarant

RESTRICTION_YEARS = 3  # 법 제17조①: 퇴직일부터 3년간
APPLY_DAYS_BEFORE = 30  # 영 제33조의2: 취업예정일 30일 전까지
REMINDER_MONTHS_BEFORE = 2  # the office's reminder ahead of the window's end


class Restriction(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    declarant = models.OneToOneField(Declarant, on_delete=models.PROTECT, related_name="restriction")
    retired_on = models.DateField("퇴직일")
    ends_on = models.DateField("취업제한 종료일")
    reminder_from = models.DateField("종료 안내 시작일")
    reminded_on = models.DateField("종료 안내일", null=True, blank=True)
    guidance_sent_on = models.DateField("퇴직 전 취업제한 안내일", null=True, blank=True)

    class Meta:
        verbose_name = "퇴직공직자 취업제한"
        verbose_name_plural = "퇴직공직자 취업제한"
        ordering = ["ends_on", "id"]
        indexes = [models.Index(fields=["reminded_on", "reminder_from"], name="eth_restriction_remind")]

    @property
    def log_label(self) -> str:
        return f"취업제한 {str(self.public_id)[:8]}"


class CheckKind(models.TextChoices):
    CONFIRMATION = "confirmation", "취업제한 여부 확인 (법 제17조②)"
    APPROVAL = "approval", "취업 승인 (법 제18조)"


class CheckResult(models.TextChoices):
    PENDING = "pending", "심사 중"
    ALLOWED = "allowed", "취업 가능 (밀접한 업무 관련성 없음)"
    RESTRICTED = "restricted", "취업 제한"
    APPROVED = "approved", "취업 승인"
    DENIED = "denied", "취업 불승인"


class EmploymentCheck(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    restriction = models.ForeignKey(Restriction, on_delete=models.CASCADE, related_name="checks")
    kind = models.CharField("구분", max_length=20, choices=CheckKind.choices)
    employer = models.CharField("취업예정기관", max_length=100)
    position = models.CharField("직위", max_length=60, blank=True)
    planned_start_on = models.DateField("취업예정일")
    apply_by = models.DateField("신청 기한")
    applied_on = models.DateField("신청일")
    result = models.CharField("결과", max_length=20, choices=CheckResult.choices, default=CheckResult.PENDING)
    decided_on = models.DateField("결정일", null=True, blank=True)

    class Meta:
        verbose_name = "취업심사 신청"
        verbose_name_plural = "취업심사 신청"
        ordering = ["-applied_on", "id"]
