"""처리실태 점검: the complaint team's quarterly inspection of each department's grievance handling."""

from __future__ import annotations

from django.conf import settings
from django.db import models

CHECK_ITEMS = [
    ("deadline", "처리기간 준수"),
    ("result", "처리결과 적정"),
    ("followup", "사후관리 적정"),
]


class InspectionRecord(models.Model):
    """One department's result for one quarter: the figures as inspected, the checklist and the letter."""

    year = models.PositiveSmallIntegerField("연도")
    quarter = models.PositiveSmallIntegerField("분기")
    department = models.ForeignKey(
        "core.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name="부서"
    )
    # {"deadline": {"ok": true|false|null, "note": "..."}, "result": {...}, "followup": {...}}
    checklist = models.JSONField("점검 항목", default=dict, blank=True)
    figures = models.JSONField("점검 당시 수치", default=dict, blank=True)
    letter = models.TextField("점검 결과 통보문", blank=True)
    inspected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "처리실태 점검"
        verbose_name_plural = "처리실태 점검"
        ordering = ["-year", "-quarter", "department__path"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "quarter", "department"], name="inspection_quarter_department"
            )
        ]

    def __str__(self) -> str:
        return f"{self.year}년 {self.quarter}분기 {self.department}"

    @property
    def log_label(self) -> str:
        return str(self)
