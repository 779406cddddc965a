"""부패취약분야 모니터링: areas (data), monitoring rounds, and their findings. A finding is a patrol-app finding
(적출사항) routed to the department through the patrol app's own services; this app keeps the link."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models


class VulnerableArea(models.Model):
    name = models.CharField("분야", max_length=60, unique=True)
    description = models.CharField("설명", max_length=300, blank=True)
    default_unit = models.ForeignKey(
        "core.OrgUnit",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="주 담당 부서",
    )
    sort_order = models.PositiveIntegerField("순서", default=0)
    active = models.BooleanField("사용", default=True)

    class Meta:
        app_label = "integrity"
        verbose_name = "부패취약분야"
        verbose_name_plural = "부패취약분야"
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name


class MonitoringRound(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    number = models.CharField("번호", max_length=20, unique=True)
    area = models.ForeignKey(
        VulnerableArea, on_delete=models.PROTECT, related_name="rounds", verbose_name="분야"
    )
    title = models.CharField("제목", max_length=200)
    starts_on = models.DateField("시작일")
    ends_on = models.DateField("종료일", null=True, blank=True)
    method = models.CharField(
        "방법", max_length=200, blank=True, help_text="예: 처리 서류 표본 점검, 민원인 전화 설문"
    )
    summary = models.TextField("결과 요지", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        app_label = "integrity"
        verbose_name = "부패취약분야 모니터링"
        verbose_name_plural = "부패취약분야 모니터링"
        ordering = ["-starts_on", "-number"]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    @property
    def case_number(self) -> str:
        return self.number

    @property
    def log_label(self) -> str:
        return f"모니터링 {self.number}"


class MonitoringFinding(models.Model):
    round = models.ForeignKey(MonitoringRound, on_delete=models.PROTECT, related_name="findings")
    finding = models.OneToOneField(
        "patrols.Finding", on_delete=models.PROTECT, related_name="integrity_monitoring"
    )

    class Meta:
        app_label = "integrity"
        verbose_name = "모니터링 지적사항"
        verbose_name_plural = "모니터링 지적사항"
