"""Local guardians (내 지역 지킴이) and their training sessions."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Guardian(models.Model):
    """내 지역 지킴이: a volunteer account (core role VOLUNTEER) with its 동 and term."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="guardian")
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
        verbose_name = "내 지역 지킴이"
        verbose_name_plural = "내 지역 지킴이"
        ordering = ["-appointed_on"]

    def __str__(self) -> str:
        return str(self.user)


class GuardianTraining(models.Model):
    """A training session for guardians and who attended."""

    title = models.CharField("교육명", max_length=200)
    held_on = models.DateField("교육일")
    hours = models.DecimalField("시간", max_digits=4, decimal_places=1, default=1)
    place = models.CharField("장소", max_length=200, blank=True)
    attendees = models.ManyToManyField(Guardian, blank=True, related_name="trainings", verbose_name="참석자")
    note = models.TextField("내용", blank=True)

    class Meta:
        verbose_name = "지킴이 교육"
        verbose_name_plural = "지킴이 교육"
        ordering = ["-held_on"]
