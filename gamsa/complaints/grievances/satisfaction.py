"""The complainants' satisfaction per department for the quarterly inspection (처리실태 점검).

Counted over the surveys of the grievances RECEIVED in the quarter (the basis of every other figure of the
inspection), given by `as_of`; the department is the one that answered (kept on the survey). Satisfied means
4 (만족) or 5 (매우 만족).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Avg, Count, Q
from django.utils import timezone

from gamsa.complaints.grievances.models import SatisfactionSurvey


@dataclass
class DepartmentSatisfaction:
    department: str
    answers: int
    average: float | None
    satisfied: int

    @property
    def satisfied_rate(self) -> float | None:
        return round(100 * self.satisfied / self.answers, 1) if self.answers else None


def by_department(
    start: dt.datetime, end: dt.datetime, *, as_of: dt.datetime | None = None
) -> tuple[list[DepartmentSatisfaction], DepartmentSatisfaction]:
    """(one row per department that has answers, the total row)."""
    as_of = as_of or timezone.now()
    surveys = SatisfactionSurvey.objects.filter(
        grievance__received_at__gte=start, grievance__received_at__lt=end, submitted_at__lte=as_of
    )
    satisfied = Count("id", filter=Q(score__gte=SatisfactionSurvey.SATISFIED_FROM))
    rows = (
        surveys.values("department__name", "department__path")
        .annotate(answers=Count("id"), average=Avg("score"), satisfied=satisfied)
        .order_by("department__path")
    )
    found = [
        DepartmentSatisfaction(
            department=r["department__name"] or "(부서 없음)",
            answers=r["answers"],
            average=round(r["average"], 2) if r["average"] is not None else None,
            satisfied=r["satisfied"],
        )
        for r in rows
    ]
    total = surveys.aggregate(answers=Count("id"), average=Avg("score"), satisfied=satisfied)
    return found, DepartmentSatisfaction(
        department="합계",
        answers=total["answers"],
        average=round(total["average"], 2) if total["average"] is not None else None,
        satisfied=total["satisfied"],
    )


def load_demo_surveys() -> None:
    """Demo: answered demo grievances rated by their complainants, so that the inspection's table has figures. Runs
    once (nothing is added when any survey exists)."""
    from gamsa.complaints.grievances import services as svc
    from gamsa.complaints.grievances.models import Grievance, Status

    if SatisfactionSurvey.objects.exists():
        return
    scores = [5, 4, 2, 4, 3, 5, 1, 4]
    answered = Grievance.objects.filter(status=Status.ANSWERED, department__isnull=False).order_by(
        "received_at"
    )
    for i, g in enumerate(answered[: len(scores)]):
        comment = "빨리 처리해 주셔서 고맙습니다." if scores[i] >= 4 else ""
        svc.submit_survey(None, g, score=scores[i], comment=comment)
