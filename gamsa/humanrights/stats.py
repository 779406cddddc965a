"""The programme's figures for the yearly report (주요업무 보고, Ⅱ-2 인권) and for the plan's evaluation: counts
per programme line in the seed's shape (직원 2회 153명, 주민 3회 68명, 6개소 126명, 4회 70명, 41건 중 9건 개정권고 …).
No personal data: counts only."""

from __future__ import annotations

from django.db.models import Count, Q, Sum

from gamsa.humanrights.models import (
    AUDIENCE_LINES,
    Activity,
    ActivityKind,
    Audience,
    Cohort,
    Contest,
    Draft,
    Meeting,
    Metric,
    Monitor,
    Plan,
    Recommendation,
    Session,
    Term,
    Training,
)


def education_counts(year: int) -> list[dict]:
    """Per audience: sessions (for visiting sessions, the distinct institutions) and participants."""
    rows = {
        r["audience"]: r
        for r in Session.objects.filter(year=year)
        .values("audience")
        .annotate(
            sessions=Count("id"),
            sites=Count("institution", distinct=True, filter=~Q(institution="")),
            people=Sum("headcount"),
        )
    }
    out = []
    for audience in Audience:
        row = rows.get(audience.value, {})
        group, programme, unit = AUDIENCE_LINES[audience]
        count = row.get("sites", 0) if audience == Audience.VISITING else row.get("sessions", 0)
        out.append(
            {
                "audience": audience.value,
                "label": audience.label,
                "group": group,
                "programme": programme,
                "count": count or 0,
                "unit": unit,
                "sessions": row.get("sessions", 0) or 0,
                "participants": row.get("people") or 0,
            }
        )
    return out


def assessment_counts(year: int) -> dict:
    """Drafts assessed in `year` (by the day of assessment) and how many got a 개정 권고; drafts received and still
    open in the year."""
    assessed = Draft.objects.filter(assessed_on__year=year)
    agg = assessed.aggregate(
        total=Count("id"), revise=Count("id", filter=Q(recommendation=Recommendation.REVISE))
    )
    return {
        "assessed": agg["total"] or 0,
        "revision_recommended": agg["revise"] or 0,
        "received": Draft.objects.filter(year=year).count(),
        "pending": Draft.objects.filter(year=year, assessed_on__isnull=True).count(),
        "answered": assessed.filter(responded_on__isnull=False).count(),
    }


def committee_counts(year: int) -> dict:
    term = Term.objects.filter(starts_on__year__lte=year, ends_on__year__gte=year).order_by("-number").first()
    return {
        "term": term.number if term else None,
        "meetings": Meeting.objects.filter(held_on__year=year).count(),
        "members": term.members.filter(left_on__isnull=True).count() if term else 0,
    }


def monitor_counts(year: int) -> dict:
    cohort = (
        Cohort.objects.filter(starts_on__year__lte=year, ends_on__year__gte=year).order_by("-number").first()
    )
    by_kind = dict(Activity.objects.filter(year=year).values_list("kind").annotate(n=Count("id")))
    trained = (
        Monitor.objects.filter(cohort=cohort, trainings__held_on__year=year).distinct().count()
        if cohort
        else 0
    )
    return {
        "cohort": cohort.number if cohort else None,
        "members": Monitor.objects.filter(cohort=cohort).count() if cohort else 0,
        "trained": trained,
        "trainings": Training.objects.filter(held_on__year=year).count(),
        "monitoring": by_kind.get(ActivityKind.MONITORING, 0),
        "campaigns": by_kind.get(ActivityKind.CAMPAIGN, 0),
    }


def contest_counts(year: int) -> dict:
    contest = Contest.objects.filter(year=year).first()
    if contest is None:
        return {"held": False, "entries": 0, "winners": 0}
    return {
        "held": True,
        "title": contest.title,
        "entries": contest.entries.count(),
        "winners": contest.entries.exclude(prize="").count(),
        "announced_on": contest.announced_on,
    }


def yearly_figures(year: int) -> dict:
    plan = Plan.objects.filter(year=year).first()
    return {
        "year": year,
        "plan": {
            "established_on": plan.established_on if plan else None,
            "evaluated_on": plan.evaluated_on if plan else None,
            "measures": plan.measures.count() if plan else 0,
        },
        "education": education_counts(year),
        "committee": committee_counts(year),
        "monitors": monitor_counts(year),
        "assessments": assessment_counts(year),
        "contest": contest_counts(year),
    }


def metric_value(metric: str, year: int) -> int | None:
    """The count the system holds for a measure's metric in `year` (None for 직접 입력)."""
    if metric == Metric.MANUAL:
        return None
    edu = {row["audience"]: row for row in education_counts(year)}
    values = {
        Metric.EDU_STAFF_SESSIONS: lambda: edu["staff"]["count"],
        Metric.EDU_STAFF_PEOPLE: lambda: edu["staff"]["participants"],
        Metric.EDU_RESIDENT_SESSIONS: lambda: edu["resident"]["count"],
        Metric.EDU_RESIDENT_PEOPLE: lambda: edu["resident"]["participants"],
        Metric.EDU_VISITING_SITES: lambda: edu["visiting"]["count"],
        Metric.EDU_VISITING_PEOPLE: lambda: edu["visiting"]["participants"],
        Metric.EDU_TOUR_SESSIONS: lambda: edu["tour"]["count"],
        Metric.EDU_TOUR_PEOPLE: lambda: edu["tour"]["participants"],
        Metric.COMMITTEE_MEETINGS: lambda: committee_counts(year)["meetings"],
        Metric.MONITOR_MEMBERS: lambda: monitor_counts(year)["members"],
        Metric.MONITOR_ACTIVITIES: lambda: (lambda m: m["monitoring"] + m["campaigns"])(monitor_counts(year)),
        Metric.ASSESSMENTS: lambda: assessment_counts(year)["assessed"],
        Metric.CONTEST_ENTRIES: lambda: contest_counts(year)["entries"],
    }
    return int(values[metric]())
