"""Reads the pages share: the open-case board by nearest 징계시효, outcomes for the yearly report, redaction."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Exists, OuterRef, Q

from gamsa.investigations import permissions as perms
from gamsa.investigations.models import (
    DISCIPLINE_ACTIONS,
    Action,
    Case,
    Source,
    Status,
    Subject,
)

OUTCOMES = [("discipline", "징계"), ("admonition", "훈계 등"), ("closed", "종결"), ("open", "진행")]
SOURCE_GROUPS = [("external", "외부기관 통보"), ("internal", "내부조사·민원·공익신고·청렴톡")]


def open_cases(user):
    """Open cases the user may open, nearest 징계시효 first (cases without one last). Read off the partial index
    inv_case_open_nearest (nearest_expiry, id) WHERE NOT status = 'closed': the filter must say "not closed" as
    the index's condition does (the open statuses are all the others), or SQLite does not match it."""
    qs = perms.visible_cases(user, Case.objects.exclude(status=Status.CLOSED))
    return qs.order_by("nearest_expiry", "id")


def days_left(day: dt.date | None, today: dt.date) -> int | None:
    return None if day is None else (day - today).days


def with_outcomes(qs):
    discipline = Subject.objects.filter(case=OuterRef("pk"), action__in=DISCIPLINE_ACTIONS)
    admonition = Subject.objects.filter(case=OuterRef("pk"), action__in=[Action.ADMONITION, Action.CAUTION])
    return qs.annotate(has_discipline=Exists(discipline), has_admonition=Exists(admonition))


def outcome_of(case) -> str:
    if getattr(case, "has_discipline", None) is None:
        case.has_discipline = case.subjects.filter(action__in=DISCIPLINE_ACTIONS).exists()
        case.has_admonition = case.subjects.filter(action__in=[Action.ADMONITION, Action.CAUTION]).exists()
    if case.has_discipline:
        return "discipline"
    if case.status != Status.CLOSED:
        return "open"
    return "admonition" if case.has_admonition else "closed"


def statistics(year: int) -> dict:
    """Cases received in `year` by source group and outcome (the yearly report's 15 = 3/8/4 shape)."""
    discipline = Subject.objects.filter(case=OuterRef("pk"), action__in=DISCIPLINE_ACTIONS)
    admonition = Subject.objects.filter(case=OuterRef("pk"), action__in=[Action.ADMONITION, Action.CAUTION])
    rows = (
        Case.objects.filter(year=year)
        .annotate(d=Exists(discipline), a=Exists(admonition))
        .values("source", "status", "d", "a")
        .annotate(n=Count("id"))
    )
    table = {g: {o: 0 for o, _ in OUTCOMES} for g, _ in SOURCE_GROUPS}
    by_source = {s: 0 for s in Source.values}
    for row in rows:
        group = "external" if row["source"] == Source.EXTERNAL else "internal"
        if row["d"]:
            outcome = "discipline"
        elif row["status"] != Status.CLOSED:
            outcome = "open"
        else:
            outcome = "admonition" if row["a"] else "closed"
        table[group][outcome] += row["n"]
        by_source[row["source"]] += row["n"]
    return {
        "year": year,
        "groups": [
            {"code": g, "label": label, "total": sum(table[g].values()), **table[g]}
            for g, label in SOURCE_GROUPS
        ],
        "by_source": [{"code": s, "label": Source(s).label, "count": by_source[s]} for s in Source.values],
        "total": sum(by_source.values()),
    }


def redact_name(name: str) -> str:
    """'홍길동' → '홍○○' (the surname kept, the rest masked)."""
    name = (name or "").strip()
    return f"{name[0]}○○" if name else "○○○"


def has_open_subject_block(case) -> bool:
    return bool(case.block_started_on and not case.block_ended_on)


__all__ = ["Q", "days_left", "open_cases", "outcome_of", "redact_name", "statistics", "with_outcomes"]
