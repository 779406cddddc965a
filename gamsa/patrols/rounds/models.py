"""Patrol rounds (순찰): one round per outing, its kind, area, route and participants."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class RoundKind(models.TextChoices):
    PLANNED = "planned", "기획순찰"
    ROUTINE = "routine", "상시순찰"
    NIGHT_JOINT = "night_joint", "야간 합동순찰"
    NEIGHBOURHOOD = "neighbourhood", "동네한바퀴"
    DONG_POLICE = "dong_police", "동장·지구대장 합동순찰"


JOINT_KINDS = (RoundKind.NIGHT_JOINT, RoundKind.NEIGHBOURHOOD, RoundKind.DONG_POLICE)


class PatrolRound(models.Model):
    """One patrol round (회차). Participants: office staff (users) plus counts and names of residents and police."""

    number = models.CharField("회차 번호", max_length=20, unique=True)  # "2026-000012" per year
    kind = models.CharField("순찰 유형", max_length=20, choices=RoundKind.choices)
    theme = models.CharField("주제", max_length=200, blank=True, help_text="기획순찰은 주제를 적습니다.")
    date = models.DateField("순찰일")
    start_time = models.TimeField("시작", null=True, blank=True)
    end_time = models.TimeField("종료", null=True, blank=True)
    area = models.ForeignKey(
        "core.OrgUnit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="지역(동)",
    )
    staff = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="patrol_rounds", verbose_name="참여 직원"
    )
    residents = models.PositiveIntegerField("참여 주민 수", default=0)
    police = models.PositiveIntegerField("참여 경찰 수", default=0)
    participants_note = models.CharField("참여자(기관·단체)", max_length=300, blank=True)
    route = models.JSONField("경로", default=list, blank=True, help_text="[[위도, 경도], …]")
    note = models.TextField("비고", blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "순찰"
        verbose_name_plural = "순찰"
        ordering = ["-date", "-number"]
        indexes = [models.Index(fields=["kind", "date"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.date:%Y. %-m. %-d.}"

    @property
    def case_number(self) -> str:
        return self.number
