"""Citizen auditors (구민감사관): roster and terms, assignments to sites and engagements, inspection reports."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models


class CitizenField(models.TextChoices):
    EXPERT = "expert", "전문 분야"
    GENERAL = "general", "일반 구민"


class CitizenAuditor(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="citizen_auditor"
    )
    cohort = models.PositiveSmallIntegerField("기수")
    field = models.CharField("구분", max_length=20, choices=CitizenField.choices)
    specialty = models.CharField(
        "전문 분야", max_length=50, blank=True, help_text="토목, 건축, 전기, 세무 등"
    )
    term_start = models.DateField("임기 시작")
    term_end = models.DateField("임기 종료")
    active = models.BooleanField("활동 중", default=True)

    class Meta:
        verbose_name = "구민감사관"
        verbose_name_plural = "구민감사관"
        ordering = ["-cohort", "user__full_name"]

    def __str__(self) -> str:
        return self.user.display_name


class CitizenAssignment(models.Model):
    """A site check (e.g. a public works site) or participation in an engagement."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    auditor = models.ForeignKey(CitizenAuditor, on_delete=models.PROTECT, related_name="assignments")
    engagement = models.ForeignKey(
        "audits.Engagement",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="citizen_assignments",
    )
    site = models.CharField("점검 현장", max_length=200)
    unit = models.ForeignKey(
        "core.OrgUnit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="소관 부서",
    )
    scheduled_on = models.DateField("점검일")
    instructions = models.TextField("점검 요청 사항", blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "구민감사관 배정"
        verbose_name_plural = "구민감사관 배정"
        ordering = ["-scheduled_on"]

    @property
    def log_label(self) -> str:
        return f"{self.site} ({self.scheduled_on:%Y-%m-%d})"


class SiteInspection(models.Model):
    """The citizen auditor's inspection report; photos are attachments owned by the report."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    assignment = models.ForeignKey(CitizenAssignment, on_delete=models.CASCADE, related_name="reports")
    observations = models.TextField("점검 내용")
    issues_found = models.BooleanField("개선 필요 사항 있음", default=False)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField()

    class Meta:
        verbose_name = "현장점검 결과"
        verbose_name_plural = "현장점검 결과"
        ordering = ["-submitted_at"]

    @property
    def log_label(self) -> str:
        return f"현장점검 결과 · {self.assignment.site}"
