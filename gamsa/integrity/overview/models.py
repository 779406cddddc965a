"""The programme's yearly figures that no record holds: its budget (천원) and execution."""

from __future__ import annotations

from django.db import models


class ProgrammeYear(models.Model):
    year = models.PositiveSmallIntegerField("연도", unique=True)
    budget = models.PositiveIntegerField("예산액(천원)", default=0)
    spent = models.PositiveIntegerField("집행액(천원)", default=0)
    note = models.CharField("비고", max_length=200, blank=True)

    class Meta:
        app_label = "integrity"
        verbose_name = "청렴 시책 연도별 예산"
        verbose_name_plural = "청렴 시책 연도별 예산"
        ordering = ["-year"]

    def __str__(self) -> str:
        return f"{self.year}년 {self.budget:,}천원"
