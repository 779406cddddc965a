"""구민인권지킴이단 (resident rights monitors): cohorts (기수), the monitors (volunteer accounts, programme
`rights_monitor`) in their teams (조), their training, and the monitoring activities and campaign reports they file
from a phone."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models


class Cohort(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    number = models.PositiveSmallIntegerField("기수", unique=True)
    starts_on = models.DateField("활동 시작일")
    ends_on = models.DateField("활동 종료일")

    class Meta:
        verbose_name = "구민인권지킴이단 기수"
        verbose_name_plural = "구민인권지킴이단 기수"
        ordering = ["-number"]

    def __str__(self) -> str:
        return f"제{self.number}기 구민인권지킴이단"

    @property
    def log_label(self) -> str:
        return str(self)


class Monitor(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="rights_monitor"
    )
    cohort = models.ForeignKey(Cohort, on_delete=models.PROTECT, related_name="monitors")
    team = models.CharField("조", max_length=20, blank=True)
    dong = models.ForeignKey(
        "core.OrgUnit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="활동 동",
    )
    appointed_on = models.DateField("위촉일")
    ended_on = models.DateField("해촉일", null=True, blank=True)
    note = models.CharField("비고", max_length=300, blank=True)

    class Meta:
        verbose_name = "구민인권지킴이"
        verbose_name_plural = "구민인권지킴이"
        ordering = ["cohort", "team", "id"]
        indexes = [models.Index(fields=["cohort", "team"], name="hr_monitor_team")]

    def __str__(self) -> str:
        return self.user.display_name

    @property
    def log_label(self) -> str:
        return f"제{self.cohort.number}기 구민인권지킴이"


class Training(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    cohort = models.ForeignKey(Cohort, on_delete=models.PROTECT, related_name="trainings")
    title = models.CharField("교육명", max_length=150)
    held_on = models.DateField("교육일")
    hours = models.DecimalField("시간", max_digits=4, decimal_places=1, default=2)
    place = models.CharField("장소", max_length=150, blank=True)
    attendees = models.ManyToManyField(Monitor, blank=True, related_name="trainings", verbose_name="이수자")

    class Meta:
        verbose_name = "지킴이단 교육"
        verbose_name_plural = "지킴이단 교육"
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return self.title

    @property
    def log_label(self) -> str:
        return f"지킴이단 교육 {self.held_on:%Y-%m-%d}"


class ActivityKind(models.TextChoices):
    MONITORING = "monitoring", "인권현장 모니터링"
    CAMPAIGN = "campaign", "인권 캠페인"


class ActivityStatus(models.TextChoices):
    SUBMITTED = "submitted", "제출"
    CHECKED = "checked", "확인"


class Activity(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    monitor = models.ForeignKey(Monitor, on_delete=models.PROTECT, related_name="activities")
    year = models.PositiveSmallIntegerField(editable=False)
    kind = models.CharField("구분", max_length=12, choices=ActivityKind.choices)
    held_on = models.DateField("활동일")
    place = models.CharField("장소", max_length=150)
    title = models.CharField("제목", max_length=150)
    content = models.TextField("활동 내용·발견 사항")
    reached = models.PositiveIntegerField("캠페인 참여·홍보 인원", null=True, blank=True)
    status = models.CharField(
        "상태", max_length=10, choices=ActivityStatus.choices, default=ActivityStatus.SUBMITTED
    )
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    checked_on = models.DateField("확인일", null=True, blank=True)
    office_note = models.CharField("조사팀 의견", max_length=300, blank=True)
    submitted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "지킴이단 활동 보고"
        verbose_name_plural = "지킴이단 활동 보고"
        ordering = ["-held_on", "-id"]
        indexes = [
            models.Index(fields=["status", "held_on"], name="hr_activity_status"),
            models.Index(fields=["year", "kind"], name="hr_activity_year"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def log_label(self) -> str:
        return f"지킴이단 활동 {self.held_on:%Y-%m-%d}"
