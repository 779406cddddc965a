"""Per-year case number counters (`2026-000123`), one row per scope and year, locked while incremented."""

from django.db import models


class CaseCounter(models.Model):
    scope = models.CharField(max_length=30)
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "접수번호 카운터"
        verbose_name_plural = "접수번호 카운터"
        constraints = [models.UniqueConstraint(fields=["scope", "year"], name="case_counter_unique")]

    def __str__(self) -> str:
        return f"{self.scope} {self.year}: {self.last}"
