"""청렴서약서: a yearly text in versions (data), and each staff member's signature (who, when, which version)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models


class PledgeText(models.Model):
    """One version of a year's pledge. A signed version is never edited: a change is a new version."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    year = models.PositiveSmallIntegerField("연도")
    version = models.PositiveSmallIntegerField("판")
    title = models.CharField("제목", max_length=200)
    body = models.TextField("서약 내용")
    effective_from = models.DateField("시행일")
    sign_by = models.DateField("서명 기한", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        app_label = "integrity"
        verbose_name = "청렴서약서 문안"
        verbose_name_plural = "청렴서약서 문안"
        ordering = ["-year", "-version"]
        constraints = [models.UniqueConstraint(fields=["year", "version"], name="pledge_text_version")]

    def __str__(self) -> str:
        return f"{self.year}년 {self.title} (제{self.version}판)"

    @property
    def log_label(self) -> str:
        return f"{self.year}년 청렴서약서 제{self.version}판"


class PledgeSignature(models.Model):
    """A signature: the signed-in staff member's act, with the time and the text version (no image)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    text = models.ForeignKey(PledgeText, on_delete=models.PROTECT, related_name="signatures")
    year = models.PositiveSmallIntegerField("연도")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(
        "core.OrgUnit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="서명 당시 소속",
    )
    signed_at = models.DateTimeField("서명 일시")

    class Meta:
        app_label = "integrity"
        verbose_name = "청렴서약서 서명"
        verbose_name_plural = "청렴서약서 서명"
        constraints = [models.UniqueConstraint(fields=["year", "user"], name="pledge_once_a_year")]
        indexes = [models.Index(fields=["year", "unit"])]

    @property
    def log_label(self) -> str:
        return f"{self.year}년 청렴서약서 서명"
