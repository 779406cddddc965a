"""Events with participants, and the December awards: criteria in force, nominees, scores, the decision."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone

from gamsa.core.models import OrgUnit, User
from gamsa.core.services import record_event
from gamsa.integrity.events.models import (
    AwardCriterion,
    AwardKind,
    AwardRound,
    IntegrityEvent,
    Nominee,
    Participant,
    ParticipantKind,
    Score,
)
from gamsa.integrity.training.services import staff_by_numbers


class EventError(ValueError):
    """Korean message."""


@transaction.atomic
def create_event(
    actor: User,
    *,
    kind: str,
    title: str,
    held_on: dt.date,
    place: str = "",
    description: str = "",
    other_count: int = 0,
) -> IntegrityEvent:
    event = IntegrityEvent.objects.create(
        kind=kind,
        title=title.strip(),
        held_on=held_on,
        place=place.strip(),
        description=description.strip(),
        other_count=other_count or 0,
        created_by=actor,
    )
    record_event(actor, "events.created", event, kind=kind, held_on=held_on)
    return event


def _number(text: str) -> int | None:
    text = (text or "").strip()
    return int(text) if text.isdigit() else None


def parse_lines(text: str) -> list[list[str]]:
    return [[c.strip() for c in line.split(",")] for line in (text or "").splitlines() if line.strip()]


@transaction.atomic
def add_participants(
    actor: User, event: IntegrityEvent, *, staff_lines: str = "", other_lines: str = "", other_kind: str = ""
) -> int:
    """Staff lines: `공무원번호[, 점수[, 수상]]`; other lines: `성명, 소속[, 점수[, 수상]]`. Any bad line refuses all."""
    staff_rows, other_rows = parse_lines(staff_lines), parse_lines(other_lines)
    staff = staff_by_numbers(r[0] for r in staff_rows)
    problems = [
        f"{i}번째 직원 줄: 공무원번호 {r[0]}이(가) 명부에 없습니다"
        for i, r in enumerate(staff_rows, 1)
        if r[0] not in staff
    ]
    problems += [f"{i}번째 외부 참여자 줄: 성명이 없습니다" for i, r in enumerate(other_rows, 1) if not r[0]]
    if problems:
        raise EventError("; ".join(problems[:10]))
    if not staff_rows and not other_rows:
        raise EventError("참여자를 한 줄에 한 명씩 입력하세요.")
    added = 0
    for r in staff_rows:
        user = staff[r[0]]
        _, created = Participant.objects.get_or_create(
            event=event,
            user=user,
            defaults={
                "kind": ParticipantKind.STAFF,
                "name": user.full_name,
                "affiliation": user.unit.name if user.unit_id else "",
                "score": _number(r[1]) if len(r) > 1 else None,
                "prize": r[2][:60] if len(r) > 2 else "",
            },
        )
        added += created
    kind = other_kind if other_kind in ParticipantKind.values else ParticipantKind.RESIDENT
    for r in other_rows:
        Participant.objects.create(
            event=event,
            kind=kind,
            name=r[0][:50],
            affiliation=r[1][:100] if len(r) > 1 else "",
            score=_number(r[2]) if len(r) > 2 else None,
            prize=r[3][:60] if len(r) > 3 else "",
        )
        added += 1
    record_event(actor, "events.participants_added", event, added=added)
    return added


# --- awards -----------------------------------------------------------------------------------------------------


def criteria_for(kind: str, day: dt.date) -> list[AwardCriterion]:
    """The set of criteria in force on `day` for the award kind (the latest set that had started)."""
    start = (
        AwardCriterion.objects.filter(kind=kind, effective_from__lte=day)
        .order_by("-effective_from")
        .values_list("effective_from", flat=True)
        .first()
    )
    if start is None:
        return []
    return list(AwardCriterion.objects.filter(kind=kind, effective_from=start).order_by("sort_order", "pk"))


@transaction.atomic
def open_round(actor: User, *, year: int, kind: str, judged_on: dt.date, winners: int = 3) -> AwardRound:
    if kind not in AwardKind.values:
        raise EventError("포상 구분이 올바르지 않습니다.")
    if AwardRound.objects.filter(year=year, kind=kind).exists():
        raise EventError(f"{year}년 {AwardKind(kind).label} 심사가 이미 있습니다.")
    if not criteria_for(kind, judged_on):
        raise EventError("심사일에 시행 중인 평가 기준이 없습니다. 관리 화면에서 기준을 등록하세요.")
    found = AwardRound.objects.create(
        year=year, kind=kind, judged_on=judged_on, winners=winners, created_by=actor
    )
    record_event(actor, "awards.round_opened", found, year=year, kind=kind)
    return found


@transaction.atomic
def nominate(
    actor: User, award: AwardRound, *, unit: OrgUnit | None = None, user: User | None = None, reason: str = ""
) -> Nominee:
    award = AwardRound.objects.get(pk=award.pk)
    if award.decided_at:
        raise EventError("선정을 확정한 심사에는 후보를 더할 수 없습니다.")
    if award.kind == AwardKind.DEPARTMENT and unit is None:
        raise EventError("우수부서 심사는 부서를 고르세요.")
    if award.kind != AwardKind.DEPARTMENT and user is None:
        raise EventError("공무원 포상은 직원(공무원번호)을 입력하세요.")
    nominee = Nominee.objects.create(
        round=award,
        unit=unit if award.kind == AwardKind.DEPARTMENT else None,
        user=user if award.kind != AwardKind.DEPARTMENT else None,
        reason=reason.strip(),
    )
    record_event(actor, "awards.nominated", award, nominee=str(nominee.public_id))
    return nominee


def _rank(award: AwardRound) -> None:
    ordered = sorted(award.nominees.all(), key=lambda n: (-n.total, n.pk))
    for i, n in enumerate(ordered, start=1):
        if n.rank != i:
            Nominee.objects.filter(pk=n.pk).update(rank=i)


@transaction.atomic
def score(actor: User, nominee: Nominee, points: dict[int, str]) -> Nominee:
    """`points`: criterion id → points as typed. Each within 0 … the criterion's maximum."""
    award = AwardRound.objects.get(pk=nominee.round_id)  # fresh: the decision may have come since
    if award.decided_at:
        raise EventError("선정을 확정한 심사의 점수는 고칠 수 없습니다.")
    criteria = {c.pk: c for c in criteria_for(award.kind, award.judged_on)}
    parsed = {}
    for pk, raw in points.items():
        if pk not in criteria or raw in (None, ""):
            continue
        try:
            value = Decimal(str(raw)).quantize(Decimal("0.1"))
        except InvalidOperation:
            raise EventError(f"'{criteria[pk].name}' 점수는 숫자로 입력하세요.") from None
        if not 0 <= value <= criteria[pk].max_points:
            raise EventError(f"'{criteria[pk].name}' 점수는 0부터 {criteria[pk].max_points}점까지입니다.")
        parsed[pk] = value
    for pk, value in parsed.items():
        Score.objects.update_or_create(nominee=nominee, criterion_id=pk, defaults={"points": value})
    nominee.total = sum(nominee.scores.values_list("points", flat=True), Decimal(0))
    nominee.save(update_fields=["total"])
    _rank(award)
    record_event(actor, "awards.scored", award, nominee=str(nominee.public_id), total=nominee.total)
    return nominee


@transaction.atomic
def decide(actor: User, award: AwardRound) -> list[Nominee]:
    award = AwardRound.objects.select_for_update().get(pk=award.pk)
    if award.decided_at:
        raise EventError("이미 선정을 확정했습니다.")
    _rank(award)
    chosen = list(award.nominees.filter(total__gt=0).order_by("rank")[: award.winners])
    Nominee.objects.filter(pk__in=[n.pk for n in chosen]).update(selected=True)
    award.decided_at = timezone.now()
    award.save(update_fields=["decided_at"])
    record_event(actor, "awards.decided", award, selected=len(chosen))
    return chosen


def sheet(award: AwardRound) -> tuple[list[AwardCriterion], list[dict]]:
    """The scoring sheet: criteria (columns) and one row per nominee (points by criterion, total, rank)."""
    criteria = criteria_for(award.kind, award.judged_on)
    rows = []
    for n in award.nominees.select_related("unit", "user", "user__unit").prefetch_related("scores"):
        by = {s.criterion_id: s.points for s in n.scores.all()}
        rows.append(
            {
                "nominee": n,
                "label": n.unit.name
                if n.unit_id
                else (
                    f"{n.user.display_name} ({n.user.unit.name if n.user.unit_id else ''})"
                    if n.user_id
                    else ""
                ),
                "points": [by.get(c.pk) for c in criteria],
                "total": n.total,
                "rank": n.rank,
                "selected": n.selected,
            }
        )
    rows.sort(key=lambda r: r["rank"] or 9999)
    return criteria, rows
