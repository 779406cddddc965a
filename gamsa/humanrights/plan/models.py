"""The yearly plan (인권보장 및 증진 세부추진계획, March) with its measures and targets, and the December
evaluation (종합평가) that records what each measure achieved against its target."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models


class Metric(models.TextChoices):
    """Where a measure's result can be counted from the system's own records (the evaluation offers the count)."""

    MANUAL = "manual", "직접 입력"
    EDU_STAFF_SESSIONS = "edu_staff_sessions", "직원 인권교육 횟수"
    EDU_STAFF_PEOPLE = "edu_staff_people", "직원 인권교육 참여 인원"
    EDU_RESIDENT_SESSIONS = "edu_resident_sessions", "주민 인권교육 횟수"
    EDU_RESIDENT_PEOPLE = "edu_resident_people", "주민 인권교육 참여 인원"
    EDU_VISITING_SITES = "edu_visiting_sites", "찾아가는 인권교육 기관·시설 수"
    EDU_VISITING_PEOPLE = "edu_visiting_people", "찾아가는 인권교육 참여 인원"
    EDU_TOUR_SESSIONS = "edu_tour_sessions", "인권현장 탐방 횟수"
    EDU_TOUR_PEOPLE = "edu_tour_people", "인권현장 탐방 참여 인원"
    COMMITTEE_MEETINGS = "committee_meetings", "인권위원회 회의 수"
    MONITOR_MEMBERS = "monitor_members", "구민인권지킴이단 위촉 인원"
    MONITOR_ACTIVITIES = "monitor_activities", "지킴이단 모니터링·캠페인 수"
    ASSESSMENTS = "assessments", "인권영향평가 건수"
    CONTEST_ENTRIES = "contest_entries", "인권 공모전 응모작 수"


class Plan(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    year = models.PositiveSmallIntegerField("연도", unique=True)
    title = models.CharField("계획명", max_length=150)
    basis = models.CharField("근거 기본계획", max_length=150, blank=True)
    established_on = models.DateField("수립일")
    summary = models.TextField("추진 방향", blank=True)
    evaluated_on = models.DateField("종합평가일", null=True, blank=True)
    evaluation_summary = models.TextField("종합평가 의견", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "인권 세부추진계획"
        verbose_name_plural = "인권 세부추진계획"
        ordering = ["-year"]

    def __str__(self) -> str:
        return self.title

    @property
    def log_label(self) -> str:
        return f"{self.year}년 인권 세부추진계획"


class Measure(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="measures")
    order = models.PositiveSmallIntegerField("순서", default=0)
    area = models.CharField("추진 분야", max_length=60)
    title = models.CharField("세부 사업", max_length=150)
    unit = models.CharField("단위", max_length=10, default="회")
    target = models.PositiveIntegerField("목표")
    metric = models.CharField("실적 집계", max_length=30, choices=Metric.choices, default=Metric.MANUAL)
    actual = models.PositiveIntegerField("실적", null=True, blank=True)
    evaluation_note = models.CharField("평가 의견", max_length=300, blank=True)

    class Meta:
        verbose_name = "세부 사업"
        verbose_name_plural = "세부 사업"
        ordering = ["plan", "order", "id"]

    def __str__(self) -> str:
        return self.title

    @property
    def achievement(self) -> int | None:
        """Achieved against the target in whole percent (None before the evaluation)."""
        if self.actual is None or not self.target:
            return None
        return round(self.actual * 100 / self.target)

    @property
    def achieved(self) -> bool | None:
        return None if self.actual is None else self.actual >= self.target
