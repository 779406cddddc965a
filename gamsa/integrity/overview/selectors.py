"""The programme's figures for a year, in the shape of the yearly report's integrity page (seed Ⅱ-2)."""

from __future__ import annotations

from django.db.models import Count, Sum

from gamsa.integrity.events.models import EventKind, IntegrityEvent, Participant
from gamsa.integrity.letters.models import Batch
from gamsa.integrity.monitoring.models import MonitoringFinding, MonitoringRound
from gamsa.integrity.overview.models import ProgrammeYear
from gamsa.integrity.pledges.selectors import rates as pledge_rates
from gamsa.integrity.survey.models import Questionnaire
from gamsa.integrity.training.models import Completion, Course
from gamsa.integrity.training.selectors import stage_rates


def figures(year: int) -> dict:
    _, pledges = pledge_rates(year)
    completions = Completion.objects.filter(completed_on__year=year)
    self_learning = Course.objects.filter(kind="self_learning").values_list("pk", flat=True)
    per_month = (
        completions.filter(course_id__in=list(self_learning))
        .values("completed_on__month")
        .annotate(n=Count("pk"))
    )
    months = [row["n"] for row in per_month]
    events = []
    for kind, label in EventKind.choices:
        rows = IntegrityEvent.objects.filter(held_on__year=year, kind=kind)
        if not rows.exists():
            continue
        listed = Participant.objects.filter(event__in=rows).count()
        others = rows.aggregate(n=Sum("other_count"))["n"] or 0
        events.append({"kind": label, "count": rows.count(), "people": listed + others})
    letters = Batch.objects.filter(created_at__year=year).aggregate(
        letters=Sum("recipient_count"), emailed=Sum("emailed_count"), batches=Count("pk")
    )
    rounds = MonitoringRound.objects.filter(starts_on__year=year)
    findings = MonitoringFinding.objects.filter(round__in=rounds)
    return {
        "year": year,
        "pledges": pledges,
        "completions": completions.count(),
        "self_learning_monthly": round(sum(months) / len(months)) if months else 0,
        "stages": stage_rates(year),
        "events": events,
        "letters": {k: v or 0 for k, v in letters.items()},
        "monitoring": {
            "rounds": rounds.count(),
            "findings": findings.count(),
            "closed": findings.filter(finding__status="closed").count(),
        },
        "survey": Questionnaire.objects.filter(year=year).first(),
        "budget": ProgrammeYear.objects.filter(year=year).first(),
    }
