"""반부패 추진상황 보고회: the meeting, its agenda (each department's report) and its minutes."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models


class StatusMeeting(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    held_on = models.DateField("일자")
    title = models.CharField("회의명", max_length=200)
    place = models.CharField("장소", max_length=100, blank=True)
    chair = models.CharField("주재", max_length=60, blank=True)
    attendees = models.TextField("참석자", blank=True)
    minutes = models.TextField("회의 요지", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        app_label = "integrity"
        verbose_name = "반부패 추진상황 보고회"
        verbose_name_plural = "반부패 추진상황 보고회"
        ordering = ["-held_on"]

    def __str__(self) -> str:
        return self.title

    @property
    def log_label(self) -> str:
        return f"보고회 {self.held_on:%Y. %-m. %-d.}"


class AgendaItem(models.Model):
    meeting = models.ForeignKey(StatusMeeting, on_delete=models.CASCADE, related_name="items")
    number = models.PositiveSmallIntegerField("순번")
    title = models.CharField("안건", max_length=200)
    unit = models.ForeignKey(
        "core.OrgUnit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="보고 부서",
    )
    summary = models.TextField("보고 내용", blank=True)
    decision = models.TextField("결정·지시 사항", blank=True)

    class Meta:
        app_label = "integrity"
        verbose_name = "보고회 안건"
        verbose_name_plural = "보고회 안건"
        ordering = ["meeting", "number"]
        constraints = [models.UniqueConstraint(fields=["meeting", "number"], name="agenda_number")]
